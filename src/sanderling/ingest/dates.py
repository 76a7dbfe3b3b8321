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
