"""Killed / wounded / captured counts in one clause, with the words they came from.

Casualty words come from ``lexicons/casualties.yaml``: with "after" words the count follows
("مقتل 4 عناصر"، "أصيب ثلاثة مدنيين"، "لقي 3 عناصر مصرعهم"), with "before" words it precedes
("8 قتلى"، "3 جرحى"). A casualty word with no count gives None (never a guess); a vague quantity
("العشرات"، "عدد من"، "آخرين") gives None and a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extraction.dates import month_first_words
from extraction.lexicon import AliasMatcher, Word, load_yaml, norm_phrase
from extraction.numbers import Count, count_at, singular_at, with_kin, word_value

KINDS = ("killed", "wounded", "captured", "neutralised")  # neutralised: "تحييد", never a killed count


@dataclass(frozen=True)
class Casualty:
    kind: str  # killed | wounded | captured | neutralised
    value: int | None
    cue_start: int
    cue_end: int
    count: Count | None  # where the number came from (None: no count stated)
    victim_from: int  # word index after which the victims' group may be named
    extra: bool = False  # "و17 آخرون": more victims of the same kind, told after a first figure
    update: bool = False  # "قبل أن ترتفع الحصيلة إلى 40 قتيلا": a later figure that replaces the earlier one
    suspects: bool = False  # "اعتقلت 9 من المتورطين": those arrested are suspects (a sweep's toll, no attack's)

    @property
    def start(self) -> int:
        return min(self.cue_start, self.count.start) if self.count else self.cue_start

    @property
    def end(self) -> int:
        return max(self.cue_end, self.count.end) if self.count else self.cue_end


@dataclass(frozen=True)
class _Lex:
    matcher: AliasMatcher
    skip: frozenset[str]
    arrest: AliasMatcher
    people: tuple[str, ...] = ()

    def skip_word(self, w: str) -> bool:
        return w in self.skip or (w[:1] in "وب" and w[1:] in self.skip)


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw = load_yaml("casualties.yaml")
    entries = {}
    for kind in KINDS:
        entries[f"{kind}:after"] = raw[kind]["after"]
        entries[f"{kind}:before"] = raw[kind]["before"]
        if raw[kind].get("counted_after"):
            entries[f"{kind}:counted"] = raw[kind]["counted_after"]
        if raw[kind].get("found"):
            entries[f"{kind}:found"] = raw[kind]["found"]
    entries["captured:scope"] = raw.get("captured_scope") or []
    for kind, forms in (raw.get("pronoun") or {}).items():
        for number, phrases in forms.items():
            entries[f"{kind}:pron_{number}"] = phrases
    return _Lex(AliasMatcher(entries), frozenset(w for s in raw["skip"] for w in norm_phrase(s)),
                AliasMatcher({"arrest": raw.get("arrest_words") or []}),
                tuple(w for s in raw.get("counted_people") or [] for w in norm_phrase(s)))


@lru_cache(maxsize=1)
def _update_matcher() -> AliasMatcher:
    raw = load_yaml("casualties.yaml").get("toll_update") or {}
    return AliasMatcher({k: v for k, v in raw.items() if k in KINDS})


_TO = frozenset(norm_phrase("إلى"))


def find_toll_update(text: str, words: list[Word], lo: int, hi: int) -> Casualty | None:
    """"ارتفعت حصيلة ضحايا الهجوم ... إلى 86 قتيلا": the new toll, the count right after "إلى".
    The caller decides whether the clause names one attack (else it is a cumulative statistic)."""
    for m in _update_matcher().find(text, words[lo:hi]):
        for k in range(m.j + lo, min(hi - 1, m.j + lo + 30)):
            if words[k].norm in _TO:
                c = count_at(text, words, k + 1)
                if c is not None and c.value is not None and c.j <= hi:
                    c = _last_of_chain(text, words, c, hi)
                    return Casualty(m.key, c.value, m.start, m.end, c, c.j, update=True)
                # ("جراء التفجير الذي استهدف حافلة على الطريق المؤدي إلى بلدة الصبورة ... إلى 18 شهيدا":
                # a road's "إلى" is not the rise's)
    return None


@lru_cache(maxsize=1)
def _rise_lex() -> tuple[AliasMatcher, AliasMatcher, frozenset[str], frozenset[str], frozenset[str]]:
    raw = load_yaml("casualties.yaml").get("toll_rise") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(w for p in raw.get(key) or [] for w in norm_phrase(p))

    return (AliasMatcher({"rise": raw.get("verbs") or []}), AliasMatcher({"toll": raw.get("toll_nouns") or []}),
            words("killed_nouns"), words("wounded_nouns"), words("not_after"))


_THEN = frozenset(norm_phrase("ثم ومن ثم وبعدها لاحقا"))


def _last_of_chain(text: str, words: list[Word], c: Count, hi: int) -> Count:
    """"ترتفع إلى 22 ثم إلى 33": the last figure of a chain of rises is the latest."""
    k = c.j
    while k + 2 < hi and words[k].norm in _THEN and words[k + 1].norm in _TO:
        nxt = count_at(text, words, k + 2)
        if nxt is None or nxt.value is None or nxt.j > hi:
            break
        c, k = nxt, nxt.j
    return c


def find_rising_tolls(text: str, words: list[Word], lo: int, hi: int) -> list[Casualty]:
    """"قبل أن ترتفع الحصيلة مساء إلى 40 قتيلا و47 جريحا"، "حصيلة القتلى ارتفعت إلى 19 شخصا"،
    "ارتفاع الحصيلة إلى 14 قتيلا": a rise of "the toll" to a figure is the latest count of the attack
    told (the incident builder lets it replace an earlier figure). Needs "حصيلة" in the clause: a
    rising "عدد" is most often a running total ("وبذلك يرتفع عدد ...")."""
    rise, toll, killed_nouns, wounded_nouns, not_after = _rise_lex()
    sub = words[lo:hi]
    if not toll.find(text, sub):
        return []
    out: list[Casualty] = []
    for m in rise.find(text, sub):
        i = m.i + lo
        if i > lo and words[i - 1].norm in not_after:
            continue  # "وبذلك يرتفع": a running total
        c = next((x for x in (count_at(text, words, k + 1) for k in range(i + 1, min(hi - 1, i + 30))
                              if words[k].norm in _TO) if x is not None and x.value is not None and x.j <= hi), None)
        if c is None:
            continue
        c = _last_of_chain(text, words, c, hi)
        noun = words[c.j].norm if c.j < hi else ""
        kind = "wounded" if noun in wounded_nouns else "killed"
        if noun and noun not in killed_nouns and noun not in wounded_nouns and c.j - c.i == 1:
            noun = ""  # "إلى 19 شخصا": the count phrase carries its noun
        out.append(Casualty(kind, c.value, m.start, m.end, c, c.j, update=True))
        # "إلى 40 قتيلا و47 جريحا": the wounded rose too
        w = c.j + 1
        if w < hi and words[w].norm.startswith("و"):
            c2 = count_at(text, words, w)
            if c2 is not None and c2.value is not None and c2.j < hi and words[c2.j].norm in wounded_nouns:
                out.append(Casualty("wounded", c2.value, c2.start, words[c2.j].end, c2, c2.j + 1, update=True))
        break
    return out


_DEATH = ("مصرع", "حتف")
_PRONOUN_COUNT = {"pron_one": 1, "pron_two": 2, "pron_many": None}
_ATTEMPT = frozenset(norm_phrase("محاولة محاولات لمحاولة بمحاولة"))
_AMONG = frozenset(norm_phrase("بينهم بينهن منهم منهن"))
_YEAR = frozenset(norm_phrase("عام العام سنة السنة منذ في مطلع أواخر"))


_WITHOUT = frozenset(norm_phrase("دون بدون ودون"))
_AND_THAT = frozenset(norm_phrase("وإن وأن وبأن"))


_ALL_OF = frozenset(norm_phrase("جميع كامل كل"))
_NUMBERING = frozenset(norm_phrase("وعددهم عددهم والبالغ البالغ وعددهن"))


def _all_numbering(text: str, words: list[Word], sub: list[Word], lo: int, k: int) -> Count | None:
    """"مقتل جميع عناصر الحاجز وعددهم 11": all of a group, then how many they were."""
    for x in range(k + 1, min(len(sub) - 1, k + 6)):
        if sub[x].norm in _NUMBERING:
            return count_at(text, words, x + 1 + lo)
    return None


def _count_before(text: str, words: list[Word], lo: int, i: int) -> Count | None:
    """"76 شخصا على الأقل بينهم 28 طفلا قتلوا"، "جنديين قتلا": the count before a verb-final casualty
    word, skipping sub-counts introduced by "بينهم"."""
    best = None
    for k in range(max(lo, i - 8), i):
        c = count_at(text, words, k)
        if c is None or c.value is None or c.j > i:
            continue
        if k > lo and words[k - 1].norm in _AMONG | _YEAR:
            continue  # a sub-count ("بينهم 28 طفلا") or a year ("عام 2018")
        if any(words[x].norm in _WITHOUT for x in range(c.j, i)):
            continue  # "... 2024، دون وقوع إصابات": nothing counted
        if any(words[x].norm in _AND_THAT for x in range(c.j, i)):
            continue  # "ارتفع إلى 18 وإن 12 آخرين أصيبوا": the count of another reported clause
        if _month_after(words, c):
            continue  # a date ("اليوم الاثنين 5 ديسمبر مقتل ممرضتين"، "14 فبراير/شباط 2024")
        if c.j < len(words) and words[c.j].norm.lstrip("و") in _UNITS:
            continue  # a span of time or a distance ("بعد عشر سنوات من حرب أودت بحياة")
        if best is None:
            best = c
    if best is None:
        # "إن عنصراً من جهاز الأمن العام قُتل": one person named as the subject of what was said (or of
        # a pluperfect: "وكان إمام وخطيب الجامع الكبير في بلدة نمر قد اغتيل")
        for k in range(max(lo + 1, i - 8), i):
            if words[k - 1].norm in _THAT or (words[k - 1].norm.lstrip("و") in ("كان", "كانت") and any(
                    words[x].norm == "قد" for x in range(k, i))):
                one = singular_at(text, words, k)
                if one is not None and one.value == 1 and one.j <= i:
                    return one
    return best


_ON = frozenset(norm_phrase("على"))
_VAGUE_HEADS = frozenset(norm_phrase("عدد العديد عشرات العشرات مئات المئات"))
_SINGULAR_FOUND = frozenset(norm_phrase("مقتولا مقتولة"))


def _found_count(text: str, words: list[Word], lo: int, i: int) -> tuple[int | None, Count | None]:
    """"العثور على رجل وزوجته من أبناء إحدى العشائر مقتولين": the dead are who was found, counted
    after the last "على" within ten words before the participle ("رجل وزوجته" = 2); else a singular
    participle ("وُجد مقتولاً") is one, and a plural one no number."""
    for k in range(i - 1, max(lo, i - 10) - 1, -1):
        if words[k].norm in _ON:
            c = count_at(text, words, k + 1) or singular_at(text, words, k + 1)
            if c is not None and c.value is not None and c.j <= i:
                return c.value, c
            break
    if words[i].norm in _SINGULAR_FOUND:
        return 1, Count(1, i, i + 1, words[i].start, words[i].end, text[words[i].start:words[i].end])
    return None, None


def _of_month(words: list[Word], k: int) -> bool:
    """"من شباط" at words[k]: the month a day number before it belongs to."""
    return k + 1 < len(words) and words[k].norm == "من" and words[k + 1].norm.lstrip("/") in month_first_words()


def _month_after(words: list[Word], c: Count) -> bool:
    """A day of a month ("5 آذار"، "15 من شباط") or the year after one ("آذار 2019"، "فبراير/شباط 2024")."""
    return (c.j < len(words) and words[c.j].norm.lstrip("/") in month_first_words()) or (
        c.j + 1 < len(words) and words[c.j].norm == "من" and words[c.j + 1].norm.lstrip("/") in month_first_words()) or (
        c.i > 0 and words[c.i - 1].norm.split("/")[-1] in month_first_words()) or (
        # "في نوفمبر تشرين الثاني 2016": the year after a two-word month name
        c.i > 1 and words[c.i - 1].norm in _SECOND and words[c.i - 2].norm in month_first_words())


_SECOND = frozenset(norm_phrase("الثاني الأول"))  # (of "كانون الثاني"، "تشرين الأول")


_THAT = frozenset(norm_phrase("إن أن بأن"))
_MEMBERS = frozenset(norm_phrase("عناصر مسلحون مسلحين مقاتلون مقاتلين دورية"))
_UNITS = frozenset(norm_phrase("سنوات سنة سنتين عاما أعوام عام أشهر شهرا شهور شهرين أسابيع أسبوعا أسبوعين أيام يوما يومين "
                               "ساعات ساعة ساعتين دقائق دقيقة كيلومترات كيلومترا كيلومتر كم مترا أمتار"))
_DUAL_VERBS = frozenset(norm_phrase("قتلا استشهدا أصيبا جرحا اختطفا اعتقلا قضيا"))
_LAQIYA = frozenset(norm_phrase("لقي لقيت لقوا"))
_DUAL_NOUNS = frozenset(norm_phrase("قتيلان قتيلين شهيدان شهيدين جريحان جريحين أسيران أسيرين"))
_FARAQA = frozenset(norm_phrase("فارق فارقت فارقوا"))
_FAQADA = frozenset(norm_phrase("فقد فقدت فقدوا"))


def _dual_verb(text: str, sub: list[Word], m) -> bool:
    """"إن ممرضاً ومسعفاً متطوعاً قتلا": a dual verb with no count told is two people (not the noun
    "قتلاً", whose tanween follows the word)."""
    return m.j - m.i == 1 and sub[m.i].norm.lstrip("و") in _DUAL_VERBS and "\u064b" not in text[m.start:m.end + 1]


def find_casualties(text: str, words: list[Word], lo: int = 0, hi: int | None = None,
                    subject: frozenset[int] = frozenset(), persons: frozenset[int] = frozenset()) -> list[Casualty]:
    """Casualty mentions in ``words[lo:hi]`` (a clause). ``subject``: word indices of group names,
    skipped like dates when the count comes after a verb and its subject ("اعتقلت قسد، اليوم، 12 شخصا").
    ``persons``: word indices where a person's name begins (Stanza NER): one victim named is one."""
    hi = len(words) if hi is None else hi

    def one_named(k: int) -> Count | None:
        """"قتل الشيخ سليمان الكصار": a person named (after a title of address, if any) is one."""
        start = k + 1 if k + 1 < hi and words[k].norm.lstrip("و") in _ADDRESS else k
        if start not in persons or start in subject or _more_people_after(words, start + 1, hi, persons):
            return None
        named = text[words[k].start:words[start].end]
        return Count(1, k, start + 1, words[k].start, words[start].end, named, note=f"1 = {named} (a person named)")

    sub = words[lo:hi]
    out: list[Casualty] = []
    matches = _lex().matcher.find(text, sub)
    cue_idx = {m.i for m in matches}
    for m in matches:
        kind, where = m.key.split(":")
        i, j = m.i + lo, m.j + lo
        if where == "counted":
            # "خسرت قوات النظام 28 عنصراً": a death only with a count of people after the verb
            k2 = m.j
            c = None
            while k2 < min(len(sub), m.j + 6):
                c = count_at(text, words, k2 + lo)
                if c is not None or not (_lex().skip_word(sub[k2].norm) or k2 + lo in subject):
                    break
                k2 += 1
            if c is None or c.value is None or c.j > hi or not any(
                    words[x].norm.startswith(_lex().people) for x in range(c.i, min(hi, c.j + 2))):
                continue
            out.append(Casualty(kind, c.value, m.start, m.end, c, c.j))
            continue
        if where == "found":
            value, found = _found_count(text, words, lo, i)
            out.append(Casualty(kind, value, m.start, m.end, found, j))
            continue
        if where == "scope":
            if not any(x.i < m.i for x in _lex().arrest.find(text, sub)):
                continue  # "غارات طالت 3 منازل": a scope verb counts captives only after an arrest word
            where = "after"
        if m.i > 0 and sub[m.i - 1].norm in _ATTEMPT:
            continue  # "محاولة اغتيال": nobody was killed
        if where in _PRONOUN_COUNT:
            if kind == "killed" and any(sub[k].norm in _LAQIYA or sub[k].norm.endswith("لقي")
                                        for k in range(max(0, m.i - 12), m.i)):
                continue  # "لقي ... مصرعه": counted at لقي
            value = _PRONOUN_COUNT[where]
            pron = Count(value, i, j, m.start, m.end, text[m.start:m.end],
                         note=None if value is not None else text[m.start:m.end])
            if value == 1:
                # "ما أدى لمقتله ومرافقه": the victim and one more named through him
                kin = with_kin(text, words, i, j)
                if kin.value is not None and kin.value > 1:
                    pron = kin
                    value = kin.value
            out.append(Casualty(kind, value, m.start, m.end, pron, j))  # "ما أدى إلى مقتله" = 1
            continue
        count: Count | None = None
        victim_from = j
        k_end = None
        suspects = False
        if where == "after":
            if sub[m.i].norm in _LAQIYA or any(sub[m.i].norm.endswith(x) for x in ("لقي",)):
                # لقي <count> <noun> مصرعهم: the count sits between; no مصرع nearby -> not a death
                k_end = next((k for k in range(m.j, min(m.j + 12, len(sub)))  # "لقي ما لا يقل عن ستة عناصر من ... مصرعهم"
                              if sub[k].norm.startswith(_DEATH)), None)
                if k_end is None:
                    continue
            elif sub[m.i].norm.lstrip("وبل") in _FARAQA:
                # "فارق رجل الحياة": the one who died sits between; "بفارق كبير" is no death
                if not any(sub[k].norm == "الحياه" for k in range(m.i + 1, min(m.i + 5, len(sub)))):
                    continue
            elif sub[m.i].norm.lstrip("و") in _FAQADA and m.j - m.i == 1:
                # "فقد طفل حياته": the one who died sits between; "فقد الاتصال" is no death
                if not any(sub[k].norm.startswith("حيات") for k in range(m.i + 1, min(m.i + 5, len(sub)))):
                    continue
            if sub[m.i].norm.startswith(_DEATH) and m.i > 0 and any(
                    sub[k].norm in _LAQIYA or sub[k].norm.endswith("لقي") for k in range(max(0, m.i - 12), m.i)):
                continue  # "مصرعهم" closing a لقي ... مصرعهم phrase: counted at لقي
            k = m.j
            # "مقتل وإصابة 5": a combined toll is not a killed count
            if k < len(sub) and sub[k].norm.startswith("و") and (k in cue_idx):
                before = _count_before(text, words, lo, m.i + lo)  # "جنديين قتلا وأصيب اثنان"
                if (before is None or before.value == 1) and _dual_verb(text, sub, m):
                    before = Count(2, i, j, m.start, m.end, text[m.start:m.end])
                out.append(Casualty(kind, before.value if before else None, m.start, m.end, before, j))
                continue
            c = count_at(text, words, k + lo) if k < len(sub) else None
            if c is None and k < len(sub):
                c = singular_at(text, words, k + lo) or one_named(k + lo)
            # "اختطف مسلحون مجهولون، أمس الخميس، ثلاثة مدنيين": the object after the subject and date
            k2 = k
            past_in = False  # "قتلوا في السيدة زينب": after "في" a place follows, never one person
            while c is None and k2 < min(len(sub), k + 9) and (_lex().skip_word(sub[k2].norm) or k2 + lo in subject
                                                                or sub[k2].norm in month_first_words() or (
                    sub[k2].norm == "من" and k2 > 0 and sub[k2 - 1].norm in _MADE_OF)  # "عائلة مؤلفة من خمسة أفراد"
                    or (sub[k2].norm in _BACKED and k2 + 2 < len(sub) and sub[k2 + 1].norm == "من"
                        and k2 + 2 + lo in subject)  # "اختطفت ميليشيات قسد المدعومة من قوات الاحتلال الأميركي، أمس، ثلاثة"
                    or (sub[k2].norm == "من" and k2 + 1 + lo in subject and k2 > 0 and sub[k2 - 1].norm in _BACKED)
                    or (sub[k2].norm in _MEMBERS and k2 + 2 < len(sub) and sub[k2 + 1].norm == "من"
                        and k2 + 2 + lo in subject)  # "احتجز عناصر من الأمن العسكري ثلاثة شبان"
                    or (sub[k2].norm == "من" and k2 + 1 + lo in subject and k2 > 0 and sub[k2 - 1].norm in _MEMBERS)
                    # "اختطف مجهولون يوم الأحد 19 أيار الجاري، شاباً": the day of the month
                    or (sub[k2].norm.isdigit() and k2 + 1 < len(sub) and sub[k2 + 1].norm in month_first_words())
                    # "قُتل في 15 من شباط الماضي عنصران"
                    or (sub[k2].norm.isdigit() and _of_month(sub, k2 + 1))
                    or (sub[k2].norm == "من" and k2 > 0 and sub[k2 - 1].norm.isdigit() and _of_month(sub, k2))):
                past_in = past_in or (sub[k2].norm == "في" and not (  # ("في حزيران الماضي": a date, not a place)
                    k2 + 1 < len(sub) and (sub[k2 + 1].norm in month_first_words() or (
                        sub[k2 + 1].norm.isdigit() and (  # ("في 15 من شباط"، "في 5 آذار")
                            _of_month(sub, k2 + 2) or (k2 + 2 < len(sub) and sub[k2 + 2].norm in month_first_words()))))))
                k2 += 1
                if k2 < len(sub):
                    c = count_at(text, words, k2 + lo) or (None if past_in else (
                        singular_at(text, words, k2 + lo) or one_named(k2 + lo)))
                    if c is not None and c.value is not None and _month_after(words, c) and c.i == k2 + lo:
                        c = None  # (a date inside the run: keep looking past it)
            if c is not None and c.value is not None and _month_after(words, c):
                c = None  # "قتل في 5 آذار شخص": a day of the month
            if c is None and k < len(sub) and sub[k].norm in _ALL_OF:
                c = _all_numbering(text, words, sub, lo, k)  # "مقتل جميع عناصر الحاجز وعددهم 11"
            if c is None and kind == "captured":
                c = _after_aside_day(text, words, sub, lo, k)
            if c is None and k + 2 < len(sub) and sub[k].norm == "في":
                # "واستشهد في ناحتة ثلاثة مدنيين": the town between the verb and its count
                for k3 in (k + 2, k + 3):
                    c3 = count_at(text, words, k3 + lo) if k3 < len(sub) and not sub[k3].norm.startswith("و") else None
                    # (not "قضوا في المسيفرة وأربعة في الغارية": the next town's figure)
                    if c3 is not None and c3.value is not None and not _month_after(words, c3) \
                            and sub[k3 - 1].norm not in _YEAR_WORDS:  # (not "اعتُقلا في دمشق عام 2013": a year)
                        c = c3
                        break
            if c is not None and c.j > hi:
                c = None
            if c is None and kind != "neutralised":
                c = _named_past_subject(text, words, sub, lo, k, subject, one_named)
            if c is None and k + 1 < len(sub):
                c = _definite_count(text, words, k + lo)
            if c is None and not (k < len(sub) and sub[k].norm in _VAGUE_HEADS):
                c = _count_before(text, words, lo, m.i + lo)  # (not "وإصابة عدد آخر": no number told)
            if (c is None or c.value == 1) and _dual_verb(text, sub, m):
                c = Count(2, i, j, m.start, m.end, text[m.start:m.end])
            if c is None and k_end is not None:  # "لقي مصرعه": the pronoun is the count
                closing = next((x for x in matches if x.i == k_end and x.key.split(":")[1] in _PRONOUN_COUNT), None)
                if closing is not None and _PRONOUN_COUNT[closing.key.split(":")[1]] is not None:
                    c = Count(_PRONOUN_COUNT[closing.key.split(":")[1]], closing.i + lo, closing.j + lo,
                              closing.start, closing.end, text[closing.start:closing.end])
            count = c
            if c is not None:
                victim_from = c.j
            # "ألقت القبض على ثلاثة من المشتبه بتورطهم": suspects arrested (victims only of a sweep)
            suspects = kind == "captured" and c is not None and any(
                words[x].norm.lstrip("وبل") in _SUSPECTS for x in range(c.i, min(len(words), c.j + 3)))
        else:
            # count right before: "8 قتلى"، "ثلاثة جرحى"
            for back in (1, 2):
                k = m.i - back
                if k < 0:
                    break
                c = count_at(text, words, k + lo)
                if c is not None and c.j == i:
                    count = c
                    break
            if count is None and m.j - m.i == 1 and sub[m.i].norm.lstrip("وبل") in _DUAL_NOUNS:
                count = Count(2, i, j, m.start, m.end, text[m.start:m.end])  # "وسقط قتيلان": two dead
        out.append(Casualty(kind, count.value if count else None, m.start, m.end, count, victim_from,
                            suspects=suspects))
    out = _executed_captives(out)
    return out + _and_others(text, words, lo, hi, out)


