"""Exports: ACLED-like CSV and GeoJSON of *events* (one row per attack, de-duplicated).

Why events, not incidents: a journalist counting attacks must not count one attack twice because
two outlets reported it; every source stays listed (``source``, ``article_url``, ``n_sources``).

Decisions (README "Export"):
- Unknown numbers stay empty (CSV) / null (GeoJSON): ``fatalities`` is never 0 when the articles
  did not give a number (ACLED writes 0; we refuse to invent one).
- Attribution: CSV has a last column ``attribution`` with the same text on every row (a leading
  comment line breaks spreadsheet and pandas readers; a column survives filtering and copying rows).
  GeoJSON carries it as a top-level ``attribution`` member (and in ``properties``).
- GeoJSON keeps events without coordinates as features with ``"geometry": null`` (valid
  RFC 7946), so the CSV and the GeoJSON of one filter hold the same events; map tools skip them.
- ``source``: the distinct outlet names (else article titles) of all sources, ``; ``-separated;
  ``article_url``: all their URLs, the representative article first.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pandas as pd

from incidents.filters import IncidentFilter
from incidents.store import Store

ACLED_COLUMNS = [
    "event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "fatalities", "source", "notes",
]
OUR_COLUMNS = ["wounded", "captured", "perpetrator_id", "target_id", "evidence_ar", "confidence",
               "article_url", "n_sources", "is_background"]
CSV_COLUMNS = [*ACLED_COLUMNS, *OUR_COLUMNS, "attribution"]
RAQIB_NOTE = ("Raqib: events extracted automatically from Arabic news articles; "
              "check each event against its sources before publishing.")


def attribution() -> str:
    """Our note plus the gazetteer's data attribution (places and boundaries licences)."""
    from gazetteer import ATTRIBUTION

    return f"{RAQIB_NOTE} {ATTRIBUTION}"


def _none(v: Any) -> Any:
    """pandas missing values (NA, NaN, None) -> None."""
    if v is None or isinstance(v, (list, dict, str)):
        return v
    return None if pd.isna(v) else v


def _int(v: Any) -> int | None:
    v = _none(v)
    return int(v) if v is not None else None


def _join_unique(values) -> str:
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return "; ".join(seen)


def event_records(store: Store, flt: IncidentFilter | None = None) -> list[dict[str, Any]]:
    """The export rows (typed values, None when unknown) for the filtered events."""
    from extraction.triggers import acled_types

    df = store.query_events(flt or IncidentFilter())
    note_attr = attribution()
    out: list[dict[str, Any]] = []
    for r in df.to_dict("records"):
        event_type, sub_event_type = acled_types(r["attack_type"])
        sources = r["sources"] or []
        n = _int(r["n_sources"]) or len({s["article_id"] for s in sources}) or 1
        notes = [f"{r['attack_type'].replace('_', ' ')}; reported by {n} source{'s' if n != 1 else ''}."]
        if r["date_precision"] and r["date_precision"] != "day":
            notes.append(f"Date precision: {r['date_precision']}.")
        if _none(r["casualty_note"]):
            notes.append(f"Casualties: {r['casualty_note']}.")
        if r["is_background"]:
            notes.append("Only mentioned as past context in its sources.")
        urls = [r["article_url"], *(s.get("url") for s in sources)]
        out.append({
            "event_id": r["event_id"], "event_date": _none(r["event_date"]),
            "event_type": event_type, "sub_event_type": sub_event_type,
            "actor1": _none(r["perpetrator_name_en"]), "actor2": _none(r["target_name_en"]),
            "admin1": _none(r["admin1"]), "admin2": _none(r["admin2"]), "admin3": _none(r["admin3"]),
            "location": _none(r["location_name_en"]) or _none(r["location_name_ar"]) or _none(r["location_text"]),
            "latitude": _none(r["lat"]), "longitude": _none(r["lon"]), "geo_precision": _int(r["precision"]),
            "fatalities": _int(r["killed"]),
            "source": _join_unique((s.get("source") or s.get("title")) for s in sources) or None,
            "notes": " ".join(notes),
            "wounded": _int(r["wounded"]), "captured": _int(r["captured"]),
            "perpetrator_id": _none(r["perpetrator_id"]), "target_id": _none(r["target_id"]),
            "evidence_ar": _none(r["evidence_text"]), "confidence": _none(r["confidence"]),
            "article_url": _join_unique(urls) or None, "n_sources": n, "is_background": bool(r["is_background"]),
            "attribution": note_attr,
        })
    return out


def export_csv(store: Store, flt: IncidentFilter | None = None) -> str:
    """ACLED-like CSV text (UTF-8, no BOM; add one when saving for Excel)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for rec in event_records(store, flt):
        w.writerow({k: ("" if v is None else v) for k, v in rec.items()})
    return buf.getvalue()


def export_geojson(store: Store, flt: IncidentFilter | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (dict) of the events; undated/unplaced ones have null geometry."""
    features = []
    for rec in event_records(store, flt):
        props = {k: v for k, v in rec.items() if k != "attribution"}
        lat, lon = rec["latitude"], rec["longitude"]
        geometry = ({"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
                    if lat is not None and lon is not None else None)
        features.append({"type": "Feature", "id": rec["event_id"], "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "name": "raqib_events", "attribution": attribution(),
            "features": features}


def geojson_text(collection: dict[str, Any]) -> str:
    return json.dumps(collection, ensure_ascii=False) + "\n"
