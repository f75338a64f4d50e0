"""Cross-source de-duplication (incidents.dedup): the rule's edge cases, through the real store."""

from __future__ import annotations

import pytest

from incidents.filters import IncidentFilter
from incidents.store import open_store
from tests.fixtures.store.builders import ABU_KAMAL, MAYADIN, article, incident, offset_km, place


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "dedup.db")
    yield s
    s.close()


def _two(store, first: dict, second: dict, *, pub2: str | None = "2024-03-06") -> int:
    """Store two one-incident articles from different outlets; return the number of events."""
    a = article("الخبر الأول: هجوم لتنظيم داعش على مواقع الميليشيات الإيرانية في بادية البوكمال.")
    b = article("الخبر الثاني: مقتل عناصر من الميليشيات بهجوم شنه التنظيم قرب مدينة البوكمال شرقي سوريا.",
                published=pub2, source="other")
    assert store.add_article(a, [incident(a, **first)])
    assert store.add_article(b, [incident(b, **second)])
    problems = store.consistency_problems()
    assert problems == []
    return store.counts()["events"]


def test_same_attack_two_outlets_is_one_event_with_both_sources(store):
    near = place(*offset_km(*ABU_KAMAL, 6.0))
    assert _two(store, {"killed": 4}, {"date": "2024-03-06", "loc": near, "killed": 6, "target": "irgc"}) == 1
    ev = store.query_events(IncidentFilter())
    assert len(ev) == 1
    row = ev.iloc[0]
    assert row.n_sources == 2 and len(row.sources) == 2
    assert {s["evidence_text"][:10] for s in row.sources} == {"الخبر الأو", "الخبر الثا"}
    assert row.killed == 6                    # the highest toll a source states
    assert row.target_id == "irgc"            # the most specific group a source names
    assert row.target_parent == "iran_backed_militias"
    assert len(store.event_sources(row.event_id)) == 2
    assert len(store.query_incidents(IncidentFilter())) == 2


@pytest.mark.parametrize("km, events", [(9.5, 1), (11.0, 2)])
def test_ten_km_radius(store, km, events):
    assert _two(store, {}, {"loc": place(*offset_km(*ABU_KAMAL, km), gid="other")}) == events


@pytest.mark.parametrize("second_date, events", [("2024-03-06", 1), ("2024-03-04", 1), ("2024-03-07", 2),
                                                  ("2024-03-03", 2)])
def test_dates_one_day_apart_merge_two_days_do_not(store, second_date, events):
    assert _two(store, {"date": "2024-03-05"}, {"date": second_date}) == events


@pytest.mark.parametrize("perp1, perp2, events", [
    ("islamic_state", "islamic_state", 1),
    ("syrian_government", "fourth_division", 1),      # parent / child
    ("fourth_division", "ndf", 2),                    # siblings differ
    ("islamic_state", "hts", 2),                      # different groups
    ("islamic_state", None, 1),                       # one not named
    ("islamic_state", "unknown", 1),
])
def test_group_compatibility(store, perp1, perp2, events):
    assert _two(store, {"perp": perp1}, {"perp": perp2}) == events


def test_different_attack_type_is_another_event(store):
    assert _two(store, {"attack_type": "ambush"}, {"attack_type": "ied"}) == 2


def test_armed_clash_sides_may_be_swapped_but_ambush_not(store, tmp_path):
    assert _two(store, {"attack_type": "armed_clash", "perp": "sdf", "target": "islamic_state"},
                {"attack_type": "armed_clash", "perp": "islamic_state", "target": "sdf"}) == 1
    other = open_store(tmp_path / "other.db")
    try:
        assert _two(other, {"perp": "sdf", "target": "islamic_state"},
                    {"perp": "islamic_state", "target": "sdf"}) == 2
    finally:
        other.close()


def test_undated_news_is_anchored_on_publication_day(store):
    # no date in the second article, published the day after the attack: same event
    assert _two(store, {"date": "2024-03-05"}, {"date": None}, pub2="2024-03-06") == 1


def test_undated_news_long_after_is_another_event(store):
    assert _two(store, {"date": "2024-03-05"}, {"date": None}, pub2="2024-03-20") == 2


def test_undated_without_publication_date_never_merges(store):
    assert _two(store, {"date": "2024-03-05"}, {"date": None}, pub2=None) == 2


def test_undated_background_mention_never_merges(store):
    assert _two(store, {"date": "2024-03-05"}, {"date": None, "background": True}) == 2


def test_background_mention_with_date_joins_the_news_event(store):
    # an earlier attack recalled as context in a later article is the main news of another one
    assert _two(store, {"date": "2024-03-05"}, {"date": "2024-03-05", "background": True}, pub2="2024-03-20") == 1
    ev = store.query_events(IncidentFilter())
    assert len(ev) == 1 and not ev.iloc[0].is_background   # news in one source -> shown by default


def test_background_only_event_hidden_by_default(store):
    assert _two(store, {"background": True}, {"background": True}) == 1
    assert store.query_events(IncidentFilter()).empty
    assert len(store.query_events(IncidentFilter(include_background=True))) == 1


def test_no_location_never_merges(store):
    assert _two(store, {"loc": None}, {"loc": None}) == 2


def test_vague_places_merge_on_same_admin3(store):
    # precision 2 ("بادية البوكمال") 25 km away but in the same sub-district
    vague = place(*offset_km(*ABU_KAMAL, 25.0), gid=None, precision=2)
    assert _two(store, {}, {"loc": vague}) == 1


def test_precise_places_far_apart_do_not_merge_on_admin3(store):
    far = place(*offset_km(*ABU_KAMAL, 25.0), gid="x", precision=1)
    assert _two(store, {}, {"loc": far}) == 2


def test_governorate_only_report_joins_within_governorate(store):
    gov = place(35.3, 40.1, gid="SY09", name_en="Deir ez-Zor", admin2=None, admin3=None, precision=3)
    assert _two(store, {}, {"loc": gov}) == 1


def test_complete_linkage_no_chaining(store):
    """A (0 km), B (8 km), C (16 km): C is within 10 km of B but not of A -> C starts its own event."""
    texts = ["تقرير أول عن هجوم في بادية البوكمال", "تقرير ثان عن هجوم قرب البوكمال", "تقرير ثالث عن هجوم شمال البوكمال"]
    for i, km in enumerate((0.0, 8.0, 16.0)):
        a = article(texts[i], source=f"s{i}")
        store.add_article(a, [incident(a, loc=place(*offset_km(*ABU_KAMAL, km), gid=f"g{i}"))])
    ev = store.query_events(IncidentFilter())
    assert sorted(ev.n_sources.tolist()) == [1, 2]


def test_two_attacks_in_one_article_stay_two_events(store):
    a = article("هجومان في يوم واحد: الأول في البوكمال والثاني في البوكمال أيضا بعد ساعات.")
    store.add_article(a, [incident(a, start=0, end=10), incident(a, start=11, end=30)])
    assert store.counts()["events"] == 2
    b = article("تقرير آخر يذكر هجوما واحدا في البوكمال.", source="other")
    store.add_article(b, [incident(b)])
    ev = store.query_events(IncidentFilter())
    assert sorted(ev.n_sources.tolist()) == [1, 2]   # joins one of them, not both


def test_far_apart_cities_same_day(store):
    assert _two(store, {}, {"loc": place(*MAYADIN, gid="mayadin", admin3="Mayadin")}) == 2
