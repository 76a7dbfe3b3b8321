"""Statements that are events: an official's accusation, demand or praise. Sentences and people
are made up for the tests."""
from __future__ import annotations

from sanderling.schema import Article


def events(coder, text: str):
    coded = next(coder.code([Article(text=text, published="2031-06-12")]))
    return {(e.event_type, e.source.country if e.source else None, e.target.country if e.target else None)
            for e in coded.events}


def test_an_official_condemning_a_country_is_an_accusation(coder):
    found = events(coder, "Chilean Foreign Minister Ana Ruiz condemned Peru on Tuesday for closing the border, "
                          "saying the move hurt trade.")
    assert ("ACCUSE", "CHL", "PER") in found


def test_a_warning_is_addressed_to_its_object_not_to_its_topic(coder):
    found = events(coder, "Norwegian Defense Minister Kari Holm warned Russia not to interfere in matters regarding Finland.")
    assert ("THREATEN", "NOR", "RUS") in found
    assert not any(t == "FIN" for _, _, t in found)


def test_an_analyst_s_opinion_is_no_event(coder):
    found = events(coder, "Tom Baird, a senior fellow at a think tank, condemned Peru for the delay.")
    assert not any(s is None or t == "PER" for _, s, t in found if _ == "ACCUSE")


def test_being_accused_is_no_accusation_by_the_accused(coder):
    found = events(coder, "Two Chilean officers stand accused of attacking a Peruvian border post.")
    assert ("ACCUSE", "CHL", "PER") not in found


def test_a_plain_statement_that_the_party_must_act_is_a_demand(coder):
    found = events(coder, "Chilean Foreign Minister Ana Ruiz said on Tuesday that Peru must reopen the border.")
    assert ("REQUEST", "CHL", "PER") in found


def test_a_body_ready_to_support_a_country_is_one_act_of_support(coder):
    found = events(coder, "The World Bank said on Monday it was ready to support Peru in rebuilding its ports.")
    # the parse reads "support" and the statement reads "ready to": one event, not two
    assert [t for t, s, g in found if (s, g) == ("IGO", "PER")] in (["SUPPORT"], ["AGREE"])


def test_a_judgement_of_what_the_party_did_is_an_accusation_but_not_of_others(coder):
    found = events(coder, "Chilean Foreign Minister Ana Ruiz said Peru's detention of the fishermen was arbitrary.")
    assert ("ACCUSE", "CHL", "PER") in found
    found = events(coder, "Chilean Foreign Minister Ana Ruiz said illegal fishing near Peru had fallen.")
    assert ("ACCUSE", "CHL", "PER") not in found


def test_praise_of_what_the_party_did_is_support(coder):
    found = events(coder, "Chilean Foreign Minister Ana Ruiz said Peru's decision to reopen the border was a positive step.")
    assert ("SUPPORT", "CHL", "PER") in found


def test_a_quoted_charge_that_the_other_side_broke_a_deal_is_an_accusation(coder):
    found = events(coder, "Chilean Foreign Minister Ana Ruiz spoke on Sunday. “The Peruvian side has violated the "
                          "fishing agreement again and again,” Ruiz said.")
    assert ("ACCUSE", "CHL", "PER") in found


def test_a_view_stated_in_a_that_clause_is_no_act(coder):
    found = events(coder, "Chilean Foreign Minister Ana Ruiz met Peruvian Foreign Minister Luis Soto on Monday. "
                          "\"Both sides recognise that trade between our countries is vital,\" Ruiz told reporters.")
    assert not any(t == "SUPPORT" for t, _, _ in found)


def test_a_demand_on_a_party_named_later_in_the_quote(code):
    out = code("\"There is room for Peru to come back to the table. They know that to make this work, they need "
               "to return the drones,\" a senior State Department official told reporters on Wednesday.")
    assert [(e["event_type"], e["source"]["country"], e["target"]["country"]) for e in out["events"]] == [
        ("REQUEST", "USA", "PER")]
