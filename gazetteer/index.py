"""The loaded gazetteer: name index in memory, resolution and mention finding.

Why in memory: ~12k places and ~30k names fit in a few MB of dicts; a lookup is a dict access, so
resolution runs at thousands per second after a load of well under a second.
"""

from __future__ import annotations

import bisect
import sqlite3
import threading
from collections import defaultdict
from pathlib import Path

from raqib.arabic import clitic_variants, loose_key, normalize_ar
from raqib.paths import gazetteer_dir

from . import sources as S
from .build import ensure_index
from .model import Candidate, PlaceMention, PlaceRow
from .parse import head_info, parse_mention
from .rank import Context, context_from, rank
from .scan import LOOSE_QUALITY, scan, sentence_bounds
from .words import vocabulary

COMPACT_QUALITY = 0.8
COMPACT_MIN_LEN = 6


def compact_key(norm: str) -> str:
    """The name with its spaces removed: news writes compounds joined or split ("ديرالزور",
    "كفرنبودة" / "كفر نبودة", "دير عطية" / "ديرعطية"), so both spellings share this key."""
    return norm.replace(" ", "")


class Gazetteer:
    """Syrian places with Arabic/English names, admin areas and p-codes."""

    def __init__(self, index_file: Path, src_dir: Path) -> None:
        self.index_file = index_file
        self.src_dir = src_dir
        self.vocab = vocabulary()
        con = sqlite3.connect(f"file:{index_file}?mode=ro", uri=True)
        cols = ("idx, gid, name_ar, name_en, kind, lat, lon, precision, importance, admin1, admin1_ar, "
                "admin1_pcode, admin2, admin2_ar, admin2_pcode, admin3, admin3_ar, admin3_pcode")
        self.places = [PlaceRow(*row) for row in con.execute(f"SELECT {cols} FROM places ORDER BY idx")]
        exact: dict[str, set[int]] = defaultdict(set)
        loose: dict[str, set[int]] = defaultdict(set)
        compact: dict[str, set[int]] = defaultdict(set)
        for idx, norm in con.execute("SELECT place_idx, norm FROM names"):
            if not norm:
                continue
            exact[norm].add(idx)
            loose[loose_key(norm)].add(idx)
            if len(ck := compact_key(norm)) >= COMPACT_MIN_LEN:
                compact[ck].add(idx)
        con.close()
        self._exact = {k: tuple(sorted(v)) for k, v in exact.items()}
        self._loose = {k: tuple(sorted(v)) for k, v in loose.items()}
        self._compact = {k: tuple(sorted(v)) for k, v in compact.items()}
        self._first = ({k.split()[0] for k in self._exact} | {k.split()[0] for k in self._loose}
                       | set(self._compact))
        self.max_tokens = max(len(k.split()) for k in self._exact)
        self.seats = self._sub_district_seats()

    def _sub_district_seats(self) -> dict[str, PlaceRow]:
        """Sub-district p-code -> the populated place of the same name inside it (its seat)."""
        seats: dict[str, PlaceRow] = {}
        for unit in self.places:
            if unit.kind != "admin3" or not unit.admin3_pcode:
                continue
            name = normalize_ar(unit.name_ar).removeprefix("مركز ")
            inside = [self.places[i] for i, _ in self.lookup(name.split())
                      if self.places[i].admin3_pcode == unit.admin3_pcode
                      and self.places[i].kind in ("city", "town", "village")]
            if inside:
                seats[unit.admin3_pcode] = max(inside, key=lambda r: r.importance)
        return seats

    # ---------------------------------------------------------------- name index
    def may_start(self, tok: str) -> bool:
        return tok in self._first or loose_key(tok) in self._first

    def has_name(self, norm: str) -> bool:
        return norm in self._exact or loose_key(norm) in self._loose or compact_key(norm) in self._compact

    def has_exact(self, norm: str) -> bool:
        return norm in self._exact

    def lookup(self, tokens: list[str]) -> list[tuple[int, float]]:
        """Places whose name is ``tokens`` (normalised): exact first, then ال-insensitive, then
        with the spaces of compounds ignored ("ديرالزور" = "دير الزور")."""
        key = " ".join(tokens)
        hits = [(i, 1.0) for i in self._exact.get(key, ())]
        seen = {i for i, _ in hits}
        hits += [(i, LOOSE_QUALITY) for i in self._loose.get(loose_key(key), ()) if i not in seen]
        if not hits:
            hits = [(i, COMPACT_QUALITY) for i in self._compact.get(compact_key(key), ())]
        return hits

    # ---------------------------------------------------------------- resolution
    def _context(self, context: str | None, exclude: str | None) -> Context | None:
        if not context:
            return None
        spans = scan(context, self, self.vocab)
        return context_from([s.parsed for s in spans], self.places, exclude=exclude, seats=self.seats)

    def resolve(self, text: str, context: str | None = None, limit: int = 5) -> list[Candidate]:
        """Candidates for a place mention, best first; [] when no known name is in ``text``."""
        tokens = normalize_ar(text or "").split()
        if not tokens:
            return []
        parsed = parse_mention(tokens, self.lookup, self.vocab)
        if parsed is None:
            return []
        return rank(parsed, self.places, self._context(context, parsed.name), limit)

    def names_whole(self, text: str) -> bool:
        """True when ``text`` is a known name as a whole, after its generic heads ("مدينة"، "حي") and
        trailing directions: "باب الصغير" is not (only "باب" is known, as الباب), so a tagger's span
        like it must not be read as the part the index knows."""
        tokens = normalize_ar(text or "").split()
        while tokens and head_info(tokens[0], self.vocab) is not None:
            tokens = tokens[1:]
        while tokens and tokens[-1] in self.vocab.directions:
            tokens = tokens[:-1]
        if not tokens:
            return False
        return any(self.lookup([stem] + tokens[1:]) for _p, stem in clitic_variants(tokens[0], list(self.vocab.prefixes)))

    def find_mentions(self, text: str, limit: int = 5) -> list[PlaceMention]:
        """Known place names in running text, each ranked with its own sentence as context."""
        spans = scan(text, self, self.vocab)
        bounds = sentence_bounds(text)
        by_sentence: dict[int, list] = defaultdict(list)
        for sp in spans:
            by_sentence[bisect.bisect_right(bounds, sp.start)].append(sp)
        out = []
        for group in by_sentence.values():
            for sp in group:
                others = [o.parsed for o in group if o is not sp]
                ctx = context_from(others, self.places, exclude=sp.parsed.name, seats=self.seats)
                if len(by_sentence) > 1:
                    rest = [o.parsed for o in spans if o.start not in {g.start for g in group}]
                    ctx.para_anchors = context_from(rest, self.places, exclude=sp.parsed.name).anchors
                out.append(PlaceMention(start=sp.start, end=sp.end, text=text[sp.start:sp.end],
                                        candidates=rank(sp.parsed, self.places, ctx, limit)))
        out.sort(key=lambda m: m.start)
        return out

    # ---------------------------------------------------------------- admin areas
    def governorates(self) -> list[dict]:
        rows = [p for p in self.places if p.kind == "admin1"]
        return [{"pcode": p.admin1_pcode, "name_en": p.name_en, "name_ar": p.name_ar}
                for p in sorted(rows, key=lambda p: p.admin1_pcode or "")]

    def boundaries_path(self, level: int = 1) -> Path:
        if level not in S.BOUNDARY_FILES:
            raise ValueError(f"boundary level must be 1, 2 or 3, not {level!r}")
        return self.src_dir / S.BOUNDARY_FILES[level]

    def place(self, gazetteer_id: str) -> PlaceRow | None:
        return next((p for p in self.places if p.gid == gazetteer_id), None)


_LOCK = threading.Lock()
_CACHE: dict[str, Gazetteer] = {}


def get_gazetteer(src_dir: str | Path | None = None) -> Gazetteer:
    """The process-wide gazetteer; builds the index first when it is missing or stale."""
    src = gazetteer_dir(src_dir)
    with _LOCK:
        gz = _CACHE.get(str(src))
        if gz is None:
            path = ensure_index(src)
            gz = _CACHE[str(src)] = Gazetteer(path, src)
        return gz


def resolve_place(text: str, context: str | None = None, limit: int = 5) -> list[Candidate]:
    return get_gazetteer().resolve(text, context=context, limit=limit)
