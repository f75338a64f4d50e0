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
import re
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
    locator: bool = False  # only locates the place before it ("الكسوة جنوب دمشق"): never the location
    on_road: bool = False  # an end of a road told beside another place ("قرب معرحطاط على طريق حلب – دمشق")

    @property
    def precision(self) -> int:
        p = getattr(self.candidate, "precision", None)
        return int(p) if p is not None else 3


@lru_cache(maxsize=1)
def _gazetteer():
    """The project gazetteer; its absence is a clear error, never silent."""
    from gazetteer import get_gazetteer

    return get_gazetteer()


# "بحسب مصادر خاصة لدير الزور 24،"، "وقال درعا 24 إن": a place name with "24" and no counted noun after it
# is a local news network, not a place
_OUTLET_24 = re.compile(r"\s?(?:24|٢٤)(?=\s*(?:$|[،,.:؛;\n\"»)\]]|(?:إن|أن|بأن|عن|نقلا)\s))")


def outlet_name(text: str, end: int) -> bool:
    """The place ending at ``end`` is the first part of an outlet's name ("دير الزور 24")."""
    return _OUTLET_24.match(text, end) is not None


def gazetteer_mentions(text: str, start: int, end: int) -> list[PlaceRef]:
    """Gazetteer mentions inside text[start:end], offsets into ``text``."""
    gz = _gazetteer()
    out = []
    for m in gz.find_mentions(text[start:end]):
        cands = [c for c in (m.candidates or []) if getattr(c, "kind", None) not in _SKIP_KINDS]
        if not cands:
            continue
        s, e = m.start + start, m.end + start
        if outlet_name(text, e) or _construct_head(text, s, e, cands[0]):
            continue
        codes = frozenset(getattr(c, "admin1_pcode", None) for c in cands) - {None}
        out.append(PlaceRef(s, e, text[s:e], cands[0], "gazetteer", codes))
    return out


def _construct_head(text: str, s: int, e: int, cand: object) -> bool:
    """"منطقة باب الصغير في دمشق": a bare noun heading a construct ("باب" + "الصغير") is not the town
    whose name is that noun with the article ("الباب"): the name matched without its "ال" and the next word
    has one."""
    name = str(getattr(cand, "name_ar", "") or "")
    last = text[s:e].split()[-1] if text[s:e].split() else ""
    nxt = text[e:e + 30].split()
    bare = normalize_ar(name[2:])
    return name.startswith("ال") and bool(nxt) and nxt[0].startswith("ال") and bare in (
        normalize_ar(last), normalize_ar(last[1:]))  # ("وباب الصغير")


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
        if any(s < te and ts < e for ts, te in taken) or outlet_name(text, e):
            continue
        head = (normalize_ar(text[s:e]).split() or [""])[0]
        if head in stops or head.lstrip("وب") in stops:
            continue  # "قرب المسجد الكبير": a common noun the tagger took for a place name
        if not _gazetteer().names_whole(text[s:e]):
            continue  # "مقبرة باب الصغير": only a part ("باب" ~ الباب) is a name we know, elsewhere
        cand = resolve(text[s:e], context_of(s))
        if cand is not None:
            out.append(PlaceRef(s, e, text[s:e], cand, "ner"))
    return out


def settle_ambiguous(places: list[PlaceRef], context_of) -> list[PlaceRef]:
    """A name several governorates share ("الدردارة" in Tartus and in al-Hasakah), resolved to one
    outside the article's home governorate (where most of its unambiguous places are: "زركان"، "تل
    تمر") while it has a namesake there: the namesake is meant. A paragraph of its own ("وفي السياق ذاته،
    قصف جيش الاحتلال التركي قرية الدردارة") has no other place to rank by."""
    places = _nearest_namesakes(places, context_of)
    counts = Counter(getattr(p.candidate, "admin1_pcode", None) for p in places if len(p.admin1_codes) == 1)
    counts.pop(None, None)
    if not counts:
        return places
    home, n = counts.most_common(1)[0]
    if n < 2 or n < 0.6 * sum(counts.values()):
        return places  # (a bulletin of several governorates has no home one)
    named = {home}
    strong = n >= 3 and n >= 0.8 * sum(counts.values())
    out = []
    for p in places:
        code = getattr(p.candidate, "admin1_pcode", None)
        want = set(p.admin1_codes) & named
        if len(p.admin1_codes) > 1 and code not in named and want:
            alt = resolve(p.text, context_of(p.start), want)
            if alt is not None:
                p = PlaceRef(p.start, p.end, p.text, alt, p.source, frozenset({getattr(alt, "admin1_pcode", None)}))
        elif len(p.admin1_codes) > 1 and not want and strong and p.precision <= 1:
            # "مطعم في منطقة الربوة" in a Damascus story: the namesakes we know are villages of other
            # governorates; the one meant is one our sources lack, in the article's governorate
            area = _governorate(home)
            if area is not None:
                p = PlaceRef(p.start, p.end, p.text, area, p.source, frozenset({home}), settled=True)
        out.append(p)
    return out


