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
