"""Throughput of the input stages: reading (txt, cp1256, JSONL, HTML), cleaning and date finding.

    python benchmarks/input_speed.py [N]     # default 2,000 articles per format

Articles are the seed texts (../shared/seeds) or, without them, the test fixtures, copied N times
into a temporary folder. Prints articles/s and MB/s per stage on one core.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from marsad.extract.dates import DateFinder
from marsad.io.clean import clean
from marsad.io.readers import iter_articles
from marsad.models import RawArticle
from marsad.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "corpus"


def _texts() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else sorted(FIXTURES.glob("*.txt"))
    return [f.read_text(encoding="utf-8", errors="replace") for f in files if f.suffix == ".txt"]


def _timed(label: str, n: int, nbytes: int, fn) -> list:
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    print(f"{label:28} {n:7d} articles {dt:7.2f} s  {n / dt:9.0f} art/s  {nbytes / dt / 1e6:6.1f} MB/s")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("n", nargs="?", type=int, default=2000)
    args = ap.parse_args()
    texts = _texts()
    with tempfile.TemporaryDirectory() as tmp:
        tdir, cdir, hdir = Path(tmp, "txt"), Path(tmp, "cp1256"), Path(tmp, "html")
        for d in (tdir, cdir, hdir):
            d.mkdir()
        jsonl = Path(tmp, "all.jsonl")
        nbytes = 0
        with jsonl.open("w", encoding="utf-8") as fh:
            for i in range(args.n):
                text = texts[i % len(texts)]
                nbytes += len(text.encode("utf-8"))
                (tdir / f"{i:06d}.txt").write_text(text, encoding="utf-8")
                (cdir / f"{i:06d}.txt").write_bytes(text.encode("cp1256", errors="replace"))
                fh.write(
                    json.dumps({"id": str(i), "text": text, "date": "2016-12-08"}, ensure_ascii=False) + "\n"
                )
                if i >= 300:
                    continue
                paras = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
                page = f"<html><head><title>t{i}</title></head><body><nav>menu</nav><article>{paras}</article></body></html>"
                (hdir / f"{i:06d}.html").write_text(page, encoding="utf-8")
                fh.write(
                    json.dumps({"id": str(i), "text": text, "date": "2016-12-08"}, ensure_ascii=False) + "\n"
                )
        n = args.n
        arts = _timed("read .txt (utf-8)", n, nbytes, lambda: list(iter_articles([str(tdir)])))
        _timed("read .txt (cp1256)", n, nbytes, lambda: list(iter_articles([str(cdir)])))
        _timed("read .jsonl", n, nbytes, lambda: list(iter_articles([str(jsonl)])))
        hn = min(n, 300)
        _timed(
            "read .html (trafilatura)", hn, nbytes * hn // n, lambda: list(iter_articles([str(hdir)]))[:hn]
        )
    raws = [a for a in arts if isinstance(a, RawArticle)]
    docs = _timed("clean", len(raws), nbytes, lambda: [clean(a) for a in raws])
    t0 = time.perf_counter()
    finder = DateFinder()
    print(f"{'DateFinder() start-up':28} {time.perf_counter() - t0:7.3f} s")
    refs = _timed(
        "dates (normalize + find)",
        len(docs),
        nbytes,
        lambda: [finder.find(normalize(d.text), "2016-12-08") for d in docs],
    )
    print(
        f"date expressions found: {sum(len(r) for r in refs)} ({sum(len(r) for r in refs) / len(refs):.1f}/article)"
    )


if __name__ == "__main__":
    main()
