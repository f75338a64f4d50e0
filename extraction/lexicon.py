"""Alias matching on normalised Arabic with exact offsets into the original text.

Why on characters and not on Stanza tokens: the Arabic models split clitics unreliably
(``بريف`` stays whole, ``للميليشيات`` -> ``ل`` + ``لميليشيات``), so lexicon facts (groups, triggers,
casualty words, discourse cues) are found directly in the string. Each original character is
normalised on its own (``raqib.arabic.normalize_ar``), so every normalised letter keeps the index of
the character it came from and a match maps back to ``text[start:end]`` exactly.

A phrase matches a run of words; the first word may carry attached clitics (و ف ب ل ك, "لل" for
ل + ال, and combinations such as "وب", "ولل"); a standalone "لـ"/"بـ" before a phrase is a word of its
own and simply precedes the match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from raqib.arabic import normalize_ar

LEXICON_DIR = Path(__file__).with_name("lexicons")

# Spelling variants unified inside words after normalisation (both sides of a match).
_VARIANTS = (("ميليشي", "مليشي"), ("الاميركي", "الامريكي"), ("اميركي", "امريكي"))
_SEPARATORS = set(" \t\r\n\u00a0\u200f\u200e\u200b\u202a\u202b\u202c\u2066\u2067\u2068\u2069")
# Single-letter clitics that can stack in front of a word (و/ف then ب/ل/ك), and "لل" = ل + ال.
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


@lru_cache(maxsize=4096)
def _norm_char(c: str) -> str:
    if c in _SEPARATORS:
        return " "
    n = normalize_ar(c)
    if n and not n.isalnum():
        return " "  # "/", "-", "_" ... separate words ("ي ب ك/بي كا كا")
    if n == "" and not c.isspace() and c not in "\u0640" and not (
        "\u0610" <= c <= "\u061a" or "\u064b" <= c <= "\u065f" or c == "\u0670"
    ):
        return " "  # punctuation and quotes separate words
    return n


def canon_word(word: str) -> str:
    for a, b in _VARIANTS:
        if a in word:
            word = word.replace(a, b)
    return word


@dataclass(frozen=True)
class Word:
    """One normalised word of the original text: ``norm`` and its ``[start, end)`` there."""

    norm: str
    start: int
    end: int
    offsets: tuple[int, ...]  # original index of each character of ``norm``


def words_of(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Split ``text[start:end]`` into normalised words with original offsets."""
    end = len(text) if end is None else end
    words: list[Word] = []
    buf: list[str] = []
    offs: list[int] = []

    def flush() -> None:
        if buf:
            w = "".join(buf)
            words.append(Word(canon_word(w), offs[0], offs[-1] + 1, tuple(offs)))
            buf.clear()
            offs.clear()

    for i in range(start, end):
        n = _norm_char(text[i])
        if n == " ":
            flush()
            continue
        for ch in n:
            if ch == " ":
                flush()
            else:
                buf.append(ch)
                offs.append(i)
    flush()
    return words


def norm_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(canon_word(w) for w in normalize_ar(phrase).split())


@lru_cache(maxsize=1 << 16)
def prefix_variants(word: str) -> tuple[tuple[str, int], ...]:
    """(word without clitics, number of normalised letters removed), the bare word first. (Cached: every
    cue class scans every clause word, so the same words come back thousands of times per article.)"""
    out = [(word, 0)]
    for c in ("",) + _CONJ:
        rest = word[len(c):] if c and word.startswith(c) else (word if not c else None)
        if rest is None:
            continue
        if c and len(rest) >= 2:
            out.append((rest, len(c)))
        for p in _PREP:
            if rest.startswith(p) and len(rest) > 2:
                out.append((rest[1:], len(c) + 1))
        if rest.startswith("لل") and len(rest) > 3:
            out.append(("ال" + rest[2:], len(c) + 1))  # لل = ل + ال: the match starts at the 2nd ل
    seen: set[str] = set()
    uniq = []
    for w, k in out:
        if w not in seen:
            seen.add(w)
            uniq.append((w, k))
    return tuple(uniq)