def _executed_captives(found: list[Casualty]) -> list[Casualty]:
    """"أعدموا 15 أسيراً من مقاتلي المعارضة": prisoners killed are dead, not taken in this attack — the
    count a killing word claims is no captured count of the captive noun after it."""
    killed_at = {(c.count.start, c.count.end) for c in found if c.kind == "killed" and c.count is not None}
    return [c for c in found if not (c.kind == "captured" and c.count is not None and c.cue_start >= c.count.end
                                     and (c.count.start, c.count.end) in killed_at)]


_ADDRESS = frozenset(norm_phrase("الشيخ الحاج السيد السيدة"))
_MORE_PEOPLE = frozenset(norm_phrase("نائبه مرافقيه مرافقوه عدد رئيس نائب قائد مدير العماد اللواء العميد"))


def _more_people_after(words: list[Word], j: int, hi: int, persons: frozenset[int]) -> bool:
    """"مقتل وزير الدفاع داود راجحة ونائبه آصف شوكت"، "قتل الشيخ وحيد البلعوس، ...، مع عدد من مرافقيه":
    the one named heads a list of the dead; one is not its count (None beats a guess)."""
    for x in range(j, min(hi, j + 25)):
        w = words[x].norm
        if w in ("في", "خلال", "اثر", "جراء", "بعد") or (w.startswith("ب") and len(w) > 3 and x > j):
            return False  # (the attack's own words: "في تفجير"، "برصاص")
        if w == "مع" or (w.startswith("و") and (w[1:] in _MORE_PEOPLE or x + 1 in persons or x in persons)):
            return True
    return False


