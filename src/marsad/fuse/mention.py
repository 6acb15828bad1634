"""Incident mentions: one incident of one article, flattened for fusion.

Fusion and verification read the JSON written by ``marsad extract`` (CODEBOOK article lines) as
plain dicts and turn each incident into a ``Mention``; they never import the extractor, so files
from any producer that follows the codebook can be fused.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

# Location precisions that pin a mention to one place; coarser ones only join when unambiguous.
SPECIFIC_PRECISIONS = ("neighbourhood", "community", "subdistrict")
# Relations that make a location a landmark for another one rather than the scene.
LANDMARK_RELATIONS = ("near", "north_of", "south_of", "east_of", "west_of")


@dataclass(frozen=True, slots=True)
class MentionLocation:
    place_id: str | None
    name_en: str | None
    admin1: str | None
    admin2: str | None
    precision: str
    lat: float | None = None
    lon: float | None = None
    parent: str | None = None  # containing city's place_id, for neighbourhoods (when the producer knows it)
    relation: str | None = None  # in | near | north_of ... | countryside (CODEBOOK)

    @property
    def key(self) -> str:
        """Identity of the place for comparisons: place_id, else the English name."""
        return self.place_id or (self.name_en or "").lower() or f"admin1:{self.admin1}"

    @property
    def specific(self) -> bool:
        return self.precision in SPECIFIC_PRECISIONS

    @property
    def landmark(self) -> bool:
        """Named only to locate another place ("قرب دمشق", "شرقي حلب"), not where it happened."""
        return self.relation in LANDMARK_RELATIONS

    def to_dict(self) -> dict[str, Any]:
        return {
            "place_id": self.place_id,
            "name_en": self.name_en,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "precision": self.precision,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass(frozen=True, slots=True)
class MentionActor:
    id: str
    role: str


@dataclass(frozen=True, slots=True)
class MentionCount:
    value: int | None
    low: int | None
    high: int | None
    qualifier: str


@dataclass(frozen=True, slots=True)
class MentionCasualty:
    measure: str
    group: str
    side: str | None
    count: MentionCount
    part_of: int | None
    reported_by: tuple[str, ...]
    text: str | None = None
    start: int | None = None  # evidence span in the article text
    end: int | None = None


@dataclass(slots=True)
class Mention:
    article_id: str
    outlet: str | None
    published: str | None
    incident_id: str
    type: str
    date_start: str | None
    date_end: str | None
    date_precision: str
    locations: tuple[MentionLocation, ...] = ()
    actors: tuple[MentionActor, ...] = ()
    casualties: tuple[MentionCasualty, ...] = ()
    reported_by: tuple[str, ...] = ()
    evidence: tuple[tuple[int | None, int | None, str], ...] = ()  # (start, end, text) spans
    # derived, filled by ``effective_dates``
    eff_start: date | None = field(default=None, compare=False)
    eff_end: date | None = field(default=None, compare=False)
    _scene: tuple[MentionLocation, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def places(self) -> tuple[MentionLocation, ...]:
        """Where it happened: locations below the country level (the country names no place),
        without landmarks ("قرب دمشق") when the mention has a scene of its own."""
        if self._scene is None:  # locations never change once read: computed once
            below = tuple(loc for loc in self.locations if loc.precision != "country")
            self._scene = tuple(loc for loc in below if not loc.landmark) or below
        return self._scene

    @property
    def admin1(self) -> str | None:
        """Governorate of the mention: of its first specific place, else of its first place."""
        places = self.places
        for loc in (*(x for x in places if x.specific), *places):
            if loc.admin1:
                return loc.admin1
        return None

    @property
    def blocks(self) -> tuple[str, ...]:
        """Every governorate the mention's places lie in (where fusion looks for its event)."""
        return tuple(sorted({loc.admin1 for loc in self.places if loc.admin1}))

    @property
    def specific(self) -> bool:
        """Pinned to a community/neighbourhood (not only a district, governorate or region)."""
        return any(loc.specific for loc in self.places)

    @property
    def dated(self) -> bool:
        """The article gives the incident a date of its own. An ``end`` without a ``start`` is only
        "on or before that day" (the day it was reported), like no date at all."""
        return self.date_start is not None

    @property
    def day_precise(self) -> bool:
        """Dated to one day, or two consecutive days ("overnight")."""
        return (
            self.dated
            and self.eff_start is not None
            and self.eff_end is not None
            and (self.eff_end - self.eff_start).days <= 1
        )

    @property
    def anchored(self) -> bool:
        """Pinned to a community/neighbourhood and a day: what an event is built around."""
        return self.specific and self.day_precise

    @property
    def published_day(self) -> date | None:
        return _parse_date(self.published)

    @property
    def reported_day(self) -> date | None:
        """The day an undated incident was reported on: its ``end`` when given, else publication."""
        return _parse_date(self.date_end) or self.published_day

    @property
    def sources(self) -> tuple[str, ...]:
        """Who vouches for the incident: its reporters, else the outlet, else the article."""
        if self.reported_by:
            return tuple(sorted(set(self.reported_by)))
        return (self.outlet or f"article:{self.article_id}",)

    def sort_key(self) -> tuple[Any, ...]:
        """Stable order used everywhere, so results do not depend on input order."""
        return (
            self.eff_start or date.max,
            self.eff_end or date.max,
            self.admin1 or "",
            tuple(sorted(loc.key for loc in self.locations)),
            self.type,
            self.article_id,
            self.incident_id,
        )


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def effective_dates(m: Mention, lookback_days: int) -> None:
    """Give every mention a date range to compare on. An undated incident is a reference to
    something that happened on or before the day it was reported (its ``end`` when the producer
    gives only that, else publication): ``[day - lookback, day]``."""
    start, end = _parse_date(m.date_start), _parse_date(m.date_end)
    if start is not None and (end is None or end < start):
        end = start
    if start is None:
        day = m.reported_day
        start, end = (day - timedelta(days=lookback_days), day) if day is not None else (None, None)
    m.eff_start, m.eff_end = start, end


