"""The store's linked events: each article's events are *reports*; reports of one real event
(events/linking.py decides) are one row of `events`, with every sentence that tells it in
`event_mentions` and GDELT's counts (NumMentions, NumSources, NumArticles) on the row.

Runs inside Store.write's transaction. Reports are looked up by their linking key (type group,
parties' countries, year: an indexed column), never by scanning the events; a key's reports are
re-clustered whole when a report joins or leaves it, so the events are the same whatever order
or runs the articles came in. An event's id is its smallest report id; an id merged away (or
left when the article that gave it was re-coded) stays in `event_aliases` pointing to the event
that holds its reports now.
"""
from __future__ import annotations

import json
from collections import defaultdict
from urllib.parse import urlsplit

from .events.linking import Report, Side, cluster, report_of

SCHEMA = """
ALTER TABLE events ADD COLUMN IF NOT EXISTS num_mentions INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS num_sources INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS num_articles INTEGER;
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id VARCHAR, article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    source_name VARCHAR, url VARCHAR, published VARCHAR, report_id VARCHAR
);
CREATE TABLE IF NOT EXISTS event_aliases (old_id VARCHAR PRIMARY KEY, event_id VARCHAR);
CREATE TABLE IF NOT EXISTS event_reports (
    id VARCHAR PRIMARY KEY, event_id VARCHAR, article_id VARCHAR, group_key VARCHAR, event_type VARCHAR,
    source_id VARCHAR, source_country VARCHAR, source_person BOOLEAN,
    target_id VARCHAR, target_country VARCHAR, target_person BOOLEAN,
    date VARCHAR, date_precision VARCHAR, from_publication BOOLEAN, location_country VARCHAR,
    source_key VARCHAR, record JSON, source_org VARCHAR, target_org VARCHAR
);
ALTER TABLE event_reports ADD COLUMN IF NOT EXISTS source_org VARCHAR;
ALTER TABLE event_reports ADD COLUMN IF NOT EXISTS target_org VARCHAR;
CREATE INDEX IF NOT EXISTS event_reports_group ON event_reports (group_key);
CREATE INDEX IF NOT EXISTS event_reports_article ON event_reports (article_id);
CREATE INDEX IF NOT EXISTS event_mentions_report ON event_mentions (report_id);
"""

EVENT_COLUMNS = ("id, article_id, event_type, mode, cameo, quad_class, goldstein, source_id, source_name, "
                 "source_country, target_id, target_name, target_country, date, background, location_name, "
                 "location_country, confidence, sentence, record, num_mentions, num_sources, num_articles")
#: the order write_stories builds a report's row in (REPORT_COLUMNS, the order reads use, lacks record)
REPORT_INSERT = ("id, event_id, article_id, group_key, event_type, source_id, source_country, source_person, "
                 "target_id, target_country, target_person, date, date_precision, from_publication, "
                 "location_country, source_key, record, source_org, target_org")
MENTION_COLUMNS = "event_id, article_id, sentence, start_char, end_char, text, source_name, url, published, report_id"
REPORT_COLUMNS = ("id, event_id, article_id, event_type, source_id, source_country, source_person, target_id, "
                  "target_country, target_person, date, date_precision, from_publication, location_country, "
                  "source_key, source_org, target_org")


def _marks(items) -> str:
    return ", ".join("?" * len(items))


def source_key(article) -> str:
    """Who published it, for NumSources: its source name, else its site, else the article."""
    if article.source_name:
        return article.source_name.strip().lower()
    host = urlsplit(article.url).netloc.lower() if article.url else ""
    return host or f"article:{article.id}"


def _report(row) -> Report:
    (rid, _, article_id, event_type, sid, scountry, sperson, tid, tcountry, tperson, date, precision,
     from_publication, location, _, sorg, torg) = row
    return Report(id=rid, article_id=article_id, event_type=event_type,
                  source=Side(sid, scountry, bool(sperson), sorg) if sid is not None else None,
                  target=Side(tid, tcountry, bool(tperson), torg) if tid is not None else None,
                  date=date, date_precision=precision, from_publication=bool(from_publication),
                  location_country=location)


# DuckDB looks a short IN list up in the column's index; a longer one becomes a hash join that
# scans the table (as the store grows, that is what would slow it down)
INDEXED_IN = 4


def _by_key(con, head: str, keys: list) -> list:
    rows = []
    for i in range(0, len(keys), INDEXED_IN):
        part = keys[i: i + INDEXED_IN]
        rows += con.execute(f"{head} ({_marks(part)})", part).fetchall()
    return rows


