"""One check for every value a user gives a read command (and the web API): dates, countries,
event types and modes, numbers. A bad value is a UsageError naming the option, the value and
what is accepted; the CLI prints it as one line and exits 2.

Dates keep their precision. A stored date is YYYY, YYYY-MM or YYYY-MM-DD, and so is a filter:
`--since 2024-03 --until 2024-03` means the month of March, and an event known only to its
month is inside a range only when the whole month is (so a month never counts in two adjacent
ranges, and never as the first of its month).
"""
from __future__ import annotations

import calendar
import functools
import re

from .data_tables import read_rows

ORGS = ("IGO", "NGO", "MNC")  # CAMEO's codes for bodies that are no country
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class UsageError(ValueError):
    """A bad option value: one line, exit 2."""


# -- dates -------------------------------------------------------------------------------------

def date_value(value: str | None, option: str) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date (years 1000-9999), as given; None when empty."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    accepted = "give YYYY, YYYY-MM or YYYY-MM-DD"
    m = _DATE.fullmatch(text)
    if not m:
        raise UsageError(f"{option}: {text!r} is not a date; {accepted}")
    year, month, day = m.groups()
    if int(year) < 1000:
        raise UsageError(f"{option}: {text!r}: no year {year}; {accepted}")
    if month and not 1 <= int(month) <= 12:
        raise UsageError(f"{option}: {text!r}: no month {month}; {accepted}")
    if day and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        raise UsageError(f"{option}: {text!r}: no day {day} in {year}-{month}; {accepted}")
    return text


def precision(date: str) -> str:
    return {4: "year", 7: "month"}.get(len(date), "day")


def first_day(date: str) -> str:
    """The range's first day as a string that sorts with full dates: 2024-03 -> 2024-03-01."""
    return date + "0000-01-01"[len(date):]


def last_day(date: str) -> str:
    """An upper bound that sorts after every day the date covers: 2024-03 -> 2024-03-99."""
    return date + "9999-99-99"[len(date):]


def date_range_sql(since: str | None, until: str | None, column: str = "date") -> tuple[list[str], list]:
    """WHERE clauses (and their parameters) keeping the events whose date lies wholly in
    [since, until], each side at its own precision. An event with no date is in no range."""
    where, params = [], []
    if since:
        where.append(f"({column} || substr('0000-01-01', length({column}) + 1)) >= ?")
        params.append(first_day(since))
    if until:
        where.append(f"({column} || substr('9999-99-99', length({column}) + 1)) <= ?")
        params.append(last_day(until))
    return where, params


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = date_value(since, "--since"), date_value(until, "--until")
    if since and until and first_day(since) > last_day(until):
        raise UsageError(f"--since {since} is after --until {until}; give a range that holds some days")
    return since, until


# -- countries ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-3 (data/places/countries.tsv), the actor tables' extra codes, IGO/NGO/MNC."""
    codes = {r[0] for r in read_rows("places/countries.tsv") if re.fullmatch(r"[A-Z]{3}", r[0])}
    for name in ("countries.tsv", "country_aliases.tsv"):
        codes |= {r[1] for r in read_rows(f"actors/{name}") if len(r) > 1 and re.fullmatch(r"[A-Z]{3}", r[1])}
    return frozenset(codes | set(ORGS))


@functools.lru_cache(maxsize=None)
def country_names() -> dict[str, str]:
    """Lower-cased country names, demonyms and capitals -> alpha-3 (the actor tables)."""
    out: dict[str, str] = {}
    for name in ("countries.tsv", "country_aliases.tsv"):
        for r in read_rows(f"actors/{name}"):
            if len(r) > 1 and r[0] != "alias" and r[1] in country_codes():
                out.setdefault(r[0].strip().lower(), r[1])
    return out


def country(value: str | None, option: str = "--country", note=None, names: bool = True) -> str | None:
    """An alpha-3 code (any case), IGO/NGO/MNC, or (with `names`) a country's name mapped to its
    code; `note` (a callable) is told of the mapping, so the user sees what was searched."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if text.upper() in country_codes():
        return text.upper()
    code = country_names().get(text.lower()) if names else None
    if code:
        if note:
            note(f"{option} {text}: read as {code}")
        return code
    raise UsageError(f"{option}: {text!r} is no country; give an ISO alpha-3 code (e.g. CHN), "
                     f"{', '.join(ORGS)}" + (", or a country's name" if names else ""))


# -- ontology ----------------------------------------------------------------------------------

def event_types() -> tuple[str, ...]:
    from .events.ontology import OLD_NAMES, PLOVER_TYPES

    return tuple(PLOVER_TYPES) + tuple(OLD_NAMES)


def event_type(value: str | None, option: str = "--type") -> tuple[str, ...] | None:
    """The stored types a --type means: itself, or the two YIELD was split into in 2021."""
    from .events.ontology import OLD_NAMES

    if value is None or str(value).strip() == "":
        return None
    up = str(value).strip().upper()
    if up not in event_types():
        raise UsageError(f"{option}: {str(value).strip()!r} is no PLOVER event type; one of {', '.join(event_types())}")
    return tuple(OLD_NAMES.get(up, (up,)))


@functools.lru_cache(maxsize=None)
def modes() -> tuple[str, ...]:
    from .events.ontology import crosswalk

    return tuple(sorted({m for _, m, _ in crosswalk().values() if m}))


def mode(value: str | None, option: str = "--mode") -> str | None:
    if value is None or str(value).strip() == "":
        return None
    low = str(value).strip().lower()
    if low not in modes():
        raise UsageError(f"{option}: {str(value).strip()!r} is no PLOVER mode; one of {', '.join(modes())}")
    return low


# -- numbers -----------------------------------------------------------------------------------

def count(value, option: str, low: int = 1, high: int | None = None) -> int | None:
    """A whole number in [low, high]; None when not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        n = int(str(value).strip())
    except ValueError:
        n = None
    if n is None or n < low or (high is not None and n > high):
        span = f"{low}..{high}" if high is not None else f"{low} or more"
        raise UsageError(f"{option}: {str(value).strip()!r} is not a whole number {span}")
    return n
