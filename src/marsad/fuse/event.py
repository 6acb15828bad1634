"""An event: the fused record of every mention that describes the same incident."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.fuse.figures import Discrepancy, Figure, event_figures
from marsad.fuse.mention import Mention, MentionActor, MentionCasualty, MentionCount, MentionLocation
from marsad.fuse.rules import FuseConfig, perpetrator_blocs
from marsad.models import DATE_PRECISIONS, PRECISIONS


def event_id(members: list[Mention]) -> str:
    """Stable across runs and input orders: a hash of the member incident ids."""
    digest = hashlib.sha1("\n".join(sorted(m.incident_id for m in members)).encode("utf-8")).hexdigest()
    return f"ev_{digest[:16]}"


@dataclass(slots=True)
class Event:
    id: str
    type: str
    date_start: str | None
    date_end: str | None
    date_precision: str
    location: MentionLocation | None
    places: list[str]
    actors: list[dict[str, Any]]
    members: list[Mention]
    figures: list[Figure] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    attribution: dict[str, Any] | None = None  # perpetrators disputed between reports

    @property
    def sources(self) -> list[str]:
        return sorted(
            {s for m in self.members for s in m.sources} | {m.outlet for m in self.members if m.outlet}
        )

    @property
    def outlets(self) -> list[str]:
        """Publishers of the member articles (an article without an outlet counts as itself)."""
        return sorted({m.outlet or f"article:{m.article_id}" for m in self.members})

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "date": {"start": self.date_start, "end": self.date_end, "precision": self.date_precision},
            "location": self.location.to_dict() if self.location else None,
            "places": self.places,
            "actors": self.actors,
            "sources": self.sources,
            "outlets": self.outlets,
            "n_articles": len({m.article_id for m in self.members}),
            "discrepancy": bool(self.discrepancies or self.attribution),
            "members": [
                {
                    "article": m.article_id,
                    "incident": m.incident_id,
                    "outlet": m.outlet,
                    "published": m.published,
                    "type": m.type,
                    "date": {"start": m.date_start, "end": m.date_end, "precision": m.date_precision},
                    "locations": [loc.to_dict() for loc in m.places],
                    "reported_by": list(m.reported_by),
                    "perpetrators": sorted({a.id for a in m.actors if a.role == "perpetrator"}),
                    "evidence": [{"start": a, "end": b, "text": t} for a, b, t in m.evidence],
                }
                for m in self.members
            ],
            "figures": [f.to_dict() for f in self.figures],
            "discrepancies": [d.to_dict() for d in self.discrepancies]
            + ([self.attribution] if self.attribution else []),
        }


def _rank(order: tuple[str, ...], value: str) -> int:
    return order.index(value) if value in order else len(order)


def _date(members: list[Mention]) -> tuple[str | None, str | None, str]:
    dated = [m for m in members if m.date_start]
    if not dated:
        starts = [m.eff_start for m in members if m.eff_start]
        ends = [m.eff_end for m in members if m.eff_end]
        if not starts:
            return None, None, "unknown"
        return min(starts).isoformat(), max(ends).isoformat(), "unknown"
    finest = min(_rank(DATE_PRECISIONS, m.date_precision) for m in dated)
    best = [m for m in dated if _rank(DATE_PRECISIONS, m.date_precision) == finest]
    start = min(m.date_start for m in best if m.date_start)
    end = max((m.date_end or m.date_start) for m in best if m.date_start)
    precision = DATE_PRECISIONS[finest] if finest < len(DATE_PRECISIONS) else "unknown"
    if precision == "day" and start != end:
        precision = "range"
    return start, end, precision


def _location(members: list[Mention]) -> tuple[MentionLocation | None, list[str]]:
    locs = [loc for m in members for loc in m.places] or [loc for m in members for loc in m.locations]
    if not locs:
        return None, []
    counts = Counter(loc.key for loc in locs)
    best = min(locs, key=lambda loc: (_rank(PRECISIONS, loc.precision), -counts[loc.key], loc.key))
    names = sorted({loc.name_en or loc.admin1 or loc.key for loc in locs})
    return best, names


def _actors(members: list[Mention]) -> list[dict[str, Any]]:
    roles: dict[str, Counter[str]] = {}
    for m in members:
        for a in m.actors:
            roles.setdefault(a.id, Counter())[a.role] += 1
    out = []
    for actor_id in sorted(roles):
        role, _ = min(roles[actor_id].items(), key=lambda kv: (-kv[1], kv[0]))
        out.append({"id": actor_id, "role": role, "mentions": sum(roles[actor_id].values())})
    return out


def _attribution(members: list[Mention], cfg: FuseConfig) -> dict[str, Any] | None:
    """Reports that blame perpetrators of no common bloc (one says the regime, another the US-led
    coalition): one event, its attribution disputed."""
    named = [
        (m, frozenset(a.id for a in m.actors if a.role == "perpetrator"))
        for m in members
        if any(a.role == "perpetrator" for a in m.actors)
    ]
    blocs = [perpetrator_blocs(p, cfg) for _, p in named]
    if not any(not (a & b) for i, a in enumerate(blocs) for b in blocs[i + 1 :]):
        return None
    by_bloc: dict[str, set[str]] = defaultdict(set)
    for (_, perps), bs in zip(named, blocs, strict=True):
        for actor in perps:
            for b in perpetrator_blocs(frozenset({actor}), cfg) & bs:
                by_bloc[b].add(actor)
    return {
        "kind": "attribution",
        "perpetrators": {b: sorted(v) for b, v in sorted(by_bloc.items())},
        "reports": [
            {
                "article": m.article_id,
                "incident": m.incident_id,
                "outlet": m.outlet,
                "perpetrators": sorted(p),
            }
            for m, p in named
        ],
    }


def build_event(members: list[Mention], cfg: FuseConfig) -> Event:
    members = sorted(members, key=lambda m: (m.published or "", m.article_id, m.incident_id))
    types = Counter(m.type for m in members)
    etype = min(types, key=lambda t: (-types[t], t))
    start, end, precision = _date(members)
    loc, places = _location(members)
    figures, discrepancies = event_figures(members, cfg)
    return Event(
        id=event_id(members),
        type=etype,
        date_start=start,
        date_end=end,
        date_precision=precision,
        location=loc,
        places=places,
        actors=_actors(members),
        members=members,
        figures=figures,
        discrepancies=discrepancies,
        attribution=_attribution(members, cfg),
    )


def event_from_dict(d: dict[str, Any]) -> Event:
    """An event read back from ``marsad fuse`` output, enough to compare figures across sources.

    Members get back their type, date, places, reporters, perpetrators and top-level figures (from
    ``figures[].reports``), so verification can compare them without the articles.
    """
    figures: dict[str, list[MentionCasualty]] = defaultdict(list)
    for f in d.get("figures") or []:
        for r in f.get("reports") or []:
            count = MentionCount(r.get("value"), r.get("low"), r.get("high"), r.get("qualifier") or "exact")
            ev = r.get("evidence") or {}
            cas = MentionCasualty(
                f["measure"],
                f["group"],
                f.get("side"),
                count,
                None,
                tuple(r.get("sources") or ()),
                ev.get("text"),
                ev.get("start"),
                ev.get("end"),
            )
            figures[r["incident"]].append(cas)
    members = []
    for m in d.get("members") or []:
        when = m.get("date") or d.get("date") or {}
        members.append(
            Mention(
                article_id=m["article"],
                outlet=m.get("outlet"),
                published=m.get("published"),
                incident_id=m["incident"],
                type=m.get("type") or d.get("type") or "other",
                date_start=when.get("start"),
                date_end=when.get("end"),
                date_precision=when.get("precision") or "unknown",
                locations=tuple(
                    MentionLocation(
                        loc.get("place_id"),
                        loc.get("name_en"),
                        loc.get("admin1"),
                        loc.get("admin2"),
                        loc.get("precision") or "community",
                        loc.get("lat"),
                        loc.get("lon"),
                    )
                    for loc in m.get("locations") or []
                ),
                actors=tuple(MentionActor(a, "perpetrator") for a in m.get("perpetrators") or []),
                casualties=tuple(figures.get(m["incident"], ())),
                reported_by=tuple(m.get("reported_by") or ()),
                evidence=tuple(
                    (e.get("start"), e.get("end"), e.get("text") or "") for e in m.get("evidence") or []
                ),
            )
        )
    date = d.get("date") or {}
    return Event(
        id=d["id"],
        type=d.get("type") or "other",
        date_start=date.get("start"),
        date_end=date.get("end"),
        date_precision=date.get("precision") or "unknown",
        location=None,
        places=list(d.get("places") or []),
        actors=list(d.get("actors") or []),
        members=members,
    )


def read_events(path: str | Path) -> list[Event]:
    with Path(path).open(encoding="utf-8") as fh:
        return [event_from_dict(json.loads(line)) for line in fh if line.strip()]
