"""Exports (CSV/GeoJSON, Python API and CLI) and stats, on a store filled with built incidents."""

from __future__ import annotations

import csv
import io
import json

import pytest

from gazetteer import ATTRIBUTION
from incidents.cli import main
from incidents.export import ACLED_COLUMNS, CSV_COLUMNS, export_csv, export_geojson
from incidents.filters import IncidentFilter
from incidents.stats import format_stats, stats_tables
from incidents.store import open_store
from tests.fixtures.store.builders import ABU_KAMAL, article, incident, offset_km, place


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.db"
    with open_store(path) as s:
        a = article("هجوم لداعش على الميليشيات الإيرانية في بادية البوكمال, \"مقتل\" أربعة.", url="https://a.example/1",
                    source="SY24")
        b = article("مقتل ستة عناصر من الحرس الثوري بهجوم للتنظيم قرب البوكمال", url="https://b.example/2",
                    source="Enab", published="2024-03-06")
        s.add_article(a, [incident(a, end=len(a.text), killed=4)])
        s.add_article(b, [incident(b, date="2024-03-06", loc=place(*offset_km(*ABU_KAMAL, 3)), killed=6,
                                   target="irgc")])
        c = article("اختطاف مدنيين في ريف حلب دون تحديد المكان", source="SOHR")
        s.add_article(c, [incident(c, attack_type="abduction", perp=None, target="civilians", loc=None,
                                   killed=None, date="2024-02-20")])
        d = article("قصف جوي روسي على إدلب", source="SOHR")
        s.add_article(d, [incident(d, attack_type="airstrike", perp="russia", target="hts", date="2024-01-02",
                                   killed=2, loc=place(35.93, 36.63, gid="idlib", name_en="Idlib",
                                                       admin1="Idlib", admin1_pcode="SY07", admin2="Idlib",
                                                       admin3="Idlib"))])
    return path


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_acled_columns_then_ours_and_attribution(db):
    with open_store(db) as s:
        text = export_csv(s, IncidentFilter())
    rows = _rows(text)
    assert list(rows[0]) == CSV_COLUMNS and CSV_COLUMNS[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert len(rows) == 3                               # two reports of one ambush -> one row
    ambush = next(r for r in rows if r["event_type"] == "Battles")
    assert ambush["sub_event_type"] == "Armed clash" and ambush["event_date"] == "2024-03-05"
    assert ambush["actor1"] == "Islamic State" and ambush["target_id"] == "irgc"
    assert ambush["fatalities"] == "6" and ambush["n_sources"] == "2"
    assert ambush["source"] == "SY24; Enab"
    assert ambush["article_url"] == "https://a.example/1; https://b.example/2"
    assert ambush["evidence_ar"].startswith("هجوم لداعش") and '"مقتل"' in ambush["evidence_ar"]
    assert ambush["geo_precision"] == "1" and float(ambush["latitude"]) == pytest.approx(ABU_KAMAL[0])
    abduction = next(r for r in rows if r["sub_event_type"] == "Abduction/forced disappearance")
    assert abduction["fatalities"] == "" and abduction["latitude"] == "" and abduction["actor1"] == ""
    assert all(ATTRIBUTION in r["attribution"] for r in rows)


def test_geojson_points_null_geometry_and_attribution(db):
    with open_store(db) as s:
        fc = export_geojson(s, IncidentFilter())
    json.dumps(fc)  # serialisable
    assert fc["type"] == "FeatureCollection" and ATTRIBUTION in fc["attribution"]
    assert len(fc["features"]) == 3
    geoms = {f["properties"]["sub_event_type"]: f["geometry"] for f in fc["features"]}
    assert geoms["Abduction/forced disappearance"] is None
    pt = geoms["Armed clash"]
    assert pt["type"] == "Point" and pt["coordinates"] == [pytest.approx(ABU_KAMAL[1]), pytest.approx(ABU_KAMAL[0])]
    props = fc["features"][0]["properties"]
    assert set(props) == set(CSV_COLUMNS) - {"attribution"}
    assert isinstance(props["n_sources"], int)


def test_export_filters(db):
    with open_store(db) as s:
        assert len(_rows(export_csv(s, IncidentFilter(groups=("russia",))))) == 1
        assert len(_rows(export_csv(s, IncidentFilter(since=__import__("datetime").date(2024, 3, 1))))) == 1
        assert len(export_geojson(s, IncidentFilter(governorates=("SY07",)))["features"]) == 1
        assert _rows(export_csv(s, IncidentFilter(attack_types=("vbied",)))) == []


def test_cli_export_and_stats(db, tmp_path, capsys):
    assert main(["export", "--db", str(db), "--format", "csv", "--group", "islamic_state",
                 "--role", "perpetrator", "--min-killed", "5"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert [r["fatalities"] for r in rows] == ["6"]
    out = tmp_path / "e.geojson"
    assert main(["export", "--db", str(db), "--format", "geojson", "--governorate", "SY09", "--output", str(out)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 1
    out_csv = tmp_path / "e.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--output", str(out_csv)]) == 0
    assert out_csv.read_bytes().startswith(b"\xef\xbb\xbfevent_id,")
    assert len(_rows(out_csv.read_text(encoding="utf-8-sig"))) == 3
    assert main(["export", "--db", str(db), "--format", "csv", "--group", "daesh"]) == 2
    assert "unknown group id(s) daesh" in capsys.readouterr().err
    assert main(["stats", "--db", str(db)]) == 0
    text = capsys.readouterr().out
    assert "Store: 4 articles, 4 incidents, 3 events (1 reported by several sources)." in text
    assert "Islamic State (islamic_state)" in text and "2024-03" in text and "(not named)" in text


def test_stats_tables(db):
    with open_store(db) as s:
        t = stats_tables(s, IncidentFilter())
    assert dict(zip(t["type"].key, t["type"].events, strict=True)) == {"ambush": 1, "abduction": 1, "airstrike": 1}
    assert t["month"].key.tolist() == ["2024-01", "2024-02", "2024-03"]
    assert t["governorate"].set_index("key").killed.to_dict() == {
        "Deir ez-Zor (SY09)": 6, "Idlib (SY07)": 2, "(unknown)": 0}
    with open_store(db) as s:
        assert "(none)" in format_stats(s, IncidentFilter(attack_types=("vbied",)))
