"""Publication dates: full dates only; everything else is a clear error (issue 15, item 5)."""
from __future__ import annotations

import pytest

from sanderling.ingest.dates import normalise_published
from sanderling.ingest.errors import IngestError


@pytest.mark.parametrize("value, expected", [
    ("2031-04-16", "2031-04-16"), ("2031-04-16T22:10:00Z", "2031-04-16"), ("2031-04-16 20:28:39Z", "2031-04-16"),
    ("Tue, 15 Apr 2031 10:00:00 GMT", "2031-04-15"), ("16 April 2031", "2031-04-16"), ("April 16, 2031", "2031-04-16"),
    (None, None), ("", None)])
def test_full_dates_are_read(value, expected):
    assert normalise_published(value, "x") == expected


@pytest.mark.parametrize("value", ["2031", "2031-04", "2031-13-01", "2031-02-30", "1e10", "yesterday", "next friday",
                                   "03/04/2031", "0001-01-01", "9999-01-01"])
def test_anything_else_is_an_error_naming_the_value(value):
    with pytest.raises(IngestError) as exc:
        normalise_published(value, "--published")
    assert "--published" in str(exc.value) and repr(value) in str(exc.value) and "YYYY-MM-DD" in str(exc.value)
