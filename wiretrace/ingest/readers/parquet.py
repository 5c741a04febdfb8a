"""Parquet (``.parquet``): one record per row (``row N``, 0-based).

Invariants: nanosecond timestamps are cast to microseconds (so they become Python datetimes); a file
that Arrow cannot read raises InputError.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from wiretrace.ingest.readers.base import Reader, read_whole
from wiretrace.ingest.records import RawRecord, input_error, json_payload


def _us_timestamps(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Cast nanosecond timestamp columns to microseconds so they convert to Python datetimes."""
    columns = []
    for column in batch.columns:
        if pa.types.is_timestamp(column.type) and column.type.unit == "ns":
            column = pc.cast(column, pa.timestamp("us", tz=column.type.tz), safe=False)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def parse(data: bytes, path: Path) -> Iterator[RawRecord]:
    """One record per row (``row N``, 0-based)."""
    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
        batches = parquet.iter_batches(batch_size=1024)
        number = 0
        for batch in batches:
            for value in _us_timestamps(batch).to_pylist():
                yield RawRecord(f"row {number}", value, json_payload(value))
                number += 1
    except (pa.ArrowException, OSError) as exc:
        raise input_error(path, f"not a readable Parquet file ({exc})") from exc


def read(path: Path, compressed: bool) -> Iterator[RawRecord]:
    return read_whole(path, compressed, "parquet", parse)


READER = Reader("parquet", (".parquet",), read)