_CLOSED_GAP = frozenset(norm_phrase("في من على إلى عن مع بعد قبل خلال أثناء الذي التي الذين و أو ثم"))


def _named_past_subject(text: str, words: list[Word], sub: list[Word], lo: int, k: int, subject: frozenset[int],
                        one_named) -> Count | None:
    """"قتلت غارة أمريكية بطائرة مسيرة ماهر العقال": the one named after the verb's subject, with no
    comma, preposition or count between, is the victim (a person named, or a title: "المستشار")."""
    for k2 in range(k, min(len(sub), k + 7)):
        if k2 > k and any(ch in text[sub[k2 - 1].end:sub[k2].start] for ch in "،,.:؛\"«»"):
            return None
        w = sub[k2].norm
        if w in _CLOSED_GAP or _lex().matcher.match_at(sub, k2) is not None or count_at(text, words, k2 + lo):
            return None
        if k2 + lo in subject:
            continue
        one = one_named(k2 + lo) or (singular_at(text, words, k2 + lo) if w.startswith("ال") else None)
        if one is not None:
            return one
    return None


def _definite_count(text: str, words: list[Word], i: int) -> Count | None:
    """"وقتلت أفرادها الأربعة"، "مقتل الشبان الثلاثة": the people told before, counted by a definite
    number after them (three or more: "الاثنين" is also Monday)."""
    if i + 1 >= len(words) or not words[i + 1].norm.startswith("ال") or count_at(text, words, i) is not None:
        return None
    v = word_value(words[i + 1].norm[2:])
    if v is None or v[1] not in ("units", "tens") or v[0] < 3:
        return None
    return Count(v[0], i, i + 2, words[i].start, words[i + 1].end, text[words[i].start:words[i + 1].end])


