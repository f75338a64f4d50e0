"""The store's API (docs/INTERFACES.md), its atomicity, filters and schema migrations."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, inspect, select

from incidents import migrations, tables
from incidents.filters import IncidentFilter
from incidents.store import EVENT_COLUMNS, INCIDENT_COLUMNS, StoreError, open_store
from tests.fixtures.store.builders import ABU_KAMAL, MAYADIN, article, incident, place


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "store.db")
    yield s
    s.close()


def _fill(store):
    """Four one-incident articles: distinct events in two governorates, groups and dates."""
    specs = [
        ("هجوم لداعش على الميليشيات في البوكمال", dict(perp="islamic_state", target="iran_backed_militias",
                                                       date="2024-01-10", killed=4)),
        ("الفرقة الرابعة تقصف بلدة في الميادين", dict(attack_type="shelling", perp="fourth_division",
                                                     target="civilians", date="2024-02-01", killed=None,
                                                     loc=place(*MAYADIN, gid="m", admin3="Mayadin",
                                                               admin1_pcode="SY09"))),
        ("لواء القدس يشتبك مع خلايا التنظيم في بادية حمص", dict(attack_type="armed_clash", perp="liwa_al_quds",
                                                              target="islamic_state", date="2024-03-15",
                                                              killed=2, loc=place(34.55, 38.28, gid="h",
                                                                                  admin1="Homs",
                                                                                  admin1_pcode="SY04",
                                                                                  admin3="Tadmor"))),
        ("وسبق أن هاجم التنظيم حاجزا في البوكمال", dict(perp="islamic_state", target="syrian_government",
                                                      date="2023-12-01", killed=1, background=True)),
    ]
    for i, (text, kw) in enumerate(specs):
        a = article(text, source=f"outlet{i}")
        assert store.add_article(a, [incident(a, **kw)])


def test_columns_are_exactly_the_interface(store):
    _fill(store)
    ev = store.query_events(IncidentFilter(include_background=True))
    assert list(ev.columns) == EVENT_COLUMNS
    inc = store.query_incidents(IncidentFilter(include_background=True))
    assert list(inc.columns) == INCIDENT_COLUMNS
    assert len(ev) == 4 and len(inc) == 4
    assert ev.event_date.tolist() == ["2024-03-15", "2024-02-01", "2024-01-10", "2023-12-01"]  # newest first
    assert ev.killed.isna().sum() == 1  # an unknown toll stays unknown, never 0
    assert isinstance(ev.sources.iloc[0], list) and set(ev.sources.iloc[0][0]) >= {
        "article_id", "title", "url", "source", "evidence_text"}
    empty = store.query_events(IncidentFilter(attack_types=("vbied",)))
    assert list(empty.columns) == EVENT_COLUMNS and empty.empty


@pytest.mark.parametrize("flt, expected", [
    (IncidentFilter(), {"2024-01-10", "2024-02-01", "2024-03-15"}),
    (IncidentFilter(include_background=True), {"2024-01-10", "2024-02-01", "2024-03-15", "2023-12-01"}),
    (IncidentFilter(groups=("syrian_government",)), {"2024-02-01", "2024-03-15"}),   # child units included
    (IncidentFilter(groups=("fourth_division",)), {"2024-02-01"}),
    # russia backs the government (and so its units) and liwa_al_quds
    (IncidentFilter(groups=("russia",), include_backed=True), {"2024-02-01", "2024-03-15"}),
    (IncidentFilter(groups=("russia",)), set()),
    (IncidentFilter(groups=("islamic_state",), group_role="perpetrator"), {"2024-01-10"}),
    (IncidentFilter(groups=("islamic_state",), group_role="target"), {"2024-03-15"}),
    (IncidentFilter(groups=("islamic_state",)), {"2024-01-10", "2024-03-15"}),
    (IncidentFilter(since=date(2024, 1, 15), until=date(2024, 2, 29)), {"2024-02-01"}),
    (IncidentFilter(governorates=("SY04",)), {"2024-03-15"}),
    (IncidentFilter(attack_types=("shelling", "armed_clash")), {"2024-02-01", "2024-03-15"}),
    (IncidentFilter(min_killed=3), {"2024-01-10"}),
    (IncidentFilter(limit=1), {"2024-03-15"}),
])
def test_filters(store, flt, expected):
    _fill(store)
    assert set(store.query_events(flt).event_date) == expected
    assert set(store.query_incidents(flt).event_date) == expected


def test_add_article_twice_is_a_noop(store):
    a = article("هجوم لداعش على الميليشيات في البوكمال")
    assert store.add_article(a, [incident(a)]) is True
    before = store.counts()
    assert store.add_article(a, [incident(a)]) is False
    assert store.has_article(a.article_id)
    assert store.counts() == before == {"articles": 1, "incidents": 1, "events": 1}


def test_an_article_without_incidents_is_stored(store):
    a = article("مقال عن الطقس في دمشق لا يذكر أي هجوم")
    assert store.add_article(a, [])
    assert store.counts() == {"articles": 1, "incidents": 0, "events": 0}
    assert store.article(a.article_id)["text"] == a.text


def test_a_bad_incident_stores_nothing(store):
    a = article("هجوم لداعش على الميليشيات في البوكمال")
    good = incident(a)
    bad = incident(a, start=5, end=15, attack_type="bombing")
    with pytest.raises(StoreError, match="unknown attack_type 'bombing'"):
        store.add_article(a, [good, bad])
    assert store.counts() == {"articles": 0, "incidents": 0, "events": 0}
    b = article("مقال آخر")
    with pytest.raises(StoreError, match="belongs to article"):
        store.add_article(b, [incident(a)])


def test_failed_transaction_rolls_back_partial_writes(store):
    """Two incidents with the same id: the second insert fails after the first went in -> nothing kept."""
    a = article("هجوم لداعش على الميليشيات في البوكمال")
    with pytest.raises(Exception, match="(?i)unique|integrity"):
        store.add_article(a, [incident(a), incident(a)])
    assert store.counts() == {"articles": 0, "incidents": 0, "events": 0}
    assert store.consistency_problems() == []


def test_places_used(store):
    _fill(store)
    places = store.places()
    assert set(places.gazetteer_id) == {"SY090000", "m", "h"}
    assert places.set_index("gazetteer_id").n_incidents["SY090000"] == 2


def test_full_incident_kept_for_round_trip(store):
    from extraction.schema import Incident

    a = article("هجوم لداعش على الميليشيات في البوكمال")
    inc = incident(a)
    store.add_article(a, [inc])
    with store.engine.connect() as conn:
        data = conn.execute(select(tables.incidents.c.data)).scalar_one()
    assert Incident.from_dict(data) == inc


def test_sqlite_settings(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 10_000


# ------------------------------------------------------------------ migrations

def _columns(url):
    eng = create_engine(url)
    try:
        insp = inspect(eng)
        return {t: [c["name"] for c in insp.get_columns(t)] for t in insp.get_table_names()}
    finally:
        eng.dispose()


def test_migrations_end_at_the_current_schema(store, tmp_path):
    got = _columns(f"sqlite:///{tmp_path / 'store.db'}")
    want = {t.name: [c.name for c in t.columns] for t in tables.metadata.sorted_tables}
    assert got == want
    assert store.schema_version == migrations.LATEST


def test_a_v1_file_is_upgraded_on_open(tmp_path):
    """A store as release 1 wrote it (schema v1: no places table, one article/incident/event),
    opened with today's code: it migrates in place, backfills places and keeps working."""
    from incidents import dedup
    from incidents.db import make_engine
    from incidents.store import _incident_row

    path = tmp_path / "v1.db"
    a = article("هجوم لداعش على الميليشيات في البوكمال")
    inc = incident(a, loc=place(*ABU_KAMAL))
    row = {**_incident_row(a, inc), "created_at": "2024-01-01T00:00:00"}
    eng = make_engine(path)
    with eng.begin() as conn:
        migrations.apply_one(conn, migrations.MIGRATIONS[0])
        conn.execute(tables.articles.insert().values(id=a.article_id, text=a.text, hash="h", title=a.title,
                                                     source=a.source, url=a.url, published=a.published,
                                                     path=None, ingested_at=row["created_at"]))
        conn.execute(tables.events.insert().values(id="ev_" + inc.id, created_at=row["created_at"],
                                                   updated_at=row["created_at"], **dedup.summarize([row])))
        conn.execute(tables.incidents.insert().values(**row, event_id="ev_" + inc.id))
        assert migrations.current_version(conn) == 1
    eng.dispose()
    assert "places" not in _columns(f"sqlite:///{path}")

    with open_store(path) as s:
        assert s.schema_version == migrations.LATEST
        assert s.counts() == {"articles": 1, "incidents": 1, "events": 1}
        places = s.places()
        assert places.gazetteer_id.tolist() == ["SY090000"] and places.n_incidents.tolist() == [1]
        ev = s.query_events(IncidentFilter())
        assert ev.iloc[0].location_name_en == "Abu Kamal"
        # and it keeps working: a second source joins the old event
        b = article("مقتل عناصر بهجوم للتنظيم قرب البوكمال", published="2024-03-06", source="other")
        assert s.add_article(b, [incident(b, date="2024-03-06")])
        assert s.query_events(IncidentFilter()).iloc[0].n_sources == 2
        assert s.places().n_incidents.tolist() == [2]
        assert s.consistency_problems() == []


def test_a_newer_file_is_refused(tmp_path):
    path = tmp_path / "future.db"
    open_store(path).close()
    eng = create_engine(f"sqlite:///{path}")
    with eng.begin() as conn:
        conn.execute(tables.schema_version.insert().values(version=migrations.LATEST + 1,
                                                           applied_at="2099-01-01", description="future"))
    eng.dispose()
    with pytest.raises(migrations.SchemaTooNewError, match="upgrade Raqib"):
        open_store(path)
