"""Find and resolve date expressions in Arabic news text against the publication date.

Why: the event date of an attack is almost never written as a full date. News says "اليوم الثلاثاء",
"مساء يوم أمس", "السبت الماضي", "قبل أيام", "في 16 الشهر الماضي". These only mean something relative
to the publication date, so:

- with a publication date, relative expressions resolve to a date and a precision;
- without one, they keep ``value=None`` and ``precision="unknown"`` (explicit dates such as
  "9 آذار 2021" still resolve). Today's clock is never used.

Conventions (documented choices):
- ``value`` is the best single-day estimate and ``precision`` the size of the window it stands for:
  "day"; "week" (a window of a few days: "قبل أيام" = published - 3 days, "الأسبوع الماضي" =
  published - 7 days, "خلال الأيام الماضية" = published - 3 days); "month" (the 15th of the month,
  or the 5th/25th for "مطلع"/"أواخر": "الشهر الماضي", "آذار 2021"); "unknown" (value None: a year
  alone, "منذ 2019", vague periods, anything relative without a publication date).
- A night spanning two weekdays ("ليل الاثنين – الثلاثاء", "ليلة السبت - الأحد") is dated by the
  second weekday (the night's later part, when reporters log it), on or before publication.
- A day and month with "الجاري"/"الحالي" ("9 آذار الجاري") take the publication year.
- A weekday alone ("الأحد", "يوم الأحد") is its most recent occurrence on or before the publication
  date; with "الماضي" it is strictly before; with "المقبل" strictly after.
- "اليوم الثلاثاء" / "أمس الاثنين" whose weekday contradicts the publication date: the weekday wins
  (its most recent occurrence on or before publication) and ``note`` says so; publication dates in
  metadata are often a day off (time zones, late posting) while reporters name the day they mean.
- A day and month without a year ("9 آذار") take the most recent such date on or before the
  publication date (+1 day of slack); without a publication date they stay unresolved.
- "d/m/yyyy" numeric dates are read day-first (Arabic usage) unless the month would exceed 12.
- ``past_marker`` flags expressions that put what follows in the past context: "سبق أن", "في وقت
  سابق", "منذ 2019", "خلال الأشهر الماضية", the start of "من 24 آذار 2019 وحتى يومنا هذا", and
  "بعد يوم من ..." (the event after "من" is earlier than the sentence's). Whether an incident is
  background is the event logic's call; ``days_before`` and ``relative`` help it decide.

Vocabulary (months, weekdays, parts of day, units, markers) lives in ``lexicons/dates.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from extraction.lexicon import norm_phrase

DATES_FILE = Path(__file__).with_name("lexicons") / "dates.yaml"
PRECISIONS = ("day", "week", "month", "unknown")


@dataclass(frozen=True)
class DateMention:
    """A date expression found in the text, resolved when possible.

    ``start``/``end`` index the original text (``text == article_text[start:end]``).
    ``kind`` says what matched: today, yesterday, weekday, explicit, numeric, month, day_of_month,
    week, ago, hours, recent_days, year, since, until_now, past, after_event, before_event.
    ``days_before`` = publication date - value in days (None when either is unknown).
    ``event_offset_days``: for "بعد يوم من X" (+1) / "قبل يومين من X" (-2), the days from the
    referenced event X to the event of the sentence.
    """

    start: int
    end: int
    text: str
    value: dt.date | None
    precision: str
    relative: bool
    past_marker: bool
    kind: str = "explicit"
    days_before: int | None = None
    note: str | None = None
    year: int | None = None
    event_offset_days: int | None = None


# ---------------------------------------------------------------------------------------------
# normalisation that keeps a map back to the original offsets

_DROP = set(chr(c) for c in range(0x0610, 0x061B)) | set(chr(c) for c in range(0x064B, 0x0660)) | {
    "\u0670", "\u0640", "\u200c", "\u200d", "\u200e", "\u200f"}
_DROP |= set(chr(c) for c in range(0x06D6, 0x06EE))
_CHARS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك", "ـ": ""}
for _i, (_a, _p) in enumerate(zip("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", strict=True)):
    _CHARS[_a] = str(_i)
    _CHARS[_p] = str(_i)


def _norm_char(c: str) -> str:
    c = _CHARS.get(c, c)
    low = c.lower()
    return low if len(low) == 1 else c


def normalize_with_map(text: str, start: int = 0, end: int | None = None) -> tuple[str, list[int]]:
    """Normalised ``text[start:end]`` (one char per kept char) and each char's original index."""
    end = len(text) if end is None else end
    out: list[str] = []
    idx: list[int] = []
    for i in range(start, end):
        c = text[i]
        if c in _DROP:
            continue
        out.append(_norm_char(c))
        idx.append(i)
    return "".join(out), idx


