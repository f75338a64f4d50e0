"""The ``extract`` command (DESIGN.md "The extraction CLI"): articles in, incident JSON out.

stdout carries only results (one JSON object for one article, JSON Lines for several, or a table);
logs, progress and errors go to stderr, so the output can be piped into other tools.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import TextIO

from extraction.schema import Article, Incident

log = logging.getLogger("raqib.extract")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extraction",
                                     description="Extract armed-attack incidents from Arabic news articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract incidents from article files (.txt .html .json .jsonl)")
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.add_argument("--published", help="publication date YYYY-MM-DD (wins over the file's own date)")
    ex.add_argument("--source", help="source name (e.g. SOHR, Enab Baladi)")
    ex.add_argument("--url", help="article URL")
    ex.add_argument("--format", choices=("json", "table"), default="json")
    return parser


def _table(article: Article, incidents: list[Incident], out: TextIO) -> None:
    name = article.path or article.title or article.article_id[:12]
    out.write(f"# {name}  (published: {article.published or 'unknown'})  {len(incidents)} incident(s)\n")
    if not incidents:
        return
    cols = ("date", "type", "perpetrator", "target", "location", "killed", "wounded", "captured", "bg", "conf")
    rows = []
    for i in incidents:
        loc = i.location
        rows.append((
            i.event_date or "-", i.attack_type, i.perpetrator.id if i.perpetrator else "-",
            i.target.id if i.target else "-",
            f"{loc.name_en or loc.text} ({loc.admin1 or '?'}, p{loc.precision})" if loc else "-",
            "-" if i.killed is None else str(i.killed), "-" if i.wounded is None else str(i.wounded),
            "-" if i.captured is None else str(i.captured), "yes" if i.is_background else "no", f"{i.confidence:.2f}",
        ))
    widths = [max(len(c), *(len(r[k]) for r in rows)) for k, c in enumerate(cols)]
    out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip() + "\n")
    for r in rows:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")


def _record(article: Article, incidents: list[Incident]) -> str:
    return json.dumps({"article": article.to_dict(), "incidents": [i.to_dict() for i in incidents]},
                      ensure_ascii=False)


def run_extract(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    from extraction.reader import ArticleReadError, PublishedDateError, read_article_file

    articles: list[Article] = []
    failed = 0
    for path in args.paths:
        try:
            articles.extend(read_article_file(path, published=args.published, source=args.source, url=args.url))
        except PublishedDateError as exc:
            err.write(f"error: --published: {exc}\n")
            return 2
        except ArticleReadError as exc:
            err.write(f"error: {exc}\n")
            failed += 1
        except OSError as exc:
            err.write(f"error: {path}: cannot read ({exc.strerror or exc}) — check the path and permissions\n")
            failed += 1
    if articles:
        results = _extract_with_progress(articles)
        one = len(args.paths) == 1 and len(articles) == 1 and not args.paths[0].endswith(".jsonl")
        for article, incidents in zip(articles, results, strict=True):
            if args.format == "table":
                _table(article, incidents, out)
            elif one:
                out.write(json.dumps({"article": article.to_dict(), "incidents": [i.to_dict() for i in incidents]},
                                     ensure_ascii=False, indent=2) + "\n")
            else:
                out.write(_record(article, incidents) + "\n")
    return 1 if failed else 0


def _extract_with_progress(articles: list[Article]) -> list[list[Incident]]:
    """Batches of articles through one Stanza call each, with a progress bar on stderr."""
    from tqdm import tqdm

    from extraction.extract import extract_many

    batch = 16
    results: list[list[Incident]] = []
    with tqdm(total=len(articles), unit="article", file=sys.stderr, disable=len(articles) < 2) as bar:
        for k in range(0, len(articles), batch):
            chunk = articles[k:k + batch]
            results.extend(extract_many(chunk))
            bar.update(len(chunk))
    return results


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if args.command == "extract":
        try:
            return run_extract(args)
        except Exception as exc:  # a clear one-line message beats a traceback for people piping output
            log.debug("extract failed", exc_info=True)
            sys.stderr.write(f"error: {type(exc).__name__}: {exc}\n")
            return 3
    return 2
