"""One new run into several warehouses, side by side: the time a run takes as the warehouse grows.

    python -m benchmarks.runs_into NEW.jsonl --into empty --into 15d=/tmp/15d.duckdb \\
        --into 1m=/tmp/1m.duckdb --into 10m=/tmp/10m.duckdb --repeat 2 --workdir /tmp/runs-into

Each run is ``/usr/bin/time -v wiretrace run NEW --db COPY --verbose`` in its own process, on a
fresh copy of the warehouse's hot file with its frozen part files hard-linked (a run never writes
a part, so the link costs no disk and no time); ``empty`` starts from no warehouse. Rounds
alternate over the warehouses (round 1: every warehouse, then round 2 …), so a change of machine
load spreads over all of them. Prints the stage table of :mod:`benchmarks.run_stages` and the
1-minute load average at each start; the logs stay in ``--workdir``, the copies are deleted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.run_stages import main as stage_table

WIRETRACE = str(Path(sys.executable).parent / "wiretrace")


def _copy(src: Path, dst: Path) -> None:
    """The hot file copied, its part files hard-linked."""
    shutil.copyfile(src, dst)
    parts = src.with_name(src.name + ".parts")
    if parts.is_dir():
        target = dst.with_name(dst.name + ".parts")
        target.mkdir()
        for part in parts.iterdir():
            os.link(part, target / part.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", type=Path, help="the new run's input")
    parser.add_argument("--into", action="append", required=True, metavar="LABEL=DB|empty")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workdir", type=Path, required=True)
    args = parser.parse_args(argv)
    targets: list[tuple[str, Path | None]] = []
    for spec in args.into:
        label, _, db = spec.partition("=")
        if label != "empty" and not Path(db).is_file():
            print(f"runs_into: --into {spec}: no warehouse file {db!r}", file=sys.stderr)
            return 2
        targets.append((label, Path(db) if db else None))
    args.workdir.mkdir(parents=True, exist_ok=True)
    logs = []
    for round_ in range(1, args.repeat + 1):
        for label, src in targets:
            folder = args.workdir / f"{label}-{round_}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            db = folder / "wiretrace.duckdb"
            if src is not None:
                _copy(src, db)
            os.sync()
            log = args.workdir / f"{label}-{round_}.log"
            load = Path("/proc/loadavg").read_text().split()[0]
            print(f"{label}-{round_}: load {load} at start", flush=True)
            with open(log, "w") as out:
                command = ["/usr/bin/time", "-v", WIRETRACE, "run", str(args.input), "--db", str(db), "--verbose"]
                env = {**os.environ, "PREFECT_LOGGING_LEVEL": "INFO"}  # the stage table reads the task log
                done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, env=env, check=False)
            shutil.rmtree(folder)
            if done.returncode:
                print(f"runs_into: the run into {label} failed (exit {done.returncode}): see {log}", file=sys.stderr)
                return 1
            logs.append(str(log))
    return stage_table(logs)


if __name__ == "__main__":
    raise SystemExit(main())
