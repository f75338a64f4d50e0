"""Date expressions resolved against a fixed publication date: Tuesday 2021-03-09."""

from __future__ import annotations

import datetime as dt

import pytest

from extraction.dates import DateMention, find_date_mentions, resolve_date_expression
from extraction.reader import read_article_file

PUB = dt.date(2021, 3, 9)  # a Tuesday
D = dt.date


def one(sentence: str, published=PUB) -> DateMention:
    found = find_date_mentions(sentence, 0, len(sentence), published)
    assert len(found) == 1, [m.text for m in found]
    m = found[0]
    assert sentence[m.start:m.end] == m.text
    return m


# (sentence, expected mention text, value, precision, relative, days_before)
CASES = [
    ("تمكن تنظيم داعش، اليوم الثلاثاء، من إحراز تقدم", "اليوم الثلاثاء", D(2021, 3, 9), "day", True, 0),
    ("قصفت الطائرات اليوم مواقع التنظيم", "اليوم", D(2021, 3, 9), "day", True, 0),
    ("قصفت القوات في 14 حزيران الماضي بلدة كنصفرة", "14 حزيران الماضي", D(2020, 6, 14), "day", True, 268),
    ("نجا من محاولة اغتيال في شباط/فبراير الماضي", "شباط/فبراير الماضي", D(2021, 2, 15), "month", True, 22),
    ("منذ الاتفاق الموقع في الخامس من آذار من العام الماضي", "الخامس من آذار من العام الماضي", D(2020, 3, 5), "day",
     True, 369),
    ("ارتكبت مجزرة في الـ 27 من كانون الثاني المنصرم", "الـ 27 من كانون الثاني المنصرم", D(2021, 1, 27), "day", True, 41),
    ("وثق المرصد أمس، مقتل 4 عناصر", "أمس", D(2021, 3, 8), "day", True, 1),
    ("قتل عنصر يوم أمس في درعا", "يوم أمس", D(2021, 3, 8), "day", True, 1),
    ("قامت بمداهمة المنزل في ساعة متأخرة من مساء يوم أمس", "مساء يوم أمس", D(2021, 3, 8), "day", True, 1),
    ("سمع دوي انفجار ليلة أمس", "ليلة أمس", D(2021, 3, 8), "day", True, 1),
    ("وقع الانفجار بالأمس", "الأمس", D(2021, 3, 8), "day", True, 1),
    ("قتل شخصان أول أمس", "أول أمس", D(2021, 3, 7), "day", True, 2),
    ("شنت الطائرات غارات فجر اليوم", "فجر اليوم", D(2021, 3, 9), "day", True, 0),
    ("اندلعت اشتباكات صباح اليوم", "صباح اليوم", D(2021, 3, 9), "day", True, 0),
    ("هاجم مسلحون السبت الماضي نقطة", "السبت الماضي", D(2021, 3, 6), "day", True, 3),
    ("هاجم مسلحون يوم السبت الماضي نقطة", "يوم السبت الماضي", D(2021, 3, 6), "day", True, 3),
    ("والأحد الماضي، سمعت أصوات انفجارات", "الأحد الماضي", D(2021, 3, 7), "day", True, 2),
    ("وقالت المصادر إن الهجوم وقع الأحد على الطريق", "الأحد", D(2021, 3, 7), "day", True, 2),
    ("قتل جندي الثلاثاء الماضي", "الثلاثاء الماضي", D(2021, 3, 2), "day", True, 7),  # strictly before
    ("قتل جندي الثلاثاء في حلب", "الثلاثاء", D(2021, 3, 9), "day", True, 0),  # on or before
    ("وقبل أيام، تحدثت مصادر محلية", "قبل أيام", D(2021, 3, 6), "week", True, 3),
    ("حيث قام تنظيم داعش قبل عدة أيام بمهاجمة", "قبل عدة أيام", D(2021, 3, 6), "week", True, 3),
    ("قتل قبل يومين", "قبل يومين", D(2021, 3, 7), "day", True, 2),
    ("قتل قبل ثلاثة أيام", "قبل ثلاثة أيام", D(2021, 3, 6), "day", True, 3),
    ("قتل قبل ٣ أيام", "قبل ٣ أيام", D(2021, 3, 6), "day", True, 3),
    ("قتل منذ يومين", "منذ يومين", D(2021, 3, 7), "day", True, 2),
    ("قتل قبل أسبوع", "قبل أسبوع", D(2021, 3, 2), "week", True, 7),
    ("قتل قبل أسبوعين", "قبل أسبوعين", D(2021, 2, 23), "week", True, 14),
    ("هاجم التنظيم الأسبوع الماضي", "الأسبوع الماضي", D(2021, 3, 2), "week", True, 7),
    ("هاجمت خلايا تنظيم داعش خلال الساعات الفائتة، الميليشيات", "خلال الساعات الفائتة", PUB, "day", True, 0),
    ("تفيد المعلومات التي تداولتها خلال الساعات الماضية", "خلال الساعات الماضية", PUB, "day", True, 0),
    ("قتل ثلاثة خلال الأيام الماضية", "خلال الأيام الماضية", D(2021, 3, 6), "week", True, 3),
    ("حدث ذلك في 9 آذار 2021 قرب البوكمال", "9 آذار 2021", D(2021, 3, 9), "day", False, 0),
    ("حدث ذلك في 9 مارس/آذار 2021 قرب البوكمال", "9 مارس/آذار 2021", D(2021, 3, 9), "day", False, 0),
    ("في 3 تشرين الأول 2020", "3 تشرين الأول 2020", D(2020, 10, 3), "day", False, None),
    ("في 3 كانون الثاني/يناير 2021", "3 كانون الثاني/يناير 2021", D(2021, 1, 3), "day", False, 65),
    ("يوم 12 أغسطس (آب) 2019", "12 أغسطس (آب) 2019", D(2019, 8, 12), "day", False, None),
    ("أطلقوا في 16 الشهر الماضي حملة تمشيط", "16 الشهر الماضي", D(2021, 2, 16), "day", True, 21),
    ("في 5 من الشهر الجاري", "5 من الشهر الجاري", D(2021, 3, 5), "day", True, 4),
    ("قتل 20 عنصرا الشهر الماضي", "الشهر الماضي", D(2021, 2, 15), "month", True, 22),
    ("منذ أواخر الشهر الماضي", None, None, None, None, None),  # see test_since_period
    ("في آذار 2020 وقع الهجوم", "آذار 2020", D(2020, 3, 15), "month", False, None),
    ("في مطلع شباط 2021", "مطلع شباط 2021", D(2021, 2, 5), "month", False, 32),
    ("في شباط الماضي", "شباط الماضي", D(2021, 2, 15), "month", True, 22),
    ("بتاريخ 2021/03/09", "2021/03/09", D(2021, 3, 9), "day", False, 0),
    ("بتاريخ 09-03-2021", "09-03-2021", D(2021, 3, 9), "day", False, 0),
    ("بتاريخ 9.3.2021", "9.3.2021", D(2021, 3, 9), "day", False, 0),
    ("بتاريخ ٢٠٢١/٠٣/٠٩", "٢٠٢١/٠٣/٠٩", D(2021, 3, 9), "day", False, 0),
    ("في ٩ آذار ٢٠٢١", "٩ آذار ٢٠٢١", D(2021, 3, 9), "day", False, 0),
    ("في 2 آذار قتل جندي", "2 آذار", D(2021, 3, 2), "day", True, 7),  # no year: the last one
    ("في 20 كانون الأول قتل جندي", "20 كانون الأول", D(2020, 12, 20), "day", True, 79),
    ("سمع القصف الليلة الماضية", "الليلة الماضية", D(2021, 3, 8), "day", True, 1),
    ("قال في وقت سابق اليوم", "في وقت سابق اليوم", PUB, "day", True, 0),
]


