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
import re
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
ARTICLE_COLUMNS = "id, title, url, source_name, published, origin, text"
STATEMENT_COLUMNS = "id, article_id, speaker_name, speaker_country, via, cue, content, direct, record"


#: The store's schema version, kept in `meta`. 1: stores written before `meta` existed (each
#: table made by CREATE ... IF NOT EXISTS, columns added since by ALTER); 2: `meta`, every
#: table's columns added when missing. A newer version is refused: its meaning is unknown here.
SCHEMA_VERSION = 2
META = "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);"
#: Tables a sanderling store may hold (gdelt_events: `import-gdelt`).
OUR_TABLES = ("articles", "events", "statements", "actors", "article_actors", "event_mentions",
              "event_aliases", "event_reports", "meta", "gdelt_events")
#: Columns every sanderling store has had, which reads need: without them it is someone else's.
CORE = {"events": ("record", "date", "event_type", "source_country", "target_country", "article_id"),
        "statements": ("record", "article_id"), "articles": ("text",)}
_CREATE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\);", re.S)


def _columns_of(schema: str) -> dict[str, list[tuple[str, str, bool]]]:
    """table -> [(column, type, is its key)] from the CREATE TABLE statements of `schema`."""
    out = {}
    for table, body in _CREATE.findall(schema):
        cols, depth, part = [], 0, ""
        for ch in body + ",":
            depth += (ch == "(") - (ch == ")")
            if ch == "," and depth == 0:
                cols.append(part.strip())
                part = ""
            else:
                part += ch
        out[table] = []
        for col in filter(None, cols):
            if col.upper().startswith("PRIMARY KEY"):
                continue
            name, kind = col.split(None, 1)
            key = "PRIMARY KEY" in kind.upper()
            out[table].append((name, re.sub(r"\s*PRIMARY KEY", "", kind, flags=re.I).strip(), key))
    return out


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def check_store(con, path: Path, writing: bool) -> None:
    """Refuse, in one line, a store this code cannot trust: truncated, not sanderling's, written
    by a newer schema, or with a view or a keyless table where a table of ours should be; when
    `writing`, bring an older schema up to this one (tables and columns added, data kept)."""
    try:
        block, used = con.execute("PRAGMA database_size").fetchone()[2:5:2]
        # the file holds its three header pages and at least its used blocks (free ones at the
        # end are cut off): shorter is truncated (a copy cut short, a full disk), and would fail
        # on the first read of a lost block, mid-run
        need = 3 * 4096 + int(used) * int(block)
        if path.exists() and os.path.getsize(path) < need:
            raise StoreError(f"{path}: the store is truncated ({os.path.getsize(path)} bytes, at least {need} "
                             "needed); restore it from a copy or pass another --db")
        kinds = dict(con.execute("SELECT table_name, table_type FROM information_schema.tables "
                                 "WHERE table_schema = 'main'").fetchall())
        version = None
        if "meta" in kinds:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            try:
                version = int(row[0]) if row else None
            except ValueError:
                version = -1
            if version is not None and (version < 1 or version > SCHEMA_VERSION):
                raise StoreError(f"{path}: the store has schema version {row[0]}, this sanderling knows 1 to "
                                 f"{SCHEMA_VERSION}; use the sanderling that wrote it (or a newer one)", code=2)
        ours = [t for t in kinds if t in OUR_TABLES]
        if kinds and not ours:
            raise StoreError(f"{path}: not a sanderling store (it holds {', '.join(sorted(kinds)[:5])}); "
                             "pass another --db", code=2)
        if not writing and "events" not in kinds:
            raise StoreError(f"{path}: not a sanderling store yet (no events table); code some articles first "
                             "(`sanderling code FILE`) or pass another --db", code=2)
        tables = _columns_of(SCHEMA)
        for table in tables:
            if kinds.get(table, "BASE TABLE") != "BASE TABLE":
                raise StoreError(f"{path}: not a sanderling store ({table} is a {kinds[table].lower()}, "
                                 "not a table); pass another --db", code=2)
            if table in kinds:
                have = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                                  "WHERE table_schema = 'main' AND table_name = ?", [table]).fetchall()}
                lost = [c for c, _, key in tables[table] if (key or c in CORE.get(table, ())) and c not in have]
                if lost:
                    raise StoreError(f"{path}: not a sanderling store ({table} has no {lost[0]} column); "
                                     "pass another --db", code=2)
        keyed = {r[0] for r in con.execute("SELECT table_name FROM duckdb_constraints() WHERE schema_name = 'main' "
                                           "AND constraint_type = 'PRIMARY KEY'").fetchall()}
        # writes replace rows by key (ON CONFLICT, INSERT OR REPLACE): a keyless table would fail
        # them after a whole batch was coded
        keyless = [t for t, cols in tables.items() if t in kinds and t not in keyed
                   and (any(key for _, _, key in cols) or "PRIMARY KEY (" in SCHEMA.split(f"EXISTS {t} (", 1)[1].split(");")[0])]
        if writing and keyless:
            raise StoreError(f"{path}: not a sanderling store ({keyless[0]} has no primary key); pass another --db",
                             code=2)
        if not writing:
            return
        con.execute("BEGIN TRANSACTION")
        con.execute(SCHEMA)
        con.execute(META)
        for table, cols in tables.items():  # migration: what an older store lacks, added empty
            for col, kind, _ in cols:
                con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {col} {kind}")
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        con.execute("COMMIT")
    except StoreError:
        raise
    except duckdb.Error as exc:
        raise StoreError(f"{path}: cannot {'write' if writing else 'read'} the store ({_first_line(exc)}); "
                         "restore it from a copy or pass another --db") from None


