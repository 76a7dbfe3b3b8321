"""Sentences that refer back to an event ("the call", "the meeting") are more of its mentions."""

CALL = (
    "Chilean Foreign Minister Arlo Penn held a phone call with his Uruguayan counterpart Mira Solt on Monday. "
    "Penn spoke with Solt for an hour about the border. "
    "In the phone call, the two ministers set out their positions on fishing rights. "
    "The call comes after Chile and Uruguay held talks in Montevideo in March 2023. "
)


def _call(out):
    return [e for e in out["events"] if e["event_type"] == "CONSULT" and not e["background"]]


def test_the_call_told_again_is_one_event_with_its_mentions(code):
    out = code(CALL, published="2025-03-12")
    calls = _call(out)
    assert len(calls) == 1
    assert {m["sentence"] for m in calls[0]["mentions"]} >= {0, 1, 2, 3}


def test_a_background_event_with_its_own_date_stays_apart(code):
    out = code(CALL, published="2025-03-12")
    recalled = [e for e in out["events"] if e["event_type"] == "CONSULT" and e["background"]]
    assert recalled and all(e["date"].startswith("2023") for e in recalled)
    assert all(m["sentence"] == 3 for e in recalled for m in e["mentions"])


def test_the_next_meeting_is_no_mention_of_this_one(code):
    text = (CALL.split(". ")[0] + ". "
            "The next meeting of the two ministers is planned for the autumn. ")
    out = code(text, published="2025-03-12")
    assert all(m["sentence"] == 0 for e in _call(out) for m in e["mentions"])


def test_a_threat_and_a_demand_to_the_same_side_on_the_same_day_are_one_act(code):
    out = code("Chilean Foreign Minister Arlo Penn on Monday threatened Argentina with sanctions over the fishing "
               "dispute. Penn also demanded that Argentina withdraw its trawlers from Chilean waters.", published="2025-03-12")
    acts = [e for e in out["events"] if e["event_type"] in {"THREATEN", "REQUEST"}]
    assert len(acts) == 1 and {m["sentence"] for m in acts[0]["mentions"]} == {0, 1}
