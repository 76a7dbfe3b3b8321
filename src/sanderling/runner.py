"""The runner: inputs -> batches -> engine (Coder) -> store, with errors reported per input.

One bad article never stops the batch: a batch that fails to code is coded again one article at
a time, and the article that fails is reported and skipped. The runner is the store's only
writer, whichever engine codes (this process, worker processes, Ray): each batch is written in
one transaction as it comes back, and nothing is kept unless `keep=True`, so memory stays flat
however long the input.

Resume: with `skip_coded=True`, articles whose content hash (Article.id) is already in the
store's `articles` table are skipped, so a run that was interrupted and is started again
finishes the rest; the store it leaves is the same as one uninterrupted run's.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .engines import InProcess, code_batch, make_engine
from .ingest import IngestError, read_inputs
from .pipeline import Coder
from .progress import RunProgress
from .schema import Article, CodedArticle


@dataclass
class RunResult:
    coded: list[CodedArticle] = field(default_factory=list)  # only with keep=True
    failed: int = 0
    n_coded: int = 0
    n_events: int = 0
    skipped: int = 0  # already in the store (skip_coded=True)
    undated: int = 0  # coded with no publication date: their events have no date
    dated_by_dateline: int = 0  # coded with the date of their dateline (no date given)
    first_dateline_dated: tuple | None = None  # (origin, date, how) of the first of them, for the note
    engine: object = None  # the engine that coded (its figures: workers, worker_peak_mb, ...)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def code_articles(coder: Coder, articles: list[Article], on_error: Callable[[str], None]) -> tuple[list[CodedArticle], int]:
    result = code_batch(coder, articles)
    for message in result.errors:
        on_error(message)
    return result.coded, len(result.errors)


def pending_batches(items: Iterable[Article | IngestError], size: int, result: RunResult,
                    on_error: Callable[[str], None], store=None) -> Iterator[list[Article]]:
    """Batches of articles still to code: ingest errors are reported as they come; with a store,
    articles it already holds are skipped (looked up a batch at a time, so memory stays flat)."""
    batch: list[Article] = []

    def ready(batch):
        if store is None:
            return batch
        known = store.coded_ids([a.id for a in batch])
        result.skipped += sum(a.id in known for a in batch)
        return [a for a in batch if a.id not in known]

    for item in items:
        if isinstance(item, IngestError):
            result.failed += 1
            on_error(str(item))
            continue
        batch.append(item)
        if len(batch) >= size:
            if todo := ready(batch):
                yield todo
            batch = []
    if batch and (todo := ready(batch)):
        yield todo


def code_inputs(inputs: list[Path], published: str | None = None, source_name: str | None = None,
                store=None, batch_size: int = 32, coder: Coder | None = None,
                on_error: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
                keep: bool = True, engine: str | None = None, workers: int | None = None,
                skip_coded: bool = False, on_coded: Callable[[list[CodedArticle]], None] | None = None,
                engine_options: dict | None = None) -> RunResult:
    """Code the inputs and write each batch to `store` (when given) as it comes back.

    engine: "local" (default; in this process, or `workers` processes when workers > 1), "ray",
    or an engine object (see `engines.make_engine`). on_coded: called with each coded batch, in input order (e.g. to stream output)."""
    if store is not None and coder is None:
        # People earlier runs stored: a later article's bare surname resolves to them.
        coder = Coder(batch_size=batch_size, known_actors=store.known_actors())
    if engine is not None and not isinstance(engine, str):
        runner = engine  # an engine object, e.g. one that keeps its workers between runs
    elif (engine or "local") == "local" and not (workers and workers > 1):
        runner = InProcess(coder)
    else:
        runner = make_engine(engine, workers, coder=coder, batch_size=batch_size, **(engine_options or {}))
    result = RunResult()
    progress = RunProgress()  # counts and rate: live on a terminal, a line per 100 articles elsewhere
    items = read_inputs(inputs, published, source_name)
    batches = pending_batches(items, batch_size, result, on_error, store if skip_coded else None)
    with progress:
        for done in runner.map(batches):
            for message in done.errors:
                on_error(message)
            result.failed += len(done.errors)
            if store is not None and done.coded:
                store.write(done.coded)
            result.n_coded += len(done.coded)
            result.n_events += sum(len(c.events) for c in done.coded)
            result.undated += sum(1 for c in done.coded if not c.article.published)
            for c in done.coded:
                if c.article.published_from:
                    result.dated_by_dateline += 1
                    result.first_dateline_dated = result.first_dateline_dated or (
                        c.article.origin, c.article.published, c.article.published_from)
            if on_coded is not None and done.coded:
                on_coded(done.coded)
            if keep:
                result.coded.extend(done.coded)
            progress.advance(len(done.coded), sum(len(c.events) for c in done.coded), len(done.errors))
    result.engine = runner
    return result