@pytest.mark.parametrize("sentence,text,value,precision,relative,days_before",
                         [c for c in CASES if c[1] is not None])
def test_forms(sentence, text, value, precision, relative, days_before):
    m = one(sentence)
    assert (m.text, m.value, m.precision, m.relative) == (text, value, precision, relative)
    if days_before is not None:
        assert m.days_before == days_before
    assert m.past_marker is False


@pytest.mark.parametrize("sentence,text", [(c[0], c[1]) for c in CASES if c[1] and c[4]])
def test_relative_forms_without_publication_date(sentence, text):
    m = one(sentence, published=None)
    assert (m.text, m.value, m.precision, m.days_before) == (text, None, "unknown", None)


def test_explicit_dates_resolve_without_publication_date():
    assert one("في 9 آذار 2021", None).value == D(2021, 3, 9)
    assert one("بتاريخ 09-03-2021", None).value == D(2021, 3, 9)
    assert one("في آذار 2020", None).value == D(2020, 3, 15)
    assert one("في 9 آذار", None).value is None  # the year is unknown


def test_published_as_string():
    assert one("هاجموا أمس", "2021-03-09").value == D(2021, 3, 8)


def test_weekday_mismatch_prefers_weekday():
    m = one("هاجم التنظيم اليوم الخميس مواقع")  # published on a Tuesday
    assert m.value == D(2021, 3, 4) and m.precision == "day"
    assert "Thursday" in m.note and "2021-03-09" in m.note
    m = one("قتل أمس الأحد")  # yesterday was Monday
    assert m.value == D(2021, 3, 7) and m.note
    m = one("قتل أمس الاثنين")  # consistent
    assert m.value == D(2021, 3, 8) and m.note is None
    m = one("الثلاثاء 9 آذار 2021")
    assert m.value == D(2021, 3, 9) and m.note is None
    m = one("الخميس 9 آذار 2021")  # explicit date kept, mismatch noted
    assert m.value == D(2021, 3, 9) and "Thursday" in m.note


