"""Ranking the candidates of a mention with features of the mention and its sentence.

Why (Mordecai3-style): a name alone is often ambiguous (القصير, رأس العين, الحسينية are each several
villages); the sentence usually says where ("بريف حمص", "التابعة لبلدة مسكنة بريف حلب الشرقي"). The
features: how the name matched, the kind the heads ask for, importance, the governorate/district the
sentence names, and distance to the other places of the sentence. A named governorate is a hard
constraint whenever some candidate lies in it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from raqib.arabic import normalize_ar

from .build import haversine_km
from .model import Candidate, PlaceRow
from .parse import Parsed

ADMIN_KINDS = ("admin1", "admin2", "admin3")
PROMINENT = 0.5                  # importance of towns, cities and curated sites
POPULATED = ("city", "town", "village", "hamlet", "neighbourhood")


@dataclass
class Context:
    """What a sentence says about where things are."""

    govs: dict[str, float] = field(default_factory=dict)      # admin1 p-code -> strength (0..1)
    districts: set[str] = field(default_factory=set)           # admin2 p-codes
    anchors: list[tuple[float, float]] = field(default_factory=list)
    areas: list[PlaceRow] = field(default_factory=list)        # the areas that named a governorate
    subdistricts: set[str] = field(default_factory=set)        # admin3 p-codes ("ناحية عين عيسى")
    subareas: list[PlaceRow] = field(default_factory=list)     # the places named as a sub-district
    para_anchors: list[tuple[float, float]] = field(default_factory=list)   # places of the paragraph
    towns: list[PlaceRow] = field(default_factory=list)        # cities and towns the sentence names

    def add_gov(self, pcode: str | None, weight: float) -> None:
        if pcode:
            self.govs[pcode] = max(self.govs.get(pcode, 0.0), weight)


COUNTRYSIDE_ID = "lm:rural_"       # curated rows naming a governorate's countryside (landmarks.csv)
AREA_ORDER = {"admin3": 0, "region": 1, "admin2": 2, "admin1": 3}
FALLBACK_SCORE = 0.5


def is_countryside(row: PlaceRow, name: str) -> bool:
    """A region that is a governorate's countryside ("ريف حلب الشرقي", "جنوب إدلب")."""
    return row.kind == "region" and (name.startswith("ريف ") or row.gid.startswith(COUNTRYSIDE_ID))


def context_from(parsed_list: list[Parsed], places: list[PlaceRow], exclude: str | None = None,
                 seats: dict[str, PlaceRow] | None = None) -> Context:
    """Governorates, districts and anchor points named by the other mentions of a sentence.

    ``seats`` maps a sub-district p-code to its seat town: the point that stands for a named
    sub-district (a desert sub-district's centroid can lie 40 km from where its villages are)."""
    ctx = Context()
    for p in parsed_list:
        if exclude is not None and p.name == exclude:
            continue
        rows = [places[i] for i, _ in p.hits]
        if rows and ("admin3" in p.kinds or all(r.kind == "admin3" for r in rows)):
            _add_subdistrict(ctx, rows, seats or {})   # "ناحية زركان", or the unit's name "ناحية عين عيسى"
        admin1 = [r for r in rows if r.kind == "admin1"]
        admin2 = [r for r in rows if r.kind == "admin2"]
        if admin1:
            for r in admin1:
                ctx.add_gov(r.admin1_pcode, 1.0)
                if p.countryside or p.name.startswith("ريف "):   # "بريف حلب", "محافظة حمص", not the city
                    ctx.areas.append(r)
            continue
        if admin2 and len({r.admin1_pcode for r in admin2}) == 1:
            ctx.districts.update(r.admin2_pcode for r in admin2 if r.admin2_pcode)
            ctx.add_gov(admin2[0].admin1_pcode, 0.8)
        others = sorted((r for r in rows if r.kind not in ADMIN_KINDS), key=lambda r: -r.importance)
        if not others:
            continue
        top = others[0]
        govs = {r.admin1_pcode for r in others}
        if top.kind in ("city", "town") and len(govs) == 1:
            ctx.towns.append(top)
        rival = next((r for r in others[1:] if r.admin1_pcode != top.admin1_pcode), None)
        if len(govs) == 1 and is_countryside(top, p.name):
            ctx.add_gov(top.admin1_pcode, 1.0)          # "ريف دير الزور الشمالي" names the governorate
            ctx.anchors.append((top.lat, top.lon))
            ctx.areas.append(top)
        elif len(govs) == 1 or (top.importance >= 0.5 and (rival is None or top.importance - rival.importance >= 0.15)):
            ctx.add_gov(top.admin1_pcode, 0.6 if top.importance >= 0.5 else 0.4)
            ctx.anchors.append((top.lat, top.lon))
    return ctx


