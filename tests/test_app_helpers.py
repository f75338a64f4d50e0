"""Pure helpers behind the pages: highlighting (escaped, overlapping spans), filters, strings, periods."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.highlight import Mark, highlight_html
from dashboard.i18n import LANGS, load_strings, t
from dashboard.state import filter_from_state
from dashboard.timeline import period_bounds


def test_highlight_escapes_text_and_labels_and_splits_overlaps():
    text = 'قتل 4 <b>x</b> في "البوكمال"'
    marks = [Mark(0, len(text), "evidence", 'a"b<'), Mark(4, 5, "number", "4"), Mark(18, 27, "place", "Abu Kamal"),
             Mark(20, 26, "group", "x")]
    out = highlight_html(text, marks)
    assert "<b>" not in out and "&lt;b&gt;x&lt;/b&gt;" in out
    assert 'title="evidence: a&quot;b&lt;"' in out
    assert '<span class="hl-evidence hl-number" title="evidence: a&quot;b&lt;; number: 4">4</span>' in out
    assert 'class="hl-evidence hl-group hl-place"' in out        # nested spans become flat pieces
    assert out.startswith('<div class="raqib-article" dir="rtl" lang="ar">')
    # nothing lost: the text comes back whole once tags are removed and entities decoded
    import html
    import re

    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_out_of_range_marks_are_ignored():
    assert highlight_html("abc", [Mark(2, 9, "place")]) == '<div class="raqib-article" dir="rtl" lang="ar">abc</div>'


def test_filter_from_sidebar_state():
    flt = filter_from_state({"f_groups": ["russia"], "f_role": "perpetrator", "f_backed": True, "f_use_dates": True,
                             "f_dates": (date(2021, 3, 1),), "f_govs": ["SY09"], "f_types": ["ambush"],
                             "f_min_killed": 2, "f_background": True})
    assert flt.groups == ("russia",) and flt.group_role == "perpetrator" and flt.include_backed
    assert flt.since == flt.until == date(2021, 3, 1)             # a half-picked range is one day
    assert flt.governorates == ("SY09",) and flt.attack_types == ("ambush",) and flt.min_killed == 2
    assert "liwa_al_quds" in flt.group_ids()
    off = filter_from_state({"f_use_dates": False, "f_dates": (date(2021, 3, 1), date(2021, 3, 9)), "f_role": "??"})
    assert off.since is None and off.until is None and off.group_role == "either" and not off.include_background


def test_every_string_has_both_languages_and_missing_keys_fail():
    for key, value in load_strings().items():
        assert set(value) == set(LANGS) and all(v.strip() for v in value.values()), key
    with pytest.raises(KeyError, match="no_such_key"):
        t("no_such_key", "en")


@pytest.mark.parametrize("start,freq,end", [
    (date(2021, 12, 1), "month", date(2021, 12, 31)), (date(2024, 2, 1), "month", date(2024, 2, 29)),
    (date(2021, 3, 8), "week", date(2021, 3, 14)),
])
def test_period_bounds(start, freq, end):
    assert period_bounds(start, freq) == (start, end)
