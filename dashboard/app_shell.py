"""The shell around the pages: page config, navigation, language switch, sidebar filters."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from dashboard.state import (
    SidebarChoices,
    apply_direction,
    current_lang,
    render_filters,
    render_language_switch,
)

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"
# (file, title key, url path). No page icons: Streamlit fetches their favicon from the internet.
PAGES = (
    ("map.py", "page_map", "map"),
    ("timeline.py", "page_timeline", "timeline"),
    ("incidents.py", "page_incidents", "incidents"),
    ("analyze.py", "page_analyze", "analyze"),
    ("about.py", "page_about", "about"),
)


def sidebar_choices(lang: str) -> SidebarChoices:
    from dashboard.data import change_marker, governorate_options, load_events, store_location
    from extraction.groups import load_groups
    from extraction.schema import ATTACK_TYPES
    from incidents.filters import IncidentFilter

    groups = load_groups()
    group_ids = tuple(sorted(groups, key=lambda g: (groups[g].parent is not None, groups[g].top_level, g)))
    default_dates = (date.today() - timedelta(days=365), date.today())
    try:
        location = store_location()
        events = load_events(location, IncidentFilter(include_background=True), change_marker(location))
        dates = pd.to_datetime(events["event_date"], errors="coerce").dropna() if not events.empty else []
        if len(dates):
            default_dates = (dates.min().date(), dates.max().date())
    except Exception:  # noqa: BLE001 - the page shows the store problem itself
        pass
    return SidebarChoices(group_ids, tuple(governorate_options()), tuple(ATTACK_TYPES), default_dates)


_RUN = threading.local()  # per script thread: is the shell around the page running?


def ensure_shell() -> None:
    """Called first by every page. A fresh server's first request to a page URL (e.g. ``/map``)
    runs the page file bare (Streamlit's old ``pages/`` folder mode, until ``app.py`` has run once);
    then the shell runs here instead, and it runs the page inside it."""
    if getattr(_RUN, "active", False):
        return
    run_shell()
    st.stop()


def run_shell() -> None:
    st.set_page_config(page_title="Raqib — رقيب", layout="wide")  # no icon: it would be fetched online
    # The switch's new value is already in session state when the rerun starts; the widget itself is
    # drawn after st.navigation so its identity does not change between the first and later runs.
    lang = current_lang()
    pages = [st.Page(PAGES_DIR / f, title=t(key, lang), url_path=url, default=(i == 0))
             for i, (f, key, url) in enumerate(PAGES)]
    nav = st.navigation(pages)
    lang = render_language_switch()
    apply_direction(lang)
    render_filters(sidebar_choices(lang), lang)
    _RUN.active = True
    try:
        nav.run()
    finally:
        _RUN.active = False
