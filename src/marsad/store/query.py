"""Incident filters shared by the store, the exporters and the REST API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, func, select

from marsad.store.schema import actors, incidents, locations, sources
from marsad.text.normalize import normalize_str


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

    def conditions(self) -> list[ColumnElement[bool]]:
        """WHERE clauses over ``incidents``."""
        inc = incidents.c
        out: list[ColumnElement[bool]] = []
        if self.start:
            out.append(func.coalesce(inc.date_end, inc.day) >= self.start)
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
        if self.q and self.q.strip():
            needle = normalize_str(self.q.strip())
            escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            out.append(inc.search_text.like(f"%{escaped}%", escape="\\"))
        return out
