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
newest ``keep`` are deleted. Only the hot part is copied: frozen parts (:mod:`warehouse.parts`)
are never written once listed, and the next session deletes those neither ``<db>`` nor a kept
version lists.

Writers wait in line (numbered tickets in ``<db>.lock.d/``), first come, first served; the
holder signs ``<db>.lock`` (run id, pid, host, flow-run id, start time) and erases it on
release, so the next holder knows a run that died holding it. Runs found dead (signed lock,
dead waiter's ticket, or left working copy) are kept as crash records in ``<db>.lock.d/``
until a flow records them (:func:`pending_crashes`).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from warehouse.connection import connect_writer
from warehouse.durable import fsync
from warehouse.migrate import refuse_newer_warehouse
from warehouse.parts import remove_unlisted_parts
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
    flow_run_id: str | None = None,
    flow: str | None = None,
    notify: Callable[[str], None] | None = None,
) -> Iterator[Path]:
    """Yield the path of a working copy of ``db``; publish it over ``db`` if the block succeeds.

    The block may replace the working copy's file (maintenance swaps in a compacted one).
    ``keep`` replaced versions are kept (default: ``$WIRETRACE_KEEP_VERSIONS``, else 3).
    With ``restore_from`` (a kept version) the working copy starts from that file instead of
    ``db``. Before anything changes, a warehouse migrated by newer code is refused
    (:class:`~wiretrace.errors.WarehouseTooNewError`): ``db`` itself, or for a restore the
    version restored (a restore may replace a newer warehouse, which is then kept).
    ``flow_run_id`` and ``flow`` are recorded with the lock (see :func:`_writer_lock`) so that
    a later writer can record this run as crashed if it dies; ``notify`` hears about waits.
    Runs that died before (holding or waiting for the lock, or leaving a working copy) are
    then in :func:`pending_crashes`.
    """
    db = db.resolve()
    keep = keep_versions() if keep is None else keep
    if keep < 0:
        raise ValueError(f"keep must be 0 or more versions, not {keep}")
    source = db if restore_from is None else restore_from.resolve()
    refuse_newer_warehouse(source)  # fail fast, before waiting for the lock
    db.parent.mkdir(parents=True, exist_ok=True)
    me = Holder.of_this_process(run_id, flow_run_id, flow)
    with _writer_lock(db, lock_timeout, me, notify):
        if restore_from is not None and not source.is_file():
            raise VersionNotFoundError(f"kept version {source} of {db} is gone (deleted by a later publish?)")
        refuse_newer_warehouse(source)  # again: a newer run may have migrated it while we waited
        remove_stale_working_copies(db)
        repair_versions(db)
        remove_unlisted_parts(db, [db, *(v.path for v in kept_versions(db))])
        replaced_run = last_run_id(db) if keep and db.exists() else "unknown"
        work = working_copy_path(db, run_id)
        try:
            if source.exists():
                shutil.copyfile(source, work)
            yield work
            _checkpoint(work)
            fsync(work)
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
        fsync(kept.parent)  # the version's name is on disk before the warehouse changes
    os.replace(work, db)
    fsync(db.parent)


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
        fsync(partial)
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
        fsync(versions_dir(db))
    return removed


def working_copy_path(db: Path, run_id: str) -> Path:
    """Where the run ``run_id`` writes its private copy of ``db``."""
    return db.with_name(f"{db.name}.run-{run_id}.tmp")


#: How often a run waiting for the writer lock says again who holds it, in seconds.
WAIT_NOTICE_SECONDS = 30.0
#: A waiter refreshes its ticket this often; a ticket not refreshed for STALE_TICKET_SECONDS is
#: abandoned (its process is gone, on whatever host), whatever its pid says.
HEARTBEAT_SECONDS = 5.0
STALE_TICKET_SECONDS = 60.0
_POLL_SECONDS = 0.2
_RUN_ID_IN_COPY = re.compile(r"\.run-(.+?)\.tmp")


@dataclass(frozen=True)
class Holder:
    """Who holds (or waits for) the writer lock: written to ``<db>.lock`` and to queue tickets."""

    run_id: str
    pid: int
    host: str
    started_at: str  # ISO 8601, UTC: when the run asked for the lock
    flow_run_id: str | None = None
    flow: str | None = None
    proc_start: int | None = None  # the process's start time in clock ticks (Linux), to tell a reused pid

    @classmethod
    def of_this_process(cls, run_id: str, flow_run_id: str | None, flow: str | None) -> Holder:
        pid = os.getpid()
        return cls(
            run_id, pid, socket.gethostname(), datetime.now(UTC).isoformat(), flow_run_id, flow, _process_start(pid)
        )

    def describe(self) -> str:
        flow_run = f", flow run {self.flow_run_id}" if self.flow_run_id else ""
        return f"run {self.run_id} (pid {self.pid} on {self.host}{flow_run}) since {self.started_at}"


