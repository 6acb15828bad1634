"""The single-process runner: order, shards, resume after interruption or kill -9, bad input, exit codes.

A small fake extractor stands in for the real one so these tests are about the runner's
guarantees, not extraction quality; the CLI tests at the end run the real ``Extractor``.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.dist.plan import plan_batches
from marsad.dist.shards import read_records
from marsad.dist.state import DONE_FILE
from marsad.models import ArticleResult, Doc, RawArticle
from marsad.runner import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError, parts_dir, run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path("/work/shared/seeds")
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402


class FakeExtractor:
    """Echoes the article (id, length, published) as a record; raises on text containing BOOM."""

    def process(self, raw: RawArticle, published: str | None = None) -> ArticleResult:
        if "BOOM" in raw.text:
            raise RuntimeError("boom\nsecond line")
        doc = Doc(
            meta=raw, text=raw.text, title=raw.title, published=published or raw.published, dateline=None
        )
        return ArticleResult(doc=doc, warnings=[f"len={len(raw.text)}"])


def make_txt_corpus(folder: Path, n: int, seed: int = 3) -> list[str]:
    """n .txt files in two sub-folders; returns the ids in reading (sorted path) order."""
    arts = synth.generate(n, seed)
    paths = []
    for i, art in enumerate(arts):
        sub = folder / ("b" if i % 2 else "a")
        sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"{art.id}.txt"
        p.write_text(art.text, encoding="utf-8")
        paths.append(str(p))
    return [Path(p).stem for p in sorted(paths)]


def ids_of(lines: str | list[dict]) -> list[str]:
    recs = [json.loads(x) for x in lines.splitlines() if x.strip()] if isinstance(lines, str) else lines
    return [r["article"]["id"] for r in recs]


def run_fake(paths: list[str], **kw):
    out, err = io.StringIO(), io.StringIO()
    summary = run(paths, factory=FakeExtractor, progress=False, stdout=out, stderr=err, **kw)
    return summary, out.getvalue(), err.getvalue()


def test_stdout_run_writes_every_article_once_in_sorted_path_order(tmp_path: Path) -> None:
    expected = make_txt_corpus(tmp_path / "in", 13)
    summary, out, err = run_fake([str(tmp_path / "in")], batch_size=4)
    assert ids_of(out) == expected
    assert summary.ok == 13 and summary.failed == 0 and summary.exit_code == EXIT_OK
    assert summary.batches == 4
    assert err == ""


def test_out_dir_writes_one_atomic_shard_per_batch(tmp_path: Path) -> None:
    expected = make_txt_corpus(tmp_path / "in", 10)
    summary, out, _ = run_fake([str(tmp_path / "in")], batch_size=3, out_dir=tmp_path / "out")
    assert out == ""
    shards = sorted(p.name for p in (tmp_path / "out").glob("part-*"))
    assert shards == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl", "part-00003.jsonl"]
    assert ids_of(list(read_records(tmp_path / "out"))) == expected
    assert not list((tmp_path / "out").glob(".*tmp"))
    assert summary.exit_code == EXIT_OK


def test_output_file_is_merged_in_order_and_parts_removed(tmp_path: Path) -> None:
    expected = make_txt_corpus(tmp_path / "in", 9)
    out = tmp_path / "res.jsonl"
    summary, _, _ = run_fake([str(tmp_path / "in")], batch_size=2, output=out)
    assert ids_of(out.read_text(encoding="utf-8")) == expected
    assert not parts_dir(out).exists()
    assert summary.records == 9


def test_parquet_round_trips_the_jsonl_records_exactly(tmp_path: Path) -> None:
    make_txt_corpus(tmp_path / "in", 7)
    _, ref, _ = run_fake([str(tmp_path / "in")], batch_size=3)
    ref_recs = [json.loads(x) for x in ref.splitlines()]
    run_fake([str(tmp_path / "in")], batch_size=3, out_dir=tmp_path / "pq", fmt="parquet")
    assert sorted(p.name for p in (tmp_path / "pq").glob("part-*")) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    assert list(read_records(tmp_path / "pq")) == ref_recs
    one = tmp_path / "all.parquet"
    run_fake([str(tmp_path / "in")], batch_size=3, output=one, fmt="parquet")
    assert list(read_records(one)) == ref_recs
    import pyarrow.parquet as pq

    table = pq.read_table(one)
    assert table.column("article_id").to_pylist() == [r["article"]["id"] for r in ref_recs]
    assert set(table.column_names) >= {"article_id", "path", "sha256", "published", "n_incidents", "record"}


def _stop_after(n: int):
    """An ``after_batch`` hook that interrupts the run after ``n`` finished batches."""
    seen: list[int] = []

    def hook(report) -> None:
        seen.append(report.index)
        if len(seen) == n:
            raise KeyboardInterrupt

    return hook


def _run_counting(paths: list[str], **kw):
    """Run with the fake extractor, noting the id of every article it processes."""
    processed: list[str] = []

    class Counting(FakeExtractor):
        def process(self, raw, published=None):
            processed.append(raw.id)
            return super().process(raw, published)

    out, err = io.StringIO(), io.StringIO()
    summary = run(paths, factory=Counting, progress=False, stdout=out, stderr=err, **kw)
    return summary, processed, err.getvalue()


def test_interrupted_run_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    expected = make_txt_corpus(tmp_path / "in", 20)
    out = tmp_path / "res.jsonl"
    summary, _, err = run_fake([str(tmp_path / "in")], batch_size=3, output=out, after_batch=_stop_after(3))
    assert summary.interrupted and summary.exit_code == EXIT_INTERRUPTED
    assert "run the same command again to continue" in err
    assert not out.exists()  # never a half-written output
    assert len((parts_dir(out) / DONE_FILE).read_text().splitlines()) == 3

    # the same call again: no flag needed to continue
    summary, processed, err2 = _run_counting([str(tmp_path / "in")], batch_size=3, output=out)
    assert summary.exit_code == EXIT_OK
    assert summary.batches_resumed == 3
    assert len(processed) == 20 - 9  # the three finished batches were not redone
    assert ids_of(out.read_text(encoding="utf-8")) == expected
    assert "resume: 3 of 7 batches already done" in err2


def test_a_logged_shard_cut_short_is_redone_on_resume(tmp_path: Path) -> None:
    """Shards are not fsync'ed per batch: a power loss may keep a log line whose shard lost its tail.
    The logged sha256 tells; that batch runs again, the others are kept."""
    expected = make_txt_corpus(tmp_path / "in", 12)
    out = tmp_path / "res.jsonl"
    run_fake([str(tmp_path / "in")], batch_size=3, output=out, after_batch=_stop_after(3))
    logged = [json.loads(x) for x in (parts_dir(out) / DONE_FILE).read_text().splitlines()]
    assert [len(e["sha256"]) for e in logged] == [64, 64, 64]
    cut = parts_dir(out) / "part-00001.jsonl"
    cut.write_bytes(cut.read_bytes()[:-40])

    summary, processed, _ = _run_counting([str(tmp_path / "in")], batch_size=3, output=out)
    assert summary.exit_code == EXIT_OK
    assert summary.batches_resumed == 2
    assert len(processed) == 12 - 6  # batch 1 again, and the last one
    assert ids_of(out.read_text(encoding="utf-8")) == expected


def test_a_shard_of_an_old_log_is_read_line_by_line_when_merged(tmp_path: Path) -> None:
    """Shards this run wrote, or whose logged sha256 matches, are copied as they are; a shard logged
    before shards were hashed is not known to be write_shard's bytes, and its lines are read."""
    expected = make_txt_corpus(tmp_path / "in", 9)
    out = tmp_path / "res.jsonl"
    run_fake([str(tmp_path / "in")], batch_size=3, output=out, after_batch=_stop_after(2))
    done = parts_dir(out) / DONE_FILE
    logged = [json.loads(x) for x in done.read_text().splitlines()]
    del logged[0]["sha256"]  # an old log line
    done.write_text("".join(json.dumps(e) + "\n" for e in logged))
    first = parts_dir(out) / "part-00000.jsonl"
    first.write_bytes(first.read_bytes().replace(b"\n", b"\r\n\n"))  # CRLF ends, blank lines

    summary, processed, _ = _run_counting([str(tmp_path / "in")], batch_size=3, output=out)
    assert summary.exit_code == EXIT_OK and summary.batches_resumed == 2
    assert len(processed) == 3
    text = out.read_bytes().decode("utf-8")
    assert "\r" not in text and "\n\n" not in text
    assert ids_of(text) == expected


