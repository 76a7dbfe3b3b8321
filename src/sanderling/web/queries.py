"""The store's read queries behind the HTTP API.

Every value a user gives is a bound parameter; the only SQL text that varies is chosen from the
fixed tables below (column lists, sort orders, group-by dimensions), keyed by names the API has
already checked. Dates in the store have the precision the text gave (YYYY, YYYY-MM or
YYYY-MM-DD), so date filters compare on prefixes, as `Store.events` does.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

EVENT_COLUMNS = ("id", "article_id", "date", "event_type", "mode", "cameo", "quad_class", "goldstein",
                 "source_id", "source_name", "source_country", "target_id", "target_name", "target_country",
                 "background", "location_name", "location_country", "confidence", "sentence")

EVENT_SORTS = {
    "date": "date, id", "-date": "date DESC, id",
    "goldstein": "goldstein, date, id", "-goldstein": "goldstein DESC, date, id",
    "confidence": "confidence, id", "-confidence": "confidence DESC, id",
}

# Group-by dimensions of /api/aggregates. A date coarser than the bucket stays in its own,
# coarser bucket ("2023" in a by-month count) rather than being dropped or guessed.
DIMENSIONS = {
    "year": "substr(date, 1, 4)",
    "month": "substr(date, 1, 7)",
    "day": "substr(date, 1, 10)",
    "week": "CASE WHEN length(date) = 10 THEN strftime(date_trunc('week', TRY_CAST(date AS DATE)), '%Y-%m-%d') "
            "ELSE date END",
    "type": "event_type",
    "quad": "quad_class",
    "dyad": "coalesce(source_country, '?') || '->' || coalesce(target_country, '?')",
    "source_country": "source_country",
    "target_country": "target_country",
    "source_actor": "source_name",
    "target_actor": "target_name",
    "background": "background",
}

ACTOR_SORTS = {"events": "events DESC, actor_id", "mentions": "mentions DESC NULLS LAST, actor_id",
               "last_seen": "last_seen DESC NULLS LAST, actor_id", "name": "name, actor_id"}


@dataclass
class EventFilter:
    actor: str | None = None            # part of the source's or target's name
    country: str | None = None          # either side (IGO, NGO included: they are countries here)
    source_country: str | None = None
    target_country: str | None = None
    dyad: tuple[str, str] | None = None  # either direction
    event_type: str | None = None
    quad: int | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None                # text in the evidence sentence
    background: bool | None = None
    article: str | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.actor:
            clauses.append("(contains(lower(source_name), ?) OR contains(lower(target_name), ?))")
            params += [self.actor.lower()] * 2
        if self.country:
            clauses.append("(source_country = ? OR target_country = ?)")
            params += [self.country] * 2
        if self.source_country:
            clauses.append("source_country = ?")
            params.append(self.source_country)
        if self.target_country:
            clauses.append("target_country = ?")
            params.append(self.target_country)
        if self.dyad:
            a, b = self.dyad
            clauses.append("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))")
            params += [a, b, b, a]
        if self.event_type:
            from ..validate import event_type

            types = event_type(self.event_type)  # YIELD: CONCEDE or RETREAT
            clauses.append(f"event_type IN ({', '.join('?' * len(types))})")
            params += list(types)
        if self.quad:
            clauses.append("quad_class = ?")
            params.append(self.quad)
        from ..validate import date_range_sql

        dates, values = date_range_sql(self.since, self.until)  # each date at its precision
        clauses, params = clauses + dates, params + values
        if self.q:
            clauses.append("contains(lower(sentence), ?)")  # no LIKE: a user's % and _ are plain text
            params.append(self.q.lower())
        if self.background is not None:
            clauses.append("background = ?")
            params.append(self.background)
        if self.article:
            clauses.append("article_id = ?")
            params.append(self.article)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def tables(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def _columns(con, table: str) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}


def _rows(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def counts(con) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "events", "statements", "actors")}


def events(con, f: EventFilter, limit: int, offset: int, sort: str = "date") -> dict:
    where, params = f.where()
    extra = [c for c in ("num_mentions", "num_sources", "num_articles") if c in _columns(con, "events")]
    cols = ", ".join(EVENT_COLUMNS + tuple(extra))
    total = con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]
    rows = _rows(con.execute(f"SELECT {cols} FROM events{where} ORDER BY {EVENT_SORTS[sort]} LIMIT ? OFFSET ?",
                             params + [limit, offset]))
    return {"total": total, "limit": limit, "offset": offset, "events": rows}


def resolve_event_id(con, event_id: str) -> str:
    """A merged event's old id still finds it (event_aliases, when the store has it)."""
    if "event_aliases" in tables(con):
        found = con.execute("SELECT event_id FROM event_aliases WHERE old_id = ?", [event_id]).fetchone()
        if found:
            return found[0]
    return event_id


