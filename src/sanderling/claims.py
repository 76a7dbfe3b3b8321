"""Claim check: "the first ... in almost 18 months", "the first ... since November 2022".

Such a phrase implies when the previous event of the same kind happened. ``check_claims`` finds
the phrases, computes the implied previous date and compares it with the dated events of the same
dyad that the article itself reports.

Status:
- consistent: an event of the dyad falls where the claim puts the previous one (for "since X",
  in X; for "in D", about D before the current event), or the article's own "since X" phrase for
  the same event does;
- inconsistent: no event falls there, but one falls between that point and the current event
  (the claim says there was none);
- unknown: the article reports no event that bears on it.
Events after the implied date but before the current one are reported in the explanation even
when the claim is consistent: "such" may exclude them (a handshake is not an official talk).
"""
from __future__ import annotations


import re
from datetime import date, datetime, timedelta

from sanderling.schema import TimeValue
from sanderling.time import duration_parts, find_times, interval
from sanderling.nlp import doc_text

__all__ = ["check_claims"]

_FIRST = re.compile(r"\bfirst\b", re.I)
# tolerance in units of the claim, by its qualifier: (below, above) as fractions of N
_QUAL = [
    (re.compile(r"\b(?:almost|nearly|just under|less than|fewer than|close to|up to)\b", re.I), (0.15, 0.0)),
    (re.compile(r"\b(?:more than|over|just over|at least|upwards of)\b", re.I), (0.0, 0.25)),
    (re.compile(r"\b(?:about|around|some|roughly|approximately)\b", re.I), (0.15, 0.15)),
]
_MONTHS_PER = {"D": 1 / 30.4375, "W": 7 / 30.4375, "M": 1.0, "Y": 12.0}


def _months_between(a: date, b: date) -> float:
    return (b - a).days / 30.4375


def _event_interval(ev: dict) -> tuple[date, date] | None:
    return interval(ev.get("date")) if isinstance(ev.get("date"), str) else None


def _countries(ev: dict) -> frozenset[str]:
    return frozenset(c for c in (ev.get("source_country"), ev.get("target_country")) if c)


def _event_span(ev: dict) -> tuple[int, int] | None:
    if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        return ev["start"], ev["end"]
    evid = ev.get("evidence")
    if isinstance(evid, dict) and isinstance(evid.get("start"), int):
        return evid["start"], evid["end"]
    return None


def _fmt(d: date, unit: str) -> str:
    return d.isoformat() if unit in ("D", "W") else f"{d.year:04d}-{d.month:02d}"


def _shift(d: date, months: float) -> date:
    return d - timedelta(days=round(months * 30.4375))


def check_claims(doc, published: date, dated_events: list[dict]) -> list[dict]:
    """Find "first ... in <duration>" / "first ... since <date>" phrases in `doc` and check them
    against `dated_events` (dicts with "id", "date" (YYYY[-MM[-DD]]), "source_country",
    "target_country", and optionally "start"/"end" or "evidence" offsets of their sentence).

    Returns one dict per claim: text, start, end (char offsets of "first ... <time>"),
    implied_date (YYYY-MM or YYYY-MM-DD) and, for a duration claim, duration ("P18M");
    window ([earliest, latest] implied date), status (consistent | inconsistent | unknown),
    events (the ids it rests on) and explanation."""
    if isinstance(published, datetime):
        published = published.date()
    claims = []
    times = find_times(doc, published)
    for sent in doc.sents:
        firsts = [m for m in _FIRST.finditer(sent.text)]
        if not firsts:
            continue
        s_times = [t for t in times if sent.start_char <= t.start < sent.end_char]
        for m in firsts:
            fstart = sent.start_char + m.start()
            before = doc_text(doc)[max(sent.start_char, fstart - 4):fstart]
            if before.lower() == "the ":
                fstart -= 4
            claim_tv = _claim_time(doc, fstart, s_times)
            if claim_tv is None:
                continue
            ref = _reference_date(s_times, claim_tv, published)
            claims.append(_check(doc, sent, fstart, claim_tv, ref, published, dated_events, times))
    _cross_check(claims)
    return claims


