"""Story linking: reports of one real event in many articles are one stored event."""
import itertools

import pytest

from sanderling.events.linking import Report, Side, cluster, window
from sanderling.schema import Article
from sanderling.store import Store

PENN = Side("p-penn", "CHL", True)
SOLT = Side("p-solt", "URY", True)
VOSS = Side("p-voss", "URY", True)
CHILE = Side("c-chl", "CHL", False)
URUGUAY = Side("c-ury", "URY", False)


def rep(rid, article, kind="CONSULT", src=PENN, tgt=SOLT, date="2025-03-11", precision="day", **kw):
    return Report(rid, article, kind, src, tgt, date, precision, **kw)


def groups(stories):
    return sorted(sorted(r.id for r in s.reports) for s in stories)


# -- the decision (pure) -----------------------------------------------------------------------
def test_windows_are_precision_aware():
    assert window("2024-04") == (window("2024-04-01")[0], window("2024-04-30")[1])
    assert window("2024")[1].isoformat() == "2024-12-31"
    lo, hi = window("2024-04-16", inferred=True)  # a date from the publication: that day or the one before
    assert (lo.isoformat(), hi.isoformat()) == ("2024-04-15", "2024-04-16")


def test_same_dyad_type_and_day_in_two_articles_is_one_event_either_way_round():
    stories = cluster([rep("b", "A2", src=SOLT, tgt=PENN), rep("a", "A1")])
    assert groups(stories) == [["a", "b"]] and stories[0].id == "a"


def test_country_level_report_joins_the_people_of_its_countries():
    assert groups(cluster([rep("a", "A1"), rep("b", "A2", src=CHILE, tgt=URUGUAY)])) == [["a", "b"]]


def test_two_different_people_on_one_side_are_two_events():
    assert groups(cluster([rep("a", "A1"), rep("b", "A2", tgt=VOSS)])) == [["a"], ["b"]]


def test_directed_types_keep_their_direction():
    accuse = [rep("a", "A1", "ACCUSE", CHILE, URUGUAY), rep("b", "A2", "ACCUSE", URUGUAY, CHILE)]
    assert groups(cluster(accuse)) == [["a"], ["b"]]


def test_close_types_link_other_types_do_not():
    assert groups(cluster([rep("a", "A1", "REQUEST"), rep("b", "A2", "THREATEN")])) == [["a", "b"]]
    assert groups(cluster([rep("a", "A1", "CONSULT"), rep("b", "A2", "AGREE")])) == [["a"], ["b"]]


def test_a_recalled_month_joins_one_of_its_days_and_does_not_chain_them():
    reps = [rep("d1", "A1", date="2024-06-03"), rep("d2", "A2", date="2024-06-20"),
            rep("m", "A3", date="2024-06", precision="month")]
    assert groups(cluster(reps)) == [["d1", "m"], ["d2"]]


def test_reports_of_one_article_never_join():
    assert groups(cluster([rep("a", "A1"), rep("b", "A1", src=CHILE, tgt=URUGUAY)])) == [["a"], ["b"]]


def test_third_country_places_that_differ_are_two_events():
    reps = [rep("a", "A1", location_country="CHE"), rep("b", "A2", location_country="QAT")]
    assert groups(cluster(reps)) == [["a"], ["b"]]


def test_clustering_does_not_depend_on_order():
    reps = [rep("d1", "A1", date="2024-06-03"), rep("d2", "A2", date="2024-06-20"),
            rep("m", "A3", date="2024-06", precision="month"), rep("y", "A4", date="2024", precision="year"),
            rep("i", "A5", date="2024-06-04", from_publication=True), rep("c", "A6", src=CHILE, tgt=URUGUAY,
                                                                           date="2024-06-03")]
    first = groups(cluster(reps))
    for perm in itertools.permutations(reps):
        assert groups(cluster(list(perm))) == first


# -- the store ---------------------------------------------------------------------------------
ONE = ("Chilean Foreign Minister Arlo Penn met Uruguayan Foreign Minister Mira Solt in Santiago on Tuesday. "
       "Penn later accused Argentina of smuggling cattle across the border.")
TWO = ("Mira Solt, Uruguay's foreign minister, held talks with her Chilean counterpart Arlo Penn on Tuesday "
       "in Santiago. Chile also accused Argentina of cattle smuggling on Tuesday.")


def article(text, source, n=0):
    return Article(text=text, published="2025-03-12", source_name=source, url=f"https://{source}.example/{n}")


def stored(db):
    with Store(db, read_only=True) as s:
        return sorted(s.events(), key=lambda e: e["event_type"])


