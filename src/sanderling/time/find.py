"""Every time expression of a Doc or Span: spaCy DATE entities plus the patterns spaCy misses."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from sanderling.nlp import doc_text
from sanderling.schema import TimeValue

from .normalize import normalize
from .tense import tense_of
from .vocab import FULL_MONTHS, MONTHS, WEEKDAYS

_MON_RE = "|".join(sorted((k for k in MONTHS), key=len, reverse=True))
_MONTH_WORD = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_APPROX_CAP = r"(?:(?:[Aa]lmost|[Nn]early|[Aa]bout|[Aa]round|[Ss]ome|[Rr]oughly|[Aa]pproximately|" \
              r"[Mm]ore than|[Ll]ess than|[Ff]ewer than|[Aa]t least|[Jj]ust (?:over|under)|[Oo]ver|" \
              r"[Cc]lose to|[Uu]p to)\s+)"
_NUMW = r"(?:\d+|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|" \
        r"[Ee]leven|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen|[Ss]eventeen|[Ee]ighteen|" \
        r"[Nn]ineteen|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|(?:[Aa] )?[Dd]ozen|(?:[Aa] )?[Cc]ouple of|" \
        r"(?:[Aa] )?[Ff]ew|[Ss]everal)"
_PATTERNS = [
    # ranges first (longest)
    rf"\b(?:[Bb]etween|[Ff]rom)\s+(?:{_MONTH_WORD}\s+)?(?:{_DAYNUM}\s+)?(?:{_MONTH_WORD}\s+)?{_YEAR}?\s*"
    rf"(?:and|to|until|through)\s+(?:{_MONTH_WORD}\s+)?(?:{_DAYNUM}\s+)?(?:{_MONTH_WORD},?\s+)?{_YEAR}\b",
    rf"\b{_YEAR}\s*[-–]\s*(?:{_YEAR}|\d\d)\b",
    # full dates
    rf"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?:{_MONTH_WORD}|{_MONTH_ABBR})\s+{_DAYNUM}(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+{_YEAR})?\b",
    rf"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"{_DAYNUM}(?:\s*[-–]\s*\d{{1,2}})?\s+(?:of\s+)?(?:{_MONTH_WORD}|{_MONTH_ABBR})(?:,?\s+{_YEAR})?\b",
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b",
    # month (year)
    rf"\b(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?(?:{_MONTH_WORD}|{_MONTH_ABBR}(?=\s+{_YEAR}))(?:,?\s+(?:of\s+)?{_YEAR})?\b",
    # seasons
    rf"\b(?:(?:last|this|next|[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?(?:the\s+)?(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)"
    rf"(?:\s+(?:of\s+)?{_YEAR})?\b",
    # relative units
    r"\b(?:(?:[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate)\s+)?(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Pp]revious)\s+"
    r"(?:week|weekend|month|year|decade)\b",
    r"\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast night)\b",
    # weekdays
    r"\b(?:(?:last|next|this)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b",
    # durations, ago, past N units
    rf"\b(?:(?:the\s+)?(?:[Pp]ast|[Ll]ast|[Pp]revious|[Nn]ext|[Cc]oming)\s+)?{_APPROX_CAP}?{_NUMW}"
    rf"(?:\s+and\s+a\s+half)?[\s-]+(?:days?|weeks?|months?|years?|decades?)(?:\s+and\s+a\s+half)?(?:\s+ago)?\b",
    # years after a preposition
    rf"\b(?:in|In|since|Since|by|By|until|during|of|from|From)\s+(?P<yr>{_YEAR})\b",
    rf"\b(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+{_YEAR}\b",
    rf"\b[Tt]he\s+(?:1[89]|20)\d0s\b",
]
_SCAN = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_NAME_MONTHS = {"may", "june", "jun", "april", "august", "march"}  # also given names / verbs


def _doc_and_range(doc_or_span):
    if hasattr(doc_or_span, "doc") and doc_or_span.doc is not doc_or_span:
        span = doc_or_span
        return span.doc, span.start_char, span.end_char
    return doc_or_span, 0, float("inf")  # not len(doc.text): spaCy rebuilds the text on every call


def _tokens_in(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else []


def _bad_month(doc, start: int, end: int) -> bool:
    """Traps: "Dong Jun" (a name), "May" the modal verb or a surname, "march" the verb."""
    span = _tokens_in(doc, start, end)
    for tok in span:
        low = tok.lower_.rstrip(".")
        if low not in MONTHS:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        followed_by_number = nxt is not None and (nxt.like_num or nxt.text[:1].isdigit())
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART"):
            if not followed_by_number:
                return True
        if low == "may" and (tok.tag_ == "MD" or (nxt is not None and nxt.pos_ in ("VERB", "AUX")
                                                  and not followed_by_number)):
            return True
        if low in MONTHS and low not in FULL_MONTHS and not followed_by_number:
            return True  # "Jun", "Dec" alone: abbreviations only count before a number
        if not tok.text[:1].isupper():
            return True  # "march", "may"
        if low in _NAME_MONTHS and not followed_by_number and prev is not None and \
                prev.text[:1].isupper() and prev.is_alpha and prev.lower_ not in MONTHS and \
                prev.lower_ not in WEEKDAYS and prev.i != prev.sent.start and \
                prev.lower_ not in ("in", "since", "until", "during", "by", "of", "from", "early",
                                    "late", "mid", "last", "next", "this", "on", "before", "after"):
            return True  # "Dong Jun", "Theresa May"
        if nxt is not None and tok.tag_ in ("NNP",) and nxt.tag_ == "NNP" and nxt.text[:1].isupper() \
                and not followed_by_number and nxt.lower_ not in MONTHS and nxt.ent_type_ == "PERSON":
            return True  # "June Smith"
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB" and not followed_by_number \
                and tok.head.lower_ not in ("began", "ended", "saw", "was", "is", "marked") \
                and low in _NAME_MONTHS and tok.ent_type_ != "DATE":
            return True  # "May said ..."
    return False


def _tense_at(doc, start: int, end: int) -> str:
    span = _tokens_in(doc, start, end)
    if not len(span):
        return "past"
    tok = span[0] if not hasattr(span, "root") else span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tense_of(tok)


def find_times(doc_or_span, published: date) -> list[TimeValue]:
    """Time expressions in a Doc or Span: spaCy DATE entities, then patterns spaCy misses.
    Offsets (start, end) are character offsets into the doc's text. Sorted by start."""
    if isinstance(published, datetime):
        published = published.date()
    doc, lo, hi = _doc_and_range(doc_or_span)
    cache = doc.user_data.setdefault("sanderling_times", {})
    key = published.isoformat()
    if key not in cache:
        cache[key] = _find_all(doc, published)
    return [replace(tv) for tv in cache[key] if tv.start >= lo and tv.end <= hi]


