"""Every input isolated (issue 15, items 2 and 12): one bad file, line, record or path is one line
naming it and the problem; the rest is read. Inputs invented for the tests."""
from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path

import pytest

from sanderling.ingest import IngestError, files, read_inputs
from sanderling.schema import Article

GOOD = "Ministers meet\nThe Norwegian foreign minister met her Danish counterpart in Oslo on Monday."


def read(paths, **kw):
    """read_inputs with a guard: a reader that blocks (a FIFO opened) fails the test, not hangs it."""
    out: list = []
    worker = threading.Thread(target=lambda: out.extend(read_inputs([Path(p) for p in paths], **kw)), daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "a reader blocked"
    return out


def split(items):
    return ([i for i in items if isinstance(i, Article)],
            {str(e.where): e.problem for e in items if isinstance(e, IngestError)})


def test_deeply_nested_json_line_is_that_lines_error(tmp_path):
    f = tmp_path / "a.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    f.write_text("\n".join([json.dumps({"text": GOOD}), deep, '{"text": ' + deep + "}",
                            json.dumps({"text": GOOD + " Again."})]) + "\n", encoding="utf-8")
    articles, errors = split(read([f]))
    assert len(articles) == 2
    assert "nested too deeply" in errors[f"{f}:2"] and "nested too deeply" in errors[f"{f}:3"]


