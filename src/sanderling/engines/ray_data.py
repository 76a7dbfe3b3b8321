"""Ray Data engine (optional extra: `pip install 'sanderling[ray]'`).

    articles ─► Parquet files (staged by the driver, with each article's place in the input)
             ─► map_batches(Coder actor pool, one Coder per actor; a task reads one file)
             ─► write_parquet shards ─► the driver reads the shards back in input order
             ─► the runner writes the store (its only writer)

Workers never open the store. A shard row is one coded article: `seq` (its place in the input),
`article_id`, `coded` (the pickled CodedArticle, or null) and `error` (why it failed, or null).
The shards are an intermediate of one sanderling version, not an exchange format.

Locally this starts a Ray instance with `workers` CPUs; with $RAY_ADDRESS set it joins that
cluster, and `work_dir` (or $SANDERLING_RAY_WORKDIR) must then be a folder every node can read and
write (a shared file system).
"""
from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..schema import Article
from .base import BatchResult, code_batch

ARTICLE_FIELDS = ("id", "text", "title", "url", "source_name", "published", "origin", "published_from")


class RayMissingError(RuntimeError):
    pass


def require_ray():
    try:
        import pyarrow  # noqa: F401
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise RayMissingError("--engine ray needs Ray Data: pip install 'sanderling[ray]' "
                              "(ray[data] and pyarrow)") from exc
    return ray


