"""What every page starts with: language, filter, store state, and the friendly empty-store screen."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.data import change_marker, load_counts, load_events, store_location
from dashboard.i18n import t
from dashboard.state import current_filter, current_lang
from incidents.filters import IncidentFilter


@dataclass(frozen=True)
class PageContext:
    lang: str
    flt: IncidentFilter
    location: str
    marker: tuple
    counts: dict[str, int]
    error: str | None = None

    @property
    def empty(self) -> bool:
        return self.error is None and int(self.counts.get("events", 0) or 0) == 0

    def events(self) -> pd.DataFrame:
        return load_events(self.location, self.flt, self.marker)


def page_context() -> PageContext:
    lang = current_lang()
    location = store_location()
    try:
        marker = change_marker(location)
        counts = load_counts(location, marker)
        return PageContext(lang, current_filter(), location, marker, counts)
    except Exception as exc:  # noqa: BLE001 - shown to the user with what to do
        return PageContext(lang, current_filter(), location, (), {}, error=str(exc))


def show_store_problem(ctx: PageContext) -> bool:
    """Draw the empty-store or store-error screen; True when the page has nothing else to draw."""
    if ctx.error is not None:
        st.error(t("store_error", ctx.lang, location=ctx.location, error=ctx.error))
        return True
    if ctx.empty:
        st.subheader(t("empty_title", ctx.lang))
        st.markdown(t("empty_body", ctx.lang, location=ctx.location))
        st.code("make run\n# or\npython -m incidents ingest PATH [PATH ...]   # .txt / .html / .json / .jsonl",
                language="bash")
        st.markdown(t("empty_hint", ctx.lang))
        return True
    return False
