"""The mention vocabulary (prefixes, heads, directions, cues, stop names), loaded from data files.

Why: which words are "not the name" is data that editors extend as news teaches them; keeping it in
``data/mention_words.yaml`` and ``data/stop_names.txt`` means no code change for a new generic head.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from raqib.arabic import normalize_ar

from . import sources as S


@dataclass(frozen=True)
class Vocabulary:
    prefixes: tuple[str, ...]
    type_heads: dict[str, tuple[str, ...]]
    area_heads: frozenset[str]
    countryside_heads: frozenset[str]
    skip_words: frozenset[str]
    directions: dict[str, str]
    qualifiers: frozenset[str]
    cues: frozenset[str]
    strong_heads: frozenset[str]
    stop_names: frozenset[str]          # never a bare mention in running text
    cue_names: frozenset[str]           # a bare mention only after a locative cue
    not_places: frozenset[str]          # countries, foreign cities, rivers: never a Syrian place
    plural_heads: frozenset[str] = frozenset()      # "أحياء المدينة": not enough for a stop name
    months: frozenset[str] = frozenset()            # month names that are also village names
    month_followers: frozenset[str] = frozenset()   # "تشرين الأول", "أيار الماضي"
    month_preceders: frozenset[str] = frozenset()   # "شهر أيار", "مطلع حزيران"
    month_after_in: frozenset[str] = frozenset()    # "في شباط" ...
    month_place_followers: frozenset[str] = frozenset()  # ... but not "في تشرين بريف حلب"

    def is_head(self, tok: str) -> bool:
        return tok in self.type_heads or tok in self.area_heads

    def not_place(self, tokens: list[str], prefixes: list[str]) -> bool:
        """True when some clitic reading of ``tokens`` is a country, foreign city or river."""
        from raqib.arabic import clitic_variants

        rest = tokens[1:]
        return any(" ".join([stem, *rest]) in self.not_places for _, stem in clitic_variants(tokens[0], prefixes))

    def is_month_use(self, prev: str, name: str, nxt: str) -> bool:
        """True when ``name`` (normalised, one word) is a month in a date: followed by an ordinal, a
        number or a time word, or preceded by a number or a month word ("تشرين الأول", "21 آب")."""
        if name not in self.months:
            return False
        return (nxt in self.month_followers or _is_number(nxt) or _is_number(prev)
                or prev in self.month_preceders
                or (prev in self.month_after_in and nxt not in self.month_place_followers))

    def is_function_word(self, tok: str) -> bool:
        return self.is_head(tok) or tok in self.skip_words or tok in self.directions or tok in self.qualifiers


def _is_number(tok: str) -> bool:
    return bool(tok) and all(ch.isdigit() for ch in tok)


def _norm_all(items) -> list[str]:
    return [normalize_ar(str(x)) for x in items]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    w = S.read_words()
    stops, cue_names = [], []
    for line in S.read_stop_names():
        (cue_names if line.startswith("?") else stops).append(normalize_ar(line.lstrip("?")))
    prefixes = sorted(set(_norm_all(w["prefixes"])), key=len, reverse=True)
    return Vocabulary(
        prefixes=tuple(prefixes),
        type_heads={normalize_ar(k): tuple(v or ()) for k, v in w["type_heads"].items()},
        area_heads=frozenset(_norm_all(w["area_heads"])),
        countryside_heads=frozenset(_norm_all(w["countryside_heads"])),
        skip_words=frozenset(_norm_all(w["skip_words"])),
        directions={normalize_ar(k): v for k, v in w["directions"].items()},
        qualifiers=frozenset(_norm_all(w["trailing_qualifiers"])),
        cues=frozenset(_norm_all(w["locative_cues"])),
        strong_heads=frozenset(_norm_all(w["strong_heads"])),
        stop_names=frozenset(stops),
        cue_names=frozenset(cue_names),
        not_places=frozenset(normalize_ar(x) for x in S.read_not_places()),
        plural_heads=frozenset(_norm_all(w["plural_heads"])),
        months=frozenset(_norm_all(w["months"])),
        month_followers=frozenset(_norm_all(w["month_followers"])),
        month_preceders=frozenset(_norm_all(w["month_preceders"])),
        month_after_in=frozenset(_norm_all(w.get("month_after_in") or [])),
        month_place_followers=frozenset(_norm_all(w.get("month_place_followers") or [])),
    )
