"""GDELT 2.0 event table (61 columns) and mentions table (16 columns), tab-separated, no header.

Column names and order: the GDELT 2.0 Event Database codebook (V2.0, 2015) and its mentions
table; GDELT publishes header files of the same names. What sanderling cannot fill is left
empty (tone, ethnicity, religion, actor geography, ADM codes), as GDELT leaves fields it lacks.
"""
from __future__ import annotations

import datetime as dt
from typing import TextIO

from . import codes
from .rows import EventRow, event_date, first_day, iter_events, iter_mentions, stable_int

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]

EVENT_COLUMNS = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
                 + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
                 + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
                 + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO]
                 + [f"ActionGeo_{c}" for c in _GEO] + ["DATEADDED", "SOURCEURL"])
assert len(EVENT_COLUMNS) == 61

MENTION_COLUMNS = ["GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType",
                   "MentionSourceName", "MentionIdentifier", "SentenceID", "Actor1CharOffset",
                   "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen",
                   "MentionDocTone", "MentionDocTranslationInfo", "Extras"]
assert len(MENTION_COLUMNS) == 16

#: CAMEO's actor-type codes that sanderling's sectors share; the rest still go out as written.
_BODIES = {"IGO", "NGO", "MNC"}


def _clean(value) -> str:
    """A field as GDELT writes it: no tabs or newlines inside, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _day(date: str | None) -> str:
    d = first_day(date)
    return d.replace("-", "") if d else ""


def _stamp(date: str | None) -> str:
    """YYYYMMDDHHMMSS (GDELT's DATEADDED): sanderling keeps days, not times."""
    d = _day(date)
    return d + "000000" if d else ""


def _fraction(day: str) -> str:
    """YYYY.FFFF: the year plus the fraction of it gone, as GDELT's FractionDate."""
    if not day:
        return ""
    try:
        d = dt.date(int(day[:4]), int(day[4:6]), int(day[6:8]))
    except ValueError:
        return ""
    return f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"


def _actor(actor: dict | None) -> list:
    if not actor:
        return [""] * 10
    country = actor.get("country")
    sectors = [s for s in (actor.get("sectors") or []) if s]
    group = actor.get("org") if country in _BODIES else None
    code = (country or "") + "".join(sectors[:3])  # CAMEO actor codes chain 3-letter codes: DEUGOVMIL
    return [code, (actor.get("name") or "").upper(), country, group, "", "", "",
            *(sectors + ["", "", ""])[:3]]


def _geo(loc: dict | None) -> list:
    if not loc or not (loc.get("name") or loc.get("country")):
        return [0, "", "", "", "", "", "", ""]
    iso3, name = loc.get("country"), loc.get("name")
    cname = codes.country_name(iso3)
    fips = codes.fips(iso3)
    is_country = not name or name == cname or (not loc.get("admin1") and name == iso3)
    # GDELT geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    if is_country:
        kind = 1
    elif loc.get("admin1") and name == loc.get("admin1"):
        kind = 2 if iso3 == "USA" else 5
    else:
        kind = 3 if iso3 == "USA" else 4
    full = ", ".join(p for p in (name if not is_country else None, loc.get("admin1") if loc.get("admin1") != name else None,
                                 cname or iso3) if p)
    return [kind, full, fips, fips if is_country else "", "", loc.get("lat"), loc.get("lon"),
            fips if is_country else ""]


def event_line(row: EventRow) -> list:
    e = row.record
    day = _day(event_date(row))
    cameo = e.get("cameo")
    if not cameo:
        from ..events.ontology import default_cameo

        cameo = default_cameo(e.get("event_type"))
    cameo = cameo or ""
    evidence = e.get("evidence") or {}
    added = _stamp(row.published or event_date(row))
    return [stable_int(e.get("id")), day, day[:6], day[:4], _fraction(day),
            *_actor(e.get("source")), *_actor(e.get("target")),
            1 if evidence.get("sentence") == 0 else 0, cameo, cameo[:3], cameo[:2],
            e.get("quad_class"), e.get("goldstein"), row.num_mentions, row.num_sources, row.num_articles, "",
            *_geo(None), *_geo(None), *_geo(e.get("location")),
            added, row.url or row.source_name or ""]


def write_events(con, out: TextIO, since=None, until=None, country=None) -> int:
    n = 0
    for row in iter_events(con, since, until, country):
        out.write("\t".join(_clean(v) for v in event_line(row)) + "\n")
        n += 1
    return n


def _domain(url: str | None) -> str | None:
    """GDELT names a web source by its domain (MentionSourceName "bbc.co.uk")."""
    if not url:
        return None
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else (host or None)


def write_mentions(con, out: TextIO, since=None, until=None, country=None) -> int:
    n = 0
    for (event_id, date, article_id, sentence, start, end, source, url, published, doc_len,
         confidence, event_published) in iter_mentions(con, since, until, country):
        # EventTimeDate is the event's DATEADDED (its own article's day), MentionTimeDate this report's
        line = [stable_int(event_id), _stamp(event_published or date), _stamp(published or event_published or date),
                1 if url else 2, _domain(url) or source or "", url or f"{source or 'unknown'} article {article_id}",
                (sentence + 1) if sentence is not None else "", -1, -1, start if start is not None else -1,
                1, round((confidence or 0) * 100), doc_len, "", "", ""]
        out.write("\t".join(_clean(v) for v in line) + "\n")
        n += 1
    return n
