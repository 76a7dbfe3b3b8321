"""Datelines are where a story was filed, not a sentence of it. Sentences written for the tests."""
from __future__ import annotations

from sanderling.dateline import find_dateline, mask


def test_wire_dateline_with_date_and_agency():
    text = "Envoys meet\n\nOSLO, March 4 (Reuters) - Norway's minister met Iceland's minister."
    line = find_dateline(text)
    assert line.place == "Oslo" and line.when == "March 4" and line.agency == "Reuters"
    assert text[line.end:].startswith("Norway's")
    masked = mask(text, line)
    assert len(masked) == len(text) and "OSLO" not in masked and masked[line.end:] == text[line.end:]


def test_place_with_region_and_a_dash():
    line = find_dateline("MANILA, Philippines -- The navy said it saw ships.")
    assert line.place == "Manila" and line.region == "Philippines"


def test_an_acronym_opening_a_sentence_is_no_dateline():
    assert find_dateline("NATO - allies met on Friday.") is None
    assert find_dateline("The U.S. - China talks went on.") is None


def test_the_dateline_place_is_no_speaker(coder):
    from sanderling.schema import Article

    text = "OSLO, March 4 (Reuters) - Norway's foreign minister Kari Holm met Iceland's foreign minister Jon Arnason on Tuesday, the ministry said."
    coded = next(coder.code([Article(text=text, published="2031-03-05")]))
    assert all("OSLO" not in (s.speaker.name if s.speaker else "") for s in coded.statements)
    assert any(e.source and e.source.name == "Kari Holm" for e in coded.events)
