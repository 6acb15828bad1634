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
    """Extract the samples into the store at ``db_url`` (idempotent: a second run stores nothing)."""
    store = Store(db_url)
    summary = Ingester(store, from_extracted=False).run([str(sample_path())])
    return store, summary