def test_two_wordings_in_either_order_or_two_runs_are_one_event_each(tmp_path, coder):
    a, b = article(ONE, "norhaven"), article(TWO, "velawire")
    results = []
    for order, runs in (([a, b], 1), ([b, a], 1), ([a, b], 2), ([b, a], 2)):
        db = tmp_path / f"s{len(results)}.duckdb"
        with Store(db) as s:
            coded = list(coder.code(order))
            for part in ([coded] if runs == 1 else [coded[:1], coded[1:]]):
                s.write(part)
        events = stored(db)
        assert [e["event_type"] for e in events] == ["ACCUSE", "CONSULT"]
        assert all(e["num_articles"] == 2 and e["num_sources"] == 2 and e["num_mentions"] == 2 for e in events)
        results.append([(e["id"], e["date"], e["num_mentions"]) for e in events])
    assert all(r == results[0] for r in results)  # same ids whatever the order


def test_twenty_copies_are_the_events_of_one_each_with_twenty_mentions(tmp_path, coder):
    copies = [article(f"By Staff Writer {n}\n{ONE}", f"paper{n}", n) for n in range(20)]
    one = next(coder.code([article(ONE, "solo")]))
    db = tmp_path / "s.duckdb"
    coded = list(coder.code(copies))
    with Store(db) as s:
        s.write(coded[:7])
        s.write(coded[7:])
        s.write(coded[3:5])  # re-coding some: no double counts
        assert s.counts()["events"] == len(one.events)
        assert s.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0] == 20 * len(one.events)
    events = stored(db)
    assert all((e["num_mentions"], e["num_articles"], e["num_sources"]) == (20, 20, 20) for e in events)
    assert len(events[0]["mentions"]) == 20


def test_ids_stay_resolvable_and_recoding_removes_stale_mentions(tmp_path, coder):
    a, b = article(ONE, "norhaven"), article(TWO, "velawire")
    ca, cb = list(coder.code([a, b]))
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.write([cb])
        first = {e["event_type"]: e["id"] for e in s.events()}
        s.write([ca])
        after = {e["event_type"]: e["id"] for e in s.events()}
        for kind, old in first.items():  # an id merged away resolves to the event that holds it
            resolved = s.con.execute("SELECT event_id FROM event_aliases WHERE old_id = ?", [old]).fetchone()
            assert (resolved[0] if resolved else old) == after[kind]
        # an edited article at the same address replaces the first: its mentions go with it
        edited = article(ONE.replace("Penn later accused", "Later, Penn accused"), "norhaven")
        s.write(list(coder.code([edited])))
        assert s.counts()["articles"] == 2
        assert s.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0] == 4
        assert all(e["num_articles"] == 2 for e in s.events())
    with Store(db) as s:  # another run: the second article, edited to tell nothing, leaves one article's events
        s.write(list(coder.code([article("Nothing happened here today.", "velawire")])))
        events = s.events()
        assert all(e["num_articles"] == 1 for e in events) and len(events) == 2
        assert s.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0] == 2


RECALLS = [
    ("Chile and Uruguay signed a fishing accord on Monday. The accord follows talks between Arlo Penn, Chile's "
     "foreign minister, and his Uruguayan counterpart Mira Solt in Santiago in March."),
    "Uruguayan Foreign Minister Mira Solt said on Monday that she met Chilean Foreign Minister Arlo Penn in March in Santiago.",
]


def test_later_articles_recalling_the_meeting_attach_to_it_in_any_order(tmp_path, coder):
    first = article(ONE, "norhaven")
    later = [Article(text=t, published="2025-04-22", source_name=f"weekly{n}", url=f"https://weekly{n}.example/")
             for n, t in enumerate(RECALLS)]
    coded = list(coder.code([first] + later))
    seen = []
    for n, order in enumerate(itertools.permutations(coded)):
        db = tmp_path / f"p{n}.duckdb"
        with Store(db) as s:
            for c in order:  # one run per article
                s.write([c])
        meeting = [e for e in stored(db) if e["event_type"] == "CONSULT"]
        assert len(meeting) == 1 and meeting[0]["num_articles"] == 3
        assert meeting[0]["date"] == "2025-03-11" and not meeting[0]["background"]  # the report with the day
        seen.append(sorted((e["id"], e["num_mentions"]) for e in stored(db)))
    assert all(x == seen[0] for x in seen)


