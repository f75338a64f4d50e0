"""Ingest throughput: articles/s with 1 vs 2 worker processes, and peak memory.

200 articles = the seed articles repeated with a varying last line (so each is a new article),
ingested by the real CLI into a fresh SQLite file per run, all with one ``--published`` date so
the copies resolve the same dates and the de-duplication path runs (each seed's attacks become
events with 40 sources). Peak memory is the largest sum of RSS
over the ingest process and its workers (sampled every 0.1 s).

    .venv/bin/python benchmarks/ingest_bench.py [--n 200] [--workers 1 2] [--published DATE]
                                                [--extractor module:function]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from raqib.paths import seeds_dir  # noqa: E402


def make_articles(folder: Path, n: int) -> None:
    seeds = sorted(seeds_dir().glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    for i in range(n):
        body = texts[i % len(texts)].rstrip("\n") + f"\n\nنسخة رقم {i} من هذا التقرير للاختبار.\n"
        (folder / f"bench_{i:04d}.txt").write_text(body, encoding="utf-8")


def run(folder: Path, workers: int, extractor: str | None, published: str | None) -> dict:
    db = folder.parent / f"bench_w{workers}.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if extractor:
        env["RAQIB_EXTRACTOR"] = extractor
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "incidents", "ingest", str(folder), "--db", str(db),
                             "--workers", str(workers), "--quiet",
                             *(["--published", published] if published else [])], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    out, err = proc.communicate()
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"ingest with {workers} workers failed ({proc.returncode}):\n{err[-3000:]}")
    return {"workers": workers, "seconds": seconds, "peak_mb": peak / 2**20, "summary": out.strip()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--published", default="2021-03-09", help="publication date for all ('' = none)")
    ap.add_argument("--extractor", help="module:function instead of the real extraction (RAQIB_EXTRACTOR)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="raqib-bench-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        make_articles(folder, args.n)
        print(f"{args.n} articles ({sum(f.stat().st_size for f in folder.iterdir()) / 1024:.0f} KB), "
              f"{os.cpu_count()} CPU cores", flush=True)
        results = []
        for w in args.workers:
            r = run(folder, w, args.extractor, args.published or None)
            results.append(r)
            print(f"workers={w}: {args.n} articles in {r['seconds']:.1f} s (including model loading) -> "
                  f"{args.n / r['seconds']:.2f} articles/s; peak RSS {r['peak_mb']:.0f} MB (all processes)",
                  flush=True)
            print("   " + r["summary"].replace("\n", "\n   "), flush=True)
        base = results[0]
        for r in results[1:]:
            print(f"speed-up {r['workers']} vs {base['workers']} workers: {base['seconds'] / r['seconds']:.2f}x; "
                  f"memory {r['peak_mb'] / base['peak_mb']:.2f}x")


if __name__ == "__main__":
    main()
