"""Gazetteer: build, normalisation, mention parsing, context ranking, running-text scan, API and CLI.

Every expectation uses real names and coordinates checked by hand (see gazetteer/data/landmarks.csv
for the curated ones and their notes)."""

from __future__ import annotations

import csv
import json
import math
import re
import shutil
import subprocess
import sys

import pytest

import gazetteer
from gazetteer import Candidate, PlaceMention, get_gazetteer, resolve_place
from gazetteer.build import build_index, index_is_current, inputs_digest
from gazetteer.cli import main as cli_main
from raqib.arabic import clitic_variants, loose_key, normalize_ar
from raqib.paths import PROJECT_ROOT, SHARED_DIR


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="session")
def gz():
    return get_gazetteer()


def top(text, context=None):
    res = resolve_place(text, context=context)
    assert res, f"no candidate for {text!r}"
    return res[0]


# ------------------------------------------------------------------------------------------ build
def test_index_has_every_place_tagged_with_admin_areas(gz):
    assert len(gz.places) > 11000
    missing = [p.gid for p in gz.places if not p.admin1_pcode]
    assert missing == []
    assert {p.admin1_pcode for p in gz.places} == {f"SY{i:02d}" for i in range(1, 15)}
    kinds = {p.kind for p in gz.places}
    assert {"admin1", "admin2", "admin3", "city", "town", "village", "oil_field", "dam", "airport", "camp",
            "mountain", "region", "crossing"} <= kinds


def test_admin_units_are_places_with_precision(gz):
    deir = gz.place("adm1:SY09")
    assert deir.kind == "admin1" and deir.precision == 3 and deir.name_ar == "دير الزور"
    district = gz.place("adm2:SY0902")
    assert district.kind == "admin2" and district.precision == 2 and district.admin1_pcode == "SY09"


def test_duplicates_across_sources_merge_into_one_place(gz):
    # Dhiban appears twice in WOF (2 km apart, ديبان|ذيبان and ذيبان|ديبان): one place with both names
    dhiban = [p for p in gz.places if p.admin1_pcode == "SY09" and p.kind not in ("admin3",)
              and normalize_ar(p.name_ar) in ("ذيبان", "ديبان")]
    assert len(dhiban) == 1
    # Maskanah (Homs) is both a WOF and an OSM point 100 m apart
    con_rows = resolve_place("مسكنة", "قرية مسكنة بريف حمص", limit=10)
    homs = [c for c in con_rows if c.admin1_pcode == "SY04"]
    assert len(homs) == 1


def test_point_outside_simplified_polygons_gets_nearest_governorate(gz):
    # Hmeimim lies on the coast; Al-Bukamal on the Iraqi border: both get their governorate
    assert top("حميميم").admin1_pcode == "SY06"
    assert top("البوكمال").admin1_pcode == "SY09"


def test_rebuild_is_triggered_by_a_changed_source(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SHARED_DIR / "gazetteer", src)
    for p in src.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    out = tmp_path / "idx.sqlite"
    stats = build_index(src, out, progress=False)
    assert stats["places"] > 11000 and stats["curated"] >= 120
    assert index_is_current(out, src)
    before = inputs_digest(src)
    with (src / "places_osm_sy.csv").open("a", encoding="utf-8") as fh:
        fh.write("node/1,قرية تجريبية,Test,Test,village,35.0,38.0\n")
    assert inputs_digest(src) != before
    assert not index_is_current(out, src)


def test_curated_landmarks_file_has_notes_and_coordinates():
    rows = list(csv.DictReader((PROJECT_ROOT / "gazetteer/data/landmarks.csv").open(encoding="utf-8")))
    assert len(rows) >= 120
    for r in rows:
        assert r["source"].strip(), r["id"]
        assert 32 <= float(r["lat"]) <= 37.5 and 35.5 <= float(r["lon"]) <= 42.5, r["id"]
    assert len({r["id"] for r in rows}) == len(rows)


