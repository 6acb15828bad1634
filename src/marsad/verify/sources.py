"""Check a claim against the other sources that reported its event.

The decision rule (docs/fuse_verify.md, "Against other sources"):

1. *Who may vote*: reports of the same event from other outlets whose sources share nothing with
   the claim's (two outlets quoting SOHR are one voice, SOHR cannot confirm itself, and an outlet's
   other articles, or one article filed under two sections, are not an independent account).
2. *Which figures are comparable*: same measure, group and side, and both tolls of *one site*
   (a town, or a neighbourhood and its town) for the same time: one day or undated (the incident
   as such), or exactly the same span of days. A toll over a governorate, a region or several
   towns sums incidents (or running totals: "since the offensive began"): it is no incident's toll
   and is not verified against other sources. Reports placed nowhere never vote.
3. *One vote per source*: its comparable figures published nearest in time to the claim (tolls
   move). A figure agrees within the count tolerance (``counts.agree``) and refutes only when off
   by more than a factor of two (``counts.far_apart``); in between it does not vote (an update, a
   revision, another way of counting). A vague figure ("dozens") neither refutes anything nor
   confirms a number. The source agrees if any of its nearest figures agrees.
4. *Majority*: supported when agreeing sources are at least as many as disagreeing ones (and at
   least one), contradicted when more disagree, unverifiable when nobody compares.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from marsad.fuse.counts import agree, far_apart
from marsad.fuse.figures import Report, reports_of
from marsad.fuse.mention import Mention, MentionCount
from marsad.fuse.rules import FuseConfig, one_site
from marsad.verify.claims import Claim

SUPPORTED, CONTRADICTED, UNVERIFIABLE = "supported", "contradicted", "unverifiable"

Scope = tuple[Any, Any]


def scope(m: Mention) -> Scope | None:
    """What a figure of this report counts: one site (a town, or a neighbourhood and its town) on
    one day or undated (the incident), or one site over a span of days; None for a toll over an
    area or several towns, which sums incidents nobody can match one by one."""
    if not m.places or not one_site(m):
        return None
    when: Any = "incident" if not m.dated or m.day_precise else ("days", m.eff_start, m.eff_end)
    return "site", when


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _vote(claim: MentionCount, other: MentionCount, cfg: FuseConfig) -> bool | None:
    """True (agrees), False (refutes) or None (no vote) for one figure of another source.

    Agreeing needs the count tolerance (``counts.agree``); refuting needs a gross mismatch
    (``counts.far_apart``, a factor of two): in between, an update or another count says nothing.
    A vague figure ("dozens", "dozens of dead and wounded") is too loose to refute anything or to
    confirm a number; it can only confirm another vague figure."""
    v = agree(claim, other, cfg)
    if other.qualifier == "vague" and (v is False or claim.qualifier != "vague"):
        return None
    if v is False and not far_apart(claim, other, cfg):
        return None  # off, but within a factor of two: an update, a revision, another count
    return v


def _vote_row(rep: Report, x: Mention, agrees: bool) -> dict[str, Any]:
    return {**rep.to_dict(), "outlet": x.outlet, "published": x.published, "agrees": agrees}


def check_existence(claim: Claim, others: list[Mention]) -> dict[str, Any]:
    """Another independent source reports the event: supported; else unverifiable."""
    names = sorted({s for x in others for s in x.sources})
    return {"label": SUPPORTED if names else UNVERIFIABLE, "agree": names, "disagree": [], "votes": []}


def check_figure(claim: Claim, others: list[Mention], cfg: FuseConfig) -> dict[str, Any]:
    m, c = claim.mention, claim.casualty
    assert c is not None
    none: dict[str, Any] = {"label": UNVERIFIABLE, "agree": [], "disagree": [], "votes": []}
    mine = scope(m)
    if mine is None:
        return none
    own = set(c.reported_by) or set(m.sources)
    published = _day(m.published)
    by_source: dict[tuple[str, ...], list[tuple[int, Report, Mention]]] = {}
    for x in others:
        if scope(x) != mine:
            continue
        for key, rep in reports_of(x):
            if key != (c.measure, c.group, c.side) or own & set(rep.sources):
                continue
            when = _day(x.published)
            gap = abs((when - published).days) if when and published else 0
            by_source.setdefault(rep.sources, []).append((gap, rep, x))
    votes: dict[tuple[str, ...], bool] = {}
    rows = []
    for source in sorted(by_source):
        reports = by_source[source]
        nearest = min(g for g, _, _ in reports)
        verdicts = []
        for gap, rep, x in sorted(reports, key=lambda t: (t[0], t[1].sort_key())):
            if gap != nearest:
                continue
            v = _vote(c.count, rep.count, cfg)
            if v is not None:
                verdicts.append(v)
                rows.append(_vote_row(rep, x, v))
        if verdicts:
            votes[source] = any(verdicts)
    if not votes:
        return none
    yes = sorted("+".join(k) for k, v in votes.items() if v)
    no = sorted("+".join(k) for k, v in votes.items() if not v)
    label = SUPPORTED if len(yes) >= len(no) else CONTRADICTED
    return {"label": label, "agree": yes, "disagree": no, "votes": rows}


def check_sources(claim: Claim, members: list[Mention] | None, cfg: FuseConfig) -> dict[str, Any]:
    """The other-sources verdict of one claim, given the members of its event (None: not fused)."""
    if not members:
        return {"label": UNVERIFIABLE, "agree": [], "disagree": [], "votes": []}
    m = claim.mention
    own = set(m.sources)
    others = [
        x
        for x in members
        if x.article_id != m.article_id
        and not own & set(x.sources)
        and not (m.outlet and x.outlet == m.outlet)  # an outlet's other articles (or the same one
    ]  # filed under two sections) are not an independent account
    if claim.kind == "event":
        return check_existence(claim, others)
    return check_figure(claim, others, cfg)
