"""Time expressions against fixed publication dates; sentences written for these tests."""
from datetime import date
from pathlib import Path

import pytest

from sanderling.schema import TimeValue
from sanderling.time import find_times, is_background, normalize, time_for_predicate

TUE = date(2024, 4, 16)  # a Tuesday
SUN = date(2023, 1, 8)  # a Sunday, early in a year


@pytest.mark.parametrize("text,tense,value,precision", [
    ("on Tuesday", "past", "2024-04-16", "day"),  # publication day itself
    ("on Monday", "past", "2024-04-15", "day"),
    ("Wednesday", "past", "2024-04-10", "day"),
    ("on Friday", "future", "2024-04-19", "day"),
    ("Tuesday", "future", "2024-04-23", "day"),
    ("last Tuesday", "past", "2024-04-09", "day"),
    ("next Monday", "past", "2024-04-22", "day"),
    ("Thursday evening", "past", "2024-04-11", "day"),
    ("yesterday", "past", "2024-04-15", "day"),
    ("today", "past", "2024-04-16", "day"),
    ("tomorrow", "future", "2024-04-17", "day"),
    ("last month", "past", "2024-03", "month"),
    ("next month", "future", "2024-05", "month"),
    ("this year", "past", "2024", "year"),
    ("last year", "past", "2023", "year"),
    ("next year", "future", "2025", "year"),
    ("in June 2023", "past", "2023-06", "month"),
    ("in November", "past", "2023-11", "month"),
    ("in November", "future", "2024-11", "month"),
    ("in April", "past", "2024-04", "month"),
    ("in March", "future", "2025-03", "month"),
    ("November 2022", "past", "2022-11", "month"),
    ("April 2, 2024", "past", "2024-04-02", "day"),
    ("2 April", "past", "2024-04-02", "day"),
    ("on 30 December", "past", "2023-12-30", "day"),
    ("on 30 December", "future", "2024-12-30", "day"),
    ("Friday, March 8, 2024", "past", "2024-03-08", "day"),
    ("2024-04-10", "past", "2024-04-10", "day"),
    ("16.04.2024", "past", "2024-04-16", "day"),  # dateparser fallback
    ("in 2021", "past", "2021", "year"),
    ("earlier this month", "past", "2024-04", "month"),
    ("late last year", "past", "2023", "year"),
    ("18 months ago", "past", "2022-10", "month"),
    ("two days ago", "past", "2024-04-14", "day"),
])
def test_normalize_dates(text, tense, value, precision):
    tv = normalize(text, TUE, tense)
    assert tv is not None, text
    assert (tv.value, tv.precision) == (value, precision)
    assert tv.text == text


def test_weeks_are_ranges_inside_a_calendar_value():
    tv = normalize("last week", TUE)
    assert (tv.kind, tv.range_start, tv.range_end, tv.value) == ("range", "2024-04-08", "2024-04-14", "2024-04")
    tv = normalize("next week", date(2024, 4, 26), "future")
    assert (tv.range_start, tv.range_end, tv.value) == ("2024-04-29", "2024-05-05", "2024")


def test_seasons():
    tv = normalize("the summer of 2022", TUE)
    assert (tv.value, tv.precision, tv.range_start, tv.range_end) == ("2022", "season", "2022-06", "2022-08")
    assert normalize("last summer", TUE).value == "2023"
    tv = normalize("this winter", SUN)
    assert (tv.range_start, tv.range_end) == ("2022-12", "2023-02")


def test_since_is_an_open_range():
    tv = normalize("since November 2022", TUE)
    assert (tv.kind, tv.value, tv.range_start, tv.range_end, tv.precision) == \
        ("range", None, "2022-11", None, "month")


def test_ranges():
    tv = normalize("between 2019 and 2021", TUE)
    assert (tv.kind, tv.range_start, tv.range_end) == ("range", "2019", "2021")
    tv = normalize("from March to May 2023", TUE)
    assert (tv.range_start, tv.range_end, tv.value) == ("2023-03", "2023-05", "2023")
    tv = normalize("March 3-5", TUE)
    assert (tv.range_start, tv.range_end) == ("2024-03-03", "2024-03-05")


