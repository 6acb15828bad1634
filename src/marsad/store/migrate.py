"""Bring a store written by an older marsad up to the current schema, in place, when it is opened.

Missing columns are added (all are nullable), missing indexes created, and derived columns (filing
days, totals, map point, search terms) recomputed from the stored rows once, so a database made
before a column existed works without re-ingesting. On SQLite the article search index is an FTS5
table kept in step by triggers; on PostgreSQL a GIN index over ``to_tsvector`` (schema.py). Without
FTS5 (a rare SQLite build) search falls back to ``LIKE`` over the same terms.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.exc import OperationalError

from marsad.store.schema import articles, meta, metadata

SCHEMA_VERSION = 2
VERSION_KEY = "schema_version"
FTS_TABLE = "articles_fts"

_FTS_CREATE = f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(terms, content='', tokenize='unicode61 remove_diacritics 0')"
# Contentless FTS5: a row is removed by giving back the terms it was indexed with, which the triggers
# read from ``articles.search_terms``. The row key is ``articles.seq`` (rowid is not stable under VACUUM).
_FTS_TRIGGERS = {
    "articles_fts_ai": f"""CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
        UPDATE articles SET seq = (SELECT coalesce(max(seq), 0) + 1 FROM articles) WHERE rowid = new.rowid;
        INSERT INTO {FTS_TABLE}(rowid, terms)
            SELECT seq, coalesce(search_terms, '') FROM articles WHERE rowid = new.rowid;
    END""",
    "articles_fts_ad": f"""CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles WHEN old.seq IS NOT NULL BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms) VALUES ('delete', old.seq, coalesce(old.search_terms, ''));
    END""",
    "articles_fts_au": f"""CREATE TRIGGER articles_fts_au AFTER UPDATE OF search_terms ON articles
        WHEN old.seq IS NOT NULL BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms) VALUES ('delete', old.seq, coalesce(old.search_terms, ''));
        INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (new.seq, coalesce(new.search_terms, ''));
    END""",
}


def _add_missing_columns(conn: Connection) -> list[str]:
    insp = inspect(conn)
    quote = conn.dialect.identifier_preparer.quote
    added = []
    for table in metadata.sorted_tables:
        have = {c["name"] for c in insp.get_columns(table.name)}
        for col in table.columns:
            if col.name in have:
                continue
            kind = col.type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(col.name)} {kind}"))
            added.append(f"{table.name}.{col.name}")
    return added


def _create_missing_indexes(conn: Connection) -> None:
    for table in metadata.sorted_tables:
        for index in table.indexes:
            index.create(conn, checkfirst=True)


def _version(conn: Connection) -> int:
    value = conn.execute(select(meta.c.value).where(meta.c.key == VERSION_KEY)).scalar_one_or_none()
    return int(value) if value else 0


def _set_version(conn: Connection) -> None:
    conn.execute(meta.delete().where(meta.c.key == VERSION_KEY))
    conn.execute(meta.insert().values(key=VERSION_KEY, value=str(SCHEMA_VERSION)))


def _sqlite_objects(conn: Connection, kind: str) -> set[str]:
    rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = :k"), {"k": kind})
    return set(rows.scalars())


def _fts_available(conn: Connection) -> bool:
    try:
        conn.execute(text("SELECT sqlite_compileoption_used('ENABLE_FTS5')")).scalar_one()
        conn.execute(text("CREATE VIRTUAL TABLE temp.marsad_fts_probe USING fts5(x)"))
        conn.execute(text("DROP TABLE temp.marsad_fts_probe"))
        return True
    except OperationalError:
        return False


def rebuild_fts(conn: Connection) -> None:
    """Refill the SQLite search index from ``articles.search_terms`` (numbering rows without ``seq``)."""
    for name in _FTS_TRIGGERS:
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    if FTS_TABLE in _sqlite_objects(conn, "table"):
        conn.execute(text(f"DROP TABLE {FTS_TABLE}"))
    conn.execute(text(_FTS_CREATE))
    top = conn.execute(text("SELECT coalesce(max(seq), 0) FROM articles")).scalar_one()
    missing = (
        conn.execute(text("SELECT rowid FROM articles WHERE seq IS NULL ORDER BY rowid")).scalars().all()
    )
    if missing:
        conn.execute(
            text("UPDATE articles SET seq = :seq WHERE rowid = :rid"),
            [{"seq": top + n, "rid": rid} for n, rid in enumerate(missing, 1)],
        )
    conn.execute(
        text(f"INSERT INTO {FTS_TABLE}(rowid, terms) SELECT seq, coalesce(search_terms, '') FROM articles")
    )
    for ddl in _FTS_TRIGGERS.values():
        conn.execute(text(ddl))


def upgrade(engine: Engine, recompute: Callable[[Connection], None]) -> str:
    """Migrate the store behind ``engine``; returns the search mode: fts5, postgresql or like.

    ``recompute(conn)`` rewrites every derived column from the stored rows; it runs once, when the
    store was written by an older schema and holds articles.
    """
    dialect = engine.dialect.name
    with engine.begin() as conn:
        _add_missing_columns(conn)
        _create_missing_indexes(conn)
        stale = _version(conn) < SCHEMA_VERSION
        has_rows = conn.execute(select(articles.c.id).limit(1)).first() is not None
        if stale and has_rows:
            recompute(conn)
        if dialect == "sqlite":
            fts = _fts_available(conn)
            if fts:
                present = _sqlite_objects(conn, "trigger")
                if stale or FTS_TABLE not in _sqlite_objects(conn, "table") or set(_FTS_TRIGGERS) - present:
                    rebuild_fts(conn)
            mode = "fts5" if fts else "like"
        elif dialect == "postgresql":
            mode = "postgresql"
        else:
            mode = "like"
        if stale:
            _set_version(conn)
    return mode
