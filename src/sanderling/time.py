"""When: temporal expressions normalised against the article's publication date.

Public API:

- ``normalize(text, published, tense="past") -> TimeValue | None``: one expression
  ("on Tuesday", "in November", "since November 2022", "almost 18 months", ...).
- ``find_times(doc_or_span, published) -> list[TimeValue]``: every expression in a spaCy Doc or
  Span (spaCy DATE entities plus patterns spaCy misses), with character offsets into the doc.
- ``time_for_predicate(token, published) -> TimeValue | None``: the expression that belongs to
  this predicate by the dependency parse, not one from another clause.
- ``is_background(value, published, precision=None) -> bool``: a recalled earlier event.

Conventions. ``value`` is YYYY-MM-DD, YYYY-MM or YYYY, and ``precision`` says which (day, month,
year), except ``precision == "season"`` where value is the season's year and range_start /
range_end give its months. A span of days that is not a calendar unit ("last week") gets the
smallest calendar value that contains it, with the exact days in range_start / range_end.
An open range ("since November 2022") has ``kind == "range"``, ``value`` None and range_start set:
it says when something began, not when an event happened. Durations ("almost 18 months") have
``kind == "duration"`` and a TIMEX-style value ("P18M").

The rules here are written by hand; dateparser (with RELATIVE_BASE, on the expression text only,
never its free-text search) is the fallback for full dates in formats the rules do not cover.
"""
from __future__ import annotations


import calendar
import functools
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from sanderling.schema import TimeValue
from sanderling.nlp import doc_text

__all__ = ["normalize", "find_times", "time_for_predicate", "is_background", "tense_of"]

# --------------------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
FULL_MONTHS = {k for k in MONTHS if len(k) > 4 or k in ("may", "june", "july")}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3,
            "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
FULL_WEEKDAYS = {k for k in WEEKDAYS if k.endswith("day")}
# Northern-hemisphere meteorological seasons: (first month, last month), winter crosses the year.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "a dozen": 12,
    "dozen": 12, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "several": 3,
}
VAGUE_NUMBERS = {"a few", "few", "several", "a couple of", "couple of"}
UNITS = {"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
         "year": "Y", "years": "Y", "decade": "DEC", "decades": "DEC", "fortnight": "FN"}
APPROX = ("just under", "just over", "more than", "less than", "fewer than", "at least",
          "almost", "nearly", "about", "around", "some", "roughly", "approximately", "over",
          "under", "up to", "close to", "the better part of", "upwards of")
LEADING = ("on", "in", "at", "during", "by", "as of", "of", "for")

_NUM = r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
       r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|" \
       r"fifty|sixty|a dozen|dozen|a couple of|couple of|a few|few|several)"
_UNIT = r"(?:days?|weeks?|months?|years?|decades?|fortnight)"
_APPROX = "|".join(re.escape(a) for a in APPROX)
_DURATION_RE = re.compile(
    rf"^(?P<approx>{_APPROX})?\s*(?P<num>{_NUM})(?:\s+and\s+a\s+half)?[\s-]+(?P<unit>{_UNIT})"
    rf"(?P<half>\s+and\s+a\s+half)?(?P<ago>\s+ago|\s+earlier|\s+before)?$")
_PAST_N_RE = re.compile(
    rf"^(?:the\s+)?(?:past|last|previous|preceding|next|coming|following)\s+(?P<approx>{_APPROX})?\s*"
    rf"(?P<num>{_NUM})\s+(?P<unit>{_UNIT})$")


# --------------------------------------------------------------------------- small helpers

def _iso(d: date) -> str:
    return d.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _shift_months(d: date, k: int) -> date:
    y, m = _add_months(d.year, d.month, k)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _number(word: str) -> float | None:
    word = word.strip().lower()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def _year(tok: str) -> int | None:
    tok = tok.strip().strip(",.").lstrip("'’")
    if re.fullmatch(r"\d{4}", tok) and 1000 <= int(tok) <= 2999:
        return int(tok)
    return None


def _clean(text: str) -> str:
    t = text.strip().lower().replace("’", "'").replace("–", "-").replace("—", "-")
    t = re.sub(r"\s+", " ", t)
    t = t.strip(" ,.;:()\"'")
    return t


def _covering(start: date, end: date, text: str, approximate: bool = False) -> TimeValue:
    """The smallest calendar value (day, month, year) that contains [start, end]."""
    if start == end:
        value, precision = _iso(start), "day"
    elif (start.year, start.month) == (end.year, end.month):
        value, precision = _ym(start.year, start.month), "month"
    elif start.year == end.year:
        value, precision = f"{start.year:04d}", "year"
    else:
        value, precision = None, None
    return TimeValue(text=text, value=value, kind="range" if start != end else "date",
                     precision=precision, approximate=approximate,
                     range_start=_iso(start), range_end=_iso(end))


def _date_tv(text: str, d: date, approximate: bool = False) -> TimeValue:
    return TimeValue(text=text, value=_iso(d), kind="date", precision="day", approximate=approximate)


