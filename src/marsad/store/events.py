"""Fused events in the store: writing ``marsad fuse`` lines with their derived columns, and the reads
the events view and the exports make (pages, map points, one event with its reports' verdicts)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, or_, select

from marsad.store.event_rows import event_row
from marsad.store.query import EVENT_SORTS, EventFilters
from marsad.store.schema import (
    event_members,
    event_outlets,
    events,
    incidents,
    locations,
    sources,
    verifications,
)

CHUNK = 500
POINT_FIELDS = (
    "id",
    "lat",
    "lon",
    "killed",
    "killed_low",
    "killed_high",
    "injured",
    "outlets",
    "discrepancy",
    "type",
    "day",
)


def _member_id(member: Any) -> str | None:
    """Fusion writes members as incident ids or as dicts naming one."""
    if isinstance(member, str):
        return member
    if isinstance(member, dict):
        for key in ("incident_id", "incident", "id"):
            if member.get(key):
                return str(member[key])
    return None


def claim_key(incident: Any, evidence: Any) -> str:
    """How a report of an event finds the verdict of the same claim: incident and evidence span."""
    if isinstance(evidence, list):  # an existence claim: the incident's first span
        return f"{incident}|event"
    ev = evidence if isinstance(evidence, dict) else {}
    return f"{incident}|{ev.get('start')}|{ev.get('end')}"


def _names_ar(conn: Connection, place_ids: Iterable[str]) -> dict[str, str]:
    """Arabic names of gazetteer places as the articles' locations carry them (fusion keeps English)."""
    ids = sorted({p for p in place_ids if p})
    out: dict[str, str] = {}
    for i in range(0, len(ids), CHUNK):
        stmt = (
            select(locations.c.place_id, func.min(locations.c.name_ar))
            .where(locations.c.place_id.in_(ids[i : i + CHUNK]), locations.c.name_ar.is_not(None))
            .group_by(locations.c.place_id)
        )
        out.update({pid: name for pid, name in conn.execute(stmt)})
    return out


def _order(sort: str | None) -> list[Any]:
    key = (sort or "-date").strip()
    descending = key.startswith("-")
    name = key.lstrip("-+")
    if name not in EVENT_SORTS:
        raise ValueError(f"sort must be one of {', '.join(EVENT_SORTS)} (with - for descending), not {key!r}")
    c = events.c
    col = {"date": c.date_start, "killed": c.killed, "outlets": c.n_outlets, "articles": c.n_articles}[name]
    order = [col.desc().nulls_last() if descending else col.asc().nulls_last()]
    if name == "outlets":
        order.append(c.n_articles.desc().nulls_last())
    if name != "date":
        order.append(c.date_start.desc().nulls_last())
    return [*order, c.id]


