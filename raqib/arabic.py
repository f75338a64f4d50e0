"""Arabic text normalisation shared by the gazetteer and the extraction lexicons.

Why: news spells the same name many ways (أ/إ/آ/ا, ة/ه, ى/ي, tatweel, diacritics, Persian letters,
curly quotes). Matching happens on a normalised key; offsets are always kept on the original text.
"""

from __future__ import annotations

import re
import unicodedata

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
_CHAR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ى": "ي", "ئ": "ي", "ؤ": "و",
    "ی": "ي", "ي": "ي", "ک": "ك", "گ": "ك", "ڤ": "ف", "پ": "ب", "چ": "ج", "ژ": "ز", "ە": "ه",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
})
_QUOTES = re.compile("[\"'“”„‟«»‹›‘’‚`´()\\[\\]{}<>،,؛;:.!?؟]")
_SPACES = re.compile(r"\s+")


def strip_marks(text: str) -> str:
    """Remove diacritics and tatweel only (keeps letters as written)."""
    return DIACRITICS.sub("", text).replace(TATWEEL, "")


def normalize_ar(text: str) -> str:
    """Matching key: NFKC, no diacritics/tatweel, unified alef/ya/ta-marbuta/hamza seats,
    Persian letters mapped, Arabic-Indic digits to Latin, punctuation and quotes dropped,
    whitespace collapsed, Latin lower-cased."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_marks(text).translate(_CHAR_MAP)
    text = text.replace("ء", "")
    text = _QUOTES.sub(" ", text)
    return _SPACES.sub(" ", text).strip().lower()


ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic (used to reject non-Arabic input clearly)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ARABIC_LETTER.match(c)) / len(letters)


ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06fa-\u06ff\u064b-\u065f\u0670\u0640A-Za-z0-9]+")


def strip_al(norm_token: str) -> str:
    """Drop a leading definite article from a normalised token ("البوكمال" -> "بوكمال").

    Why: sources write the same village with and without ال (الموحسن / موحسن); a loose key built
    with this matches both. Short words keep their ال (الله is not ل + له)."""
    if norm_token.startswith("ال") and len(norm_token) > 4:
        return norm_token[2:]
    return norm_token


def loose_key(norm: str) -> str:
    """A looser matching key: normalised, with ال dropped from every word."""
    return " ".join(strip_al(t) for t in norm.split())


def clitic_variants(norm_token: str, prefixes: list[str]) -> list[tuple[str, str]]:
    """Possible (prefix, stem) readings of a normalised token with attached و ف ب ل ك.

    The unsplit reading comes first. "للرقه" also yields ("ل", "الرقه") since ل + ال is written لل.
    Callers keep a reading only when the stem is a known name or head."""
    out = [("", norm_token)]
    for p in prefixes:
        if norm_token.startswith(p) and len(norm_token) - len(p) >= 2:
            stem = norm_token[len(p):]
            out.append((p, stem))
            if p.endswith("ل") and stem.startswith("ل") and len(stem) > 2:
                out.append((p, "ا" + stem))
    return out


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the words of ``text`` (Arabic/Latin letters and digits)."""
    return [(m.start(), m.end()) for m in ARABIC_WORD.finditer(text)]