def _month_tv(text: str, y: int, m: int, approximate: bool = False) -> TimeValue:
    return TimeValue(text=text, value=_ym(y, m), kind="date", precision="month", approximate=approximate)


def _year_tv(text: str, y: int, approximate: bool = False) -> TimeValue:
    return TimeValue(text=text, value=f"{y:04d}", kind="date", precision="year", approximate=approximate)


def _weekday_date(wd: int, published: date, tense: str, rel: str | None = None) -> date:
    """The weekday `wd` around publication: the most recent not after it for the past tense,
    the next one after it for the future; `rel` (last / next / this) forces the direction."""
    back = (published.weekday() - wd) % 7  # days back to the most recent such day (0 = today)
    if rel == "last":
        return published - timedelta(days=back or 7)
    if rel == "next":
        return published + timedelta(days=(7 - back) % 7 or 7)
    if tense == "future":
        return published + timedelta(days=(7 - back) % 7 or 7)
    if tense == "present" and back > 3:
        return published + timedelta(days=7 - back)
    return published - timedelta(days=back)


def _month_year(m: int, published: date, tense: str, rel: str | None = None) -> int:
    """The year of month `m` without a year: most recent not after publication (past tense),
    the next one not before it (future)."""
    if rel == "last":
        return published.year if m < published.month else published.year - 1
    if rel == "next":
        return published.year if m > published.month else published.year + 1
    if rel == "this":
        return published.year
    if tense == "future":
        return published.year if m >= published.month else published.year + 1
    if tense == "present":
        return published.year
    return published.year if m <= published.month else published.year - 1


def _season(name: str, year: int) -> TimeValue:
    a, b = SEASONS[name]
    end_year = year + 1 if a > b else year
    return TimeValue(text="", value=f"{year:04d}", kind="date", precision="season",
                     range_start=_ym(year, a), range_end=_ym(end_year, b))


def _duration_value(n: float, unit: str) -> tuple[str, float]:
    """TIMEX duration for n units; returns (value, length in months or days for comparison)."""
    if unit == "DEC":
        n, unit = n * 10, "Y"
    if unit == "FN":
        n, unit = n * 2, "W"
    if n != int(n):  # 1.5 years -> P18M, 2.5 months -> P75D (roughly)
        if unit == "Y":
            n, unit = n * 12, "M"
        elif unit == "M":
            n, unit = round(n * 30), "D"
        elif unit == "W":
            n, unit = n * 7, "D"
    return f"P{int(round(n))}{unit}", n


def duration_parts(value: str) -> tuple[int, str] | None:
    """("P18M") -> (18, "M")."""
    m = re.fullmatch(r"P(\d+)([DWMY])", value or "")
    return (int(m.group(1)), m.group(2)) if m else None


# --------------------------------------------------------------------------- normalize

def normalize(text: str, published: date, tense: str = "past") -> TimeValue | None:
    """Normalise one temporal expression against the publication date.

    `tense` ("past", "present" or "future") picks the direction of underspecified expressions:
    "on Tuesday" is the most recent Tuesday not after publication in the past tense, the next one
    in the future tense; "in November" likewise. Returns None for what is not a time."""
    if isinstance(published, datetime):
        published = published.date()
    if not text or not text.strip():
        return None
    t = _clean(text)
    tv = _normalize_clean(t, published, tense)
    if tv is None:
        return None
    return replace(tv, text=text)


