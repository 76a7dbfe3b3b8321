"""Words of time: month and weekday names, seasons, number words, units, hedges."""
from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
FULL_MONTHS = {k for k in MONTHS if len(k) > 4 or k in ("may", "june", "july")}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3,
            "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
FULL_WEEKDAYS = {k for k in WEEKDAYS if k.endswith("day")}
# Northern-hemisphere meteorological seasons: (first month, last month), winter crosses the year.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "a dozen": 12,
    "dozen": 12, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "several": 3,
}
VAGUE_NUMBERS = {"a few", "few", "several", "a couple of", "couple of"}
UNITS = {"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
         "year": "Y", "years": "Y", "decade": "DEC", "decades": "DEC", "fortnight": "FN"}
APPROX = ("just under", "just over", "more than", "less than", "fewer than", "at least",
          "almost", "nearly", "about", "around", "some", "roughly", "approximately", "over",
          "under", "up to", "close to", "the better part of", "upwards of")
LEADING = ("on", "in", "at", "during", "by", "as of", "of", "for")

_NUM = r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
       r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|" \
       r"fifty|sixty|a dozen|dozen|a couple of|couple of|a few|few|several)"
_UNIT = r"(?:days?|weeks?|months?|years?|decades?|fortnight)"
_APPROX = "|".join(re.escape(a) for a in APPROX)
_DURATION_RE = re.compile(
    rf"^(?P<approx>{_APPROX})?\s*(?P<num>{_NUM})(?:\s+and\s+a\s+half)?[\s-]+(?P<unit>{_UNIT})"
    rf"(?P<half>\s+and\s+a\s+half)?(?P<ago>\s+ago|\s+earlier|\s+before)?$")
_PAST_N_RE = re.compile(
    rf"^(?:the\s+)?(?:past|last|previous|preceding|next|coming|following)\s+(?P<approx>{_APPROX})?\s*"
    rf"(?P<num>{_NUM})\s+(?P<unit>{_UNIT})$")
