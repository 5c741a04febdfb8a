"""Where a small ``wiretrace run`` spends its time outside its own work, with and without a server.

Runs ``wiretrace run`` on the two bundled seed articles into a new warehouse ``--repeat`` times
in each of two set-ups, side by side in one session:

* no Prefect server configured: Prefect starts a temporary server for the run and stops it;
* a running ``prefect server start`` on 127.0.0.1 (a private PREFECT_HOME, started once and
  waited for before timing), used through ``PREFECT_API_URL``.

"Own work" is the run's write session as ``lineage.runs`` records it (``started_at`` to
``finished_at``: read, normalise, sign, verify, cluster, link, check); the rest of the wall time
is start-up (Python imports, Prefect's server and flow-run bookkeeping) and publishing.

    python -m benchmarks.small_run [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import duckdb


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _one_run(env: dict[str, str], folder: Path, index: int) -> tuple[float, float]:
    """(wall seconds, seconds of the run's own write session)."""
    db = folder / f"run-{index}.duckdb"
    command = [str(Path(sys.executable).with_name("wiretrace")), "run", "--db", str(db)]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT epoch(finished_at) - epoch(started_at) FROM wt.runs").fetchone()
    finally:
        con.close()
    assert row is not None
    return wall, float(row[0])


def _server(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = dict(os.environ, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    prefect = str(Path(sys.executable).with_name("prefect"))
    process = subprocess.Popen(
        [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("prefect server did not start in 180 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    rows = []
    with tempfile.TemporaryDirectory(prefix="wiretrace-small-") as tmp:
        folder = Path(tmp)
        base = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        base["PREFECT_HOME"] = str(folder / "prefect-home-ephemeral")
        runs = [_one_run(base, folder, i) for i in range(args.repeat)]
        rows.append(("no server configured (temporary server)", runs))
        process, url = _server(folder / "prefect-home-server")
        try:
            env = dict(base, PREFECT_API_URL=url, PREFECT_HOME=str(folder / "prefect-home-server"))
            runs = [_one_run(env, folder, args.repeat + i) for i in range(args.repeat)]
            rows.append((f"prefect server start ({url})", runs))
        finally:
            process.terminate()
            process.wait(timeout=60)
    print("| set-up | wall (median s) | own work (median s) | outside own work (median s) |")
    print("|---|---:|---:|---:|")
    for label, runs in rows:
        wall = statistics.median(w for w, _ in runs)
        own = statistics.median(o for _, o in runs)
        outside = statistics.median(w - o for w, o in runs)
        print(f"| {label} | {wall:.2f} | {own:.2f} | {outside:.2f} |")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
