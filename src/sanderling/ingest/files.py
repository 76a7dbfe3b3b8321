"""What a path is before it is opened, and reading it within a size limit.

A reader never opens what could block or never end: FIFOs, sockets and devices (`/dev/zero`) are
named and skipped; archives are named and skipped (a `.warc.gz` is read); a file is read at most
`MAX_FILE_BYTES` (an article file larger than that is no article), a JSON line or a WARC record
at most `MAX_RECORD_BYTES`. The limits are module settings, so tests and odd corpora can move them.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import IngestError

MAX_FILE_BYTES = 64 * 1024 * 1024  # text, HTML and feed files are read whole
MAX_RECORD_BYTES = 16 * 1024 * 1024  # one JSON line, one WARC page, one article's text

ARCHIVE_SUFFIXES = (".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".zst", ".7z", ".rar", ".lz4")


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def is_archive(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(ARCHIVE_SUFFIXES) and not name.endswith(".warc.gz")


def check_path(path: Path) -> IngestError | None:
    """Why this path is not read (a one-line IngestError), or None when it is a regular file
    (or a folder) that may be opened. Never opens the path."""
    where = str(path)
    try:
        st = path.stat()  # follows links
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return IngestError(where, "symbolic link loop: skipped")
        if exc.errno == errno.ENOENT and path.is_symlink():
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return IngestError(where, f"dangling symbolic link (to {target}): skipped")
        if exc.errno == errno.ENOENT:
            return IngestError(where, "no such file or folder")
        if exc.errno in (errno.EACCES, errno.EPERM):
            return IngestError(where, "permission denied: skipped")
        return IngestError(where, f"cannot read: {exc.strerror or exc}")
    mode = st.st_mode
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        if stat.S_ISREG(mode) and is_archive(path):
            return IngestError(where, "an archive (not read): unpack it and give the files or folder")
        return None
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return IngestError(where, f"{kind}, not a file: skipped (save its content to a file)")


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes; an IngestError when it holds more than `limit` (read no further)."""
    limit = MAX_FILE_BYTES if limit is None else limit
    with open(path, "rb") as f:
        raw = f.read(limit + 1)
    if len(raw) > limit:
        raise IngestError(str(path), f"larger than the {size_text(limit)} limit of one article file: skipped "
                                     "(split it, or give it as JSON lines)")
    return raw