_NEAR_KM, _FAR_KM = 25.0, 40.0
_POINT_KINDS = frozenset(("city", "town", "village", "hamlet", "neighbourhood", "airport"))  # (not regions)


def _nearest_namesakes(places: list[PlaceRef], context_of) -> list[PlaceRef]:
    """"على محور قرية الحدادة القريبة" in a story of كبانة and جبل الأكراد: of the villages called
    الحدادة (Tartus, Hama, Latakia), the one within a few km of the article's unambiguous places is
    meant, not the first-ranked one far from all of them (Mordecai's distance feature, article-wide).
    Only for a name told alone: one with other places around it is ranked by those (the gazetteer's
    sentence context)."""
    anchors = [p.candidate for p in places if len(p.admin1_codes) == 1 and p.precision <= 2
               and getattr(p.candidate, "kind", None) in _POINT_KINDS and getattr(p.candidate, "lat", None) is not None]
    if not anchors:
        return places
    from gazetteer import resolve_place

    out = []
    for p in places:
        alone = not any(q is not p and abs(q.start - p.start) < 80 for q in places)  # ("طريق أثريا - الرصافة": its road)
        if alone and len(p.admin1_codes) > 1 and p.precision <= 1 and getattr(p.candidate, "lat", None) is not None and min(
                distance_km(p.candidate, a) for a in anchors) > _FAR_KM:
            near = [c for c in resolve_place(p.text, context=context_of(p.start), limit=8)
                    if getattr(c, "kind", None) not in _SKIP_KINDS and getattr(c, "lat", None) is not None
                    and getattr(c, "precision", 9) <= 1 and min(distance_km(c, a) for a in anchors) <= _NEAR_KM]
            if near:
                c = min(near, key=lambda c: min(distance_km(c, a) for a in anchors))
                p = PlaceRef(p.start, p.end, p.text, c, p.source, frozenset({getattr(c, "admin1_pcode", None)}))
        out.append(p)
    return out


_AREA_HEADS = ("محافظه ", "ريف ", "باديه ")


@lru_cache(maxsize=1)
def _governorate_names() -> frozenset[str]:
    return frozenset(normalize_ar(g["name_ar"]) for g in _gazetteer().governorates())


def is_governorate_name(text: str) -> bool:
    """"إدلب"، "محافظة درعا"، "ريف دمشق": a governorate (or its countryside) named as such."""
    name = normalize_ar(text)
    for head in _AREA_HEADS:
        if name.startswith(head):
            name = name[len(head):]
    return name in _governorate_names() or name.split(" ")[0] in _governorate_names()


@lru_cache(maxsize=16)
def _governorate(pcode: str):
    """The governorate as a location (precision 3; Damascus, a city, at 2)."""
    gz = _gazetteer()
    row = next((g for g in gz.governorates() if g["pcode"] == pcode), None)
    if row is None:
        return None
    cand = resolve(row["name_ar"], None, {pcode})
    if cand is None:
        return None
    return replace(cand, precision=max(2 if pcode == "SY01" else 3, int(getattr(cand, "precision", 3) or 3)),
                   score=min(cand.score, 0.5))


_QUARTER_WORDS = frozenset(("حي", "بحي", "وحي", "لحي", "فحي"))
_QUARTER_HEADS = frozenset(normalize_ar(w) for w in ("حي", "حيي", "أحياء", "بأحياء", "وأحياء"))  # "أحياء الميدان والسليمانية"
_NOT_QUARTER_NAMES = frozenset(normalize_ar(w) for w in
                               "على من في عن مع إلى الى بعد قبل حتى منذ لدى عند كما وهو وهي".split())