_OTHERS = frozenset(norm_phrase("آخرون آخرين آخرون"))
_SUSPECTS = frozenset(norm_phrase("المشتبه مشتبه المشتبهين مشتبهين المتورطين متورطين المتهمين متهمين الجناة القتلة "
                                  "المنفذين منفذي المسؤولين تورطهم بتورطهم"))
_MADE_OF = frozenset(norm_phrase("مؤلفة مكونة مؤلف مكون"))
_BACKED = frozenset(norm_phrase("المدعومة المدعوم مدعومة مدعوم"))
_YEAR_WORDS = frozenset(norm_phrase("عام العام سنة"))
_BREAKDOWN = frozenset(norm_phrase("هم هن بينهم بينهن منهم منهن بينها منها"))


_TIME_NOUNS = frozenset(norm_phrase("الشهر الأسبوع العام السنة اليوم الليلة الصباح المساء الفترة الأيام الأشهر الأسابيع "
                                    "الساعات شهر عام سنة يوم ليلة صباح مساء"))


_ASIDE_DAYS = frozenset(norm_phrase("أمس اليوم"))


def _after_aside_day(text: str, words: list[Word], sub: list[Word], lo: int, k: int) -> Count | None:
    """"اختطفت ميليشيات «قسد» المدعومة من قوات الاحتلال الأميركي، أمس، ثلاثة موظفين": a long subject,
    then the day set off by commas, then the count of those taken."""
    for d in range(k + 1, min(len(sub) - 1, k + 12)):
        if sub[d].norm not in _ASIDE_DAYS or "،" not in text[sub[d - 1].end:sub[d].start]:
            continue
        e = d + 1
        while e < len(sub) and _lex().skip_word(sub[e].norm) and e < d + 3:
            e += 1  # ("، أمس الأحد،")
        c = count_at(text, words, e + lo) if e < len(sub) else None
        if c is not None and c.value is not None and "،" in text[sub[e - 1].end:sub[e].start]:
            return c
        return None
    return None