@dataclass(frozen=True)
class Match:
    key: str  # the lexicon entry id (group id, attack type, cue class...)
    start: int  # original offsets of the matched phrase (clitics in front excluded)
    end: int
    text: str
    i: int  # first word index
    j: int  # one past the last word index
    phrase: tuple[str, ...]


class AliasMatcher:
    """Longest-match, non-overlapping phrase finder over :func:`words_of` output.

    ``entries`` maps an id to its phrases. ``clitics=False`` disables the prefix stripping (for
    cue words where a stripped letter would create false hits). A phrase word ending in ``*``
    matches any word starting with the rest (for suffixed forms: شن* -> شنه، شنها، شنوا).
    """

    def __init__(self, entries: dict[str, Iterable[str]], *, clitics: bool = True):
        self.clitics = clitics
        self.exact: dict[tuple[str, ...], str] = {}
        self.first_words: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.prefix_first: dict[str, list[tuple[str, tuple[str, ...], str]]] = {}  # by the stem's first 2 letters
        self.max_len = 1
        self._cands: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}
        for key, phrases in entries.items():
            for ph in phrases:
                star = str(ph).strip().endswith("*")
                words = norm_phrase(str(ph).rstrip("*"))
                if not words:
                    continue
                if star:
                    words = words[:-1] + (words[-1] + "*",)
                self.max_len = max(self.max_len, len(words))
                self.exact.setdefault(words, key)
                first = words[0]
                if first.endswith("*"):
                    self.prefix_first.setdefault(first[:-1][:2], []).append((first[:-1], words, key))
                else:
                    self.first_words.setdefault(first, []).append((words, key))

    @staticmethod
    def _word_ok(pattern: str, word: str) -> bool:
        if pattern.endswith("*"):
            return word.startswith(pattern[:-1])
        return word == pattern

    def _candidates(self, first: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        """The phrases that may start with the word ``first`` (memoised per matcher: words repeat)."""
        got = self._cands.get(first)
        if got is None:
            found = list(self.first_words.get(first, ()))
            for k in (first[:2], first[:1]) if len(first) > 1 else (first[:1],):
                found.extend((words, key) for stem, words, key in self.prefix_first.get(k, ()) if first.startswith(stem))
            got = tuple(found)
            if len(self._cands) < 1 << 16:
                self._cands[first] = got
        return got

    def match_at(self, words: list[Word], i: int) -> tuple[tuple[str, ...], str, int, int] | None:
        """Longest phrase starting at word ``i``: (phrase, key, j, letters of clitics skipped)."""
        best = None
        variants = prefix_variants(words[i].norm) if self.clitics else [(words[i].norm, 0)]
        for first, skipped in variants:
            for phrase, key in self._candidates(first):
                n = len(phrase)
                if i + n > len(words) or (best and n <= len(best[0])):
                    continue
                if not self._word_ok(phrase[0], first):
                    continue
                if all(self._word_ok(phrase[k], words[i + k].norm) for k in range(1, n)):
                    best = (phrase, key, i + n, skipped)
        return best

    def find(self, text: str, words: list[Word]) -> list[Match]:
        out: list[Match] = []
        i = 0
        while i < len(words):
            m = self.match_at(words, i)
            if m is None:
                i += 1
                continue
            phrase, key, j, skipped = m
            w0 = words[i]
            start = w0.offsets[skipped] if skipped < len(w0.offsets) else w0.start
            if skipped and w0.norm[skipped - 1: skipped + 1] == "لل":
                start = w0.offsets[skipped]
            end = words[j - 1].end
            out.append(Match(key, start, end, text[start:end], i, j, phrase))
            i = j
        return out


def load_yaml(name: str) -> dict:
    path = LEXICON_DIR / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuntimeError(f"{path}: cannot read the lexicon ({exc}); restore it from git") from exc
    if not isinstance(data, dict):
        raise RuntimeError(f"{path}: expected a mapping at top level; restore it from git")
    return data
