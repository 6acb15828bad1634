"""``Store``: the incident database behind ``marsad ingest``, ``export`` and the REST API.

Writes are per article and atomic: an article and all its rows go in one transaction, so a crash or
a bad record never leaves half an article, and what was stored before stays. Articles are keyed by
id and deduplicated by content hash, so re-running an ingest over the same corpus is a no-op.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    case,
    create_engine,
    delete,
    event,
    func,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.pool import StaticPool

from marsad.store import migrate
from marsad.store.events import EventStore
from marsad.store.query import FTS, SORTS, Filters, matching_articles
from marsad.store.rows import (
    CUMULATIVE_TOLL,
    ArticleRows,
    article_dict,
    article_sha,
    article_terms,
    derived,
    incident_dict,
    to_rows,
)
from marsad.store.schema import (
    ARTICLE_TSVECTOR,
    INCIDENT_CHILDREN,
    PG_TSCONFIG,
    actors,
    articles,
    casualties,
    events,
    incidents,
    locations,
    metadata,
    reference_incidents,
    sources,
    verifications,
)
from marsad.store.search import fts5_query, matches, query_terms, shown_terms, snippet, tsquery

CHUNK = 500  # ids per IN (...) list


def normalize_url(url: str) -> str:
    """A SQLAlchemy URL from what a user types: a bare path is SQLite, ``postgresql://`` uses psycopg 3."""
    if url in (":memory:", "sqlite://", "sqlite:///:memory:"):
        return "sqlite://"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _engine(url: str) -> Engine:
    if url == "sqlite://":  # one shared in-memory database for every thread (tests, the API)
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

    return engine


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


TOTAL_KEYS = ("incidents", "killed", "injured", "outliers", "outlier_killed", "outlier_injured")


def _totals() -> list[Any]:
    """Aggregates in TOTAL_KEYS order: incidents, killed, injured over all incidents, then how many
    incidents carry a cumulative toll (rows.CUMULATIVE_TOLL) and their share of killed and injured."""
    killed = func.coalesce(incidents.c.killed, 0)
    injured = func.coalesce(incidents.c.injured, 0)
    huge = killed + injured > CUMULATIVE_TOLL
    return [
        func.count(incidents.c.id),
        func.sum(killed),
        func.sum(injured),
        func.sum(case((huge, 1), else_=0)),
        func.sum(case((huge, killed), else_=0)),
        func.sum(case((huge, injured), else_=0)),
    ]


def _bucket(day: str, bucket: str) -> str:
    """The first day of the week (Monday) or month ``day`` falls in."""
    if bucket == "month":
        return day[:7] + "-01"
    if bucket == "week":
        d = dt.date.fromisoformat(day)
        return (d - dt.timedelta(days=d.weekday())).isoformat()
    return day


