"""Per-source casualty figures of an event, UCDP-style best/low/high, and discrepancies.

Only top-level rows (``part_of`` null) count: "4 civilians including a child" is one figure for
civilians, not two to add up. A *source* is who vouches for a figure (its ``reported_by``, else the
incident's, else the outlet); two articles repeating SOHR are one source, and a source revising
its own toll is an update, never a discrepancy.

* low  = smallest lower bound reported by anyone;
* high = largest upper bound or value reported by anyone (vague figures without a top add nothing);
* best = median (lower median, so it stays a reported integer) over distinct sources of each
  source's largest exact/at_least/more_than/about value; when nobody gives a number, the largest
  vague lower bound.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median_low
from typing import Any

from marsad.fuse.counts import agree, point
from marsad.fuse.mention import Mention, MentionCount
from marsad.fuse.rules import FuseConfig

FigureKey = tuple[str, str, str | None]  # measure, group, side


@dataclass(frozen=True, slots=True)
class Report:
    """One source's figure in one article: who said it (``sources``: the reporter, else the outlet),
    where it was published, and the evidence span it was read from."""

    sources: tuple[str, ...]
    article: str
    incident: str
    count: MentionCount
    outlet: str | None = None
    published: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        c = self.count
        return {
            "sources": list(self.sources),
            "outlet": self.outlet,
            "published": self.published,
            "article": self.article,
            "incident": self.incident,
            "value": c.value,
            "low": c.low,
            "high": c.high,
            "qualifier": c.qualifier,
            "evidence": {"start": self.start, "end": self.end, "text": self.text},
        }

    def sort_key(self) -> tuple[Any, ...]:
        c = self.count
        return (self.sources, self.article, self.incident, c.value or -1, c.low or -1, c.qualifier)


@dataclass(slots=True)
class Figure:
    measure: str
    group: str
    side: str | None
    reports: list[Report] = field(default_factory=list)
    best: int | None = None
    low: int | None = None
    high: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "group": self.group,
            "side": self.side,
            "best": self.best,
            "low": self.low,
            "high": self.high,
            "n_sources": len({r.sources for r in self.reports}),
            "reports": [r.to_dict() for r in self.reports],
        }


@dataclass(slots=True)
class Discrepancy:
    measure: str
    group: str
    side: str | None
    kind: str  # count_mismatch | vague_vs_exact
    figures: list[Report]

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "group": self.group,
            "side": self.side,
            "kind": self.kind,
            "figures": [r.to_dict() for r in self.figures],
        }


def reports_of(m: Mention) -> list[tuple[FigureKey, Report]]:
    out = []
    for c in m.casualties:
        if c.part_of is not None:
            continue
        sources = tuple(sorted(set(c.reported_by))) if c.reported_by else m.sources
        rep = Report(
            sources, m.article_id, m.incident_id, c.count, m.outlet, m.published, c.start, c.end, c.text
        )
        out.append(((c.measure, c.group, c.side), rep))
    return out


def _summarise(fig: Figure) -> None:
    lows = [r.count.low if r.count.low is not None else r.count.value for r in fig.reports]
    lows = [x for x in lows if x is not None]
    highs = [x for r in fig.reports for x in (r.count.high, point(r.count)) if x is not None]
    fig.low = min(lows) if lows else None
    fig.high = max(highs) if highs else None
    per_source: dict[tuple[str, ...], int] = {}
    for r in fig.reports:
        v = point(r.count)
        if v is not None:
            per_source[r.sources] = max(v, per_source.get(r.sources, v))
    if per_source:
        fig.best = median_low([per_source[k] for k in sorted(per_source)])
    else:
        vague = [r.count.low for r in fig.reports if r.count.low is not None]
        fig.best = max(vague) if vague else None


def _same_source(a: Report, b: Report) -> bool:
    return bool(set(a.sources) & set(b.sources))


def _discrepancies(fig: Figure, cfg: FuseConfig) -> list[Discrepancy]:
    bad: dict[str, set[Report]] = defaultdict(set)
    for i, a in enumerate(fig.reports):
        for b in fig.reports[i + 1 :]:
            if _same_source(a, b) or agree(a.count, b.count, cfg) is not False:
                continue
            vague = "vague" in (a.count.qualifier, b.count.qualifier)
            kind = "vague_vs_exact" if vague else "count_mismatch"
            bad[kind].update((a, b))
    return [
        Discrepancy(fig.measure, fig.group, fig.side, kind, sorted(bad[kind], key=Report.sort_key))
        for kind in sorted(bad)
    ]


def event_figures(members: list[Mention], cfg: FuseConfig) -> tuple[list[Figure], list[Discrepancy]]:
    figs: dict[FigureKey, Figure] = {}
    for m in members:
        for key, rep in reports_of(m):
            figs.setdefault(key, Figure(*key)).reports.append(rep)
    figures, discrepancies = [], []
    for key in sorted(figs, key=lambda k: (k[0], k[1], k[2] or "")):
        fig = figs[key]
        fig.reports.sort(key=Report.sort_key)
        _summarise(fig)
        figures.append(fig)
        discrepancies.extend(_discrepancies(fig, cfg))
    return figures, discrepancies
