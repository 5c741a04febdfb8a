"""WARC (``.warc``, per-record gzipped ``.warc.gz`` or gzipped as a whole): streamed, never read whole.

Every ``response`` / ``resource`` record with an HTTP 200 HTML payload is one record (url =
``WARC-Target-URI``; ``record N <URI>``, 1-based over all records); other response records
(non-HTML, other statuses, revisits) are rejects saying why; ``request``, ``warcinfo`` and
``metadata`` records are passed over. Invariants: a file that is not WARC at all raises InputError;
a damaged record ends the file with a reject; a truncated gzip file adds a ``file`` reject. This
reader does its own gzip handling (warcio reads per-record gzip; a file gzipped as a whole is
retried through one gzip stream).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from wiretrace.ingest.decode import charset_of, decode_html, is_html_type
from wiretrace.ingest.readers.base import Reader
from wiretrace.ingest.records import RawRecord, input_error

#: an HTML payload in a WARC larger than this is rejected unread (bytes)
MAX_HTML_BYTES = 20 * 1024 * 1024


def _warc_record(record: ArcWarcRecord, number: int) -> RawRecord | None:
    """One WARC record as a raw article record, a reject, or None when it is not content."""
    if record.format != "warc":  # warcio also reads (and guesses) ARC; only WARC is supported
        raise ArchiveLoadFailed(f"record {number} is not a WARC record (format {record.format})")
    kind = record.rec_type
    if kind not in ("response", "resource", "revisit"):
        return None  # request, warcinfo, metadata, conversion: never articles
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    ref = f"record {number} <{uri}>"
    if kind == "revisit":
        return RawRecord(ref, None, uri, error="revisit record (the payload is an earlier capture's), not an article")
    if kind == "response":
        if record.http_headers is None:
            return RawRecord(ref, None, uri, error="response record without HTTP headers")
        status = record.http_headers.get_statuscode()
        if status != "200":
            return RawRecord(ref, None, uri, error=f"HTTP status {status}, not an article page")
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    if not is_html_type(content_type):
        return RawRecord(ref, None, uri, error=f"content type {content_type or '(missing)'} is not HTML")
    body = record.content_stream().read(MAX_HTML_BYTES + 1)
    if len(body) > MAX_HTML_BYTES:
        return RawRecord(ref, None, uri, error=f"HTML payload larger than {MAX_HTML_BYTES} bytes")
    if getattr(record.raw_stream, "limit", 0):  # bytes still owed by the record's Content-Length
        return RawRecord(ref, None, uri, error="truncated record (the file ends inside it)")
    text = decode_html(body, charset_of(content_type))
    if text is None:
        return RawRecord(ref, None, uri, error="binary or non-text content")
    return RawRecord(ref, {"url": uri, "html": text}, text)


def _warc_records(stream: IO[bytes] | gzip.GzipFile, skip: int) -> Iterator[tuple[int, RawRecord | None]]:
    """(record number, record) of a WARC stream, the first ``skip`` records passed over unread."""
    for number, record in enumerate(ArchiveIterator(stream), start=1):
        if number > skip:
            yield number, _warc_record(record, number)


def _gzip_complete(path: Path) -> bool:
    """Whether a gzip file decompresses to its end (warcio stops silently at a truncated member)."""
    try:
        with gzip.open(path, "rb") as handle:
            while handle.read(1 << 20):
                pass
    except (OSError, EOFError, zlib.error):
        return False
    return True


def read_warc(path: Path, compressed: bool) -> Iterator[RawRecord]:
    """Records of a WARC file, streamed (crawl files are large; never read whole).

    A file gzipped as a whole (rather than per record) is read through a gzip stream. A file
    that is not WARC at all raises InputError; a damaged record ends the file with a reject; a
    truncated gzip file adds a ``file`` reject.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise input_error(path, f"cannot be read ({exc.strerror or exc})") from exc
    read = 0
    with handle, gzip.open(handle, "rb") as whole:
        stream: IO[bytes] | gzip.GzipFile = handle
        while True:
            try:
                for number, raw in _warc_records(stream, skip=read):
                    read = number
                    if raw is not None:
                        yield raw
                break
            except ArchiveLoadFailed as exc:
                if "non-chunked gzip" in str(exc) and stream is handle:
                    handle.seek(0)
                    stream = whole  # gzipped as a whole: read it as one gzip stream
                    continue
                if read == 0:
                    raise input_error(path, f"not a readable WARC file ({_first_line(exc)})") from exc
                yield RawRecord(f"record {read + 1}", None, None, error=f"unreadable WARC record ({_first_line(exc)})")
                return
            except (OSError, EOFError, zlib.error) as exc:
                yield RawRecord(f"record {read + 1}", None, None, error=f"corrupt WARC data ({_first_line(exc)})")
                return
    if compressed and not _gzip_complete(path):
        yield RawRecord("file", None, None, error=f"truncated or corrupt gzip file; records after record {read} lost")


def _first_line(exc: BaseException) -> str:
    """The first non-blank line of an exception's message (warcio's messages span lines)."""
    return next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)


READER = Reader("warc", (".warc",), read_warc, streams=True)