_QUARTER_RE = re.compile(r"(?<!\S)((?:[وبلف])?حي\s+(?:ال)?[\u0621-\u064A]{3,})")
_CITY_KINDS = ("city", "town")
_SAME_CITY_RE = re.compile(r"\s*(?:ب|في\s+)ال?مدينة")
_CITY_KM = 15.0  # a quarter lies within this distance of its city's point
# words that open a compound place name ("باب السباع"، "عين ترما"): one of them last in a quarter's
# match, with a word glued after it, is only the start of the quarter's name
_NAME_OPENERS = frozenset(normalize_ar(w) for w in "باب تل عين دير كفر بيت رأس جسر سوق بئر خربة مزرعة جب".split())
_NEXT_WORD_RE = re.compile(r"[ \t]+[\u0621-\u064A]{2,}")


def settle_quarters(text: str, places: list[PlaceRef]) -> list[PlaceRef]:
    """"اشتباكات في حي جورة الشياح" in a Homs story, "حي العباسية بالمدينة نفسها": a quarter our sources
    lack matches a same-named village or a quarter of another city far away, or nothing at all. A
    quarter lies in the city named right after it ("حي كفرسوسة بدمشق"), else in the city of its own
    sentence, else in the article's city (the one named most); that city (precision 2, as ACLED codes a
    place known only to its town) replaces any reading farther than a city's reach from it."""
    taken = [(p.start, p.end) for p in places]
    for m in _QUARTER_RE.finditer(text):
        s, e = m.start(1), m.end()
        if normalize_ar(text[s:e]).split()[-1] in _NOT_QUARTER_NAMES:
            continue  # "بث حي على الهواء": "alive", not a quarter
        if not any(s < te and ts < e for ts, te in taken):
            # "قرب مقبرة باب الصغير في حي الشاغور": a quarter no source names stands for its city
            places = [*places, PlaceRef(s, e, text[s:e], None, "quarter")]
    ordered = sorted(places, key=lambda x: x.start)
    is_quarter = [_is_quarter(text, p) for p in ordered]
    cities = [p for p, q in zip(ordered, is_quarter, strict=True)
              if not q and getattr(p.candidate, "kind", None) in _CITY_KINDS]
    # "مركز البحوث العلمية في برزة بدمشق": a place glued to a city by "ب" lies in that city, like a quarter
    # (our only other برزة is a village near Homs)
    # (a city itself, not its countryside: "قرية عبلة بريف مدينة الباب")
    is_quarter = [q or (k + 1 < len(ordered) and ordered[k + 1] in cities and p not in cities
                        and getattr(ordered[k + 1].candidate, "kind", None) == "city"
                        and "ريف" not in ordered[k + 1].text and text[p.end:ordered[k + 1].start] == " ب")
                  for k, (p, q) in enumerate(zip(ordered, is_quarter, strict=True))]
    counts = Counter(getattr(p.candidate, "gazetteer_id", None) for p in cities)
    top = counts.most_common(1)
    home = next((p for p in cities if top and top[0][1] >= 2 and p.candidate.gazetteer_id == top[0][0]), None)
    out: list[PlaceRef] = []
    for k, p in enumerate(ordered):
        cand = p.candidate
        if not is_quarter[k]:
            if cand is not None:
                out.append(p)
            continue
        if cand is not None and normalize_ar(p.text).split()[-1] in _NAME_OPENERS and _NEXT_WORD_RE.match(text, p.end):
            cand = None  # "حي باب السباع" read as "حي باب" (الباب): only the first word of a quarter's name
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        before = [c for c in cities if c.end <= p.start]
        if nxt is not None and nxt in cities and len(text[p.end:nxt.start].split()) <= 3:
            city = nxt
        elif before and "." not in text[before[-1].end:p.start] and p.start - before[-1].end <= 200:
            city = before[-1]  # (named earlier in its own sentence)
        elif before and "\n" not in text[before[-1].end:p.start] and (
                p.start - before[-1].end <= 400 or _SAME_CITY_RE.match(text, p.end)):
            city = before[-1]  # "مدينة دمشق: ... كما اغتال ... في حي ركن الدين"، "وفي حي الحميدية بالمدينة"
        else:
            city = home
        if city is not None and (cand is None or (
                getattr(cand, "lat", None) is not None and getattr(cand, "kind", None) != "city"
                and distance_km(cand, city.candidate) > _CITY_KM)):  # unknown, or a namesake far from the city
            c = city.candidate
            settled = replace(c, precision=max(2, int(getattr(c, "precision", 2) or 2)), score=min(c.score, 0.5))
            p = PlaceRef(p.start, p.end, p.text, settled, p.source, frozenset({c.admin1_pcode} - {None}), settled=True)
        if p.candidate is not None:
            out.append(p)
    return out