def _add_subdistrict(ctx: Context, rows: list[PlaceRow], seat_of: dict[str, PlaceRow]) -> None:
    """"ناحية عين عيسى", "التابعة لناحية زركان": the sub-district weighs like a governorate (its
    governorate becomes a constraint) and is the fallback area for villages the sources lack. It
    stands at its seat town when we know it, else at the unit's centroid, else at the town that
    names it ("ناحية زركان" is not an OCHA sub-district)."""
    units = [r for r in rows if r.kind == "admin3"]
    points = units or sorted((r for r in rows if r.kind not in ADMIN_KINDS), key=lambda r: -r.importance)[:1]
    if not points or len({r.admin1_pcode for r in points}) != 1:
        return
    for r in points:
        if r.admin3_pcode:
            ctx.subdistricts.add(r.admin3_pcode)
        r = seat_of.get(r.admin3_pcode or "", r) if r.kind == "admin3" else r
        ctx.subareas.append(r)
        ctx.areas.append(r)
    ctx.add_gov(points[0].admin1_pcode, 0.8)
    ctx.anchors.append((ctx.subareas[-1].lat, ctx.subareas[-1].lon))


FAR_KM = 40.0        # farther than this from the sub-district the sentence names: not the village meant
VILLAGE_KINDS = {"village", "hamlet"}


def _far_from_subareas(cands: list[tuple[PlaceRow, float]], parsed: Parsed, ctx: Context) -> bool:
    """Every reading of a village-like mention lies far from the sub-district the sentence names
    ("قرى مشيرفة ... التابعة لناحية زركان" while every مشيرفة we know is 70+ km away)."""
    if not ctx.subareas or not cands:
        return False
    village_like = (max(r.importance for r, _ in cands) < PROMINENT
                    or (parsed.kinds and parsed.kinds & VILLAGE_KINDS and "city" not in parsed.kinds))
    if not village_like:
        return False
    return all(min(haversine_km(r.lat, r.lon, a.lat, a.lon) for a in ctx.subareas) > FAR_KM for r, _ in cands)


