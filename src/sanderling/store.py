"""The DuckDB store: one file, one writer, idempotent writes.

Every record has a stable id, and writing an article replaces that article's rows inside one
transaction per batch, so re-coding the same input never duplicates rows and an interrupted run
leaves the store as it was before the batch.
"""
from __future__ import annotations

import functools
import json
import os
import random
import time
from collections.abc import Iterable
from pathlib import Path

import duckdb

from .schema import CodedArticle
from .story_store import SCHEMA as STORY_SCHEMA, write_stories

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, url VARCHAR, source_name VARCHAR, published VARCHAR,
    origin VARCHAR, text VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, event_type VARCHAR, mode VARCHAR, cameo VARCHAR,
    quad_class INTEGER, goldstein DOUBLE,
    source_id VARCHAR, source_name VARCHAR, source_country VARCHAR,
    target_id VARCHAR, target_name VARCHAR, target_country VARCHAR,
    date VARCHAR, background BOOLEAN, location_name VARCHAR, location_country VARCHAR,
    confidence DOUBLE, sentence VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS statements (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR,
    via VARCHAR, cue VARCHAR, content VARCHAR, direct BOOLEAN, record JSON
);
CREATE TABLE IF NOT EXISTS actors (
    actor_id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, sectors VARCHAR[], role VARCHAR,
    kind VARCHAR, first_seen VARCHAR, last_seen VARCHAR
);
ALTER TABLE actors ADD COLUMN IF NOT EXISTS roles VARCHAR[];
ALTER TABLE actors ADD COLUMN IF NOT EXISTS former BOOLEAN;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS mentions INTEGER;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS org VARCHAR;
CREATE TABLE IF NOT EXISTS article_actors (
    article_id VARCHAR, actor_id VARCHAR, mentions INTEGER, PRIMARY KEY (article_id, actor_id)
);
"""
SCHEMA += STORY_SCHEMA  # linked events: reports, mentions, aliases (story_store.py)


def _sql_type(values) -> str:
    """The list type a column's Python values bind as (the insert casts to the column's type)."""
    seen = {type(v) for v in values if v is not None}
    if not seen or seen - {bool, int, float}:
        return "VARCHAR[]"
    if seen == {bool}:
        return "BOOLEAN[]"
    return "BIGINT[]" if seen == {int} else "DOUBLE[]"


def _insert(con, head: str, rows: list[list], chunk: int = 4096, key=lambda row: row[0]) -> None:
    """Many rows in a few statements: DuckDB's executemany runs one statement per row, which cost
    more than coding the articles did, and a VALUES list binds each value on its own; a list per
    column, unnested, binds fastest. Rows share a key (first column) only when the same text
    came twice: the last one wins, as it would row by row. `head` ends with "VALUES"."""
    rows = list({key(row): row for row in rows}.values())
    into = head[: head.rstrip().upper().rindex("VALUES")]
    for i in range(0, len(rows), chunk):
        columns = [list(c) for c in zip(*rows[i: i + chunk])]
        picks = ", ".join(f"unnest(?::{_sql_type(c)})" for c in columns)
        con.execute(f"{into} SELECT * FROM (SELECT {picks})", columns)


def default_db_path() -> Path:
    """$SANDERLING_DB, else sanderling.duckdb in the user's data folder."""
    if os.environ.get("SANDERLING_DB"):
        return Path(os.environ["SANDERLING_DB"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("sanderling")) / "sanderling.duckdb"


class StoreBusy(RuntimeError):
    """Another process holds the store's file for longer than we waited."""


# How long to wait for the file: a reader waits out one batch's write; a writer waits out
# readers' queries (milliseconds each) and may wait longer, since losing a batch costs more.
READ_WAIT_S = float(os.environ.get("SANDERLING_READ_WAIT", "5"))
WRITE_WAIT_S = float(os.environ.get("SANDERLING_WRITE_WAIT", "60"))


def _is_lock_error(exc: Exception) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def connect(path: str | Path, read_only: bool, wait_s: float | None = None):
    """A DuckDB connection, retried while another process holds the file's lock.

    DuckDB lets one process write a file, and no other process may read it meanwhile; so the
    writer opens the file per batch and readers per query, and each side retries briefly."""
    wait_s = (READ_WAIT_S if read_only else WRITE_WAIT_S) if wait_s is None else wait_s
    deadline, pause = time.monotonic() + wait_s, 0.01
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(f"{path}: the store is busy (another program holds it, {wait_s:g} s waited); "
                                "try again, or close the program using it") from None
            time.sleep(pause * (1 + random.random()))  # jitter: two waiters do not retry in step
            pause = min(pause * 2, 0.2)


def _holds_file(method):
    """Open the file for this call only (unless the store is open already): a writer that keeps
    the file between batches would lock every reader out for the whole run."""
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if self._con is not None:
            return method(self, *args, **kwargs)
        self._con = connect(self.path, self.read_only)
        try:
            return method(self, *args, **kwargs)
        finally:
            self._con.close()
            self._con = None
    return call


class Store:
    """The store. Each public call opens the file and closes it when done (see `connect`), so
    `sanderling code` and `sanderling serve`/`events` can share one file; using `con` directly
    keeps it open until `close()`. A new public method that touches `con` takes @_holds_file,
    or a writer would keep every reader out from its first call to the end of the run."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = Path(path) if path else default_db_path()
        self.read_only = read_only
        self._con = None
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with connect(self.path, read_only=False) as con:
                con.execute(SCHEMA)
        elif not self.path.exists():
            raise FileNotFoundError(f"{self.path}: no store here yet; code some articles first (`sanderling code FILE`)")

    @property
    def con(self):
        if self._con is None:
            self._con = connect(self.path, self.read_only)
        return self._con

    @con.setter
    def con(self, value) -> None:
        self._con = value

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------------------
    @_holds_file
    def write(self, coded: Iterable[CodedArticle]) -> int:
        """Write a batch in one transaction; an article's old rows are replaced by its new ones."""
        batch = list(coded)
        if not batch:
            return 0
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            ids = [c.article.id for c in batch]
            urls = sorted({c.article.url for c in batch if c.article.url})
            if urls:
                # an edited article (same address, new text) replaces the one stored before
                ids += [r[0] for r in con.execute(f"SELECT id FROM articles WHERE url IN ({', '.join('?' * len(urls))})",
                                                  urls).fetchall() if r[0] not in ids]
            marks = ", ".join("?" * len(ids))
            left = [r[0] for r in con.execute(f"SELECT DISTINCT actor_id FROM article_actors WHERE article_id IN ({marks})",
                                              ids).fetchall()]
            if getattr(self, "_legacy", None) is None:
                # a store written before story linking holds events without reports: writes clean them up
                self._legacy = bool(con.execute(
                    "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_reports)").fetchone()[0])
            if self._legacy:
                con.execute(f"DELETE FROM events WHERE article_id IN ({marks}) AND id NOT IN "
                            f"(SELECT event_id FROM event_reports WHERE article_id IN ({marks}))", ids + ids)
            for table in ("statements", "article_actors", "articles"):
                con.execute(f"DELETE FROM {table} WHERE {'id' if table == 'articles' else 'article_id'} IN ({marks})", ids)
            _insert(con, "INSERT INTO articles VALUES", [
                [a.id, a.title, a.url, a.source_name, a.published, a.origin, a.text]
                for a in (c.article for c in batch)])
            # each article's events are reports; reports of one real event are one stored event
            write_stories(con, batch, ids, _insert)
            statement_rows, actor_rows, seen_in = [], {}, {}
            for c in batch:
                for s in (s.to_dict() for s in c.statements):
                    sp = s["speaker"] or {}
                    statement_rows.append([s["id"], c.article.id, sp.get("name"), sp.get("country"),
                                           (s["via"] or {}).get("name"), s["cue"], s["content"], s["direct"],
                                           json.dumps(s, ensure_ascii=False, sort_keys=True)])
                for a in c.actors:
                    key = (c.article.id, a.actor_id)
                    seen_in[key] = [c.article.id, a.actor_id, len(a.mentions) + (seen_in[key][2] if key in seen_in else 0)]
                    seen = c.article.published
                    row = actor_rows.get(a.actor_id)
                    roles = sorted(set((row[8] if row else []) + ([a.role] if a.role else [])))
                    first = min(filter(None, [seen, row[6] if row else None]), default=None)
                    last = max(filter(None, [seen, row[7] if row else None]), default=None)
                    actor_rows[a.actor_id] = [a.actor_id, a.name, a.country, list(a.sectors), a.role, a.kind, first, last,
                                              roles, a.former, 0, a.org]
            if statement_rows:
                _insert(con, "INSERT OR REPLACE INTO statements VALUES", statement_rows)
            if actor_rows:
                # An actor seen again keeps its first date, moves its last, gathers its roles; the
                # role of the latest article wins.
                con.executemany("""
                    INSERT INTO actors (actor_id, name, country, sectors, role, kind, first_seen, last_seen,
                                        roles, former, mentions, org)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (actor_id) DO UPDATE SET
                        name = excluded.name,
                        org = coalesce(excluded.org, actors.org),
                        sectors = CASE WHEN len(excluded.sectors) > 0 THEN excluded.sectors ELSE actors.sectors END,
                        role = CASE WHEN excluded.last_seen >= coalesce(actors.last_seen, '') OR actors.role IS NULL
                                    THEN coalesce(excluded.role, actors.role) ELSE actors.role END,
                        roles = list_sort(list_distinct(list_concat(coalesce(actors.roles, []), excluded.roles))),
                        former = CASE WHEN excluded.last_seen >= coalesce(actors.last_seen, '') THEN excluded.former
                                      ELSE actors.former END,
                        first_seen = least(actors.first_seen, excluded.first_seen),
                        last_seen = greatest(actors.last_seen, excluded.last_seen)
                """, list(actor_rows.values()))
            if seen_in:
                # Mentions are counted per article, so coding an article again does not count it twice.
                _insert(con, "INSERT INTO article_actors VALUES", [[*k, v[2]] for k, v in seen_in.items()],
                        key=lambda row: (row[0], row[1]))
            touched = list({row[0] for row in actor_rows.values()} | set(left))
            if touched:
                con.execute(f"""
                    UPDATE actors SET mentions = (SELECT coalesce(sum(m.mentions), 0) FROM article_actors m
                                                  WHERE m.actor_id = actors.actor_id)
                    WHERE actor_id IN ({", ".join("?" * len(touched))})""", touched)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(batch)

    # -- reads -----------------------------------------------------------------------------------
    @_holds_file
    def coded_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids (content hashes) the store already holds: how a restarted
        run skips what it coded before."""
        ids = list(ids)
        if not ids:
            return set()
        marks = ", ".join("?" * len(ids))  # a constant IN list: DuckDB looks it up in the key index
        rows = self.con.execute(f"SELECT id FROM articles WHERE id IN ({marks})", ids).fetchall()
        return {r[0] for r in rows}

    @_holds_file
    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "events", "statements", "actors")}

    @_holds_file
    def events(self, country: str | None = None, event_type: str | tuple[str, ...] | None = None,
               since: str | None = None, until: str | None = None, limit: int | None = None,
               mode: str | None = None) -> list[dict]:
        """Stored events, oldest first; dates compare at their precision (validate.date_range_sql)."""
        from . import validate

        where, params = [], []
        if country:
            where.append("(source_country = ? OR target_country = ?)")
            params += [country.upper(), country.upper()]
        if event_type:
            types = validate.event_type(event_type) if isinstance(event_type, str) else tuple(event_type)
            where.append(f"event_type IN ({', '.join('?' * len(types))})")
            params += list(types)
        if mode:
            where.append("mode = ?")
            params.append(mode)
        dates, values = validate.date_range_sql(since, until)
        where, params = where + dates, params + values
        sql = "SELECT record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [json.loads(r[0]) for r in self.con.execute(sql, params).fetchall()]

    @_holds_file
    def actors(self, kind: str | None = None) -> list[dict]:
        sql = ("SELECT actor_id, name, country, sectors, role, kind, first_seen, last_seen, roles, former, mentions, org "
               "FROM actors" + (" WHERE kind = ?" if kind else "") + " ORDER BY last_seen DESC NULLS LAST, actor_id")
        cols = ["actor_id", "name", "country", "sectors", "role", "kind", "first_seen", "last_seen", "roles",
                "former", "mentions", "org"]
        return [dict(zip(cols, r)) for r in self.con.execute(sql, [kind] if kind else []).fetchall()]

    @_holds_file
    def known_actors(self) -> list:
        """People from earlier articles, for ArticleActors(known=...): a later article's bare
        surname resolves to them."""
        from .schema import Actor

        return [Actor(name=r["name"], country=r["country"], sectors=list(r["sectors"] or []), role=r["role"],
                      kind="person", actor_id=r["actor_id"], former=bool(r["former"]), org=r.get("org"))
                for r in self.actors(kind="person")]

    @_holds_file
    def statements(self, country: str | None = None, article_id: str | None = None) -> list[dict]:
        where, params = [], []
        if country:
            where.append("speaker_country = ?")
            params.append(country.upper())
        if article_id:
            where.append("article_id = ?")
            params.append(article_id)
        sql = "SELECT record FROM statements" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY article_id, id"
        return [json.loads(r[0]) for r in self.con.execute(sql, params).fetchall()]

    # -- linked events (story_store.py) --------------------------------------------------------
    def resolve_event(self, event_id: str) -> str | None:
        """The id an event has now: itself, or the event an id merged into (event_aliases)."""
        if self.con.execute("SELECT 1 FROM events WHERE id = ?", [event_id]).fetchone():
            return event_id
        row = self.con.execute("SELECT event_id FROM event_aliases WHERE old_id = ?", [event_id]).fetchone()
        return row[0] if row else None

    def event_mentions(self, event_id: str) -> list[dict]:
        """Every sentence that tells the event, in every article, oldest first."""
        cols = ["article_id", "sentence", "start_char", "end_char", "text", "source_name", "url", "published"]
        rows = self.con.execute(f"SELECT {', '.join(cols)} FROM event_mentions WHERE event_id = ? "
                                "ORDER BY published, article_id, start_char", [self.resolve_event(event_id)]).fetchall()
        return [dict(zip(cols, r)) for r in rows]
