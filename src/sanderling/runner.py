"""The in-process runner: inputs -> batches -> Coder -> store, with errors reported per input.

One bad article never stops the batch: a batch that fails to code is coded again one article at
a time, and the article that fails is reported and skipped.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .ingest import IngestError, read_inputs
from .pipeline import Coder
from .schema import Article, CodedArticle


@dataclass
class RunResult:
    coded: list[CodedArticle] = field(default_factory=list)
    failed: int = 0


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def code_articles(coder: Coder, articles: list[Article], on_error: Callable[[str], None]) -> tuple[list[CodedArticle], int]:
    try:
        return list(coder.code(articles)), 0
    except Exception:
        if len(articles) == 1:
            raise
    coded, failed = [], 0
    for article in articles:
        try:
            coded.extend(coder.code([article]))
        except Exception as exc:  # report and go on: one article never stops a batch
            failed += 1
            on_error(f"{article.origin or article.id}: could not be coded ({type(exc).__name__}: {exc})")
    return coded, failed


def code_inputs(inputs: list[Path], published: str | None = None, source_name: str | None = None,
                store=None, batch_size: int = 32, coder: Coder | None = None,
                on_error: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
                keep: bool = True) -> RunResult:
    coder = (coder or Coder()).setup()
    result = RunResult()
    progress = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        transient=True, disable=not sys.stderr.isatty())
    with progress:
        task = progress.add_task("coding", total=None)
        for batch in _batches(read_inputs(inputs, published, source_name), batch_size):
            articles = []
            for item in batch:
                if isinstance(item, IngestError):
                    result.failed += 1
                    on_error(str(item))
                else:
                    articles.append(item)
            if not articles:
                continue
            if store is not None:
                # Memory across articles: people named in earlier articles, loaded at the edge.
                coder.known_actors = store.known_actors()
            coded, failed = code_articles(coder, articles, on_error)
            result.failed += failed
            if store is not None:
                store.write(coded)
            if keep:
                result.coded.extend(coded)
            progress.advance(task, len(batch))
    return result
