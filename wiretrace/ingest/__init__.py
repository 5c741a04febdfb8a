"""Ingest stage: read input files into ``RAW_ARTICLE`` rows and ``REJECT`` rows.

Pure (no Prefect, no DuckDB): paths in, two Arrow tables out.

Formats, chosen by extension (case-insensitive, each optionally gzip-compressed as ``NAME.EXT.gz``),
one module each under :mod:`wiretrace.ingest.readers` (the registry :data:`~wiretrace.ingest.readers.READERS`):

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
truncated ``.jsonl.gz`` keeps its complete lines (see :mod:`wiretrace.ingest.readers.jsonl`); any other
damaged gzip file is one reject.

Modules: :mod:`~wiretrace.ingest.discover` (input files), :mod:`~wiretrace.ingest.readers` (formats),
:mod:`~wiretrace.ingest.decode` (bytes to text), :mod:`~wiretrace.ingest.validate` (records to rows),
:mod:`~wiretrace.ingest.extract` (HTML to text), :mod:`~wiretrace.ingest.urls` (URL normalisation),
:mod:`~wiretrace.ingest.records` (the raw record), :mod:`~wiretrace.ingest.read` (orchestration,
duplicate ids). The names below are the package's public interface.
"""

from __future__ import annotations

from wiretrace.errors import InputError
from wiretrace.ingest.decode import charset_of, decode_html, is_html_type
from wiretrace.ingest.discover import discover_inputs
from wiretrace.ingest.read import IngestResult, articles_from_records, read_input_batches, read_inputs
from wiretrace.ingest.records import RawRecord
from wiretrace.ingest.urls import normalise_url

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
