"""The shell around the pages: page config, navigation, language switch, sidebar filters."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from dashboard.state import SidebarChoices, apply_direction, render_filters, render_language_switch

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"
PAGES = (  # (file, title key, url path, icon)
    ("map.py", "page_map", "map", ":material/map:"),
    ("timeline.py", "page_timeline", "timeline", ":material/bar_chart:"),
    ("incidents.py", "page_incidents", "incidents", ":material/table:"),
    ("analyze.py", "page_analyze", "analyze", ":material/article:"),
    ("about.py", "page_about", "about", ":material/info:"),
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


def run_shell() -> None:
    st.set_page_config(page_title="Raqib — رقيب", page_icon=":material/map:", layout="wide")
    lang = render_language_switch()
    apply_direction(lang)
    pages = [st.Page(PAGES_DIR / f, title=t(key, lang), url_path=url, icon=icon, default=(i == 0))
             for i, (f, key, url, icon) in enumerate(PAGES)]
    nav = st.navigation(pages)
    render_filters(sidebar_choices(lang), lang)
    nav.run()
