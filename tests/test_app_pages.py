"""AppTest runs of every page through app.py (the navigation shell), on real stores in tmp dirs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.synthetic import seed_store
from incidents.store import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60


def metric(at: AppTest, label: str) -> int:
    return int(next(m.value for m in at.metric if m.label == label))


def main_text(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "markdown", "caption", "subheader", "info", "code", "text", "warning",
                                   "success", "error") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture()
def seeded(tmp_path, monkeypatch):
    db = tmp_path / "seeded.db"
    seed_store(db)
    monkeypatch.setenv("RAQIB_DB", str(db))
    return db


@pytest.fixture()
def app(seeded) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    return at


def test_map_page_is_the_default_and_group_filter_narrows_it(app):
    assert app.title[0].value == "Map"
    assert metric(app, "Events") == 4                      # the background airstrike is hidden by default
    app.sidebar.multiselect(key="f_groups").select("islamic_state").run()
    assert metric(app, "Events") == 3                      # IS as perpetrator or target
    app.sidebar.radio(key="f_role").set_value("perpetrator").run()
    assert metric(app, "Events") == 1
    assert metric(app, "Killed") == 4


def test_include_groups_it_backs(app):
    app.sidebar.multiselect(key="f_groups").select("russia").run()
    app.sidebar.radio(key="f_role").set_value("perpetrator").run()
    assert metric(app, "Events") == 0
    app.sidebar.checkbox(key="f_backed").check().run()
    # Russia backs liwa_al_quds and the Syrian government (so its 4th Division too).
    assert metric(app, "Events") == 2
    app.sidebar.checkbox(key="f_background").check().run()  # + the Russian airstrike of 2019 (background)
    assert metric(app, "Events") == 3


def test_governorate_type_and_min_killed_filters(app):
    app.sidebar.multiselect(key="f_govs").select("SY09").run()
    assert metric(app, "Events") == 1
    app.sidebar.multiselect(key="f_govs").unselect("SY09").run()
    app.sidebar.multiselect(key="f_types").select("shelling").select("raid").run()
    assert metric(app, "Events") == 2
    app.sidebar.multiselect(key="f_types").unselect("shelling").unselect("raid").run()
    app.sidebar.number_input(key="f_min_killed").set_value(3).run()
    assert metric(app, "Events") == 2


def test_filters_are_kept_across_pages(app):
    app.sidebar.multiselect(key="f_groups").select("sdf").run()
    app.switch_page("pages/incidents.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Incidents"
    assert len(app.dataframe[0].value) == 1               # the SDF raid in Hasakah
    app.switch_page("pages/map.py").run()
    assert app.sidebar.multiselect(key="f_groups").value == ["sdf"]


def test_arabic_switch_changes_labels_and_direction(app):
    app.sidebar.number_input(key="f_min_killed").set_value(1).run()
    app.sidebar.radio(key="lang").set_value("ar").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "الخريطة"
    assert app.sidebar.multiselect(key="f_groups").label == "الجماعة المسلحة"
    assert any(m.label == "الأحداث" for m in app.metric)
    assert app.sidebar.number_input(key="f_min_killed").value == 1   # filters survive the switch
    styles = [h.proto.body for h in app.get("html")]
    assert any("direction: rtl" in s for s in styles)
    app.switch_page("pages/incidents.py").run()
    app.sidebar.multiselect(key="f_groups").select("islamic_state").run()
    table = app.dataframe[0].value
    assert "تنظيم الدولة الإسلامية" in set(table["perpetrator"]) | set(table["target"])


def test_empty_store_shows_how_to_ingest(tmp_path, monkeypatch):
    monkeypatch.setenv("RAQIB_DB", str(tmp_path / "empty.db"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    text = main_text(at)
    assert "No incidents yet" in text and "python -m incidents ingest" in text
    assert not at.metric and not at.error
    for page in ("pages/timeline.py", "pages/incidents.py"):
        at.switch_page(page).run()
        assert not at.exception and "python -m incidents ingest" in main_text(at)


def test_timeline_period_choice_narrows_the_date_filter(app):
    app.switch_page("pages/timeline.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Timeline"
    assert len(app.get("vega_lite_chart")) == 1
    table = app.dataframe[0].value
    assert list(table.index) == ["2021-05-01", "2021-04-01", "2021-03-01"]
    assert int(table.loc["2021-03-01"].sum()) == 2
    app.selectbox(key="tl_period").set_value("2021-03-01").run()
    app.button(key="tl_apply").click().run()
    assert app.session_state["f_use_dates"] is True
    assert [d.isoformat() for d in app.session_state["f_dates"]] == ["2021-03-01", "2021-03-31"]
    assert list(app.dataframe[0].value.index) == ["2021-03-01"]
    app.switch_page("pages/map.py").run()
    assert metric(app, "Events") == 2
    app.switch_page("pages/timeline.py").run()
    app.radio(key="tl_freq").set_value("week").run()
    app.radio(key="tl_measure").set_value("killed").run()
    table = app.dataframe[0].value
    assert list(table.index) == ["2021-03-15", "2021-03-08"]   # Mondays of the two weeks
    assert int(table.loc["2021-03-08"].sum()) == 4


def test_incidents_table_and_downloads(app):
    app.switch_page("pages/incidents.py").run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert len(table) == 4
    row = table[table["place"] == "Abu Kamal"].iloc[0]
    assert row["killed"] == 4 and row["link"] == "https://example.org/news/0"
    assert "بادية البوكمال" in row["evidence"]
    buttons = app.get("download_button")
    assert len(buttons) == 2
    app.sidebar.number_input(key="f_min_killed").set_value(2).run()
    assert len(app.dataframe[0].value) == 2


def test_about_page_shows_attribution(app):
    import gazetteer

    app.switch_page("pages/about.py").run()
    assert not app.exception, app.exception
    text = main_text(app)
    assert gazetteer.ATTRIBUTION in text
    assert "Stanza" in text


@pytest.mark.stanza
def test_analyze_article_highlights_escapes_and_saves(seeded, nlp, seed_paths):
    text = seed_paths[0].read_text(encoding="utf-8") + "\n<script>window.__pwned=1</script>"
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("pages/analyze.py").run()
    assert not at.exception, at.exception
    at.text_area(key="an_text").input(text)
    at.checkbox(key="an_known_date").check().run()
    at.date_input(key="an_published").set_value(date(2021, 3, 10))
    at.button(key="an_run").click().run()
    assert not at.exception, at.exception
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "<script>window.__pwned" not in html
    assert any("incidents found" in s.value for s in at.success)   # this seed article has incidents
    assert 'class="hl-evidence' in html and "hl-group" in html and "hl-place" in html
    assert at.dataframe, "the incidents table is shown"
    with open_store(seeded) as store:
        before = store.counts()["articles"]
    at.button(key="an_save").click().run()
    with open_store(seeded) as store:
        assert store.counts()["articles"] == before + 1
    assert any("Saved" in s.value for s in at.success)
    at.button(key="an_save").click().run()
    assert any("already in the store" in i.value for i in at.info)
