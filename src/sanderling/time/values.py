"""Calendar arithmetic and the TimeValue constructors the normaliser shares."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from sanderling.schema import TimeValue

from .vocab import NUMBER_WORDS, SEASONS


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