class CoderActor:
    """One per actor: sets up its Coder once, then codes Arrow batches of articles."""

    def __init__(self, coder=None, batch_size: int = 32):
        self.batch_size = batch_size
        if coder is None:
            from ..pipeline import Coder

            coder = Coder()
        self.coder = coder.setup()

    def __call__(self, files):
        """A batch of staged Parquet file paths in; a table of coded rows out."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables = []
        for path in files.column("path").to_pylist():
            rows = pq.read_table(path).to_pylist()
            for i in range(0, len(rows), self.batch_size):
                tables.append(self._code(rows[i: i + self.batch_size]))
        return pa.concat_tables(tables) if tables else _empty()

    def _code(self, rows: list[dict]):
        import pyarrow as pa

        articles = [Article(**{k: r[k] for k in ARTICLE_FIELDS}) for r in rows]
        result = code_batch(self.coder, articles)
        coded = {c.article.id: c for c in result.coded}
        errors = iter(result.errors)  # in the order of the articles that failed
        out = {"seq": [], "article_id": [], "coded": [], "error": []}
        for r, a in zip(rows, articles):
            c = coded.get(a.id)
            out["seq"].append(r["seq"])
            out["article_id"].append(a.id)
            out["coded"].append(pickle.dumps(c, protocol=pickle.HIGHEST_PROTOCOL) if c is not None else None)
            out["error"].append(None if c is not None else next(errors, f"{a.origin or a.id}: could not be coded"))
        return pa.table(out, schema=_schema())


def _session_dir(ray) -> str | None:
    """The folder of the local Ray session just started (Ray names it in no public API)."""
    try:
        return str(ray._private.worker.global_worker.node.get_session_dir_path())
    except Exception:  # another Ray version: the reaper has nothing to watch
        return None


def _schema():
    import pyarrow as pa

    return pa.schema([("seq", pa.int64()), ("article_id", pa.string()), ("coded", pa.binary()),
                      ("error", pa.string())])


def _empty():
    return _schema().empty_table()


class RayData:
    name = "ray"

    def __init__(self, workers: int | None = None, coder=None, batch_size: int = 32,
                 work_dir: str | Path | None = None, stage_rows: int | None = None, keep_work: bool = False,
                 progress: bool = False, shutdown: bool = True):
        self.ray = require_ray()
        self.workers = workers or len(os.sched_getaffinity(0))
        if coder is not None and getattr(coder, "nlp", None) is not None:
            from ..pipeline import Coder

            coder = Coder(batch_size=coder.batch_size, known_actors=coder.known_actors)  # each actor sets up its own
        self.coder = coder
        self.batch_size = batch_size
        self.work_dir = work_dir or os.environ.get("SANDERLING_RAY_WORKDIR")
        # One staged file is one block, the unit an actor takes: a few batches each, so that
        # every actor of the pool has work and a slow block holds up little.
        self.stage_rows = stage_rows or 4 * batch_size
        self.keep_work = keep_work
        self.progress = progress
        self.shutdown = shutdown  # shut down a local Ray this engine started, when the run ends
        self._session_dir: str | None = None  # the local Ray this engine started (see ray_reaper)
        self._reaper = None

    # -- driver side ------------------------------------------------------------------------------
    def _init_ray(self) -> bool:
        """Start (or join) Ray; True when this call started it (and so should shut it down)."""
        ray = self.ray
        if ray.is_initialized():
            return False
        address = os.environ.get("RAY_ADDRESS")
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            import logging

            # One CPU per actor, and one more for the light tasks that list, read and write Parquet:
            # with no CPU left for them, N one-CPU actors on N CPUs wait for input forever.
            ray.init(num_cpus=self.workers + 1, include_dashboard=False, log_to_driver=False,
                     logging_level=logging.ERROR,  # not its start-up notes
                     object_store_memory=256 * 1024 * 1024,
                     runtime_env={"env_vars": {"OMP_NUM_THREADS": "1"}})
            from . import ray_reaper

            self._session_dir = _session_dir(ray)
            self._reaper = ray_reaper.watch(self._session_dir)  # a killed run leaves no Ray agents
        return True

    def _shutdown_ray(self) -> None:
        from . import ray_reaper

        self.ray.shutdown()
        ray_reaper.kill_session(self._session_dir)  # agents Ray's shutdown leaves
        if self._reaper is not None:
            self._reaper.kill()
            self._reaper.wait()
        self._session_dir = self._reaper = None

    def _stage(self, batches: Iterable[list[Article]], folder: Path) -> int:
        """Write the articles to Parquet files of `stage_rows` rows; returns how many."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        folder.mkdir(parents=True, exist_ok=True)
        seq, part, buf = 0, 0, []

        def flush():
            nonlocal part, buf
            if buf:
                cols = {k: [getattr(a, k) for _, a in buf] for k in ARTICLE_FIELDS}
                cols["seq"] = [s for s, _ in buf]
                pq.write_table(pa.table(cols), folder / f"part-{part:06d}.parquet")
                part, buf = part + 1, []

        for batch in batches:
            for article in batch:
                buf.append((seq, article))
                seq += 1
            if len(buf) >= self.stage_rows:
                flush()
        flush()
        return seq

    def map(self, batches: Iterable[list[Article]]) -> Iterator[BatchResult]:
        work = Path(tempfile.mkdtemp(prefix="sanderling-ray-", dir=self.work_dir))
        try:
            staged, shards = work / "articles", work / "coded"
            staged_rows = self._stage(batches, staged)
            if staged_rows == 0:
                return
            self._run(staged, shards, staged_rows)
            yield from self._merge(shards)
        finally:
            if not self.keep_work:
                shutil.rmtree(work, ignore_errors=True)

    def _run(self, staged: Path, shards: Path, rows: int = 0) -> None:
        """Parquet articles -> actor pool of Coders -> Parquet shards."""
        started = self._init_ray()
        try:
            import ray.data

            ctx = ray.data.DataContext.get_current()
            ctx.enable_progress_bars = self.progress
            ctx.execution_options.preserve_order = True
            if not self.progress:
                import logging

                logging.getLogger("ray.data").setLevel(logging.ERROR)  # not "progress bars disabled"
            # One row per staged file, one file per task: Ray's own Parquet reader would pack
            # small files into one block and leave all actors but one idle.
            files = sorted(str(p) for p in staged.glob("*.parquet"))
            ds = ray.data.from_items([{"path": f} for f in files], override_num_blocks=len(files))
            ds = ds.map_batches(CoderActor, fn_constructor_args=(self.coder, self.batch_size),
                                batch_format="pyarrow", batch_size=1, num_cpus=1,
                                compute=ray.data.ActorPoolStrategy(size=self.workers))
            ds.write_parquet(str(shards))
        finally:
            if started and self.shutdown:
                self._shutdown_ray()

    def _merge(self, shards: Path) -> Iterator[BatchResult]:
        """The driver reads the shards back in input order, a batch at a time (DuckDB sorts out
        of core), for the runner to write to the store."""
        import duckdb

        con = duckdb.connect()
        try:
            cur = con.execute("SELECT coded, error FROM read_parquet(?) ORDER BY seq", [str(shards / "*.parquet")])
            while rows := cur.fetchmany(self.batch_size):
                result = BatchResult(size=len(rows))
                for coded, error in rows:
                    if coded is not None:
                        result.coded.append(pickle.loads(coded))
                    else:
                        result.errors.append(error)
                yield result
        finally:
            con.close()