def _find_all(doc, published: date) -> list[TimeValue]:
    text = doc_text(doc)
    candidates: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ == "DATE" or (ent.label_ in ("TIME", "CARDINAL") and re.search(
                r"\b(?:night|morning|evening|afternoon|between|since)\b|\d{4}", ent.text)):
            candidates.append((ent.start_char, ent.end_char, "ent"))
    for m in _SCAN.finditer(text):
        if m.group("yr"):
            candidates.append((m.start("yr"), m.end("yr"), "re"))
        else:
            candidates.append((m.start(), m.end(), "re"))

    found: list[TimeValue] = []
    # longest first; then keep the spans that do not overlap one already taken
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2] != "re", c[0]))
    taken: list[tuple[int, int]] = []
    for start, end, _src in candidates:
        s_text = text[start:end]
        # trim trailing possessive and punctuation
        s_text_stripped = s_text.rstrip(" ,.;:")
        end = start + len(s_text_stripped)
        if s_text_stripped.endswith("'s") or s_text_stripped.endswith("’s"):
            end -= 2
        if end <= start or any(start < b and a < end for a, b in taken):
            continue
        # extend left over "since" / "between": "since November 2022"
        pre = text[max(0, start - 12):start]
        m = re.search(r"(?:\b[Ss]ince|\b[Ee]ver since|\b[Tt]his past)\s+$", pre)
        if m:
            start = start - len(pre) + m.start()
        if _bad_month(doc, start, end):
            continue
        tense = _tense_at(doc, start, end)
        tv = normalize(text[start:end], published, tense)
        if tv is None:  # an entity with extra words: the pattern matches inside it still get a turn
            continue
        tv.start, tv.end = start, end
        taken.append((start, end))
        found.append(tv)
    found.sort(key=lambda tv: tv.start)
    return found
