"""Progress bars for long steps, drawn only on a terminal.

The pure core knows nothing of them: a task passes a callback into the core, or feeds it
chunks and advances the bar between them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

Advance = Callable[[int], None]


def _ignore(_: int) -> None:
    """The callback of a bar that is not drawn."""


@contextmanager
def progress_bar(description: str, total: int | None, stream: TextIO | None = None) -> Iterator[Advance]:
    """Yield ``advance(n)``; a bar with ``description`` is drawn on ``stream`` (default: stderr)
    only when it is a terminal, and removed when the block ends. ``total=None`` counts without a bar end."""
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        yield _ignore
        return
    columns = (TextColumn(f"{description:<12}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(
        *columns, console=Console(file=out), transient=True, redirect_stdout=False, redirect_stderr=False
    ) as progress:
        task_id = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task_id, n)
