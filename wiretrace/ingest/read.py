"""Reading inputs end to end: discovered files -> raw records -> articles and rejects.

Invariants: ``article_id`` is unique among the articles of one :func:`read_inputs` call (and across
the batches of one :func:`read_input_batches` call): a repeated id with the same text is dropped
silently, with different text it is rejected (the first occurrence wins); every record that is not
an article is one reject; articles and rejects keep input order; an input that cannot be read at all
raises InputError.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from wiretrace.ids import text_digest
from wiretrace.ingest.discover import discover_inputs
from wiretrace.ingest.readers import reader_of
from wiretrace.ingest.records import RawRecord, Reject, valid_unicode
from wiretrace.ingest.validate import record_to_row, reject_row
from wiretrace.schemas import RAW_ARTICLE, REJECT


@dataclass(frozen=True)
class IngestResult:
    """Outcome of reading inputs: usable articles and rejected records."""

    articles: pa.Table  # schema RAW_ARTICLE
    rejects: pa.Table  # schema REJECT


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
        found = reader_of(path)
        assert found is not None  # discover_inputs only returns files some reader takes
        reader, compressed = found
        source = valid_unicode(str(path))
        for raw in reader.read(path, compressed):
            yield source, raw


def articles_from_records(records: Iterable[tuple[str, RawRecord]]) -> IngestResult:
    """Validate ``(source, record)`` pairs into articles and rejects (see :mod:`wiretrace.ingest.validate`).

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
                row = record_to_row(raw, source_file, self._now)
            except Reject as reject:
                rejects.append(reject_row(source_file, raw, reject.reason))
                continue
            article_id = str(row["article_id"])
            digest = text_digest(str(row["text"]))
            seen = self._first_seen.get(article_id)
            if seen is None:
                self._first_seen[article_id] = (digest, source_file, raw.ref)
                articles.append(row)
            elif seen[0] != digest:
                reason = f"duplicate id {article_id} with different text (first seen in {seen[1]} {seen[2]})"
                rejects.append(reject_row(source_file, raw, reason))
        return IngestResult(
            articles=pa.Table.from_pylist(articles, schema=RAW_ARTICLE),
            rejects=pa.Table.from_pylist(rejects, schema=REJECT),
        )
