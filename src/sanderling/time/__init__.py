"""When: temporal expressions normalised against the article's publication date.

Public API:

- ``normalize(text, published, tense="past") -> TimeValue | None``: one expression
  ("on Tuesday", "in November", "since November 2022", "almost 18 months", ...).
- ``find_times(doc_or_span, published) -> list[TimeValue]``: every expression in a spaCy Doc or
  Span (spaCy DATE entities plus patterns spaCy misses), with character offsets into the doc.
- ``time_for_predicate(token, published) -> TimeValue | None``: the expression that belongs to
  this predicate by the dependency parse, not one from another clause.
- ``is_background(value, published, precision=None) -> bool``: a recalled earlier event.
- ``event.event_when(token, published) -> TimeValue | None``: the date an event record takes
  (its own time, one inherited from its phrase, clause, sentence or the story told before it,
  else the story's news date; None: the publication date). ``story.story_date(doc, published)``:
  the day a story's news happened (its dateline's date, else the day it names most).

Conventions. ``value`` is YYYY-MM-DD, YYYY-MM or YYYY, and ``precision`` says which (day, month,
year), except ``precision == "season"`` where value is the season's year and range_start /
range_end give its months. A span of days that is not a calendar unit ("last week") gets the
smallest calendar value that contains it, with the exact days in range_start / range_end
("early/mid/late March" too: the 1st-10th, 11th-20th, 21st-end); an event record dates such a
span by its middle day, ``precision == "span"`` (``event.event_date``).
An open range ("since November 2022") has ``kind == "range"``, ``value`` None and range_start set:
it says when something began, not when an event happened. Durations ("almost 18 months") have
``kind == "duration"`` and a TIMEX-style value ("P18M").

The rules here are written by hand; dateparser (with RELATIVE_BASE, on the expression text only,
never its free-text search) is the fallback for full dates in formats the rules do not cover.

Modules, in the order the data flows: ``vocab`` (words of time), ``values`` (calendar arithmetic,
TimeValue constructors), ``normalize`` (one expression), ``tense``, ``find`` (every expression of
a doc), ``predicate`` (the one that belongs to a predicate), ``background``, ``story`` (the
story's date, datelines), ``event`` (an event's date).
"""
from __future__ import annotations

from .background import is_background
from .find import find_times
from .normalize import interval, normalize
from .predicate import _shared_subject_conjuncts, time_for_predicate
from .tense import tense_of
from .values import duration_parts

__all__ = ["normalize", "find_times", "time_for_predicate", "is_background", "interval", "tense_of",
           "duration_parts"]
