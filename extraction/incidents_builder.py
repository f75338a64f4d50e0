"""From an analysed article (sentences with Stanza words) to incidents.

Steps, each a small function:
1. ``clauses_of``: sentences are cut into clauses at discourse breaks ("، فيما"، "، حيث"، "بينما");
   each clause gets its triggers, group mentions, casualty counts, places, dates and cue flags.
2. ``classify``: a clause is an event (starts or extends an incident), an anaphoric mention ("وأسفر
   الهجوم عن مقتل 3") that only adds to the current incident, or nothing (cumulative tolls, generic
   or analysis statements, denials, threats, plans).
3. ``build_drafts``: clauses about the same attack merge (same sentence or a continuation cue, and
   compatible perpetrator/target/place/date); a new place, a background cue or "كما/في حين" starts
   another incident.
4. ``finish``: background flags, dates, location, casualties, evidence span and confidence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace

from extraction import discourse
from extraction.casualties import Casualty, find_casualties, find_rising_tolls, find_toll_update
from extraction.dates import DateMention, month_first_words
from extraction.groups import load_groups
from extraction.lexicon import Word, norm_phrase, words_of
from extraction.numbers import Count, count_at
from extraction.places import (
    PlaceRef,
    best_place,
    choose_place,
    is_governorate_name,
    same_area,
    to_location,
    wide_region,
)
from extraction.roles import (
    GroupMention,
    StanzaWord,
    accuse_of_relative,
    accused_deed,
    assign_roles,
    implied_site_owner,
    owned_attacker,
    ranked_victim,
    site_owner,
    weapon_actor,
    word_gap,
)
from extraction.schema import Article, Evidence, GroupRef, Incident, incident_id_for
from extraction.triggers import Trigger, most_specific, strongest, type_from_actor, type_from_actor_id

# Date kinds that name a day (they override vaguer ones and conflict with each other).
STRONG_DATES = {"today", "yesterday", "weekday", "explicit", "numeric", "day_of_month", "ago"}
SPECIFIC_DATES = STRONG_DATES | {"hours", "after_event", "before_event"}
CUMULATIVE_DATES = {"since", "until_now"}
_BREAK_ALWAYS = {"فيما", "بينما", "وفي", "في"}  # "في حين" starts with في (checked with the cue matcher)
_PUNCT = set("،,؛;:")
_SINCE = {"منذ", "ومنذ"}
_TIME_REF = {"منذ", "ومنذ", "بعد", "وبعد", "عقب"}  # "منذ إعلان وقف إطلاق النار": since the truce
_RECENT_SCAN = 12
_OTHER_SIDE = frozenset(norm_phrase("أخرى ثانية الأخرى الثانية ثانيه"))
_NON_STATE_KILLERS = {"unknown", "islamic_state"}  # who storms a home to shoot one person: a killing, not a raid
_NEWS_DAYS = 7  # dated more than a week before publication: background, never the news
_SAME_NEWS_DAYS = 1  # dated more than a day before the main incident: context (yesterday evening is still the day's news)


@dataclass
class Sentence:
    start: int
    end: int
    para: int
    is_title: bool
    lo: int  # word range in the article word list
    hi: int
    swords: list[StanzaWord] = field(default_factory=list)


@dataclass
class Clause:
    idx: int
    sent: int
    para: int
    is_title: bool
    start: int
    end: int
    lo: int
    hi: int
    triggers: list[Trigger]
    groups: list[GroupMention]
    casualties: list[Casualty]
    places: list[PlaceRef]
    dates: list[DateMention]
    perp: GroupMention | None = None
    target: GroupMention | None = None
    background: bool = False
    new_event: bool = False
    counts_on: bool = False  # "شخص رابع": one more victim of the attack told before
    since_start: bool = False  # "ارتفع عدد القتلى منذ بدء الهجوم إلى 30": the whole attack's toll
    cont: bool = False
    place_ana: bool = False
    kind: str = "none"  # event | anaphoric | none
    why: str = ""
    circumstance: bool = False  # "وسط قصف مدفعي": accompanies the attack told before
    breakdown: bool = False  # follows a cumulative clause in the same sentence (a share of that toll)
    since_date: bool = False
    military_site: bool = False  # names a military site ("مطار"، "حاجز"، "مركز البحوث العلمية")
    another: bool = False  # "غارة أخرى"، "عاد بعد ساعات ليستهدف": another attack than the one told
    vehicle_hit: bool = False  # names a bus or a convoy, and no fighting ("هجوم ... على حافلة مبيت عسكرية")
    spread_to: bool = False  # "وامتدت لاحقاً إلى قرية تل بطال": the fight told, spread to the place named
    site_span: tuple[int, int, int, int] | None = None  # the first such site's (start, end, i, j)
    update: Casualty | None = None  # "ارتفعت حصيلة ضحايا الهجوم ... إلى 86 قتيلا": the new toll of this attack
    pluperfect: bool = False  # background only by its opening "وكان ... قد" (no past date, no "مماثل")
    similar: bool = False  # "غارات مماثلة": like the attack told before
    they: bool = False  # "وكانوا قد انتزعوا السيطرة": a plural verb with no subject named
    site_owner: GroupMention | None = None  # a named military site's owner ("قاعدة حميميم" -> Russia)
    claim: str | None = None  # "وتبنى التنظيم التفجيرات الأربعة": "one" attack or "all" told before
    claims_bombings: bool = False  # the claim is of "التفجيرات" (all the bombings of the story)
    claim_start: int = 0  # where the claim verb starts (the attack words before it are news of their own)
    side: bool = False  # "في المقابل، ذكرت وسائل إعلام النظام أن ...": the other side's statement
    side_retell: bool = False  # "من جهته، قال المرصد إن الهجوم ...": that statement's version of "the attack"
    earlier_report: bool = False  # "وكان مصدر ... أفاد في وقت سابق بأن": the news attack as first reported
    meanwhile: bool = False  # "في الأثناء، شن طيران التحالف": news time again after a past told
    owner_named: GroupMention | None = None  # "أن الطائرة تابعة للتحالف الدولي": who the attacker told was
    learnt: bool = False  # "وتبيّن لاحقاً أنهما عنصران في الأمن العام": what was learnt about the victims
    dead_told: bool = False  # "وكان الشهيد ... منتسباً إلى صفوف الأسايش": who the dead man was
    caused_by_told: bool = False  # "كما تسبب القصف بدمار واسع": what the attack (its definite noun) caused
    past_dated: bool = False  # "إذ شهدت في فبراير/شباط 1982 حملة عسكرية": dated weeks or more before the news
    detail: bool = False  # "ففي مدينة السويداء، ...": opens with "ففي", a detail of what was told before
    next_blast: bool = False  # "فيما فجر انتحاري ثالث نفسه قرب مبنى مديرية الكهرباء": another blast, another site
    body_found: bool = False  # "عثر أهالي على جثة شاب": the dead told by their bodies
    unhurt: bool = False  # "دون أن يسفر عن إصابات": nobody was hurt
    at_that_time: bool = False  # "وقدّرت وسائل الإعلام حينها عدد ضحايا المجزرة": of the past just told


@dataclass
class Draft:
    clauses: list[Clause]
    is_title: bool
    background: bool
    perp: GroupMention | None = None
    target: GroupMention | None = None
    inherited_place: PlaceRef | None = None
    only_place: PlaceRef | None = None  # one place of a listed attack ("قرى رامي والشريحي وطربا")
    owns_toll: bool = True  # False for the other places of a split list: the toll is not theirs
    own_toll: Casualty | None = None  # "قتل 24 في حمورية، و17 آخرون في بيت سوا": this place's figure
    type_from_lede: str | None = None  # a toll line with no attack word of its own takes the lede's type
    toll_clauses: list | None = None  # one listed place's own lines ("وفي معرة مصرين قتل أربعة"): its toll only

    @property
    def event_triggers(self) -> list[Trigger]:
        """Triggers that describe this attack; "وسط قصف ..." circumstances only when nothing else does."""
        main = [t for c in self.clauses if c.kind == "event" and not c.circumstance for t in c.triggers]
        return main or [t for c in self.clauses if c.kind == "event" for t in c.triggers]

    @property
    def types(self) -> list[str]:
        return [t.attack_type for t in self.event_triggers]

    @property
    def group_ids(self) -> set[str]:
        return {g.id for c in self.clauses for g in c.groups}

    @property
    def places(self) -> list[PlaceRef]:
        return [p for c in self.clauses for p in c.places]

    def strong_date(self) -> DateMention | None:
        for c in self.clauses:
            strong = [d for d in c.dates if d.kind in STRONG_DATES]
            if len({d.value for d in strong}) > 1 and c.triggers:
                # "استقدمت منذ يومين تعزيزات ...، وبدأت الاقتحام فجر اليوم ...، بعد استهدافه بقذائف الهاون":
                # of two days told, the one nearest the attack words is the attack's
                lead = [t for t in c.triggers if not t.anaphoric] or c.triggers
                return min(strong, key=lambda d: min(abs(d.start - t.start) for t in lead))
            if strong:
                return strong[0]
        return None

    def any_date(self) -> DateMention | None:
        sd = self.strong_date()
        if sd is not None:
            return sd
        for c in self.clauses:
            for d in c.dates:
                if d.kind in SPECIFIC_DATES:
                    return d
        return None

    @property
    def last_sent(self) -> int:
        return self.clauses[-1].sent


# ----------------------------------------------------------------------------------------------
# 1. clauses


_ORDINALS = frozenset(norm_phrase("ثان ثالث رابع خامس سادس سابع ثامن تاسع عاشر"))
_PEOPLE = frozenset(norm_phrase("شخص عنصر مدني مقاتل جندي طفل رجل قتيل ضحية"))
_TIME_NOUNS = frozenset(norm_phrase("وقت الوقت ساعة ساعات الساعات"))


_ITS_SIDE = frozenset(norm_phrase("جهته جهتها جهتهم جانبه جانبها جانبهم"))
# a party's own words, not those it relays (group_anaphora.yaml's speech verbs also hold "نقل"، "نشر":
# "في المقابل، نقلت سانا عن مصدر عسكري أن وحدات الجيش ..." tells another attack)
_OWN_WORDS = tuple(norm_phrase("قال أعلن أكد ذكر أفاد اعتبر نفى زعم اتهم أوضح قالت أعلنت أكدت ذكرت نفت"))


_WHILE_OPENERS = frozenset(norm_phrase("فيما بينما وفيما وبينما"))
_SAID = frozenset(norm_phrase("قال قالت أفاد أفادت ذكر ذكرت وثق وثقت أكد أكدت"))
_SITE_BACK = frozenset(norm_phrase("السوق المشفى المستشفى الحي البلدة المدينة القرية المخيم المبنى المدرسة الفرن"))


def _monitor_version(words: list[Word], lo: int, hi: int, c: Clause) -> bool:
    """"في حين قال المرصد السوري لحقوق الإنسان إن 36 مدنياً قتلوا بغارات ... على السوق"، "فيما قال
    المرصد ... إن 7 أطفال قضوا في قصف المدرسة": a source's version of the attack just told, naming no place
    but the site told and giving a toll."""
    if c.places or not c.casualties or not c.triggers:
        return False
    if words[lo].norm in ("في", "وفي") and lo + 1 < hi and words[lo + 1].norm == "حين":
        k0 = lo + 1
    elif words[lo].norm in _WHILE_OPENERS:
        k0 = lo
    else:
        return False
    said = next((k for k in range(k0 + 1, min(hi, k0 + 3)) if words[k].norm in _SAID), None)
    that = next((k for k in range(said + 1, min(hi, said + 10)) if words[k].norm in ("ان", "بان")), None) if said else None
    ends = {t.j for t in c.triggers}
    return that is not None and all(x.cue_start > words[that].start for x in c.casualties) and any(
        words[k].norm in _SITE_BACK and (words[k - 1].norm in ("علي", "على") or k in ends) for k in range(that + 1, hi))


def _side_statement(words: list[Word], lo: int, hi: int) -> bool:
    """"من جهته، قال ..."، "ومن جانبها، أعلنت ..."، "في المقابل، قالت مصادر ...": a party's own statement
    opens the clause."""
    opening = (words[lo].norm in ("من", "ومن") and words[lo + 1].norm in _ITS_SIDE) or (
        words[lo].norm in ("في", "وفي") and words[lo + 1].norm == "المقابل")  # "في المقابل، قالت مصادر كردية"
    return lo + 2 < hi and opening and any(words[k].norm.lstrip("و") in _OWN_WORDS for k in range(lo + 2, min(hi, lo + 5)))


def _inside_quote(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a «…» or “…” quotation opened after ``start``."""
    span = text[start:pos]
    return span.count("«") > span.count("»") or span.count("“") > span.count("”")


def _later_time(words: list[Word], k: int) -> bool:
    """"في وقت لاحق"، "في ساعات لاحقة": later the same story, not another clause."""
    # (and "في وقت متأخر من مساء الأربعاء"، "في وقت مبكر من صباح اليوم": a time of day, not "while"; and
    # "استهدفت في وقت سابق من اليوم نفسه موقعاً": earlier the same day, told inside the clause)
    return k + 1 < len(words) and words[k].norm in _TIME_NOUNS and (words[k + 1].norm.startswith(
        ("لاحق", "متاخر", "مبكر")) or (words[k + 1].norm == "سابق" and _earlier_today(words, k - 1, min(len(words), k + 5))))


def split_clauses(text: str, words: list[Word], sent: Sentence) -> list[tuple[int, int]]:
    """Word ranges of the clauses of one sentence."""
    cuts = [sent.lo]
    for i, j in discourse.positions("clause_breaks", words, sent.lo + 1, sent.hi):
        if words[i - 1].norm in _SPEECH_VERBS:
            continue  # "وكان مصدر أفاد في وقت سابق بأن": when it was told, not another clause
        if words[i].norm in ("وسط", "ووسط") and j == i + 1 and i + 1 < sent.hi and (
                words[i + 1].norm.lstrip("و") in _TOWN_WORDS):
            continue  # "انفجار عبوة ناسفة زرعت في سيارته، وسط مدينة عفرين": the middle of the town, not "amid"
        gap = text[words[i - 1].end:words[i].start]
        if any(ch in _PUNCT for ch in gap) or words[i].norm in ("فيما", "بينما") or (
                words[i].norm in ("في", "وفي") and j - i >= 2
                and not _later_time(words, i + 1)):  # "وارتفعت الحصيلة في وقت لاحق إلى تسعة"
            if i - cuts[-1] >= 2:
                cuts.append(i)
    # "، وفي 20 يناير/كانون الثاني، قتل خمسة ...": another dated event of a list
    for k in range(sent.lo + 2, sent.hi - 1):
        if words[k].norm == "وفي" and words[k + 1].norm.isdigit() and any(
                ch in _PUNCT for ch in text[words[k - 1].end:words[k].start]) and k - max(c for c in cuts if c <= k) >= 2:
            cuts.append(k)
    # "وتتعرض أرياف إدلب لقصف شبه يومي، وكانت الطائرات الروسية قد ارتكبت مجزرة في ...": a past attack told
    # after a comma in the pluperfect
    for k in range(sent.lo + 2, sent.hi - 2):
        if words[k].norm in ("وكان", "وكانت") and any(ch in _PUNCT for ch in text[words[k - 1].end:words[k].start]) and any(
                words[x].norm == "قد" for x in range(k + 1, min(sent.hi, k + 7))) and k - max(c for c in cuts if c <= k) >= 2 \
                and words[k + 1].norm != "قد" \
                and not discourse.any_in("place_anaphora", words, k + 1, min(sent.hi, k + 4)):
            # (not "وكانت المدينة قد شهدت"، "فبلدة مضايا ...، وكانت قد تعرضت": the place told before)
            cuts.append(k)
    # "بينما قتلت امرأتان وطفل في قرية الغنطو، وسقط قتيلان في بلدة تير معلة": a second toll at a second place
    for k in range(sent.lo + 2, sent.hi - 2):
        if discourse.starts_with("second_toll_start", words, k) is None or not any(
                ch in _PUNCT for ch in text[words[k - 1].end:words[k].start]):
            continue
        last = max(c for c in cuts if c <= k)
        nxt = min([c for c in cuts if c > k] + [sent.hi])
        if k - last >= 2 and discourse.any_in("in_settlement", words, last, k) and discourse.any_in(
                "in_settlement", words, k, nxt):
            cuts.append(k)
    # "انفجرت سيارة مفخخة في كراج البولمان، ثم فجر انتحاري حزامه الناسف عند مدخل قسم الإسعاف": the next
    # blast of a series is a clause of its own
    for k in range(sent.lo + 2, sent.hi - 2):
        if discourse.starts_with("next_blast_start", words, k) is not None and any(
                ch in _PUNCT for ch in text[words[k - 1].end:words[k].start]) and k - max(c for c in cuts if c <= k) >= 2:
            cuts.append(k)
    cuts = sorted(set(cuts))
    cuts.append(sent.hi)
    return [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1) if cuts[k + 1] > cuts[k]]


def _starts(cls: str, words: list[Word], lo: int, hi: int) -> bool:
    """A cue of ``cls`` at the clause start (or after one leading connector such as حيث/و)."""
    for k in (lo, lo + 1):
        if k < hi:
            j = discourse.starts_with(cls, words, k)
            if j is not None and j <= hi:
                return True
    return False


_EXPLOSIVE = {"ied", "vbied", "suicide_attack"}
_CIRCUMSTANCE = {"وسط", "ووسط", "ترافق", "ترافقت", "تزامنا", "بالتزامن"}


_LIST_JOIN = re.compile(r"\s*[،,]?\s*و\s*|\s*[،,]\s*")  # between two places of one list


_DATELINE_AFTER = re.compile(r"\s*(?:(?:[/،,]\s*[^\n:–\-]{0,30})?[-–—]\s*[«\"(]?[^\n:]{2,40}?[»\")]?\s*(?:[:\-–]|\n|$)"
                             r"|/[^\n/]{1,40}/[^\n]{1,30}(?:\n|$)"
                             r"|\s*(?:\([^\n()]{2,30}\)\s*){1,2}[-–—:])")  # "حلب (سمارت) - ..."، "عين عيسى (سوريا) (أ ف ب) -"


def _dateline(text: str, start: int, end: int) -> bool:
    """"دمشق – «القدس العربي»: ضربت سلسلة تفجيرات ...": the city opening a paragraph before the outlet's
    name is where the story was filed, not where the attack was."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and bool(_DATELINE_AFTER.match(text, end))


_HEADING_AFTER = re.compile(r"\s*[-–—:]")


def _heading(text: str, start: int, end: int) -> bool:
    """"درعا – ..."، "محافظة حمص: ...": a place opening its line before a dash or colon."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start].strip()
    if lead and _BULLET_IN.fullmatch(lead) and _BULLET_AFTER.match(text, end) and is_governorate_name(
            text[start:end]):
        return True  # "- في إدلب، أصيب طفل ... على بلدة سفوهن": a bulletin line opening with its governorate
    return not lead and bool(_HEADING_AFTER.match(text, end))


_BULLET_IN = re.compile(r"[-–•*]?\s*و?في")
_BULLET_AFTER = re.compile(r"\s*[،,]")


def _reporter_seat(text: str, words: list[Word], j: int, pos: int) -> bool:
    """"مراسل عنب بلدي في درعا": the place right after "في", a few words after a reporter cue ending at
    word ``j``, with no comma between, is where the reporter works, not where the attack was."""
    if words[j - 1].end > pos or word_gap(words, j, pos) > 4:
        return False
    if word_gap(words, j, pos) == 0:  # the cue itself ends at the seat: "مصدر طبي في مشفى | كوباني"
        return words[j - 1].norm in _HOSPITAL or words[j - 1].norm == "في"
    k = j + word_gap(words, j, pos) - 1
    if k > j and words[k].norm in _HOSPITAL and words[k - 1].norm == "في":
        k -= 1  # "مصدر طبي في مشفى كوباني"
    return k >= j and words[k].norm == "في" and "،" not in text[words[j - 1].end:pos] and "," not in text[
        words[j - 1].end:pos]


_REPORT_WORDS = frozenset(norm_phrase("أفاد أفادت وفق وفقا بحسب ذكرت ذكر أعلنت أعلن نشرت نشر أوردت"))


def _word_index(words: list[Word], pos: int) -> int:
    return bisect.bisect_left(words, pos, key=lambda w: w.start)


_EARLIER = tuple(norm_phrase("في وقت سابق"))
_DIED_OF_WOUNDS = tuple(norm_phrase("وفاة متاثر"))  # "بعد وفاة ثلاثة من الجرحى"، "متأثرين بجراحهم"


_EARLIER_FORMS = (_EARLIER, ("و" + _EARLIER[0],) + _EARLIER[1:])  # "في وقت سابق"، "وفي وقت سابق"


_MOST_OF = frozenset(norm_phrase("أغلب معظم غالبية جميع كل أكثر"))
_WAS = frozenset(norm_phrase("كان كانت وكان وكانت"))


def _toll_described(words: list[Word], lo: int, hi: int) -> bool:
    """"فيما كان أغلب القتلى من عناصر المجموعة": "كان" before "most of" describes the toll just told;
    it tells no past event."""
    return any(words[k].norm in _WAS and k + 1 < hi and words[k + 1].norm in _MOST_OF for k in (lo, lo + 1) if k < hi)


def _starts_earlier(words: list[Word], lo: int, hi: int) -> bool:
    """The clause opens with "(و)في وقت سابق"."""
    n = len(_EARLIER)
    return any(tuple(w.norm for w in words[k:k + n]) in _EARLIER_FORMS for k in (lo, lo + 1) if k + n <= hi)


def _earlier_today(words: list[Word], lo: int, hi: int) -> bool:
    """"في وقت سابق اليوم": earlier today is news."""
    n = len(_EARLIER)
    return any(tuple(w.norm for w in words[k:k + n]) in _EARLIER_FORMS and k + n < hi and words[k + n].norm in ("اليوم", "من")
               and (words[k + n].norm == "اليوم" or (k + n + 1 < hi and words[k + n + 1].norm == "اليوم"))
               for k in range(lo, hi - n))


# Verbs that report what was said (the reporting line, not the attack)
_SPEECH_VERBS = frozenset(norm_phrase("قال قالت أفاد أفادت ذكر ذكرت أوضح أوضحت أكد أكدت أشار أشارت أضاف أضافت "
                                      "أعلن أعلنت تحدث تحدثت"))


_OPERATIONS = frozenset(norm_phrase("عملية عمليات هجوما هجوم هجمات اعتداء اعتداءات هجوماً"))
_MANY_OPERATIONS = 10  # (not "20 غارة": one day's raids on a town are one attack)
_WAR_TOLL = 10000  # no single attack in Syria's war killed this many: a count this size is a war's toll
_CLASH_STEMS = ("شتبا", "معار", "معرك", "مواجه")  # clash words proper ("الهجوم"، "الحادثة" are read as clashes by default)
_NOT_A_CLASH = "حادث"  # "الحادثة": the incident told, never a clash elsewhere
_BUT = frozenset(norm_phrase("لكن ولكن لكنه لكنها"))
_PERIOD_TOLL = 1000  # "أكثر من 2400 قتيل في منطقة خفض التصعيد": thousands dead with no attack named are a period's toll


def _earlier_report(words: list[Word], lo: int, hi: int) -> bool:
    """"وكان مصدر في قيادة الشرطة أفاد في وقت سابق بأن انتحاريين فجرا نفسيهما": the pluperfect is the
    earlier report's, not a past attack's."""
    if words[lo].norm.lstrip("و") not in ("كان", "كانت"):
        return False
    n = len(_EARLIER)
    v = next((k for k in range(lo + 1, min(hi, lo + 12)) if words[k].norm in _SPEECH_VERBS), None)
    return v is not None and any(tuple(w.norm for w in words[k:k + n]) == _EARLIER for k in range(v + 1, min(hi, v + 4)))


_STREET = frozenset(norm_phrase("شارع الشارع بشارع وشارع جادة"))


def _named_street(words: list[Word], pos: int) -> bool:
    """A place name right after "شارع" names a street, not the place."""
    k = bisect.bisect_left(words, pos, key=lambda w: w.start)
    return 0 < k <= len(words) and words[k - 1].norm in _STREET


# "وتمكنوا بعد ساعات من السيطرة على المقر": the "من" is the verb's ("تمكنوا من"), no event's
_MANAGED = re.compile(r"(?:تمكن|تمكنت|تمكنوا|استطاع|استطاعت|استطاعوا)\s*$")
_OWN_LOSS = re.compile(r"\s*(?:اختطاف|خطف|اعتقال|اختفاء|فقدان|احتجاز|اقتياد)(?:ه|ها|هما|هم)(?![\u0621-\u064A])")


def _after_own_loss(text: str, d: DateMention) -> bool:
    """"عُثر على جثتي شابين ...، بعد يوم من اختطافهما": the line's event comes that long after its
    victims were taken, on a day the text does not tell; it dates neither the line nor a past. Nor does
    "وتمكنوا بعد ساعات من السيطرة" (the verb's "من")."""
    return d.kind == "after_event" and (_OWN_LOSS.match(text, d.end) is not None or _MANAGED.search(
        text, max(0, d.start - 12), d.start) is not None)


def _follows_told(c: Clause, d: DateMention, text: str) -> bool:
    """"وبعد ساعات من الهجوم، شنت قوات النظام قصفا": "after X" where X is the attack already told (an
    anaphoric "الهجوم") dates a follow-up, which is news; "بعد يومين من هجوم كيماوي على دوما" tells X
    itself, an earlier attack. Hours after an X that is no attack ("وبعد ساعات من إعلان السيطرة، شنت
    طائرات الأسد غارات") are the news day too."""
    if any(t.anaphoric and 0 <= t.start - d.end <= 2 for t in c.triggers):
        return True
    if d.event_offset_days != 0 or "ساع" not in d.text:
        return False
    comma = min((k for k in (text.find(ch, d.end, c.end) for ch in "،,") if k >= 0), default=-1)
    return comma >= 0 and not any(d.end <= t.start < comma for t in c.triggers)