class EventStore:
    """The event methods of ``Store`` (which provides ``engine`` and ``search_mode``)."""

    engine: Engine
    search_mode: str

    # ---- writing -------------------------------------------------------------------------------

    def replace_events(self, lines: Iterable[dict[str, Any]]) -> int:
        """Store a complete fusion result in one transaction, dropping every earlier event: fusion is a
        function of all mentions, so an event of an earlier run may no longer exist."""
        with self.engine.begin() as conn:
            conn.execute(delete(event_outlets))
            conn.execute(delete(event_members))
            conn.execute(delete(events))
            return self._add_events(conn, lines, fresh=True)

    def add_events(self, lines: Iterable[dict[str, Any]]) -> int:
        """Store fused events (replacing same ids); returns how many were written."""
        with self.engine.begin() as conn:
            return self._add_events(conn, lines)

    def _add_events(self, conn: Connection, lines: Iterable[dict[str, Any]], fresh: bool = False) -> int:
        n = 0
        batch: list[dict[str, Any]] = []
        for ev in lines:
            batch.append(ev)
            if len(batch) >= CHUNK:
                n += self._write_events(conn, batch, fresh)
                batch = []
        return n + self._write_events(conn, batch, fresh)

    def _write_events(self, conn: Connection, batch: list[dict[str, Any]], fresh: bool) -> int:
        if not batch:
            return 0
        names = _names_ar(conn, ((ev.get("location") or {}).get("place_id") for ev in batch))
        rows, members, outlets = [], [], []
        for ev in batch:
            row = event_row(ev, names.get((ev.get("location") or {}).get("place_id") or ""))
            ids = list(dict.fromkeys(m for m in map(_member_id, ev.get("members") or []) if m))
            row["n_members"] = len(ids)
            rows.append(row)
            members += [{"event_id": row["id"], "incident_id": m} for m in ids]
            outlets += [{"event_id": row["id"], "outlet": o} for o in dict.fromkeys(ev.get("outlets") or [])]
        ids = [r["id"] for r in rows]
        if not fresh:
            for table, col in (
                (event_outlets, event_outlets.c.event_id),
                (event_members, event_members.c.event_id),
            ):
                conn.execute(delete(table).where(col.in_(ids)))
            conn.execute(delete(events).where(events.c.id.in_(ids)))
        conn.execute(events.insert(), rows)
        if members:
            conn.execute(event_members.insert(), members)
        if outlets:
            conn.execute(event_outlets.insert(), outlets)
        return len(rows)

    def _backfill_events(self) -> int:
        """Write the derived columns of events stored before they existed (read back from payloads)."""
        with self.engine.begin() as conn:
            missing = or_(events.c.summary.is_(None), events.c.n_outlets.is_(None))
            stale = list(conn.execute(select(events.c.payload).where(missing)).scalars())
            if stale:
                self._add_events(conn, (dict(p) for p in stale))
        return len(stale)

    # ---- reading -------------------------------------------------------------------------------

    def _event_filters(self, filters: EventFilters | None, **loose: Any) -> EventFilters:
        return filters or EventFilters(**{k: v for k, v in loose.items() if v is not None})

    def events(
        self,
        start: str | None = None,
        end: str | None = None,
        admin1: str | None = None,
        type: str | None = None,
        limit: int = 100,
        offset: int = 0,
        *,
        filters: EventFilters | None = None,
        sort: str | None = None,
        full: bool = True,
    ) -> tuple[int, list[dict[str, Any]]]:
        """``(total, one page)`` of the matching events, newest first unless ``sort`` (date, killed,
        outlets, articles; ``-`` descending) says otherwise: event lines as ``marsad fuse`` wrote them,
        or with ``full=False`` their summaries (``marsad.store.event_rows.event_summary``)."""
        flt = self._event_filters(filters, start=start, end=end, admin1=admin1, type=type)
        conds = flt.conditions(self.search_mode)
        col = events.c.payload if full else events.c.summary
        stmt = select(col).where(*conds).order_by(*_order(sort))
        stmt = stmt.limit(max(0, int(limit))).offset(max(0, int(offset)))
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(events).where(*conds)).scalar_one()
            return total, [dict(p) for p in conn.execute(stmt).scalars()]

    def event_points(self, filters: EventFilters | None = None) -> list[tuple[Any, ...]]:
        """Every matching event the map can show, as tuples in ``POINT_FIELDS`` order (largest toll
        first, so smaller circles are drawn over larger ones)."""
        flt = filters or EventFilters()
        c = events.c
        stmt = (
            select(
                c.id,
                c.lat,
                c.lon,
                c.killed,
                c.killed_low,
                c.killed_high,
                c.injured,
                c.n_outlets,
                c.discrepancy,
                c.type,
                c.date_start,
            )
            .where(c.lat.is_not(None), c.lon.is_not(None), *flt.conditions(self.search_mode))
            .order_by(func.coalesce(c.killed, 0).desc(), c.id)
        )
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(stmt)]

    def event_facets(self) -> dict[str, list[str]]:
        """The filter values the stored events have: governorates, types, outlets, credited sources."""
        with self.engine.connect() as conn:

            def distinct(stmt: Any) -> list[str]:
                return sorted(v for v in conn.execute(stmt.distinct()).scalars() if v is not None)

            in_events = select(event_members.c.incident_id)
            return {
                "admin1": distinct(select(events.c.admin1)),
                "types": distinct(select(events.c.type)),
                "outlets": distinct(select(event_outlets.c.outlet)),
                "sources": distinct(select(sources.c.source_id).where(sources.c.incident_id.in_(in_events))),
            }

    def iter_events(self, flt: Any = None, chunk: int = 500) -> Iterator[dict[str, Any]]:
        """Every stored event (``marsad fuse`` payload) overlapping the date range and in the given
        governorates/types, oldest first, read ``chunk`` at a time (for exports)."""
        if flt is None or isinstance(flt, EventFilters):
            eflt = flt or EventFilters()
        else:  # incident filters: their dates, governorates and types
            eflt = EventFilters(start=flt.start, end=flt.end, admin1=flt.admin1, type=flt.type)
        conds = eflt.conditions(self.search_mode)
        offset = 0
        while True:
            with self.engine.connect() as conn:
                stmt = (
                    select(events.c.payload)
                    .where(*conds)
                    .order_by(events.c.date_start.asc().nulls_last(), events.c.id)
                    .limit(chunk)
                    .offset(offset)
                )
                rows = [dict(p) for p in conn.execute(stmt).scalars()]
            yield from rows
            if len(rows) < chunk:
                return
            offset += chunk

    def event(self, ev_id: str) -> dict[str, Any] | None:
        """One fused event (``marsad fuse`` line), or None."""
        with self.engine.connect() as conn:
            return conn.execute(select(events.c.payload).where(events.c.id == ev_id)).scalar_one_or_none()

    def event_summary(self, ev_id: str) -> dict[str, Any] | None:
        """One event's summary (as in the events list), or None."""
        with self.engine.connect() as conn:
            return conn.execute(select(events.c.summary).where(events.c.id == ev_id)).scalar_one_or_none()

    def events_of_article(self, art_id: str, full: bool = True) -> list[dict[str, Any]]:
        """The fused events holding any incident of this article (for "other reports of this event"):
        event lines, or with ``full=False`` their summaries."""
        col = events.c.payload if full else events.c.summary
        with self.engine.connect() as conn:
            inc_ids = select(incidents.c.id).where(incidents.c.article_id == art_id)
            ev_ids = select(event_members.c.event_id).where(event_members.c.incident_id.in_(inc_ids))
            rows = conn.execute(select(col).where(events.c.id.in_(ev_ids)).order_by(events.c.id))
            return [dict(p) for p in rows.scalars()]

    def claim_labels(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The verdict of every verified claim of these articles, by ``claim_key`` (incident and
        evidence span), so an event's reports can show how each was judged."""
        ids = sorted(set(article_ids))
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), CHUNK):
                stmt = select(verifications.c.payload).where(
                    verifications.c.article_id.in_(ids[i : i + CHUNK])
                )
                for payload in conn.execute(stmt).scalars():
                    for claim in payload.get("claims") or []:
                        if claim.get("label"):
                            out[claim_key(claim.get("incident"), claim.get("evidence"))] = claim["label"]
        return out
