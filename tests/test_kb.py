"""The actor knowledge base: shipped tables, dated office holders, user entries. Sentences and
names here are written for the tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from sanderling.actors.kb import KnowledgeBase, default_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


def test_countries_demonyms_capitals(kb):
    assert kb.country("Jordan").iso3 == "JOR"
    assert kb.country("Hungarian").iso3 == "HUN"
    assert kb.country("Seoul").kind == "capital"
    assert kb.country("China’s").iso3 == "CHN"


def test_cameo_codes_map_to_iso(kb):
    assert kb.iso3("ROM") == "ROU"
    assert kb.iso3("ZAR") == "COD"
    assert kb.iso3("CHNGOV") == "CHN"
    assert kb.iso3("IGO") == "IGO"


def test_international_organisations(kb):
    for name in ("UN", "United Nations", "NATO", "European Union", "ASEAN", "African Union"):
        org = kb.organization(name)
        assert org is not None and org.country == "IGO", name
    assert kb.organization("the United Nations").name == "United Nations"


def test_armed_groups_take_the_country_they_operate_in(kb):
    taliban = kb.organization("Taliban")
    assert taliban.country == "AFG" and "REB" in taliban.sectors and taliban.kind == "group"
    assert kb.organization("Hezbollah").country == "LBN"


def test_role_nouns_to_sectors(kb):
    assert set(kb.sectors(["Defense", "Minister"])) == {"GOV", "MIL"}
    assert kb.sectors(["rebels"]) == ("REB",)


def test_office_at_the_date_not_today(kb):
    # Phoenix: in office from 2009; the dictionary describes January 2014.
    _, term, _ = kb.person("Barack Obama", "2010-06-01")
    assert term.country == "USA" and "GOV" in term.sectors
    # Years after the dictionary's date the office is unknown: the country stays, the office does not.
    _, term, _ = kb.person("Barack Obama", "2024-06-01")
    assert term.country == "USA" and "GOV" not in term.sectors


def test_current_heads_from_the_factbook(kb):
    _, term, former = kb.person("Vladimir Putin", "2024-04-16")
    assert term.country == "RUS" and term.sectors == ("GOV",) and term.role == "President" and not former
    _, term, _ = kb.person("Donald Trump", "2025-03-01")
    assert term.country == "USA" and term.role == "President"


def test_former_office_holder(kb):
    entry = kb.people["barack obama"]
    # A term that ended and nothing after it: elite, former.
    from sanderling.actors.kb import PersonEntry, Term

    p = PersonEntry("Ada Quill", [Term("NZL", ("GOV",), "2001-01-01", "2005-01-01", "Prime Minister")])
    term, former = p.at("2008-01-01")
    assert former and term.country == "NZL" and term.sectors == ("ELI",)
    term, former = p.at("2003-01-01")
    assert not former and term.sectors == ("GOV",)
    assert entry.name == "Barack Obama"


def test_surname_only_when_one_office_holder_has_it(kb):
    found = kb.person_by_surname("Putin", "2024-04-16")
    assert found is not None and found[0].name == "Vladimir Putin"
    many = kb.person_by_surname("Li", "2024-04-16")  # many people: no office is claimed
    assert many is None or not many[1].sectors


def test_user_entries_tsv_and_yaml(tmp_path: Path):
    (tmp_path / "actors.yaml").write_text(
        "- {name: Ilsa Marren, kind: person, country: ISL, sectors: [GOV], role: Foreign Minister, start: 2031-02-01}\n"
        "- {name: Northern Rim Pact, kind: organization, country: IGO, aliases: [NRP]}\n"
        "- {name: Tern River Front, kind: group, country: MLI, sectors: [REB]}\n", encoding="utf-8")
    (tmp_path / "seats.tsv").write_text("alias\tcountry\tsectors\trole\nGreen Hall\tISL\tGOV\t\n", encoding="utf-8")
    kb = KnowledgeBase(user_dir=tmp_path)
    _, term, _ = kb.person("Ilsa Marren", "2031-06-01")
    assert term.country == "ISL" and term.role == "Foreign Minister"
    assert kb.organization("NRP").name == "Northern Rim Pact"
    assert kb.organization("Tern River Front").country == "MLI"
    assert kb.seat("Green Hall").country == "ISL"


def test_user_dir_from_environment(tmp_path: Path, monkeypatch):
    (tmp_path / "organizations.csv").write_text("alias,name,country,sectors,code,kind\nGull Compact,Gull Compact,IGO,,IGO,organization\n",
                                                 encoding="utf-8")
    monkeypatch.setenv("SANDERLING_ACTORS_DIR", str(tmp_path))
    assert KnowledgeBase().organization("Gull Compact").country == "IGO"


def test_non_actor_agent_entries_are_no_sectors(kb):
    # The PLOVER agents table marks weekdays, "cash", "region" NON/JNK: no actor, no sectors.
    assert kb.sectors(["Tuesday"]) == () and not kb.is_agent_word("tuesday")
    assert kb.is_not_actor("Tuesday") and kb.is_not_actor("members")
    assert kb.sectors(["police"]) == ("COP",)


def test_user_agent_entry_can_make_a_non_actor_an_actor(tmp_path: Path):
    (tmp_path / "agents.tsv").write_text("phrase\tsectors\nregion\tGOV\n", encoding="utf-8")
    kb = KnowledgeBase(user_dir=tmp_path)
    assert kb.sectors(["region"]) == ("GOV",) and not kb.is_not_actor("region")


def test_more_country_names_and_demonyms(kb):
    assert kb.country("South Sudan").iso3 == "SSD" and kb.country("South Sudanese").iso3 == "SSD"
    assert kb.country("Philippine").iso3 == "PHL"
    assert kb.country("Hashemite Kingdom of Jordan").iso3 == "JOR"
    assert kb.country("Türkiye").iso3 == "TUR"


def test_person_names_without_accents_or_middle_names(kb):
    assert kb.person("Gloria Arroyo", "2005-01-01")[1].country == "PHL"  # "Gloria Macapagal Arroyo"
    assert kb.person("Muhammadu Búhari", "2005-01-01")[0].name == "Muhammadu Buhari"


def test_undated_surname_gives_only_a_shared_country(kb):
    entry, term, former = kb.person_by_surname("Buhari", None)
    assert term.country == "NGA" and term.sectors == () and not former
    # Several countries know the name (a Venezuelan and Colombians, double surnames): none.
    assert kb.person_by_surname("Uribe", None) is None


def test_groups_and_agencies_added_by_hand(kb):
    assert kb.organization("AQAP").country == "YEM"
    assert kb.organization("ELN").country == "COL"
    assert kb.seat("USAID").country == "USA"


def test_a_body_spelt_with_u_n_is_the_un_body(kb):
    assert kb.organization("U.N. General Assembly").name == kb.organization("UN General Assembly").name
    assert kb.organization("U.N. General Assembly").country == "IGO"