def make_clause(idx: int, text: str, words: list[Word], sent: Sentence, sent_idx: int, lo: int, hi: int,
                triggers: list[Trigger], groups: list[GroupMention], places: list[PlaceRef],
                dates: list[DateMention], first: bool, persons: frozenset[int] = frozenset()) -> Clause:
    start, end = words[lo].start, words[hi - 1].end
    seized = discourse.positions("seized", words, lo, hi)
    support = discourse.positions("support", words, lo, hi)
    downed = discourse.positions("downed", words, lo, hi)  # "بعد إسقاط طائرة مسيرة": no drone strike
    destroyed = discourse.positions("destroyed", words, lo, hi)
    short_of = [i for i, _j in discourse.positions("before_reaching", words, lo, hi)]
    origin = [(i, j) for i, j in discourse.positions("origin", words, lo, hi)
              if not (j < len(words) and words[j].norm in _OTHER_SIDE)]  # "من جهة أخرى" is "on the other side"
    outlet = discourse.positions("source_name", words, lo, hi)
    reporter = discourse.positions("reporter", words, lo, hi)
    taken_to = discourse.positions("destination", words, lo, hi)  # "نقل المصابون إلى معبر باب الهوى"
    answered = discourse.positions("reason", words, lo, hi)  # "رداً على ... مجازر النظام في الغوطة"
    # "ويأتي التفجير بعد يوم واحد من إعلان الفصائل السيطرة على الباب بعد معارك": the attack told is the
    # subject; what it comes after is the clause's own (past) event
    if words[lo].norm in _COMES_AFTER:
        after = next((k for k in range(lo + 1, min(hi, lo + 5)) if words[k].norm in ("بعد", "عقب")), None)
        kept = [t for t in triggers if not (lo < t.i < after)] if after is not None else triggers
        if after is not None and any(lo <= t.i < hi for t in kept):
            triggers = kept  # (none left: "بعد يوم من سيطرة جيش الإسلام على نقاط" keeps the word as its kind)
            # ("وتأتي التفجيرات بعد أيام من التفجيرين اللذين استهدفا زوار مقبرة باب الصغير": an earlier pair,
            # not the blasts told)
            triggers = [replace(t, anaphoric=False) if t.i > after else t for t in triggers]
        elif after is None:  # "وتأتي الغارة قبل أقل من شهرين على الانتخابات"، "ويأتي هجوم حمص في لحظة": the
            # subject is the attack told
            triggers = [replace(t, anaphoric=True) if t.i == lo + 1 else t for t in triggers]
    # "تواصلت المعارك بين كتائب الثوار وقوات الأسد": clashes named with both sides are news of their own
    triggers = [replace(t, anaphoric=False) if t.anaphoric and t.attack_type == "armed_clash" and t.j < hi
                and words[t.j].norm in _BETWEEN_WORD else t for t in triggers]
    c = Clause(
        idx=idx, sent=sent_idx, para=sent.para, is_title=sent.is_title, start=start, end=end, lo=lo, hi=hi,
        # "ضبط أحزمة ناسفة": seized explosives are not an attack
        triggers=[t for t in triggers if lo <= t.i < hi and not (
            t.attack_type in _EXPLOSIVE and any(0 <= t.i - j <= 3 for _i, j in seized))
            and not any(0 <= t.i - j <= 3 and not any(  # ("مدعومة من إيران، الهجوم"، "المدعومة روسيًا، بهجوم")
                ch in text[words[j - 1].end:t.start] for ch in "،,") and not any(  # (not "بالاشتراك مع
                j <= g.i and g.j <= t.i for g in groups)  # "قسد" عملية إنزال": the partner named, then the attack)
                for _i, j in support)  # "بإسناد من الطائرات المسيرة"
            and not (t.attack_type in ("drone_strike", "airstrike") and any(0 <= t.i - j <= 6 for _i, j in downed))
            # "وتدمير عربتين مفخختين قبل وصولهما": a car bomb foiled on its way is no attack of its own
            and not (t.attack_type in _EXPLOSIVE and any(0 <= t.i - j <= 2 for _i, j in destroyed)
                     and any(0 <= k - t.j <= 3 for k in short_of))
            # "استهدف الطيران الإسرائيلي مواقع مدفعية": the artillery is what was hit, not the weapon
            and not (t.attack_type == "shelling" and t.i > lo and words[t.i - 1].norm.lstrip("و") in _GUN_SITES)],
        groups=[g for g in groups if lo <= g.i < hi],
        casualties=find_casualties(text, words, lo, hi, frozenset(
            k for g in groups if lo <= g.i < hi for k in range(g.i, g.j)), persons),
        # "أطلقوا الصواريخ من مواقعهم في تل رفعت": where the fire came from is not the place hit
        places=[p for p in places if start <= p.start < end and not any(
            words[j - 1].end <= p.start and (word_gap(words, j, p.start) <= 3 or (
                word_gap(words, j, p.start) <= 7 and _source_site(words, j, p.start)))
            and not _numbered_unit(words, j, p.start) and not _aimed_at_after(words, j, p.start) for _i, j in origin) and not any(
            words[j - 1].end <= p.start and word_gap(words, j, p.start) == 0 for _i, j in outlet)
            and not any(_reporter_seat(text, words, j, p.start) for _i, j in reporter)  # "مراسل دير الزور 24"
            and not any(words[j - 1].end <= p.start and word_gap(words, j, p.start) <= 10 for _i, j in taken_to)
            and not any(words[j - 1].end <= p.start and word_gap(words, j, p.start) <= 12
                        and not any(ch in text[words[j - 1].end:p.start] for ch in "،,.") for _i, j in answered)
            and not _named_street(words, p.start)  # "قرب سوق الخضار في شارع راجو" (Afrin), not the town of Rajo
            and not _dateline(text, p.start, p.end)],
        dates=[d for d in dates if start <= d.start < end],
    )
    # "قدموا سيرا على الأقدام من بلدات إنخل وجاسم والحراك": the towns listed after a place left out
    # above (where fire came from, where victims came from) go with it
    left_out = [p for p in places if start <= p.start < end and p not in c.places]
    for p in list(c.places):
        if any(q.end <= p.start and _LIST_JOIN.fullmatch(text[q.end:p.start]) for q in left_out):
            c.places.remove(p)
            left_out.append(p)
    # "محيط بلدة الكسوة جنوب دمشق": a town that only locates the place before it is not where it happened
    # (but it names the governorate: "مدينة أريحا جنوبي إدلب")
    located = _locators(c.places, words)
    for p in c.places:
        if id(p) in located:
            p.locator = True
    # "قرب بلدة معرحطاط على الطريق الدولي حلب – دمشق": the ends of a road told beside another place
    # only say which road
    ends = _road_second_ends(c.places, words, lo, hi, text)
    if any(id(p) not in ends for p in c.places):
        for p in c.places:
            p.on_road = id(p) in ends
    # "أقدمت عصابة مسلحة على خطف تاجر من ريف دمشق ... على الطريق المؤدي إلى مدينة شهبا": where the
    # victim comes from is not where he was hit, when the line names that place too
    origins = [p for p in c.places if _person_from(words, p.start)]
    for p in c.places:  # ("أهالي بلدتي الفوعة وكفريا": the second of the pair too)
        if p not in origins and any(0 <= p.start - q.end <= 3 and _and_between(text, q.end, p.start) for q in origins):
            origins.append(p)
    if origins and len(origins) < len(c.places):
        c.places = [p for p in c.places if p not in origins]
    # "استشهد قائد قوات الدفاع الوطني في اللاذقية هلال الأسد ... خلال تصديهم لهجوم الإرهابيين في محيط
    # كسب": a leader's command names where his force sits, not where he fell, when the line names that too
    # ("... في محيط كسب، وشيعت جثامينهم اليوم في مدينة اللاذقية": nor is the town of the funeral)
    buried = [words[j - 1].end for _i, j in discourse.positions("funeral", words, lo, hi)]
    if buried:
        c.places = [p for p in c.places if not any(b <= p.start for b in buried)] or c.places
    posts = [p for p in c.places if _command_seat(words, c.groups, p.start)]
    if posts and len(posts) < len(c.places) and any(q.start > p.end for p in posts for q in c.places):
        c.places = [p for p in c.places if p not in posts]
    # "وفي دمشق، نقلت سانا عن مصادر أن قوات التحالف استهدفت ... بين قريتي الطابية وخشام": the city the
    # report comes from gives way to the place the report names
    seats = [p for p in c.places if _speaker_seat(text, p.start, p.end)]
    if seats:
        c.places = [p for p in c.places if p not in seats or not any(q.start > p.end for q in c.places)]
    # "وقال مدير المكتب الإعلامي للدفاع المدني في إدلب لأورينت نت إن طائرة حربية شنت غارتين على مدرسة
    # القرية": where the speaker sits is not where the attack was, when what they say places it
    said = _speaker_span(words, lo, hi)
    if said is not None:
        own = [p for p in c.places if not words[said[0]].end <= p.start < words[said[1]].start]
        if not own and c.places and discourse.any_in("place_anaphora", words, said[1], hi):
            c.places = own  # ("مدرسة القرية": the quote points back to the town told before)
    elif _earlier_report(words, lo, hi):
        # "وكان مصدر في قيادة شرطة اللاذقية أفاد في وقت سابق بأن انتحاريين فجرا نفسيهما قرب الكراج": the
        # source's seat is not the scene (the line retells the news attack, which has its own place)
        k = next((k for k in range(lo + 1, hi) if words[k].norm in _THAT_WORDS), hi)
        c.places = [p for p in c.places if not words[lo].end <= p.start < words[k].start]
    # "درعا – استشهد ثلاثة مواطنين ... على بلدة بصر الحرير": a governorate heading opening the paragraph
    # gives way to the town the line names
    heads = [p for p in c.places if _heading(text, p.start, p.end)]
    if heads and any(p.precision <= 2 for p in c.places if p not in heads):
        c.places = [p for p in c.places if p not in heads]
    # "وتعيد مجزرة اليوم إلى الأذهان استهداف المشفى ... في 15 شباط 2016": what is recalled is the clause's
    # event; the day and the attack words before "إلى الأذهان" are the reminder's
    recall = next((k for k in range(lo + 1, hi) if words[k].norm == "الاذهان" and words[k - 1].norm in ("الي", "إلى")), None)
    recalled = recall is not None and any(t.i > recall for t in c.triggers)
    if recalled:
        # (the attack noun right after it is the recalled attack, not the one told: "التفجيرين الانتحاريين")
        c.dates = [d for d in c.dates if d.start > words[recall].end]
        c.triggers = [replace(t, anaphoric=False) if t.i <= recall + 2 else t for t in c.triggers if t.i > recall]
    # "أعلن ... اليوم الاثنين، أن الطيران الروسي نفذ يوم أمس غارات": the date after "أن" is the attack's;
    # the one before it dates the announcement
    that = next((k for k in range(lo, hi) if words[k].norm in _THAT_WORDS
                 and not (k > lo and words[k - 1].norm.lstrip("و") in _HEDGE_VERBS)), None)  # "يرجح أنها روسية"
    if that is not None:
        after = [d for d in c.dates if d.start >= words[that].end and d.kind in STRONG_DATES
                 and not d.text.startswith(("منذ", "ومنذ"))]  # "المحاصرة منذ أكثر من ثلاث سنوات": a period
        # (not when the attack is told before "أن": "قُتل مختار بلدة الحراك ...، صباح اليوم الأربعاء، وأوضح
        # مراسلنا أن المختار ... تلقى تهديدات بالقتل قبل أشهر" dates the threats after it)
        told_before = c.triggers and all(t.i < that for t in c.triggers) and all(
            x.cue_start < words[that].start for x in c.casualties)
        if after and any(d.start < words[that].start for d in c.dates) and not told_before:
            c.dates = [d for d in c.dates if d.start >= words[that].end]
    opening = _starts("background_start", words, lo, hi) and not _toll_described(words, lo, hi) and not any(
        d.kind == "hours" and d.start - words[lo].start <= 12 for d in c.dates) \
        and not _earlier_today(words, lo, min(hi, lo + 10)) \
        and not _earlier_report(words, lo, hi) \
        and not (_starts_earlier(words, lo, hi) and any(
            d.kind in STRONG_DATES and d.days_before in (0, 1) for d in c.dates))
    # ("وسبق ذلك بساعات", "وفي وقت سابق اليوم": the same day; "وفي وقت سابق، استهدفت مسيّرة تركية، مساء أمس
    # الأربعاء": yesterday's, still news)
    # "قصفت القوات التركية قرية منغ، اللذين سيطرت عليهما قسد قبل أيام": a past told inside a relative
    # clause after the attack describes the place, not the attack
    first_trig = min((t.i for t in c.triggers), default=hi)
    # (also on a group: "اشتباكات مع القوات النظامية التي تحاول اقتحام الحي منذ أيام")
    rel = next((k for k in range(first_trig + 1, hi) if words[k].norm in _RELATIVES and (any(
        0 <= words[k].start - p.end <= 3 for p in c.places) or any(
        0 <= words[k].start - g.end <= 3 for g in c.groups
        if not any(t.i <= g.i <= t.j for t in c.triggers)))  # ("الغارات الإسرائيلية التي استهدفت ليل الأحد": the attack)
        and discourse.starts_with("perp_after", words, k + 1) is None), hi)  # (a relative clause on a place only:
    # "تفجير مطاعم حي الوسطى الذي نفذه المرتزقة في 30 كانون الأول 2015" tells the attack's own day)
    rel_pos = words[rel].start if rel < hi else end
    # ("وهو الثالث الذي يقتل بالطريقة ذاتها خلال الشهر الجاري": the remark's period dates nothing)
    remark = _remark_at(words, lo, hi)
    remark_pos = words[remark].start if remark is not None else end
    # ("أسروا ستة من أبناء البلدة، قبل أن يفرجوا عن ثلاثة منهم مساء اليوم": the release's day)
    later = next((i for i, _j in discourse.positions("later_act", words, first_trig + 1, hi)), None)
    later_pos = words[later].start if later is not None else end
    own_dates = [d for d in c.dates if d.start < min(rel_pos, remark_pos, later_pos) and not _describes_place(text, c, d)
                 and not _after_own_loss(text, d)]
    # "... أمس الأحد، إلى 140 قتيلاً، وفق ما أفادت به مصادر رسمية اليوم الإثنين": the day of the report
    # is not the day of the attack when the clause names one too
    told = [d for d in own_dates if d.kind in STRONG_DATES and any(
        words[k].norm in _REPORT_WORDS for k in range(max(lo, _word_index(words, d.start) - 6), _word_index(words, d.start)))]
    if told and len([d for d in own_dates if d.kind in STRONG_DATES]) > len(told):
        own_dates = [d for d in own_dates if d not in told]
    c.dates = own_dates
    news_day = any(d.kind in STRONG_DATES and d.days_before is not None and 0 <= d.days_before <= 1
                   for d in own_dates)  # "قصفت القوات التركية يوم الثلاثاء" (published that Tuesday)
    # "فيما قُتلت امرأة وطفلها بقصف مماثل": "similar" inside the sentence of the attack told is the same day
    # "دمّر الثوار، اليوم السبت، دبابتين ... في إطار المعركة التي أطلقتها الفصائل قبل أيام": a past told
    # after the attack's own day describes something else
    today_at = min((d.start for d in own_dates if d.kind in STRONG_DATES and d.days_before is not None
                    and 0 <= d.days_before <= 1), default=None)
    back_cues = [i for i, _j in discourse.positions("background_any", words, lo, rel)
                 if (first or not words[i].norm.startswith("مماثل"))
                 and not (today_at is not None and today_at < words[i].start)]
    elsewhere = (bool(back_cues) and not _earlier_today(words, lo, rel)
                 and not (news_day and _starts_earlier(words, lo, hi))) \
        or (not news_day and not _earlier_today(words, lo, rel) and any(  # ("في وقت سابق من اليوم نفسه")
            (d.past_marker or d.kind in ("ago", "after_event", "before_event")) and d.days_before != 0
                and not (d.kind == "after_event" and _follows_told(c, d, text))  # "وبعد ساعات من الهجوم، شنت ..."
                and not _after_superlative(words, lo, d.start)  # "الأعلى ... منذ ثلاث سنوات"
                for d in own_dates)  # "منذ ساعات الصباح" is today
            and not any(d.kind in ("today", "hours") for d in c.dates))  # "اليوم ... قياديا سابقا"
    reported_yesterday = any(
        any(d.kind == "yesterday" and d.days_before == 1 and words[j - 1].end <= d.start
            and word_gap(words, j, d.start) <= 3 for d in own_dates)
        for _i, j in discourse.positions("reported_verbs", words, lo, hi))  # "وثق المرصد أمس مقتل ..."
    if elsewhere and _earlier_report(words, lo, hi) and not any(
            d.kind in STRONG_DATES and d.days_before is not None and d.days_before > 1 for d in own_dates):
        elsewhere = False  # "وكان مصدر ... أفاد في وقت سابق بأن": the report came earlier, the attack is the news
        c.earlier_report = True
    c.background = opening or elsewhere or reported_yesterday
    if elsewhere and not opening and find_rising_tolls(text, words, lo, hi):
        c.background = False  # "إن حصيلة القتلى ارتفعت إلى 19، بعدما كان قد وثق في وقت سابق مقتل 16"
    if len(c.triggers) > 1:
        # "اشتباكات عنيفة ... ترافق مع قصف متبادل": what accompanies the attack does not name its kind
        lead = min(t.i for t in c.triggers)
        acc = next((k for k in range(lead + 1, hi) if words[k].norm.lstrip("و") in _ACCOMPANY), None)
        c.triggers = [replace(t, rank=min(t.rank, 5)) if acc is not None and t.i > acc and t.i - acc <= 8
                      else t for t in c.triggers]  # (all the weapons named after it: "مع قصف بقذائف الهاون وراجمات")
        # "اشتباكات ... والقوات النظامية التي تحاول اقتحام الحي": a storming attempted is the clash told
        c.triggers = [replace(t, rank=min(t.rank, 5)) if t.i > lead and t.attack_type == "raid" and any(
            words[k].norm.lstrip("و") in _ATTEMPTS for k in range(max(lo, t.i - 2), t.i)) else t for t in c.triggers]
    c.pluperfect = opening and not elsewhere and not any(
        d.value is not None and d.kind not in ("today", "hours") for d in c.dates)
    # "منذ الخامس من تشرين الأول": a date after "منذ" opens a period (a cumulative count follows)
    c.since_date = any(words[k].norm in _SINCE for k in range(lo, hi) for d in c.dates
                       if words[k].end <= d.start and len(text[words[k].end:d.start].strip()) == 0
                       and d.kind not in ("today", "hours")  # "تدور منذ فجر اليوم اشتباكات": today's fighting
                       and d.kind != "yesterday")  # "الاشتباكات التي اندلعت منذ صباح أمس الإثنين": the news day
    c.another = discourse.any_in("another_attack", words, lo, hi)
    c.new_event = (_starts("new_event_start", words, lo, hi) and not _toll_described(words, lo, hi)) or c.another \
        or recalled
    c.caused_by_told = bool(c.triggers) and all(
        (t.anaphoric or t.text.lstrip("و") in _DEFINITE_ATTACKS) and any(
            words[k].norm.lstrip("و").startswith(_CAUSED) for k in range(max(lo, t.i - 2), t.i)) for t in c.triggers)
    if c.new_event and not c.another and words[lo].norm.lstrip("و") == "كما" and discourse.any_in("also_there", words, lo, hi):
        c.new_event = False  # "كما أعدموا في الموقع ذاته سبعة مدنيين آخرين": more of the attack just told
    if c.new_event and not c.another and not c.places and c.triggers and all(
            t.anaphoric or (t.attack_type == "raid" and t.weak) for t in c.triggers):
        c.new_event = False  # "فيما اعتُقل أكثر من ستين شاباً": the arrests of the storming told, no place of their own
    c.meanwhile = _starts("meanwhile", words, lo, hi)
    c.dead_told = _about_the_dead(words, lo, hi)
    c.learnt = words[lo].norm in _LEARNT or c.dead_told
    c.similar = any(words[k].norm.startswith("مماثل") or (  # "الطائرات ذاتها": the same aircraft as before
        words[k].norm in _SAME_ONES and k > lo and words[k - 1].norm.startswith("ال")) or (
        # "كما قصفت طائرات أخرى بلدة موحسن"، "غارات أخرى": more of the same force's aircraft
        words[k].norm in ("اخري", "اخر") and k > lo and words[k - 1].norm.lstrip("و").startswith(_STRIKERS))
        for k in range(lo, hi)) or (
        # "كما طاولت الغارات أطراف مدينة طيبة الإمام"، "كما طال القصف الجوي": "also" and the raids told
        words[lo].norm.lstrip("و") == "كما" and any(
            words[k].norm.startswith("ال") and words[k].norm[2:].startswith(_STRIKERS + ("قصف",))
            for k in range(lo + 1, min(hi, lo + 4))))
    # "وكانوا قد انتزعوا السيطرة على معبر باب الهوى"، "فيما تمكنوا في شباط الماضي من السيطرة": a
    # plural verb opening the clause, with no group before it, has the sides told before as subject
    lead = next((k for k in range(lo, min(hi, lo + 3)) if len(words[k].norm.lstrip("وف")) >= 4
                 and words[k].norm.endswith("وا")), None)
    c.they = lead is not None and not any(lo <= g.i <= lead for g in c.groups)
    # "من جهته، قال الجيش الإسرائيلي إن طائراته قصفت ... في محيط بلدة الكسوة": the same strikes, told by
    # the other side with the places struck (one naming none is a reaction: "من جهتها، قالت رئاسة الأركان
    # التركية إن الغارات استهدفت أوكاراً إرهابية")
    c.side = _side_statement(words, lo, hi)
    first = min(c.triggers, key=lambda t: t.start, default=None)
    c.side_retell = c.side and first is not None and (first.anaphoric or (  # "أن الغارات استهدفت قرى مأهولة"
        first.j - first.i == 1 and words[first.i].norm.startswith("ال"))) and \
        lo < first.i <= lo + 20 and \
        words[first.i - 1].norm in ("ان", "بان")
    if not c.side_retell and _monitor_version(words, lo, hi, c):
        # "في حين قال المرصد السوري إن 36 مدنياً قتلوا بغارات لطائرات النظام الحربية على السوق": another
        # source's toll and attacker for the attack told (its site named back), no other attack
        c.side_retell = True
        c.new_event = False
    side = bool(c.places) and c.side
    if side:
        c.new_event = False
    c.cont = (_starts("continue_start", words, lo, hi) and not c.new_event) or side
    if c.cont:
        # "وقال مصدر عسكري ... «حوالي الساعة 20:40 من مساء اليوم، نفذ العدو ...»" published the next day:
        # a statement's own "today", quoted verbatim, dates the statement's day, not the news day
        c.dates = [d for d in c.dates if not (d.kind == "today" and _inside_quote(text, sent.start, d.start))]
    # "كما قُتل شخص رابع برصاص القوة المداهمة": "a fourth" counts on from the attack just told
    c.counts_on = any(words[k].norm in _ORDINALS and words[k - 1].norm.lstrip("و") in _PEOPLE
                      for k in range(lo + 1, hi)) or any(
        # "فجر ثلاثة انتحاريين أنفسهم ...، فيما فجر الثالث نفسه": the third of those told, not another attack
        t.attack_type == "suicide_attack" and t.j - t.i >= 3 and words[t.i + 1].norm in _DEF_ORDINALS for t in c.triggers)
    # (not a place of that name: "على جبهة المدينة الصناعية في الشيخ نجار"، "المدينة الرياضية")
    c.place_ana = any(not (j < hi and words[j].norm in _NAMED_BY_ADJECTIVE)
                      for _i, j in discourse.positions("place_anaphora", words, lo, hi))
    c.detail = words[lo].norm == "ففي"
    # (not a period's start: "أبشع المجازر التي ارتكبها التنظيم منذ إعلانه دولة الخلافة في يونيو")
    c.past_dated = any(x.days_before is not None and x.days_before > _NEWS_DAYS and not any(
        words[k].norm in _SINCE and words[k].end <= x.start for k in range(max(lo, _word_index(words, x.start) - 6), hi))
        for x in c.dates)
    then_blast = _starts("next_blast_start", words, lo, hi)
    if (c.new_event or then_blast) and any(t.attack_type in _EXPLOSIVE for t in c.triggers) and (
            then_blast or discourse.any_in("next_blast", words, lo, hi)) and \
            discourse.any_in("blast_site", words, lo, hi) and not discourse.any_in("same_spot", words, lo, hi) \
            and not any(p.precision <= 1 for p in c.places):
        # "ثم فجر انتحاري حزامه الناسف عند مدخل قسم الإسعاف في المشفى الوطني" after a car bomb in جبلة:
        # another blast at a site of its own, in the town told before
        c.next_blast = c.new_event = c.place_ana = True
    c.at_that_time = bool(_AT_THAT_TIME.search(text[start:end]))
    c.circumstance = words[lo].norm in _CIRCUMSTANCE or (
        words[lo].norm == "وذلك" and lo + 1 < hi and words[lo + 1].norm in _CIRCUMSTANCE)
    stations = [j for _i, j in discourse.positions("stationed_at", words, lo, hi)] + [j for _i, j in origin]
    answer_at = _answered_from(words, lo, hi) or hi  # ("احتجاجاً على ... إقامة نقاط عسكرية": not hit)
    sites = [(i, j) for i, j in discourse.positions("military_sites", words, lo, answer_at)
             if not any(i - 5 <= k <= i for k in stations)
             and not (i > lo and words[i - 1].norm.lstrip("و") in _NEXT_TO)  # "في حي هرابش المحاذي لمطار دير الزور العسكري"
             and not any(words[k].norm in _THERE_IS and words[k - 1].norm.lstrip("و") in _NO for k in range(max(lo + 1, i - 2), i))
             and not (  # ("إطلاق رصاص من حاجز": where it came from)
                 i > lo and words[i - 1].norm == "من" and any((t.shooting or t.attack_type in ("shelling", "other"))
                                                              and 0 <= i - 1 - t.j <= 3 for t in c.triggers))]
    c.military_site = bool(sites)
    c.vehicle_hit = discourse.any_in("ambushed_vehicles", words, lo, hi) and not discourse.any_in(
        "battle_words", words, lo, hi)
    if sites:
        i, j = sites[0]
        c.site_span = (words[i].start, words[j - 1].end, i, j)
    # an update names the attack ("الهجوم"، "جراء القصف"); without one it is a statistic, unless it tells
    # of the wounded who died ("أعلنت الهيئة ارتفاع عدد القتلى إلى 14، بعد وفاة ثلاثة من الجرحى")
    if c.triggers or any(words[k].norm.startswith(_DIED_OF_WOUNDS) or words[k].norm[1:].startswith(_DIED_OF_WOUNDS)
                         for k in range(lo, hi)):
        c.update = find_toll_update(text, words, lo, hi)
        if c.update is not None:
            c.casualties.insert(0, c.update)  # the new figure wins over the words it repeats
    rising = [] if c.update is not None else find_rising_tolls(text, words, lo, hi)
    if rising:
        # "بلغت الحصيلة الأولية 25 قتيلا، قبل أن ترتفع إلى 40": the later figure replaces the earlier one
        spans = {(x.count.start, x.count.end) for x in rising}
        c.casualties = [x for x in c.casualties if x.count is None or (x.count.start, x.count.end) not in spans]
        c.casualties.extend(rising)
    c.owner_named = owned_attacker(words, lo, hi, c.groups) if c.groups else None
    return c


