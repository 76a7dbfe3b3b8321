"""Parse a long stream of texts in N worker processes, docs back in input order.

Why not `nlp.pipe(n_process=N)`: spaCy forks its workers from the parent, and a parent that has
started threads (onnxruntime's pool for the MiniLM, a BLAS pool) can fork a child that waits
forever on a lock no thread will release; and when one of its children dies, spaCy's parent
waits on that child's pipe forever. Here the workers are spawned (a fresh interpreter that loads
the model itself), tied to the parent (`engines.worker_life`), fed a bounded window of chunks,
and every chunk's result is awaited with a timeout: a worker that dies or hangs ends the pool
with `ParserPoolFailed`, and the caller parses the rest in its own process.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from spacy.tokens import Doc

from .engines.worker_life import stop_pool

_NLP = None


class ParserPoolFailed(RuntimeError):
    """A parser process died, hung past the timeout, or could not start."""


def _init(exclude: tuple[str, ...], parent: int) -> None:
    global _NLP
    from .engines.worker_life import start_worker
    from .nlp import load

    start_worker(parent)
    _NLP = load(exclude)


def _parse(texts: list[str]) -> list[bytes]:
    return [doc.to_bytes() for doc in _NLP.pipe(texts, batch_size=64)]


def parse_in_processes(texts: Iterable[str], vocab, exclude: tuple[str, ...], n_process: int,
                       chunk: int = 64, timeout_s: float = 600.0) -> Iterator:
    """Docs (built on `vocab`, the parent's pipeline's) for `texts`, in order, parsed by
    `n_process` spawned workers that each load `nlp.load(exclude)`. `timeout_s` bounds the wait
    for one chunk (the workers' start, a model load, included). Raises ParserPoolFailed; the
    docs yielded before it are good."""
    pool = ProcessPoolExecutor(n_process, mp_context=mp.get_context("spawn"), initializer=_init,
                               initargs=(tuple(exclude), os.getpid()))
    pending: deque = deque()
    clean = False
    try:
        for part in _chunks(texts, chunk):
            pending.append(pool.submit(_parse, part))
            if len(pending) >= 2 * n_process:
                yield from _docs(pending.popleft(), vocab, timeout_s)
        while pending:
            yield from _docs(pending.popleft(), vocab, timeout_s)
        clean = True
    finally:
        for f in pending:
            f.cancel()
        stop_pool(pool, now=not clean)  # a failure, or the caller stopped reading: at once


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while part := list(itertools.islice(it, size)):
        yield part


def _docs(future, vocab, timeout_s: float) -> Iterator:
    try:
        parsed = future.result(timeout=timeout_s)
    except FutureTimeout:
        raise ParserPoolFailed(f"a parser process gave nothing back in {timeout_s:.0f} s") from None
    except Exception as exc:  # BrokenProcessPool (a worker died), a model that failed to load
        raise ParserPoolFailed(f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}") from None
    for data in parsed:
        yield Doc(vocab).from_bytes(data)
