"""Map build time and HTML size with 20,000 events: Raqib's map vs one folium.Marker per event.

Run: ``.venv/bin/python benchmarks/dashboard_bench.py [N]``. Prints figures and ratios (no asserts).
The events are synthetic incidents (``dashboard.synthetic``) as rows shaped like ``Store.query_events``;
both maps get the same rows and popup content.
"""

from __future__ import annotations

import html
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium  # noqa: E402
import pandas as pd  # noqa: E402
from tqdm import tqdm  # noqa: E402

from dashboard.frames import incidents_frame  # noqa: E402
from dashboard.mapping import MapOptions, build_map, event_rows, group_colour, load_boundaries  # noqa: E402
from dashboard.synthetic import synthetic_articles  # noqa: E402
from raqib.paths import gazetteer_dir  # noqa: E402


def baseline_map(events, lang: str) -> folium.Map:
    """The naive way: a folium.CircleMarker + folium.Popup (escaped HTML) per event, one FeatureGroup per group."""
    m = folium.Map(location=[34.9, 38.5], zoom_start=7, tiles=None)
    for gid, rows in event_rows(events, lang).items():
        fg = folium.FeatureGroup(name=gid).add_to(m)
        colour = group_colour(gid)
        for r in rows:
            popup = (f"<b>{html.escape(r[9])}</b><br>{html.escape(r[5])} · {html.escape(r[6])}<br>"
                     f"{html.escape(r[7])} → {html.escape(r[8])}<br>killed {r[2]} wounded {r[3]} captured {r[4]}"
                     f"<br>{html.escape(r[10])}<br>sources {r[11]}"
                     f"<div dir='rtl'>{html.escape(r[12])}</div>")
            folium.CircleMarker([r[0], r[1]], radius=5, color=colour, fill=True,
                                popup=folium.Popup(popup, max_width=340)).add_to(fg)
    folium.LayerControl().add_to(m)
    return m


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main(n: int = 20_000) -> None:
    # Rows shaped exactly like Store.query_events (dashboard.frames). Storing 20,000 incidents through
    # the store's de-duplication takes minutes, which is the ingest benchmark's business, not this one's.
    t = time.perf_counter()
    frames = [incidents_frame(article, incidents) for article, incidents in
              tqdm(synthetic_articles(n, per_article=20), desc="synthetic events", unit="article", file=sys.stderr)]
    events = pd.concat(frames, ignore_index=True)
    boundaries = load_boundaries(gazetteer_dir() / "boundaries" / "syr_adm1_governorates.geojson")
    print(f"events: {len(events)} (made in {time.perf_counter() - t:.1f} s)")

    ours, ours_build = timed(lambda: build_map(events, MapOptions(lang="en"), boundaries=boundaries))
    ours_html, ours_render = timed(lambda: ours.get_root().render())
    base, base_build = timed(lambda: baseline_map(events, "en"))
    base_html, base_render = timed(lambda: base.get_root().render())

    ours_total, base_total = ours_build + ours_render, base_build + base_render
    ours_mb, base_mb = len(ours_html.encode()) / 1e6, len(base_html.encode()) / 1e6
    print(f"{'':28}{'build s':>9}{'render s':>10}{'total s':>9}{'HTML MB':>9}")
    print(f"{'raqib (JSON rows + cluster)':28}{ours_build:9.2f}{ours_render:10.2f}{ours_total:9.2f}{ours_mb:9.2f}")
    print(f"{'one Marker per event':28}{base_build:9.2f}{base_render:10.2f}{base_total:9.2f}{base_mb:9.2f}")
    print(f"ratio baseline/raqib: time x{base_total / ours_total:.1f}, HTML size x{base_mb / ours_mb:.1f}")
    print(f"raqib throughput: {len(events) / ours_total:,.0f} events/s to a ready-to-send map")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