# ----------------------------------------------------------------------------------------------
# 2. classification


def _imperfective_only(c: Clause, swords: list[StanzaWord]) -> bool:
    """All verbal triggers are imperfective (habitual: "تستهدف", "يشنها"): no single attack."""
    verbal = []
    for t in c.triggers:
        if t.anaphoric:
            continue
        w = next((s for s in swords if s.start <= t.start < s.end), None)
        if w is None:
            return False
        if w.upos != "VERB":
            return False
        verbal.append("Aspect=Imp" in (w.feats or ""))
    return bool(verbal) and all(verbal)


_PAST_SPAN = frozenset(norm_phrase("الماضية الماضي الأخيرة الفائتة المنصرمة"))
_SUPERLATIVES = frozenset(norm_phrase("الأعلى أعلى الأعنف أعنف الأكبر أكبر الأسوأ أسوأ الأشد أشد الأكثر الأول الأولى"
                                      " الأدمى أدمى"))


def _after_superlative(words: list[Word], lo: int, pos: int) -> bool:
    """"في حصيلة هي الأعلى في يوم واحد ... منذ أكثر من ثلاث سنوات": "منذ" after a superlative
    compares this attack with the past; it does not open a cumulative period."""
    k = bisect.bisect_left(words, pos, key=lambda w: w.start)
    return any(words[x].norm in _SUPERLATIVES or (words[x].norm == "اكثر" and x + 1 < k and words[x + 1].norm != "من")
               # "في أول حادثة إطلاق نار مباشر على المتظاهرين منذ انطلاق الاحتجاجات" (not "أول أمس")
               or (words[x].norm.lstrip("وف") in ("اول", "كاول") and x + 1 < k and words[x + 1].norm not in ("امس", "من"))
               for x in range(max(lo, k - 12), k))  # "من أكثر الهجمات دموية" (but "أكثر من 500" is a count)


_SOURCE_WORDS = frozenset(norm_phrase("مواقع موقع مواقعها مواقعه نقاط نقطة قوات النظام الجيش الحكومية للنظام لقوات "
                                      "المتمركزة المتمركز المتمركزين في معسكر قاعدة مقر الفوج اللواء ثكنة"))


_UNITS = frozenset(norm_phrase("اللواء الفوج الفرقة الكتيبة"))


_PERSONS = frozenset(norm_phrase("تاجر تاجرا شاب شابا رجل رجلا مواطن مواطنا طفل طفلا امرأة سيدة عامل عاملا سائق "
                                 "سائقا موظف موظفا مدني مدنيا طالب طالبا شخص شخصا"))


def _person_from(words: list[Word], pos: int) -> bool:
    """"تاجر من ريف دمشق": a place right after a person and "من" is where the person comes from (so is
    one after "أهالي": "قافلة الحافلات التي تقل أهالي بلدتي الفوعة وكفريا")."""
    k = bisect.bisect_left(words, pos, key=lambda w: w.start)
    return (k > 1 and words[k - 1].norm == "من" and words[k - 2].norm in _PERSONS) or (
        k > 0 and words[k - 1].norm.lstrip("و") in _RESIDENTS)


_RESIDENTS = frozenset(norm_phrase("أهالي سكان"))


def _and_between(text: str, end: int, start: int) -> bool:
    """Only "و" joins the place ending at ``end`` to the one at ``start`` (the و may open the second)."""
    gap = text[end:start].strip()
    return gap == "و" or (not gap and text[start:start + 1] == "و")


def _aimed_at_after(words: list[Word], j: int, pos: int) -> bool:
    """"انطلاقاً من الأراضي التركية على معبر كسب": "على" ends where the fire came from; the place after it
    is the one hit."""
    k = bisect.bisect_left(words, pos, key=lambda w: w.start)
    if any(words[q].norm in _AIMED_AT for q in range(j, k)):
        return True
    # "قصفت ... من مواقعها في جبل زين العابدين بلدة طيبة الإمام": a bare town noun after the place the fire
    # came from is the verb's object
    return k < len(words) and k - j >= 2 and words[k].norm in _TOWN_NOUNS and words[k - 1].norm not in ("في", "من")


_AIMED_AT = frozenset(norm_phrase("على باتجاه نحو"))
_TOWN_NOUNS = frozenset(norm_phrase("بلدة مدينة قرية بلدات مدن قرى حي أحياء"))


def _command_seat(words: list[Word], groups: list[GroupMention], pos: int) -> bool:
    """"قائد قوات الدفاع الوطني في اللاذقية": a place right after "في" that follows a force a leader heads."""
    k = bisect.bisect_left(words, pos, key=lambda w: w.start)
    if k < 3 or words[k - 1].norm != "في":
        return False
    g = next((g for g in groups if g.j == k - 1), None)
    return g is not None and g.i > 0 and words[g.i - 1].norm.lstrip("و") in _LEADERS


_LEADERS = frozenset(norm_phrase("قائد قائدا القائد مسؤول مسؤولا المسؤول رئيس قيادي قياديا القيادي أمير أميرا"))


def _numbered_unit(words: list[Word], j: int, pos: int) -> bool:
    """"طال قصف مدفعي مصدره اللواء 52 بلدة الكرك الشرقي": the source is the numbered unit; the place
    after it is the one hit."""
    gap = [w for w in words[j:j + 3] if w.end <= pos]
    return len(gap) == 2 and gap[0].norm in _UNITS and gap[1].norm.isdigit()


def _source_site(words: list[Word], j: int, pos: int) -> bool:
    """"مصدره مواقع قوات النظام في معسكر جورين": only the force and its post stand between the origin cue
    and the place, which is where the fire came from."""
    k = j
    while k < len(words) and words[k].end <= pos:
        if words[k].norm not in _SOURCE_WORDS:
            return False
        k += 1
    return True


# a relative clause in the present tense ending right before a period ("التي تشهد مظاهرات حاشدة منذ")
_STATE_SINCE = re.compile(r"(?:التي|الذي|اللتين|اللذين)\s+[تي][\u0621-\u064A]{2,}(?:\s+[\u0621-\u064A]+){0,4}\s+$")


def _describes_place(text: str, c: Clause, d) -> bool:
    """"على أحياء حمص القديمة المحاصرة منذ أكثر من شهر": a period after a place and its definite
    adjectives describes the place, not the attack."""
    if not d.text.startswith(("منذ", "ومنذ")):
        return False
    if text.startswith("حيث", c.start) and d.start < min((t.start for t in c.triggers), default=c.end):
        return True  # "حيث يعتصم مئات المحتجين منذ خمسة أيام، وأطلقت الرصاص": how long the place has been so
    if d.kind not in ("since", "year") and _STATE_SINCE.search(text, max(c.start, d.start - 70), d.start):
        return True  # "أحياء في المدينة التي تشهد مظاهرات حاشدة منذ أسابيع": how long a state has lasted
    for p in c.places:
        gap = text[p.end:d.start].split()
        if p.end <= d.start and 1 <= len(gap) <= 2 and all(w.startswith("ال") for w in gap):
            return True
    return False


_SEAT_BEFORE = re.compile(r"(?:^|\s)و?في\s*$")
_SEAT_AFTER = re.compile(r"\s*[،,]\s*(?:نقلت|قالت|ذكرت|أفادت|أعلنت|أكدت|نقل|قال|ذكر|أفاد|أعلن|أكد|اتهمت|اتهم|نفت|نفى)\s")


def _speaker_span(words: list[Word], lo: int, hi: int) -> tuple[int, int] | None:
    """(speech verb, "إن/أن") word indices when the clause opens by saying who speaks: the words between
    describe the speaker."""
    v = next((k for k in (lo, lo + 1) if k < hi and words[k].norm.lstrip("و") in _SPEECH_VERBS), None)
    if v is None:
        return None
    k = next((k for k in range(v + 1, min(hi, v + 16)) if words[k].norm in _THAT_WORDS), None)
    return (v, k) if k is not None else None


def _speaker_seat(text: str, start: int, end: int) -> bool:
    """"وفي دمشق، نقلت الوكالة العربية السورية للأنباء ...": the city a reaction comes from is not the
    place of the attack."""
    return _SEAT_BEFORE.search(text, max(0, start - 6), start) is not None and _SEAT_AFTER.match(text, end) is not None


_HEADING_RE = re.compile(r"[^\n:،.]{2,40}:")


def _bulletin_line(text: str, start: int, anywhere: bool = False) -> bool:
    """True when ``start`` opens (``anywhere``: lies in) a line headed like a bulletin's ("محافظة درعا:
    ..."، "ريف دمشق: ...")."""
    line = text.rfind("\n", 0, start) + 1
    return (anywhere or not text[line:start].strip()) and _HEADING_RE.match(text, line) is not None


_LEARNT = frozenset(norm_phrase("وتبين تبين واتضح اتضح"))
_THE_DEAD = frozenset(norm_phrase("الشهيد القتيل الضحية الفقيد المغدور"))
_ENLISTED = tuple(norm_phrase("منتسبا منتسب ينتمي ينتسب عنصرا يعمل"))


def _about_the_dead(words: list[Word], lo: int, hi: int) -> bool:
    """"وكان الشهيد محمد خلف العلي منتسباً إلى صفوف قوى الأمن الداخلي": who the dead man was, told later."""
    return lo + 2 < hi and words[lo].norm.lstrip("و") in ("كان", "كانت") and words[lo + 1].norm in _THE_DEAD and any(
        words[k].norm.startswith(_ENLISTED) for k in range(lo + 2, min(hi, lo + 8)))
_TOLD_BY = frozenset(norm_phrase("شنها شنتها شنوها نفذها نفذتها نفذوها"))
_DEEMED = frozenset(norm_phrase("ويعد يعد وتعد تعد ويعتبر يعتبر وتعتبر تعتبر"))
_DEF_ORDINALS = frozenset(norm_phrase("الثاني الثانية الثالث الثالثة الرابع الرابعة الخامس الخامسة السادس السادسة "
                                   "السابع السابعة الثامن الثامنة التاسع التاسعة العاشر العاشرة"))
_IT_IS = frozenset(norm_phrase("هو هي وهو وهي وهذا وهذه ليكون لتكون ويعد وتعد"))


def _remark_at(words: list[Word], lo: int, hi: int) -> int | None:
    """Where "وهو الثالث ..." (an ordinal remark on the attack told) starts in words[lo:hi], if anywhere."""
    return next((k - 1 for k in range(lo + 1, hi) if words[k].norm in _DEF_ORDINALS and words[k - 1].norm in _IT_IS),
                None)


def _ordinal_remark(words: list[Word], lo: int, i: int) -> bool:
    """"لقي راعي أغنام حتفه بانفجار لغم، وهو الثالث الذي يقتل بالطريقة ذاتها خلال الشهر الجاري": the
    period counts how often such attacks happen; it is no toll of its own."""
    return _remark_at(words, max(lo, i - 11), i) is not None


def _place_state(c: Clause, words: list[Word], pos: int) -> bool:
    """"إثر سقوط قذائف على مدينة الرستن التي تشهد قصفاً متقطعاً منذ أشهر": a period in a relative clause
    on the place, after the clause's toll and with none after it, describes the place, not a toll."""
    k = bisect.bisect_left(words, pos, key=lambda w: w.start)
    rel = next((x for x in range(k - 1, max(c.lo, k - 8) - 1, -1) if words[x].norm in _RELATIVES), None)
    if rel is None or not any(0 <= words[rel].start - p.end <= 3 for p in c.places):
        return False
    start = words[rel].start
    return any(x.value is not None and x.cue_start < start for x in c.casualties) and not any(
        x.cue_start >= start for x in c.casualties)


def _in_relative_state(c: Clause, words: list[Word], pos: int) -> bool:
    """True when ``pos`` sits in a relative clause that follows the clause's news day and no toll
    comes after that relative pronoun."""
    k = bisect.bisect_left(words, pos, key=lambda w: w.start)
    # (or a besieged place: "على مدينة داريا المحاصرة منذ نحو أربع سنوات")
    rel = next((x for x in range(k - 1, max(c.lo, k - 16) - 1, -1) if words[x].norm in _RELATIVES
                or words[x].norm in _BESIEGED), None)
    if rel is None:
        return False
    start = words[rel].start
    return any(d.kind in STRONG_DATES and d.end <= start for d in c.dates) and not any(
        x.cue_start >= start for x in c.casualties)


_BESIEGED = frozenset(norm_phrase("المحاصرة المحاصر المحاصرين المحاصرتين"))
_THAT_WORDS = frozenset(norm_phrase("أن إن بأن أنه أنها بأنه بأنها إنه إنها"))
_BARE_SHELLING = ("قصف", "القصف", "وقصف", "بقصف", "يقصف", "تقصف")
_PRESENT_ATTACK = frozenset(norm_phrase("يستهدف تستهدف يستهدفون يقصف تقصف يشن تشن يهاجم تهاجم يستهدفها تستهدفها"))
_TRYING = frozenset(norm_phrase("تحاول يحاول يحاولون تسعى يسعى يسعون"))
_INITIAL = frozenset(norm_phrase("الأولية أولية الأولى سابق"))  # ("أعلن في وقت سابق أن حصيلة التفجير بلغت 25")
_SETTLEMENT_KINDS = {"village", "town", "city", "hamlet"}
_RELATIVES = frozenset(norm_phrase("الذي التي اللذين اللتين الذين اللذان اللتان اللواتي"))
_COMES_AFTER = frozenset(norm_phrase("ويأتي يأتي وتأتي تأتي وجاء جاء وجاءت"))
_AIR = frozenset(("airstrike", "drone_strike"))
_FOREIGN_AIR = frozenset(("turkey", "israel", "us_led_coalition", "russia"))
_MISSILE_AIR = frozenset(("israel", "us_led_coalition"))  # (missiles from their jets and ships)
_SAME_WORDS = frozenset(norm_phrase("ذاته ذاتها نفسه نفسها عينه عينها"))
_ATTEMPTS = frozenset(norm_phrase("تحاول يحاول حاولت حاول محاولة محاولات يحاولون حاولوا"))
_ACCOMPANY = frozenset(norm_phrase("ترافق ترافقت يترافق مترافقا مترافقة وسط بالتزامن تزامنا تخللها تخلله رافقه رافقها"))
_HOSPITAL = frozenset(norm_phrase("مشفى مستشفى المشفى المستشفى"))
_COINCIDE = frozenset(norm_phrase("تزامن وتزامن تزامنت وتزامنت يتزامن ويتزامن ترافق وترافق ترافقت وترافقت"))


_DENIALS = frozenset(norm_phrase("ينفي نفى نفت تنفي نافيا نافية ينفى"))
# (and "ففي": "تعرضت النقاط التركية لهجمات متكررة خلال الأشهر الماضية، ففي 27 حزيران الماضي قتل جندي تركي")
_PICKS = frozenset(norm_phrase("أعنفها أعنفه أبرزها أبرزه أكثرها أحدثها آخرها أشدها أكبرها أدماها أفظعها أخطرها ففي"))
_BETWEEN_WORD = frozenset(norm_phrase("بين"))
_LINE_WORDS = frozenset(norm_phrase("خط خطوط منطقة"))
_HEDGE_VERBS = frozenset(norm_phrase("يرجح يعتقد يظن يشتبه يبدو"))
_GUN_SITES = frozenset(norm_phrase("مواقع موقع مرابض مربض كتيبة كتائب سرية فوج بطاريات بطارية منصات منصة مستودع مستودعات"))
# "اشتباك مسلح بين عائلتين"، "اشتباكات عنيفة منذ مساء أمس، بين مسلحين ... وأبناء عائلات"
_BETWEEN_SIDES = re.compile(r"[^.\n]{0,40}?[\s،,]بين\s")
_IN_RESPONSE = frozenset(norm_phrase("ردا رداً وردا ورداً انتقاما احتجاجا احتجاجاً تنديدا تنديداً"))  # (what a protest was against)
_CLAIM_STEMS = ("تبني", "تبنت", "يتبني", "تتبني", "تبناه", "تبنته", "تبناها")
_PLURAL_ATTACKS = frozenset(norm_phrase("التفجيرات الهجمات العمليات الهجومين التفجيرين الانفجارات الغارات الاعتداءات"))


def _answered_from(words: list[Word], lo: int, hi: int) -> int | None:
    """Where "رداً على"، "احتجاجاً على" starts in words[lo:hi]: what follows is what was answered or
    protested, not the clause's own attack. So is what a side is accused of ("هاجم مقرات فرقة الحمزة،
    بعد اتهامه لها بالوقوف وراء اغتيال ناشط")."""
    return next((k for k in range(lo + 1, hi - 1) if (words[k].norm in _IN_RESPONSE
                 and words[k + 1].norm in ("علي", "ل")) or (words[k].norm in _BEHIND_IT and words[k + 1].norm == "ورا")
                 or (words[k].norm in _INVOLVED_IN and words[k + 1].norm == "في")), None)


_BEHIND_IT = frozenset(norm_phrase("بالوقوف الوقوف يقف تقف وقوف"))
# ("حملة أمنية استهدفت مجموعة مسلحة تتهمها السلطات بالتورط في عمليات خطف وقتل")
_INVOLVED_IN = frozenset(norm_phrase("بالتورط بتورطها بتورطه بتورطهم بضلوعها بضلوعه بضلوعهم"))


def _told_abroad(c: Clause, words: list[Word], t: Trigger) -> bool:
    """The first place told after the attack word is a foreign one ("في إسطنبول"), within a few words."""
    if any(i == t.j for i, _j in discourse.positions("abroad_named", words, t.j, min(c.hi, t.j + 3))):
        return True  # ("منفذي هجوم أنقرة")
    # (not a group's name, "تنظيم الدولة الإسلامية في العراق والشام", nor "أهداف في العراق وسوريا")
    after = [(i, j) for i, j in discourse.positions("abroad", words, t.j, min(c.hi, t.j + 10))
             if not any(g.i <= i < g.j for g in c.groups)
             and not (j < c.hi and words[j].norm.lstrip("و") in _SYRIA_WORDS)]
    if not after:
        return False
    syrian = [p.start for p in c.places if p.start >= words[t.j - 1].end]
    return not syrian or words[after[0][0]].start < min(syrian)


_SYRIA_WORDS = frozenset(norm_phrase("سوريا سورية الشام"))