@pytest.mark.parametrize("text,value,approx", [
    ("almost 18 months", "P18M", True),
    ("nearly two years", "P2Y", True),
    ("18 months", "P18M", False),
    ("a year and a half", "P18M", False),
    ("more than a decade", "P10Y", True),
    ("several weeks", "P3W", True),
])
def test_durations(text, value, approx):
    tv = normalize(text, TUE)
    assert (tv.kind, tv.value, tv.approximate, tv.precision) == ("duration", value, approx, None)


@pytest.mark.parametrize("text", ["Dong Jun", "recently", "the talks", "", "Austin"])
def test_not_times(text):
    assert normalize(text, TUE) is None


@pytest.fixture(scope="module")
def nlp():
    from sanderling import nlp as _nlp

    return _nlp.load()


def _times(nlp, text, published=TUE):
    return [(t.text, t.value, t.kind) for t in find_times(nlp(text), published)]


def test_find_times_offsets_and_kinds(nlp):
    text = "The foreign ministers spoke on Thursday, the first such call in nearly two years."
    doc = nlp(text)
    found = find_times(doc, TUE)
    assert [(t.text, t.value, t.kind) for t in found] == [
        ("Thursday", "2024-04-11", "date"), ("nearly two years", "P2Y", "duration")]
    for t in found:
        assert text[t.start:t.end] == t.text


def test_find_times_traps(nlp):
    # a person called Jun, and "may" the modal verb, are not months
    assert _times(nlp, "Defence Minister Dong Jun told reporters that talks may resume.") == []
    assert _times(nlp, "Senator May said the vote may come in May.") == [("May", "2024-05", "date")]
    # "18 months" is a duration, not a date
    assert _times(nlp, "The truce has held for 18 months.") == [("18 months", "P18M", "duration")]


def test_find_times_patterns_spacy_misses(nlp):
    got = _times(nlp, "Navy ships sailed through the strait in the summer of 2022 and again since October 2021.")
    assert ("the summer of 2022", "2022", "date") in got
    assert ("since October 2021", None, "range") in got
    got = _times(nlp, "Between 2019 and 2021, the two governments held six rounds of talks.")
    assert got == [("Between 2019 and 2021", None, "range")]


def test_find_times_on_a_span(nlp):
    doc = nlp("The envoy left on Monday. He returned on Friday.")
    second = list(doc.sents)[1]
    got = find_times(second, TUE)
    assert [(t.text, t.value) for t in got] == [("Friday", "2024-04-12")]
    assert doc.text[got[0].start:got[0].end] == "Friday"


def _pred(doc, word):
    return next(t for t in doc if t.text == word)


def test_time_for_predicate_by_clause(nlp):
    doc = nlp("The general told reporters on Monday that the exercises would end on Friday.")
    assert time_for_predicate(_pred(doc, "told"), TUE).value == "2024-04-15"
    assert time_for_predicate(_pred(doc, "end"), TUE).value == "2024-04-19"  # future tense


def test_time_for_predicate_when_clause(nlp):
    doc = nlp("The talks were the first official contact between the navies since October 2021, "
              "when their commanders met in Jakarta.")
    tv = time_for_predicate(_pred(doc, "met"), TUE)
    assert (tv.value, tv.precision, tv.kind) == ("2021-10", "month", "date")


def test_time_for_predicate_two_events(nlp):
    doc = nlp("President Lee met the Prime Minister in November, and the two resumed joint drills last year.")
    assert time_for_predicate(_pred(doc, "met"), TUE).value == "2023-11"
    assert time_for_predicate(_pred(doc, "resumed"), TUE).value == "2023"


def test_time_for_predicate_skips_durations(nlp):
    doc = nlp("The ceasefire has held for almost 18 months.")
    assert time_for_predicate(_pred(doc, "held"), TUE) is None


@pytest.mark.parametrize("value,precision,expected", [
    ("2024-04-16", None, False),
    ("2024-04-12", None, False),
    ("2024-04-02", None, True),
    ("2024-04", None, False),
    ("2024-03", None, True),
    ("2023", None, True),
    ("2022-11", None, True),
    ("2024", None, False),
    ("2024-04-20", None, False),
])
def test_is_background(value, precision, expected):
    assert is_background(value, TUE, precision) is expected


