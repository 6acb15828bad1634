"""Group mentions into events, deterministically and independently of input order.

Three passes over mentions sorted by a stable key (date range, governorate, places, type, ids):

1. *Pinned* mentions (a community or neighbourhood, and a date) are swept in date order within
   their governorate (the blocking key); each joins the best open cluster whose members it is
   compatible with *all* of (complete linkage, so day 1 ~ day 2 ~ day 3 cannot chain), else starts
   one. Clusters whose last date plus the window is before the sweep are closed.
2. *Coarse* mentions (only a district, governorate or region, or no usable date) join a pass-1
   cluster only when exactly one is compatible; all decisions are taken against the fixed pass-1
   result, so they cannot depend on order.
3. The rest are swept among themselves like pass 1.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from marsad.fuse.event import Event, build_event
from marsad.fuse.mention import Mention, effective_dates
from marsad.fuse.rules import FuseConfig, compatible, default_config


@dataclass(slots=True)
class _Cluster:
    index: int
    members: list[Mention] = field(default_factory=list)
    first: date | None = None
    last: date | None = None

    def add(self, m: Mention) -> None:
        self.members.append(m)
        if m.eff_start is not None:
            self.first = m.eff_start if self.first is None else min(self.first, m.eff_start)
            self.last = m.eff_end if self.last is None else max(self.last, m.eff_end)  # type: ignore[type-var]

    def accepts(self, m: Mention, cfg: FuseConfig) -> bool:
        return all(compatible(m, x, cfg) for x in self.members)


def _score(c: _Cluster, m: Mention) -> tuple[int, int, int, int]:
    """Prefer the cluster sharing an exact place, then the closest date, then the same type."""
    keys = {loc.key for loc in m.locations}
    same_place = sum(1 for x in c.members if keys & {loc.key for loc in x.locations})
    gaps = [abs((x.eff_start - m.eff_start).days) for x in c.members if x.eff_start and m.eff_start]
    gap = min(gaps, default=0)
    same_type = sum(1 for x in c.members if x.type == m.type)
    return (same_place, -gap, same_type, -c.index)


def _sweep(mentions: list[Mention], cfg: FuseConfig, clusters: list[_Cluster]) -> None:
    """Greedy complete-linkage clustering of date-sorted mentions within each governorate."""
    window = timedelta(days=cfg.date_window_days)
    open_by_block: dict[str, list[_Cluster]] = defaultdict(list)
    for m in mentions:
        block = open_by_block[m.admin1 or ""]
        if m.eff_start is not None:
            block[:] = [c for c in block if c.last is None or c.last + window >= m.eff_start]
        candidates = [c for c in block if c.accepts(m, cfg)]
        if candidates:
            max(candidates, key=lambda c: _score(c, m)).add(m)
            continue
        c = _Cluster(len(clusters))
        c.add(m)
        clusters.append(c)
        block.append(c)


class _ClusterIndex:
    """Pass-1 clusters per governorate, sorted by first date, for window look-ups."""

    def __init__(self, clusters: list[_Cluster]) -> None:
        self._by_block: dict[str, list[_Cluster]] = defaultdict(list)
        for c in clusters:
            self._by_block[c.members[0].admin1 or ""].append(c)
        self._starts: dict[str, list[date]] = {}
        self._span: dict[str, timedelta] = {}
        for block, items in self._by_block.items():
            items.sort(key=lambda c: (c.first or date.min, c.index))
            self._starts[block] = [c.first or date.min for c in items]
            self._span[block] = max(
                ((c.last - c.first) for c in items if c.first and c.last), default=timedelta(0)
            )

    def near(self, m: Mention, window: timedelta) -> list[_Cluster]:
        block = m.admin1 or ""
        items = self._by_block.get(block, [])
        if m.eff_start is None or not items:
            return list(items)
        lo = bisect.bisect_left(self._starts[block], m.eff_start - window - self._span[block])
        hi = bisect.bisect_right(self._starts[block], m.eff_end + window)  # type: ignore[operator]
        return items[lo:hi]


def fuse(mentions: Iterable[Mention], cfg: FuseConfig | None = None) -> list[Event]:
    """Events from mentions, sorted by date then id."""
    cfg = cfg or default_config()
    ms = list(mentions)
    for m in ms:
        effective_dates(m, cfg.undated_lookback_days)
    ms.sort(key=Mention.sort_key)
    pinned = [m for m in ms if m.specific and m.eff_start is not None]
    coarse = [m for m in ms if not (m.specific and m.eff_start is not None)]

    clusters: list[_Cluster] = []
    _sweep(pinned, cfg, clusters)

    index = _ClusterIndex(clusters)
    window = timedelta(days=cfg.date_window_days)
    attach: list[tuple[_Cluster, Mention]] = []
    leftover: list[Mention] = []
    for m in coarse:
        fits = [c for c in index.near(m, window) if c.accepts(m, cfg)] if m.admin1 else []
        if len(fits) == 1:
            attach.append((fits[0], m))
        else:
            leftover.append(m)
    for c, m in attach:
        c.add(m)
    _sweep(leftover, cfg, clusters)

    events = [build_event(c.members, cfg) for c in clusters]
    events.sort(key=lambda e: (e.date_start or "9999", e.id))
    return events