def classify(c: Clause, words: list[Word], swords: list[StanzaWord], text: str) -> None:
    c.unhurt = discourse.any_in("no_casualties", words, c.lo, c.hi)
    c.body_found = any(x.kind == "killed" and text[x.start:x.end].lstrip("و").startswith("جث") for x in c.casualties)
    # an arrest told by its verb alone is no raid when those taken are suspects of an attack told
    # ("ألقت القبض على ثلاثة من المشتبه بتورطهم": a follow-up) or a count since some time ("أكثر من 500
    # شخص اعتقلوا منذ توقيع الاتفاق")
    if any(t.weak and t.attack_type == "raid" for t in c.triggers) and (
            any(x.suspects for x in c.casualties if x.kind == "captured")
            or any(words[k].norm in _SINCE for k in range(c.lo, c.hi))):
        c.triggers = [t for t in c.triggers if not (t.weak and t.attack_type == "raid")]
    # "استهدفت طائراته موقعين، رداً على سقوط قذائف صاروخية في الجولان": the attack answered is
    # another one; its words do not name this attack's kind
    resp = _answered_from(words, c.lo, c.hi)
    if resp is not None and any(t.i < resp for t in c.triggers if not t.anaphoric):
        c.triggers = [t for t in c.triggers if t.i < resp]
    # "وكان المرصد قد وثق استشهاد 23 مواطناً في الغارة ذاتها": the same attack, told again
    c.triggers = [replace(t, anaphoric=True) if t.j < c.hi and words[t.j].norm in _SAME_WORDS
                  and words[t.i].norm.lstrip("وبل").startswith("ال") else t for t in c.triggers]
    spread = next((t for t in c.triggers if _SPREAD.match(t.text)), None)
    to = next((k for k in range(spread.j, c.hi) if words[k].norm == "الي"), None) if spread is not None else None
    if to is not None and any(p.start > words[to].start for p in c.places):
        # "امتدت المواجهات التي اندلعت في مدينة جرمانا إلى منطقة أشرفية صحنايا": the fight is now where it
        # spread to; where it began is the earlier attack's place
        c.places = [p for p in c.places if p.start > words[to].start]
        c.spread_to = True
    among = next((k for k in range(c.lo, c.hi) if words[k].norm in _AMONG_THEM), None)
    if among is not None and any(t.anaphoric and t.i < among and not (
            t.i > c.lo and words[t.i - 1].norm.lstrip("و") in _AFTER_WORDS) for t in c.triggers) and all(
            t.i > among for t in c.triggers if not t.anaphoric):
        # (not "بعد المجزرة التي شهدتها المزرعة ...، والتي وثق المرصد فيها استشهاد 55 بينهم نساء، قتل معظمهم
        # على يد مسلحين": an earlier attack named, then told)
        # "بأن حصيلة الاشتباكات بلغت 12 قتيلاً، بينهم ثلاثة مدنيين قضوا برصاص عشوائي": how some of the
        # attack's dead died, not another attack
        c.triggers = [t if t.anaphoric else replace(t, anaphoric=True) for t in c.triggers]
    real = [t for t in c.triggers if not t.anaphoric]
    claim_at = next((k for k in range(c.lo, c.hi) if words[k].norm.lstrip("و").startswith(_CLAIM_STEMS)
                     or "مسوولي" in words[k].norm), None)
    if claim_at is not None:
        # "وتبنى تنظيم الدولة ... التفجيرات الأربعة": a claim of the attacks told, plural or one
        c.claim = "all" if any(words[k].norm.lstrip("وب") in _PLURAL_ATTACKS for k in range(claim_at, c.hi)) else "one"
        c.claims_bombings = any(words[k].norm.lstrip("وب") in _BOMBING_WORDS for k in range(claim_at, c.hi))
        c.claim_start = words[claim_at].start
        blame = _blamed(c, words, c.groups)
        if blame is not None and not c.is_title and all(t.i > blame.i for t in c.triggers):
            # "وحمّلت وزارة الدفاع التركية تنظيم ي ب ك مسؤولية الهجوم، مشيرة إلى أن التنظيم يواصل
            # استهداف المدنيين": the blame for the attack told, not another attack
            c.kind, c.why, c.background = "anaphoric", "blame", False
            return
    since = next((k for k in range(c.lo, c.hi) if words[k].norm == "منذ"), c.hi)
    if words[c.lo].norm in _DEEMED and not real and any(
            words[k].norm in _SUPERLATIVES or words[k].norm.lstrip("و") in ("اول", "الاول", "الاولي")
            for k in range(c.lo + 1, min(c.hi, c.lo + 5))) and not any(t.i > since for t in c.triggers) and not any(
            x.cue_start > words[since].start for x in c.casualties if since < c.hi):
        # "ويعد الهجوم الأول من نوعه على كنيسة في دمشق منذ سقوط النظام": a remark on the attack told (but
        # "ويعد هذا الاعتداء الأكبر منذ الاعتداء الذي نفذه داعش في 30 كانون الأول" names a past attack)
        c.kind, c.why = "none", "remark"
        return
    if real and all(_told_abroad(c, words, t) for t in real):
        # "وتأتي العملية بعد أسبوع من التفجير الإرهابي الذي شهده شارع الاستقلال في إسطنبول": not in Syria
        c.kind, c.why = "none", "abroad"
        return
    if words[c.lo].norm in _COINCIDE:
        # "وتزامن القصف مع زيارة ... إلى دمشق": the attack already told, dated by something else; but
        # "وتزامنت الغارات مع قصف مدفعي استهدف بلدة حمورية": what comes after "مع" is another attack
        with_at = next((k for k in range(c.lo, c.hi) if words[k].norm == "مع"), None)
        real = [t for t in real if with_at is not None and t.i > with_at and c.places]
        if real:
            c.triggers = [t for t in c.triggers if t.i > with_at]  # "الغارات" before "مع" is the other attack
    has_ana = any(t.anaphoric for t in c.triggers)
    lo, hi = c.lo, c.hi
    if _starts("frame_start", words, lo, hi) and not any(x.value is not None for x in c.casualties) and not any(
            p.precision <= 1 for p in c.places):
        # "وذلك في إطار هجوم واسع بدأه التنظيم الأربعاء الماضي بهدف السيطرة على المطار": the campaign the
        # attack belongs to, not an attack of its own
        c.kind, c.why = "none", "frame"
        return
    # "دون ورود معلومات عن خسائر حتى الآن": "so far" closes a no-news remark, not a cumulative period
    news_day = any(d.kind in STRONG_DATES and d.days_before in (0, 1) for d in c.dates)
    cum_dates = [d for d in c.dates if d.kind in CUMULATIVE_DATES and not _after_superlative(words, lo, d.start)
                 and not (d.kind == "until_now" and news_day)  # "بدأت اليوم حملة أسفرت حتى الآن عن مقتل 3"
                 # "كسر الحصار الذي يفرضه التنظيم ... منذ مطلع عام 2015": a period in a relative clause on
                 # a state, after the news day, is how long the state lasted
                 and not (news_day and _in_relative_state(c, words, d.start))]
    if cum_dates and discourse.any_in("no_info", words, lo, hi):
        cum_dates = [d for d in cum_dates if d.kind != "until_now"]
    upd = c.update
    rising = any(x.update for x in c.casualties)  # "إن حصيلة القتلى ارتفعت إلى 19": this attack's toll
    if not rising and upd is None and any(words[k].norm.startswith("متاثر") for k in range(lo, hi)) and any(
            words[k].norm in ("سابق", "سابقا", "سابقه") for k in range(lo, min(len(words), hi + 4))):
        # "فارق رجل الحياة متأثراً بجراح أصيب بها في وقت سابق جراء قصف": a death of old wounds, not an attack
        c.kind, c.why = "none", "died of earlier wounds"
        return
    told_from = [t.start for t in c.triggers if t.anaphoric] if rising else []
    if told_from:
        # "ارتفعت حصيلة القتلى إلى 89 منذ بدء الهجوم": since the start of the attack told, its own toll
        # (the whole attack's, not that of the last of its episodes)
        kept = [d for d in cum_dates if not any(0 <= s - d.end <= 2 for s in told_from)]
        c.since_start = len(kept) < len(cum_dates)
        cum_dates = kept
    # (and a whole month's count: "مقتل 37 شخصاً في عمليات اغتيال خلال نيسان الماضي وحده")
    month_spans = [(k, k + 2) for k in range(lo, hi - 1)
                   if words[k].norm.lstrip("و") == "خلال" and words[k + 1].norm in month_first_words()]
    cumulative = [(i, j) for i, j in discourse.positions("cumulative", words, lo, hi) + month_spans
                  if (upd is None or not (upd.cue_start <= words[i].start < upd.cue_end))
                  # (a cue never straddles a comma: "مستشاري الحرس الثوري في سوريا، في منطقة السيدة زينب";
                  # nor a quoted name's end: "مقر «مركز توثيق الانتهاكات في سوريا» في مدينة دوما")
                  and not any(ch in "،,؛;:\"«»“”" for ch in text[words[i].start:words[j - 1].end])
                  and not (rising and any(x in words[k].norm for k in range(i, j) for x in ("حصيل", "رتفع")))
                  and not _after_superlative(words, lo, words[i].start)  # "من أكثر الهجمات دموية منذ سنوات"
                  and not any(0 <= s - words[j - 1].end <= 2 for s in told_from)
                  # "ودارت اشتباكات اليوم ... والقوات النظامية التي تحاول اقتحام الحي منذ أشهر": a period in a
                  # relative clause after the news day, with no toll after it, describes a state (its date
                  # is already dropped with the relative clause), not a toll period
                  and not (news_day and _in_relative_state(c, words, words[i].start))
                  and not _place_state(c, words, words[i].start)
                  and not _ordinal_remark(words, lo, i)
                  # "ما أسفر عن مقتل 25 شخصاً، وفق حصيلة لوزارة الصحة": who counted this attack's dead
                  and not (words[i].norm in _TOLL_WORDS and i > lo and words[i - 1].norm in _PER_SOURCE)
                  # "دون ورود معلومات عن حصيلة الضحايا هناك": no toll known, no period's toll
                  and not (words[i].norm in _TOLL_WORDS and i > lo and words[i - 1].norm == "عن"
                           and discourse.any_in("no_info", words, max(lo, i - 6), i))]
    # ("خلال الأيام الثمانية الماضية": the last days; not "خلال الأسابيع الثلاثة التي سيطر فيها", one massacre)
    cumulative += [(i, j) for i, j in discourse.positions("toll_period", words, lo, hi)
                   if any(x.value is not None and x.cue_start < words[i].start for x in c.casualties)
                   and any(words[k].norm in _PAST_SPAN for k in range(j, min(hi, j + 3)))]
    # "وتقول الأمم المتحدة إن أكثر من 100 ألف شخص قتلوا في الصراع": tens of thousands are a war's toll
    cumulative += [(_word_index(words, x.cue_start), _word_index(words, x.cue_start) + 1) for x in c.casualties
                   if x.value is not None and (x.value >= _WAR_TOLL or (x.value >= _PERIOD_TOLL and not real))]
    # "رصد المرصد 312 عملية نفذتها خلايا التنظيم": scores of operations counted are a period's record
    cumulative += [(k, k + 2) for k in range(lo, hi - 1) if words[k + 1].norm.lstrip("و") in _OPERATIONS
                   and (n := count_at(text, words, k)) is not None and n.value is not None and n.value >= _MANY_OPERATIONS]
    pick = next((k for k in range(lo, hi) if words[k].norm.lstrip("و") in _PICKS), None)
    if pick is not None and (cumulative or cum_dates) and any(
            d.precision == "day" and d.start > words[pick].start for d in c.dates):
        # "وشهدت دمشق عدة تفجيرات خلال الأشهر الماضية، كان أعنفها في 21 شباط، حين قتل أكثر من 50": the
        # one attack singled out, with its day, is an attack of its own
        c.dates = [d for d in c.dates if d.start > words[pick].start]
        cumulative, cum_dates = [], []
        c.since_date = False
    # (a line that tells its own attack first gives its first toll: "شنت طائرات الأسد غارات ... ما أدى إلى
    # استشهاد خمسة مدنيين في حصيلة أولية")
    toll_word = next((k for k in range(lo, hi) if "حصيل" in words[k].norm), None)
    if cumulative and toll_word is not None and not any(t.i < toll_word for t in real) and not c.is_title and any(
            words[k].norm in _INITIAL for k in range(lo, hi)) and not (cum_dates or c.since_date) and not any(
            p.precision <= 2 for p in c.places) and not any(d.kind in STRONG_DATES for d in c.dates):
        # "وكانت الحصيلة الأولى قد تحدثت عن مقتل ستة عناصر، قبل أن ترتفع خلال ساعات الليل": the first
        # count of the attack told, not a period's toll
        c.kind, c.why, c.background = "anaphoric", "initial toll", False
        return
    if cumulative and real and not any(x.value is not None for x in c.casualties) and any(
            named_armed_side(g.id) for g in c.groups) and any(
            d.kind in STRONG_DATES for d in c.dates):
        # "إن إسرائيل شنت غارات على خمس مناطق مختلفة في أنحاء البلاد في وقت متأخر من مساء الأربعاء": one
        # attacker's raid on many places in one night (not "مئات الضربات ... منذ الإطاحة بالأسد")
        wide = discourse.positions("nationwide", words, lo, hi)
        cumulative = [x for x in cumulative if not any(a <= x[0] < b for a, b in wide)]
    if cumulative and not (cum_dates or c.since_date) and len(bracket_tolls(c)) >= 2:
        cumulative = []  # "وتوزع الضحايا: السوسة (6 قتلى)، الشعفة (5 قتلى)": this attack's toll per place
    # "تعرض للاختطاف ... بعد أن انقطع الاتصال به منذ يوم الثلاثاء": a weekday after "منذ" dates the attack
    # (not "وشنت إسرائيل منذ الثامن من كانون الأول مئات الغارات": a campaign)
    since_lost = c.since_date and not cumulative and not cum_dates and real and not any(
        x.value is not None for x in c.casualties) and all(
        d.kind == "weekday" for d in c.dates if any(
            words[k].norm in _SINCE and words[k].end <= d.start and len(text[words[k].end:d.start].strip()) == 0
            for k in range(lo, hi)))
    # "وثّق المرصد مقتل 349 شخصاً خلال شهر كانون الثاني، في حصيلة هي الأعلى منذ أشهر": a month's count
    # with no attack named stays a period's toll, however high
    period_toll = not real and not c.is_title and discourse.any_in("period_span", words, lo, hi)
    # "وبذلك ترتفع الحصيلة الإجمالية لضحايا هجمات اليوم إلى 215": the running total of the attacks told
    period_toll = period_toll or (words[lo].norm in ("وبذلك", "بذلك") and not c.is_title
                                  and any("رتفع" in words[k].norm for k in range(lo, min(hi, lo + 3)))
                                  # (or a campaign's: "وبذلك يرتفع عدد ضحايا حملة البراميل على حلب")
                                  and all(t.generic_plural or t.anaphoric or (t.i > lo and words[t.i - 1].norm in _CAMPAIGN)
                                          for t in c.triggers))
    if period_toll or (cumulative and not discourse.any_in("toll_of_this", words, lo, hi)) \
            or cum_dates or (c.since_date and not since_lost) or c.breakdown:
        c.kind, c.why = "none", "cumulative"
        return
    if not real and discourse.any_in("funeral", words, lo, hi):
        c.kind, c.why = "none", "funeral"
        return
    # "منذ إعلان وقف إطلاق النار": a time reference to a truce or plan does not cancel the report
    # a cue after an attack already told with its toll ("قتل اثنان ... كانوا يخططون لهجمات"، "قتل 5 رغم
    # اتفاق وقف إطلاق النار") qualifies it; it does not deny it
    told = min((x.cue_start for x in c.casualties if x.value is not None), default=None)
    first_real = min((t.start for t in real), default=None)
    cues = discourse.positions("not_event", words, lo, hi)
    aims = {i for i, _j in cues if first_real is not None and words[i].start > first_real and any(
        words[k].norm.lstrip("و") in _WAS_WHO for k in range(max(lo, i - 2), i))}
    if any(not any(words[k].norm in _TIME_REF for k in range(max(lo, i - 2), i))
           and not (i > lo and words[i - 1].norm.lstrip("و") in _LINE_WORDS)  # "خط وقف إطلاق النار": a place
           and not (told is not None and first_real is not None and words[i].start > max(told, first_real))
           # "نفذت، أمس الأحد، ضربة استهدفت منشأة ... قرب مدينة حلب، قالت إنها تضم عناصر مسؤولين عن
           # التخطيط لهجمات تهدد ...": a cue in a later part of the sentence qualifies the attack told
           # (a denial still denies: "قضت على عدد من أفرادها، ونفت وقوع خسائر")
           and not (first_real is not None and c.places and words[i].start > first_real and any(
               ch in text[first_real:words[i].start] for ch in "،,") and words[i].norm.lstrip("و") not in _DENIALS)
           # "ولم يصدر تعليق رسمي على الهجوم، لكن التلفزيون قال إن الطائرات نفذت غارات": "but" turns to the news
           and not any(words[k].norm in _BUT and any(t.i > k for t in real) for k in range(i + 1, hi))
           # "نفذ ضربة جوية استهدفت مجموعة متطرفة كانت تستعد لمهاجمة السكان": what the target was about to do
           and i not in aims
           for i, _j in cues):
        c.kind, c.why = "none", "not an event"
        return
    aim = min(aims, default=None)
    if aim is not None:
        # (what the target was about to do names no kind of this attack: "كانت تستعد لمهاجمة السكان")
        c.triggers = [t for t in c.triggers if t.i < aim]
        real = [t for t in c.triggers if not t.anaphoric]
    has_date = any(d.kind in SPECIFIC_DATES and not d.text.startswith(("منذ", "ومنذ")) for d in c.dates)  # "منذ أسابيع" is a period
    has_count = any(x.value is not None for x in c.casualties)
    # (not "ولا يزال مصيره مجهولاً": what is still unknown is the fate of one taken)
    taken = any(t.attack_type == "abduction" and not t.anaphoric for t in c.triggers)
    generic = any(not (taken and j < hi and words[j].norm.startswith("مصير")) for _i, j in discourse.positions(
        "generic", words, lo, hi)) or any(
        0 <= i - t.j <= 2 for i, _j in discourse.positions("pattern_adjectives", words, lo, hi) for t in c.triggers)
    if not real:
        if rising and not c.is_title:
            # "وفي حصيلة جديدة، ارتفع عدد ضحايا المجزرة إلى 72" (even with "قوات مكافحة الإرهاب" among the dead)
            c.kind, c.why = "anaphoric", "rising toll"
            return
        if generic:
            c.kind, c.why = "none", "generic"
            return
        if c.dates and all(d.precision in ("month", "year") for d in c.dates) and not any(
                p.precision <= 2 for p in c.places) and any(x.value is not None for x in c.casualties):
            c.kind, c.why = "none", "period toll"  # "الشبكة السورية: مقتل 224 مدنياً في شباط": a month's count
            return
        killed = [x for x in c.casualties if x.kind in ("killed", "neutralised") and x.count is not None]
        # "فيما استشهد مقاتل من مجلس تل أبيض العسكري": a toll with no place or date of its own adds
        # to the attack just told rather than starting one
        own_ground = c.places or any(d.kind in SPECIFIC_DATES for d in c.dates) or c.is_title
        if any("حصيل" in words[k].norm for k in range(lo, hi)) and any(
                words[k].norm in _INITIAL for k in range(lo, hi)):
            # "وكانت الحصيلة الأولية قد تحدثت عن مقتل عشرة": the first count of the attack told
            c.kind, c.why, c.background = "anaphoric", "initial toll", False
            return
        if upd is not None and upd.kind == "killed" and own_ground:
            c.kind, c.why = "event", "toll update"  # "ارتفعت حصيلة ضحايا الهجوم على خان شيخون إلى 86"
            return
        if len(bracket_tolls(c)) >= 2 and not c.is_title:
            c.kind, c.why = "anaphoric", "toll per place"  # "وتوزع الضحايا: السوسة (6 قتلى)، الشعفة (5 قتلى)"
            return
        if killed and not generic and (c.groups or c.places) and not has_ana and own_ground:
            c.kind, c.why = "event", "casualties"
            return
        c.kind = "anaphoric" if (has_ana or c.casualties) else "none"
        return
    if all(t.generic_plural for t in real) and not has_date and not (c.places and any(
            t.j < hi and words[t.j].norm in _TOLD_BY for t in real)):
        # (but "هجمات شنها مسلحون على حواجز في مدينة جبلة": attacks told, by whom and where)
        c.kind, c.why = ("anaphoric" if c.casualties else "none"), "plural pattern"
        return
    if generic and not has_date and not has_count:
        c.kind, c.why = "none", "generic"
        return
    if not has_date and discourse.any_in("biography", words, lo, hi):
        c.kind, c.why = "none", "biography"
        return
    if not c.is_title and not has_date and _imperfective_only(c, swords):
        c.kind, c.why = "none", "habitual"
        return
    if not c.is_title and not has_date and not has_count and all(t.weak or t.anaphoric for t in c.triggers) and any(
            words[k].norm.lstrip("و") in _TRYING for k in range(lo, hi)):
        c.kind, c.why = "none", "habitual"  # "وتحاول الخلايا النائمة لمرتزقة داعش استهداف الشخصيات الفاعلة": an aim
        return
    if not c.is_title and not has_date and not has_count and any(words[k].norm in _PRESENT_ATTACK for k in range(lo, hi)):
        c.kind, c.why = "none", "habitual"  # "تقول موسكو إن الهيئة تستهدف قاعدة حميميم بالمسيرات" (the parser missed it)
        return
    # two governorates and no precise place for one attack: a summary ("في باديتي دير الزور وحلب")
    ends = _road_second_ends(c.places, words, lo, hi) | _road_second_ends(c.places, words, lo, hi, text) | _locators(
        c.places, words)
    admin1 = {getattr(p.candidate, "admin1_pcode", None) for p in c.places if id(p) not in ends}
    # ("في منطقة السيدة زينب قرب دمشق": the capital and its countryside are one area, not two provinces)
    admin1 = {"SY03" if a == "SY01" else a for a in admin1}
    if len(admin1 - {None}) >= 3 or (len(admin1 - {None}) >= 2 and c.background):  # "في محافظات اللاذقية وإدلب وحلب"
        c.kind, c.why = "none", "summary of several places"
        return
    if len({getattr(p.candidate, "admin1_pcode", None) for p in c.places} - {None}) >= 2 and discourse.any_in(
            "extent", words, lo, hi):
        c.kind, c.why = "none", "summary of several places"  # "انطلاقاً من كباجب ... وصولاً إلى السخنة"
        return
    if not c.is_title and rising and not has_date and not c.new_event and not any(p.precision <= 2 for p in c.places):
        # "أفاد الدفاع المدني بأن حصيلة الغارة ارتفعت إلى سبعة قتلى": the attack told before, its new toll
        c.kind, c.why = "anaphoric", "rising toll"
        return
    c.kind = "event"


_DIRECTIONS = ("جنوب", "شمال", "شرق", "غرب")  # (not "قرب": "طريق دمشق – السويداء قرب بلدة المسمية" is the scene)


def _locators(places: list[PlaceRef], words: list[Word]) -> set[int]:
    """ids of places that only locate the place before them ("بلدة الكسوة جنوب دمشق"، "قرية أبو عفصة
    جنوب مدينة طرطوس"): a direction right after another place names no place of the attack."""
    out = set()
    for a, b in zip(places, places[1:], strict=False):
        k = _word_index(words, b.start)
        if 0 < k < len(words) and words[k - 1].end <= a.end and words[k].norm.startswith(_DIRECTIONS):
            out.add(id(b))
    return out


_NOT_ROAD_END = frozenset(norm_phrase("قرب بالقرب محيط بمحيط أطراف اطراف"))
_ROAD_WORDS = frozenset(norm_phrase("طريق الطريق اوتوستراد الاوتوستراد اتوستراد الاتستراد بين"))


def _road_second_ends(places: list[PlaceRef], words: list[Word], lo: int, hi: int, text: str | None = None) -> set[int]:
    """ids of places that end a road "طريق أثريا – الرصافة"، "بين X و Y": the road is one place, so
    its two ends (even in two governorates) do not make the clause a summary of several places.
    (Given the ``text``: both ends of a road named by a road word, "طريق حلب – دمشق".)"""
    starts = [w.start for w in words]
    out: set[int] = set()
    ps = sorted(places, key=lambda p: p.start)
    for q, p in zip(ps, ps[1:], strict=False):
        i = bisect.bisect_right(starts, q.start) - 1
        k = bisect.bisect_right(starts, p.start) - 1
        if not (lo <= i < k < hi):
            continue
        j = bisect.bisect_left(starts, q.end)
        gap = [w.norm for w in words[j:k]]
        if len(gap) <= 1 and all(g in ("-", "–", "—", "و", "/") for g in gap) and (
                # "على طريق دير الزور – تدمر قرب بلدة كباجب": the town near the road is no end of it
                words[k].norm.lstrip("و") not in _NOT_ROAD_END) and any(
                words[x].norm.lstrip("وب") in _ROAD_WORDS or words[x].norm in _ROAD_WORDS
                for x in range(max(lo, i - 3), i)):
            if text is None:
                out.add(id(p))
            elif "/" not in text[q.end:p.start] and not words[i].norm.startswith(_DIRECTIONS) and any(
                    words[x].norm.lstrip("وبل") in _ROAD_WORDS - _BETWEEN_WORD for x in range(max(lo, i - 4), i)):
                # (nor "بين قريتي الطابية وخشام": the scene between two villages, not a road)
                out |= {id(p), id(q)}  # (not "جنوب مدينة كري سبي/تل أبيض": one town's two names)
    return out


def specific(c: Clause) -> bool:
    """Enough grounding to start an incident of its own."""
    return c.is_title or c.next_blast or any(d.kind in SPECIFIC_DATES for d in c.dates) or any(
        x.value is not None for x in c.casualties) or any(p.precision <= 2 for p in c.places) or (
        c.perp is not None and c.target is not None and (c.place_ana or (c.places and not c.background))) or (
        c.another and c.place_ana and bool(c.triggers))  # "عاد الطيران بعد ساعات ليستهدف النقطة الطبية في المدينة"
    # ("قال الجيش الإسرائيلي إن طائراته استهدفت موقعين لقوات النظام شمالي محافظة القنيطرة": both
    # parties and a governorate)


# ----------------------------------------------------------------------------------------------
# 3. merging


def _related(a: str, b: str) -> bool:
    groups = load_groups()
    ga, gb = groups.get(a), groups.get(b)
    top_a = ga.top_level if ga else a
    top_b = gb.top_level if gb else b
    return a == b or top_a == top_b


def _soft_civilians(m: GroupMention) -> bool:
    """Civilians read off a plain person word ("شاب كان برفقته"، "أشخاص"): a bystander of the same
    attack as easily as another attack's victims, so it never keeps two clauses apart."""
    return m.id == "civilians" and bool(discourse.find("plain_persons", m.text, words_of(m.text)))


def _governorates(ps: list[PlaceRef]) -> set:
    """The governorates places name (a wide region — "البادية السورية"، "منطقة الجزيرة" — spans
    governorates and names none)."""
    return {x for p in ps if not wide_region(p)
            for x in ({getattr(p.candidate, "admin1_pcode", None)} | set(p.admin1_codes))} - {None}


_STATES = {"syrian_government", "russia", "turkey", "israel", "us_led_coalition"}
# who raids a hideout whose men may blow themselves up (states and the forces that police a territory)
_RAIDERS = _STATES | {"hts", "sdf", "syrian_national_army"}
_SWEEP_WORD = re.compile("دهم|داهم|مداهم|إنزال|انزال")
_TOWN_WORDS = frozenset(norm_phrase("مدينة المدينة بلدة البلدة قرية القرية حي الحي العاصمة سوق السوق ناحية"))
_AMONG_THEM = frozenset(norm_phrase("بينهم بينهن بينهما منهم"))
_AFTER_WORDS = frozenset(norm_phrase("بعد عقب إثر اثر غداة"))
_WAS_WHO = frozenset(norm_phrase("كانت كان كانوا التي الذي الذين"))
_SPREAD = re.compile(r"^و?(امتد|تمدد)")
_PROTEST_WORD = re.compile("مظاهرة|مظاهرات|المتظاهرين|متظاهرين|المحتجين|محتجين|اعتصام")
_FIGHT_WORD = re.compile("اشتباك|اشتبك|معارك|معركة|مواجهات|اقتتال")
_TOLL_WORDS = frozenset(norm_phrase("حصيلة"))  # (not "بحسب الحصيلة التي رصدتها وكالتنا": a running total)
_PER_SOURCE = frozenset(norm_phrase("وفق بحسب حسب وفقا طبقا"))
_EXECUTION_WORD = re.compile("عدم|عدام|تصفي")  # ("أعدموا"، "إعدام ميداني"، "تصفية")
_ENEMY_AS_AGENT = ("اطلق", "اعتدا", "قبل", "استهداف", "قصف", "هجوم", "هجمات")  # (normalised)
_BACKED_WORDS = ("مدعوم", "الموالي", "موالي", "التابع", "تابع")
_THERE_IS = frozenset(norm_phrase("وجود يوجد توجد"))  # "مؤكدة أنه لا وجود لمقرات عسكرية لتنظيم داعش": none there
_NO = frozenset(norm_phrase("لا عدم"))
_NEXT_TO = frozenset(norm_phrase("المحاذي المحاذية المجاور المجاورة المتاخم المتاخمة القريب القريبة"))
_AT_THAT_TIME = re.compile(r"(?<!\S)(?:و)?(?:حينها|حينذاك|آنذاك|وقتها|يومها)(?!\S)")
_AIR_SUPPORT = re.compile("ساند|مساند|إسناد|اسناد|بدعم|غطاء جوي|بغطاء|تمهيد")  # air raids backing a ground advance


def named_armed_side(gid: str) -> bool:
    """A side named as such: not civilians or another target-only id, and not "unknown" gunmen."""
    return gid != "unknown" and not getattr(load_groups().get(gid), "target_only", False)


def _top_id(gid: str) -> str:
    g = load_groups().get(gid)
    return g.top_level if g else gid


def _unhurt(d: Draft) -> bool:
    """The attack told last says nobody was hurt ("دون أن يسفر عن إصابات") and counts no one."""
    return d.clauses[-1].unhurt and not any(x.value for e in d.clauses for x in e.casualties)


