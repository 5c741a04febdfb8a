"""Article text and metadata of an HTML document, extracted with trafilatura.

Invariants: every field of :class:`Extracted` is a stripped non-empty string or None (text None
when trafilatura finds no article); the title falls back to the document's ``<title>``; any
failure of the parser is a :class:`~wiretrace.ingest.records.Reject`, never another exception.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import trafilatura

from wiretrace.ingest.records import Reject

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


@dataclass(frozen=True)
class Extracted:
    text: str | None
    title: str | None
    url: str | None
    date: str | None


def extract_html(html: str) -> Extracted:
    """Article text and metadata of an HTML document (text None when trafilatura finds none)."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # a third-party parser: any failure means "no usable HTML"
        raise Reject(f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    meta: Mapping[str, Any] = {} if doc is None else doc if isinstance(doc, Mapping) else doc.as_dict()

    def text_of(key: str) -> str | None:
        value = meta.get(key)
        return (value.strip() or None) if isinstance(value, str) else None

    title = text_of("title")
    if title is None:
        tag = _TITLE_TAG.search(html)
        title = (" ".join(html_lib.unescape(tag.group(1)).split()) or None) if tag else None
    return Extracted(text_of("text"), title, text_of("url"), text_of("date"))