def _normalize_clean(t: str, published: date, tense: str) -> TimeValue | None:
    # "since X" / "from X to Y" / "between X and Y" / "X to Y" ranges first
    m = re.match(r"^(?:ever\s+)?since\s+(.+)$", t)
    if m:
        inner = _normalize_clean(m.group(1), published, "past")
        if inner is None or inner.kind == "duration":
            return None
        start = inner.range_start if inner.kind == "range" and inner.range_start else inner.value
        return TimeValue(text="", value=None, kind="range", precision=inner.precision,
                         approximate=inner.approximate, range_start=start, range_end=None)
    m = (re.match(r"^between\s+(.+?)\s+and\s+(.+)$", t)
         or re.match(r"^from\s+(.+?)\s+(?:to|until|till|through|thru)\s+(.+)$", t))
    if m:
        return _range(m.group(1), m.group(2), published, tense)

    # strip leading prepositions and articles
    approx = False
    changed = True
    while changed:
        changed = False
        for lead in LEADING + ("the",):
            if t.startswith(lead + " "):
                t, changed = t[len(lead) + 1:], True
    for a in APPROX:
        if t.startswith(a + " ") and not re.match(r"^(?:over|under) the ", t):
            t, approx = t[len(a) + 1:], True
            break

    # "March last year", "June of next year": a month in a year named relative to publication
    m = re.match(r"^([a-z]+)\.?(?:\s+of)?\s+(last|this|next)\s+year$", t)
    if m and m.group(1) in MONTHS:
        year = published.year + {"last": -1, "this": 0, "next": 1}[m.group(2)]
        return _month_tv("", year, MONTHS[m.group(1)], approx)

    # durations and "N units ago"
    m = _DURATION_RE.match(t)
    if m:
        n = _number(m.group("num"))
        if n is None:
            return None
        if m.group("half") or " and a half" in t[: m.end("num") + 12]:
            n += 0.5
        unit = UNITS[m.group("unit")]
        vague = m.group("num") in VAGUE_NUMBERS
        approx = approx or vague or bool(m.group("approx"))
        if m.group("ago"):
            return _ago(n, unit, published, approx)
        value, _ = _duration_value(n, unit)
        return TimeValue(text="", value=value, kind="duration", precision=None, approximate=approx)
    m = _PAST_N_RE.match(t)
    if m:  # "the past two years": the range up to publication
        n = _number(m.group("num"))
        unit = UNITS[m.group("unit")]
        if n is None:
            return None
        future = re.match(r"^(?:the\s+)?(?:next|coming|following)", t) is not None
        days = {"D": 1, "W": 7, "FN": 14}.get(unit)
        if days:
            delta = timedelta(days=int(n * days))
            a, b = (published, published + delta) if future else (published - delta, published)
        else:
            months = int(n * (120 if unit == "DEC" else 12 if unit == "Y" else 1))
            a, b = ((published, _shift_months(published, months)) if future
                    else (_shift_months(published, -months), published))
        tv = _covering(a, b, "", approx or bool(m.group("approx")))
        tv.kind = "range"
        return tv

    tv = _simple(t, published, tense)
    if tv is not None:
        if approx:
            tv.approximate = True
        return tv
    return _dateparser(t, published, tense)


def _range(a: str, b: str, published: date, tense: str) -> TimeValue | None:
    # "March 3 and 5", "3 and 5 March 2024", "2019 and 2021", "March and May 2023"
    tb = _normalize_clean(b, published, tense)
    if tb is None:
        return None
    ta = _normalize_clean(a, published, tense)
    if ta is None:
        # borrow the missing parts from the other end: "3 and 5 March 2024", "March and May 2023"
        if re.fullmatch(r"\d{1,2}", a) and tb.precision == "day":
            ta = TimeValue(text="", value=tb.value[:8] + f"{int(a):02d}", precision="day")
        elif a in MONTHS and tb.value and tb.precision in ("month", "day"):
            ta = TimeValue(text="", value=tb.value[:5] + f"{MONTHS[a]:02d}", precision="month")
        else:
            return None
    elif tb.value and ta.value and ta.precision in ("month", "day") and ta.value[:4] != tb.value[:4] \
            and not re.search(r"\d{4}", a):
        ta.value = tb.value[:4] + ta.value[4:]  # "March to May 2023": March of 2023
    if not ta.value or not tb.value:
        return None
    sa, ea = _interval(ta.value)
    sb, eb = _interval(tb.value)
    if sb < sa:
        return None
    tv = _covering(sa, eb, "", ta.approximate or tb.approximate)
    tv.kind = "range"
    tv.range_start, tv.range_end = ta.value, tb.value
    return tv


def _interval(value: str) -> tuple[date, date]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), _month_end(parts[0], parts[1])
    d = date(*parts)
    return d, d


def interval(tv: TimeValue | str | None) -> tuple[date, date] | None:
    """The first and last day a value covers (a season or a bounded range by its ends)."""
    if tv is None:
        return None
    if isinstance(tv, str):
        try:
            return _interval(tv)
        except (ValueError, TypeError):
            return None
    if tv.kind == "duration":
        return None
    if tv.range_start and tv.range_end:
        try:
            return _interval(tv.range_start)[0], _interval(tv.range_end)[1]
        except (ValueError, TypeError):
            return None
    if tv.value:
        return interval(tv.value)
    return None


def _ago(n: float, unit: str, published: date, approx: bool) -> TimeValue:
    if unit in ("D", "W", "FN"):
        days = int(round(n * {"D": 1, "W": 7, "FN": 14}[unit]))
        return _date_tv("", published - timedelta(days=days), approx or unit != "D")
    months = int(round(n * {"M": 1, "Y": 12, "DEC": 120}[unit]))
    d = _shift_months(published, -months)
    if unit == "M":
        return _month_tv("", d.year, d.month, approx)
    return _year_tv("", d.year, approx or unit == "DEC")


_REL = r"(?P<rel>last|next|this|past|previous|coming|following)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"


