import json
from pathlib import Path

from sanderling.ingest import IngestError, read_inputs
from sanderling.schema import Article


def read(paths, **kw):
    return list(read_inputs([Path(p) for p in paths], **kw))


def test_text_file_with_source_line(tmp_path):
    f = tmp_path / "a.txt"
    text = "Ministers meet in Oslo\nThe Norwegian foreign minister met her Danish counterpart.\nSource: Test Wire\n"
    f.write_text(text, encoding="utf-8")
    (article,) = read([f], published="2025-01-02")
    assert isinstance(article, Article)
    assert article.source_name == "Test Wire"
    assert article.title == "Ministers meet in Oslo"
    assert article.published == "2025-01-02"
    assert article.text == text  # offsets index the text as read


def test_cli_source_name_wins_over_source_line(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Leaders talk.\nSource: Somewhere\n", encoding="utf-8")
    (article,) = read([f], source_name="Mine")
    assert article.source_name == "Mine"


def test_jsonl_records_and_bad_lines(tmp_path):
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": "Peru and Chile signed a fisheries accord.", "published": "2024-05-06T10:00:00Z", "source_name": "X"}),
        "[1, 2, 3]",
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "Kenya recalled its ambassador.", "published": "yesterday-ish nonsense 99"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read([f])
    articles = [i for i in items if isinstance(i, Article)]
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert [a.published for a in articles] == ["2024-05-06"]
    assert articles[0].source_name == "X"
    assert any(":2: a JSON line must be an object" in e for e in errors)
    assert any(":3: not valid JSON" in e for e in errors)
    assert any(":4: no 'text' field" in e for e in errors)
    assert any(":5: publication date" in e for e in errors)


def test_bad_files_get_one_line_errors(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Brazil hosted Argentina's president.", encoding="utf-8")
    items = read([tmp_path, tmp_path / "missing.txt"])
    errors = {Path(e.where).name: e.problem for e in items if isinstance(e, IngestError)}
    assert "empty" in errors["empty.txt"]
    assert "binary" in errors["blob.txt"]
    assert "not UTF-8" in errors["latin.txt"]
    assert "no such file" in errors["missing.txt"]
    assert all("\n" not in p for p in errors.values())
    assert [a.origin for a in items if isinstance(a, Article)] == [str(tmp_path / "good.txt")]


def test_html_page(tmp_path):
    body = " ".join(["The Finnish defence minister visited Tallinn to discuss air patrols with Estonian officials."] * 3)
    html = f"""<html><head><title>Patrols agreed</title><meta property="article:published_time" content="2023-09-14"></head>
    <body><nav>Home | World</nav><article><h1>Patrols agreed</h1><p>{body}</p><p>{body}</p></article>
    <footer>Copyright</footer></body></html>"""
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    (article,) = read([f])
    assert isinstance(article, Article)
    assert "Finnish defence minister" in article.text
    assert "Copyright" not in article.text
    assert article.published == "2023-09-14"
