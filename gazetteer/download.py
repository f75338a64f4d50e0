"""`python -m gazetteer download`: fetch the gazetteer sources for real users (SOURCES.md).

Why: the offline machines read ../shared/gazetteer; a user's machine fetches the same files once into
``raqib.paths.USER_DATA_DIR/gazetteer_sources``. Who's On First is exported from its per-record
GeoJSON repository, the OSM places from HDX, OpenSyria and geoBoundaries as published files.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

from raqib.paths import USER_DATA_DIR

from . import sources as S

TIMEOUT = 60
OPENSYRIA = "https://raw.githubusercontent.com/Open-Syria/data-geography/main/data/{name}.json"
GEOBOUNDARIES = "https://www.geoboundaries.org/api/current/gbOpen/SYR/ADM{level}/"
WOF_TARBALL = "https://codeload.github.com/whosonfirst-data/whosonfirst-data-admin-sy/tar.gz/refs/heads/master"
HDX_OSM_PLACES = ("https://data.humdata.org/api/3/action/package_show?id=hotosm_syr_populated_places")


class DownloadError(RuntimeError):
    """A source could not be fetched; the message names the URL and what to do."""


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as resp:      # noqa: S310 (fixed https URLs)
            return resp.read()
    except OSError as exc:
        raise DownloadError(
            f"Could not download {url}: {exc}. Check the internet connection, or copy the sources folder "
            "(see SOURCES.md) by hand and set RAQIB_GAZETTEER_DIR to it."
        ) from exc


def _opensyria(dest: Path) -> None:
    (dest / "admin_opensyria").mkdir(parents=True, exist_ok=True)
    for name in ("governorates", "districts", "subdistricts"):
        (dest / "admin_opensyria" / f"{name}.json").write_bytes(_get(OPENSYRIA.format(name=name)))


def _boundaries(dest: Path) -> None:
    (dest / "boundaries").mkdir(parents=True, exist_ok=True)
    for level, rel in S.BOUNDARY_FILES.items():
        meta = json.loads(_get(GEOBOUNDARIES.format(level=level)))
        gj = json.loads(_get(meta["simplifiedGeometryGeoJSON"]))
        (dest / rel).write_text(json.dumps(_tag_boundaries(gj, level, dest)), encoding="utf-8")


def _tag_boundaries(gj: dict, level: int, dest: Path) -> dict:
    """Add OCHA p-codes and Arabic names to geoBoundaries shapes (matched by shape id via OpenSyria)."""
    units = {1: "governorates", 2: "districts", 3: "subdistricts"}
    by_shape, by_id = {}, {}
    for lv in (1, 2, 3):
        for u in json.loads((dest / "admin_opensyria" / f"{units[lv]}.json").read_text(encoding="utf-8")):
            by_id[u["id"]] = u
            if lv == level:
                by_shape[(u.get("externalIds") or {}).get("geoboundaries")] = u
    for f in gj["features"]:
        u = by_shape.get(f["properties"].get("shapeID"))
        if not u:
            continue
        chain = {level: u}
        if u.get("districtId"):
            chain[2] = by_id.get(u["districtId"])
        if u.get("governorateId"):
            chain[1] = by_id.get(u["governorateId"])
        for lv, unit in chain.items():
            if unit:
                f["properties"].update({f"adm{lv}_id": unit["id"], f"adm{lv}_en": unit["name"]["en"],
                                        f"adm{lv}_ar": unit["name"]["ar"],
                                        f"adm{lv}_pcode": (unit.get("externalIds") or {}).get("ochaPcode")})
    return gj


def _wof(dest: Path) -> None:
    raw = _get(WOF_TARBALL)
    rows = []
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
        for member in tar:
            if not member.name.endswith(".geojson") or "/data/" not in member.name:
                continue
            props = json.load(tar.extractfile(member)).get("properties", {})
            if props.get("wof:placetype") != "locality" or props.get("mz:is_current") == 0 \
                    or props.get("wof:superseded_by") or props.get("edtf:deprecated"):
                continue
            names_ar = props.get("name:ara_x_preferred", []) + props.get("name:ara_x_variant", [])
            names_en = props.get("name:eng_x_preferred", []) + props.get("name:eng_x_variant", [])
            rows.append({"wof_id": props.get("wof:id"), "placetype": "locality", "name": props.get("wof:name", ""),
                         "names_ar": "|".join(names_ar), "names_en": "|".join(names_en),
                         "lat": props.get("geom:latitude"), "lon": props.get("geom:longitude"),
                         "geonames_id": (props.get("wof:concordances") or {}).get("gn:id", ""),
                         "wikidata_id": (props.get("wof:concordances") or {}).get("wd:id", ""),
                         "population": props.get("wof:population", "")})
    _write_csv(dest / S.WOF_FILE, rows)


def _osm(dest: Path) -> None:
    meta = json.loads(_get(HDX_OSM_PLACES))
    url = next(r["url"] for r in meta["result"]["resources"] if r.get("format", "").lower() == "geojson")
    gj = json.loads(_get(url))
    rows = []
    for f in gj["features"]:
        p, (lon, lat) = f["properties"], f["geometry"]["coordinates"][:2]
        if not p.get("name"):
            continue
        rows.append({"osm_node_id": f"node/{p.get('osm_id', '')}", "name": p.get("name:ar") or p["name"],
                     "name_en": p.get("name:en", ""), "name_latin": p.get("name:en", ""),
                     "place": p.get("place", "village"), "lat": lat, "lon": lon})
    _write_csv(dest / S.OSM_FILE, rows)


def _write_csv(path: Path, rows: list[dict]) -> None:
    if not rows:
        raise DownloadError(f"{path.name}: the download held no rows; the source format may have changed")
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def download(dest: Path | None = None) -> Path:
    dest = dest or USER_DATA_DIR / "gazetteer_sources"
    dest.mkdir(parents=True, exist_ok=True)
    for label, step in (("OpenSyria admin units", _opensyria), ("geoBoundaries polygons", _boundaries),
                        ("Who's On First localities", _wof), ("OpenStreetMap places", _osm)):
        print(f"[gazetteer download] {label} ...", file=sys.stderr)
        step(dest)
    print(f"[gazetteer download] done: {dest} (set RAQIB_GAZETTEER_DIR to use another folder)", file=sys.stderr)
    return dest