def _sql_type(values) -> str:
    """The list type a column's Python values bind as (the insert casts to the column's type)."""
    seen = {type(v) for v in values if v is not None}
    if not seen or seen - {bool, int, float}:
        return "VARCHAR[]"
    if seen == {bool}:
        return "BOOLEAN[]"
    return "BIGINT[]" if seen == {int} else "DOUBLE[]"


_HEAD = re.compile(r"\s*INSERT\s+(?:OR\s+REPLACE\s+)?INTO\s+\w+\s*\([^)]+\)\s*VALUES\s*$", re.I)


def _insert(con, head: str, rows: list[list], chunk: int = 4096, key=lambda row: row[0]) -> None:
    """Many rows in a few statements: DuckDB's executemany runs one statement per row, which cost
    more than coding the articles did, and a VALUES list binds each value on its own; a list per
    column, unnested, binds fastest. Rows share a key (first column) only when the same text
    came twice: the last one wins, as it would row by row. `head` is "INSERT INTO t (a, b, ...)
    VALUES": always by column name, so a table whose columns stand in another order (an older
    store, migrated) gets each value in its own column."""
    if not _HEAD.match(head):
        raise ValueError(f"insert by column name: {head!r}")
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


class StoreError(RuntimeError):
    """The store cannot be read or written (damaged, foreign, newer, a failed write): one line.
    `code` is the exit status the CLI gives: 2 when the user named the wrong file, else 1."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


class StoreBusy(StoreError):
    """Another process holds the store's file for longer than we waited (exit 2, as before)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message, code)


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
    the file between batches would lock every reader out for the whole run. A DuckDB error
    (a damaged file, a failed write) comes out as one StoreError line."""
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            if self._con is not None:
                return method(self, *args, **kwargs)
            self._con = connect(self.path, self.read_only)
            try:
                return method(self, *args, **kwargs)
            finally:
                self._con.close()
                self._con = None
        except duckdb.Error as exc:
            doing = "write" if method.__name__ == "write" else "read"
            tail = "; the store is as it was before this batch" if doing == "write" else ""
            raise StoreError(f"{self.path}: cannot {doing} the store ({_first_line(exc)}){tail}") from None
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
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"{self.path}: no store here yet; code some articles first (`sanderling code FILE`)")
        if self.path.is_dir():
            raise StoreError(f"{self.path}: a folder, not a store; pass a file with --db", code=2)
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = connect(self.path, read_only=read_only)
        except duckdb.Error as exc:  # not a DuckDB file, a header cut short, no permission
            raise StoreError(f"{self.path}: cannot open the store ({_first_line(exc)}); pass another --db",
                             code=2) from None
        with con:  # checked (and an older schema migrated) before anything is coded into it
            check_store(con, self.path, writing=not read_only)

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
        # the same article twice in a batch (the same file named twice) is written once, the
        # last one winning as it would across batches: counts must not depend on batching
        batch = list({c.article.id: c for c in coded}.values())
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
            _insert(con, f"INSERT INTO articles ({ARTICLE_COLUMNS}) VALUES", [
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
                _insert(con, f"INSERT OR REPLACE INTO statements ({STATEMENT_COLUMNS}) VALUES", statement_rows)
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
                _insert(con, "INSERT INTO article_actors (article_id, actor_id, mentions) VALUES",
                        [[*k, v[2]] for k, v in seen_in.items()],
                        key=lambda row: (row[0], row[1]))
            touched = list({row[0] for row in actor_rows.values()} | set(left))
            if touched:
                con.execute(f"""
                    UPDATE actors SET mentions = (SELECT coalesce(sum(m.mentions), 0) FROM article_actors m
                                                  WHERE m.actor_id = actors.actor_id)
                    WHERE actor_id IN ({", ".join("?" * len(touched))})""", touched)
            con.execute("COMMIT")
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # a failed COMMIT ended the transaction itself: report that failure, not this
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
        """Stored statements in text order (article by article, oldest article first), each with
        its article's publication date as `published`."""
        where, params = [], []
        if country:
            where.append("s.speaker_country = ?")
            params.append(country.upper())
        if article_id:
            where.append("s.article_id = ?")
            params.append(article_id)
        sql = ("SELECT s.record, a.published FROM statements s LEFT JOIN articles a ON a.id = s.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY a.published NULLS LAST, s.article_id, "
                 "TRY_CAST(json_extract(s.record, '$.start') AS INTEGER) NULLS LAST, s.id")
        return [{**json.loads(r[0]), "published": r[1]} for r in self.con.execute(sql, params).fetchall()]

    @_holds_file
    def find(self, record_id: str) -> dict | None:
        """One record by its id (an event's, an id merged into an event, a statement's) or a
        unique prefix of one: {"kind", "id", "record", "article", "alias_of"}; None when no
        record has it. A prefix that fits several raises LookupError listing some."""
        con, rid = self.con, record_id.strip()
        alias_of = None
        kind, row = "event", con.execute("SELECT id, record FROM events WHERE id = ?", [rid]).fetchone()
        if row is None and (to := self.resolve_event(rid)):
            alias_of, row = rid, con.execute("SELECT id, record FROM events WHERE id = ?", [to]).fetchone()
        if row is None:
            kind, row = "statement", con.execute("SELECT id, record FROM statements WHERE id = ?", [rid]).fetchone()
        if row is None and len(rid) >= 4:
            hits = [("event", r) for r in con.execute(
                "SELECT id, record FROM events WHERE starts_with(id, ?) ORDER BY id LIMIT 5", [rid]).fetchall()]
            hits += [("statement", r) for r in con.execute(
                "SELECT id, record FROM statements WHERE starts_with(id, ?) ORDER BY id LIMIT 5", [rid]).fetchall()]
            if len(hits) > 1:
                raise LookupError(f"{rid!r} starts {len(hits)}{'+' if len(hits) >= 5 else ''} ids "
                                  f"({', '.join(h[1][0] for h in hits[:5])}); give more of it")
            if hits:
                kind, row = hits[0]
        if row is None:
            return None
        record = json.loads(row[1])
        art_id = (record.get("evidence") or {}).get("article_id") if kind == "event" else record.get("article_id")
        art = con.execute("SELECT id, title, url, source_name, published, text FROM articles WHERE id = ?",
                          [art_id]).fetchone()
        article = dict(zip(("id", "title", "url", "source_name", "published", "text"), art)) if art else None
        return {"kind": kind, "id": row[0], "record": record, "article": article, "alias_of": alias_of}

    @_holds_file
    def event_article(self, event_id: str) -> str | None:
        """The article an event (or an id merged into one) was first told in."""
        found = self.resolve_event(event_id)
        row = self.con.execute("SELECT article_id FROM events WHERE id = ?", [found]).fetchone() if found else None
        return row[0] if row else None

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
