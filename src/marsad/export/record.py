"""One shape for what the ACLED/UCDP exports and English notes describe: a stored incident (one
article's account) or a fused event (every article's account of one incident).

Casualty figures are kept per source ("SOHR said 26, SANA said 20"), because both ACLED's rule (the
lowest credible figure) and the notes ("Other reported figures: ...") need to see who said what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.export.tables import actor_info


@dataclass(frozen=True, slots=True)
class Count:
    value: int | None
    low: int | None
    high: int | None
    qualifier: str

    @classmethod
    def of(cls, d: dict[str, Any] | None) -> Count:
        d = d or {}
        return cls(d.get("value"), d.get("low"), d.get("high"), str(d.get("qualifier") or "exact"))

    @property
    def vague(self) -> bool:
        return self.qualifier == "vague" or self.value is None


@dataclass(frozen=True, slots=True)
class Part:
    """A breakdown row ("... including three children"): never added to its figure."""

    group: str
    side: str | None
    count: Count


@dataclass(slots=True)
class Report:
    """One source's statement of a figure; ``sources`` empty means the outlet itself."""

    sources: tuple[str, ...]
    count: Count
    parts: list[Part] = field(default_factory=list)


@dataclass(slots=True)
class Figure:
    measure: str
    group: str
    side: str | None
    reports: list[Report] = field(default_factory=list)
    best: int | None = None  # fusion's UCDP-style estimates (events only)
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    outlet: str | None
    published: str | None
    title: str | None


@dataclass(slots=True)
class Record:
    id: str
    type: str
    date_start: str | None
    date_end: str | None
    date_precision: str
    published: str | None
    actors: list[tuple[str, str]]  # (actor id, role), in the record's order
    location: dict[str, Any] | None
    places: list[dict[str, Any]]
    weapons: list[str]
    figures: list[Figure]
    reporters: list[str]
    articles: list[Article]
    evidence: str = ""
    updated: str | None = None  # ISO timestamp of the last write
    country: str | None = None

    @property
    def day(self) -> str | None:
        """The date the record is filed under: its start, else its end, else the publication date."""
        return self.date_start or self.date_end or self.published

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(a.outlet for a in self.articles if a.outlet))


