"""Gazetteer benchmark: build time, index size, resolutions per second, find_mentions throughput.

    .venv/bin/python benchmarks/gazetteer_bench.py [--rounds N]

Prints figures only (no pass/fail): the targets are > 2,000 resolutions/s on one core after load and
an article's find_mentions in a few milliseconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer.build import build_index  # noqa: E402
from gazetteer.index import Gazetteer  # noqa: E402
from raqib.paths import gazetteer_dir, seeds_dir  # noqa: E402

QUERIES = [
    ("بادية البوكمال", "هجوم على نقاط الميليشيات في بادية البوكمال بريف دير الزور الشرقي"),
    ("وضحة", "انفجار عبوة ناسفة قرب قرية وضحة التابعة لبلدة مسكنة بريف حلب الشرقي"),
    ("القصير", "اشتباكات في مدينة القصير بريف حمص الغربي"),
    ("الحسينية", "قصف على قرية الحسينية بريف دير الزور"),
    ("ريف حلب الشرقي", None),
    ("شرقي مدينة منبج", None),
    ("وبلدة ذيبان", "هجوم على نقطة عسكرية لقسد في بلدة ذيبان الواقعة في ريف دير الزور الشرقي"),
    ("مدينة “الشحيل”", None),
    ("رأس العين", "انفجار في مدينة رأس العين بريف الحسكة الشمالي"),
    ("مكان غير معروف", None),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=300)
    args = ap.parse_args()
    src = gazetteer_dir()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "index.sqlite"
        t0 = time.perf_counter()
        stats = build_index(src, out, progress=False)
        build_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        gz = Gazetteer(out, src)
        load_s = time.perf_counter() - t0
        print(f"build: {build_s:.2f} s  ({stats['places']} places, {stats['names']} names, "
              f"{stats['curated']} curated)")
        print(f"index size: {out.stat().st_size / 1e6:.2f} MB   load: {load_s:.2f} s")

        n = 0
        t0 = time.perf_counter()
        for _ in range(args.rounds):
            for text, ctx in QUERIES:
                gz.resolve(text, context=ctx)
                n += 1
        dt = time.perf_counter() - t0
        print(f"resolve with context: {n / dt:,.0f} resolutions/s ({n} in {dt:.2f} s; target > 2,000/s)")
        n = 0
        t0 = time.perf_counter()
        for _ in range(args.rounds):
            for text, _ctx in QUERIES:
                gz.resolve(text)
                n += 1
        dt = time.perf_counter() - t0
        print(f"resolve without context: {n / dt:,.0f} resolutions/s")

        texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt"))]
        chars = sum(len(t) for t in texts)
        rounds = max(1, args.rounds // 10)
        found = 0
        t0 = time.perf_counter()
        for _ in range(rounds):
            for t in texts:
                found += len(gz.find_mentions(t))
        dt = time.perf_counter() - t0
        per_article = dt / (rounds * len(texts)) * 1000
        print(f"find_mentions: {per_article:.2f} ms per article (~{chars // len(texts)} chars), "
              f"{rounds * chars / dt / 1e6:.2f} M chars/s, {found // rounds} mentions in the {len(texts)} seeds")


if __name__ == "__main__":
    main()
