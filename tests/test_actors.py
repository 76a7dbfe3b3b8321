"""In-article actor resolution, one rule per test, on sentences written for the tests (names are
made up unless the rule is about a known office holder)."""
from __future__ import annotations

import pytest

from sanderling.actors.kb import default_kb
from sanderling.actors.resolve import ArticleActors
from sanderling.schema import Actor


@pytest.fixture
def resolve(nlp):
    def run(text: str, published: str = "2030-05-02", known=None) -> tuple[ArticleActors, object]:
        doc = nlp(text)
        return ArticleActors(doc, default_kb(), published=published, known=known), doc
    return run


def at(actors: ArticleActors, doc, word: str, nth: int = 0) -> list[Actor]:
    tokens = [t for t in doc if t.text == word]
    return actors.actors_at(tokens[nth])


def person(actors: ArticleActors, name: str) -> Actor:
    return next(p for p in actors.people if p.name == name)


def pairs(out: dict) -> set[tuple]:
    return {(e["event_type"], (e["source"] or {}).get("country"), (e["target"] or {}).get("country")) for e in out["events"]}


def test_full_name_surname_and_title_are_one_person(resolve):
    actors, doc = resolve("Canadian Foreign Minister Anna Varga arrived on Monday. Varga met Peruvian officials.")
    varga = person(actors, "Anna Varga")
    assert varga.country == "CAN" and "GOV" in varga.sectors and varga.role == "Foreign Minister"
    assert at(actors, doc, "Varga", 1) == [varga]
    assert len(varga.mentions) == 2 and doc.text[slice(*varga.mentions[1])] == "Varga"


def test_title_with_surname_links_to_the_person(resolve):
    actors, doc = resolve("Lloyd Austin, the US defense secretary, landed in Manila. Secretary Austin then met Filipino officials.")
    austin = person(actors, "Lloyd Austin")
    assert at(actors, doc, "Austin", 1) == [austin]
    assert austin.country == "USA"


def test_city_named_austin_is_not_the_person(resolve):
    actors, doc = resolve("Lloyd Austin spoke on Monday. The summit took place in Austin, Texas, where Mexican envoys met.")
    austin = person(actors, "Lloyd Austin")
    assert at(actors, doc, "Austin", 1) != [austin]
    assert len(austin.mentions) == 1


def test_jordan_the_country_and_a_person_named_jordan(resolve, code):
    out = code("Jordan condemned Israel on Sunday over the border closure.")
    assert ("ACCUSE", "JOR", "ISR") in pairs(out)
    actors, doc = resolve("Mr Jordan, a Kenyan lawyer, criticized the Ugandan government.")
    jordan = at(actors, doc, "Jordan")
    assert jordan and jordan[0].kind == "person" and jordan[0].country == "KEN"


def test_pronouns_resolve_to_the_last_person(resolve):
    actors, doc = resolve("Kenyan President Samuel Otieno arrived in Accra on Monday. He criticized Ghanaian officials.")
    assert at(actors, doc, "He") == [person(actors, "Samuel Otieno")]


def test_the_minister_resolves_to_the_earlier_minister(resolve):
    actors, doc = resolve("Kenyan President Samuel Otieno met Ghana's Finance Minister Ama Mensah. The minister praised Kenya.")
    assert at(actors, doc, "minister") == [person(actors, "Ama Mensah")]
    assert person(actors, "Ama Mensah").country == "GHA"


def test_counterpart_in_apposition(resolve, code):
    text = "Polish Defence Minister Jan Nowak called his German counterpart, Lukas Weber, on Tuesday."
    actors, doc = resolve(text)
    weber = person(actors, "Lukas Weber")
    assert weber.country == "DEU" and set(weber.sectors) == {"GOV", "MIL"}
    assert at(actors, doc, "counterpart") == [weber]


def test_his_counterpart_without_a_name(resolve):
    actors, doc = resolve("Chilean Foreign Minister Rosa Duarte met Bolivian Foreign Minister Hugo Mamani. "
                          "Duarte later phoned her counterpart again.")
    assert at(actors, doc, "counterpart") == [person(actors, "Hugo Mamani")]


def test_possessive_title_and_successor(resolve):
    actors, doc = resolve("Egypt's Foreign Minister Karim Adel met Sudanese envoys in Cairo. "
                          "Adel's successor, Hany Fawzi, later visited Khartoum.")
    adel, fawzi = person(actors, "Karim Adel"), person(actors, "Hany Fawzi")
    assert adel.country == fawzi.country == "EGY"
    assert fawzi.role == "Foreign Minister" and not fawzi.former
    assert adel.former  # succeeded


def test_former_shapes_the_role(resolve):
    actors, _ = resolve("Former Nigerian President Musa Bello criticized the Ghanaian government.")
    bello = person(actors, "Musa Bello")
    assert bello.former and bello.country == "NGA"


