"""Publication dates: full dates only; everything else is a clear error (issue 15, item 5)."""
from __future__ import annotations

import pytest

from sanderling.ingest.dates import normalise_published
from sanderling.ingest.errors import IngestError


@pytest.mark.parametrize("value, expected", [
    ("2031-04-16", "2031-04-16"), ("2031-04-16T22:10:00Z", "2031-04-16"), ("2031-04-16 20:28:39Z", "2031-04-16"),
    ("Tue, 15 Apr 2031 10:00:00 GMT", "2031-04-15"), ("16 April 2031", "2031-04-16"), ("April 16, 2031", "2031-04-16"),
    (None, None), ("", None)])
def test_full_dates_are_read(value, expected):
    assert normalise_published(value, "x") == expected


@pytest.mark.parametrize("value", ["2031", "2031-04", "2031-13-01", "2031-02-30", "1e10", "yesterday", "next friday",
                                   "03/04/2031", "0001-01-01", "9999-01-01"])
def test_anything_else_is_an_error_naming_the_value(value):
    with pytest.raises(IngestError) as exc:
        normalise_published(value, "--published")
    assert "--published" in str(exc.value) and repr(value) in str(exc.value) and "YYYY-MM-DD" in str(exc.value)


# -- a dateline's date when no publication date is given (issue 15, item 5)

from datetime import date, datetime  # noqa: E402
import os  # noqa: E402

from sanderling.ingest.dates import dateline_date  # noqa: E402

LEAD = "Fishing talks\n{} - The Icelandic trade minister met Faroese officials on Monday.\n"


@pytest.mark.parametrize("dateline, reference, expected", [
    ("REYKJAVIK, March 3, 2021 (Reuters)", date(2026, 1, 1), "2021-03-03"),  # its own year
    ("REYKJAVIK, Nov 18 (Reuters)", date(2025, 11, 20), "2025-11-18"),  # the last Nov 18 by then
    ("REYKJAVIK, Nov 18 (Reuters)", date(2025, 11, 18), "2025-11-18"),
    ("REYKJAVIK, Dec 30 (Reuters)", date(2026, 1, 2), "2025-12-30"),  # not a day still to come
    ("REYKJAVIK, Feb 29 (Reuters)", date(2027, 3, 1), "2024-02-29"),  # the last leap year
    ("REYKJAVIK, Sept 9 (AP)", date(2025, 10, 1), "2025-09-09"),
])
def test_a_dateline_gives_the_publication_date(dateline, reference, expected):
    day, how = dateline_date(LEAD.format(dateline), reference, "the file's date")
    assert day == expected
    assert "dateline" in how and (("the file's date" in how) == (", 20" not in dateline))


@pytest.mark.parametrize("text", [
    "Fishing talks\nThe Icelandic trade minister met Faroese officials on Monday.\n",  # no dateline
    LEAD.format("REYKJAVIK"),  # a dateline with no date
    LEAD.format("REYKJAVIK, Nov 31 (Reuters)"),  # no such day
])
def test_no_date_without_a_dated_dateline(text):
    assert dateline_date(text, date(2025, 12, 1)) is None


def test_a_text_file_is_dated_by_its_dateline_against_the_file_date(tmp_path):
    from sanderling.ingest import read_path

    f = tmp_path / "story.txt"
    f.write_text(LEAD.format("REYKJAVIK, Nov 18 (Reuters)"), encoding="utf-8")
    noon = datetime(2024, 12, 5, 12).timestamp()
    os.utime(f, (noon, noon))
    (article,) = read_path(f)
    assert article.published == "2024-11-18" and "file's date" in article.published_from
    (given,) = read_path(f, published="2024-11-19")  # a date given always wins
    assert given.published == "2024-11-19" and given.published_from is None


def test_a_json_line_with_no_date_is_dated_by_its_dateline(tmp_path):
    import json

    from sanderling.ingest import read_path

    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"text": LEAD.format("REYKJAVIK, June 2, 2023 (AP)")}) + "\n"
                 + json.dumps({"text": LEAD.format("REYKJAVIK, June 2, 2023 (AP)"), "published": "2023-06-03"}) + "\n",
                 encoding="utf-8")
    first, second = read_path(f)
    assert (first.published, second.published) == ("2023-06-02", "2023-06-03")
    assert first.published_from and second.published_from is None


def test_cli_says_which_articles_it_dated_by_their_dateline(tmp_path):
    from typer.testing import CliRunner

    from sanderling.cli import app

    f = tmp_path / "story.txt"
    f.write_text(LEAD.format("REYKJAVIK, Nov 18, 2024 (Reuters)"), encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(f), "--db", str(tmp_path / "s.duckdb"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "dated 2024-11-18 from its dateline 'Nov 18, 2024'" in result.output
    assert "give --published" in result.output
    assert '"2024-11-18"' in result.output  # the event's date ("on Monday" = the dateline's day)
