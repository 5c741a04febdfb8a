"""A run's write session: one writer at a time, all-or-nothing, readers never blocked.

A run never opens the warehouse file for writing. It takes an exclusive lock
(``<db>.lock``), copies the warehouse to a private working file, writes there, and on
success checkpoints and atomically renames the working file over the warehouse. A crash or
kill at any point leaves the warehouse exactly as it was (the stale working file is removed
by the next run). Readers open the warehouse read-only; a reader that has it open keeps
reading the version it opened.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warehouse.connection import connect_writer
from wiretrace.errors import WarehouseBusyError

log = logging.getLogger(__name__)


@contextmanager
def write_session(db: Path, run_id: str, lock_timeout: float = 600.0) -> Iterator[Path]:
    """Yield the path of a working copy of ``db``; publish it over ``db`` if the block succeeds.

    The block may replace the working copy's file (maintenance swaps in a compacted one).
    """
    db = db.resolve()
    db.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(db, lock_timeout):
        remove_stale_working_copies(db)
        work = working_copy_path(db, run_id)
        try:
            if db.exists():
                shutil.copyfile(db, work)
            yield work
            _checkpoint(work)
            _fsync(work)
            os.replace(work, db)
            _fsync(db.parent)
        finally:
            _remove(work)
            _remove(work.with_name(work.name + ".wal"))
            _remove(work.with_name(work.name + ".tmp"))  # DuckDB's spill directory for the working copy


def working_copy_path(db: Path, run_id: str) -> Path:
    """Where the run ``run_id`` writes its private copy of ``db``."""
    return db.with_name(f"{db.name}.run-{run_id}.tmp")


@contextmanager
def _writer_lock(db: Path, timeout: float) -> Iterator[None]:
    lock_path = db.with_name(db.name + ".lock")
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusyError(
                        f"another wiretrace run is writing {db} (lock {lock_path}); try again later"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def remove_stale_working_copies(db: Path) -> list[Path]:
    """Delete what interrupted runs left beside ``db`` (working copies, their WAL and spill
    directories); return the removed paths. Call only while holding the writer lock."""
    removed = sorted(db.parent.glob(f"{db.name}.run-*.tmp*"))
    for stale in removed:
        log.warning("removing %s, left by an interrupted run", stale)
        _remove(stale)
    return removed


def _remove(path: Path) -> None:
    """Delete a file or a directory tree; absent is fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _checkpoint(work: Path) -> None:
    con = connect_writer(work)
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
