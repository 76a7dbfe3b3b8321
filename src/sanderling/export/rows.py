"""The one read path every export shares: events streamed from the store in chunks.

Nothing here holds the whole store: DuckDB runs the query (spilling to disk when it must) and
rows come back `chunk` at a time, so a store larger than memory still exports. The store is
only read; tables or columns that story linking adds (event_mentions, num_mentions, ...) are
used when present, and each export falls back to one mention per event when they are not.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass



class ExportError(ValueError):
    """A bad request (format, date, path): the CLI prints it as one line."""


def check_date(value: str | None, name: str) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date; else ExportError (validate.date_value)."""
    from ..validate import UsageError, date_value

    try:
        return date_value(value, name)
    except UsageError as exc:
        raise ExportError(str(exc)) from None


def event_filter(since: str | None = None, until: str | None = None, country: str | None = None,
                 alias: str = "e") -> tuple[str, list]:
    """A WHERE clause (or "") on the events table, with the same date semantics as
    Store.events: an event is in a range when its whole date (day, month or year) is."""
    from ..validate import date_range_sql

    where, params = date_range_sql(since, until, f"{alias}.date")
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
    doc_len: int | None  # the article's length in characters (GDELT's MentionDocLen)
    num_mentions: int
    num_sources: int
    num_articles: int
    story: tuple | None = None  # (people, organisations, places) of the article, when asked for


#: Per article: the people, the organisations and groups, and the places it names ("; "-joined),
#: for POLECAT's Story People / Organizations / Locations: aggregates joined to the events, over
#: the articles of the month being read only ({ids} is that month's article ids).
_STORY = """
    LEFT JOIN (SELECT m.article_id,
                      string_agg(DISTINCT CASE WHEN x.kind = 'person' THEN x.name END, '; ' ORDER BY CASE WHEN x.kind = 'person' THEN x.name END) AS people,
                      string_agg(DISTINCT CASE WHEN x.kind IN ('organization', 'group') THEN x.name END, '; ' ORDER BY CASE WHEN x.kind IN ('organization', 'group') THEN x.name END) AS orgs
               FROM article_actors m JOIN actors x ON x.actor_id = m.actor_id
               WHERE m.article_id IN ({ids}) GROUP BY m.article_id) sa
           ON sa.article_id = e.article_id
    LEFT JOIN (SELECT article_id, string_agg(DISTINCT location_name, '; ' ORDER BY location_name) AS places
               FROM events WHERE article_id IN ({ids}) GROUP BY article_id) sp ON sp.article_id = e.article_id"""


def month_slices(con, since: str | None = None, until: str | None = None, country: str | None = None,
                 alias: str = "e") -> Iterator[tuple[str | None, str, list]]:
    """The filter split by month: (month, WHERE clause, params) for each month that has events
    ("2024-05"; "2024" for dates known only to their year; None for the undated), in
    order, then the undated ones. Each export query then sorts one month, not the store, so its
    memory follows the largest month instead of the whole store; and since dates are strings whose
    prefix is their month, month by month in (date, id) order is the store's (date, id) order."""
    where, params = event_filter(since, until, country, alias)
    months = [r[0] for r in con.execute(
        f"SELECT DISTINCT substr({alias}.date, 1, 7) AS k FROM events {alias}{where} ORDER BY k NULLS LAST", params).fetchall()]
    glue = " AND " if where else " WHERE "
    for m in months:
        if m is None:
            yield None, where + glue + f"{alias}.date IS NULL", params
        else:
            yield m, where + glue + f"substr({alias}.date, 1, 7) = ?", params + [m]


def _stream(con, sql_for, slices, chunk: int) -> Iterator[tuple]:
    """Run sql_for(where) for each slice; sql_for may return (sql, times): the slice's
    parameters are then passed that many times (for a query that repeats the slice's filter)."""
    cur = con.cursor()
    try:
        for _, where, params in slices:
            sql = sql_for(where)
            if isinstance(sql, tuple):
                sql, times = sql
                params = params * times
            cur.execute(sql, params)
            while rows := cur.fetchmany(chunk):
                yield from rows
    finally:
        cur.close()