def event(con, event_id: str) -> dict | None:
    """One event: its record, its sentence with the parties and predicate marked, every mention,
    and the statements of its article."""
    event_id = resolve_event_id(con, event_id)
    row = con.execute("SELECT record, article_id FROM events WHERE id = ?", [event_id]).fetchone()
    if row is None:
        return None
    record, article_id = json.loads(row[0]), row[1]
    art = con.execute("SELECT id, title, url, source_name, published, text FROM articles WHERE id = ?",
                      [article_id]).fetchone()
    article = dict(zip(("id", "title", "url", "source_name", "published"), art[:5])) if art else None
    text = art[5] if art else None
    sentence = record["evidence"]["text"]
    return {
        "event": record,
        "article": article,
        "sentence": {"text": sentence, "start": record["evidence"]["start"], "highlights": highlights(sentence, record)},
        "mentions": mentions(con, record, text),
        "statements": statement_records(con, article_id),
    }


def statement_records(con, article_id: str) -> list[dict]:
    return [json.loads(r[0]) for r in con.execute(
        "SELECT record FROM statements WHERE article_id = ? "
        "ORDER BY TRY_CAST(json_extract(record, '$.start') AS INTEGER) NULLS LAST, id", [article_id]).fetchall()]


def mentions(con, record: dict, text: str | None) -> list[dict]:
    """Every sentence reporting the event: from event_mentions (across articles) when the store
    has that table, else the record's own mentions (one article), with their text cut out."""
    if "event_mentions" in tables(con):
        rows = _rows(con.execute(
            "SELECT article_id, sentence, start_char AS start, end_char AS \"end\", text, source_name, url, published "
            "FROM event_mentions WHERE event_id = ? ORDER BY published, article_id, start_char", [record["id"]]))
        if rows:
            return rows
    out = []
    for m in record.get("mentions") or []:
        piece = text[m["start"]:m["end"]] if text is not None else None
        out.append({**m, "text": piece})
    return out


def highlights(sentence: str, record: dict) -> list[dict]:
    """Where the source, target and predicate stand in the sentence (offsets in the sentence).
    The record keeps the predicate's word and the parties' names, not their offsets, so they are
    found by text: the whole name, else its last word (the surname the sentence may use)."""
    low = sentence.lower()
    marks: list[dict] = []

    def find(word: str) -> int:
        start = 0
        while (i := low.find(word, start)) >= 0:
            end = i + len(word)
            whole = (i == 0 or not low[i - 1].isalnum()) and (end == len(low) or not low[end].isalnum())
            taken = any(m["start"] < end and i < m["end"] for m in marks)
            if whole and not taken:
                return i
            start = i + 1
        return -1

    for role in ("source", "target"):
        name = ((record.get(role) or {}).get("name") or "").strip()
        for cand in dict.fromkeys(filter(None, [name.lower(), name.split()[-1].lower() if name else ""])):
            if (i := find(cand)) >= 0:
                marks.append({"role": role, "start": i, "end": i + len(cand)})
                break
    pred = (record.get("predicate") or "").strip().lower()
    if pred and (i := find(pred)) >= 0:
        marks.append({"role": "predicate", "start": i, "end": i + len(pred)})
    return sorted(marks, key=lambda m: m["start"])


def event_article(con, event_id: str) -> str | None:
    row = con.execute("SELECT article_id FROM events WHERE id = ?", [resolve_event_id(con, event_id)]).fetchone()
    return row[0] if row else None


