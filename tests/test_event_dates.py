"""The date an event gets: its own time, an inherited one, the story's date; datelines.
Sentences and names written for these tests."""
from datetime import date

import pytest

from sanderling.time import is_background, normalize
from sanderling.time.event import event_date, event_time, event_when
from sanderling.time.story import dateline, story_date

WED = date(2025, 3, 12)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    from sanderling import nlp as _nlp

    return _nlp.load()


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def _when(nlp, text, word, published=WED):
    doc = nlp(text)
    tv = event_when(_tok(doc, word), published)
    return tv.value if tv is not None else None


@pytest.mark.parametrize("text,word,value", [
    # a time inside the event's own phrase
    ("Lawmakers in Freedonia welcomed Tuesday's announcement that Sylvania had agreed to a truce.",
     "agreed", "2025-03-11"),
    ("In a statement Friday, the Freedonian foreign ministry condemned the raid.", "condemned", "2025-03-07"),
    ("The Feb. 27 deportations drew protests from Sylvania.", "deportations", "2025-02-27"),
    ("Freedonia and Sylvania held last week's talks in Marnow.", "talks", "2025-03-06"),
    # the clause it completes, or hangs on
    ("The ministry said Tuesday that its forces shelled the border town.", "shelled", "2025-03-11"),
    ("The court heard the case in mid-March, though Sylvania refused to attend the hearing.",
     "refused", "2025-03-11"),  # the 11th to publication (the 12th): its first day
    # a "when" clause under it
    ("When the two leaders met in Marnow in 2021, they agreed to resume talks.", "agreed", "2021"),
])
def test_inherited_times(nlp, text, word, value):
    assert _when(nlp, text, word) == value


def test_mid_month_is_its_middle_day(nlp):
    # published after the 20th, mid-March is the 11th to the 20th: its middle day
    assert _when(nlp, "The court heard the case in mid-March, though Sylvania refused to attend the hearing.",
                 "refused", date(2025, 4, 2)) == "2025-03-15"


def test_past_perfect_under_a_speech_verb_gets_the_nearest_bound(nlp):
    # "had asked" happened before Monday, how long before is not said: Monday is the bound
    doc = nlp("Officials said Monday that Sylvania had asked for the return of the prisoners.")
    assert event_time(_tok(doc, "asked"), WED).value == "2025-03-10"


def test_sentence_with_one_date(nlp):
    # spaCy hangs the date on the main verb; the relative clause's verb is the event dated
    doc = nlp("The children are caught up in a power struggle between two rival generals that began "
              "in the capital, Marnow, in April 2023, but has since spread to the whole country.")
    assert event_time(_tok(doc, "began"), WED).value == "2023-04"


def test_deadlines_and_plans_give_no_date(nlp):
    doc = nlp("The new Commission President Elsa Varga has vowed to make the region carbon neutral by 2050.")
    assert event_time(_tok(doc, "vowed"), date(2019, 12, 9)) is None


def test_since_gives_the_start(nlp):
    doc = nlp("The rebels have been fighting Sylvanian troops since 2011.")
    tv = event_time(_tok(doc, "fighting"), WED)
    assert tv.value == "2011"
    assert is_background(tv, WED)


@pytest.mark.parametrize("text,published,value,precision", [
    ("last week", WED, "2025-03-06", "span"),             # Monday 3 to Sunday 9: Thursday
    ("earlier this month", WED, "2025-03-06", "span"),    # 1st to publication
    ("this week", WED, "2025-03-11", "span"),             # Monday 10 to publication
    ("mid-March", date(2025, 4, 2), "2025-03-15", "span"),
    ("in March", date(2025, 4, 2), "2025-03", "month"),   # a calendar unit keeps its value
    ("on Monday", WED, "2025-03-10", "day"),
    ("next week", WED, "2025-03-20", "span"),
])
def test_event_date_of_spans(text, published, value, precision):
    tense = "future" if text.startswith("next") else "past"
    tv = event_date(normalize(text, published, tense), published)
    assert (tv.value, tv.precision) == (value, precision)


def test_story_date_is_the_day_its_news_names_most(nlp):
    # published just after midnight UTC: the story is about Tuesday
    doc = nlp("The Freedonian parliament on Tuesday approved a budget. The vote came after a debate on "
              "Monday. Speaker Ilse Corrin said on Tuesday that the budget would pass the senate.")
    assert story_date(doc, WED) == date(2025, 3, 11)
    assert story_date(nlp("Freedonia approved a budget."), WED) == WED
    # an undated event takes the story's date
    doc = nlp("The Freedonian parliament on Tuesday approved a budget. Sylvania criticized the plan.")
    assert event_when(_tok(doc, "criticized"), WED).value == "2025-03-11"


@pytest.mark.parametrize("text,published,expected", [
    ("MARNOW, Nov 18 (Reuters) - Freedonia said ...", date(2024, 11, 18), date(2024, 11, 18)),
    ("MARNOW, Nov 18 (Reuters) - Freedonia said ...", date(2024, 11, 17), date(2024, 11, 18)),
    ("MARNOW, Dec. 31 - Freedonia said ...", date(2025, 1, 1), date(2024, 12, 31)),
    ("PORT ELLEN, Freedonia, March 3, 2024 (AP) — The ...", date(2024, 3, 4), date(2024, 3, 3)),
    ("MARNOW — Freedonia said ...", date(2024, 11, 18), None),
    ("Freedonia said on Monday ...", date(2024, 11, 18), None),
])
def test_dateline(text, published, expected):
    got = dateline(text, published)
    assert (got[0] if got else None) == expected


