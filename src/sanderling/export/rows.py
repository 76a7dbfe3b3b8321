"""The one read path every export shares: events streamed from the store in chunks.

Nothing here holds the whole store: DuckDB runs the query (spilling to disk when it must) and
rows come back `chunk` at a time, so a store larger than memory still exports. The store is
only read; tables or columns that story linking adds (event_mentions, num_mentions, ...) are
used when present, and each export falls back to one mention per event when they are not.
"""
from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class ExportError(ValueError):
    """A bad request (format, date, path): the CLI prints it as one line."""


def check_date(value: str | None, name: str) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date; else ExportError."""
    if value is None or value == "":
        return None
    m = _DATE.match(value.strip())
    if not m:
        raise ExportError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month and not 1 <= int(month) <= 12:
        raise ExportError(f"{name}: no month {month} in {value!r}")
    if day and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        raise ExportError(f"{name}: no day {day} in {value!r}")
    return value.strip()


def event_filter(since: str | None = None, until: str | None = None, country: str | None = None,
                 alias: str = "e") -> tuple[str, list]:
    """A WHERE clause (or "") on the events table, with the same date semantics as
    Store.events: a date of lower precision ("2024-05") sorts before its days, so `until`
    compares on its prefix."""
    where, params = [], []
    if since:
        where.append(f"{alias}.date >= ?")
        params.append(since)
    if until:
        where.append(f"substr({alias}.date, 1, ?) <= ?")
        params += [len(until), until]
    if country:
        where.append(f"({alias}.source_country = ? OR {alias}.target_country = ?)")
        params += [country.upper(), country.upper()]
    return (" WHERE " + " AND ".join(where)) if where else "", params


def has_table(con, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                            [name]).fetchone()[0])


def event_columns(con) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}


def count_exprs(con, alias: str = "e") -> list[str]:
    """SQL for NumMentions, NumSources, NumArticles: the linking helper's columns where the
    store has them, else counted from event_mentions, else 1 (one report, one event)."""
    cols = event_columns(con)
    if {"num_mentions", "num_sources", "num_articles"} <= cols:
        return [f"coalesce({alias}.num_{k}, 1)" for k in ("mentions", "sources", "articles")]
    if has_table(con, "event_mentions"):
        of = f"FROM event_mentions m WHERE m.event_id = {alias}.id"
        return [f"coalesce((SELECT nullif(count(*), 0) {of}), 1)",
                f"coalesce((SELECT nullif(count(DISTINCT m.source_name), 0) {of}), 1)",
                f"coalesce((SELECT nullif(count(DISTINCT m.article_id), 0) {of}), 1)"]
    return ["1", "1", "1"]


def count_sql(con, alias: str = "e") -> str:
    return ", ".join(count_exprs(con, alias))


def stable_int(hex_id: str | None) -> int | None:
    """A positive 60-bit integer from a hex id (GDELT's GLOBALEVENTID, ICEWS's Event ID are
    integers): the first 15 hex digits, so the same event always gets the same number."""
    if not hex_id:
        return None
    try:
        return int(hex_id[:15], 16)
    except ValueError:
        from ..schema import stable_id

        return int(stable_id(hex_id)[:15], 16)


@dataclass(slots=True)
class EventRow:
    """One stored event with what exports need from its article."""

    record: dict
    url: str | None
    source_name: str | None
    published: str | None
    title: str | None
    doc_len: int | None
    num_mentions: int
    num_sources: int
    num_articles: int
    story: tuple | None = None  # (people, organisations, places) of the article, when asked for


#: Per article: the people, the organisations and groups, and the places it names ("; "-joined),
#: for POLECAT's Story People / Organizations / Locations. One aggregate joined to the events, so
#: the lists cost one pass over the store, not a query per article.
_STORY = """
    LEFT JOIN (SELECT m.article_id,
                      string_agg(DISTINCT CASE WHEN x.kind = 'person' THEN x.name END, '; ' ORDER BY CASE WHEN x.kind = 'person' THEN x.name END) AS people,
                      string_agg(DISTINCT CASE WHEN x.kind IN ('organization', 'group') THEN x.name END, '; ' ORDER BY CASE WHEN x.kind IN ('organization', 'group') THEN x.name END) AS orgs
               FROM article_actors m JOIN actors x ON x.actor_id = m.actor_id GROUP BY m.article_id) sa
           ON sa.article_id = e.article_id
    LEFT JOIN (SELECT article_id, string_agg(DISTINCT location_name, '; ' ORDER BY location_name) AS places
               FROM events GROUP BY article_id) sp ON sp.article_id = e.article_id"""


def iter_events(con, since: str | None = None, until: str | None = None, country: str | None = None,
                chunk: int = 2000, story: bool = False) -> Iterator[EventRow]:
    """Stored events in (date, id) order, `chunk` rows at a time."""
    where, params = event_filter(since, until, country)
    extra, joins = (", sa.people, sa.orgs, sp.places", _STORY) if story else ("", "")
    sql = (f"SELECT e.record, a.url, a.source_name, a.published, a.title, length(a.text), {count_sql(con)}{extra} "
           f"FROM events e LEFT JOIN articles a ON a.id = e.article_id{joins}{where} ORDER BY e.date NULLS LAST, e.id")
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        while True:
            rows = cur.fetchmany(chunk)
            if not rows:
                break
            for r in rows:
                yield EventRow(json.loads(r[0]), r[1], r[2], r[3], r[4], r[5], int(r[6]), int(r[7]), int(r[8]),
                               tuple(v or "" for v in r[9:12]) if story else None)
    finally:
        cur.close()


def iter_mentions(con, since: str | None = None, until: str | None = None, country: str | None = None,
                  chunk: int = 5000) -> Iterator[tuple]:
    """Every mention of the filtered events, as (event_id, event_date, article_id, sentence,
    start, end, source_name, url, published, doc_len, confidence, event_published): from
    event_mentions where the store has it, else from each record's own `mentions` list.
    `published` is the mention's article's, `event_published` the event's own article's."""
    where, params = event_filter(since, until, country)
    if has_table(con, "event_mentions"):
        sql = (f"SELECT e.id, e.date, m.article_id, m.sentence, m.start_char, m.end_char, "
               f"coalesce(m.source_name, a.source_name), coalesce(m.url, a.url), coalesce(m.published, a.published), "
               f"length(a.text), e.confidence, ea.published "
               f"FROM events e JOIN event_mentions m ON m.event_id = e.id LEFT JOIN articles a ON a.id = m.article_id "
               f"LEFT JOIN articles ea ON ea.id = e.article_id"
               f"{where} ORDER BY e.date NULLS LAST, e.id, m.article_id, m.sentence, m.start_char")
    else:
        shape = '[{"article_id":"VARCHAR","sentence":"INTEGER","start":"INTEGER","end":"INTEGER"}]'
        sql = (f"SELECT x.id, x.date, x.m.article_id, x.m.sentence, x.m.start, x.m.\"end\", a.source_name, a.url, "
               f"a.published, length(a.text), x.confidence, ea.published FROM (SELECT e.id, e.date, e.confidence, "
               f"e.article_id, unnest(from_json(e.record->'$.mentions', '{shape}')) AS m FROM events e{where}) x "
               f"LEFT JOIN articles a ON a.id = x.m.article_id LEFT JOIN articles ea ON ea.id = x.article_id "
               f"ORDER BY x.date NULLS LAST, x.id, x.m.article_id, x.m.sentence, x.m.start")
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        while True:
            rows = cur.fetchmany(chunk)
            if not rows:
                break
            yield from rows
    finally:
        cur.close()


def first_day(date: str | None) -> str | None:
    """YYYY-MM-DD for a date of any precision: a month or a year reads as its first day."""
    if not date:
        return None
    d = str(date)
    if len(d) == 4:
        return d + "-01-01"
    if len(d) == 7:
        return d + "-01"
    return d[:10]


def event_date(row: EventRow) -> str | None:
    """The event's date, else (undated) its article's publication date."""
    return row.record.get("date") or row.published
