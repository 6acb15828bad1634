"""``marsad demo``: the project's own sample articles, extracted into a fresh store, served.

A first run that needs nothing outside the package: the samples ship as package data
(``marsad/data/demo/articles.jsonl``; invented reports about real places, marked as samples).
"""

from __future__ import annotations

from pathlib import Path

from marsad.resources import data_path
from marsad.store import Store
from marsad.store.ingest import Ingester, IngestSummary


def sample_path() -> Path:
    return data_path("demo/articles.jsonl")


def build(db_url: str) -> tuple[Store, IngestSummary]:
    """Extract the samples into the store at ``db_url`` (idempotent: a second run stores nothing), then
    fuse and verify them as ``marsad fuse --db`` and ``marsad verify --db`` do, so the page's events
    view and the articles' verdicts have something to show."""
    from marsad.fuse import fuse
    from marsad.fuse.mention import mentions_from_article
    from marsad.verify import verify_mentions

    store = Store(db_url)
    summary = Ingester(store, from_extracted=False).run([str(sample_path())])
    if summary.new or not store.counts()["events"]:
        mentions = [
            m for line in store.iter_article_lines(with_text=False) for m in mentions_from_article(line)
        ]
        events = fuse(mentions)
        store.replace_events(e.to_dict() for e in events)
        store.add_verifications(v.to_dict() for v in verify_mentions(mentions, [], events))
    return store, summary
