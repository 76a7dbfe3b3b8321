"""The eventness model (event or no event), on sentences written for these tests."""
from __future__ import annotations

import numpy as np
import pytest

from sanderling.events import eventness
from sanderling.events.eventness import MODEL_PATH, EventnessModel, load_model, save_model

# written for this file: invented people and places
EVENTS = [
    ("Border guards of Ravenia detained nine Kostrani fishermen near the disputed island on Sunday.",
     "Border guards of Ravenia", "nine Kostrani fishermen"),
    ("The Ravenian foreign minister met his Kostrani counterpart in Velgrad to discuss the dam.",
     "The Ravenian foreign minister", "his Kostrani counterpart"),
    ("Kostrani artillery shelled villages on the Ravenian side of the river overnight, officials said.",
     "Kostrani artillery", "villages"),
    ("Ravenia expelled two Kostrani diplomats on Tuesday, accusing them of spying.",
     "Ravenia", "two Kostrani diplomats"),
]
NON_EVENTS = [
    ("Ravenia and Kostrania are both among the largest growers of barley in the region.",
     "Ravenia", "Kostrania"),
    ("The town of Oltsa, near the Kostrani border, is home to about 8,000 people.",
     "The town of Oltsa", "the Kostrani border"),
    ("Analysts expect Ravenia to sign a gas deal with Kostrania sometime next year.",
     "Ravenia", "Kostrania"),
    ("The Ravenian embassy did not respond to a request for comment.",
     "The Ravenian embassy", "a request for comment"),
]


@pytest.fixture(scope="module")
def model():
    if not EventnessModel.available():
        pytest.skip("eventness model not built")
    return EventnessModel().setup()


def _items(rows):
    return [{"text": t, "source": s, "target": g} for t, s, g in rows]


def test_proba_shape_and_threshold(model):
    p = model.proba(_items(EVENTS + NON_EVENTS))
    assert p.shape == (len(EVENTS) + len(NON_EVENTS),)
    assert np.all((p >= 0) & (p <= 1))
    assert 0.0 < model.threshold < 1.0
    assert model.proba([]).shape == (0,)


def test_events_score_above_non_events(model):
    pe = model.proba(_items(EVENTS))
    pn = model.proba(_items(NON_EVENTS))
    assert pe.mean() > pn.mean() + 0.3
    assert sum(p >= model.threshold for p in pe) >= 3
    assert sum(p < model.threshold for p in pn) >= 3


def test_spans_from_a_parsed_sentence(model, nlp):
    text, src, tgt = EVENTS[3]
    doc = nlp("A quiet week ended. " + text)
    sent = list(doc.sents)[-1]
    s0 = doc.text.index(src)
    t0 = doc.text.index(tgt)
    by_span = model.proba([{"doc": sent, "text": sent.text, "source_span": (s0, s0 + len(src)),
                            "target_span": (t0, t0 + len(tgt))}])
    by_text = model.proba(_items([EVENTS[3]]))
    assert abs(float(by_span[0]) - float(by_text[0])) < 0.05


def test_save_is_deterministic(tmp_path):
    if not MODEL_PATH.exists():
        pytest.skip("eventness model not built")
    vec, coef, intercept, threshold, meta = load_model(MODEL_PATH)
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    save_model(a, vec, coef, intercept, threshold, {k: v for k, v in meta.items() if k != "vectorizer_cfg"})
    save_model(b, vec, coef, intercept, threshold, {k: v for k, v in meta.items() if k != "vectorizer_cfg"})
    assert a.read_bytes() == b.read_bytes()
    vec2, coef2, _, thr2, _ = load_model(a)
    assert np.allclose(coef, coef2) and abs(thr2 - threshold) < 1e-6
    assert vec2.sent_vocab == vec.sent_vocab


def test_builder_without_model_file_has_no_filter(monkeypatch):
    from sanderling.events.build import EventBuilder

    class NoClassifier:
        def setup(self):
            return self

    monkeypatch.setattr(eventness.EventnessModel, "available", staticmethod(lambda *a, **k: False))
    builder = EventBuilder(classifier=NoClassifier()).setup()
    assert builder.eventness is None


def test_state_of_affairs_codes_no_event(code):
    # real countries (the coder needs actors it can place), a sentence written for this test
    # (the type classifier alone made it COOPERATE)
    out = code("Kenya and Tanzania share the lake, and their fishermen often work side by side.")
    assert out["events"] == []


@pytest.mark.shared
def test_no_plv_test_sentence_in_the_eventness_data():
    from pathlib import Path

    from sanderling.events import train
    from sanderling.events.eventness import TRAINING_DIR

    test_path = Path(train.PLV_TEST)
    if not test_path.exists():
        pytest.skip("../shared is not here")
    rows = [{"text": r["text"], "source": r["source"], "target": r["target"], "label": r["label"], "origin": "written"}
            for path in sorted(Path(TRAINING_DIR).glob("*.tsv")) for r in train.read_tsv(path)]
    assert len(rows) > 900
    train.check_no_leak(rows, test_path)  # exits on a copy or a near-paraphrase of a test sentence