def actors(con, q: str | None, country: str | None, kind: str | None, limit: int, offset: int, sort: str) -> dict:
    clauses, params = [], []
    if q:
        clauses.append("contains(lower(a.name), ?)")
        params.append(q.lower())
    if country:
        clauses.append("a.country = ?")
        params.append(country)
    if kind:
        clauses.append("a.kind = ?")
        params.append(kind)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = con.execute(f"SELECT count(*) FROM actors a{where}", params).fetchone()[0]
    sql = f"""
        WITH n AS (SELECT id, count(*) AS events FROM (
                       SELECT source_id AS id FROM events UNION ALL SELECT target_id FROM events)
                   WHERE id IS NOT NULL GROUP BY id)
        SELECT a.actor_id, a.name, a.country, a.org, a.kind, a.role, a.roles, a.sectors, a.former,
               a.first_seen, a.last_seen, a.mentions, coalesce(n.events, 0) AS events
        FROM actors a LEFT JOIN n ON n.id = a.actor_id{where}
        ORDER BY {ACTOR_SORTS[sort]} LIMIT ? OFFSET ?"""
    return {"total": total, "limit": limit, "offset": offset, "actors": _rows(con.execute(sql, params + [limit, offset]))}


def statements(con, speaker: str | None, country: str | None, article: str | None, since: str | None,
               until: str | None, q: str | None, limit: int, offset: int) -> dict:
    """Statements have no date of their own: the date range is their article's publication."""
    clauses, params = [], []
    if speaker:
        clauses.append("contains(lower(s.speaker_name), ?)")
        params.append(speaker.lower())
    if country:
        clauses.append("s.speaker_country = ?")
        params.append(country)
    if article:
        clauses.append("s.article_id = ?")
        params.append(article)
    from ..validate import date_range_sql

    dates, values = date_range_sql(since, until, "a.published")  # the events' date rules
    clauses, params = clauses + dates, params + values
    if q:
        clauses.append("contains(lower(s.content), ?)")
        params.append(q.lower())
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    base = f"FROM statements s LEFT JOIN articles a ON a.id = s.article_id{where}"
    total = con.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    rows = _rows(con.execute(
        f"SELECT s.id, s.article_id, a.published, a.title, s.speaker_name, s.speaker_country, s.via, s.cue, "
        f"s.content, s.direct {base} ORDER BY a.published, s.article_id, "
        f"TRY_CAST(json_extract(s.record, '$.start') AS INTEGER) NULLS LAST, s.id LIMIT ? OFFSET ?",  # text order
        params + [limit, offset]))
    return {"total": total, "limit": limit, "offset": offset, "statements": rows}


def aggregates(con, f: EventFilter, by: list[str], top: int | None = None) -> dict:
    """Counts, Goldstein mean and sum, and quad-class shares per group of `by` dimensions; with
    `top`, only the largest groups (actor pairs on a large store number in the tens of thousands)."""
    where, params = f.where()
    dims = [f"{DIMENSIONS[d]} AS {d}" for d in by]
    keys = ", ".join(by)
    sql = f"""
        SELECT {", ".join(dims + [""])} count(*) AS n, avg(goldstein) AS goldstein_mean,
               sum(goldstein) AS goldstein_sum,
               avg(CASE WHEN quad_class = 1 THEN 1.0 ELSE 0 END) AS share_q1,
               avg(CASE WHEN quad_class = 2 THEN 1.0 ELSE 0 END) AS share_q2,
               avg(CASE WHEN quad_class = 3 THEN 1.0 ELSE 0 END) AS share_q3,
               avg(CASE WHEN quad_class = 4 THEN 1.0 ELSE 0 END) AS share_q4
        FROM events{where}"""
    if by:
        sql += f" GROUP BY {keys} ORDER BY " + (f"n DESC, {keys} LIMIT {int(top)}" if top else keys)
    rows = _rows(con.execute(sql, params))
    return {"by": by, "groups": rows}


def locations(con, f: EventFilter) -> list[dict]:
    """Event counts per place for the map: the event's own coordinates where the record has them,
    else its location's country, else the source's country (placed at the country's centre by the
    caller)."""
    where, params = f.where()
    sql = f"""
        SELECT TRY_CAST(json_extract(record, '$.location.lat') AS DOUBLE) AS lat,
               TRY_CAST(json_extract(record, '$.location.lon') AS DOUBLE) AS lon,
               coalesce(location_name, location_country, source_country) AS name,
               coalesce(location_country, source_country) AS country,
               count(*) AS n
        FROM events{where}
        GROUP BY ALL ORDER BY n DESC LIMIT 2000"""
    return _rows(con.execute(sql, params))
