"""Gazetteer and locative attachment; sentences written for these tests."""
from pathlib import Path

import pytest

from sanderling.places import Gazetteer, place_for_predicate


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer().setup()


@pytest.fixture(scope="module")
def nlp():
    from sanderling import nlp as _nlp

    return _nlp.load()


@pytest.mark.parametrize("name,country", [
    ("Cambodia", "KHM"), ("Singapore", "SGP"), ("Taiwan", "TWN"), ("the United States", "USA"),
    ("U.S.", "USA"), ("Britain", "GBR"), ("North Korea", "PRK"), ("Beijing", "CHN"),
    ("Jakarta", "IDN"), ("Kiev", "UKR"), ("Kyiv", "UKR"), ("Crimea", "UKR"),
])
def test_resolve_countries_and_cities(gaz, name, country):
    place = gaz.resolve(name)
    assert place is not None and place.country == country
    assert isinstance(place.lat, float) and isinstance(place.lon, float)


def test_country_has_coordinates(gaz):
    p = gaz.resolve("Cambodia")
    assert (p.name, p.country, p.admin1) == ("Cambodia", "KHM", None)
    assert 10 < p.lat < 15 and 102 < p.lon < 108


@pytest.mark.parametrize("name", ["South China Sea", "the Black Sea", "Persian Gulf", "Taiwan Strait",
                                  "Strait of Hormuz", "Baltic Sea"])
def test_seas_are_places(gaz, name):
    p = gaz.resolve(name)
    assert p is not None and p.country is None and p.lat is not None and p.lon is not None


def test_city_has_admin1(gaz):
    p = gaz.resolve("Austin")
    assert (p.country, p.admin1) == ("USA", "Texas")
    assert abs(p.lat - 30.27) < 0.2 and abs(p.lon + 97.74) < 0.2
    p = gaz.resolve("Austin, Texas")
    assert (p.name, p.admin1) == ("Austin", "Texas")


def test_context_countries_pick_the_reading(gaz):
    assert gaz.resolve("Birmingham").country == "GBR"
    assert gaz.resolve("Birmingham", ["USA"]).admin1 == "Alabama"
    assert gaz.resolve("Georgia").country == "GEO"
    assert gaz.resolve("Georgia", ["USA"]).admin1 == "Georgia"
    # a world capital stays itself in a US story
    assert gaz.resolve("Moscow", ["USA"]).country == "RUS"


def test_unknown_name(gaz):
    assert gaz.resolve("Qwertyvale") is None
    assert gaz.resolve("") is None


def _verb(doc, word):
    return next(t for t in doc if t.text == word)


def test_place_by_locative_prep(nlp, gaz):
    doc = nlp("The defence minister met with his counterpart Wei Fenghe in Cambodia last year.")
    p = place_for_predicate(_verb(doc, "met"), gaz, ["USA", "CHN"])
    assert (p.name, p.country) == ("Cambodia", "KHM") and p.lat is not None
    assert doc.text[p.start:p.end] == "Cambodia"


def test_austin_the_person_is_not_the_place(nlp, gaz):
    doc = nlp("Austin met the governor in Austin, Texas, on Monday.")
    p = place_for_predicate(_verb(doc, "met"), gaz, ["USA"])
    assert (p.name, p.country, p.admin1) == ("Austin", "USA", "Texas")
    assert p.start > 0  # the second Austin, not the subject
    assert doc.text[p.start:p.end] == "Austin, Texas"


def test_actors_are_never_places(nlp, gaz):
    doc = nlp("Russia attacked Ukraine.")
    assert place_for_predicate(_verb(doc, "attacked"), gaz) is None
    doc = nlp("Beijing warned Washington in a statement.")
    assert place_for_predicate(_verb(doc, "warned"), gaz) is None


def test_sea_as_place(nlp, gaz):
    doc = nlp("Chinese and Philippine vessels collided in the South China Sea on Sunday.")
    p = place_for_predicate(_verb(doc, "collided"), gaz, ["CHN", "PHL"])
    assert p.name == "South China Sea" and p.country is None and p.lat == 12.0


def test_place_in_a_when_clause(nlp, gaz):
    doc = nlp("It was their first contact since October 2021, when the commanders met in Jakarta.")
    p = place_for_predicate(_verb(doc, "met"), gaz)
    assert p.country == "IDN"
    assert place_for_predicate(_verb(doc, "was"), gaz) is None


SHARED = Path(__file__).parents[2] / "shared"


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "seed" / "article.txt").exists(), reason="needs ../shared")
def test_seed_article_places(nlp, gaz):
    doc = nlp((SHARED / "seed" / "article.txt").read_text(encoding="utf-8"))
    ctx = ["USA", "CHN"]
    got = {}
    for tok in doc:
        if tok.pos_ == "VERB":
            p = place_for_predicate(tok, gaz, ctx)
            if p:
                got.setdefault(tok.lemma_, set()).add(p.country)
    assert "KHM" in got.get("meet", set())
    assert "SGP" in got.get("shake", set()) | got.get("speak", set())
    assert "TWN" not in set().union(*got.values())


def test_place_shared_by_coordinated_verbs(nlp, gaz):
    doc = nlp("The admiral shook hands and spoke briefly with his rival in Manila in June 2023.")
    assert place_for_predicate(_verb(doc, "shook"), gaz).country == "PHL"
