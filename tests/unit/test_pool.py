"""How a stage's work is cut into chunks for another place (a process pool, a cluster) and put back in order."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import pytest

from tasks._pool import chunked_map, in_order


class LastFirst:
    """A pool that computes nothing until asked for a result, then finishes its jobs newest first."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]] = []
        self.sizes: list[int] = []
        self.most_pending = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.jobs.append((future, fn, args))
        self.sizes.append(len(args[1]) if len(args) == 2 and isinstance(args[1], list) else 1)
        self.most_pending = max(self.most_pending, sum(not f.done() for f, _, _ in self.jobs))
        original = future.result

        def result(timeout: float | None = None) -> Any:
            for f, job, job_args in reversed(self.jobs):
                if not f.done():
                    f.set_result(job(*job_args))
            return original(timeout)

        future.result = result  # type: ignore[method-assign]
        return future


def test_chunked_map_gives_map_in_input_order_with_one_job_per_chunk() -> None:
    pool = LastFirst()
    words = [f"w{i}" for i in range(23)]
    mapper = chunked_map(pool, chunk=5, ahead=2)
    assert list(mapper(str.upper, words)) == [w.upper() for w in words]
    assert pool.sizes == [5, 5, 5, 5, 3]  # never one job per item
    assert pool.most_pending <= 3  # ahead + 1
    assert list(mapper(lambda a, b: a + b, [1, 2, 3], [10, 20, 30])) == [11, 22, 33]
    assert list(mapper(str.upper, [])) == []


def test_chunked_map_refuses_unequal_inputs_and_a_chunk_of_nothing() -> None:
    with pytest.raises(ValueError):
        list(chunked_map(LastFirst(), chunk=2, ahead=1)(max, [1, 2, 3], [1, 2]))
    with pytest.raises(ValueError, match="chunk must be positive"):
        chunked_map(LastFirst(), chunk=0, ahead=1)


def test_in_order_yields_in_job_order_whoever_finishes_first() -> None:
    pool = LastFirst()
    jobs = ((key, (key,)) for key in "abcdefg")
    assert list(in_order(pool, str.upper, jobs, ahead=3)) == [(k, k.upper()) for k in "abcdefg"]
    assert pool.most_pending <= 4
