"""``python -m incidents``: ingest, export, stats, seed-if-empty, check (DESIGN.md "Store, ingest and export").

Output contract: data (exports, stats, the final ingest summary) on stdout; progress, warnings and
skipped files on stderr. Exit status: 0 ok, 1 some inputs were skipped (the rest is stored),
2 bad command line, 3 store problem, 130 interrupted (the store stays consistent; re-run to finish).
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path

from extraction.schema import ATTACK_TYPES
from incidents.filters import IncidentFilter


class UsageError(Exception):
    pass


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD") from None


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="SQLite file or database URL (default: $RAQIB_DB, else data/raqib.db)")


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (the dashboard's)")
    g.add_argument("--group", action="append", default=[], metavar="ID",
                   help="armed-group id (repeatable); its child units are included")
    g.add_argument("--role", choices=("perpetrator", "target", "either"), default="either",
                   help="match the group as perpetrator, target or either (default)")
    g.add_argument("--include-backed", action="store_true", help="also the groups it backs (russia -> liwa_al_quds)")
    g.add_argument("--since", type=_date, metavar="DATE", help="event date >= DATE (undated events are left out)")
    g.add_argument("--until", type=_date, metavar="DATE", help="event date <= DATE")
    g.add_argument("--governorate", action="append", default=[], metavar="PCODE",
                   help="admin1 p-code, e.g. SY09 for Deir ez-Zor (repeatable)")
    g.add_argument("--type", action="append", default=[], metavar="TYPE", dest="types",
                   help=f"attack type (repeatable): {', '.join(ATTACK_TYPES)}")
    g.add_argument("--min-killed", type=int, default=0, metavar="N", help="at least N killed (unknown counts as 0)")
    g.add_argument("--include-background", action="store_true",
                   help="include incidents only mentioned as past context")


def filter_from_args(args: argparse.Namespace) -> IncidentFilter:
    from extraction.groups import load_groups

    known = load_groups()
    bad = [g for g in args.group if g not in known]
    if bad:
        raise UsageError(f"unknown group id(s) {', '.join(bad)}; known: {', '.join(sorted(known))}")
    bad = [t for t in args.types if t not in ATTACK_TYPES]
    if bad:
        raise UsageError(f"unknown attack type(s) {', '.join(bad)}; known: {', '.join(ATTACK_TYPES)}")
    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until}")
    return IncidentFilter(
        groups=tuple(args.group), group_role=args.role, include_backed=args.include_backed,
        since=args.since, until=args.until, governorates=tuple(args.governorate),
        attack_types=tuple(args.types), min_killed=max(0, args.min_killed),
        include_background=args.include_background,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m incidents", description="Raqib's incident store.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="extract incidents from article files/folders into the store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt/.html/.htm/.json/.jsonl)")
    _add_db(p)
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for every article (wins)")
    p.add_argument("--source", metavar="NAME", help="source name for every article")
    p.add_argument("--workers", type=int, metavar="N", help="extraction processes (default: CPU cores; 1 = in-process)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser("export", help="write events as ACLED-like CSV or GeoJSON")
    _add_db(p)
    p.add_argument("--format", choices=("csv", "geojson"), required=True)
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    _add_filters(p)

    p = sub.add_parser("stats", help="counts by group, governorate, type and month")
    _add_db(p)
    _add_filters(p)

    p = sub.add_parser("seed-if-empty", help="ingest the sample articles when the store has no article")
    _add_db(p)
    p.add_argument("--workers", type=int, metavar="N")

    p = sub.add_parser("check", help="verify the store's invariants (after a crash, a copy, ...)")
    _add_db(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: every article stored so far is complete; run the same command again to finish.",
              file=sys.stderr)
        return 130


def _open(args):
    from incidents.store import open_store

    try:
        return open_store(args.db)
    except Exception as exc:
        print(f"error: cannot open the store {args.db or '(default)'}: {exc}", file=sys.stderr)
        raise SystemExit(3) from None


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "ingest":
        return _ingest(args, args.paths, quiet=args.quiet)
    if args.command == "seed-if-empty":
        return _seed(args)
    if args.command == "export":
        return _export(args)
    if args.command == "stats":
        from incidents.stats import format_stats

        flt = filter_from_args(args)
        with _open(args) as store:
            sys.stdout.write(format_stats(store, flt))
        return 0
    if args.command == "check":
        with _open(args) as store:
            problems = store.consistency_problems()
            c = store.counts()
        for p in problems:
            print(p)
        print(f"{'OK' if not problems else 'PROBLEMS'}: {c['articles']} articles, {c['incidents']} incidents, "
              f"{c['events']} events")
        return 0 if not problems else 3
    raise UsageError(f"unknown command {args.command}")


def _ingest(args, paths, *, quiet: bool = False) -> int:
    from extraction.reader import PublishedDateError
    from incidents.ingest import ingest

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    with _open(args) as store:
        try:
            summary = ingest(paths, store, published=getattr(args, "published", None),
                             source=getattr(args, "source", None), workers=args.workers, progress=not quiet)
        except PublishedDateError as exc:
            raise UsageError(str(exc)) from None
    for line in summary.lines():
        print(line)
    if summary.failures:
        print(f"{len(summary.failures)} input(s) skipped (listed above on stderr).", file=sys.stderr)
        return 1
    return 0


def _seed(args) -> int:
    from raqib.paths import MissingResourceError, seeds_dir

    with _open(args) as store:
        n = store.counts()["articles"]
    if n:
        print(f"The store already has {n} articles; nothing to seed.")
        return 0
    try:
        seeds = seeds_dir()
    except MissingResourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    print(f"Empty store: ingesting the sample articles from {seeds}", file=sys.stderr)
    return _ingest(args, [str(seeds)])


def _export(args) -> int:
    from incidents.export import export_csv, export_geojson, geojson_text

    flt = filter_from_args(args)
    with _open(args) as store:
        out = export_csv(store, flt) if args.format == "csv" else geojson_text(export_geojson(store, flt))
    if args.output:
        # A file gets a BOM when CSV: Excel then shows the Arabic correctly; pandas/csv readers skip it.
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        Path(args.output).expanduser().write_text(out, encoding=encoding)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(out)
    return 0