def _compatible(d: Draft, c: Clause, loose_target: bool = False, loose_perp: bool = False,
                loose_place: bool = False) -> bool:
    if any(x.value for x in c.casualties) and _unhurt(d):
        return False  # "طال أيضاً أطراف بلدة عابدين، دون أن يسفر عن إصابات": the toll after is another attack's
    ids = d.group_ids
    if c.perp and d.perp and not loose_perp and not (_related(c.perp.id, d.perp.id) or c.perp.id in ids) and "unknown" not in (
            c.perp.id, d.perp.id):  # "مسلحين مجهولين" then "يرجح أنهم من خلايا داعش": one attack
        return False
    if c.perp and d.perp and not loose_perp and not _related(c.perp.id, d.perp.id) and {
            _top_id(c.perp.id), _top_id(d.perp.id)} <= _STATES:
        # "قصف مدفعي لقوات النظام ... وأضاف أن الطائرات الروسية شنت غارات": two armies, two attacks
        # (even when the draft names the other elsewhere: "وقف إطلاق النار بين روسيا وتركيا")
        return False
    if c.target and d.target and not loose_target and not (_related(c.target.id, d.target.id) or c.target.id in ids) and not (
            _soft_civilians(c.target) or _soft_civilians(d.target)) and not (
            c.cont and c.target.id == "civilians" and c.casualties):  # "وأفادت مصادر طبية بأن الغارات أسفرت عن استشهاد ثلاثة مدنيين"
        return False
    if c.perp and d.target and c.perp.id == d.target.id and not (d.perp and d.perp.id == c.perp.id) and not loose_perp:
        return False
    sd = d.strong_date()
    # ("وتبنى التنظيم صباح اليوم التفجير": the day of a claim is not the day of the attack)
    cd = None if _bare_claim(c) else next((x for x in c.dates if x.kind in STRONG_DATES), None)
    if sd and cd and sd.value and cd.value and sd.value != cd.value:
        return False
    # "... في مارس/آذار 2018" told after today's attack: a month apart is another attack
    dv = next((x.value for cl in d.clauses for x in cl.dates if x.value is not None), None)
    cv = None if _bare_claim(c) else next((x.value for x in c.dates if x.value is not None), None)
    if dv and cv and abs((dv - cv).days) > _NEWS_DAYS:
        return False
    p1 = [p for p in d.places if p.precision <= 1 and not p.on_road]
    q1 = [p for p in c.places if p.precision <= 1 and not p.on_road]
    if loose_place:  # (another source's version of the attack: its place is that version's)
        return not (_governorates(d.places) and _governorates(c.places)
                    and not _governorates(d.places) & _governorates(c.places))
    if p1 and q1 and not any(same_area(p, q) for p in p1 for q in q1):
        return False
    # "غارات على منطقة القصير بريف حمص، في وقت قُتل فيه شاب ... في ريف القنيطرة": places in two
    # different governorates are two attacks
    codes = _governorates
    # (not a reported line adding details — "وقال الوزير إن دورية توجهت ... جرائم سجن صيدنايا" — whose
    # other places are often only named in passing, or resolved to a same-named village elsewhere)
    if not c.cont and codes(d.places) and codes(c.places) and not codes(d.places) & codes(c.places):
        return False
    if c.cont and _headed_towns(d.places) and _headed_towns(c.places) and not codes(
            _headed_towns(d.places)) & codes(_headed_towns(c.places)):
        # "وأضاف أن طائرات سو-25 استهدفت مستودعاً في محيط مدينة تلبيسة بريف حمص" after "قرب بلدة اللطامنة في
        # ريف حماة": towns named as such in two governorates are two strikes, even in one speaker's account
        return False
    # two different towns, however close ("سقبا" then "بلدة حمورية المجاورة"), are two attacks
    # (a town's outskirts or vicinity are that town: "أطراف مدينة سراقب" then "سوق بنش" are two)
    pt = [p for p in d.places if (p.precision <= 1 or _outskirts(p)) and not p.on_road and getattr(p.candidate, "kind", None) in _SETTLEMENT_KINDS]
    qt = [q for q in c.places if (q.precision <= 1 or _outskirts(q)) and not q.on_road and getattr(q.candidate, "kind", None) in _SETTLEMENT_KINDS]
    if pt and qt and not any(getattr(p.candidate, "gazetteer_id", 1) == getattr(q.candidate, "gazetteer_id", 2)
                             for p in pt for q in qt) and not any(
            getattr(q.candidate, "gazetteer_id", 1) == getattr(p.candidate, "gazetteer_id", 2)
            for q in q1 for p in d.places):
        return False
    return True


def _headed_towns(places: list[PlaceRef]) -> list[PlaceRef]:
    """Places told as a town, village or city ("قرب بلدة اللطامنة"، "محيط مدينة تلبيسة"), resolved to a
    settlement (its vicinity too: precision 2)."""
    return [p for p in places if p.precision <= 2 and _TOWN_HEAD.search(p.text) and getattr(p.candidate, "kind", None) in _SETTLEMENT_KINDS]


_TOWN_HEAD = re.compile(r"(?:^|\s)[وبل]?(?:مدينة|بلدة|قرية|مدينتي|بلدتي|قريتي)\s")


def _outskirts(p: PlaceRef) -> bool:
    """"أطراف قرية نحشبا"، "محيط قرية كباني": the edge or the vicinity of one town (still that town)."""
    return p.text.lstrip("و").startswith(("أطراف", "اطراف", "الأطراف", "محيط", "بمحيط"))


_DEFINITE_ATTACKS = frozenset(norm_phrase("القصف الغارة الغارات الغارتين القصف الجوي القصف المدفعي"))
_CAUSED = tuple(norm_phrase("تسبب ادى أدت خلف خلفت أسفر أسفرت ألحق"))  # (not "كما تجدد القصف": renewed, another)


def _same_sentence_retell(c: Clause, recent: list[Draft]) -> bool:
    """"قصف الطيران المروحي ... حي الشعار ...، كما تسبب القصف بدمار واسع ... قرب دوار الحيدرية": a line of
    the same sentence telling what the attack, named only by its definite noun, caused, with no side, toll
    or day of its own, tells more of that attack (its "كما" opens no new one)."""
    return bool(recent) and recent[0].last_sent == c.sent and c.caused_by_told and not c.groups and not any(
        x.value is not None for x in c.casualties) and not any(x.kind in STRONG_DATES for x in c.dates)


def _side_toll(c: Clause, recent: list[Draft]) -> bool:
    """"تواصلت المعارك بين كتائب الثوار وقوات الأسد ...، فيما قُتل مقاتلان من الثوار بقذيفة دبابة": a
    "فيما" line of the same sentence with no place or day of its own tells one side's losses in the
    battle just told."""
    if not recent or c.places or any(d.kind in STRONG_DATES for d in c.dates) or c.target is None or any(
            t.attack_type in _EXPLOSIVE | {"airstrike", "drone_strike"} for t in c.triggers):
        return False  # ("قتلوا 9 من عناصر قسد بتفجير عبوة ناسفة": an attack of its own)
    d = recent[0]
    sides = {x.id for x in (d.perp, d.target) if x is not None}
    return c.sent == d.last_sent and c.target.id in sides and any(c.casualties)


def _says_more(c: Clause) -> bool:
    """"وأضاف المراسل أن انفجار العبوة الناسفة أسفر عن مقتل عنصرين": a reported-speech line with no
    place or day of its own adds to the attack told a few sentences before."""
    if c.claim == "one" and not c.new_event and not any(p.precision <= 1 for p in c.places) and not any(
            d.kind in STRONG_DATES and d.days_before not in (0, None) for d in c.dates):
        return True  # "وتبنت ... الهجوم في بيان فجر اليوم": a claim of the attack told
    return (c.cont and not any(p.precision <= 2 for p in c.places) and not any(
        d.kind in STRONG_DATES for d in c.dates) and not c.new_event) or _back_to_the_place(c)


def _says_more_there(c: Clause, d: Draft) -> bool:
    """"وقال أحد أعضاء الدفاع المدني في حاس: وصلنا بعد الغارة الثالثة" a few sentences after the strike on
    حاس: a reported line with no day of its own, naming only the attack's own town, adds to it."""
    own = [p for p in c.places if p.precision <= 2]
    return bool(own) and c.cont and not c.new_event and not c.background and not any(
        x.kind in STRONG_DATES for x in c.dates) and not d.background and all(
        any(same_area(p, q, km=1.0) for q in d.places if q.precision <= 1) for p in own)


def _back_to_the_place(c: Clause) -> bool:
    """"أن عناصر من الجيش اقتحموا القرية صباح الثلاثاء": "the village" with no place of its own points
    back to the town of the attack told a few sentences before."""
    return c.place_ana and not c.places and not c.new_event and not c.background and c.kind == "event"


def _same_day_attacker_kind(d: Draft, c: Clause, undated: bool = False) -> bool:
    """The clause names the draft's own day (a strong date; ``undated``: or no date at all), the same
    attacker and the same kind of attack."""
    sd = d.strong_date()
    cd = next((x for x in c.dates if x.kind in STRONG_DATES), None)
    if not (undated and not c.dates) and (sd is None or cd is None or sd.value is None or sd.value != cd.value):
        return False
    if not (c.perp and d.perp and _related(c.perp.id, d.perp.id)):
        return False
    mine = {_FAMILY.get(t.attack_type) for t in c.triggers if not t.anaphoric} - {None}
    return bool(mine & {_FAMILY.get(most_specific(list(d.types)))})


def _same_day_and_town(d: Draft, c: Clause) -> bool:
    """"ونقلت سانا عن مصدر عسكري أن العدو الإسرائيلي نفذ مساء الثلاثاء عدواناً جوياً ... منطقة المزة" right
    after Tuesday evening's strike on حي المزة: the same day, town, attacker and kind of attack is the same
    attack told again (so is "ونقلت سانا عن مصدر عسكري قوله إن العدو الإسرائيلي نفذ عدواناً جوياً ...
    مستهدفاً مبنى القنصلية في حي المزة", with no day of its own, right after)."""
    if d.background or c.background or not _same_day_attacker_kind(d, c, undated=True):
        return False
    towns = [p for p in c.places if p.precision <= 2]
    return bool(towns) and all(any(same_area(p, q, km=2.0) for q in d.places if q.precision <= 2) for p in towns)


def _linked(d: Draft, c: Clause) -> bool:
    last = d.clauses[-1]
    mine = {t.attack_type for t in c.triggers if not t.anaphoric} - _GENERIC_TYPES
    theirs = {t.attack_type for t in d.event_triggers} - _GENERIC_TYPES  # (not "اشتباكات": any weapon fits a battle)
    same_attacker = c.perp is not None and d.perp is not None and _related(c.perp.id, d.perp.id)
    if c.side and mine and theirs and not mine & theirs and not same_attacker:
        # "في المقابل، ذكرت وسائل إعلام النظام أن قذائف صاروخية سقطت على أحياء الميدان" after air strikes:
        # the other side tells an attack of another kind, its own news, not the strikes told again (but
        # "من جهته، قال الجيش الإسرائيلي إن طائراته قصفت": the attacker's own words on its strikes)
        return False
    if c.side and not c.places and c.sent - last.sent <= 1 and c.triggers and all(
            t.anaphoric or t.text.lstrip("و").startswith("ال") for t in c.triggers):
        return True  # "في المقابل، قال المرصد إن أربعة عسكريين قتلوا في الغارات": the raids just told
    if c.sent - last.sent <= 2 and _same_day_and_town(d, c):
        return True
    if c.earlier_report and c.sent - last.sent <= 2 and _same_kind_there(d, c):
        return True  # "ارتفعت حصيلة التفجيرين ... إلى 14" then "وكان مصدر أفاد في وقت سابق بأن انتحاريين فجرا"
    if c.sent - last.sent > 1:
        return c.sent - last.sent <= 3 and (_says_more(c) or _says_more_there(c, d))
    if c.sent == last.sent:
        return True
    if c.why == "casualties" and not c.triggers and any(
            getattr(p.candidate, "gazetteer_id", 1) == getattr(q.candidate, "gazetteer_id", 2)
            for p in c.places if p.precision <= 1 for q in d.places):
        return True  # "شنت الطائرات غارات على ناحتة ..." then "واستشهد في ناحتة ثلاثة مدنيين": that town's toll
    if c.perp and c.target and d.perp and d.target and {c.perp.id, c.target.id} == {d.perp.id, d.target.id} and not (
            c.places or c.dates or c.new_event) and _FAMILY.get(strongest(c.triggers)) == _FAMILY.get(
            strongest(d.event_triggers)):
        return True  # "استأنفت قسد هجومها على جيب داعش في الباغوز" then "ودارت اشتباكات عنيفة بين قسد والتنظيم"
    if c.cont and _new_kind_elsewhere(d, c):
        return False  # "وأضاف المراسل أن قوات الاحتلال أطلقت النار باتجاه رعاة قرب بلدة الرفيد" after a raid on طرنجة
    if c.sent - last.sent == 1 and d.background and c.at_that_time and c.perp is None and any(
            x.value is not None for x in c.casualties) and not c.new_event and not any(
            x.kind in STRONG_DATES for x in c.dates):
        return True  # "وقدّرت وسائل الإعلام الرسمية حينها عدد ضحايا مجزرة البغيلية بنحو 300 قتيل": the past just told
    if c.sent - last.sent == 1 and _pronoun_toll(c) and not c.new_event and not any(
            p.precision <= 1 for p in c.places) and not any(x.kind in STRONG_DATES for x in c.dates) and any(
            x.value is not None and x.kind in {y.kind for y in c.casualties} for cl in d.clauses for x in cl.casualties):
        # "قُتل وجيه عشائري ... برصاص مسلحين مجهولين" then "وأفادت مصادر أن مسلحين ... أطلقوا النار على ...، ما
        # أدى إلى مقتله": a toll told only by a pronoun points back at the victim just told
        return True
    # "وتبنى مرتزقة داعش صباح اليوم التفجير": a claim of the attack just told
    return c.cont or c.place_ana or any(t.anaphoric for t in c.triggers) or (_bare_claim(c) and _says_more(c))


def _pronoun_toll(c: Clause) -> bool:
    """Every toll of the clause is a casualty noun carrying its victim as a pronoun ("ما أدى إلى مقتله")."""
    told = [x for x in c.casualties if x.value is not None]
    return bool(told) and all(x.count is not None and x.count.j - x.count.i == 1 and x.count.start == x.cue_start
                              for x in told)


def _new_kind_elsewhere(d: Draft, c: Clause) -> bool:
    """A line that goes on ("وأضاف ...") but tells another kind of attack in another village."""
    mine = {_FAMILY.get(t.attack_type, t.attack_type) for t in c.triggers if not t.anaphoric}
    theirs = {_FAMILY.get(t.attack_type, t.attack_type) for t in d.event_triggers}
    exact = [p for p in c.places if p.precision <= 2 and not p.locator and getattr(p.candidate, "kind", None) != "region"]
    # (a town that only locates the one struck — "بلدة شيخ الحديد غربي عفرين" — is not a place struck)
    told = [q for q in d.places if (q.precision <= 1 or _outskirts(q)) and not q.locator]
    return bool(mine and theirs and not mine & theirs and exact and told) and not any(
        same_area(p, q, km=5.0) for p in exact for q in told)


def _bare_claim(c: Clause) -> bool:
    """A claim of one attack told before, and nothing else: no toll and no "similar" attack of its own
    (not "إذ قُتل ثلاثة عناصر من قسد في هجوم مماثل منتصف حزيران الماضي، تبنّاه تنظيم داعش")."""
    return c.claim == "one" and not c.similar and not c.background and not any(
        x.value is not None for x in c.casualties) and not any(
        t.start < c.claim_start and not t.anaphoric for t in c.triggers)  # (not "سقطت قذائف هاون ... وتبنت كتائب الهجوم")


_GENERIC_TYPES = frozenset(("armed_clash", "other"))
_FAMILY = {"armed_clash": "ground", "ambush": "ground", "raid": "ground", "assassination": "ground",
           "abduction": "ground", "ied": "explosive", "vbied": "explosive", "suicide_attack": "explosive",
           "airstrike": "remote", "drone_strike": "remote", "shelling": "remote"}


def _tells_same(d: Draft, c: Clause) -> bool:
    """"ارتفع عدد الشهداء جراء التفجير ... صباح اليوم" then "وكان مرتزقة داعش قد فجروا ... شاحنة
    مفخخة": a pluperfect sentence right after the news, with no date of its own and an attack of the
    same family, tells how that attack happened; it is not a past one."""
    return c.pluperfect and c.sent - d.last_sent == 1 and _same_kind_there(d, c)


def _same_kind_there(d: Draft, c: Clause) -> bool:
    """An attack of the same family as the news attack (its kind, not a generic "استهدف"), with no place of
    its own outside the news' places ("وكان عناصر التنظيم شنوا هجوما ... في مدينة العشارة" after an attack in
    the Homs desert is another attack)."""
    if d.background or d.is_title:
        return False
    mine = {_FAMILY.get(t.attack_type) for t in c.triggers if not t.anaphoric} - {None}
    theirs = {_FAMILY.get(most_specific(list(d.types)))} - {None}
    own = [p for p in c.places if p.precision <= 2]
    return bool(mine & theirs) and all(any(same_area(p, q) for q in d.places) for p in own)


def _told_again(c: Clause, d: Draft) -> bool:
    """"وأشار البيان إلى أن الغارات جاءت إثر رصد تحركات ..."، "في المقابل، قالت مصادر كردية إن الغارات
    طالت قرى أم حوش": a reported line right after the attack whose only attack words are definite ("الغارات")
    speaks of that attack; the sides it names (the reason, the other side's view) do not split it off."""
    return c.cont and c.sent - d.last_sent <= 1 and bool(c.triggers) and all(
        t.anaphoric or t.text.lstrip("و").startswith("ال") for t in c.triggers)


def _source_retells(c: Clause, d: Draft) -> bool:
    """"من جهته، قال المرصد السوري إن الهجوم نفذته خلايا التنظيم ... في منطقة قريبة من بلدة كباجب" right
    after the attack on a bus at الشولا: another source's statement whose first attack word is "the attack"
    told, right after its "إن/أن", is that source's version of the same attack (its nearby place, attacker
    and toll are that version's, not another attack's)."""
    return c.side_retell and c.sent - d.last_sent <= 3 and not d.background and not d.is_title and not (
        c.background or any(x.kind in STRONG_DATES for x in c.dates))


def _same_day_retold(d: Draft, c: Clause) -> bool:
    """"وكانت سانا قد نقلت في وقت سابق أن العدو الإسرائيلي نفذ مساء الأحد عدوانا جويا" after the news of
    Sunday night's strikes: a past-tense line dated the news' own day, by the same attacker and of the same
    kind, is an earlier report of that attack, not a past one."""
    return c.background and not d.background and not d.is_title and c.sent - d.last_sent <= 3 and \
        _same_day_attacker_kind(d, c)


def _toll_report(clauses: list[Clause]) -> bool:
    """The article is a period toll ("يوثق مقتل 1928 شخصا خلال شهر أيار"): its first clause with a
    casualty figure, in the headline or the first two sentences, is cumulative."""
    for c in clauses:
        if c.sent > 2 and not c.is_title:
            return False
        if any(x.value is not None for x in c.casualties):
            return c.why == "cumulative"
    return False


_TOWN_HEAD = re.compile(r"(?:^|\s)[وبل]?(?:مدينة|بلدة|قرية)\s")


def _elsewhere_later(c: Clause, d: Draft) -> bool:
    """A line with its own day (not the draft's) and its own town (none of the draft's)."""
    cd = next((x.value for x in c.dates if x.kind in STRONG_DATES and x.value), None)
    sd = d.strong_date()
    if cd is None or sd is None or not sd.value or cd == sd.value:
        return False
    # (a town the gazetteer lacks still names a town: "على مدخل بلدة المتونة")
    towns = [p for p in c.places if p.precision <= 1 or _TOWN_HEAD.search(p.text)]
    return bool(towns) and not any(same_area(p, q, km=1.0) or p.text == q.text for p in towns for q in d.places)


def _update_home(c: Clause, drafts: list[Draft]) -> Draft | None:
    """The news attack a rising-toll line updates: told within the last few sentences, of the same
    kind (or pointed back to: "الكمين"), in the same town when the line names one, with no other
    attacker."""
    exact = [p for p in c.places if p.precision <= 1]
    fam = {_FAMILY.get(t.attack_type) for t in c.triggers} - {None}
    rise_at = min((x.cue_start for x in c.casualties if x.update), default=0)
    # "ارتفعت حصيلة ضحايا البراميل التي ألقيت أمس الأحد": a day told after the rise dates the attack
    # updated (another one than today's); "وصباح اليوم، ارتفعت الحصيلة" only dates the report
    own_day = next((d.value for d in c.dates if d.kind in STRONG_DATES and d.value and d.start > rise_at), None)
    # (an attack whose own kind is the one named first: "ارتفاع حصيلة قتلى الاشتباكات" after an abduction
    # that "تطورت إلى اشتباكات" goes to the clashes told before it)
    return _update_home_in(c, drafts, exact, fam, own_day, strict=True) or _update_home_in(
        c, drafts, exact, fam, own_day, strict=False)


def _update_home_in(c: Clause, drafts: list[Draft], exact: list[PlaceRef], fam: set, own_day, strict: bool,
                    ) -> Draft | None:
    for d in reversed(drafts):
        if strict and (not fam or _FAMILY.get(most_specific(list(d.types))) not in fam):
            continue
        if d.is_title or d.background or c.sent - d.last_sent > 8 or d.clauses[0].next_blast:
            continue  # (the toll of a series is the first blast's: its lede told the series)
        if exact and d.places and not any(same_area(p, q, km=1.0) for p in exact for q in d.places):
            continue
        if exact and not d.places and not fam & ({_FAMILY.get(t) for t in d.types} - {None}):
            continue  # (an attack told with no place of its own: "شنت طائرات الأسد غارات على المدينة")
        if not exact and fam and not fam & ({_FAMILY.get(t) for t in d.types} - {None}):
            continue
        if not exact and not fam:
            continue
        if c.perp and d.perp and not _related(c.perp.id, d.perp.id):
            continue
        if _unhurt(d):
            continue  # "طال أيضاً أطراف بلدة عابدين، دون أن يسفر عن إصابات": not the attack whose toll rose
        sd = d.strong_date()
        if own_day and sd is not None and sd.value and sd.value != own_day:
            continue
        return d
    return None


def _merge_lede_summaries(drafts: list[Draft]) -> list[Draft]:
    """"في وقت قُتل فيه شاب بضربة مسيّرة إسرائيلية في ريف القنيطرة" in the lede, then "وفي ريف القنيطرة،
    قُتل شاب ... مساء الخميس، جراء استهداف طائرة مسيّرة إسرائيلية": a lede line with no day of its own
    summarises the attack a later paragraph tells in full, when kind, parties and places agree."""
    out = list(drafts)
    body = [d for d in drafts if not d.is_title]
    lede = min((d.clauses[0].sent for d in body), default=0)
    for d in list(drafts):
        # (only the lede sentence, and only a line naming a region, not a village: a
        # bulletin's village lines are attacks of their own)
        # (a town is summarised too when the lede's main attack came first: "قتلوا اليوم في قصف على حي
        # بابا عمرو، في حين تواصلت الاشتباكات ... في مدينة الرستن", then "وفي الرستن، قالت الهيئة إن ...")
        aside = any(c.sent == d.clauses[0].sent and c.idx < d.clauses[0].idx for e in body if e is not d
                    for c in e.clauses)
        if d.is_title or d.background or d.strong_date() is not None or not d.places or d not in out \
                or d.clauses[0].sent > lede or (any(p.precision <= 1 for p in d.places) and not aside):
            continue
        fam = {_FAMILY.get(t) for t in d.types} - {None}
        for e in out:
            if e is d or e.is_title or e.background or e.clauses[0].sent <= d.last_sent \
                    or e.clauses[0].sent - d.last_sent > 4 or not fam & ({_FAMILY.get(t) for t in e.types} - {None}):
                continue
            if not all(_compatible(e, c) for c in d.clauses):
                continue
            if not all(any(same_area(p, q) for q in e.places) for p in d.places if p.precision <= 2):
                continue
            e.clauses = sorted(d.clauses + e.clauses, key=lambda c: c.idx)
            e.perp = e.perp or d.perp
            e.target = e.target or d.target
            out.remove(d)
            break
    return out


_BOMBINGS = {"vbied", "suicide_attack", "ied"}
_BOMBING_WORDS = frozenset(norm_phrase("التفجيرات التفجيرين الانفجارات"))


def _spread_claims(drafts: list[Draft], clauses: list[Clause]) -> list[Draft]:
    """"وتبنى تنظيم «الدولة الإسلامية» التفجيرات الأربعة": a claim of several attacks names the
    attacker of every news attack told before it that has none; a claim line with no place and no
    toll of its own is no attack."""
    out = list(drafts)
    groups = load_groups()
    for c in clauses:
        claimant = c.perp or next((g for g in c.groups if not getattr(groups.get(g.id), "target_only", False)), None)
        # ("وكان تنظيم داعش قد تبنى التفجيرات في السيدة زينب وحمص": a pluperfect claim of the news attacks)
        if c.claim != "all" or claimant is None or (c.background and not c.pluperfect) or c.why in (
                "cumulative", "not an event"):
            continue
        own = next((d for d in out if c in d.clauses), None)
        before = [e for e in out if e is not own and not e.background and not e.is_title and e.last_sent <= c.sent]
        if len(before) <= 1 and not c.background and c.claims_bombings:
            # "وأعلن تنظيم الدولة مسؤوليته عن التفجيرات ... وقال التلفزيون إن سيارة مفخخة انفجرت في طرطوس":
            # a claim of the bombings right after the lede names the bomber of each bombing told after it
            before += [e for e in out if e is not own and e not in before and not e.background and not e.is_title
                       and min(x.sent for x in e.clauses) > c.sent and set(e.types) & _BOMBINGS]
        for e in before:
            # (unnamed gunmen too: "تسلل المسلحون إلى القرية" before "وأعلن تنظيم الدولة مسؤوليته عن الهجمات")
            if (e.perp is None or e.perp.id == "unknown") and not (e.target is not None and _related(e.target.id, claimant.id)):
                e.perp = claimant
        if own is not None and before and own.clauses == [c] and not c.places and not any(
                x.value is not None for x in c.casualties):
            out.remove(own)
    return out


def _bare_aim(t: Trigger) -> bool:
    """A bare "استهدف" (it aimed at): a trigger that names no kind of attack."""
    return t.attack_type == "armed_clash" and t.text.lstrip("و").startswith(("استهدف", "يستهدف", "تستهدف"))


