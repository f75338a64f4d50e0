"""Where Raqib's data lives.

Every part of the product asks this module for its data folders, so one rule holds everywhere:

1. an explicit argument (a CLI flag, a function parameter),
2. an environment variable (``STANZA_RESOURCES_DIR``, ``RAQIB_GAZETTEER_DIR``, ``RAQIB_DB``),
3. ``../shared/...`` beside the project root, when it exists (offline machines, CI),
4. the user's default location, filled by the real download (``stanza.download('ar')``,
   the gazetteer sources' URLs).

A resource that is still missing raises :class:`MissingResourceError`, whose message says what to run.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = PROJECT_ROOT.parent / "shared"
USER_DATA_DIR = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "raqib"
DEFAULT_DB = PROJECT_ROOT / "data" / "raqib.db"
SEEDS_DIR_NAME = "seeds"


class MissingResourceError(FileNotFoundError):
    """A data folder Raqib needs is not there; the message says how to get it."""


def _first_existing(explicit: str | os.PathLike | None, env_var: str, shared_sub: str) -> Path | None:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(env_var)
    if env:
        return Path(env).expanduser()
    shared = SHARED_DIR / shared_sub
    if shared.exists():
        return shared
    return None


def stanza_resources_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Folder with Stanza's ``resources.json`` and ``ar/`` models.

    Falls back to Stanza's own default (``~/stanza_resources``); the caller downloads there when
    ``resources.json`` is missing (see ``extraction.pipeline``).
    """
    found = _first_existing(explicit, "STANZA_RESOURCES_DIR", "stanza_resources")
    if found is not None:
        return found
    return Path(os.environ.get("STANZA_RESOURCES_DIR_DEFAULT", Path.home() / "stanza_resources"))


def stanza_models_present(path: Path) -> bool:
    """True when ``path`` holds a resources.json and Arabic models (no download needed)."""
    return (path / "resources.json").is_file() and (path / "ar").is_dir()


def gazetteer_dir(explicit: str | os.PathLike | None = None, *, must_exist: bool = True) -> Path:
    """Folder with the gazetteer sources (places CSVs, admin_opensyria/, boundaries/)."""
    found = _first_existing(explicit, "RAQIB_GAZETTEER_DIR", "gazetteer")
    path = found if found is not None else USER_DATA_DIR / "gazetteer_sources"
    if must_exist and not path.is_dir():
        raise MissingResourceError(
            f"Gazetteer sources not found at {path}. Set RAQIB_GAZETTEER_DIR to a folder with the "
            "sources (see ../shared/gazetteer/SOURCES.md), or run `python -m gazetteer download` "
            "to fetch them."
        )
    return path


def seeds_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Folder of sample articles ingested on a first run (read in place, never copied)."""
    found = _first_existing(explicit, "RAQIB_SEEDS_DIR", SEEDS_DIR_NAME)
    if found is None or not found.is_dir():
        raise MissingResourceError(
            "Sample articles not found: set RAQIB_SEEDS_DIR or ingest your own with "
            "`python -m incidents ingest PATH`."
        )
    return found


def cache_dir() -> Path:
    """Writable folder for derived files (the gazetteer index). ``RAQIB_CACHE_DIR`` overrides."""
    env = os.environ.get("RAQIB_CACHE_DIR")
    path = Path(env).expanduser() if env else PROJECT_ROOT / "data" / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_location(explicit: str | os.PathLike | None = None) -> str:
    """The store: a SQLite file path or a database URL (``postgresql://...``).

    ``--db`` wins, then ``RAQIB_DB``, then ``data/raqib.db`` in the project.
    """
    if explicit:
        return str(explicit)
    env = os.environ.get("RAQIB_DB")
    if env:
        return env
    return str(DEFAULT_DB)
