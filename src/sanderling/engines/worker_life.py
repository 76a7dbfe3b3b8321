"""What every worker process does first: die with its parent, leave Ctrl-C to it, hold no pipe.

Shared by the coding workers (`processes.py`) and the parser processes of `classify`
(`parallel_parse.py`), so a killed run leaves no orphans holding hundreds of MB, and
`sanderling ... | tee log` ends when the parent does.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time


def die_with_parent(parent: int) -> None:
    """End this process when `parent` dies: the kernel's PR_SET_PDEATHSIG on Linux, and on any
    system a watchdog thread that polls the parent's pid."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="sanderling-parent-watch", daemon=True).start()


def start_worker(parent: int | None) -> None:
    """Set up a worker process: tied to `parent`, SIGINT ignored (Ctrl-C reaches the whole
    process group; the parent handles it and stops the workers, so the run ends as
    "interrupted ... --resume", not as a worker that died), stdout on /dev/null (a worker never
    prints: it holds no pipe of the caller's stdout), one thread per library (N workers on N
    cores, not N times the threads fighting over them)."""
    if parent is not None:
        die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def stop_pool(pool, now: bool) -> None:
    """Shut a ProcessPoolExecutor down: after its current work, or (`now`) killing its workers
    first (an error, a closed output, Ctrl-C: nothing of theirs is wanted any more)."""
    if now:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                proc.kill()
            except (OSError, ValueError):
                pass
    pool.shutdown(wait=not now, cancel_futures=True)