def _told_attackers(drafts: list[Draft]) -> None:
    """"شنت إسرائيل فجر الاثنين سلسلة غارات ... كما استهدفت الغارات مواقع في محيط مدينة الكسوة": an attack
    told only by a word pointing back ("الغارات") at another place is more of the attack told; it takes
    that attack's attacker when it names none."""
    for k, d in enumerate(drafts):
        # (the line that opened it; a bare "استهدفت" names no kind)
        trig = [t for t in d.clauses[0].triggers if not _bare_aim(t)]
        if d.perp is not None or d.is_title or not trig or not all(
                # ("الغارات"، "الاشتباكات": the ones told; shells are as often the instrument, "بالقذائف الصاروخية")
                t.anaphoric or (t.attack_type != "shelling" and t.text.lstrip("وبل").startswith("ال")) for t in trig):
            continue
        kinds = {t.attack_type for t in trig}
        told = [e for e in drafts[:k] if e.perp is not None and not e.is_title
                and kinds & {t.attack_type for t in e.event_triggers if not t.anaphoric}]
        # (only when one side did all such attacks told: not "ويأتي القصف ..." after both sides' shelling)
        if told and len({_top_id(e.perp.id) for e in told}) == 1 and not (
                d.target is not None and _related(d.target.id, told[-1].perp.id)):
            d.perp = told[-1].perp


_CAPTURE_WORDS = ("سيطر", "استعاد", "حرر", "تحرير", "من السيطرة", "بسط")  # (the trigger's own text)


def _capture_losers(drafts: list[Draft]) -> None:
    """"وكانت قوات النظام قد سيطرت، أمس الثلاثاء، على بلدة بصر الحرير": ground taken was taken from
    someone. When the line names no loser, the one side the article has in ground fighting with the
    taker is it."""
    for d in drafts:
        if d.perp is None or d.target is not None or d.perp.id == "unknown" or not any(
                t.text.lstrip("و").startswith(_CAPTURE_WORDS) for t in d.event_triggers):
            continue
        taker = _top_id(d.perp.id)
        foes: dict[str, GroupMention] = {}
        for e in drafts:
            if e is d or e.perp is None or e.target is None or "armed_clash" not in e.types:
                continue  # (sides met on the ground: not an air raid's target)
            for side, other in ((e.perp, e.target), (e.target, e.perp)):
                if _top_id(side.id) == taker and named_armed_side(other.id) and _top_id(other.id) != taker:
                    foes.setdefault(_top_id(other.id), other)
        if len(foes) == 1:
            d.target = next(iter(foes.values()))


def build_drafts(clauses: list[Clause]) -> list[Draft]:
    drafts = _spread_claims(_merge_lede_summaries(_build_drafts(clauses)), clauses)
    _told_attackers(drafts)
    _capture_losers(drafts)
    if _toll_report(clauses):
        # its breakdown ("146 مدنيا استشهدوا في قصف لطائرات النظام، و94 في انفجار ألغام") names no place
        # and no day: shares of the period's toll, not attacks; an attack told with a place or day stays
        drafts = [d for d in drafts if d.places or d.strong_date() is not None]
    return drafts


def _taken_before_found(c: Clause, drafts: list[Draft]) -> bool:
    """"عثر أهالي على جثة شاب ...، وذلك بعد يومين من اختطافه"، "إن الشابين اختُطفا قبل أسبوع": the dead
    found were first abducted; that is how the killing told began, no incident of its own."""
    real = [t for t in c.triggers if not t.anaphoric]
    if not real or any(t.attack_type != "abduction" for t in real) or c.is_title:
        return False
    if c.new_event or c.another:
        return False  # ("وفي محافظة السويداء، اختطف مسلحون شاباً": news of its own)
    last = next((d for d in reversed(drafts) if not d.is_title), None)
    return last is not None and c.sent - last.last_sent <= 1 and any(x.body_found for x in last.clauses) and all(
        any(same_area(p, q) for q in last.places) for p in c.places if p.precision <= 1)


def _name_the_owner(c: Clause, drafts: list[Draft]) -> None:
    """"وأكد مصدر عسكري أن الطائرة تابعة للتحالف الدولي" right after a drone strike with no attacker
    named: a line that tells no attack of its own names the attacker of the news attack just told."""
    if c.owner_named is None or c.background or c.is_title:
        return
    last = next((d for d in reversed(drafts) if not d.is_title), None)
    if last is None or last.background or (last.perp is not None and last.perp.id != "unknown") \
            or c.sent - last.last_sent > 2:
        return  # ("مجموعة مسلحة" gives way to who they were: "أن المهاجمين من فلول النظام")
    if last.target is not None and _related(last.target.id, c.owner_named.id):
        return
    last.perp = c.owner_named


def _name_the_victims(c: Clause, drafts: list[Draft]) -> None:
    """"قُتل شابان بهجوم على حاجز، وتبيّن لاحقاً أنهما عنصران في إدارة الأمن العام": what was learnt
    about the victims names the side hit by the attack just told, when it had none."""
    if c.is_title or not c.groups or not c.learnt:  # (its "كانا قد التحقا بها الشهر الماضي" dates nothing)
        return
    last = next((d for d in reversed(drafts) if not d.is_title), None)
    # (who the dead man was may come a few lines on: "وكان الشهيد ... منتسباً إلى صفوف الأسايش")
    near = c.sent - last.last_sent <= 3 if last is not None and c.dead_told else (
        last is not None and last.last_sent == c.sent)
    # (a soft "شابان" gives way to who they turned out to be; so does "الشاب" once the dead man is told)
    soft = last is not None and last.target is not None and (_soft_civilians(last.target) or (
        c.dead_told and last.target.id == "civilians" and "مدني" not in last.target.text))
    if last is None or (last.target is not None and not soft) or not near:
        return
    victim = c.groups[0]
    if not (last.perp is not None and _related(last.perp.id, victim.id)):
        last.target = victim


def _build_drafts(clauses: list[Clause]) -> list[Draft]:
    drafts: list[Draft] = []
    for c in clauses:
        if c.kind == "event" and _taken_before_found(c, drafts):
            c.kind, c.why = "none", "taken before found"
        if c.kind == "none":
            _name_the_owner(c, drafts)
            _name_the_victims(c, drafts)
            continue
        # only the last few drafts can be within a sentence of this clause (bounded work per clause)
        # (a later blast of a series takes nothing after it: the lines that follow tell the series)
        body = [d for d in drafts[-_RECENT_SCAN:] if d.is_title == c.is_title and not d.clauses[0].next_blast]
        recent = sorted((d for d in reversed(body) if c.sent - d.last_sent <= (
            3 if _says_more(c) or _says_more_there(c, d) or c.side_retell else 1)),
                        key=lambda d: -d.last_sent)[:3]  # the draft told last first
        own = _governorates(c.places)
        if own:  # ... but not one placed only in other governorates, and first one told of the same town
            exact = [p for p in c.places if p.precision <= 1]
            recent.sort(key=lambda d: (bool(_governorates(d.places)) and not own & _governorates(d.places),
                                       not any(same_area(p, q, km=1.0) for p in exact for q in d.places)))
        if c.kind == "anaphoric" and c.since_start:
            lede = next((d for d in drafts if not d.background and not d.is_title
                         and _compatible(d, c, loose_target=True)), None)
            if lede is not None:
                c.background = False  # ("منذ بدء الهجوم" dates nothing before the news)
                lede.clauses.append(c)
                if lede.target is None and c.target is not None and not (
                        lede.perp and _related(lede.perp.id, c.target.id)):
                    lede.target = c.target  # its dead name the side attacked
                continue
        if c.kind == "anaphoric":
            exact = [p for p in c.places if p.precision <= 1]
            if any(x.value for x in c.casualties):
                # ("طال أيضاً أطراف بلدة عابدين، دون أن يسفر عن إصابات": a toll after is not that line's)
                recent = [d for d in recent if not _unhurt(d)]
            if len(exact) == 1 and c.why == "rising toll" and not any(
                    same_area(p, q, km=1.0) for d in recent[:1] for p in exact for q in d.places):
                # "ارتفعت حصيلة القتلى في تلبيسة إلى 11" after other towns' lines: the draft of that town
                town = next((d for d in reversed(body) if c.sent - d.last_sent <= 4 and not d.background
                             and any(same_area(p, q, km=1.0) for p in exact for q in d.places if q.precision <= 1)),
                            None)
                if town is not None:
                    recent = [town] + [d for d in recent if d is not town]
            far = [p for p in c.places if p.precision <= 2]
            if far and c.spread_to and not c.is_title and not any(
                    same_area(p, q, km=2.0) for p in far for d in recent[:1] for q in d.places if q.precision <= 1):
                # "وامتدت لاحقاً إلى قرية تل بطال شمالي الباب": the fight told, now in another place (or the
                # lede: "امتدت المواجهات التي اندلعت في جرمانا إلى منطقة أشرفية صحنايا")
                c.kind, c.why = "event", "spread to another place"
                told = recent[0].target if recent and recent[0].target is not None and named_armed_side(
                    recent[0].target.id) else c.target
                drafts.append(Draft([c], c.is_title, recent[0].background if recent else c.background,
                                    recent[0].perp if recent else c.perp, told))
                continue
            if far and (c.new_event or not recent) and any(t.attack_type == "armed_clash" and not t.generic_plural
                                                            and _NOT_A_CLASH not in t.text and (c.perp is not None or any(
                                                                w in t.text for w in _CLASH_STEMS))
                                                            for t in c.triggers) \
                    and len({getattr(p.candidate, "admin1_pcode", None) for p in c.places} - {None}) <= 2 \
                    and c.groups and not (recent and any(same_area(p, q) for p in far for q in recent[0].places)):
                # "وفي ريف حلب الشمالي أيضا، تتواصل الاشتباكات بين قسد والفصائل في محيط مدينة تل رفعت"
                # after shelling in Hama: the clashes named there are news of their own, not the shelling's
                # (an attack noun other than a clash word needs its attacker named: not "ألقت الشرطة العسكرية
                # في عفرين القبض على المشتبه بتورطهم في الحادثة"، "يشير معارضون إلى أن الهجوم وقع في منطقة")
                c.kind, c.why = "event", "ongoing clashes elsewhere"
                drafts.append(Draft([c], c.is_title, c.background, c.perp, c.target))
            elif not recent and c.why in ("rising toll", "initial toll"):
                # the toll of the article's attack, told paragraphs later: it joins the latest news attack
                # whose place it does not contradict
                home = next((d for d in reversed(drafts) if not d.background and not d.is_title
                             and _compatible(d, c, loose_target=True)), None)
                if home is None and not c.is_title and c.why == "rising toll" and c.triggers and (
                        # (or the kind of attack told precisely: "التفجيرين الانتحاريين", not "التفجيرات")
                        c.perp or c.target or any(t.attack_type not in _GENERIC_TYPES | {"ied"} for t in c.triggers)) and any(
                        p.precision <= 1 for p in c.places) and any(x.value is not None for x in c.casualties):
                    # "ارتفع عدد ضحايا المجزرة التي ارتكبتها قوات النظام في قرية الحصوية إلى 106" as the
                    # lede: no attack told before it in the body, so the update is the news itself
                    c.kind, c.why = "event", "toll update lede"
                    drafts.append(Draft([c], c.is_title, c.background, c.perp, c.target))
                    continue
                home = home or next(
                    (d for d in reversed(drafts) if d.is_title and _compatible(d, c, loose_target=True)), None)
                if home is not None:
                    home.clauses.append(c)
            elif recent and c.casualties and any(x.value is not None for x in c.casualties) and _elsewhere_later(c, recent[0]):
                # "وردّ ذوو المخطوفين صباح اليوم باحتجاز سبعة أشخاص عند حاجز على مدخل بلدة المتونة" after
                # yesterday's abduction near شهبا: another day and another town make another incident
                c.kind, c.why = "event", "another day and place"
                drafts.append(Draft([c], c.is_title, c.background, c.perp, c.target))
            elif recent and c.past_dated and not any(cl.past_dated for cl in recent[0].clauses):
                pass  # "وتحمل حماة ذاكرة أليمة، إذ شهدت في فبراير/شباط 1982 حملة عسكرية": the past, not today's news
            elif recent:
                recent[0].clauses.append(c)
                if recent[0].target is None and c.target is not None and c.casualties and not (
                        recent[0].perp and _related(recent[0].perp.id, c.target.id)):
                    recent[0].target = c.target  # "فيما أصيب أكثر من 140 مواطنا": the victims of the attack
                if (recent[0].perp is None or c.claim == "one") and c.perp is not None and not (
                        recent[0].target is not None and _related(recent[0].target.id, c.perp.id)) and not any(
                        t.involved for t in c.triggers):
                    # (not who arrested "المتورطين في الاعتداء": the sweep's side, never the attack's)
                    # "فيما سارع تنظيم داعش إلى تبني العملية": a claim outweighs where the fire came from
                    recent[0].perp = c.perp
            elif any(x.value is not None for x in c.casualties) and (c.groups or c.places) and any(
                    d.kind in SPECIFIC_DATES for d in c.dates):
                # nothing told before to point back to ("تحييد 5 إرهابيين حاولوا التسلل"، "قتل 3 في
                # الهجوم" as the lede): a dated toll with a party or place is news of its own
                c.kind, c.why = "event", "anaphoric lede"
                drafts.append(Draft([c], c.is_title, c.background, c.perp, c.target))
            continue
        if any(x.update for x in c.casualties) and not c.is_title and not c.background:
            home = _update_home(c, drafts)
            if home is not None:
                # "وفي وقت لاحق، ارتفع عدد شهداء بلدة بصر الحرير إلى أربعة"، "وصباح اليوم، ارتفعت حصيلة
                # قتلى الكمين إلى 16": the new toll of an attack already told (its day is the report's)
                home.clauses.append(c)
                # "غارات جوية نفذتها طائرات حكومية ... قبل أن ترتفع الحصيلة إلى تسعة": the update that
                # names the attacker and the dead names them for the attack it updates
                home.perp = home.perp or c.perp
                if home.target is None and c.target is not None and not (home.perp and c.target.id == home.perp.id):
                    home.target = c.target
                continue
        target = None
        if not c.new_event or c.counts_on or _side_toll(c, recent) or _same_sentence_retell(c, recent):
            for d in recent:
                if c.background and not d.background and not _tells_same(d, c) and not _same_day_retold(d, c):
                    continue
                if d.background and not c.background and any(
                        x.kind in STRONG_DATES and x.days_before in (0, 1) for x in c.dates):
                    continue  # "وفي الباب نفسها، قُتل ثلاثة ... اليوم" after a past told: today's news
                if c.past_dated and c.sent != d.last_sent and not d.background and d.perp is not None and not any(
                        cl.past_dated or cl.dates for cl in d.clauses) and not (
                        _tells_same(d, c) or _told_again(c, d)):
                    continue  # "إذ قُتل في 15 من شباط الماضي عنصران" after today's undated attack: an earlier one
                same = _tells_same(d, c) or _same_day_retold(d, c)  # (its target is a guess from the fallback; the attack is one)
                told = _told_again(c, d)
                retold = _source_retells(c, d)
                # "ارتفعت حصيلة ضحايا التفجير الانتحاري الذي ضرب قرية سوسيان إلى 51 قتيلاً، معظمهم من المدنيين"
                # then "وقال مراسل ستيب إن انتحارياً ... فجر سيارة مفخخة أمام مقر أمني ... في سوسيان": the
                # update told first, then how that attack happened (the dead, not the side aimed at)
                how = d.clauses[0].why == "toll update lede" and c.sent - d.last_sent <= 1 and _same_kind_there(
                    d, c) and not c.background
                claimed = _bare_claim(c)  # ("زاعمين أنه استهدف تجمعاً لعناصر الـ PKK": the claimant's own framing)
                if (_linked(d, c) or same or retold or how) and _compatible(
                        d, c, loose_target=same or told or claimed or retold or how, loose_perp=told or retold,
                        loose_place=retold):
                    target = d
                    break
            if target is not None and c.background and not target.background:
                c.background = False
        elif c.why == "casualties" and not c.triggers and not c.background and not any(
                d.kind in STRONG_DATES for d in c.dates):
            # "ففي جبلة ...، وفي طرطوس، فجر انتحاري ...", then "في حين أعلن مدير صحة طرطوس أن عدد الشهداء في
            # المدينة بلغ ٤٨": a toll with no attack word of its own, of a town an attack just told was in
            own = {getattr(p.candidate, "gazetteer_id", None) for p in c.places if p.precision <= 1} - {None}
            target = next((d for d in recent if not d.background and own & {
                getattr(q.candidate, "gazetteer_id", None) for q in d.places} and _compatible(d, c)), None)
        if target is not None:
            target.clauses.append(c)
            if c.circumstance and _FAMILY.get(strongest(c.triggers)) != _FAMILY.get(strongest(target.event_triggers)):
                continue  # "غارة ... وسط اشتباكات بين الكتائب والقوات النظامية": the clash's sides are not the raid's
            target.perp = target.perp or c.perp
            target.target = target.target or (c.target if not (target.perp and c.target and
                                                               c.target.id == target.perp.id) else None)
            continue
        if not specific(c):
            continue
        lede = next((d for d in reversed(drafts) if not d.is_title and c.sent - d.last_sent <= 1), None) \
            if c.next_blast else None
        if lede is not None:
            # "فيما فجر إرهابي ثالث نفسه قرب مبنى مؤسسة الكهرباء": the sides of the series told before
            drafts.append(Draft([c], c.is_title, c.background, c.perp or lede.perp, c.target or lede.target))
            continue
        drafts.append(Draft([c], c.is_title, c.background, c.perp, c.target))
    return drafts


# ----------------------------------------------------------------------------------------------
# 4. incidents


_INSTRUMENT_BEFORE = re.compile(r"(?:ب|بعدد من|بعشرات|بعشرات من|بعدة|بعدد كبير من)\s*$")


_DIRECT_FIRE = re.compile(r"آر بي جي|ار بي جي|RPG|رشاش|الأسلحة الخفيفة|أسلحة خفيفة")


def _instrument(text: str, t: Trigger) -> bool:
    """The weapon is told as the instrument of the verb ("بالقذائف"، "بعدد من القذائف"), and it is not a
    gunfight's ("بقذائف آر بي جي والأسلحة الرشاشة")."""
    if _DIRECT_FIRE.search(text, t.end, t.end + 40):
        return False
    return t.text.startswith("ب") or _INSTRUMENT_BEFORE.search(text, max(0, t.start - 16), t.start) is not None


_OWNED = ("تابعة", "التابعة", "تابع", "التابع", "تابعتين")


def _word_before(text: str, start: int) -> list[str]:
    """The word just before a group's name ("طائرات" in "طائرات الاحتلال"), as a list of at most one."""
    return text[max(0, start - 12):start].split()[-1:] if start else []


def _owned_by(text: str, start: int) -> str:
    """The noun a group owns, told just before it ("دبابة تابعة لجيش الاحتلال" -> "دبابة")."""
    before = text[max(0, start - 30):start].rstrip("لـ").split()  # (the ل of "لجيش" may sit before the name)
    return before[-2] if len(before) >= 2 and before[-1].strip("،,") in _OWNED else ""


def _published(article: Article) -> dt.date | None:
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def _group_ref(m: GroupMention | None) -> GroupRef | None:
    if m is None:
        return None
    g = load_groups()[m.id]
    return GroupRef(id=g.id, parent=g.parent, name_en=g.name_en, name_ar=g.name_ar, text=m.text,
                    start=m.start, end=m.end)


def _casualty_fields(d: Draft) -> tuple[dict[str, int | None], list[tuple[int, int]], str | None]:
    values: dict[str, int | None] = {"killed": None, "wounded": None, "captured": None}
    spans: list[tuple[int, int]] = []
    notes: list[str] = []
    base: dict[str, int] = {}  # the clause each figure came from (extras add only to their own clause's)
    clauses = d.toll_clauses if d.toll_clauses is not None else d.clauses
    # "سقط خمسة شهداء جراء القصف على بلدات ريف درعا، حيث استشهد ثلاثة في مدينة بصرى الشام": a toll told
    # for a whole area gives way to the toll of the town the incident is placed in
    town_told = {x.kind for c in clauses if any(p.precision <= 1 for p in c.places)
                 for x in c.casualties if x.value is not None}
    for c in clauses:
        area_only = bool(c.places) and all(p.precision >= 3 for p in c.places)
        for x in c.casualties:
            if area_only and x.kind in town_told and not x.update and values.get(x.kind) is None:
                continue
            if x.suspects and not any(t.attack_type == "raid" for t in c.triggers):
                continue  # "قالت الشرطة إنها ألقت القبض على ثلاثة من المشتبه بتورطهم": not the attack's captives
            if x.kind not in values:  # "تحييد 5": killed or captured, the source does not say which
                if x.value is not None:
                    notes.append(f"{x.kind} (killed, captured or surrendered): {x.value}")
                    spans.append((x.start, x.end))
                continue
            if x.value is not None and x.update and values[x.kind] is not None and x.value < values[x.kind] \
                    and c.background and not d.background:
                # "وكان التلفزيون قد تحدث ... قبل أن تعلن مصادر طبية ارتفاع العدد إلى 42" after "إلى 49"
                continue  # (an earlier figure, told as the past)
            if x.value is not None and x.update:
                values[x.kind] = x.value  # the latest figure of a rising toll wins
                base[x.kind] = c.idx
                spans.append((x.start, x.end))
            elif x.value is not None and x.extra and values[x.kind] is not None and base.get(x.kind) == c.idx:
                notes.append(f"{x.kind}: {values[x.kind]} + {x.value}")  # the sum is traceable to its parts
                values[x.kind] += x.value  # "مقتل 4 عناصر من قسد و3 آخرين من الأسايش": 7 in all
                spans.append((x.start, x.end))
            elif x.value is not None and values[x.kind] is None and not x.extra:
                values[x.kind] = x.value
                base[x.kind] = c.idx
                spans.append((x.start, x.end))
                if x.count is not None and x.count.note:
                    notes.append(f"{x.kind}: {x.count.note}")  # "1 = ماهر العقال": the one named
            elif x.value is None and x.count is not None and x.count.note:
                notes.append(f"{x.kind}: {x.count.note}")
    note = "; ".join(dict.fromkeys(notes)) if notes else None
    return values, spans, note


def finish(article: Article, drafts: list[Draft], sentences: list[Sentence],
           clauses: list[Clause] | None = None) -> list[Incident]:
    published = _published(article)
    body_has_main = any(not d.is_title and not d.background for d in drafts)
    keep = [d for d in drafts if not d.is_title or not body_has_main]
    # background: dated before the main incident, or continuing a background story without a date
    main = next((d for d in keep if not d.background), None)
    main_date = None
    if main is not None:
        md = main.strong_date() or main.any_date()
        if md is None or md.value is None:
            # "ارتفعت حصيلة ضحايا التفجيرات ... أمس الأحد" as the lede (its toll joins nothing of its own):
            # the day it names is the news day of the lines that follow
            lede = next((c for c in clauses or [] if not c.is_title and c.kind != "none"), None)
            md = next((x for x in (lede.dates if lede is not None and not lede.background else [])
                       if x.kind in STRONG_DATES and x.value is not None), None)
        main_date = md.value if md and md.value else published
    prev: Draft | None = None
    for d in keep:
        dd = d.strong_date() or next((x for c in d.clauses for x in c.dates if x.value), None)
        if not d.background and dd and dd.value and published and (published - dd.value).days > _NEWS_DAYS:
            d.background = True  # "مجزرة الغوطة في 21 آب 2013" in a 2017 article: past, whatever the wording
        years = [x.year for c in d.clauses for x in c.dates if x.kind == "year" and x.year]
        if not d.background and dd is None and years and published and max(years) < published.year:
            d.background = True  # "انشق مطلع عام 2012، وشارك في عدة معارك" in a 2014 article
        if d is not main and not d.background:
            # a daily bulletin tells yesterday's attacks as news too: only clearly earlier ones are context
            if dd and dd.value and main_date and (main_date - dd.value).days > _SAME_NEWS_DAYS:
                d.background = True
            elif dd is None and prev is not None and prev.background and not d.is_title \
                    and not _bulletin_line(article.text, d.clauses[0].start) and not d.clauses[0].meanwhile:
                d.background = True  # (a bulletin's next line, "ريف دمشق: دارت اشتباكات", is news again)
        prev = d
    _inherit_from_lede(keep)
    _inherit_from_similar(keep)
    _inherit_subject(keep)
    _state_enemies(article, keep, clauses or [c for d in drafts for c in d.clauses])
    _sweep_quarry(keep)
    _accused_after(article.text, keep, clauses or [c for d in drafts for c in d.clauses])
    _towns_of_an_area(article.text, keep)
    # inherit the place of the previous incident for "في المنطقة"/"النقطة" with no place of its own
    for k, d in enumerate(keep):
        if not d.places and k > 0 and any(c.place_ana for c in d.clauses):
            named = _same_place_named(article.text, d, keep[:k])
            if named is not None:  # "استهدفت إسرائيل المطار ذاته": the airport named before
                d.inherited_place = named
                continue
            # the nearest incident before with a place, across placeless ones close together ("عند
            # المدخل الشمالي للمدينة" after the agency's account of the same night, which names none)
            at = d.clauses[0].sent
            for src in reversed(keep[:k]):
                if at - src.last_sent > 3:
                    break
                p = src.inherited_place or best_place(src.places)
                if p is not None:
                    d.inherited_place = p
                    break
                at = src.clauses[0].sent
    aid = article.article_id
    out = []
    for d in keep:
        parts = _split_listed_places(article.text, d)
        if len(parts) > 1:
            # "غارات على بلدتي كفربطنا وسقبا" then "بينما قتل ثلاثة آخرون في سقبا بغارة": the town told on its
            # own is that incident; the lede's part for it would count it twice
            # (a governorate told elsewhere names none of the towns: "شمالي محافظة القنيطرة")
            told = [(o, t) for o in keep if o is not d and not o.background
                    and (t := best_place(o.places)) is not None and t.precision <= 2]
            kept = [p for p in parts if not any(same_area(p.only_place, t, km=1.0) for _o, t in told)]
            # every place listed told on its own after it ("ضرب الإرهاب مدينتي جبلة وطرطوس بسلسلة تفجيرات"،
            # then "ففي جبلة ..."، "وفي طرطوس ..."): the lede only sums them up
            summary = all(o.clauses[0].sent > d.last_sent for o, t in told
                          if any(same_area(p.only_place, t, km=1.0) for p in parts))
            # (a part its own line in the same draft tells stays: "وفي التفاصيل، قُتل 21 عنصراً ... في البوكمال")
            parts = kept or ([p for p in parts if p.toll_clauses] if summary else parts[:1])
        for part in parts:
            out.append(_incident(article, aid, part, main_date, published, sentences))
    return _drop_bare_retellings(_one_per_town_day(out))


