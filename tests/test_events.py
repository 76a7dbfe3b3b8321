"""Event detection end to end on sentences written for these tests."""


def pairs(out):
    return [(e["event_type"], e["source"]["country"], e["target"]["country"]) for e in out["events"]]


def test_meeting_is_consult_dated_by_its_weekday(code):
    out = code("Norwegian Foreign Minister Astrid Berg met Danish Foreign Minister Lars Holm in Oslo on Monday.",
               published="2025-03-12")
    (event,) = out["events"]
    assert (event["event_type"], event["source"]["country"], event["target"]["country"]) == ("CONSULT", "NOR", "DNK")
    assert event["date"] == "2025-03-10" and event["background"] is False
    assert event["cameo"].startswith("04") and event["quad_class"] == 1
    assert event["evidence"]["text"].startswith("Norwegian Foreign Minister")


def test_refusal_is_reject_not_consult(code):
    out = code("Hungary refused to hold talks with Romania over the border dispute.")
    assert pairs(out) == [("REJECT", "HUN", "ROU")]
    assert out["events"][0]["cameo"] == "125"


def test_negated_predicate_gives_no_event(code):
    assert code("Peru did not meet Chile at the summit.")["events"] == []


def test_line_without_verb_codes_no_event(code):
    out = code("Peru and Chile at the border\nThe weather was mild.")
    assert out["events"] == []


def test_place_is_never_a_party(code):
    out = code("The French president met the German chancellor in Poland on Friday.", published="2025-03-12")
    countries = {c for e in out["events"] for c in (e["source"]["country"], e["target"]["country"])}
    assert "POL" not in countries
    assert pairs(out) == [("CONSULT", "FRA", "DEU")]


def test_recalled_event_is_background_with_its_own_date(code):
    out = code("In June 2021, Kenyan President Samuel Otieno visited Uganda.", published="2025-03-12")
    (event,) = out["events"]
    assert event["date"] == "2021-06" and event["background"] is True


def test_one_event_reported_twice_is_one_event_with_two_mentions(code):
    text = ("Indian Prime Minister Arjun Mehta held a phone call with Nepalese Prime Minister Hari Thapa on Tuesday.\n"
            "Mehta spoke with Thapa for an hour.")
    out = code(text, published="2025-03-12")
    consults = [e for e in out["events"] if e["event_type"] == "CONSULT"]
    assert len(consults) == 1
    assert len(consults[0]["mentions"]) == 2
    for m in consults[0]["mentions"]:
        assert text[m["start"]:m["end"]].startswith(("Indian", "Mehta"))


def test_same_input_same_ids(code):
    text = "Egypt accused Ethiopia of violating the water agreement."
    a, b = code(text), code(text)
    assert [e["id"] for e in a["events"]] == [e["id"] for e in b["events"]]
    assert pairs(a) == [("ACCUSE", "EGY", "ETH")]


def test_a_thing_is_no_party(code):
    out = code("Venezuela fired a rocket toward the coast on Sunday.", published="2025-03-12")
    assert all(e["target"]["country"] for e in out["events"])


def test_lower_case_counterpart_names_the_person(code):
    out = code("Chilean Foreign Minister Rosa Vidal met her Peruvian counterpart Kim Ji-won in Lima.")
    (event,) = [e for e in out["events"] if e["event_type"] == "CONSULT"]
    assert event["target"]["name"].startswith("Kim") and event["target"]["country"] == "PER"


def test_a_destination_is_no_party(code):
    out = code("The Kenyan envoy returned to Nairobi after talks in Geneva.", published="2025-03-12")
    assert out["events"] == []
