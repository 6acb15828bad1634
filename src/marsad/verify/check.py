"""Label claims supported / contradicted / unverifiable, and score articles.

Against the reference (FA-KES style): records match a claim on date (the incident's range widened
by the fusion window, default +-1 day) and place (same community by name or within 5 km; the
city for a neighbourhood; same district for a district-level claim; same governorate for a
governorate/region claim). A figure is then compared with the matched counts using the tolerance
of ``marsad.fuse.counts``. Against other sources: the fused event's figures from sources other
than the claim's own. The reference decides when it can; otherwise other sources do.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from marsad.fuse.counts import agree, far_apart
from marsad.fuse.event import Event
from marsad.fuse.mention import Mention, MentionCount, MentionLocation, effective_dates
from marsad.fuse.rules import FuseConfig, default_config, types_compatible
from marsad.verify.claims import Claim, claims_of
from marsad.verify.places import km, norm_name, same_name
from marsad.verify.reference import RefRecord
from marsad.verify.sources import check_sources, scope

SUPPORTED, CONTRADICTED, UNVERIFIABLE = "supported", "contradicted", "unverifiable"
NEAR_KM = 5.0


@dataclass(slots=True)
class ClaimResult:
    claim: Claim
    label: str
    reference: dict[str, Any]
    sources: dict[str, Any]
    event: str | None = None  # the fused event the claim was checked in

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.claim.to_dict(),
            "event": self.event,
            "label": self.label,
            "reference": self.reference,
            "sources": self.sources,
        }


@dataclass(slots=True)
class ArticleVerdict:
    article: str
    outlet: str | None
    published: str | None
    claims: list[ClaimResult] = field(default_factory=list)
    threshold: float = 0.75

    @property
    def counts(self) -> dict[str, int]:
        out = {SUPPORTED: 0, CONTRADICTED: 0, UNVERIFIABLE: 0}
        for c in self.claims:
            out[c.label] += 1
        return out

    @property
    def score(self) -> float | None:
        n = self.counts
        decided = n[SUPPORTED] + n[CONTRADICTED]
        return round(n[SUPPORTED] / decided, 4) if decided else None

    @property
    def label(self) -> str:
        s = self.score
        if s is None:
            return "unverified"
        return "credible" if s >= self.threshold else "doubtful"

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "outlet": self.outlet,
            "published": self.published,
            "score": self.score,
            "label": self.label,
            "counts": self.counts,
            "claims": [c.to_dict() for c in self.claims],
        }


MAX_SPAN_DAYS = 7  # a reference record dated more loosely than a week places nothing
FIGURE_SPAN_DAYS = 3  # ... and one dated more loosely than this says nothing about one incident's toll


def _span(r: RefRecord) -> int:
    return (date.fromisoformat(r.end) - date.fromisoformat(r.date)).days


class ReferenceIndex:
    """Reference records by first day, for window look-ups, and the groups each dataset counts."""

    def __init__(self, records: list[RefRecord]) -> None:
        usable = [r for r in records if _span(r) <= MAX_SPAN_DAYS]
        self.records = sorted(usable, key=lambda r: (r.date, r.dataset, r.ref_id))
        self._dates = [date.fromisoformat(r.date) for r in self.records]
        self.groups: dict[str, set[str]] = defaultdict(set)
        for r in records:
            self.groups[r.dataset].update(r.groups or (r.group,))

    def between(self, start: date, end: date) -> list[RefRecord]:
        """Records whose days overlap ``start..end``."""
        lo = bisect_left(self._dates, start - timedelta(days=MAX_SPAN_DAYS))
        hi = bisect_right(self._dates, end)
        iso = start.isoformat()
        return [r for r in self.records[lo:hi] if r.end >= iso]


def _place_match(loc: MentionLocation, r: RefRecord) -> bool:
    if loc.admin1 and r.admin1 and norm_name(loc.admin1) != norm_name(r.admin1):
        return False
    if loc.precision in ("governorate", "region"):
        return bool(loc.admin1 and r.admin1)
    if loc.precision == "district":
        return bool(loc.admin2) and (same_name(loc.admin2, r.admin2) or same_name(loc.admin2, r.location))
    if loc.precision == "country":
        return False
    if same_name(loc.name_en, r.location):
        return True
    if None not in (loc.lat, loc.lon, r.lat, r.lon) and km(loc.lat, loc.lon, r.lat, r.lon) <= NEAR_KM:  # type: ignore[arg-type]
        return True
    if loc.precision == "neighbourhood":  # the city it lies in
        return any(same_name(city, r.location) for city in (loc.parent, loc.admin1, loc.admin2))
    return False


def claim_days(m: Mention, event: Event | None) -> tuple[date, date] | None:
    """The days a claim is about, for reference look-ups: its own date when it has one (a week or a
    month is fine: records must then lie inside it), else the day of the event it was fused into;
    an undated claim outside any dated event has no day to look up."""
    if m.dated and m.eff_start is not None and m.eff_end is not None:
        return m.eff_start, m.eff_end
    if event is not None and event.date_start and event.date_precision in ("day", "range"):
        start = date.fromisoformat(event.date_start)
        end = date.fromisoformat(event.date_end or event.date_start)
        if (end - start).days <= 1:
            return start, end
    return None


def matching_records(
    m: Mention, index: ReferenceIndex, cfg: FuseConfig, days: tuple[date, date] | None = None
) -> list[RefRecord]:
    """Records on the claim's days (``days``, else its own date range) +- the window, at its place."""
    span = days or ((m.eff_start, m.eff_end) if m.eff_start is not None else None)
    if span is None or not m.places:
        return []
    w = timedelta(days=cfg.date_window_days)
    return [
        r
        for r in index.between(span[0] - w, span[1] + w)  # type: ignore[operator]
        if any(_place_match(loc, r) for loc in m.places)
    ]


