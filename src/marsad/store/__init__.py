"""The incident database: SQLAlchemy tables for SQLite/PostgreSQL, ingest and queries."""

from marsad.store.query import Filters
from marsad.store.store import Store, normalize_url

__all__ = ["Filters", "Store", "normalize_url"]
