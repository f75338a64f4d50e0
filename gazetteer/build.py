"""Build the gazetteer index: merge the sources and our curated files into one SQLite file.

Why: reading four sources and running point-in-polygon on every load would cost seconds; the merged,
admin-tagged index loads in a fraction of that. The index is rebuilt automatically when any input
file (or this build code) changes: a content hash of the inputs is kept in the index's ``meta`` table.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from raqib.arabic import loose_key, normalize_ar
from raqib.paths import cache_dir, gazetteer_dir

from . import sources as S
from .sources import RawPlace, SourceError

INDEX_NAME = "gazetteer_index.sqlite"
BUILD_VERSION = "4"           # bump when the index layout or merge rules change
MERGE_KM = 3.0
SEAT_KINDS = ("city", "town")
KIND_BASE = {"city": 0.75, "town": 0.55, "village": 0.35, "hamlet": 0.25, "locality": 0.3,
             "neighbourhood": 0.3, "isolated_dwelling": 0.15, "suburb": 0.3,
             "admin1": 0.7, "admin2": 0.5, "admin3": 0.4}
CURATED_BASE = 0.6


@dataclass
class Place:
    """A merged place, as stored in the index."""

    gid: str
    name_ar: str
    name_en: str
    kind: str
    lat: float
    lon: float
    precision: int
    importance: float = 0.0
    population: int = 0
    sources: list[str] = field(default_factory=list)
    names_ar: list[str] = field(default_factory=list)
    names_en: list[str] = field(default_factory=list)
    admin: dict[str, str] = field(default_factory=dict)


def index_path() -> Path:
    return cache_dir() / INDEX_NAME


def inputs_digest(src_dir: Path) -> str:
    """Hash of every input file's content plus the build code, so any change triggers a rebuild."""
    h = hashlib.sha256(BUILD_VERSION.encode())
    code = [Path(__file__), Path(S.__file__)]
    for p in S.source_files(src_dir) + code:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------------------------- admin
def _assign_admin(points: list[RawPlace], src_dir: Path) -> list[dict[str, str]]:
    """Admin1/2/3 for each point: the polygon containing it, else the nearest (points just outside
    the simplified polygons). Levels are made consistent: a district in another governorate is dropped."""
    import geopandas as gpd
    from shapely.geometry import Point

    pts = gpd.GeoDataFrame({"i": range(len(points))},
                           geometry=[Point(p.lon, p.lat) for p in points], crs="EPSG:4326").to_crs(32637)
    result: list[dict[str, str]] = [{} for _ in points]
    for level in (1, 2, 3):
        path = src_dir / S.BOUNDARY_FILES[level]
        polys = gpd.read_file(path).to_crs(32637)
        keep = [c for c in polys.columns if c.startswith(("adm1_", "adm2_", "adm3_")) and c != "geometry"]
        joined = gpd.sjoin_nearest(pts, polys[keep + ["geometry"]], how="left", distance_col="_dist")
        joined = joined[~joined.index.duplicated(keep="first")]
        for row in joined.itertuples(index=False):
            d = result[row.i]
            pc1 = getattr(row, "adm1_pcode", None)
            if level == 1:
                d.update(admin1=row.adm1_en, admin1_ar=row.adm1_ar, admin1_pcode=pc1)
            elif pc1 == d.get("admin1_pcode"):
                d[f"admin{level}"] = getattr(row, f"adm{level}_en")
                d[f"admin{level}_ar"] = getattr(row, f"adm{level}_ar")
                d[f"admin{level}_pcode"] = getattr(row, f"adm{level}_pcode")
    for d in result:
        if d.get("admin3_pcode") and d.get("admin2_pcode") and not d["admin3_pcode"].startswith(d["admin2_pcode"]):
            for k in ("admin3", "admin3_ar", "admin3_pcode"):
                d.pop(k, None)
    return result


def _admin_names(admin_units: list[RawPlace]) -> dict[str, tuple[str, str]]:
    return {u.pcode: (u.names_en[0], u.names_ar[0]) for u in admin_units if u.pcode}


def _admin_for_unit(u: RawPlace, names: dict[str, tuple[str, str]]) -> dict[str, str]:
    chain = dict(u.parent_pcodes)
    chain[u.admin_level] = u.pcode
    d: dict[str, str] = {}
    for level in (1, 2, 3):
        pc = chain.get(level)
        if pc and pc in names:
            d[f"admin{level}"], d[f"admin{level}_ar"] = names[pc]
            d[f"admin{level}_pcode"] = pc
    return d


# --------------------------------------------------------------------------------------------- merge
class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


SOURCE_RANK = {"curated": 0, "wof": 1, "osm": 2}