def norm(text: str) -> str:
    return normalize_with_map(text)[0].strip()


# ---------------------------------------------------------------------------------------------
# lexicon -> regular expressions

def _alt(phrases) -> str:
    keys = sorted({norm(str(p)) for p in phrases if str(p).strip()}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in keys) + ")"


_B = r"(?<!\w)(?:[وف]?ب?)(?P<M>"  # word start, optional clitics (و، ف، ب) kept out of group M
_E = r"(?!\w)"
_YEAR = r"(?:19|20)\d\d"


@dataclass
class _Lex:
    month_of: dict[str, int]
    weekday_of: dict[str, int]
    ambiguous_weekdays: set[str]
    number_of: dict[str, int]
    ordinal_of: dict[str, int]
    unit_of: dict[str, tuple[str, str]]  # form -> (unit, "singular|dual|plural")
    position_day: dict[str, int]
    last: set[str]
    next: set[str]
    current: set[str]
    not_today_before: re.Pattern[str]
    patterns: list[tuple[str, re.Pattern[str]]]


@lru_cache(maxsize=1)
def month_first_words() -> frozenset[str]:
    """The first word of every month name, normalised as ``lexicon.norm_phrase`` does ("كانون"، "ديسمبر"):
    other modules use it to tell a day of a month ("5 ديسمبر") from a count."""
    return frozenset(norm_phrase(name)[0] for name in _lexicon().month_of if norm_phrase(name))


def _flatten(d: dict) -> dict[str, int]:
    return {norm(str(name)): int(k) for k, names in d.items() for name in names}


