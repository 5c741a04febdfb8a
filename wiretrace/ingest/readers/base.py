"""What a reader is, and the gzip handling shared by the readers that read a file whole.

A reader turns one input file into raw records, lazily (nothing is read before the first record is
asked for). It raises :class:`~wiretrace.errors.InputError` only when nothing in the file can be
read; a damaged part of a file is a reject record. :func:`read_whole` gives a reader's parser the
file's (decompressed) bytes: a corrupt gzip file is one ``file`` reject, as is a truncated one
unless the reader salvages its complete start (JSON Lines does).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wiretrace.ingest.records import RawRecord, input_error

#: Bytes of one (decompressed) file -> its raw records.
Parse = Callable[[bytes, Path], Iterator[RawRecord]]


@dataclass(frozen=True)
class Reader:
    """One input format: its name (used in reasons), the suffixes that select it (lower-case, each
    also accepted with ``.gz`` after it), and ``read(path, compressed)`` giving the file's records.
    ``streams`` says the file is read a piece at a time (never held whole in memory) where it can be."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, bool], Iterator[RawRecord]]
    streams: bool = False


def stem(path: Path) -> str:
    """File name without ``.gz`` and without the format extension: ``a/b.txt.gz`` -> ``b``."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[: -len(".gz")]
    return os.path.splitext(name)[0]


def gunzip(data: bytes) -> tuple[bytes, bool]:
    """Decompress every gzip member of ``data``; (bytes, truncated).

    ``truncated`` means the stream ended before a member's end marker: the bytes returned are the
    genuine start of the content. Corrupt data (bad header, invalid deflate data, CRC or length
    mismatch) raises, since then none of the output can be trusted.
    """
    parts: list[bytes] = []
    while data:
        if not data.startswith(b"\x1f\x8b"):
            if data.strip(b"\x00"):  # gzip allows zero padding between and after members, nothing else
                raise OSError("not a gzip member after the end of the previous one")
            break
        member = zlib.decompressobj(wbits=31)
        parts.append(member.decompress(data))
        if not member.eof:
            return b"".join(parts), True
        data = member.unused_data
    if not parts:
        raise OSError("not a gzip file")
    return b"".join(parts), False


def read_whole(
    path: Path,
    compressed: bool,
    name: str,
    parse: Parse,
    salvage: Callable[[bytes, Path], Iterator[RawRecord] | None] | None = None,
) -> Iterator[RawRecord]:
    """Records of a file read whole into memory and given to ``parse``.

    A gzip file that is corrupt is one reject (``file``): nothing in it can be trusted. One that is
    only truncated (the stream ends early, as an interrupted download or copy leaves it) is given to
    ``salvage``, which returns the records of its readable start or None; without those it is one
    reject (``file``) naming ``name``.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise input_error(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not compressed:
        yield from parse(data, path)
        return
    try:
        data, truncated = gunzip(data)
    except (OSError, EOFError, zlib.error) as exc:
        yield RawRecord("file", None, None, error=f"corrupt gzip file ({exc})")
        return
    if not truncated:
        yield from parse(data, path)
        return
    salvaged = None if salvage is None else salvage(data, path)
    if salvaged is None:
        yield RawRecord("file", None, None, error=f"truncated gzip file (ends after {len(data)} bytes of {name} data)")
        return
    yield from salvaged
