"""The input formats: one module per format, and :data:`READERS`, the one place a format is known.

Each format module defines ``READER``, a :class:`~wiretrace.ingest.readers.base.Reader` (name,
lower-case suffixes, ``read(path, compressed)``, whether it streams); a format's special cases
(gzip salvage, streaming, WARC's own gzip handling) live in its module. Adding a format is one
module plus one row in :data:`READERS`. Invariants: no suffix belongs to two readers; the order of
:data:`READERS` is the order of the suffixes in :data:`SUPPORTED` (the user-facing list).
"""

from __future__ import annotations

import os
from pathlib import Path

from wiretrace.ingest.readers import csv, html, json, jsonl, parquet, txt, warc
from wiretrace.ingest.readers.base import Reader

__all__ = ["READERS", "SUPPORTED", "Reader", "reader_of"]

READERS: tuple[Reader, ...] = (
    jsonl.READER,
    json.READER,
    csv.READER,
    parquet.READER,
    txt.READER,
    html.READER,
    warc.READER,
)

_BY_SUFFIX = {suffix: reader for reader in READERS for suffix in reader.suffixes}
assert len(_BY_SUFFIX) == sum(len(reader.suffixes) for reader in READERS), "a suffix belongs to two readers"

#: The supported suffixes, as user-facing messages list them.
SUPPORTED = ", ".join(_BY_SUFFIX) + " (optionally .gz)"


def reader_of(path: Path) -> tuple[Reader, bool] | None:
    """(reader, gzip-compressed) of a file name (case-insensitive), or None when no reader takes it."""
    name = path.name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[: -len(".gz")]
    reader = _BY_SUFFIX.get(os.path.splitext(name)[1])
    return None if reader is None else (reader, compressed)
