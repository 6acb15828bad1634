"""Fatalities by ACLED's rule, from a record's per-source figures.

* killed only; a breakdown row ("including three children") is never added to its total;
* one source restating or updating its own figure counts once, at its highest (its latest word);
* when sources differ, the lowest credible figure is coded (the others are named in the notes);
* vague amounts take ACLED's codes ("tens" = 10, "hundreds" = 100, no number = 10);
* a "people" total and figures for particular groups (civilians, fighters of a side) describe the same
  dead, and so do a civilians figure and figures for children or women: each total is the larger of
  the two readings, never their sum;
* a cumulative toll ("more than 340,000 killed since 2011") is not one event's fatalities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.export.record import Count, Figure, Record, Report
from marsad.export.tables import acled_map

_COARSE = ("month", "year")


@dataclass(slots=True)
class Coded:
    """One figure as coded: the value, the report it comes from, and the sources that said otherwise."""

    figure: Figure
    value: int
    chosen: Report
    others: list[Report] = field(default_factory=list)
    vague: bool = False
    cumulative: bool = False


@dataclass(slots=True)
class Fatalities:
    total: int
    coded: list[Coded]

    @property
    def vague(self) -> bool:
        return any(c.vague and not c.cumulative for c in self.coded)

    @property
    def disputed(self) -> bool:
        return any(c.others and not c.cumulative for c in self.coded)

    @property
    def cumulative(self) -> list[Coded]:
        return [c for c in self.coded if c.cumulative]


def acled_number(count: Count) -> int:
    """The number ACLED codes for one statement of a figure."""
    cfg = acled_map()
    if not count.vague:
        return int(count.value or 0)
    table = {int(k): int(v) for k, v in (cfg.get("vague_fatalities") or {}).items()}
    if count.low is None:
        return int(cfg.get("vague_default", 10))
    return table.get(int(count.low), int(count.low))


def source_groups(reports: list[Report]) -> list[list[Report]]:
    """Reports grouped by who vouches for them: overlapping source sets are one source."""
    groups: list[tuple[set[str], list[Report]]] = []
    for rep in reports:
        keys = set(rep.sources) or {""}
        hits = [g for g in groups if g[0] & keys]
        merged_keys, merged = set(keys), [rep]
        for g in hits:
            merged_keys |= g[0]
            merged = g[1] + merged
            groups.remove(g)
        groups.append((merged_keys, merged))
    return [g[1] for g in groups]


def _coarse_date(rec: Record) -> bool:
    if rec.date_precision in _COARSE:
        return True
    if rec.date_start and rec.date_end and rec.date_start != rec.date_end:
        from datetime import date

        span = (date.fromisoformat(rec.date_end) - date.fromisoformat(rec.date_start)).days + 1
        return span > int(acled_map().get("week_days", 7))
    return False


def code_figure(fig: Figure, rec: Record) -> Coded:
    """The lowest of the sources' figures, each source at its highest."""
    per_source: list[tuple[int, Report]] = []
    for group in source_groups(fig.reports):
        best = max(group, key=lambda r: (acled_number(r.count), not r.count.vague))
        per_source.append((acled_number(best.count), best))
    value, chosen = min(per_source, key=lambda vr: (vr[0], vr[1].count.vague))
    others = [r for v, r in per_source if r is not chosen and v != value]
    return Coded(fig, value, chosen, others, vague=chosen.count.vague, cumulative=is_cumulative(value, rec))


def is_cumulative(value: int, rec: Record) -> bool:
    """A toll too large for one event, or large for an incident dated no closer than a month."""
    limits = acled_map().get("cumulative_toll") or {}
    return value >= int(limits.get("min", 10**9)) or (
        _coarse_date(rec) and value >= int(limits.get("min_coarse_date", 10**9))
    )


def killed_figures(rec: Record) -> list[Coded]:
    return [code_figure(f, rec) for f in rec.figures if f.measure == "killed" and f.group != "families"]


def acled_fatalities(rec: Record, violent: bool = True) -> Fatalities:
    """ACLED ``fatalities`` for a record (0 for non-violent event types)."""
    coded = killed_figures(rec)
    counted = [c for c in coded if not c.cumulative]
    total = lowest_total({(c.figure.group, c.figure.side): c.value for c in counted}) if violent else 0
    return Fatalities(total, coded)


def lowest_total(values: dict[tuple[str, str | None], int]) -> int:
    """The lowest reading of figures for overlapping groups: people ⊇ civilians + fighters, civilians ⊇
    children, women, men, patients. Figures of different sides or disjoint groups add up."""
    subgroups = set(acled_map().get("civilian_subgroups") or [])
    civ_sub = sum(v for (g, _), v in values.items() if g in subgroups)
    civilians = max(sum(v for (g, _), v in values.items() if g == "civilians"), civ_sub)
    others = sum(v for (g, _), v in values.items() if g not in subgroups and g not in ("civilians", "people"))
    people = sum(v for (g, _), v in values.items() if g == "people")
    return max(people, civilians + others)
