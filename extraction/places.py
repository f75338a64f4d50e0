"""Place mentions in an article and the location of an incident, through the gazetteer.

Mentions come from the gazetteer's longest-match scan (``find_mentions``) plus Stanza NER ``LOC``
entities the gazetteer scan missed (resolved with the sentence as context). The location of an
incident is the most precise place among its clauses (a village beats "ريف دير الزور الشرقي", which
beats the governorate), resolved again with its sentence as context so same-named places in other
governorates lose.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from extraction.schema import Location
from raqib.arabic import normalize_ar

log = logging.getLogger("raqib.extract")

# Kinds that never locate an incident (the whole country, rivers as such).
_SKIP_KINDS = {"country", "admin0", "river"}


@dataclass
class PlaceRef:
    start: int
    end: int
    text: str
    candidate: object  # gazetteer.Candidate (best)
    source: str  # "gazetteer" | "ner"
    admin1_codes: frozenset = frozenset()  # governorates of all its candidates (ambiguity)
    settled: bool = False  # read from the article (a city quarter -> its city): never resolved again

    @property
    def precision(self) -> int:
        p = getattr(self.candidate, "precision", None)
        return int(p) if p is not None else 3


@lru_cache(maxsize=1)
def _gazetteer():
    """The project gazetteer; its absence is a clear error, never silent."""
    from gazetteer import get_gazetteer

    return get_gazetteer()


def gazetteer_mentions(text: str, start: int, end: int) -> list[PlaceRef]:
    """Gazetteer mentions inside text[start:end], offsets into ``text``."""
    gz = _gazetteer()
    out = []
    for m in gz.find_mentions(text[start:end]):
        cands = [c for c in (m.candidates or []) if getattr(c, "kind", None) not in _SKIP_KINDS]
        if not cands:
            continue
        s, e = m.start + start, m.end + start
        codes = frozenset(getattr(c, "admin1_pcode", None) for c in cands) - {None}
        out.append(PlaceRef(s, e, text[s:e], cands[0], "gazetteer", codes))
    return out


def resolve(text: str, context: str | None, admin1: set[str] | None = None) -> object | None:
    """Best candidate for ``text``; with ``admin1`` only one inside those governorates (p-codes)."""
    from gazetteer import resolve_place

    cands = [c for c in resolve_place(text, context=context, limit=8 if admin1 else 3)
             if getattr(c, "kind", None) not in _SKIP_KINDS]
    if admin1:
        cands = [c for c in cands if getattr(c, "admin1_pcode", None) in admin1]
    return cands[0] if cands else None


def ner_mentions(text: str, ents: list[tuple[int, int]], taken: list[tuple[int, int]],
                 context_of) -> list[PlaceRef]:
    """Stanza LOC entities not already covered by a gazetteer or group mention."""
    out = []
    stops = _gazetteer().vocab.stop_names
    for s, e in ents:
        if any(s < te and ts < e for ts, te in taken):
            continue
        head = (normalize_ar(text[s:e]).split() or [""])[0]
        if head in stops or head.lstrip("وب") in stops:
            continue  # "قرب المسجد الكبير": a common noun the tagger took for a place name
        cand = resolve(text[s:e], context_of(s))
        if cand is not None:
            out.append(PlaceRef(s, e, text[s:e], cand, "ner"))
    return out


def settle_ambiguous(places: list[PlaceRef], context_of) -> list[PlaceRef]:
    """A name several governorates share ("الدردارة" in Tartus and in al-Hasakah), resolved to one
    outside the article's home governorate (where most of its unambiguous places are: "زركان"، "تل
    تمر") while it has a namesake there: the namesake is meant. A paragraph of its own ("وفي السياق ذاته،
    قصف جيش الاحتلال التركي قرية الدردارة") has no other place to rank by."""
    counts = Counter(getattr(p.candidate, "admin1_pcode", None) for p in places if len(p.admin1_codes) == 1)
    counts.pop(None, None)
    if not counts:
        return places
    home, n = counts.most_common(1)[0]
    if n < 2 or n < 0.6 * sum(counts.values()):
        return places  # (a bulletin of several governorates has no home one)
    named = {home}
    out = []
    for p in places:
        code = getattr(p.candidate, "admin1_pcode", None)
        want = set(p.admin1_codes) & named
        if len(p.admin1_codes) > 1 and code not in named and want:
            alt = resolve(p.text, context_of(p.start), want)
            if alt is not None:
                p = PlaceRef(p.start, p.end, p.text, alt, p.source, frozenset({getattr(alt, "admin1_pcode", None)}))
        out.append(p)
    return out


_QUARTER_WORDS = frozenset(("حي", "بحي", "وحي", "لحي", "فحي"))
_CITY_KINDS = ("city", "town")
_CITY_KM = 15.0  # a quarter lies within this distance of its city's point
_CITY_WINDOW = 1500  # characters back to the city a quarter belongs to


