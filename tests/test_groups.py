"""Armed-group lexicon: every DESIGN.md id exists with Arabic aliases, and aliases are found in
running text with clitics and quotes (no Stanza needed)."""

from __future__ import annotations

import pytest

from extraction.groups import load_groups
from extraction.lexicon import words_of
from extraction.roles import find_group_mentions, raw_group_mentions
from extraction.triggers import acled_types

DESIGN_IDS = {
    "islamic_state": None, "syrian_government": None, "russia": None, "iran_backed_militias": None, "sdf": None,
    "syrian_national_army": None, "hts": None, "opposition": None, "turkey": None, "us_led_coalition": None,
    "israel": None, "unknown": None, "civilians": None, "fourth_division": "syrian_government",
    "ndf": "syrian_government", "fifth_corps": "syrian_government", "liwa_al_quds": "syrian_government",
    "republican_guard": "syrian_government", "irgc": "iran_backed_militias", "hezbollah": "iran_backed_militias",
    "pmf": "iran_backed_militias", "fatemiyoun": "iran_backed_militias", "village_guard": "iran_backed_militias",
    "ypg": "sdf", "asayish": "sdf", "deir_ez_zor_military_council": "sdf",
}


def test_design_ids_and_parents():
    groups = load_groups()
    for gid, parent in DESIGN_IDS.items():
        assert gid in groups, gid
        assert groups[gid].parent == parent, gid
        assert groups[gid].aliases, gid
    assert "russia" in groups["liwa_al_quds"].backers


@pytest.mark.parametrize("text,gid,surface", [
    ("هاجم تنظيم “داعش” مواقع", "islamic_state", "تنظيم “داعش"),
    ("نقاط تابعة للميليشيات الإيرانية", "iran_backed_militias", "لميليشيات الإيرانية"),
    ("عناصر من الفرقة الرابعة", "fourth_division", "الفرقة الرابعة"),
    ("وبقوات سوريا الديمقراطية", "sdf", "قوات سوريا الديمقراطية"),
    ("نقطة لـ “قسد” في البلدة", "sdf", "قسد"),
    ("حاجز لمليشيا “حرس القرى”", "village_guard", "مليشيا “حرس القرى"),
    ("غارة للطيران الإسرائيلي", "israel", "لطيران الإسرائيلي"),
    ("مسلحين مجهولين", "unknown", "مسلحين مجهولين"),
    ("قوات التحالف الدولي", "us_led_coalition", "قوات التحالف الدولي"),
    ("عناصر هيئة تحرير الشام", "hts", "هيئة تحرير الشام"),
])
def test_alias_found_with_exact_offsets(text, gid, surface):
    ms = raw_group_mentions(text, words_of(text))
    hit = [m for m in ms if m.id == gid]
    assert hit, ms
    assert hit[0].text == surface and text[hit[0].start:hit[0].end] == surface


def test_affiliation_is_not_a_party():
    text = "هجوم على نقطة حراسة لمليشيا “حرس القرى” التابعة لـ”الحرس الثوري” الإيراني"
    ids = [m.id for m in find_group_mentions(text, words_of(text))]
    assert ids == ["village_guard"]
    text = "هجوم شنه مسلحون تابعون لتنظيم “داعش” على نقطة"
    assert [m.id for m in find_group_mentions(text, words_of(text))] == ["islamic_state"]


def test_acled_mapping_covers_every_type():
    from extraction.schema import ATTACK_TYPES

    for t in ATTACK_TYPES:
        event, sub = acled_types(t)
        assert event in {"Battles", "Explosions/Remote violence", "Violence against civilians"}
        assert sub
    assert acled_types("vbied") == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert acled_types("suicide_attack")[1] == "Suicide bomb"
    with pytest.raises(ValueError, match="unknown attack type"):
        acled_types("picnic")


@pytest.mark.parametrize("text,gid", [
    ("كمين نصبته فلول النظام البائد لدورية أمنية", "assad_loyalists"),
    ("هاجمت مجموعة من فلول ميليشيات الأسد الدورية", "assad_loyalists"),
    ("اشتباكات مع بقايا النظام السابق في ريف اللاذقية", "assad_loyalists"),
    ("استشهد 13 عنصرا من إدارة الأمن العام", "syrian_government"),
    ("داهمت قوى الأمن العام وكرا للخلية", "syrian_government"),
    ("أعلنت وزارة الدفاع السورية", "syrian_government"),
    ("وحدات من الجيش السوري الجديد", "syrian_government"),
])
def test_post_2024_actors(text, gid):
    """From December 2024 the government's forces are الأمن العام / وزارة الدفاع; the old regime's
    armed remnants are their own top-level group (never folded into ``unknown``)."""
    ms = raw_group_mentions(text, words_of(text))
    assert [m.id for m in ms] == [gid], ms
    g = load_groups()["assad_loyalists"]
    assert g.parent is None and g.name_ar == "فلول النظام البائد" and g.colour.startswith("#")