def _count(d: dict[str, Any] | None) -> MentionCount:
    d = d or {}
    return MentionCount(d.get("value"), d.get("low"), d.get("high"), d.get("qualifier") or "exact")


def mentions_from_article(line: dict[str, Any]) -> list[Mention]:
    """All incidents of one article line as mentions."""
    art = line.get("article") or {}
    article_id = str(art.get("id"))
    out: list[Mention] = []
    for n, inc in enumerate(line.get("incidents") or [], start=1):
        dt = inc.get("date") or {}
        locs = tuple(
            MentionLocation(
                place_id=loc.get("place_id"),
                name_en=loc.get("name_en"),
                admin1=loc.get("admin1"),
                admin2=loc.get("admin2"),
                precision=loc.get("precision") or "community",
                lat=loc.get("lat"),
                lon=loc.get("lon"),
                parent=loc.get("parent"),
                relation=loc.get("relation"),
            )
            for loc in inc.get("locations") or []
            if loc.get("place_id") or loc.get("name_en") or loc.get("admin1")
        )
        actors = tuple(
            MentionActor(a["id"], a.get("role") or "party") for a in inc.get("actors") or [] if a.get("id")
        )
        cas = tuple(
            MentionCasualty(
                measure=c.get("measure", "killed"),
                group=c.get("group", "people"),
                side=c.get("side"),
                count=_count(c.get("count")),
                part_of=c.get("part_of"),
                reported_by=tuple(c.get("reported_by") or ()),
                text=c.get("text"),
                start=c.get("start"),
                end=c.get("end"),
            )
            for c in inc.get("casualties") or []
        )
        out.append(
            Mention(
                article_id=article_id,
                outlet=art.get("outlet"),
                published=art.get("published"),
                incident_id=str(inc.get("id") or f"{article_id}#{n}"),
                type=inc.get("type") or "other",
                date_start=dt.get("start"),
                date_end=dt.get("end"),
                date_precision=dt.get("precision") or ("day" if dt.get("start") else "unknown"),
                locations=locs,
                actors=actors,
                casualties=cas,
                reported_by=tuple(inc.get("reported_by") or ()),
                evidence=tuple(
                    (e.get("start"), e.get("end"), e.get("text") or "") for e in inc.get("evidence") or []
                ),
            )
        )
    return out


def iter_article_lines(paths: Iterable[str | Path]) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """(path, line number, article line) for every non-blank line of the JSON Lines inputs."""
    for path in paths:
        with Path(path).open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, start=1):
                if line.strip():
                    yield str(path), lineno, json.loads(line)


def load_mentions(paths: Iterable[str | Path]) -> list[Mention]:
    return [m for _, _, line in iter_article_lines(paths) for m in mentions_from_article(line)]
