"""Plain text (``.txt``): the whole file is one article (``file``), its id the file stem.

Invariants: the text is kept as decoded (a leading date token is handled by validation, as in every
record); a headline alone on the first line is the title and stays in the text too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from wiretrace.ingest.decode import decode
from wiretrace.ingest.readers.base import Reader, read_whole, stem
from wiretrace.ingest.records import RawRecord, undecodable
from wiretrace.ingest.validate import txt_headline


def parse(data: bytes, path: Path) -> Iterator[RawRecord]:
    """The whole file is one article (a leading date token is handled as in every record); a
    headline standing alone on the first line is its title (the text keeps it)."""
    raw = decode(data)
    if raw is None:
        yield undecodable(data)
        return
    record: dict[str, object] = {"id": stem(path), "text": raw}
    title = txt_headline(raw)
    if title is not None:
        record["title"] = title
    yield RawRecord("file", record, raw)


def read(path: Path, compressed: bool) -> Iterator[RawRecord]:
    return read_whole(path, compressed, "txt", parse)


READER = Reader("txt", (".txt",), read)
