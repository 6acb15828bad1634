"""Time the ACLED and UCDP exports on a store (one core): rows written and rows/s per format.

Build the store first, e.g. from the unlabelled dev articles:

    marsad ingest ../shared/dev/ant_syria_2018.jsonl --db /tmp/exp.db && marsad fuse --db /tmp/exp.db
    python benchmarks/export_speed.py /tmp/exp.db
"""

from __future__ import annotations

import io
import sys
import time

from marsad.export import export
from marsad.store import Store


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.exit(__doc__)
    store = Store(args[0])
    print(f"store: {store.counts()}")
    for label, fmt, kw in (
        ("acled (per incident, English notes)", "acled", {}),
        ("acled --notes ar", "acled", {"notes": "ar"}),
        ("acled --fused", "acled", {"fused": True}),
        ("ucdp", "ucdp", {}),
    ):
        out = io.StringIO()
        t0 = time.perf_counter()
        n = export(store, fmt, out, **kw)
        dt = time.perf_counter() - t0
        print(
            f"{label:40s} {n:6d} rows  {dt:6.2f} s  {n / dt:8.0f} rows/s  {len(out.getvalue()) / 1e6:.1f} MB"
        )
    store.close()


if __name__ == "__main__":
    main()
