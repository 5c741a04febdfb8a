"""The inbox: a folder where new input files land and are taken once.

A run *takes* the inbox's new and changed files: it reads them, and records each one
(``wt.inbox_files``: path, size, modification time, content hash, run id) in the same
all-or-nothing write session as their articles. Later runs skip a taken file while it is
unchanged and take it again once it changes.

Deciding is cheap (:func:`select_files`): a file whose path, size and modification time equal
its record is unchanged without being opened (the quick check of rsync and git); a file of
another size has changed; only a file of the recorded size but another modification time is
hashed to decide. Every file taken is hashed once, to record it.

Invariants:

- nothing in the inbox is moved, changed or deleted;
- files are listed as :func:`wiretrace.ingest.discover_inputs` lists a folder (recursively, sorted,
  hidden files and folders and files no reader takes skipped), by absolute path;
- a file's size and time are read before its hash, so a change made while it is hashed is seen
  (and the file taken again) by a later run, never missed;
- a file that vanishes between listing and hashing is not taken; one that cannot be read is an
  :class:`~wiretrace.errors.InputError` naming it.

Known limit of the quick check: a file replaced by one of the same size *and* the same
modification time (to the nanosecond) is not noticed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NoReturn

from wiretrace.errors import InputError
from wiretrace.ids import file_hash
from wiretrace.ingest.readers import reader_of

#: Bytes read at a time when hashing a file.
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileStat:
    """A file found in the inbox: absolute path, size in bytes, modification time in ns."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class InboxFile:
    """A file as recorded when taken (or about to be): its stat and the SHA-1 of its bytes."""

    path: str
    size: int
    mtime_ns: int
    content_hash: str


@dataclass(frozen=True)
class InboxSelection:
    """What a run takes from the inbox ``root``.

    ``take`` holds the new and changed files, hashed, in path order; ``unchanged`` counts the
    files already taken; ``hashed`` counts the files read to hash them (taken or compared);
    ``vanished`` the files gone between listing and hashing.
    """

    root: str
    take: tuple[InboxFile, ...]
    new: int
    changed: int
    unchanged: int
    hashed: int
    vanished: int = 0

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.take]

    def counts(self) -> dict[str, int]:
        """The selection's counts for the run summary."""
        return {
            "inbox_files": len(self.take) + self.unchanged,
            "inbox_taken": len(self.take),
            "inbox_new": self.new,
            "inbox_changed": self.changed,
            "inbox_already_taken": self.unchanged,
            "inbox_hashed": self.hashed,
        }


def inbox_root(folder: str | os.PathLike[str]) -> Path:
    """The inbox folder as an absolute path; InputError if it is missing or not a folder."""
    path = Path(folder)
    if not path.exists():
        raise InputError(f"{path}: inbox folder does not exist (create it with `wiretrace init`, or give another one)")
    if not path.is_dir():
        raise InputError(f"{path}: inbox is not a folder")
    return path.resolve()


def scan_inbox(root: Path) -> list[FileStat]:
    """Every input file under ``root`` (see the module's invariants), sorted by path."""
    found: list[FileStat] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=_unreadable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath, name)
            if name.startswith(".") or reader_of(path) is None:
                continue
            try:
                st = path.stat()
            except FileNotFoundError:
                continue  # gone since it was listed
            except OSError as err:
                _unreadable(err)
            if stat.S_ISREG(st.st_mode):
                found.append(FileStat(str(path), st.st_size, st.st_mtime_ns))
    return sorted(found, key=lambda f: f.path)


def _unreadable(err: OSError) -> NoReturn:
    """A folder or file of the inbox that cannot be listed or read stops the run (never skipped unseen)."""
    raise InputError(f"{err.filename}: inbox cannot be read ({err.strerror or err})") from None


def hash_path(path: str) -> str | None:
    """SHA-1 hex digest of the file's bytes; None if it no longer exists."""
    try:
        with open(path, "rb") as f:
            return file_hash(_chunks(f))
    except FileNotFoundError:
        return None
    except OSError as err:
        raise InputError(f"{path}: inbox file cannot be read ({err.strerror or err})") from None


def _chunks(f: BinaryIO) -> Iterator[bytes]:
    while chunk := f.read(HASH_CHUNK):
        yield chunk


def select_files(
    root: str,
    found: Sequence[FileStat],
    taken: Mapping[str, InboxFile],
    digest: Callable[[str], str | None] = hash_path,
) -> InboxSelection:
    """The files of ``found`` to take, given the records ``taken`` (by path) of earlier runs.

    A file is taken when its path has no record, or its size differs from the record, or its
    modification time differs and ``digest`` (the content hash; None: the file vanished) differs
    too. ``digest`` is called only for files taken and files of the recorded size whose time moved.
    """
    take: list[InboxFile] = []
    new = changed = unchanged = hashed = vanished = 0
    for file in found:
        record = taken.get(file.path)
        if record is not None and record.size == file.size and record.mtime_ns == file.mtime_ns:
            unchanged += 1
            continue
        content = digest(file.path)
        hashed += 1
        if content is None:
            vanished += 1
        elif record is not None and record.size == file.size and record.content_hash == content:
            unchanged += 1  # touched, not changed (its record keeps the old time: hashed again next run)
        else:
            take.append(InboxFile(file.path, file.size, file.mtime_ns, content))
            if record is None:
                new += 1
            else:
                changed += 1
    return InboxSelection(root, tuple(take), new, changed, unchanged, hashed, vanished)


def select_inbox(folder: str | os.PathLike[str], taken: Mapping[str, InboxFile]) -> InboxSelection:
    """List the inbox ``folder`` and select its new and changed files (:func:`select_files`)."""
    root = inbox_root(folder)
    return select_files(str(root), scan_inbox(root), taken)
