"""The processes of a local Ray instance die with the run that started it.

Ray ties its workers to its raylet, and the raylet and GCS die with the driver; but a few of its
agents (DashboardAgent, RuntimeEnvAgent, ~100 MB each) outlive a driver that was killed, and a
run that never ends cleanly leaves them behind for good. A Ray started by `ray.init()` has no
option for that, so `watch(session_dir)` starts this module as a small process of its own: it
waits for its parent (the driver) to end, then kills every process still using the session's
folder (its command line or an open file under it). A Ray joined at $RAY_ADDRESS is not ours and
is never watched.

    python -m sanderling.engines.ray_reaper PARENT_PID SESSION_DIR
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time


def session_processes(session_dir: str) -> list[int]:
    """Pids (not this one) whose command line or open files name `session_dir` (Linux /proc)."""
    found = []
    marker = session_dir.rstrip("/")
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if marker.encode() in f.read():
                    found.append(int(entry))
                    continue
            for fd in os.listdir(f"/proc/{entry}/fd"):
                if os.readlink(f"/proc/{entry}/fd/{fd}").startswith(marker + "/"):
                    found.append(int(entry))
                    break
        except OSError:  # gone, or not ours to read
            continue
    return found


def kill_session(session_dir: str) -> int:
    """Kill what is left of a Ray session; returns how many processes were killed."""
    if not sys.platform.startswith("linux") or not session_dir:
        return 0
    killed = 0
    for pid in session_processes(session_dir):
        try:
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except OSError:
            pass
    return killed


def watch(session_dir: str) -> subprocess.Popen | None:
    """Start the reaper of `session_dir` for this process; None where /proc is not there."""
    if not sys.platform.startswith("linux") or not session_dir:
        return None
    return subprocess.Popen([sys.executable, "-m", "sanderling.engines.ray_reaper", str(os.getpid()), session_dir],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # Ctrl-C is the driver's; the reaper waits it out


def main(argv: list[str]) -> int:
    parent, session_dir = int(argv[0]), argv[1]
    while os.getppid() == parent:
        time.sleep(0.5)
    time.sleep(1.0)  # let Ray's own shutdown go first
    kill_session(session_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