# ------------------------------------------------------------------------------------ normalisation
@pytest.mark.parametrize("variant,canonical", [
    ("إدلب", "ادلب"), ("أعزاز", "اعزاز"), ("حماة", "حماه"), ("السويداء", "السويدا"),
    ("دير الزّور", "دير الزور"), ("البوكـــمال", "البوكمال"), ("“الشحيل”", "الشحيل"),
    ("(منبج)", "منبج"), ("کوباني", "كوباني"), ("مصطفى", "مصطفي"), ("رأس العين", "راس العين"),
])
def test_normalize_ar_unifies_spellings(variant, canonical):
    assert normalize_ar(variant) == normalize_ar(canonical)


def test_clitics_and_loose_key():
    stems = {s for _, s in clitic_variants(normalize_ar("وبالبوكمال"), ["وب", "و", "ب"])}
    assert "البوكمال" in stems
    assert ("ل", "الرقه") in clitic_variants(normalize_ar("للرقة"), ["ل"])
    assert loose_key(normalize_ar("الموحسن")) == loose_key(normalize_ar("موحسن"))


@pytest.mark.parametrize("text", ["البوكمال", "بالبوكمال", "والبوكمال", "لـ“البوكمال”", "ابو كمال",
                                  "أبو كمال", "البو كمال", "مدينة البوكمال", "وفي مدينة البوكمال"])
def test_spellings_and_prefixes_resolve_to_abu_kamal(text):
    c = top(text)
    assert c.admin1_pcode == "SY09" and km(c.lat, c.lon, 34.45, 40.92) < 5


def test_al_insensitive_match_and_aliases():
    assert km(*(lambda c: (c.lat, c.lon))(top("موحسن")), 35.21, 40.36) < 10          # الموحسن
    assert top("كوباني").name_ar == "عين العرب"
    assert top("بالميرا").name_ar == "تدمر"
    assert top("سري كانيه").admin1_pcode == "SY08"
    assert top("وضحة", "قرية وضحة بريف حلب").name_ar == "وضحة الجديدة"


# ------------------------------------------------------------------------------ heads and precision
@pytest.mark.parametrize("text,pcode,lat,lon,tol,precision,kind", [
    ("بادية البوكمال", "SY09", 34.45, 40.92, 10, 2, None),
    ("ريف حلب الشرقي", "SY02", 36.25, 37.42, 10, 3, "region"),
    ("شرقي مدينة منبج", "SY02", 36.53, 37.95, 5, 2, "city"),
    ("ريف دير الزور", "SY09", 35.34, 40.14, 10, 3, "admin1"),
    ("بريف دير الزور", "SY09", 35.34, 40.14, 10, 3, "admin1"),
    ("بريف دير الزور الشرقي", "SY09", 35.13, 40.37, 10, 2, "region"),
    ("وبلدة ذيبان", "SY09", 35.01, 40.51, 5, 1, "town"),
    ("مدينة “الشحيل”", "SY09", 35.07, 40.47, 10, 1, "town"),
    ("بادية حمص الشرقية", "SY04", 34.52, 38.20, 10, 3, "region"),
    ("بريف دمشق", "SY03", 33.5, 37.38, 10, 3, "admin1"),
    ("قرب سد تشرين", "SY02", 36.38, 38.18, 3, 2, "dam"),
    ("على أطراف مدينة الرقة", "SY11", 35.95, 39.01, 5, 2, "city"),
    ("مدينة إدلب", "SY07", 35.93, 36.63, 5, 1, "city"),
    ("محافظة دير الزور", "SY09", 35.34, 40.14, 10, 3, "admin1"),
    ("مخيم اليرموك", "SY01", 33.47, 36.30, 3, 1, "camp"),
    ("حقل العمر النفطي", "SY09", 34.99, 40.59, 15, 1, "oil_field"),
    ("مطار T4", "SY04", 34.52, 37.63, 5, 1, "airport"),
    ("جبل الزاوية", "SY07", 35.68, 36.55, 20, 2, "mountain"),
    ("ناحية الصور", "SY09", 35.46, 40.88, 5, 2, "admin3"),
])
def test_heads_prefixes_and_precision(text, pcode, lat, lon, tol, precision, kind):
    c = top(text)
    assert c.admin1_pcode == pcode, c
    assert km(c.lat, c.lon, lat, lon) < tol, c
    assert c.precision == precision, c
    if kind:
        assert c.kind == kind, c


