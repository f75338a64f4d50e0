"""The incident map: folium layers that stay fast with tens of thousands of events and work offline.

Why this shape:
- One layer per armed group (the perpetrator's top-level group) so monitors can switch groups on and
  off in the layer control; colours come from ``armed_groups.yaml``.
- The rows travel as compact JSON arrays and the browser builds the circle markers and popups
  (``raqibMarker``/``raqibPopup`` below), batched into Leaflet.markercluster with ``addLayers``.
  A ``folium.Marker`` per row would send a full JS block and popup HTML per event (see
  ``benchmarks/dashboard_bench.py`` for the size/time ratio).
- Popups are built with an escaping function: the evidence is untrusted article text, shown
  as text in a ``<div dir="rtl">``, never as HTML. The data itself is embedded with folium's
  ``tojson``, which escapes ``<``, ``>`` and ``&`` so ``</script>`` in an article cannot close the tag.
- No tile server is assumed: the background is the local governorate boundaries
  (geoBoundaries, via the gazetteer); OpenStreetMap tiles are an optional overlay for online users.
- Leaflet and its plugins are served by this app (``static/vendor``, Streamlit static serving), not
  from a CDN, so the map draws offline.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from dashboard.i18n import attack_label, group_name, place_name, precision_label, t

SYRIA_BOUNDS = [[32.3, 35.6], [37.35, 42.4]]
SYRIA_CENTER = [34.9, 38.5]
UNKNOWN_GROUP = "unknown"
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{3,8}$")
_SAFE_ID = re.compile(r"^[a-z0-9_]+$")
DEFAULT_COLOUR = "#7f8c8d"

# Vendored front-end libraries under static/vendor (served at /app/static/vendor by Streamlit).
VENDOR_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor"
_LOCAL_JS = {
    "leaflet": "leaflet-1.9.4/leaflet.js",
    "markerclusterjs": "leaflet.markercluster-1.5.3/leaflet.markercluster.js",
    "leaflet-heat.js": "leaflet.heat-0.2.0/leaflet-heat.js",
}
_LOCAL_CSS = {
    "leaflet_css": "leaflet-1.9.4/leaflet.css",
    "markerclustercss": "leaflet.markercluster-1.5.3/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet.markercluster-1.5.3/MarkerCluster.Default.css",
}

# Row layout shared with the JS below (index -> field).
ROW_FIELDS = ("lat", "lon", "killed", "wounded", "captured", "date", "type", "perpetrator", "target",
              "place", "precision", "n_sources", "evidence", "links", "event_id")


@dataclass(frozen=True)
class MapOptions:
    lang: str = "en"
    cluster: bool = True
    heat: bool = False
    choropleth: bool = True
    online_tiles: bool = True          # offered as an overlay, never shown by default
    asset_base: str = "/app/static/vendor"
    boundaries: Path | None = None     # geoBoundaries adm1 GeoJSON; None -> points only
    height: int = 620


def top_group(perpetrator_id: Any, perpetrator_parent: Any = None) -> str:
    """The layer an event belongs to: the perpetrator's top-level group (``unknown`` when none)."""
    from extraction.groups import load_groups

    groups = load_groups()
    for gid in (perpetrator_parent, perpetrator_id):
        if isinstance(gid, str) and gid:
            g = groups.get(gid)
            if g is not None:
                return g.top_level
            return gid if gid == perpetrator_parent else UNKNOWN_GROUP
    return UNKNOWN_GROUP


def group_colour(group_id: str) -> str:
    from extraction.groups import load_groups

    g = load_groups().get(group_id)
    colour = g.colour if g else DEFAULT_COLOUR
    return colour if _HEX_COLOUR.match(colour) else DEFAULT_COLOUR


