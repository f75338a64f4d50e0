"""Counts and casualty words without Stanza: digits, number words, duals, approximations, vague."""

from __future__ import annotations

import pytest

from extraction.casualties import find_casualties
from extraction.lexicon import words_of
from extraction.numbers import count_at, find_counts


def _tolls(text: str) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for c in find_casualties(text, words_of(text)):
        out.setdefault(c.kind, c.value)
    return out


@pytest.mark.parametrize("text,value", [
    ("4", 4), ("٤", 4), ("١٢", 12), ("واحد", 1), ("اثنين", 2), ("اثنتين", 2), ("اثنان", 2), ("ثلاثة", 3),
    ("ثلاث", 3), ("ستة", 6), ("سبعة", 7), ("عشرة", 10), ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12),
    ("ثلاثة عشر", 13), ("عشرين", 20), ("عشرون", 20), ("خمسة وعشرين", 25), ("مئة", 100), ("مائة", 100),
    ("مئتين", 200), ("ثلاث مئة", 300), ("ألف", 1000), ("عنصرين", 2), ("عنصران", 2), ("أحد", 1),
    ("ما لا يقل عن 10", 10), ("أكثر من 5", 5), ("نحو 20", 20), ("قرابة 30", 30), ("حوالي 15", 15),
    ("بثلاث", 3), ("وخمسة", 5),
])
def test_count_forms(text, value):
    c = count_at(text, words_of(text), 0)
    assert c is not None and c.value == value
    assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("text", ["العشرات", "عشرات", "عدد من", "عدة", "آخرين", "المئات"])
def test_vague_amounts_are_null_with_a_note(text):
    c = count_at(text, words_of(text), 0)
    assert c is not None and c.value is None and c.note


def test_athnaa_is_not_two():
    text = "أثناء توجهه إلى المنطقة"
    assert count_at(text, words_of(text), 0) is None
    assert find_counts(text, words_of(text)) == []


@pytest.mark.parametrize("text,expected", [
    ("ما أدى إلى مقتل 4 عناصر وجرح آخرين", {"killed": 4, "wounded": None}),
    ("مقتل 4 عناصر وإصابة اثنين آخرين", {"killed": 4, "wounded": 2}),
    ("أسفر عن سقوط 8 قتلى و3 جرحى", {"killed": 8, "wounded": 3}),
    ("لقي ثلاثة عناصر مصرعهم", {"killed": 3}),
    ("واعتُقلا في دمشق عام 2013", {"captured": 2}),  # a year is no count
    ("أكثر من مئتي شخص قتلوا", {"killed": 200}),
    # past a two-word month the one killed is counted, and the year after it is not
    ("قُتل في كانون الثاني الماضي ضابط سابق برصاص مسلحين", {"killed": 1}),
    ("وكان جندي أمريكي قد قُتل في نوفمبر تشرين الثاني 2016 في انفجار عبوة", {"killed": 1}),
    ("أعدموا، أمس السبت، الأمينة العامة لحزب سوريا المستقبل", {"killed": 1}),  # a title before a name is one
    ("لقي شاب مصرعه", {"killed": 1}),
    ("مقتل أحد عناصر النقطة وإصابة آخرين", {"killed": 1, "wounded": None}),
    ("بمقتل ستة أشخاص", {"killed": 6}),
    ("إضافة لأسر سبعة عناصر من النظام", {"captured": 7}),
    ("وتسببت الهجوم بإصابة ما لا يقل عن 10 مقاتلين", {"wounded": 10}),
    ("استشهاد طفلين", {"killed": 2}),
    ("أودى بحياة خمسة مدنيين", {"killed": 5}),
    ("اختطف مسلحون مجهولون، أمس الخميس، ثلاثة مدنيين", {"captured": 3}),
    ("قتل وجرح العشرات", {"killed": None}),
    ("سقوط قتلى وجرحى", {"killed": None, "wounded": None}),
    # a dual casualty noun is two; two people and one more add up
    ("وسقط قتيلان في بلدة تير معلة", {"killed": 2}),
    ("أسفر عن سقوط قتيلين وجريحين", {"killed": 2, "wounded": 2}),
    ("بينما قتلت امرأتان وطفل في قرية الغنطو", {"killed": 3}),
    ("ما أدى إلى مقتل رجل وطفلين", {"killed": 3}),
    ("كما استشهد راعٍ وأصيب طفلاه، بانفجار لغم", {"killed": 1, "wounded": 2}),
    ("قتل رجل ونجلاه بقصف مدفعي", {"killed": 3}),
])
def test_casualties(text, expected):
    got = _tolls(text)
    for k, v in expected.items():
        assert got.get(k, "missing") == v, (text, got)


def test_counts_keep_offsets():
    text = "قتل ٥ عناصر وأصيب ثلاثة آخرون"
    counts = find_counts(text, words_of(text))
    assert [c.value for c in counts] == [5, 3]
    for c in counts:
        assert text[c.start:c.end] == c.text
