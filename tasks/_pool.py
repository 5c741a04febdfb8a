"""Process pools for the CPU-bound steps of a run (normalisation, verification, lineage)."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

K = TypeVar("K")
R = TypeVar("R")

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
    """A pool of ``workers`` fresh processes that end when this process does, even when it is killed.

    "spawn", not "fork": forking a process that runs Prefect's threads can deadlock.
    """
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    )


def in_order(
    pool: Executor, fn: Callable[..., R], jobs: Iterable[tuple[K, tuple[Any, ...]]], ahead: int
) -> Iterator[tuple[K, R]]:
    """``(key, fn(*args))`` for each ``(key, args)`` of ``jobs``, in job order, computed in ``pool``.

    Jobs are taken lazily and at most ``ahead + 1`` are submitted and not yet yielded, so the
    caller holds a bounded number of jobs' inputs however many there are.
    """
    pending: deque[tuple[K, Future[R]]] = deque()
    for key, args in jobs:
        pending.append((key, pool.submit(fn, *args)))
        while len(pending) > ahead:
            done, job = pending.popleft()
            yield done, job.result()
    while pending:
        done, job = pending.popleft()
        yield done, job.result()


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: end the worker once ``parent`` is gone. A worker of a killed run would
    otherwise wait forever: its queues' other ends are held by its sibling workers, so it never
    sees them close."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