def _drop_bare_retellings(incs: list[Incident]) -> list[Incident]:
    """"قتلت عنصرين في خلية ...، غداة تفجير انتحاري استهدف كنيسة في العاصمة وأوقع 25 قتيلا" then "وكان
    انتحاري قد أطلق النار على المصلين في كنيسة مار الياس في حي الدويلعة ...، ما أسفر عن مقتل 25 شخصاً":
    a past attack alluded to with neither place nor day is the one told in full with the same kind and
    dead; the allusion adds nothing."""
    def bare(x: Incident) -> bool:
        return x.is_background and x.location is None and x.event_date is None and x.killed is not None
    return [x for x in incs if not (bare(x) and any(
        y is not x and not bare(y) and y.is_background and y.attack_type == x.attack_type and y.killed == x.killed
        for y in incs))]


def _norm(s: str) -> str:
    return "".join(norm_phrase(s))  # (spaces dropped: "معر حطاط" is "معرحطاط")


def _tolled(inc: Incident) -> bool:
    return any(x is not None for x in (inc.killed, inc.wounded, inc.captured))


def _same_attack(a: Incident, b: Incident) -> bool:
    """The same kind of attack on the same town on the same day, by sides that do not disagree."""
    if a.is_background or b.is_background or a.event_date is None or a.event_date != b.event_date:
        return False
    if a.attack_type != b.attack_type or a.location is None or b.location is None:
        return False
    if a.location.gazetteer_id is None or a.location.gazetteer_id != b.location.gazetteer_id or (
            a.location.precision or 9) > 1:
        return False
    if not all(x.location.name_ar and _norm(x.location.name_ar) in _norm(x.location.text or "") for x in (a, b)):
        return False  # ("حي المحطة" resolved to حمص: another quarter of the city, maybe another attack)
    if _tolled(a) == _tolled(b):
        return False
    bare, told = (b, a) if _tolled(a) else (a, b)  # (the line with no toll names no attacker: "طالت غارات أخرى مدينة سراقب")
    return bare.perpetrator is None and (bare.target is None or (told.target is not None and bare.target.id == told.target.id))


def _one_per_town_day(incs: list[Incident]) -> list[Incident]:
    """"في حين طالت غارات أخرى مدينة سراقب المجاورة" then, paragraphs later, "وفي سراقب، أصيبت امرأة
    وطفلها بجروح جراء غارة نفذتها طائرة حربية تابعة لنظام الأسد": one attack told twice too far apart to
    be linked. As ACLED codes one event per place, day and kind, the two are one: the line with the toll
    stays; the bare line (no toll, no side) adds nothing but the place both name."""
    keep: list[Incident] = []
    for inc in incs:
        k = next((k for k, x in enumerate(keep) if _same_attack(x, inc)), None)
        if k is None:
            keep.append(inc)
            continue
        if _tolled(inc):
            keep[k] = inc
    return keep


def bracket_tolls(c: Clause) -> list[tuple[Casualty, PlaceRef]]:
    """"السوسة (6 قتلى بينهم 3 أطفال)، الشعفة (5 قتلى)": figures of one kind, each right after its
    own precise place (a bracket between), two or more distinct places."""
    figs = sorted((x for x in c.casualties if x.value is not None and x.count is not None), key=lambda x: x.start)
    pairs = []
    for x in figs:
        p = next((p for p in c.places if p.precision <= 1 and 0 < x.start - p.end <= 3), None)
        if p is not None:
            pairs.append((x, p))
    if len(pairs) < 2 or len({x.kind for x, _ in pairs}) != 1 or any(
            same_area(a, b, km=1.0) for i, (_, a) in enumerate(pairs) for _, b in pairs[i + 1:]):
        return []
    return pairs


def _counted_places(text: str, d: Draft) -> list[tuple[Casualty, PlaceRef]]:
    """"قتل 24 مدنيا في بلدة حمورية وحدها، و17 آخرون في بلدة بيت سوا": a clause giving a figure per
    place (each figure followed, before the next one, by its own precise place) splits into one
    incident per place with its figure."""
    for c in d.clauses:
        brackets = bracket_tolls(c)
        if not all(text[p.end:x.start].strip() in ("(", ":", "،", "") for x, p in brackets):
            brackets = []
        figs = [x for x in c.casualties if x.value is not None and x.count is not None]
        if len(figs) < 2 or not any(x.extra for x in figs) or len({x.kind for x in figs}) != 1:
            if brackets:
                return brackets
            continue
        figs.sort(key=lambda x: x.start)
        pairs = []
        for k, x in enumerate(figs):
            stop = figs[k + 1].start if k + 1 < len(figs) else c.end
            p = next((p for p in sorted(c.places, key=lambda p: p.start)
                      if x.end <= p.start < stop and p.start - x.end <= 60 and p.precision <= 1), None)
            if p is None:
                break
            pairs.append((x, p))
        if len(pairs) == len(figs) and all(not _same_spot(a, b) for i, (_, a) in enumerate(pairs)
                                           for _, b in pairs[i + 1:]):
            return pairs  # ("أن 17 مدنياً قتلوا في مدينة تلبيسة، و11 في بلدة الزعفرانة": each figure before its
            # place, though each place also stands right before the next figure)
        if brackets:
            return brackets
    for c in d.clauses:
        pairs = _among_tolls(text, c)
        if pairs:
            return pairs
    return []


# "بينهم 17 في مدينة البوكمال ومحيطها ... و6 في مدينة الميادين": a share of the toll, then its place
_AMONG_FIGURE = re.compile(r"(?:(?:بينهم|منهم)\s+|[،,]?\s*و)(\d+|[٠-٩]+)\s+(?:[\u0621-\u064A]+\s+)?في\s+"
                           r"(?:(?:مدينة|بلدة|قرية|حي|منطقة)\s+)?$")


