"""Group mentions into events, deterministically and independently of input order.

Passes over mentions sorted by a stable key (date range, governorate, places, type, ids):

1. *Anchored* mentions (one site: a town, or a neighbourhood and its town; and a day) are swept in date order within
   their governorate (the blocking key); each joins the best open cluster whose members it is
   compatible with *all* of (complete linkage, so day 1 ~ day 2 ~ day 3 cannot chain), else starts
   one. Clusters whose last date plus the window is before the sweep are closed.
2. Anchored clusters with the same *core day* (the day most of their reports give) in the same
   governorate merge when their profiles are compatible (place, type, perpetrators) and their
   figures overlap: one event reported as "Friday night" by some and "Saturday" by others is split
   by complete linkage, and joined again here.
3. *Loose* mentions that still pin one side of an event (a specific place but no day: undated or
   dated only to a week or month; several towns; or a day but only a district, governorate or
   region) refer to an
   anchored event whose profile they are compatible with: the only one; else the one reported by
   at least ``dominance`` times the articles of every other (the salient event "the chemical attack
   on Douma" means); else the unique nearest in time (an undated one: the latest before
   publication). All decisions are taken against the fixed result of 1-2, so they cannot depend on
   order.
4. The remaining loose mentions that have a place are swept among themselves like pass 1; those
   placed nowhere stay alone (a date and a type do not identify an event).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from marsad.fuse.counts import INF, interval
from marsad.fuse.event import Event, build_event
from marsad.fuse.figures import FigureKey, reports_of
from marsad.fuse.mention import Mention, MentionLocation, effective_dates
from marsad.fuse.rules import (
    FuseConfig,
    compatible,
    dates_compatible,
    default_config,
    identical,
    one_site,
    perpetrator_blocs,
    places_compatible,
    types_compatible,
)


@dataclass(slots=True)
class _Cluster:
    index: int
    members: list[Mention] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    profile: Mention | None = None  # what the event is, for mentions that refer to it (pass 3)

    def add(self, m: Mention) -> None:
        self.members.append(m)
        if m.eff_start is not None:
            self.first = m.eff_start if self.first is None else min(self.first, m.eff_start)
            self.last = m.eff_end if self.last is None else max(self.last, m.eff_end)  # type: ignore[type-var]

    def accepts(self, m: Mention, cfg: FuseConfig) -> bool:
        return all(compatible(m, x, cfg) for x in self.members)

    def refers(self, m: Mention, cfg: FuseConfig) -> bool:
        """A loose mention may mean this event: compatible with its profile, and with any incident
        of its own article already here (an article that dates an event in one paragraph and refers
        back to it undated, or as "the shelling", in another; a different place or an incompatible
        type is the article's own split, and is trusted)."""
        assert self.profile is not None
        if not compatible(m, self.profile, cfg):
            return False
        window = timedelta(days=cfg.date_window_days)
        if (
            not m.dated
            and m.eff_end
            and self.profile.eff_start
            and self.profile.eff_start > m.eff_end + window
        ):
            return False  # a reference is to something on or before the day it was reported
        return all(
            dates_compatible(m, x, cfg) and types_compatible(m.type, x.type, cfg) and places_compatible(m, x)
            for x in self.members
            if x.article_id == m.article_id
        )


def _mode(values: Iterable[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def profile(c: _Cluster, cfg: FuseConfig) -> Mention:
    """The event as one mention: its core day, majority type and most named specific place. It
    names no perpetrator: who did it is what reports of one event disagree on (an attribution
    discrepancy), so only pass 1 compares perpetrators, report by report."""
    ms = c.members
    day = _mode(m.eff_start.isoformat() for m in ms if m.eff_start is not None)
    places: dict[str, MentionLocation] = {}
    keys: Counter[str] = Counter()
    for m in ms:
        for loc in m.places:
            if loc.specific:
                places.setdefault(loc.key, loc)
        keys.update({loc.key for loc in m.places if loc.specific})
    main = [min(keys, key=lambda k: (-keys[k], k))] if keys else []
    p = Mention(
        article_id=f"\x00event{c.index}",
        outlet=None,
        published=None,
        incident_id=f"\x00event{c.index}",
        type=_mode(m.type for m in ms),
        date_start=day,
        date_end=day,
        date_precision="day",
        locations=tuple(places[k] for k in main),
    )
    effective_dates(p, cfg.undated_lookback_days)
    return p


def _hulls(c: _Cluster, cfg: FuseConfig) -> dict[FigureKey, tuple[float, float]]:
    """Per figure that at least two independent sources of the cluster give, the range they span."""
    out: dict[FigureKey, tuple[float, float]] = {}
    sources: dict[FigureKey, set[tuple[str, ...]]] = defaultdict(set)
    for m in c.members:
        for key, rep in reports_of(m):
            iv = interval(rep.count, cfg)
            if iv is None:
                continue
            sources[key].add(rep.sources)
            lo, hi = out.get(key, iv)
            out[key] = (min(lo, iv[0]), max(hi, iv[1]))
    return {k: v for k, v in out.items() if len(sources[k]) >= 2}


def _figures_overlap(a: _Cluster, b: _Cluster, cfg: FuseConfig) -> bool:
    """No corroborated toll of one cluster excludes a corroborated toll of the other. A figure only
    one source gives never keeps reports apart: a lone deviating figure is a discrepancy within the
    event (and what verification should catch), not a different event."""
    ha, hb = _hulls(a, cfg), _hulls(b, cfg)
    for key in ha.keys() & hb.keys():
        (la, ua), (lb, ub) = ha[key], hb[key]
        gap = max(la - ub, lb - ua, 0.0)
        scale = max(x for x in (la, ua, lb, ub) if x != INF)
        if gap > max(cfg.tol_abs, cfg.tol_rel * scale):
            return False
    return True


def _articles(c: _Cluster) -> set[str]:
    return {m.article_id for m in c.members}


def _retold(m: Mention, x: Mention) -> bool:
    """Two incidents of one article that are one event told twice: identical, or the same site and
    day with compatible types ("the air strike" here, "the missiles" there) and not two different
    tolls (an article that counts two tolls tells two events)."""
    if identical(m, x):
        return True
    if not (
        m.anchored
        and x.anchored
        and (m.eff_start, m.eff_end) == (x.eff_start, x.eff_end)
        and types_compatible(m.type, x.type, default_config())
        and {loc.key for loc in m.places if loc.specific} == {loc.key for loc in x.places if loc.specific}
    ):
        return False
    tolls = [{(k, r.count) for k, r in reports_of(y)} for y in (m, x)]
    return not (tolls[0] and tolls[1] and not tolls[0] & tolls[1])


def _kept_apart(a: _Cluster, b: _Cluster) -> bool:
    """Articles that report two different incidents (not one told twice), one in each cluster, keep
    them apart when they are at least half of the smaller cluster's articles (a split that the
    other reports of the event do not outweigh)."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in a.members:
        by_article[m.article_id].append(m)
    split = {m.article_id for m in b.members for x in by_article.get(m.article_id, ()) if not _retold(m, x)}
    return bool(split) and 2 * len(split) >= min(len(_articles(a)), len(_articles(b)))


def _names(c: _Cluster, place: MentionLocation) -> bool:
    """At least half of the cluster's reports name this place (or a place compatible with it)."""
    probe = Mention("", None, None, "", "other", None, None, "unknown", locations=(place,))
    return 2 * sum(1 for m in c.members if places_compatible(m, probe)) >= len(c.members)


def _same_event(a: _Cluster, b: _Cluster, cfg: FuseConfig) -> bool:
    """Two anchored clusters of one core day describe one event: compatible types, the main place of
    one is the main place of the other or named by half of its reports (one event reported as "in
    Douma" by most and "in Damascus, Douma" by some), figures that overlap, and no split by their
    own articles. Perpetrators are not compared: an attribution disputed between reports is one
    event with an attribution discrepancy."""
    pa, pb = a.profile, b.profile
    assert pa is not None and pb is not None
    if not types_compatible(pa.type, pb.type, cfg):
        return False
    if not places_compatible(pa, pb):
        if not pa.locations or not pb.locations:
            return False
        if not (_names(a, pb.locations[0]) or _names(b, pa.locations[0])):
            return False
    return _figures_overlap(a, b, cfg) and not _kept_apart(a, b)


def _merge_same_day(clusters: list[_Cluster], cfg: FuseConfig) -> list[_Cluster]:
    """Pass 2: join anchored clusters that share a core day and a governorate and describe one event
    (``_same_event``), each compared with the event as merged so far; then satellites."""
    for c in clusters:
        c.profile = profile(c, cfg)
    groups: list[list[_Cluster]] = []
    unions: list[_Cluster] = []
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)  # (day, governorate) -> groups
    for c in sorted(clusters, key=lambda c: c.index):
        p = c.profile
        assert p is not None and p.date_start is not None
        keys = [(p.date_start, b) for b in sorted({b for m in c.members for b in m.blocks} or {""})]
        near = sorted({g for k in keys for g in by_key[k]})
        home = next((g for g in near if _same_event(c, unions[g], cfg)), None)
        if home is None:
            home = len(groups)
            groups.append([c])
            unions.append(c)
        else:
            groups[home].append(c)
            merged = _Cluster(unions[home].index, list(unions[home].members))
            merged.first, merged.last = unions[home].first, unions[home].last
            for m in c.members:
                merged.add(m)
            merged.profile = profile(merged, cfg)
            unions[home] = merged
        for k in keys:
            if home not in by_key[k]:
                by_key[k].append(home)
    return _absorb_satellites(_union(groups, cfg), cfg)


def _union(groups: list[list[_Cluster]], cfg: FuseConfig) -> list[_Cluster]:
    merged = []
    for n, g in enumerate(sorted(groups, key=lambda g: min(c.index for c in g))):
        c = _Cluster(n)
        for part in g:
            for m in part.members:
                c.add(m)
        c.profile = profile(c, cfg) if len(g) > 1 else g[0].profile
        merged.append(c)
    return merged


def _absorb_satellites(clusters: list[_Cluster], cfg: FuseConfig) -> list[_Cluster]:
    """A few reports that tell a salient event's day one day off ("Sunday" for a Saturday-night
    attack) form a satellite cluster: it joins the event when the event has at least ``dominance``
    times its articles (two events as reported as each other on consecutive days stay apart), and
    the two are otherwise one event (type, place, figures, no split by their articles). Decisions
    are taken against the fixed result of the same-day merge."""
    blocks = {c.index: sorted({b for m in c.members for b in m.blocks} or {""}) for c in clusters}
    by_day: dict[tuple[str, date], list[_Cluster]] = defaultdict(list)  # (governorate, core day)
    for c in clusters:
        assert c.profile is not None and c.profile.eff_start is not None
        for b in blocks[c.index]:
            by_day[(b, c.profile.eff_start)].append(c)
    size = {c.index: len(_articles(c)) for c in clusters}
    offsets = [timedelta(days=d) for d in range(1, cfg.date_window_days + 1)]

    def absorber(c: _Cluster) -> _Cluster | None:
        day = c.profile.eff_start  # type: ignore[union-attr]
        near = {
            x.index: x
            for b in blocks[c.index]
            for off in offsets
            for x in by_day.get((b, day - off), []) + by_day.get((b, day + off), [])  # type: ignore[operator]
            if size[x.index] >= cfg.dominance * size[c.index]
        }
        fits = [x for _, x in sorted(near.items()) if _same_event(c, x, cfg)]
        if not fits:
            return None
        best = max(size[x.index] for x in fits)
        top = [x for x in fits if size[x.index] == best]
        return top[0] if len(top) == 1 else None

    host = {c.index: absorber(c) for c in clusters}
    groups: dict[int, list[_Cluster]] = {c.index: [c] for c in clusters}
    for c in clusters:
        h = host[c.index]
        if h is not None and host[h.index] is None:  # a satellite's satellite stays where it is
            groups[h.index].append(c)
            del groups[c.index]
    return _union(list(groups.values()), cfg)


def _score(c: _Cluster, m: Mention) -> tuple[int, int, int, int]:
    """Prefer the cluster sharing an exact place, then the closest date, then the same type."""
    keys = {loc.key for loc in m.places}
    same_place = sum(1 for x in c.members if keys & {loc.key for loc in x.places})
    gaps = [abs((x.eff_start - m.eff_start).days) for x in c.members if x.eff_start and m.eff_start]
    gap = min(gaps, default=0)
    same_type = sum(1 for x in c.members if x.type == m.type)
    return (same_place, -gap, same_type, -c.index)


def _sweep(mentions: list[Mention], cfg: FuseConfig, clusters: list[_Cluster]) -> None:
    """Greedy complete-linkage clustering of date-sorted mentions, blocked by governorate: a mention
    looks at the open clusters of every governorate its places lie in."""
    window = timedelta(days=cfg.date_window_days)
    open_by_block: dict[str, list[_Cluster]] = defaultdict(list)
    for m in mentions:
        blocks = m.blocks or ("",)
        seen: dict[int, _Cluster] = {}
        for b in blocks:
            block = open_by_block[b]
            if m.eff_start is not None:
                block[:] = [c for c in block if c.last is None or c.last + window >= m.eff_start]
            seen.update((c.index, c) for c in block)
        candidates = [c for _, c in sorted(seen.items()) if c.accepts(m, cfg)]
        if candidates:
            target = max(candidates, key=lambda c: _score(c, m))
        else:
            target = _Cluster(len(clusters))
            clusters.append(target)
        target.add(m)
        for b in blocks:
            if target not in open_by_block[b]:
                open_by_block[b].append(target)


class _ClusterIndex:
    """Clusters per governorate (each under every governorate of its members), sorted by first date."""

    def __init__(self, clusters: list[_Cluster]) -> None:
        self._by_block: dict[str, list[_Cluster]] = defaultdict(list)
        for c in clusters:
            for b in sorted({b for m in c.members for b in m.blocks} or {""}):
                self._by_block[b].append(c)
        self._starts: dict[str, list[date]] = {}
        self._span: dict[str, timedelta] = {}
        for block, items in self._by_block.items():
            items.sort(key=lambda c: (c.first or date.min, c.index))
            self._starts[block] = [c.first or date.min for c in items]
            self._span[block] = max(
                ((c.last - c.first) for c in items if c.first and c.last), default=timedelta(0)
            )

    def near(self, m: Mention, window: timedelta) -> list[_Cluster]:
        """Clusters of the mention's governorates (of every governorate when it has none) whose dates
        may overlap its range."""
        blocks = m.blocks or tuple(sorted(self._by_block))
        out: dict[int, _Cluster] = {}
        for block in blocks:
            items = self._by_block.get(block, [])
            if m.eff_start is not None and items:
                lo = bisect.bisect_left(self._starts[block], m.eff_start - window - self._span[block])
                hi = bisect.bisect_right(self._starts[block], m.eff_end + window)  # type: ignore[operator]
                items = items[lo:hi]
            out.update((c.index, c) for c in items)
        return [out[k] for k in sorted(out)]


def _distance(c: _Cluster, m: Mention) -> int:
    """Days between a cluster and a loose mention: for an undated one, from the cluster's core day
    to the day it was reported; else the gap between the date ranges (0 if they overlap)."""
    if not m.dated and c.profile is not None and c.profile.eff_start and m.eff_end:
        return abs((m.eff_end - c.profile.eff_start).days)
    if c.first is None or c.last is None or m.eff_start is None or m.eff_end is None:
        return 0
    return max(0, (c.first - m.eff_end).days, (m.eff_start - c.last).days)


def _blocs_named(c: _Cluster, cfg: FuseConfig) -> frozenset[str]:
    """Actor blocs any report of the cluster names as perpetrator."""
    return perpetrator_blocs(
        frozenset(a.id for m in c.members for a in m.actors if a.role == "perpetrator"), cfg
    )


def _pick(fits: list[_Cluster], cfg: FuseConfig) -> _Cluster | None:
    """The only candidate, or the one with ``dominance`` times the articles of every other."""
    if len(fits) <= 1:
        return fits[0] if fits else None
    articles = {c.index: len({x.article_id for x in c.members}) for c in fits}
    top = max(fits, key=lambda c: (articles[c.index], -c.index))
    if all(articles[top.index] >= cfg.dominance * articles[c.index] for c in fits if c is not top):
        return top
    return None


def referent(m: Mention, candidates: list[_Cluster], cfg: FuseConfig) -> _Cluster | None:
    """The anchored event a loose mention refers to, or None when that is ambiguous: the only
    compatible one, or the salient one (``dominance`` times the articles of every other); else the
    only or salient one among those that some report places at the mention's own exact place ("the
    Barzeh site"), then among those of the mention's own type ("the bombings"), then among those
    whose reports blame a perpetrator of the mention's ("the American strikes"); else the unique
    nearest in time (for an undated mention, only events of the
    last ``undated_pair_days`` before it was reported)."""
    fits = [c for c in candidates if c.refers(m, cfg)]
    if len(fits) <= 1:
        return fits[0] if fits else None
    chosen = _pick(fits, cfg)
    if chosen is not None:
        return chosen
    keys = {loc.key for loc in m.places if loc.specific}
    named = perpetrator_blocs(frozenset(a.id for a in m.actors if a.role == "perpetrator"), cfg)
    cues = (
        lambda c: bool(keys & {loc.key for x in c.members for loc in x.places}),
        lambda c: c.profile is not None and c.profile.type == m.type,
        lambda c: bool(named & _blocs_named(c, cfg)),
    )
    narrowed = fits
    for cue in cues:
        kept = [c for c in narrowed if cue(c)]
        if kept and len(kept) < len(narrowed):
            narrowed = kept
            chosen = _pick(narrowed, cfg)
            if chosen is not None:
                return chosen
    if not m.dated:
        fits = [c for c in fits if _distance(c, m) <= cfg.undated_pair_days]
    gaps = {c.index: _distance(c, m) for c in fits}
    if not gaps:
        return None
    nearest = min(gaps.values())
    closest = [c for c in fits if gaps[c.index] == nearest]
    return closest[0] if len(closest) == 1 else None


def fuse(mentions: Iterable[Mention], cfg: FuseConfig | None = None) -> list[Event]:
    """Events from mentions, sorted by date then id."""
    cfg = cfg or default_config()
    ms = list(mentions)
    for m in ms:
        effective_dates(m, cfg.undated_lookback_days)
    ms.sort(key=Mention.sort_key)
    anchored = [m for m in ms if m.anchored and one_site(m)]
    loose = [m for m in ms if not (m.anchored and one_site(m))]

    swept: list[_Cluster] = []
    _sweep(anchored, cfg, swept)
    clusters = _merge_same_day(swept, cfg)

    index = _ClusterIndex(clusters)
    window = timedelta(days=cfg.date_window_days)
    attach: list[tuple[_Cluster, Mention]] = []
    leftover: list[Mention] = []
    for m in loose:
        pins = m.specific or (m.day_precise and bool(m.places))
        c = referent(m, index.near(m, window), cfg) if pins else None
        if c is not None:
            attach.append((c, m))
        else:
            leftover.append(m)
    for c, m in attach:
        c.add(m)
    _sweep([m for m in leftover if m.places], cfg, clusters)
    for m in leftover:
        if not m.places:
            clusters.append(_Cluster(len(clusters), [m]))

    events = [build_event(c.members, cfg) for c in clusters]
    events.sort(key=lambda e: (e.date_start or "9999", e.id))
    return events