def _located(locs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first location with coordinates, else the first location."""
    return next((loc for loc in locs if loc.get("lat") is not None and loc.get("lon") is not None), None) or (
        locs[0] if locs else None
    )


def from_incident(inc: dict[str, Any]) -> Record:
    """A stored incident (``Store.iter_incidents`` dict: the CODEBOOK incident plus article fields)."""
    rows = list(inc.get("casualties") or [])
    reported = [str(s) for s in inc.get("reported_by") or [] if s]
    figures: dict[tuple[str, str, str | None], Figure] = {}
    for i, row in enumerate(rows):
        if row.get("part_of") is not None:
            continue
        key = (str(row.get("measure")), str(row.get("group") or "people"), row.get("side"))
        parts = [
            Part(str(r.get("group") or "people"), r.get("side"), Count.of(r.get("count")))
            for r in rows
            if r.get("part_of") == i and r.get("measure") == row.get("measure")
        ]
        sources = tuple(str(s) for s in row.get("reported_by") or reported if s)
        figures.setdefault(key, Figure(*key)).reports.append(
            Report(sources, Count.of(row.get("count")), parts)
        )
    date = inc.get("date") or {}
    locs = list(inc.get("locations") or [])
    loc = _located(locs)
    evidence = " … ".join(" ".join(str(e.get("text") or "").split()) for e in inc.get("evidence") or [])
    return Record(
        id=str(inc["id"]),
        type=str(inc.get("type") or "other"),
        date_start=date.get("start"),
        date_end=date.get("end"),
        date_precision=str(date.get("precision") or "unknown"),
        published=inc.get("published"),
        actors=[
            (str(a["id"]), str(a.get("role") or "party")) for a in inc.get("actors") or [] if a.get("id")
        ],
        location=loc,
        places=locs,
        weapons=list(inc.get("weapons") or []),
        figures=list(figures.values()),
        reporters=list(dict.fromkeys(reported)),
        articles=[
            Article(
                str(inc.get("article_id") or str(inc["id"]).split("#")[0]),
                inc.get("outlet"),
                inc.get("published"),
                inc.get("article_title"),
            )
        ],
        evidence=evidence,
        updated=inc.get("ingested_at"),
        country=inc.get("country") or (loc or {}).get("country"),
    )


def from_event(ev: dict[str, Any], articles: dict[str, dict[str, Any]] | None = None) -> Record:
    """A fused event (``marsad fuse`` JSON); ``articles`` adds titles and ingest times by article id."""
    articles = articles or {}
    members = list(ev.get("members") or [])
    figures = []
    for f in ev.get("figures") or []:
        fig = Figure(
            str(f["measure"]),
            str(f.get("group") or "people"),
            f.get("side"),
            best=f.get("best"),
            low=f.get("low"),
            high=f.get("high"),
        )
        for r in f.get("reports") or []:
            fig.reports.append(Report(tuple(str(s) for s in r.get("sources") or [] if s), Count.of(r)))
        figures.append(fig)
    date = ev.get("date") or {}
    loc = ev.get("location")
    arts = []
    for m in members:
        art_id = str(m.get("article") or "")
        meta = articles.get(art_id) or {}
        if art_id and art_id not in {a.id for a in arts}:
            arts.append(Article(art_id, m.get("outlet"), m.get("published"), meta.get("title")))
    reporters = list(dict.fromkeys(str(s) for m in members for s in m.get("reported_by") or [] if s))
    published = min((a.published for a in arts if a.published), default=None)
    stamps = [
        str(articles[a.id]["ingested_at"]) for a in arts if (articles.get(a.id) or {}).get("ingested_at")
    ]
    actors = [(str(a["id"]), str(a.get("role") or "party")) for a in ev.get("actors") or [] if a.get("id")]
    # Fusion lists actors alphabetically: put the actor the most articles name first within each role.
    mentions = {str(a["id"]): int(a.get("mentions") or 0) for a in ev.get("actors") or [] if a.get("id")}
    actors.sort(key=lambda a: -mentions.get(a[0], 0))
    return Record(
        id=str(ev["id"]),
        type=str(ev.get("type") or "other"),
        date_start=date.get("start"),
        date_end=date.get("end"),
        date_precision=str(date.get("precision") or "unknown"),
        published=published,
        actors=actors,
        location=dict(loc) if isinstance(loc, dict) else None,
        places=[dict(loc)] if isinstance(loc, dict) else [],
        weapons=list(ev.get("weapons") or []),
        figures=figures,
        reporters=reporters,
        articles=arts,
        updated=max(stamps) if stamps else None,
        country=ev.get("country") or (loc.get("country") if isinstance(loc, dict) else None),
    )


@dataclass(slots=True)
class Sides:
    """The two sides of a record, ACLED/UCDP style: side 1 acted (or is named first), side 2 the other.

    ``directed`` is true when side 1 is known to be the perpetrator.
    """

    one: list[str]
    two: list[str]
    directed: bool

    @property
    def all(self) -> list[str]:
        return self.one + self.two


def split_sides(actors: list[tuple[str, str]]) -> Sides:
    """Perpetrators (and parties on their belligerent side) against targets and the rest.

    Civilians never make up side 1: they are who violence is done to.
    """
    seen: dict[str, str] = {}
    for role in ("perpetrator", "party", "target"):
        for actor_id, r in actors:
            if (
                r == role or (role == "party" and r not in ("perpetrator", "target"))
            ) and actor_id not in seen:
                seen[actor_id] = role
    perps = [a for a, r in seen.items() if r == "perpetrator"]
    parties = [a for a, r in seen.items() if r == "party"]
    targets = [a for a, r in seen.items() if r == "target"]

    def side(actor_id: str) -> str | None:
        return actor_info(actor_id).side

    if perps:
        camp = side(perps[0])
        one = [a for a in perps if side(a) == camp]
        two = [a for a in perps if side(a) != camp] + targets
        directed = len(one) == len(perps)  # perpetrators of two camps: they fought each other
        for a in parties:
            (one if side(a) == camp else two).append(a)
    else:
        rest = [a for a in parties + targets if a != "civilians"]
        # Roles unknown: the camp with a state force first (ACLED and UCDP name state forces first).
        lead = next((a for a in rest if actor_info(a).state), rest[0] if rest else None)
        one = [a for a in rest if lead is not None and side(a) == side(lead)]
        two = [a for a in parties + targets if a not in one]
        directed = False
    if "civilians" in one:
        one.remove("civilians")
        two.insert(0, "civilians")
    return Sides(one, two, directed)