def rank(parsed: Parsed, places: list[PlaceRow], ctx: Context | None, limit: int = 5) -> list[Candidate]:
    ctx = ctx or Context()
    rows = {}
    for i, q in parsed.hits:
        if q > rows.get(i, 0.0):
            rows[i] = q
    cands = [(places[i], q) for i, q in rows.items()]
    # A mention that is a governorate's name ("السويداء", "بريف حمص") means that governorate or its
    # capital, never a same-named village elsewhere -- unless a head asks for a village ("قرية القنيطرة").
    named = {r.admin1_pcode for r, q in cands if r.kind == "admin1" and q >= 0.9}
    if named and not parsed.kinds & {"village", "hamlet"}:
        strong = named
    else:
        strong = {g for g, w in ctx.govs.items() if w >= 0.8}
    if strong and any(r.admin1_pcode in strong for r, _ in cands):
        cands = [(r, q) for r, q in cands if r.admin1_pcode in strong]
        if not named and _far_from_subareas(cands, parsed, ctx):
            fallback = area_fallback(ctx, {ctx.subareas[0].admin1_pcode})
            if fallback:
                return fallback
    elif strong and not named and max((r.importance for r, _ in cands), default=0.0) < PROMINENT:
        # The sentence names one governorate and every place of this name is a small village in
        # another one: the village is missing from our sources, never the same-named one elsewhere.
        # What we do know is the area the sentence names ("بلدة الطيبة ... في ريف دير الزور الغربي").
        # Only an area named as such counts ("جنوب دمشق" is the city, and Rif Dimashq surrounds it).
        fallback = area_fallback(ctx, strong)
        if fallback:
            return fallback
    if "neighbourhood" in parsed.kinds and ctx.towns and cands and not parsed.countryside:
        # "حي الهلالية بمدينة القامشلي": the only الهلالية we know is a hamlet 75 km away; a quarter
        # of the named city is meant, so the city (precision 2) rather than the far hamlet
        if all(r.kind != "neighbourhood" and min(haversine_km(r.lat, r.lon, t.lat, t.lon) for t in ctx.towns) > CITY_KM
               for r, _ in cands):
            return [_as_candidate(ctx.towns[0], max(2, ctx.towns[0].precision), FALLBACK_SCORE)]
    has_admin1 = any(r.kind == "admin1" for r, _ in cands)
    scored = []
    for r, q in cands:
        s = 1.5 * q + 0.6 * r.importance
        if q >= 1.0 and normalize_ar(r.name_ar) == parsed.name:
            s += 0.05          # the place's preferred name, not one of its variants
        if parsed.kinds:
            s += 0.35 if r.kind in parsed.kinds else -0.15
        if parsed.countryside and has_admin1:
            s += 2.0 if r.kind == "admin1" else -0.5
        elif r.kind in ADMIN_KINDS and "admin3" not in parsed.kinds and "admin1" not in parsed.kinds:
            s -= 0.35          # a bare name means the town, not the administrative unit
        s += 0.9 * ctx.govs.get(r.admin1_pcode or "", 0.0)
        if r.admin2_pcode and r.admin2_pcode in ctx.districts:
            s += 0.3
        if r.admin3_pcode and r.admin3_pcode in ctx.subdistricts:
            s += 0.4
        if ctx.anchors:
            d = min(haversine_km(r.lat, r.lon, a, b) for a, b in ctx.anchors)
            s += 0.5 * math.exp(-d / 120.0)
        if ctx.para_anchors:
            # the paragraph's other places: weaker than the sentence's, sharper in distance, so they
            # decide among same-named villages of one governorate
            d = min(haversine_km(r.lat, r.lon, a, b) for a, b in ctx.para_anchors)
            s += 0.3 * math.exp(-d / 60.0)
        scored.append((s, r))
    scored.sort(key=lambda x: (-x[0], -x[1].importance, x[1].gid))
    top = scored[:limit]
    if not top:
        return []
    m = top[0][0]
    z = sum(math.exp((s - m) / 0.25) for s, _ in scored)
    out = []
    for s, r in top:
        prec = r.precision
        if parsed.countryside and r.kind == "admin1":
            prec = 3
        elif parsed.area or parsed.countryside:
            prec = max(prec, 2)
        out.append(Candidate(
            gazetteer_id=r.gid, name_ar=r.name_ar, name_en=r.name_en, kind=r.kind, lat=r.lat, lon=r.lon,
            admin1=r.admin1, admin1_pcode=r.admin1_pcode, admin2=r.admin2, admin3=r.admin3,
            precision=prec, score=round(math.exp((s - m) / 0.25) / z, 4),
        ))
    return out


CITY_KM = 15.0       # a city quarter lies within this distance of the city's point


def _as_candidate(a: PlaceRow, precision: int, score: float) -> Candidate:
    return Candidate(
        gazetteer_id=a.gid, name_ar=a.name_ar, name_en=a.name_en, kind=a.kind, lat=a.lat, lon=a.lon,
        admin1=a.admin1, admin1_pcode=a.admin1_pcode, admin2=a.admin2, admin3=a.admin3,
        precision=precision, score=score,
    )


def area_fallback(ctx: Context, strong: set[str]) -> list[Candidate]:
    """The most specific countryside the context names ("ريف دير الزور الغربي", "بريف حلب"), at
    precision 2 or more, when the mention's own name is only known elsewhere; [] when the context
    names several governorates or no countryside (then the caller ranks as usual)."""
    if len(strong) != 1:
        return []
    areas = [a for a in ctx.areas if a.admin1_pcode in strong]
    if not areas:
        return []
    a = min(areas, key=lambda r: (r not in ctx.subareas, AREA_ORDER.get(r.kind, 3), r.gid))
    return [Candidate(
        gazetteer_id=a.gid, name_ar=a.name_ar, name_en=a.name_en, kind=a.kind, lat=a.lat, lon=a.lon,
        admin1=a.admin1, admin1_pcode=a.admin1_pcode, admin2=a.admin2, admin3=a.admin3,
        precision=max(2, a.precision), score=FALLBACK_SCORE,
    )]
