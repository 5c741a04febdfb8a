"""Discovery of input files: given files and directories become the list of files to read.

Invariants: every file returned has a suffix some reader in :data:`~wiretrace.ingest.readers.READERS`
takes; a file is listed once (at its first position); directories are walked recursively in sorted
order, hidden files and directories skipped; a bad path raises InputError naming it, before anything
is read.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from wiretrace.ingest.readers import SUPPORTED, reader_of
from wiretrace.ingest.records import input_error


def _walk(root: Path) -> list[Path]:
    """Supported, non-hidden files under ``root`` (hidden directories are not entered), sorted."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath, name)
            if not name.startswith(".") and reader_of(path) is not None and path.is_file():
                found.append(path)
    return sorted(found)


def discover_inputs(paths: Sequence[str | Path]) -> list[Path]:
    """Expand files and directories into input files, in the order given.

    Directories are walked recursively, sorted, skipping hidden files and directories and files
    with unsupported extensions. A file that appears twice is listed once (first position).
    Raises InputError for a missing path, an explicitly given file with an unsupported extension,
    or a directory without any supported file.
    """
    result: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _walk(path)
            if not files:
                raise input_error(path, f"directory contains no supported input files ({SUPPORTED})")
        elif path.is_file():
            if reader_of(path) is None:
                kind = f"file type '{''.join(path.suffixes[-2:])}'" if path.suffix else "file without extension"
                raise input_error(path, f"unsupported {kind} (supported: {SUPPORTED})")
            files = [path]
        elif path.exists():
            raise input_error(path, "not a regular file or directory")
        else:
            raise input_error(path, "no such file or directory")
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                result.append(file)
    return result