def _stop(report) -> None:
    raise KeyboardInterrupt


def test_resume_refuses_changed_options(tmp_path: Path) -> None:
    make_txt_corpus(tmp_path / "in", 6)
    run_fake([str(tmp_path / "in")], batch_size=2, out_dir=tmp_path / "o", after_batch=_stop)
    with pytest.raises(UsageError, match="other inputs or options"):
        run_fake([str(tmp_path / "in")], batch_size=3, out_dir=tmp_path / "o", resume=True)


def test_changed_options_without_resume_start_over_with_a_note(tmp_path: Path) -> None:
    expected = make_txt_corpus(tmp_path / "in", 6)
    run_fake([str(tmp_path / "in")], batch_size=2, out_dir=tmp_path / "o", after_batch=_stop)
    summary, _, err = run_fake([str(tmp_path / "in")], batch_size=4, out_dir=tmp_path / "o")
    assert "held a run of other inputs or options; starting over" in err
    assert summary.batches_resumed == 0 and summary.exit_code == EXIT_OK
    assert sorted(p.name for p in (tmp_path / "o").glob("part-*")) == ["part-00000.jsonl", "part-00001.jsonl"]
    assert ids_of(list(read_records(tmp_path / "o"))) == expected


def test_restart_discards_a_matching_unfinished_run(tmp_path: Path) -> None:
    make_txt_corpus(tmp_path / "in", 6)
    run_fake([str(tmp_path / "in")], batch_size=2, out_dir=tmp_path / "o", after_batch=_stop)
    summary, _, _ = run_fake([str(tmp_path / "in")], batch_size=2, out_dir=tmp_path / "o", resume=False)
    assert summary.batches_resumed == 0 and summary.ok == 6


