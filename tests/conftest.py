from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def coder():
    from sanderling.pipeline import Coder

    return Coder().setup()


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp


@pytest.fixture
def code(coder):
    """Code one text written for the test; returns the output-contract dict."""
    from sanderling.schema import Article

    def run(text: str, published: str = "2025-03-10") -> dict:
        return next(coder.code([Article(text=text, published=published)])).to_dict()

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seed" / "article.txt").exists():
        pytest.skip("../shared is not here")
    return SHARED


@pytest.fixture(scope="module")
def extractor():
    """The statement extractor, set up once per test module."""
    from sanderling.statements import StatementExtractor

    return StatementExtractor().setup()
