"""Engines: the same stage objects driven three ways.

Every engine takes an iterable of batches (lists of Articles) and yields one `BatchResult` per
batch, in input order, so the runner (the only store writer) sees the same stream whichever
engine coded it:

- `InProcess`: the Coder in this process (the default; what tests and `code_text` use).
- `Processes`: N worker processes, each with its own Coder set up once, fed a bounded window of
  batches (memory stays flat however long the input).
- `RayData` (optional extra `sanderling[ray]`): a Ray Data pipeline, Parquet in, an actor pool
  of Coders, Parquet shards out; the driver merges the shards in input order.

The stage object is `pipeline.Coder` (setup() loads every model once; code() parses a batch with
one nlp.pipe and runs each stage on the parsed docs). Parsing and coding stay in one stage group:
passing parsed Docs between actors would serialise them, which costs more than the coding.
"""
from __future__ import annotations

from .base import BatchResult, InProcess, code_batch

ENGINES = ("local", "ray")

__all__ = ["BatchResult", "InProcess", "code_batch", "make_engine", "ENGINES"]


def make_engine(engine: str | None = None, workers: int | None = None, coder=None, batch_size: int = 32,
                **options):
    """`local` with one worker codes in this process; with N > 1, in N worker processes.
    `ray` codes on Ray Data (a local instance, or the cluster at $RAY_ADDRESS)."""
    engine = (engine or "local").lower()
    if engine == "local":
        if not workers or workers <= 1:
            return InProcess(coder)
        from .processes import Processes

        return Processes(workers, coder=coder, **options)
    if engine == "ray":
        from .ray_data import RayData

        return RayData(workers=workers, coder=coder, batch_size=batch_size, **options)
    raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
