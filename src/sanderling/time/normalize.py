"""One expression -> TimeValue, against the publication date (hand rules; dateparser as fallback)."""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from sanderling.schema import TimeValue

from .values import (_add_months, _clean, _covering, _date_tv, _duration_value, _iso, _month_end, _month_tv,
                       _month_year, _number, _season, _shift_months, _weekday_date, _year_tv, _ym)
from .vocab import (_DURATION_RE, _PAST_N_RE, APPROX, FULL_WEEKDAYS, LEADING, MONTHS, SEASONS, UNITS,
                    VAGUE_NUMBERS, WEEKDAYS)


def normalize(text: str, published: date, tense: str = "past") -> TimeValue | None:
    """Normalise one temporal expression against the publication date.

    `tense` ("past", "present" or "future") picks the direction of underspecified expressions:
    "on Tuesday" is the most recent Tuesday not after publication in the past tense, the next one
    in the future tense; "in November" likewise. Returns None for what is not a time."""
    if isinstance(published, datetime):
        published = published.date()
    if not text or not text.strip():
        return None
    m = re.fullmatch(r"(?:the\s+)?['’](\d)0s", text.strip().lower())
    if m:  # "the '70s": the most recent such decade that has begun
        y = published.year // 100 * 100 + int(m.group(1)) * 10
        return replace(_decade(y if y <= published.year else y - 100), text=text)
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
        # "since late 2020": from the start of the part of the year
        start = inner.range_start if inner.range_start and (inner.kind == "range" or inner.precision == "year") \
            else inner.value
        return TimeValue(text="", value=None, kind="range", precision=inner.precision,
                         approximate=inner.approximate, range_start=start, range_end=None)
    m = (re.match(r"^between\s+(.+?)\s+and\s+(.+)$", t)
         or re.match(r"^from\s+(.+?)\s+(?:to|until|till|through|thru)\s+(.+)$", t))
    if m:
        return _range(m.group(1), m.group(2), published, tense)

    m = re.match(r"^(?:this |the )?past ([a-z]+)$", t)
    if m and m.group(1) in WEEKDAYS:
        # "this past Tuesday" is the last one, whatever the verb's tense ("decided to remove ...
        # this past Tuesday")
        return _normalize_clean("last " + m.group(1), published, "past")

    m = re.match(r"^(?:(?:in|over|during|for|within) )?(?:the |this )?past (week|fortnight|month|year|decade)$", t)
    if m:
        # "in the past week" is the seven days up to now, not last calendar week
        return _normalize_clean(f"the past one {m.group(1)}", published, tense)

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

    if re.fullmatch(r"\d0s", t):
        return None  # "in their 30s" is an age; "the '70s" is read in normalize, apostrophe and all
    tv = _simple(t, published, tense)
    if tv is not None:
        if approx:
            tv.approximate = True
        return tv
    return _dateparser(t, published, tense)


def _decade(y: int) -> TimeValue:
    return TimeValue(text="", value=None, kind="range", precision="decade", range_start=str(y),
                     range_end=str(y + 9))


# "early March" is its first ten days, "mid-March" the next ten, "late March" the rest.
_MONTH_PARTS = {"early": (1, 10), "start of": (1, 10), "beginning of": (1, 10), "mid": (11, 20),
                "middle of": (11, 20), "late": (21, 31), "end of": (21, 31)}


# "early last year" is its first three months, "mid-" the middle ones, "late" the last two.
_YEAR_PARTS = {"early": (1, 3), "start of": (1, 2), "beginning of": (1, 2), "mid": (5, 8),
               "middle of": (5, 8), "late": (11, 12), "end of": (11, 12)}


def _month_part(tv: TimeValue, modifier: str) -> None:
    """Give a month value the days its modifier names, in range_start / range_end."""
    part = _MONTH_PARTS.get(modifier.removeprefix("the "))
    if part is None:
        return
    y, m = int(tv.value[:4]), int(tv.value[5:7])
    last = _month_end(y, m).day
    tv.range_start, tv.range_end = _iso(date(y, m, part[0])), _iso(date(y, m, min(part[1], last)))


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

    # "early 2017", "mid-2018", "the end of 2019": a part of a named year
    m = re.fullmatch(r"(?P<mod>early|late|mid|(?:the )?end of|(?:the )?start of|(?:the )?beginning of)[\s-]*"
                     r"(?P<y>(?:1[89]|20)\d\d)", t)
    if m:
        y = int(m.group("y"))
        part = _YEAR_PARTS[m.group("mod").removeprefix("the ")]
        tv = _year_tv("", y)
        tv.range_start, tv.range_end = _iso(date(y, part[0], 1)), _iso(_month_end(y, part[1]))
        return tv

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
        return _decade(int(m.group(1)) * 10)

    # early/mid/late + month or year: "early 2023", "mid-June", "late last year" handled above
    m = re.fullmatch(r"(early|mid|late|the end of|end of|the start of|start of|the beginning of|"
                     r"beginning of|the middle of|middle of)[\s-]+(.+)", t)
    if m:
        inner = _simple(m.group(2), published, tense)
        if inner is not None:
            inner.approximate = inner.precision == "day" or inner.approximate
            if inner.precision == "month" and not inner.range_start:
                _month_part(inner, m.group(1))
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
        tv = _year_tv("", y)
        # "late last year" is its last months, not all of it (a story's "late last year" is
        # mostly November or December); "earlier this year" ends at publication.
        part = _YEAR_PARTS.get((mod or "").removeprefix("the "))
        if part is not None:
            tv.range_start, tv.range_end = _iso(date(y, part[0], 1)), _iso(_month_end(y, part[1]))
        elif mod == "earlier" and rel == "this":
            tv.range_start, tv.range_end = f"{y:04d}-01-01", _iso(published)
        return tv
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
