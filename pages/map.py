"""Map page: the filtered events, one layer per armed group, offline background."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from dashboard.app_shell import ensure_shell
from dashboard.data import boundaries_path, load_boundaries_geojson
from dashboard.i18n import t
from dashboard.mapping import MapOptions, build_map, events_on_map
from dashboard.page import page_context, show_store_problem

ensure_shell()  # first: the shell (sidebar, navigation) runs this page inside it
ctx = page_context()
lang = ctx.lang
st.title(t("page_map", lang))
if show_store_problem(ctx):
    st.stop()

events = ctx.events()
n_points = events_on_map(events)
c1, c2, c3 = st.columns(3)
c1.metric(t("events", lang), len(events))
c2.metric(t("killed", lang), int(events["killed"].fillna(0).sum()) if len(events) else 0)
c3.metric(t("wounded", lang), int(events["wounded"].fillna(0).sum()) if len(events) else 0)
if events.empty:
    st.info(t("no_match", lang))

with st.expander(t("map_options", lang)):
    o1, o2, o3 = st.columns(3)
    cluster = o1.checkbox(t("cluster", lang), value=True, key="map_cluster")
    heat = o2.checkbox(t("heat_map", lang), value=False, key="map_heat")
    choropleth = o3.checkbox(t("choropleth", lang), value=True, key="map_choropleth")

if n_points < len(events):
    st.caption(t("no_coordinates", lang, n=len(events) - n_points))

b = boundaries_path()
boundaries = None
if b.path is not None:
    try:
        boundaries = load_boundaries_geojson(str(b.path))
    except ValueError as exc:
        st.warning(t("no_boundaries", lang, error=str(exc)))
else:
    st.warning(t("no_boundaries", lang, error=b.error))

base_url = (st.get_option("server.baseUrlPath") or "").strip("/")
asset_base = ("/" + base_url if base_url else "") + "/app/static/vendor"
opts = MapOptions(lang=lang, cluster=cluster, heat=heat, choropleth=choropleth, asset_base=asset_base)
fmap = build_map(events, opts, boundaries=boundaries)
# returned_objects=[]: panning and zooming stay in the browser and never rerun this script.
st_folium(fmap, returned_objects=[], height=opts.height, use_container_width=True, key="raqib_map")
