"""Who held the town: police named without an owner are the holder's.

"قُتل عنصر في الشرطة العسكرية ... في مدينة تل أبيض" in 2023 is the National Army's police, not the
Syrian government's: the lexicon gives bare police names the government's id, and only the place the
article tells them in can say otherwise. Data in ``lexicons/zones.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from extraction.lexicon import load_yaml, norm_phrase
from extraction.places import PlaceRef
from extraction.roles import GroupMention


@dataclass(frozen=True)
class _Zone:
    holder: str
    source: str
    words: frozenset[str]
    after: str
    before: str
    towns: frozenset[str]
    governorates: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def _zones() -> tuple[_Zone, ...]:
    out = []
    for z in load_yaml("zones.yaml").get("zones") or []:
        out.append(_Zone(str(z["holder"]), str(z["from"]), frozenset(w for p in z["words"] for w in norm_phrase(str(p))),
                         str(z.get("after") or ""), str(z.get("before") or ""),
                         frozenset(" ".join(norm_phrase(str(t))) for t in z.get("towns") or []),
                         frozenset(str(c) for c in z.get("governorates") or []),
                         frozenset(w for p in z.get("unless") or [] for w in norm_phrase(str(p)))))
    return tuple(out)


def _town_of(place: PlaceRef) -> str:
    """"مدينة تل أبيض" -> "تل ابيض" (normalised, the settlement word dropped)."""
    words = norm_phrase(place.text)
    if len(words) > 1 and (words[0] in _SETTLEMENT_WORDS or words[0][1:] in _SETTLEMENT_WORDS):
        words = words[1:]
    return " ".join(words)


_SETTLEMENT_WORDS = frozenset(norm_phrase("مدينة بلدة قرية ناحية منطقة"))


def hold_police(groups: list[GroupMention], places: list[PlaceRef], para_of_word: list[int],
                para_of_char: Callable[[int], int], published: str | None) -> list[GroupMention]:
    """Each police mention of a zone's `from` id in a paragraph whose places (or, with none, the last
    places told before it) include a town (or a governorate) the zone held on the publication day
    becomes the holder's.
    No publication date: no change."""
    if not published or not places:
        return groups
    day = published[:10]
    zones = [z for z in _zones() if (not z.after or day >= z.after) and (not z.before or day < z.before)]
    if not zones:
        return groups
    by_para: dict[int, list[tuple[str, str | None]]] = {}
    for pl in places:
        by_para.setdefault(para_of_char(pl.start), []).append(
            (_town_of(pl), getattr(pl.candidate, "admin1_pcode", None)))
    paras = sorted(by_para)
    out = []
    for g in groups:
        named = set(norm_phrase(g.text))
        held = [z for z in zones if g.id == z.source and named & z.words and not named & z.unless]
        if held:
            para = para_of_word[g.i]
            told = by_para.get(para) or next((by_para[p] for p in reversed(paras) if p < para), [])
            zone = next((z for z in held if any(t in z.towns or (code is not None and code in z.governorates)
                                                for t, code in told)), None)
            if zone is not None:
                g = replace(g, id=zone.holder)
        out.append(g)
    return out
