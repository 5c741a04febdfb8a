"""The heavy stages of a run (normalisation, signatures, verification, lineage) on an existing Dask
cluster, through prefect-dask.

:func:`dask_cluster` connects once per run and gives the stages a :class:`~tasks._pool.Cluster`:
each chunk a stage would hand its local process pool (a few thousand articles, a segment of
candidate pairs, a batch of stories; never one article) becomes one Prefect task run on a Dask
worker, a child of the run's flow. Only plain values travel (Arrow tables, lists of texts and
profiles); the workers never open the warehouse, which this process alone reads and writes.
Results are used in submission order, whichever worker finishes first, and each chunk is
computed by the same pure function as locally: the tables equal a local run's.

Workers must be able to import ``wiretrace`` (install the project there) and should report to
the same Prefect API (``PREFECT_API_URL``) to show their task runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks._pool import Cluster, Pending, map_chunk
from tasks.sign import sign_chunk
from wiretrace.errors import InputError
from wiretrace.lineage import infer_stories
from wiretrace.verify import verify_segment

if TYPE_CHECKING:
    from prefect_dask import DaskTaskRunner

R = TypeVar("R")

#: Seconds to wait for the scheduler before the run fails.
CONNECT_TIMEOUT = 30


class Job:
    """``fn(*args)``, wrapped so that Prefect passes it on as one value: it never walks or copies the
    arguments (which it does, item by item, for a task's list and dict parameters)."""

    __slots__ = ("args", "fn", "token")

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.fn, self.args, self.token = fn, args, uuid.uuid4().hex

    def __call__(self) -> Any:
        return self.fn(*self.args)

    def __dask_tokenize__(self) -> str:
        """Dask names a task by hashing its arguments; each job is distinct, so a random token spares that hashing."""
        return self.token


def _run(job: Job) -> Any:
    return job()


# One task per kind of chunk, so that the Prefect UI names what each worker computes.
_NORMALISE = task(name="normalise-chunk", cache_policy=NO_CACHE)(_run)
_SIGN = task(name="sign-chunk", cache_policy=NO_CACHE)(_run)
_VERIFY = task(name="verify-segment", cache_policy=NO_CACHE)(_run)
_LINEAGE = task(name="lineage-batch", cache_policy=NO_CACHE)(_run)
_OTHER = task(name="chunk", cache_policy=NO_CACHE)(_run)
_TASKS: dict[Callable[..., Any], Any] = {
    map_chunk: _NORMALISE,
    sign_chunk: _SIGN,
    verify_segment: _VERIFY,
    infer_stories: _LINEAGE,
}


class DaskCluster(Cluster):
    """A :class:`~tasks._pool.Cluster` on a started :class:`prefect_dask.DaskTaskRunner`."""

    def __init__(self, runner: DaskTaskRunner) -> None:
        self._runner = runner

    def workers(self) -> int:
        return max(1, sum(self._runner.client.nthreads().values()))

    def submit(self, fn: Callable[..., R], /, *args: Any) -> Pending[R]:
        future: Pending[R] = self._runner.submit(_TASKS.get(fn, _OTHER), {"job": Job(fn, args)})
        return future


@contextmanager
def dask_cluster(address: str) -> Iterator[DaskCluster]:
    """The Dask scheduler at ``address`` (``tcp://host:port``) as a cluster for the run's stages.

    Connects at once: an address with no scheduler fails the run before anything is read.
    """
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as err:
        raise RuntimeError("--dask-address needs prefect-dask: pip install 'wiretrace[dask]'") from err
    runner = DaskTaskRunner(address=address, client_kwargs={"timeout": CONNECT_TIMEOUT})
    with runner:
        cluster = DaskCluster(runner)
        try:
            cluster.workers()
        except (OSError, TimeoutError) as err:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {type(err).__name__}: {err}") from err
        yield cluster
