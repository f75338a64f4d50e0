"""Incidents page: the filtered events as a table (evidence and source link per row), CSV/GeoJSON download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.app_shell import ensure_shell
from dashboard.data import export_csv_text, export_geojson_text
from dashboard.i18n import attack_label, group_name, place_name, precision_label, rtl, t
from dashboard.mapping import safe_url
from dashboard.page import page_context, show_store_problem

ensure_shell()  # first: the shell (sidebar, navigation) runs this page inside it
ctx = page_context()
lang = ctx.lang
st.title(t("page_incidents", lang))
if show_store_problem(ctx):
    st.stop()

events = ctx.events()
st.caption(t("n_events", lang, n=len(events)))
if events.empty:
    st.info(t("no_match", lang))
else:
    table = pd.DataFrame({
        "date": events["event_date"].fillna(t("undated", lang)),
        "type": [attack_label(a, lang) for a in events["attack_type"]],
        "perpetrator": [group_name(i, lang, fallback=x) if (i or x) else "" for i, x in
                        zip(events["perpetrator_id"], events["perpetrator_text"], strict=True)],
        "target": [group_name(i, lang, fallback=x) if (i or x) else "" for i, x in
                   zip(events["target_id"], events["target_text"], strict=True)],
        "place": [place_name(a, e, x, lang) for a, e, x in
                  zip(events["location_name_ar"], events["location_name_en"], events["location_text"], strict=True)],
        "governorate": events["admin1"],
        "killed": events["killed"], "wounded": events["wounded"], "captured": events["captured"],
        "precision": [precision_label(p, lang) for p in events["precision"]],
        "sources": events["n_sources"],
        "evidence": events["evidence_text"],
        "link": [safe_url(u) for u in events["article_url"]],
        "event_id": events["event_id"],
    })
    st.dataframe(
        table, hide_index=True, width="stretch", key="incidents_table",
        column_config={
            "date": st.column_config.TextColumn(t("date", lang)),
            "type": st.column_config.TextColumn(t("attack_type", lang)),
            "perpetrator": st.column_config.TextColumn(t("perpetrator", lang)),
            "target": st.column_config.TextColumn(t("target", lang)),
            "place": st.column_config.TextColumn(t("place", lang)),
            "governorate": st.column_config.TextColumn(t("governorate_col", lang)),
            "killed": st.column_config.NumberColumn(t("killed", lang), format="%d"),
            "wounded": st.column_config.NumberColumn(t("wounded", lang), format="%d"),
            "captured": st.column_config.NumberColumn(t("captured", lang), format="%d"),
            "precision": st.column_config.TextColumn(t("precision", lang)),
            "sources": st.column_config.NumberColumn(t("sources", lang), format="%d"),
            "evidence": st.column_config.TextColumn(t("evidence", lang), width="large"),
            "link": st.column_config.LinkColumn(t("source_link", lang), display_text="↗"),
            "event_id": None,
        },
    )

    with st.expander(t("event_detail", lang)):
        labels = {eid: f"{d} · {p} · {ty}" for eid, d, p, ty in
                  zip(table["event_id"], table["date"], table["place"], table["type"], strict=True)}
        eid = st.selectbox(t("event_detail", lang), list(labels), format_func=labels.get, key="inc_detail",
                           label_visibility="collapsed")
        row = events[events["event_id"] == eid].iloc[0]
        st.markdown(rtl(str(row["evidence_text"] or "")), unsafe_allow_html=True)
        for s in row["sources"] or []:
            url = safe_url(s.get("url"))
            title = s.get("title") or s.get("source") or url or s.get("article_id", "")[:12]
            st.markdown(f"- [{title}]({url})" if url else f"- {title}")
            if s.get("evidence_text") and s.get("evidence_text") != row["evidence_text"]:
                st.markdown(rtl(s["evidence_text"]), unsafe_allow_html=True)

d1, d2 = st.columns(2)
try:
    d1.download_button(t("download_csv", lang), export_csv_text(ctx.location, ctx.flt, ctx.marker),
                       file_name="raqib_incidents.csv", mime="text/csv", key="dl_csv")
    d2.download_button(t("download_geojson", lang), export_geojson_text(ctx.location, ctx.flt, ctx.marker),
                       file_name="raqib_incidents.geojson", mime="application/geo+json", key="dl_geojson")
except ImportError as exc:
    st.error(f"The export module is not available: {exc}")
