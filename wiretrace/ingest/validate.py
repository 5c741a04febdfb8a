"""Validation of one raw record into a ``RAW_ARTICLE`` row, or a one-sentence reason why not.

Fields are matched case-insensitively with aliases (canonical name first, then aliases in order;
the first non-blank value wins). Invariants of a row returned by :func:`record_to_row`: a non-empty
``article_id`` (given, else ``u-`` + hash of the normalised URL, else ``c-`` + hash of the text as
given, before a date token is removed), non-empty text within MAX_TEXT_CHARS that is neither binary
nor only a consent notice, a non-null ``outlet`` (the record's ``outlet`` field, else the name an
HTML page gives itself (``og:site_name``, JSON-LD publisher, ``application-name``), else the
record's ``feed_title`` (a polled page's feed), else the URL's host without ``www.``, else
"unknown"), ``published_at`` in UTC (MIN_YEAR to now + MAX_FUTURE) or null, ``lang`` a lower-case
2-letter code or null, and only valid Unicode strings.
Anything else raises :class:`~wiretrace.ingest.records.Reject`. Duplicate ids are not seen here.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

from wiretrace.ids import article_id_from_text, article_id_from_url
from wiretrace.ingest.extract import extract_html
from wiretrace.ingest.records import RawRecord, Reject, kind, payload, valid_unicode
from wiretrace.ingest.urls import host_of, normalise_url
from wiretrace.normalise import is_consent_wall

MAX_TEXT_CHARS = 5_000_000  # an article's text; a novel is ~500k characters
MAX_HTML_CHARS = 10_000_000  # HTML to extract from; parsing is slow (~25 s for 20 MB), so refuse first
# Text extracted from a page without an article is its menu, cookie banner or error message
# ("Home World Sport"): fewer words than this is no article.
MIN_HTML_WORDS = 15
MAX_FUTURE = timedelta(days=2)
MIN_YEAR = 1900
#: Longest first line of a .txt file taken as its headline.
MAX_TXT_HEADLINE_WORDS = 20

_ID_KEYS = ("id",)
_URL_KEYS = ("url",)
_TITLE_KEYS = ("title",)
_LANG_KEYS = ("lang",)
HTML_KEYS = ("html",)
TEXT_KEYS = ("text", "body", "content")
_OUTLET_KEYS = ("outlet", "source", "publisher")
#: The title of the feed that listed a polled page: its outlet when the page does not name itself.
_FEED_TITLE_KEYS = ("feed_title",)
_DATE_KEYS = ("published_at", "date", "published", "pubdate")

# A leading "date 2024-12-26" or "date 2024-12" token before a record's text (group 1: the date).
_DATE_TOKEN = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?=\s|\Z)\s*")
# A headline alone on the first line of a .txt file: no sentence end, a blank line after it.
_TXT_HEADLINE = re.compile(r"\A[^\S\n]*(?P<title>[^\n]*[^\s.!?:;,])[^\S\n]*\n[^\S\n]*\n")
_LANG = re.compile(r"([a-z]{2})(?:[-_][a-z0-9]+)*")
# Control characters other than \t \n \v \f \r, C1 controls and U+FFFD: signs of binary or mis-decoded data.
_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def txt_headline(text: str) -> str | None:
    """The headline standing alone on the first line of a ``.txt`` text (after a date token), if any."""
    headline = _TXT_HEADLINE.match(_DATE_TOKEN.sub("", text, count=1))
    if headline is not None and len(headline["title"].split()) <= MAX_TXT_HEADLINE_WORDS:
        return headline["title"].strip()
    return None


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
    raise Reject(f"{keys[0]} must be a string, got {kind(value)}")


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
        raise Reject(f"published_at {_shown(value)} is not a valid date")
    try:
        parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise Reject(f"published_at {_shown(value)} is not a valid date") from exc
    if parsed.year < MIN_YEAR:
        raise Reject(f"published_at {_shown(value)} is before {MIN_YEAR}")
    if parsed > now + MAX_FUTURE:
        raise Reject(f"published_at {_shown(value)} is more than 2 days in the future")
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


def record_to_row(raw: RawRecord, source_file: str, now: datetime) -> dict[str, object]:
    """Validate one raw record into a RAW_ARTICLE row; raises Reject with the reason otherwise."""
    if raw.error is not None:
        raise Reject(raw.error)
    if not isinstance(raw.value, Mapping):
        raise Reject(f"record is {kind(raw.value)}, not an object")
    fields = {str(k).strip().lower(): v for k, v in raw.value.items() if k is not None}

    title = _string(fields, _TITLE_KEYS)
    url = _string(fields, _URL_KEYS)
    published: object = _pick(fields, _DATE_KEYS)
    text = _string(fields, TEXT_KEYS, numbers=False)
    site_name = None
    if text is None:
        html = _string(fields, HTML_KEYS, numbers=False)
        if html is None:
            if any(key in fields for key in (*TEXT_KEYS, *HTML_KEYS)):
                raise Reject("empty text")
            raise Reject("no text or html field")
        if len(html) > MAX_HTML_CHARS:
            raise Reject(f"HTML too large ({len(html)} characters, limit {MAX_HTML_CHARS})")
        if _is_binary(html):
            raise Reject("binary or non-text content")
        extracted = extract_html(html)
        if extracted.text is None:
            raise Reject("no article text found in HTML")
        words = len(extracted.text.split())
        if words < MIN_HTML_WORDS:
            raise Reject(f"no article text found in HTML (only {words} words of text, at least {MIN_HTML_WORDS})")
        text = extracted.text
        site_name = extracted.site_name
        title = title or extracted.title
        url = url or extracted.url
        if published is None and extracted.date is not None:
            try:
                published = _parse_timestamp(extracted.date, now)
            except Reject:
                published = None
    given_text = text  # a content-derived id stays what it was before date tokens were removed
    token = _DATE_TOKEN.match(text)
    if token is not None:
        text = text[token.end() :]
        if published is None and len(token.group(1)) == len("YYYY-MM-DD"):
            published = token.group(1)
    if not text:
        raise Reject("empty text")
    if len(text) > MAX_TEXT_CHARS:
        raise Reject(f"text too long ({len(text)} characters, limit {MAX_TEXT_CHARS})")
    if _is_binary(text):
        raise Reject("binary or non-text content")
    if is_consent_wall(text):
        raise Reject("no article text: only a cookie or consent notice")

    published_at = _parse_timestamp(published, now)
    article_id = _string(fields, _ID_KEYS)
    if article_id is None:
        article_id = article_id_from_url(normalise_url(url)) if url else article_id_from_text(given_text)
    outlet = (
        _outlet(fields)
        or site_name
        or _string(fields, _FEED_TITLE_KEYS)
        or (host_of(url) if url else None)
        or "unknown"
    )
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
    return {key: valid_unicode(value) if isinstance(value, str) else value for key, value in row.items()}


def reject_row(source_file: str, raw: RawRecord, reason: str) -> dict[str, object]:
    """A REJECT row for ``raw``."""
    return {
        "source_file": source_file,
        "record_ref": raw.ref,
        "reason": reason,
        "payload": payload(raw.payload),
    }