def _simple(t: str, published: date, tense: str) -> TimeValue | None:
    # deictic days
    m = re.fullmatch(r"(yesterday|today|tomorrow|tonight|last night|this (?:morning|afternoon|evening)|"
                     r"earlier today|later today|(?:yesterday|tomorrow) (?:morning|afternoon|evening|night)|"
                     r"the day before yesterday|the day after tomorrow)", t)
    if m:
        w = m.group(1)
        if w.startswith("yesterday") or w == "last night":
            return _date_tv("", published - timedelta(days=1))
        if w.startswith("tomorrow"):
            return _date_tv("", published + timedelta(days=1))
        if w == "the day before yesterday":
            return _date_tv("", published - timedelta(days=2))
        if w == "the day after tomorrow":
            return _date_tv("", published + timedelta(days=2))
        return _date_tv("", published)

    # ISO date / year-month
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    if m:
        try:
            return _date_tv("", date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            return None

    # (earlier|later|early|late|mid) this/last/next week/month/year
    m = re.fullmatch(rf"(?P<mod>earlier|later|early|late|mid|end of|the end of|the start of|"
                     rf"the beginning of|start of|beginning of)?[\s-]*{_REL}\s+"
                     rf"(?P<unit>week|weekend|month|year|decade)", t)
    if m:
        return _relative_unit(m.group("rel"), m.group("unit"), m.group("mod"), published)

    # weekdays: "tuesday", "last tuesday", "tuesday morning", "tuesday's"
    m = re.fullmatch(rf"(?:{_REL}\s+)?(?P<wd>[a-z]+?)(?:'s)?{_PART}", t)
    if m and m.group("wd") in WEEKDAYS:
        rel = m.group("rel")
        rel = {"past": "last", "previous": "last", "coming": "next", "following": "next"}.get(rel, rel)
        if rel == "this":
            rel = None
        return _date_tv("", _weekday_date(WEEKDAYS[m.group("wd")], published, tense, rel))
    # "tuesday, april 16" / "tuesday april 16, 2024": drop the weekday
    m = re.fullmatch(r"([a-z]+),?\s+(.+)", t)
    if m and m.group(1) in FULL_WEEKDAYS:
        inner = _simple(m.group(2), published, tense)
        if inner is not None:
            return inner

    # seasons: "summer 2022", "the summer of 2022", "last summer", "this spring", "summer"
    m = re.fullmatch(rf"(?:{_REL}\s+)?(?:(?P<mod>early|late|mid)[\s-]*)?(?P<s>spring|summer|autumn|fall|winter)"
                     rf"(?:\s+(?:of\s+)?(?P<y>\d{{4}}))?", t)
    if m:
        s, rel = m.group("s"), m.group("rel")
        if m.group("y"):
            y = int(m.group("y"))
        else:
            a = SEASONS[s][0]
            in_season = _in_season(s, published)
            if rel in ("last", "past", "previous"):
                y = _season_year_back(s, published, strict=True)
            elif rel in ("next", "coming", "following"):
                y = _season_year_fwd(s, published, strict=True)
            elif in_season:
                y = published.year if not (a == 12 and published.month <= 2) else published.year - 1
            elif tense == "future":
                y = _season_year_fwd(s, published, strict=False)
            else:
                y = _season_year_back(s, published, strict=False)
        tv = _season(s, y)
        return tv

    # decades: "the 1990s"
    m = re.fullmatch(r"(?:the\s+)?(\d{3})0s", t)
    if m:
        y = int(m.group(1)) * 10
        return TimeValue(text="", value=None, kind="range", precision="decade",
                         range_start=str(y), range_end=str(y + 9))

    # early/mid/late + month or year: "early 2023", "mid-June", "late last year" handled above
    m = re.fullmatch(r"(early|mid|late|the end of|end of|the start of|start of|the beginning of|"
                     r"beginning of|the middle of|middle of)[\s-]+(.+)", t)
    if m:
        inner = _simple(m.group(2), published, tense)
        if inner is not None:
            inner.approximate = inner.precision == "day" or inner.approximate
            return inner

    # month [day] [year] / day month [year] / month year / year
    m = (re.fullmatch(r"(?P<mon>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?", t)
         or re.fullmatch(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>[a-z]+)\.?(?:,?\s+(?P<y>\d{4}))?", t))
    if m and m.group("mon") in MONTHS:
        mon, day = MONTHS[m.group("mon")], int(m.group("day"))
        if m.group("y"):
            y = int(m.group("y"))
        else:
            y = _day_year(mon, day, published, tense)
        try:
            return _date_tv("", date(y, mon, day))
        except ValueError:
            return None
    m = re.fullmatch(rf"(?:{_REL}\s+)?(?P<mon>[a-z]+)\.?(?:,?\s+(?:of\s+)?(?P<y>\d{{4}}))?", t)
    if m and m.group("mon") in MONTHS:
        mon = MONTHS[m.group("mon")]
        if m.group("y"):
            return _month_tv("", int(m.group("y")), mon)
        rel = m.group("rel")
        rel = {"past": "last", "previous": "last", "coming": "next", "following": "next"}.get(rel, rel)
        return _month_tv("", _month_year(mon, published, tense, rel), mon)
    m = re.fullmatch(r"(?:the\s+year\s+)?(\d{4})", t)
    if m and 1000 <= int(m.group(1)) <= 2999:
        return _year_tv("", int(m.group(1)))
    # "2019-2021", "2019-21", "march-may 2023"
    m = re.fullmatch(r"(\d{4})\s*-\s*(\d{2,4})", t)
    if m:
        b = m.group(2) if len(m.group(2)) == 4 else m.group(1)[:2] + m.group(2)
        return _range(m.group(1), b, published, tense)
    m = re.fullmatch(r"([a-z]+)\s*-\s*([a-z]+\.?(?:\s+\d{4})?)", t)
    if m and m.group(1) in MONTHS:
        return _range(m.group(1), m.group(2), published, tense)
    m = re.fullmatch(r"([a-z]+)\s+(\d{1,2})\s*-\s*(\d{1,2})(?:,?\s+(\d{4}))?", t)  # "march 3-5"
    if m and m.group(1) in MONTHS:
        y = f" {m.group(4)}" if m.group(4) else ""
        return _range(f"{m.group(1)} {m.group(2)}{y}", f"{m.group(1)} {m.group(3)}{y}", published, tense)
    m = re.fullmatch(r"(\d{1,2})\s*-\s*(\d{1,2})\s+([a-z]+)(?:,?\s+(\d{4}))?", t)  # "3-5 march"
    if m and m.group(3) in MONTHS:
        y = f" {m.group(4)}" if m.group(4) else ""
        return _range(f"{m.group(3)} {m.group(1)}{y}", f"{m.group(3)} {m.group(2)}{y}", published, tense)
    return None


def _in_season(s: str, d: date) -> bool:
    a, b = SEASONS[s]
    return a <= d.month <= b if a <= b else (d.month >= a or d.month <= b)


def _season_year_back(s: str, published: date, strict: bool) -> int:
    """Year label of the most recent season `s` that has started (strict: that has ended)."""
    a, b = SEASONS[s]
    for y in range(published.year, published.year - 3, -1):
        start = date(y, a, 1)
        end = _month_end(y + (a > b), b)
        if (end < published) if strict else (start <= published):
            return y
    return published.year - 1


def _season_year_fwd(s: str, published: date, strict: bool) -> int:
    a, _ = SEASONS[s]
    for y in range(published.year - 1, published.year + 3):
        start = date(y, a, 1)
        if start > published or (not strict and _in_season(s, published) and start <= published
                                 and (published - start).days < 100):
            return y
    return published.year + 1


def _day_year(mon: int, day: int, published: date, tense: str) -> int:
    y = published.year
    try:
        cand = date(y, mon, day)
    except ValueError:
        return y
    if tense == "future":
        return y if cand >= published else y + 1
    if tense == "present":
        return y
    return y if cand <= published else y - 1


def _relative_unit(rel: str, unit: str, mod: str | None, published: date) -> TimeValue | None:
    back = rel in ("last", "past", "previous")
    fwd = rel in ("next", "coming", "following")
    if unit in ("week", "weekend"):
        monday = published - timedelta(days=published.weekday())
        if back:
            monday -= timedelta(days=7)
        elif fwd:
            monday += timedelta(days=7)
        if unit == "weekend":
            sat = monday + timedelta(days=5)
            start, end = sat, sat + timedelta(days=1)
        else:
            start, end = monday, monday + timedelta(days=6)
        if mod in ("earlier",) and rel == "this":
            end = published
        elif mod in ("later",) and rel == "this":
            start = published
        tv = _covering(start, end, "", approximate=False)
        tv.kind = "range"
        return tv
    if unit == "month":
        k = -1 if back else 1 if fwd else 0
        y, m = _add_months(published.year, published.month, k)
        tv = _month_tv("", y, m)
        if mod == "earlier" and rel == "this":
            tv.range_start, tv.range_end = _ym(y, m) + "-01", _iso(published)
        return tv
    if unit == "year":
        y = published.year - 1 if back else published.year + 1 if fwd else published.year
        return _year_tv("", y)
    if unit == "decade":
        y0 = published.year - 10 if back else published.year
        return TimeValue(text="", value=None, kind="range", precision="year", approximate=True,
                         range_start=str(y0), range_end=str(y0 + 10) if fwd else str(published.year))
    return None


@functools.lru_cache(maxsize=64)
def _date_data_parser(base: date, prefer: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12, 0),
        "PREFER_DATES_FROM": prefer, "DATE_ORDER": "DMY", "STRICT_PARSING": False})


