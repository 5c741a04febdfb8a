"""How long the ``wiretrace`` command takes to answer a read command, side by side with a peer.

Times ``wiretrace --help`` and ``wiretrace sql "select 1"`` (on a warehouse made by running
the seeds once) ``--repeat`` times each and prints the minimum and median wall time, with the
load average. ``--peer-tree DIR`` times the same commands from another checkout (an older
commit: ``git worktree add /tmp/old <rev>``), run as ``python -m <module>`` with that tree
first on the path, in the same session.

    python -m benchmarks.cli_startup [--repeat 10] [--peer-tree /tmp/old --peer-module flows.cli]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _timed(command: list[str], env: dict[str, str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--peer-tree", type=Path, help="another checkout to time the same commands from")
    parser.add_argument("--peer-module", default="flows.cli", help="the peer tree's command-line module")
    args = parser.parse_args(argv)
    ours = [str(Path(sys.executable).with_name("wiretrace"))]
    with tempfile.TemporaryDirectory(prefix="wiretrace-cli-") as tmp:
        db = str(Path(tmp) / "seeds.duckdb")
        subprocess.run([*ours, "run", "--db", db], check=True, stdout=subprocess.DEVNULL)
        commands = {"--help": ["--help"], 'sql "select 1"': ["sql", "select 1", "--db", db]}
        sides = {"wiretrace (this tree)": (ours, dict(os.environ))}
        if args.peer_tree:
            env = dict(os.environ, PYTHONPATH=str(args.peer_tree.resolve()))
            sides[f"peer ({args.peer_tree})"] = ([sys.executable, "-m", args.peer_module], env)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
        print("| command | side | min (s) | median (s) |")
        print("|---|---|---:|---:|")
        for label, cmd in commands.items():
            for side, (prefix, env) in sides.items():
                times = _timed([*prefix, *cmd], env, args.repeat)
                print(f"| `wiretrace {label}` | {side} | {min(times):.2f} | {statistics.median(times):.2f} |")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
