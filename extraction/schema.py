"""The shapes that cross module boundaries: an article in, incidents out (DESIGN.md "Incident").

Plain dataclasses with ``to_dict``/``from_dict`` so the store, the CLI and the pages all speak the
same JSON without importing Stanza.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

ATTACK_TYPES = (
    "armed_clash", "ied", "vbied", "suicide_attack", "ambush", "airstrike", "drone_strike",
    "shelling", "assassination", "raid", "abduction", "other",
)
DATE_PRECISIONS = ("day", "week", "month", "unknown")


def article_id_for(clean_text: str) -> str:
    """Article id = sha256 of the cleaned text, so re-ingesting the same article is a no-op."""
    return hashlib.sha256(clean_text.encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One article after reading and cleaning.

    ``text`` is the original text as read (offsets in incidents index into it); ``content_spans``
    lists the (start, end) ranges of ``text`` that are content, not boilerplate.
    """

    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD or None: never a stand-in for today
    source: str | None = None
    url: str | None = None
    path: str | None = None
    content_spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def clean_text(self) -> str:
        if not self.content_spans:
            return self.text
        return "\n".join(self.text[s:e] for s, e in self.content_spans)

    @property
    def article_id(self) -> str:
        return article_id_for(self.clean_text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article_id, "title": self.title, "published": self.published,
            "source": self.source, "url": self.url, "path": self.path,
        }


@dataclass
class GroupRef:
    id: str
    parent: str | None
    name_en: str
    name_ar: str
    text: str  # the words in the article
    start: int | None = None
    end: int | None = None


@dataclass
class Location:
    gazetteer_id: str | None
    name_ar: str | None
    name_en: str | None
    text: str
    lat: float | None
    lon: float | None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    admin1_pcode: str | None = None
    precision: int | None = None  # 1 site, 2 near/part of district, 3 region/governorate
    kind: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Evidence:
    text: str
    start: int
    end: int


@dataclass
class Incident:
    id: str
    article_id: str
    event_date: str | None
    date_precision: str
    attack_type: str
    perpetrator: GroupRef | None
    target: GroupRef | None
    location: Location | None
    killed: int | None
    wounded: int | None
    captured: int | None
    is_background: bool
    evidence: Evidence
    confidence: float
    casualty_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Incident:
        d = dict(d)
        for key, typ in (("perpetrator", GroupRef), ("target", GroupRef), ("location", Location)):
            if d.get(key) is not None:
                d[key] = typ(**d[key])
        d["evidence"] = Evidence(**d["evidence"])
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


def incident_id_for(article_id: str, start: int, end: int, place_start: int | None = None) -> str:
    """Stable id: hash of article id + evidence span (+ the place's offset when one sentence reports
    the attack on several listed places, one incident each)."""
    key = f"{article_id}:{start}:{end}" + (f":{place_start}" if place_start is not None else "")
    return hashlib.sha256(key.encode()).hexdigest()[:16]
