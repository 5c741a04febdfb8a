"""Decoding of text and HTML bytes into ``str``, and Content-Type header helpers.

Invariants: text is UTF-8 when its bytes are valid UTF-8 (a BOM is honoured and stripped); bytes
that are not UTF-8 are read as cp1252 (per byte, so files mixing both decode right), then guessed
by charset_normalizer; C1 control characters in the result become their cp1252 characters. None
means "not text in any encoding". Importing this module registers the ``wiretrace.cp1252`` codec
error handler.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_C1 = re.compile("[\x80-\x9f]")


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


def decode(data: bytes) -> str | None:
    """Decode text bytes; None when they do not look like text in any encoding.

    UTF-8 (BOM stripped) first; else UTF-8 with every invalid byte read as cp1252, which is plain
    cp1252 for a cp1252 file and also right for files mixing both; else charset_normalizer's best
    guess. C1 control characters (cp1252 text mis-stored as UTF-8) become their cp1252 characters.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return repair_c1(data.decode("utf-16"))
        except UnicodeDecodeError:
            return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = utf8_or_cp1252(data)
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            return None
        text = str(best)
    return repair_c1(text)


def utf8_or_cp1252(data: bytes) -> str:
    """UTF-8, with each byte that is not UTF-8 read as cp1252; UnicodeDecodeError if cp1252 lacks one."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="wiretrace.cp1252")


def repair_c1(text: str) -> str:
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
        return decode(data)
    try:
        return repair_c1(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(data[:4096])
    for name in (declared, meta.group(1).decode("ascii") if meta else None):
        codec = _codec(name)
        if codec is None or codec == "utf-8":
            continue
        try:
            return repair_c1(data.decode(codec))
        except UnicodeDecodeError:
            continue
    return decode(data)