@lru_cache(maxsize=2)
def _lexicon(path: Path = DATES_FILE) -> _Lex:
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    month_of = _flatten(raw["months"])
    weekday_of = _flatten(raw["weekdays"])
    number_of = _flatten(raw["number_words"])
    ordinal_of = _flatten(raw["ordinal_days"])
    position_day = _flatten(raw["month_positions"])
    unit_of: dict[str, tuple[str, str]] = {}
    for unit, forms in raw["units"].items():
        for grammatical_number, names in forms.items():
            for name in names:
                unit_of[norm(name)] = (unit, grammatical_number)

    MON = _alt(month_of)
    WD = _alt(weekday_of)
    DP = _alt(raw["day_parts"])
    LAST = _alt(raw["last"])
    NEXT = _alt(raw["next"])
    CUR = _alt(raw["current"])
    POS = _alt(position_day)
    NUMW = _alt(number_of)
    VAGUE = _alt(raw["vague_quantity"])
    APPROX = _alt(raw["approximators"])
    UNIT = _alt(unit_of)
    NOT_TODAY = _alt(raw["not_today_after"])
    YCUE = _alt(raw["year_cues"])
    SINCE = _alt(raw["since_words"])
    ORD = _alt(ordinal_of)
    DAY = rf"(?:\d{{1,2}}|{ORD}(?=\s+من\s))"  # an ordinal day needs "من": "الثامن من آذار"
    YEARW = _alt(raw["year_words"])
    NIGHT = _alt(raw["night_words"])

    def monc(s: str) -> str:
        return (rf"(?:شهر\s+)?(?P<mon{s}>{MON}){_E}"
                rf"(?:\s*(?:/|\\|-|–|\(|،|,)?\s*(?P<mon2{s}>{MON})(?:\s*\))?)?")

    qty = rf"(?:(?P<approx>{APPROX})\s+)?(?:(?P<n>\d{{1,3}}|{NUMW}|{VAGUE})\s+)?(?P<unit>{UNIT}){_E}"
    src = {
        "explicit": (rf"{_B}(?:(?:يوم\s+)?(?P<wd>{WD})\s*[،,]?\s*(?:الموافق\s+(?:ل\s*)?)?)?"
                     rf"(?:ال\s*)?(?P<d>{DAY})\s*(?:من\s+)?{monc('')}"
                     rf"(?:\s*[،,]?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<y>{_YEAR})(?!\d)"
                     rf"|\s*[،,]?\s*(?:من\s+)?(?:العام|السنه)\s+(?P<yrel>{CUR}|{LAST}){_E}"  # "من العام الماضي"
                     rf"|\s+(?P<rel>{CUR}|{LAST}){_E})?(?!\d)"),
        "numeric": (rf"(?<![\w/.\-])(?P<M>(?:(?P<y>{_YEAR})[/\-.](?P<m>\d{{1,2}})[/\-.](?P<d>\d{{1,2}})"
                    rf"|(?P<d2>\d{{1,2}})[/\-.](?P<m2>\d{{1,2}})[/\-.](?P<y2>{_YEAR}))(?![\d/])"),
        "month": (rf"{_B}(?:(?<=في )(?P<fi>))?(?:(?P<pos>{POS})\s+)?(?:(?P<shahr>شهر)\s+)?(?P<mon>{MON}){_E}"
                  rf"(?:\s*(?:/|\\|-|–|\(|،|,)?\s*(?P<mon2>{MON})(?:\s*\))?)?"
                  rf"(?:\s*[،,]?\s*(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?(?P<y>{_YEAR})(?!\d)"
                  rf"|\s*[،,]?\s*(?:من\s+)?(?:العام|السنه)\s+(?P<yrel>{CUR}|{LAST}){_E}"
                  rf"|\s+(?P<rel>{LAST}|{CUR}){_E})?"),
        "day_of_month": (rf"{_B}(?P<d>{DAY})\s+(?:من\s+)?(?:الشهر|شهر)\s+(?P<rel>{LAST}|{CUR}){_E}"),
        "month_rel": (rf"{_B}(?:(?P<pos>{POS})\s+)?(?:(?:الشهر|شهر)\s+(?P<rel>{LAST}|{CUR})|(?P<this>هذا\s+الشهر)){_E}"),
        "week": (rf"{_B}(?:(?P<pos>{POS})\s+)?(?:الاسبوع\s+(?P<rel>{LAST}|{CUR})|(?P<this>هذا\s+الاسبوع)){_E}"),
        "ago": rf"{_B}(?P<w>قبل|منذ)\s+{qty}(?:\s+(?P<of>من|علي){_E}(?!\s+الان))?",
        "after_event": rf"{_B}بعد\s+(?:مرور\s+)?{qty}\s+(?:من|علي){_E}",
        "hours": rf"{_B}(?:(?:خلال|في|طيله|طوال)\s+)?{_alt(raw['hours_window'])}{_E}",
        "recent_days": rf"{_B}(?:(?:خلال|في|طيله|طوال)\s+)?(?P<rd>{_alt(raw['recent_days'])}){_E}",
        "until_now": rf"{_B}{_alt(raw['until_now'])}{_E}",
        "past": rf"{_B}{_alt(raw['past_markers'])}{_E}",
        "today": (rf"{_B}(?:(?P<dp>{DP})\s+)?(?:يوم\s+)?اليوم{_E}(?!\s+{NOT_TODAY}{_E})"
                  rf"(?:\s*[،,]?\s*(?P<wd>{WD}){_E})?"),
        "yesterday": (rf"{_B}(?:(?P<dp>{DP})\s+)?(?:يوم\s+)?"
                      rf"(?:(?P<dby>{_alt(raw['day_before_yesterday'])})|(?P<yd>{_alt(raw['yesterday'])}))"
                      rf"{_E}(?:\s*[،,]?\s*(?P<wd>{WD}){_E})?"),
        "last_night": rf"{_B}{_alt(raw['last_night'])}{_E}",
        "night_span": (rf"{_B}(?:{NIGHT})\s+(?P<wd>{WD})\s*(?:[-–—/]|علي|و)?\s*(?P<wd2>{WD}){_E}"),
        "weekday": (rf"{_B}(?:(?P<dp>{DP})\s+)?(?P<yawm>يوم\s+)?(?P<wd>{WD}){_E}"
                    rf"(?:\s+(?P<rel>{LAST}|{NEXT}){_E})?"),
        "since": (rf"{_B}{SINCE}\s+(?:(?:{POS})\s+)?(?:العام|السنه|الشهر|الاسبوع|بدء|اندلاع|انطلاق|بدايه)"
                  rf"(?:\s+(?:{CUR}|{LAST}))?{_E}"),
        "year_rel": (rf"{_B}(?:(?:{POS})\s+)?(?:{YEARW})\s+(?P<rel>{LAST}|{CUR}){_E}"),
        "year": rf"{_B}(?P<cue>(?:{YCUE}\s+){{1,3}})(?P<y>{_YEAR})(?!\d)",
    }
    patterns = [(kind, re.compile(rx + ")")) for kind, rx in src.items()]
    return _Lex(month_of=month_of, weekday_of=weekday_of,
                ambiguous_weekdays={norm(w) for w in raw.get("ambiguous_weekdays") or []},
                number_of=number_of, ordinal_of=ordinal_of, unit_of=unit_of, position_day=position_day,
                last={norm(w) for w in raw["last"]}, next={norm(w) for w in raw["next"]},
                current={norm(w) for w in raw["current"]},
                not_today_before=re.compile(rf"(?<!\w){_alt(raw['not_today_before'])}\s*$"),
                patterns=patterns)


