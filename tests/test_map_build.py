"""The folium map: one layer per armed group, escaped data, local assets, no per-row Marker."""

from __future__ import annotations

import re

import folium
import pytest

from dashboard.mapping import GroupPoints, MapOptions, build_map, event_rows, group_colour, load_boundaries
from dashboard.synthetic import SCRIPT_EVIDENCE, seed_store
from extraction.groups import load_groups
from incidents.filters import IncidentFilter
from incidents.store import open_store
from raqib.paths import gazetteer_dir

BOUNDARIES = gazetteer_dir() / "boundaries" / "syr_adm1_governorates.geojson"


@pytest.fixture()
def events(tmp_path):
    seed_store(tmp_path / "m.db", with_script=True)
    with open_store(tmp_path / "m.db") as store:
        return store.query_events(IncidentFilter(include_background=True))


def _layers(m: folium.Map) -> dict[str, GroupPoints]:
    return {c.group_id: c for c in m._children.values() if isinstance(c, GroupPoints)}


def test_one_layer_per_top_level_group_with_yaml_colours(events):
    m = build_map(events, MapOptions(lang="en"))
    layers = _layers(m)
    # fourth_division -> syrian_government; liwa_al_quds is a child of syrian_government too.
    assert set(layers) == {"islamic_state", "syrian_government", "sdf", "russia", "hts"}
    assert len(layers["syrian_government"].rows) == 2
    assert sum(len(layer.rows) for layer in layers.values()) == len(events)
    groups = load_groups()
    for gid, layer in layers.items():
        assert layer.colour == groups[gid].colour == group_colour(gid)
        assert layer.layer_name.startswith(groups[gid].name_en)
    assert not any(isinstance(el, folium.Marker) for el in m._children.values())


def test_rows_carry_popup_fields_in_the_interface_language(events):
    rows = event_rows(events, "ar")
    (row,) = rows["islamic_state"]
    assert row[2] == 4 and row[3] == 2 and row[4] is None          # killed, wounded, captured (null stays null)
    assert row[5] == "2021-03-09" and row[6] == "كمين"
    assert row[7] == "تنظيم الدولة الإسلامية" and row[8] == "لواء القدس"
    assert row[9] == "البوكمال"
    assert "بادية البوكمال" in row[12]
    assert row[13] == [["خبر رقم 0", "https://example.org/news/0"]]


def test_untrusted_text_cannot_break_out_of_the_script(events):
    html = build_map(events, MapOptions(lang="en")).get_root().render()
    assert SCRIPT_EVIDENCE not in html
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    # ... but the evidence is there, JSON-escaped, for the popup to show as text.
    assert "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e" in html


def test_only_http_links_become_clickable(events):
    events = events.copy()
    events.loc[events.index[0], "sources"] = [[{"url": "javascript:alert(1)", "title": "x"}]]
    events.at[events.index[0], "article_url"] = "javascript:alert(1)"
    rows = event_rows(events.iloc[[0]], "en")
    (group_rows,) = rows.values()
    assert group_rows[0][13] == []


def test_assets_are_served_locally_so_the_map_works_offline(events):
    html = build_map(events, MapOptions(lang="en", heat=True, asset_base="/app/static/vendor"),
                     boundaries=load_boundaries(BOUNDARIES)).get_root().render()
    srcs = re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert srcs and all(s.startswith("/app/static/vendor/") for s in srcs), srcs
    from dashboard.mapping import VENDOR_DIR

    for s in srcs:
        assert (VENDOR_DIR / s.removeprefix("/app/static/vendor/")).is_file(), s
    assert "tile.openstreetmap.org" in html            # offered as an overlay for online users...
    assert re.search(r"tile_layer_\w+\.addTo", html) is None  # ...but not shown by default


def test_choropleth_counts_per_governorate(events):
    m = build_map(events, MapOptions(lang="en"), boundaries=load_boundaries(BOUNDARIES))
    from dashboard.mapping import Boundaries

    choro = [c for c in m._children.values() if isinstance(c, Boundaries) and c.control]
    (layer,) = choro
    labels = {f["properties"]["raqib_label"] for f in layer.data["features"]}
    assert any("Deir" in lbl and lbl.endswith(": 1") for lbl in labels), labels
    assert any(lbl.startswith("Damascus") and lbl.endswith(": 1") for lbl in labels)


def test_map_without_boundaries_still_draws_points(events):
    m = build_map(events, MapOptions(lang="en", boundaries=None))
    assert len(_layers(m)) == 5


def test_missing_boundaries_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="nope.geojson.*RAQIB_GAZETTEER_DIR"):
        load_boundaries(tmp_path / "nope.geojson")