def script_safe_json(value: Any) -> str:
    """Compact JSON that is safe inside a ``<script>``: ``<``, ``>``, ``&``, quotes and line separators
    escaped (so ``</script>`` in an article cannot end the tag), Arabic kept as UTF-8 (a third of the
    size of ``\\uXXXX`` escapes)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _num(v: Any) -> int | None:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _str(v: Any) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def safe_url(url: Any) -> str | None:
    """Only http(s) links become clickable (no ``javascript:`` from an article's metadata)."""
    u = _str(url).strip()
    return u if re.match(r"^https?://", u, re.IGNORECASE) else None


def source_links(row: dict[str, Any]) -> list[list[str]]:
    """[[title, url], ...] for the event's sources that have a web link."""
    out: list[list[str]] = []
    sources = row.get("sources")
    if isinstance(sources, (list, tuple)):
        for s in sources:
            if isinstance(s, dict):
                u = safe_url(s.get("url"))
                if u:
                    out.append([_str(s.get("title") or s.get("source")) or u, u])
    if not out:
        u = safe_url(row.get("article_url"))
        if u:
            out.append([_str(row.get("article_title") or row.get("article_source")) or u, u])
    return out


def event_rows(events: pd.DataFrame, lang: str) -> dict[str, list[list[Any]]]:
    """Events with coordinates -> {top-level group id: [row arrays in ROW_FIELDS order]}."""
    by_group: dict[str, list[list[Any]]] = {}
    if events is None or events.empty:
        return by_group
    for row in events.to_dict("records"):
        lat, lon = row.get("lat"), row.get("lon")
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            continue
        if math.isnan(lat) or math.isnan(lon):
            continue
        gid = top_group(row.get("perpetrator_id"), row.get("perpetrator_parent"))
        perp = group_name(_str(row.get("perpetrator_id")) or None, lang,
                          fallback=_str(row.get("perpetrator_text")) or None)
        target = (group_name(_str(row.get("target_id")), lang, fallback=_str(row.get("target_text")) or None)
                  if _str(row.get("target_id")) or _str(row.get("target_text")) else "")
        n_sources = _num(row.get("n_sources"))
        by_group.setdefault(gid, []).append([
            round(lat, 5), round(lon, 5),
            _num(row.get("killed")), _num(row.get("wounded")), _num(row.get("captured")),
            _str(row.get("event_date")) or t("undated", lang),
            attack_label(_str(row.get("attack_type")) or None, lang),
            perp, target,
            place_name(row.get("location_name_ar"), row.get("location_name_en"), row.get("location_text"), lang),
            precision_label(row.get("precision"), lang),
            n_sources if n_sources is not None else 1,
            _str(row.get("evidence_text")),
            source_links(row),
            _str(row.get("event_id") or row.get("incident_id")),
        ])
    return by_group


_HELPERS_JS = """
window.raqibEsc = function (s) {
  return String(s === null || s === undefined ? "" : s)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
};
window.raqibLabels = __LABELS__;
window.raqibPopup = function (r) {
  var L_ = window.raqibLabels, e = window.raqibEsc, num = function (v) { return v === null ? "–" : e(v); };
  var h = '<div class="raqib-popup" dir="' + L_.dir + '" style="min-width:240px;max-width:340px">';
  h += '<b>' + e(r[9]) + '</b><br>';
  h += e(L_.date) + ': ' + e(r[5]) + ' · ' + e(r[6]) + '<br>';
  h += '<span>' + e(r[7]) + (r[8] ? ' &rarr; ' + e(r[8]) : '') + '</span><br>';
  h += e(L_.killed) + ': ' + num(r[2]) + ' · ' + e(L_.wounded) + ': ' + num(r[3]) + ' · ' + e(L_.captured) + ': ' + num(r[4]) + '<br>';
  h += e(L_.precision) + ': ' + e(r[10]) + '<br>';
  h += e(L_.sources) + ': ' + e(r[11]);
  for (var i = 0; i < r[13].length; i++) {
    h += ' <a href="' + e(r[13][i][1]) + '" target="_blank" rel="noopener noreferrer">[' + (i + 1) + ']</a>';
  }
  h += '<div class="raqib-evidence" dir="rtl" lang="ar" style="margin-top:6px;padding-top:4px;border-top:1px solid #ccc;text-align:right">' + e(r[12]) + '</div>';
  return h + '</div>';
};
window.raqibMarker = function (r, colour, gid) {
  var k = r[2] || 0;
  var m = L.circleMarker([r[0], r[1]], {
    radius: 5 + Math.min(13, 2 * Math.sqrt(k)), color: "#222", weight: 1, fillColor: colour,
    fillOpacity: 0.8, className: "raqib-marker raqib-g-" + gid
  });
  m.bindPopup(function () { return window.raqibPopup(r); }, {maxWidth: 360});
  return m;
};
window.raqibClusterIcon = function (colour, gid) {
  return function (c) {
    var n = c.getChildCount(), s = n < 10 ? 30 : (n < 100 ? 36 : 44);
    return L.divIcon({
      html: '<div style="background:' + colour + ';opacity:0.85;color:#fff;border-radius:50%;width:' + s +
            'px;height:' + s + 'px;line-height:' + s + 'px;text-align:center;font-weight:bold;border:2px solid #fff">' + n + '</div>',
      className: "raqib-cluster raqib-gc-" + gid, iconSize: L.point(s, s)
    });
  };
};
"""


class RaqibHelpers(MacroElement):
    """Defines the popup/marker builders once, before the group layers use them."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.js }}{% endmacro %}")

    def __init__(self, lang: str):
        super().__init__()
        self._name = "RaqibHelpers"
        labels = {k: t(k, lang) for k in ("date", "killed", "wounded", "captured", "precision", "sources")}
        labels["dir"] = "rtl" if lang == "ar" else "ltr"
        from folium.template import _to_escaped_json

        self.js = _HELPERS_JS.replace("__LABELS__", _to_escaped_json(labels))


class GroupPoints(JSCSSMixin, folium.map.Layer):
    """One armed group's events: circle markers sized by killed, clustered when zoomed out."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var rows = {{ this.rows_json }};
            var colour = {{ this.colour|tojson }}, gid = {{ this.group_id|tojson }};
            {%- if this.cluster %}
            var layer = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false,
                                              maxClusterRadius: 50, disableClusteringAtZoom: 11,
                                              iconCreateFunction: window.raqibClusterIcon(colour, gid)});
            {%- else %}
            var layer = L.featureGroup();
            {%- endif %}
            var markers = new Array(rows.length);
            for (var i = 0; i < rows.length; i++) { markers[i] = window.raqibMarker(rows[i], colour, gid); }
            if (layer.addLayers) { layer.addLayers(markers); } else { markers.forEach(function (m) { layer.addLayer(m); }); }
            layer.addTo({{ this._parent.get_name() }});
            return layer;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, group_id: str, rows: list[list[Any]], name: str, colour: str, cluster: bool):
        super().__init__(name=name, overlay=True, control=True, show=True)
        if not _SAFE_ID.match(group_id):
            raise ValueError(f"armed group id {group_id!r} is not a plain identifier (see armed_groups.yaml)")
        self._name = "GroupPoints"
        self.group_id = group_id
        self.rows = rows
        self.rows_json = script_safe_json(rows)
        self.colour = colour
        self.cluster = cluster
        if cluster:
            self.default_js = [("markerclusterjs", "")]
            self.default_css = [("markercluster_css", ""), ("markerclusterdefaultcss", "")]


