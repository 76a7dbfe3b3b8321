"""Local multi-process engine: N worker processes, each sets up its own Coder once.

Batches go out through a bounded window (at most `window` in flight) and come back in input
order, so neither the input nor the results accumulate: memory is flat however long the run.
Workers never touch the store; the runner in the parent process writes each result.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from ..schema import Article
from .base import BatchResult, code_batch

_CODER = None


def _init_worker(coder) -> None:
    global _CODER
    import os

    # spaCy/numpy already parallelise nothing useful here; one thread per worker process keeps
    # N workers on N cores instead of N * threads fighting over them.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if coder is None:
        from ..pipeline import Coder

        coder = Coder()
    _CODER = coder.setup()


def _work(batch: list[Article]) -> BatchResult:
    import os
    import resource

    result = code_batch(_CODER, batch)
    result.worker = (os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


class Processes:
    name = "local"

    def __init__(self, workers: int, coder=None, window: int | None = None, start_method: str = "spawn",
                 keep_alive: bool = False):
        self.workers = workers
        # A Coder that is not set up pickles cheaply (its models load in each worker); one that
        # is set up is not sent: each worker makes its own with the same batch size.
        if coder is not None and getattr(coder, "nlp", None) is not None:
            from ..pipeline import Coder

            coder = Coder(batch_size=coder.batch_size, known_actors=coder.known_actors)
        self.coder = coder
        self.window = window or 2 * workers
        self.start_method = start_method
        self.worker_peak_mb: dict[int, float] = {}  # pid -> peak resident memory (MB)
        self.keep_alive = keep_alive  # keep the workers (and their models) for the next map()
        self._pool: ProcessPoolExecutor | None = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def _done(self, result: BatchResult) -> BatchResult:
        if result.worker:
            pid, peak = result.worker
            self.worker_peak_mb[pid] = max(peak, self.worker_peak_mb.get(pid, 0.0))
        return result

    def map(self, batches: Iterable[list[Article]]) -> Iterator[BatchResult]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=mp.get_context(self.start_method),
                                             initializer=_init_worker, initargs=(self.coder,))
        pool = self._pool
        pending: deque = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(_work, batch))
                if len(pending) >= self.window:
                    yield self._done(pending.popleft().result())
            while pending:
                yield self._done(pending.popleft().result())
        finally:
            for f in pending:
                f.cancel()
            if not self.keep_alive:
                self.close()
