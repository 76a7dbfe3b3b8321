"""Long texts (issue 15, item 11): coded in sentence-aligned pieces, offsets into the article as
it is, no spaCy max_length failure. Sentences written for the test (fictional people)."""
from __future__ import annotations

from sanderling.pipeline import pieces
from sanderling.schema import Article

SENTENCES = [
    "The Norwegian foreign minister Ilse Varnholt met her Danish counterpart Tomas Brekke in Oslo on Monday.",
    "Kenya accused Uganda of violating the border agreement on Tuesday.",
    "Varnholt said Norway was ready to support the talks.",
    "Peru and Chile signed a fisheries accord in Lima on Wednesday, officials said.",
    "Officials in Oslo said the weather had been mild.",
]


def test_pieces_cover_the_text_and_end_at_sentences():
    text = " ".join(SENTENCES * 6)
    spans = pieces(text, 300)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < e - s <= 300 for s, e in spans)
    assert all(text[e - 2: e] == ". " for _, e in spans[:-1])  # after a sentence end


def test_pieces_without_sentence_ends_or_spaces():
    assert pieces("x" * 1000, 300) == [(0, 300), (300, 600), (600, 900), (900, 1000)]
    spans = pieces("word " * 200, 301)
    assert all(("word " * 200)[e - 1] == " " for _, e in spans[:-1])
    assert pieces("short", 300) == [(0, 5)]


def test_long_article_codes_in_pieces_with_offsets_kept(coder, monkeypatch):
    text = "Ministers meet\n" + " ".join(SENTENCES * 4)  # about 1,500 characters
    monkeypatch.setattr(coder, "piece_chars", 400)
    monkeypatch.setattr(coder.nlp, "max_length", 1000)  # spaCy alone would refuse it (E088)
    coded = next(coder.code([Article(text=text, published="2025-03-10", origin="long")]))
    assert len(pieces(text, 400)) >= 4
    assert len(coded.events) >= 3
    types = {e.event_type for e in coded.events}
    assert {"CONSULT", "ACCUSE"} <= types
    for e in coded.events:
        for m in [e.evidence, *e.mentions]:
            assert text[m.start: m.end] == m.text and m.text.lstrip() == m.text  # no blank in a sentence
    for s in coded.statements:
        assert text[s.start: s.end].strip()
    # sentence numbers count the article's sentences, not each piece's
    numbers = sorted({m.sentence for e in coded.events for m in e.mentions})
    assert numbers[-1] > 5
    assert len({a.actor_id for a in coded.actors}) == len(coded.actors)
