"""Gazetteer accuracy on place mentions with their sentences (the held-out measure, on our dev data).

    .venv/bin/python benchmarks/gazetteer_eval.py [FILE.jsonl] [--km 25] [--quiet]

Each line of FILE is ``{"text", "context", "admin1_pcode", "lat", "lon", "note"}``; the default file is
tests/fixtures/gazetteer/heldout_like.jsonl. A mention is right when the best candidate of
``resolve_place(text, context)`` lies within ``--km`` of the expected point AND in the expected
governorate. Prints the share right, the share per governorate, throughput, and every failure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer import resolve_place  # noqa: E402
from gazetteer.build import haversine_km  # noqa: E402

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "gazetteer" / "heldout_like.jsonl"
REQUIRED = ("text", "admin1_pcode", "lat", "lon")


@dataclass
class Outcome:
    item: dict
    ok: bool
    km: float | None
    got: object | None          # the best Candidate, or None


def load_items(path: Path) -> list[dict]:
    """The eval items; a malformed line is an error naming the file and line."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise SystemExit(f"{path}:{n}: not JSON ({e}); fix the line") from e
        missing = [k for k in REQUIRED if k not in obj]
        if missing:
            raise SystemExit(f"{path}:{n}: missing {', '.join(missing)}; every line needs {', '.join(REQUIRED)}")
        items.append(obj)
    return items


def evaluate(items: list[dict], max_km: float = 25.0) -> list[Outcome]:
    out = []
    for it in items:
        res = resolve_place(it["text"], context=it.get("context"))
        if not res:
            out.append(Outcome(it, False, None, None))
            continue
        c = res[0]
        d = haversine_km(c.lat, c.lon, float(it["lat"]), float(it["lon"]))
        out.append(Outcome(it, d <= max_km and c.admin1_pcode == it["admin1_pcode"], d, c))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    ap.add_argument("--km", type=float, default=25.0)
    ap.add_argument("--quiet", action="store_true", help="print the summary only")
    args = ap.parse_args(argv)
    if not args.file.is_file():
        raise SystemExit(f"{args.file}: no such file; give a JSONL file of mentions")
    items = load_items(args.file)
    resolve_place("دمشق")                       # load the index before timing
    t0 = time.perf_counter()
    outcomes = evaluate(items, args.km)
    dt = time.perf_counter() - t0
    right = sum(o.ok for o in outcomes)
    print(f"{args.file.name}: {right}/{len(outcomes)} right = {100 * right / max(1, len(outcomes)):.1f}% "
          f"(point within {args.km:g} km and right governorate); {len(outcomes) / dt:,.0f} resolutions/s")
    total, good = Counter(), Counter()
    for o in outcomes:
        total[o.item["admin1_pcode"]] += 1
        good[o.item["admin1_pcode"]] += o.ok
    print("  per governorate: " + "  ".join(f"{g} {good[g]}/{total[g]}" for g in sorted(total)))
    if not args.quiet:
        for o in outcomes:
            if o.ok:
                continue
            it, c = o.item, o.got
            got = "no candidate" if c is None else (
                f"{c.name_ar} ({c.kind}, {c.admin1_pcode}, {c.lat:.2f},{c.lon:.2f}, p{c.precision}) {o.km:.0f} km")
            print(f"FAIL {it['text']!r} [{it['admin1_pcode']} {it['lat']},{it['lon']}] -> {got}"
                  f"   | {it.get('context', '')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