def test_compound_actor_gives_one_actor_per_party(resolve, code):
    actors, doc = resolve("Hungarian and Romanian officials agreed to cooperate on border controls.")
    found = at(actors, doc, "officials")
    assert [a.country for a in found] == ["HUN", "ROU"]
    assert all("GOV" in a.sectors for a in found)
    assert ("AGREE", "HUN", "ROU") in pairs(code("Hungarian and Romanian officials agreed to cooperate on border controls."))


def test_conjoined_subjects_with_surname(code):
    out = code("Canadian Foreign Minister Anna Varga met Peruvian Trade Minister Tomas Quispe in Lima on Monday. "
               "Varga and Quispe agreed to expand cooperation.")
    assert ("AGREE", "CAN", "PER") in pairs(out)


def test_the_two_countries_is_a_pair(resolve, code):
    text = "Chile and Argentina signed a fisheries agreement. The two countries agreed to meet again in March."
    actors, doc = resolve(text)
    assert [a.country for a in at(actors, doc, "countries")] == ["CHL", "ARG"]
    assert ("AGREE", "CHL", "ARG") in pairs(code(text))


def test_the_two_ministers_is_a_pair(resolve):
    actors, doc = resolve("Chilean Foreign Minister Rosa Duarte met Bolivian Foreign Minister Hugo Mamani. "
                          "The two ministers agreed to reopen the border.")
    assert {a.name for a in at(actors, doc, "ministers")} == {"Rosa Duarte", "Hugo Mamani"}


def test_its_points_to_the_organisation(resolve, code):
    actors, doc = resolve("NATO said its forces would assist Estonia.")
    forces = at(actors, doc, "forces")
    assert forces[0].country == "IGO" and "MIL" in forces[0].sectors and forces[0].name.startswith("NATO")
    assert ("ACCUSE", "IGO", "RUS") in pairs(code("NATO met Estonian officials. The alliance condemned Russia."))


def test_their_points_to_two_countries(resolve):
    actors, doc = resolve("Chile and Argentina signed a fisheries agreement, and their navies will patrol together.")
    assert [a.country for a in at(actors, doc, "navies")] == ["CHL", "ARG"]


def test_organisations_and_groups_are_parties(code):
    assert ("ACCUSE", "IGO", "PRK") in pairs(code("The United Nations condemned North Korea on Friday."))
    assert ("ASSAULT", "AFG", "PAK") in pairs(code("The Taliban attacked Pakistani troops on Tuesday."))


def test_place_is_not_a_party(code):
    out = code("Mexican and Brazilian diplomats met in Panama on Monday.")
    assert all("PAN" not in (e["source"]["country"], (e["target"] or {}).get("country")) for e in out["events"])


def test_office_at_the_article_date(resolve):
    actors, _ = resolve("Vladimir Putin criticized Ukraine on Tuesday.", published="2024-04-16")
    putin = person(actors, "Vladimir Putin")
    assert putin.country == "RUS" and putin.sectors == ["GOV"] and putin.role == "President"
    # Known only up to the old dictionary's date: the office is not claimed years later.
    actors, _ = resolve("Barack Obama criticized Russia on Tuesday.", published="2024-04-16")
    obama = person(actors, "Barack Obama")
    assert obama.country == "USA" and "GOV" not in obama.sectors


def test_text_role_when_the_kb_has_none(resolve):
    actors, _ = resolve("Peruvian Trade Minister Tomas Quispe visited Quito.")
    quispe = person(actors, "Tomas Quispe")
    assert quispe.country == "PER" and quispe.role == "Trade Minister" and "GOV" in quispe.sectors


def test_known_actors_from_earlier_articles(resolve):
    known = [Actor(name="Dara Okafor", country="NGA", sectors=["GOV", "MIL"], role="Defence Minister", kind="person")]
    actors, doc = resolve("Okafor warned Cameroon on Friday.", known=known)
    found = at(actors, doc, "Okafor")
    assert found and found[0].name == "Dara Okafor" and found[0].country == "NGA"
    assert found[0].actor_id == known[0].actor_id


def test_actor_ids_are_stable_and_mentions_kept(code):
    text = "Peruvian Trade Minister Tomas Quispe met Chilean officials. Quispe praised Chile."
    a, b = code(text), code(text)
    assert [x["actor_id"] for x in a["actors"]] == [x["actor_id"] for x in b["actors"]]
    quispe = next(x for x in a["actors"] if x["name"] == "Tomas Quispe")
    assert [text[s:e] for s, e in quispe["mentions"]] == ["Tomas Quispe", "Quispe"]