def test_finished_out_dir_run_rerun_does_nothing_and_keeps_its_exit_code(tmp_path: Path) -> None:
    make_txt_corpus(tmp_path / "in", 4)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    first, _, _ = run_fake([str(tmp_path / "in")], batch_size=2, out_dir=tmp_path / "o")
    (tmp_path / "o" / ".part-00000.jsonl.deadbeef.tmp").write_text("left by a killed worker")
    again, processed, _ = _run_counting([str(tmp_path / "in")], batch_size=2, out_dir=tmp_path / "o")
    assert processed == []
    assert (again.ok, again.failed, again.batches_resumed) == (first.ok, first.failed, 3) == (4, 1, 3)
    assert again.exit_code == EXIT_FAILED  # the empty file still counts
    assert not list((tmp_path / "o").glob(".*.tmp"))


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from marsad.models import ArticleResult, Doc
    from marsad.runner import run

    class Slow:
        def process(self, raw, published=None):
            time.sleep(0.05)
            return ArticleResult(doc=Doc(meta=raw, text=raw.text, title=raw.title, published=None, dateline=None))

    run([sys.argv[1]], factory=Slow, progress=False, output=Path(sys.argv[2]), batch_size=2)
    """
)


def test_kill_9_mid_run_then_resume_gives_complete_output(tmp_path: Path) -> None:
    expected = make_txt_corpus(tmp_path / "in", 40)
    out = tmp_path / "res.jsonl"
    script = tmp_path / "slow_run.py"
    script.write_text(KILL_SCRIPT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(tmp_path / "in"), str(out)])
    done = parts_dir(out) / DONE_FILE
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if done.exists() and len(done.read_text().splitlines()) >= 4:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists()
    finished = len(done.read_text().splitlines())
    assert 4 <= finished < 20
    with done.open("a") as fh:  # a log line torn by the kill must not count
        fh.write('{"batch": 19, "ok"')
    summary, _, _ = run_fake([str(tmp_path / "in")], batch_size=2, output=out)
    assert summary.exit_code == EXIT_OK
    assert ids_of(out.read_text(encoding="utf-8")) == expected
    assert summary.batches_resumed == finished


def test_one_article_raising_is_one_error_line_and_the_run_goes_on(tmp_path: Path) -> None:
    expected = make_txt_corpus(tmp_path / "in", 5)
    bad = tmp_path / "in" / "a" / "zz-bad.txt"
    bad.write_text("قتل عشرة مدنيين في قصف على حلب BOOM يوم الخميس", encoding="utf-8")
    summary, out, err = run_fake([str(tmp_path / "in")], batch_size=2)
    assert ids_of(out) == [i for i in expected if i.startswith("synth")]
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: article zz-bad")
    assert "extraction failed: RuntimeError: boom second line" in lines[0]
    assert summary.failed == 1 and summary.ok == 5 and summary.exit_code == EXIT_FAILED


def test_bad_inputs_in_a_folder_are_reported_and_good_ones_extracted(tmp_path: Path) -> None:
    expected = make_txt_corpus(tmp_path / "in", 4)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "in" / "english.txt").write_text("This is an English article about the weather. " * 5)
    arabic = "قتل خمسة مدنيين وأصيب عشرة آخرون في قصف جوي على مدينة حلب صباح اليوم"
    (tmp_path / "in" / "b" / "win1256.txt").write_bytes(arabic.encode("cp1256"))
    summary, out, err = run_fake([str(tmp_path / "in")], batch_size=3)
    recs = [json.loads(x) for x in out.splitlines()]
    assert [r["article"]["id"] for r in recs] == [*expected, "win1256"]  # a/..., then b/... with win1256 last
    assert next(r for r in recs if r["article"]["id"] == "win1256")["warnings"] == [f"len={len(arabic)}"]
    lines = err.strip().splitlines()
    assert len(lines) == 3
    errors = sorted(x for x in lines if x.startswith("error: "))
    assert [e.split(":")[1].strip() for e in errors] == [
        str(tmp_path / "in" / "binary.txt"),
        str(tmp_path / "in" / "empty.txt"),
    ]
    assert [x for x in lines if x.startswith("skipped: ")][0].startswith(
        f"skipped: {tmp_path / 'in' / 'english.txt'}"
    )
    assert summary.failed == 2 and summary.skipped == 1 and summary.exit_code == EXIT_FAILED


def test_skips_alone_do_not_fail_the_run(tmp_path: Path) -> None:
    make_txt_corpus(tmp_path / "in", 2)
    (tmp_path / "in" / "english.txt").write_text("This is an English article about the weather. " * 5)
    summary, _, err = run_fake([str(tmp_path / "in")])
    assert err.startswith("skipped: ") and summary.exit_code == EXIT_OK


def _direct(paths: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(id, path) of the articles and the error lines that the reader gives in one pass."""
    from marsad.io.readers import iter_articles
    from marsad.models import ReadError

    arts, errs = [], []
    for item in iter_articles(paths):
        if isinstance(item, ReadError):
            errs.append(f"{'skipped' if item.skipped else 'error'}: {item}")
        else:
            arts.append((item.id, item.path))
    return arts, errs


