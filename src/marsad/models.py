"""Plain records passed between pipeline stages.

Every stage takes and returns these dataclasses; ``to_dict`` gives the JSON shape fixed by
``CODEBOOK.md`` so that files written by ``marsad extract`` are the contract for fusion, verification,
storage and the web view alike.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

MEASURES = ("killed", "injured", "displaced", "evacuated", "abducted", "arrested", "missing")
GROUPS = ("people", "civilians", "children", "women", "men", "fighters", "patients", "families")
QUALIFIERS = ("exact", "at_least", "about", "more_than", "at_most", "vague")
TYPES = (
    "armed_clash",
    "territory_change",
    "airstrike",
    "shelling",
    "bombing",
    "chemical_attack",
    "attack_on_civilians",
    "abduction_arrest",
    "displacement",
    "evacuation",
    "aid_delivery",
    "negotiation",
    "other",
)
PRECISIONS = ("neighbourhood", "community", "subdistrict", "district", "governorate", "region", "country")
RELATIONS = ("in", "near", "north_of", "south_of", "east_of", "west_of", "countryside")
DATE_PRECISIONS = ("day", "range", "week", "month", "year", "unknown")


@dataclass(slots=True)
class RawArticle:
    """An article as a reader produced it, before cleaning.

    ``text`` is the decoded text; every span in the output is an offset into it.
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known from metadata
    outlet: str | None = None
    url: str | None = None
    path: str | None = None  # where it was read from, for error messages
    language: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class ReadError:
    """One input that could not be read; the run goes on without it."""

    path: str
    reason: str
    skipped: bool = False  # a deliberate skip (e.g. not Arabic), not a failure

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(slots=True)
class Doc:
    """A cleaned article: ``text`` has the same length as the raw text.

    Noise lines are blanked with spaces rather than cut, so offsets into ``text`` are offsets into
    the article as read; ``removed`` lists the blanked ranges.
    """

    meta: RawArticle
    text: str
    title: str | None
    published: str | None
    dateline: str | None
    removed: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True, init=False)
class Span:
    start: int
    end: int
    text: str

    # written out (init=False): compiled, the __init__ dataclass generates runs interpreted, 7x slower
    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True, init=False)
class Count:
    value: int | None
    low: int | None
    high: int | None
    qualifier: str  # one of QUALIFIERS

    # written out (init=False): compiled, the __init__ dataclass generates runs interpreted, 7x slower
    def __init__(self, value: int | None, low: int | None, high: int | None, qualifier: str) -> None:
        self.value = value
        self.low = low
        self.high = high
        self.qualifier = qualifier

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "low": self.low, "high": self.high, "qualifier": self.qualifier}


@dataclass(slots=True, init=False)
class Casualty:
    measure: str
    group: str
    count: Count
    start: int
    end: int
    text: str
    side: str | None = None
    part_of: int | None = None
    reported_by: list[str] = field(default_factory=list)

    # written out (init=False), as ``ActorMention``'s; None stands for a new empty list
    def __init__(
        self,
        measure: str,
        group: str,
        count: Count,
        start: int,
        end: int,
        text: str,
        side: str | None = None,
        part_of: int | None = None,
        reported_by: list[str] | None = None,
    ) -> None:
        self.measure = measure
        self.group = group
        self.count = count
        self.start = start
        self.end = end
        self.text = text
        self.side = side
        self.part_of = part_of
        self.reported_by = [] if reported_by is None else reported_by

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "group": self.group,
            "side": self.side,
            "count": self.count.to_dict(),
            "part_of": self.part_of,
            "reported_by": list(self.reported_by),
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(slots=True, init=False)
class Place:
    """A gazetteer entry."""

    place_id: str
    name_ar: str
    name_en: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    precision: str  # one of PRECISIONS
    population: int = 0
    parent: str | None = None  # place_id of the containing city for neighbourhoods
    country: str | None = "SY"  # ISO 3166-1 alpha-2
    admin2_pcode: str | None = None  # OCHA p-codes, when an imported layer supplied them
    admin3: str | None = None
    admin3_pcode: str | None = None
    pcode: str | None = None  # the place's own p-code (community C-code, neighbourhood N-code ...)
    common: bool = False  # its name is also an ordinary word or first name: needs a place cue

    # written out (init=False), as ``ActorMention``'s: one per gazetteer entry at start-up
    def __init__(
        self,
        place_id: str,
        name_ar: str,
        name_en: str,
        admin1: str | None,
        admin2: str | None,
        lat: float | None,
        lon: float | None,
        precision: str,
        population: int = 0,
        parent: str | None = None,
        country: str | None = "SY",
        admin2_pcode: str | None = None,
        admin3: str | None = None,
        admin3_pcode: str | None = None,
        pcode: str | None = None,
        common: bool = False,
    ) -> None:
        self.place_id = place_id
        self.name_ar = name_ar
        self.name_en = name_en
        self.admin1 = admin1
        self.admin2 = admin2
        self.lat = lat
        self.lon = lon
        self.precision = precision
        self.population = population
        self.parent = parent
        self.country = country
        self.admin2_pcode = admin2_pcode
        self.admin3 = admin3
        self.admin3_pcode = admin3_pcode
        self.pcode = pcode
        self.common = common