def test_memory_across_articles_through_the_store(tmp_path, coder):
    """Known actors are loaded from the store at the edge and passed to the (pure) coder."""
    from sanderling.schema import Article
    from sanderling.store import Store

    first = Article(text="Talks\nNigerian Defence Minister Dara Okafor held talks with Cameroonian officials on Monday.\n",
                    published="2030-05-02")
    second = Article(text="Warning\nOkafor warned Cameroon on Friday.\n", published="2030-05-06")
    with Store(tmp_path / "s.duckdb") as store:
        store.write(coder.code([first]))
        coder.known_actors = store.known_actors()
        try:
            coded = list(coder.code([second]))
        finally:
            coder.known_actors = []
        store.write(coded)
        row = next(a for a in store.actors(kind="person") if a["name"] == "Dara Okafor")
    okafor = next(a for a in coded[0].actors if a.kind == "person")
    assert okafor.name == "Dara Okafor" and okafor.country == "NGA"
    assert row["first_seen"] == "2030-05-02" and row["last_seen"] == "2030-05-06"
    assert row["roles"] == ["Defence Minister"]


def test_weekday_is_no_actor(resolve):
    actors, doc = resolve("On Tuesday the Ruritanian envoy left Lisbon.")
    assert at(actors, doc, "Tuesday") == []


def test_group_members_are_the_group(resolve):
    actors, doc = resolve("A court in Kano convicted twenty Boko Haram members on Friday.")
    found = at(actors, doc, "members")
    assert found and found[0].country == "NGA" and "REB" in found[0].sectors


def test_role_noun_takes_the_place_after_it(resolve):
    actors, doc = resolve("The police in Lagos detained four men after the march.")
    police = at(actors, doc, "police")
    assert police[0].country == "NGA" and police[0].sectors == ["COP"]
    actors, doc = resolve("A court in Istanbul ordered the release of the two teachers.")
    assert at(actors, doc, "court")[0].country == "TUR"


def test_role_noun_takes_the_dateline_country(resolve):
    actors, doc = resolve("NAIROBI, Kenya (Wire) -- Police arrested eleven students at a rally on Monday.")
    assert at(actors, doc, "Police")[0].country == "KEN"
    assert at(actors, doc, "students")[0].country == "KEN"


def test_government_takes_the_one_country_named(resolve):
    actors, doc = resolve("The government said that Peruvian farmers abroad may vote by post.")
    gov = at(actors, doc, "government")
    assert gov[0].country == "PER" and gov[0].sectors == ["GOV"]
    # Two countries named: no guess.
    actors, doc = resolve("The government said that Peruvian and Chilean farmers abroad may vote by post.")
    assert at(actors, doc, "government")[0].country is None


def test_titled_person_takes_the_dateline_country(resolve):
    actors, doc = resolve("LIMA, Peru -- President Tomas Quispe Ruelas signed the decree on Monday.")
    assert person(actors, "Tomas Quispe Ruelas").country == "PER"


def test_possessive_person_gives_the_government_its_country(resolve):
    actors, doc = resolve("Canadian Prime Minister Anna Varga spoke. Later Varga's government recalled the envoy.")
    gov = at(actors, doc, "government")
    assert gov[0].country == "CAN" and "GOV" in gov[0].sectors


def test_capital_as_actor_is_the_government(resolve):
    actors, doc = resolve("Baghdad rejected the proposal as unconstitutional.")
    found = at(actors, doc, "Baghdad")
    assert found[0].country == "IRQ" and found[0].sectors == ["GOV"]
    # As a place it is no party.
    actors, doc = resolve("The envoys met in Baghdad.")
    assert actors.dateline_country() is None


def test_former_official_is_an_elite_too(resolve):
    actors, _ = resolve("Former Ruritanian prime minister Lena Marsh criticised the budget.", published=None)
    marsh = person(actors, "Lena Marsh")
    assert marsh.former and "ELI" in marsh.sectors and "GOV" in marsh.sectors


def test_country_compound_name(resolve):
    actors, doc = resolve("South Sudan's army shelled the village; South Sudanese refugees fled.")
    assert at(actors, doc, "army")[0].country == "SSD"
    assert at(actors, doc, "refugees")[0].country == "SSD"


def test_destination_country_is_not_the_article_country(resolve):
    actors, doc = resolve("The Senate President will lead a delegation on a visit to Peru.")
    assert at(actors, doc, "President")[0].country is None


def test_conjoined_nouns_share_the_nationality(resolve):
    actors, doc = resolve("LIMA, Peru -- A court freed an Austrian student, activist and writer.")
    assert at(actors, doc, "activist")[0].country == "AUT"


def test_country_word_opening_a_national_body(resolve):
    actors, doc = resolve("Kenya Police arrested the two smugglers.")
    police = at(actors, doc, "Police")
    assert police and police[0].country == "KEN" and "COP" in police[0].sectors