def _claim_time(doc, fstart: int, s_times: list[TimeValue]) -> TimeValue | None:
    """The first duration introduced by "in"/"for" or "since" range after "first" in the sentence."""
    text = doc_text(doc)
    for tv in s_times:
        if tv.start <= fstart + 4:
            continue
        gap = text[fstart:tv.start]
        if len(gap) > 160 or re.search(r"[.;]", gap):
            continue
        if tv.kind == "duration" and re.search(r"\b(?:in|for)\s+(?:the\s+)?$", gap):
            return tv
        if tv.kind == "range" and tv.value is None and tv.range_start and tv.text.lower().startswith(("since", "ever since")):
            return tv
    return None


def _reference_date(s_times, claim_tv, published: date) -> date:
    """When the current event happened: a day-precise time in the same sentence, else publication."""
    for tv in s_times:
        if tv is claim_tv or tv.kind != "date" or tv.precision != "day" or not tv.value:
            continue
        d = date.fromisoformat(tv.value)
        if d <= published:
            return d
    return published


def _participants(ev: dict | None) -> set[str]:
    if not ev:
        return set()
    return {x for x in (ev.get("source_id"), ev.get("target_id")) if x}


def _current_dyad(sent, ref: date, events: list[dict]) -> tuple[frozenset[str] | None, dict | None]:
    inside = [ev for ev in events if (sp := _event_span(ev)) and sp[0] < sent.end_char and sent.start_char < sp[1]]
    # An event the claim's own sentence recalls ("since November 2022, when he met ...") is the
    # previous event, not the current one: the current one is not dated before the reference day.
    inside = [ev for ev in inside if not ((iv := _event_interval(ev)) and iv[1] < ref)]
    for ev in inside:
        if len(_countries(ev)) >= 1:
            return _countries(ev), ev
    # else: the event dated on the reference day, or the latest one not in the past
    near = [ev for ev in events if (iv := _event_interval(ev)) and iv[0] <= ref <= iv[1] and _countries(ev)]
    if near:
        return _countries(near[0]), near[0]
    return None, None


