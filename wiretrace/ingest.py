"""Ingest stage: read input files into ``RAW_ARTICLE`` rows and ``REJECT`` rows.

Pure (no Prefect, no DuckDB): paths in, two Arrow tables out.

Formats, chosen by extension (case-insensitive, each optionally gzip-compressed as ``NAME.EXT.gz``):

- ``.jsonl`` / ``.ndjson``: one JSON object per line; blank lines ignored (record_ref ``line N``, 1-based).
- ``.json``: a JSON array of objects (``index N``, 0-based) or a single object (``file``).
- ``.csv``: header row, one article per row (``row N``, 1-based data row).
- ``.parquet``: one article per row (``row N``, 0-based).
- ``.txt``: one article; id = file stem; a headline alone on the first line is the title (``file``).
- ``.html`` / ``.htm``: one article, text extracted with trafilatura; id = file stem (``file``).
- ``.warc`` (also per-record gzipped ``.warc.gz``): every ``response`` / ``resource`` record with an
  HTTP 200 HTML payload is one article (url = ``WARC-Target-URI``; ``record N <URI>``, 1-based over all
  records); other response records (non-HTML, other statuses, revisits) are rejects saying why;
  ``request``, ``warcinfo`` and ``metadata`` records are not articles and are passed over.

Record fields (names case-insensitive): ``id``, ``url``, ``outlet``, ``title``, ``published_at``,
``text``, ``html``, ``lang``. Aliases: ``date`` / ``published`` / ``pubdate`` for ``published_at``;
``body`` / ``content`` for ``text``; ``source`` / ``publisher`` for ``outlet`` (an object with a
``name`` key, as in NewsAPI, is accepted too). The canonical name wins over an alias; among
aliases the first non-blank one in the order above wins.

A leading ``date YYYY-MM-DD`` or ``date YYYY-MM`` token in a record's text (any format; the
seed ``.txt`` files and some scraped sets have one) is removed from the text; a full date is the
publication date of a record that gives none (a month alone gives no date).

Invariants of the output:

- every article has a non-empty ``article_id``, non-empty stripped ``text``, a non-null ``outlet``,
  ``published_at`` in UTC or null, and ``lang`` a lower-case 2-letter code or null (never detected here);
- ``article_id`` is unique in ``articles``: a repeated id with the same text is dropped silently,
  with different text it is rejected (the first occurrence wins);
- every record that is not an article is one row in ``rejects`` with a one-sentence reason;
- an input that cannot be read at all raises :class:`InputError` and nothing is returned.

When ``text`` is taken from HTML, a missing ``title``, ``url`` or ``published_at`` is filled from the
HTML's metadata (the date only from explicit markup; an unusable metadata date is dropped, not rejected).

Limits: a text longer than MAX_TEXT_CHARS (5 million characters) or HTML longer than MAX_HTML_CHARS
(10 million) is rejected with its size; text extracted from HTML needs MIN_HTML_WORDS (15) words; a text
that is only a cookie or consent notice (:func:`wiretrace.normalise.is_consent_wall`) is rejected. A
truncated ``.jsonl.gz`` keeps its complete lines (see ``_read_file``); any other damaged gzip file is
one reject.
"""

from __future__ import annotations

import codecs
import csv
import email.utils
import gzip
import hashlib
import html as html_lib
import io
import itertools
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import charset_normalizer
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from wiretrace.errors import InputError
from wiretrace.normalise import is_consent_wall
from wiretrace.schemas import RAW_ARTICLE, REJECT

__all__ = [
    "IngestResult",
    "InputError",
    "RawRecord",
    "articles_from_records",
    "charset_of",
    "decode_html",
    "discover_inputs",
    "is_html_type",
    "normalise_url",
    "read_input_batches",
    "read_inputs",
]

