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

from marsad.fuse.counts import agree
from marsad.fuse.event import Event
from marsad.fuse.figures import reports_of
from marsad.fuse.mention import Mention, MentionCount, MentionLocation, effective_dates
from marsad.fuse.rules import FuseConfig, default_config, types_compatible
from marsad.verify.claims import Claim, claims_of
from marsad.verify.places import km, norm_name, same_name
from marsad.verify.reference import RefRecord

SUPPORTED, CONTRADICTED, UNVERIFIABLE = "supported", "contradicted", "unverifiable"
NEAR_KM = 5.0


@dataclass(slots=True)
class ClaimResult:
    claim: Claim
    label: str
    reference: dict[str, Any]
    sources: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.claim.to_dict(),
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


class ReferenceIndex:
    """Reference records by date, for window look-ups."""

    def __init__(self, records: list[RefRecord]) -> None:
        self.records = sorted(records, key=lambda r: (r.date, r.ref_id, r.group))
        self._dates = [date.fromisoformat(r.date) for r in self.records]

    def between(self, start: date, end: date) -> list[RefRecord]:
        return self.records[bisect_left(self._dates, start) : bisect_right(self._dates, end)]


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


def matching_records(m: Mention, index: ReferenceIndex, cfg: FuseConfig) -> list[RefRecord]:
    if m.eff_start is None or not m.locations:
        return []
    w = timedelta(days=cfg.date_window_days)
    return [
        r
        for r in index.between(m.eff_start - w, m.eff_end + w)  # type: ignore[operator]
        if any(_place_match(loc, r) for loc in m.locations)
    ]


def _exact(n: int) -> MentionCount:
    return MentionCount(n, n, None, "exact")


def _check_reference(claim: Claim, refs: list[RefRecord], cfg: FuseConfig) -> dict[str, Any]:
    """Each dataset judges on its own; references that disagree among themselves support the claim."""
    datasets: dict[str, list[RefRecord]] = defaultdict(list)
    for r in refs:
        datasets[r.dataset].append(r)
    results = {name: _check_dataset(claim, datasets[name], cfg) for name in sorted(datasets)}
    labels = {res["label"] for res in results.values()}
    label = next((x for x in (SUPPORTED, CONTRADICTED) if x in labels), UNVERIFIABLE)
    return {"label": label, "datasets": results}


def _check_dataset(claim: Claim, refs: list[RefRecord], cfg: FuseConfig) -> dict[str, Any]:
    m = claim.mention
    if claim.kind == "event":
        hits = [r for r in refs if r.type is None or types_compatible(r.type, m.type, cfg)]
        label = SUPPORTED if hits else UNVERIFIABLE
        return {"label": label, "matches": sorted({r.ref_id for r in hits})}
    c = claim.casualty
    assert c is not None
    same = [r for r in refs if r.measure == c.measure and r.group == c.group and not c.side]
    subset = not same
    # a count of families is not a count of people, not even a part of one
    pool = same or [
        r for r in refs if r.measure == c.measure and r.group == "people" and c.group != "families"
    ]
    if not pool:
        return {"label": UNVERIFIABLE, "matches": [], "values": []}
    by_day: dict[str, int] = defaultdict(int)
    for r in pool:
        by_day[r.date] += r.count
    values = sorted({r.count for r in pool} | set(by_day.values()))
    verdicts = [agree(c.count, _exact(v), cfg) for v in values]
    if any(v is True for v in verdicts):
        label = SUPPORTED
    elif all(v is None for v in verdicts):
        label = UNVERIFIABLE
    elif subset and any(
        v is False and (c.count.low or c.count.value or 0) < n for v, n in zip(verdicts, values, strict=True)
    ):
        label = UNVERIFIABLE  # a part smaller than the reference total: consistent, not confirmed
    else:
        label = CONTRADICTED
    return {"label": label, "matches": sorted({r.ref_id for r in pool}), "values": values, "as_part": subset}


def _check_sources(claim: Claim, event: Event | None) -> dict[str, Any]:
    if event is None:
        return {"label": UNVERIFIABLE, "agree": [], "disagree": []}
    m = claim.mention
    own = set(m.sources)
    others = [x for x in event.members if x.article_id != m.article_id and not own & set(x.sources)]
    if claim.kind == "event":
        names = sorted({s for x in others for s in x.sources})
        return {"label": SUPPORTED if names else UNVERIFIABLE, "agree": names, "disagree": []}
    c = claim.casualty
    assert c is not None
    own = set(c.reported_by) or own
    votes: dict[tuple[str, ...], bool] = {}
    for x in others:
        for key, rep in reports_of(x):
            if key != (c.measure, c.group, c.side) or own & set(rep.sources):
                continue
            verdict = agree(c.count, rep.count)
            if verdict is not None:
                votes[rep.sources] = votes.get(rep.sources, False) or verdict
    yes = sorted("+".join(k) for k, v in votes.items() if v)
    no = sorted("+".join(k) for k, v in votes.items() if not v)
    if not votes:
        return {"label": UNVERIFIABLE, "agree": [], "disagree": []}
    return {"label": SUPPORTED if len(yes) >= len(no) else CONTRADICTED, "agree": yes, "disagree": no}


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
    event_of = {m.incident_id: e for e in events or [] for m in e.members}
    verdicts: dict[str, ArticleVerdict] = {}
    for m in mentions:
        if m.eff_start is None:
            effective_dates(m, cfg.undated_lookback_days)
        v = verdicts.setdefault(
            m.article_id, ArticleVerdict(m.article_id, m.outlet, m.published, threshold=threshold)
        )
        refs = matching_records(m, index, cfg)
        for claim in claims_of(m):
            ref = _check_reference(claim, refs, cfg)
            src = _check_sources(claim, event_of.get(m.incident_id))
            label = ref["label"] if ref["label"] != UNVERIFIABLE else src["label"]
            v.claims.append(ClaimResult(claim, label, ref, src))
    return list(verdicts.values())