class Store(EventStore):
    """SQLite or PostgreSQL incident store (tables are created when missing)."""

    def __init__(self, url: str = "sqlite:///marsad.db") -> None:
        self.url = normalize_url(url)
        self.engine = _engine(self.url)
        metadata.create_all(self.engine)
        # How ``q`` and article search are answered: fts5 (SQLite), postgresql, or like (fallback).
        self.search_mode = migrate.upgrade(self.engine, self._recompute)
        self._backfill_events()

    def _recompute(self, conn: Connection, chunk: int = 200) -> None:
        """Rewrite the derived columns of every incident and article from the stored rows (a store
        written before they existed, or by an older rule)."""
        ids = list(conn.execute(select(articles.c.id, articles.c.published).order_by(articles.c.id)))
        for part in _chunks(ids, chunk):
            published = dict(part)
            rows = conn.execute(
                select(incidents).where(incidents.c.article_id.in_(list(published))).order_by(incidents.c.idx)
            ).mappings()
            rows = [dict(r) for r in rows]
            kids = self._children(conn, [r["id"] for r in rows])
            by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
            updates = []
            for r in rows:
                inc = incident_dict(r, *kids[r["id"]])
                by_article[r["article_id"]].append(inc)
                updates.append({"b_id": r["id"], **derived(inc, published[r["article_id"]])})
            if updates:
                conn.execute(update(incidents).where(incidents.c.id == bindparam("b_id")), updates)
            arts = conn.execute(
                select(articles.c.id, articles.c.title, articles.c.text).where(
                    articles.c.id.in_(list(published))
                )
            ).mappings()
            conn.execute(
                update(articles).where(articles.c.id == bindparam("b_id")),
                [
                    {"b_id": a["id"], "search_terms": article_terms(dict(a), by_article.get(a["id"], []))}
                    for a in arts.all()
                ],
            )

    def close(self) -> None:
        self.engine.dispose()

    # ---- writing -------------------------------------------------------------------------------

    def put(self, line: dict[str, Any], replace: bool = False) -> str:
        """Store one article line: ``"new"``, ``"replaced"`` (same id, other text) or ``"exists"``.

        The same text (by SHA-256) is stored once; ``replace=True`` rewrites it anyway (e.g. after
        re-extracting with a newer extractor).
        """
        rows = to_rows(line)
        art_id, sha = rows.article["id"], rows.article["sha256"]
        with self.engine.begin() as conn:
            found = conn.execute(
                select(articles.c.id, articles.c.sha256).where(
                    or_(articles.c.sha256 == sha, articles.c.id == art_id)
                )
            ).all()
            same_text = [r.id for r in found if r.sha256 == sha]
            if same_text and not replace:
                return "exists"
            for old_id in {r.id for r in found}:
                self._delete_article(conn, old_id)
            self._insert_article(conn, rows)
            self._insert_incidents(conn, rows)
            self._insert_children(conn, rows)
        return "replaced" if found else "new"

    def add(self, line: dict[str, Any], replace: bool = False) -> bool:
        """Store one article line; True if it was not stored already."""
        return self.put(line, replace=replace) != "exists"

    def _delete_article(self, conn: Connection, art_id: str) -> None:
        inc_ids = select(incidents.c.id).where(incidents.c.article_id == art_id).scalar_subquery()
        for table in INCIDENT_CHILDREN:
            conn.execute(delete(table).where(table.c.incident_id.in_(inc_ids)))
        conn.execute(delete(incidents).where(incidents.c.article_id == art_id))
        conn.execute(delete(verifications).where(verifications.c.article_id == art_id))
        conn.execute(delete(articles).where(articles.c.id == art_id))

    def _insert_article(self, conn: Connection, rows: ArticleRows) -> None:
        conn.execute(articles.insert(), [rows.article])

    def _insert_incidents(self, conn: Connection, rows: ArticleRows) -> None:
        if rows.incidents:
            conn.execute(incidents.insert(), rows.incidents)

    def _insert_children(self, conn: Connection, rows: ArticleRows) -> None:
        for table, items in (
            (locations, rows.locations),
            (actors, rows.actors),
            (casualties, rows.casualties),
            (sources, rows.sources),
        ):
            if items:
                conn.execute(table.insert(), items)

    def has(self, article: dict[str, Any]) -> bool:
        """Whether this article's text is stored (lets ingest skip extraction of known texts)."""
        with self.engine.connect() as conn:
            sha = article_sha(article)
            return conn.execute(select(articles.c.id).where(articles.c.sha256 == sha)).first() is not None

    def add_verifications(self, lines: Iterable[dict[str, Any]]) -> int:
        """Store ``marsad verify`` lines, one per article (replacing earlier ones)."""
        n = 0
        with self.engine.begin() as conn:
            for line in lines:
                art = line.get("article")
                art_id = line.get("article_id") or (art.get("id") if isinstance(art, dict) else art)
                if not art_id:
                    raise ValueError("verification line without article_id")
                conn.execute(delete(verifications).where(verifications.c.article_id == str(art_id)))
                score = line.get("score")
                conn.execute(
                    verifications.insert(),
                    [
                        {
                            "article_id": str(art_id),
                            "payload": line,
                            "score": float(score) if score is not None else None,
                            "label": line.get("label"),
                        }
                    ],
                )
                n += 1
        return n

    def add_references(self, lines: Iterable[dict[str, Any]]) -> int:
        """Store normalised reference records (``marsad reference import`` output), in one transaction.

        The key is ``dataset/ref_id``: datasets number their rows independently (a UCDP event id and a
        VDC person id may both be 1234), and re-importing a dataset replaces its records."""
        n = 0
        with self.engine.begin() as conn:
            for part in _chunks(list(lines)):
                rows = [
                    {
                        "ref_id": f"{line.get('dataset') or ''}/{line['ref_id']}",
                        "payload": line,
                        "date": line.get("date"),
                        "admin1": line.get("admin1"),
                        "type": line.get("type"),
                        "location": line.get("location"),
                    }
                    for line in part
                ]
                keys = [r["ref_id"] for r in rows]
                conn.execute(delete(reference_incidents).where(reference_incidents.c.ref_id.in_(keys)))
                conn.execute(reference_incidents.insert(), rows)
                n += len(rows)
        return n

    # ---- reading -------------------------------------------------------------------------------

    def references(self) -> list[dict[str, Any]]:
        """Stored reference incidents, as ``marsad reference import`` wrote them."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(reference_incidents.c.payload).order_by(reference_incidents.c.ref_id))
            return [dict(r) for r in rows.scalars()]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (articles, incidents, events, verifications, reference_incidents)
            }

    def _children(self, conn: Connection, ids: list[str]) -> dict[str, tuple[list, list, list]]:
        """Locations, actors and casualties of these incidents, each list in ``ord`` order."""
        got: dict[str, tuple[list, list, list]] = defaultdict(lambda: ([], [], []))
        for part in _chunks(ids):
            for slot, table in enumerate((locations, actors, casualties)):
                stmt = (
                    select(table)
                    .where(table.c.incident_id.in_(part))
                    .order_by(table.c.incident_id, table.c.ord)
                )
                for row in conn.execute(stmt).mappings():
                    got[row["incident_id"]][slot].append(dict(row))
        return got

    def _assemble(self, conn: Connection, rows: list[Any], with_article: bool = True) -> list[dict[str, Any]]:
        kids = self._children(conn, [r["id"] for r in rows])
        out = []
        for r in rows:
            item = incident_dict(dict(r), *kids[r["id"]])
            if with_article:
                item["article_id"] = r["article_id"]
                item["article_title"] = r["title"]
                item["published"] = r["published"]
                item["outlet"] = r["outlet"]
                item["ingested_at"] = r["ingested_at"]
                # Filing day (clipped to publication) and totals, as the list, map and timeline use them.
                item["day"] = r["day"]
                item["killed"] = r["killed"]
                item["injured"] = r["injured"]
            out.append(item)
        return out

    def _incident_select(self, flt: Filters, newest_first: bool = True, sort: str | None = None) -> Any:
        """Incidents joined to their article titles, ordered by ``sort`` (date, killed or casualties,
        ``-`` for descending; default: by filing day); ties by article and position."""
        key = (sort or ("-date" if newest_first else "date")).strip()
        descending = key.startswith("-")
        name = key.lstrip("-+")
        if name not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)} (with - for descending), not {key!r}")
        col: Any = {
            "date": incidents.c.day,
            "killed": incidents.c.killed,
            "casualties": func.coalesce(incidents.c.killed, 0) + func.coalesce(incidents.c.injured, 0),
        }[name]
        order = [col.desc().nulls_last() if descending else col.asc().nulls_last()]
        if name != "date":
            order.append(incidents.c.day.desc().nulls_last())
        return (
            select(
                incidents, articles.c.title, articles.c.published, articles.c.outlet, articles.c.ingested_at
            )
            .select_from(incidents.join(articles, incidents.c.article_id == articles.c.id))
            .where(*flt.conditions(self.search_mode))
            .order_by(*order, incidents.c.article_id, incidents.c.idx)
        )

    def incidents(
        self, limit: int = 100, offset: int = 0, sort: str | None = None, **filters: Any
    ) -> tuple[int, list[dict[str, Any]]]:
        """``(total matching, one page of incident dicts)``; newest first unless ``sort`` says otherwise.

        Each incident is the CODEBOOK dict plus ``article_id``, ``article_title``, ``published``,
        ``day`` (filing day), ``killed`` and ``injured``.
        """
        flt = filters.pop("filters", None) or Filters(**filters)
        stmt = self._incident_select(flt, sort=sort).limit(max(0, int(limit))).offset(max(0, int(offset)))
        with self.engine.connect() as conn:
            total = conn.execute(
                select(func.count()).select_from(incidents).where(*flt.conditions(self.search_mode))
            ).scalar_one()
            rows = conn.execute(stmt).mappings().all()
            return total, self._assemble(conn, rows)

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident (as in ``incidents``), or None."""
        stmt = (
            select(
                incidents, articles.c.title, articles.c.published, articles.c.outlet, articles.c.ingested_at
            )
            .select_from(incidents.join(articles, incidents.c.article_id == articles.c.id))
            .where(incidents.c.id == incident_id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
            return self._assemble(conn, rows)[0] if rows else None

    def points(self, flt: Filters | None = None) -> list[tuple[Any, ...]]:
        """Every matching incident with coordinates, for the map, as compact tuples
        ``(id, lat, lon, killed, injured, type, day)``."""
        flt = flt or Filters()
        c = incidents.c
        stmt = select(
            c.id, c.lat, c.lon, func.coalesce(c.killed, 0), func.coalesce(c.injured, 0), c.type, c.day
        ).where(
            c.lat.is_not(None), c.lon.is_not(None), *flt.conditions(self.search_mode)
        )  # unordered: an ORDER BY would make SQLite leave the covering index
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(stmt)]

    def by_admin1(self, flt: Filters | None = None) -> list[dict[str, Any]]:
        """Per governorate: matching incidents that name a place in it, and their killed and injured
        (an incident naming two governorates counts in both, as the governorate filter selects it)."""
        flt = flt or Filters()
        pairs = (
            select(locations.c.incident_id, locations.c.admin1)
            .where(locations.c.admin1.is_not(None))
            .distinct()
            .subquery()
        )
        stmt = (
            select(pairs.c.admin1, *_totals())
            .select_from(pairs.join(incidents, incidents.c.id == pairs.c.incident_id))
            .where(*flt.conditions(self.search_mode))
            .group_by(pairs.c.admin1)
            .order_by(pairs.c.admin1)
        )
        with self.engine.connect() as conn:
            return [
                {"admin1": a, **{k: int(v or 0) for k, v in zip(TOTAL_KEYS, values, strict=True)}}
                for a, *values in conn.execute(stmt)
            ]

    def iter_incidents(self, flt: Filters | None = None, chunk: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching incident, oldest first, read ``chunk`` at a time (for exports)."""
        flt = flt or Filters()
        offset = 0
        while True:
            with self.engine.connect() as conn:
                stmt = self._incident_select(flt, newest_first=False).limit(chunk).offset(offset)
                rows = conn.execute(stmt).mappings().all()
                items = self._assemble(conn, rows)
            yield from items
            if len(rows) < chunk:
                return
            offset += chunk

    def article(self, art_id: str, with_text: bool = True) -> dict[str, Any] | None:
        """The article line (with text and incidents, as ``marsad extract`` writes it), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == art_id)).mappings().first()
            if row is None:
                return None
            return self._article_line(conn, dict(row), Filters(), with_text)

    def _article_line(
        self, conn: Connection, row: dict[str, Any], flt: Filters, with_text: bool
    ) -> dict[str, Any]:
        stmt = (
            select(incidents)
            .where(incidents.c.article_id == row["id"], *flt.conditions(self.search_mode))
            .order_by(incidents.c.idx)
        )
        incs = self._assemble(conn, conn.execute(stmt).mappings().all(), with_article=False)
        return {
            "article": article_dict(row, with_text),
            "incidents": incs,
            "warnings": list(row["warnings"] or []),
        }

    def iter_article_lines(
        self, flt: Filters | None = None, with_text: bool = True, chunk: int = 200
    ) -> Iterator[dict[str, Any]]:
        """Article lines in id order. Without filters: every article; with filters: the articles
        that have a matching incident, each with its matching incidents only."""
        flt = flt or Filters()
        if flt.is_empty():
            ids_stmt = select(articles.c.id).order_by(articles.c.id)
        else:
            ids_stmt = (
                select(incidents.c.article_id)
                .where(*flt.conditions(self.search_mode))
                .distinct()
                .order_by(incidents.c.article_id)
            )
        with self.engine.connect() as conn:
            ids = list(conn.execute(ids_stmt).scalars())
        for part in _chunks(ids, chunk):
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(articles).where(articles.c.id.in_(part)).order_by(articles.c.id)
                ).mappings()
                lines = [self._article_line(conn, dict(r), flt, with_text) for r in rows.all()]
            yield from lines

    def article_meta(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Title, outlet, publication date and ingest time of these articles, by id."""
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for part in _chunks(list(dict.fromkeys(ids))):
                stmt = select(
                    articles.c.id,
                    articles.c.title,
                    articles.c.outlet,
                    articles.c.published,
                    articles.c.ingested_at,
                ).where(articles.c.id.in_(part))
                for row in conn.execute(stmt).mappings():
                    out[row["id"]] = dict(row)
        return out

    def verification(self, art_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(verifications.c.payload).where(verifications.c.article_id == art_id)
            ).scalar_one_or_none()

    def timeline(self, bucket: str = "day", **filters: Any) -> list[dict[str, Any]]:
        """Per day (or ISO week from Monday, or month, keyed by its first day): incidents, killed and
        injured, by filing day. Totals are the incident figures of ``marsad.store.rows.total``
        (top-level rows, a vague amount at its low bound, restatements once, families left out)."""
        if bucket not in ("day", "week", "month"):
            raise ValueError(f"bucket must be day, week or month, not {bucket!r}")
        flt = filters.pop("filters", None) or Filters(**filters)
        stmt = (
            select(incidents.c.day, *_totals())
            .where(incidents.c.day.is_not(None), *flt.conditions(self.search_mode))
            .group_by(incidents.c.day)
            .order_by(incidents.c.day)
        )
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for day, *values in conn.execute(stmt):
                key = _bucket(day, bucket)
                row = out.setdefault(key, {"date": key, **dict.fromkeys(TOTAL_KEYS, 0)})
                for k, v in zip(TOTAL_KEYS, values, strict=True):
                    row[k] += int(v or 0)
        return list(out.values())

    def search(self, q: str | None, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """Articles whose title, text or place names hold every word of ``q`` (Arabic-folded, as
        prefixes; best first), and the stored places whose names do."""
        terms = query_terms(q)
        if not terms:
            return {"q": q or "", "terms": [], "total": 0, "articles": [], "places": []}
        a = articles.c
        fields = (a.id, a.title, a.published, a.outlet, a.text)
        if self.search_mode == "fts5":
            match = literal_column("articles_fts").op("MATCH")(fts5_query(terms))
            hits = select(FTS.c.rowid, func.bm25(literal_column("articles_fts")).label("rank")).where(match)
            hits = hits.subquery()
            base = select(*fields).select_from(articles.join(hits, hits.c.rowid == a.seq))
            order: list[Any] = [hits.c.rank.asc()]
        elif self.search_mode == "postgresql":
            tsq = func.to_tsquery(PG_TSCONFIG, tsquery(terms))
            base = select(*fields).where(ARTICLE_TSVECTOR.op("@@")(tsq))
            order = [func.ts_rank(ARTICLE_TSVECTOR, tsq).desc()]
        else:
            base = select(*fields).where(a.id.in_(matching_articles(terms, "like")))
            order = []
        order += [a.published.desc().nulls_last(), a.id]
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
            page = conn.execute(base.order_by(*order).limit(max(0, limit)).offset(max(0, offset))).all()
            counts = dict(
                conn.execute(
                    select(incidents.c.article_id, func.count())
                    .where(incidents.c.article_id.in_([r.id for r in page]))
                    .group_by(incidents.c.article_id)
                ).all()
            )
            places = self._places(conn, terms)
        return {
            "q": q,
            "terms": shown_terms(terms),
            "total": total,
            "articles": [
                {
                    "id": r.id,
                    "title": r.title,
                    "published": r.published,
                    "outlet": r.outlet,
                    "snippet": snippet(r.text, terms),
                    "incidents": int(counts.get(r.id, 0)),
                }
                for r in page
            ],
            "places": places,
        }

    def _places(self, conn: Connection, terms: list[tuple[str, ...]], limit: int = 8) -> list[dict[str, Any]]:
        """Stored places (by gazetteer id) whose Arabic or English name or written form holds the terms."""
        loc = locations.c
        stmt = (
            select(
                loc.place_id,
                func.min(loc.name_ar),
                func.min(loc.name_en),
                func.min(loc.admin1),
                func.min(loc.lat),
                func.min(loc.lon),
                func.min(loc.precision),
                func.count(func.distinct(loc.incident_id)),
            )
            .where(loc.place_id.is_not(None))
            .group_by(loc.place_id)
        )
        texts: dict[str, set[str]] = defaultdict(set)
        for pid, text_ in conn.execute(
            select(loc.place_id, loc.text).where(loc.place_id.is_not(None)).distinct()
        ):
            if text_:
                texts[pid].add(text_)
        found = []
        for pid, name_ar, name_en, admin1, lat, lon, precision, n in conn.execute(stmt):
            names = " ".join(filter(None, [name_ar, name_en, *sorted(texts.get(pid, ()))]))
            if matches(terms, names):
                found.append(
                    {
                        "place_id": pid,
                        "name_ar": name_ar,
                        "name_en": name_en,
                        "admin1": admin1,
                        "lat": lat,
                        "lon": lon,
                        "precision": precision,
                        "incidents": int(n),
                    }
                )
        found.sort(key=lambda p: (-p["incidents"], p["name_en"] or p["name_ar"] or ""))
        return found[:limit]

    def facets(self) -> dict[str, list[str]]:
        """The filter values present in the database, sorted."""
        with self.engine.connect() as conn:

            def distinct(col: Any) -> list[str]:
                return sorted(
                    v for v in conn.execute(select(col).where(col.is_not(None)).distinct()).scalars()
                )

            return {
                "admin1": distinct(locations.c.admin1),
                "types": distinct(incidents.c.type),
                "actors": distinct(actors.c.actor_id),
                "sources": distinct(sources.c.source_id),
            }