def test_past_markers():
    for sentence, text in [("وسبق أن ذكرت مصادر", "سبق أن"), ("وكان قد قتل في وقت سابق", "في وقت سابق"),
                           ("وخلال الأشهر الماضي، عمد التنظيم", "الأشهر الماضي"),
                           ("يكثف هجماته خلال السنوات الماضية", "السنوات الماضية"),
                           ("وصعّد داعش في الآونة الأخيرة وتيرة هجماته", "في الآونة الأخيرة"),
                           ("واعتقلوا سابقاً شابين", "سابقاً")]:  # (a plural verb's alif: still "previously")
        m = one(sentence)
        assert (m.text, m.past_marker, m.value, m.precision) == (text, True, None, "unknown")


def test_since_and_cumulative_ranges():
    m = one("قتل 500 عنصر منذ 2019")
    assert (m.text, m.kind, m.past_marker, m.year, m.value) == ("منذ 2019", "since", True, 2019, None)
    m = one("أكبر حصيلة منذ مطلع 2021")
    assert (m.text, m.past_marker, m.year) == ("منذ مطلع 2021", True, 2021)
    s = "خلال الفترة الممتدة من 24 مارس/آذار 2019 وحتى يومنا هذا، 1339 قتيلا"
    start, end = find_date_mentions(s, 0, len(s), PUB)
    assert (start.text, start.value, start.past_marker) == ("24 مارس/آذار 2019", D(2019, 3, 24), True)
    assert (end.text, end.kind, end.value) == ("حتى يومنا هذا", "until_now", None)
    m = one("استمرار المعارك حتى الآن")
    assert m.kind == "until_now" and m.past_marker is False  # ongoing news, not background
    m = one("منذ أواخر الشهر الماضي")
    assert m.past_marker is True


def test_year_alone_is_unknown_precision():
    m = one("خلال عام 2020 قتل المئات")
    assert (m.value, m.precision, m.year, m.past_marker) == (None, "unknown", 2020, False)