MAX_TEXT_CHARS = 5_000_000  # an article's text; a novel is ~500k characters
#: an HTML payload in a WARC larger than this is rejected unread (bytes)
MAX_HTML_BYTES = 20 * 1024 * 1024
MAX_HTML_CHARS = 10_000_000  # HTML to extract from; parsing is slow (~25 s for 20 MB), so refuse first
# Text extracted from a page without an article is its menu, cookie banner or error message
# ("Home World Sport"): fewer words than this is no article.
MIN_HTML_WORDS = 15
PAYLOAD_CHARS = 2000
MAX_FUTURE = timedelta(days=2)
MIN_YEAR = 1900

_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".parquet": "parquet",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
}
_SUPPORTED = ", ".join(_FORMATS) + " (optionally .gz)"

_ID_KEYS = ("id",)
_URL_KEYS = ("url",)
_TITLE_KEYS = ("title",)
_LANG_KEYS = ("lang",)
_HTML_KEYS = ("html",)
_TEXT_KEYS = ("text", "body", "content")
_OUTLET_KEYS = ("outlet", "source", "publisher")
_DATE_KEYS = ("published_at", "date", "published", "pubdate")

# A leading "date 2024-12-26" or "date 2024-12" token before a record's text (group 1: the date).
_DATE_TOKEN = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?=\s|\Z)\s*")
# A headline alone on the first line of a .txt file: no sentence end, a blank line after it.
_TXT_HEADLINE = re.compile(r"\A[^\S\n]*(?P<title>[^\n]*[^\s.!?:;,])[^\S\n]*\n[^\S\n]*\n")
#: Longest first line of a .txt file taken as its headline.
MAX_TXT_HEADLINE_WORDS = 20
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_LANG = re.compile(r"([a-z]{2})(?:[-_][a-z0-9]+)*")
# Control characters other than \t \n \v \f \r, C1 controls and U+FFFD: signs of binary or mis-decoded data.
_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_C1 = re.compile("[\x80-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates (from JSON escapes, odd file names)
_TRACKING_PARAM = re.compile(r"utm_\w+|fbclid|gclid|mc_cid|mc_eid", re.IGNORECASE)
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


def _cp1252_c1_map() -> dict[str, str]:
    """C1 control characters mapped to the cp1252 character of the same byte, where defined."""
    mapping = {}
    for code in range(0x80, 0xA0):
        try:
            mapping[chr(code)] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return mapping


_C1_TO_CP1252 = _cp1252_c1_map()


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the bytes that are not valid UTF-8 as cp1252 (strictly)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252"), error.end


codecs.register_error("wiretrace.cp1252", _cp1252_fallback)


@dataclass(frozen=True)
class IngestResult:
    """Outcome of reading inputs: usable articles and rejected records."""

    articles: pa.Table  # schema RAW_ARTICLE
    rejects: pa.Table  # schema REJECT


@dataclass(frozen=True)
class RawRecord:
    """One record as found in a file, before validation.

    ``value`` is the parsed record (a mapping of fields for a usable record); ``error`` is set
    instead when the record could not even be parsed. ``payload`` is its raw start, for rejects.
    """

    ref: str
    value: object
    payload: str | None
    error: str | None = None


class _Reject(Exception):
    """Raised inside validation: the record is unusable for the given one-sentence reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------- discovery


def _format_of(path: Path) -> tuple[str, bool] | None:
    """(format, gzip-compressed) of a file name, or None when the extension is unsupported."""
    name = path.name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[: -len(".gz")]
    fmt = _FORMATS.get(os.path.splitext(name)[1])
    return None if fmt is None else (fmt, compressed)


def _stem(path: Path) -> str:
    """File name without ``.gz`` and without the format extension: ``a/b.txt.gz`` -> ``b``."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[: -len(".gz")]
    return os.path.splitext(name)[0]


def _input_error(path: str | Path, reason: str) -> InputError:
    """An InputError whose message is a single line: ``PATH: REASON``."""
    return InputError(re.sub(r"\s*[\r\n]+\s*", " ", f"{path}: {reason}"))


def _walk(root: Path) -> list[Path]:
    """Supported, non-hidden files under ``root`` (hidden directories are not entered), sorted."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath, name)
            if not name.startswith(".") and _format_of(path) is not None and path.is_file():
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
                raise _input_error(path, f"directory contains no supported input files ({_SUPPORTED})")
        elif path.is_file():
            if _format_of(path) is None:
                kind = f"file type '{''.join(path.suffixes[-2:])}'" if path.suffix else "file without extension"
                raise _input_error(path, f"unsupported {kind} (supported: {_SUPPORTED})")
            files = [path]
        elif path.exists():
            raise _input_error(path, "not a regular file or directory")
        else:
            raise _input_error(path, "no such file or directory")
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                result.append(file)
    return result


# --------------------------------------------------------------------------- decoding


def _decode(data: bytes) -> str | None:
    """Decode text bytes; None when they do not look like text in any encoding.

    UTF-8 (BOM stripped) first; else UTF-8 with every invalid byte read as cp1252, which is plain
    cp1252 for a cp1252 file and also right for files mixing both; else charset_normalizer's best
    guess. C1 control characters (cp1252 text mis-stored as UTF-8) become their cp1252 characters.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _repair_c1(data.decode("utf-16"))
        except UnicodeDecodeError:
            return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = _utf8_or_cp1252(data)
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            return None
        text = str(best)
    return _repair_c1(text)


def _utf8_or_cp1252(data: bytes) -> str:
    """UTF-8, with each byte that is not UTF-8 read as cp1252; UnicodeDecodeError if cp1252 lacks one."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="wiretrace.cp1252")


def _repair_c1(text: str) -> str:
    """Replace C1 control characters by the cp1252 character with the same code, where defined."""
    if _C1.search(text) is None:
        return text
    return _C1.sub(lambda m: _C1_TO_CP1252.get(m.group(), m.group()), text)


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, lower-cased; None when absent."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'").lower()
    return None


def is_html_type(content_type: str | None) -> bool:
    """True for ``text/html`` and ``application/xhtml+xml`` (parameters ignored)."""
    return (content_type or "").split(";")[0].strip().lower() in _HTML_TYPES


def _codec(name: str | None) -> str | None:
    """Python codec name for a declared charset; ``latin-1`` / ``ascii`` read as cp1252, as browsers do."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def decode_html(data: bytes, declared: str | None = None) -> str | None:
    """Decode an HTML document; None when the bytes are not text in any encoding.

    Declared charsets are often wrong, so: a byte-order mark wins; then bytes that are valid
    UTF-8 are UTF-8 (a legacy-encoded page with non-ASCII text is almost never valid UTF-8);
    then the ``declared`` charset (HTTP header) or the document's ``<meta charset>``, when the
    bytes decode in it; then the same fallbacks as every text input (UTF-8 with cp1252 repair,
    then detection).
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data)
    try:
        return _repair_c1(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(data[:4096])
    for name in (declared, meta.group(1).decode("ascii") if meta else None):
        codec = _codec(name)
        if codec is None or codec == "utf-8":
            continue
        try:
            return _repair_c1(data.decode(codec))
        except UnicodeDecodeError:
            continue
    return _decode(data)


def _valid_unicode(text: str) -> str:
    """``text`` with lone surrogates (not encodable as UTF-8, so not storable in Arrow) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _payload(text: str | None) -> str | None:
    """The start of a raw record for a reject row: at most PAYLOAD_CHARS, control characters escaped."""
    if text is None:
        return None
    head = _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text[:PAYLOAD_CHARS])
    return _valid_unicode(head[:PAYLOAD_CHARS])


