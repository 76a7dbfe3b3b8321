"""PLOVER event JSON, one record a line (JSONL), as the PLOVER manual (draft 0.8, section
"Data format", Open Event Data Alliance) specifies: id, date, actor and recipient as lists of
entity objects, event / mode / context as lists, event_loc, event_text, quad_code, event_scale,
text_info, cite_info, coder. sanderling's own fields that PLOVER has no name for (cameo,
date_precision, background, mentions, confidence) are kept under their own names, as the manual
allows."""
from __future__ import annotations

import json
from typing import TextIO

from .. import __version__
from . import codes
from .rows import event_date, first_day, iter_events


def _entity(actor: dict | None) -> list:
    if not actor:
        return []
    sectors = actor.get("sectors") or []
    ent = {"code": actor.get("country"), "sector": sectors[0] if sectors else None,
           "entity_text": actor.get("name"), "identifier_id": actor.get("actor_id"),
           "identifier_text": actor.get("name"), "office": actor.get("role")}
    if len(sectors) > 1:
        ent["sectors"] = sectors
    if actor.get("org"):
        ent["org"] = actor["org"]
    return [ent]


def _place(loc: dict | None) -> dict | None:
    if not loc:
        return None
    return {"extracted_place": loc.get("name"), "resolved_place": loc.get("name"), "geonameid": None,
            "lat": loc.get("lat"), "lon": loc.get("lon"), "province": loc.get("admin1"),
            "country": codes.country_name(loc.get("country")), "country_code": loc.get("country")}


def record(row) -> dict:
    e = row.record
    evidence = e.get("evidence") or {}
    context = codes.plover_context(e.get("cameo"))
    return {
        "id": e.get("id"),
        "has_event": True,
        "date": first_day(event_date(row)),
        "actor": _entity(e.get("source")),
        "recipient": _entity(e.get("target")),
        "event": [e.get("event_type")] if e.get("event_type") else [],
        "mode": [e["mode"]] if e.get("mode") else [],
        "context": [c.strip() for c in context.split(";")] if context else [],
        "event_loc": _place(e.get("location")),
        "event_text": [evidence.get("text")] if evidence.get("text") else [],
        "quad_code": e.get("quad_class"),
        "event_scale": e.get("goldstein"),
        "text_info": {"sequence": evidence.get("sentence"), "start": evidence.get("start"), "end": evidence.get("end")},
        "cite_info": {"citation": evidence.get("article_id"), "url": row.url, "title": row.title,
                      "publication": row.source_name, "language": "en", "coder": f"sanderling {__version__}",
                      "codebook": "plover-0.8"},
        "coder": f"sanderling {__version__}",
        # sanderling's own fields
        "cameo": e.get("cameo"),
        "date_precision": e.get("date_precision"),
        "background": e.get("background"),
        "num_mentions": row.num_mentions,
        "num_sources": row.num_sources,
        "num_articles": row.num_articles,
        "mentions": e.get("mentions") or [],
        "confidence": e.get("confidence"),
    }


def write(con, out: TextIO, since=None, until=None, country=None) -> int:
    n = 0
    for row in iter_events(con, since, until, country):
        out.write(json.dumps(record(row), ensure_ascii=False, sort_keys=False) + "\n")
        n += 1
    return n
