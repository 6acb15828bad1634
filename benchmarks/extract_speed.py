"""Articles per second for the full extraction pipeline on one core.

    python benchmarks/extract_speed.py [N]      # default 2,000 synthetic articles

Prints start-up time (lexicons + gazetteer) separately from throughput, and a profile of where
time goes with --profile.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate  # noqa: E402

from marsad.pipeline import Extractor  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("n", nargs="?", type=int, default=2000)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()

    corpus = generate(args.n, seed=0)
    chars = sum(len(a.text) for a in corpus)
    t0 = time.perf_counter()
    extractor = Extractor()
    t1 = time.perf_counter()
    extractor.process(corpus[0])  # warm caches outside the timed loop
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    t2 = time.perf_counter()
    incidents = casualties = 0
    for art in corpus:
        result = extractor.process(art)
        incidents += len(result.incidents)
        casualties += sum(len(i.casualties) for i in result.incidents)
    t3 = time.perf_counter()
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    secs = t3 - t2
    print(f"start-up: {t1 - t0:.2f} s")
    print(f"articles: {len(corpus)} ({chars / len(corpus):.0f} chars on average)")
    print(f"incidents: {incidents}, casualty rows: {casualties}")
    print(
        f"time: {secs:.2f} s -> {len(corpus) / secs:.0f} articles/s, {chars / secs / 1e6:.2f} M chars/s (one core)"
    )


if __name__ == "__main__":
    main()
