import pytest

from sanderling.schema import Article
from sanderling.store import Store

TEXTS = [
    "Vietnamese Prime Minister Tran Van Minh met Thai Prime Minister Somchai Wong in Hanoi on Monday.",
    "In May 2022, Ghana accused Togo of smuggling.",
]


@pytest.fixture
def coded(coder):
    return list(coder.code([Article(text=t, published="2025-03-12") for t in TEXTS]))


def counts(path):
    with Store(path) as s:
        return s.counts()


def test_writing_twice_changes_nothing(tmp_path, coded):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.write(coded)
    first = counts(db)
    with Store(db) as s:
        s.write(coded)
    assert counts(db) == first
    assert first["articles"] == 2 and first["events"] >= 2


def test_writing_twice_keeps_actor_rows_as_they_were(tmp_path, coded):
    db = tmp_path / "s.duckdb"

    def actors():
        with Store(db) as s:
            return s.con.execute("SELECT * FROM actors ORDER BY actor_id").fetchall()

    with Store(db) as s:
        s.write(coded)
    first = actors()
    with Store(db) as s:
        s.write(coded)
    assert actors() == first
    with Store(db) as s:
        assert any(n for (n,) in s.con.execute("SELECT mentions FROM actors").fetchall())  # mention counts are there


def test_filters(tmp_path, coded):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.write(coded)
        assert {e["event_type"] for e in s.events(country="VNM")} == {"CONSULT"}
        assert [e["source"]["country"] for e in s.events(event_type="accuse")] == ["GHA"]
        assert all(e["date"] >= "2025" for e in s.events(since="2025-01-01"))
        assert [e["date"] for e in s.events(until="2022-12")] == ["2022-05"]


def test_failed_batch_leaves_store_as_it_was(tmp_path, coded):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.write(coded[:1])
    before = counts(db)
    class FailingEvents:
        """The real connection, except that writing events fails half-way through the batch."""

        def __init__(self, con):
            self.con = con

        def executemany(self, sql, rows):
            if "INTO events" in sql:
                raise RuntimeError("disk full")
            return self.con.executemany(sql, rows)

        def execute(self, sql, *args):
            if "INTO events" in sql:
                raise RuntimeError("disk full")
            return self.con.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.con, name)

    with Store(db) as s:
        s.con = FailingEvents(s.con)
        with pytest.raises(RuntimeError):
            s.write(coded)
        s.con = s.con.con
    assert counts(db) == before


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(FileNotFoundError, match="code some articles first"):
        Store(tmp_path / "none.duckdb", read_only=True)
