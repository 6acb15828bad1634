"""Incident filters shared by the store, the exporters and the REST API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, literal_column, or_, select, table

from marsad.store.schema import (
    ARTICLE_TSVECTOR,
    PG_TSCONFIG,
    actors,
    articles,
    event_members,
    event_outlets,
    events,
    incidents,
    locations,
    sources,
)
from marsad.store.search import fts5_query, query_terms, tsquery

FTS = table("articles_fts", column("rowid"))
SORTS = ("date", "killed", "casualties")
EVENT_SORTS = ("date", "killed", "outlets", "articles")


def _values(value: str | None) -> list[str]:
    """``"Homs,Hama"`` -> ``["Homs", "Hama"]``: every list filter takes comma-separated alternatives."""
    if not value:
        return []
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _iso(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


@dataclass(slots=True, frozen=True)
class Filters:
    """What the incident list, the timeline and the exports can be narrowed by.

    Dates select incidents whose [day, end] range overlaps [start, end]; an incident's day is its own
    start date, else its article's publication date.
    """

    start: str | None = None
    end: str | None = None
    admin1: str | None = None
    type: str | None = None
    actor: str | None = None
    source: str | None = None
    q: str | None = None
    place: str | None = None  # gazetteer place ids (a location of the incident is one of them)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", _iso(self.start, "start"))
        object.__setattr__(self, "end", _iso(self.end, "end"))

    @classmethod
    def of(cls, params: dict[str, Any]) -> Filters:
        """The filters among ``params`` (other keys are ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in params.items() if k in names})

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def conditions(self, search: str = "like") -> list[ColumnElement[bool]]:
        """WHERE clauses over ``incidents``; ``search`` is the store's search mode (fts5, postgresql,
        like) that ``q`` is answered with."""
        inc = incidents.c
        out: list[ColumnElement[bool]] = []
        if self.start:
            out.append(func.coalesce(inc.day_end, inc.day) >= self.start)
        if self.end:
            out.append(inc.day <= self.end)
        if types := _values(self.type):
            out.append(inc.type.in_(types))
        if names := _values(self.admin1):
            out.append(inc.id.in_(select(locations.c.incident_id).where(locations.c.admin1.in_(names))))
        if ids := _values(self.actor):
            out.append(inc.id.in_(select(actors.c.incident_id).where(actors.c.actor_id.in_(ids))))
        if ids := _values(self.source):
            out.append(inc.id.in_(select(sources.c.incident_id).where(sources.c.source_id.in_(ids))))
        if ids := _values(self.place):
            out.append(inc.id.in_(select(locations.c.incident_id).where(locations.c.place_id.in_(ids))))
        if self.q and (terms := query_terms(self.q)):
            # The article index narrows the candidates; the incident's own terms (evidence and places)
            # decide. Terms are letters and digits only, so they need no LIKE escaping.
            if search != "like":
                out.append(inc.article_id.in_(matching_articles(terms, search)))
            out.extend(terms_like(inc.search_terms, terms))
        elif self.q and self.q.strip():
            out.append(inc.id.is_(None))  # only punctuation: nothing can match
        return out


def matching_articles(terms: list[tuple[str, ...]], search: str) -> Select:
    """``SELECT articles.id`` of the articles whose search terms hold every term (as a prefix)."""
    if search == "fts5":
        hits = select(FTS.c.rowid).where(literal_column("articles_fts").op("MATCH")(fts5_query(terms)))
        return select(articles.c.id).where(articles.c.seq.in_(hits))
    if search == "postgresql":
        tsq = func.to_tsquery(PG_TSCONFIG, tsquery(terms))
        return select(articles.c.id).where(ARTICLE_TSVECTOR.op("@@")(tsq))
    return select(articles.c.id).where(*terms_like(articles.c.search_terms, terms))


def terms_like(col: Any, terms: list[tuple[str, ...]]) -> list[ColumnElement[bool]]:
    """``LIKE`` conditions over a space-delimited term column: one per word, any alternative."""
    return [or_(*(col.like(f"% {t}%") for t in alts)) for alts in terms]


def _flag(value: Any, name: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes"):
        return True
    if text in ("0", "false", "no"):
        return False
    raise ValueError(f"{name} must be true or false, not {value!r}")


@dataclass(slots=True, frozen=True)
class EventFilters:
    """What the events list and map can be narrowed by.

    The event's own columns answer dates (its range overlaps [start, end]), governorate (its
    location's), type, outlet (a member article's publisher), ``discrepancy`` and ``min_outlets``;
    ``actor``, ``source``, ``q`` and ``place`` select events with a member incident that matches them
    as the incident filters do.
    """

    start: str | None = None
    end: str | None = None
    admin1: str | None = None
    type: str | None = None
    actor: str | None = None
    source: str | None = None
    q: str | None = None
    place: str | None = None
    outlet: str | None = None
    discrepancy: bool | None = None
    min_outlets: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", _iso(self.start, "start"))
        object.__setattr__(self, "end", _iso(self.end, "end"))
        object.__setattr__(self, "discrepancy", _flag(self.discrepancy, "discrepancy"))
        if self.min_outlets in ("", None):
            object.__setattr__(self, "min_outlets", None)
        else:
            try:
                n = int(self.min_outlets)
            except (TypeError, ValueError):
                raise ValueError(f"min_outlets must be a whole number, not {self.min_outlets!r}") from None
            if n < 0:
                raise ValueError(f"min_outlets must not be negative, not {n}")
            object.__setattr__(self, "min_outlets", n)

    @classmethod
    def of(cls, params: dict[str, Any]) -> EventFilters:
        """The filters among ``params`` (other keys are ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in params.items() if k in names})

    def conditions(self, search: str = "like") -> list[ColumnElement[bool]]:
        """WHERE clauses over ``events``."""
        ev = events.c
        out: list[ColumnElement[bool]] = []
        if self.start:
            out.append(func.coalesce(ev.date_end, ev.date_start) >= self.start)
        if self.end:
            out.append(ev.date_start <= self.end)
        if names := _values(self.admin1):
            out.append(ev.admin1.in_(names))
        if types := _values(self.type):
            out.append(ev.type.in_(types))
        if names := _values(self.outlet):
            out.append(ev.id.in_(select(event_outlets.c.event_id).where(event_outlets.c.outlet.in_(names))))
        if self.discrepancy is not None:
            out.append(ev.discrepancy == 1 if self.discrepancy else func.coalesce(ev.discrepancy, 0) == 0)
        if self.min_outlets:
            out.append(ev.n_outlets >= self.min_outlets)
        member = Filters(actor=self.actor, source=self.source, q=self.q, place=self.place)
        if not member.is_empty():
            matching = select(incidents.c.id).where(*member.conditions(search))
            out.append(
                ev.id.in_(select(event_members.c.event_id).where(event_members.c.incident_id.in_(matching)))
            )
        return out