@dataclass(frozen=True)
class Crash:
    """A run that died holding or waiting for the writer lock, found by a later writer.

    Kept as ``<db>.lock.d/crashed-<run_id>.json`` until it is recorded in the warehouse and its
    Prefect flow run is marked Crashed (:func:`pending_crashes`, :func:`clear_crash`).
    """

    run_id: str
    started_at: str | None
    error: str
    flow_run_id: str | None = None
    flow: str | None = None
    found_at: str | None = None


def queue_dir(db: Path) -> Path:
    """The folder of the writer lock's queue tickets and crash records: ``<db>.lock.d``."""
    return db.with_name(db.name + ".lock.d")


@contextmanager
def _writer_lock(
    db: Path, timeout: float, me: Holder | None = None, notify: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold ``<db>.lock`` exclusively; waiters are served first come, first served.

    A waiter takes a numbered ticket in ``<db>.lock.d/`` and tries the lock only when no live
    ticket precedes it. A ticket is dead when its process is gone (same host: by pid and process
    start time) or it has not been refreshed for ``STALE_TICKET_SECONDS``; dead tickets are removed
    (and the run recorded as a crash), so a killed waiter never blocks the others. While waiting,
    ``notify`` (default: this module's logger) hears who holds the lock, then again every
    ``WAIT_NOTICE_SECONDS``. The holder's :class:`Holder` is written into ``<db>.lock`` and
    erased on release: a record found there by the next holder is a run that died holding it.
    """
    lock_path = db.with_name(db.name + ".lock")
    me = me or Holder.of_this_process("unknown", None, None)
    say = notify or log.warning
    with open(lock_path, "a+") as handle:
        ticket = _take_ticket(db, me)
        try:
            _wait_for_turn(db, handle, ticket, me, timeout, say)
        finally:
            ticket.unlink(missing_ok=True)
        interrupted = False
        try:
            previous = _read_holder(lock_path)
            if previous is not None:
                reason = f"process {previous.pid} on {previous.host} was killed or interrupted holding the writer lock"
                _save_crash(db, previous, reason)
            _write_holder(handle, me)
            yield
        except Exception:
            raise  # a failure the caller handles (and records)
        except BaseException:
            interrupted = True  # Ctrl-C, SystemExit, cancellation: the next writer records the run as crashed
            raise
        finally:
            if not interrupted:
                handle.seek(0)
                handle.truncate()
                handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _wait_for_turn(
    db: Path, handle: TextIO, ticket: Path, me: Holder, timeout: float, say: Callable[[str], None]
) -> None:
    lock_path = db.with_name(db.name + ".lock")
    start = time.monotonic()
    deadline = start + timeout
    next_notice = start + 1.0  # a wait under a second is not worth a word
    next_heartbeat = start + HEARTBEAT_SECONDS
    while True:
        ahead = _live_tickets_before(db, ticket)
        if not ahead:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
        now = time.monotonic()
        if now >= deadline:
            raise WarehouseBusyError(
                f"another wiretrace run is writing {db}: {_holder_text(lock_path)}; gave up after {timeout:g} s "
                f"(lock {lock_path}); try again later"
            )
        if now >= next_notice:
            queue = f"; {len(ahead)} run(s) ahead in the queue" if ahead else ""
            say(
                f"run {me.run_id} waiting {now - start:.0f} s for the writer lock of {db}: "
                f"held by {_holder_text(lock_path)}{queue}"
            )
            next_notice = now + WAIT_NOTICE_SECONDS
        if now >= next_heartbeat:
            os.utime(ticket)
            next_heartbeat = now + HEARTBEAT_SECONDS
        time.sleep(_POLL_SECONDS)


def _take_ticket(db: Path, me: Holder) -> Path:
    """A ticket numbered after every earlier one (a counter under its own short lock)."""
    folder = queue_dir(db)
    folder.mkdir(exist_ok=True)
    with open(folder / "seq", "a+") as counter:
        fcntl.flock(counter.fileno(), fcntl.LOCK_EX)
        counter.seek(0)
        text = counter.read().strip()
        number = int(text) + 1 if text.isdigit() else 1
        counter.seek(0)
        counter.truncate()
        counter.write(str(number))
        counter.flush()
        ticket = folder / f"ticket-{number:012d}.json"
        _write_json(ticket, asdict(me))
    return ticket


def _live_tickets_before(db: Path, ticket: Path) -> list[Holder]:
    """Holders of the live tickets older than ``ticket``; dead ones are removed and recorded as crashes."""
    live = []
    for other in sorted(queue_dir(db).glob("ticket-*.json")):
        if other.name >= ticket.name:
            break
        try:
            holder = Holder(**json.loads(other.read_text()))
            age = time.time() - other.stat().st_mtime
        except (OSError, ValueError, TypeError):
            continue  # being written or just removed: looked at again on the next round
        local = holder.host == socket.gethostname()
        if age > STALE_TICKET_SECONDS or (local and not _alive(holder.pid, holder.proc_start)):
            _save_crash(db, holder, f"process {holder.pid} on {holder.host} died waiting for the writer lock")
            other.unlink(missing_ok=True)
            continue
        live.append(holder)
    return live


def _holder_text(lock_path: Path) -> str:
    holder = _read_holder(lock_path)
    return holder.describe() if holder is not None else "a run that has not said who it is"


def _read_holder(lock_path: Path) -> Holder | None:
    try:
        return Holder(**json.loads(lock_path.read_text()))
    except (OSError, ValueError, TypeError):
        return None


def _write_holder(handle: TextIO, me: Holder) -> None:
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps(asdict(me)))
    handle.flush()
    os.fsync(handle.fileno())


def _save_crash(db: Path, holder: Holder, error: str) -> None:
    crash = Crash(
        run_id=holder.run_id,
        started_at=holder.started_at or None,
        error=error,
        flow_run_id=holder.flow_run_id,
        flow=holder.flow,
        found_at=datetime.now(UTC).isoformat(),
    )
    _write_json(queue_dir(db) / f"crashed-{holder.run_id}.json", asdict(crash))
    log.warning("run %s crashed: %s", holder.run_id, error)


def pending_crashes(db: Path) -> list[Crash]:
    """Crashed runs found beside ``db`` and not yet cleared, oldest run first."""
    found = []
    for path in sorted(queue_dir(db.resolve()).glob("crashed-*.json")):
        try:
            found.append(Crash(**json.loads(path.read_text())))
        except (OSError, ValueError, TypeError):
            log.warning("ignoring unreadable crash record %s", path)
    return found


def clear_crash(db: Path, run_id: str) -> None:
    """Forget a crash once it is recorded in the published warehouse and in Prefect."""
    (queue_dir(db.resolve()) / f"crashed-{run_id}.json").unlink(missing_ok=True)


def _write_json(path: Path, value: object) -> None:
    """Write atomically: readers see the old file or the whole new one."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(value))
    os.replace(partial, path)


def _process_start(pid: int) -> int | None:
    """Start time of process ``pid`` in clock ticks since boot (Linux ``/proc``), None if unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat[stat.rindex(")") + 2 :].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int, proc_start: int | None) -> bool:
    """Whether process ``pid`` of this host is running (not a zombie, not a newer process reusing the pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat[stat.rindex(")") + 2] == "Z":
            return False
    except (OSError, ValueError, IndexError):
        return True
    current = _process_start(pid)
    return proc_start is None or current is None or current == proc_start


def remove_stale_working_copies(db: Path) -> list[Path]:
    """Delete what interrupted runs left beside ``db`` (working copies, their WAL and spill
    directories); return the removed paths. Call only while holding the writer lock."""
    removed = sorted(db.parent.glob(f"{db.name}.run-*.tmp*"))
    known = {crash.run_id for crash in pending_crashes(db)}
    for stale in removed:
        log.warning("removing %s, left by an interrupted run", stale)
        _remove(stale)
        found = _RUN_ID_IN_COPY.search(stale.name[len(db.name) :])
        if found and found.group(1) not in known:  # a run of an older version, which did not sign the lock
            run_id = found.group(1)
            known.add(run_id)
            _save_crash(db, Holder(run_id, 0, "", _start_of(run_id) or ""), "the run died (it left its working copy)")
    return removed


def _start_of(run_id: str) -> str | None:
    """The start time a run id ``r-YYYYmmddTHHMMSS-…`` carries, ISO 8601 UTC."""
    try:
        return datetime.strptime(run_id[2:17], "%Y%m%dT%H%M%S").replace(tzinfo=UTC).isoformat()
    except ValueError:
        return None


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