def test_jsonl_is_cut_into_line_ranges_with_the_same_records(tmp_path: Path) -> None:
    arts = synth.generate(23, seed=5)
    path = tmp_path / "a.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, a in enumerate(arts):
            rec = {"text": a.text} if i % 4 == 0 else {"id": a.id, "text": a.text, "published": a.published}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if i % 5 == 0:
                fh.write("\n")  # blank lines do not count as articles
            if i == 12:
                fh.write('{"id": "broken", "text": \n')
            if i == 17:
                fh.write('{"id": "notext", "title": "x"}\n')
    batches = plan_batches([str(path)], 5)
    assert [b.kind for b in batches] == ["lines"] * 5
    assert [(b.start, b.stop) for b in batches] == [(0, 5), (5, 10), (10, 15), (15, 20), (20, 25)]
    summary, out, err = run_fake([str(path)], batch_size=5)
    recs = [json.loads(x) for x in out.splitlines()]
    direct_arts, direct_errs = _direct([str(path)])
    assert [(r["article"]["id"], r["article"]["path"]) for r in recs] == direct_arts
    assert len(direct_arts) == 23 and direct_arts[0][0] == "a-1"  # "<stem>-<line>" for a record without id
    assert err.splitlines() == direct_errs
    assert len(direct_errs) == 2 and direct_errs[0].startswith(f"error: {path}:")
    assert summary.failed == 2