def _json_payload(value: object) -> str:
    """A record rendered as JSON (for payloads of structured records)."""
    return json.dumps(value, ensure_ascii=False, default=str)[:PAYLOAD_CHARS]


def _undecodable(data: bytes) -> RawRecord:
    """The reject of a whole file whose bytes are not text; payload shows its first bytes escaped."""
    head = data[:PAYLOAD_CHARS].decode("utf-8", errors="backslashreplace")
    return RawRecord("file", None, head, error="binary or non-text content")


# --------------------------------------------------------------------------- readers
# Each reader turns the (decompressed) bytes of one file into raw records. A reader raises
# InputError only when nothing in the file can be read.


def _read_jsonl(data: bytes, path: Path) -> Iterator[RawRecord]:
    """One JSON value per line; blank lines ignored; an invalid line is a reject."""
    text = _decode(data)
    if text is None:
        yield _undecodable(data)
        return
    # Split on \n only: JSON strings may legally contain U+2028 and friends.
    yield from _jsonl_records(enumerate(text.split("\n"), start=1))


def _open_bytes(path: Path, compressed: bool) -> io.BufferedIOBase:
    return gzip.GzipFile(path, "rb") if compressed else open(path, "rb")


def _streamable_jsonl(path: Path, compressed: bool) -> bool:
    """Whether the JSON Lines file can be read a line at a time with the result of reading it whole.

    True when it decompresses without error and every line decodes as UTF-8, or as UTF-8 with
    cp1252 for the bytes that are not (what :func:`_decode` does to the whole file then). A
    UTF-16 file, a damaged gzip file or one that needs a guessed charset is read whole instead.
    """
    try:
        with _open_bytes(path, compressed) as handle:
            if handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                return False
            handle.seek(0)
            for raw in handle:
                _utf8_or_cp1252(raw)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError):
        return False
    return True


