"""The gazetteer CLI (a stable interface, see ../shared/DESIGN.md).

    python -m gazetteer resolve TEXT [--context SENTENCE] [--format json|table] [--limit N]
    python -m gazetteer resolve --batch FILE.jsonl [--format json]
    python -m gazetteer build        # force a rebuild of the index, print statistics
    python -m gazetteer download     # fetch the sources for a machine without ../shared
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

TABLE_COLS = ["score", "precision", "kind", "name_ar", "name_en", "admin1", "admin2", "lat", "lon", "gazetteer_id"]


def _result(query: str, cands) -> dict:
    return {"query": query, "candidates": [c.to_dict() for c in cands]}


def _table(result: dict) -> str:
    lines = [f"query: {result['query']}"]
    if not result["candidates"]:
        return lines[0] + "\n(no candidates)"
    rows = [[str(c.get(k) if c.get(k) is not None else "") for k in TABLE_COLS] for c in result["candidates"]]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(TABLE_COLS)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(TABLE_COLS, widths, strict=True)))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def _emit(result: dict, fmt: str) -> None:
    print(json.dumps(result, ensure_ascii=False) if fmt == "json" else _table(result))


def _read_batch(path: Path) -> list[tuple[str, str | None]]:
    items = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"{path}: cannot read the batch file ({exc}); give a UTF-8 JSON Lines file") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not valid JSON ({exc.msg}); each line must be "
                             '{"text": ..., "context": ...}') from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise SystemExit(f'{path}:{n}: each line must be an object with a "text" string')
        ctx = obj.get("context")
        items.append((obj["text"], ctx if isinstance(ctx, str) else None))
    return items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m gazetteer", description="Syrian gazetteer")
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("resolve", help="resolve an Arabic place mention")
    r.add_argument("text", nargs="?", help="the mention, e.g. 'بريف دير الزور الشرقي'")
    r.add_argument("--context", help="the sentence the mention came from")
    r.add_argument("--batch", type=Path, help='JSON Lines file of {"text": ..., "context": ...}')
    r.add_argument("--format", choices=["json", "table"], default="json")
    r.add_argument("--limit", type=int, default=5)
    sub.add_parser("build", help="rebuild the index now and print statistics")
    d = sub.add_parser("download", help="download the sources (needs internet)")
    d.add_argument("--dest", type=Path, help="target folder (default: the user data folder)")
    args = ap.parse_args(argv)

    from raqib.paths import MissingResourceError

    from .sources import SourceError
    try:
        if args.cmd == "build":
            from .build import build_index
            print(json.dumps(build_index(), ensure_ascii=False, indent=2))
            return 0
        if args.cmd == "download":
            from .download import DownloadError, download
            try:
                download(args.dest)
            except DownloadError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            return 0
        from .index import get_gazetteer
        if (args.text is None) == (args.batch is None):
            ap.error("resolve needs either TEXT or --batch FILE.jsonl")
        gz = get_gazetteer()
        if args.batch is not None:
            for text, ctx in _read_batch(args.batch):
                _emit(_result(text, gz.resolve(text, context=ctx, limit=args.limit)), args.format)
            return 0
        _emit(_result(args.text, gz.resolve(args.text, context=args.context, limit=args.limit)), args.format)
        return 0
    except (MissingResourceError, SourceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
