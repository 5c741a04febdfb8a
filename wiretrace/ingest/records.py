"""Raw records as readers hand them to validation, and the helpers that describe them in rejects.

Invariants: a :class:`RawRecord` either carries a parsed ``value`` or an ``error`` (a one-sentence
reason); a reject payload is at most PAYLOAD_CHARS characters, valid Unicode, with control characters
escaped; an :class:`~wiretrace.errors.InputError` message is a single line ``PATH: REASON``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from wiretrace.errors import InputError

PAYLOAD_CHARS = 2000

_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates (from JSON escapes, odd file names)


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


class Reject(Exception):
    """Raised inside validation: the record is unusable for the given one-sentence reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def input_error(path: str | Path, reason: str) -> InputError:
    """An InputError whose message is a single line: ``PATH: REASON``."""
    return InputError(re.sub(r"\s*[\r\n]+\s*", " ", f"{path}: {reason}"))


def kind(value: object) -> str:
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


def valid_unicode(text: str) -> str:
    """``text`` with lone surrogates (not encodable as UTF-8, so not storable in Arrow) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def payload(text: str | None) -> str | None:
    """The start of a raw record for a reject row: at most PAYLOAD_CHARS, control characters escaped."""
    if text is None:
        return None
    head = _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text[:PAYLOAD_CHARS])
    return valid_unicode(head[:PAYLOAD_CHARS])


def json_payload(value: object) -> str:
    """A record rendered as JSON (for payloads of structured records)."""
    return json.dumps(value, ensure_ascii=False, default=str)[:PAYLOAD_CHARS]


def undecodable(data: bytes) -> RawRecord:
    """The reject of a whole file whose bytes are not text; payload shows its first bytes escaped."""
    head = data[:PAYLOAD_CHARS].decode("utf-8", errors="backslashreplace")
    return RawRecord("file", None, head, error="binary or non-text content")
