"""JSON Lines (``.jsonl``, ``.ndjson``): one JSON value per line, ``line N`` (1-based); blank lines ignored.

Invariants: a file is streamed a line at a time (bounded memory for large archives) exactly when
that gives the records of reading it whole (:func:`streamable`); an invalid line is a reject and the
other lines are kept; a truncated ``.jsonl.gz`` keeps its complete lines plus one ``file`` reject
for the cut.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from wiretrace.ingest.decode import decode, repair_c1, utf8_or_cp1252
from wiretrace.ingest.readers.base import Reader, read_whole
from wiretrace.ingest.records import RawRecord, undecodable


def parse(data: bytes, path: Path) -> Iterator[RawRecord]:
    """One JSON value per line; blank lines ignored; an invalid line is a reject."""
    text = decode(data)
    if text is None:
        yield undecodable(data)
        return
    # Split on \n only: JSON strings may legally contain U+2028 and friends.
    yield from _records(enumerate(text.split("\n"), start=1))


def _open_bytes(path: Path, compressed: bool) -> io.BufferedIOBase:
    return gzip.GzipFile(path, "rb") if compressed else open(path, "rb")


def streamable(path: Path, compressed: bool) -> bool:
    """Whether the JSON Lines file can be read a line at a time with the result of reading it whole.

    True when it decompresses without error and every line decodes as UTF-8, or as UTF-8 with
    cp1252 for the bytes that are not (what :func:`~wiretrace.ingest.decode.decode` does to the
    whole file then). A UTF-16 file, a damaged gzip file or one that needs a guessed charset is
    read whole instead.
    """
    try:
        with _open_bytes(path, compressed) as handle:
            if handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                return False
            handle.seek(0)
            for raw in handle:
                utf8_or_cp1252(raw)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError):
        return False
    return True


def _stream(path: Path, compressed: bool) -> Iterator[RawRecord]:
    """:func:`parse` of a file that :func:`streamable` accepts, holding one line at a time."""
    with _open_bytes(path, compressed) as handle:

        def lines() -> Iterator[tuple[int, str]]:
            for number, raw in enumerate(handle, start=1):
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8) :]
                yield number, repair_c1(utf8_or_cp1252(raw.removesuffix(b"\n")))

        yield from _records(lines())


def _records(lines: Iterable[tuple[int, str]]) -> Iterator[RawRecord]:
    """Records of numbered JSON Lines lines (without their ``\n``)."""
    for number, line in lines:
        line = line.rstrip("\r")
        if not line.strip():
            continue
        ref = f"line {number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RawRecord(ref, None, line, error=f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield RawRecord(ref, None, line, error="invalid JSON: nested too deeply")
            continue
        yield RawRecord(ref, value, line)


def _salvage(data: bytes, path: Path) -> Iterator[RawRecord] | None:
    """The complete lines of a truncated gzip file's start, then one ``file`` reject for the cut; None
    when not even one line is complete."""
    complete = data[: data.rfind(b"\n") + 1]
    if not complete:
        return None
    return _salvaged(data, complete, path)


def _salvaged(data: bytes, complete: bytes, path: Path) -> Iterator[RawRecord]:
    yield from parse(complete, path)
    lines = complete.count(b"\n")
    cut = data[len(complete) :]
    yield RawRecord(
        "file",
        None,
        cut.decode("utf-8", errors="backslashreplace"),
        error=f"truncated gzip file: the {lines} complete lines before the cut were read, line {lines + 1} "
        f"and anything after it are lost",
    )


def read(path: Path, compressed: bool) -> Iterator[RawRecord]:
    """Records of a JSON Lines file: streamed when :func:`streamable`, else read whole."""
    if streamable(path, compressed):  # large archives are JSON Lines: bounded memory
        yield from _stream(path, compressed)
        return
    yield from read_whole(path, compressed, "jsonl", parse, _salvage)


READER = Reader("jsonl", (".jsonl", ".ndjson"), read, streams=True)