def test_jsonl_field_types_are_checked(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text("\n".join([
        json.dumps({"text": GOOD, "title": ["a", "b"]}),
        json.dumps({"text": ["not", "a", "string"]}),
        json.dumps({"text": GOOD, "published": 20240101}),
        json.dumps({"text": GOOD, "url": {"x": 1}}),
        json.dumps({"text": GOOD, "source_name": 7}),
        json.dumps({"text": GOOD, "title": "Fine"}),
    ]) + "\n", encoding="utf-8")
    articles, errors = split(read([f]))
    assert [a.title for a in articles] == ["Fine"]
    assert "'title' must be a string, got a list" in errors[f"{f}:1"]
    assert "'text' must be a string" in errors[f"{f}:2"]
    assert "'published' must be a string" in errors[f"{f}:3"]
    assert "'url' must be a string" in errors[f"{f}:4"]
    assert "'source_name' must be a string" in errors[f"{f}:5"]


def test_size_limits_per_file_and_per_line(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(files, "MAX_RECORD_BYTES", 500)
    (tmp_path / "big.txt").write_text(GOOD + " x" * 1000, encoding="utf-8")
    (tmp_path / "big.html").write_text("<p>" + "y " * 1000 + "</p>", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(json.dumps({"text": GOOD + " z" * 400}) + "\n"
                                          + json.dumps({"text": GOOD}) + "\n", encoding="utf-8")
    articles, errors = split(read([tmp_path]))
    assert len(articles) == 2  # ok.txt and the second JSON line
    assert "limit" in errors[str(tmp_path / "big.txt")] and "limit" in errors[str(tmp_path / "big.html")]
    assert "limit" in errors[f"{tmp_path / 'lines.jsonl'}:1"]


def test_dev_zero_and_fifos_are_named_never_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    articles, errors = split(read([Path("/dev/zero"), tmp_path, fifo]))
    assert len(articles) == 1
    assert "device" in errors["/dev/zero"]
    assert "FIFO" in errors[str(fifo)]


def test_archives_links_and_loops_are_named(tmp_path):
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bundle.zip").write_bytes(b"PK\x03\x04junk")
    (tmp_path / "story.txt.gz").write_bytes(b"\x1f\x8bjunk")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "back").symlink_to(tmp_path)  # a folder inside itself
    (sub / "two.txt").write_text(GOOD + " Two.", encoding="utf-8")
    articles, errors = split(read([tmp_path, tmp_path / "bundle.zip"]))
    assert len(articles) == 2
    assert "archive" in errors[str(tmp_path / "bundle.zip")]
    assert "archive" in errors[str(tmp_path / "story.txt.gz")]
    assert "dangling" in errors[str(tmp_path / "gone.txt")]
    assert "loop" in errors[str(tmp_path / "self.txt")]
    assert "loop" in errors[str(sub / "back")]


def test_unreadable_subfolder_and_file_are_one_line_each(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    if os.geteuid() == 0:  # root reads everything: make the refusals by hand
        real_scandir, real_read = os.scandir, files.read_limited

        def scandir(path):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        def read_limited(path, limit=None):
            if Path(path) == secret:
                raise PermissionError(13, "Permission denied", str(path))
            return real_read(path, limit)

        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(files, "read_limited", read_limited)
    else:
        locked.chmod(0)
        secret.chmod(0)
    try:
        articles, errors = split(read([tmp_path, secret]))
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)
    assert len(articles) == 1  # ok.txt (secret.txt fails both times it is named)
    assert "cannot read this folder" in errors[str(locked)]
    assert "Permission denied" in errors[str(secret)]


def _warc(path: Path, n: int, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n):
        body = f"<html><head><title>Page {i}</title></head><body><article><h1>Page {i}</h1><p>{GOOD} {i}.</p>" \
               f"<p>{GOOD} More {i}.</p></article></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_reports_its_tail(tmp_path, gz):
    f = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    raw = _warc(f, 3, gz)
    f.write_bytes(raw[: len(raw) - 120])
    articles, errors = split(read([f]))
    assert len(articles) == 2
    (where, problem), = errors.items()
    assert where.startswith(f"{f}#3") and "truncated" in problem


def test_broken_warc_record_keeps_what_came_before(tmp_path):
    f = tmp_path / "broken.warc"
    raw = _warc(f, 2, False)
    second = raw.index(b"WARC/1", 10)
    f.write_bytes(raw[:second] + b"WARC/1.0\r\nthis is no header\r\n\r\n" + b"\x00" * 40)
    articles, errors = split(read([f]))
    assert len(articles) == 1
    (where, problem), = errors.items()
    assert where == f"{f}#2" and "WARC record" in problem


def test_a_reader_crash_is_that_files_line(tmp_path, monkeypatch):
    import sanderling.ingest as ingest

    def boom(path, published, source_name):
        raise AttributeError("'NoneType' object has no attribute 'x'")

    monkeypatch.setattr(ingest, "read_html", boom)
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    articles, errors = split(read([tmp_path]))
    assert len(articles) == 1 and "AttributeError" in errors[str(tmp_path / "a.html")]


def test_cli_bad_inputs_with_markup_in_their_paths(tmp_path):
    from typer.testing import CliRunner

    from sanderling.cli import app

    odd = tmp_path / "[/x] [bold]"
    odd.mkdir(parents=True)
    (odd / "empty.txt").write_text("", encoding="utf-8")
    (odd / "deep.jsonl").write_text("[" * 50_000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(odd), "/dev/zero", "--no-store"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    out = result.output
    assert f"{odd}/empty.txt: empty" in out and f"{odd}/deep.jsonl:1" in out and "/dev/zero" in out
    assert "0 article(s) coded" in out and "3 input(s) failed" in out


class _NoModels:
    """Codes an article into nothing (no models): for runner tests of what reaches the store."""

    batch_size = 8
    nlp = None
    known_actors: list = []

    def setup(self):
        return self

    def code(self, articles):
        from sanderling.schema import CodedArticle

        return [CodedArticle(article=a) for a in articles]


def test_the_good_articles_of_a_batch_with_a_bad_input_are_stored(tmp_path):
    from sanderling.runner import code_inputs
    from sanderling.store import Store

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": GOOD + " B."}) + "\n" + "[" * 100_000 + "\n"
                                      + json.dumps({"text": GOOD + " C."}) + "\n", encoding="utf-8")
    (tmp_path / "c.warc").write_bytes(b"WARC/1.0\r\nbroken\r\n\r\n")
    errors: list[str] = []
    with Store(tmp_path / "s.duckdb") as store:
        result = code_inputs([tmp_path], store=store, coder=_NoModels(), batch_size=32, on_error=errors.append)
        assert store.counts()["articles"] == 3
    assert result.n_coded == 3 and result.failed == 2 and len(errors) == 2
