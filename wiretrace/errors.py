"""Exceptions that wiretrace raises to stop a run with a clear, one-line reason."""

from __future__ import annotations


class InputError(Exception):
    """An input that cannot be read at all (missing path, unknown format).

    The message is one line naming the path and the reason, e.g.
    ``"data/feed.xml: unsupported file type '.xml'"``. Raised before anything is written;
    records that are merely unusable are rejects, not errors.
    """
