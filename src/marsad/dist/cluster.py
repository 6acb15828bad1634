"""Run batches on a Dask distributed cluster (a local one or an existing scheduler).

Each worker builds ONE extractor when it joins (a ``WorkerPlugin``), so the gazetteer and lexicons
load once per worker process, also for workers restarted after a crash. Batches are submitted a
few at a time, so the client holds descriptions of the work in flight, never the articles.
A worker that dies mid-batch is handled by the scheduler, which runs the task again elsewhere;
shards are written atomically under a name fixed by the batch number, so the re-run replaces,
never duplicates.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from marsad.dist.batch import BatchReport, one_line, run_batch
from marsad.dist.plan import Batch

PLUGIN_NAME = "marsad-extractor"


class BatchLost(NamedTuple):
    """A batch the cluster could not finish (e.g. its workers kept dying): it is not marked done,
    so ``--resume`` runs it again."""

    index: int
    message: str


try:
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - distributed is a declared dependency
    WorkerPlugin = object  # type: ignore[misc,assignment]


class ExtractorPlugin(WorkerPlugin):  # type: ignore[misc]
    """Holds the worker's extractor, built once when the worker joins."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        import cloudpickle

        # cloudpickle, so a factory from a script or a module registered "by value" reaches remote workers.
        self.factory_bytes = cloudpickle.dumps(factory)
        self.extractor: Any = None
        self.error: str | None = None

    def setup(self, worker: Any) -> None:
        # Kept, not raised: the client asks for it and shows one clear line instead of a worker traceback.
        try:
            import cloudpickle

            self.extractor = cloudpickle.loads(self.factory_bytes)()
        except Exception as exc:
            self.error = f"{type(exc).__name__}: {one_line(exc)}"


def _plugin_error(dask_worker: Any) -> str | None:
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    return "extractor plugin missing" if plugin is None else plugin.error


def _run_on_worker(batch: Batch, published: str | None, shard: str | None, fmt: str) -> BatchReport:
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    if plugin.error is not None:
        raise RuntimeError(f"cannot load the extractor on this worker: {plugin.error}")
    return run_batch(plugin.extractor, batch, published, shard, fmt)


class DaskExecutor:
    """Context manager: ``with DaskExecutor(factory, n_workers=2) as ex: ex.run(...)``."""

    def __init__(
        self,
        factory: Callable[[], Any],
        address: str | None = None,
        n_workers: int | None = None,
        threads_per_worker: int = 1,
    ) -> None:
        if (address is None) == (n_workers is None):
            raise ValueError("give exactly one of address and n_workers")
        self.factory = factory
        self.address = address
        self.n_workers = n_workers
        self.threads_per_worker = threads_per_worker
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> DaskExecutor:
        from distributed import Client, LocalCluster

        try:
            if self.address is None:
                self.cluster = LocalCluster(
                    n_workers=self.n_workers,
                    threads_per_worker=self.threads_per_worker,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
            else:
                self.client = Client(self.address, timeout="20s")
            self.client.register_plugin(ExtractorPlugin(self.factory), name=PLUGIN_NAME)
            errors = {e for e in self.client.run(_plugin_error).values() if e}
            if errors:
                raise RuntimeError(f"cannot load the extractor on the workers: {sorted(errors)[0]}")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    @property
    def dashboard_link(self) -> str | None:
        try:
            return self.client.dashboard_link
        except Exception:
            return None

    def worker_pids(self) -> dict[str, int]:
        import os

        return self.client.run(os.getpid)

    def n_threads(self) -> int:
        return max(sum(self.client.nthreads().values()), 1)

    def run(
        self,
        batches: Iterable[Batch],
        published: str | None,
        shard_for: Callable[[int], str | None],
        fmt: str,
    ) -> Iterator[BatchReport | BatchLost]:
        """Reports in completion order; at most a few batches per thread are in flight."""
        from distributed import as_completed

        run_id = uuid.uuid4().hex[:8]
        todo = iter(batches)
        limit = 2 * self.n_threads() + 2
        pending = as_completed()
        names: dict[Any, Batch] = {}

        def submit() -> bool:
            batch = next(todo, None)
            if batch is None:
                return False
            fut = self.client.submit(
                _run_on_worker,
                batch,
                published,
                shard_for(batch.index),
                fmt,
                key=f"marsad-batch-{batch.index:05d}-{run_id}",
                pure=False,
            )
            names[fut] = batch
            pending.add(fut)
            return True

        for _ in range(limit):
            if not submit():
                break
        try:
            for fut in pending:
                batch = names.pop(fut)
                try:
                    report: BatchReport | BatchLost = fut.result()
                except Exception as exc:
                    report = BatchLost(
                        batch.index,
                        f"error: {batch.describe()}: batch {batch.index} failed on the cluster: "
                        f"{type(exc).__name__}: {one_line(exc)}",
                    )
                fut.release()
                submit()
                yield report
        finally:
            for fut in list(names):
                fut.cancel()