def _stream_jsonl(path: Path, compressed: bool) -> Iterator[RawRecord]:
    """:func:`_read_jsonl` of a file that :func:`_streamable_jsonl` accepts, holding one line at a time."""
    with _open_bytes(path, compressed) as handle:

        def lines() -> Iterator[tuple[int, str]]:
            for number, raw in enumerate(handle, start=1):
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8) :]
                yield number, _repair_c1(_utf8_or_cp1252(raw.removesuffix(b"\n")))

        yield from _jsonl_records(lines())


def _jsonl_records(lines: Iterable[tuple[int, str]]) -> Iterator[RawRecord]:
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


def _read_json(data: bytes, path: Path) -> Iterator[RawRecord]:
    """A JSON array of records (``index N``) or a single record (``file``)."""
    text = _decode(data)
    if text is None:
        raise _input_error(path, "not valid JSON (binary or undecodable content)")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _input_error(path, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from exc
    except RecursionError as exc:
        raise _input_error(path, "not valid JSON (nested too deeply)") from exc
    if isinstance(document, list):
        for index, value in enumerate(document):
            yield RawRecord(f"index {index}", value, _json_payload(value))
    elif isinstance(document, dict):
        yield RawRecord("file", document, _json_payload(document))
    else:
        raise _input_error(path, f"top-level JSON value is {_kind(document)}, expected an array or object")


def _read_csv(data: bytes, path: Path) -> Iterator[RawRecord]:
    """Header row then one record per row; a malformed row ends the file with a reject."""
    text = _decode(data)
    if text is None:
        yield _undecodable(data)
        return
    # Article texts may be far longer than the csv module's default field limit (128 KiB).
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    number = 0
    try:
        header = reader.fieldnames or []
        if header and not {str(name).strip().lower() for name in header} & {*_TEXT_KEYS, *_HTML_KEYS}:
            yield RawRecord(
                "file", None, ",".join(header), error="CSV header has no text, body, content or html column"
            )
            return
        for row in reader:
            number += 1
            yield RawRecord(f"row {number}", row, _json_payload(row))
    except csv.Error as exc:
        yield RawRecord(f"row {number + 1}", None, None, error=f"malformed CSV ({exc}); rest of file not read")


def _us_timestamps(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Cast nanosecond timestamp columns to microseconds so they convert to Python datetimes."""
    columns = []
    for column in batch.columns:
        if pa.types.is_timestamp(column.type) and column.type.unit == "ns":
            column = pc.cast(column, pa.timestamp("us", tz=column.type.tz), safe=False)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def _read_parquet(data: bytes, path: Path) -> Iterator[RawRecord]:
    """One record per row (``row N``, 0-based)."""
    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
        batches = parquet.iter_batches(batch_size=1024)
        number = 0
        for batch in batches:
            for value in _us_timestamps(batch).to_pylist():
                yield RawRecord(f"row {number}", value, _json_payload(value))
                number += 1
    except (pa.ArrowException, OSError) as exc:
        raise _input_error(path, f"not a readable Parquet file ({exc})") from exc


def _read_txt(data: bytes, path: Path) -> Iterator[RawRecord]:
    """The whole file is one article (a leading date token is handled as in every record); a
    headline standing alone on the first line is its title (the text keeps it)."""
    raw = _decode(data)
    if raw is None:
        yield _undecodable(data)
        return
    record: dict[str, object] = {"id": _stem(path), "text": raw}
    headline = _TXT_HEADLINE.match(_DATE_TOKEN.sub("", raw, count=1))
    if headline is not None and len(headline["title"].split()) <= MAX_TXT_HEADLINE_WORDS:
        record["title"] = headline["title"].strip()
    yield RawRecord("file", record, raw)


def _read_html(data: bytes, path: Path) -> Iterator[RawRecord]:
    """The whole file is one article, given as HTML (its ``<meta charset>`` is honoured)."""
    text = decode_html(data)
    if text is None:
        yield _undecodable(data)
        return
    yield RawRecord("file", {"id": _stem(path), "html": text}, text)


_READERS: dict[str, Callable[[bytes, Path], Iterator[RawRecord]]] = {
    "jsonl": _read_jsonl,
    "json": _read_json,
    "csv": _read_csv,
    "parquet": _read_parquet,
    "txt": _read_txt,
    "html": _read_html,
}


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


def _read_warc(path: Path, compressed: bool) -> Iterator[RawRecord]:
    """Records of a WARC file, streamed (crawl files are large; never read whole).

    A file gzipped as a whole (rather than per record) is read through a gzip stream. A file
    that is not WARC at all raises InputError; a damaged record ends the file with a reject; a
    truncated gzip file adds a ``file`` reject.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise _input_error(path, f"cannot be read ({exc.strerror or exc})") from exc
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
                    raise _input_error(path, f"not a readable WARC file ({_first_line(exc)})") from exc
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


def _read_file(path: Path) -> Iterator[RawRecord]:
    """Raw records of one input file.

    A gzip file that is corrupt is one reject (``file``): nothing in it can be trusted. One that is
    only truncated (the stream ends early, as an interrupted download or copy leaves it) is read up
    to the damage when its format is line-based (JSON Lines): every complete line is a record, and
    one reject (``file``) reports the cut and the unreadable rest. Other formats reject the file.
    """
    kind = _format_of(path)
    if kind is None:  # discover_inputs only returns supported files
        raise _input_error(path, f"unsupported file type (supported: {_SUPPORTED})")
    fmt, compressed = kind
    if fmt == "warc":
        yield from _read_warc(path, compressed)
        return
    if fmt == "jsonl" and _streamable_jsonl(path, compressed):  # large archives are JSON Lines: bounded memory
        yield from _stream_jsonl(path, compressed)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _input_error(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not compressed:
        yield from _READERS[fmt](data, path)
        return
    try:
        data, truncated = _gunzip(data)
    except (OSError, EOFError, zlib.error) as exc:
        yield RawRecord("file", None, None, error=f"corrupt gzip file ({exc})")
        return
    if not truncated:
        yield from _READERS[fmt](data, path)
        return
    complete = data[: data.rfind(b"\n") + 1]
    if fmt != "jsonl" or not complete:
        yield RawRecord("file", None, None, error=f"truncated gzip file (ends after {len(data)} bytes of {fmt} data)")
        return
    yield from _READERS[fmt](complete, path)
    lines = complete.count(b"\n")
    cut = data[len(complete) :]
    yield RawRecord(
        "file",
        None,
        cut.decode("utf-8", errors="backslashreplace"),
        error=f"truncated gzip file: the {lines} complete lines before the cut were read, line {lines + 1} "
        f"and anything after it are lost",
    )


def _gunzip(data: bytes) -> tuple[bytes, bool]:
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


# --------------------------------------------------------------------------- validation


def _kind(value: object) -> str:
    """A JSON-style name of a value's type, for reasons."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


def _shown(value: object) -> str:
    """A value quoted for a reason, shortened to keep the reason one short line."""
    text = value if isinstance(value, str) else str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _pick(fields: Mapping[str, object], keys: Sequence[str]) -> object:
    """The first value under ``keys`` that is neither null nor a blank string, else None."""
    for key in keys:
        value = fields.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        return value
    return None


def _string(fields: Mapping[str, object], keys: Sequence[str], *, numbers: bool = True) -> str | None:
    """A stripped string field (numbers stringified when allowed), None when absent or blank."""
    value = _pick(fields, keys)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip()
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise _Reject(f"{keys[0]} must be a string, got {_kind(value)}")


def _parse_timestamp(value: object, now: datetime) -> datetime | None:
    """A publication time in UTC (naive = UTC), None when absent; rejects bad or implausible values.

    Accepts ISO 8601 dates and datetimes (also ``YYYY-MM-DD HH:MM[:SS]``), RFC 2822 dates and
    date/datetime objects (from Parquet).
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        parsed: datetime | None = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        parsed = _parse_date_string(value.strip())
    else:
        parsed = None
    if parsed is None:
        raise _Reject(f"published_at {_shown(value)} is not a valid date")
    try:
        parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise _Reject(f"published_at {_shown(value)} is not a valid date") from exc
    if parsed.year < MIN_YEAR:
        raise _Reject(f"published_at {_shown(value)} is before {MIN_YEAR}")
    if parsed > now + MAX_FUTURE:
        raise _Reject(f"published_at {_shown(value)} is more than 2 days in the future")
    return parsed


def _parse_date_string(text: str) -> datetime | None:
    """ISO 8601 (Python 3.11 ``fromisoformat``) or RFC 2822; None when neither parses."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError):
        return None


def _lang(value: object) -> str | None:
    """A lower-case ISO 639-1 code from ``en``, ``EN``, ``en-US`` ...; None for anything else."""
    if not isinstance(value, str):
        return None
    match = _LANG.fullmatch(value.strip().lower())
    return match.group(1) if match else None


def _host(url: str) -> str | None:
    """The URL's host, lower-cased, without a leading ``www.``; None when it has none."""
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        host = parts.hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.") or None


def normalise_url(url: str) -> str:
    """The URL as used for ids: scheme, ``www.``, default port, fragment, tracking parameters and a
    trailing slash dropped; host lower-cased. ``HTTPS://www.X.com/a/?utm_source=y#c`` -> ``x.com/a``.
    """
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        port = parts.port
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").removeprefix("www.")
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or "/"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.fullmatch(k)]
    )
    return host + path + (f"?{query}" if query else "")


def _sha1_16(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class _Extracted:
    text: str | None
    title: str | None
    url: str | None
    date: str | None


def _extract_html(html: str) -> _Extracted:
    """Article text and metadata of an HTML document (text None when trafilatura finds none)."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # a third-party parser: any failure means "no usable HTML"
        raise _Reject(f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    meta: Mapping[str, Any] = {} if doc is None else doc if isinstance(doc, Mapping) else doc.as_dict()

    def text_of(key: str) -> str | None:
        value = meta.get(key)
        return (value.strip() or None) if isinstance(value, str) else None

    title = text_of("title")
    if title is None:
        tag = _TITLE_TAG.search(html)
        title = (" ".join(html_lib.unescape(tag.group(1)).split()) or None) if tag else None
    return _Extracted(text_of("text"), title, text_of("url"), text_of("date"))


def _is_binary(text: str) -> bool:
    """NUL bytes, or more than 10% control / replacement characters."""
    if "\x00" in text:
        return True
    bad = sum(1 for _ in _NON_TEXT.finditer(text))
    return bad > 0.10 * len(text)


def _outlet(fields: Mapping[str, object]) -> str | None:
    """The outlet field (or alias); an object with a ``name`` (NewsAPI's ``source``) gives its name."""
    value = _pick(fields, _OUTLET_KEYS)
    if isinstance(value, Mapping):
        value = value.get("name")
        return (value.strip() or None) if isinstance(value, str) else None
    return _string({"outlet": value}, ("outlet",))


def _record_to_row(raw: RawRecord, source_file: str, now: datetime) -> dict[str, object]:
    """Validate one raw record into a RAW_ARTICLE row; raises _Reject with the reason otherwise."""
    if raw.error is not None:
        raise _Reject(raw.error)
    if not isinstance(raw.value, Mapping):
        raise _Reject(f"record is {_kind(raw.value)}, not an object")
    fields = {str(k).strip().lower(): v for k, v in raw.value.items() if k is not None}

    title = _string(fields, _TITLE_KEYS)
    url = _string(fields, _URL_KEYS)
    published: object = _pick(fields, _DATE_KEYS)
    text = _string(fields, _TEXT_KEYS, numbers=False)
    if text is None:
        html = _string(fields, _HTML_KEYS, numbers=False)
        if html is None:
            if any(key in fields for key in (*_TEXT_KEYS, *_HTML_KEYS)):
                raise _Reject("empty text")
            raise _Reject("no text or html field")
        if len(html) > MAX_HTML_CHARS:
            raise _Reject(f"HTML too large ({len(html)} characters, limit {MAX_HTML_CHARS})")
        if _is_binary(html):
            raise _Reject("binary or non-text content")
        extracted = _extract_html(html)
        if extracted.text is None:
            raise _Reject("no article text found in HTML")
        words = len(extracted.text.split())
        if words < MIN_HTML_WORDS:
            raise _Reject(f"no article text found in HTML (only {words} words of text, at least {MIN_HTML_WORDS})")
        text = extracted.text
        title = title or extracted.title
        url = url or extracted.url
        if published is None and extracted.date is not None:
            try:
                published = _parse_timestamp(extracted.date, now)
            except _Reject:
                published = None
    given_text = text  # a content-derived id stays what it was before date tokens were removed
    token = _DATE_TOKEN.match(text)
    if token is not None:
        text = text[token.end() :]
        if published is None and len(token.group(1)) == len("YYYY-MM-DD"):
            published = token.group(1)
    if not text:
        raise _Reject("empty text")
    if len(text) > MAX_TEXT_CHARS:
        raise _Reject(f"text too long ({len(text)} characters, limit {MAX_TEXT_CHARS})")
    if _is_binary(text):
        raise _Reject("binary or non-text content")
    if is_consent_wall(text):
        raise _Reject("no article text: only a cookie or consent notice")

    published_at = _parse_timestamp(published, now)
    article_id = _string(fields, _ID_KEYS)
    if article_id is None:
        article_id = f"u-{_sha1_16(normalise_url(url))}" if url else f"c-{_sha1_16(given_text)}"
    outlet = _outlet(fields) or (_host(url) if url else None) or "unknown"
    row: dict[str, object] = {
        "article_id": article_id,
        "url": url,
        "outlet": outlet,
        "title": title,
        "published_at": published_at,
        "lang": _lang(_pick(fields, _LANG_KEYS)),
        "text": text,
        "source_file": source_file,
        "record_ref": raw.ref,
    }
    return {key: _valid_unicode(value) if isinstance(value, str) else value for key, value in row.items()}


def _reject_row(source_file: str, raw: RawRecord, reason: str) -> dict[str, object]:
    """A REJECT row for ``raw``."""
    return {
        "source_file": source_file,
        "record_ref": raw.ref,
        "reason": reason,
        "payload": _payload(raw.payload),
    }


# --------------------------------------------------------------------------- entry point


def read_inputs(paths: Sequence[str | Path]) -> IngestResult:
    """Read every record of the inputs: usable ones become articles, the rest rejects.

    Raises InputError (and returns nothing) if any input cannot be read at all: a missing path,
    an unsupported extension, a ``.json`` or ``.parquet`` file that does not parse as a whole,
    an unreadable file. Articles keep input order; ``source_file`` is the path as a string.
    """
    return articles_from_records(_records(paths))


def read_input_batches(paths: Sequence[str | Path], batch_size: int) -> Iterator[IngestResult]:
    """:func:`read_inputs` in batches of at most ``batch_size`` records, read as they are asked for.

    Together the batches hold exactly the articles and rejects of :func:`read_inputs`, in the
    same order: an id repeated in a later batch is treated as if both were in one. An input
    that cannot be read raises InputError when its batch is asked for (earlier batches have
    been handed out by then: a caller that must be all-or-nothing discards them).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    validator = _Validator()
    records = _records(paths)
    while (first := next(records, None)) is not None:
        # Validated as they are read: no list of the batch's raw records outlives its validation.
        yield validator.validate(itertools.chain([first], itertools.islice(records, batch_size - 1)))


def _records(paths: Sequence[str | Path]) -> Iterator[tuple[str, RawRecord]]:
    for path in discover_inputs(paths):
        source = _valid_unicode(str(path))
        for raw in _read_file(path):
            yield source, raw


def articles_from_records(records: Iterable[tuple[str, RawRecord]]) -> IngestResult:
    """Validate ``(source, record)`` pairs into articles and rejects (the rules of the module docstring).

    ``source`` names where the record came from (a file path, a feed URL) and becomes
    ``source_file``. Articles keep the given order; of a repeated article id the first wins.
    """
    return _Validator().validate(records)


class _Validator:
    """Validates records into articles and rejects, remembering every article id it let through.

    Invariant: of a repeated article id the first record wins, whichever call it came in; a
    later one with the same text is dropped, one with different text rejected.
    """

    def __init__(self) -> None:
        self._now = datetime.now(UTC)
        self._first_seen: dict[str, tuple[bytes, str, str]] = {}  # article_id -> (text digest, source, ref)

    def validate(self, records: Iterable[tuple[str, RawRecord]]) -> IngestResult:
        articles: list[dict[str, object]] = []
        rejects: list[dict[str, object]] = []
        for source_file, raw in records:
            try:
                row = _record_to_row(raw, source_file, self._now)
            except _Reject as reject:
                rejects.append(_reject_row(source_file, raw, reject.reason))
                continue
            article_id = str(row["article_id"])
            digest = hashlib.sha1(str(row["text"]).encode("utf-8")).digest()
            seen = self._first_seen.get(article_id)
            if seen is None:
                self._first_seen[article_id] = (digest, source_file, raw.ref)
                articles.append(row)
            elif seen[0] != digest:
                reason = f"duplicate id {article_id} with different text (first seen in {seen[1]} {seen[2]})"
                rejects.append(_reject_row(source_file, raw, reason))
        return IngestResult(
            articles=pa.Table.from_pylist(articles, schema=RAW_ARTICLE),
            rejects=pa.Table.from_pylist(rejects, schema=REJECT),
        )
