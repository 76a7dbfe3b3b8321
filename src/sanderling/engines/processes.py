"""Local multi-process engine: N worker processes, each sets up its own Coder once.

Batches go out through a bounded window (at most `window` in flight) and come back in input
order, so neither the input nor the results accumulate: memory is flat however long the run.
Workers never touch the store; the runner in the parent process writes each result.

Workers die with their parent: on Linux the kernel kills a worker when the parent dies
(PR_SET_PDEATHSIG), and on any system a watchdog thread ends it once its parent is gone, so a
killed run leaves no 600 MB orphans. A worker's stdout is /dev/null (it never prints): it holds
no pipe of the caller's output (`sanderling code ... --workers 2 | tee log` ends with the run).
A worker that dies mid-run ends the run with `WorkerDied` (one line, and the runner's caller
says how to resume), not a BrokenProcessPool traceback.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..schema import Article
from .base import BatchResult, code_batch
from .worker_life import start_worker, stop_pool

_CODER = None


class WorkerDied(RuntimeError):
    """A worker process died (killed, or out of memory) while coding."""


def _init_worker(coder, parent: int | None = None) -> None:
    global _CODER
    start_worker(parent)
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

    def close(self, now: bool = False) -> None:
        """Stop the workers: after their current batch, or (`now`) at once."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        stop_pool(pool, now)

    def _done(self, result: BatchResult) -> BatchResult:
        if result.worker:
            pid, peak = result.worker
            self.worker_peak_mb[pid] = max(peak, self.worker_peak_mb.get(pid, 0.0))
        return result

    def _result(self, batch: list[Article], future) -> BatchResult:
        """A batch's result; a batch whose result cannot come back (it does not pickle, the worker
        raised outside code_batch) is an error line for each of its articles, not the run's end."""
        try:
            return self._done(future.result())
        except BrokenProcessPool:
            raise
        except Exception as exc:
            detail = (str(exc).strip().splitlines() or ["no detail"])[0][:200]
            return BatchResult([], [f"{a.origin or a.id}: could not be coded in a worker ({type(exc).__name__}: "
                                    f"{detail})" for a in batch], len(batch))

    def map(self, batches: Iterable[list[Article]]) -> Iterator[BatchResult]:
        import os

        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=mp.get_context(self.start_method),
                                             initializer=_init_worker, initargs=(self.coder, os.getpid()))
        pool = self._pool
        pending: deque = deque()
        finished = False
        try:
            try:
                for batch in batches:
                    pending.append((batch, pool.submit(_work, batch)))
                    if len(pending) >= self.window:
                        yield self._result(*pending.popleft())
                while pending:
                    yield self._result(*pending.popleft())
                finished = True
            except BrokenProcessPool:
                raise WorkerDied("a worker process died (killed, or out of memory) while coding; "
                                 "the batches before it are kept") from None
        finally:
            for _, f in pending:
                f.cancel()
            if not finished:
                self.close(now=True)  # an error, a closed output, Ctrl-C: stop the workers now
            elif not self.keep_alive:
                self.close()
