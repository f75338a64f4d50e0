"""Discourse cues (``lexicons/discourse.yaml``): clause breaks, background, cumulative tolls,
generic statements, non-events (denials, threats, plans), role cue words.

One matcher per cue class, built once; the incident builder asks "does this clause start with /
contain a cue of class X".
"""

from __future__ import annotations

from functools import lru_cache

from extraction.lexicon import AliasMatcher, Match, Word, load_yaml

CLASSES = ("clause_breaks", "background_start", "background_any", "new_event_start", "continue_start",
           "cumulative", "toll_period", "extent", "toll_of_this", "generic", "not_event", "perp_after", "attack_verbs",
           "target_after", "affiliation", "place_anaphora", "support", "resume_verbs", "not_attack_blame", "defend_verbs", "origin", "seized", "no_info", "claim_verbs", "source_name",
           "military_sites", "stationed_at", "reporter", "accuse",
           "plain_persons", "biography", "downed", "destination",
           "reported_verbs", "another_attack", "pattern_adjectives", "reason", "army_ranks", "frame_start", "meanwhile",
           "second_toll_start", "in_settlement", "period_span",
           "next_blast_start", "next_blast", "blast_site", "same_spot", "also_there", "abroad", "abroad_named", "destroyed", "before_reaching", "later_act", "fire_source",
           "ambushed_vehicles", "battle_words", "acting_units", "unit_verbs", "funeral", "no_casualties", "nationwide",
           "site_users", "untargeted_execution", "state_enemies")
# Cue classes matched without stripping clitics (short function words would over-match).
_NO_CLITICS = {"clause_breaks", "background_start", "new_event_start", "continue_start", "affiliation", "support",
               "frame_start", "meanwhile", "second_toll_start", "in_settlement",
               "next_blast_start"}


@lru_cache(maxsize=1)
def _matchers() -> dict[str, AliasMatcher]:
    raw = load_yaml("discourse.yaml")
    out = {}
    for c in CLASSES:
        if c not in raw:
            raise RuntimeError(f"discourse.yaml: cue class {c!r} is missing; restore it from git")
        out[c] = AliasMatcher({c: raw[c]}, clitics=c not in _NO_CLITICS)
    return out


def find(cls: str, text: str, words: list[Word]) -> list[Match]:
    return _matchers()[cls].find(text, words)


def starts_with(cls: str, words: list[Word], i: int) -> int | None:
    """End word index when a ``cls`` cue starts at word ``i`` (else None)."""
    if i >= len(words):
        return None
    m = _matchers()[cls].match_at(words, i)
    return m[2] if m else None


def any_in(cls: str, words: list[Word], lo: int, hi: int) -> bool:
    m = _matchers()[cls]
    i = lo
    while i < hi:
        r = m.match_at(words, i)
        if r is not None and r[2] <= hi:
            return True
        i += 1
    return False


def positions(cls: str, words: list[Word], lo: int, hi: int) -> list[tuple[int, int]]:
    """(i, j) word ranges of ``cls`` cues inside words[lo:hi]."""
    m = _matchers()[cls]
    out = []
    i = lo
    while i < hi:
        r = m.match_at(words, i)
        if r is not None and r[2] <= hi:
            out.append((i, r[2]))
            i = r[2]
        else:
            i += 1
    return out
