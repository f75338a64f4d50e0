"""``python -m incidents stats``: what the store holds, by group, governorate, attack type and month.

Counts are of *events* (de-duplicated attacks) under the dashboard filter, with the killed total
(highest figure any source gives per event; events without a number add nothing).
"""

from __future__ import annotations

import pandas as pd

from incidents.filters import IncidentFilter
from incidents.store import Store


def stats_tables(store: Store, flt: IncidentFilter | None = None) -> dict[str, pd.DataFrame]:
    """name -> DataFrame(key, events, killed), largest first (months in time order)."""
    df = store.query_events(flt or IncidentFilter())
    keyed = pd.DataFrame({
        "group": [f"{n} ({i})" if i else "(not named)"
                  for i, n in zip(df["perpetrator_id"], df["perpetrator_name_en"], strict=True)],
        "governorate": [f"{a} ({p})" if p else "(unknown)"
                        for a, p in zip(df["admin1"], df["admin1_pcode"], strict=True)],
        "type": list(df["attack_type"]),
        "month": [d[:7] if d else "undated" for d in df["event_date"]],
        "killed": df["killed"].fillna(0).astype("int64") if len(df) else pd.Series(dtype="int64"),
    })
    out: dict[str, pd.DataFrame] = {}
    for key in ("group", "governorate", "type", "month"):
        t = (keyed.groupby(key, dropna=False).agg(events=("killed", "size"), killed=("killed", "sum"))
             .reset_index().rename(columns={key: "key"}))
        t = t.sort_values("key") if key == "month" else t.sort_values(["events", "key"], ascending=[False, True])
        out[key] = t.reset_index(drop=True)
    return out


def format_stats(store: Store, flt: IncidentFilter | None = None) -> str:
    c = store.counts()
    lines = [f"Store: {c['articles']} articles, {c['incidents']} incidents, {c['events']} events "
             f"({store.corroborated_events()} reported by several sources)."]
    titles = {"group": "By perpetrator", "governorate": "By governorate", "type": "By attack type",
              "month": "By month"}
    for key, t in stats_tables(store, flt).items():
        lines.append("")
        lines.append(f"{titles[key]} (events, killed):")
        if t.empty:
            lines.append("  (none)")
            continue
        width = max(len(str(k)) for k in t["key"])
        for k, e, kd in zip(t["key"], t["events"], t["killed"], strict=True):
            lines.append(f"  {str(k):<{width}}  {int(e):>5}  {int(kd):>6}")
    return "\n".join(lines) + "\n"
