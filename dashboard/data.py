"""Reading the incident store for the pages, cached on (filter, store change marker).

Why: every widget change reruns the page script. The store is read through the ``incidents`` data
layer only, once per distinct filter and store state; pages then only draw. The change marker is
the SQLite file's size/mtime (plus its write-ahead log), so an ingest running beside the dashboard
shows up on the next rerun without a restart.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from incidents.filters import IncidentFilter
from raqib.paths import database_location


def store_location() -> str:
    """Where the store is: RAQIB_DB, else data/raqib.db (raqib.paths)."""
    return database_location()


def _is_url(location: str) -> bool:
    return "://" in location


def change_marker(location: str) -> tuple:
    """A cheap value that changes whenever the store changes (cache key for the loaders)."""
    if _is_url(location):
        with opened_store(location) as store:
            return ("url", tuple(sorted(store.counts().items())))
    marker: list[Any] = ["file"]
    for suffix in ("", "-wal"):
        try:
            s = os.stat(location + suffix)
            marker += [s.st_size, s.st_mtime_ns]
        except OSError:
            marker += [None, None]
    return tuple(marker)


@contextmanager
def opened_store(location: str) -> Iterator[Any]:
    from incidents.store import open_store

    store = open_store(location)
    try:
        yield store
    finally:
        store.close()


@st.cache_data(show_spinner=False, max_entries=16)
def load_counts(location: str, marker: tuple) -> dict[str, int]:
    with opened_store(location) as store:
        return dict(store.counts())


@st.cache_data(show_spinner=False, max_entries=64)
def load_events(location: str, flt: IncidentFilter, marker: tuple) -> pd.DataFrame:
    """One row per event (deduplicated across sources), the columns of ``Store.query_events``."""
    with opened_store(location) as store:
        return store.query_events(flt)


@st.cache_data(show_spinner=False, max_entries=16)
def load_event_sources(location: str, event_id: str, marker: tuple) -> pd.DataFrame:
    with opened_store(location) as store:
        return store.event_sources(event_id)


@st.cache_data(show_spinner=False, max_entries=8)
def export_csv_text(location: str, flt: IncidentFilter, marker: tuple) -> str:
    from incidents.export import export_csv

    with opened_store(location) as store:
        return export_csv(store, flt)


@st.cache_data(show_spinner=False, max_entries=8)
def export_geojson_text(location: str, flt: IncidentFilter, marker: tuple) -> str:
    from incidents.export import export_geojson

    with opened_store(location) as store:
        return json.dumps(export_geojson(store, flt), ensure_ascii=False)


@dataclass(frozen=True)
class Boundaries:
    path: Path | None
    error: str | None


@st.cache_resource(show_spinner=False)
def boundaries_path() -> Boundaries:
    """The geoBoundaries adm1 file from the gazetteer; an error message instead when it is missing
    (the map then draws points only)."""
    try:
        import gazetteer

        finder = getattr(gazetteer, "boundaries_path", None)
        if callable(finder):
            path = Path(finder(1))
        elif hasattr(gazetteer, "get_gazetteer"):
            path = Path(gazetteer.get_gazetteer().boundaries_path(1))
        else:  # the gazetteer package without its index: the file named in SOURCES.md
            from raqib.paths import gazetteer_dir

            path = gazetteer_dir() / "boundaries" / "syr_adm1_governorates.geojson"
        if not path.is_file():
            return Boundaries(None, f"{path} does not exist")
        return Boundaries(path, None)
    except Exception as exc:  # noqa: BLE001 - any gazetteer problem must not break the map
        return Boundaries(None, str(exc) or type(exc).__name__)


@st.cache_data(show_spinner=False)
def load_boundaries_geojson(path: str) -> dict:
    from dashboard.mapping import load_boundaries

    return load_boundaries(Path(path))


@st.cache_data(show_spinner=False)
def governorate_options() -> list[dict[str, str]]:
    """[{pcode, name_en, name_ar}] for the governorate filter: from the gazetteer, else from the
    boundaries file's properties, else empty (the filter is then hidden)."""
    try:
        import gazetteer

        govs = gazetteer.get_gazetteer().governorates()
        out = [{"pcode": g["pcode"], "name_en": g["name_en"], "name_ar": g["name_ar"]} for g in govs]
        if out:
            return sorted(out, key=lambda g: g["name_en"])
    except Exception:  # noqa: BLE001 - fall back to the boundaries file below
        pass
    b = boundaries_path()
    if b.path is None:
        return []
    try:
        data = load_boundaries_geojson(str(b.path))
    except ValueError:
        return []
    out = []
    for f in data.get("features", []):
        p = f.get("properties", {})
        if p.get("adm1_pcode"):
            out.append({"pcode": p["adm1_pcode"], "name_en": p.get("adm1_en") or p["adm1_pcode"],
                        "name_ar": p.get("adm1_ar") or p.get("adm1_en") or p["adm1_pcode"]})
    return sorted(out, key=lambda g: g["name_en"])
