"""Incidents and killed per week or month, stacked by armed group (Altair).

Why a module: the aggregation is pure pandas and tested without Streamlit; the page only draws the
chart and turns a clicked bar into a narrower date filter.
"""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from dashboard.i18n import group_name, t
from dashboard.mapping import group_colour, top_group

FREQS = ("month", "week")
SELECTION = "period_pick"


def period_start(day: pd.Series, freq: str) -> pd.Series:
    """Monday of the ISO week, or the first of the month."""
    if freq == "week":
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    return day.dt.to_period("M").dt.start_time


def period_bounds(start: date, freq: str) -> tuple[date, date]:
    """First and last day of the period that begins on ``start``."""
    if freq == "week":
        return start, start + timedelta(days=6)
    nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start, nxt - timedelta(days=1)


def aggregate(events: pd.DataFrame, freq: str, lang: str) -> tuple[pd.DataFrame, int]:
    """(per period and top-level group: incidents, killed; number of undated events left out)."""
    cols = ["period_start", "group_id", "group", "incidents", "killed"]
    if events is None or events.empty:
        return pd.DataFrame(columns=cols), 0
    day = pd.to_datetime(events["event_date"], errors="coerce", format="%Y-%m-%d")
    undated = int(day.isna().sum())
    df = pd.DataFrame({
        "period_start": period_start(day, freq),
        "group_id": [top_group(p, pp) for p, pp in zip(events["perpetrator_id"], events["perpetrator_parent"], strict=True)],
        "killed": pd.to_numeric(events["killed"], errors="coerce").fillna(0).astype(int),
    }).dropna(subset=["period_start"])
    if df.empty:
        return pd.DataFrame(columns=cols), undated
    agg = (df.groupby(["period_start", "group_id"]).agg(incidents=("killed", "size"), killed=("killed", "sum"))
           .reset_index())
    agg["group"] = [group_name(g, lang) for g in agg["group_id"]]
    agg["period_start"] = agg["period_start"].dt.strftime("%Y-%m-%d")
    return agg[cols].sort_values(["period_start", "group_id"]).reset_index(drop=True), undated


def chart(agg: pd.DataFrame, measure: str, lang: str) -> alt.Chart:
    """Stacked bars; clicking a bar selects its period (``SELECTION`` on ``period_start``)."""
    groups = list(dict.fromkeys(agg.sort_values("group_id")["group_id"]))
    names = [group_name(g, lang) for g in groups]
    colours = [group_colour(g) for g in groups]
    pick = alt.selection_point(name=SELECTION, fields=["period_start"], on="click")
    y_title = t("killed", lang) if measure == "killed" else t("incidents_count", lang)
    return (
        alt.Chart(agg)
        .mark_bar()
        .encode(
            x=alt.X("period_start:O", title=t("period", lang), sort="ascending"),
            y=alt.Y(f"sum({measure}):Q", title=y_title, stack="zero"),
            color=alt.Color("group:N", title=t("legend", lang),
                            scale=alt.Scale(domain=names, range=colours)),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
            tooltip=[alt.Tooltip("period_start:O", title=t("period", lang)),
                     alt.Tooltip("group:N", title=t("legend", lang)),
                     alt.Tooltip("incidents:Q", title=t("incidents_count", lang)),
                     alt.Tooltip("killed:Q", title=t("killed", lang))],
        )
        .add_params(pick)
    )


def picked_period(selection_state: object) -> str | None:
    """The clicked period start (YYYY-MM-DD) from ``st.altair_chart(..., on_select="rerun")``'s state."""
    try:
        sel = selection_state["selection"][SELECTION]  # type: ignore[index]
    except (KeyError, TypeError):
        sel = getattr(getattr(selection_state, "selection", None), SELECTION, None)
    if not sel:
        return None
    first = sel[0] if isinstance(sel, list) else sel
    value = first.get("period_start") if isinstance(first, dict) else None
    return str(value)[:10] if value else None