def test_bare_governorate_name_means_the_city_not_the_unit():
    c = top("دير الزور")
    assert c.kind == "city" and c.precision == 1
    assert km(c.lat, c.lon, 35.336, 40.141) < 5


def test_unknown_name_gives_no_candidates():
    assert resolve_place("مكان لا وجود له إطلاقا") == []
    assert resolve_place("") == []
    assert resolve_place("بريف") == []


# ------------------------------------------------------------------------------- context ranking
@pytest.mark.parametrize("name,context,pcode", [
    ("القصير", "قصفت قوات النظام قرية القصير بريف حلب الشرقي", "SY02"),
    ("القصير", "اشتباكات في مدينة القصير بريف حمص الغربي", "SY04"),
    ("القصير", "قتل مدني في قرية القصير بريف درعا الغربي", "SY12"),
    ("رأس العين", "قصف مدفعي على قرية رأس العين بريف حماة الشرقي", "SY05"),
    ("رأس العين", "انفجار سيارة مفخخة في مدينة رأس العين بريف الحسكة الشمالي", "SY08"),
    ("رأس العين", "غارة على قرية رأس العين في ريف إدلب", "SY07"),
    ("الحسينية", "اشتباكات في قرية الحسينية بريف دير الزور", "SY09"),
    ("الحسينية", "هجوم على قرية الحسينية بريف الحسكة", "SY08"),
    ("الحسينية", "قصف على بلدة الحسينية في ريف القنيطرة", "SY14"),
    ("الحسينية", "قصف على بلدة الحسينية في ريف حمص", "SY04"),
    ("مسكنة", "التابعة لبلدة مسكنة بريف حلب الشرقي", "SY02"),
    ("مسكنة", "قرية مسكنة بريف حمص", "SY04"),
])
def test_context_governorate_picks_the_candidate_there(name, context, pcode):
    cands = resolve_place(name, context=context)
    assert cands[0].admin1_pcode == pcode, cands[0]


def test_never_a_same_named_village_in_another_governorate_when_context_names_one():
    for name, ctx, pcode in [("السخنة", "هجوم قرب مدينة السخنة بريف حمص الشرقي", "SY04"),
                             ("الحصين", "مداهمة في بادية الحصين التابعة لناحية الصور في ريف دير الزور الشمالي",
                              "SY09")]:
        assert all(c.admin1_pcode == pcode for c in resolve_place(name, context=ctx))


def test_district_and_town_in_context_also_count():
    # no governorate named, but Manbij (a city in Aleppo) is: Tishrin Dam in Aleppo, Wadha near Maskanah
    assert top("وضحة", "قرية وضحة قرب مسكنة ومنبج").admin1_pcode == "SY02"


def test_distance_to_other_places_in_the_sentence():
    # مثلث الموت is both the Abu Kamal desert and the Daraa-Quneitra triangle: the sentence decides
    east = top("مثلث الموت", "هجوم في منطقة مثلث الموت قرب البوكمال")
    south = top("مثلث الموت", "معارك في مثلث الموت قرب بلدة كفرشمس وجاسم")
    assert east.admin1_pcode == "SY09"
    assert south.admin1_pcode in ("SY12", "SY14", "SY03")


def test_scores_are_ordered_probabilities():
    cands = resolve_place("الحسينية", limit=5)
    assert len(cands) == 5
    scores = [c.score for c in cands]
    assert scores == sorted(scores, reverse=True) and 0 < sum(scores) <= 1.0001


# ------------------------------------------------------------------------------- find_mentions
def test_find_mentions_offsets_heads_and_prefixes(gz):
    text = "قتل 4 عناصر بانفجار قرب قرية وضحة التابعة لبلدة مسكنة بريف حلب الشرقي، وقصف على مدينة “الشحيل”."
    ms = gz.find_mentions(text)
    assert all(isinstance(m, PlaceMention) and text[m.start:m.end] == m.text for m in ms)
    texts = [m.text for m in ms]
    assert texts == ["قرب قرية وضحة", "بلدة مسكنة", "ريف حلب الشرقي", "مدينة “الشحيل"]
    by = {m.text: m.candidates[0] for m in ms}
    assert by["قرب قرية وضحة"].admin1_pcode == "SY02" and by["قرب قرية وضحة"].precision == 2
    assert by["بلدة مسكنة"].admin1_pcode == "SY02"
    assert by["ريف حلب الشرقي"].kind == "region" and by["ريف حلب الشرقي"].precision == 3


