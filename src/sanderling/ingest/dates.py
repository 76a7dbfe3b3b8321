"""Publication dates: the one date every relative time of an article is read against, so a wrong
one silently misdates every event. Accepted: ISO dates and datetimes (YYYY-MM-DD...), the RFC 2822
dates of feeds and mail headers ("Tue, 12 Mar 2025 10:00:00 GMT"), and written dates with a day,
a month name and a four-digit year ("12 March 2025", "March 12, 2025"). Refused, with what to give
instead: a bare year or month, relative words ("yesterday"), numeric day/month orders that read
both ways ("03/04/2024"), impossible dates ("2024-13-01") and years outside 1900-2100.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from .errors import IngestError

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WRITTEN = re.compile(r"\b(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})\b")
HINT = "use YYYY-MM-DD (or an ISO datetime)"


def _in_range(d: date, text: str, where: str) -> str:
    if not 1900 <= d.year <= 2100:
        raise IngestError(where, f"publication date {text!r} is outside 1900-2100: {HINT}")
    return d.isoformat()


def normalise_published(value: object, where: str) -> str | None:
    """A publication date as YYYY-MM-DD; None when absent; an IngestError naming `where` when
    the value is no full date."""
    if value in (None, ""):
        return None
    if isinstance(value, (date, datetime)):
        return _in_range(value if isinstance(value, date) else value.date(), str(value), where)
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", text):
        try:
            return _in_range(datetime.fromisoformat(text.replace("Z", "+00:00")).date(), text, where)
        except ValueError:
            raise IngestError(where, f"publication date {text!r} is no calendar date: {HINT}") from None
    if re.fullmatch(r"\d{4}(-\d{2})?", text):
        raise IngestError(where, f"publication date {text!r} gives no day: {HINT}")
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return _in_range(parsed.date(), text, where)
    if _WRITTEN.search(text) and any(m in text.lower() for m in _MONTHS):
        import dateparser  # a day, a month name and a year: no reading is ambiguous

        try:
            found = dateparser.parse(text, settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
        except Exception:  # dateparser raises assorted errors on junk
            found = None
        if found is not None:
            return _in_range(found.date(), text, where)
    raise IngestError(where, f"publication date {text!r} is not a full date: {HINT}")


def dateline_date(text: str, reference: date, reference_name: str = "today") -> tuple[str, str] | None:
    """The publication date a wire dateline gives ("OSLO, Nov 18, 2024 (Reuters) -"), and how it
    was read, or None. A dateline without a year ("Nov 18") is the last such day on or before
    `reference` (the file's date, or today): a filed story is dated by the day it was filed, and
    is read soon after. Nothing is guessed from the years the story mentions: those are the
    dates of its events, not of the story."""
    from ..dateline import find_dateline

    line = find_dateline(text)
    if line is None or not line.when:
        return None
    m = re.fullmatch(r"([A-Za-z]{3})[a-z]*\.? (\d{1,2})(?:, (\d{4}))?", line.when)
    if not m or m.group(1).lower() not in _MONTHS:
        return None
    month, day = _MONTHS.index(m.group(1).lower()) + 1, int(m.group(2))
    if m.group(3):
        try:
            found = date(int(m.group(3)), month, day)
        except ValueError:
            return None
        return (found.isoformat(), f"its dateline {line.when!r}") if 1900 <= found.year <= 2100 else None
    for year in range(reference.year, reference.year - 9, -1):  # Feb 29 waits for a leap year
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= reference:
            return found.isoformat(), f"its dateline {line.when!r}, the year from {reference_name}"
    return None
