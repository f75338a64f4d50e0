"""Article text with the extraction marked up: evidence, groups, places, numbers, attack words, dates.

Why flat segments: spans from different finders overlap (a place inside an evidence sentence, a
group name inside a trigger phrase). Cutting the text at every span boundary and giving each piece
the classes of all spans covering it avoids broken nesting. Every piece of article text is
HTML-escaped: the article is untrusted input and must show as text, never run.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("group", "place", "number", "trigger", "date")
STYLE = """
<style>
.raqib-article{direction:rtl;text-align:right;white-space:pre-wrap;line-height:2.1;font-size:1.05rem;
  border:1px solid #ddd;border-radius:6px;padding:12px 16px;max-height:560px;overflow-y:auto}
.raqib-article .hl-evidence{background:#fff3bf}
.raqib-article .hl-group{background:#ffc9c9;border-radius:3px}
.raqib-article .hl-place{background:#b2f2bb;border-radius:3px}
.raqib-article .hl-number{background:#a5d8ff;border-radius:3px;font-weight:bold}
.raqib-article .hl-trigger{text-decoration:underline 2px #c92a2a}
.raqib-article .hl-date{background:#e5dbff;border-radius:3px}
.raqib-key span{padding:1px 6px;margin:0 3px;border-radius:3px}
</style>
"""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str      # one of KINDS or "evidence"
    label: str = ""


def marks_from(spans: Iterable[object], evidences: Iterable[tuple[int, int, str]]) -> list[Mark]:
    """Marks from ``analyze_article``'s spans (start, end, kind, label) and the incidents' evidence."""
    out = [Mark(s, e, "evidence", label) for s, e, label in evidences]
    for sp in spans:
        kind = getattr(sp, "kind", None)
        if kind in KINDS:
            out.append(Mark(int(sp.start), int(sp.end), kind, str(getattr(sp, "label", "") or "")))
    return out


def highlight_html(text: str, marks: Iterable[Mark]) -> str:
    """The whole ``text``, escaped, with ``<span class="hl-KIND" title="label">`` around marked pieces."""
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    parts = ['<div class="raqib-article" dir="rtl" lang="ar">']
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b])
        covering = [m for m in marks if m.start <= a and b <= m.end]
        if not covering:
            parts.append(piece)
            continue
        classes = " ".join(sorted({f"hl-{m.kind}" for m in covering}))
        titles = "; ".join(dict.fromkeys(f"{m.kind}: {m.label}" if m.label else m.kind for m in covering))
        parts.append(f'<span class="{classes}" title="{html.escape(titles, quote=True)}">{piece}</span>')
    parts.append("</div>")
    return "".join(parts)


def key_html(labels: dict[str, str]) -> str:
    """The colour key (labels escaped)."""
    items = "".join(f'<span class="raqib-article-key hl-{k}" style="{_KEY_STYLE[k]}">{html.escape(v)}</span>'
                    for k, v in labels.items() if k in _KEY_STYLE)
    return f'<div class="raqib-key">{items}</div>'


_KEY_STYLE = {
    "evidence": "background:#fff3bf", "group": "background:#ffc9c9", "place": "background:#b2f2bb",
    "number": "background:#a5d8ff", "trigger": "text-decoration:underline 2px #c92a2a",
    "date": "background:#e5dbff",
}
