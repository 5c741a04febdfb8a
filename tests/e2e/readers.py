"""Reader processes for the reader test: ``python -m tests.e2e.readers hold|poll DB STOP_FILE``.

``hold`` opens one read-only connection and reads the whole warehouse through it every 0.2 s until
STOP_FILE exists, then closes it, opens a new one and reads again. ``poll`` opens, reads and closes
a new connection every 50 ms until STOP_FILE exists, plus once after. Each prints one JSON line:
the distinct snapshots it saw (in order) and how many reads it made.
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import closing
from pathlib import Path

from tests.e2e.states import snapshot, snapshot_of
from warehouse.connection import connect_reader


def state_key(state: dict[str, tuple[int, int]]) -> str:
    return json.dumps(sorted(state.items()))


def hold(db: Path, stop: Path) -> dict[str, object]:
    seen: list[str] = []
    reads = 0
    with closing(connect_reader(db)) as con:
        print("ready", flush=True)
        while True:
            stopping = stop.exists()
            state = state_key(snapshot_of(con))
            reads += 1
            if not seen or seen[-1] != state:
                seen.append(state)
            if stopping:
                break
            time.sleep(0.2)
    return {"seen": seen, "reads": reads, "reopened": state_key(snapshot(db))}


def poll(db: Path, stop: Path) -> dict[str, object]:
    seen: list[str] = []
    reads = 0
    print("ready", flush=True)
    while True:
        stopping = stop.exists()
        state = state_key(snapshot(db))
        reads += 1
        if not seen or seen[-1] != state:
            seen.append(state)
        if stopping:
            break
        time.sleep(0.05)  # leave the writer some CPU
    return {"seen": seen, "reads": reads}


if __name__ == "__main__":
    mode, db_arg, stop_arg = sys.argv[1:4]
    reader = {"hold": hold, "poll": poll}[mode]
    print(json.dumps(reader(Path(db_arg), Path(stop_arg))), flush=True)
