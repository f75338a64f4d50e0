"""Extraction throughput: articles/second, peak memory, and Stanza's share of the time.

    .venv/bin/python benchmarks/extraction_bench.py [--articles 200] [--batch 16]

The seed articles (../shared/seeds) are repeated up to ``--articles``. Each batch goes through the
same steps as ``extract_many``: Stanza (one ``bulk_process`` call per batch) and then our code
(lexicons, roles, gazetteer lookups, merging). Prints ratios and throughput; asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tqdm import tqdm  # noqa: E402

from extraction.extract import _analyse, _prepare, _run_stanza  # noqa: E402
from extraction.pipeline import get_pipeline  # noqa: E402
from extraction.reader import read_article_file  # noqa: E402
from raqib.paths import seeds_dir  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--batch", type=int, default=16)
    args = ap.parse_args(argv)

    seeds = sorted(seeds_dir().glob("*.txt"))
    base = [read_article_file(p, published="2021-03-09")[0] for p in seeds]
    articles = [base[k % len(base)] for k in range(args.articles)]

    t0 = time.perf_counter()
    nlp = get_pipeline()
    _analyse(_prepare(base[0]), _run_stanza([_prepare(base[0])], nlp)[0])  # warm-up: gazetteer index, lexicons
    load_s = time.perf_counter() - t0

    stanza_s = ours_s = 0.0
    incidents = 0
    chars = sum(len(a.text) for a in articles)
    with tqdm(total=len(articles), unit="article", file=sys.stderr) as bar:
        for k in range(0, len(articles), args.batch):
            chunk = articles[k:k + args.batch]
            t = time.perf_counter()
            prepared = [_prepare(a) for a in chunk]
            docs = _run_stanza(prepared, nlp)
            t1 = time.perf_counter()
            for p, d in zip(prepared, docs, strict=True):
                incidents += len(_analyse(p, d).incidents)
            t2 = time.perf_counter()
            stanza_s += t1 - t
            ours_s += t2 - t1
            bar.update(len(chunk))
    total = stanza_s + ours_s
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles            {len(articles)} ({chars / len(articles):.0f} chars each on average)")
    print(f"incidents           {incidents}")
    print(f"load + warm-up      {load_s:.1f} s")
    print(f"throughput          {len(articles) / total:.2f} articles/s ({chars / total:.0f} chars/s)")
    print(f"time in Stanza      {stanza_s:.1f} s ({100 * stanza_s / total:.1f} %)")
    print(f"time in our code    {ours_s:.1f} s ({100 * ours_s / total:.1f} %; adds {100 * ours_s / stanza_s:.1f} % "
          "on top of Stanza; includes gazetteer lookups)")
    print(f"peak memory (RSS)   {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
