"""A person's body and country from the title words the text gives them; IGO in `country`
with the body in `org`. Sentences written for the tests; the people are made up."""
from __future__ import annotations

import pytest

from sanderling.actors.kb import default_kb
from sanderling.actors.resolve import ArticleActors


@pytest.fixture
def people(nlp):
    def run(text: str) -> dict:
        actors = ArticleActors(nlp(text), default_kb(), published="2030-05-02")
        return {p.name: p for p in actors.people}
    return run


def test_an_igo_official_is_igo_with_the_body_in_org(people):
    found = people("Mara Lindqvist, UNICEF's executive director, told reporters the camps were full.")
    assert found["Mara Lindqvist"].country == "IGO" and found["Mara Lindqvist"].org == "UNICEF"


def test_the_un_is_no_country(people):
    found = people("Tomas Brandt, the U.N. special envoy for Moldova, said talks would go on.")
    assert found["Tomas Brandt"].country == "IGO" and found["Tomas Brandt"].org == "United Nations"


def test_an_igo_officer_posted_in_a_country_serves_the_body(people):
    found = people("Ines Kovac, WFP's country director in Zambia, said food had arrived.")
    assert found["Ines Kovac"].country == "IGO"


def test_a_country_word_before_the_body_wins(people):
    found = people("The Chinese U.N. ambassador Li Wenbo said the vote was unfair.")
    assert found["Li Wenbo"].country == "CHN"


def test_a_seat_in_the_title_gives_the_country(people):
    found = people("White House press secretary Dana Hollis said the trip was off.")
    assert found["Dana Hollis"].country == "USA"


def test_a_party_in_the_title_gives_the_country(people):
    found = people("Republican Representative Carl Dunmore said the bill would pass.")
    assert found["Carl Dunmore"].country == "USA"


def test_a_bare_office_belongs_to_the_country_the_story_is_about(people):
    text = ("Kenya opens new border posts. Kenyan officials said the posts would open in June. "
            "The posts are on Kenya's northern border with Ethiopia. "
            "Joseph Mwangi, minister of trade, said Kenya expected more trade.")
    assert people(text)["Joseph Mwangi"].country == "KEN"


def test_a_story_about_two_countries_equally_gives_a_bare_office_none(people):
    text = "Peru and Chile signed a deal. Peru and Chile will share a port. Ana Ruiz, minister of trade, said so."
    assert people(text)["Ana Ruiz"].country is None


def test_the_body_in_an_of_or_for_phrase(people):
    found = people("Rosa Eklund, a spokesperson for UNHCR in Chad, said funds were short. "
                   "Paul Ferro, director of the White House budget office, said the plan was ready.")
    assert found["Rosa Eklund"].country == "IGO"
    assert found["Paul Ferro"].country == "USA"


def test_a_title_before_a_comma_is_the_name_s_title(people):
    found = people("U.S. Navy Chief of Staff, Admiral Tom Reyes said the ship was lost.")
    assert found["Tom Reyes"].country == "USA" and "Chief" not in found


def test_a_titled_phrase_in_the_next_sentence_names_the_body(people):
    found = people("The U.N. special envoy for Peru is calling for calm. Rolf Berge issued his appeal on Friday.")
    assert found["Rolf Berge"].country == "IGO" and found["Rolf Berge"].org == "United Nations"


def test_two_different_titled_phrases_nearby_decide_nothing(people):
    found = people("The U.N. envoy met the Chilean minister. Rolf Berge spoke on Friday.")
    assert found["Rolf Berge"].country is None


def test_a_titled_person_takes_the_one_country_their_sentence_names(people):
    text = ("Peru and Chile traded barbs. Peru and Chile will meet. "
            "Speaking at a forum in Lima on Tuesday, National Security Adviser Tom Reyes said talks would go on.")
    assert people(text)["Tom Reyes"].country == "PER"


def test_a_party_adjective_places_a_group(nlp):
    doc = nlp("Ukrainian President Olena Dovzhenko met officials. Republican lawmakers praised the plan.")
    actors = ArticleActors(doc, default_kb(), published="2030-05-02")
    (group,) = actors.actors_at(next(t for t in doc if t.text == "lawmakers"))
    assert group.country == "USA" and "PTY" in group.sectors


def test_a_surname_the_tagger_reads_as_a_noun_still_names_the_person(nlp):
    doc = nlp("Chilean President Tomas Varela spoke. Varela met with Peruvian officials in June 2030.")
    actors = ArticleActors(doc, default_kb(), published="2030-07-02")
    token = [t for t in doc if t.text == "Varela"][1]
    assert [a.name for a in actors.actors_at(token)] == ["Tomas Varela"]


def test_prosecutors_are_of_the_country_where_the_court_sits(nlp):
    doc = nlp("Iran denied the plot. Iran said the charges were false. At a trial in Chicago on Monday, "
              "federal prosecutor Dan Whitlock said Iranian agents had paid the two men.")
    actors = ArticleActors(doc, default_kb(), published="2031-02-02")
    assert next(p for p in actors.people if p.name == "Dan Whitlock").country == "USA"


def test_a_seat_in_a_compound_places_an_official(nlp):
    doc = nlp("Peru tested new jets on Monday. Peru said the jets were ready. "
              "A senior State Department official told reporters that Peru must decide soon.")
    actors = ArticleActors(doc, default_kb(), published="2031-02-02")
    (official,) = actors.actors_at(next(t for t in doc if t.text == "official"))
    assert official.country == "USA"


def test_a_title_of_one_country_places_the_person(people):
    text = ("Ukraine and Peru signed a grain deal. Ukraine will ship wheat to Peru. "
            "Secretary of State Dana Hollis led talks with Ukrainian officials in Lima.")
    assert people(text)["Dana Hollis"].country == "USA"
    found = people("Secretary of State for Defence Tom Reyes visited the troops.")
    assert found["Tom Reyes"].country != "USA"
