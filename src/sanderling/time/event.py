"""The time an event gets, and the date its record carries.

``event_time(token, published)``: the predicate's own expression (``time_for_predicate``; an
open range "since 2014" gives its start: the event began then); else one it inherits by the
parse, in this order:

- a verb coordinated after a dated one ("shook hands in June 2023 ..., but China refused");
- the event noun its clause completes or modifies ("Tuesday's announcement that X had agreed",
  "last week's talks, which ended ...");
- the clause it is the complement of ("said Tuesday that its forces shelled ...") or the
  "though/while/as" clause it hangs on ("heard the case in mid-March, though X refused ...");
  a past perfect ("said Monday that X had asked") happened before that, how long before is not
  said: the date it gets is the nearest bound there is;
- a "when/as/while" clause under it ("When they met in 2021, they agreed ..."), or an "after"
  one dated to the month or year ("soured after the army ousted him in 2013");
- the one date of its sentence when the parse gives it none and the sentence names just one
  (spaCy often hangs "in April 2023" on the wrong verb); not for a future predicate, nor a
  deadline ("by 2050"), nor a date the parse gives to a plan ("vowed to make ... in 2050").

``event_when(token, published)``: the TimeValue an event record takes: ``event_time`` as a
record's date (``event_date``), else the story's date (``story.story_date``) where that is not
the publication date; None means the publication date.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from sanderling.nlp import doc_text
from sanderling.schema import TimeValue

from .find import find_times
from .normalize import interval
from .predicate import _as_anchor, _owner, time_for_predicate
from .story import dateline, story_date
from .tense import tense_of

# Subordinate clauses that share their head's time; "after", "before", "since", "because" do not.
SAME_TIME_MARKS = {"when", "as", "while", "though", "although", "whereas", "whilst"}
_DEPTH = 3


def _usable(tv: TimeValue | None) -> bool:
    return tv is not None and tv.kind != "duration" and bool(tv.value)


def _marks(token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("mark", "advmod") and c.i < token.i}


def event_time(token, published: date, _depth: int = 0) -> TimeValue | None:
    """The time expression of the event `token` is the predicate of (see the module's comment)."""
    own = time_for_predicate(token, published)
    if own is not None and own.kind == "range" and not own.value and own.range_start:
        own = _as_anchor(own)  # "has held them since 2014": the event began then
    if _usable(own) and not _in_dateline(own, token.doc, published):
        return own
    inherited = _inherited(token, published, _depth)
    if inherited is not None:
        return inherited
    return _sentence_only(token, published) if _depth == 0 else None


def _inherited(token, published: date, depth: int) -> TimeValue | None:
    if depth >= _DEPTH:
        return None
    if token.dep_ == "conj":
        for verb in (token.head, *token.head.conjuncts):
            if verb.i < token.i and verb.i != token.i:
                tv = time_for_predicate(verb, published)
                if _usable(tv):
                    return tv
    head = token.head
    if head.i != token.i:
        if token.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            tv = time_for_predicate(head, published)
            if _usable(tv):
                return tv
        elif token.dep_ == "ccomp" or (token.dep_ == "advcl" and _marks(token) & SAME_TIME_MARKS):
            if tense_of(token) != "future":
                tv = event_time(head, published, depth + 1)
                if _usable(tv):
                    return tv
    for child in token.children:
        marks = _marks(child) if child.dep_ == "advcl" else set()
        if marks & (SAME_TIME_MARKS | {"after"}):
            tv = time_for_predicate(child, published)
            # "soured after the army ousted him in 2013": in 2013 too, at a month's or a year's grain
            if _usable(tv) and (marks & SAME_TIME_MARKS or tv.precision in ("month", "year")):
                return tv
    return None


def _in_dateline(tv: TimeValue, doc, published: date) -> bool:
    """The dateline's date is the story's, not any one predicate's."""
    if tv.start is None or tv.start > 200:
        return False
    lead = dateline(doc_text(doc)[:200], published)
    return lead is not None and tv.start < lead[1]


def _sentence_only(token, published: date) -> TimeValue | None:
    if tense_of(token) == "future":
        return None
    doc = token.doc
    times = [tv for tv in find_times(token.sent, published)
             if _usable(tv) and not _in_dateline(tv, doc, published)]
    if len({tv.value for tv in times}) != 1:
        return None
    tv = times[0]
    if re.match(r"(?:by|until|till|before)\b", tv.text, re.I):
        return None  # a deadline ("by 2050") or a bound, not when something happened
    owner = _owner(doc, tv, token)
    if owner is not None and owner.pos_ in ("VERB", "AUX") and tense_of(owner) == "future":
        return None  # the date of a plan in the same sentence ("vowed to make ... by 2050")
    return tv


def event_date(tv: TimeValue, published: date) -> TimeValue:
    """The value an event record carries for `tv`. A span of days that is no calendar unit ("last
    week", "earlier this month", "mid-March") is dated by its middle day, precision "span" (the
    record's date has room for one day, month or year; the span's month would also claim days
    after publication, or the wrong half of it). Spans end at publication for events that
    happened. Calendar units keep their value."""
    if not (tv.range_start and tv.range_end and len(tv.range_start) == 10 and len(tv.range_end) == 10):
        return tv
    start, end = date.fromisoformat(tv.range_start), date.fromisoformat(tv.range_end)
    if start <= published < end:
        end = published
    if end <= start or (end - start).days > 31:
        return tv
    whole = interval(f"{start.year:04d}-{start.month:02d}")
    if (start, end) == whole:
        return tv
    middle = start + timedelta(days=(end - start).days // 2)
    return replace(tv, value=middle.isoformat(), precision="span")


def event_when(token, published: date) -> TimeValue | None:
    """The time an event record takes (see the module's comment); None: the publication date."""
    tv = event_time(token, published)
    if tv is not None:
        return event_date(tv, published)
    news = story_date(token.doc, published)
    if news == published:
        return None
    return TimeValue(text="", value=news.isoformat(), kind="date", precision="day")
