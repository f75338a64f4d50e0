"""Cross-source de-duplication: when do two reports describe the same attack?

The rule (also in the README, "De-duplication"). A new incident joins an existing event when it is
*compatible with every incident already in that event* (complete linkage: no chains that drift
11 km per hop) and comes from a different article (one article's incidents are distinct attacks:
the extractor already merged repeated mentions). Two incidents are compatible when all hold:

1. **Attack type**: identical (``ied`` and ``vbied`` stay apart).
2. **Dates**: each incident gets a date window and the windows, widened by one day, overlap:
   - precision ``day``: the day itself, so two known days are compatible when at most 1 day apart;
   - ``week``: the date ±3 days; ``month``: the whole calendar month;
   - unknown date in a *news* incident of an article with a publication date: the publication day
     and the two days before it (undated news is about the last days);
   - unknown date otherwise (background mention, or no publication date): no window, so the
     incident stays its own event. A missed merge is visible and fixable; a false merge hides an
     attack.
3. **Place**: both have a location and, with ``p`` the vaguer of the two precisions
   (1 site, 2 near/part of a district, 3 governorate only; unknown counts as 1 when there are
   coordinates):
   - ``p <= 2`` and both have coordinates within 10 km (great-circle), or
   - ``p >= 2`` and both name the same admin3 (sub-district), or
   - ``p == 3`` and both lie in the same governorate (admin1 p-code).
   No location on either side: not compatible.
4. **Armed groups**, for the perpetrator and for the target: the same id, or one is the other's
   parent (``fourth_division`` / ``syrian_government``), or either is unknown/null. Siblings
   (``fourth_division`` / ``ndf``) differ. For ``armed_clash`` only, the two sides may also be
   swapped (one source says IS attacked the SDF, another that the SDF clashed with IS).

Background incidents follow the same rule: an attack mentioned as past context in one article is
often the main news of another, and they must become one dot. When several events qualify, the new
incident joins the closest (distance, then date gap, then the best-corroborated). Existing events
are never merged with each other afterwards, so results may depend on ingest order in rare
three-way cases.

How an event is shown: its *representative* incident (news before background, most precise place,
a known date, highest confidence, first stored) gives date, place and evidence; the groups are the
most specific any source names; killed/wounded/captured are the highest figure any source states
(each one traceable to that source's evidence; sources often raise tolls as news comes in); the
event is background only when every source mentions it as background.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

RADIUS_KM = 10.0
DAY_TOLERANCE = 1
WEEK_HALF_WIDTH = 3
UNDATED_LOOKBACK_DAYS = 2
UNKNOWN_GROUPS = {None, "", "unknown"}
SWAPPABLE_TYPES = {"armed_clash"}


@dataclass(frozen=True)
class DedupKey:
    """What the rule looks at, for one stored or incoming incident."""

    incident_id: str
    article_id: str
    attack_type: str
    event_date: date | None
    date_precision: str
    published: date | None
    is_background: bool
    perpetrator_id: str | None
    perpetrator_parent: str | None
    target_id: str | None
    target_parent: str | None
    lat: float | None
    lon: float | None
    admin1_pcode: str | None
    admin3: str | None
    precision: int | None
    has_location: bool

    @classmethod
    def from_row(cls, r: Mapping[str, Any]) -> DedupKey:
        """From a flattened incident row (store columns) plus the article's ``published``."""
        has_loc = any(r.get(k) is not None for k in ("gazetteer_id", "lat", "admin3", "admin1_pcode")) or bool(
            r.get("location_text"))
        return cls(
            incident_id=r["id"], article_id=r["article_id"], attack_type=r["attack_type"],
            event_date=parse_date(r.get("event_date")), date_precision=r.get("date_precision") or "unknown",
            published=parse_date(r.get("published")), is_background=bool(r.get("is_background")),
            perpetrator_id=r.get("perpetrator_id"), perpetrator_parent=r.get("perpetrator_parent"),
            target_id=r.get("target_id"), target_parent=r.get("target_parent"),
            lat=r.get("lat"), lon=r.get("lon"), admin1_pcode=r.get("admin1_pcode"),
            admin3=r.get("admin3"), precision=r.get("precision"), has_location=has_loc,
        )


def parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date_window(k: DedupKey) -> tuple[date, date] | None:
    """The days the incident may have happened on (rule 2); None = cannot be placed in time."""
    d = k.event_date
    if d is not None and k.date_precision != "unknown":
        if k.date_precision == "week":
            return d - timedelta(days=WEEK_HALF_WIDTH), d + timedelta(days=WEEK_HALF_WIDTH)
        if k.date_precision == "month":
            last = calendar.monthrange(d.year, d.month)[1]
            return d.replace(day=1), d.replace(day=last)
        return d, d
    if d is not None:  # a date with "unknown" precision: trust the day it names, nothing more
        return d, d
    if k.published is not None and not k.is_background:
        return k.published - timedelta(days=UNDATED_LOOKBACK_DAYS), k.published
    return None


def dates_compatible(a: DedupKey, b: DedupKey) -> tuple[bool, int]:
    """(compatible, gap in days between the windows)."""
    wa, wb = date_window(a), date_window(b)
    if wa is None or wb is None:
        return False, 10**6
    gap = max((wb[0] - wa[1]).days, (wa[0] - wb[1]).days, 0)
    return gap <= DAY_TOLERANCE, gap


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def _precision(k: DedupKey) -> int:
    if k.precision is not None:
        return int(k.precision)
    return 1 if k.lat is not None else 3