def _dateparser(t: str, published: date, tense: str) -> TimeValue | None:
    """Fallback for full dates the rules above do not read ("16.04.2024", "April the 16th").
    Only for text that has a digit or a month word: dateparser reads far too much otherwise."""
    if not re.search(r"\d", t) and not any(w in MONTHS for w in re.findall(r"[a-z]+", t)):
        return None
    if re.search(r"\b(?:hours?|minutes?|seconds?|a\.m\.|p\.m\.|am|pm|gmt|utc)\b|:\d\d", t):
        return None
    prefer = "future" if tense == "future" else "current_period" if tense == "present" else "past"
    try:
        data = _date_data_parser(published, prefer).get_date_data(t)
    except Exception:  # pragma: no cover - dateparser internals
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return _year_tv("", d.year)
    if period == "month":
        return _month_tv("", d.year, d.month)
    if period == "day":
        return _date_tv("", d)
    return None


# --------------------------------------------------------------------------- finding times in a doc

_MON_RE = "|".join(sorted((k for k in MONTHS), key=len, reverse=True))
_MONTH_WORD = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_APPROX_CAP = r"(?:(?:[Aa]lmost|[Nn]early|[Aa]bout|[Aa]round|[Ss]ome|[Rr]oughly|[Aa]pproximately|" \
              r"[Mm]ore than|[Ll]ess than|[Ff]ewer than|[Aa]t least|[Jj]ust (?:over|under)|[Oo]ver|" \
              r"[Cc]lose to|[Uu]p to)\s+)"
