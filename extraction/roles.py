"""Armed-group mentions and who attacked whom in one clause.

Groups are found with the alias lexicon (``armed_groups.yaml``) on the character string. Supporters
("بمساندة مروحيات التحالف") take no role; a defender ("تصدت قوات النظام لهجوم ...") is the target.
Roles come from, in order of trust:
1. agent cue words right before a group: "شنه/نفذه/تبناه/قيام/برصاص/هجوم ل-/كمين ل-" -> perpetrator;
2. "اشتباكات بين X و Y" (after a clash word): X perpetrator, Y target;
3. attack verbs (شن، هاجم، استهدف، قصف...): the group right before (SVO) or right after (VSO) is the
   perpetrator; Stanza's ``nsubj`` of the verb decides when word order says nothing;
4. target cue words: "على/ضد/استهدف/في صفوف/من عناصر/مواقع/نقاط" -> target; the victims of a
   casualty count ("مقتل 4 عناصر من قوات النظام") -> target; Stanza's ``obj`` of the verb;
5. otherwise the remaining group after the perpetrator is the target.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extraction import discourse
from extraction.casualties import Casualty
from extraction.dates import month_first_words
from extraction.groups import load_groups
from extraction.lexicon import AliasMatcher, Word, load_yaml, norm_phrase, prefix_variants
from extraction.triggers import OWNED_ATTACKS, Trigger, type_from_actor

_PERP_FILLERS = frozenset(norm_phrase(
    "عناصر عنصر من مسلحون مسلحين تابعون تابعين تابعه تابعة التابعة التابعين التابع تابع ل لـ مجموعة مجموعات خلايا خلية "
    "مقاتل مقاتلا مقاتلو مقاتلي مقاتلون مقاتلين عسكرية عسكريه جديد جديدا عنيف عنيفا مباغت مباغتا مماثل مماثلا مشابه مشابها مشابهة اليوم أمس فجر صباح مساء ظهر "
    "ليل ليلة السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة يوم الماضي الماضية فلول قوات جيش ميليشيا قوة مشتركة "
    "ميليشيات مليشيا مليشيات مسلحو مسلحي يعتقد يرجح أنهم أنها انه أنه إنهم مجهولة مجهولون يتبعون طائرات طائرة حربية "
    "مروحيات مروحية مسيرة مسيرات المسيرة الطيران طيران الحربي مدفعية المدفعية راجمات أشخاص شخص شخصا آخرين آخرون "
    "مقاتلات المقاتلات مقاتلة قاذفات القاذفات "
    "مسلحين مسلحون المسلحين يشتبه ينتمون ينتمي انتحاري انتحارية انتحاريون انتحاريين انتحاريان انغماسي انغماسيون انغماسيين قناص قناصة "
    "عنصر عنصرا تنظيم إرهابيو إرهابيي الإرهابيين إرهابيين مرتزقة مرتزقته سلاح الجو وحدات وحدة فلول طائرة "
    "مرتبطون مرتبطين مرتبطة "
    # a security unit and whose it is ("داهمت قوة أمنية تابعة للهيئة منزل ناشط")
    "أمنية أمني الأمنية الأمني "
    "مجموعة مسلحة دورية دوريات قوة وحدة فصائل فصيل كتائب كتيبة ما تسمى يسمى المسماة المسمى المدعوة "
    # adjectives between an attack word and its agent: "قصف مدفعي وصاروخي لقوات النظام"
    "مدفعي مدفعيا صاروخي صاروخيا جوي جوية جويا مكثف مكثفا مكثفة عنيف عنيفة متفجر متفجرة ناسفة انتحارية "
    "انتحاري ثقيل ثقيلة بري برية متبادل "
    # air defences ("تصدت الدفاعات الجوية الروسية لهجوم": the defenders are the state named after them)
    "الدفاعات دفاعات الدفاع وسائط منظومات منظومة الجوية الجوي"
))
_TARGET_FILLERS = _PERP_FILLERS | frozenset(norm_phrase(
    "على ضد مواقع موقع نقاط نقطة حراسة مراقبة مقرات مقر حاجز حواجز رتل رتلا أرتال سيارة سيارات عربة دورية "
    "آلية آليات دبابة دبابتين دبابات مدرعة مدرعات عربات تمركز تجمعات تجمع في صفوف بصفوف أفراد جنود جنديين عنصرين تتحصن فيها يتحصن يتمركز تتمركز "
    "المواقع النقاط مستودع مستودعات قاعدة قواعد منزل منازل التي الذي مقار مقرين مقري حاجزين حاجزي مخفر مخافر ثكنة ثكنات مراكز مركز مبنى "
    # a victim's title before the group he belongs to ("القائد الميداني في لواء ..."، "قائدا في حركة ...")
    "قائد قائدا القائد قيادي قياديا القيادي ميداني ميدانيا الميداني بارز بارزا البارز سابق سابقا السابق "
    "النقيب الملازم العقيد المقدم الرائد المساعد الرقيب ضابط ضابطا الضابط المنشق منشق مسؤول مسؤولا المسؤول "
    "أمير أميرا الأمير شرعي شرعيا الشرعي "
    "مجمع مجمعا مجمعين مبنى مباني فرع فرعا إدارة "  # "هجوم انتحاري على مجمع للمخابرات الجوية"، "مقري إدارة أمن الدولة"
    # the accusative forms ("تفجير انتحاري استهدف مقراً لقوات الأمن الكردية"، "حاجزاً للجيش")
    "مقرا حاجزا موقعا مستودعا منزلا رتلين مركز مركزا "
    # "استهدفت طائرات حربية رتلاً عسكرياً تركياً": the convoy's kind before its nation
    "عسكريا عسكرية عسكري العسكري العسكرية "
    "الأقل بينهم بينهن منهم منهن"  # "قتل 14 شخصا على الأقل، بينهم عسكريون إيرانيون"
))
_BEIN = frozenset(norm_phrase("بين"))
_SUPPORT_KINDS = frozenset(norm_phrase("جوي وجوي مدفعي ومدفعي بري وبري صاروخي وصاروخي ناري وناري لوجستي ولوجستي "
                                       "استخباراتي واستخباراتي من "
                                       # "بمؤازرة طائرات مروحية تابعة لقوات الاحتلال الأميركي": the backers' aircraft
                                       "طائرات طائرة مروحيات مروحية مقاتلات حربية مسيرة مسيرات تابعة تابع التابعة"))
_WITH = frozenset(norm_phrase("مع"))
_WAS = frozenset(norm_phrase("كان كانت كانوا"))
_TRIED = frozenset(norm_phrase("حاول حاولت حاولوا"))


@dataclass(frozen=True)
class GroupMention:
    id: str
    start: int
    end: int
    text: str
    i: int
    j: int


_POSSESSED = ("ها", "هم", "هما", "ه")  # "عناصرها"، "مقاتليه": a pronoun suffix pointing back
_EXCHANGE = ("تبادل", "يتبادل", "تتبادل")  # "تبادلت"، "تبادل الطرفان"


@lru_cache(maxsize=1)
def _group_matcher() -> AliasMatcher:
    groups = load_groups()
    return AliasMatcher({gid: tuple(g.aliases) + (g.name_ar,) for gid, g in groups.items()})


def find_group_mentions(text: str, words: list[Word]) -> list[GroupMention]:
    """Group mentions, without those that only qualify another group ("حرس القرى التابعة لـ الحرس
    الثوري": the IRGC is an affiliation); "مسلحون تابعون لتنظيم داعش" keeps only the IS mention."""
    return link_affiliations(raw_group_mentions(text, words), words)


_TO = frozenset(norm_phrase("إلى الى"))
_HOSPITALS = tuple(norm_phrase("مشفى مستشفى المشفى المستشفى مشافي المشافي مستشفيات المستشفيات"))


def _taken_to(words: list[Word], m) -> bool:
    """"نُقلا على إثرها إلى المشفى": the hospital the wounded were taken to was not hit."""
    return m.key == "civilians" and m.i > 0 and words[m.i - 1].norm in _TO and words[m.i].norm.startswith(_HOSPITALS)


def raw_group_mentions(text: str, words: list[Word]) -> list[GroupMention]:
    """Every alias match (also affiliations): places inside group names are never places."""
    found = [GroupMention(m.key, m.start, m.end, m.text, m.i, m.j) for m in _group_matcher().find(text, words)
             if not (m.key == "unknown" and m.i > 0 and words[m.i - 1].norm in _TOWARDS)  # "اقتادوه إلى جهة مجهولة"
             and not _border_of(words, m.i) and not _outlet_owner(words, m.i) and not _travel_place(words, m.i)
             and not _areas_of(words, m.i) and not _taken_to(words, m) and not _named_as(words, m.i)
             and not _gloss(words, m.i)]
    return sorted(found + [g for g in unnamed_factions(text, words, found) if not _gloss(words, g.i)], key=lambda g: g.i)


def _gloss(words: list[Word], i: int) -> bool:
    """"قوات سوريا الديمقراطية، تحالف فصائل كردية وعربية تدعمه واشنطن": what the alliance is made of, told in
    apposition, is no party of its own."""
    return i > 0 and words[i - 1].norm in ALLIANCE_WORDS


ALLIANCE_WORDS = frozenset(norm_phrase("تحالف ائتلاف"))


def _named_as(words: list[Word], i: int) -> bool:
    """"هجومها، الذي أطلقت عليه اسم "ردع العدوان"": an operation's name is no party."""
    return i > 1 and words[i - 1].norm == "اسم" and words[i - 2].norm in _ON_IT


_ON_IT = frozenset(norm_phrase("عليه عليها عليهم"))
_TOWARDS = frozenset(norm_phrase("إلى الى نحو باتجاه"))
_QUOTES = "\"“”«»'"


def _border_of(words: list[Word], i: int) -> bool:
    """"معبر تل أبيض الحدودي مع تركيا": a country a border is shared with is no party."""
    return i > 1 and words[i - 1].norm.lstrip("و") == "مع" and "حدود" in words[i - 2].norm


_ATTACKER_NOUNS = frozenset(norm_phrase("طائرة طائرات مسيرة مسيرات طيران مقاتلة مقاتلات مروحية مروحيات دبابة دبابات "
                                        "مدفعية راجمة راجمات صواريخ صاروخ قذائف مسلحين مسلحون مهاجمين مهاجمون"))
_HIT_SITES = frozenset(norm_phrase("مواقع موقع نقاط نقطة مقرات مقر حواجز حاجز تجمعات"))
_AIR_NOUNS = frozenset(norm_phrase("طائرة طائرات مسيرة مسيرات مروحية مروحيات مقاتلة مقاتلات"))
_SITES_OF = frozenset(norm_phrase("موقع مواقع منصة منصات مربض مرابض مستودع مستودعات كتيبة سرية"))
_BELONGS = frozenset(norm_phrase("تابعة تابع تابعتين تابعين تعود يعود"))
# "مضيفاً أن المهاجمين من فلول النظام البائد": the men who attacked drawn from a group
_PEOPLE_FROM = frozenset(norm_phrase("مسلحين مسلحون مهاجمين مهاجمون منفذين منفذون"))
_FROM = frozenset(norm_phrase("من ينتمون ينتمي"))
_AREAS = frozenset(norm_phrase("مناطق المناطق ومناطق بمناطق"))
_HELD = frozenset(norm_phrase("سيطرة نفوذ انتشار"))


_FREED = frozenset(norm_phrase("المحررة المحرر المحررين المطهرة المستعادة"))


def _areas_of(words: list[Word], i: int) -> bool:
    """"أما في مناطق سيطرة النظام غرب الفرات، فقد قتل عنصران": who holds a region only says where; so
    does who it was taken from ("مدينة تل أبيض المحررة من تنظيم ي ب ك")."""
    if i > 1 and words[i - 1].norm in _HELD and words[i - 2].norm in _AREAS:
        return True
    k = i - 1 if i > 0 and words[i - 1].norm != "تنظيم" else i - 2
    return k > 0 and words[k].norm == "من" and words[k - 1].norm in _FREED


_TRAVELLERS = frozenset(norm_phrase("عائدين عائدون العائدين عائدة العائدة قادمين قادمون القادمين قادمة القادمة "
                                     "متوجهين متوجهون متجهين متجهون مسافرين المسافرين"))


def _travel_place(words: list[Word], i: int) -> bool:
    """"زوارا شيعة عائدين برا من إيران": the country travellers come from or go to is a place, not a party."""
    k = i - 1
    if k < 1 or words[k].norm.lstrip("و") not in ("من", "الى", "نحو"):
        return False
    return any(words[x].norm.lstrip("و") in _TRAVELLERS for x in range(max(0, k - 3), k))


_OWNED_BY = frozenset(norm_phrase("التابعة التابع المقربة المقرب الموالية الموالي"))


def _outlet_owner(words: list[Word], i: int) -> bool:
    """"قالت وكالة «سانا» التابعة للنظام": who owns a news outlet (discourse.yaml's source_name) is no
    party to the attack it reports."""
    return i > 1 and words[i - 1].norm.lstrip("و") in _OWNED_BY and bool(
        discourse.positions("source_name", words, max(0, i - 4), i - 1))


@lru_cache(maxsize=1)
def _faction_lex() -> tuple[frozenset[str], str]:
    raw = load_yaml("group_anaphora.yaml").get("quoted_factions") or {}
    # (a head's first word: "غرفة عمليات" is headed by "غرفة", not "عمليات استشهادية")
    return frozenset(norm_phrase(h)[0] for h in raw.get("heads") or [] if norm_phrase(h)), str(raw.get("group") or "opposition")


def unnamed_factions(text: str, words: list[Word], known: list[GroupMention]) -> list[GroupMention]:
    """"قائد ميداني في "لواء شهداء الحوران"": a quoted faction name the lexicon lacks, headed by a
    unit word (لواء، كتيبة، حركة ...), is a faction of ``quoted_factions.group`` (the opposition:
    thousands of small rebel units were named this way; regime units are numbered or in the lexicon)."""
    heads, gid = _faction_lex()
    taken = {k for g in known for k in range(g.i, g.j)}
    out = []
    k = 0
    while k < len(words) - 1:
        w = words[k]
        bare = w.norm[1:] if w.norm[:1] in "وبل" and w.norm[1:] in heads else w.norm
        if bare not in heads or k in taken or any(ch.isdigit() for ch in words[k + 1].norm):
            k += 1
            continue
        before = text[max(0, w.start - 3):w.start]
        if not any(q in before for q in _QUOTES):
            k += 1
            continue
        end = k + 1
        while end < len(words) and end - k <= 5 and not any(q in text[words[end - 1].end:words[end].start + 1]
                                                             for q in _QUOTES):
            end += 1
        end = min(end, len(words))
        if any(x in taken for x in range(k, end)):
            k += 1
            continue
        s, e = w.start, words[end - 1].end
        out.append(GroupMention(gid, s, e, text[s:e], k, end))
        k = end
    return out


_AFFIL_STEMS = tuple(norm_phrase("التابع تابع الموالي موالي الموالون موالون الموالين موالين المدعوم مدعوم تدعم يدعم "
                                  "بقياده يقود المقرب مقرب"))


_HEDGE = frozenset(norm_phrase("يعتقد يرجح يشتبه أنهم انهم أنها إنهم من ينتمون ينتمي إلى الى تابعون تابعين خلايا "
                               "انتماؤهم انتمائهم ل بانتمائهم تتهمهم يتهمهم بالانتماء بتهمة الانتماء يتبعون يتبع تتبع"))


_GROUP_ADJECTIVES = frozenset(norm_phrase("المسلحة المسلحين المسلح الإسلامية الإسلامي المتشددة المتشددين"))


def _is_affil_word(w: str) -> bool:
    return any(w.startswith(s) or w.startswith("ل" + s) or w.startswith("و" + s) for s in _AFFIL_STEMS)


def link_hedged(mentions: list[GroupMention], words: list[Word]) -> list[GroupMention]:
    """"مسلحون ملثمون يعتقد أنهم يتبعون للهيئة": unknown gunmen hedged as a group (here one only known
    after anaphora) are that group; the phrase starts at the gunmen."""
    out: list[GroupMention] = []
    for g in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.id == "unknown" and 0 < g.i - prev.j <= 3 and g.id not in ("unknown", "civilians") \
                and all(w.norm in _HEDGE for w in words[prev.j:g.i]):
            out[-1] = GroupMention(g.id, g.start, g.end, g.text, prev.i, g.j)
            continue
        out.append(g)
    return out


def link_affiliations(raw: list[GroupMention], words: list[Word]) -> list[GroupMention]:
    out: list[GroupMention] = []
    for g in raw:
        prev = out[-1] if out else None
        if prev is not None and g.i - prev.j <= 3:
            # (a closing quote counts for nothing: "فرقة الحمزة" التابعة لجيش الاحتلال التركي)
            gap = [w.norm for w in words[prev.j:g.i] if any(ch.isalnum() for ch in w.norm)]
            first_of_g = words[g.i].norm
            hedge = prev.id in ("unknown", "civilians") and bool(gap) and all(w in _HEDGE for w in gap)
            # ("فصائل المعارضة السورية المسلحة بقيادة هيئة تحرير الشام": an adjective of the first may come before)
            linked = hedge or (bool(gap) and all(_is_affil_word(w) or w in ("ل", "من") for w in gap)) or (
                any(_is_affil_word(w) for w in gap) and all(
                    _is_affil_word(w) or w in ("ل", "من") or w in _GROUP_ADJECTIVES for w in gap)) or (
                not gap and first_of_g.startswith("ل") and not first_of_g.startswith("ال"))
            if linked and prev.id == "unknown" and g.id == "civilians":
                linked = False  # "مجموعات من المسلحين من أبناء العشائر": armed men drawn from civilians are armed men
            if linked:
                if prev.id in ("unknown", "civilians"):
                    # "مسلحون تابعون لـ داعش"، "ستة أشخاص يرجح أنهم من داعش" -> داعش (phrase starts at the noun)
                    out[-1] = GroupMention(g.id, g.start, g.end, g.text, prev.i, g.j)
                continue  # an affiliation of the previous group, not a party of its own
        out.append(g)
    return out


_DEEDS = tuple(norm_phrase("بتنفيذ بإطلاق بارتكاب بشن بقصف باستهداف بزرع بتفجير باغتيال بخطف باختطاف بقتل"))
_RELATIVES = frozenset(norm_phrase("التي الذي اللذين اللتين الذين"))


def accused_deed(norm: str) -> bool:
    """"بتنفيذه"، "بإطلاقه"، "بارتكابها": the deed an accusation names, pointing back at the attack told."""
    return norm.startswith(_DEEDS) and norm.endswith(("ه", "ها", "هما", "هم"))


def accuse_of_relative(words: list[Word], i: int, lo: int) -> bool:
    """The accusing verb's subject is a relative before it ("تنسيقية المدينة، التي اتهمت قوات النظام"), or
    the cue is a noun ("وسط اتهامات لقوات الأسد"): the group right after it is the one accused."""
    w = words[i].norm.lstrip("و")
    return not w.startswith(("اتهم", "يتهم", "تتهم")) or w.startswith("اتهامات") or (
        i > lo and words[i - 1].norm in _RELATIVES)


def _first_after(mentions: list[GroupMention], words: list[Word], j: int, hi: int, fillers: frozenset[str],
                 max_gap: int = 4) -> GroupMention | None:
    for m in mentions:
        if m.i < j:
            if m.i == j - 1 and m.j > j:
                return m  # "من قوات" + "قوات النظام": the cue ends inside the name it points at
            continue
        # (the day told between counts for nothing: "استهدفت طائرات مجهولة في أواخر أيلول الماضي مستودعاً
        # للميليشيات الإيرانية")
        timed = [k for k in range(j, m.i) if _time_word(words[k].norm) or (
            (words[k].norm in ("في", "من") or words[k].norm.isdigit()) and k + 1 < m.i and _time_word(words[k + 1].norm))]
        if m.i >= hi or m.i - j - len(timed) > max_gap:
            return None
        if all(_filler(words[k].norm, fillers) or k in timed for k in range(j, m.i)):
            return m
        return None
    return None


_TIME_FILL = frozenset(norm_phrase("أواخر أوائل مطلع منتصف الماضي الماضية الجاري الحالي الفائت"))


def _time_word(w: str) -> bool:
    """A word of a date told between a verb and its object ("في أواخر أيلول الماضي"; a day's number only
    before its month: "21 أيار", never "اعتقلت 3 أشخاص")."""
    return w in month_first_words() or w.split("/")[0] in month_first_words() or w in _TIME_FILL


def _filler(word: str, fillers: frozenset[str]) -> bool:
    if word in fillers:
        return True
    for p in ("و", "ب", "ل", "ف", "لل"):
        if word.startswith(p) and word[len(p):] in fillers:
            return True
    return False


_BEFORE_VERB = frozenset(norm_phrase("قد السورية النظامية الحكومية التركية الروسية الأمريكية الأميركية الإسرائيلية"))
_ACTIVE_KILL = frozenset(norm_phrase("قتلوا قتلت أعدموا أعدمت"))
_KILL_MASC = frozenset(norm_phrase("قتل أعدم"))
_ASSAULTS = frozenset(norm_phrase("هجوم هجوما هجمات هجومين"))
_DAY_WORDS = frozenset(norm_phrase("اليوم أمس يوم السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة"))
_PARTS_OF_DAY = frozenset(norm_phrase("صباح مساء ظهر عصر فجر ليل ليلة صباحا ظهرا عصرا فجرا ليلا"))
_SHOT_WITH = frozenset(norm_phrase("الرصاص رصاص الرشاشات الأسلحة الخفيفة القذائف الصواريخ السكاكين"))


def _dawn(words: list[Word], i: int) -> bool:
    """"فجر اليوم"، "فجر الأحد": dawn, not the verb "فجّر" (blew up)."""
    return words[i].norm.lstrip("و") == "فجر" and i + 1 < len(words) and words[i + 1].norm in _DAY_WORDS


_B_VERBS = ("بدا", "بدو")  # "بدأت": the verb starts with ب, not the preposition


def _behind_preposition(word: str) -> bool:
    w = word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
    return w[:1] in ("ب", "ل") and not w.startswith(_B_VERBS)


def _last_before(mentions: list[GroupMention], i: int, lo: int, max_gap: int = 2) -> GroupMention | None:
    best = None
    for m in mentions:
        if m.j <= i and m.i >= lo and i - m.j <= max_gap:
            best = m
    return best


@dataclass
class StanzaWord:
    """The parts of a Stanza word the role finder reads (kept small so docs can be dropped)."""

    start: int
    end: int
    upos: str
    feats: str
    deprel: str
    head: int  # index in the sentence list, -1 for root
    idx: int


_HUJUM_WORDS = ("هجوم", "الهجوم", "هجمات", "الهجمات")
_POSTED = tuple(norm_phrase("متمركز المتمركز متموضع المتموضع"))  # ("قناص متمركز على حاجز": where he is posted)


_SITE_WORDS = frozenset(norm_phrase(
    "حاجز حواجز حاجزا حاجزين نقاط نقطة نقاطا مواقع موقع موقعا موقعين مقرات مقر مقرا مقار مقري عسكرية عسكري "
    "امنية امني تجمعات تحصينات ثكنة ثكنات مستودع مستودعات دورية دوريات رتل آليات سيارة عربة منزل منازل"))


def _site_owner_named(words: list[Word], m: GroupMention) -> bool:
    """"على حواجز ونقاط عسكرية للنظام": the name glued to "ل" right after a site or unit is the
    owner of what was hit, never the subject of a verb that follows ("وتمكنوا من السيطرة") — unlike
    "هجمات لتنظيم داعش، استهدفت" or "انتحارياً يتبع لتنظيم الدولة دخل" (the attack's, the man's)."""
    return _owned_site_at(words, m) is not None


def _owned_site_at(words: list[Word], m: GroupMention) -> int | None:
    """The index of the site or unit word right before the "ل" glued to the name (or standing alone before
    it: "حاجز لـ"حزب الله""), else None."""
    w = words[m.i]
    prefix = "".join(ch for ch, off in zip(w.norm, w.offsets, strict=False) if off < m.start).lstrip("و")
    if prefix[:1] == "ل" and m.i > 0 and _strip_al(words[m.i - 1].norm) in _SITE_WORDS:
        return m.i - 1
    if not prefix and m.i > 1 and words[m.i - 1].norm == "ل" and _strip_al(words[m.i - 2].norm) in _SITE_WORDS:
        return m.i - 2
    return None


def _fired_from(words: list[Word], m: GroupMention, lo: int, triggers: list[Trigger]) -> bool:
    """"إطلاق رصاص من حاجز للقوات النظامية"، "قصف من مواقع لقوات النظام"، "برصاص قناص متمركز على حاجز
    لـ"حزب الله"": the owner of the post the fire came from (the site right after "من" or where the
    shooter is posted, a shot or a shell told just before it)."""
    site = _owned_site_at(words, m)
    if site is None or site - 1 < lo:
        return False
    if words[site - 1].norm == "من":
        at = site - 1
    elif site - 2 >= lo and words[site - 1].norm in ("علي", "في") and words[site - 2].norm.startswith(_POSTED):
        at = site - 2
    else:
        return False
    return any((t.shooting or t.attack_type in ("shelling", "other")) and 0 <= at - t.j <= 3 for t in triggers)


def _top_of(gid: str) -> str:
    """The top-level group of an id ("fourth_division" -> "syrian_government")."""
    g = load_groups().get(gid)
    return g.top_level if g is not None else gid


def _object_in_parse(m: GroupMention, swords: list[StanzaWord]) -> bool:
    """The parse hangs the mention (or the noun it qualifies: "مفرزة الأمن العسكري") on a verb as its object."""
    by_idx = {w.idx: w for w in swords}
    w = next((x for x in swords if x.start <= m.start < x.end), None)
    for _ in range(6):
        if w is None or w.head < 0:
            return False
        parent = by_idx.get(w.head)
        if parent is not None and parent.upos == "VERB":
            return w.deprel == "obj"
        w = parent
    return False


def _dep_roles(trigger: Trigger, swords: list[StanzaWord], mentions: list[GroupMention]):
    """(perp, target) from the parse: nsubj / obj (or obl) children of a verbal trigger."""
    verb = next((w for w in swords if w.start <= trigger.start < w.end or trigger.start <= w.start < trigger.end),
                None)
    if verb is None or verb.upos != "VERB":
        return None, None
    perp = target = None
    for w in swords:
        if w.head != verb.idx:
            continue
        hit = next((m for m in mentions if m.start <= w.start < m.end or w.start <= m.start < w.end), None)
        if hit is None:
            continue
        if w.deprel.startswith("nsubj") and perp is None:
            perp = hit
        elif w.deprel in ("obj", "obl", "obl:arg") and target is None:
            target = hit
    return perp, target


_THAT = frozenset(norm_phrase("إن أن بأن"))
_OWN_FIRE = tuple(norm_phrase("رصاص نيران قذائف غارات"))
_SENT_FROM = frozenset(norm_phrase("تهديدات تهديد تهديدا رسالة رسائل أوامر بأوامر تعليمات بتعليمات تحذيرات تحذير "
                                   "مطالبات اتصالا اتصالات دعوات"))
_AIRCRAFT_HEADS = frozenset(norm_phrase("مقاتلتين مقاتلتان مقاتلات طائرتين طائرتان طائرات مروحيتين مروحيتان مروحيات"))
_HIT_OBJECTS = frozenset(norm_phrase(
    "سيارة سيارته سيارتها سيارتهم دراجة دراجته دراجتها جرار جراره منزل منزله منزلها منازل حافلة شاحنة آلية "
    "صهريج مدنيين مدنيا مواطنين طفلا سوقا مدرسة مشفى"))
_HELD_AREAS = frozenset(norm_phrase("مناطق منطقة سيطرة نفوذ انتشار"))
_TANKS = frozenset(norm_phrase("دبابة دبابات الدبابة الدبابات مدرعة مدرعات"))
_HIT_UNITS = frozenset(norm_phrase("دورية دوريات الدورية رتل رتلا الرتل ارتال قافلة القافلة قاعدة نقطة النقطة "
                                    "سيارة عربة آلية مدرعة حافلة شاحنة تعزيزات التعزيزات نقاط موقع موقعا مواقع"))
def _strip_al(w: str) -> str:
    w = w[1:] if w.startswith("و") and len(w) > 3 else w
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


_ATTACK_NOUNS = frozenset(norm_phrase("استهداف قصف هجوم اقتحام مداهمة تفجير"))


_BELONGING = frozenset(norm_phrase("التابعة التابع تابعة تابع التابعين"))
_BANDS = frozenset(norm_phrase("مجموعات مجموعة المجموعات المرتزقة مرتزقة عصابات العصابات ميليشيات الميليشيات"))
# a hedge on whose a weapon is ("طائرات حربية يرجح أنها روسية"): shared with anaphora.py
HEDGED = frozenset(norm_phrase("يرجح يعتقد يشتبه يرجّح ويرجح ويعتقد"))
IT_IS = frozenset(norm_phrase("أنها انها بأنها أنه انه بأنه"))
_WIELDERS = frozenset(norm_phrase("طائرات طائرة حربية حربيتين مسيرة مسيرات مروحية مروحيات مقاتلات مسلحين مسلحون قناص "
                                   "طائرات، مسلحين، مجهولين مجهولون"))
# members as the subject right after an attack verb: "شنّ عناصر من ديوان الحسبة التابع لتنظيم داعش حملة"
_SUBJECT_MEMBERS = frozenset(norm_phrase("عناصر عنصر مقاتلو مقاتلون مقاتلين مسلحو مسلحون دورية دوريات"))


def _members_of(words: list[Word], ms: list[GroupMention], x: int, m: GroupMention, lo: int) -> bool:
    """"شنّ عناصر من ديوان الحسبة التابع لتنظيم داعش": members, the attack verb's subject, of a unit
    the lexicon does not know, which belongs to ``m`` (not "كمن مقاتلون من الأحرار لرتل تابع للهيئة":
    a group named between, or a "ل" object, makes the belonging another's)."""
    if words[x].norm not in _SUBJECT_MEMBERS or any(x < g.i < m.i for g in ms):
        return False
    if any(words[k].norm.startswith("ل") and not words[k].norm.startswith("ال") for k in range(x + 1, m.i - 1)):
        return False
    return any(j == x for _i, j in discourse.positions("attack_verbs", words, max(lo, x - 2), x + 1))


def _acting_unit(words: list[Word], i: int, lo: int) -> bool:
    """"تسللت مجموعات من عناصر التنظيم إلى قرى الشريحي": the "من" of a unit of fighters that is the
    subject of the attack verb right before it draws the attackers from their group; it names no side hit."""
    if not words[i].norm.startswith("من") or i - 2 < lo or discourse.starts_with("acting_units", words, i - 1) != i:
        return False
    return discourse.starts_with("unit_verbs", words, i - 2) == i - 1


_AS_SAID = frozenset(norm_phrase("وفق حسب بحسب وفقا ما"))
_AMONG_VICTIMS = frozenset(norm_phrase("بينهم بينهن منهم منهن"))


_SCENE_BREAKS = frozenset(norm_phrase("الذي التي الذين بعد قبل حيث عندما حين اثر إثر خلال ما مما قال وقال أفاد وأفاد "
                                      "ذكر وذكر أن إن بأن أنه"))
_AMONG_DEAD = frozenset(norm_phrase("القتلى الضحايا المصابين الجرحى الشهداء القتيلين"))


def _clash_scene(words: list[Word], j: int, k: int) -> bool:
    """"ودارت اشتباكات عنيفة اليوم في حي جورة الشياح بمدينة حمص بين ...": only the day, the place and
    adjectives stand between the clash word and its "بين" (no other verb, clause or punctuation)."""
    return not any(words[x].norm in _SCENE_BREAKS or words[x].norm in _BEIN or not any(ch.isalnum() for ch in words[x].norm)
                   for x in range(j, k))


@lru_cache(maxsize=1)
def _nationality_adjectives() -> frozenset[tuple[str, ...]]:
    """The adjectives ``anaphora.adjective_mentions`` turns into attacker mentions (group_anaphora.yaml)."""
    raw = load_yaml("group_anaphora.yaml").get("nationality_adjectives") or {}
    return frozenset(tuple(norm_phrase(str(a))) for adjs in raw.values() for a in adjs)


@lru_cache(maxsize=1)
def _speech_matcher() -> AliasMatcher:
    return AliasMatcher({"speech": load_yaml("group_anaphora.yaml").get("speech_verbs") or []})


def _speakers(words: list[Word], lo: int, hi: int, ms: list[GroupMention], text: str | None = None) -> set[int]:
    """Groups that only speak: "وقال الناطق باسم قوات الأسايش ... إن المرتزقة استهدفوا المدنيين" —
    named between a speech verb and the "إن/أن" that opens what they said, when a group or the attack
    follows inside the quote. (Their own pronoun — "قالت إسرائيل إنها قصفت" — is resolved by
    anaphora to a mention after "إن", so the speaker still attacks there.)"""
    # "أعلنت وزارة الداخلية السورية ارتفاع حصيلة التفجير الانتحاري": who reports a toll, with no "أن"
    told = {id(m) for m in ms if m.i > lo and words[m.i - 1].norm.lstrip("و") in _REPORT_VERBS and any(
        words[x].norm.startswith(_TOLL_NOUNS) for x in range(m.j, min(hi, m.j + 2)))}
    k = next((x for x in range(lo, hi) if words[x].norm in _THAT), None)
    if k is None or not any(m.i > k for m in ms):
        return told
    said = _speech_matcher().find("", words[lo:k])
    if not said:
        return told
    v = lo + min(x.i for x in said)  # (only between the verb and "أن": "شنت القوات ... هجوما، وأكد المتحدث أن")
    # "وقال مدير الأمن العام ...: "هاجمت مجموعات من فلول ميليشيات الأسد نقاطنا"، مؤكداً أن": the words
    # quoted after a colon are what was said, whatever "أن" comes later
    colon = next((x for x in range(v + 1, k) if ":" in text[words[x - 1].end:words[x].start]), k) if text else k
    return told | {id(m) for m in ms if v < m.i and m.j <= colon}


def _coordinated_subject(words: list[Word], lo: int, verbs: list[tuple[int, int]], ms: list[GroupMention],
                         swords: list[StanzaWord]) -> GroupMention | None:
    """"مجموعة من حزب الله تسللت ... إلى داخل الأراضي السورية، واختطفت ثلاثة من عناصر الجيش": an attack
    verb joined by و with no subject of its own shares the subject of the verb before it, when both agree
    (the same person suffix). The parser often hangs such a verb on the wrong head, so the verb before it
    is found by its tag and its subject by position."""
    tags = {w.start: w.upos for w in swords}
    for i, _j in verbs:
        w = words[i].norm
        if not w.startswith("و") or not w.endswith(("ت", "وا")):
            continue
        suffix = "وا" if w.endswith("وا") else "ت"
        for k in range(i - 1, max(lo, i - 30) - 1, -1):
            # (a plural past verb is its own shape when the tagger misses it: "مسلحين من الشبيحة قدموا")
            if tags.get(words[k].start) != "VERB" and not (
                    suffix == "وا" and words[k].norm.endswith("وا") and len(words[k].norm) > 4):
                continue
            m = None if not words[k].norm.endswith(suffix) or words[k].norm in _SPEAKER_WORDS else (
                _last_before(ms, k, lo, max_gap=2))  # (the nearest verb before it must agree, and not only speak)
            if m is not None and not load_groups()[m.id].target_only:
                return m
            break
    return None


def _site_hit(words: list[Word], k: int, lo: int) -> bool:
    """"هجوم شنه مسلحون مجهولون على حاجز تابع لفرع المخابرات": the post after "على" (or "لحاجز") was hit;
    its owner is not the gunmen's ("اختطف عناصر حاجز تابع للشبيحة": its men took them)."""
    w = words[k].norm
    return _strip_al(w.lstrip("لب")) in _HIT_SITES and (w.startswith(("ل", "ب")) or (
        k > lo and words[k - 1].norm in ("علي", "ضد")))


_FOUND = tuple(norm_phrase("عثر عثرت عثروا يعثر"))


def _finder(words: list[Word], m: GroupMention, lo: int) -> bool:
    """"عثرت دورية لقوى الأمن الداخلي على جثة رجل": who found the body neither killed nor died."""
    return any(words[k].norm.lstrip("و").startswith(_FOUND) and not any(words[q].norm == "علي" for q in range(k + 1, m.i))
               for k in range(max(lo, m.i - 6), m.i))  # (the finder's name and alias come before "على")


_ARREST_VERBS = tuple(norm_phrase("اعتقل احتجز اختطف"))
_UNITS = frozenset(norm_phrase("دورية دوريات حاجز حواجز قوة عناصر مجموعة"))


def _arresting_unit(words: list[Word], lo: int, hi: int, mentions: list[GroupMention], everyone: list[GroupMention],
                    triggers: list[Trigger], casualties: list[Casualty]) -> tuple[GroupMention, GroupMention | None] | None:
    """(the unit's group, the people it took) when an arrest verb's subject is a unit of a group
    (``mentions``: those that may take a role; ``everyone``: the counted people too)."""
    groups = load_groups()
    for t in triggers:
        k = t.i
        if t.anaphoric or not lo <= k < hi - 2 or not words[k].norm.lstrip("و").startswith(_ARREST_VERBS) \
                or words[k + 1].norm not in _UNITS:
            continue
        q = k + 2 if words[k + 2].norm in _BELONGS else k + 1
        if q + 1 >= hi or not words[q + 1].norm.startswith("ل"):
            continue
        unit = next((m for m in mentions if q < m.i <= q + 2 and not groups[m.id].target_only), None)
        if unit is not None:
            counts = [x.count for x in casualties if x.kind == "captured" and x.count is not None and x.count.i > unit.i]
            taken = next((m for m in everyone for c in counts if c.i <= m.i <= c.j + 2 and m is not unit), None)
            return unit, taken
    return None


def owned_attacker(words: list[Word], lo: int, hi: int, mentions: list[GroupMention],
                   backing: tuple[int, ...] = ()) -> GroupMention | None:
    """"وأكد مصدر أن الطائرة تابعة للتحالف الدولي": the owner of the aircraft (the weapon, the gunmen)
    told before, so definite, or of any aircraft, is the attacker; "قصفت عدة دبابات تابعة للجيش السوري"
    are hit, and so is "موقع المدفعية التابع للجيش". Aircraft right after a support cue (``backing``:
    where the cues end) only backed the attack ("بمؤازرة طائرات مروحية تابعة لقوات الاحتلال الأميركي")."""
    groups = load_groups()
    for k in range(lo, hi - 2):
        noun = words[k].norm.lstrip("و")
        if _strip_al(noun) not in _ATTACKER_NOUNS or not (noun.startswith("ال") or noun in _AIR_NOUNS):
            continue  # (an aircraft is rarely the thing hit: "استهدفت مسيّرة تابعة لدولة الاحتلال التركي")
        if any(0 <= k - e <= 1 for e in backing):
            continue
        # ("الطائرة المسيرة تابعة للتحالف": an adjective between)
        b = k + 1 if words[k + 1].norm in _BELONGS or (_strip_al(noun) in _PEOPLE_FROM and words[k + 1].norm in _FROM) else (
            k + 2 if k + 3 < hi and words[k + 1].norm.startswith("ال") and words[k + 2].norm in _BELONGS else None)
        if b is None or (k > lo and _strip_al(words[k - 1].norm.lstrip("و")) in _SITES_OF):
            continue
        owner = next((m for m in mentions if b + 1 <= m.i <= b + 2 and not groups[m.id].target_only), None)
        if owner is not None:
            return owner
    return None


def assign_roles(words: list[Word], lo: int, hi: int, mentions: list[GroupMention], triggers: list[Trigger],
                 casualties: list[Casualty], swords: list[StanzaWord] | None = None, text: str | None = None,
                 ) -> tuple[GroupMention | None, GroupMention | None]:
    """(perpetrator, target) mentions for the clause words[lo:hi]."""
    # (the cue positions once per clause, and only this clause's mentions: linear in the article)
    local = [m for m in mentions if lo <= m.i < hi]
    support_ends = [e for _s, e in discourse.positions("support", words, lo, hi)]
    supported = {m.i for m in local for e in support_ends if not (  # ("المدعومة روسيًا، بهجوم للتنظيم": a comma ends it)
        text is not None and e > 0 and m.i > e and any(ch in text[words[e - 1].end:words[m.i].start] for ch in "،,")) and (
        0 <= m.i - e <= 2 or (
        # "بدعم جوي ومدفعي من الجيش التركي": the kinds of support between the cue and the supporter
        0 <= m.i - e <= 5 and all(words[k].norm in _SUPPORT_KINDS for k in range(e, m.i)))) and not (
        # "بين قوات النظام المدعومة بغطاء جوي روسي وفصائل المعارضة": the other side of "بين", not a supporter
        m.i > e and words[m.i].norm.startswith("و") and any(words[k].norm in _BEIN for k in range(max(lo, e - 8), e)))}
    for m in local:  # "بمشاركة عناصر من قوات سوريا الديمقراطية "قسد"": the name repeated in apposition
        if m.i not in supported and any(x.i in supported and 0 <= m.i - x.j <= 1 for x in local):
            supported.add(m.i)
    ms = [m for m in local if m.i not in supported and not _finder(words, m, lo)]
    if not ms:
        return None, None
    speakers = _speakers(words, lo, hi, ms, text)
    groups = load_groups()
    perp: GroupMention | None = None
    target: GroupMention | None = None

    # defenders are targets: "تصدت قوات النظام لهجوم شنه داعش"
    defended = None
    for i, j in discourse.positions("defend_verbs", words, lo, hi):
        defended = _first_after(ms, words, j, hi, _PERP_FILLERS, max_gap=3) or _last_before(ms, i, lo)
        if defended is not None:
            break
    if defended is not None:
        target = target or defended
        # (and its partners: "القوات الأميركية وقوات التحالف تصدت لطائرتين مسيرتين")
        top_of = {g.id: g.top_level for g in groups.values()}
        ms_roles = [m for m in ms if m is not defended and top_of.get(m.id, m.id) != top_of.get(defended.id, defended.id)]
    else:
        ms_roles = ms
    counted = [(x.count.i, x.count.j) for x in casualties if x.count is not None and x.kind != "neutralised"]
    ms_roles = [m for m in ms_roles if id(m) not in speakers and not (
        m.i > lo and words[m.i - 1].norm in _AMONG_VICTIMS)  # "قتل 14 شخصا، بينهم عسكريون إيرانيون"
        and not any(i <= m.i < j or ((m.i == j or (j < m.i <= j + 2 and words[m.i - 1].norm == "من"))
                                     and not any(t.i <= m.i <= t.j + 3 for t in triggers))
                    for i, j in counted)]  # "قتل 4 أميركيين"، "قتل أربعة مقاتلين من قسد": the counted are the victims
    # 0s. "أسقطت مقاتلتان تركيتان ... طائرة حربية سورية": who shot the aircraft down attacked its owner
    for t in triggers:
        if t.downed is None or not lo <= t.i < hi:
            continue
        if any(u.i < t.i and lo <= u.i and not u.anaphoric and u.downed is None for u in triggers):
            continue  # ("وكانت إسرائيل قد استهدفت مطار التيفور ...، وأسقطت الدفاعات السورية حينها مقاتلة إسرائيلية")
        a, b = t.downed
        owner = next((m for m in ms if a <= m.i < b), None)
        shooter = next((m for m in ms_roles if t.j <= m.i < a and not groups[m.id].target_only), None) or (
            _last_before(ms_roles, t.i, lo, max_gap=2))
        if owner is not None or shooter is not None:
            return shooter, (owner if owner is None or shooter is None or owner.id != shooter.id else None)
    # 0a. "اعتقلت دورية تابعة لفرع الأمن العسكري أربعة شبان"، "اعتقل حاجز لميليشيا الفرقة الرابعة شابين":
    # the patrol or checkpoint right after an arrest verb made the arrest; the people it counts were taken
    arrest = _arresting_unit(words, lo, hi, ms_roles, ms, triggers, casualties)
    if arrest is not None:
        return arrest
    # 0f. "أصيب ثلاثة مواطنين إثر إطلاق رصاص من حاجز للقوات النظامية": fire from a post came from its owner
    fired = next((m for m in ms_roles if _fired_from(words, m, lo, triggers)), None)
    if fired is not None:
        hit = next((x for x in ms if x.i < fired.i and x.id != fired.id and _top_of(x.id) != _top_of(fired.id)), None)
        return fired, hit
    # 0o. "وأكد مصدر أن الطائرة تابعة للتحالف الدولي": the aircraft's owner is the attacker
    perp = owned_attacker(words, lo, hi, ms_roles, tuple(support_ends))
    # "فيما قتل شاب برصاصها": the side whose fire it was (the pronoun points back at it)
    perp = perp or next((m for m in ms if m.j - m.i == 1 and id(m) not in speakers
                         and words[m.i].norm.lstrip("وب").startswith(_OWN_FIRE)), None)
    # 0. "إن مقاتلي تنظيم الدولة قتلوا 90 على الأقل من الحراس": an active killing verb, its subject
    # before it and the dead it counts after it
    for x in casualties:
        if x.kind != "killed" or x.count is None:  # (a vague count too: "القوات الحكومية قتلت مئات الأشخاص")
            continue
        k = next((k for k in range(lo, hi) if words[k].start == x.cue_start), None)
        if k is None:
            continue
        if words[k].norm.lstrip("و") in _KILL_MASC:
            # "قتل الثوار ثمانية عناصر": the bare verb is active when a group follows it and its count
            # follows the group (a passive "قُتل" has the dead right after it)
            # (the day between them: "قتل مسلحون مجهولون، مساء أمس الاثنين، قيادياً")
            subj = next((m for m in ms_roles if m.i == k + 1 and not groups[m.id].target_only and (
                m.j == x.count.i or (0 < x.count.i - m.j <= 4 and all(
                    words[y].norm in _DAY_WORDS | _PARTS_OF_DAY for y in range(m.j, x.count.i))))), None)
            if subj is not None:
                perp = subj
                break
            continue
        if words[k].norm.lstrip("و") not in _ACTIVE_KILL:
            continue
        # "عندما قتلت قوات الأمن متظاهرَين اثنين": the verb, its subject, then the dead it counts
        subj = next((m for m in ms_roles if m.i == k + 1 and m.j <= x.count.i and all(
            words[q].norm in _DAY_WORDS or q == x.count.i - 1 for q in range(m.j, x.count.i))
                     # ("قتلت قوات الأمن أمس الجمعة متظاهرين اثنين": a day, and the noun before its number)
                     and not groups[m.id].target_only), None)
        if subj is not None:
            perp = subj
            break
        if x.count.i != k + 1:
            continue
        subj = _last_before(ms_roles, k, lo, max_gap=1)
        if subj is None:  # "وكانت القوات الحكومية السورية قد قتلت سبعة جنود أتراك": its adjective and "قد" between
            subj = _last_before(ms_roles, k, lo, max_gap=3)
            if subj is not None and not all(words[q].norm in _BEFORE_VERB for q in range(subj.j, k)):
                subj = None
        if subj is not None and x.value is None and _group_matcher().match_at(words, subj.i) is None:
            continue  # (a vague count after a subject only read off a pronoun: "إن مقاتليه قتلوا عدداً")
        if subj is not None and not groups[subj.id].target_only:
            perp = subj
            target = next((m for m in ms if x.count.i <= m.i <= x.count.j + 2 and m is not subj), None)
            break
    # 1. a group named by its attack ("غارات جوية روسية"، "قصف مدفعي تركي") is the attacker
    spans = [(t.start, t.end) for t in triggers if not t.anaphoric]
    perp = perp or next((m for m in ms_roles if not getattr(groups.get(m.id), "target_only", False)
                         and any(m.start <= s < m.end or s <= m.start < e for s, e in spans)), None)
    # 1b. "استهداف طائرات حربية يرجح أنها روسية لمشفى": a nationality adjective after an attack word
    if perp is None:
        perp = next((m for m in ms_roles if tuple(norm_phrase(m.text)) in _nationality_adjectives() and any(
            (not t.anaphoric and 0 <= m.i - t.j <= 3) or m.i == t.j or (  # ("الضربات الأمريكية استهدفت")
                # "غارات جوية شنتها مقاتلات يُعتقد أنها روسية": the hedge a little further on
                not t.anaphoric and 0 <= m.i - t.j <= 5 and m.i - 2 >= lo and words[m.i - 1].norm in IT_IS
                and words[m.i - 2].norm.lstrip("و") in HEDGED) for t in triggers)
            and not any(words[k].norm.lstrip("وبل") in _HIT_UNITS for k in range(max(lo, m.i - 3), m.i))
            # ("باستهداف دبابة تركية بقذيفة صاروخية": the masdar's object, the tank, was hit)
            and not any(words[k].norm.lstrip("وبل") in _TANKS and t.text.lstrip("وبل").startswith("استهداف") and t.j <= k
                        for t in triggers for k in range(max(lo, m.i - 2), m.i))), None)
        # ("استهدفت دورية روسية تركية مشتركة": the patrol's nations were hit)
    # 1c. "استهداف قوات الأسد بصاروخ موجه دراجته النارية": a masdar, its agent, the weapon, then what it hit
    if perp is None:
        for t in triggers:
            g = next((m for m in ms_roles if m.i == t.j and not groups[m.id].target_only), None) if (
                not t.anaphoric and words[t.i].norm.lstrip("وب").startswith(("استهداف", "قصف"))) else None
            if g is None or g.j >= hi:
                continue
            if words[g.j].norm in _HIT_OBJECTS and any(words[k].norm.startswith("ب") for k in range(g.j + 1, min(hi, g.j + 3))):
                # ("إثر استهداف قوات النظام السوري سيارتهم بصاروخ موجه": what it hit, then the weapon)
                perp = g
                if target is not None and target is g:
                    target = None
                break
            if not words[g.j].norm.startswith("ب"):
                continue
            # ("استهداف الفصائل بالرشاشات الثقيلة لمواقع قوات النظام": what it hit after ل)
            if any(words[k].norm in _HIT_OBJECTS or (words[k].norm.startswith("ل") and words[k].norm[1:] in _HIT_SITES)
                   for k in range(g.j + 1, min(hi, g.j + 4))):
                perp = g
                if target is not None and target is g:
                    target = None
                break
    # 1d. "طائرات حربية، يرجح أنها تابعة لقوات الأسد، شنت غارات": a hedged owner of the weapon or gunmen
    if perp is None:
        for m in ms_roles:
            k = next((k for k in range(max(lo, m.i - 4), m.i) if words[k].norm in HEDGED), None)
            if k is not None and any(words[x].norm in _WIELDERS for x in range(max(lo, k - 3), k)):
                perp = m
                break
    # 1e. "شنت الطائرات الحربية والمروحية التابعة لنظام الأسد غارات": the owner of the aircraft
    if perp is None:
        for m in ms_roles:
            # (not aircraft that only backed the attack: "بمؤازرة طائرات مروحية تابعة لقوات الاحتلال الأميركي")
            if m.i - 2 >= lo and words[m.i - 1].norm in _BELONGING and not _site_hit(words, m.i - 2, lo) and any(
                    (_strip_al(words[x].norm) in _WIELDERS or _members_of(words, ms, x, m, lo))
                    and not any(0 <= x - e <= 1 for e in support_ends)
                    # (not gunmen of their own, then the car they hit: "استهدف مسلحون مجهولون سيارة تابعة للأمن العام")
                    and not any(o.i <= x < o.j and o.id != m.id for o in ms)
                    for x in range(max(lo, m.i - 5), m.i - 1)):
                perp = m
                if target is m:
                    target = None
                break
    # 1e'. "جراء قصف مجموعات المرتزقة التابعة لجبهة النصرة ... حي الشيخ مقصود": the attack noun's own
    # genitive, a band "belonging to" a group, is that group's
    if perp is None:
        for t in triggers:
            if t.anaphoric or t.j + 2 >= hi or words[t.j].norm.lstrip("و") not in _BANDS:
                continue
            k = next((k for k in range(t.j + 1, min(hi, t.j + 3)) if words[k].norm in _BELONGING), None)
            m = next((x for x in ms_roles if k is not None and x.i == k + 1 and not groups[x.id].target_only), None)
            if m is not None:
                perp = m
                if target is m:
                    target = None
                break
    # 1f. "يقودهما انتحاريان من جبهة النصرة"، "فجّر انتحاري من التنظيم": the bombers' own group
    if perp is None:
        # (or whose he is: "انتحاريا يتبع لتنظيم داعش دخل إلى الكنيسة")
        perp = next((m for m in ms if not groups[m.id].target_only and any(
            words[b].norm.lstrip("و") in _BOMBERS and b + 1 < m.i and all(
                words[x].norm in _BOMBER_OF for x in range(b + 1, m.i)) for b in range(max(lo, m.i - 3), m.i - 1))), None)
        if perp is not None and target is perp:
            target = None
    # 1g. "باستهداف الفصائل لعربتهم"، "قصف قوات النظام لبلدة"، "هجوم داعش على": the attack noun's own
    # genitive is its agent when the attacked follows with "ل" or "على"
    if perp is None:
        for k in range(lo, hi - 2):
            if not any(v in _ATTACK_NOUNS for v, _n in prefix_variants(words[k].norm)):  # ("باستهداف")
                continue
            m = next((x for x in ms_roles if x.i == k + 1 and not groups[x.id].target_only), None)
            if m is None or m.j >= hi:
                continue
            nxt = words[m.j].norm
            # (or "بهجوم للتنظيم في بادية معدان": an assault "of" the group, told with "ل")
            by = words[k + 1].norm.startswith("ل") and not words[k + 1].norm.startswith("ال") and any(
                v in _ASSAULTS for v, _n in prefix_variants(words[k].norm))
            if by or (nxt.startswith("ل") and not nxt.startswith("ال")) or nxt in ("علي", "على"):
                perp = m
                if target is m:
                    target = None
                break
    # 1h. "استأنفت قوات سوريا الديمقراطية، مساء الجمعة، هجومها على آخر جيب لداعش": an attack noun carrying
    # its owner as a pronoun belongs to the subject named before it
    if perp is None:
        for t in triggers:
            if words[t.i].norm.endswith(OWNED_ATTACKS) and not t.anaphoric:
                m = _last_before(ms_roles, t.i, lo, max_gap=8)
                if m is not None and not groups[m.id].target_only:
                    perp = m
                    if target is m:
                        target = None
                    break
    # 1i. "إن قوات النظام واصلت اليوم لليوم الخامس على التوالي قصف حي بابا عمرو": the subject of a verb
    # that carries the attack noun after it (before the verb, or right after it)
    if perp is None:
        for i, j in discourse.positions("resume_verbs", words, lo, hi):
            if not any(0 < t.i - j <= 8 and not t.anaphoric for t in triggers):
                continue
            m = _last_before(ms_roles, i, lo, max_gap=0) or _first_after(ms_roles, words, j, hi, _PERP_FILLERS, max_gap=2)
            if m is not None and not groups[m.id].target_only:
                perp = m
                if target is m:
                    target = None
                break
    # 2. agent cues
    if perp is None:
        for _i, j in discourse.positions("perp_after", words, lo, hi):
            if words[_i].norm in _AMBUSH_NOUNS and any(words[k].norm.lstrip("و").startswith("نصب")
                                                        for k in range(max(lo, _i - 8), _i)):
                continue  # "نصب مقاتلو جيش العزة كميناً لمجموعة من قوات الأسد": laid for them, not by them
            if _i > lo and words[_i - 1].norm in _ALONG_WITH:
                continue  # "نازحون لجؤوا إلى المنطقة مع تقدم قوات النظام": what went on around, not this attack
            m = _first_after(ms_roles, words, j, hi, _PERP_FILLERS, max_gap=4)
            if m is not None:
                perp = m
                break
    # 2'. the side accused of it: "وسط اتهامات لقوات الأسد المتمركزة في مطار المزة بإطلاقه"
    if perp is None and triggers:
        for _i, j in discourse.positions("accuse", words, lo, hi):
            # (the deed points back at the attack told: "بإطلاقه"، "بتنفيذها"; "بعد أن اتهمت إيران بإطلاق
            # طائرة مسيرة منه" tells another deed)
            deed = next((k for k in range(j + 1, min(hi, j + 12)) if accused_deed(words[k].norm)), None)
            accused = [m for m in ms_roles if j <= m.i < (deed if deed is not None else j)
                       and not groups[m.id].target_only]
            if len(accused) == 1 and accused[0].i == j and not accuse_of_relative(words, _i, lo):
                accused = []  # "اتهم النظام المجموعة بتنفيذه": the accuser, right after its verb
            if accused:
                perp = accused[-1]
                if target is perp:
                    target = None
                break
    # 2b. "اشتباكات بين X و Y" (only after a clash word: "مدينة تشهد معارك بين" is no clash of this attack)
    clash_at = {t.j for t in triggers if t.attack_type == "armed_clash"}
    perp0, target0 = perp, target  # an attacker already found stays; only its other side is sought
    verb_pos = discourse.positions("attack_verbs", words, lo, hi)  # (one scan per clause, used twice)
    # (far from its clash word, "بين" gives way to a verb that names who attacked: "بين قسد وعناصر من داعش
    # هاجموا السجن")
    far_ok = not any(not _dawn(words, i) and words[i].norm.endswith(("وا", "ت"))
                     and _last_before(ms_roles, i, lo, max_gap=1) is not None  # (its subject right before it)
                     for i, _j in verb_pos)
    for k in range(lo, hi) if perp is None or target is None else ():
        if words[k].norm in _BEIN and not (k + 1 < hi and words[k + 1].norm in _AMONG_DEAD) and any(
                0 <= k - j <= 2 or (far_ok and 0 <= k - j <= 12 and _clash_scene(words, j, k)) for j in clash_at):
            after = [m for m in ms if m.i > k]
            side = next((x for x in range(k + 1, hi - 1) if words[x].norm == "من" and words[x + 1].norm == "جهه"), None)
            if side is not None and after and after[0].i < side:
                # "بين وحدات الجيش ومجموعات من الأهالي من جهة، وإرهابيي التنظيم من جهة أخرى"
                other = next((m for m in after if m.i > side), None)
                if other is not None and getattr(groups.get(other.id), "top_level", other.id) != getattr(
                        groups.get(after[0].id), "top_level", after[0].id):  # ("من جهة الطريق الدولي": a place)
                    perp, target = after[0], other
                    break
            if len(after) >= 2 and after[1].i - after[0].j <= 6 and words[after[1].i].norm.startswith("و"):
                perp, target = after[0], after[1]
                break
            if len(after) >= 2 and after[0].i - k <= 4:
                perp, target = after[0], after[1]
                break
    if perp is not perp0 and perp is not None and target is not None and getattr(
            groups.get(perp.id), "target_only", False) and not getattr(groups.get(target.id), "target_only", False):
        # "دارت اشتباكات عنيفة بين أبناء القرية وعناصر التنظيم": the villagers fought back; the group attacked
        # (a tribe's men are an armed side with no id of their own: "بين أبناء العشيرة ومقاتلي التنظيم")
        perp, target = target, (None if "عشير" in perp.text else perp)
    if perp0 is not None and perp is not perp0:
        perp, target = perp0, target0
    # 2b'. "القوات التركية ووحدات حماية الشعب تبادلت القصف"، "تبادلت قسد والفصائل إطلاق النار": the two
    # sides of an exchange, the first named first
    for k in range(lo, hi) if perp is None else ():
        if words[k].norm.lstrip("و").startswith(_EXCHANGE):
            pair = [m for m in ms_roles if k - 8 <= m.i < k][-2:]
            if len(pair) < 2 or not words[pair[1].i].norm.startswith("و") or pair[1].j < k - 1:
                pair = [m for m in ms_roles if k < m.i <= k + 8][:2]
                if len(pair) == 2 and not words[pair[1].i].norm.startswith("و"):
                    pair = []
            if len(pair) == 2 and pair[0].id != pair[1].id:
                perp, target = pair
                break
    # 2c. "قضى 3 عناصر من الفصائل خلال اشتباكات مع قوات النظام": the side met in the clash is the
    # attacker of the ones who fell
    if perp is None:
        for t in triggers:
            if t.attack_type == "armed_clash" and t.j < hi and words[t.j].norm in _WITH and any(
                    x.count is not None and x.count.i < t.i for x in casualties):  # (the fallen told first)
                m = _first_after(ms_roles, words, t.j + 1, hi, _PERP_FILLERS, max_gap=3)
                if m is not None and m.j - m.i == 1 and m.text.endswith(_POSSESSED):  # (the text: "الشرطة" is no "ه")
                    continue  # "هاجمت المجموعات مفرزة الأمن العسكري واشتبكت مع عناصرها": the attacked's men
                if m is not None:
                    perp = m
                    top = {g.id: g.top_level for g in groups.values()}
                    target = target or next((x for x in ms if x.i < t.i and top.get(x.id, x.id) != top.get(m.id, m.id)
                                             and id(x) not in speakers), None)
                    break
    # 3. attack verbs: SVO / VSO, then the parse
    # "بقصف مدفعي": a verb form behind a preposition is a noun (the subject rule does not apply)
    verbs = [(i, j) for i, j in verb_pos if not _behind_preposition(words[i].norm)
             and not _dawn(words, i)]
    verb_tags = {w.start: w.upos for w in swords} if swords else {}
    if perp is None:
        for i, j in verbs:
            m = None
            if words[i].norm.endswith("وا"):
                # a plural verb agrees with a subject before it ("المرتزقة استهدفوا المدنيين"): SVO
                m = _last_before(ms_roles, i, lo, max_gap=1)
                if m is not None and _site_owner_named(words, m):
                    m = None  # ("على حواجز للنظام، وتمكنوا": the owner of what was hit)
            if m is None:
                # "وكانت إسرائيل قصفت مقر وزارة الدفاع": the subject between كان and the verb (or between
                # إن and the verb: "وقال مصدر إن تنظيم داعش هاجم المواطنين")
                b = _last_before(ms_roles, i, lo, max_gap=1)
                if b is None:  # "إن مقاتلتين إسرائيليتين من طراز إف-15 قصفتا": the aircraft's model between
                    b = next((x for x in [_last_before(ms_roles, i, lo, max_gap=4)] if x is not None and x.j + 1 < i
                              and words[x.j].norm == "من" and words[x.j + 1].norm == "طراز"), None)
                # (the aircraft noun before a nationality adjective: "إن مقاتلتين إسرائيليتين")
                head = b.i - 1 if b is not None and b.i - 1 > lo and words[b.i - 1].norm in _AIRCRAFT_HEADS else (
                    b.i if b is not None else lo)
                if b is not None and head > lo and (words[head - 1].norm.lstrip("و") in _WAS or (
                        words[head - 1].norm in _THAT and getattr(groups.get(b.id), "target_only", True) is False)):
                    m = b
            if m is None:
                m = _first_after(ms_roles, words, j, hi, _PERP_FILLERS, max_gap=3)
                if m is not None and words[i].norm.startswith("استهدف") and not type_from_actor(m.text) and any(
                        t.j <= i and i - t.j <= 1 and (t.attack_type != "armed_clash" or t.text.lstrip("وبل").startswith(
                            _HUJUM_WORDS)) for t in triggers):
                    # "تفجير استهدف مبنى الأمن القومي"، "بهجوم استهدف دوريتهما": the attack word is the
                    # subject, the group its object
                    target = target or m
                    m = None
                    continue
            if m is None and not any(t.j <= i and i - t.j <= 1 and t.i < i for t in triggers):
                # (not "في انفجار استهدف اجتماعا لمجلس شوراها": the attack word is the subject; a group
                # told before it is the victim side)
                m = _last_before(ms_roles, i, lo)
                if m is not None and (_site_owner_named(words, m) or any(
                        v < m.i and verb_tags.get(words[v].start) == "VERB" and (
                            _object_in_parse(m, swords) or (words[i].norm.startswith("و") and m.i - vj > 1))
                        for v, vj in verbs if v < i)):
                    # ("ثم هاجمت المجموعات ذاتها مفرزة الأمن العسكري واشتبكت مع عناصرها": a group told after
                    # another attack verb, as its object, is not the next verb's subject; a verb joined by و
                    # shares the first one's)
                    m = None
                if m is not None and text is not None and _told_dead(text, words, m, casualties, lo):
                    m = None  # "قتل خلاله العشرات من المدنيين وعناصر قوات النظام، وخطف مئات": the dead, not who took
            if m is not None:
                perp = m
                break
    if perp is None and any(not t.anaphoric for t in triggers):
        # "وكان التنظيم قد عزل الأحياء الغربية ...، بعد هجوم واسع بدأه فجر 16 كانون الثاني": the subject of a
        # pluperfect told first in the clause is the one whose attack it tells
        for k in range(lo, min(hi, lo + 3)):
            if words[k].norm.lstrip("و") not in _WAS:
                continue
            m = next((x for x in ms_roles if x.i == k + 1 and not groups[x.id].target_only), None)
            if m is not None and m.j + 1 < hi and words[m.j].norm == "قد" and not _speech_matcher().find(
                    "", words[m.j + 1:m.j + 2]) and not words[m.j + 1].norm.startswith(_SAID_OR_LOST):
                perp = m  # (not "وكانت الإدارة الذاتية قد حذرت مراراً من أن ...": what it said; nor "وكان الجيش قد فقد 10 من جنوده")
            break
    if swords and (perp is None or (groups.get(perp.id) and groups[perp.id].target_only and target is None)):
        # (not a clash: "تسللوا إلى القرية، واشتبكوا مع عناصر الدفاع الوطني" has two sides)
        # ("مسلحين من الشبيحة قدموا ...، وأعدموا عائلات بأكملها": the people after the verb are its object)
        clashes = {t.i for t in triggers if t.attack_type == "armed_clash"}
        shared = _coordinated_subject(words, lo, [v for v in verbs if v[0] not in clashes], ms_roles, swords)
        if shared is not None and perp is not None and shared is not perp:
            target = perp
        perp = shared if shared is not None else perp
    if perp is None:
        # "وكانت قوات الفرقة الرابعة قد حاولت يوم الخميس الماضي اقتحام درعا البلد": the subject told
        # between كان and an attempt at an attack (not "إرهابيين حاولوا التسلل": those were repelled)
        for k in range(lo, hi):
            if words[k].norm.lstrip("و") not in _TRIED or not any(0 < t.i - k <= 4 for t in triggers):
                continue
            b = _last_before(ms_roles, k, lo, max_gap=1)  # ("وكانت قوات الفرقة الرابعة": a head noun between)
            if b is not None and any(words[x].norm.lstrip("و") in _WAS for x in range(max(lo, b.i - 2), b.i)):
                perp = b
                break
    if perp is None:
        # "حاول مرتزقة الاحتلال التركي التسلل إلى قرية الدردارة، فتصدت لهم قوات مجلس تل تمر": who tried,
        # named right after the verb that opens the clause (no attack or defence told before it)
        k = next((k for k in range(lo, min(hi, lo + 3)) if words[k].norm.lstrip("و") in _TRIED), None)
        m = None if k is None or any(t.i < k for t in triggers) else next(
            (m for m in ms_roles if m.i == k + 1 and any(0 <= t.i - m.j <= 3 and all(
                words[q].norm in _DAY_WORDS or words[q].norm in _PARTS_OF_DAY for q in range(m.j, t.i))
                for t in triggers)), None)  # ("حاول مرتزقة الاحتلال اليوم الثلاثاء التسلل")
        if m is not None and not groups[m.id].target_only:
            perp = m
    dep_target = None
    if swords:
        for t in triggers:
            p, tg = _dep_roles(t, swords, ms)
            if perp is None and p is not None and any(p is m for m in ms_roles) and not _site_owner_named(words, p):
                perp = p  # (not a defender or the counted; nor "نقاط عسكرية للنظام", a subject only by a parse slip)
            if dep_target is None and tg is not None:
                dep_target = tg
    source_end = None
    if perp is None or getattr(groups.get(perp.id), "target_only", False):
        # "جراء قصف صاروخي مصدره مناطق سيطرة قسد": the side whose ground the fire came from
        for i, j in discourse.positions("fire_source", words, lo, hi):
            if any((t.shooting or t.attack_type == "shelling") and 0 <= i - t.j <= 3 for t in triggers):
                # (the name may be told twice: "مصدره مناطق سيطرة "قوات سوريا الديمقراطية" (قسد)")
                m = _first_after(ms_roles, words, j, hi, _TARGET_FILLERS | _HELD_AREAS, max_gap=3)
                held = _group_matcher().match_at(words, j) if m is None and j < hi and words[j - 1].norm in _HELD_AREAS else None
                if held is not None and held[1] in groups:  # ("مناطق سيطرة قسد" is no mention of its own: a place)
                    m = GroupMention(held[1], words[j].start, words[held[2] - 1].end,
                                     text[words[j].start:words[held[2] - 1].end] if text else "", j, held[2])
                if m is not None and not groups[m.id].target_only:
                    if perp is not None and target is None:
                        target = perp  # (the people read as its subject were hit)
                    perp = m
                    source_end = m.j
                    if target is m:
                        target = None
                    break
    if perp is None:
        # "إثر إطلاق نار عليهما من مسلحين محليين": the fire came from the group after "من"
        for t in triggers:
            k = t.j + (1 if t.j < hi and words[t.j].norm.startswith("علي") else 0)
            if t.shooting and k + 1 < hi and words[k].norm == "من":
                m = next((x for x in ms_roles if x.i == k + 1 and not groups[x.id].target_only), None)
                if m is not None:
                    perp = m
                    break
    if perp is None:
        # "تسللت مجموعات من عناصر التنظيم إلى قرى الشريحي": the unit's group is the verb's subject
        for i, j in discourse.positions("target_after", words, lo, hi):
            m = _first_after(ms_roles, words, j, hi, _TARGET_FILLERS, max_gap=4) if _acting_unit(words, i, lo) else None
            if m is not None and not groups[m.id].target_only:
                perp = m
                if target is m:
                    target = None
                break
    # 4. targets
    if target is None:
        # "أصيب عنصر في جهاز الأمن العسكري ...، والعنصر من أبناء البلدة، وكان منضوياً في صفوف الفصائل":
        # the group right after the one counted is his own; later groups tell his origin or past
        target = _counted_member_group(words, hi, ms, casualties, perp)
    if target is None:
        # ("انطلاقاً من مواقعها": fire that sets out from a side's positions does not hit them)
        origins = [oj for _oi, oj in discourse.positions("origin", words, lo, hi)]
        for i, j in discourse.positions("target_after", words, lo, hi):
            m = _first_after(ms, words, j, hi, _TARGET_FILLERS, max_gap=4)
            if m is None and discourse.starts_with("attack_verbs", words, i) is not None:
                # "استهدفوا بطائرتين مسيّرتين قاعدة الاحتلال الأمريكي": the weapon, then what it hit
                w = next((t for t in triggers if t.i == j and words[j].norm.startswith("ب")), None)
                m = _first_after(ms, words, w.j, hi, _TARGET_FILLERS, max_gap=4) if w is not None else None
            if m is not None and m is perp and m.i == j and discourse.starts_with("attack_verbs", words, i) is not None:
                # "استهدف مسلحون مجهولون مساء أمس الأحد بالرصاص عضو مجلس بلدة الكرامة": the verb, its
                # subject, the time and the weapon, then the one it hit
                m = _first_after(ms, words, perp.j, hi, _TARGET_FILLERS | _DAY_WORDS | _PARTS_OF_DAY | _SHOT_WITH, max_gap=5)
            if m is not None and any(0 <= m.i - oj <= 1 for oj in origins):
                continue
            if m is not None and id(m) in speakers:
                continue  # "وقال مصدر في الإدارة العامة للنفط التابعة للإدارة الذاتية ... إن": the source's own side
            if m is not None and words[i].norm == "من" and i > lo and words[i - 1].norm.lstrip("و") in _SENT_FROM:
                continue  # "بعد أيام من تلقيه تهديدات من خلايا تنظيم داعش": who sent the threats
            if m is not None and _acting_unit(words, i, lo):
                continue  # ("تسللت مجموعات من عناصر التنظيم": the attackers' own men)
            if m is not None and any(words[k].norm == "اذا" and words[k - 1].norm == "ما" for k in range(max(lo + 1, m.i - 6), m.i)):
                continue  # "طائرات حربية لم يُعرف ما إذا كانت تابعة للنظام أم روسية": whose the aircraft were
            if m is not None and any(words[k].norm.lstrip("و") in _TRIED and any(t.i < k and not t.anaphoric for t in triggers)
                                     for k in range(max(lo, i - 2), i)):
                continue  # "اشتبكت الجهات المختصة مع مجموعة حاولت الاعتداء على المواطنين": what the foe tried
            if m is not None and m is not perp:
                target = m
                break
    # "وقالت الوزارة إن المدينة أصبحت تحت السيطرة بعد اشتباكات مع مقاتلي وحدات حماية الشعب": the side the
    # attacker (or the side speaking) met in the clash
    own_side = {_top_of(perp.id)} if perp is not None else {_top_of(m.id) for m in ms if id(m) in speakers}
    # (only in a battle: "اقتحمت ... بعد اشتباكات مع وحدات من الجيش، وأقدمت على اختطاف 12 راهبة" hit the nuns)
    battle = all(t.attack_type == "armed_clash" for t in triggers if not t.anaphoric)
    for t in triggers if target is None and own_side and battle else ():
        if t.attack_type == "armed_clash" and t.j < hi and words[t.j].norm in _WITH:
            m = _first_after(ms, words, t.j + 1, hi, _PERP_FILLERS, max_gap=3)
            if m is not None and m is not perp and _top_of(m.id) not in own_side and not groups[m.id].target_only:
                target = m
                break
    if target is None:
        # "وكانت قوات النظام قد خسرت 28 عنصراً": the side that lost them is the one attacked
        for c in casualties:
            k = next((k for k in range(lo, hi) if words[k].start == c.cue_start), None)
            if k is not None and words[k].norm.lstrip("و").startswith(("خسر", "فقد")):
                m = _last_before(ms, k - (1 if k > lo and words[k - 1].norm == "قد" else 0), lo, max_gap=1)
                if m is not None and m is not perp:
                    target = m
                    if perp is not None and perp.i == m.i:
                        perp = None
                    break
    if target is None:
        for c in casualties:
            if text is not None and c.count is None and text[c.cue_start:c.cue_end].endswith(("ه", "ها", "هم", "هما")):
                continue  # "ما أدى لاستشهاده، وفتحت قوى الأمن الداخلي تحقيقاً": his death; he was told before
            m = _first_after(ms, words, c.victim_from, hi, _TARGET_FILLERS, max_gap=4)
            if m is None and c.count is not None:
                # "لقي عدد من عناصر المليشيات ... مصرعهم": victims named inside the count phrase
                m = next((x for x in ms if c.count.i <= x.i <= c.count.j + 3), None)
            if m is not None and m is not perp:
                target = m
                break
    if target is None and dep_target is not None and dep_target is not perp:
        target = dep_target
    if perp is None and defended is not None and target is defended:
        # "تصدت فصائل الثوار لمحاولة تقدم لميليشيات الأسد": the other party named is the one repelled
        top = {g.id: g.top_level for g in groups.values()}
        perp = next((m for m in ms_roles if top.get(m.id, m.id) != top.get(defended.id, defended.id)), None)
    if perp is None:
        # "طائرة مسيرة تركية"، "الطيران الروسي": an air or artillery force is never the one attacked
        perp = next((m for m in ms_roles if m is not target and type_from_actor(m.text)), None)
    if target is None and perp is not None:
        # the next other group, but not a co-attacker joined by و ("جيش الاحتلال التركي ومرتزقته")
        allies = [j for _i, j in discourse.positions("support", words, lo, hi)]  # "بالاشتراك مع فصائل من الجيش الحر"
        target = next((m for m in ms if m.i > perp.i and m.id != perp.id
                       and not (m.i == perp.j and words[m.i].norm.startswith("و"))
                       # ("قوات النظام وميليشيا الفرقة الرابعة": a head noun before the partner's name)
                       and not (m.i == perp.j + 1 and m.i < hi and words[perp.j].norm.startswith("و"))
                       and not any(0 <= m.i - j <= 2 for j in allies)), None)
    if perp is None:
        for _i, j in discourse.positions("claim_verbs", words, lo, hi):
            if any(words[k].norm in _AS_SAID for k in range(max(lo, _i - 2), _i)):
                continue  # "وفق ما أعلنه التحالف": the source of the news, not a claim of the attack
            m = _first_after(ms_roles, words, j, hi, _PERP_FILLERS, max_gap=3)
            that = next((k for k in range(m.j, min(hi, m.j + 4)) if words[k].norm in _THAT or words[k].norm in _THAT_IT),
                        None) if m is not None else None
            if m is not None and that is None and any(
                    x.kind in ("killed", "wounded") and m.j < hi and words[m.j].start <= x.cue_start
                    and word_gap(words, m.j, x.cue_start) <= 8 for x in casualties):
                continue  # "أعلنت وزارة الدفاع الروسية اليوم الاثنين 5 ديسمبر مقتل ممرضتين": its own losses reported
            if that is not None and words[that].norm in _THAT and not any(
                    words[k].norm.lstrip("و").startswith("مسوولي") for k in range(m.j, that)):
                continue  # "أعلنت وزارة الدفاع الروسية، اليوم الاثنين، أن 10 طائرات مسيرة اتجهت نحو قاعدة حميميم": a report
            if m is not None and m is not target and not (target is not None and m.id == target.id):
                perp = m
                break
    if target is None:
        # "فجرا نفسيهما بحزامين ناسفين في كراج الانطلاق": a civilian place or people right after the attack
        # word are what it hit
        starts = [t.j for t in triggers if not t.anaphoric]
        target = next((m for m in ms if m.id == "civilians" and m is not perp and id(m) not in speakers
                       and any(0 <= m.i - j <= 6 for j in starts)), None) or next(
            # "ارتكبت الطائرات الحربية مجزرة": a massacre names its victims as civilians
            (m for m in ms if m.id == "civilians" and m is not perp
             and any(m.start <= t.start < m.end for t in triggers)), None)
    if target is None:
        target = _people_after_death_word(words, lo, hi, ms, casualties, perp, speakers)
    if target is None:
        target = _neutralised(ms, casualties, perp, speakers)
    if target is None:
        target = _pluperfect_dead_side(words, lo, ms, casualties, perp, speakers)
    if perp is not None and groups.get(perp.id) and groups[perp.id].target_only:
        if target is None:
            target = perp
        perp = None
    if target is not None and target.id == "civilians":
        # "اغتال مسلحون شاباً من مدينة نوى، وهو عنصر في الفرقة الرابعة": the person told by a plain noun,
        # then who he is
        for m in ms:
            if m.i > target.i and m is not perp and not groups[m.id].target_only and any(
                    words[k].norm in _WHO_IS and any(words[x].norm in _MEMBER for x in range(k + 1, min(m.i, k + 4)))
                    for k in range(max(target.j, m.i - 5), m.i)):
                # "وهو عنصر سابق في فصائل المعارضة انضم بعد التسوية إلى الفرقة الرابعة": what he joined
                joined = next((x for x in ms if x.i > m.j and x.i - m.j <= 6 and not groups[x.id].target_only and any(
                    words[k].norm.lstrip("و").startswith(("انضم", "التحق")) for k in range(m.j, x.i))), None)
                former = any(words[k].norm in ("سابق", "سابقا") for k in range(max(target.j, m.i - 5), m.i))
                target = joined if former and joined is not None else m
                break
    if perp is not None and target is not None and perp.id == target.id:
        # ("استشهدت سيدة وطفلها جراء قصف القوات النظامية ...، التي تشهد محاولات متكررة من القوات
        # النظامية": the attacker named again is no victim; the people who died are)
        target = _people_after_death_word(words, lo, hi, ms, casualties, perp, speakers) or _neutralised(
            ms, casualties, perp, speakers)  # ("ردت القوات التركية ... تحييد 9 إرهابيين ... استهداف مواقعهم")
    if source_end is not None and target is not None and 0 <= target.i - source_end <= 4:
        target = None  # ("أطلقت من مناطق سيطرة قوات النظام وقسد": both fired; neither was hit)
    return perp, target


_MEMBER_OF = frozenset(norm_phrase("في من ب لدى"))
_ORGAN = frozenset(norm_phrase("جهاز الجهاز فرع صفوف"))
_COUNTED_MEMBERS = frozenset(norm_phrase(
    "عنصر عنصرا عنصران عنصرين عناصر قيادي قياديا قياديان قياديين قياديون قادة قائد مقاتل مقاتلا مقاتلان مقاتلين "
    "مقاتلون ضابط ضابطا ضابطان ضابطين ضباط عضو عضوا عضوان عضوين أعضاء منتسب منتسبا مجند متطوع جندي جنديا "
    "جنديان جنديين جنود"))


def _counted_member_group(words: list[Word], hi: int, ms: list[GroupMention], casualties: list[Casualty],
                          perp: GroupMention | None) -> GroupMention | None:
    """"أصيب عنصر في جهاز الأمن العسكري"، "قتل عنصران من الفرقة الرابعة": the armed group named right
    after a counted member noun (only "في/من", and an organ word, between) is the victim's."""
    for c in casualties:
        if c.count is None or c.kind == "neutralised" or c.count.j >= hi:
            continue
        if not any(words[k].norm.lstrip("و") in _COUNTED_MEMBERS for k in range(c.count.i, c.count.j)):
            continue
        k = c.count.j
        if k < hi and words[k].norm in _MEMBER_OF:
            k += 1
            if k < hi and words[k].norm in _ORGAN:
                k += 1
            m = next((x for x in ms if x.i == k), None)
            if m is not None and m is not perp and m.id not in ("civilians", "unknown") and not (
                    perp is not None and _top_of(m.id) == _top_of(perp.id)):
                return m
    return None


def _neutralised(ms: list[GroupMention], casualties: list[Casualty], perp: GroupMention | None,
                 speakers: set[int]) -> GroupMention | None:
    """"وتمكنت من تحييد 9 إرهابيين في منطقة تل رفعت": the group named by the counted noun of a
    neutralised claim was hit (the noun resolves to its antecedent: "إرهابيو بي كا كا")."""
    return next((m for x in casualties if x.kind == "neutralised" and x.count is not None for m in ms
                 if m is not perp and x.count.i <= m.i <= x.count.j and id(m) not in speakers
                 and not (perp is not None and m.id == perp.id)), None)


def word_gap(words: list[Word], j: int, pos: int) -> int:
    """Words from index ``j`` up to the one starting at text offset ``pos``."""
    k = j
    while k < len(words) and words[k].start < pos:
        k += 1
    return k - j


def _told_dead(text: str, words: list[Word], m: GroupMention, casualties: list[Casualty], lo: int) -> bool:
    """``m`` is named among the victims of a toll told just before it in the same stretch (no comma between)."""
    for c in casualties:
        if c.kind == "neutralised" or c.cue_end > m.start:
            continue
        k = next((k for k in range(lo, m.i) if words[k].start == c.cue_start), None)
        # (the dead "من" a side, not the cause told after the toll: "ارتفعت حصيلة القتلى جراء الضربات الأمريكية")
        if k is not None and m.i - k <= 8 and not any(ch in text[c.cue_end:m.start] for ch in "،,.:") and any(
                words[x].norm == "من" for x in range(k + 1, m.i)) and not any(
                words[x].norm.lstrip("و") in _CAUSE for x in range(k + 1, m.i)):
            return True
    return False


_CAUSE = frozenset(norm_phrase("جراء إثر اثر بسبب نتيجة بعد في خلال"))


def _people_after_death_word(words: list[Word], lo: int, hi: int, ms: list[GroupMention], casualties: list[Casualty],
                             perp: GroupMention | None, speakers: set[int]) -> GroupMention | None:
    """"قُتلت عائلة مؤلفة من خمسة أفراد"، "قتل راعٍ": people named right after the death word are its victims."""
    for c in casualties:
        k = next((k for k in range(lo, hi) if words[k].start == c.cue_start), None)
        m = None if k is None else next((x for x in ms if x.id == "civilians" and x is not perp
                                         and (k < x.i <= k + 2 or x.j == k or (  # "وكان مدني قد أصيب"
                                             x.j == k - 1 and words[k - 1].norm == "قد") or (
                                             # "احتجز عناصر من الأمن العسكري ثلاثة شبان": the counted
                                             c.count is not None and c.count.i <= x.i < c.count.j + 1))
                                         and id(x) not in speakers), None)
        if m is not None:
            return m
    return None


def _pluperfect_dead_side(words: list[Word], lo: int, ms: list[GroupMention], casualties: list[Casualty],
                  perp: GroupMention | None, speakers: set[int]) -> GroupMention | None:
    """"وكان جندي أمريكي وآخر بريطاني قد قُتلا": the side named as the subject of a pluperfect death
    verb (between كان and it) is the one of the dead."""
    for c in casualties:
        if c.kind not in ("killed", "wounded") or c.value is None:
            continue
        k = next((k for k in range(lo, len(words)) if words[k].start == c.cue_start), None)
        was = None if k is None else next((y for y in range(max(lo, k - 8), k) if words[y].norm.lstrip("و") in _WAS), None)
        if was is None or k - 1 <= was or words[k - 1].norm != "قد":
            continue  # (not "وكان الحرس الثوري قد أعلن ... مقتل العميد": the speaker)
        m = next((x for x in ms if x is not perp and id(x) not in speakers and x.id != "unknown"
                  and was < x.i and x.j <= k), None)
        if m is not None:
            return m
    return None


_DEFECTOR = frozenset(norm_phrase("منشق المنشق منشقا المنشقين منشقين المتقاعد متقاعد"))
_REPORT_VERBS = frozenset(norm_phrase("أعلن أعلنت ذكر ذكرت أفاد أفادت وثق وثقت نشر نشرت"))
_TOLL_NOUNS = tuple(norm_phrase("ارتفاع حصيلة مقتل استشهاد إصابة سقوط وفاة"))
_SPEAKER_WORDS = frozenset(norm_phrase("قال قالت وقال وقالت أكد وأكد أوضح وأوضح الناطق المتحدث باسم القائد قائد القيادي"))


def ranked_victim(text: str, words: list[Word], lo: int, hi: int, mentions: list[GroupMention],
                  triggers: list[Trigger], casualties: list[Casualty],
                  perp: GroupMention | None = None) -> GroupMention | None:
    """"اغتالت مجموعة إرهابية ... المساعد أول محمود الحسين"، "أطلقت النار على العميد"، "قضى ضابط برتبة
    ملازم أول": an army rank right after the attack or death word, with no group named around it, is
    a soldier of the Syrian army (a speaker's rank, a defector's, or one followed by his group is not)."""
    after = [t.j for t in triggers] + [next((k + 1 for k in range(lo, hi) if words[k].start == c.cue_start), -9)
                                       for c in casualties]
    for i, j in discourse.positions("army_ranks", words, lo, hi):
        if not any(0 <= i - a <= 7 for a in after) and not (i > lo and words[i - 1].norm in ("علي", "على")):
            continue
        if any(words[k].norm in _SPEAKER_WORDS for k in range(max(lo, i - 3), i)):
            continue
        if any(words[k].norm in _DEFECTOR for k in range(j, min(hi, j + 3))):
            continue
        named = [m for m in mentions if i - 6 <= m.i <= j + 8 and m.id not in ("civilians", "unknown") and not (
            perp is not None and m.i == perp.i)]
        if named:  # "عميدا في الجيش": the army named is the target; another group: his own
            army = next((m for m in named if m.id == "syrian_government" and m.i >= i), None)
            if army is not None and len({m.id for m in named}) == 1:
                return army
            continue
        return GroupMention("syrian_government", words[i].start, words[j - 1].end,
                            text[words[i].start:words[j - 1].end], i, j)
    return None


_WHO_IS = frozenset(norm_phrase("وهو وهي وهما وهم وكان وكانت"))
_SAID_OR_LOST = ("حذر", "اعلن", "نفت", "نفى", "فقد", "خسر")  # (normalised verb stems after "كان ... قد")
_THAT_IT = frozenset(norm_phrase("أنها أنه أنهم أنهما إنها إنه إنهم"))  # ("أعلنت السلطات أنها قتلت عنصرين": its own deed)
_ALONG_WITH = frozenset(norm_phrase("مع ومع وسط ووسط"))
_AMBUSH_NOUNS = frozenset(norm_phrase("كمين كمينا"))
_BOMBERS = frozenset(norm_phrase("انتحاري انتحاريان انتحاريين انتحاريون انغماسي انغماسيان انغماسيين انغماسيون "
                                 "انتحاريا انغماسيا"))
_BOMBER_OF = frozenset(norm_phrase("من يتبع يتبعان يتبعون تابع التابع ينتمي ينتميان ينتمون المنتمي ل إلى"))
_MEMBER = frozenset(norm_phrase("عنصر عنصرا عناصر قيادي قياديا قائد مقاتل مقاتلا ضابط ضابطا عضو عضوا منتسب منتسبا مجند متطوع"))


@lru_cache(maxsize=8)
def _dated_lex(name: str) -> tuple[AliasMatcher, dict[str, str | None]]:
    """A lexicon of group id -> {phrases, until?} (weapon_actors.yaml, site_owners.yaml); a key
    "id#tag" is another entry of the same group (another period)."""
    raw = load_yaml(name)
    until = {gid: (str(v["until"]) if v.get("until") else None) for gid, v in raw.items()}
    return AliasMatcher({gid: v["phrases"] for gid, v in raw.items()}), until


def _lapsed(until: str | None, published: str | None) -> bool:
    """A dated lexicon entry no longer holds: the article is later than its ``until`` day, or undated
    (it could be later)."""
    return until is not None and (published is None or published[:10] > until)


def _named_by(name: str, text: str, words: list[Word], lo: int, hi: int, published: str | None) -> GroupMention | None:
    """The first group a phrase of lexicon ``name`` names in words[lo:hi]; a group past its ``until``
    date is skipped, and so is any dated one when the article has no publication date (it could be later)."""
    matcher, until = _dated_lex(name)
    for m in matcher.find(text, words[lo:hi]):
        if _lapsed(until.get(m.key), published):
            continue
        return GroupMention(m.key.split("#")[0], m.start, m.end, text[m.start:m.end], m.i + lo, m.j + lo)
    return None


def weapon_actor(text: str, words: list[Word], lo: int, hi: int, published: str | None) -> GroupMention | None:
    """The party a signature weapon names ("برميل متفجر" -> the government air force), for a clause
    that names no attacker."""
    return _named_by("weapon_actors.yaml", text, words, lo, hi, published)


@lru_cache(maxsize=1)
def _struck_site_owners() -> dict[str, tuple[str, str | None]]:
    return {str(k): (str(v["owner"]), str(v["until"]) if v.get("until") else None)
            for k, v in load_yaml("struck_site_owners.yaml").items()}


def implied_site_owner(attacker_id: str, published: str | None) -> str | None:
    """The owner of the generic military sites ``attacker_id`` strikes (struck_site_owners.yaml), or
    None; a rule with an ``until`` day holds only for an article published by then (so not undated)."""
    owner, until = _struck_site_owners().get(attacker_id, (None, None))
    return None if owner is None or _lapsed(until, published) else owner


def site_owner(text: str, words: list[Word], lo: int, hi: int, published: str | None) -> GroupMention | None:
    """The owner a named military site gives ("قاعدة حميميم" -> Russia), for an attack naming no target."""
    return _named_by("site_owners.yaml", text, words, lo, hi, published)
