"""CSV (``.csv``): a header row, then one record per row (``row N``, 1-based data row).

Invariants: a header without a text, body, content or html column is one ``file`` reject; a
malformed row ends the file with a reject (the rows before it are kept); fields may be of any length.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from wiretrace.ingest.decode import decode
from wiretrace.ingest.readers.base import Reader, read_whole
from wiretrace.ingest.records import RawRecord, json_payload, undecodable
from wiretrace.ingest.validate import HTML_KEYS, TEXT_KEYS


def parse(data: bytes, path: Path) -> Iterator[RawRecord]:
    """Header row then one record per row; a malformed row ends the file with a reject."""
    text = decode(data)
    if text is None:
        yield undecodable(data)
        return
    # Article texts may be far longer than the csv module's default field limit (128 KiB).
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    number = 0
    try:
        header = reader.fieldnames or []
        if header and not {str(name).strip().lower() for name in header} & {*TEXT_KEYS, *HTML_KEYS}:
            yield RawRecord(
                "file", None, ",".join(header), error="CSV header has no text, body, content or html column"
            )
            return
        for row in reader:
            number += 1
            yield RawRecord(f"row {number}", row, json_payload(row))
    except csv.Error as exc:
        yield RawRecord(f"row {number + 1}", None, None, error=f"malformed CSV ({exc}); rest of file not read")


def read(path: Path, compressed: bool) -> Iterator[RawRecord]:
    return read_whole(path, compressed, "csv", parse)


READER = Reader("csv", (".csv",), read)
