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
