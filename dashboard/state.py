"""The shared sidebar: language switch and incident filters, kept in ``st.session_state``.

Why: ``app.py`` draws the sidebar on every run (it is the navigation entry point), so the widget
values survive page switches; pages read the resulting :class:`IncidentFilter` with
:func:`current_filter` and never re-implement filtering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import streamlit as st

from dashboard.i18n import LANG_LABELS, attack_label, group_name, t
from incidents.filters import IncidentFilter

LANG_KEY = "lang"
K_GROUPS, K_ROLE, K_BACKED = "f_groups", "f_role", "f_backed"
K_USE_DATES, K_DATES = "f_use_dates", "f_dates"
K_GOVS, K_TYPES, K_MIN_KILLED, K_BACKGROUND = "f_govs", "f_types", "f_min_killed", "f_background"
PENDING_DATES = "_raqib_pending_dates"
ROLES = ("either", "perpetrator", "target")
FILTER_KEYS = (K_GROUPS, K_ROLE, K_BACKED, K_USE_DATES, K_DATES, K_GOVS, K_TYPES, K_MIN_KILLED, K_BACKGROUND)


def current_lang() -> str:
    lang = st.session_state.get(LANG_KEY, "en")
    return lang if lang in LANG_LABELS else "en"


def filter_from_state(state: Mapping[str, Any]) -> IncidentFilter:
    """The IncidentFilter described by the sidebar's session-state values (pure: testable)."""
    since = until = None
    dates = state.get(K_DATES)
    if state.get(K_USE_DATES) and isinstance(dates, (list, tuple)) and dates:
        since = dates[0]
        until = dates[1] if len(dates) > 1 else dates[0]
    role = state.get(K_ROLE, "either")
    return IncidentFilter(
        groups=tuple(state.get(K_GROUPS) or ()),
        group_role=role if role in ROLES else "either",
        include_backed=bool(state.get(K_BACKED, False)),
        since=since, until=until,
        governorates=tuple(state.get(K_GOVS) or ()),
        attack_types=tuple(state.get(K_TYPES) or ()),
        min_killed=int(state.get(K_MIN_KILLED) or 0),
        include_background=bool(state.get(K_BACKGROUND, False)),
    )


def current_filter() -> IncidentFilter:
    return filter_from_state(st.session_state)


def request_date_range(start: date, end: date) -> None:
    """Narrow the date filter (e.g. from a timeline click); applied before the sidebar draws next run,
    because a widget's value cannot be changed after it was drawn in the same run."""
    st.session_state[PENDING_DATES] = (start, end)


def _reset_filters() -> None:
    for k in FILTER_KEYS:
        st.session_state.pop(k, None)


def apply_direction(lang: str) -> None:
    """Right-to-left layout for the Arabic interface."""
    if lang == "ar":
        st.html("<style>section.stMain, section[data-testid='stSidebar'] {direction: rtl; text-align: right;}"
                "</style>")


@dataclass(frozen=True)
class SidebarChoices:
    group_ids: tuple[str, ...]
    governorates: tuple[dict[str, str], ...]
    attack_types: tuple[str, ...]
    default_dates: tuple[date, date]


def render_language_switch() -> str:
    # One bilingual label: a label that changed with the language would make a new widget (reset to English).
    st.sidebar.radio(f'{t("language", "en")} / {t("language", "ar")}', options=list(LANG_LABELS), key=LANG_KEY,
                     format_func=lambda code: LANG_LABELS[code], horizontal=True)
    return current_lang()


def render_filters(choices: SidebarChoices, lang: str) -> IncidentFilter:
    """Draw the filter widgets in the sidebar and return the filter they describe."""
    pending = st.session_state.pop(PENDING_DATES, None)
    if pending is not None:
        st.session_state[K_USE_DATES] = True
        st.session_state[K_DATES] = tuple(pending)
    sb = st.sidebar
    sb.header(t("filters", lang))
    sb.multiselect(t("armed_group", lang), options=list(choices.group_ids), key=K_GROUPS,
                   format_func=lambda g: group_name(g, lang))
    sb.radio(t("group_role", lang), options=list(ROLES), key=K_ROLE,
             format_func=lambda r: t(f"role_{r}", lang), horizontal=False)
    sb.checkbox(t("include_backed", lang), key=K_BACKED)
    sb.checkbox(t("use_dates", lang), key=K_USE_DATES)
    if st.session_state.get(K_USE_DATES):
        if K_DATES not in st.session_state:
            st.session_state[K_DATES] = choices.default_dates
        sb.date_input(t("date_range", lang), key=K_DATES, min_value=date(1990, 1, 1),
                      max_value=date.today() + timedelta(days=366))
    if choices.governorates:
        names = {g["pcode"]: (g["name_ar"] if lang == "ar" else g["name_en"]) for g in choices.governorates}
        sb.multiselect(t("governorate", lang), options=list(names), key=K_GOVS,
                       format_func=lambda p: names.get(p, p))
    sb.multiselect(t("attack_type", lang), options=list(choices.attack_types), key=K_TYPES,
                   format_func=lambda a: attack_label(a, lang))
    sb.number_input(t("min_killed", lang), min_value=0, step=1, key=K_MIN_KILLED)
    sb.checkbox(t("include_background", lang), key=K_BACKGROUND)
    sb.button(t("reset_filters", lang), on_click=_reset_filters)
    return current_filter()
