"""The event-type classifier, on sentences written for these tests."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sanderling.events import ontology
from sanderling.events.classifier import EventClassifier, classify_jsonl
from sanderling.events.features import MODEL_DIR
from sanderling.events.minilm_classifier import MiniLMEventClassifier, mark

SHARED = Path(__file__).resolve().parents[2] / "shared"

# (text, source, target, expected PLOVER root type) -- written for this file
CLEAR = [
    ("Rebel fighters shelled an army base near the northern town on Tuesday.",
     "Rebel fighters", "an army base", "ASSAULT"),
    ("The foreign minister met his Japanese counterpart in Tokyo to discuss trade.",
     "The foreign minister", "his Japanese counterpart", "CONSULT"),
    ("Police arrested dozens of opposition activists in the capital.",
     "Police", "dozens of opposition activists", "COERCE"),
    ("The government released forty political prisoners on Friday.",
     "The government", "forty political prisoners", "YIELD"),
    ("The rebel commander threatened to attack the city if talks failed.",
     "The rebel commander", "the city", "THREATEN"),
]


@pytest.fixture(scope="module")
def clf():
    return EventClassifier().setup()


def test_predict_shape_and_labels(clf):
    out = clf.predict([{"text": t, "source": s, "target": g} for t, s, g, _ in CLEAR])
    assert len(out) == len(CLEAR)
    for o, (_, _, _, want) in zip(out, CLEAR):
        assert set(o) == {"event_type", "cameo", "confidence"}
        assert o["event_type"] in ontology.PLOVER_TYPES
        assert 0.0 < o["confidence"] <= 1.0
        # the CAMEO code always agrees with the type
        assert ontology.root_type(ontology.plover_for_cameo(o["cameo"])) == ontology.root_type(o["event_type"])
    got = [ontology.root_type(o["event_type"]) for o in out]
    assert sum(g == c[3] for g, c in zip(got, CLEAR)) >= 4, got


def test_predict_empty(clf):
    assert clf.predict([]) == []


def test_parsed_doc_and_char_spans_give_the_same_answer(clf):
    text, src, tgt, _ = CLEAR[0]
    plain = clf.predict([{"text": text, "source": src, "target": tgt}])[0]
    doc = clf.nlp("An unrelated first sentence stands here. " + text)
    sent = list(doc.sents)[-1]
    via_doc = clf.predict([{"text": text, "source": src, "target": tgt, "doc": sent}])[0]
    assert via_doc == plain
    s0 = text.index(src)
    t0 = text.index(tgt)
    via_spans = clf.predict([{"text": text, "source": src, "target": tgt,
                              "source_span": (s0, s0 + len(src)), "target_span": (t0, t0 + len(tgt))}])[0]
    assert via_spans["event_type"] == plain["event_type"]


def test_missing_actors_still_classify(clf):
    out = clf.predict([{"text": "Troops opened fire on the crowd.", "source": "", "target": "nobody here"}])
    assert out[0]["event_type"] in ontology.PLOVER_TYPES


def test_deterministic(clf):
    items = [{"text": t, "source": s, "target": g} for t, s, g, _ in CLEAR]
    assert clf.predict(items) == clf.predict(items)


def test_cascade_sends_only_unsure_sentences_to_the_transformer():
    if not MiniLMEventClassifier.available():
        pytest.skip("no MiniLM model shipped")
    items = [{"text": t, "source": s, "target": g} for t, s, g, _ in CLEAR]
    linear = EventClassifier(minilm=False).setup()
    mixed = EventClassifier(minilm=True).setup()
    seen = []
    real = mixed.minilm_proba
    mixed.minilm_proba = lambda batch: seen.append(len(batch)) or real(batch)
    confidence = linear.proba(linear.rows(items)).max(axis=1)
    mixed.minilm_skip_above = 0.0  # every sentence is sure enough: the linear model alone
    assert mixed.predict(items) == linear.predict(items) and not seen
    mixed.minilm_skip_above = float(sorted(confidence)[2]) + 1e-9  # the three least sure ones
    mixed.predict(items)
    assert seen == [3]
    mixed.minilm_skip_above = 1.01  # none is sure enough: the mix everywhere
    mixed.predict(items)
    assert seen == [3, len(items)]


def test_classify_jsonl_reports_bad_lines_and_goes_on(clf):
    lines = [
        json.dumps({"id": "a", "text": CLEAR[1][0], "source": CLEAR[1][1], "target": CLEAR[1][2]}),
        "{not json",
        json.dumps({"id": "c", "source": "x"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": "e", "text": CLEAR[2][0], "source": CLEAR[2][1], "target": CLEAR[2][2]}),
    ]
    out, err = io.StringIO(), io.StringIO()
    bad = classify_jsonl(io.StringIO("\n".join(lines) + "\n"), out, batch_size=1, classifier=clf, err_stream=err)
    assert bad == 3
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a", "e"]
    assert all({"event_type", "cameo", "confidence"} <= set(r) for r in rows)
    assert rows[0]["source"] == CLEAR[1][1]  # input fields kept
    msgs = err.getvalue().splitlines()
    assert len(msgs) == 3
    assert msgs[0].startswith("line 2:") and "JSON" in msgs[0]
    assert msgs[1].startswith("line 3:") and "text" in msgs[1]
    assert msgs[2].startswith("line 4:")


def test_classify_jsonl_in_two_parser_processes_gives_the_same_lines(clf, monkeypatch):
    from sanderling.events import classifier

    monkeypatch.setattr(classifier, "MIN_ITEMS_TO_FORK", 2)  # fork even for this short input
    lines = "".join(json.dumps({"id": str(i), "text": t, "source": s, "target": g}) + "\n"
                    for i, (t, s, g, _) in enumerate(CLEAR)) + "{bad\n"
    one, two, err = io.StringIO(), io.StringIO(), io.StringIO()
    assert classify_jsonl(io.StringIO(lines), one, batch_size=2, classifier=clf, err_stream=err) == 1
    assert classify_jsonl(io.StringIO(lines), two, batch_size=2, classifier=clf, err_stream=err,
                          n_process=2) == 1
    assert one.getvalue() == two.getvalue()
    assert len(one.getvalue().splitlines()) == len(CLEAR)
    assert '"doc"' not in two.getvalue()


def test_artefact_small_and_documented():
    files = [p for p in MODEL_DIR.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= 25 * 1024 * 1024
    notice = (MODEL_DIR / "NOTICE.md").read_text(encoding="utf-8")
    for word in ("PLV_train", "CAMEO.2.0.txt", "MIT", "Apache"):
        assert word in notice


def test_written_training_sentences_are_well_formed():
    from sanderling.events import train

    files = sorted(train.WRITTEN_DIR.glob("*.tsv"))
    assert files
    labels = (set(ontology.PLOVER_TYPES) - {"CONCEDE", "RETREAT"}) | {"YIELD"}
    texts = set()
    for path in files:
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("# ") and "sanderling authors" in header  # names its source
        for r in train.read_tsv(path):
            assert r["label"] in labels, (path.name, r["label"])
            assert r["source"] and r["source"] in r["text"], (path.name, r["text"])
            assert r["target"] and r["target"] in r["text"], (path.name, r["text"])
            key = train.norm_sentence(r["text"])
            assert key not in texts, r["text"]
            texts.add(key)


@pytest.mark.shared
def test_no_plv_test_sentence_in_training_data():
    from sanderling.events import train

    test_path = SHARED / "data" / "plv" / "PLV_test.tsv"
    if not test_path.exists() or not train.PLV_TRAIN.exists():
        pytest.skip("../shared is not here")
    items = train.load_training()
    test = train.test_sentences(test_path)
    leaked = [it["text"] for it in items if train.norm_sentence(it["text"]) in test]
    assert not leaked, leaked[:3]
    train.check_no_leak(items, test_path)  # and the trainer's own guard agrees
    # the guard does fire when a test sentence sneaks in
    poisoned = items + [{"text": train.read_tsv(test_path)[0]["sentence"], "source": "", "target": "",
                         "label": "AID", "origin": "extra"}]
    with pytest.raises(SystemExit):
        train.check_no_leak(poisoned, test_path)
    # and so does a light paraphrase of one (a word changed near the end)
    long_one = next(r["sentence"] for r in train.read_tsv(test_path) if len(r["sentence"].split()) >= 15)
    words = long_one.split()
    words[-2] = "elsewhere"
    paraphrase = [{"text": " ".join(words), "source": "", "target": "", "label": "AID", "origin": "written"}]
    assert train.near_test_sentences(paraphrase, test_path)
    with pytest.raises(SystemExit):
        train.check_no_leak(items + paraphrase, test_path)


# ---------------------------------------------------------------------------------------------
# the fine-tuned MiniLM and the ensemble

def test_mark_wraps_source_and_target():
    text = "Rebel fighters shelled an army base near the town."
    assert mark(text, "Rebel fighters", "an army base") == \
        "@ Rebel fighters @ shelled # an army base # near the town."
    # case-insensitive; target after source
    assert mark("the army hit THE ARMY base", "the army", "the army base") == \
        "@ the army @ hit # THE ARMY base #"


def test_mark_spans_win_and_missing_actors_are_left_out():
    text = "Police met police officials."
    assert mark(text, "police", "", source_span=(11, 17)) == "Police met @ police @ officials."
    assert mark(text, "nobody", "nothing") == text
    # a target inside the source is left unmarked rather than nesting markers
    assert mark("The Iraqi army attacked.", "The Iraqi army", "Iraqi") == "@ The Iraqi army @ attacked."
    assert mark("", "a", "b") == ""


needs_minilm = pytest.mark.skipif(not MiniLMEventClassifier.available(), reason="no fine-tuned MiniLM shipped")


@needs_minilm
def test_minilm_alone_on_clear_sentences():
    m = MiniLMEventClassifier().setup()
    p = m.proba_items([{"text": t, "source": s, "target": g} for t, s, g, _ in CLEAR])
    assert p.shape == (len(CLEAR), len(m.labels))
    assert abs(float(p.sum(axis=1).min()) - 1.0) < 1e-5
    got = [m.labels[k] for k in p.argmax(axis=1)]
    assert sum(g == c[3] for g, c in zip(got, CLEAR)) >= 4, got
    # batching and padding do not change the answer
    one = m.proba_items([{"text": CLEAR[0][0], "source": CLEAR[0][1], "target": CLEAR[0][2]}])
    assert m.labels[int(one.argmax())] == got[0]


@needs_minilm
def test_ensemble_mixes_both_models_without_torch(clf):
    import sys

    assert clf.minilm is not None and 0.0 < clf.minilm_weight < 1.0
    items = [{"text": t, "source": s, "target": g} for t, s, g, _ in CLEAR]
    linear = clf.proba(clf.rows(items))
    mixed = (1 - clf.minilm_weight) * linear + clf.minilm_weight * clf.minilm_proba(items)
    sure = linear.max(axis=1) >= clf.minilm_skip_above  # the cascade keeps the linear answer there
    want = [round(float((lp if s else mp).max()), 4) for lp, mp, s in zip(linear, mixed, sure)]
    assert [o["confidence"] for o in clf.predict(items)] == want
    assert "torch" not in sys.modules


@needs_minilm
def test_minilm_can_be_switched_off(monkeypatch):
    assert EventClassifier(minilm=False).setup().minilm is None
    monkeypatch.setenv("SANDERLING_NO_MINILM", "1")
    assert EventClassifier().setup().minilm is None


def test_classify_a_text_past_max_length_in_parser_processes_goes_on(clf, monkeypatch):
    """Issue 15 item 1: one text over spaCy's max_length among many lines used to stop the parser
    processes (E088 in a child, the run waiting on its pipe). It is classified on its first part."""
    from sanderling.events import classifier

    monkeypatch.setattr(classifier, "MIN_ITEMS_TO_FORK", 2)
    monkeypatch.setattr(clf.nlp, "max_length", 3000)
    rows = [{"id": str(i), "text": t, "source": s, "target": g} for i, (t, s, g, _) in enumerate(CLEAR)]
    rows.insert(2, {"id": "long", "text": "The envoy met the minister in Oslo. " * 200, "source": "The envoy",
                    "target": "the minister"})
    out, err = io.StringIO(), io.StringIO()
    lines = "".join(json.dumps(r) + "\n" for r in rows)
    assert classify_jsonl(io.StringIO(lines), out, batch_size=2, classifier=clf, err_stream=err,
                          n_process=2, max_chars=1000) == 0
    got = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r["id"] for r in got] == [r["id"] for r in rows]
    assert got[2]["text"] == rows[2]["text"]  # the line comes back whole
    assert "line 3: text of 7,200 characters" in err.getvalue()
