"""Arabic incident extraction: article -> Stanza doc -> incidents with evidence offsets.

Import-light: heavy modules (Stanza, torch) load only when a pipeline is built.
"""