class Boundaries(folium.map.Layer):
    """Governorate polygons: the offline background, or a choropleth of event counts."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data|tojson }}, {
            interactive: {{ this.interactive|tojson }},
            style: function (f) { return f.properties.raqib_style; },
            onEachFeature: function (f, l) {
                if (f.properties.raqib_label) { l.bindTooltip(window.raqibEsc(f.properties.raqib_label), {sticky: true}); }
            }
        });
        {%- if this.show %}
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, name: str, *, control: bool, show: bool, interactive: bool):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "Boundaries"
        self.data = data
        self.interactive = interactive


class Legend(MacroElement):
    """A legend control listing each group's colour and number of events (names escaped)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "raqib-legend");
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "Legend"
        self.html = html_text


def legend_html(entries: Iterable[tuple[str, str, int]], title: str, lang: str) -> str:
    import html as _html

    direction = "rtl" if lang == "ar" else "ltr"
    parts = [f'<div dir="{direction}" style="background:rgba(255,255,255,0.92);padding:6px 9px;'
             f'border-radius:4px;font:12px sans-serif;line-height:18px"><b>{_html.escape(title)}</b>']
    for name, colour, n in entries:
        parts.append(f'<div><span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
                     f'background:{colour};border:1px solid #222;margin:0 5px;vertical-align:middle"></span>'
                     f'{_html.escape(name)} ({n})</div>')
    parts.append("</div>")
    return "".join(parts)


_CHORO_COLOURS = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704")


def load_boundaries(path: Path | None) -> dict | None:
    if path is None:
        return None
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot read the governorate boundaries ({exc}); "
                         "check RAQIB_GAZETTEER_DIR (see ../shared/gazetteer/SOURCES.md)") from exc


def _choropleth_data(boundaries: dict, counts: dict[str, int], lang: str) -> dict:
    top = max(counts.values(), default=0)
    feats = []
    for f in boundaries.get("features", []):
        props = f.get("properties", {})
        pcode = props.get("adm1_pcode") or props.get("shapeID")
        n = int(counts.get(pcode, 0))
        cls = 0 if n == 0 or top == 0 else min(4, 1 + int(3 * math.log1p(n) / math.log1p(top)))
        name = props.get("adm1_ar") if lang == "ar" else props.get("adm1_en")
        feats.append({"type": "Feature", "geometry": f.get("geometry"), "properties": {
            "raqib_label": f"{name or pcode}: {n}",
            "raqib_style": {"color": "#555", "weight": 1, "fillColor": _CHORO_COLOURS[cls], "fillOpacity": 0.55},
        }})
    return {"type": "FeatureCollection", "features": feats}