_NUMW = r"(?:\d+|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|" \
        r"[Ee]leven|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen|[Ss]eventeen|[Ee]ighteen|" \
        r"[Nn]ineteen|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|(?:[Aa] )?[Dd]ozen|(?:[Aa] )?[Cc]ouple of|" \
        r"(?:[Aa] )?[Ff]ew|[Ss]everal)"
_PATTERNS = [
    # ranges first (longest)
    rf"\b(?:[Bb]etween|[Ff]rom)\s+(?:{_MONTH_WORD}\s+)?(?:{_DAYNUM}\s+)?(?:{_MONTH_WORD}\s+)?{_YEAR}?\s*"
    rf"(?:and|to|until|through)\s+(?:{_MONTH_WORD}\s+)?(?:{_DAYNUM}\s+)?(?:{_MONTH_WORD},?\s+)?{_YEAR}\b",
    rf"\b{_YEAR}\s*[-–]\s*(?:{_YEAR}|\d\d)\b",
    # full dates
    rf"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?:{_MONTH_WORD}|{_MONTH_ABBR})\s+{_DAYNUM}(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+{_YEAR})?\b",
    rf"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"{_DAYNUM}(?:\s*[-–]\s*\d{{1,2}})?\s+(?:of\s+)?(?:{_MONTH_WORD}|{_MONTH_ABBR})(?:,?\s+{_YEAR})?\b",
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b",
    # month (year)
    rf"\b(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?(?:{_MONTH_WORD}|{_MONTH_ABBR}(?=\s+{_YEAR}))(?:,?\s+(?:of\s+)?{_YEAR})?\b",
    # seasons
    rf"\b(?:(?:last|this|next|[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?(?:the\s+)?(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)"
    rf"(?:\s+(?:of\s+)?{_YEAR})?\b",
    # relative units
    r"\b(?:(?:[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate)\s+)?(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Pp]revious)\s+"
    r"(?:week|weekend|month|year|decade)\b",
    r"\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast night)\b",
    # weekdays
    r"\b(?:(?:last|next|this)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b",
    # durations, ago, past N units
    rf"\b(?:(?:the\s+)?(?:[Pp]ast|[Ll]ast|[Pp]revious|[Nn]ext|[Cc]oming)\s+)?{_APPROX_CAP}?{_NUMW}"
    rf"(?:\s+and\s+a\s+half)?[\s-]+(?:days?|weeks?|months?|years?|decades?)(?:\s+and\s+a\s+half)?(?:\s+ago)?\b",
    # years after a preposition
    rf"\b(?:in|In|since|Since|by|By|until|during|of|from|From)\s+(?P<yr>{_YEAR})\b",
    rf"\b(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+{_YEAR}\b",
    rf"\b[Tt]he\s+(?:1[89]|20)\d0s\b",
]
_SCAN = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_NAME_MONTHS = {"may", "june", "jun", "april", "august", "march"}  # also given names / verbs


def _doc_and_range(doc_or_span):
    if hasattr(doc_or_span, "doc") and doc_or_span.doc is not doc_or_span:
        span = doc_or_span
        return span.doc, span.start_char, span.end_char
    return doc_or_span, 0, len(doc_or_span.text)


