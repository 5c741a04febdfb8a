"""Every exception wiretrace raises on purpose, in one place.

Each stops what it was doing with a one-line reason that names the input, the file or the
check concerned and says what to do. :class:`InputError` is raised before anything is
written; the others leave the warehouse as it was (a run's writes are in a private copy
that is only published when the run succeeds).
"""

from __future__ import annotations


class WiretraceError(Exception):
    """Base of wiretrace's own errors (``except WiretraceError`` catches every one)."""


class InputError(WiretraceError):
    """An input that cannot be read at all (missing path, unknown format, bad settings).

    The message is one line naming the path and the reason, e.g.
    ``"data/feed.xml: unsupported file type '.xml'"``. Raised before anything is written;
    records that are merely unusable are rejects, not errors.
    """


class FeedError(WiretraceError):
    """A fetched feed that yields no entries because it cannot be parsed (the reason is the message)."""


class WarehouseBusyError(WiretraceError, RuntimeError):
    """Another run holds the writer lock longer than this run was willing to wait."""


class DataCheckError(WiretraceError, RuntimeError):
    """A data check found offending rows; the run is not published."""


class CompactionMismatchError(WiretraceError, RuntimeError):
    """A compacted copy of the warehouse does not hold the same rows; the original is kept."""


class WarehouseTooNewError(WiretraceError, RuntimeError):
    """The warehouse holds a migration this code does not know: it was migrated by a newer wiretrace.

    Every write stops before changing anything; readers still work.
    """


class VersionNotFoundError(InputError):
    """``wiretrace restore`` was given a version that is not kept beside the warehouse."""


class NothingUsableError(WiretraceError, RuntimeError):
    """A run or poll read nothing usable (:mod:`wiretrace.failures` says exactly when).

    Its quarantine and fetch-log rows are published, and its ``lineage.runs`` row says ``failed``
    with this message, which counts the failures by reason and names the table to look in.
    """
