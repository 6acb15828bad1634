"""Throughput of ``marsad extract``: one process vs a local Dask cluster, on a synthetic corpus.

    python benchmarks/scale.py                 # 20,000 articles, 1 process vs 2 workers
    python benchmarks/scale.py --n 2000 --workers 2 --batch-size 100

Each mode runs in a fresh Python process (so peak RSS is the run's own), writes shards to
``--workdir`` and prints one JSON line; the outputs of the two modes are compared byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


class EchoExtractor:
    """No extraction at all: measures what reading, batching, Dask and writing cost on their own."""

    def process(self, raw, published=None):
        from marsad.models import ArticleResult, Doc

        return ArticleResult(
            Doc(meta=raw, text=raw.text, title=raw.title, published=published, dateline=None)
        )


def _factory(name: str):
    if name == "echo":
        return EchoExtractor
    from marsad.runner import default_factory

    return default_factory


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for shard in sorted(folder.glob("part-*.jsonl")):
        h.update(shard.read_bytes())
    return h.hexdigest()[:16]


def measure(mode: str, corpus: Path, out: Path, workers: int, batch_size: int, extractor: str) -> dict:
    """One run in this process; returns the numbers."""
    import resource

    from marsad.runner import run

    t0 = time.perf_counter()
    if mode == "single":
        summary = run(
            [str(corpus)], out_dir=out, batch_size=batch_size, progress=False, factory=_factory(extractor)
        )
        startup = 0.0
    else:
        from marsad.dist.cluster import DaskExecutor

        with DaskExecutor(_factory(extractor), n_workers=workers) as ex:
            startup = time.perf_counter() - t0
            summary = run([str(corpus)], out_dir=out, batch_size=batch_size, progress=False, executor=ex)
    wall = time.perf_counter() - t0
    n = summary.ok + summary.failed
    own_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mode": mode if mode == "single" else f"dask-{workers}",
        "extractor": extractor,
        "articles": n,
        "failed": summary.failed,
        "wall_s": round(wall, 2),
        "startup_s": round(startup, 2),
        "articles_per_s": round(n / wall, 1),
        "articles_per_s_after_startup": round(n / max(wall - startup, 1e-9), 1),
        "peak_rss_mb_per_worker": sorted(round(kb / 1024, 1) for kb in summary.worker_rss_kb.values()),
        "client_peak_rss_mb": round(own_rss_mb, 1),
        "output_sha256": _digest(out),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/marsad-scale"))
    ap.add_argument("--modes", default="single,dask", help="comma-separated: single, dask")
    ap.add_argument(
        "--extractor",
        choices=("real", "echo"),
        default="real",
        help="echo: runner overhead without extraction",
    )
    ap.add_argument("--_measure", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    corpus = args.workdir / f"corpus-{args.n}-{args.seed}"
    if args._measure:
        out = args.workdir / f"out-{args._measure}"
        # a finished earlier run would make this one a resume that extracts nothing
        shutil.rmtree(out, ignore_errors=True)
        print(json.dumps(measure(args._measure, corpus, out, args.workers, args.batch_size, args.extractor)))
        return

    if not corpus.exists():
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, str(HERE / "synth.py"), str(args.n), "--seed", str(args.seed), "--out", str(corpus),
             "--format", "jsonl", "--shard-size", "2000"],
            check=True,
        )  # fmt: skip
        print(
            f"# generated {args.n} articles in {time.perf_counter() - t0:.1f}s -> {corpus}", file=sys.stderr
        )
    results = []
    for mode in args.modes.split(","):
        cmd = [sys.executable, __file__, "--n", str(args.n), "--seed", str(args.seed), "--workers", str(args.workers),
               "--batch-size", str(args.batch_size), "--workdir", str(args.workdir), "--_measure", mode,
               "--extractor", args.extractor]  # fmt: skip
        line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        results.append(json.loads(line))
        print(line, flush=True)
    if len(results) > 1:
        same = len({r["output_sha256"] for r in results}) == 1
        base = results[0]["articles_per_s"]
        for r in results[1:]:
            print(
                f"# {r['mode']}: {r['articles_per_s'] / base:.2f}x the single process; identical output: {same}"
            )
        if not same:  # a benchmark whose modes disagree measured a bug, not a speed-up
            sys.exit(1)


if __name__ == "__main__":
    main()
