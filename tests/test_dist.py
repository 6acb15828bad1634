"""The Dask run: same output as one process, a killed worker loses nothing, errors still reported.

Small corpora (tens of articles) on a 2-worker LocalCluster so each test takes seconds.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sys
import time
from pathlib import Path

import cloudpickle
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.dist.cluster import PLUGIN_NAME, DaskExecutor
from marsad.dist.shards import read_records
from marsad.models import ArticleResult, Doc, RawArticle
from marsad.runner import EXIT_FAILED, EXIT_OK, run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path("/work/shared/seeds")
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402

# Workers are fresh processes that cannot import this test module: ship its classes by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


class SlowFake:
    """Echo extractor; slow enough that a worker can be killed while it holds a batch."""

    built = 0  # per process: how many extractors this worker built

    def __init__(self) -> None:
        SlowFake.built += 1
        self.calls = 0

    def process(self, raw: RawArticle, published: str | None = None) -> ArticleResult:
        self.calls += 1
        time.sleep(0.01)
        if "BOOM" in raw.text:
            raise ValueError("boom")
        doc = Doc(
            meta=raw, text=raw.text, title=raw.title, published=published or raw.published, dateline=None
        )
        return ArticleResult(doc=doc, warnings=[f"len={len(raw.text)}"])


def corpus(folder: Path, n: int) -> None:
    """n .txt articles plus one JSONL file of n more (so both batch kinds run on the cluster)."""
    arts = synth.generate(2 * n, seed=11)
    folder.mkdir(parents=True)
    for a in arts[:n]:
        (folder / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
    with (folder / "more.jsonl").open("w", encoding="utf-8") as fh:
        for a in arts[n:]:
            fh.write(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n")


def run_quiet(paths: list[str], **kw):
    out, err = io.StringIO(), io.StringIO()
    summary = run(paths, factory=SlowFake, progress=False, stdout=out, stderr=err, batch_size=4, **kw)
    return summary, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def cluster():
    with DaskExecutor(SlowFake, n_workers=2) as ex:
        yield ex


def test_two_workers_give_the_single_process_output(tmp_path: Path, cluster: DaskExecutor) -> None:
    corpus(tmp_path / "in", 30)
    (tmp_path / "in" / "bad.txt").write_text("قصف على مدينة حلب BOOM اليوم", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    single, ref, ref_err = run_quiet([str(tmp_path / "in")])
    dist, out, err = run_quiet([str(tmp_path / "in")], executor=cluster)
    assert out == ref  # same records, same order, streamed to stdout
    assert len(ref.splitlines()) == 60
    assert sorted(err.splitlines()[1:]) == sorted(ref_err.splitlines())  # first line: dashboard
    assert dist.exit_code == single.exit_code == EXIT_FAILED
    assert (dist.ok, dist.failed) == (single.ok, single.failed) == (60, 2)
    assert len(dist.worker_rss_kb) == 2  # both workers took batches, each reports its memory


def _plugin_counts(dask_worker) -> tuple[int, int]:
    """(extractors built in this worker process, articles its plugin's extractor processed)."""
    return SlowFake.built, dask_worker.plugins[PLUGIN_NAME].extractor.calls


def test_each_worker_builds_one_extractor_and_uses_it_for_every_article(
    tmp_path: Path, cluster: DaskExecutor
) -> None:
    corpus(tmp_path / "in", 20)
    before = cluster.client.run(_plugin_counts)
    summary, _, _ = run_quiet([str(tmp_path / "in")], executor=cluster)
    after = cluster.client.run(_plugin_counts)
    assert summary.ok == 40
    assert [built for built, _ in after.values()] == [1, 1]
    assert sum(after[w][1] - before[w][1] for w in after) == 40


def test_dask_address_runs_on_an_existing_scheduler(tmp_path: Path) -> None:
    from distributed import LocalCluster

    corpus(tmp_path / "in", 10)
    _, ref, _ = run_quiet([str(tmp_path / "in")])
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as lc:
        summary, out, err = run_quiet([str(tmp_path / "in")], dask_address=lc.scheduler_address)
    assert out == ref and summary.exit_code == EXIT_OK
    assert err.startswith("dask: 1 worker threads; dashboard http")


def test_out_dir_shards_are_identical_to_single_process(tmp_path: Path, cluster: DaskExecutor) -> None:
    corpus(tmp_path / "in", 12)
    run_quiet([str(tmp_path / "in")], out_dir=tmp_path / "a")
    run_quiet([str(tmp_path / "in")], out_dir=tmp_path / "b", executor=cluster)
    names = sorted(p.name for p in (tmp_path / "a").glob("part-*"))
    assert names == sorted(p.name for p in (tmp_path / "b").glob("part-*"))
    assert len(names) == 6
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_killing_a_worker_mid_run_loses_and_doubles_nothing(tmp_path: Path) -> None:
    corpus(tmp_path / "in", 40)
    _, ref, _ = run_quiet([str(tmp_path / "in")])
    out = tmp_path / "res.jsonl"
    killed: list[tuple[int, int]] = []  # (pid, batches it was holding)
    with DaskExecutor(SlowFake, n_workers=2) as ex:
        pids = ex.worker_pids()  # address -> pid
        assert len(pids) == 2

        def kill_one(report) -> None:
            if killed:
                return
            busy = {addr: len(keys) for addr, keys in ex.client.processing().items() if keys}
            victim = max(busy, key=busy.__getitem__)  # a worker holding batches right now
            os.kill(pids[victim], signal.SIGKILL)
            killed.append((pids[victim], busy[victim]))

        summary, _, err = run_quiet([str(tmp_path / "in")], output=out, executor=ex, after_batch=kill_one)
        assert killed[0][0] not in ex.worker_pids().values()  # it really died (the nanny started a new one)
    assert killed[0][1] >= 1  # it died with work assigned, which the scheduler had to run again
    assert summary.exit_code == EXIT_OK, err
    assert summary.lost == 0
    assert out.read_text(encoding="utf-8") == ref
    ids = [r["article"]["id"] for r in read_records(out)]
    assert len(ids) == len(set(ids)) == 80


def test_cli_workers_2_matches_single_process_on_the_seeds(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    r1 = CliRunner().invoke(app, ["extract", str(SEEDS), "-o", str(a), "--no-progress"])
    r2 = CliRunner().invoke(
        app, ["extract", str(SEEDS), "-o", str(b), "--no-progress", "--workers", "2", "--batch-size", "2"]
    )
    assert r1.exit_code == r2.exit_code == EXIT_OK, r2.stderr
    assert a.read_bytes() == b.read_bytes()
    assert len(a.read_text(encoding="utf-8").splitlines()) == 5
    assert "dashboard http" in r2.stderr
