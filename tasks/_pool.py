"""Process pools for the CPU-bound steps of a run (normalisation, verification, lineage)."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

#: Most worker processes a step starts: each verification worker holds about one time window of
#: article profiles (~0.7 GB at 100k synthetic articles), so more cores must not mean unbounded memory.
MAX_WORKERS = 4


def worker_count() -> int:
    """Worker processes for a step: the CPUs this process may run on, at most :data:`MAX_WORKERS`."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` fresh processes. "spawn", not "fork": forking a process that runs
    Prefect's threads can deadlock."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