def _time_word(w: str) -> bool:
    """"و3 في الشهر الماضي": a time, not a place, after "في"."""
    return w in _TIME_NOUNS or w in month_first_words() or w.isdigit()


def _and_others(text: str, words: list[Word], lo: int, hi: int, found: list[Casualty]) -> list[Casualty]:
    """"قتل 24 مدنيا في بلدة حمورية وحدها، و17 آخرون في بلدة بيت سوا": "و" + a count + "آخرون" after
    a figure adds victims of that figure's kind (the incident builder sums them, or splits them by
    place)."""
    valued = [x for x in found if x.value is not None and x.count is not None]
    if not valued:
        return []
    taken = {k for x in found if x.count is not None for k in range(x.count.i, x.count.j)}
    extra = []
    for k in range(lo, hi - 1):
        if k in taken or not words[k].norm.startswith("و") or words[k].norm.startswith("واحد") or not (
                words[k + 1].norm in _OTHERS or (words[k + 1].norm == "من" and k + 2 < hi) or (
                    words[k + 1].norm == "في" and k + 2 < hi and not _time_word(words[k + 2].norm))):
            continue  # "و17 آخرون"، "واثنين من الوحدات الكردية" (the other side's dead), "وأربعة في الغارية"
        prev = [x for x in valued if x.count.j <= k]
        c = count_at(text, words, k)
        if not prev or c is None or c.value is None or c.j != k + 1:
            continue
        if words[k + 1].norm in ("من", "في") and any(
                words[x].norm.lstrip("و") in _BREAKDOWN for x in range(prev[-1].count.j, k)):
            continue  # "استشهد 5 مواطنين، هم رجل وزوجته وثلاثة من أطفالهما": the 5 told one by one
            # (and "51 قتيلاً، بينهم 29 في جبل بدرو و14 في الأرض الحمراء": parts of the 51)
        kind = prev[-1].kind
        if words[k + 1].norm == "من":  # "إلى 31 قتيلا و102 من الجرحى": the noun after "من" names the kind
            noun = _lex().matcher.match_at(words, k + 2)
            if noun is not None and noun[1].endswith(":before"):
                kind = noun[1].split(":")[0]
        extra.append(Casualty(kind, c.value, c.start, words[k + 1].end, c, k + 2, extra=kind == prev[-1].kind))
    return extra
