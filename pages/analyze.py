"""Analyze article: paste or upload one article, see what the extraction finds in it, save it."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from dashboard.app_shell import ensure_shell
from dashboard.data import boundaries_path, load_boundaries_geojson, opened_store, store_location
from dashboard.frames import incidents_frame
from dashboard.highlight import STYLE, highlight_html, key_html, marks_from
from dashboard.i18n import attack_label, group_name, place_name, t
from dashboard.mapping import MapOptions, build_map, events_on_map
from dashboard.state import current_lang

ensure_shell()  # first: the shell (sidebar, navigation) runs this page inside it
lang = current_lang()
st.title(t("page_analyze", lang))
RESULT = "_raqib_analysis"


@st.cache_resource(show_spinner=False)
def stanza_pipeline():
    """The Stanza Arabic pipeline, loaded once per server process (~2 s, ~400 MB)."""
    from extraction.pipeline import get_pipeline

    return get_pipeline()


def read_input(text: str, upload, published: str | None, source: str | None, url: str | None):
    from extraction.reader import ArticleReadError, article_from_text, read_article_file

    if upload is not None:
        suffix = Path(upload.name).suffix.lower() or ".txt"
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(upload.getvalue())
            try:
                articles = read_article_file(path, published=published, source=source, url=url)
            except ArticleReadError as exc:
                raise ValueError(str(exc).replace(str(path), upload.name)) from exc
        if not articles:
            raise ValueError(f"{upload.name}: no article found in the file")
        return articles[0]
    return article_from_text(text, published=published, source=source or None, url=url or None)


st.html("<style>.stTextArea textarea{direction:rtl;text-align:right}</style>")  # Arabic input is RTL
text = st.text_area(t("paste_text", lang), height=220, key="an_text")
upload = st.file_uploader(t("upload_file", lang), type=["txt", "html", "htm", "json", "jsonl"], key="an_file")
c1, c2, c3 = st.columns(3)
known = c1.checkbox(t("known_date", lang), key="an_known_date")
published = c1.date_input(t("published", lang), value=date.today(), key="an_published") if known else None
source = c2.text_input(t("source_name", lang), key="an_source")
url = c3.text_input(t("url", lang), key="an_url")

if st.button(t("analyze", lang), type="primary", key="an_run"):
    if not text.strip() and upload is None:
        st.warning(t("need_text", lang))
    else:
        try:
            article = read_input(text, upload, published.isoformat() if published else None, source, url)
        except ValueError as exc:
            st.error(t("read_error", lang, error=str(exc)))
            article = None
        if article is not None:
            from extraction.extract import analyze_article

            with st.spinner(t("analyzing", lang)):
                incidents, spans = analyze_article(article, nlp=stanza_pipeline())
            st.session_state[RESULT] = (article, incidents, spans)
            st.session_state.pop("_raqib_saved", None)

result = st.session_state.get(RESULT)
if result is not None:
    article, incidents, spans = result
    if incidents:
        st.success(t("found_incidents", lang, n=len(incidents)))
    else:
        st.info(t("no_incidents_found", lang))
    st.html(STYLE + key_html({k: t(f"kind_{k}", lang) for k in
                             ("evidence", "group", "place", "number", "trigger", "date")}))
    evid = [(i.evidence.start, i.evidence.end, attack_label(i.attack_type, lang)) for i in incidents]
    st.html(STYLE + highlight_html(article.text, marks_from(spans, evid)))

    if incidents:
        frame = incidents_frame(article, incidents)
        rows = [{
            t("date", lang): i.event_date or t("undated", lang),
            t("attack_type", lang): attack_label(i.attack_type, lang),
            t("perpetrator", lang): group_name(i.perpetrator.id, lang) if i.perpetrator else "",
            t("target", lang): group_name(i.target.id, lang) if i.target else "",
            t("place", lang): place_name(i.location.name_ar, i.location.name_en, i.location.text, lang)
            if i.location else "",
            t("killed", lang): i.killed, t("wounded", lang): i.wounded, t("captured", lang): i.captured,
            t("evidence", lang): i.evidence.text,
        } for i in incidents]
        st.dataframe(rows, width="stretch", hide_index=True)
        if events_on_map(frame):
            b = boundaries_path()
            bnd = load_boundaries_geojson(str(b.path)) if b.path is not None else None
            base_url = (st.get_option("server.baseUrlPath") or "").strip("/")
            opts = MapOptions(lang=lang, cluster=False, choropleth=False, height=380,
                              asset_base=("/" + base_url if base_url else "") + "/app/static/vendor")
            st_folium(build_map(frame, opts, boundaries=bnd), returned_objects=[], height=opts.height,
                      use_container_width=True, key="analyze_map")
        if st.button(t("save", lang), key="an_save"):
            with opened_store(store_location()) as store:
                added = store.add_article(article, incidents)
            st.session_state["_raqib_saved"] = len(incidents) if added else 0
        saved = st.session_state.get("_raqib_saved")
        if saved is not None:
            if saved:
                st.success(t("saved", lang, n=saved))
            else:
                st.info(t("already_saved", lang))
