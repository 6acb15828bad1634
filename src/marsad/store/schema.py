"""One table layout for SQLite and PostgreSQL.

Incidents are stored flattened (locations, actors, casualties, sources as rows) so that the web
filters are plain indexed joins; nested pieces nobody filters on (evidence, weapons, reported_by
lists) stay JSON. Column names ending in ``_`` avoid SQL keywords (``group``, ``end``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    literal_column,
)
from sqlalchemy.dialects import postgresql  # noqa: F401  (registers func.to_tsvector & co. before use)

metadata = MetaData()

ID = String(255)
DAY = String(10)  # ISO date: sorts and compares as text in both back-ends

articles = Table(
    "articles",
    metadata,
    Column("id", ID, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("published", DAY),
    Column("outlet", String(255)),
    Column("dateline", String(255)),
    Column("url", Text),
    Column("path", Text),
    Column("language", String(16)),
    Column("text", Text),
    Column("warnings", JSON),
    Column("ingested_at", String(32)),
    # Search terms (marsad.store.search) of title, text and the places of its incidents.
    Column("search_terms", Text),
    # SQLite: the row's key in the FTS5 index (set by a trigger; stable across VACUUM, unlike rowid).
    Column("seq", Integer),
    Index("ix_articles_published", "published"),
    Index("ix_articles_seq", "seq", unique=True),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", ID, primary_key=True),
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("type", String(32), nullable=False),
    Column("date_start", DAY),
    Column("date_end", DAY),
    Column("date_precision", String(16)),
    Column("date_text", Text),
    # The day the incident is filed under: its own start date, else the article's publication date;
    # never after the publication date (a report cannot precede what it reports: a later date is an
    # extraction slip or a plan, and must not lead a newest-first list).
    Column("day", DAY),
    Column("day_end", DAY),  # the end of its range, clipped the same way (>= day)
    Column("reported_by", JSON),
    Column("evidence", JSON),
    Column("weapons", JSON),
    # Normalised evidence text: written by older versions, superseded by ``search_terms`` (left empty).
    Column("search_text", Text),
    # Search terms of its evidence and place names, space-delimited (" t1 t2 "), for ``q``.
    Column("search_terms", Text),
    # Derived once at write time so the map, the list sort and the timeline need no joins:
    # killed/injured as marsad.store.rows.total counts them, and the first geocoded place.
    Column("killed", Integer),
    Column("injured", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", String(255)),
    Index("ix_incidents_article", "article_id"),
    Index("ix_incidents_day", "day"),
    Index("ix_incidents_type_day", "type", "day"),
    Index("ix_incidents_killed", "killed", "injured"),
    # Covering indexes: the map's points and the timeline read these without touching the wide rows.
    Index("ix_incidents_map", "lat", "lon", "killed", "injured", "type", "day", "id"),
    Index("ix_incidents_day_totals", "day", "day_end", "killed", "injured", "type", "lat", "lon", "id"),
)

locations = Table(
    "locations",
    metadata,
    Column("incident_id", ID, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("ord", Integer, primary_key=True),
    Column("text", Text),
    Column("start", Integer),
    Column("end_", Integer),
    Column("place_id", String(255)),
    Column("name_ar", String(255)),
    Column("name_en", String(255)),
    Column("admin1", String(255)),
    Column("admin2", String(255)),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(16)),
    Column("relation", String(16)),
    Index("ix_locations_admin1", "admin1", "incident_id"),
)

actors = Table(
    "actors",
    metadata,
    Column("incident_id", ID, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("ord", Integer, primary_key=True),
    Column("actor_id", String(64), nullable=False),
    Column("role", String(16)),
    Column("text", Text),
    Column("start", Integer),
    Column("end_", Integer),
    Index("ix_actors_actor", "actor_id", "incident_id"),
)

casualties = Table(
    "casualties",
    metadata,
    Column("incident_id", ID, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("ord", Integer, primary_key=True),
    Column("measure", String(16), nullable=False),
    Column("group_", String(16)),
    Column("side", String(64)),
    Column("value", Integer),
    Column("low", Integer),
    Column("high", Integer),
    Column("qualifier", String(16)),
    Column("part_of", Integer),
    Column("reported_by", JSON),
    Column("start", Integer),
    Column("end_", Integer),
    Column("text", Text),
    Index("ix_casualties_measure", "incident_id", "measure"),
)

# Every source credited anywhere in the incident (its own list and its casualty rows).
sources = Table(
    "sources",
    metadata,
    Column("incident_id", ID, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", String(64), primary_key=True),
    Index("ix_sources_source", "source_id", "incident_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", ID, primary_key=True),
    Column("payload", JSON, nullable=False),
    Column("type", String(32)),
    Column("date_start", DAY),
    Column("date_end", DAY),
    Column("admin1", String(255)),
    Column("n_members", Integer),
    # Derived when the line is written (marsad.store.event_rows), so the events list, its filters and
    # the map read this table without parsing payloads: what the list shows (no members, no reports),
    # the map point (never a whole country), outlets and articles, the discrepancy flag and the toll
    # of its reports (best/low/high killed, best injured).
    Column("summary", JSON),
    Column("lat", Float),
    Column("lon", Float),
    Column("n_outlets", Integer),
    Column("n_articles", Integer),
    Column("discrepancy", Integer),
    Column("killed", Integer),
    Column("killed_low", Integer),
    Column("killed_high", Integer),
    Column("injured", Integer),
    Index("ix_events_day", "date_start"),
    Index("ix_events_admin1", "admin1"),
    Index("ix_events_outlets", "n_outlets", "date_start"),
    Index("ix_events_killed", "killed", "date_start"),
)

# The publishers of each event's member articles (the events view filters on them).
event_outlets = Table(
    "event_outlets",
    metadata,
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("outlet", String(255), primary_key=True),
    Index("ix_event_outlets_outlet", "outlet", "event_id"),
)

event_members = Table(
    "event_members",
    metadata,
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("incident_id", ID, primary_key=True),
    Index("ix_event_members_incident", "incident_id"),
)

verifications = Table(
    "verifications",
    metadata,
    Column("article_id", ID, primary_key=True),
    Column("payload", JSON, nullable=False),
    Column("score", Float),
    Column("label", String(32)),
)

reference_incidents = Table(
    "reference_incidents",
    metadata,
    Column("ref_id", ID, primary_key=True),
    Column("payload", JSON, nullable=False),
    Column("date", DAY),
    Column("admin1", String(255)),
    Column("type", String(64)),
    Column("location", String(255)),
    Index("ix_reference_date", "date", "admin1"),
)

# The store's schema version and other facts about the database itself (marsad.store.migrate).
meta = Table(
    "marsad_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text),
)

# PostgreSQL full-text index over the article search terms ("simple": the terms are already folded).
PG_TSCONFIG = literal_column("'simple'::regconfig")
ARTICLE_TSVECTOR = func.to_tsvector(PG_TSCONFIG, articles.c.search_terms)
Index("ix_articles_search_gin", ARTICLE_TSVECTOR, postgresql_using="gin", _table=articles).ddl_if(
    dialect="postgresql"
)

# Children first: the order rows of one article are deleted in.
INCIDENT_CHILDREN = (locations, actors, casualties, sources)
