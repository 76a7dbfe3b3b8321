"""Background event nouns: a recalled meeting or attack told as a noun with a date of its own
(issue 12, background events). Sentences and names written for these tests."""


def events(out):
    return [(e["event_type"], e["source"]["country"], (e["target"] or {}).get("country"), e["date"])
            for e in out["events"]]


def test_their_summit_is_the_two_people_named_before_not_the_place(code):
    out = code("Norwegian Prime Minister Marlow Tenby met Chilean President Kaspar Voss at the Lisbon summit "
               "in June 2019. Their second summit was in February 2020 in Bergen.", published="2022-02-11")
    assert ("CONSULT", "NOR", "CHL", "2020-02") in events(out)
    assert not [e for e in events(out) if "PRT" in e]  # "their" is not Lisbon's country


def test_a_first_summit_under_a_dated_reaction_takes_the_first_summits_date(code):
    out = code("In 2021, Norwegian Prime Minister Marlow Tenby praised his first summit with Chilean President "
               "Kaspar Voss. Tenby met with Voss for the first time at the Lisbon summit in June 2019.",
               published="2022-02-11")
    consults = [e for e in events(out) if e[0] == "CONSULT"]
    assert consults == [("CONSULT", "NOR", "CHL", "2019-06")]  # one summit, not one dated 2021


def test_the_accused_are_the_agents_of_a_dated_attack_noun(code):
    out = code("Two Peruvian soldiers stand accused of the 2009 bombing of a Chilean army post near Arica. "
               "Three Peruvian officers were charged with the 2011 shelling of a Chilean border post.",
               published="2022-02-11")
    found = events(out)
    assert ("ASSAULT", "PER", "CHL", "2009") in found
    assert ("ASSAULT", "PER", "CHL", "2011") in found


def test_an_agreement_among_parties_dated_by_its_year_in_an_after_phrase(code):
    # "declined" here is no refusal: the agreement is the time of the decline, not its object
    out = code("The number of refugees declined after a 2012 agreement among Peru, Bolivia and the UNHCR.",
               published="2022-02-11")
    assert ("AGREE", "PER", "BOL", "2012") in events(out)


def test_the_activation_of_a_force_is_a_mobilization_by_whose_force_it_is(code):
    out = code("\"We welcome the activation of the Chilean rapid reaction force,\" said Peruvian minister "
               "Tomas Ventor on Monday. The activation of the account failed.", published="2022-02-08")
    mob = [e for e in events(out) if e[0] == "MOBILIZE"]
    assert mob and mob[0][1] == "CHL"
    assert len(mob) == 1  # the activation of an account is no one's mobilisation


def test_talks_naming_no_party_are_between_the_two_sides_named_before(code):
    out = code("Lima and Santiago still disagree over the fishing border. An attempt to narrow the gap at "
               "technical talks in Quito in October collapsed.", published="2022-02-11")
    assert [e[:3] for e in events(out) if e[0] == "CONSULT"] == [("CONSULT", "PER", "CHL")]


def test_the_militants_of_an_attack_noun_are_the_armed_group_named_before(code):
    out = code("Nigeria-based Boko Haram has been attacking Chadian troops since 2015. In January the militants "
               "launched a bold assault on a joint Chad-Niger military base.", published="2022-02-11")
    attacks = [e for e in events(out) if e[0] == "ASSAULT" and e[3] == "2022-01"]
    assert {e[2] for e in attacks} == {"TCD", "NER"}
    assert all(e[1] == "NGA" for e in attacks)  # the group's country, not the bare word's