def test_dateline_dates_the_story_not_a_predicate(nlp):
    doc = nlp("MARNOW, Nov 17 (Reuters) - Freedonia expelled two Sylvanian diplomats.")
    assert event_time(_tok(doc, "expelled"), date(2024, 11, 18)) is None
    assert story_date(doc, date(2024, 11, 18)) == date(2024, 11, 17)
    assert event_when(_tok(doc, "expelled"), date(2024, 11, 18)).value == "2024-11-17"


@pytest.mark.parametrize("text,value", [("the '70s", "1970"), ("the ’20s", "2020")])
def test_two_digit_decades(text, value):
    assert normalize(text, WED).range_start == value


@pytest.mark.parametrize("text", ["30s", "in their 30s", "the 40s"])
def test_ages_are_not_times(text):
    assert normalize(text, WED) is None


def test_present_states_take_no_date_from_the_sentence(nlp):
    doc = nlp("Satellite images show that the Sylvanian convoy crossed the border on Monday.")
    assert event_time(_tok(doc, "show"), WED) is None
    assert event_time(_tok(doc, "crossed"), WED).value == "2025-03-10"


@pytest.mark.parametrize("text,word,value", [
    ("Sylvanian forces carried out an airstrike on the border town on Tuesday.", "airstrike", "2025-03-11"),
    ("The strike was launched last week by Sylvanian jets.", "strike", "2025-03-06"),
    ("Freedonia imposed 25% tariffs on Sylvanian steel in February.", "tariffs", "2025-02"),
    ("Three soldiers were killed in an airstrike on Monday.", "airstrike", "2025-03-10"),
])
def test_event_nouns_take_their_verbs_time(nlp, text, word, value):
    assert _when(nlp, text, word) == value


def test_reactions_give_their_own_date_as_a_bound(nlp):
    # the summit was before 2019, when is not said: 2019 is the nearest bound, and background
    doc = nlp("In 2019, President Vell praised his first summit with Premier Ostrova.")
    assert event_when(_tok(doc, "summit"), WED).value == "2019"
    # a reaction without a date of its own lends nothing, not even the sentence's other dates
    doc = nlp("President Vell, who took office in 2019, praised the summit with Premier Ostrova.")
    assert event_time(_tok(doc, "summit"), WED) is None


def test_where_clause_takes_its_places_verb(nlp):
    doc = nlp("Hope has been shaken by violence that began March 6 in the coastal region, where "
              "security forces clashed with rebels loyal to the former president.")
    assert event_time(_tok(doc, "clashed"), WED).value == "2025-03-06"


def test_a_relative_clauses_date_is_its_own(nlp):
    doc = nlp("The recent arrest of Tomas Varga, who led last year's student protests, has alarmed "
              "rights groups.")
    assert event_time(_tok(doc, "arrest"), WED) is None


def test_a_recalled_story_told_on(nlp):
    doc = nlp("In 2022, the police arrested the editor Tomas Varga. A court later sentenced him to six "
              "years in prison. His lawyer said the ruling was unjust.")
    assert event_when(_tok(doc, "sentenced"), WED).value == "2022"
    assert event_when(_tok(doc, "said"), WED) is None  # reporting is the story's news


def test_purpose_clauses_are_no_plans(nlp):
    doc = nlp("Freedonia launched an operation to drive the rebels out of the northern forest in 2015.")
    assert event_when(_tok(doc, "operation"), WED).value == "2015"


def test_a_participle_clause_is_not_dated_by_the_main_verb(nlp):
    doc = nlp("A judge on Wednesday adjourned the case of a journalist arrested over his interviews "
              "with a politician.")
    assert event_time(_tok(doc, "arrested"), WED) is None
    assert event_time(_tok(doc, "adjourned"), WED).value == "2025-03-12"


def test_event_nouns_told_on_from_a_dated_sentence_take_its_date(code):
    out = code("Their second summit was in February 2019 in Hanoi. It ended quickly because Washington's call for "
               "full denuclearization and Pyongyang's demand for sanctions relief did not mesh.", published="2020-02-14")
    requests = sorted((e["source"]["country"], e["target"]["country"], e["date"]) for e in out["events"]
                      if e["event_type"] == "REQUEST")
    assert requests == [("PRK", "USA", "2019-02"), ("USA", "PRK", "2019-02")]


@pytest.mark.parametrize("text,value", [
    ("Norway suspended aid to Chad until March 2026.", None),  # the end of the suspension, not its date
    ("Norway suspended aid to Chad on Monday until March 2026.", "2025-03-10"),
    ("The president delayed the tariffs on Chadian goods till April.", None),
])
def test_until_a_time_is_a_bound_not_the_events_date(nlp, text, value):
    verb = "suspended" if "suspended" in text else "delayed"
    assert _when(nlp, text, verb) == value


def test_said_in_which_is_as_old_as_what_it_was_said_in(nlp):
    text = ("The case is related to his interviews with the activist in November and January, in which the "
            "activist said that he would mobilize protests against the government.")
    assert _when(nlp, text, "mobilize", published=date(2025, 3, 13)) == "2024-11"
    text = "The envoy gave a speech in June, in which she said the talks would resume."
    assert _when(nlp, text, "resume", published=date(2025, 3, 13)) == "2024-06"