def _same_text(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and a.strip().casefold() == b.strip().casefold()


def places_compatible(a: DedupKey, b: DedupKey) -> tuple[bool, float]:
    """(compatible, distance in km or a large number when unknown) — rule 3."""
    if not (a.has_location and b.has_location):
        return False, math.inf
    p = max(_precision(a), _precision(b))
    dist = math.inf
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        dist = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if p <= 2 and dist <= RADIUS_KM:
        return True, dist
    if p >= 2 and _same_text(a.admin3, b.admin3):
        return True, dist
    if p == 3 and a.admin1_pcode and a.admin1_pcode == b.admin1_pcode:
        return True, dist
    return False, dist


def groups_compatible(a_id: str | None, a_parent: str | None, b_id: str | None, b_parent: str | None) -> bool:
    """Rule 4 for one role."""
    if a_id in UNKNOWN_GROUPS or b_id in UNKNOWN_GROUPS:
        return True
    return a_id == b_id or a_parent == b_id or b_parent == a_id


def roles_compatible(a: DedupKey, b: DedupKey) -> bool:
    straight = (groups_compatible(a.perpetrator_id, a.perpetrator_parent, b.perpetrator_id, b.perpetrator_parent)
                and groups_compatible(a.target_id, a.target_parent, b.target_id, b.target_parent))
    if straight or a.attack_type not in SWAPPABLE_TYPES:
        return straight
    return (groups_compatible(a.perpetrator_id, a.perpetrator_parent, b.target_id, b.target_parent)
            and groups_compatible(a.target_id, a.target_parent, b.perpetrator_id, b.perpetrator_parent))


@dataclass(frozen=True)
class Match:
    compatible: bool
    distance_km: float = math.inf
    day_gap: int = 10**6
    reason: str = ""


def compare(a: DedupKey, b: DedupKey) -> Match:
    """Are ``a`` and ``b`` reports of the same attack? (rules 1-4, plus "different articles")."""
    if a.article_id == b.article_id:
        return Match(False, reason="same article")
    if a.attack_type != b.attack_type:
        return Match(False, reason="attack type")
    ok, gap = dates_compatible(a, b)
    if not ok:
        return Match(False, day_gap=gap, reason="dates")
    ok, dist = places_compatible(a, b)
    if not ok:
        return Match(False, distance_km=dist, day_gap=gap, reason="place")
    if not roles_compatible(a, b):
        return Match(False, distance_km=dist, day_gap=gap, reason="groups")
    return Match(True, distance_km=dist, day_gap=gap)


def choose_event(new: DedupKey, events: Mapping[str, Iterable[DedupKey]]) -> str | None:
    """The event ``new`` joins, or None for a new event. ``events``: event id -> all its incidents."""
    best: tuple[float, int, int, str] | None = None
    for event_id, members in events.items():
        members = list(members)
        matches = [compare(new, m) for m in members]
        if not members or not all(m.compatible for m in matches):
            continue
        dist = min(m.distance_km for m in matches)
        gap = min(m.day_gap for m in matches)
        n_articles = len({m.article_id for m in members})
        rank = (dist if math.isfinite(dist) else 1e9, gap, -n_articles, event_id)
        if best is None or rank < best:
            best = rank
    return best[3] if best else None


# ---------------------------------------------------------------- how an event is shown

def _rep_rank(r: Mapping[str, Any]) -> tuple:
    prec = r.get("precision")
    return (
        bool(r.get("is_background")),
        prec if prec is not None else (4 if r.get("lat") is None else 3),
        r.get("event_date") is None,
        -(r.get("confidence") or 0.0),
        r.get("created_at") or "",
        r["id"],
    )


def _specificity(gid: str | None, parent: str | None) -> int:
    if gid in UNKNOWN_GROUPS:
        return 0
    return 2 if parent else 1


def _max_stated(values: Iterable[int | None]) -> int | None:
    stated = [v for v in values if v is not None]
    return max(stated) if stated else None


def summarize(members: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The ``events`` row for a group of incident rows (see "How an event is shown" above)."""
    rep = min(members, key=_rep_rank)
    out: dict[str, Any] = {
        "rep_incident_id": rep["id"],
        "n_sources": len({m["article_id"] for m in members}),
        "n_incidents": len(members),
        "event_date": rep.get("event_date"), "date_precision": rep.get("date_precision"),
        "attack_type": rep["attack_type"],
        "admin1_pcode": rep.get("admin1_pcode"), "admin3": rep.get("admin3"),
        "lat": rep.get("lat"), "lon": rep.get("lon"), "precision": rep.get("precision"),
        "killed": _max_stated(m.get("killed") for m in members),
        "wounded": _max_stated(m.get("wounded") for m in members),
        "captured": _max_stated(m.get("captured") for m in members),
        "is_background": all(bool(m.get("is_background")) for m in members),
    }
    # Only sources that name the sides the same way round as the representative (armed clashes may
    # be reported swapped) may refine its groups.
    ordered = [m for m in sorted(members, key=_rep_rank) if all(
        groups_compatible(m.get(f"{r}_id"), m.get(f"{r}_parent"), rep.get(f"{r}_id"), rep.get(f"{r}_parent"))
        for r in ("perpetrator", "target"))]
    for role in ("perpetrator", "target"):
        src = max(ordered, key=lambda m: _specificity(m.get(f"{role}_id"), m.get(f"{role}_parent")))
        if _specificity(src.get(f"{role}_id"), src.get(f"{role}_parent")) <= _specificity(
                rep.get(f"{role}_id"), rep.get(f"{role}_parent")):
            src = rep
        for f in ("id", "parent", "name_en", "name_ar", "text"):
            out[f"{role}_{f}"] = src.get(f"{role}_{f}")
    return out
