"""Readout comparison on statement dicts written for these tests."""
from __future__ import annotations

import io

from rich.console import Console

from sanderling.readouts import compare_readouts, render_readouts


def st(i, country, name, content, via=None):
    return {"id": f"s{i}", "speaker": {"name": name, "country": country}, "via": {"name": via} if via else None,
            "cue": "said", "content": content, "direct": False}


STATEMENTS = [
    st(1, "FRA", "Claire Dubois", "shipping companies need freedom of navigation in the Red Sea",
       via="Elysee readout"),
    st(2, "FRA", "Claire Dubois", "both governments should expand student exchanges"),
    st(3, "BRA", "Paulo Lima", "every state must respect national sovereignty over the Red Sea coast",
       via="Itamaraty note"),
    st(4, "BRA", "Paulo Lima", "the Amazon Fund needs new donors for forest protection"),
    st(5, None, None, "nothing was agreed on tariffs"),
]


def topics(items):
    return " | ".join(e["topic"] for e in items)


def test_compare_lexical(nlp):
    res = compare_readouts(STATEMENTS, nlp=nlp, embed=False)
    assert res["method"] == "lexical"
    assert set(res["sides"]) == {"FRA", "BRA"}
    assert res["sides"]["FRA"]["via"] == ["Elysee readout"]
    assert res["unattributed"] == 1
    shared = {e["topic"]: e for e in res["shared"]}
    assert "Red Sea" in shared
    red = shared["Red Sea"]["sides"]
    assert any("navigation" in f for f in red["FRA"]["framing"])
    assert any("sovereignty" in f for f in red["BRA"]["framing"])
    assert red["BRA"]["quotes"][0]["speaker"] == "Paulo Lima"
    assert "freedom of navigation" in topics(res["only"]["FRA"])
    assert "navigation" not in topics(res["only"]["BRA"])
    assert "Amazon" in topics(res["only"]["BRA"])


def test_compare_with_embeddings_is_json_and_renders(nlp):
    import json

    res = compare_readouts(STATEMENTS, nlp=nlp)  # MiniLM when it loads, words otherwise
    json.dumps(res)
    assert "Red Sea" in [e["topic"] for e in res["shared"]]
    buf = io.StringIO()
    render_readouts(res, Console(file=buf, width=120))
    out = buf.getvalue()
    assert "Red Sea" in out and "FRA" in out and "BRA" in out


def test_empty():
    res = compare_readouts([], nlp=_blank(), embed=False)
    assert res["shared"] == [] and res["sides"] == {}


def _blank():
    import spacy

    return spacy.blank("en")
