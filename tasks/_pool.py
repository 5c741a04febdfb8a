"""Where the CPU-bound steps of a run (normalisation, signatures, verification, lineage) compute their
chunks: local process pools (the default), or the workers of a :class:`Cluster`."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any, Protocol, TypeVar

K = TypeVar("K")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Pending(Protocol[R_co]):
    """A computation started elsewhere: ``result()`` waits for its value (or raises its error)."""

    def result(self) -> R_co: ...


class Submitter(Protocol):
    """Starts ``fn(*args)`` elsewhere: a process pool, or a :class:`Cluster`."""

    def submit(self, fn: Callable[..., R], /, *args: Any) -> Pending[R]: ...


class Cluster(Submitter, Protocol):
    """Workers outside this process (a Dask cluster: :mod:`flows.dask_stages`).

    A stage hands them only plain values (Arrow tables, lists of texts and profiles), chunks of
    thousands of articles, never a warehouse path: this process alone reads and writes the warehouse.
    """

    def workers(self) -> int:
        """Worker threads on the cluster now (at least 1): how many chunks a stage keeps in flight."""
        ...


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
    pool: Submitter, fn: Callable[..., R], jobs: Iterable[tuple[K, tuple[Any, ...]]], ahead: int
) -> Iterator[tuple[K, R]]:
    """``(key, fn(*args))`` for each ``(key, args)`` of ``jobs``, in job order, computed in ``pool``.

    Jobs are taken lazily and at most ``ahead + 1`` are submitted and not yet yielded, so the
    caller holds a bounded number of jobs' inputs however many there are.
    """
    pending: deque[tuple[K, Pending[R]]] = deque()
    for key, args in jobs:
        pending.append((key, pool.submit(fn, *args)))
        while len(pending) > ahead:
            done, job = pending.popleft()
            yield done, job.result()
    while pending:
        done, job = pending.popleft()
        yield done, job.result()


def chunked_map(pool: Submitter, chunk: int, ahead: int) -> Callable[..., Iterator[Any]]:
    """A ``map(fn, *iterables)`` that computes ``chunk`` items per job in ``pool``: one job per
    ``chunk`` items, never one per item, results in input order whoever finishes first, at most
    ``ahead + 1`` jobs started and not yet yielded."""
    if chunk <= 0:
        raise ValueError(f"chunk must be positive, got {chunk}")

    def mapper(fn: Callable[..., Any], *iterables: Iterable[Any]) -> Iterator[Any]:
        items = zip(*iterables, strict=True)
        jobs = ((None, (fn, block)) for block in iter(lambda: list(islice(items, chunk)), []))
        for _, results in in_order(pool, map_chunk, jobs, ahead):
            yield from results

    return mapper


def map_chunk(fn: Callable[..., R], arguments: list[tuple[Any, ...]]) -> list[R]:
    """``[fn(*args) for args in arguments]``: one job of :func:`chunked_map`."""
    return [fn(*args) for args in arguments]


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: end the worker once ``parent`` is gone. A worker of a killed run would
    otherwise wait forever: its queues' other ends are held by its sibling workers, so it never
    sees them close."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
