"""The files of a project folder set up for scheduled runs (``wiretrace init``).

An inbox folder (the ``wiretrace-hourly`` deployment takes its new files), a feeds list with
comments and no feed (the ``wiretrace-poll`` deployment polls it and does nothing while it lists
none), and a settings file holding every default of :class:`~wiretrace.params.PipelineParams`,
commented out. Invariant: an existing file or folder is never overwritten or changed.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from wiretrace.errors import InputError
from wiretrace.params import PipelineParams
from wiretrace.settings import CONFIG_NAME

INBOX = "inbox"
FEEDS = "feeds.txt"

FEEDS_TEMPLATE = """\
# Feeds that the wiretrace-poll deployment polls every 10 minutes (and `wiretrace poll --feeds feeds.txt`).
# One RSS or Atom feed URL (http or https) per line; blank lines and anything after '#' are ignored.
# While no line holds a URL, a poll completes without fetching anything. For example:
# https://www.example.com/world/rss.xml
"""

_CONFIG_HEAD = """\
# wiretrace settings (README "Settings"). Every value here is the default, commented out: uncomment
# a line and change it. `wiretrace run --set section.key=value` and the flows' `settings` parameter
# override this file; every run records the values it used in lineage.runs.parameters.
"""

_SECTION_NOTES = {
    "signature": "Changing a value here (other than max_bucket and min_shared_bands) changes the signature id:\n"
    "the next run signs every stored article again.",
    "verify": "Thresholds that turn a candidate pair into a verified, typed pair (wiretrace/params.py).",
}


def config_template(params: PipelineParams | None = None) -> str:
    """A ``wiretrace.toml`` listing every setting of ``params`` (default: the defaults), commented out."""
    params = params or PipelineParams()
    lines = [_CONFIG_HEAD]
    for section in dataclasses.fields(params):
        lines.append(f"[{section.name}]")
        lines.extend(f"# {note}" for note in _SECTION_NOTES.get(section.name, "").splitlines())
        values = getattr(params, section.name)
        for name in (f.name for f in dataclasses.fields(values)):
            value = getattr(values, name)
            lines.append(f"# {name} = {_toml_value(value)}" if value is not None else f"# {name} unset by default")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value)


def init_folder(folder: Path) -> list[tuple[str, bool]]:
    """Create the inbox, ``feeds.txt`` and ``wiretrace.toml`` in ``folder`` where they are missing.

    Returns ``(name, created)`` for each, in that order; ``created`` is False for one that existed
    and was kept as it was. Raises InputError if ``folder`` is not a folder or ``inbox`` is a file.
    """
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    done: list[tuple[str, bool]] = []
    inbox = folder / INBOX
    if inbox.exists() and not inbox.is_dir():
        raise InputError(f"{inbox}: exists and is not a folder (the inbox must be one)")
    done.append((INBOX, not inbox.exists()))
    inbox.mkdir(exist_ok=True)
    for name, text in ((FEEDS, FEEDS_TEMPLATE), (CONFIG_NAME, config_template())):
        try:
            with open(folder / name, "x", encoding="utf-8") as f:  # "x": never overwrites, even in a race
                f.write(text)
            done.append((name, True))
        except FileExistsError:
            done.append((name, False))
    return done
