"""Claim checks; sentences written for these tests."""
from datetime import date
from pathlib import Path

import pytest

from sanderling.claims import check_claims

PUB = date(2024, 4, 16)
TEXT = ("Japan's foreign minister spoke with her South Korean counterpart on Tuesday, "
        "the first such call in almost 18 months. "
        "It was their first formal meeting since November 2022, when the two met in Jakarta. "
        "They greeted each other briefly at a summit in June 2023.")
CURRENT = {"id": "A", "date": "2024-04-16", "source_country": "JPN", "target_country": "KOR",
           "start": 0, "end": 116}
NOV = {"id": "B", "date": "2022-11", "source_country": "JPN", "target_country": "KOR"}
JUNE = {"id": "C", "date": "2023-06", "source_country": "KOR", "target_country": "JPN"}
OTHER = {"id": "D", "date": "2023-12", "source_country": "USA", "target_country": "CHN"}


@pytest.fixture(scope="module")
def doc():
    from sanderling import nlp

    return nlp.load()(TEXT)


def test_duration_claim_consistent(doc):
    claims = check_claims(doc, PUB, [CURRENT, NOV, JUNE, OTHER])
    dur = next(c for c in claims if c.get("duration"))
    assert dur["text"] == "the first such call in almost 18 months"
    assert TEXT[dur["start"]:dur["end"]] == dur["text"]
    assert dur["duration"] == "P18M"
    assert dur["implied_date"] == "2022-10"
    assert dur["status"] == "consistent"
    assert dur["events"] == ["B"]
    assert "17 months" in dur["explanation"]
    assert "C (2023-06)" in dur["explanation"]  # the later, lesser contact is named


def test_since_claim(doc):
    claims = check_claims(doc, PUB, [CURRENT, NOV, JUNE])
    since = next(c for c in claims if "duration" not in c)
    assert since["text"] == "first formal meeting since November 2022"
    assert since["implied_date"] == "2022-11"
    assert since["status"] == "consistent" and since["events"] == ["B"]


def test_inconsistent_when_an_event_falls_in_between(doc):
    claims = check_claims(doc, PUB, [CURRENT, JUNE])
    dur = next(c for c in claims if c.get("duration"))
    assert dur["status"] == "inconsistent" and dur["events"] == ["C"]


def test_other_dyads_do_not_count(doc):
    claims = check_claims(doc, PUB, [CURRENT, OTHER])
    assert all(c["status"] == "unknown" for c in claims if "duration" not in c)


def test_duration_agrees_with_the_articles_own_since_phrase(doc):
    claims = check_claims(doc, PUB, [])
    dur = next(c for c in claims if c.get("duration"))
    assert dur["status"] == "consistent"
    since = next(c for c in claims if "duration" not in c)
    assert since["status"] == "unknown"


def test_no_claims_without_first():
    from sanderling import nlp

    doc = nlp.load()("The envoys met in Geneva in almost 18 months of talks since November 2022.")
    assert check_claims(doc, PUB, []) == []


SHARED = Path(__file__).parents[2] / "shared"


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "seed" / "article.txt").exists(), reason="needs ../shared")
def test_seed_claim():
    from sanderling import nlp

    text = (SHARED / "seed" / "article.txt").read_text(encoding="utf-8")
    doc = nlp.load()(text)
    events = [{"id": "E1", "date": "2024-04-16", "source_country": "USA", "target_country": "CHN"},
              {"id": "E4", "date": "2022-11", "source_country": "USA", "target_country": "CHN"},
              {"id": "E5", "date": "2023-06", "source_country": "USA", "target_country": "CHN"}]
    claims = check_claims(doc, date(2024, 4, 16), events)
    dur = next(c for c in claims if c.get("duration") == "P18M")
    assert "first such engagement in almost 18 months" in dur["text"]
    assert dur["status"] == "consistent" and "E4" in dur["events"]
    assert "17 months" in dur["explanation"]


def test_a_first_visit_is_not_broken_by_an_earlier_phone_call(coder):
    from sanderling.schema import Article

    text = ("Chilean Foreign Minister Ana Ruiz met Peruvian Foreign Minister Luis Soto in Lima on Monday, the first "
            "visit by a Chilean foreign minister to the Peruvian capital in three years.\n"
            "In May last year, the two ministers held a phone call after a border incident.\n")
    coded = next(coder.code([Article(text=text, published="2031-06-11")]))
    (claim,) = coded.claims
    assert claim["status"] != "inconsistent", claim