def iter_events(con, since: str | None = None, until: str | None = None, country: str | None = None,
                chunk: int = 2000, story: bool = False) -> Iterator[EventRow]:
    """Stored events in (date, id) order, month by month, `chunk` rows at a time."""
    counts = count_sql(con)

    def sql(where: str):
        # the month's articles only: a join with every article would read the whole table each month
        ids = f"SELECT DISTINCT e.article_id FROM events e{where}"
        extra, joins = (", sa.people, sa.orgs, sp.places", _STORY.format(ids=ids)) if story else ("", "")
        return (f"SELECT e.record, a.url, a.source_name, a.published, a.title, a.n, {counts}{extra} "
                f"FROM events e LEFT JOIN (SELECT id, url, source_name, published, title, length(text) AS n FROM articles "
                f"WHERE id IN ({ids})) a ON a.id = e.article_id{joins}{where} ORDER BY e.date, e.id",
                4 if story else 2)

    for r in _stream(con, sql, month_slices(con, since, until, country), chunk):
        yield EventRow(json.loads(r[0]), r[1], r[2], r[3], r[4], r[5], int(r[6]), int(r[7]), int(r[8]),
                       tuple(v or "" for v in r[9:12]) if story else None)


def iter_mentions(con, since: str | None = None, until: str | None = None, country: str | None = None,
                  chunk: int = 5000) -> Iterator[tuple]:
    """Every mention of the filtered events, as (event_id, event_date, article_id, sentence,
    start, end, source_name, url, published, doc_len, confidence, event_published): from
    event_mentions where the store has it, else from each record's own `mentions` list.
    `published` is the mention's article's, `event_published` the event's own article's."""
    if not has_table(con, "event_mentions"):
        yield from _mentions_from_records(con, since, until, country, chunk)
        return
    # the month's articles only (see iter_events): the events' own, and those their mentions name
    arts = "(SELECT id, source_name, url, published, length(text) AS n FROM articles WHERE id IN ({ids}))"

    def sql(where: str):
        ids = (f"SELECT e.article_id FROM events e{where} UNION "
               f"SELECT m.article_id FROM event_mentions m JOIN events e ON e.id = m.event_id{where}")
        # an event without event_mentions rows (coded before linking) brings its record instead
        return (f"SELECT e.id, e.date, m.article_id, m.sentence, m.start_char, m.end_char, "
                f"coalesce(m.source_name, a.source_name), coalesce(m.url, a.url), coalesce(m.published, a.published), "
                f"a.n, e.confidence, ea.published, CASE WHEN m.event_id IS NULL THEN e.record END, "
                f"ea.source_name, ea.url, ea.n "
                f"FROM events e LEFT JOIN event_mentions m ON m.event_id = e.id "
                f"LEFT JOIN {arts.format(ids=ids)} a ON a.id = m.article_id "
                f"LEFT JOIN {arts.format(ids=ids)} ea ON ea.id = e.article_id"
                f"{where} ORDER BY e.date, e.id, m.article_id, m.sentence, m.start_char", 5)

    other: dict = {}
    lookup = con.cursor()
    try:
        for r in _stream(con, sql, month_slices(con, since, until, country), chunk):
            if r[12] is None:
                yield r[:12]
            else:
                yield from _record_mentions(json.loads(r[12]), (r[13], r[14], r[11], r[15]), lookup, other)
    finally:
        lookup.close()


def _record_mentions(e: dict, own: tuple, lookup, other: dict) -> Iterator[tuple]:
    """An event's mentions from its record's own `mentions` list; `own` is (source_name, url,
    published, length) of the event's article, and a mention in another article looks that one up
    (remembered in `other`)."""
    own_id = (e.get("evidence") or {}).get("article_id")
    for m in e.get("mentions") or [e.get("evidence") or {}]:
        aid = m.get("article_id")
        if aid == own_id:
            src, url, published, n = own
        else:
            if aid not in other:
                if len(other) > 10000:
                    other.clear()
                other[aid] = lookup.execute("SELECT source_name, url, published, length(text) FROM articles "
                                            "WHERE id = ?", [aid]).fetchone() or (None, None, None, None)
            src, url, published, n = other[aid]
        yield (e.get("id"), e.get("date"), aid, m.get("sentence"), m.get("start"), m.get("end"), src, url,
               published, n, e.get("confidence"), own[2])


def _mentions_from_records(con, since, until, country, chunk) -> Iterator[tuple]:
    """iter_mentions without event_mentions: each record's own `mentions`, streamed with the events."""
    other: dict = {}
    lookup = con.cursor()
    try:
        for row in iter_events(con, since, until, country, chunk):
            yield from _record_mentions(row.record, (row.source_name, row.url, row.published, row.doc_len), lookup, other)
    finally:
        lookup.close()


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
