"""Readers for WARC files and saved RSS/Atom feeds, and Parquet/JSON-lines streaming."""
import io
import json
from pathlib import Path

import pytest

from sanderling.ingest import IngestError, read_inputs
from sanderling.schema import Article

BODY = ("The Chilean foreign minister met her Peruvian counterpart in Lima on Tuesday to discuss "
        "fishing rights along the maritime border. Both ministers said the talks were constructive.")

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Test Wire</title><link>https://wire.example/</link><description>x</description>
<item><title>Ministers meet in Lima</title><link>https://wire.example/lima</link>
<pubDate>Tue, 04 Mar 2025 09:30:00 GMT</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[<p>{BODY}</p><p>A second paragraph &amp; more.</p>]]></content:encoded></item>
<item><title>Teaser only</title><link>https://wire.example/teaser</link>
<pubDate>Wed, 05 Mar 2025 10:00:00 GMT</pubDate><description>Kenya recalled its ambassador.</description></item>
<item><title>Nothing</title><link>https://wire.example/empty</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id><updated>2025-03-06T00:00:00Z</updated>
<entry><title>Talks in Oslo</title><id>urn:1</id><link href="https://atom.example/oslo"/>
<published>2025-03-06T08:00:00Z</published><updated>2025-03-06T08:00:00Z</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""


def read(paths, **kw):
    return list(read_inputs([Path(p) for p in paths], **kw))


def test_rss_entries_become_articles(tmp_path):
    f = tmp_path / "wire.rss"
    f.write_text(RSS, encoding="utf-8")
    items = read([f])
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [a.url for a in articles] == ["https://wire.example/lima", "https://wire.example/teaser"]
    first = articles[0]
    assert first.text.startswith("Ministers meet in Lima\n")
    assert BODY in first.text and "A second paragraph & more." in first.text
    assert "<p>" not in first.text
    assert first.published == "2025-03-04" and first.source_name == "Test Wire"
    assert first.title == "Ministers meet in Lima"
    assert "Kenya recalled its ambassador." in articles[1].text  # the summary when there is no content
    assert len(errors) == 1 and "without text" in errors[0].problem and "#3" in errors[0].where


def test_atom_feed_and_folder_pickup(tmp_path):
    (tmp_path / "desk.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"ignored")
    (article,) = read([tmp_path], source_name="Mine")
    assert article.published == "2025-03-06" and article.source_name == "Mine"
    assert article.url == "https://atom.example/oslo"


def test_not_a_feed_is_one_error(tmp_path):
    f = tmp_path / "junk.xml"
    f.write_text("<html><body>hello</body></html>", encoding="utf-8")
    (err,) = read([f])
    assert isinstance(err, IngestError) and "not an RSS or Atom feed" in err.problem


def _warc(path: Path, pages: list[tuple[str, str, bytes]], gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, ctype, payload in pages:
            status = "404 Not Found" if url.endswith("missing") else "200 OK"
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http)
            writer.write_record(record)
        # a request record: not a page
        writer.write_record(writer.create_warc_record("https://news.example/a", "request",
                                                      payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))


def _page(title: str, body: str, date: str) -> bytes:
    return (f"<html><head><title>{title}</title><meta property=\"article:published_time\" content=\"{date}\"></head>"
            f"<body><nav>Home | World</nav><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>"
            f"<footer>Copyright</footer></body></html>").encode("utf-8")


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_become_articles(tmp_path, gz):
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(f, [
        ("https://news.example/a", "text/html; charset=utf-8", _page("Ministers meet", BODY, "2024-11-02")),
        ("https://news.example/logo.png", "image/png", b"\x89PNG..."),
        ("https://news.example/missing", "text/html", b"<html>gone</html>"),
        ("https://news.example/blank", "text/html", b"<html><body><script>var x = 1;</script></body></html>"),
        ("https://news.example/b", "text/html; charset=iso-8859-1",
         _page("Caf\xe9 talks", BODY.replace("Lima", "Bogot\xe1"), "2024-11-03").decode("utf-8").encode("latin-1")),
    ], gz)
    items = read([tmp_path])
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [a.url for a in articles] == ["https://news.example/a", "https://news.example/b"]
    assert articles[0].published == "2024-11-02" and "Chilean foreign minister" in articles[0].text
    assert "Copyright" not in articles[0].text
    assert "Bogotá" in articles[1].text  # the page's own charset
    assert len(errors) == 1 and "news.example/blank" in errors[0].where


def test_not_a_warc_is_one_error(tmp_path):
    f = tmp_path / "broken.warc"
    f.write_bytes(b"this is not a warc file at all\n")
    (err,) = read([f])
    assert isinstance(err, IngestError) and "WARC" in err.problem


def test_parquet_articles(tmp_path):
    import duckdb

    f = tmp_path / "articles.parquet"
    duckdb.sql(f"""COPY (SELECT * FROM (VALUES
        ('Peru and Chile signed a fisheries accord.', 'Accord', DATE '2024-05-06', 'X'),
        ('', 'empty', NULL, NULL),
        ('Kenya recalled its ambassador.', NULL, NULL, 'Y')) t(text, title, published, source_name))
        TO '{f}' (FORMAT parquet)""")
    items = read([f])
    articles = [i for i in items if isinstance(i, Article)]
    assert [(a.title, a.published, a.source_name) for a in articles] == [
        ("Accord", "2024-05-06", "X"), ("Kenya recalled its ambassador.", None, "Y")]
    assert [a.origin for a in articles] == [f"{f}:1", f"{f}:3"]
    assert any(isinstance(i, IngestError) and i.where == f"{f}:2" for i in items)


def test_jsonl_streams_line_by_line(tmp_path):
    """The reader yields the first article before reading the rest of the file."""
    f = tmp_path / "big.jsonl"
    with open(f, "w", encoding="utf-8") as out:
        out.write("\ufeff" + json.dumps({"text": "Line one about Peru."}) + "\n")
        for i in range(2000):
            out.write(json.dumps({"text": f"Article {i} about talks."}) + "\n")
        out.write("\n")
    stream = read_inputs([f])
    first = next(stream)
    assert isinstance(first, Article) and first.text == "Line one about Peru." and first.origin == f"{f}:1"
    assert sum(1 for _ in stream) == 2000