def _merge_duplicates(raw: list[RawPlace], admin: list[dict]) -> list[tuple[list[int], dict]]:
    """Group points that share a normalised name (ال-insensitive) and lie within MERGE_KM."""
    uf = _UnionFind(len(raw))
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(raw):
        for key in {loose_key(normalize_ar(n)) for n in p.names_ar if n}:
            by_key[key].append(i)
    for members in by_key.values():
        if len(members) < 2 or len(members) > 400:
            continue
        for a_i, a in enumerate(members):
            for b in members[a_i + 1:]:
                pa, pb = raw[a], raw[b]
                if pa.source == pb.source == "curated":
                    continue
                if abs(pa.lat - pb.lat) < 0.05 and abs(pa.lon - pb.lon) < 0.06 and \
                        haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) <= MERGE_KM:
                    uf.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(raw)):
        groups[uf.find(i)].append(i)
    return [(sorted(g, key=lambda i: SOURCE_RANK.get(raw[i].source, 3)), admin[g[0]]) for g in groups.values()]


def _classify(members: list[RawPlace], admin: dict[str, str]) -> str:
    curated = [m for m in members if m.source == "curated"]
    if curated:
        return curated[0].kind
    osm_kinds = [m.kind for m in members if m.source == "osm"]
    pop = max(m.population for m in members)
    names = {normalize_ar(n) for m in members for n in m.names_ar}
    seat2 = normalize_ar(admin.get("admin2_ar", "") or "-") in names
    seat3 = normalize_ar((admin.get("admin3_ar", "") or "-").replace("مركز ", "")) in names
    wikidata = any(m.wikidata for m in members)
    if "city" in osm_kinds or pop >= 100_000 or (seat2 and (wikidata or pop >= 20_000)):
        return "city"
    if "town" in osm_kinds or pop >= 10_000 or seat2 or seat3 or wikidata:
        return "town"
    if any(m.kind in ("airport", "neighbourhood") for m in members):
        return next(m.kind for m in members if m.kind in ("airport", "neighbourhood"))
    if osm_kinds and all(k == "hamlet" for k in osm_kinds):
        return "hamlet"
    return "village"


def _importance(kind: str, members: list[RawPlace]) -> float:
    base = KIND_BASE.get(kind, CURATED_BASE)
    if any(m.source == "curated" for m in members):
        base = max(base, CURATED_BASE)
    pop = max(m.population for m in members)
    score = base + (min(math.log10(pop + 1) / 7.0, 1.0) * 0.2 if pop > 100 else 0.0)
    score += 0.05 * min(len({m.source for m in members}) - 1, 2)
    return round(min(score, 1.0), 4)


def _make_place(members: list[RawPlace], admin: dict[str, str]) -> Place:
    first = members[0]
    kind = _classify(members, admin)
    names_ar = list(dict.fromkeys(n for m in members for n in m.names_ar if n))
    names_en = list(dict.fromkeys(n for m in members for n in m.names_en if n))
    precision = first.precision if first.source == "curated" else 1
    return Place(gid=first.gid, name_ar=names_ar[0] if names_ar else "", name_en=names_en[0] if names_en else "",
                 kind=kind, lat=round(first.lat, 5), lon=round(first.lon, 5), precision=precision,
                 importance=_importance(kind, members), population=max(m.population for m in members),
                 sources=sorted({m.source for m in members}), names_ar=names_ar, names_en=names_en,
                 admin=dict(admin))


def _apply_aliases(places: list[Place], aliases: list[dict]) -> None:
    by_name: dict[str, list[Place]] = defaultdict(list)
    for p in places:
        for n in p.names_ar:
            by_name[normalize_ar(n)].append(p)
    for item in aliases:
        found = [p for p in by_name.get(normalize_ar(item["target"]), [])
                 if p.admin.get("admin1_pcode") == item["admin1"] and not p.kind.startswith("admin")]
        if not found:
            raise SourceError(f"{S.ALIASES_FILE}: target {item['target']!r} in {item['admin1']} matches no place; "
                              "fix the target name or governorate p-code")
        best = max(found, key=lambda p: p.importance)
        if item.get("name_ar"):
            best.name_ar = item["name_ar"]
            if item["name_ar"] not in best.names_ar:
                best.names_ar.insert(0, item["name_ar"])
        for a in item["aliases"]:
            if a not in best.names_ar:
                best.names_ar.append(a)


