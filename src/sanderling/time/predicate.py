"""Which time expression belongs to a predicate, by the dependency parse."""
from __future__ import annotations

import re

from dataclasses import replace
from datetime import date, datetime

from sanderling.nlp import doc_text
from sanderling.schema import TimeValue

from .find import _tokens_in, find_times
from .normalize import normalize
from .tense import tense_of


def _span_tokens(doc, tv: TimeValue):
    return _tokens_in(doc, tv.start, tv.end)


def _owner(doc, tv: TimeValue, stop):
    """Climb from the expression's root to the first verb (or the token `stop`): its clause."""
    span = _span_tokens(doc, tv)
    if not len(span):
        return None
    inside = {t.i for t in span}
    roots = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    if not roots:
        return None
    tok = roots[0]
    if tok.head.i == tok.i:
        return tok
    tok = tok.head
    for _ in range(30):
        if tok == stop or tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        if tok.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj") and tok.pos_ != "NOUN":
            return tok
        tok = tok.head
    return tok


def _when_clause_time(token, times: list[TimeValue]) -> TimeValue | None:
    """"since November 2022, when he met ...": the date the `when` clause hangs on."""
    doc = token.doc
    when = [c for c in token.children if c.lower_ in ("when", "where") and c.tag_ == "WRB" and c.i < token.i]
    if not when:
        # the relative adverb may hang elsewhere in the clause
        when = [t for t in doc[token.left_edge.i: token.i] if t.lower_ == "when" and t.tag_ == "WRB"
                and t.head == token]
    for w in when:
        if w.lower_ != "when":
            continue
        j = w.i - 1
        while j >= 0 and doc[j].is_punct:
            j -= 1
        if j < 0:
            continue
        ch = doc[j].idx
        for tv in times:
            if tv.start <= ch < tv.end:
                return _as_anchor(tv)
    return None


def _as_anchor(tv: TimeValue) -> TimeValue:
    """A range read as the date it starts from ("since November 2022" -> November 2022)."""
    if tv.kind == "range" and tv.value is None and tv.range_start:
        prec = {4: "year", 7: "month", 10: "day"}.get(len(tv.range_start), tv.precision)
        return replace(tv, value=tv.range_start, kind="date", precision=prec, range_start=None,
                       range_end=None)
    return replace(tv)


def _shared_subject_conjuncts(token):
    """Verbs coordinated with `token` that share its subject ("shook hands and spoke ... in June
    2023"): a time on one of them belongs to both. A conjunct with its own subject is another
    clause and is left out."""
    out = []
    for other in token.conjuncts:
        if other.pos_ not in ("VERB", "AUX"):
            continue
        later = other if other.i > token.i else token
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in later.children):
            out.append(other)
    return out


def _bound(doc, tv: TimeValue) -> bool:
    """"delayed the tariffs until April": the end of what the predicate starts, not its date."""
    if re.match(r"(?:until|till)\b", tv.text, re.I):
        return True
    first = _span_tokens(doc, tv)[0]
    return first.i > 0 and doc[first.i - 1].lower_ in {"until", "till"}


def time_for_predicate(token, published: date, _conj_depth: int = 0) -> TimeValue | None:
    """The time expression that belongs to this predicate token by the dependency parse.

    An expression belongs to the predicate whose clause it sits in: climbing from the
    expression's head through prepositions and nouns, the first verb reached (or `token` itself,
    for a nominal predicate such as "meeting"). A predicate introduced by "when" right after a
    date ("since November 2022, when he met ...") takes that date. Durations ("for two years")
    are not times of an event and are skipped. The expression is normalised with the tense of
    `token`'s verb. A verb coordinated with `token` under the same subject lends its time
    ("shook hands and spoke ... in June 2023"). Returns None when no expression belongs to it."""
    if isinstance(published, datetime):
        published = published.date()
    doc = token.doc
    times = find_times(doc, published)
    anchor = _when_clause_time(token, times)
    if anchor is not None:
        return anchor
    sent = token.sent
    mine: list[TimeValue] = []
    for tv in times:
        if tv.kind == "duration" or not (sent.start_char <= tv.start < sent.end_char):
            continue
        if _owner(doc, tv, token) == token and not _bound(doc, tv):
            mine.append(tv)
    if not mine:
        if _conj_depth == 0:
            for other in _shared_subject_conjuncts(token):
                tv = time_for_predicate(other, published, _conj_depth=1)
                if tv is not None:
                    return tv
        return None
    tense = tense_of(token)
    best = sorted(mine, key=lambda tv: (tv.value is None, abs(_span_tokens(doc, tv)[0].i - token.i)))[0]
    renorm = normalize(doc_text(doc)[best.start:best.end], published, tense)
    if renorm is not None:
        renorm.start, renorm.end = best.start, best.end
        return renorm
    return best
