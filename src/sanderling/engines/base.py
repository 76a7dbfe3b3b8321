"""What every engine shares: one batch coded by one Coder, errors reported per article."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..schema import Article, CodedArticle


@dataclass
class BatchResult:
    coded: list[CodedArticle] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per article that failed
    size: int = 0  # articles that went in
    worker: tuple[int, float] | None = None  # (pid, peak MB) of the worker process that coded it


def _failure(article: Article, exc: BaseException) -> str:
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else "no detail"
    return f"{article.origin or article.id}: could not be coded ({type(exc).__name__}: {detail})"


def code_batch(coder, articles: list[Article]) -> BatchResult:
    """Code a batch in one nlp.pipe; if it fails, code it one article at a time so that one bad
    article never stops the others."""
    try:
        return BatchResult(list(coder.code(articles)), [], len(articles))
    except Exception as exc:
        if len(articles) == 1:
            return BatchResult([], [_failure(articles[0], exc)], 1)
    result = BatchResult(size=len(articles))
    for article in articles:
        try:
            result.coded.extend(coder.code([article]))
        except Exception as exc:  # report and go on
            result.errors.append(_failure(article, exc))
    return result


class InProcess:
    """The Coder in this process."""

    name = "local"
    workers = 1

    def __init__(self, coder=None):
        self.coder = coder

    def setup(self) -> "InProcess":
        if self.coder is None:
            from ..pipeline import Coder

            self.coder = Coder()
        self.coder.setup()
        return self

    def map(self, batches: Iterable[list[Article]]) -> Iterator[BatchResult]:
        for batch in batches:
            self.setup()  # at the first batch: a run whose every input failed loads no model
            yield code_batch(self.coder, batch)
