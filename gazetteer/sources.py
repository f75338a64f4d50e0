"""Readers for the gazetteer sources (see ../shared/gazetteer/SOURCES.md) and our curated files.

Why a module of its own: each source has its own columns and quirks (WOF lists several Arabic names
joined by ``|``, some WOF localities carry a governorate name as an alias, OpenSyria nests aliases); the
build only sees one record shape, :class:`RawPlace`.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from raqib.arabic import arabic_ratio

DATA_DIR = Path(__file__).resolve().parent / "data"
LANDMARKS_FILE = DATA_DIR / "landmarks.csv"
ALIASES_FILE = DATA_DIR / "place_aliases.yaml"
WORDS_FILE = DATA_DIR / "mention_words.yaml"
STOP_FILE = DATA_DIR / "stop_names.txt"
NOT_PLACES_FILE = DATA_DIR / "not_places.txt"

WOF_FILE = "places_whosonfirst_sy.csv"
OSM_FILE = "places_osm_sy.csv"
ADMIN_FILES = {1: "admin_opensyria/governorates.json", 2: "admin_opensyria/districts.json",
               3: "admin_opensyria/subdistricts.json"}
BOUNDARY_FILES = {1: "boundaries/syr_adm1_governorates.geojson", 2: "boundaries/syr_adm2_districts.geojson",
                  3: "boundaries/syr_adm3_subdistricts.geojson"}
# Admin-unit words that make a locality alias name the unit rather than the town ("محافظة إدلب").
ADMIN_ALIAS_WORDS = ("محافظة", "مُحافظة", "منطقة", "ناحية")
CURATED_KINDS = {"neighbourhood", "oil_field", "dam", "airport", "base", "camp", "mountain", "region", "crossing", "landmark",
                 "town", "village", "city"}


class SourceError(ValueError):
    """A source or curated file is malformed; the message names the file and the fix."""


@dataclass
class RawPlace:
    """One place as read from one source, before merging."""

    gid: str
    names_ar: list[str]
    names_en: list[str]
    kind: str
    lat: float
    lon: float
    population: int = 0
    wikidata: bool = False
    precision: int = 1
    source: str = ""
    admin_level: int = 0                       # 1/2/3 for admin units
    pcode: str = ""                            # admin units only
    parent_pcodes: dict[int, str] = field(default_factory=dict)


def source_files(src_dir: Path) -> list[Path]:
    """Every input file of the build (sources + curated), for the rebuild manifest."""
    files = [src_dir / WOF_FILE, src_dir / OSM_FILE]
    files += [src_dir / f for f in ADMIN_FILES.values()]
    files += [src_dir / f for f in BOUNDARY_FILES.values()]
    files += [LANDMARKS_FILE, ALIASES_FILE, WORDS_FILE, STOP_FILE, NOT_PLACES_FILE]
    return files


def check_sources(src_dir: Path) -> None:
    missing = [str(p) for p in source_files(src_dir) if not p.is_file()]
    if missing:
        raise SourceError(
            f"Gazetteer source files missing: {', '.join(missing)}. Point RAQIB_GAZETTEER_DIR at a complete "
            "sources folder or run `python -m gazetteer download`."
        )


def _float(row: dict, key: str, path: Path, line: int) -> float:
    try:
        return float(row[key])
    except (TypeError, ValueError) as exc:
        raise SourceError(f"{path}:{line}: column {key!r} is not a number ({row.get(key)!r}); fix the row") from exc


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def read_wof(src_dir: Path) -> list[RawPlace]:
    path = src_dir / WOF_FILE
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            names_ar = [n for n in _split(row.get("names_ar")) if not n.startswith(ADMIN_ALIAS_WORDS)]
            names_en = _split(row.get("name")) + _split(row.get("names_en"))
            # WOF's default name is sometimes Arabic ("تدمر"): keep it as an Arabic name instead.
            names_ar += [n for n in names_en if arabic_ratio(n) > 0.5 and n not in names_ar
                         and not n.startswith(ADMIN_ALIAS_WORDS)]
            names_en = [n for n in names_en if arabic_ratio(n) <= 0.5]
            if not names_ar and not names_en:
                continue
            kind = {"campus": "airport", "neighbourhood": "neighbourhood"}.get(row.get("placetype", ""), "locality")
            pop = row.get("population") or "0"
            out.append(RawPlace(
                gid=f"wof:{row['wof_id']}", names_ar=names_ar, names_en=names_en, kind=kind,
                lat=_float(row, "lat", path, line), lon=_float(row, "lon", path, line),
                population=int(float(pop)) if pop.replace(".", "", 1).isdigit() else 0,
                wikidata=bool(row.get("wikidata_id")), source="wof",
            ))
    return out


def read_osm(src_dir: Path) -> list[RawPlace]:
    path = src_dir / OSM_FILE
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            names_ar = _split(row.get("name"))
            names_en = list(dict.fromkeys(_split(row.get("name_en")) + _split(row.get("name_latin"))))
            if not names_ar and not names_en:
                continue
            out.append(RawPlace(
                gid=f"osm:{row['osm_node_id']}", names_ar=names_ar, names_en=names_en,
                kind=row.get("place") or "village",
                lat=_float(row, "lat", path, line), lon=_float(row, "lon", path, line), source="osm",
            ))
    return out


def read_admin(src_dir: Path) -> list[RawPlace]:
    """Governorates, districts and sub-districts as places at their centroid (kind admin1/2/3)."""
    out = []
    ids_to_pcode: dict[str, str] = {}
    for level, rel in ADMIN_FILES.items():
        path = src_dir / rel
        try:
            units = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise SourceError(f"{path}: not valid JSON ({exc}); re-download the sources") from exc
        for u in units:
            pcode = (u.get("externalIds") or {}).get("ochaPcode") or ""
            ids_to_pcode[u["id"]] = pcode
            names_ar = [u["name"]["ar"]] + [a["value"] for a in u.get("aliases", []) if a.get("language") == "ar"]
            names_en = [u["name"]["en"]] + [a["value"] for a in u.get("aliases", []) if a.get("language") == "en"]
            parents = {}
            if u.get("governorateId"):
                parents[1] = ids_to_pcode.get(u["governorateId"], "")
            if u.get("districtId"):
                parents[2] = ids_to_pcode.get(u["districtId"], "")
            pop = (u.get("population") or {}).get("value") or 0
            out.append(RawPlace(
                gid=f"adm{level}:{pcode or u['id']}", names_ar=names_ar, names_en=names_en, kind=f"admin{level}",
                lat=float(u["centroid"]["latitude"]), lon=float(u["centroid"]["longitude"]),
                population=int(pop), wikidata=True, precision=3 if level == 1 else 2, source="opensyria",
                admin_level=level, pcode=pcode, parent_pcodes=parents,
            ))
    return out


def read_landmarks(path: Path = LANDMARKS_FILE) -> list[RawPlace]:
    out = []
    required = {"id", "name_ar", "aliases_ar", "name_en", "kind", "lat", "lon", "precision", "source"}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not required <= set(reader.fieldnames or []):
            raise SourceError(f"{path}: header must contain {sorted(required)}")
        for line, row in enumerate(reader, start=2):
            if row["kind"] not in CURATED_KINDS:
                raise SourceError(f"{path}:{line}: unknown kind {row['kind']!r}; use one of {sorted(CURATED_KINDS)}")
            if not row["source"].strip():
                raise SourceError(f"{path}:{line}: every curated row needs a source or 'approximate' note")
            lat, lon = _float(row, "lat", path, line), _float(row, "lon", path, line)
            if not (32.0 <= lat <= 37.5 and 35.5 <= lon <= 42.5):
                raise SourceError(f"{path}:{line}: {lat},{lon} is outside Syria; check the coordinates")
            out.append(RawPlace(
                gid=f"lm:{row['id']}", names_ar=[row["name_ar"]] + _split(row["aliases_ar"]),
                names_en=[row["name_en"]], kind=row["kind"], lat=lat, lon=lon,
                precision=int(row["precision"]), source="curated", wikidata=True,
            ))
    return out


def read_aliases(path: Path = ALIASES_FILE) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not {"target", "admin1", "aliases"} <= set(item):
            raise SourceError(f"{path}: entry {i + 1} needs target, admin1 and aliases")
    return data


def read_words(path: Path = WORDS_FILE) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("prefixes", "type_heads", "area_heads", "countryside_heads", "skip_words", "directions",
                "trailing_qualifiers", "locative_cues", "strong_heads", "plural_heads", "months",
                "month_followers", "month_preceders"):
        if key not in data:
            raise SourceError(f"{path}: missing the {key!r} list")
    return data


def read_not_places(path: Path = NOT_PLACES_FILE) -> list[str]:
    return read_stop_names(path)


def read_stop_names(path: Path = STOP_FILE) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