def test_an_adjective_before_a_name_is_no_title(coder):
    from sanderling.actors.resolve import ArticleActors

    doc = coder.nlp("Addressing the Catholic Bishops Conference in Manila, the senator praised the clergy.")
    people = ArticleActors(doc, coder.kb).people
    assert not any(p.name in {"Bishops Conference", "Conference"} for p in people)


def test_a_countrys_possession_is_no_actor_but_its_people_are(resolve):
    actors, doc = resolve("The minister urged Japan to respect Seoul's territorial claims in the sea. "
                          "Iraqi pilots flew over the area.")
    assert at(actors, doc, "claims") == []  # something Korea has, not a group of Koreans
    assert [a.country for a in at(actors, doc, "pilots")] == ["IRQ"]


def test_bare_authorities_are_of_the_state_the_sentence_before_names(code):
    out = code("Algeria and Libya have long feared the spread of militants. On Feb. 24, the Tunisian "
               "counterterror agency broke up a terrorist cell. Authorities said the group was making bombs.")
    speakers = [s["speaker"]["country"] for s in out["statements"] if s["cue"] == "said"]
    assert speakers == ["TUN"]


def test_the_official_is_the_official_of_the_seat_named_before(code):
    out = code("\"There is room for Peru to come back to the table,\" a senior State Department official told "
               "reporters on Wednesday. The official added that sanctions could follow if Lima went ahead.")
    assert [s["speaker"]["country"] for s in out["statements"]] == ["USA", "USA"]


def test_a_bare_spokesperson_speaks_for_the_body_their_words_are_about(code):
    out = code("Tehran denied the report on Monday. A spokesperson said the State Department does not comment on "
               "intelligence matters.")
    said = [s for s in out["statements"] if s["cue"] == "said"]
    assert [(s["speaker"]["name"], s["speaker"]["country"]) for s in said] == [("State Department", "USA")]


def test_a_body_named_twice_keeps_its_proper_name(code):
    out = code("The minister arrived in the South Korean capital on Monday. North Korea accused Seoul of forming "
               "a military bloc.")
    accuse = [e for e in out["events"] if e["event_type"] == "ACCUSE"]
    assert [e["target"]["name"] for e in accuse] == ["Seoul"]


def test_a_surname_misspelt_once_is_still_the_person(resolve):
    actors, doc = resolve("United Nations envoy Ingrid Halvorsen met Sudanese officials on Monday. "
                          "Halvorson said the talks had gone well.")
    found = at(actors, doc, "Halvorson")
    assert found and found[0].name == "Ingrid Halvorsen" and found[0].country == "IGO"


def test_two_people_with_near_surnames_stay_two(resolve):
    actors, doc = resolve("Norwegian minister Lars Johansen met Swedish minister Erik Johanson on Monday. "
                          "Johansen said the talks had gone well.")
    found = at(actors, doc, "Johansen")
    assert found and found[0].name == "Lars Johansen" and found[0].country == "NOR"
    assert person(actors, "Erik Johanson").country == "SWE"


def test_the_party_is_the_political_party_named_before(resolve):
    actors, doc = resolve("Zanu PF met on Friday. The party said it would expel the dissident.")
    found = [a for t in doc if t.lower_ == "party" for a in actors.actors_at(t)]
    assert found and found[0].name == "ZANU-PF" and found[0].country == "ZWE"


def test_people_from_a_country_are_of_that_country(code):
    out = code("Spain tightened entry restrictions on travellers from Morocco on Monday.", published="2025-03-12")
    assert [(e["event_type"], e["source"]["country"], e["target"]["country"]) for e in out["events"]] == [
        ("SANCTION", "ESP", "MAR")]
    out = code("The Chilean envoy returned from Peru on Monday.", published="2025-03-12")
    assert not [a for a in out["actors"] if a["country"] == "PER"]  # the verb's "from" is where from


def test_the_group_is_the_group_named_a_sentence_of_comment_before(code):
    out = code("Kenyan officials accused al-Shabab of plotting the attack on the market. It was one of the "
               "deadliest in Mombasa in recent months. The militant group denied involvement.", published="2025-03-12")
    denied = [s for s in out["statements"] if s["cue"].startswith("denied")]
    assert denied and denied[0]["speaker"]["name"] == "Al-Shabaab"


def test_the_insurgent_group_is_the_group_named_before(code):
    out = code("Kenyan officials accused al-Shabab of plotting the attack. It was one of the deadliest in "
               "Mombasa this year. The insurgent group denied involvement.", published="2025-03-12")
    denied = [s for s in out["statements"] if s["cue"].startswith("denied")]
    assert denied and denied[0]["speaker"]["name"] == "Al-Shabaab"