def _tokens_in(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else []


def _bad_month(doc, start: int, end: int) -> bool:
    """Traps: "Dong Jun" (a name), "May" the modal verb or a surname, "march" the verb."""
    span = _tokens_in(doc, start, end)
    for tok in span:
        low = tok.lower_.rstrip(".")
        if low not in MONTHS:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        followed_by_number = nxt is not None and (nxt.like_num or nxt.text[:1].isdigit())
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART"):
            if not followed_by_number:
                return True
        if low == "may" and (tok.tag_ == "MD" or (nxt is not None and nxt.pos_ in ("VERB", "AUX")
                                                  and not followed_by_number)):
            return True
        if low in MONTHS and low not in FULL_MONTHS and not followed_by_number:
            return True  # "Jun", "Dec" alone: abbreviations only count before a number
        if not tok.text[:1].isupper():
            return True  # "march", "may"
        if low in _NAME_MONTHS and not followed_by_number and prev is not None and \
                prev.text[:1].isupper() and prev.is_alpha and prev.lower_ not in MONTHS and \
                prev.lower_ not in WEEKDAYS and prev.i != prev.sent.start and \
                prev.lower_ not in ("in", "since", "until", "during", "by", "of", "from", "early",
                                    "late", "mid", "last", "next", "this", "on", "before", "after"):
            return True  # "Dong Jun", "Theresa May"
        if nxt is not None and tok.tag_ in ("NNP",) and nxt.tag_ == "NNP" and nxt.text[:1].isupper() \
                and not followed_by_number and nxt.lower_ not in MONTHS and nxt.ent_type_ == "PERSON":
            return True  # "June Smith"
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB" and not followed_by_number \
                and tok.head.lower_ not in ("began", "ended", "saw", "was", "is", "marked") \
                and low in _NAME_MONTHS and tok.ent_type_ != "DATE":
            return True  # "May said ..."
    return False


def _tense_at(doc, start: int, end: int) -> str:
    span = _tokens_in(doc, start, end)
    if not len(span):
        return "past"
    tok = span[0] if not hasattr(span, "root") else span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tense_of(tok)


def tense_of(token) -> str:
    """past / present / future for a predicate token, from its tag and its auxiliaries."""
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo", "would", "may", "might", "could", "should", "must", "to"}:
        return "future"
    if "going" in words or any(a.lower_ in ("is", "are", "am") and a.dep_ == "aux" and
                               any(c.dep_ == "xcomp" for c in verb.children) for a in auxes):
        return "future"
    if verb.lower_ in ("will", "'ll", "shall") or verb.tag_ == "MD" and verb.lower_ in ("will", "would"):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or words & {"did", "had", "was", "were", "has", "have"}:
        return "past"
    if verb.tag_ == "VBG" and words & {"is", "are", "am"}:
        return "present"  # "is meeting on Friday": could be either; present picks the nearest
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VB":
        head = verb.head
        if head.i != verb.i and head.tag_ in ("VBD", "VBN"):
            return "past"
        return "present"
    return "past"


def find_times(doc_or_span, published: date) -> list[TimeValue]:
    """Time expressions in a Doc or Span: spaCy DATE entities, then patterns spaCy misses.
    Offsets (start, end) are character offsets into the doc's text. Sorted by start."""
    if isinstance(published, datetime):
        published = published.date()
    doc, lo, hi = _doc_and_range(doc_or_span)
    cache = doc.user_data.setdefault("sanderling_times", {})
    key = published.isoformat()
    if key not in cache:
        cache[key] = _find_all(doc, published)
    return [replace(tv) for tv in cache[key] if tv.start >= lo and tv.end <= hi]


def _find_all(doc, published: date) -> list[TimeValue]:
    text = doc_text(doc)
    candidates: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ == "DATE" or (ent.label_ in ("TIME", "CARDINAL") and re.search(
                r"\b(?:night|morning|evening|afternoon|between|since)\b|\d{4}", ent.text)):
            candidates.append((ent.start_char, ent.end_char, "ent"))
    for m in _SCAN.finditer(text):
        if m.group("yr"):
            candidates.append((m.start("yr"), m.end("yr"), "re"))
        else:
            candidates.append((m.start(), m.end(), "re"))

    found: list[TimeValue] = []
    # longest first; then keep the spans that do not overlap one already taken
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2] != "re", c[0]))
    taken: list[tuple[int, int]] = []
    for start, end, _src in candidates:
        s_text = text[start:end]
        # trim trailing possessive and punctuation
        s_text_stripped = s_text.rstrip(" ,.;:")
        end = start + len(s_text_stripped)
        if s_text_stripped.endswith("'s") or s_text_stripped.endswith("’s"):
            end -= 2
        if end <= start or any(start < b and a < end for a, b in taken):
            continue
        # extend left over "since" / "between": "since November 2022"
        pre = text[max(0, start - 12):start]
        m = re.search(r"(?:\b[Ss]ince|\b[Ee]ver since)\s+$", pre)
        if m:
            start = start - len(pre) + m.start()
        if _bad_month(doc, start, end):
            continue
        tense = _tense_at(doc, start, end)
        tv = normalize(text[start:end], published, tense)
        if tv is None:  # an entity with extra words: the pattern matches inside it still get a turn
            continue
        tv.start, tv.end = start, end
        taken.append((start, end))
        found.append(tv)
    found.sort(key=lambda tv: tv.start)
    return found


# --------------------------------------------------------------------------- time for a predicate

def _span_tokens(doc, tv: TimeValue):
    return _tokens_in(doc, tv.start, tv.end)


