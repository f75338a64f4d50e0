"""Finding place names in running text (the extraction uses it for places the weak NER misses).

Why: longest match over the name index, word by word, with clitics and generic heads around the name.
Many villages are named like common words, so a small or ambiguous village counts only after a
locative cue (في، ب، قرب، قرية ...) and the stop list never counts as a bare word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from raqib.arabic import ARABIC_LETTER, DIACRITICS, TATWEEL, clitic_variants, normalize_ar, word_spans

from .parse import Parsed, apply_heads, head_info
from .words import Vocabulary

# What may sit between two words of one name: spaces, quotes, tatweel, a hyphen ("دير الزور – حمص" is
# two names, but "تل-أبيض" is one).
_JOIN_GAP = re.compile("^[\\s\"'“”«»‘’\u0640-]*$")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
PROMINENT = 0.5
LOOSE_QUALITY = 0.85      # match quality of an ال-insensitive hit (the name index uses it)


@dataclass
class RawSpan:
    start: int
    end: int
    parsed: Parsed


def _skip_letters(word: str, k: int) -> int:
    """Offset in ``word`` after its first ``k`` letters (diacritics and tatweel do not count)."""
    seen = 0
    for pos, ch in enumerate(word):
        if seen == k:
            return pos
        if DIACRITICS.match(ch) or ch == TATWEEL:
            continue
        seen += 1
    return len(word)


def sentence_bounds(text: str) -> list[int]:
    """Offsets where sentences end (used to give each mention its sentence as context)."""
    return [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text) + 1]


# "السوسة (6 قتلى بينهم 3 أطفال)"، "غمام (5 قتلى)": a name followed by its own toll in brackets is a
# place of a per-place casualty list
_TOLL_FOLLOWS = re.compile(r"\s*\(\s*(?:[\d٠-٩]+\s*|[\u0621-\u064A]+\s+)?(?:قتيل|قتلى|قتيلا|قتيلان|قتيلين|شهيد|شهداء|شهيدا|شهيدان|"
                           r"شهيدين|جريح|جرحى|مصاب|ضحايا|ضحية)")


def _accept(name, hits, heads, prefix, start_word, last_end_word, toks, text, spans, gz, vocab,
            listed: bool = False, end_word: int | None = None) -> bool:
    """Whether a bare name (no type head) in running text is a place reference.

    Prominent places (cities, towns, admin units, curated sites) count anywhere; a small village, a
    name shared by places in several governorates, or a name on the cue list counts only after a
    locative cue (في، قرب، نحو ... or ب attached to an ال-name) or right after another place
    ("قرى المطاردة والسكرية"), and only when written exactly as in the index."""
    if name in vocab.stop_names or name in vocab.not_places or len(name.replace(" ", "")) < 3:
        return False
    # A match that differs from the index only by ال ("رقة" ~ الرقة, "قصير" ~ القصير) is weak: a
    # clitic before a stem without ال ("فرقة" = ف + رقة, "ورقة", "وجيزة") makes it a common word
    # ("والمعلق" ~ معلق is fine), and alone it counts only after a locative cue or a head.
    loose_only = bool(hits) and all(q == LOOSE_QUALITY for _, q in hits)
    if loose_only and prefix and not name.startswith("ال") and not heads:
        return False
    rows = [gz.places[i] for i, q in hits if q != LOOSE_QUALITY or loose_only]
    prominent = max((r.importance for r in rows), default=0.0) >= PROMINENT
    if prominent and name not in vocab.cue_names and not loose_only:
        return True
    prefixes = list(vocab.prefixes)
    prev = toks[start_word - 1] if start_word > 0 else ""
    prev_stems = {stem for _, stem in clitic_variants(prev, prefixes)} if prev else set()
    if prominent and (heads or prev_stems & vocab.cues):
        return True
    if listed:
        return True         # "قرى صيدا والمعلق وجهبل": the list's type head covers every item
    if not any(q >= 1.0 for _, q in hits):
        return False
    if heads or prev_stems & vocab.cues:
        return True
    if end_word is not None and _TOLL_FOLLOWS.match(text, spans[end_word][1]):
        return True
    if "ب" in prefix and (name.startswith("ال") or " " in name):
        return True
    if last_end_word >= 0 and start_word == last_end_word + 1:
        gap = text[spans[last_end_word][1]:spans[start_word][0]]
        return prefix.startswith("و") or "،" in gap or "," in gap
    return False


def _list_follows(toks: list[str], j: int, n: int, joinable: list[bool], gz, prefixes) -> bool:
    """"قرى رامي والشريحي وطربا": after a plural head, a name (even a common first name) followed by
    "و" + another known place is the first item of a list of places."""
    if j + 1 >= n or not joinable[j] or not toks[j + 1].startswith("و"):
        return False
    return any(p.startswith("و") and gz.has_name(stem) for p, stem in clitic_variants(toks[j + 1], prefixes))


def scan(text: str, gz, vocab: Vocabulary, *, filter_common: bool = True) -> list[RawSpan]:
    spans = word_spans(text)
    n = len(spans)
    words = [text[s:e] for s, e in spans]
    toks = [normalize_ar(w) for w in words]
    joinable = [bool(_JOIN_GAP.match(text[spans[k][1]:spans[k + 1][0]])) for k in range(n - 1)] + [False]
    prefixes = list(vocab.prefixes)
    out: list[RawSpan] = []
    i = 0
    last_end_word = -2
    while i < n:
        tok = toks[i]
        if not tok or not ARABIC_LETTER.search(words[i]):
            i += 1
            continue
        best = None          # (end word j, prefix, name, exact)
        for p, stem in ([] if filter_common and vocab.not_place([tok], prefixes) else clitic_variants(tok, prefixes)):
            if not gz.may_start(stem):
                continue
            phrase = [stem]
            for j in range(i, min(n, i + gz.max_tokens)):
                if j > i:
                    if not joinable[j - 1]:
                        break
                    phrase.append(toks[j])
                key = " ".join(phrase)
                if not gz.has_name(key):
                    continue
                exact = gz.has_exact(key)
                if best is not None and best[3] and not exact:
                    continue    # "الباب شرقي": an ال-insensitive longer match never beats an exact name
                if best is None or j > best[0] or (j == best[0] and not p and best[1]):
                    best = (j, p, key, exact)
        if best is None:
            i += 1
            continue
        j, p, name, _ = best
        if j == i and vocab.is_function_word(name) or name in vocab.skip_words:
            i += 1
            continue
        # generic heads to the left ("شرقي مدينة منبج", "بريف"), at most three words
        heads: list[str] = []
        start_word, start_prefix = i, p
        k = i - 1
        while k >= 0 and k > last_end_word and joinable[k] and len(heads) < 3:
            h = head_info(toks[k], vocab)
            if not h:
                break
            heads.insert(0, h[0])
            start_word, start_prefix = k, h[1]
            k -= 1
        end_word = j
        direction = None
        if heads and j + 1 < n and joinable[j] and toks[j + 1] in vocab.directions:
            end_word, direction = j + 1, vocab.directions[toks[j + 1]]
        hits = gz.lookup(name.split())
        if filter_common and j == i and vocab.is_month_use(toks[i - 1] if i > 0 else "", name,
                                                           toks[j + 1] if j + 1 < n else ""):
            i += 1          # "تشرين الأول", "21 آب": a date, not the village
            continue
        singular = set(heads) & vocab.strong_heads - vocab.plural_heads
        if filter_common and name in vocab.stop_names and not singular and not (
                heads and _list_follows(toks, j, n, joinable, gz, prefixes)):
            i += 1          # "أحياء المدينة": a common word after a plural head
            continue
        listed = bool(not heads and out and start_word == last_end_word + 1
                      and set(out[-1].parsed.heads) & vocab.strong_heads
                      and (p.startswith("و") or "،" in text[spans[last_end_word][1]:spans[start_word][0]]))
        if filter_common and not (set(heads) & vocab.strong_heads):
            if not _accept(name, hits, heads, p, start_word, last_end_word, toks, text, spans, gz, vocab,
                           listed=listed, end_word=j):
                i += 1
                continue
        parsed = Parsed(name=name, hits=[(idx, q * (0.92 if p else 1.0)) for idx, q in hits])
        apply_heads(parsed, heads, vocab)
        if listed:
            # "قرى مشيرفة والعريشة وقاسمية": a list continues the kind its head asked for
            parsed.kinds.update(out[-1].parsed.kinds)
            parsed.heads = list(out[-1].parsed.heads)
        if direction:
            parsed.direction, parsed.area = direction, True
        s0 = spans[start_word][0] + _skip_letters(words[start_word], len(start_prefix))
        out.append(RawSpan(start=s0, end=spans[end_word][1], parsed=parsed))
        last_end_word = end_word
        i = end_word + 1
    return out