def test_find_mentions_skips_common_words_that_are_village_names(gz):
    text = ("وتأتي هجمات التنظيم رغم تركيزه على مهاجمة علماء الدين وشيوخ العشائر، ومن مصلحة النظام "
            "بقاء داعش، وأصيب عدد من العناصر بجروح على ضفة النهر.")
    assert gz.find_mentions(text) == []


def test_find_mentions_small_village_needs_a_cue(gz):
    # السكرية is a small village: found after قرى/و-list or في, not as a bare word
    listed = gz.find_mentions("استهدفت مواقع في قرى المطاردة والسكرية ووادي بقيع")
    assert [m.text for m in listed] == ["قرى المطاردة", "السكرية", "وادي بقيع"]
    assert gz.find_mentions("كانت السكرية عالية في الطعام") == []


def test_find_mentions_uses_each_sentence_as_context(gz):
    text = "قصف على قرية القصير بريف حلب الشرقي. وفي يوم آخر اشتباكات في مدينة القصير بريف حمص."
    ms = [m for m in gz.find_mentions(text) if "القصير" in m.text]
    assert [m.candidates[0].admin1_pcode for m in ms] == ["SY02", "SY04"]


# --------------------------------------------------------------------------------- seed articles
SEEDS = SHARED_DIR / "seeds"


def seed_sentence(anchor: str) -> str:
    for path in sorted(SEEDS.glob("*.txt")):
        for sent in re.split(r"(?<=[.!؟?])\s+|\n+", path.read_text(encoding="utf-8")):
            if anchor in sent:
                return sent
    raise AssertionError(f"{anchor!r} is not in the seed articles")


