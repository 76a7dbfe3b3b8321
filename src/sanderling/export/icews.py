"""ICEWS coded-event tab format: a header line, then one event a line, tab-separated.

Columns and order: the ICEWS Coded Event Data files on Harvard Dataverse (doi:10.7910/DVN/28075),
as their header line names them. ICEWS writes country and place *names*, sectors as words and
CAMEO's event name in "Event Text"; sanderling writes its sector codes (GOV, MIL, ...) there.
"""
from __future__ import annotations

import csv
from typing import TextIO

from . import codes
from .rows import event_date, first_day, iter_events, stable_int

COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
           "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
           "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
           "Longitude"]


def _party(actor: dict | None) -> list:
    if not actor:
        return ["", "", ""]
    country = actor.get("country")
    return [actor.get("name") or "", ",".join(actor.get("sectors") or []),
            codes.country_name(country) or country or ""]


def line(row) -> list:
    e = row.record
    loc = e.get("location") or {}
    evidence = e.get("evidence") or {}
    cameo = e.get("cameo") or ""
    iso3 = loc.get("country")
    cname = codes.country_name(iso3) or iso3 or ""
    place = loc.get("name")
    city = place if place and place not in (cname, iso3, loc.get("admin1")) else ""
    sentence = evidence.get("sentence")
    return [stable_int(e.get("id")), first_day(event_date(row)) or "", *_party(e.get("source")),
            codes.cameo_description(cameo) or (e.get("event_type") or "").title(), cameo,
            "" if e.get("goldstein") is None else e["goldstein"], *_party(e.get("target")),
            stable_int(evidence.get("article_id")) or "", "" if sentence is None else sentence + 1,
            row.source_name or "", city, "", loc.get("admin1") or "", cname,
            "" if loc.get("lat") is None else loc["lat"], "" if loc.get("lon") is None else loc["lon"]]


def write(con, out: TextIO, since=None, until=None, country=None) -> int:
    w = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writerow(COLUMNS)
    n = 0
    for row in iter_events(con, since, until, country):
        w.writerow(line(row))
        n += 1
    return n
