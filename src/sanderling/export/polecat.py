"""POLECAT tab format: a header line, then one event a line, tab-separated.

The column list follows the POLECAT weekly files on Harvard Dataverse (the NGEC coder's output,
described in Halterman et al., "PLOVER and POLECAT: A New Political Event Ontology and Dataset",
and in the POLECAT notes at andybeger.com/blog/2024-05-21-polecat-event-data, which also says
some releases carry extra trailing columns such as Headline). The names were gathered from those
descriptions, not copied from a data file: readers that match columns by name will find them;
the few that sanderling has no value for are left empty (COW codes, Wikidata ids, GeoNames ids).
"""
from __future__ import annotations

import csv
from typing import TextIO

from .. import __version__
from . import codes
from .rows import event_date, first_day, iter_events

_PARTY = ["Name", "Country", "COW", "Primary {} Sector", "Sectors", "Title", "Name Raw", "Wikipedia {} ID"]


def _party_columns(who: str) -> list[str]:
    return [f"{who} {c}" if "{}" not in c else c.format(who) for c in _PARTY]


COLUMNS = (["Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts"]
           + _party_columns("Actor") + _party_columns("Recipient")
           + ["Placename", "City", "State", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
              "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
              "Story Locations", "Language", "Version", "Headline", "Story ID", "Sentence Number"])


def _party(actor: dict | None) -> list:
    if not actor:
        return [""] * 8
    sectors = actor.get("sectors") or []
    return [actor.get("name") or "", actor.get("country") or "", "", sectors[0] if sectors else "",
            ";".join(sectors), actor.get("role") or "", actor.get("name") or "", ""]


def line(row, story: tuple | None = None) -> list:
    e = row.record
    loc = e.get("location") or {}
    evidence = e.get("evidence") or {}
    iso3 = loc.get("country")
    place = loc.get("name") or ""
    cname = codes.country_name(iso3)
    is_country = bool(place) and place in (cname, iso3)
    people, orgs, places = story or ("", "", "")
    sentence = evidence.get("sentence")
    return [e.get("id"), first_day(event_date(row)) or "", (e.get("event_type") or "").lower(), e.get("mode") or "",
            "" if e.get("goldstein") is None else e["goldstein"], e.get("quad_class") or "",
            codes.plover_context(e.get("cameo")) or "",
            *_party(e.get("source")), *_party(e.get("target")),
            place, "" if is_country else place, loc.get("admin1") or "", iso3 or "",
            "" if loc.get("lat") is None else loc["lat"], "" if loc.get("lon") is None else loc["lon"], "", place,
            ("country" if is_country else "place") if place else "",
            row.source_name or "", row.published or "", people, orgs, places, "en", f"sanderling-{__version__}",
            row.title or "", evidence.get("article_id") or "", "" if sentence is None else sentence + 1]


def write(con, out: TextIO, since=None, until=None, country=None) -> int:
    w = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writerow(COLUMNS)
    n = 0
    for row in iter_events(con, since, until, country, story=True):
        w.writerow(line(row, row.story))
        n += 1
    return n