# (mention, anchor to find its sentence, governorate p-code, lat, lon, tolerance km, precision or None)
SEED_PLACES = [
    ("بادية البوكمال", "في بادية البوكمال بريف", "SY09", 34.45, 40.92, 15, 2),
    ("بريف دير الزور الشرقي", "في بادية البوكمال بريف", "SY09", 35.13, 40.37, 10, 2),
    ("مثلث الموت", "مثلث الموت", "SY09", 34.55, 40.55, 60, 2),
    ("البادية السورية", "في عمق البادية السورية", "SY04", 34.6, 38.6, 100, 3),
    ("قاعدة حميميم", "قاعدة حميميم", "SY06", 35.40, 35.95, 5, 1),
    ("مدينة البوكمال", "سمعت أصوات انفجارات", "SY09", 34.45, 40.92, 5, 1),
    ("مدينة تدمر", "مدينة تدمر", "SY04", 34.56, 38.27, 5, 1),
    ("بادية دير الزور", "إضافة لبادية دير الزور", "SY09", 35.34, 40.14, 10, 3),
    ("بادية السخنة", "في بادية السخنة بريف حمص", "SY04", 34.88, 38.87, 10, 2),
    ("ريف حمص", "في بادية السخنة بريف حمص", "SY04", 34.73, 36.71, 10, 3),  # a governorate stands at its capital (ACLED geo_precision 3)
    ("مدينة السخنة", "بالقرب من مدينة السخنة", "SY04", 34.88, 38.87, 5, 1),
    ("دمشق", "الطريق الدولي الواصل بين دمشق", "SY01", 33.51, 36.29, 5, 1),
    ("دير الزور", "الطريق الدولي الواصل بين دمشق", "SY09", 35.34, 40.14, 5, 1),
    ("مدينة الرقة", "جنوب مدينة الرقة", "SY11", 35.95, 39.01, 5, None),
    ("منطقة البانوراما", "منطقة البانوراما", "SY09", 35.31, 40.12, 10, None),
    ("القلمون", "من القلمون ومخيم اليرموك", "SY03", 33.95, 36.6, 40, 2),
    ("مخيم اليرموك", "من القلمون ومخيم اليرموك", "SY01", 33.47, 36.30, 3, 1),
    ("حقل آرك", "محيط حقل آرك", "SY04", 34.64, 38.57, 15, None),
    ("بادية حمص الشرقية", "بادية حمص الشرقية", "SY04", 34.52, 38.20, 10, 3),
    ("مدينة العشارة", "مدينة العشارة", "SY09", 34.92, 40.56, 5, 1),
    ("قرية وضحة", "قرية وضحة", "SY02", 36.03, 38.02, 15, 1),
    ("بلدة مسكنة", "قرية وضحة", "SY02", 35.96, 38.04, 5, 1),
    ("ريف حلب الشرقي", "قرية وضحة", "SY02", 36.25, 37.42, 10, 3),
    ("كباجب", "انطلاقاً من كباجب", "SY09", 35.10, 39.50, 25, None),
    ("الشولا", "انطلاقاً من كباجب", "SY09", 35.19, 39.85, 10, None),
    ("منطقة جبل أبو رجمين", "جبل أبو رجمين", "SY04", 34.78, 38.2, 30, 2),
    ("محافظة السويداء", "لمحافظة السويداء", "SY13", 32.71, 36.57, 10, 3),
    ("حماة", "محافظي حماة وحمص", "SY05", 35.13, 36.75, 5, None),
    ("المطاردة", "قرى المطاردة", "SY09", 34.5, 40.85, 25, None),
    ("السكرية", "قرى المطاردة", "SY09", 34.47, 40.91, 10, None),
    ("وادي بقيع", "قرى المطاردة", "SY09", 34.5, 40.8, 25, None),
    ("حقل نفط “عكش”", "حقل نفط “عكش”", "SY09", 34.48, 40.74, 25, None),
    ("صحراء الحماد", "صحراء الحماد", "SY09", 34.25, 40.45, 100, 3),
    ("حقل “رتقة”", "حقل “رتقة”", "SY09", 34.52, 40.68, 25, None),
    ("سد تشرين", "قرب سد تشرين", "SY02", 36.38, 38.18, 3, 1),
    ("مدينة منبج", "قرب سد تشرين", "SY02", 36.53, 37.95, 5, 1),
    ("الحصين", "بادية “الحصين”", "SY09", 35.45, 40.62, 30, None),
    ("الصور", "بادية “الحصين”", "SY09", 35.5, 40.65, 25, None),
    ("بلدة “ذيبان”", "في بلدة “ذيبان” الواقعة", "SY09", 35.01, 40.51, 5, 1),
    ("مدينة “الشحيل”", "أطراف مدينة “الشحيل”", "SY09", 35.07, 40.47, 10, 1),
    ("ريف دير الزور", "مواقع تمركزهم في ريف دير الزور", "SY09", 35.34, 40.14, 10, 3),
]


@pytest.mark.parametrize("mention,anchor,pcode,lat,lon,tol,precision", SEED_PLACES,
                         ids=[p[0] for p in SEED_PLACES])
def test_seed_article_places(mention, anchor, pcode, lat, lon, tol, precision):
    c = top(mention, seed_sentence(anchor))
    assert c.admin1_pcode == pcode, c
    assert km(c.lat, c.lon, lat, lon) <= tol, c
    if precision is not None:
        assert c.precision == precision, c


def test_find_mentions_over_the_seeds_places_only(gz):
    """The running-text scan reports the seed places and nothing from the boilerplate or prose."""
    found = set()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in gz.find_mentions(text):
            assert text[m.start:m.end] == m.text and m.candidates
            found.add(normalize_ar(m.text))
    expected = ["بادية البوكمال", "مثلث الموت", "قاعدة حميميم", "مدينة تدمر", "بادية السخنة", "البانوراما",
                "القلمون", "مخيم اليرموك", "حقل آرك", "مدينة العشارة", "قرية وضحة", "كباجب", "الشولا",
                "جبل أبو رجمين", "سد تشرين", "قرى المطاردة", "السكرية", "صحراء الحماد", "الشحيل", "الحصين"]
    for e in expected:
        assert any(normalize_ar(e) in f for f in found), e
    noise = {"بدا", "علما", "شيوخ", "العشاير", "لوا", "رحاب", "ضفه", "نهر", "جروح", "الدور"}
    assert not found & noise


