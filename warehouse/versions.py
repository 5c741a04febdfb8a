"""Kept versions of the warehouse: the files earlier publishes replaced, kept beside it for rollback.

A publish (:mod:`warehouse.session`) hard-links the current warehouse to
``<db>.v/<replaced at>-<its last run id>.duckdb`` and then renames the new copy over ``<db>``:
the kept version is the replaced file itself (same inode, no copy), and ``<db>`` never goes
missing. Only the newest ``$WIRETRACE_KEEP_VERSIONS`` (default 3) are kept; a kept version's
blocks stay allocated until it is deleted.
"""

from __future__ import annotations

import os
import re
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.connection import sql
from warehouse.parts import listed_parts
from wiretrace.errors import InputError, VersionNotFoundError

KEEP_VERSIONS_ENV = "WIRETRACE_KEEP_VERSIONS"
DEFAULT_KEEP_VERSIONS = 3
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_NAME = re.compile(r"^(?P<stamp>\d{8}T\d{6}\.\d{6}Z)-(?P<run_id>[^/]+)\.duckdb$")
#: A version being copied in (only where hard links are not supported); removed under the lock.
PARTIAL_SUFFIX = ".partial"


@dataclass(frozen=True)
class KeptVersion:
    """One kept version: ``name`` (the file stem, what ``wiretrace restore`` takes), when it was
    replaced, and the last run recorded in it (the run that published it)."""

    name: str
    path: Path
    replaced_at: datetime
    run_id: str


@dataclass(frozen=True)
class VersionSummary:
    """What a warehouse file holds: its last run, that run's status, finish time and wiretrace version,
    its articles and bytes (``error``: why it could not be read)."""

    run_id: str | None
    status: str | None
    finished_at: datetime | None
    wiretrace: str | None
    articles: int | None
    size: int
    error: str | None = None


def keep_versions(value: str | None = None) -> int:
    """How many replaced versions a publish keeps: ``value``, else ``$WIRETRACE_KEEP_VERSIONS``, else 3.

    0 keeps none. Anything but a whole number >= 0 is an :class:`InputError` naming the variable.
    """
    raw = value if value is not None else os.environ.get(KEEP_VERSIONS_ENV)
    if raw is None or raw.strip() == "":
        return DEFAULT_KEEP_VERSIONS
    try:
        keep = int(raw)
    except ValueError:
        keep = -1
    if keep < 0:
        raise InputError(f"{KEEP_VERSIONS_ENV}={raw!r} is not a whole number of versions to keep (0 or more)")
    return keep


def versions_dir(db: Path) -> Path:
    """The folder of ``db``'s kept versions (``<db>.v``)."""
    return db.with_name(db.name + ".v")


def version_path(db: Path, replaced_at: datetime, run_id: str) -> Path:
    """Where the version of ``db`` last written by ``run_id`` and replaced at ``replaced_at`` is kept."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", run_id) or "unknown"
    return versions_dir(db) / f"{replaced_at.astimezone(UTC).strftime(_STAMP)}-{safe}.duckdb"


def kept_versions(db: Path) -> list[KeptVersion]:
    """The kept versions of ``db``, newest first.

    A file that is ``db`` itself (a hard link left by a publish interrupted between its link and
    its rename) is not a version and is left out; the next write session removes it.
    """
    folder = versions_dir(db)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file() or same_file(path, db):
            continue
        replaced_at = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        found.append(KeptVersion(path.name.removesuffix(".duckdb"), path, replaced_at, match["run_id"]))
    return sorted(found, key=lambda v: v.name, reverse=True)


def find_version(db: Path, ref: str) -> KeptVersion:
    """The kept version ``ref`` names: its name as listed, or its number in the listing (1 = newest)."""
    versions = kept_versions(db)
    chosen = [v for v in versions if ref in (v.name, f"{v.name}.duckdb")]
    if not chosen and ref.isdigit() and 1 <= int(ref) <= len(versions):
        chosen = [versions[int(ref) - 1]]
    if chosen:
        return chosen[0]
    known = ", ".join(v.name for v in versions) or "none"
    raise VersionNotFoundError(
        f"no kept version {ref!r} of {db} (kept versions: {known}); list them with `wiretrace restore`"
    )


def summarise(path: Path) -> VersionSummary:
    """Read ``path`` read-only: its last run and its number of articles, hot and frozen (an unreadable
    file gives its error). Its parts are not opened: their article counts are listed in it."""
    size = path.stat().st_size
    try:
        with closing(open_read_only(path)) as con:
            row = con.execute(sql("version_summary")).fetchone()
            frozen = sum(part.n_articles for part in listed_parts(con))
    except duckdb.Error as err:
        return VersionSummary(None, None, None, None, None, size, error=str(err).splitlines()[0])
    run_id, status, finished_at, wiretrace, hot = row if row else (None, None, None, None, None)
    return VersionSummary(run_id, status, finished_at, wiretrace, None if hot is None else hot + frozen, size)


def last_run_id(db: Path) -> str:
    """The id of the last run recorded in the warehouse ``db`` (the run that published it), or ``unknown``."""
    if not db.exists():
        return "unknown"
    return summarise(db).run_id or "unknown"


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection for wiretrace's own queries on a warehouse file (not for user SQL:
    see :func:`~warehouse.connection.connect_reader`); works while this process holds other readers."""
    return duckdb.connect(str(path), read_only=True)


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name the same file (False if either is missing)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
