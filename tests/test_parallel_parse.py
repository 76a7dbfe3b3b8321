"""The parser processes of `classify --n-process N`: same parses as one process, and a worker
that dies or hangs ends the pool with ParserPoolFailed (never a wait forever)."""
from __future__ import annotations

import io
import json
import multiprocessing as mp
import os
import signal
import threading
import time

import pytest

from sanderling.parallel_parse import ParserPoolFailed, parse_in_processes

SENTENCES = [
    "The foreign minister of Norway met her Swedish counterpart in Oslo on Monday.",
    "Protesters gathered outside the embassy and demanded the release of the detained reporter.",
    "The two governments signed a trade agreement after months of talks.",
    "Rebels attacked a convoy near the border, the army said.",
]


@pytest.fixture(scope="module")
def nlp():
    from sanderling import nlp as nlp_module

    return nlp_module.load(("ner",))


def _view(doc):
    return [(t.text, t.dep_, t.head.i, t.lemma_, t.tag_) for t in doc]


def test_docs_come_back_in_order_with_the_same_parse(nlp):
    texts = SENTENCES * 3
    docs = list(parse_in_processes(texts, nlp.vocab, ("ner",), n_process=2, chunk=2))
    assert [d.text for d in docs] == texts
    assert [_view(d) for d in docs] == [_view(d) for d in nlp.pipe(texts)]
    assert docs[0][1].has_vector  # the parent's vectors serve the docs


def test_a_killed_parser_process_ends_the_pool_not_the_wait(nlp):
    texts = iter(SENTENCES * 500)
    docs = parse_in_processes(texts, nlp.vocab, ("ner",), n_process=2, chunk=2)
    assert next(docs).text == SENTENCES[0]
    for proc in mp.active_children():
        os.kill(proc.pid, signal.SIGKILL)
    outcome: list = []

    def drain():
        try:
            for _ in docs:
                pass
            outcome.append("ended")
        except ParserPoolFailed as exc:
            outcome.append(exc)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    reader.join(120)
    assert outcome and isinstance(outcome[0], ParserPoolFailed), outcome
    deadline = time.time() + 30
    while mp.active_children() and time.time() < deadline:
        time.sleep(0.2)
    assert not mp.active_children()  # no worker left behind


def test_classify_goes_on_in_one_process_when_the_parsers_give_nothing_back(monkeypatch):
    from sanderling.events import classifier

    clf = classifier.EventClassifier(minilm=False).setup()
    monkeypatch.setattr(classifier, "MIN_ITEMS_TO_FORK", 2)
    lines = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(SENTENCES))
    one, two, err = io.StringIO(), io.StringIO(), io.StringIO()
    assert classifier.classify_jsonl(io.StringIO(lines), one, classifier=clf) == 0
    assert classifier.classify_jsonl(io.StringIO(lines), two, classifier=clf, err_stream=err,
                                     n_process=2, parser_timeout_s=0.01) == 0
    assert two.getvalue() == one.getvalue()
    assert err.getvalue().startswith("line 1: parser processes failed (a parser process gave nothing back")
    assert "going on in one process" in err.getvalue()