# ----------------------------------------------------------------------------------- public API
def test_public_api(gz):
    assert gazetteer.ATTRIBUTION.startswith("Places: Who's On First (CC0; GeoNames CC BY 4.0)")
    sources_md = (SHARED_DIR / "gazetteer" / "SOURCES.md").read_text(encoding="utf-8")
    assert "geoBoundaries / OCHA (CC BY 3.0 IGO)" in gazetteer.ATTRIBUTION and "OpenSyria (CC BY 4.0)" in sources_md
    govs = gz.governorates()
    assert len(govs) == 14 and {"pcode", "name_en", "name_ar"} <= set(govs[0])
    assert {"pcode": "SY09", "name_en": "Deir ez-Zor", "name_ar": "دير الزور"} in govs
    for level in (1, 2, 3):
        path = gz.boundaries_path(level)
        assert path.is_file() and json.loads(path.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    with pytest.raises(ValueError):
        gz.boundaries_path(4)
    c = top("منبج")
    assert isinstance(c, Candidate)
    assert list(c.to_dict()) == ["gazetteer_id", "name_ar", "name_en", "kind", "lat", "lon", "admin1",
                                 "admin1_pcode", "admin2", "admin3", "precision", "score"]


# ------------------------------------------------------------------------------------------ CLI
def test_cli_json(capsys):
    assert cli_main(["resolve", "بادية البوكمال", "--context", "في بادية البوكمال بريف دير الزور الشرقي"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "بادية البوكمال"
    best = out["candidates"][0]
    assert best["admin1_pcode"] == "SY09" and best["precision"] == 2
    assert set(best) == {"gazetteer_id", "name_ar", "name_en", "kind", "lat", "lon", "admin1", "admin1_pcode",
                         "admin2", "admin3", "precision", "score"}


def test_cli_table(capsys):
    assert cli_main(["resolve", "ريف حلب الشرقي", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "query: ريف حلب الشرقي" in out and "admin1" in out and "Aleppo" in out.splitlines()[2]


def test_cli_unknown_name(capsys):
    assert cli_main(["resolve", "اسم غير معروف أبدا"]) == 0
    assert json.loads(capsys.readouterr().out) == {"query": "اسم غير معروف أبدا", "candidates": []}


def test_cli_batch_one_object_per_line_in_order(capsys, fixtures_dir):
    assert cli_main(["resolve", "--batch", str(fixtures_dir / "gazetteer" / "batch.jsonl")]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["query"] for x in lines] == ["بادية البوكمال", "وضحة", "كلمة لا تعني مكانا", "القصير"]
    assert lines[1]["candidates"][0]["admin1_pcode"] == "SY02"
    assert lines[2]["candidates"] == []
    assert lines[3]["candidates"][0]["admin1_pcode"] == "SY04"


def test_cli_batch_bad_line_names_the_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "منبج"}\nnot json\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        cli_main(["resolve", "--batch", str(bad)])
    assert f"{bad}:2" in str(exc.value)


def test_cli_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "gazetteer", "resolve", "وبلدة ذيبان", "--format", "json"],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["candidates"][0]["name_ar"] == "ذيبان"


@pytest.mark.parametrize("text", ["لبنان", "العراق", "نهر الفرات", "العاصي", "أنقرة", "سوريا", "شمال سوريا"])
def test_countries_foreign_cities_and_rivers_are_not_syrian_places(text):
    assert resolve_place(text) == []


def test_type_head_still_finds_a_village_named_like_a_river():
    assert top("قرية العاصي").kind == "village"


def test_find_mentions_ignores_countries_and_rivers(gz):
    ms = gz.find_mentions("عبر الحدود مع لبنان والعراق وعلى ضفاف نهر الفرات قرب منبج")
    assert [m.text for m in ms] == ["قرب منبج"]
