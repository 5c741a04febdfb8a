"""Stage times of one ``wiretrace run --verbose``, from Prefect's task log (and ``/usr/bin/time -v``'s lines).

    /usr/bin/time -v wiretrace run NEW.jsonl --db DB --verbose > run.log 2>&1
    python -m benchmarks.run_stages run.log [more.log …]

Each stage runs from the end of the previous one to the ``Finished`` line of its last task: the
write session's copy (with the lock, migrations and the run's row) ends with ``open-run``;
read, normalise and store with the last ``load-articles``; bringing back the frozen parts the
run reaches with ``thaw``; signing with ``sign``; candidates and verification with
``candidates-and-verify``; stories and lineage with ``lineage``; the data checks and run totals
with ``finish-run``; the checkpoint, fsync and rename of the working copy and the run report
with ``report-run``. Prefect's start-up and shutdown are the rest of the wall time.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

#: (stage, the task whose Finished line ends it), in flow order.
STAGES = [
    ("copy for the write session (lock, copy, migrate, open run)", "open-run"),
    ("read, normalise, store", "load-articles"),
    ("thaw the frozen parts the run reaches", "thaw"),
    ("sign", "sign"),
    ("candidates and verification", "candidates-and-verify"),
    ("stories, lineage", "lineage"),
    ("data checks and run totals", "finish-run"),
    ("publish (checkpoint, fsync, rename) and report", "report-run"),
]
_LINE = re.compile(r"^(\d\d:\d\d:\d\d\.\d{3}) \| \w+ +\| (Task run|Flow run) '([^']+)' - (.*)$")


def _clock(text: str) -> datetime:
    return datetime.strptime(text, "%H:%M:%S.%f")


def stage_seconds(log: str) -> dict[str, float]:
    """Seconds per stage (plus ``flow`` and, when ``/usr/bin/time -v`` wrote into the log, ``wall``)."""
    begin: datetime | None = None
    end: datetime | None = None
    finished: dict[str, datetime] = {}
    for line in log.splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        at, kind, name, message = _clock(m.group(1)), m.group(2), m.group(3), m.group(4)
        if at < (begin or at):
            at += timedelta(days=1)  # the run crossed midnight
        if kind == "Flow run" and message.startswith("Beginning flow run"):
            begin = at
        elif kind == "Flow run" and message.startswith("Finished in state"):
            end = at
        elif kind == "Task run" and message.startswith("Finished in state"):
            finished[name.rsplit("-", 1)[0]] = at  # the last run of each task
    if begin is None or end is None:
        raise ValueError("no 'Beginning flow run' and 'Finished in state' lines: run with --verbose")
    out: dict[str, float] = {}
    previous = begin
    for stage, task in STAGES:
        if task not in finished:
            raise ValueError(f"no Finished line of task {task!r} in the log")
        out[stage] = (finished[task] - previous).total_seconds()
        previous = finished[task]
    out["flow"] = (end - begin).total_seconds()
    if wall := re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", log):
        parts = [float(p) for p in wall.group(1).split(":")]
        out["wall"] = sum(p * 60**i for i, p in enumerate(reversed(parts)))
    if rss := re.search(r"Maximum resident set size \(kbytes\): (\d+)", log):
        out["max RSS (MB)"] = int(rss.group(1)) / 1024
    if counts := re.search(r"compared (\d+) candidate pairs, verified (\d+)", log):
        out["candidate pairs"], out["verified pairs"] = float(counts.group(1)), float(counts.group(2))
    return out


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print("usage: python -m benchmarks.run_stages RUN.log [RUN.log …]", file=sys.stderr)
        return 2
    columns = []
    for path in paths:
        try:
            columns.append(stage_seconds(path.read_text(encoding="utf-8", errors="replace")))
        except (OSError, ValueError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            return 2
    rows = [name for name, _ in STAGES] + ["flow", "wall", "max RSS (MB)", "candidate pairs", "verified pairs"]
    print("| stage | " + " | ".join(p.stem for p in paths) + " |")
    print("|---|" + "---:|" * len(paths))
    for row in rows:
        cells = [f"{c[row]:,.1f}" if row in c else "-" for c in columns]
        print(f"| {row} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
