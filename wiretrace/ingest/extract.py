"""Article text and metadata of an HTML document, extracted with trafilatura.

Invariants: every field of :class:`Extracted` is a stripped non-empty string or None (text None
when trafilatura finds no article); the title falls back to the document's ``<title>``; any
failure of the parser is a :class:`~wiretrace.ingest.records.Reject`, never another exception.

``site_name`` is the name the page gives itself, in this order: ``<meta property="og:site_name">``,
the ``name`` of a JSON-LD ``publisher``, ``<meta name="application-name">``; whitespace collapsed,
at most :data:`MAX_SITE_NAME_CHARS` characters, never a URL. trafilatura's own ``sitename`` is not
used: it falls back to a Twitter handle, a Facebook URL in ``article:publisher`` or the host.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from wiretrace.ingest.records import Reject

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
#: Longest site name taken from a page; a longer value is a description, not a name.
MAX_SITE_NAME_CHARS = 80
_SITE_NAME_META = (
    "//meta[@property='og:site_name' or @name='og:site_name']/@content",
    "//meta[@name='application-name']/@content",
)


@dataclass(frozen=True)
class Extracted:
    text: str | None
    title: str | None
    url: str | None
    date: str | None
    site_name: str | None = None


def _clean_name(value: object) -> str | None:
    """A plausible site name: a non-blank string, not a URL, of at most MAX_SITE_NAME_CHARS."""
    if not isinstance(value, str):
        return None
    name = " ".join(value.split())
    if not name or len(name) > MAX_SITE_NAME_CHARS or re.match(r"(?i)[a-z][a-z0-9+.-]*://", name):
        return None
    return name


def _json_ld_publishers(value: object) -> Iterator[object]:
    """Names of ``publisher`` objects anywhere in a JSON-LD value (``@graph`` lists included), in order."""
    if isinstance(value, list):
        for item in value:
            yield from _json_ld_publishers(item)
    elif isinstance(value, dict):
        publisher = value.get("publisher")
        for item in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(item, dict):
                yield item.get("name")
        for key, item in value.items():
            if key != "publisher" and isinstance(item, list | dict):
                yield from _json_ld_publishers(item)


def site_name(tree: HtmlElement) -> str | None:
    """The name a parsed page gives itself (see the module docstring), else None."""
    og, app = ([_clean_name(value) for value in tree.xpath(path)] for path in _SITE_NAME_META)
    json_ld: list[str | None] = []
    for text in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(str(text))
        except ValueError:
            continue  # broken JSON-LD is common; the page still has its other names
        json_ld.extend(_clean_name(name) for name in _json_ld_publishers(data))
    return next((name for name in (*og, *json_ld, *app) if name), None)


def extract_html(html: str) -> Extracted:
    """Article text and metadata of an HTML document (text None when trafilatura finds none)."""
    try:
        tree = load_html(html)
        name = site_name(tree) if tree is not None else None
        doc = trafilatura.bare_extraction(
            tree if tree is not None else html,
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
    return Extracted(text_of("text"), title, text_of("url"), text_of("date"), name)