def settle_quarters(text: str, places: list[PlaceRef]) -> list[PlaceRef]:
    """"اشتباكات في حي جورة الشياح" in a Homs story, "حي العباسية بالمدينة نفسها": a quarter our sources
    lack matches a same-named village or a quarter of another city far away. A quarter lies in the city
    named last before it, so that city (precision 2, as ACLED codes a place known only to its town)
    replaces any reading farther than a city's reach from it."""
    out: list[PlaceRef] = []
    city: PlaceRef | None = None
    ordered = sorted(places, key=lambda x: x.start)
    for k, p in enumerate(ordered):
        cand = p.candidate
        before = text[max(0, p.start - 6):p.start].split()
        quarter = (before and normalize_ar(before[-1]) in _QUARTER_WORDS) or normalize_ar(p.text).startswith("حي ")
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        if quarter and nxt is not None and getattr(nxt.candidate, "kind", None) in _CITY_KINDS and len(
                text[p.end:nxt.start].split()) <= 1:
            city = nxt  # "حي كفرسوسة بدمشق"، "حي الزهراء في مدينة حمص": its city is named right after
        if quarter and city is not None and p.start - city.end <= _CITY_WINDOW and getattr(cand, "lat", None) is not None \
                and getattr(cand, "kind", None) not in _CITY_KINDS and distance_km(cand, city.candidate) > _CITY_KM:
            c = city.candidate
            home = replace(c, precision=max(2, int(getattr(c, "precision", 2) or 2)), score=min(c.score, 0.5))
            p = PlaceRef(p.start, p.end, p.text, home, p.source, frozenset({c.admin1_pcode} - {None}), settled=True)
        elif getattr(cand, "kind", None) in _CITY_KINDS and not quarter:
            city = p
        out.append(p)
    return out


def distance_km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def same_area(a: PlaceRef, b: PlaceRef, km: float = 30.0) -> bool:
    ca, cb = a.candidate, b.candidate
    if getattr(ca, "gazetteer_id", None) == getattr(cb, "gazetteer_id", None):
        return True
    if a.precision >= 3 or b.precision >= 3:
        return getattr(ca, "admin1_pcode", None) == getattr(cb, "admin1_pcode", None)
    if None in (getattr(ca, "lat", None), getattr(cb, "lat", None)):
        return False
    return distance_km(ca, cb) <= km


def best_place(places: list[PlaceRef]) -> PlaceRef | None:
    """The most precise place, earliest first among equals."""
    if not places:
        return None
    return min(places, key=lambda p: (p.precision, p.start))


def wide_region(p: PlaceRef) -> bool:
    """A region spanning governorates ("منطقة نبع السلام"، "البادية السورية") names none of them;
    "ريف حماة الشمالي"، "بادية البوكمال" do."""
    return getattr(p.candidate, "kind", None) == "region" and p.precision >= 3 and not str(
        getattr(p.candidate, "name_ar", "")).startswith(("ريف", "بادية"))


def choose_place(places: list[PlaceRef], context_of) -> PlaceRef | None:
    """The most precise place that agrees with the governorates the clauses name.

    "بلدة الطيبة بريف دير الزور": several Syrian towns are called الطيبة; the one in Deir ez-Zor
    wins, and when the gazetteer has none there the area ("ريف دير الزور") is the location rather
    than a same-named town in another governorate."""
    if not places:
        return None
    def code(p: PlaceRef):
        return getattr(p.candidate, "admin1_pcode", None)

    # governorates named without ambiguity ("بريف دير الزور", "مدينة الرقة")
    # (a wide region — "منطقة نبع السلام"، "منطقة الجزيرة" — spans governorates and names none;
    # "ريف حماة الشمالي"، "بادية البوكمال" do)
    plain = [p for p in places if p.source == "gazetteer" and len(p.admin1_codes) <= 1 and not wide_region(p)]
    named = {code(p) for p in plain if p.precision >= 2} - {None} or {code(p) for p in plain} - {None}
    for p in sorted(places, key=lambda p: (p.precision, p.start)):
        if not named or code(p) in named:
            return p
        # another governorate is named: a same-named place there is the one meant, else not this one
        alt = resolve(p.text, context_of(p.start), named)
        if alt is not None:
            return PlaceRef(p.start, p.end, p.text, alt, p.source, frozenset({getattr(alt, "admin1_pcode", None)}))
    return best_place(places)


def to_location(place: PlaceRef, context: str | None) -> Location:
    cand = place.candidate
    if context and not place.settled:
        code = getattr(cand, "admin1_pcode", None)
        better = resolve(place.text, context, {code} if code else None)
        if better is not None and getattr(better, "precision", 9) <= place.precision:
            cand = better
    return Location(
        gazetteer_id=getattr(cand, "gazetteer_id", None), name_ar=getattr(cand, "name_ar", None),
        name_en=getattr(cand, "name_en", None), text=place.text, lat=getattr(cand, "lat", None),
        lon=getattr(cand, "lon", None), admin1=getattr(cand, "admin1", None),
        admin2=getattr(cand, "admin2", None), admin3=getattr(cand, "admin3", None),
        admin1_pcode=getattr(cand, "admin1_pcode", None), precision=getattr(cand, "precision", None),
        kind=getattr(cand, "kind", None), start=place.start, end=place.end,
    )


_CONTAINER_CUES = ("التابعة", "التابع", "تابعة", "ناحية", "لناحية", "لبلدة", "لمدينة", "منطقة", "بمنطقة", "قضاء")


def drop_containers(text: str, places: list[PlaceRef]) -> list[PlaceRef]:
    """"قرية وضحة التابعة لبلدة مسكنة": the village is the place, the town only contains it.

    A place right after a container cue that follows another place is dropped (the earlier, more
    specific one stays); the governorate in "بريف حلب" is dropped by precision anyway."""
    keep: list[PlaceRef] = []
    for p in places:
        if keep:
            prev = keep[-1]
            gap = text[prev.end:p.start]
            if 0 <= len(gap) <= 25 and any(cue in gap or (p.text.startswith(cue) and len(gap.strip()) <= 1)
                                           for cue in _CONTAINER_CUES) and "\n" not in gap and "،" not in gap:
                # (a head like "منطقة" counts only right after the place: "محافظة دمشق: سقطت قذيفتان على منطقة
                # باب توما" names no container)
                if p.precision <= prev.precision or p.precision == 1:
                    continue
        keep.append(p)
    return keep