def test_event_relative_expressions():
    m = one("ويأتي هجوم التنظيم الجديد بعد يوم من هجوم مماثل")
    assert (m.text, m.kind, m.event_offset_days, m.past_marker, m.value) == ("بعد يوم من", "after_event", 1, True, None)
    m = one("جاء ذلك بعد مرور أقل من 24 ساعة على شن هجوم مماثل")
    assert m.kind == "after_event" and m.event_offset_days == 1
    m = one("قبل يومين من الهجوم")
    assert m.kind == "before_event" and m.event_offset_days == -2 and m.value is None


@pytest.mark.parametrize("sentence", [
    "أكثر من 2000 مقاتل",                  # a number, not a year
    "قتل الاثنين معا",                      # "the two", not Monday
    "في اليوم التالي للهجوم",               # the next day: relative to an event, not publication
    "بمناسبة اليوم العالمي للمرأة",
    "مارس ضغوطا على الحكومة",              # a verb, not March
    "أحد العناصر",
    "قتل 9 عناصر في 3 قرى",
    "نسبة 50/50",
    "2021/13/45",
    "استهدفت إحداها مقراً عسكرياً سابقاً للفصائل",  # a former headquarters, not "previously"
])
def test_not_dates(sentence):
    assert find_date_mentions(sentence, 0, len(sentence), PUB) == []


def test_impossible_day_is_not_a_day():
    found = find_date_mentions("في 31 شباط 2021", 0, 15, PUB)
    assert all(m.precision != "day" for m in found)  # at most the month that is stated


def test_offsets_absolute_and_window():
    text = "مقدمة. قتل جندي أمس. وهاجم التنظيم اليوم الثلاثاء."
    s = text.index("وهاجم")
    found = find_date_mentions(text, s, len(text), PUB)
    assert [m.text for m in found] == ["اليوم الثلاثاء"]
    assert text[found[0].start:found[0].end] == "اليوم الثلاثاء" and found[0].start > s
    assert [m.text for m in find_date_mentions(text, 0, s, PUB)] == ["أمس"]


def test_diacritics_and_tatweel_keep_offsets():
    text = "قُتِلَ جنديٌّ أمسِ، وهاجمـوا اليـومَ الثلاثاءَ"
    found = find_date_mentions(text, 0, len(text), PUB)
    assert [(m.value, text[m.start:m.end]) for m in found] == [
        (D(2021, 3, 8), "أمسِ"), (D(2021, 3, 9), "اليـومَ الثلاثاءَ")]


def test_longest_match_wins():
    s = "في ساعة متأخرة من مساء يوم أمس الاثنين"
    m = one(s)
    assert m.text == "مساء يوم أمس الاثنين" and m.value == D(2021, 3, 8)


def test_resolve_date_expression():
    assert resolve_date_expression("أمس", PUB) == (D(2021, 3, 8), "day")
    assert resolve_date_expression("السبت الماضي", PUB) == (D(2021, 3, 6), "day")
    assert resolve_date_expression("قبل أيام", PUB) == (D(2021, 3, 6), "week")
    assert resolve_date_expression("أمس", None) == (None, "unknown")
    assert resolve_date_expression("9 آذار 2021", None) == (D(2021, 3, 9), "day")
    assert resolve_date_expression("كلام بلا تاريخ", PUB) == (None, "unknown")
    assert resolve_date_expression("", PUB) == (None, "unknown")


def test_seed_dates_in_context(seed_paths):
    """The date words of the seeds, as the event logic will see them."""
    def mentions(path, published):
        art = read_article_file(path, published=published)[0]
        out = []
        for s, e in art.content_spans:
            for m in find_date_mentions(art.text, s, e, published):
                assert art.text[m.start:m.end] == m.text and s <= m.start < m.end <= e
                out.append(m)
        return out

    m000 = {m.text: m for m in mentions(seed_paths[0], "2021-03-09")}
    assert m000["اليوم الثلاثاء"].value == D(2021, 3, 9)
    assert m000["الأحد الماضي"].value == D(2021, 3, 7)
    assert m000["سبق أن"].past_marker
    m002 = {m.text: m for m in mentions(seed_paths[2], "2021-05-05")}
    assert m002["خلال الساعات الفائتة"].value == D(2021, 5, 5)
    assert m002["أمس"].value == D(2021, 5, 4)
    assert m002["16 الشهر الماضي"].value == D(2021, 4, 16)
    assert m002["24 مارس/آذار 2019"].past_marker
    m004 = {m.text: m for m in mentions(seed_paths[4], None)}
    assert {"مساء يوم أمس", "السبت الماضي", "قبل عدة أيام"} <= set(m004)
    assert all(m.value is None for m in m004.values())  # no publication date: nothing resolved