def test_is_background_time_values():
    assert is_background(None, TUE) is False
    assert is_background(normalize("almost 18 months", TUE), TUE) is False
    assert is_background(normalize("since November 2022", TUE), TUE) is False
    assert is_background(normalize("last year", TUE), TUE) is True
    assert is_background(normalize("on Tuesday", TUE), TUE) is False
    assert is_background(normalize("earlier this month", TUE), TUE) is True
    assert is_background(TimeValue(text="x", value="2024-03", precision="month"), date(2024, 4, 3)) is False


SHARED = Path(__file__).parents[2] / "shared"


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "seed" / "article.txt").exists(), reason="needs ../shared")
def test_seed_article_times(nlp):
    text = (SHARED / "seed" / "article.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    found = find_times(doc, date(2024, 4, 16))
    by_text = {t.text: t for t in found}
    assert by_text["Tuesday"].value == "2024-04-16"
    assert by_text["almost 18 months"].value == "P18M"
    assert by_text["since November 2022"].range_start == "2022-11"
    assert by_text["June 2023"].value == "2023-06"
    assert by_text["last year"].value == "2023"
    assert not any("Jun" == t.text or "Dong" in t.text for t in found)
    met = next(t for t in doc if t.text == "met" and t.head.text != "met")
    assert time_for_predicate(met, date(2024, 4, 16)).value == "2022-11"


def test_time_shared_by_coordinated_verbs(nlp):
    doc = nlp("The admiral shook hands and spoke briefly with his rival in Manila in June 2023.")
    assert time_for_predicate(_pred(doc, "shook"), TUE).value == "2023-06"
    doc = nlp("The envoys met in March 2023, and the ministers talked last month.")
    assert time_for_predicate(_pred(doc, "met"), TUE).value == "2023-03"
    assert time_for_predicate(_pred(doc, "talked"), TUE).value == "2024-03"


def test_month_of_a_relative_year():
    from datetime import date

    from sanderling.time import normalize

    assert normalize("in March last year", date(2025, 3, 10)).value == "2024-03"
    assert normalize("June of next year", date(2025, 3, 10), "future").value == "2026-06"
    assert normalize("May this year", date(2025, 8, 1)).value == "2025-05"


@pytest.mark.parametrize("text,published,value", [
    # background recalled against publication (class 3 of issue 12)
    ("in December", date(2025, 1, 5), "2024-12"),
    ("in late January", date(2025, 3, 12), "2025-01"),
    ("last year", date(2025, 1, 5), "2024"),
    ("in 2022", date(2025, 3, 12), "2022"),
    ("this past Tuesday", date(2025, 3, 13), "2025-03-11"),
])
def test_recalled_times(text, published, value):
    assert normalize(text, published, "future" if "past" in text else "past").value == value


def test_month_parts_carry_their_days():
    tv = normalize("in late January", date(2025, 3, 12))
    assert (tv.range_start, tv.range_end) == ("2025-01-21", "2025-01-31")
    tv = normalize("early February", date(2025, 3, 12))
    assert (tv.range_start, tv.range_end) == ("2025-02-01", "2025-02-10")


def test_this_past_weekday_in_a_sentence(nlp):
    got = _times(nlp, "Officials decided to move the detainees from the camp this past Tuesday.", date(2025, 3, 13))
    assert got == [("this past Tuesday", "2025-03-11", "date")]


def test_parts_of_a_year_are_spans_dated_by_their_middle():
    from sanderling.time.event import event_date
    pub = date(2021, 3, 1)
    tv = normalize("late last year", pub)
    assert (tv.value, tv.range_start, tv.range_end) == ("2020", "2020-11-01", "2020-12-31")
    assert event_date(tv, pub).value == "2020-12-01"
    tv = normalize("earlier this year", date(2024, 3, 14))
    assert (tv.range_start, tv.range_end) == ("2024-01-01", "2024-03-14")
    # a whole year, or a part too long to place, keeps the year
    assert event_date(normalize("last year", pub), pub).value == "2020"
    assert event_date(normalize("earlier this year", date(2024, 9, 14)), date(2024, 9, 14)).value == "2024"


def test_a_failed_attempt_to_do_something_is_past_not_future():
    from sanderling.nlp import load
    from sanderling.time.tense import tense_of
    doc = load()("An attempt to seize the port in May failed.")
    assert tense_of(doc[3]) == "past"  # "seize": the attempt's tense, not the infinitive's
    doc = load()("A plan to seize the port in May was drawn up.")
    assert tense_of(doc[3]) == "future"
