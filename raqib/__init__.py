"""Shared plumbing for Raqib's parts: data paths only (each part owns its own logic)."""
