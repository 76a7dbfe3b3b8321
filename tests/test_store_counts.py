"""Counts that do not depend on batching (issue 15, item 9): the same article twice in one
batch counts once; the store's rows are the same whatever the batch size."""
import duckdb
import pytest
from typer.testing import CliRunner

from sanderling.cli import app
from sanderling.store import Store
from store_fixtures import article, person, sample

TABLES = {
    "articles": "SELECT * FROM articles ORDER BY id",
    "events": "SELECT id, event_type, date, num_mentions, num_sources, num_articles FROM events ORDER BY id",
    "article_actors": "SELECT * FROM article_actors ORDER BY article_id, actor_id",
    "actors": "SELECT actor_id, mentions, first_seen, last_seen FROM actors ORDER BY actor_id",
    "statements": "SELECT id, article_id FROM statements ORDER BY id",
    "event_mentions": "SELECT event_id, article_id, start_char FROM event_mentions ORDER BY ALL",
}


def snapshot(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(q).fetchall() for t, q in TABLES.items()}
    finally:
        con.close()


def written(path, batches):
    with Store(path) as s:
        for b in batches:
            s.write(b)
    return snapshot(path)


def test_the_same_article_twice_in_a_batch_counts_once(tmp_path):
    once = written(tmp_path / "once.duckdb", [sample()])
    a = sample()
    twice = written(tmp_path / "twice.duckdb", [a + sample()[:1]])
    assert twice == once


def with_a_second_report():
    """The sample and another paper's report of its March meeting (linked to one event)."""
    lund, saari = person("Karin Lund", "SWE", "Defence Minister"), person("Mikko Saari", "FIN", "Defence Minister")
    text = "Karin Lund met Mikko Saari in Helsinki in March, the paper said."
    return sample() + [article(text, "2024-04-03", source_name="Other Paper",
                               events=[("CONSULT", lund, saari, "2024-03", text, "met")])]


@pytest.mark.parametrize("sizes", [(1, 1, 1, 1), (2, 2), (1, 3), (3, 1)])
def test_stored_counts_do_not_depend_on_batch_size(tmp_path, sizes):
    whole = written(tmp_path / "whole.duckdb", [with_a_second_report()])
    assert any(n == 2 for _, _, _, n, _, _ in whole["events"])  # the two reports are one event
    coded, batches, i = with_a_second_report(), [], 0
    for n in sizes:
        batches.append(coded[i: i + n])
        i += n
    assert written(tmp_path / "parts.duckdb", batches) == whole


def test_the_summary_tells_what_the_store_holds(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Swedish Defence Minister Karin Lund met Finnish Defence Minister Mikko Saari in Helsinki on Monday.\n",
                   encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(app, ["code", str(art), str(art), "--published", "2025-03-12", "--db", str(db),
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    line = result.stderr.strip().splitlines()[-1]
    assert line.endswith("holds 1 article(s), 1 event(s)"), line  # the file given twice is stored once


def test_an_edited_article_keeps_only_its_new_events(tmp_path):
    lund, saari = person("Karin Lund", "SWE"), person("Mikko Saari", "FIN")
    v1 = "Karin Lund met Mikko Saari in Oslo in May."
    v2 = "Karin Lund accused Mikko Saari of lying in May."
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write([article(v1, url="https://news.example/a", events=[("CONSULT", lund, saari, "2024-05", v1, "met")])])
        s.write([article(v2, url="https://news.example/a", events=[("ACCUSE", lund, saari, "2024-05", v2, "accused")])])
        assert [e["event_type"] for e in s.events()] == ["ACCUSE"]
        assert s.counts()["articles"] == 1
        assert {m for (m,) in s.con.execute("SELECT mentions FROM article_actors").fetchall()} == {1}
