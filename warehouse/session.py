"""A run's write session: one writer at a time, all-or-nothing, readers never blocked, old versions kept.

A run never opens the warehouse file for writing. It takes an exclusive lock
(``<db>.lock``), copies the warehouse to a private working file, writes there, and on
success checkpoints and publishes the working file. A crash or kill at any point leaves the
warehouse exactly as it was (the stale working file is removed by the next run). Readers open
the warehouse read-only; a reader that has it open keeps reading the version it opened.

Publishing keeps the replaced file as a version (:mod:`warehouse.versions`) in two steps, each
atomic: (1) hard-link the current warehouse to ``<db>.v/<replaced at>-<last run>.duckdb``,
(2) rename the working copy over ``<db>``. ``<db>`` is never missing. A crash between (1) and (2)
leaves the warehouse unchanged plus a second name for it in ``<db>.v``, which the next write
session (a run, ``wiretrace maintain``, a restore) removes. After (2) the versions beyond the
newest ``keep`` are deleted.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from warehouse.connection import connect_writer
from warehouse.migrate import refuse_newer_warehouse
from warehouse.versions import (
    PARTIAL_SUFFIX,
    keep_versions,
    kept_versions,
    last_run_id,
    same_file,
    version_path,
    versions_dir,
)
from wiretrace.errors import VersionNotFoundError, WarehouseBusyError

log = logging.getLogger(__name__)


@contextmanager
def write_session(
    db: Path,
    run_id: str,
    lock_timeout: float = 600.0,
    *,
    keep: int | None = None,
    restore_from: Path | None = None,
) -> Iterator[Path]:
    """Yield the path of a working copy of ``db``; publish it over ``db`` if the block succeeds.

    The block may replace the working copy's file (maintenance swaps in a compacted one).
    ``keep`` replaced versions are kept (default: ``$WIRETRACE_KEEP_VERSIONS``, else 3).
    With ``restore_from`` (a kept version) the working copy starts from that file instead of
    ``db``. Before anything changes, a warehouse migrated by newer code is refused
    (:class:`~wiretrace.errors.WarehouseTooNewError`): ``db`` itself, or for a restore the
    version restored (a restore may replace a newer warehouse, which is then kept).
    """
    db = db.resolve()
    keep = keep_versions() if keep is None else keep
    if keep < 0:
        raise ValueError(f"keep must be 0 or more versions, not {keep}")
    source = db if restore_from is None else restore_from.resolve()
    refuse_newer_warehouse(source)  # fail fast, before waiting for the lock
    db.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(db, lock_timeout):
        if restore_from is not None and not source.is_file():
            raise VersionNotFoundError(f"kept version {source} of {db} is gone (deleted by a later publish?)")
        refuse_newer_warehouse(source)  # again: a newer run may have migrated it while we waited
        remove_stale_working_copies(db)
        repair_versions(db)
        replaced_run = last_run_id(db) if keep and db.exists() else "unknown"
        work = working_copy_path(db, run_id)
        try:
            if source.exists():
                shutil.copyfile(source, work)
            yield work
            _checkpoint(work)
            _fsync(work)
            _publish(work, db, replaced_run, keep)
        finally:
            _remove(work)
            _remove(work.with_name(work.name + ".wal"))
            _remove(work.with_name(work.name + ".tmp"))  # DuckDB's spill directory for the working copy
        prune_versions(db, keep)


def _publish(work: Path, db: Path, replaced_run: str, keep: int) -> None:
    """Keep the current ``db`` as a version (if ``keep``), then rename ``work`` over it; ``db`` never goes missing."""
    if keep and db.exists():
        kept = version_path(db, datetime.now(UTC), replaced_run)
        kept.parent.mkdir(exist_ok=True)
        _link_or_copy(db, kept)
        _fsync(kept.parent)  # the version's name is on disk before the warehouse changes
    os.replace(work, db)
    _fsync(db.parent)


def _link_or_copy(db: Path, kept: Path) -> None:
    """Give the current warehouse file the second name ``kept`` (a hard link: no copy, no extra disk).

    Where hard links are not supported, copy it to a partial file first and rename it in (atomic too).
    """
    try:
        os.link(db, kept)
    except FileExistsError:
        raise  # never overwrite a kept version
    except OSError as err:
        log.warning("cannot hard-link %s to %s (%s): keeping a copy instead", db, kept, err)
        partial = kept.with_name(kept.name + PARTIAL_SUFFIX)
        shutil.copyfile(db, partial)
        _fsync(partial)
        os.replace(partial, kept)


def repair_versions(db: Path) -> list[Path]:
    """Remove what an interrupted publish left in ``<db>.v``: a second name of the current warehouse
    (a crash between the link and the rename) and partial copies; return the removed paths.
    Call only while holding the writer lock."""
    folder = versions_dir(db)
    if not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(PARTIAL_SUFFIX) or (db.exists() and same_file(path, db)):
            log.warning("removing %s, left by an interrupted publish", path)
            _remove(path)
            removed.append(path)
    return removed


def prune_versions(db: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` versions of ``db``; return the deleted paths (under the writer lock)."""
    removed = [v.path for v in kept_versions(db)[keep:]]
    for path in removed:
        _remove(path)
    if removed:
        _fsync(versions_dir(db))
    return removed


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