def _check(doc, sent, fstart, claim_tv, ref, published, events, times) -> dict:
    text = doc_text(doc)
    out = {"text": text[fstart:claim_tv.end], "start": fstart, "end": claim_tv.end}
    if claim_tv.kind == "duration":
        n, unit = duration_parts(claim_tv.value) or (0, "M")
        months = n * _MONTHS_PER[unit]
        below, above = (0.0, 0.0)
        for rx, tol in _QUAL:
            if rx.search(claim_tv.text):
                below, above = tol
                break
        else:
            below = above = 0.1 if unit in ("M", "Y") else 0.2
        # the window of dates where the previous event may lie
        lo_m = months * (1 + above) + (1 if unit in ("M", "Y") else 0)  # furthest back
        hi_m = months * (1 - below)
        if below == 0.15 and above == 0.0:  # "almost N": at most N, at least N minus a bit
            lo_m = months
        earliest, latest = _shift(ref, lo_m), _shift(ref, hi_m)
        implied = _shift(ref, months)
        out["duration"] = claim_tv.value
        out["implied_date"] = _fmt(implied, unit)
    else:
        iv = interval(claim_tv.range_start)
        if iv is None:
            out.update(status="unknown", events=[], explanation="could not read the date")
            return out
        earliest, latest = iv
        out["implied_date"] = claim_tv.range_start
    out["window"] = [earliest.isoformat(), latest.isoformat()]

    dyad, current = _current_dyad(sent, ref, events)
    pool = [ev for ev in events if _event_interval(ev) and (dyad is None or _countries(ev) == dyad)
            and ev is not current]
    kind = _claimed_mode(out["text"])
    if kind is not None:
        # "the first visit ... in two years": only visits count (a phone call is no visit)
        pool = [ev for ev in pool if ev.get("mode") == kind]
    # Prefer events with a participant of the current one ("Austin ... a Chinese counterpart"):
    # a summit of the two presidents does not break a run of defence ministers' silence.
    shared = _participants(current) and [ev for ev in pool if _participants(ev) & _participants(current)]
    if shared:
        pool = shared
    before = [ev for ev in pool if _event_interval(ev)[1] < ref or _event_interval(ev)[0] < ref - timedelta(days=1)]
    # an event matches when its interval overlaps the window
    match = [ev for ev in before if _event_interval(ev)[0] <= latest and earliest <= _event_interval(ev)[1]]
    between = [ev for ev in before if _event_interval(ev)[0] > latest and ev not in match]
    who = "–".join(sorted(dyad)) if dyad else "any"
    claim_words = f"'{claim_tv.text}'"
    if match:
        ev = max(match, key=lambda e: _event_interval(e)[0])
        gap = _months_between(_event_interval(ev)[0], ref), _months_between(_event_interval(ev)[1], ref)
        expl = (f"the previous {who} event the article dates is {ev.get('id')} ({ev.get('date')}); "
                f"{ev.get('date')} to {ref.isoformat()[:7]} is {_months_label(gap)}, "
                f"which fits {claim_words}")
        if between:
            expl += ("; later events " + ", ".join(f"{e.get('id')} ({e.get('date')})" for e in between)
                     + " are not counted, as the claim's 'such' may exclude them")
        out.update(status="consistent", events=[ev.get("id") for ev in match], explanation=expl)
    elif between:
        out.update(status="inconsistent", events=[e.get("id") for e in between],
                   explanation=(f"{claim_words} puts the previous {who} event at {out['implied_date']}, "
                                f"but the article dates " + ", ".join(f"{e.get('id')} ({e.get('date')})"
                                                                      for e in between)
                                + " after that and before this one"))
    else:
        out.update(status="unknown", events=[],
                   explanation=(f"the article dates no {'' if dyad is None else who + ' '}event near "
                                f"{out['implied_date']}"))
    out["reference_date"] = ref.isoformat()
    return out


# The kind of event a claim counts, by the noun it names: "the first visit ... in two years" is
# broken by an earlier visit, not by a phone call. ("The first such call" counts any contact of
# the two: a meeting breaks it too.)
_CLAIM_MODES = {"visit": "visit", "visits": "visit", "trip": "visit", "trips": "visit"}


def _claimed_mode(text: str) -> str | None:
    words = re.findall(r"[a-z]+", text.lower())[:4]  # "the first visit by ...": the head is early
    return next((_CLAIM_MODES[w] for w in words if w in _CLAIM_MODES), None)


def _months_label(gap: tuple[float, float]) -> str:
    lo, hi = sorted(round(g) for g in gap)
    return f"{lo} months" if lo == hi else f"{lo} to {hi} months"


def _cross_check(claims: list[dict]) -> None:
    """A duration claim left unknown agrees with the article's own "since X" claim about the same
    event when X falls in its window ("in almost 18 months" and "since November 2022")."""
    anchors = [c for c in claims if "duration" not in c and c.get("window")]
    for c in claims:
        if c.get("status") != "unknown" or "duration" not in c:
            continue
        lo, hi = (date.fromisoformat(x) for x in c["window"])
        for a in anchors:
            alo, ahi = (date.fromisoformat(x) for x in a["window"])
            if alo <= hi and lo <= ahi:
                c["status"] = "consistent"
                c["events"] = list(a.get("events") or [])
                c["explanation"] = (f"the article also says '{a['text']}': {a['implied_date']} lies "
                                    f"within the window of '{c['text']}'")
                break
