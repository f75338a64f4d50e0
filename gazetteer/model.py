"""Records the gazetteer hands to its callers (the shapes of docs/INTERFACES.md and DESIGN.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One place of the index, as loaded in memory."""

    idx: int
    gid: str
    name_ar: str
    name_en: str
    kind: str
    lat: float
    lon: float
    precision: int
    importance: float
    admin1: str | None
    admin1_ar: str | None
    admin1_pcode: str | None
    admin2: str | None
    admin2_ar: str | None
    admin2_pcode: str | None
    admin3: str | None
    admin3_ar: str | None
    admin3_pcode: str | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ranked reading of a place mention (field names = the gazetteer CLI's JSON)."""

    gazetteer_id: str
    name_ar: str
    name_en: str
    kind: str
    lat: float
    lon: float
    admin1: str | None
    admin1_pcode: str | None
    admin2: str | None
    admin3: str | None
    precision: int
    score: float

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in running text; ``start``/``end`` index the original text."""

    start: int
    end: int
    text: str
    candidates: list[Candidate] = field(default_factory=list)
