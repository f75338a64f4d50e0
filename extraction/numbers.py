"""Counts in Arabic news: digits, number words, dual nouns, approximations and vague quantities.

Why its own module: casualty figures are the field monitors trust least, so the rules are explicit
and data-driven (``lexicons/numbers.yaml``): "ما لا يقل عن 10" = 10, "أكثر من 5" = 5, "عنصرين" = 2,
"أحد عناصر" = 1, "العشرات"/"عدد من" = no number (None) with a note. Works on :class:`Word` lists
from ``extraction.lexicon`` so every count keeps its exact character offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extraction.lexicon import AliasMatcher, Word, load_yaml, norm_phrase

_DIGITS = re.compile(r"^\d+$")
_PREFIXES = ("و", "ب", "ل", "ف", "وب", "ول")


@dataclass(frozen=True)
class Count:
    """A quantity found at words[i:j]: ``value`` None for vague amounts (then ``note`` says which)."""

    value: int | None
    i: int
    j: int
    start: int
    end: int
    text: str
    note: str | None = None
    approximate: bool = False


@dataclass(frozen=True)
class _Lex:
    words: dict[str, tuple[int, str]]  # normalised word -> (value, kind)
    one_of: frozenset[str]
    approx: AliasMatcher
    vague: AliasMatcher
    dual: AliasMatcher
    singular: AliasMatcher
    kin: AliasMatcher
    people: frozenset[str]
    unit_names: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw = load_yaml("numbers.yaml")
    words: dict[str, tuple[int, str]] = {}
    for kind in ("units", "tens", "hundreds", "thousands"):
        for value, forms in raw[kind].items():
            for f in forms:
                for w in norm_phrase(f):
                    words[w] = (int(value), kind)
    words.setdefault("اثنا", (2, "units"))
    words.setdefault("اثنتا", (2, "units"))
    return _Lex(
        words=words,
        one_of=frozenset(w for f in raw["one_of"] for w in norm_phrase(f)),
        approx=AliasMatcher({"approx": raw["approx"]}, clitics=False),
        vague=AliasMatcher({"vague": raw["vague"]}),
        dual=AliasMatcher({"dual": raw["dual"]}),
        singular=AliasMatcher({"singular": raw["singular"]}, clitics=False),
        kin=AliasMatcher({k: raw.get(k) or [] for k in ("kin_one", "kin_two", "kin_many")}, clitics=False),
        people=frozenset(w for f in raw.get("people_many") or [] for w in norm_phrase(f)),
        unit_names=frozenset(w for f in raw.get("unit_names") or [] for w in norm_phrase(f)),
    )


def _strip(word: str) -> list[str]:
    out = [word]
    for p in _PREFIXES:
        rest = word[len(p):]
        if word.startswith(p) and (len(rest) > 1 or rest.isdigit()):
            out.append(rest)
    return out


def _word_value(word: str) -> tuple[int, str] | None:
    lex = _lex()
    for w in _strip(word):
        if _DIGITS.match(w):
            return int(w), "digits"
        if w in lex.words:
            return lex.words[w]
    return None


def _number_at(words: list[Word], i: int) -> tuple[int, int] | None:
    """(value, j) for a number expression starting at word i (digits or words, compounds)."""
    first = _word_value(words[i].norm)
    if first is None:
        return None
    value, kind = first
    j = i + 1
    if words[i].norm in ("اثنا", "اثنتا") and not (j < len(words) and words[j].norm in ("عشر", "عشره")):
        return None  # "أثناء" normalises to اثنا: only "اثنا عشر" is a number
    if kind == "digits":
        return _times_thousand(words, value, j)
    # teens: ثلاثة عشر، أحد عشر (أحد handled by caller), اثنا عشر
    if kind == "units" and j < len(words) and words[j].norm in ("عشر", "عشره"):
        return 10 + value, j + 1
    # hundreds / thousands multipliers: ثلاث مئة، خمسة آلاف
    if kind == "units" and j < len(words):
        nxt = _word_value(words[j].norm)
        if nxt and nxt[1] == "hundreds" and nxt[0] == 100:
            value, kind, j = value * 100, "hundreds", j + 1
        elif _THOUSANDS.get(words[j].norm) == 1000:
            value, kind, j = value * 1000, "thousands", j + 1
    # "خمسة وعشرون", "مئة وعشرون", "ألف ومئتان"
    while j < len(words) and words[j].norm.startswith("و") and len(words[j].norm) > 2:
        nxt = _word_value(words[j].norm[1:])
        if nxt is None or nxt[1] == "digits":
            break
        order = ("units", "tens", "hundreds", "thousands")
        if order.index(nxt[1]) >= order.index(kind) and not (kind == "units" and nxt[1] == "tens"):
            break
        value += nxt[0]
        kind = nxt[1] if nxt[1] != "tens" else kind
        j += 1
    return _times_thousand(words, value, j) if kind != "thousands" else (value, j)


# multipliers after a number, by normalised word ("ألف"، "آلاف"، "مليون"، "ملايين")
_THOUSANDS = {w: n for ws, n in (("ألف آلاف", 1000), ("مليون ملايين", 1000000)) for w in norm_phrase(ws)}


def _times_thousand(words: list[Word], value: int, j: int) -> tuple[int, int]:
    """"أكثر من 100 ألف شخص"، "مئة ألف"، "20 مليون": the multiplier after the number is part of it."""
    if j < len(words) and words[j].norm in _THOUSANDS:
        return value * _THOUSANDS[words[j].norm], j + 1
    return value, j


_MODEL_DASHES = "-‐–"
_MANNER = frozenset(norm_phrase("ميدانيا ميدانياً"))
_PLAIN_PEOPLE = frozenset(norm_phrase("رجل امرأة سيدة طفل طفلة شاب فتاة مسن مسنة آخر أخرى آخرا"))  # (another victim or not)
_COMPANIONS = frozenset(norm_phrase("مرافقيه مرافقيها مرافقي عناصره عناصرها أبنائه أبنائها أشقائه"))


def count_at(text: str, words: list[Word], i: int) -> Count | None:
    """The quantity starting at word ``i`` (after optional "ما لا يقل عن"/"نحو"...), or None."""
    if i >= len(words):
        return None
    lex = _lex()
    approx = False
    k = i
    m = lex.approx.match_at(words, k)
    if m is not None:
        approx = True
        k = m[2]
        if k >= len(words):
            return None
    w = words[k]
    if w.start > 1 and text[w.start - 1] in _MODEL_DASHES and text[w.start - 2].isalpha():
        return None  # a model number, not a quantity: "سوخوي-25"، "إس-200"
    if w.norm in lex.one_of or any(s in lex.one_of for s in _strip(w.norm)):
        # أحد عشر = 11; أحد عناصر = 1
        if k + 1 < len(words) and words[k + 1].norm in ("عشر", "عشره"):
            return _mk(text, words, i, k + 2, 11, approx=approx)
        return _mk(text, words, i, k + 1, 1, approx=approx)
    num = _number_at(words, k)
    if num is not None and k > 0 and w.norm[:1].isdigit() and any(
            words[k - 1].norm[n:] in lex.unit_names and all(ch in "وبلف" for ch in words[k - 1].norm[:n])
            for n in range(3)):  # (with its clitics: "وباللواء 93")
        return None  # a unit's name, not a quantity: "اللواء 93"، "الفرقة 17"
    if num is not None:
        return _mk(text, words, i, num[1], num[0], approx=approx)
    d = lex.dual.match_at(words, k)
    if d is not None:
        more = with_kin(text, words, i, d[2])  # "امرأتان وطفل" = 3
        if more.value is not None and more.value > 1:
            return _mk(text, words, i, more.j, more.value + 1, approx=approx)
        return _mk(text, words, i, d[2], 2, approx=approx)
    v = lex.vague.match_at(words, k)
    if v is not None:
        j = v[2]
        return Count(None, i, j, words[i].start, words[j - 1].end, text[words[i].start:words[j - 1].end],
                     note=text[words[k].start:words[j - 1].end])
    return None


def word_value(w: str) -> tuple[int, str] | None:
    """The value and kind ("units", "tens", ...) of one number word ("ثلاثة" -> (3, "units")), or None."""
    return _word_value(w)


def singular_at(text: str, words: list[Word], i: int) -> Count | None:
    """A singular countable noun right after a casualty word ("مقتل عنصر", "إصابة طفل") = 1."""
    if i >= len(words):
        return None
    m = _lex().singular.match_at(words, i)
    if m is None:
        return None
    one = with_kin(text, words, i, m[2])
    if one.value == 1:
        # "قتل قيادي في فصائل الجيش الحر ومرافقه"، "أبو عمر الحوراني، وأحد مرافقيه": his unit told
        # between the one killed and the one with him
        for k in range(one.j, min(len(words) - 1, one.j + 9)):
            w = words[k].norm
            if w == "مع" and k + 3 < len(words) and not any(ch in text[words[k - 1].end:words[k].start] for ch in ".:؛"):
                # "قُتل قائد عسكري في حركة أحرار الشام مع ثلاثة من مرافقيه": the men with him, counted
                n = count_at(text, words, k + 1)
                if n is not None and n.value is not None and n.j + 1 < len(words) and words[n.j].norm == "من" and \
                        words[n.j + 1].norm in _COMPANIONS:
                    return _mk(text, words, i, n.j + 2, 1 + n.value)
            if any(ch in text[words[k - 1].end:words[k].start] for ch in ".:؛") or w in ("مع", "بينما", "فيما"):
                break
            if not w.startswith("و") or len(w) < 3:
                continue
            head = replace(words[k], norm=w[1:])
            kin = _lex().kin.match_at([head], 0)
            if kin is not None and kin[1] == "kin_one" and w[1:] not in _PLAIN_PEOPLE:
                # ("تاجر المخدرات مرعي الرمثان وزوجته وأطفاله الستة": the whole chain of kin, 8)
                chain = with_kin(text, words, i, k)
                return chain if chain.value is not None and chain.value > 2 else _mk(text, words, i, k + 1, 2)
            if w[1:] in ("احد", "أحد") and k + 1 < len(words) and words[k + 1].norm in _COMPANIONS:
                return _mk(text, words, i, k + 2, 2)
            break
    return one


def with_kin(text: str, words: list[Word], i: int, j: int) -> Count:
    """"سيدة وطفلها" = 2, "أم وطفليها" = 3, "أم وأطفالها الثلاثة" = 4; "أم وأطفالها" has no number."""
    if j + 1 < len(words) and not words[j].norm.startswith("و") and words[j].norm.endswith(("ي", "يه")) \
            and words[j + 1].norm.startswith("و") and _lex().kin.match_at(
                [replace(words[j + 1], norm=words[j + 1].norm[1:])], 0) is not None:
        j += 1  # "جندي أميركي وآخر بريطاني": an adjective before the second person
    total = 1
    if j + 1 < len(words) and words[j].norm in _MANNER and words[j + 1].norm == "مع":
        j += 1  # "أعدموها ميدانياً مع سائقها"
    while j < len(words) and ((words[j].norm.startswith("و") and (len(words[j].norm) > 2 or words[j].norm[1:].isdigit())) or (
            words[j].norm == "مع" and j + 1 < len(words))):
        with_word = words[j].norm == "مع"  # "قتل مرعي الرمثان مع زوجته وأطفاله الستة"
        head = words[j + 1] if with_word else replace(words[j], norm=words[j].norm[1:])
        k = _lex().kin.match_at([head] + words[j + 1 + with_word:j + 4 + with_word], 0)
        dual = None if k is not None or with_word else _lex().dual.match_at([head] + words[j + 1:j + 3], 0)
        if dual is not None:
            # "مقتل رجل وطفلين": two more people of the same toll
            total += 2
            j += dual[2]
            continue
        if k is None:
            # "قُتل معلم وثلاثة تلاميذ": more people of the same toll, counted
            n = None if with_word else count_at(text, words, j)
            if n is not None and n.value is not None and n.j < len(words) and words[n.j].norm in _lex().people:
                return _mk(text, words, i, n.j + 1, total + n.value)
            break
        end = j + with_word + k[2]
        if k[1] in ("kin_one", "kin_two"):
            # "رجل وزوجته وطفلهما" = 3: the relatives add up along the chain
            total += 1 if k[1] == "kin_one" else 2
            j = end
            continue
        # a plural of relatives: its number, if told
        n = count_at(text, words, end)
        if n is not None and n.value is not None:
            return _mk(text, words, i, n.j, total + n.value)
        # the number as an adjective: "أطفالها الثلاثة"
        v = _word_value(words[end].norm[2:]) if end < len(words) and words[end].norm.startswith("ال") else None
        if v is not None and v[1] in ("units", "tens"):
            return _mk(text, words, i, end + 1, total + v[0])
        s, e = words[i].start, words[end - 1].end
        return Count(None, i, end, s, e, text[s:e], note=text[s:e])
    return _mk(text, words, i, j, total)


def _mk(text: str, words: list[Word], i: int, j: int, value: int, approx: bool = False) -> Count:
    s, e = words[i].start, words[j - 1].end
    return Count(value, i, j, s, e, text[s:e], approximate=approx)


def _glued(text: str, start: int, end: int) -> bool:
    """A digit run inside code, a Latin token ("__pwned=1", "SY24") or a model name ("سوخوي-25") is not a count."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in _MODEL_DASHES and start > 1 and text[start - 2].isalpha():
        return True  # a model number: "سوخوي-25"، "إس-200"
    return any(ch.isascii() and (ch.isalnum() or ch in "_=/.") for ch in (before, after))


def find_counts(text: str, words: list[Word]) -> list[Count]:
    """Every explicit number in the words (for highlighting and the evidence check)."""
    out: list[Count] = []
    i = 0
    while i < len(words):
        c = count_at(text, words, i)
        if c is not None and c.value is not None and not _glued(text, c.start, c.end):
            out.append(c)
            i = c.j
        else:
            i += 1
    return out