# ---------------------------------------------------------------------------------------------
# resolution helpers

_WEEKDAY_AR = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _key(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def weekday_on_or_before(ref: dt.date, weekday: int, *, strict: bool = False) -> dt.date:
    delta = (ref.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return ref - dt.timedelta(days=delta)


def _weekday_after(ref: dt.date, weekday: int) -> dt.date:
    delta = (weekday - ref.weekday()) % 7 or 7
    return ref + dt.timedelta(days=delta)


def _prev_month(d: dt.date) -> tuple[int, int]:
    return (d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _check_weekday(value: dt.date | None, wd: int | None, pub: dt.date | None,
                   expected: dt.date | None) -> tuple[dt.date | None, str | None]:
    """A named weekday next to today/yesterday: it wins when it contradicts the expected date."""
    if wd is None or pub is None or expected is None:
        return value, None
    if expected.weekday() == wd:
        return expected, None
    chosen = weekday_on_or_before(pub, wd)
    note = (f"weekday {_WEEKDAY_EN[wd]} does not match {expected.isoformat()} "
            f"({_WEEKDAY_EN[expected.weekday()]}); used the most recent {_WEEKDAY_EN[wd]}, {chosen.isoformat()}")
    return chosen, note


class _Ctx:
    def __init__(self, lex: _Lex, pub: dt.date | None, text: str):
        self.lex = lex
        self.pub = pub
        self.text = text  # the normalised text the matches index

    def day(self, m: re.Match) -> int:
        d = _key(m.group("d"))
        return int(d) if d.isdigit() else self.lex.ordinal_of[d]

    def wd(self, m: re.Match, group: str = "wd") -> int | None:
        g = m.groupdict().get(group)
        return self.lex.weekday_of.get(_key(g)) if g else None

    def month(self, m: re.Match, group: str) -> int | None:
        g = m.groupdict().get(group)
        return self.lex.month_of.get(_key(g)) if g else None

    def quantity(self, m: re.Match) -> tuple[str, int | None]:
        """(unit, count or None when vague) of an "N units" group."""
        unit, form = self.lex.unit_of[_key(m.group("unit"))]
        n_text = _key(m.group("n"))
        if n_text.isdigit():
            return unit, int(n_text)
        if n_text in self.lex.number_of:
            return unit, self.lex.number_of[n_text]
        if n_text:  # عدة، بضعة
            return unit, None
        return unit, {"singular": 1, "dual": 2}.get(form)


Fields = dict[str, Any]


def _r_explicit(m: re.Match, c: _Ctx) -> Fields | None:
    d = c.day(m)
    mon = c.month(m, "mon")
    mon2 = c.month(m, "mon2")
    if mon is None or (mon2 is not None and mon2 != mon) or not 1 <= d <= 31:
        return None
    note = None
    if m.group("y"):
        value = _safe_date(int(m.group("y")), mon, d)
        relative = False
    elif m.group("yrel"):  # "في الخامس من آذار من العام الماضي"
        relative = True
        value = _safe_date(c.pub.year - (_key(m.group("yrel")) in c.lex.last), mon, d) if c.pub is not None else None
    elif m.group("rel") and _key(m.group("rel")) in c.lex.current:  # "9 آذار الجاري": this year's
        relative = True
        value = _safe_date(c.pub.year, mon, d) if c.pub is not None else None
    else:
        relative = True
        value = None
        if c.pub is not None:
            value = _safe_date(c.pub.year, mon, d)
            if value is not None and value > c.pub + dt.timedelta(days=1):
                value = _safe_date(c.pub.year - 1, mon, d)
    if value is None and (m.group("y") or c.pub is not None):
        return None  # 31 February: not a date
    wd = c.wd(m)
    if value is not None and wd is not None and value.weekday() != wd:
        note = f"weekday {_WEEKDAY_EN[wd]} does not match {value.isoformat()} ({_WEEKDAY_EN[value.weekday()]}); kept the date"
    return dict(value=value, precision="day" if value else "unknown", relative=relative, note=note)


def _r_numeric(m: re.Match, c: _Ctx) -> Fields | None:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, d, mo = int(m.group("y2")), int(m.group("d2")), int(m.group("m2"))
        if mo > 12 and d <= 12:  # month-first writing
            d, mo = mo, d
    value = _safe_date(y, mo, d)
    if value is None:
        return None
    return dict(value=value, precision="day", relative=False)


def _r_month(m: re.Match, c: _Ctx) -> Fields | None:
    mon = c.month(m, "mon")
    mon2 = c.month(m, "mon2")
    if mon is None or (mon2 is not None and mon2 != mon):
        return None
    pos = m.group("pos")
    rel = _key(m.group("rel"))
    yrel = _key(m.group("yrel"))
    if not (m.group("y") or rel or pos or m.group("shahr") or yrel or m.group("fi") is not None):
        return None  # a bare month name ("مارس" is also a verb): not enough ("في شباط" is)
    day = c.lex.position_day.get(_key(pos), 15)
    if m.group("y"):
        return dict(value=dt.date(int(m.group("y")), mon, day), precision="month", relative=False)
    if c.pub is None:
        return dict(value=None, precision="unknown", relative=True)
    if yrel:  # "في آذار من العام الماضي"
        return dict(value=dt.date(c.pub.year - (yrel in c.lex.last), mon, day), precision="month", relative=True)
    if rel in c.lex.current:
        year = c.pub.year
    elif rel in c.lex.last:
        year = c.pub.year if mon < c.pub.month else c.pub.year - 1
    else:
        year = c.pub.year if mon <= c.pub.month else c.pub.year - 1
    value = dt.date(year, mon, day)
    if value > c.pub:
        value = dt.date(year, mon, max(1, min(day, c.pub.day)))
    return dict(value=value, precision="month", relative=True)


def _r_day_of_month(m: re.Match, c: _Ctx) -> Fields | None:
    d = c.day(m)
    if not 1 <= d <= 31:
        return None
    if c.pub is None:
        return dict(value=None, precision="unknown", relative=True)
    rel = _key(m.group("rel"))
    y, mo = _prev_month(c.pub) if rel in c.lex.last else (c.pub.year, c.pub.month)
    value = _safe_date(y, mo, d)
    if value is None:
        return None
    return dict(value=value, precision="day", relative=True)


def _r_month_rel(m: re.Match, c: _Ctx) -> Fields | None:
    if c.pub is None:
        return dict(value=None, precision="unknown", relative=True)
    rel = _key(m.group("rel"))
    pos_day = c.lex.position_day.get(_key(m.group("pos")))
    if rel in c.lex.last:
        y, mo = _prev_month(c.pub)
        value = dt.date(y, mo, pos_day or 15)
    else:  # this month: the middle of the part already elapsed
        day = min(pos_day, c.pub.day) if pos_day else max(1, (c.pub.day + 1) // 2)
        value = dt.date(c.pub.year, c.pub.month, day)
    return dict(value=value, precision="month", relative=True)


def _r_week(m: re.Match, c: _Ctx) -> Fields | None:
    if c.pub is None:
        return dict(value=None, precision="unknown", relative=True)
    rel = _key(m.group("rel"))
    value = c.pub - dt.timedelta(days=7) if rel in c.lex.last else c.pub
    return dict(value=value, precision="week", relative=True)


def _span_estimate(unit: str, n: int | None) -> tuple[int | None, str]:
    """Days before publication and precision for "N units ago" (n None = vague "a few")."""
    if unit == "hour":
        return 0, "day"
    if unit == "day":
        return (n, "day") if n is not None else (3, "week")
    if unit == "week":
        return (7 * n, "week") if n is not None else (21, "month")
    if unit == "month":
        return (30 * n, "month") if n is not None else (None, "unknown")
    return None, "unknown"  # years


def _r_ago(m: re.Match, c: _Ctx) -> Fields | None:
    unit, n = c.quantity(m)
    offset_days = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}[unit]
    if m.group("of"):  # "قبل يومين من الهجوم": relative to another event
        return dict(value=None, precision="unknown", relative=True, kind="before_event",
                    event_offset_days=-(n * offset_days) if n is not None else None)
    days, precision = _span_estimate(unit, n)
    year = None
    if unit == "year" and n is not None and c.pub is not None:
        year = c.pub.year - n
    if c.pub is None or days is None:
        return dict(value=None, precision="unknown", relative=True, year=year,
                    past_marker=unit in ("month", "year"))
    return dict(value=c.pub - dt.timedelta(days=days), precision=precision, relative=True)


def _r_after_event(m: re.Match, c: _Ctx) -> Fields | None:
    unit, n = c.quantity(m)
    if unit == "hour":  # "بعد مرور أقل من 24 ساعة على": about a day
        offset = round(n / 24) if n is not None else 0
    else:
        offset = n * {"day": 1, "week": 7, "month": 30, "year": 365}[unit] if n is not None else None
    return dict(value=None, precision="unknown", relative=True, past_marker=True, event_offset_days=offset)


def _r_hours(m: re.Match, c: _Ctx) -> Fields | None:
    return dict(value=c.pub, precision="day" if c.pub else "unknown", relative=True)


def _r_recent_days(m: re.Match, c: _Ctx) -> Fields | None:
    if c.pub is None:
        return dict(value=None, precision="unknown", relative=True)
    days = 1 if "يومين" in m.group("rd") else 3
    return dict(value=c.pub - dt.timedelta(days=days), precision="week", relative=True)


_FORMER = re.compile(r"(?<![و\s])ا\s+$")  # an indefinite accusative word ending in alif (not a plural verb's "وا")


# a role or an allegiance a few words before: "عناصر من فصيل يتبع للجيش الوطني سابقاً" (formerly)
_FORMER_ROLE = re.compile(r"(?:^|\s)(?:[وف]?(?:يتبع|يتبعون|تتبع|تابع|تابعة|التابع|التابعة|منتسب|منتسبا|عنصر|عنصرا|قيادي|قياديا|"
                          r"قائد|قائدا|عضو|عضوا|ضابط|ضابطا|مسؤول|مسؤولا|المنشق|منشق))(?:\s+\S+){0,3}\s+$")


def _r_marker(m: re.Match, c: _Ctx) -> Fields | None:
    if m.group("M").startswith("سابق") and _FORMER.search(c.text[max(0, m.start("M") - 20):m.start("M")]):
        return None  # "مقراً عسكرياً سابقاً للفصائل": a former headquarters, not a past event
    if m.group("M").startswith("سابق") and _FORMER_ROLE.search(c.text[max(0, m.start("M") - 45):m.start("M")]):
        return None  # "برصاص عناصر من فصيل يتبع للجيش الوطني سابقاً": a former allegiance
    return dict(value=None, precision="unknown", relative=False, past_marker=True)


def _r_until_now(m: re.Match, c: _Ctx) -> Fields | None:
    # "حتى الآن" closes a period; "المعارك مستمرة حتى الآن" is the news itself, so no past marker:
    # a cumulative range is flagged on its start ("منذ 2019", "من 24 آذار 2019 وحتى يومنا هذا").
    return dict(value=None, precision="unknown", relative=False, past_marker=False)


def _r_today(m: re.Match, c: _Ctx) -> Fields | None:
    if c.lex.not_today_before.search(c.text[max(0, m.start() - 20):m.start()]):
        return None  # "روسيا اليوم" is a channel
    if c.pub is None:
        return dict(value=None, precision="unknown", relative=True)
    value, note = _check_weekday(c.pub, c.wd(m), c.pub, c.pub)
    return dict(value=value, precision="day", relative=True, note=note)


def _r_yesterday(m: re.Match, c: _Ctx) -> Fields | None:
    if c.pub is None:
        return dict(value=None, precision="unknown", relative=True)
    expected = c.pub - dt.timedelta(days=2 if m.group("dby") else 1)
    dp = m.group("dp") or ""
    if not m.group("dby") and "منتصف" in dp and c.text[max(0, m.start() - 5):m.start()].rstrip().endswith("بعد"):
        expected = c.pub  # "بعد منتصف ليل أمس": the small hours of today
    value, note = _check_weekday(expected, c.wd(m), c.pub, expected)
    return dict(value=value, precision="day", relative=True, note=note)


def _r_last_night(m: re.Match, c: _Ctx) -> Fields | None:
    if c.pub is None:
        return dict(value=None, precision="unknown", relative=True)
    return dict(value=c.pub - dt.timedelta(days=1), precision="day", relative=True)


def _r_weekday(m: re.Match, c: _Ctx) -> Fields | None:
    text = c.text
    wd = c.wd(m)
    if wd is None:
        return None
    rel = _key(m.group("rel"))
    if _key(m.group("wd")) in c.lex.ambiguous_weekdays and not (m.group("dp") or m.group("yawm") or rel):
        before = text[:m.start("wd")].rstrip()
        after = text[m.end():].lstrip()
        if not ((before and before[-1] in "،,") or (after and after[0] in "،,.")):
            return None  # "الاثنين" = "the two"
    if c.pub is None:
        return dict(value=None, precision="unknown", relative=True)
    if rel in c.lex.next:
        value = _weekday_after(c.pub, wd)
    else:
        value = weekday_on_or_before(c.pub, wd, strict=rel in c.lex.last)
    return dict(value=value, precision="day", relative=True)


def _r_night_span(m: re.Match, c: _Ctx) -> Fields | None:
    """"ليل الاثنين – الثلاثاء": a night spanning two consecutive weekdays is dated by the second."""
    wd, wd2 = c.wd(m), c.wd(m, "wd2")
    if wd is None or wd2 is None or wd2 != (wd + 1) % 7:
        return None  # not one night: leave the weekdays to the plain weekday pattern
    if c.pub is None:
        return dict(value=None, precision="unknown", relative=True)
    return dict(value=weekday_on_or_before(c.pub, wd2), precision="day", relative=True)


def _r_year(m: re.Match, c: _Ctx) -> Fields | None:
    cue = _key(m.group("cue"))
    since = cue.split()[0] == "منذ" if cue else False
    return dict(value=None, precision="unknown", relative=False, year=int(m.group("y")),
                past_marker=since, kind="since" if since else "year")


def _r_year_rel(m: re.Match, c: _Ctx) -> Fields | None:
    last = _key(m.group("rel")) in c.lex.last
    year = (c.pub.year - 1 if last else c.pub.year) if c.pub else None
    return dict(value=None, precision="unknown", relative=True, year=year, past_marker=last)


_RESOLVERS: dict[str, Callable[..., Fields | None]] = {
    "explicit": _r_explicit, "numeric": _r_numeric, "month": _r_month,
    "day_of_month": _r_day_of_month, "month_rel": _r_month_rel, "week": _r_week, "ago": _r_ago,
    "after_event": _r_after_event, "hours": _r_hours, "recent_days": _r_recent_days,
    "until_now": _r_until_now, "past": _r_marker, "since": _r_marker, "today": _r_today,
    "yesterday": _r_yesterday, "last_night": _r_last_night, "weekday": _r_weekday,
    "night_span": _r_night_span, "year": _r_year,
    "year_rel": _r_year_rel,
}
_KIND_OF = {"night_span": "weekday", "month_rel": "month", "last_night": "yesterday", "year_rel": "year"}
_ABSOLUTE = {"explicit", "numeric", "month"}
_SINCE_BEFORE = re.compile(r"(?:^|[^\w])[وف]?منذ\s+$")
_FROM_BEFORE = re.compile(r"(?:^|[^\w])[وف]?من\s+$")
_UNTIL_AFTER = re.compile(r"^\s*(?:و?حتي|الي|لغايه)(?!\w)")


# ---------------------------------------------------------------------------------------------
# public API

def _to_date(published: dt.date | str | None) -> dt.date | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    return dt.date.fromisoformat(str(published)[:10])


def find_date_mentions(text: str, start: int = 0, end: int | None = None,
                       published: dt.date | str | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]`` (offsets absolute into ``text``), in text order.

    ``published`` (a date or "YYYY-MM-DD") anchors relative expressions; None leaves them
    unresolved. Overlapping candidates: the longest wins ("مساء يوم أمس" over "أمس").
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    pub = _to_date(published)
    lex = _lexicon()
    ntext, idx = normalize_with_map(text, start, end)
    ctx = _Ctx(lex, pub, ntext)

    candidates: list[tuple[int, int, str, Fields]] = []
    for kind, rx in lex.patterns:
        for m in rx.finditer(ntext):
            # the mention starts after any clitic consumed by _B
            ms, me = m.start("M"), m.end("M")
            while me > ms and ntext[me - 1].isspace():
                me -= 1
            if me <= ms:
                continue
            resolver = _RESOLVERS[kind]
            fields = resolver(m, ctx)
            if fields is None:
                continue
            fields.setdefault("kind", _KIND_OF.get(kind, kind))
            if kind in _ABSOLUTE or kind == "year":
                before = ntext[max(0, ms - 24):ms]
                if _SINCE_BEFORE.search(before):
                    fields.update(past_marker=True, kind="since" if kind == "year" else fields["kind"],
                                  note=fields.get("note") or "start of a past period (منذ)")
                elif _FROM_BEFORE.search(before) and _UNTIL_AFTER.search(ntext[me:me + 12]):
                    fields.update(past_marker=True,
                                  note=fields.get("note") or "start of a past period (من ... حتى)")
            candidates.append((ms, me, kind, fields))

    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, str, Fields]] = []
    for cand in candidates:
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c[0])

    out: list[DateMention] = []
    for ms, me, _kind, f in taken:
        s, e = idx[ms], idx[me - 1] + 1
        while e < end and text[e] in _DROP and not text[e].isspace() and text[e] not in "\u200e\u200f":
            e += 1  # keep trailing diacritics with their word ("أمسِ")
        value = f.get("value")
        out.append(DateMention(
            start=s, end=e, text=text[s:e], value=value, precision=f.get("precision", "unknown"),
            relative=bool(f.get("relative")), past_marker=bool(f.get("past_marker", False)),
            kind=f["kind"], days_before=(pub - value).days if (pub and value) else None,
            note=f.get("note"), year=f.get("year") or (value.year if value and f["kind"] in ("year",) else None),
            event_offset_days=f.get("event_offset_days"),
        ))
    return _year_from_before(text, out, pub)


