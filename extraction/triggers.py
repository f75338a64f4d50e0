"""Attack triggers: which words say an attack happened, of which type, and its ACLED mapping.

Data in ``lexicons/attack_types.yaml``. When several triggers describe one incident the most specific
type wins (``rank``: vbied > suicide_attack > ied > ... > armed_clash > other).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from extraction.lexicon import AliasMatcher, Match, Word, load_yaml, norm_phrase, prefix_variants
from extraction.schema import ATTACK_TYPES

# Plural trigger nouns that, alone and without a date, describe a pattern rather than one attack.
_GENERIC_PLURALS = frozenset(norm_phrase(
    "هجمات الهجمات تفجيرات كمائن الكمائن اغتيالات عمليات مداهمات"
))


_DEMONSTRATIVES = frozenset(norm_phrase("هذه هذا تلك هذين هاتين هاتان هذان"))  # (not "ذلك": "إلى ذلك، قضت وحدات")
_ORDINALS = frozenset(norm_phrase("أول أولى ثاني ثالث رابع خامس أكبر أعنف أخطر أحدث آخر"))


@dataclass(frozen=True)
class Trigger:
    attack_type: str
    start: int
    end: int
    text: str
    i: int
    j: int
    anaphoric: bool  # "الهجوم": refers back to an attack already told
    generic_plural: bool
    rank: int = 0
    shooting: bool = False
    downed: tuple[int, int] | None = None  # word span of the aircraft a shoot-down brought down
    involved: bool = False  # "المتورطين في الكمين": the men of an attack told, a sweep's quarry
    weak: bool = False  # a word that names an attack's kind only when nothing stronger does ("weak" in the YAML)


@dataclass(frozen=True)
class _Shootdown:
    rank: int
    window: int
    verbs: frozenset[str]
    aircraft: frozenset[str]
    unmanned: frozenset[str]
    phrase_ends: frozenset[str]


@dataclass(frozen=True)
class _Lex:
    matcher: AliasMatcher
    rank: dict[str, int]
    acled: dict[str, tuple[str, str]]
    shooting: frozenset[tuple[str, ...]]
    shootdown: _Shootdown
    not_after: frozenset[str]  # no attack right after these ("وقف إطلاق النار"، "وقف القصف")
    involved_in: frozenset[str]  # an attack after these is one told ("المتورطين في الكمين")
    cornered: tuple[tuple[str, ...], ...]  # a self-blast near these ends another force's raid ("لدى محاصرته")


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw = load_yaml("attack_types.yaml")
    entries: dict[str, list[str]] = {}
    rank: dict[str, int] = {}
    acled: dict[str, tuple[str, str]] = {}
    for t in ATTACK_TYPES:
        if t not in raw:
            raise RuntimeError(f"attack_types.yaml: attack type {t!r} is missing; restore it from git")
        spec = raw[t]
        entries[t] = list(spec.get("phrases") or [])
        rank[t] = int(spec["rank"])
        ev, sub = spec["acled"]
        acled[t] = (str(ev), str(sub))
    # Anaphoric nouns get the type of their bare form ("الغارة" -> airstrike), else armed_clash.
    bare_type: dict[tuple[str, ...], str] = {}
    weak_entries = {t: list(spec["phrases"]) for t, spec in (raw.get("weak") or {}).items()}
    for t, phrases in list(entries.items()) + list(weak_entries.items()):
        for ph in phrases:
            bare_type.setdefault(norm_phrase(ph.rstrip("*")), t)
    for ph in raw.get("anaphoric") or []:
        words = norm_phrase(ph)
        bare = tuple(w[2:] if w.startswith("ال") else w for w in words)  # ("الهجوم الانتحاري" -> هجوم انتحاري)
        # ("التفجيرين الانتحاريين": no bare phrase; its last typed word tells the kind)
        t = bare_type.get(bare) or next((bare_type[(w,)] for w in reversed(bare) if (w,) in bare_type), "armed_clash")
        entries.setdefault(f"ana:{t}", []).append(ph)
    for t, spec in (raw.get("weak") or {}).items():
        entries[f"weak:{t}"] = list(spec["phrases"])
        rank[f"weak:{t}"] = int(spec["rank"])
    shooting = frozenset(norm_phrase(p) for p in raw.get("shooting") or [])
    sd = raw.get("shootdown") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(w for ph in sd.get(key) or [] for w in norm_phrase(str(ph)))
    shootdown = _Shootdown(int(sd.get("rank", 0)), int(sd.get("window", 0)), words("verbs"), words("aircraft"),
                           words("unmanned"), words("phrase_ends"))
    not_after = frozenset(w for ph in raw.get("not_after") or [] for w in norm_phrase(str(ph)))
    involved_in = frozenset(w for ph in raw.get("involved_in") or [] for w in norm_phrase(str(ph)))
    cornered = tuple(norm_phrase(str(ph)) for ph in raw.get("cornered") or [])
    return _Lex(AliasMatcher(entries), rank, acled, shooting, shootdown, not_after, involved_in, cornered)


# attack nouns carrying their owner as a pronoun ("استأنفت قسد هجومها"): roles.py reads the owner
OWNED_ATTACKS = tuple(norm_phrase("هجومها هجومه هجومهم هجماتها هجماته هجماتهم"))
_GO_ON = tuple(norm_phrase("تواصل يواصل واصل تستمر يستمر استمر تتابع يتابع"))


def find_triggers(text: str, words: list[Word]) -> list[Trigger]:
    lex = _lex()
    out = []
    for m in lex.matcher.find(text, words):
        t = _to_trigger(m)
        if t.i > 0 and any(v in lex.not_after for v, _k in prefix_variants(words[t.i - 1].norm)):
            continue  # "اتفاق وقف إطلاق النار": a ceasefire; "وقف القصف الجوي": a halt
        if t.i > 0 and words[t.i - 1].norm.lstrip("و") in _DEMONSTRATIVES:
            t = replace(t, anaphoric=True)  # "وتعد هذه الغارات من الأعنف": the strikes told
        elif t.i > 1 and words[t.i - 1].norm in _ORDINALS and words[t.i - 2].norm.lstrip("و") in _DEMONSTRATIVES:
            t = replace(t, anaphoric=True)  # "ويعد هذا أول تفجير انتحاري في دمشق منذ": the blast told
        elif t.j < len(words) and words[t.j].norm in _DAY_GENITIVE and any(
                words[k].norm.lstrip("و").startswith(_CLAIM_STEMS) for k in range(max(0, t.i - 4), t.i)):
            t = replace(t, anaphoric=True)  # "في حين لم تتبنَّ أي جهة تفجير الأمس": the blast told
        elif _after_involved(words, t.i, lex.involved_in):
            t = replace(t, anaphoric=True, involved=True)  # "اعتقال ستة من المتورطين في الهجوم": the attack told
        elif words[t.i].norm.endswith(OWNED_ATTACKS) and any(
                words[k].norm.lstrip("و").startswith(_GO_ON) for k in range(max(0, t.i - 10), t.i)):
            t = replace(t, anaphoric=True)  # "في وقت تواصل فيه الفصائل هجومها الخاطف": the offensive going on
        out.append(t)
    found = _split_verb_objects(text, words, _split_self_blasts(text, words, _split_shootings(text, words, out)))
    return _shootdowns(text, words, [t for t in found if not _cornered_self_blast(words, t, lex.cornered)])


_CORNERED_WINDOW = 6  # words between the self-blast and its cue ("فجّر نفسه مع بداية الهجوم")


def _cornered_self_blast(words: list[Word], t: Trigger, cues: tuple[tuple[str, ...], ...]) -> bool:
    """A man blew himself up as another force raided or cornered him ("إن القرشي فجّر نفسه مع بداية
    الهجوم"، "لدى محاصرته فجر نفسه"): his blast belongs to that force's raid, told by its own words, and
    is no suicide attack of his. Only the self-blast verbs count ("هجوم انتحاري" is an attack of its own)."""
    if t.attack_type != "suicide_attack" or words[t.j - 1].norm not in _SELF_OBJECTS:
        return False
    lo, hi = max(0, t.i - _CORNERED_WINDOW), min(len(words), t.j + _CORNERED_WINDOW)
    norms = [words[k].norm.lstrip("و") if k in (lo, t.j) else words[k].norm for k in range(lo, hi)]
    return any(tuple(norms[k:k + len(cue)]) == cue for cue in cues for k in range(len(norms) - len(cue) + 1))


_DAY_GENITIVE = frozenset(("الامس", "اليوم", "امس"))  # (normalised)
_CLAIM_STEMS = ("تبن", "يتبن", "تتبن")


def _after_involved(words: list[Word], i: int, involved: frozenset[str]) -> bool:
    """The attack word follows "المتورطين في" or "المتورطين ب..." (its preposition a clitic)."""
    w = words[i].norm
    if i > 1 and words[i - 1].norm in ("في", "ب") and words[i - 2].norm.lstrip("و") in involved:
        return True
    return i > 0 and w.startswith("بال") and words[i - 1].norm.lstrip("و") in involved


def _shootdowns(text: str, words: list[Word], found: list[Trigger]) -> list[Trigger]:
    """"أسقط مقاتلون في محافظة إدلب يوم السبت الماضي طائرة حربية روسية": a manned aircraft downed is an
    attack (on its owner) by whoever downed it, not an airstrike (``shootdown`` in attack_types.yaml)."""
    sd = _lex().shootdown
    extra: list[Trigger] = []
    dropped: set[int] = set()
    for i, w in enumerate(words):
        if w.norm.lstrip("وف") not in sd.verbs:
            continue
        k = None
        for x in range(i + 1, min(len(words), i + 1 + sd.window)):
            if words[x].norm in sd.verbs or (not any(ch.isalnum() for ch in words[x].norm) and words[x].norm not in _QUOTES):
                break  # (another shoot-down, or the clause ends)
            if words[x].norm.lstrip("و") in sd.aircraft or _bare(words[x].norm) in sd.aircraft:
                k = x  # (the last one: "أسقطت مقاتلتان تركيتان ... طائرة حربية سورية" downed the second)
        if k is None or (k + 1 < len(words) and words[k + 1].norm in sd.unmanned):
            continue
        end = k + 1
        # (its model is part of the phrase: "مقاتلتين من طراز سوخوي 24 تابعتين للنظام السوري")
        reach = 9 if any(words[x].norm == "طراز" for x in range(k + 1, min(len(words), k + 3))) else 6
        while end < len(words) and end - k < reach and (any(ch.isalnum() for ch in words[end].norm) or (reach > 6 and words[end].norm in _QUOTES)) and (
                words[end].norm not in sd.phrase_ends or (words[end].norm == "من" and end + 1 < len(words)
                                                          and words[end + 1].norm == "طراز")):
            end += 1
        dropped |= {id(t) for t in found if t.attack_type in ("airstrike", "drone_strike") and k <= t.i < end}
        extra.append(Trigger("other", w.start, w.end, text[w.start:w.end], i, i + 1, words[k].norm.startswith("ال"),
                             False, sd.rank, False, (k, end)))  # ("إسقاط الطائرة": the one told before)
    if not extra:
        return found
    return sorted([t for t in found if id(t) not in dropped] + extra, key=lambda t: t.i)


_QUOTES = ("«", "»", '"', "'", "“", "”")


def _bare(word: str) -> str:
    """"الطائرة" -> "طائره"."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


_FIRE_OBJECTS = ("النار", "الرصاص")
_SPLIT_GAP = 4  # words between "أطلق" and "النار": the subject and a date ("أطلق مسلحون مجهولون النار")


def _split_shootings(text: str, words: list[Word], found: list[Trigger]) -> list[Trigger]:
    """"أطلق مسلحون مجهولون النار على سيارة"، "إثر إطلاق القوات الإسرائيلية النار": the verb (or its noun)
    and its object split by the subject are one shooting (the phrase list only holds them side by side)."""
    taken = {k for t in found for k in range(t.i, t.j)}
    extra = []
    for i, w in enumerate(words):
        if i in taken or not w.norm.lstrip("وب").startswith(("اطلق", "اطلاق")):  # ("إثر إطلاق القوات ... النار")
            continue
        k = next((k for k in range(i + 2, min(len(words), i + 2 + _SPLIT_GAP)) if words[k].norm in _FIRE_OBJECTS), None)
        if k is None or any(x in taken for x in range(i, k + 1)) or any(
                not any(ch.isalnum() for ch in words[x].norm) for x in range(i + 1, k)):
            continue
        lex = _lex()
        extra.append(Trigger("other", w.start, words[k].end, text[w.start:words[k].end], i, k + 1, False, False,
                             lex.rank.get("other", 0), True))
    return sorted(found + extra, key=lambda t: t.i) if extra else found


_SELF_OBJECTS = ("نفسه", "نفسها", "نفسيهما", "انفسهم", "حزامه", "حزامها", "حزاميهما")


def _split_self_blasts(text: str, words: list[Word], found: list[Trigger]) -> list[Trigger]:
    """"فيما فجر إرهابي ثالث نفسه قرب مبنى مؤسسة الكهرباء": the verb and its reflexive object split by the
    bomber are one suicide blast (the phrase list holds only "فجر نفسه")."""
    taken = {k for t in found for k in range(t.i, t.j)}
    extra = []
    for i, w in enumerate(words):
        if i in taken or w.norm not in ("فجر", "فجرت", "وفجر", "وفجرت"):
            continue
        k = next((k for k in range(i + 2, min(len(words), i + 2 + _SPLIT_GAP)) if words[k].norm in _SELF_OBJECTS), None)
        if k is None or any(x in taken for x in range(i, k + 1)) or any(
                not any(ch.isalnum() for ch in words[x].norm) for x in range(i + 1, k)):
            continue
        extra.append(Trigger("suicide_attack", w.start, words[k].end, text[w.start:words[k].end], i, k + 1, False,
                             False, _lex().rank.get("suicide_attack", 0), False))
    return sorted(found + extra, key=lambda t: t.i) if extra else found


@dataclass(frozen=True)
class _SplitPhrase:
    attack_type: str
    verbs: frozenset[str]
    objects: tuple[tuple[str, ...], ...]
    gap: int
    weak: bool


@lru_cache(maxsize=1)
def _split_phrases() -> tuple[_SplitPhrase, ...]:
    raw = load_yaml("attack_types.yaml").get("split_phrases") or []
    return tuple(_SplitPhrase(str(e["type"]), frozenset(w for v in e["verbs"] for w in norm_phrase(str(v))),
                              tuple(norm_phrase(str(o)) for o in e["objects"]), int(e["gap"]), bool(e.get("weak")))
                 for e in raw)


def _split_verb_objects(text: str, words: list[Word], found: list[Trigger]) -> list[Trigger]:
    """"أنزلت مروحيات أمريكية قوات خاصة قرب منزل"، "أوقعت وحدة من جيشنا الباسل عدداً من الإرهابيين قتلى":
    a verb and its object split by the subject (or a count) are one attack word (split_phrases in
    attack_types.yaml; the phrase lists only hold words side by side)."""
    taken = {k for t in found for k in range(t.i, t.j)}
    extra = []
    for sp in _split_phrases():
        for i, w in enumerate(words):
            if i in taken or not (w.norm in sp.verbs or w.norm[:1] in ("و", "ف") and w.norm[1:] in sp.verbs):
                continue
            hit = next(((k, len(o)) for k in range(i + 1, min(len(words), i + 2 + sp.gap)) for o in sp.objects
                        if tuple(x.norm for x in words[k:k + len(o)]) == o), None)
            if hit is None or any(x in taken for x in range(i, hit[0] + hit[1])) or any(
                    not any(ch.isalnum() for ch in words[x].norm) for x in range(i + 1, hit[0])):
                continue
            end = hit[0] + hit[1]
            r = _lex().rank.get(f"weak:{sp.attack_type}" if sp.weak else sp.attack_type, 0)
            extra.append(Trigger(sp.attack_type, w.start, words[end - 1].end, text[w.start:words[end - 1].end], i,
                                 end, False, False, r, False, weak=sp.weak))
            taken |= set(range(i, end))
    return sorted(found + extra, key=lambda t: t.i) if extra else found


def _to_trigger(m: Match) -> Trigger:
    lex = _lex()
    ana = m.key.startswith("ana:")
    weak = m.key.startswith("weak:")
    t = m.key.split(":", 1)[1] if (ana or weak) else m.key
    r = lex.rank[m.key] if weak else lex.rank.get(t, 0)
    shooting = any(m.phrase == s or (s[-1].endswith("*") and m.phrase[:-1] == s[:-1]) for s in lex.shooting) or \
        m.phrase in lex.shooting
    return Trigger(t, m.start, m.end, m.text, m.i, m.j, ana,
                   len(m.phrase) == 1 and m.phrase[0] in _GENERIC_PLURALS, r, shooting, weak=weak)


@lru_cache(maxsize=1)
def _actor_words() -> list[tuple[str, tuple[str, ...]]]:
    raw = load_yaml("attack_types.yaml").get("actor_words") or {}
    return [(t, tuple(w for ph in words for w in norm_phrase(ph))) for t, words in raw.items()]


def type_from_actor(actor_text: str) -> str | None:
    """Attack type implied by how the perpetrator is named ("الطيران الروسي" -> airstrike)."""
    ws = set(norm_phrase(actor_text))
    ws |= {w[1:] for w in ws if w[:1] in "وبل"}
    ws |= {w[:-len(x)] for w in ws for x in ("ه", "ها", "هم") if w.endswith(x) and len(w) > len(x) + 3}  # "طائراته"
    ws |= {w[:-1] + "ه" for w in ws if w.endswith("ت") and len(w) > 4}  # "مدفعيته": its artillery
    for t, words in _actor_words():
        if ws & set(words):
            return t
    return None


@lru_cache(maxsize=1)
def _actor_default() -> dict[str, str]:
    raw = load_yaml("attack_types.yaml").get("actor_default") or {}
    return {str(k): str(v) for k, v in raw.items()}


def type_from_actor_id(group_id: str) -> str | None:
    """The attack type an air power's generic attack means ("شن الاحتلال عدوانا" by Israel: airstrike)."""
    return _actor_default().get(group_id)


def rank(attack_type: str) -> int:
    return _lex().rank.get(attack_type, 0)


def most_specific(types: list[str]) -> str:
    """The highest-ranked attack type of several triggers ("other" when there is none)."""
    return max(types, key=rank) if types else "other"


def strongest(triggers: list[Trigger]) -> str:
    """The type of the highest-ranked trigger (weak triggers count below their type's rank)."""
    return max(triggers, key=lambda t: t.rank).attack_type if triggers else "other"


def acled_types(attack_type: str) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) for one of our attack types (``schema.ATTACK_TYPES``)."""
    lex = _lex()
    if attack_type not in lex.acled:
        raise ValueError(f"unknown attack type {attack_type!r}; expected one of {', '.join(ATTACK_TYPES)}")
    return lex.acled[attack_type]
