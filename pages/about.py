"""About the data: how incidents are made, their limits, and the attribution of every source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.app_shell import ensure_shell
from dashboard.i18n import group_name, t
from dashboard.page import page_context
from extraction.groups import load_groups

ensure_shell()  # first: the shell (sidebar, navigation) runs this page inside it
ctx = page_context()
lang = ctx.lang
st.title(t("page_about", lang))
st.markdown(t("about_intro", lang))
st.warning(t("about_caveats", lang))

st.subheader(t("about_attribution", lang))
try:
    import gazetteer

    attribution = gazetteer.ATTRIBUTION
except (ImportError, AttributeError) as exc:
    attribution = None
    st.error(f"gazetteer.ATTRIBUTION is not available ({exc}); see ../shared/gazetteer/SOURCES.md")
if attribution:
    st.text(attribution)
st.markdown(t("about_stanza", lang))
st.markdown(t("about_maps", lang))

st.subheader(t("about_store", lang))
st.code(ctx.location)
if ctx.error:
    st.error(t("store_error", lang, location=ctx.location, error=ctx.error))
else:
    st.write({k: int(v) for k, v in ctx.counts.items()})

st.subheader(t("groups_table", lang))
groups = load_groups()
rows = [{
    t("armed_group", lang): group_name(g.id, lang),
    "id": g.id,
    t("parent_group", lang): group_name(g.parent, lang) if g.parent else "",
    t("backed_by", lang): ", ".join(group_name(b, lang) for b in g.backers),
} for g in groups.values()]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
