"""Progress of a coding run on stderr: on a terminal, a live line with the articles and events
coded, failures and the rate; elsewhere (a log, `2> file`, CI), one plain line every
`every` articles ($SANDERLING_PROGRESS_EVERY, default 100), so a long run shows it is alive."""
from __future__ import annotations

import os
import sys
import time

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

EVERY = 100


class RunProgress:
    def __init__(self, stream=None, every: int | None = None, live: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.every = every or int(os.environ.get("SANDERLING_PROGRESS_EVERY", EVERY) or EVERY)
        self.live = self.stream.isatty() if live is None else live
        self.articles = self.events = self.failed = 0
        self._next = self.every
        self._start = time.monotonic()
        self._bar = None

    def __enter__(self) -> "RunProgress":
        self._start = time.monotonic()
        if self.live:
            self._bar = Progress(SpinnerColumn(), TextColumn("coding: {task.fields[counts]}"), TimeElapsedColumn(),
                                 console=Console(file=self.stream), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("coding", total=None, counts=self._counts())
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
            self._bar = None

    def rate(self) -> float:
        return self.articles / max(time.monotonic() - self._start, 1e-9)

    def _counts(self) -> str:
        failed = f", {self.failed} failed" if self.failed else ""
        return (f"{self.articles} article(s), {self.events} event(s){failed}, "
                f"{self.rate():.1f} article(s)/s")

    def advance(self, articles: int, events: int = 0, failed: int = 0) -> None:
        self.articles += articles
        self.events += events
        self.failed += failed
        if self._bar is not None:
            self._bar.update(self._task, counts=self._counts())
        elif self.articles + self.failed >= self._next:
            while self._next <= self.articles + self.failed:
                self._next += self.every
            self.stream.write(f"coded {self._counts()}\n")
            self.stream.flush()
