"""Hand-written sentences (tests/fixtures/extraction/sentences.yaml): every armed group of DESIGN.md,
every attack type, number and date form, and negatives (tolls, analysis, politics, denials, threats,
habitual statements) that must yield nothing. One Stanza batch for all of them."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from extraction.extract import extract_many
from extraction.reader import article_from_text

CASES = yaml.safe_load(
    (__import__("pathlib").Path(__file__).parent / "fixtures" / "extraction" / "sentences.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def results(nlp):
    arts = [article_from_text(c["text"], published=c["published"]) for c in CASES]
    return {c["id"]: (a, incs) for c, a, incs in zip(CASES, arts, extract_many(arts, nlp=nlp), strict=True)}


def _check(inc, exp: dict, cid: str) -> None:
    got = {
        "type": inc.attack_type,
        "perp": inc.perpetrator.id if inc.perpetrator else None,
        "target": inc.target.id if inc.target else None,
        "killed": inc.killed, "wounded": inc.wounded, "captured": inc.captured,
        "admin1": inc.location.admin1 if inc.location else None,
        "place": inc.location.name_ar if inc.location else None,
        "date": inc.event_date, "precision": inc.date_precision, "bg": inc.is_background,
        "note": bool(inc.casualty_note),
    }
    for key, want in exp.items():
        if key == "date" and isinstance(want, dt.date):
            want = want.isoformat()
        assert got[key] == want, f"{cid}: {key} = {got[key]!r}, expected {want!r} (incident {got})"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_sentence(case, results):
    article, incidents = results[case["id"]]
    if case["expect"] == "none":
        assert incidents == [], f"{case['id']}: expected no incident, got {[i.to_dict() for i in incidents]}"
        return
    assert len(incidents) == len(case["expect"]), [i.to_dict() for i in incidents]
    for inc, exp in zip(incidents, case["expect"], strict=True):
        _check(inc, exp, case["id"])


def test_every_design_group_is_exercised():
    design_ids = {"islamic_state", "syrian_government", "russia", "iran_backed_militias", "sdf",
                  "syrian_national_army", "hts", "opposition", "turkey", "us_led_coalition", "israel", "unknown",
                  "civilians", "fourth_division", "ndf", "fifth_corps", "liwa_al_quds", "republican_guard", "irgc",
                  "hezbollah", "pmf", "fatemiyoun", "village_guard", "ypg", "asayish", "deir_ez_zor_military_council"}
    seen = {e.get(k) for c in CASES if c["expect"] != "none" for e in c["expect"] for k in ("perp", "target")}
    assert design_ids <= seen, design_ids - seen


def test_every_attack_type_is_exercised():
    from extraction.schema import ATTACK_TYPES

    seen = {e.get("type") for c in CASES if c["expect"] != "none" for e in c["expect"]}
    assert set(ATTACK_TYPES) - {"other"} <= seen, set(ATTACK_TYPES) - seen


def test_numbers_and_places_inside_evidence(results):
    for cid, (article, incidents) in results.items():
        for inc in incidents:
            ev = inc.evidence
            assert article.text[ev.start:ev.end] == ev.text
            for kind, n in (("killed", inc.killed), ("wounded", inc.wounded), ("captured", inc.captured)):
                if n is not None:
                    assert _number_in(ev.text, n) or _sum_in(ev.text, kind, n, inc.casualty_note) or _named_in(
                        ev.text, kind, n, inc.casualty_note), \
                        f"{cid}: {n} not in evidence {ev.text!r}"
            if inc.location:
                assert ev.start <= inc.location.start and inc.location.end <= ev.end, cid
                assert inc.location.text in ev.text
            for g in (inc.perpetrator, inc.target):
                if g is not None:  # traceable: the group's words are in the article (a lede may name the attacker)
                    assert article.text[g.start:g.end] == g.text


def _named_in(text: str, kind: str, n: int, note: str | None) -> bool:
    """One dead counted from a person named ("قتلت غارة أمريكية ماهر العقال") says so in the casualty
    note, and the name is in the evidence."""
    import re

    return n == 1 and note is not None and any(
        m.group(1) in text for m in re.finditer(rf"{kind}: 1 = (.+?) \(a person named\)", note))


def _sum_in(text: str, kind: str, n: int, note: str | None) -> bool:
    """A total the extractor added up ("مقتل 4 ... و3 آخرين" = 7) says so in the casualty note, and
    each part is stated in the evidence."""
    import re

    m = re.search(rf"{kind}: (\d+(?: \+ \d+)+)", note or "")
    if not m:
        return False
    parts = [int(x) for x in m.group(1).split(" + ")]
    return sum(parts) == n and all(_number_in(text, p) for p in parts)


def _number_in(text: str, n: int) -> bool:
    """The count is stated in the text (as digits, Arabic-Indic digits or words)."""
    from extraction.casualties import find_casualties
    from extraction.lexicon import words_of
    from extraction.numbers import find_counts

    words = words_of(text)
    values = {c.value for c in find_counts(text, words)} | {c.value for c in find_casualties(text, words)}
    return n in values