# --------------------------------------------------------------------------------------------- build
def build_index(src_dir: Path | None = None, out: Path | None = None, *, progress: bool = True) -> dict:
    """Merge all sources into the SQLite index; returns build statistics."""
    t0 = time.perf_counter()
    src_dir = gazetteer_dir(src_dir)
    S.check_sources(src_dir)
    out = out or index_path()
    digest = inputs_digest(src_dir)

    def say(msg: str) -> None:
        if progress:
            print(f"[gazetteer build] {msg} ({time.perf_counter() - t0:.1f}s)", file=sys.stderr)

    admin_units = S.read_admin(src_dir)
    points = S.read_wof(src_dir) + S.read_osm(src_dir) + S.read_landmarks()
    say(f"read {len(points)} points and {len(admin_units)} admin units")
    admin = _assign_admin(points, src_dir)
    say("assigned admin areas by point-in-polygon")
    groups = _merge_duplicates(points, admin)
    places = [_make_place([points[i] for i in idx], adm) for idx, adm in groups]
    say(f"merged into {len(places)} places")
    names = _admin_names(admin_units)
    for u in admin_units:
        places.append(Place(gid=u.gid, name_ar=u.names_ar[0], name_en=u.names_en[0], kind=u.kind,
                            lat=u.lat, lon=u.lon, precision=u.precision,
                            importance=_importance(u.kind, [u]), population=u.population,
                            sources=[u.source], names_ar=list(dict.fromkeys(u.names_ar)),
                            names_en=list(dict.fromkeys(u.names_en)), admin=_admin_for_unit(u, names)))
    _apply_aliases(places, S.read_aliases())
    _governorates_at_capitals(places)
    stats = _write(places, out, digest, src_dir, t0)
    say(f"wrote {out} ({stats['index_bytes'] / 1e6:.1f} MB)")
    return stats


def _governorates_at_capitals(places: list[Place]) -> None:
    """A governorate stands at its capital, as ACLED codes a province-only event (geo_precision 3):
    the polygon centroid of Homs or Aleppo governorate lies in empty desert 40-150 km from anyone.
    The capital is the most important town of the governorate with the governorate's name (every
    governorate but Rif Dimashq, which keeps its centroid beside Damascus)."""
    towns: dict[tuple[str, str], Place] = {}
    for p in places:
        if p.kind.startswith("admin"):
            continue
        key = (normalize_ar(p.name_ar), p.admin.get("admin1_pcode", ""))
        if key not in towns or p.importance > towns[key].importance:
            towns[key] = p
    for p in places:
        if p.kind == "admin1":
            cap = towns.get((normalize_ar(p.name_ar), p.admin.get("admin1_pcode", "")))
            if cap is not None:
                p.lat, p.lon = cap.lat, cap.lon


ADMIN_COLS = ["admin1", "admin1_ar", "admin1_pcode", "admin2", "admin2_ar", "admin2_pcode",
              "admin3", "admin3_ar", "admin3_pcode"]


def _write(places: list[Place], out: Path, digest: str, src_dir: Path, t0: float) -> dict:
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")     # concurrent builders never share a file
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    cols = ", ".join(f"{c} TEXT" for c in ADMIN_COLS)
    con.executescript(f"""
        CREATE TABLE places (idx INTEGER PRIMARY KEY, gid TEXT UNIQUE, name_ar TEXT, name_en TEXT, kind TEXT,
            lat REAL, lon REAL, precision INTEGER, importance REAL, population INTEGER, sources TEXT, {cols});
        CREATE TABLE names (place_idx INTEGER, name TEXT, norm TEXT, lang TEXT);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    """)
    prow, nrow = [], []
    for i, p in enumerate(places):
        prow.append((i, p.gid, p.name_ar, p.name_en, p.kind, p.lat, p.lon, p.precision, p.importance,
                     p.population, ",".join(p.sources), *[p.admin.get(c) for c in ADMIN_COLS]))
        for n in p.names_ar:
            nrow.append((i, n, normalize_ar(n), "ar"))
        for n in p.names_en:
            nrow.append((i, n, normalize_ar(n), "en"))
    con.executemany(f"INSERT INTO places VALUES ({', '.join('?' * (11 + len(ADMIN_COLS)))})", prow)
    con.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", nrow)
    kinds: dict[str, int] = defaultdict(int)
    for p in places:
        kinds[p.kind] += 1
    stats = {"places": len(places), "names": len(nrow), "kinds": dict(sorted(kinds.items())),
             "curated": sum(1 for p in places if "curated" in p.sources),
             "merged_multi_source": sum(1 for p in places if len(p.sources) > 1),
             "source_dir": str(src_dir), "build_seconds": 0.0}
    stats["build_seconds"] = round(time.perf_counter() - t0, 2)
    con.executemany("INSERT INTO meta VALUES (?, ?)", [("digest", digest), ("stats", json.dumps(stats)),
                                                       ("built_at", time.strftime("%Y-%m-%dT%H:%M:%S"))])
    con.commit()
    con.close()
    tmp.replace(out)
    stats["index_bytes"] = out.stat().st_size
    return stats


def index_is_current(path: Path, src_dir: Path) -> bool:
    if not path.is_file():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        row = con.execute("SELECT value FROM meta WHERE key='digest'").fetchone()
        con.close()
    except sqlite3.Error:
        return False
    return bool(row) and row[0] == inputs_digest(src_dir)


def ensure_index(src_dir: Path | None = None) -> Path:
    """The current index path, building it first when missing or stale."""
    src = gazetteer_dir(src_dir)
    S.check_sources(src)
    path = index_path()
    if not index_is_current(path, src):
        build_index(src, path)
    return path
