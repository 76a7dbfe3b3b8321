"""The story's own date: its dateline's, else the day its news happened.

News reports the day before as often as the day of publication: a story published late on the
14th is about "Thursday" (the 13th). An event with no time of its own is the story's news, so it
takes the story's date: the dateline's date ("TOKYO, Nov 18 (Reuters) -"); else the day that the
story's recent day expressions ("on Thursday", "yesterday", "March 13") name most often (ties: the
first named); else the publication date.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from sanderling.nlp import doc_text

from .find import find_times
from .vocab import MONTHS

# The span a bare weekday can name before publication: "on Thursday" is at most six days back.
RECENT_DAYS = 6

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
# PLACE[, COUNTRY], Month Day[, Year] [(Agency)] -
DATELINE = re.compile(
    rf"^\s*[A-Z][A-Za-z.'’/ -]{{1,40}}?,(?:\s*[A-Z][A-Za-z.'’ -]{{1,30}}?,)?\s*"
    rf"(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?\s*(?:\([^)]{{1,40}}\)\s*)?[-–—]")


def dateline(text: str, published: date) -> tuple[date, int] | None:
    """The dateline's date and where the dateline ends, or None when the story has no dated one.
    A date without a year takes the year that puts it nearest to publication (a dateline is
    the day the story was filed, in its own time zone)."""
    m = DATELINE.match(text or "")
    if m is None:
        return None
    mon, day = MONTHS[m.group("mon").lower()], int(m.group("day"))
    years = [int(m.group("year"))] if m.group("year") else [published.year - 1, published.year, published.year + 1]
    found = []
    for y in years:
        try:
            found.append(date(y, mon, day))
        except ValueError:
            continue
    if not found:
        return None
    return min(found, key=lambda d: abs((d - published).days)), m.end()


def story_date(doc, published: date) -> date:
    """The day the story's news happened (see the module's comment); cached on the doc."""
    cache = doc.user_data.setdefault("sanderling_story_date", {})
    key = published.isoformat()
    if key not in cache:
        cache[key] = _story_date(doc, published)
    return cache[key]


def _story_date(doc, published: date) -> date:
    lead = dateline(doc_text(doc)[:200], published)
    if lead is not None:
        return lead[0]
    days: list[date] = []
    for tv in find_times(doc, published):
        if tv.kind != "date" or tv.precision != "day" or not tv.value:
            continue
        d = date.fromisoformat(tv.value)
        if timedelta(0) <= published - d <= timedelta(days=RECENT_DAYS):
            days.append(d)
    if not days:
        return published
    return Counter(days).most_common(1)[0][0]  # ties: the first named (Counter keeps insertion order)