def _exact(n: int, low: int | None = None, high: int | None = None) -> MentionCount:
    return MentionCount(n, low if low is not None else n, high, "exact")


def _check_reference(
    claim: Claim, refs: list[RefRecord], index: ReferenceIndex, cfg: FuseConfig
) -> dict[str, Any]:
    """Each dataset judges on its own; references that disagree among themselves support the claim."""
    datasets: dict[str, list[RefRecord]] = defaultdict(list)
    for r in refs:
        datasets[r.dataset].append(r)
    results = {
        name: _check_dataset(claim, datasets[name], index.groups[name], cfg) for name in sorted(datasets)
    }
    labels = {res["label"] for res in results.values()}
    label = next((x for x in (SUPPORTED, CONTRADICTED) if x in labels), UNVERIFIABLE)
    return {"label": label, "datasets": results}


def _reference_figures(pool: list[RefRecord]) -> list[MentionCount]:
    """What the reference says the toll was: each incident record (with its low/high) and each
    day's sum at the place."""
    out: list[MentionCount] = []
    by_day: dict[str, int] = defaultdict(int)
    for r in pool:
        assert r.count is not None
        if r.unit == "event":
            out.append(_exact(r.count, r.low, r.high))
        by_day[r.date] += r.count
    out.extend(_exact(n) for n in by_day.values())
    seen: set[MentionCount] = set()
    return [x for x in out if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]


