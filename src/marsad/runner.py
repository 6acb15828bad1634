"""The extraction run: plan batches, run them (here or on Dask), write, resume, report.

Guarantees (see docs/scale.md):
- output order is the plan order (inputs as given, folders sorted), whatever ran the batches;
- with ``-o``/``--out-dir`` every batch is written atomically and logged only after it is in
  place, so a run stopped at any instant (Ctrl-C, kill -9, a crash, a dead worker) continues
  when the same command is run again, without losing or repeating an article;
- a bad input or an article that makes extraction raise becomes one line on stderr; the rest of
  the run goes on and the exit code says that something failed.
"""

from __future__ import annotations

import gc
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from marsad.dist.batch import BatchReport, ExtractorLike, one_line, run_batch
from marsad.dist.plan import Batch, fingerprint, plan_batches
from marsad.dist.progress import Reporter
from marsad.dist.shards import FORMATS, merge
from marsad.dist.state import PlanMismatch, RunState

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(ValueError):
    """Options that cannot work together; the CLI exits with code 2."""


class RunError(RuntimeError):
    """The run cannot start (e.g. the extractor's data does not load); the CLI exits with code 1."""


@dataclass
class RunSummary:
    """Counts of a finished (or stopped) run, resumed batches included."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0
    batches: int = 0
    batches_done: int = 0
    batches_resumed: int = 0
    lost: int = 0
    records: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    worker_rss_kb: dict[int, int] = field(default_factory=dict)  # pid -> peak RSS seen in batch reports

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if (self.failed or self.lost) else EXIT_OK

    @property
    def rate(self) -> float:
        return (self.ok + self.failed) / self.seconds if self.seconds > 0 else 0.0


def default_factory() -> ExtractorLike:
    """The extractor of a run (in this process, or on each Dask worker)."""
    from marsad.pipeline import Extractor

    extractor = Extractor()
    # The extractor's lexicons, automata and gazetteer live as long as the run: moved out of the
    # collector's generations, they are not walked again by every full collection (about 5 % of a
    # whole marsad extract run on ant_syria_2018, best of seven runs each way).
    gc.freeze()
    return extractor


class LocalExecutor:
    """Runs batches one after the other in this process with one extractor."""

    def __init__(self, factory: Callable[[], ExtractorLike]) -> None:
        try:
            self.extractor = factory()
        except Exception as exc:
            raise RunError(f"cannot load the extractor: {type(exc).__name__}: {one_line(exc)}") from exc

    def run(
        self,
        batches: Sequence[Batch],
        published: str | None,
        shard_for: Callable[[int], str | None],
        fmt: str,
        on_article: Callable[[bool], None] | None = None,
    ) -> Iterator[BatchReport]:
        for batch in batches:
            yield run_batch(self.extractor, batch, published, shard_for(batch.index), fmt, on_article)


def _check_options(
    output: Path | None,
    out_dir: Path | None,
    fmt: str,
    resume: bool | None,
    workers: int | None,
    dask_address: str | None,
    batch_size: int,
) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if output is not None and out_dir is not None:
        raise UsageError("give either -o/--output or --out-dir, not both")
    if resume is not None and output is None and out_dir is None:
        flag = "--resume" if resume else "--restart"
        raise UsageError(f"{flag} needs -o/--output or --out-dir (stdout cannot be resumed)")
    if fmt == "parquet" and output is None and out_dir is None:
        raise UsageError("--format parquet needs -o/--output or --out-dir")
    if workers is not None and dask_address is not None:
        raise UsageError("give either --workers or --dask, not both")
    if workers is not None and workers < 1:
        raise UsageError("--workers must be at least 1")
    if batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    if output is not None and output.is_dir():
        raise UsageError(f"{output}: is a folder; use --out-dir for shards")


def parts_dir(output: Path) -> Path:
    """Where a ``-o`` run keeps its shards and resume state until the final merge."""
    return output.parent / f".{output.name}.parts"


def run(
    paths: Sequence[str],
    *,
    published: str | None = None,
    output: Path | None = None,
    out_dir: Path | None = None,
    fmt: str = "jsonl",
    batch_size: int = 100,
    resume: bool | None = None,
    progress: bool | None = None,
    workers: int | None = None,
    dask_address: str | None = None,
    factory: Callable[[], ExtractorLike] = default_factory,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
    executor: Any = None,
    after_batch: Callable[[BatchReport], None] | None = None,
) -> RunSummary:
    """Extract ``paths``; see the module docstring for the guarantees.

    ``executor`` (a started ``DaskExecutor``) and ``after_batch`` (called after each finished batch
    is recorded) let tests and benchmarks reach inside a run.
    """
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    _check_options(output, out_dir, fmt, resume, workers, dask_address, batch_size)
    if progress is None:
        progress = stderr.isatty()
    summary = RunSummary()
    t0 = time.perf_counter()

    batches = plan_batches(paths, batch_size, stdin=stdin)
    summary.batches = len(batches)
    folder = out_dir if out_dir is not None else (parts_dir(output) if output is not None else None)
    state: RunState | None = None
    finished: dict[int, dict[str, Any]] = {}
    if folder is not None:
        state = RunState(
            folder, fingerprint(batches, {"format": fmt, "published": published}), len(batches), fmt
        )
        try:
            finished = state.open(resume)
        except PlanMismatch as exc:
            raise UsageError(str(exc)) from exc
    todo = [b for b in batches if b.index not in finished]
    for entry in finished.values():
        summary.ok += int(entry.get("ok", 0))
        summary.failed += int(entry.get("failed", 0))
        summary.skipped += int(entry.get("skipped", 0))
        summary.records += int(entry.get("records", 0))
    summary.batches_resumed = summary.batches_done = len(finished)

    total = sum(b.expected for b in batches)
    done_articles = summary.ok + summary.failed + summary.skipped
    reporter = Reporter(total, show=progress, stream=stderr, done=done_articles)
    if finished:
        reporter.message(
            f"resume: {len(finished)} of {len(batches)} batches already done "
            f"({done_articles} inputs, {summary.failed} failed); running the other {len(todo)}"
        )
    elif state is not None and state.discarded:
        reporter.message(f"note: {folder} held a run of other inputs or options; starting over")
    elif resume:
        reporter.message(f"resume: no finished batches in {folder}; starting from the beginning")

    def shard_for(index: int) -> str | None:
        return str(state.shard(index)) if state is not None else None

    own_executor = None
    reports: Any = None
    try:
        if executor is None and (workers is not None or dask_address is not None):
            from marsad.dist.cluster import DaskExecutor

            try:
                own_executor = DaskExecutor(factory, address=dask_address, n_workers=workers).__enter__()
            except Exception as exc:
                where = dask_address or f"a local cluster of {workers} workers"
                raise RunError(f"cannot start on {where}: {type(exc).__name__}: {one_line(exc)}") from exc
            executor = own_executor
        if executor is not None:
            link = executor.dashboard_link
            reporter.message(
                f"dask: {executor.n_threads()} worker threads" + (f"; dashboard {link}" if link else "")
            )
            reports = executor.run(todo, published, shard_for, fmt)
            per_article = False
        else:
            local = LocalExecutor(factory)

            def on_article(bad: bool) -> None:
                reporter.advance(1, int(bad))

            reports = local.run(todo, published, shard_for, fmt, on_article if progress else None)
            per_article = True
        _consume(reports, todo, summary, reporter, state, stdout, per_article and progress, after_batch)
    except KeyboardInterrupt:
        summary.interrupted = True
        reporter.message(
            f"interrupted: {summary.batches_done} of {summary.batches} batches done"
            + ("; run the same command again to continue" if state is not None else "")
        )
    finally:
        if reports is not None:
            reports.close()  # cancels batches still in flight before the cluster goes away
        if own_executor is not None:
            own_executor.__exit__(None, None, None)
        if state is not None:
            state.close()
        reporter.close()

    if not summary.interrupted and state is not None:
        if summary.lost:
            reporter.message(
                f"error: {summary.lost} batches did not finish; run the same command again to retry them"
            )
        elif output is not None:
            # every shard is write_shard's own but those resumed from a log that kept no sha256
            own = {
                state.shard(b.index)
                for b in batches
                if b.index not in finished or finished[b.index].get("sha256")
            }
            merge((state.shard(b.index) for b in batches), output, fmt, own)
            shutil.rmtree(state.folder, ignore_errors=True)
        else:
            state.sweep_temps()
            state.sync()
    summary.seconds = time.perf_counter() - t0
    return summary


def _consume(
    reports: Iterator[Any],
    todo: Sequence[Batch],
    summary: RunSummary,
    reporter: Reporter,
    state: RunState | None,
    stdout: TextIO,
    counted: bool,
    after_batch: Callable[[BatchReport], None] | None,
) -> None:
    """Record reports as they arrive; to stdout, lines are released in plan order."""
    order = [b.index for b in todo]
    expected = {b.index: b.expected for b in todo}
    held: dict[int, tuple[str, ...]] = {}
    next_pos = 0
    for report in reports:
        if not isinstance(report, BatchReport):  # BatchLost
            summary.lost += 1
            reporter.message(report.message)
            reporter.advance(expected.get(report.index, 0), 1)
            held[report.index] = ()
        else:
            for msg in report.messages:
                reporter.message(msg)
            if state is not None:
                state.record(report.log_entry())
            else:
                held[report.index] = report.lines or ()
            summary.ok += report.ok
            summary.failed += report.failed
            summary.skipped += report.skipped
            summary.records += report.records
            summary.batches_done += 1
            rss = summary.worker_rss_kb
            rss[report.pid] = max(rss.get(report.pid, 0), report.max_rss_kb)
            if not counted:
                reporter.advance(report.ok + report.failed + report.skipped, report.failed)
        if state is None:
            while next_pos < len(order) and order[next_pos] in held:
                for line in held.pop(order[next_pos]):
                    stdout.write(line + "\n")
                stdout.flush()
                next_pos += 1
        if after_batch is not None and isinstance(report, BatchReport):
            after_batch(report)
