"""JSON (``.json``): a JSON array of records (``index N``, 0-based) or a single record (``file``).

Invariants: the file is parsed as a whole; one that is not valid JSON, or whose top-level value is
neither an array nor an object, raises InputError (nothing of it is a record).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from wiretrace.ingest.decode import decode
from wiretrace.ingest.readers.base import Reader, read_whole
from wiretrace.ingest.records import RawRecord, input_error, json_payload, kind


def parse(data: bytes, path: Path) -> Iterator[RawRecord]:
    """A JSON array of records (``index N``) or a single record (``file``)."""
    text = decode(data)
    if text is None:
        raise input_error(path, "not valid JSON (binary or undecodable content)")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise input_error(path, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from exc
    except RecursionError as exc:
        raise input_error(path, "not valid JSON (nested too deeply)") from exc
    if isinstance(document, list):
        for index, value in enumerate(document):
            yield RawRecord(f"index {index}", value, json_payload(value))
    elif isinstance(document, dict):
        yield RawRecord("file", document, json_payload(document))
    else:
        raise input_error(path, f"top-level JSON value is {kind(document)}, expected an array or object")


def read(path: Path, compressed: bool) -> Iterator[RawRecord]:
    return read_whole(path, compressed, "json", parse)


READER = Reader("json", (".json",), read)
