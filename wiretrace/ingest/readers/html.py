"""HTML (``.html``, ``.htm``): the whole file is one article given as HTML (``file``), its id the file stem.

Invariants: the bytes are decoded with :func:`~wiretrace.ingest.decode.decode_html` (its
``<meta charset>`` is honoured); text extraction happens in validation, as for an ``html`` field.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from wiretrace.ingest.decode import decode_html
from wiretrace.ingest.readers.base import Reader, read_whole, stem
from wiretrace.ingest.records import RawRecord, undecodable


def parse(data: bytes, path: Path) -> Iterator[RawRecord]:
    """The whole file is one article, given as HTML (its ``<meta charset>`` is honoured)."""
    text = decode_html(data)
    if text is None:
        yield undecodable(data)
        return
    yield RawRecord("file", {"id": stem(path), "html": text}, text)


def read(path: Path, compressed: bool) -> Iterator[RawRecord]:
    return read_whole(path, compressed, "html", parse)


READER = Reader("html", (".html", ".htm"), read)