def test_ordinal_days_and_relative_years():
    assert one("في الثامن من آذار 2021").value == D(2021, 3, 8)
    assert one("في الأول من آذار").value == D(2021, 3, 1)
    m = one("في الحادي والعشرين من الشهر الماضي")
    assert (m.value, m.precision, m.kind) == (D(2021, 2, 21), "day", "day_of_month")
    m = one("قتل العام الماضي")
    assert (m.value, m.precision, m.year, m.past_marker) == (None, "unknown", 2020, True)
    m = one("منذ مطلع العام الجاري")
    assert m.kind == "since" and m.past_marker
    assert find_date_mentions("الثاني من المقاتلين", 0, 19, PUB) == []


def test_channel_name_is_not_today():
    assert find_date_mentions("نقلت قناة روسيا اليوم عن مصدر", 0, 29, PUB) == []


def test_that_day_is_not_today():
    for s in ("وفي ذلك اليوم قتل جندي", "وفي نفس اليوم قتل جندي"):
        assert find_date_mentions(s, 0, len(s), PUB) == []


@pytest.mark.parametrize("sentence, text, value", [
    ("قتل مدني في 9 من آذار الحالي قرب درعا", "9 من آذار الحالي", D(2021, 3, 9)),
    ("قتل مدني في 4 آذار الجاري قرب درعا", "4 آذار الجاري", D(2021, 3, 4)),
    ("قتل مدني في التاسع من آذار الحالي", "التاسع من آذار الحالي", D(2021, 3, 9)),
    ("قتل مدني في التاسع من الشهر الجاري", "التاسع من الشهر الجاري", D(2021, 3, 9)),
    ("قتل مدني في الثالث من الشهر الحالي", "الثالث من الشهر الحالي", D(2021, 3, 3)),
])
def test_day_of_named_current_month(sentence, text, value):
    m = one(sentence)
    assert (m.text, m.value, m.precision, m.relative) == (text, value, "day", True)
    assert one(sentence, published=None).value is None  # relative: no publication date, no guess
    # the publication year, even when a plain "4 آذار" would fall back to the previous year
    assert resolve_date_expression("4 آذار الجاري", D(2021, 3, 2)) == (D(2021, 3, 4), "day")
    assert resolve_date_expression("4 آذار", D(2021, 3, 2)) == (D(2020, 3, 4), "day")


@pytest.mark.parametrize("sentence, text, value", [
    ("استهدف هجوم بعد منتصف ليل الاثنين – الثلاثاء حاجزا", "بعد منتصف ليل الاثنين – الثلاثاء", D(2021, 3, 9)),
    ("دارت اشتباكات ليل الاثنين الثلاثاء في المنطقة", "ليل الاثنين الثلاثاء", D(2021, 3, 9)),
    ("سقطت قذائف ليلة السبت - الأحد على البلدة", "ليلة السبت - الأحد", D(2021, 3, 7)),
    ("سقطت قذائف ليلة الخميس على الجمعة على البلدة", "ليلة الخميس على الجمعة", D(2021, 3, 5)),
])
def test_night_spanning_two_weekdays_is_the_second(sentence, text, value):
    m = one(sentence)
    assert (m.text, m.value, m.precision, m.relative) == (text, value, "day", True)
    assert m.days_before == (PUB - value).days
    assert one(sentence, published=None).value is None


def test_night_span_needs_consecutive_weekdays():
    found = find_date_mentions("ليلة السبت - الثلاثاء", 0, 21, PUB)
    assert [m.text for m in found] == ["ليلة السبت", "الثلاثاء"]
    assert [m.value for m in found] == [D(2021, 3, 6), D(2021, 3, 9)]
