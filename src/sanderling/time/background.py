"""Background: an earlier event the article recalls rather than reports."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sanderling.schema import TimeValue

from .normalize import interval


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
