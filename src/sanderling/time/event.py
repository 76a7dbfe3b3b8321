"""The time an event gets, and the date its record carries.

``event_time(token, published)``: the predicate's own expression (``time_for_predicate``; an
open range "since 2014" gives its start: the event began then); else one it inherits by the
parse, in this order:

- a verb coordinated after a dated one ("shook hands in June 2023 ..., but China refused");
- the event noun its clause completes or modifies ("Tuesday's announcement that X had agreed",
  "last week's talks, which ended ..."), or the place's verb for a "where" clause ("began March
  6 in the region, where forces clashed"); for an event noun, the verb that carries it out
  ("carried out an airstrike on Tuesday", data/time/support_verbs.txt) or that it is the subject
  or setting of ("the strike killed five on Monday", "killed in an airstrike on Monday"); a verb
  that reacts to it ("praised his first summit in 2019") gives only its own date, as a bound;
- the clause it is the complement of ("said Tuesday that its forces shelled ...") or the
  "though/while/as" clause it hangs on ("heard the case in mid-March, though X refused ...");
  a past perfect ("said Monday that X had asked") happened before that, how long before is not
  said: the date it gets is the nearest bound there is;
- a "when/as/while" clause under it ("When they met in 2021, they agreed ..."), or an "after"
  one dated to the month or year ("soured after the army ousted him in 2013");
- the one date of its sentence when the parse gives it none and the sentence names just one
  (spaCy often hangs "in April 2023" on the wrong verb: "are caught up in a struggle that began
  ..., in April 2023"); only for a past predicate ("show", "are allies", "stand accused" are
  states, not the date's; an event noun only where its verb would date it), and not a deadline
  ("by 2050"), a plan's date ("vowed to make ... in 2050") or a relative clause's own date ("the
  arrest of X, who led last year's protests").

``event_when(token, published)``: the TimeValue an event record takes: ``event_time`` (else
``narrative_time``: a recalled story told on in the next sentence) as a record's date
(``event_date``), else the story's date (``story.story_date``) where that is not
the publication date; None means the publication date.
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from datetime import date, timedelta

from sanderling.data_tables import data_lines
from sanderling.nlp import doc_text
from sanderling.schema import TimeValue

from .background import is_background
from .find import find_times
from .normalize import interval
from .predicate import _as_anchor, _bound, _owner, time_for_predicate
from .story import dateline, story_date
from .tense import tense_of

# Subordinate clauses that share their head's time; "after", "before", "since", "because" do not.
SAME_TIME_MARKS = {"when", "as", "while", "though", "although", "whereas", "whilst"}
_DEPTH = 3


def _usable(tv: TimeValue | None) -> bool:
    return tv is not None and tv.kind != "duration" and bool(tv.value)


def _marks(token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("mark", "advmod") and c.i < token.i}


DECISION_VERBS = {"announce", "decide", "declare"}


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
    told_in = _in_which_time(token, published)
    if told_in is not None:
        return told_in
    return _sentence_only(token, published) if _depth == 0 else None


def _in_which_time(token, published: date) -> TimeValue | None:
    """"his interviews in November and January, in which he said he would ...": what is said in
    a clause "in which" is as old as what it is told in, the time just before "in which" (the
    first of a pair). Climbs from the predicate through the clauses that report it."""
    verb, seen = token, 0
    while verb is not None and seen < 4:
        seen += 1
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "during"} and prep.i < verb.i \
                    and any(c.dep_ == "pobj" and c.lower_ == "which" for c in prep.children):
                before = [tv for tv in find_times(token.sent, published) if _usable(tv)
                          and tv.end <= prep.idx and prep.idx - tv.end <= 40]
                if not before:
                    return None
                if len(before) > 1 and _joined(token.doc, before[-2], before[-1]):
                    return before[-2]
                return before[-1]
        if verb.dep_ in {"ccomp", "xcomp", "conj"} and verb.head != verb:
            verb = verb.head
            continue
        break
    return None


def _joined(doc, a: TimeValue, b: TimeValue) -> bool:
    """Two times joined by "and"/"or" ("in November and January")."""
    return doc_text(doc)[a.end:b.start].strip() in {"and", "or", "and in", ","}


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
        if token.pos_ in ("NOUN", "PROPN") and _lends_time(token):
            tv = event_time(_verb_of(token), published, depth + 1)
            if _usable(tv):
                return tv
        elif token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" \
                and tense_of(head) == "past":
            # "praised his first summit in 2019": the summit was before, when is not said; the
            # reaction's own date is the nearest bound there is (as for a past perfect)
            # "his first summit": the one told with its date near by, where there is one
            tv = _same_kind_nearby(token, published, depth) if _recalled_ordinal(token) else None
            if _usable(tv):
                return tv
            tv = time_for_predicate(head, published)
            if _usable(tv) and tv.kind != "range":
                return tv
        elif token.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            tv = time_for_predicate(head, published)
            if not _usable(tv) and "where" in _marks(token):
                # "violence that began March 6 in the region, where forces clashed": the place's verb
                tv = event_time(head, published, depth + 1)
            if _usable(tv):
                return tv
        elif token.dep_ == "ccomp" or (token.dep_ == "advcl" and _marks(token) & SAME_TIME_MARKS):
            # "announced last week that it would halt aid": a decision dates from its announcement
            if tense_of(token) != "future" or head.lemma_.lower() in DECISION_VERBS:
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


# A noun that names one of a series, or one before: "his first summit", "the previous talks".
RECALLED = {"first", "second", "third", "previous", "earlier", "last", "prior"}


def _recalled_ordinal(noun) -> set[str]:
    return {c.lower_ for c in noun.children if c.dep_ in ("amod", "nummod") and c.lower_ in RECALLED}


def _same_kind_nearby(noun, published: date, depth: int) -> TimeValue | None:
    """The date of the same kind of event told in a sentence near by with the same ordinal ("his
    first summit" ... "met for the first time at the X summit in June 2018")."""
    words = _recalled_ordinal(noun)
    doc, sent = noun.doc, noun.sent
    sents = list(doc.sents)
    at = next(i for i, s in enumerate(sents) if s.start == sent.start)
    for other_sent in sents[max(0, at - 2): at + 3]:
        if other_sent.start == sent.start or not words & {t.lower_ for t in other_sent}:
            continue
        for other in other_sent:
            if other.lemma_.lower() == noun.lemma_.lower() and other.pos_ == noun.pos_:
                tv = event_time(other, published, depth + 1)
                if _usable(tv):
                    return tv
                # "met for the first time at the X summit in June 2018": the sentence's one date
                times = {tv.value: tv for tv in find_times(other_sent, published)
                         if _usable(tv) and not _in_dateline(tv, doc, published)}
                if len(times) == 1:
                    return next(iter(times.values()))
    return None


@functools.lru_cache(maxsize=None)
def _word_list(folder: str, name: str) -> frozenset[str]:
    return frozenset(line.strip() for line in data_lines(f"{folder}/{name}"))


def support_verbs() -> frozenset[str]:
    return _word_list("time", "support_verbs.txt")


def _verb_of(noun):
    """The verb an event noun is an argument of, through a preposition ("killed in an attack")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    return head


def _lends_time(noun) -> bool:
    """Whether the verb of an event noun dates it: as the noun's subject-verb ("the strike killed
    five on Tuesday"), a support verb ("carried out an airstrike", "talks were held"), or the
    verb of the clause the event happens in ("killed in an airstrike", "during talks")."""
    verb = _verb_of(noun)
    if verb.i == noun.i or verb.pos_ not in ("VERB", "AUX"):
        return False
    if noun.dep_ == "nsubj":
        return True
    if noun.dep_ == "pobj":
        return noun.head.lower_ in ("in", "during", "at", "amid", "with")
    return noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and verb.lemma_.lower() in support_verbs()


def _in_dateline(tv: TimeValue, doc, published: date) -> bool:
    """The dateline's date is the story's, not any one predicate's."""
    if tv.start is None or tv.start > 200:
        return False
    lead = dateline(doc_text(doc)[:200], published)
    return lead is not None and tv.start < lead[1]


def _sentence_only(token, published: date) -> TimeValue | None:
    if token.pos_ in ("NOUN", "PROPN") and not _lends_time(token):
        return None  # "praised his first summit in 2019": the summit was before
    if tense_of(token) != "past":
        return None  # "show", "are allies", "stand accused": a present state is not the date's
    doc = token.doc
    times = [tv for tv in find_times(token.sent, published)
             if _usable(tv) and not _in_dateline(tv, doc, published)]
    if len({tv.value for tv in times}) != 1:
        return None
    tv = times[0]
    if re.match(r"(?:by|until|till|before)\b", tv.text, re.I) or _bound(doc, tv):
        return None  # a deadline ("by 2050") or a bound, not when something happened
    owner = _owner(doc, tv, token)
    if owner is None or owner.pos_ not in ("VERB", "AUX"):
        return tv
    if tense_of(owner) == "future" and (owner.dep_ == "xcomp" or _modal(owner)):
        return None  # a plan's date ("vowed to make ... in 2050"); a purpose clause is no plan
        # ("launched an operation to flush them out ... in 2015")
    if owner.dep_ == "relcl" and token not in owner.subtree:
        return None  # "the arrest of X, who led last year's protests": the clause's own date
    if token.dep_ in ("acl", "relcl") and owner not in token.subtree and not _present(owner):
        return None  # "adjourned on Wednesday the case of a man arrested over ...": the arrest was
        # before; a past date on a present verb ("are caught up in a war that began ..., in
        # April 2023") is the parse's slip and stays
    return tv


def _modal(verb) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _present(verb) -> bool:
    """"show", "are caught up", "has spread": a present verb, simple, passive or perfect."""
    return verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)


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
    # a part of a year ("late last year", "earlier this year") may span up to a season
    longest = 92 if tv.precision == "year" and start.year == end.year else 31
    if end <= start or (end - start).days > longest:
        return tv
    whole = interval(f"{start.year:04d}-{start.month:02d}")
    if (start, end) == whole:
        return tv
    middle = start + timedelta(days=(end - start).days // 2)
    return replace(tv, value=middle.isoformat(), precision="span")


def _speech_verbs() -> frozenset[str]:
    return _word_list("events", "speech_verbs.txt")


def _report_verbs() -> frozenset[str]:
    return _word_list("events", "report_verbs.txt")


def _lookup_type(token):
    from ..events.detect import _lookup  # the predicate lexicon: a typed act, not a report

    entry = _lookup(token)
    return entry if entry is not None and entry.plover != "NONE" else None


def _simple_past(verb) -> bool:
    """"sentenced", "was sentenced": not a perfect ("have rejected" is the story's present), nor
    a participle modifying a noun ("the government led by ...")."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("acl", "relcl", "amod"):
        return False
    clause = verb.head if verb.dep_ == "conj" else verb
    auxes = {c.lower_ for v in (verb, clause) for c in v.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"has", "have", "had", "'ve", "'s", "will", "would"}:
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(auxes & {"was", "were"})) or (
        verb.tag_ == "VB" and "did" in auxes)  # "did not mesh"


def narrative_time(token, published: date) -> TimeValue | None:
    """A recalled story told on: an undated simple-past event right after a sentence dated in the
    background ("In 2022, authorities arrested her. A court later sentenced her to six years.")
    takes that sentence's last date, as a bound. Not for a sentence with a time of its own, nor
    for reporting ("X said ..."): that is the story's news."""
    if token.pos_ in ("NOUN", "PROPN"):
        # "Washington's call for ... did not mesh": an event noun told on with its clause's verb
        token = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if token is None:
            return None
    if not _simple_past(token):
        return None
    lemma = token.lemma_.lower()
    if lemma in _speech_verbs() or lemma in _report_verbs() or (
            any(c.dep_ == "ccomp" for c in token.children) and _lookup_type(token) is None):
        return None  # "X said / reported that ..." is the story's news; "demanded that ..." an act
    doc, sent = token.doc, token.sent
    if sent.start == 0 or any(_usable(tv) for tv in find_times(sent, published)):
        return None
    before = doc[sent.start - 1].sent
    times = [tv for tv in find_times(before, published) if not _in_dateline(tv, doc, published)]
    times = [_as_anchor(tv) if tv.kind == "range" and not tv.value else tv for tv in times]
    times = [tv for tv in times if _usable(tv)]
    if not times or not is_background(times[-1], published):
        return None
    return times[-1]


def event_when(token, published: date) -> TimeValue | None:
    """The time an event record takes (see the module's comment); None: the publication date."""
    tv = event_time(token, published) or narrative_time(token, published)
    if tv is not None:
        return event_date(tv, published)
    news = story_date(token.doc, published)
    if news == published:
        return None
    return TimeValue(text="", value=news.isoformat(), kind="date", precision="day")