def _year_from_before(text: str, out: list[DateMention], pub: dt.date | None) -> list[DateMention]:
    """"عزل الأحياء ... في كانون الثاني 2016، بعد هجوم بدأه فجر 16 كانون الثاني": a day and month with no
    year, told just after the same month with its year in the same sentence, is of that year (not the
    latest such day before publication)."""
    for k, m in enumerate(out):
        if m.kind != "explicit" or not m.relative or m.value is None:
            continue
        prev = next((p for p in reversed(out[:k]) if p.value is not None and not p.relative
                     and p.kind in ("month", "explicit") and p.value.month == m.value.month), None)
        if prev is None or prev.value.year == m.value.year or m.start - prev.end > 120 or any(
                ch in text[prev.end:m.start] for ch in ".\n"):
            continue
        try:
            value = m.value.replace(year=prev.value.year)
        except ValueError:
            continue
        if pub is not None and value > pub:
            continue
        out[k] = replace(m, value=value, relative=False, days_before=(pub - value).days if pub else None)
    return out


def resolve_date_expression(expr: str, published: dt.date | str | None) -> tuple[dt.date | None, str]:
    """Resolve one expression ("أمس", "السبت الماضي", "9 آذار 2021") -> (date or None, precision).

    Takes the longest mention in ``expr``; nothing recognised -> (None, "unknown").
    """
    mentions = find_date_mentions(expr, 0, len(expr), published)
    if not mentions:
        return None, "unknown"
    best = max(mentions, key=lambda x: x.end - x.start)
    return best.value, best.precision
