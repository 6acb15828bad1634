"""Speed of place finding, with the shipped gazetteer and with an imported one.

    python benchmarks/locations.py [ARTICLES] [--imported DIR_OR_TSV ...]

Prints gazetteer start-up time (load + matcher build, fresh process state) and ms per article / per
3,000 characters of ``LocationFinder.find`` on the articles (default: ../shared/seeds). With
``--imported`` (a folder of TSVs written by ``marsad gazetteer import``, e.g. the OCHA layers) the
same is measured with those places added, for the "within 2x of the shipped gazetteer" check.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from marsad.extract.gazetteer import BASE_FILES, Gazetteer
from marsad.extract.locations import LocationFinder
from marsad.io.clean import clean
from marsad.io.readers import iter_articles
from marsad.models import RawArticle
from marsad.resources import data_path
from marsad.text.normalize import normalize


def measure(label: str, user: list[Path], docs: list) -> float:
    t = time.perf_counter()
    gaz = Gazetteer.from_files([data_path(f"gazetteer/{n}") for n in BASE_FILES], user)
    finder = LocationFinder(gaz)
    finder.find(normalize("حلب"))  # its automaton is built for the first text it reads
    start = time.perf_counter() - t
    chars = sum(len(d.text) for d in docs)
    rounds = max(1, 2000 // max(1, len(docs)))
    best = float("inf")
    for _ in range(5):
        t = time.process_time()  # CPU time: the machine is shared, wall time is noise
        for _ in range(rounds):
            for d in docs:
                finder.find(d)
        best = min(best, (time.process_time() - t) / rounds)
    per_article = best / len(docs) * 1000
    print(
        f"{label}: {len(gaz)} places, start-up {start:.2f} s; {len(docs)} articles, {chars} chars: "
        f"{per_article:.3f} ms/article, {best / chars * 3000 * 1000:.3f} ms per 3,000 chars"
    )
    return per_article


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    ap = argparse.ArgumentParser()
    ap.add_argument("articles", nargs="?", default=str(default))
    ap.add_argument("--imported", nargs="*", default=[], help="imported gazetteer folder(s) or TSV files")
    ap.add_argument("--limit", type=int, default=300, help="at most this many articles")
    args = ap.parse_args()
    docs = [normalize(clean(a).text) for a in iter_articles([args.articles]) if isinstance(a, RawArticle)]
    docs = docs[: args.limit]
    base = measure("shipped", [], docs)
    if args.imported:
        user: list[Path] = []
        for p in map(Path, args.imported):
            user += sorted(p.glob("*.tsv")) if p.is_dir() else [p]
        imported = measure("imported", user, docs)
        print(f"imported / shipped: {imported / base:.2f}x")


if __name__ == "__main__":
    main()