def _check_dataset(claim: Claim, refs: list[RefRecord], groups: set[str], cfg: FuseConfig) -> dict[str, Any]:
    """Existence: a record of a compatible type. Figure (only for a claim about one site on one
    day: a toll over an area or several days is not comparable with site records): compared with
    the records of a compatible type that count the claim's group (or everyone, when the dataset
    never counts that group: then the claim is a part of the reference's total). Agreement with a
    record or a day's sum at the place supports; every reference figure more than a factor of two
    away (and not a part simply smaller than the total) refutes, when every record is of the
    claim's own type and gives a toll (ACLED's 0 means "none reported", not "nobody died"). A victim list only reports what it
    documents (``values``): documentation lags and is incomplete, so its count is a floor that
    neither confirms a toll nor refutes one (several incidents may share a place and day)."""
    m = claim.mention
    typed = [r for r in refs if r.type is None or types_compatible(r.type, m.type, cfg)]
    if claim.kind == "event":
        return {"label": SUPPORTED if typed else UNVERIFIABLE, "matches": sorted({r.ref_id for r in typed})}
    c = claim.casualty
    assert c is not None
    as_part = c.group not in groups or c.side is not None
    if as_part and c.group == "families":  # a count of families is not a count of people, not even a part
        return {"label": UNVERIFIABLE, "matches": [], "values": []}
    group = "people" if as_part else c.group
    pool = [
        r
        for r in typed
        if r.measure == c.measure
        and r.count is not None
        and r.counts_for(group)
        and _span(r) <= FIGURE_SPAN_DAYS
    ]
    if not pool:
        return {"label": UNVERIFIABLE, "matches": [], "values": []}
    if scope(m) != ("site", "incident"):  # a toll over an area or days is not one record's
        return {"label": UNVERIFIABLE, "matches": sorted({r.event or r.ref_id for r in pool}), "values": []}
    figures = _reference_figures(pool)
    values = sorted({f.value for f in figures if f.value is not None})
    verdicts = [agree(c.count, f, cfg) for f in figures]
    if any(r.unit != "event" for r in pool):
        label = UNVERIFIABLE  # a victim list documents at least so many deaths: neither confirms nor refutes
    elif any(v is True for v in verdicts):
        label = SUPPORTED
    elif (
        c.count.qualifier != "vague"
        and all(r.type in (None, m.type) for r in pool)
        and (tolls := _reference_figures([r for r in pool if r.count]))
        and all(far_apart(c.count, f, cfg) for f in tolls)
        and not (as_part and (c.count.low or c.count.value or 0) < max(values))
    ):
        label = CONTRADICTED
    else:
        label = UNVERIFIABLE
    return {
        "label": label,
        "matches": sorted({r.event or r.ref_id for r in pool}),
        "values": values,
        "as_part": as_part,
    }


def verify_mentions(
    mentions: list[Mention],
    reference: list[RefRecord] | None = None,
    events: list[Event] | None = None,
    cfg: FuseConfig | None = None,
    threshold: float = 0.75,
) -> list[ArticleVerdict]:
    """One verdict per article, in the order articles first appear."""
    cfg = cfg or default_config()
    index = ReferenceIndex(reference or [])
    by_id = {m.incident_id: m for m in mentions}
    members_of: dict[str, list[Mention]] = {}
    event_of: dict[str, Event] = {}
    for e in events or []:  # members as read from the inputs (an events file keeps only their figures)
        members = [by_id.get(x.incident_id, x) for x in e.members]
        for x in e.members:
            members_of[x.incident_id] = members
            event_of[x.incident_id] = e
    verdicts: dict[str, ArticleVerdict] = {}
    for m in mentions:
        if m.eff_start is None:
            effective_dates(m, cfg.undated_lookback_days)
        v = verdicts.setdefault(
            m.article_id, ArticleVerdict(m.article_id, m.outlet, m.published, threshold=threshold)
        )
        days = claim_days(m, event_of.get(m.incident_id))
        refs = matching_records(m, index, cfg, days) if days is not None else []
        for claim in claims_of(m):
            ref = _check_reference(claim, refs, index, cfg)
            src = check_sources(claim, members_of.get(m.incident_id), cfg)
            label = ref["label"] if ref["label"] != UNVERIFIABLE else src["label"]
            ev = event_of.get(m.incident_id)
            v.claims.append(ClaimResult(claim, label, ref, src, ev.id if ev else None))
    return list(verdicts.values())