def _owner(doc, tv: TimeValue, stop):
    """Climb from the expression's root to the first verb (or the token `stop`): its clause."""
    span = _span_tokens(doc, tv)
    if not len(span):
        return None
    inside = {t.i for t in span}
    roots = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    if not roots:
        return None
    tok = roots[0]
    if tok.head.i == tok.i:
        return tok
    tok = tok.head
    for _ in range(30):
        if tok == stop or tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        if tok.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj") and tok.pos_ != "NOUN":
            return tok
        tok = tok.head
    return tok


def _when_clause_time(token, times: list[TimeValue]) -> TimeValue | None:
    """"since November 2022, when he met ...": the date the `when` clause hangs on."""
    doc = token.doc
    when = [c for c in token.children if c.lower_ in ("when", "where") and c.tag_ == "WRB" and c.i < token.i]
    if not when:
        # the relative adverb may hang elsewhere in the clause
        when = [t for t in doc[token.left_edge.i: token.i] if t.lower_ == "when" and t.tag_ == "WRB"
                and t.head == token]
    for w in when:
        if w.lower_ != "when":
            continue
        j = w.i - 1
        while j >= 0 and doc[j].is_punct:
            j -= 1
        if j < 0:
            continue
        ch = doc[j].idx
        for tv in times:
            if tv.start <= ch < tv.end:
                return _as_anchor(tv)
    return None


def _as_anchor(tv: TimeValue) -> TimeValue:
    """A range read as the date it starts from ("since November 2022" -> November 2022)."""
    if tv.kind == "range" and tv.value is None and tv.range_start:
        prec = {4: "year", 7: "month", 10: "day"}.get(len(tv.range_start), tv.precision)
        return replace(tv, value=tv.range_start, kind="date", precision=prec, range_start=None,
                       range_end=None)
    return replace(tv)


def _shared_subject_conjuncts(token):
    """Verbs coordinated with `token` that share its subject ("shook hands and spoke ... in June
    2023"): a time on one of them belongs to both. A conjunct with its own subject is another
    clause and is left out."""
    out = []
    for other in token.conjuncts:
        if other.pos_ not in ("VERB", "AUX"):
            continue
        later = other if other.i > token.i else token
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in later.children):
            out.append(other)
    return out


def time_for_predicate(token, published: date, _conj_depth: int = 0) -> TimeValue | None:
    """The time expression that belongs to this predicate token by the dependency parse.

    An expression belongs to the predicate whose clause it sits in: climbing from the
    expression's head through prepositions and nouns, the first verb reached (or `token` itself,
    for a nominal predicate such as "meeting"). A predicate introduced by "when" right after a
    date ("since November 2022, when he met ...") takes that date. Durations ("for two years")
    are not times of an event and are skipped. The expression is normalised with the tense of
    `token`'s verb. A verb coordinated with `token` under the same subject lends its time
    ("shook hands and spoke ... in June 2023"). Returns None when no expression belongs to it."""
    if isinstance(published, datetime):
        published = published.date()
    doc = token.doc
    times = find_times(doc, published)
    anchor = _when_clause_time(token, times)
    if anchor is not None:
        return anchor
    sent = token.sent
    mine: list[TimeValue] = []
    for tv in times:
        if tv.kind == "duration" or not (sent.start_char <= tv.start < sent.end_char):
            continue
        if _owner(doc, tv, token) == token:
            mine.append(tv)
    if not mine:
        if _conj_depth == 0:
            for other in _shared_subject_conjuncts(token):
                tv = time_for_predicate(other, published, _conj_depth=1)
                if tv is not None:
                    return tv
        return None
    tense = tense_of(token)
    best = sorted(mine, key=lambda tv: (tv.value is None, abs(_span_tokens(doc, tv)[0].i - token.i)))[0]
    renorm = normalize(doc_text(doc)[best.start:best.end], published, tense)
    if renorm is not None:
        renorm.start, renorm.end = best.start, best.end
        return renorm
    return best


# --------------------------------------------------------------------------- background

def is_background(value: TimeValue | str | None, published: date, precision: str | None = None,
                  *, window_days: int = 7) -> bool:
    """True for an earlier event the article recalls rather than reports: its time ends more than
    `window_days` before publication (a different month or year than the news, or a day more than
    a week back), or it is "earlier this month/year". Unknown times and durations are not
    background; an open range ("since 2022") is ongoing, so not background either.
    `precision` is only needed when `value` is a plain string whose length is ambiguous."""
    if isinstance(published, datetime):
        published = published.date()
    if value is None:
        return False
    if isinstance(value, TimeValue):
        if value.kind == "duration":
            return False
        if value.kind == "range" and value.value is None and not value.range_end:
            return False
        if value.text and re.search(r"\bearlier (?:this|in the) (?:month|year)\b", value.text, re.I):
            return True
        span = interval(value)
    else:
        span = interval(value[:{"year": 4, "month": 7, "day": 10}.get(precision or "", len(value))])
    if span is None:
        return False
    return span[1] < published - timedelta(days=window_days)