def test_events_command_shows_the_counts(tmp_path):
    import json as _json

    from typer.testing import CliRunner

    from sanderling.cli import app

    runner = CliRunner()
    db = tmp_path / "s.duckdb"
    for n, (text, source) in enumerate(((ONE, "Norhaven Times"), (TWO, "Vela Wire"))):
        path = tmp_path / f"a{n}.txt"
        path.write_text(f"{text}\nSource: {source}\n", encoding="utf-8")
        assert runner.invoke(app, ["code", str(path), "--published", "2025-03-12", "--db", str(db)]).exit_code == 0
    listed = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    rows = [_json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted((r["event_type"], r["num_mentions"], r["num_articles"], r["num_sources"]) for r in rows) == [
        ("ACCUSE", 2, 2, 2), ("CONSULT", 2, 2, 2)]
    table = runner.invoke(app, ["events", "--db", str(db)], env={"COLUMNS": "200"})
    assert "2/2/2" in table.stdout


def test_clustering_many_reports_does_not_depend_on_order():
    import random

    rng = random.Random(3)
    reps = []
    for i in range(300):
        precision = rng.choice(["day", "day", "day", "month", "year"])
        m, d = rng.randrange(1, 13), rng.randrange(1, 29)
        when = {"day": f"2024-{m:02d}-{d:02d}", "month": f"2024-{m:02d}", "year": "2024"}[precision]
        reps.append(rep(f"r{i:03d}", f"a{i % 150}", rng.choice(["REQUEST", "THREATEN"]), rng.choice([CHILE, PENN]),
                        URUGUAY, when, precision, from_publication=precision == "day" and rng.random() < 0.3))
    first = groups(cluster(reps))
    assert len(first) < len(reps)
    for _ in range(5):
        rng.shuffle(reps)
        assert groups(cluster(reps)) == first


def test_a_store_written_before_linking_is_cleaned_as_its_articles_are_coded_again(tmp_path, coder):
    coded = list(coder.code([article(ONE, "norhaven")]))
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.write(coded)
        # a row as the store wrote it before linking: no report behind it
        s.con.execute("INSERT INTO events (id, article_id, event_type, record) VALUES ('old1', ?, 'CONSULT', '{}')",
                      [coded[0].article.id])
    with Store(db) as s:
        s.write(coded)
        assert s.con.execute("SELECT count(*) FROM events WHERE id = 'old1'").fetchone()[0] == 0
        assert s.counts()["events"] == len(coded[0].events)


def test_two_bodies_of_one_cameo_code_are_two_parties():
    un, g7 = Side("o-un", "IGO", False, "UNO"), Side("o-g7", "IGO", False, "G7")
    reps = [rep("a", "A1", src=un, tgt=None), rep("b", "A2", src=g7, tgt=None),
            rep("c", "A3", src=Side("p-chief", "IGO", True, "UNO"), tgt=None)]
    assert groups(cluster(reps)) == [["a", "c"], ["b"]]


def test_reports_without_dates_link_with_none(tmp_path, coder):
    assert groups(cluster([rep("a", "A1", date=None), rep("b", "A2", date=None), rep("c", "A3")])) == [["a"], ["b"],
                                                                                                       ["c"]]
    undated = [Article(text=ONE, source_name=f"s{n}", url=f"https://s{n}.example/") for n in range(2)]
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.write(list(coder.code(undated)))
        s.write(list(coder.code(undated[:1])))
        assert all(e["num_articles"] == 1 for e in s.events())


def test_every_id_ever_given_resolves_however_often_the_event_changes_id(tmp_path):
    from sanderling.schema import Actor, CodedArticle, Event, Evidence

    def copy(n):
        a = Article(text=f"Copy {n} of a story.", published="2025-03-12", source_name=f"s{n}", url=f"https://s{n}.example/")
        ev = Evidence(a.id, 0, "A story.", 0, 8)
        e = Event("CONSULT", Actor(name="Chile", country="CHL"), Actor(name="Uruguay", country="URY"), ev,
                  date="2025-03-11", date_precision="day", mentions=[ev])
        e.assign_id()
        return CodedArticle(article=a, events=[e])

    copies = sorted((copy(n) for n in range(8)), key=lambda c: c.events[0].id, reverse=True)  # each smaller
    given = []
    with Store(tmp_path / "s.duckdb") as s:
        for c in copies:
            s.write([c])
            given.append(s.events()[0]["id"])
        (event,) = s.events()
        assert event["id"] == min(c.events[0].id for c in copies) and event["num_articles"] == 8
        assert {s.resolve_event(i) for i in given} == {event["id"]}
        s.write([copies[-1]])  # re-coding the article that gave the id keeps it
        assert s.events()[0]["id"] == event["id"] and s.events()[0]["num_mentions"] == 8
