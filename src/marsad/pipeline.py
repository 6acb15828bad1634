"""The extraction pipeline, top to bottom: read -> clean -> segment -> extract -> incidents.

``Extractor`` holds every compiled lexicon and the gazetteer, built once; ``process`` is then a pure
function of one article, which is what lets the same object run in one process or on each Dask
worker with identical results.
"""

from __future__ import annotations

from marsad.io.clean import NO_DATE_WARNING, clean
from marsad.models import ArticleResult, RawArticle


class Extractor:
    def __init__(self, all_countries: bool = False) -> None:
        from marsad.extract.article import ArticleExtractor

        self._article = ArticleExtractor()
        self._all_countries = all_countries

    def process(self, raw: RawArticle, published: str | None = None) -> ArticleResult:
        """Extract one article. ``published`` (ISO date) overrides what the reader found."""
        doc = clean(raw)
        if published:
            doc.published = published
            doc.warnings = [w for w in doc.warnings if w != NO_DATE_WARNING]
        from marsad.extract.scope import in_scope

        result = self._article.extract(doc)
        if not self._all_countries:
            # events in Iraq, Lebanon, Turkey ... are not Syrian incidents (--all-countries keeps them)
            result.incidents = [i for i in result.incidents if in_scope(i)]
        return result