def test_folder_order_and_messages_are_the_readers(tmp_path: Path) -> None:
    make_txt_corpus(tmp_path / "in", 6)
    (tmp_path / "in" / "z-root.txt").write_text(
        "قتل ثلاثة مدنيين في قصف على مدينة حلب يوم الخميس", encoding="utf-8"
    )
    (tmp_path / "in" / "notes.md").write_text("ignored: unknown extension in a folder", encoding="utf-8")
    (tmp_path / "in" / ".hidden.txt").write_text("قتل مدنيان في حمص", encoding="utf-8")
    (tmp_path / "in" / "empty.jsonl").write_bytes(b"\n\n")
    _, out, err = run_fake([str(tmp_path / "in"), str(tmp_path / "missing.txt")], batch_size=4)
    direct_arts, direct_errs = _direct([str(tmp_path / "in"), str(tmp_path / "missing.txt")])
    assert [
        (r["article"]["id"], r["article"]["path"]) for r in map(json.loads, out.splitlines())
    ] == direct_arts
    assert direct_arts[0][0] == "z-root"  # a folder's own files come before its sub-folders
    assert len(direct_arts) == 7
    assert err.splitlines() == direct_errs and len(direct_errs) == 2


def test_stdin_jsonl_is_read_once_and_batched(tmp_path: Path) -> None:
    arts = synth.generate(5, seed=9)
    data = "".join(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n" for a in arts)
    _, out, _ = run_fake(["-"], batch_size=2, stdin=io.StringIO(data))
    assert ids_of(out) == [a.id for a in arts]


# --- CLI (real extractor) ---------------------------------------------------------------------------


def _cli(args: list[str]):
    return CliRunner().invoke(app, ["extract", *args])


@pytest.mark.parametrize(
    "args",
    [
        ["x", "--resume"],
        ["x", "--restart"],
        ["x", "-o", "a.jsonl", "--out-dir", "d"],
        ["x", "--workers", "0", "-o", "a.jsonl"],
        ["x", "--published", "8/12/2016"],
        ["x", "--format", "parquet"],
        ["x", "--format", "xml", "-o", "a.jsonl"],
        ["x", "--workers", "2", "--dask", "tcp://127.0.0.1:1"],
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str]) -> None:
    res = _cli(args)
    assert res.exit_code == 2
    assert res.stderr.strip().startswith("error: ")
    assert len(res.stderr.strip().splitlines()) == 1


def test_cli_exit_0_on_good_seeds_and_1_with_a_missing_path(tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    res = _cli([str(SEEDS), "-o", str(out), "--no-progress"])
    assert res.exit_code == 0, res.stderr
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["article"]["id"] for r in recs] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    missing = tmp_path / "nope.txt"
    res = _cli([str(SEEDS / "000_eeb85b81bd9619f2.txt"), str(missing), "--no-progress"])
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {missing}")
    assert len(res.stdout.strip().splitlines()) == 1
