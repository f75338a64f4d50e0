"""Which lines of an article are content and which are page furniture.

Why a separate module: news text copied from a page carries share-button rows ("Facebook",
"Twitter"), "follow us" lines ("تابعنا على ..."), related-link lines ("أخبار ذات صلة: ...",
"شاهد: ..."), section lists ("أقسام / من سوريا / أخبار متعلقة") and teaser repeats. They must not
reach the incident finder (a related-news headline is another article's attack), yet character
offsets must keep pointing into the original text. So we never rewrite the text: we classify its
lines and return the (start, end) span of each content line.

The vocabulary lives in ``lexicons/boilerplate.yaml`` (data, not code).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from raqib.arabic import strip_marks

BOILERPLATE_FILE = Path(__file__).with_name("lexicons") / "boilerplate.yaml"

_LETTER_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك",
})
_EDGE_PUNCT = " \t\u00a0\u200f\u200e\u200b:：.…-–—|•·,،;؛!?؟\"'“”«»()[]"
_SPACES = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"(\.\.\.|\.\.|…)\s*$")
_SHARE_SPLIT = re.compile(r"[\s|/,،•·\-–]+")


def line_key(line: str) -> str:
    """Light normalisation for comparing a line with the lexicon (keeps inner punctuation)."""
    line = unicodedata.normalize("NFKC", line)
    line = strip_marks(line).translate(_LETTER_MAP).lower()
    return _SPACES.sub(" ", line).strip()


def _bare(key: str) -> str:
    return key.strip(_EDGE_PUNCT)


@dataclass(frozen=True)
class BoilerplateRules:
    exact: frozenset[str]
    share_words: frozenset[str]
    prefixes: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    headings: frozenset[str]
    short_line_words: int


@lru_cache(maxsize=4)
def load_rules(path: Path = BOILERPLATE_FILE) -> BoilerplateRules:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def keys(name: str) -> list[str]:
        return [_bare(line_key(str(x))) for x in raw.get(name) or []]

    return BoilerplateRules(
        exact=frozenset(keys("exact")),
        share_words=frozenset(keys("share_words")),
        prefixes=tuple(sorted(set(keys("prefixes")), key=len, reverse=True)),
        patterns=tuple(re.compile(p) for p in raw.get("patterns") or []),
        headings=frozenset(keys("headings")),
        short_line_words=int(raw.get("short_line_words", 6)),
    )


@dataclass(frozen=True)
class Line:
    """One non-blank line: its stripped extent in the text and why it is (not) content."""

    start: int
    end: int
    text: str
    is_content: bool
    reason: str | None = None  # why it is boilerplate: exact|share|prefix|pattern|list|teaser


def _boilerplate_reason(key: str, rules: BoilerplateRules) -> str | None:
    bare = _bare(key)
    if not bare:
        return "exact"  # a line of punctuation only
    if bare in rules.exact:
        return "exact"
    words = [w for w in _SHARE_SPLIT.split(bare) if w]
    if words and all(w in rules.share_words for w in words):
        return "share"
    for prefix in rules.prefixes:
        if bare.startswith(prefix):
            rest = bare[len(prefix):]
            if not rest or not (rest[0].isalnum()):
                return "prefix"
    for pattern in rules.patterns:
        if pattern.search(key):
            return "pattern"
    return None


def _is_list_item(line: str, key: str, rules: BoilerplateRules) -> bool:
    return len(_bare(key).split()) <= rules.short_line_words and not re.search(r"[.!?؟:]$", line)


def classify_lines(text: str, rules: BoilerplateRules | None = None) -> list[Line]:
    """Split ``text`` into non-blank lines (stripped spans into ``text``) and classify each.

    Rules, in order: lexicon lines (exact / share row / prefix / pattern); short link-list items
    following a heading such as "أقسام"; teasers (a line ending in "..." whose words start a later
    line: the page repeats the lead paragraph).
    """
    rules = rules or load_rules()
    raw_lines: list[tuple[int, int, str, bool]] = []  # start, end, text, blank_before
    pos = 0
    blank_before = True
    for piece in text.split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            s = pos + lead
            raw_lines.append((s, s + len(stripped), stripped, blank_before))
            blank_before = False
        else:
            blank_before = True
        pos += len(piece) + 1

    keys = [line_key(t) for _, _, t, _ in raw_lines]
    out: list[Line] = []
    in_list = False  # inside a link list that follows a heading such as "أقسام"
    for i, ((s, e, t, blank), key) in enumerate(zip(raw_lines, keys, strict=True)):
        reason = _boilerplate_reason(key, rules)
        if reason is not None and _bare(key) in rules.headings:
            in_list = True
        elif reason is None and in_list and not blank and _is_list_item(t, key, rules):
            reason = "list"
        elif reason is None:
            in_list = False
        if reason is None and _ELLIPSIS.search(key):
            stem = _bare(_ELLIPSIS.sub("", key))
            if len(stem.split()) >= 5 and any(k.startswith(stem) for k in keys[i + 1:]):
                reason = "teaser"
        out.append(Line(s, e, t, reason is None, reason))
    return out


def content_spans(text: str, rules: BoilerplateRules | None = None) -> list[tuple[int, int]]:
    """(start, end) of every content line of ``text``; ``text[s:e]`` is the line, stripped."""
    return [(ln.start, ln.end) for ln in classify_lines(text, rules) if ln.is_content]
