"""Timeline page: incidents or killed per week/month, stacked by armed group; a click narrows the dates."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.app_shell import ensure_shell
from dashboard.i18n import t
from dashboard.page import page_context, show_store_problem
from dashboard.state import request_date_range
from dashboard.timeline import FREQS, aggregate, chart, period_bounds, picked_period

ensure_shell()  # first: the shell (sidebar, navigation) runs this page inside it
ctx = page_context()
lang = ctx.lang
st.title(t("page_timeline", lang))
if show_store_problem(ctx):
    st.stop()

events = ctx.events()
c1, c2 = st.columns(2)
freq = c1.radio(t("granularity", lang), FREQS, key="tl_freq", horizontal=True, format_func=lambda f: t(f, lang))
measure = c2.radio(t("measure", lang), ("incidents", "killed"), key="tl_measure", horizontal=True,
                   format_func=lambda m: t("incidents_count" if m == "incidents" else "killed", lang))
agg, undated = aggregate(events, freq, lang)
if undated:
    st.caption(t("undated_excluded", lang, n=undated))
if agg.empty:
    st.info(t("no_match", lang))
    st.stop()


def _narrow(start_text: str) -> None:
    start, end = period_bounds(date.fromisoformat(start_text), freq)
    request_date_range(start, end)


st.caption(t("timeline_hint", lang))
state = st.altair_chart(chart(agg, measure, lang), on_select="rerun", key=f"tl_chart_{freq}_{measure}",
                        width="stretch")
clicked = picked_period(state)
if clicked and st.session_state.get("_tl_last_click") != clicked:
    st.session_state["_tl_last_click"] = clicked
    _narrow(clicked)
    st.rerun()

periods = sorted(agg["period_start"].unique(), reverse=True)
p1, p2 = st.columns([3, 1])
choice = p1.selectbox(t("narrow_to", lang), periods, key="tl_period")
if p2.button(t("narrow_button", lang), key="tl_apply"):
    _narrow(choice)
    st.rerun()

table = agg.pivot_table(index="period_start", columns="group", values=measure, aggfunc="sum", fill_value=0)
st.dataframe(table.sort_index(ascending=False), width="stretch")
