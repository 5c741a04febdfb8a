"""Every id and digest wiretrace derives from content, in one place.

All are SHA-1 hex digests (truncated where an id is shown to people): not for security,
for stable names. Invariant: each is a pure function of its arguments, so re-running on the
same input gives the same ids, and changing a recipe here changes stored ids (never do it
without a migration).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def article_id_from_url(normalised_url: str) -> str:
    """``u-`` and 16 hex digits of an article's normalised URL (records without an id)."""
    return "u-" + _sha1(normalised_url.encode("utf-8", errors="surrogatepass"))[:16]


def article_id_from_text(text: str) -> str:
    """``c-`` and 16 hex digits of an article's text as given (records with neither id nor URL)."""
    return "c-" + _sha1(text.encode("utf-8", errors="surrogatepass"))[:16]


def text_digest(text: str) -> bytes:
    """Raw 20-byte digest of a text (finds exact duplicates within a batch)."""
    return hashlib.sha1(text.encode("utf-8")).digest()


def content_hash(clean_text: str) -> str:
    """Hex digest of an article's clean text: a new version of an article is a new hash."""
    return _sha1(clean_text.encode("utf-8"))


def body_hash(body: bytes) -> str:
    """Hex digest of a fetched page's bytes (an unchanged page is not extracted again)."""
    return _sha1(body)


def feed_entry_digest(fields: list[str | None]) -> str:
    """Hex digest of a feed entry's link, title, dates and summary (a changed entry is fetched again)."""
    return _sha1(json.dumps(fields, ensure_ascii=False).encode("utf-8"))


def story_id(first_member: str) -> str:
    """``st-`` and 12 hex digits of the first member's article id: a story's id never changes."""
    return "st-" + _sha1(first_member.encode("utf-8"))[:12]


def params_id(values: dict[str, object]) -> str:
    """12 hex digits of parameters as sorted JSON (signature parameters' id)."""
    return _sha1(json.dumps(values, sort_keys=True).encode())[:12]


def file_hash(chunks: Iterable[bytes]) -> str:
    """Hex digest of a file's bytes, given in chunks (an inbox file is taken again when it changes)."""
    digest = hashlib.sha1()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()