def _is_quarter(text: str, p: PlaceRef) -> bool:
    before = text[max(0, p.start - 6):p.start].split()
    head = normalize_ar(p.text).split()[:-1][:3]  # "حي القصور"، "مدخل حي القصور"، "أطراف حي الوعر"
    return p.source == "quarter" or bool(before and normalize_ar(before[-1]) in _QUARTER_WORDS) \
        or bool(_QUARTER_HEADS.intersection(head))


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
    return min(places, key=lambda p: (p.locator, p.precision, p.start))


def wide_region(p: PlaceRef) -> bool:
    """A region spanning governorates ("منطقة نبع السلام"، "البادية السورية") names none of them;
    "ريف حماة الشمالي"، "بادية البوكمال" do."""
    return getattr(p.candidate, "kind", None) == "region" and p.precision >= 3 and not str(
        getattr(p.candidate, "name_ar", "")).startswith(("ريف", "بادية"))


_TOWN_HEADS = tuple(normalize_ar(w) + " " for w in ("بلدة", "قرية", "مدينة", "بلدتي", "قريتي"))


_NEAR = tuple(normalize_ar(w) + " " for w in ("قرب", "بالقرب من", "محيط", "بمحيط", "أطراف", "على أطراف"))


def _near_town(text: str) -> bool:
    """"قرب بلدة معرحطاط"، "محيط قرية كباني": the vicinity of a town named as such."""
    t = normalize_ar(text).lstrip("و")
    head = next((h for h in _NEAR if t.startswith(h)), None)
    return head is not None and t[len(head):].startswith(_TOWN_HEADS)


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
    # (nor the ends of a road told beside a town: "بلدة قارة الواقعة على الطريق الدولي بين دمشق وحمص")
    plain = [p for p in places if p.source == "gazetteer" and len(p.admin1_codes) <= 1 and not wide_region(p)
             and not p.on_road]
    named = {code(p) for p in plain if p.precision >= 2} - {None} or {code(p) for p in plain} - {None}
    if any(p.locator and code(p) == "SY01" for p in plain):
        named.add("SY03")  # "الكسوة جنوب دمشق": the capital's countryside
    scenes = [p for p in places if not p.locator] or places

    def bare_name(p: PlaceRef) -> bool:
        return normalize_ar(p.text).lstrip("وبل") in _governorate_names() or normalize_ar(p.text) in _governorate_names()

    listed = len({code(p) for p in scenes if bare_name(p)}) >= 2  # "محافظتا القنيطرة ودرعا": areas, not towns

    def rank(p: PlaceRef) -> float:
        # "مراكز الدفاع المدني في إدلب ... مركز الدفاع المدني في بلدة الهبيط": a bare governorate's name
        # ("في إدلب"، "محافظتا القنيطرة ودرعا") may mean the governorate; a town named as such is the scene
        # ("قرب بلدة معرحطاط": near a town named as such, too)
        if bare_name(p) and any(q is not p and (listed or code(q) == code(p)) and not bare_name(q) and (
                (q.precision <= 1 and any(normalize_ar(q.text)[k:].startswith(_TOWN_HEADS) for k in (0, 1, 2)))
                or (q.precision == 2 and _near_town(q.text))) for q in scenes):
            return 2
        if p.on_road:
            return 2.5  # "قرب قرية السلحبية على الطريق الواصل بين الرقة والطبقة": the town near the road first
        return p.precision

    for p in sorted(scenes, key=lambda p: (rank(p), bare_name(p), p.start)):
        if not named or code(p) in named:
            return p
        if any(q is not p and 0 <= q.start - p.end <= 2 and q.precision <= 1 and code(q) == code(p) for q in places):
            return p  # "في حي برزة بدمشق ومواقع عسكرية قرب حمص": its own city, told right after it, places it
        # another governorate is named: a same-named place there is the one meant, else not this one
        alt = resolve(p.text, context_of(p.start), named)
        if alt is not None:
            return PlaceRef(p.start, p.end, p.text, alt, p.source, frozenset({getattr(alt, "admin1_pcode", None)}))
    return best_place(scenes)


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
