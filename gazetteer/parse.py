"""Reading a place mention: which words are the name, which are heads, prefixes and directions.

Why: news wraps names in words that are not the name ("بريف دير الزور الشرقي", "شرقي مدينة منبج",
"وبلدة ذيبان"). The name is the longest known name left after generic heads and clitics; the heads
tell what kind of place is meant (قرية -> village) and whether the event is around it (ريف، بادية ->
precision 2, or the governorate when the name is a governorate).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from raqib.arabic import clitic_variants

from .words import Vocabulary


@dataclass
class Parsed:
    """A mention split into heads + name + trailing words."""

    name: str                                   # normalised name as found in the index
    hits: list[tuple[int, float]]               # (place idx, match quality)
    kinds: set[str] = field(default_factory=set)    # kinds the type heads ask for
    area: bool = False                           # "around it": precision at least 2
    countryside: bool = False                    # ريف/بادية/محافظة: the governorate when the name is one
    direction: str | None = None
    heads: list[str] = field(default_factory=list)


def head_info(tok: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """(head, prefix) when ``tok`` is a generic head, possibly with an attached clitic."""
    for p, stem in clitic_variants(tok, list(vocab.prefixes)):
        if vocab.is_head(stem):
            return stem, p
    return None


def apply_heads(parsed: Parsed, heads: list[str], vocab: Vocabulary) -> None:
    for h in heads:
        parsed.heads.append(h)
        if h in vocab.type_heads:
            parsed.kinds.update(vocab.type_heads[h])
        if h in vocab.area_heads:
            parsed.area = True
        if h in vocab.countryside_heads:
            parsed.countryside = True


def parse_mention(tokens: list[str], lookup, vocab: Vocabulary) -> Parsed | None:
    """Find the name inside normalised ``tokens``: the leftmost, then longest, known name.

    ``lookup(tokens) -> list[(idx, quality)]`` queries the name index."""
    n = len(tokens)
    prefixes = list(vocab.prefixes)
    for s in range(n):
        typed = any((h := head_info(t, vocab)) and h[0] in vocab.type_heads for t in tokens[:s])
        for e in range(n, s, -1):
            span = tokens[s:e]
            if not typed and vocab.not_place(span, prefixes):   # "ولبنان" is not ول + a village بنان
                continue
            for p, stem in clitic_variants(span[0], prefixes):
                if e - s == 1 and vocab.is_function_word(stem):
                    continue
                if stem in vocab.skip_words:
                    continue
                if e - s == 1 and vocab.is_month_use(tokens[s - 1] if s else "", stem,
                                                     tokens[e] if e < n else ""):
                    continue        # "تشرين الأول" is a month, not the village تشرين
                hits = lookup([stem] + span[1:])
                if not hits:
                    continue
                penalty = 0.92 if p else 1.0
                parsed = Parsed(name=" ".join([stem] + span[1:]), hits=[(i, q * penalty) for i, q in hits])
                heads = [h[0] for h in (head_info(t, vocab) for t in tokens[:s]) if h]
                apply_heads(parsed, heads, vocab)
                if stem in vocab.type_heads and e - s > 1:
                    # a name that starts with a type head ("مدينة إدلب" is also the district's alias):
                    # the head still says which kind is meant, and the bare name's places compete too
                    inner = parse_mention([*span[1:]], lookup, vocab)
                    if inner is not None:
                        parsed.hits += inner.hits
                    apply_heads(parsed, [stem], vocab)
                for t in tokens[e:]:
                    if t in vocab.directions:
                        parsed.direction = vocab.directions[t]
                        parsed.area = True
                return parsed
    return None
