"""Progress when stderr is not a terminal (issue 15, item 13): a line per 100 articles with
counts and rate; on a terminal, a live line with the same counts (not "N/?")."""
import io

from typer.testing import CliRunner

from sanderling.cli import app
from sanderling.progress import RunProgress


def test_a_line_per_hundred_articles_with_counts_and_rate():
    out = io.StringIO()
    with RunProgress(stream=out, live=False) as p:
        for _ in range(8):
            p.advance(32, 50)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2  # 256 articles: at 100 and at 200
    assert lines[0].startswith("coded 128 article(s), 200 event(s), ") and lines[0].endswith("article(s)/s")


def test_failures_count_and_a_big_batch_gives_one_line():
    out = io.StringIO()
    with RunProgress(stream=out, every=10, live=False) as p:
        p.advance(25, 3, failed=2)
    assert out.getvalue().splitlines() == [out.getvalue().splitlines()[0]]
    assert "25 article(s), 3 event(s), 2 failed" in out.getvalue()


def test_the_live_line_shows_counts():
    out = io.StringIO()
    with RunProgress(stream=out, live=True) as p:
        p.advance(3, 7)
        assert "3 article(s), 7 event(s)" in p._counts()


def test_code_prints_progress_lines_when_stderr_is_a_file(tmp_path):
    for i in range(2):
        (tmp_path / f"{i}.txt").write_text(f"Talks {i}\n\nChilean Foreign Minister Ana Ruiz met Peruvian officials "
                                           "in Lima on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(tmp_path), "--published", "2031-03-12", "--no-store", "-q",
                                      "--batch-size", "1"], env={"SANDERLING_PROGRESS_EVERY": "1"})
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in result.stderr.splitlines() if line.startswith("coded ")] == \
        ["coded 1 article(s)", "coded 2 article(s)"]
