"""The extraction scorer (benchmarks/extraction_eval.py) counts right, and the dev set is well formed.

Hand-built gold/predicted pairs with known answers: perfect, one missed, one spurious, one wrong
field, alternatives and "*", optional incidents, background alignment, two places. The extraction's
own score is measured by the benchmark, never asserted here.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("extraction_eval", ROOT / "benchmarks" / "extraction_eval.py")
ev = importlib.util.module_from_spec(_spec)
sys.modules["extraction_eval"] = ev
_spec.loader.exec_module(ev)

TEXT = ("قتل خمسة عناصر من قوات النظام بهجوم لتنظيم داعش في بادية السخنة اليوم.\n"
        "كما قصفت القوات التركية قرية قرب القامشلي.\n"
        "وكان مجهولون قد اغتالوا شابا في طفس الشهر الماضي.")
SUKHNAH = {"name_ar": "السخنة", "lat": 34.885, "lon": 38.871, "admin1_pcode": "SY04"}
QAMISHLI = {"name_ar": "القامشلي", "lat": 37.052, "lon": 41.231, "admin1_pcode": "SY08"}
TAFAS = {"name_ar": "طفس", "lat": 32.736, "lon": 36.067, "admin1_pcode": "SY12"}


def gold(ev_text, attack="armed_clash", perp="islamic_state", target="syrian_government", loc=SUKHNAH,
         date="2021-03-14", killed=5, wounded=None, captured=None, bg=False, optional=False):
    return ev.GoldIncident(attack, perp, target, loc, date, killed, wounded, captured, bg, ev_text, optional)


def pred(ev_text, attack="armed_clash", perp="islamic_state", target="syrian_government", lat=34.885,
         lon=38.871, pcode="SY04", date="2021-03-14", killed=5, wounded=None, captured=None, bg=False):
    start = TEXT.index(ev_text)
    return ev.PredIncident(attack, perp, target, lat, lon, pcode, date, killed, wounded, captured, bg,
                           start, start + len(ev_text), ev_text, "x")


def G1():
    return gold("بهجوم لتنظيم داعش")


def G2():
    return gold("قصفت القوات التركية", attack="shelling", perp="turkey", target=None, loc=QAMISHLI, killed=None)


def P1(**kw):
    return pred("قتل خمسة عناصر من قوات النظام بهجوم لتنظيم داعش في بادية السخنة اليوم.", **kw)


def P2(**kw):
    base = dict(attack="shelling", perp="turkey", target=None, lat=37.05, lon=41.23, pcode="SY08", killed=None)
    base.update(kw)
    return pred("كما قصفت القوات التركية قرية قرب القامشلي.", **base)


def summary(*articles):
    return ev.summarize([ev.score_article(f"a{k}", TEXT, g, p) for k, (g, p) in enumerate(articles)])


def test_perfect_prediction_scores_one_everywhere():
    s = summary(([G1(), G2()], [P1(), P2()]))
    assert s.prf("main") == (1.0, 1.0, 1.0)
    assert s.counts["main"] == {"tp": 2, "fp": 0, "fn": 0}
    for f in ("perpetrator", "target", "attack_type", "location", "admin1", "date", "killed", "wounded",
              "is_background"):
        assert s.accuracy(f) == 1.0, f
        assert s.field_total[f] == 2


def test_one_missing_incident_halves_recall():
    s = summary(([G1(), G2()], [P1()]))
    p, r, f = s.prf("main")
    assert (p, r) == (1.0, 0.5)
    assert f == pytest.approx(2 / 3)
    assert s.field_total["killed"] == 1


def test_one_spurious_incident_halves_precision():
    s = summary(([G1()], [P1(), P2()]))
    p, r, f = s.prf("main")
    assert (p, r) == (0.5, 1.0)
    assert s.counts["all"] == {"tp": 1, "fp": 1, "fn": 0}


def test_one_wrong_field_only_costs_that_field():
    s = summary(([G1(), G2()], [P1(killed=4), P2(perp="syrian_national_army")]))
    assert s.prf("main") == (1.0, 1.0, 1.0)
    assert s.accuracy("killed") == 0.5
    assert s.accuracy("perpetrator") == 0.5
    assert s.accuracy("perpetrator_family") == 0.5
    assert s.accuracy("attack_type") == 1.0 and s.accuracy("location") == 1.0


def test_location_is_within_25_km_and_admin1_separately():
    # ~30 km east of al-Sukhnah, still in Homs governorate: location wrong, admin1 right
    s = summary(([G1()], [P1(lon=39.20)]))
    assert s.accuracy("location") == 0.0 and s.accuracy("admin1") == 1.0
    s = summary(([G1()], [P1(lon=39.05)]))  # ~16 km
    assert s.accuracy("location") == 1.0
    # a null gold location needs a null prediction
    s = summary(([gold("بهجوم لتنظيم داعش", loc=None)], [P1()]))
    assert s.accuracy("location") == 0.0


def test_a_place_or_no_place_accepts_both_and_nothing_else():
    g = gold("بهجوم لتنظيم داعش", loc=[SUKHNAH, None])
    s = summary(([g], [P1(lat=None, lon=None, pcode=None)]))
    assert s.accuracy("location") == 1.0 and s.accuracy("admin1") == 1.0
    s = summary(([g], [P1()]))
    assert s.accuracy("location") == 1.0
    s = summary(([g], [P1(lat=37.05, lon=41.23, pcode="SY08")]))  # al-Qamishli: neither
    assert s.accuracy("location") == 0.0 and s.accuracy("admin1") == 0.0


def test_child_group_counts_in_family_but_not_exact():
    s = summary(([G1()], [P1(target="fourth_division")]))
    assert s.accuracy("target") == 0.0 and s.accuracy("target_family") == 1.0


def test_alternatives_and_star():
    g = gold("بهجوم لتنظيم داعش", perp=[None, "unknown"], date="*", killed=[5, 6])
    s = summary(([g], [P1(perp=None, date="1999-01-01", killed=6)]))
    assert s.accuracy("perpetrator") == 1.0 and s.accuracy("killed") == 1.0
    assert s.field_total["date"] == 0  # "*" is not scored
    s = summary(([g], [P1(perp="islamic_state")]))
    assert s.accuracy("perpetrator") == 0.0


def test_optional_gold_is_neither_hit_nor_miss():
    g2 = gold("قصفت القوات التركية", attack="shelling", perp="turkey", target=None, loc=QAMISHLI, optional=True)
    assert summary(([G1(), g2], [P1()])).counts["main"] == {"tp": 1, "fp": 0, "fn": 0}
    s = summary(([G1(), g2], [P1(), P2()]))
    assert s.counts["main"] == {"tp": 1, "fp": 0, "fn": 0}
    assert s.field_total["killed"] == 1  # optional pairs are not in the field table
    # one prediction whose evidence covers a required and an optional incident counts for the required
    both = pred("قتل خمسة عناصر من قوات النظام بهجوم لتنظيم داعش في بادية السخنة اليوم.\nكما قصفت القوات التركية",
                attack="shelling")
    g1_opt_shelling = gold("قصفت القوات التركية", attack="shelling", optional=True)
    r = ev.score_article("x", TEXT, [G1(), g1_opt_shelling], [both])
    assert [(p.gold_index, p.pred_index) for p in r.pairs] == [(0, 0)]
    assert r.counts["main"] == {"tp": 1, "fp": 0, "fn": 0}


def test_background_is_scored_separately():
    gb = gold("قد اغتالوا شابا", attack="assassination", perp="unknown", target="civilians", loc=TAFAS,
              date="*", killed=1, bg=True)
    pb = pred("وكان مجهولون قد اغتالوا شابا في طفس الشهر الماضي.", attack="assassination", perp="unknown",
              target="civilians", lat=32.74, lon=36.07, pcode="SY12", date=None, killed=1, bg=True)
    s = summary(([G1(), gb], [P1(), pb]))
    assert s.counts["main"] == {"tp": 1, "fp": 0, "fn": 0}
    assert s.counts["background"] == {"tp": 1, "fp": 0, "fn": 0}
    # the same past attack reported as news: a main false alarm and a background miss
    pb.is_background = False
    s = summary(([G1(), gb], [P1(), pb]))
    assert s.counts["main"] == {"tp": 1, "fp": 1, "fn": 0}
    assert s.counts["background"] == {"tp": 0, "fp": 0, "fn": 1}
    assert s.counts["all"] == {"tp": 2, "fp": 0, "fn": 0}
    assert s.accuracy("is_background") == 0.5


def test_alignment_follows_place_and_evidence_not_order():
    r = ev.score_article("x", TEXT, [G1(), G2()], [P2(), P1()])
    assert sorted((p.gold_index, p.pred_index) for p in r.pairs) == [(0, 1), (1, 0)]
    # same family and within 25 km but no shared evidence still aligns (another sentence told it)
    far_ev = pred("وكان مجهولون قد اغتالوا شابا في طفس الشهر الماضي.", attack="ambush")
    r = ev.score_article("x", TEXT, [G1()], [far_ev])
    assert len(r.pairs) == 1
    # a different family far away with no shared evidence is not the same incident
    other = pred("وكان مجهولون قد اغتالوا شابا في طفس الشهر الماضي.", attack="airstrike", lat=32.7, lon=36.1)
    r = ev.score_article("x", TEXT, [G1()], [other])
    assert r.pairs == [] and r.missed == [0] and r.spurious == [0]


def test_best_assignment_prefers_more_pairs_then_weight():
    # greedy by weight would take (0,0)=5 and leave row 1 unmatched
    assert ev.best_assignment([[5.0, 4.0], [3.0, None]]) == [(0, 1), (1, 0)]
    assert ev.best_assignment([[1.0, 2.0, None]]) == [(0, 1)]
    assert ev.best_assignment([]) == []


def test_devset_is_well_formed():
    arts = ev.load_devset()
    assert len(arts) >= 40
    assert sum(1 for a in arts if not a.gold) >= 5  # negatives
    assert sum(1 for a in arts if any(g.is_background for g in a.gold)) >= 5
    assert sum(1 for a in arts if sum(not g.is_background and not g.optional for g in a.gold) >= 2) >= 4
    assert len({a.source for a in arts}) >= 10
    years = {a.published[:4] for a in arts}
    assert min(years) <= "2014" and max(years) >= "2025"


WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6}


DEV_DIRS = sorted(p for p in ev.DEFAULT_DEVSET.parent.glob("devset*") if p.is_dir())


@pytest.mark.parametrize("folder", DEV_DIRS, ids=[p.name for p in DEV_DIRS])
def test_every_dev_set_is_well_formed(folder):
    """Each dev set (written by a separate annotator) loads: evidence found, group ids known, pcodes valid."""
    arts = ev.load_devset(folder)
    assert len(arts) >= 20
    assert sum(1 for a in arts if not a.gold) >= 2  # negatives
    assert sum(1 for a in arts if any(g.is_background for g in a.gold)) >= 3


@pytest.mark.parametrize("folder", DEV_DIRS, ids=[p.name for p in DEV_DIRS])
def test_devset_weekdays_agree_with_publication_dates(folder):
    """'اليوم الخميس' must fall on the publication date, 'أمس الاثنين' the day before."""
    for a in ev.load_devset(folder):
        pub = dt.date.fromisoformat(a.published)
        for m in re.finditer(r"(أول من أمس|أول أمس|اليوم|أمس) (الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد)", a.text):
            day = pub - dt.timedelta(days={"اليوم": 0, "أمس": 1}.get(m.group(1), 2))
            assert day.weekday() == WEEKDAYS[m.group(2)], f"{a.path.name}: «{m.group(0)}» vs published {pub}"


def test_bad_devset_file_names_the_file(tmp_path):
    good = json.loads(next(iter(sorted(ev.DEFAULT_DEVSET.glob("*.json")))).read_text(encoding="utf-8"))
    bad = dict(good, gold=[dict(good["gold"][0], evidence_contains="نص غير موجود في المقال")])
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ev.DevsetError, match=r"bad\.json.*evidence_contains"):
        ev.load_devset(tmp_path)
    bad = dict(good, gold=[dict(good["gold"][0], perpetrator="isis")])
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ev.DevsetError, match=r"bad\.json.*'isis'"):
        ev.load_devset(tmp_path)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ev.DevsetError, match=r"bad\.json.*JSON"):
        ev.load_devset(tmp_path)
    assert ev.main(["--devset", str(tmp_path / "missing")]) == 2


@pytest.mark.stanza
def test_runs_the_real_extraction_on_a_dev_article(nlp, tmp_path):
    """Plumbing only: the real extraction's incidents come back aligned (no score asserted)."""
    src = sorted(ev.DEFAULT_DEVSET.glob("*.json"))[0]
    (tmp_path / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    [art] = ev.load_devset(tmp_path)
    [res] = ev.run_devset([art], nlp, progress=False)
    assert set(res.counts) == {"all", "main", "background"}
    for p in res.pred:
        assert art.text[p.evidence_start:p.evidence_end] == p.evidence_text
    s = ev.summarize([res])
    assert s.n_articles == 1


# Floors on the dev sets the rules were tuned on (each was first scored once unseen; the newest set
# is kept out until its honest measurement is recorded). A change that loses incidents or fields
# across annotators fails here; the figures themselves are printed by benchmarks/extraction_eval.py.
TUNED = ["devset2", "devset3", "devset4", "devset5", "devset6", "devset7", "devset8", "devset9", "devset10",
         "devset11", "devset12", "devset13", "devset14", "devset15", "devset16", "devset17", "devset18", "devset19",
         "devset20", "devset21", "devset22", "devset23", "devset24", "devset25", "devset26", "devset27",
         "devset28", "devset29", "devset30", "devset31", "devset32", "devset33", "devset34",
         "devset35", "devset36", "devset37", "devset38", "devset39", "devset40", "devset41", "devset42",
         "devset43", "devset44", "devset45", "devset46", "devset47", "devset48", "devset49", "devset50",
         "devset51", "devset52", "devset53", "devset54", "devset55", "devset56", "devset57", "devset58",
         "devset59", "devset60"]


@pytest.mark.stanza
@pytest.mark.timeout(1800)  # about 1,000 articles through Stanza: on a slow runner longer than the suite's 10-minute limit
def test_tuned_dev_sets_keep_their_floor(nlp):
    arts = [a for name in TUNED for a in ev.load_devset(ev.DEFAULT_DEVSET.parent / name)]
    s = ev.summarize(ev.run_devset(arts, nlp, progress=False))
    assert s.prf("all")[2] >= 0.92, s.prf("all")
    assert s.prf("main")[2] >= 0.90, s.prf("main")
    for field in ("perpetrator", "target", "attack_type", "location", "date", "killed"):
        assert s.accuracy(field) >= 0.85, (field, s.accuracy(field))