def write_stories(con, batch, removed: list[str], insert) -> None:
    """Replace the reports of the articles `removed` (and those of the batch) by the batch's,
    and re-link what they touch. `insert(con, head, rows)` is the store's many-rows insert."""
    old_rows = con.execute(f"SELECT id, event_id, group_key FROM event_reports WHERE article_id IN ({_marks(removed)})",
                           removed).fetchall() if removed else []
    groups = {g for _, _, g in old_rows if g is not None}
    dirty = {e for _, e, _ in old_rows}  # events that lose reports (they may keep others)
    if removed:
        for table in ("event_reports", "event_mentions"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN ({_marks(removed)})", removed)
    reports, mentions, singles = [], [], []
    known: dict[str, tuple] = {}  # new report -> (record, source key, its mentions): no need to read them back
    for c in batch:
        a, key = c.article, source_key(c.article)
        for event in c.events:
            r = report_of(event, a.id)
            record = event.to_dict()
            src, tgt = r.source, r.target
            reports.append([r.id, r.id, a.id, r.group_key, r.event_type, src and src.actor_id, src and src.country,
                            src and src.person, tgt and tgt.actor_id, tgt and tgt.country, tgt and tgt.person,
                            r.date, r.date_precision, r.from_publication, r.location_country, key,
                            json.dumps(record, ensure_ascii=False, sort_keys=True), src and src.org, tgt and tgt.org])
            told = [[r.id, a.id, m.sentence, m.start, m.end, m.text, a.source_name, a.url, a.published, r.id]
                    for m in event.mentions or [event.evidence]]
            mentions.extend(told)
            known[r.id] = (reports[-1][16], key, [(m[1], m[2], m[3], m[4], m[6], m[7], m[8]) for m in told])
            if r.group_key is None:
                singles.append(r.id)
            else:
                groups.add(r.group_key)
    if reports:
        insert(con, f"INSERT INTO event_reports ({REPORT_INSERT}) VALUES", reports)  # the articles' old reports are gone
    if mentions:
        insert(con, f"INSERT INTO event_mentions ({MENTION_COLUMNS}) VALUES", mentions, key=lambda row: (row[9], row[2], row[3]))
    rows = _by_key(con, f"SELECT {REPORT_COLUMNS} FROM event_reports WHERE group_key IN", sorted(groups))
    if singles:
        rows += con.execute(f"SELECT {REPORT_COLUMNS} FROM event_reports WHERE id IN ({_marks(singles)})",
                            singles).fetchall()
    fresh = {row[0] for row in reports}
    was = {row[0]: row[1] for row in rows if row[0] not in fresh}  # report -> its event before
    by_group: dict[str | None, list[Report]] = defaultdict(list)
    for row in rows:
        by_group[row[3] if row[3] is not None else row[0]].append(_report(row))
    stories = [s for key in sorted(by_group, key=str) for s in cluster(by_group[key])]
    members_before: dict[str, set] = defaultdict(set)
    for rid, eid in was.items():
        members_before[eid].add(rid)
    changed = []
    for story in stories:
        ids = {r.id for r in story.reports}
        sid = story.id
        if ids <= was.keys() and sid not in dirty and members_before.get(sid) == ids:
            continue  # the same reports under the same id: nothing to write
        changed.append(story)
        dirty |= {was[r] for r in ids if r in was}
    if not changed and not dirty:
        return
    live = {s.id: s for s in stories}
    _write_events(con, changed, dirty, was, known, insert)
    _write_aliases(con, dirty, live, stories, changed, old_rows, was, insert)


def _write_events(con, changed: list, drop: set, was: dict, known: dict, insert) -> None:
    """Rewrite the events whose reports changed; `drop`: the old ids they (and gone ones) had."""
    drop = sorted(drop)
    if drop:
        con.execute(f"DELETE FROM events WHERE id IN ({_marks(drop)})", drop)
    if not changed:
        return
    # a new report was written with its own id as its event's: only those that moved are updated
    assign = [[r.id, s.id] for s in changed for r in s.reports if was.get(r.id, r.id) != s.id]
    if assign:
        con.execute("CREATE TEMP TABLE IF NOT EXISTS link_assign (report_id VARCHAR, event_id VARCHAR)")
        con.execute("DELETE FROM link_assign")
        insert(con, "INSERT INTO link_assign (report_id, event_id) VALUES", assign)
        con.execute("UPDATE event_reports SET event_id = a.event_id FROM link_assign a "
                    "WHERE event_reports.id = a.report_id")
        con.execute("UPDATE event_mentions SET event_id = a.event_id FROM link_assign a "
                    "WHERE event_mentions.report_id = a.report_id")
    records = {rid: v[0] for rid, v in known.items()}
    sources = {rid: v[1] for rid, v in known.items()}
    told = defaultdict(list, {rid: list(v[2]) for rid, v in known.items()})
    old = sorted({r.id for s in changed for r in s.reports} - known.keys())
    if old:
        for rid, record, key in con.execute(f"SELECT id, record, source_key FROM event_reports WHERE id IN ({_marks(old)})",
                                            old).fetchall():
            records[rid], sources[rid] = record, key
        for row in con.execute(f"""SELECT report_id, article_id, sentence, start_char, end_char, source_name, url,
                                          published FROM event_mentions WHERE report_id IN ({_marks(old)})""",
                               old).fetchall():
            told[row[0]].append(row[1:])
    rows = []
    for story in changed:
        head = json.loads(records[story.reports[0].id])  # the report with the finest own date
        said = sorted({m for r in story.reports for m in told[r.id]}, key=lambda m: (m[6] or "", m[0], m[1], m[2]))
        head["id"] = story.id
        head["mentions"] = [{"article_id": m[0], "sentence": m[1], "start": m[2], "end": m[3], "source_name": m[4],
                             "url": m[5], "published": m[6]} for m in said]
        head["num_mentions"] = len(said)
        head["num_articles"] = len(story.articles)
        head["num_sources"] = len({sources[r.id] for r in story.reports})
        head["reports"] = sorted(r.id for r in story.reports)
        src, tgt, loc = head["source"] or {}, head["target"] or {}, head["location"] or {}
        rows.append([story.id, head["evidence"]["article_id"], head["event_type"], head["mode"], head["cameo"],
                     head["quad_class"], head["goldstein"], src.get("actor_id"), src.get("name"), src.get("country"),
                     tgt.get("actor_id"), tgt.get("name"), tgt.get("country"), head["date"], head["background"],
                     loc.get("name"), loc.get("country"), head["confidence"], head["evidence"]["text"],
                     json.dumps(head, ensure_ascii=False, sort_keys=True), head["num_mentions"],
                     head["num_sources"], head["num_articles"]])
    insert(con, f"INSERT INTO events ({EVENT_COLUMNS}) VALUES", rows)  # their old rows were deleted above


def _write_aliases(con, dirty: set, live: dict, stories: list, changed: list, old_rows, was: dict,
                   insert) -> None:
    """Old ids that are no longer events resolve to the event that holds their reports now."""
    now = {r.id: s.id for s in stories for r in s.reports}
    gone = sorted(dirty - live.keys())
    members = defaultdict(list)
    for rid, eid in list(was.items()) + [(rid, eid) for rid, eid, _ in old_rows]:
        members[eid].append(rid)
    heirs, dropped = {}, []
    for old in gone:
        kin = sorted(r for r in members.get(old, []) if r in now)
        if old in now:
            kin = [old]  # its own report is still there, in another event
        if kin:
            heirs[old] = now[kin[0]]
        else:
            dropped.append(old)
    if dropped:
        con.execute(f"DELETE FROM event_aliases WHERE event_id IN ({_marks(dropped)}) OR old_id IN ({_marks(dropped)})",
                    dropped + dropped)
    if heirs:
        con.execute("CREATE TEMP TABLE IF NOT EXISTS link_heirs (old_id VARCHAR, event_id VARCHAR)")
        con.execute("DELETE FROM link_heirs")
        rows = sorted(heirs.items())
        insert(con, "INSERT INTO link_heirs (old_id, event_id) VALUES", [list(r) for r in rows])
        # an alias to an id merged away now points where that id went
        con.execute("UPDATE event_aliases SET event_id = h.event_id FROM link_heirs h WHERE event_aliases.event_id = h.old_id")
        olds = [o for o, _ in rows]
        con.execute(f"DELETE FROM event_aliases WHERE old_id IN ({_marks(olds)})", olds)
        insert(con, "INSERT INTO event_aliases (old_id, event_id) VALUES", [list(r) for r in rows])
    back = sorted({s.id for s in changed})  # an id back in use is no alias any more
    if back:
        con.execute(f"DELETE FROM event_aliases WHERE old_id IN ({_marks(back)})", back)
