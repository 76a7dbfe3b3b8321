"""`--engine ray` codes to the same events as the in-process runner (a local Ray with 2 CPUs)."""
from pathlib import Path

import pytest

from test_runner import TEXTS, write_jsonl

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train" / "text"


def _run(inputs, **kw):
    from sanderling.runner import code_inputs

    result = code_inputs(inputs, batch_size=4, **kw)
    assert result.failed == 0
    return ([c.article.id for c in result.coded],
            sorted(e.to_dict()["id"] for c in result.coded for e in c.events),
            sorted(s.to_dict()["id"] for c in result.coded for s in c.statements))


@pytest.mark.slow
def test_ray_engine_codes_the_same_events_as_in_process(tmp_path, coder):
    pytest.importorskip("ray.data", reason="ray is not installed: pip install 'sanderling[ray]'")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'sanderling[ray]'")
    inputs = [write_jsonl(tmp_path / "mine.jsonl", TEXTS)]
    if CORPUS.is_dir():  # a subset of the benchmark corpus when ../shared is here
        inputs += sorted(CORPUS.iterdir())[:8]
    articles, events, statements = _run(inputs, coder=coder)
    r_articles, r_events, r_statements = _run(inputs, engine="ray", workers=2)
    assert r_articles == articles  # same articles, in input order
    assert len(r_events) == len(events) and r_events == events
    assert r_statements == statements
    assert events  # the comparison means something