def _background_data(boundaries: dict) -> dict:
    feats = [{"type": "Feature", "geometry": f.get("geometry"), "properties": {
        "raqib_style": {"color": "#8a8a8a", "weight": 1, "fillColor": "#f4f1ea", "fillOpacity": 1.0}}}
        for f in boundaries.get("features", [])]
    return {"type": "FeatureCollection", "features": feats}


def _localise_assets(m: folium.Map, asset_base: str) -> None:
    """Point every element's JS/CSS at the vendored copies; drop CDN-only extras we do not use."""
    base = asset_base.rstrip("/")
    for el in _walk(m):
        if hasattr(el, "default_js"):
            el.default_js = [(n, f"{base}/{_LOCAL_JS[n]}") for n, _ in el.default_js if n in _LOCAL_JS]
        if hasattr(el, "default_css"):
            css = []
            for n, _ in el.default_css:
                key = "markerclustercss" if n == "markercluster_css" else n
                if key in _LOCAL_CSS:
                    css.append((key, f"{base}/{_LOCAL_CSS[key]}"))
            el.default_css = css


def _walk(el):
    yield el
    for child in getattr(el, "_children", {}).values():
        yield from _walk(child)


def build_map(events: pd.DataFrame, opts: MapOptions = MapOptions(), boundaries: dict | None = None) -> folium.Map:
    """The folium map of ``events`` (rows shaped like ``Store.query_events``)."""
    lang = opts.lang
    m = folium.Map(location=SYRIA_CENTER, zoom_start=7, tiles=None, control_scale=True,
                   prefer_canvas=False, **{"minZoom": 5, "maxZoom": 16})
    m.get_root().header.add_child(Element(
        "<style>.leaflet-container{background:#dbe4ea}.raqib-popup{font:13px/1.45 sans-serif}"
        ".raqib-evidence{font-size:14px}</style>"))
    RaqibHelpers(lang).add_to(m)  # first: the layers below call its functions
    if opts.online_tiles:
        folium.TileLayer("OpenStreetMap", name=t("osm_layer", lang), overlay=True, show=False,
                         control=True).add_to(m)
    if boundaries is None and opts.boundaries is not None:
        boundaries = load_boundaries(opts.boundaries)
    if boundaries is not None:
        Boundaries(_background_data(boundaries), t("governorates_layer", lang), control=False, show=True,
                   interactive=False).add_to(m)
        counts: dict[str, int] = {}
        if events is not None and not events.empty and "admin1_pcode" in events:
            counts = {str(k): int(v) for k, v in events["admin1_pcode"].dropna().value_counts().items()}
        Boundaries(_choropleth_data(boundaries, counts, lang), t("choropleth", lang), control=True,
                   show=opts.choropleth, interactive=True).add_to(m)

    rows = event_rows(events, lang)
    order = sorted(rows, key=lambda g: (-len(rows[g]), g))
    entries = []
    for gid in order:
        name = group_name(gid, lang)
        colour = group_colour(gid)
        GroupPoints(gid, rows[gid], f"{name} ({len(rows[gid])})", colour, opts.cluster).add_to(m)
        entries.append((name, colour, len(rows[gid])))
    if opts.heat and rows:
        from folium.plugins import HeatMap

        pts = [[r[0], r[1], 1.0 + math.log1p(r[2] or 0)] for g in order for r in rows[g]]
        HeatMap(pts, name=t("heat_map", lang), radius=14, blur=18, min_opacity=0.3, show=True).add_to(m)
    if entries:
        Legend(legend_html(entries, t("legend", lang), lang)).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)  # the legend stays visible; layers on hover
    m.fit_bounds(SYRIA_BOUNDS)
    _localise_assets(m, opts.asset_base)
    return m


def events_on_map(events: pd.DataFrame) -> int:
    """How many events have coordinates (the others cannot be drawn)."""
    if events is None or events.empty:
        return 0
    return int((pd.to_numeric(events["lat"], errors="coerce").notna()
                & pd.to_numeric(events["lon"], errors="coerce").notna()).sum())