def _among_tolls(text: str, c: Clause) -> list[tuple[Casualty, PlaceRef]]:
    """"قتلت الضربات ما لا يقل عن 23 مقاتلا في سوريا، بينهم 17 في مدينة البوكمال ... و6 في مدينة الميادين":
    the toll broken down by town after "بينهم", one share per distinct precise place (two or more)."""
    main = next((x for x in c.casualties if x.value is not None and x.count is not None), None)
    if main is None:
        return []
    among = text.find("بينهم", main.start, c.end)
    among = among if among >= 0 else text.find("منهم", main.start, c.end)
    if among < 0:
        return []
    pairs = []
    for p in sorted(c.places, key=lambda p: p.start):
        if p.precision > 1 or p.start < among:
            continue
        m = _AMONG_FIGURE.search(text, max(among, p.start - 30), p.start)
        if m is None:
            continue
        value = int(m.group(1).translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
        if value >= main.value:
            continue  # (a share is smaller than the whole)
        count = Count(value, main.count.i, main.count.j, m.start(1), m.end(1), m.group(1))
        pairs.append((Casualty(main.kind, value, m.start(1), m.end(1), count, main.victim_from, extra=True), p))
    if len(pairs) < 2 or any(_same_spot(a, b) for i, (_, a) in enumerate(pairs) for _, b in pairs[i + 1:]):
        return []
    return pairs


_LIST_GAP = re.compile(r"^[\s،,و]*$")
_EACH_HEAD = re.compile(r"^[وبل]?(مدينة|بلدة|قرية|مدينتي|بلدتي|قريتي|قرى|بلدات|مدن)\s")
_SETTLEMENTS = re.compile(r"^[وبل]?(قرى|بلدات|مدن|قريتي|بلدتي|مدينتي|قريتا|بلدتا|مدينتا)\s")
_BETWEEN = ("بين", "الواصل", "الرابط", "طريق")
_CAMPAIGN = frozenset(norm_phrase("حملة الحملة"))
_NAMED_BY_ADJECTIVE = frozenset(norm_phrase("الصناعية الرياضية الجامعية الجديدة القديمة"))
_QUARTERS = re.compile(r"^[وبل]?(أحياء|حيي|حيا)\s")


def _same_spot(p: PlaceRef, q: PlaceRef) -> bool:
    """One place told twice ("مدينة أريحا" and "أريحا"); two quarters of a city a kilometre apart
    ("مساكن هنانو" and "الحيدرية") are two."""
    if getattr(p.candidate, "kind", None) == getattr(q.candidate, "kind", None) == "neighbourhood":
        return getattr(p.candidate, "gazetteer_id", None) == getattr(q.candidate, "gazetteer_id", None)
    return same_area(p, q, km=1.0)


def _listed_run(text: str, c: Clause) -> list[PlaceRef]:
    """The first run of two or more precise places the clause lists ("قرى رامي والشريحي وطربا")."""
    run: list[PlaceRef] = []
    for p in sorted((p for p in c.places if p.precision <= 1), key=lambda p: p.start):
        if run and _LIST_GAP.match(text[run[-1].end:p.start]):
            run.append(p)
        elif len(run) < 2:
            run = [p]
        else:
            break
    return run if len(run) >= 2 else []


def _split_listed_places(text: str, d: Draft) -> list[Draft]:
    """"تسللت مجموعات من داعش إلى قرى رامي والشريحي وطربا": one attack told of several villages is an
    incident per village (ACLED codes one event per location). The toll goes to the village a
    casualty clause names ("ارتقى في قرية رامي وحدها 38"), else to the first; the others get none.
    A road "between A and B" stays one incident."""
    if d.background or not any(c.kind == "event" for c in d.clauses):
        return [d]  # (context told in passing — "حين قصفت بلدات زملكا وعين ترما" — stays one line)
    counted = _counted_places(text, d)
    if counted:
        return [replace(d, only_place=p, own_toll=x) for x, p in counted]
    # the first event clause's list; or a list of a city's quarters in a later clause ("تتواصل حملة القصف
    # ... حيث ألقت مروحياتها عشرات البراميل على أحياء الصاخور ومساكن هنانو والحيدرية")
    events = [c for c in d.clauses if c.kind == "event"]
    for k, event in enumerate(events):
        run = _listed_run(text, event)
        if k > 0 and run and not _QUARTERS.match(text[run[0].start:run[0].end]):
            run = []
        if len(run) >= 2 and not any(w in text[max(event.start, run[0].start - 25):run[0].start] for w in _BETWEEN):
            break
    else:
        return [d]
    quarters = _QUARTERS.match(text[run[0].start:run[0].end]) is not None
    if not (_SETTLEMENTS.match(text[run[0].start:run[0].end]) or quarters or all(
            _EACH_HEAD.match(text[p.start:p.end]) for p in run)):
        return [d]  # only a list the head calls villages/towns ("قرى"، "بلدتي"، "مدينة أريحا وبلدة معرة مصرين"):
        # "ضاحية جرمانا وحي باب شرقي" is one target
    distinct: list[PlaceRef] = []
    for p in run:
        if all(not _same_spot(p, q) for q in distinct):
            distinct.append(p)
    if len(distinct) < 2:
        return [d]
    own = [[c for c in d.clauses if c is not event and c.places and any(_same_spot(p, q) for q in c.places)]
           for p in distinct]
    if any(any(x.value is not None for c in cs for x in c.casualties) for cs in own):
        # "قتل 13 في أريحا ومعرة مصرين" then "في أريحا ... مقتل تسعة"، "وفي معرة مصرين قتل أربعة": each
        # place keeps the figures its own lines give (the lede's total is theirs together)
        return [replace(d, only_place=p, toll_clauses=cs) for p, cs in zip(distinct, own, strict=True)]
    if quarters:
        return [d]  # a city's quarters listed split only by the lines that tell each one's toll
    owner = 0
    # "غارات على مدينتي اللطامنة وكفرزيتا، أسفرت عن مقتل مدني وإصابة آخرين في كفرزيتا": the place named
    # right after the toll in the same clause owns it
    told = [x for x in event.casualties if x.value is not None]
    after = [p for p in event.places if p.start > run[-1].end and any(0 <= p.start - x.end <= 60 for x in told)]
    named = next((k for p in after for k, q in enumerate(distinct) if same_area(p, q, km=1.0)), None)
    if named is not None:
        return [replace(d, only_place=p, owns_toll=(k == named)) for k, p in enumerate(distinct)]
    for c in d.clauses:
        if c is not event and any(x.value is not None for x in c.casualties) and c.places:
            k = next((k for k, p in enumerate(distinct) if any(same_area(p, q, km=1.0) for q in c.places)), None)
            if k is not None:
                owner = k
                break
    return [replace(d, only_place=p, owns_toll=(k == owner)) for k, p in enumerate(distinct)]


_SAME = re.compile(r"ال(\w+) (?:ذاته|ذاتها|نفسه|نفسها)")


def _same_place_named(text: str, d: Draft, before: list[Draft]) -> PlaceRef | None:
    """The place an "X ذاته/نفسه" phrase points back to: the latest earlier place whose name has X."""
    for c in d.clauses:
        m = _SAME.search(text, c.start, c.end)
        if m is None:
            continue
        head = m.group(1)
        for src in reversed(before):
            for p in sorted(src.places, key=lambda p: -p.start):
                if head in p.text:
                    return p
    return None


def _inherit_from_lede(keep: list[Draft]) -> None:
    """"قتل 127 مدنيا في غارات جوية لقوات النظام على الغوطة" then "قتل 24 مدنيا في بلدة حمورية"، "استهدفت
    الغارات أيضا بلدتي سقبا وكفربطنا": later news lines of the same kind of attack that name no attacker
    are the lede's attacker's (a reader attributes them so); a toll line with no attack word takes the
    lede's attack type too. Background lines and other kinds of attack keep what they say."""
    lede = next((d for d in keep if not d.background and not d.is_title), None)
    if lede is None or lede.perp is None:
        return
    lede_type = strongest(lede.event_triggers)
    family = _FAMILY.get(lede_type)
    if family is None or lede_type in _GENERIC_TYPES:
        # "شن تنظيم داعش فجراً سلسلة هجمات متزامنة" then "ففي مدينة السويداء، فجر ثلاثة انتحاريين
        # أنفسهم": a part told as the detail ("ففي") of the lede's attacks is the lede's attacker's
        for d in keep[keep.index(lede) + 1:]:
            if d.perp is None and not d.background and not d.is_title and d.clauses[0].detail and not (
                    d.target is not None and _related(d.target.id, lede.perp.id)):
                d.perp = lede.perp
    if family is None:
        return
    foreign_air = lede_type in _AIR and _top_id(lede.perp.id) in _FOREIGN_AIR
    for d in keep[keep.index(lede) + 1:]:
        similar = any(c.similar for c in d.clauses)  # "لغارات مماثلة": the same attacker, even in the past
        # (a story of one foreign air force's strikes tells its past strikes too: "الضربة التي دمرت مبنى
        # القنصلية الإيرانية" in a report on Israeli raids)
        past_raid = foreign_air and (d.type_from_lede or strongest(d.event_triggers)) in _AIR
        if (d.background and not similar and not past_raid) or d.is_title or d.perp is not None or d.clauses[0].side:
            continue  # (the other side's own news — "في المقابل، ذكرت وسائل إعلام النظام" — is not the lede's)
        real = [t for t in d.event_triggers if not t.anaphoric]
        before = next((e for e in reversed(keep[:keep.index(d)]) if not e.is_title), None)
        if before is not None and before is not lede and before.perp is not None and not _related(
                before.perp.id, lede.perp.id) and any(
                c.sent == d.clauses[0].sent for c in before.clauses):
            # "واستشهد ثلاثة بقصف مدفعي لقوات الأسد على معرشمشة، في حين طال القصف الصاروخي بلدة تلمنس":
            # "the shelling" of the same sentence is the attack just told, not the lede's air raids
            if strongest(before.event_triggers) in {t.attack_type for c in d.clauses for t in c.triggers}:
                d.perp = before.perp
            continue
        if not d.event_triggers:
            d.type_from_lede = lede_type
        elif not real:
            continue  # "تواصلت المعارك بين ...": the words name their own kind of attack
        elif _FAMILY.get(strongest(d.event_triggers)) != family:
            continue
        if d.target is not None and _related(d.target.id, lede.perp.id):
            continue
        mine, theirs = best_place(d.places), best_place(lede.places)
        campaign = lede_type in _AIR and _top_id(lede.perp.id) in _FOREIGN_AIR and (
            d.type_from_lede or strongest(d.event_triggers)) in _AIR  # (a foreign air campaign spans the map)
        if mine is not None and theirs is not None and getattr(mine.candidate, "admin1_pcode", None) != getattr(
                theirs.candidate, "admin1_pcode", None) and not campaign:
            continue  # "قذائف هاون على أحياء العاصمة" after strikes on Douma: the other side's fire
        d.perp = lede.perp


_SAME_ONES = frozenset(norm_phrase("ذاتها ذاته نفسها نفسه"))
_STRIKERS = tuple(norm_phrase("طائرات طائرة مروحيات مقاتلات غارات غارة مسيرات"))


def _inherit_from_similar(keep: list[Draft]) -> None:
    """"كما استهدفت غارات مماثلة مدينة دارة عزة" after Russian strikes on الأتارب: "similar" strikes that
    name no attacker are those of the nearest attack of the same kind told before them."""
    for k, d in enumerate(keep):
        # (or told in the same sentence: "جراء القصف الذي تشنه قوات الأسد على بلدات ريف درعا، ... فيما
        # استشهد شابان في بلدة الغارية الغربية بقذيفة دبابة")
        before = next((e for e in reversed(keep[:k]) if not e.is_title), None)
        same_sentence = before is not None and not d.background and any(
            c.sent == d.clauses[0].sent for c in before.clauses)
        if d.perp is not None or d.is_title or not (same_sentence or any(c.similar for c in d.clauses)):
            continue
        mine = _FAMILY.get(d.type_from_lede or strongest(d.event_triggers))
        prev = next((e for e in reversed(keep[:k]) if not e.is_title and e.perp is not None
                     and _FAMILY.get(e.type_from_lede or strongest(e.event_triggers)) == mine), None)
        if not any(c.similar for c in d.clauses) and (prev is not before or strongest(before.event_triggers) != strongest(
                d.event_triggers)):
            continue  # (the same sentence: only the same kind of attack — mortars after an air raid answer it)
        if mine is not None and prev is not None and not (d.target is not None and _related(d.target.id, prev.perp.id)):
            d.perp = prev.perp


_STATE_MEDIA_SIDES = {"syrian_government", "russia"}
_OLD_REGIME_END = "2024-12-08"


def _state_enemies(article: Article, keep: list[Draft], clauses: list[Clause]) -> None:
    """"قضت وحدات من جيشنا الباسل على أعداد من الإرهابيين"، "أوقعت وحدات من الجيش العربي السوري أعداداً من
    الإرهابيين قتلى": the state media's unnamed "terrorists" hit by the army (or its Russian ally) are the
    armed opposition, or the Islamic State in an article that names it. The bare word is no group (it is
    also the attackers' name in other lines), so it only fills a target the army's attack lacks; the old
    regime's media only (published by 8 December 2024)."""
    if not article.published or article.published[:10] > _OLD_REGIME_END:
        return
    named = {g.id for c in clauses for g in c.groups}
    side = "islamic_state" if "islamic_state" in named else "opposition"
    for d in keep:
        if d.perp is None or _top_id(d.perp.id) not in _STATE_MEDIA_SIDES:
            continue
        # ("استهدفت تجمعات للإرهابيين في محيط جامع الرستن الكبير": the mosque only places them)
        soft = d.target is not None and d.target.id == "civilians" and "مدني" not in d.target.text
        if d.target is not None and d.target.id == "unknown":
            # ("اشتبكت الجهات المختصة مع مجموعة إرهابية مسلحة": the same unnamed enemy)
            d.target = replace(d.target, id=side)
            continue
        if d.target is not None and not soft:
            continue
        for c in d.clauses:
            if c.kind != "event":
                continue
            cw = words_of(article.text, c.start, c.end)
            # (not the agent of the fire: "قذائف صاروخية أطلقتها المجموعات الإرهابية سقطت على حي الحمدانية")
            m = next((x for x in discourse.find("state_enemies", article.text, cw)
                      if not (x.i > 0 and cw[x.i - 1].norm.lstrip("و").startswith(_ENEMY_AS_AGENT))), None)
            if m is not None and not (soft and m.start > d.target.start):
                d.target = GroupMention(side, m.start, m.end, m.text, m.i + c.lo, m.j + c.lo)
                break


def _inherit_subject(keep: list[Draft]) -> None:
    """"سيطر المعارضون على معبر تل أبيض ... وكانوا قد انتزعوا السيطرة على معبر باب الهوى": an attack
    whose verb's subject is only its plural ending ("they") is by the story's protagonist, the lede's
    attacker, when it is the same kind of fighting (the raids told in between are the other side's)."""
    lede = next((d for d in keep if not d.background and not d.is_title), None)
    if lede is None or lede.perp is None:
        return
    family = _FAMILY.get(strongest(lede.event_triggers))
    for d in keep[keep.index(lede) + 1:]:
        if d.perp is not None or d.is_title or not any(c.they for c in d.clauses[:1]):
            continue
        if _FAMILY.get(strongest(d.event_triggers)) == family and not (
                d.target is not None and _related(d.target.id, lede.perp.id)):
            d.perp = lede.perp


_AREA_WORDS = frozenset(norm_phrase("مدن بلدات قرى مناطق أرياف ريفي"))


def _an_area(text: str, d: Draft) -> bool:
    """The draft's attack fell on an area, not one town ("على مدن وبلدات في ريفي إدلب وحلب")."""
    return any(p.precision >= 3 for p in d.places) or any(
        w.norm.lstrip("وبل") in _AREA_WORDS for c in d.clauses if c.kind == "event" for w in words_of(text, c.start, c.end))


def _towns_of_an_area(text: str, keep: list[Draft]) -> None:
    """"شنت قوات النظام قصفاً مدفعياً على مدن وبلدات في ريفي إدلب وحلب" then "قتلوا في قصف استهدف مدينة
    سرمين"، "فيما قتل مدني في قصف على بلدة دارة عزة": the towns' shelling that names no attacker is the
    area's shelling told just before; that line only sums them up when it counts no victims itself."""
    summed: set[int] = set()
    took: set[int] = set()
    for k, d in enumerate(keep):
        if d.is_title or d.background or d.perp is not None:
            continue
        p = best_place(d.places)
        fam = _FAMILY.get(d.type_from_lede or strongest(d.event_triggers))
        if p is None or p.precision > 2 or fam != "remote":
            continue
        area = next((e for e in reversed(keep[:k]) if not e.is_title and id(e) not in took), None)
        if area is None or area.perp is None or area.background or d.clauses[0].sent - area.last_sent > 2:
            continue
        if not _an_area(text, area) or (area.type_from_lede or strongest(area.event_triggers)) != (
                d.type_from_lede or strongest(d.event_triggers)) or not _governorates(d.places) & _governorates(area.places):
            continue
        if any("مجهول" in text[c.start:c.end] for c in d.clauses):
            continue  # ("قذائف هاون مجهولة المصدر": no side to take)
        d.perp = area.perp
        took.add(id(d))
        if not any(x.value is not None for c in area.clauses for x in c.casualties):
            summed.add(id(area))
    keep[:] = [e for e in keep if id(e) not in summed]


def _accused_after(text: str, keep: list[Draft], clauses: list[Clause]) -> None:
    """"إثر سقوط صاروخ على تجمّع للأهالي أمام الفرن في مدينة سقبا، وسط اتهامات لقوات الأسد المتمركزة في
    مطار المزة بإطلاقه": the side accused right after the attack, in the same sentence, fired it, when the
    attack names nobody."""
    groups = load_groups()
    for d in keep:
        if d.is_title or d.perp is not None:
            continue
        last = d.clauses[-1]
        nxt = next((c for c in clauses if c.idx == last.idx + 1), None)
        if nxt is None or nxt.sent != last.sent or nxt.kind != "none" or nxt.triggers:
            continue
        ws = words_of(text, nxt.start, nxt.end)
        cue = discourse.positions("accuse", ws, 0, min(3, len(ws)))
        if not cue:
            continue
        j = cue[0][1]
        deed = next((k for k in range(j, len(ws)) if accused_deed(ws[k].norm)), None)
        if deed is None:
            continue  # (the deed points back at the attack: "بإطلاقه"، "بتنفيذها")
        accused = [m for m in nxt.groups if ws[j].start <= m.start < ws[deed].start
                   and not getattr(groups.get(m.id), "target_only", False) and m.id != "unknown"]
        if len(accused) == 1 and accused[0].start == ws[j].start and not accuse_of_relative(ws, cue[0][0], 0):
            continue  # ("، اتهم النظام المجموعة بتنفيذه": the accuser)
        if accused:
            d.perp = accused[-1]


def _sweep_quarry(keep: list[Draft]) -> None:
    """"أطلقت إدارة الأمن العام حملة تمشيط ... أسفرت عن إلقاء القبض على ستة من المتورطين في الهجوم":
    a sweep that hunts the men of an attack told before is aimed at that attack's side, when it names
    none (or only "المسلحين")."""
    for k, d in enumerate(keep):
        if d.is_title or d.perp is None or (d.target is not None and d.target.id != "unknown"):
            continue
        if not any(t.involved for c in d.clauses for t in c.triggers):
            continue
        told = next((e for e in reversed(keep[:k]) if not e.is_title and e.perp is not None), None)
        if told is not None and told.perp.id != "unknown" and not _related(told.perp.id, d.perp.id):
            d.target = told.perp


def _sentence_text(article: Article, sentences: list[Sentence], pos: int) -> str | None:
    k = bisect.bisect_right(sentences, pos, key=lambda s: s.start) - 1
    if k >= 0 and sentences[k].start <= pos < sentences[k].end:
        return article.text[sentences[k].start:sentences[k].end]
    return None


def _incident(article: Article, aid: str, d: Draft, main_date: dt.date | None, published: dt.date | None,
              sentences: list[Sentence]) -> Incident:
    trig = d.event_triggers
    # "أسفرت حملة التمشيط عن مقتل 3 من المتورطين في الكمين": a word pointing back at another attack
    # does not name this one's kind when a word of its own does
    # (a bare "استهدف" names no kind: "الهجوم الانتحاري الذي استهدف حفل زفاف" is a suicide attack)
    nonana = [t for t in trig if not t.anaphoric]
    bare = [t for t in nonana if _bare_aim(t)]
    told = [t for t in trig if t.anaphoric and t.attack_type not in _GENERIC_TYPES and any(
        0 < b.start - t.end <= 12 for b in bare)]  # ("... الانتحاري الذي استهدف")
    if told and not any(t.attack_type not in _GENERIC_TYPES for t in nonana):
        attack_type = d.type_from_lede or strongest(told)
    else:
        attack_type = d.type_from_lede or strongest(nonana or trig)
    first = min(nonana, key=lambda t: t.start, default=None)
    if attack_type == "shelling" and first is not None and first.attack_type == "armed_clash" and first.rank >= 30 and (
            not first.generic_plural and not first.text.lstrip("وبل").startswith("هجمات")) and all(
            t.attack_type in ("armed_clash", "shelling") for t in nonana) and not (
            d.target is not None and d.target.id == "civilians") and d.perp is not None and d.target is not None:
        # "هاجموا منذ صباح اليوم قريتي باب الخير وأم حرملا ... بالتزامن مع قصف مدفعي"، "شنت هجوماً ...
        # تمهيد بالمدفعية": an assault between two sides with its artillery is a battle
        attack_type = "armed_clash"
    groups = load_groups()
    target = d.target
    if target is not None and target.id == "civilians" and "مدني" not in target.text and attack_type != "abduction" and any(
            c.military_site for c in d.clauses if c.kind == "event"):  # (one taken at a checkpoint is no soldier)
        target = None  # "غارات على مركز البحوث العلمية ... مقتل 5 أشخاص": people at a military site
    if target is None or _soft_civilians(target):
        # (over people the text only counts: "استهدف الاحتلال مبنى القنصلية الإيرانية ... استشهاد سبعة أشخاص")
        owner = next((c.site_owner for c in d.clauses if c.site_owner is not None), None)
        if owner is not None and not (d.perp and _related(d.perp.id, owner.id)):
            target = owner  # "اتجهت 10 طائرات مسيرة هجومية نحو قاعدة حميميم": Russia's base
    if target is None and d.perp is not None:
        # "شن الطيران الحربي الإسرائيلي غارات على تسعة مواقع عسكرية": the military sites Israel strikes in
        # Syria are the Syrian army's, and so were the rebels' before December 2024, when the text names
        # no other owner
        site = next((c.site_span for c in d.clauses if c.kind == "event" and c.site_span is not None), None)
        owner_id = implied_site_owner(_top_id(d.perp.id), article.published)
        # ("هاجموا الفوج 46 ...، مقتل 14 عنصراً من حزم": the side the attack's own lines name is the owner)
        sides = {_top_id(g.id) for c in d.clauses if c.kind == "event" for g in c.groups if named_armed_side(g.id)}
        if owner_id is not None and sides - {_top_id(d.perp.id)} and owner_id not in sides:
            owner_id = None
        if site is not None and owner_id is not None:
            target = GroupMention(owner_id, site[0], site[1], article.text[site[0]:site[1]], site[2], site[3])
    shot_down = attack_type == "other" and any(t.downed is not None for t in trig)  # (by jets, still no airstrike)
    if attack_type in ("armed_clash", "other") and d.perp is not None and not shot_down:
        # "الطيران الإسرائيلي" strikes from the air; "دبابة تابعة لجيش الاحتلال" fires shells
        # ("واستهدفت طائرات الاحتلال الحربية": the air word just before the name)
        lead = _word_before(article.text, d.perp.start)
        attack_type = type_from_actor(d.perp.text) or type_from_actor(_owned_by(article.text, d.perp.start)) or (
            type_from_actor(" ".join(lead + [d.perp.text])) if lead and not lead[-1].startswith(("ب", "ل")) else None
        ) or attack_type
        if attack_type in ("armed_clash", "other") and not any(t.attack_type == "armed_clash" and t.rank >= 30
                                                               for t in trig) and not any(t.shooting for t in trig):
            # (gunfire is no air strike: "أطلقت قوات الاحتلال النار باتجاه رعاة أغنام")
            attack_type = type_from_actor_id(d.perp.id) or attack_type  # "شن الاحتلال عدوانا على مواقع"
    elif attack_type == "shelling" and d.perp is not None and all(
            (t.text.strip().startswith(_BARE_SHELLING) and len(t.text.split()) == 1) or (
                # ("مقاتلتين إسرائيليتين ... قصفتا ... بثمانية صواريخ موجهة": the aircraft's missiles)
                any(m in t.text for m in ("صاروخ", "صواريخ")) and any(
                    x.text.strip().startswith(_BARE_SHELLING) for x in trig if x is not t))
            for t in trig if t.attack_type == "shelling"):
        # "وكان الطيران التركي قد قصف": a bare "قصف" by an air force is an air strike
        # (the air word may stand before the group's name: "قصفت طائرات الاحتلال التركي")
        before = _word_before(article.text, d.perp.start)
        attack_type = {"airstrike": "airstrike", "drone_strike": "drone_strike"}.get(
            type_from_actor(" ".join(before + [d.perp.text])) or type_from_actor_id(d.perp.id) or "", attack_type)
    if attack_type == "shelling" and d.perp is not None and _top_id(d.perp.id) in _MISSILE_AIR and all(
            any(m in t.text for m in ("صاروخ", "صواريخ")) for t in trig if t.attack_type == "shelling"):
        # "شنت الولايات المتحدة وبريطانيا وفرنسا ضربات صاروخية على مركز البحوث": their missiles are
        # fired from the air (ACLED: Air/drone strike); the army's or the factions' stay shelling
        attack_type = "airstrike"
    if attack_type == "shelling" and any(t.attack_type == "ambush" and not t.anaphoric for t in trig) and not any(
            t.attack_type == "shelling" and "قصف" in t.text for t in trig):
        # "نصبت كميناً لدورية ... وأضاف أن المهاجمين استخدموا قذائف صاروخية": the weapons of an ambush
        attack_type = "ambush"
    if attack_type == "suicide_attack" and d.perp is not None and _top_id(d.perp.id) in _RAIDERS and (
            target is not None and _top_id(target.id) != _top_id(d.perp.id)) and any(
            t.attack_type == "raid" and not t.anaphoric and _SWEEP_WORD.search(t.text) for t in trig):
        # "مداهمة نفذها جهاز الأمن العام ... على منزل يتحصن فيه عناصر من خلية ...، أقدم خلالها أحد عناصر
        # الخلية على تفجير نفسه بحزام ناسف": the raided side's belt, in a force's raid on it
        attack_type = "raid"
    if attack_type == "armed_clash" and all(t.rank <= 22 for t in trig if t.attack_type == "armed_clash") and any(
            t.attack_type == "shelling" and not t.anaphoric and _instrument(article.text, t) for t in trig):
        # "كما استهدفت الفصائل بعدد من القذائف الصاروخية مناطق في قرية الرصيف": a bare "استهدف" with
        # shells as its instrument is shelling
        attack_type = "shelling"
    if attack_type == "shelling" and any(
            t.attack_type == "armed_clash" and t.rank >= 30 and not t.anaphoric and _FIGHT_WORD.search(t.text)
            and _BETWEEN_SIDES.match(article.text, t.end) for t in trig) and not any(
            t.attack_type == "shelling" and not t.anaphoric and "قصف" in t.text for t in trig):
        # "اشتباكات عنيفة اندلعت بين مسلحين من عشائر البدو ومجموعات محلية درزية" then "استُخدمت فيها
        # الأسلحة المتوسطة وقذائف الهاون": a battle between two sides, whatever weapons it used
        attack_type = "armed_clash"
    if attack_type == "armed_clash" and target is not None and _soft_civilians(target) and any(
            t.attack_type == "armed_clash" and not t.anaphoric and _FIGHT_WORD.search(t.text) for t in trig):
        # "اشتباكات شهدتها مدينة جرمانا ... أسفرت عن مقتل 10 أشخاص": the dead of a fight counted as
        # persons are not its target (the sides fought each other)
        target = None
    if attack_type == "armed_clash" and target is not None and groups[target.id].target_only and not any(
            t.attack_type == "armed_clash" and _BETWEEN_SIDES.match(article.text, t.end) for t in trig) and not any(
            c.similar for c in d.clauses):  # ("قُتل 11 من جامعي الكمأة في هجوم مماثل": like the assault told)
        # (a fight "بين عائلتين" has two armed sides, whoever fell)
        # an attack on civilians is not a battle: its weapon says what it was ("استهدف المسلحون
        # بالقذائف الصاروخية مدينة محردة، ما أدى إلى استشهاد طفلة")
        weapon = [t for t in trig if t.attack_type not in ("armed_clash", "other") and not t.anaphoric]
        attack_type = strongest(weapon) if weapon else "other"
    values, _spans, note = _casualty_fields(d)
    if not d.owns_toll:
        values = {k: None for k in values}  # another village of the list has the toll
    if d.own_toll is not None:
        values = {k: None for k in values} | {d.own_toll.kind: d.own_toll.value}
    protest = any(_PROTEST_WORD.search(article.text[c.start:c.end]) for c in d.clauses if c.kind == "event")
    if attack_type == "other" and any(t.shooting for t in trig) and values["killed"] in (1, 2) and not (
            d.perp is not None and _top_id(d.perp.id) in _STATES - {"syrian_government"}) and not protest:
        # (not "أطلقوا النار على مظاهرة خرجت في المدينة": fire on a crowd is no targeted killing)
        # (a foreign army's fire is no targeted killing: "فيما قتل شاب برصاصها" after an Israeli incursion)
        attack_type = "assassination"  # "مقتل عنصر برصاص مجهولين": a targeted killing
    elif attack_type == "armed_clash" and any(t.shooting for t in trig) and values["killed"] in (1, 2) and not any(
            t.attack_type == "armed_clash" and t.rank >= 30 for t in trig) and (
            d.perp is None or d.perp.id in _NON_STATE_KILLERS) and not any(
            c.military_site for c in d.clauses):  # ("استهدفوا حاجزا": an attack on a post)
        attack_type = "assassination"  # "برصاص مسلحين مجهولين استهدفوه": a generic verb, no battle
    elif attack_type == "other" and not trig and values["killed"] == 1 and d.perp is not None and d.perp.id == "unknown":
        attack_type = "assassination"  # "قتل مسلحون مجهولون قيادياً في مجلس دير الزور العسكري أمام منزله"
    elif attack_type == "raid" and any(t.shooting for t in trig) and values["killed"] in (1, 2) and (
            values["captured"] is None and (d.perp is None or d.perp.id in _NON_STATE_KILLERS)):
        attack_type = "assassination"  # "مسلحون اقتحموا خيمة المرأة وأطلقوا النار عليها": not a security raid
    if attack_type == "assassination" and ((values["killed"] or 0) >= 3 or any(
            discourse.find("untargeted_execution", article.text, words_of(article.text, c.start, c.end))
            for c in d.clauses if c.kind == "event")) and all(
            _EXECUTION_WORD.search(t.text) for t in trig if t.attack_type == "assassination"):
        # "أعدموا 15 أسيراً من مقاتلي المعارضة": a mass execution, no targeted killing of one man; nor is
        # "أعدم التنظيم رجلاً في الساحة العامة بتهمة سب الذات الإلهية", a sentence carried out in public
        attack_type = "other"
    lead = min((t.start for t in trig if not t.anaphoric), default=None)
    if attack_type == "abduction" and target is not None and not groups[target.id].target_only and any(
            t.start == lead and t.attack_type == "armed_clash" and not t.anaphoric for t in trig) and any(
            t.attack_type == "armed_clash" and t.rank >= 30 and not t.anaphoric for t in trig):
        # (the battle told first; not "اتهمت الوزارة حزب الله باختطاف ثلاثة من عناصر الجيش" then clashes)
        # "سيطروا على مقر رئيسي للتنظيم بعد اشتباكات ...، وإنهم احتجزوا نحو 30 من عناصره": fighters taken in
        # a battle are its prisoners (ACLED's abduction is violence against civilians)
        attack_type = "armed_clash"
    first = min((t for t in trig if not t.anaphoric), key=lambda t: t.start, default=None)
    air_lines = [c for c in d.clauses if c.kind == "event" and any(
        t.attack_type in _AIR and c.lo <= t.i < c.hi for t in trig)]
    if attack_type in _AIR and first is not None and first.attack_type == "armed_clash" and first.rank >= 30 and air_lines and all(
            _AIR_SUPPORT.search(article.text[c.start:c.end]) for c in air_lines) and first.i < min(
                t.i for t in trig if t.attack_type in _AIR):
        # "استعادة السيطرة على مدينة الميادين بعد معارك عنيفة مع مسلحي تنظيم داعش"، then "الطيران الحربي نفذ
        # طلعات مكثفة ساندت تقدم القوات": the air raids that backed the advance are part of the battle
        attack_type = "armed_clash"
    if attack_type == "abduction" and (values["killed"] or 0) >= 10 and any(
            t.attack_type == "armed_clash" and t.rank >= 30 and not t.anaphoric and t.start == lead for t in trig):
        # "بعد هجوم واسع على ضاحية البغيلية، قتل خلاله العشرات ...، وخطف مئات الأشخاص": an assault that killed
        # scores is told by its assault; those it took away are part of its toll
        attack_type = "armed_clash"
    first_event = next((c for c in d.clauses if c.kind == "event"), None)
    if attack_type in _EXPLOSIVE | _AIR and first_event is not None and any(
            t.start == lead and t.text.lstrip("و").startswith(_CAPTURE_WORDS) and first_event.lo <= t.i < first_event.hi
            for t in trig) and not first_event.is_title and d.perp is not None and target is not None and named_armed_side(target.id):
        # "سيطر تنظيم الدولة على مقر الفرقة 17 ...، بعد هجوم بدأه بتفجير انتحاريين عربتين مفخختين": a base or
        # town taken is a battle (ACLED: non-state actor overtakes territory); its car bombs or air raids are
        # how it began
        attack_type = "armed_clash"
    if attack_type in ("armed_clash", "other") and any(c.vehicle_hit for c in d.clauses if c.kind == "event" and any(
            c.lo <= t.i < c.hi for t in trig)):
        attack_type = "ambush"  # "هجوم نفذته خلايا داعش على حافلة مبيت عسكرية": on the road, no battle
    if target is None and attack_type in _AIR | _EXPLOSIVE | {"shelling"} and not (
            d.perp is not None and _top_id(d.perp.id) in _HUNTERS):
        target = _counted_dead(article.text, d)
    elif target is None and attack_type == "abduction":
        target = _counted_dead(article.text, d, kinds=("captured",))
    place = d.only_place or choose_place(d.places, lambda pos: _sentence_text(article, sentences, pos)) \
        or d.inherited_place
    location = to_location(place, _sentence_text(article, sentences, place.start)) if place else None
    # date
    dm = d.strong_date() or d.any_date()
    event_date, precision, dated = None, "unknown", False
    if dm is not None and dm.value is not None:
        event_date, precision, dated = dm.value, dm.precision, True
    elif dm is not None and dm.kind in ("after_event", "before_event") and dm.event_offset_days is not None \
            and main_date is not None:
        # "بعد يومين من هجوم على دوما": the attack told is two days before the main one; "وبعد أسبوع من
        # الهجوم، نفذت الولايات المتحدة ضربات": this line's deed comes a week after the attack just told
        sign = -1 if dm.kind == "after_event" and any(
            t.anaphoric and 0 <= t.start - dm.end <= 2 for c in d.clauses for t in c.triggers) else 1
        event_date, precision, dated = main_date - sign * dt.timedelta(days=dm.event_offset_days), "day", True
    elif not d.background and main_date is not None:
        # Date rule for a news incident with no date words of its own: it is part of the day's report,
        # so it takes the date of the article's main incident ("كما شنت الطائرات ..." after "اليوم") —
        # which is the publication date when the article dates nothing at all (a news item reports the
        # day's events). Background incidents without a date stay null; no publication date -> null.
        event_date, precision = main_date, "day"
        if published is not None and _bulletin_line(article.text, d.clauses[0].start, anywhere=True):
            event_date = published  # "حمص: لقي 4 عناصر ..." in a bulletin: the bulletin's own day
    told = d.clauses
    if d.toll_clauses is not None:  # one place of a split list: the lede and that place's own lines
        ev = next((c for c in d.clauses if c.kind == "event"), d.clauses[0])
        told = [ev] + list(d.toll_clauses)
    start = min(c.start for c in told)
    end = max(c.end for c in told)
    if place is not None:
        start, end = min(start, place.start), max(end, place.end)
    evidence = Evidence(article.text[start:end], start, end)
    grounded = sum(x is not None for x in (d.perp, target, location)) + int(dated) + int(
        any(v is not None for v in values.values()))
    confidence = round(min(1.0, 0.35 + 0.13 * grounded), 2)
    return Incident(
        id=incident_id_for(aid, start, end, d.only_place.start if d.only_place else None), article_id=aid,
        event_date=event_date.isoformat() if event_date else None,
        date_precision=precision if event_date else "unknown", attack_type=attack_type,
        perpetrator=_group_ref(d.perp), target=_group_ref(target), location=location,
        killed=values["killed"], wounded=values["wounded"], captured=values["captured"],
        is_background=d.background, evidence=evidence, confidence=confidence, casualty_note=note,
    )


def _counted_dead(text: str, d: Draft, kinds: tuple[str, ...] = ("killed", "wounded")) -> GroupMention | None:
    """"فيما ارتقى 26 في قرية الشريحي"، "وسقط قتيلان في بلدة تير معلة": the dead or wounded of a strike, a
    shell or a bomb told only by their number, with no side named, are the people where it fell, as the
    monitors and our annotators count them (not "مقتل عنصرين بانفجار عبوة": fighters of an unnamed side
    stay unnamed). So are the people kidnapped ("اختطفوا أحد عشر لبنانيا"; ``kinds`` captured)."""
    for c in d.clauses:
        if c.kind != "event" and c.why not in ("rising toll", "initial toll", "casualties"):
            continue
        for x in c.casualties:
            if x.kind not in kinds or x.count is None or x.value is None:
                continue
            after = text[x.count.end:x.count.end + 24].split()
            if any(w.strip("،,.").lstrip("و").startswith(_FIGHTER_STEMS) for w in [x.count.text] + after[:2]) or any(
                    w.strip("،,.") in _FORCE_WORDS for w in after[:3]):
                return None  # (nor men of a force: "احتجزوا 43 من أفراد قوة حفظ السلام")
            return GroupMention("civilians", x.count.start, x.count.end, x.count.text, x.count.i, x.count.j)
    return None


# (whose drones hunt men in cars: "استهدفت طائرة مسيرة إسرائيلية سيارة على طريق دمشق - بيروت")
_HUNTERS = frozenset(("israel", "us_led_coalition"))
# (word beginnings, so "عناصرها"، "مقاتلين" count too; ranks with and without "ال")
_FIGHTER_STEMS = ("عنصر", "عناصر", "مقاتل", "جندي", "جنود", "عسكري", "ضابط", "ضباط", "مسلح", "إرهابي", "ارهابي",
                  "قيادي", "مجند", "متطوع", "شرطي", "قائد", "القائد", "النقيب", "نقيب", "الملازم", "ملازم",
                  "العقيد", "عقيد", "العميد", "عميد", "المنشق", "منشق")
_FORCE_WORDS = frozenset(("قوة", "قوات", "القوة", "القوات"))
_COUNTER = frozenset(norm_phrase("المقابل بالمقابل"))
_BLAME = ("حمل", "حملت", "يحمل", "تحمل", "حملوا", "محمله", "محملا")


def _blamed(c: Clause, words: list[Word], groups: list[GroupMention]) -> GroupMention | None:
    """"وحمّلت وزارة الدفاع التركية تنظيم ي ب ك مسؤولية الهجوم": the group a side holds responsible
    (named right before "مسؤولية", after the blaming verb and its subject) is the attacker it names."""
    verb = next((k for k in range(c.lo, c.hi) if words[k].norm.lstrip("و").startswith(_BLAME)
                 and len(words[k].norm.lstrip("و")) <= 6), None)
    if verb is None or any(words[k].norm.lstrip("و") in _COUNTER for k in range(c.lo, min(verb, c.lo + 2))):
        return None  # ("في المقابل، حمّل المجلس الوطني النظام مسؤولية التفجير": one side's counter-version)
    duty = next((k for k in range(verb + 1, min(c.hi, verb + 20)) if "مسوولي" in words[k].norm), None)
    if duty is None:  # (the subject may carry a parenthesis: "، في بيان صدر صباح اليوم الأحد،")
        return None
    if duty + 1 < c.hi and discourse.starts_with("not_attack_blame", words, duty + 1) is not None:
        return None  # "ويحمّل ناشطون الأجهزة الأمنية مسؤولية الفوضى": a state of affairs, no attack
    return next((g for g in reversed(groups) if verb + 1 < g.i and g.j <= duty and duty - g.j <= 3), None)


def _listed_together(words: list[Word], groups: list[GroupMention], a: GroupMention, b: GroupMention) -> bool:
    """Two mentions in one list of three or more names ("فصائل جبهة النصرة وحركة أحرار الشام وفيلق
    الشام"): each next name follows the last with only "و" (or a comma) between. (Not the two sides of
    "بين X وY", nor a pair: "قوات النظام ومسلحين" may be two sides.)"""
    chain = [min(a, b, key=lambda g: g.i)]
    for g in sorted((g for g in groups if g.i > chain[0].i), key=lambda g: g.i):
        gap = words[chain[-1].j:g.i]
        if not (len(gap) == 0 and words[g.i].norm.startswith("و")) and not (
                len(gap) == 1 and gap[0].norm in ("و", "،", ",")):
            break
        chain.append(g)
    first = chain[0]
    return len(chain) >= 3 and a in chain and b in chain and not any(
        words[k].norm in ("بين", "وبين") for k in range(max(0, first.i - 3), first.i))


def _site_user(c: Clause, words: list[Word], groups: list[GroupMention]) -> GroupMention | None:
    """"استهدفت مبنى المحافظة الذي يتخذه التنظيم مقراً": the group a "site_users" verb is followed by holds
    the site hit (the verb's subject in a relative clause), so it is the attack's target."""
    for _i, j in discourse.positions("site_users", words, c.lo, c.hi):
        m = next((g for g in groups if j <= g.i <= j + 1 and c.lo <= g.i < c.hi), None)
        if m is not None and any(words[k].norm.startswith(_BACKED_WORDS) for k in range(m.j, min(c.hi, m.j + 3))):
            return None  # "منشآت تستخدمها فصائل مسلحة مدعومة من إيران": who backs them says who they are
        if m is not None and named_armed_side(m.id):
            return m
    return None


def assign_clause_roles(c: Clause, words: list[Word], groups: list[GroupMention], swords: list[StanzaWord],
                        text: str | None = None, published: str | None = None) -> None:
    c.perp, c.target = assign_roles(words, c.lo, c.hi, groups, c.triggers, c.casualties, swords, text)
    if c.perp is not None and c.target is not None and _listed_together(words, groups, c.perp, c.target):
        # "التي أطلقتها فصائل جبهة النصرة وحركة أحرار الشام وفيلق الشام": allies listed with the attacker
        c.target = None
    blamed = _blamed(c, words, groups) if c.claim else None
    if blamed is not None:
        c.perp = blamed  # (it outweighs a weapon's owner or a verb's subject told in the accuser's words)
        if c.why == "blame" or (c.target is not None and _related(c.target.id, blamed.id)):
            c.target = None  # (the rest of a blame line is the accuser's words: "يواصل استهداف المدنيين")
    held = _site_user(c, words, groups)
    if held is not None and c.triggers:
        if c.perp is not None and c.perp.id == held.id:
            # ("وأن الطيران الحربي نفذ غارات على تجمعات الإرهابيين ... التي يتخذها التنظيم منطلقاً": the
            # attacker is found among the others)
            c.perp = assign_roles(words, c.lo, c.hi, [g for g in groups if g.id != held.id], c.triggers,
                                  c.casualties, swords, text)[0]
        if c.target is None or not named_armed_side(c.target.id):
            c.target = held  # (a side the verbs named stays: "منشآت تستخدمها فصائل عراقية موالية لإيران")
    if c.perp is None and text is not None:
        w = weapon_actor(text, words, c.lo, c.hi, published)  # "بسقوط برميل متفجر": the regime's air force
        # (not "بدعم من مروحيات التحالف الدولي": a weapon whose owner is named right after it)
        if w is not None and not (c.target and _related(c.target.id, w.id)) and not any(
                g.i <= w.i < g.j and g.id != w.id for g in groups):
            c.perp = w
    if c.target is None and text is not None and c.why != "blame":
        c.target = ranked_victim(text, words, c.lo, c.hi, groups, c.triggers, c.casualties, c.perp)
        if c.target is not None and c.perp is not None and _related(c.perp.id, c.target.id):
            c.target = None
    if text is not None and c.triggers:
        c.site_owner = site_owner(text, words, c.lo, c.hi, published)  # "نحو قاعدة حميميم": Russia's