@dataclass(slots=True, init=False)
class Location:
    text: str
    start: int
    end: int
    place_id: str | None
    name_ar: str | None
    name_en: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    precision: str
    relation: str = "in"
    country: str | None = None  # ISO 3166-1 alpha-2 ("SY", "IQ" ...)
    admin2_pcode: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None
    pcode: str | None = None

    # written out (init=False): compiled, the __init__ dataclass generates runs interpreted, 7x slower
    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        place_id: str | None,
        name_ar: str | None,
        name_en: str | None,
        admin1: str | None,
        admin2: str | None,
        lat: float | None,
        lon: float | None,
        precision: str,
        relation: str = "in",
        country: str | None = None,
        admin2_pcode: str | None = None,
        admin3: str | None = None,
        admin3_pcode: str | None = None,
        pcode: str | None = None,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.place_id = place_id
        self.name_ar = name_ar
        self.name_en = name_en
        self.admin1 = admin1
        self.admin2 = admin2
        self.lat = lat
        self.lon = lon
        self.precision = precision
        self.relation = relation
        self.country = country
        self.admin2_pcode = admin2_pcode
        self.admin3 = admin3
        self.admin3_pcode = admin3_pcode
        self.pcode = pcode

    def to_dict(self) -> dict[str, Any]:
        # what dataclasses.asdict gives (every field is a scalar), without its deep copy; written out
        # field by field (read by name through getattr, the fields cost three times as much)
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "place_id": self.place_id,
            "name_ar": self.name_ar,
            "name_en": self.name_en,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "relation": self.relation,
            "country": self.country,
            "admin2_pcode": self.admin2_pcode,
            "admin3": self.admin3,
            "admin3_pcode": self.admin3_pcode,
            "pcode": self.pcode,
        }


@dataclass(slots=True, init=False)
class ActorMention:
    id: str
    role: str  # perpetrator | target | party
    text: str
    start: int
    end: int

    # written out (init=False): compiled, the __init__ dataclass generates runs interpreted, 7x slower
    def __init__(self, id: str, role: str, text: str, start: int, end: int) -> None:
        self.id = id
        self.role = role
        self.text = text
        self.start = start
        self.end = end

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "role": self.role, "text": self.text, "start": self.start, "end": self.end}


_LOCATION_FIELDS = tuple(f.name for f in fields(Location))


@dataclass(slots=True, init=False)
class SourceMention:
    id: str
    text: str
    start: int
    end: int

    # written out (init=False): compiled, the __init__ dataclass generates runs interpreted, 7x slower
    def __init__(self, id: str, text: str, start: int, end: int) -> None:
        self.id = id
        self.text = text
        self.start = start
        self.end = end


@dataclass(slots=True, init=False)
class DateRef:
    start: str | None
    end: str | None
    precision: str  # one of DATE_PRECISIONS
    text: str | None
    span_start: int | None = None
    span_end: int | None = None

    # written out (init=False): compiled, the __init__ dataclass generates runs interpreted, 7x slower
    def __init__(
        self,
        start: str | None,
        end: str | None,
        precision: str,
        text: str | None,
        span_start: int | None = None,
        span_end: int | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.precision = precision
        self.text = text
        self.span_start = span_start
        self.span_end = span_end

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "precision": self.precision, "text": self.text}


@dataclass(slots=True, init=False)
class Incident:
    id: str
    type: str
    date: DateRef
    locations: list[Location] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    country: str | None = None  # ISO code of where it happened (None: no place named)

    # written out (init=False), as ``ActorMention``'s; None stands for a new empty list
    def __init__(
        self,
        id: str,
        type: str,
        date: DateRef,
        locations: list[Location] | None = None,
        actors: list[ActorMention] | None = None,
        casualties: list[Casualty] | None = None,
        weapons: list[str] | None = None,
        reported_by: list[str] | None = None,
        evidence: list[Span] | None = None,
        country: str | None = None,
    ) -> None:
        self.id = id
        self.type = type
        self.date = date
        self.locations = [] if locations is None else locations
        self.actors = [] if actors is None else actors
        self.casualties = [] if casualties is None else casualties
        self.weapons = [] if weapons is None else weapons
        self.reported_by = [] if reported_by is None else reported_by
        self.evidence = [] if evidence is None else evidence
        self.country = country

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "date": self.date.to_dict(),
            "country": self.country,
            "locations": [loc.to_dict() for loc in self.locations],
            "actors": [a.to_dict() for a in self.actors],
            "casualties": [c.to_dict() for c in self.casualties],
            "weapons": list(self.weapons),
            "reported_by": list(self.reported_by),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(slots=True, init=False)
class ArticleResult:
    """One output line: the article, its incidents and what went wrong on the way."""

    doc: Doc
    incidents: list[Incident] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    # written out (init=False), as ``ActorMention``'s; None stands for a new empty list
    def __init__(
        self, doc: Doc, incidents: list[Incident] | None = None, warnings: list[str] | None = None
    ) -> None:
        self.doc = doc
        self.incidents = [] if incidents is None else incidents
        self.warnings = [] if warnings is None else warnings

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        meta = self.doc.meta
        article: dict[str, Any] = {
            "id": meta.id,
            "title": self.doc.title,
            "published": self.doc.published,
            "outlet": meta.outlet,
            "dateline": self.doc.dateline,
            "language": meta.language or "ar",
            "url": meta.url,
            "path": meta.path,
            "sha256": meta.sha256,
        }
        if with_text:
            article["text"] = meta.text
        return {
            "article": article,
            "incidents": [i.to_dict() for i in self.incidents],
            "warnings": list(self.warnings),
        }
