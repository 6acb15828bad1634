"""Speed of LocationFinder.find on the seed articles (prints ms per article and per 3,000 chars)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from marsad.extract.gazetteer import Gazetteer
from marsad.extract.locations import LocationFinder
from marsad.io.clean import clean
from marsad.io.readers import iter_articles
from marsad.models import RawArticle
from marsad.text.normalize import normalize


def main(path: str) -> None:
    finder = LocationFinder(Gazetteer.load())
    docs = [normalize(clean(a).text) for a in iter_articles([path]) if isinstance(a, RawArticle)]
    chars = sum(len(d.text) for d in docs)
    best = float("inf")
    for _ in range(20):
        t = time.perf_counter()
        for _ in range(20):
            for d in docs:
                finder.find(d)
        best = min(best, (time.perf_counter() - t) / 20)
    print(
        f"{len(docs)} articles, {chars} chars: {best / len(docs) * 1000:.3f} ms/article, "
        f"{best / chars * 3000 * 1000:.3f} ms per 3,000 chars"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[2] / "shared" / "seeds"))
