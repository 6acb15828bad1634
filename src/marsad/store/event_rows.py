"""Columns derived from a fused event line when it is stored, so the events list, its filters and the
map read one narrow table instead of parsing event payloads (one can hold hundreds of reports).

The toll an event is drawn with is the toll of its *reports*, summarised UCDP-style: each member
incident's total for a measure by the incident rule (``rows.total``: top-level rows, one per group and
side, a vague amount at its low bound, families left out), so "7 people" from one outlet and "5
civilians" from another are two tolls of the event, never 12; then ``best`` is the lower median over
sources of each source's largest total, ``low`` the smallest lower bound and ``high`` the largest
upper bound any report gives. Per-group figures (``figures``) stay as fusion wrote them.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import median_low
from typing import Any

from marsad.store.rows import PRECISION_RANK

TOLL_MEASURES = ("killed", "injured")
SUMMARY_PLACES = 6  # place names kept in a summary (the payload has them all)


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def event_toll(ev: dict[str, Any], measure: str) -> dict[str, int | None]:
    """``{"best", "low", "high", "reports"}`` of ``measure`` over the event's reports (see module doc);
    all None (and 0 reports) when no report gives that measure."""
    # incident -> (group, side) -> (value, low, high) of its largest report of that group and side
    per_incident: dict[str, dict[tuple[Any, Any], tuple[int, int, int]]] = defaultdict(dict)
    sources_of: dict[str, set[str]] = defaultdict(set)
    for fig in ev.get("figures") or []:
        if not isinstance(fig, dict) or fig.get("measure") != measure or fig.get("group") == "families":
            continue
        key = (fig.get("group"), fig.get("side"))
        for rep in fig.get("reports") or []:
            value, low, high = _int(rep.get("value")), _int(rep.get("low")), _int(rep.get("high"))
            point = value if value is not None else low
            if point is None:
                continue
            inc = str(rep.get("incident") or rep.get("article") or "")
            sources_of[inc].update(rep.get("sources") or [rep.get("outlet") or inc])
            lo = low if low is not None else point
            hi = max(x for x in (high, point) if x is not None)
            old = per_incident[inc].get(key)
            if old is None or point > old[0]:
                per_incident[inc][key] = (point, min(lo, point), hi)
    if not per_incident:
        return {"best": None, "low": None, "high": None, "reports": 0}
    totals = {
        inc: tuple(sum(v[i] for v in rows.values()) for i in range(3)) for inc, rows in per_incident.items()
    }
    per_source: dict[tuple[str, ...], int] = {}
    for inc, (point, _, _) in totals.items():
        src = tuple(sorted(sources_of[inc]))
        per_source[src] = max(point, per_source.get(src, point))
    return {
        "best": median_low([per_source[k] for k in sorted(per_source)]),
        "low": min(t[1] for t in totals.values()),
        "high": max(t[2] for t in totals.values()),
        "reports": len(totals),
    }


def map_point(location: dict[str, Any] | None) -> dict[str, Any] | None:
    """The event's location when the map can show it: with coordinates and finer than a country."""
    if not isinstance(location, dict):
        return None
    if location.get("lat") is None or location.get("lon") is None:
        return None
    if location.get("precision") not in PRECISION_RANK:
        return None
    return location


def _admin1(ev: dict[str, Any]) -> str | None:
    """The governorate an event is filed under: its location's (older lines: the first of ``locations``)."""
    locs = [ev.get("location"), *(ev.get("locations") or [])]
    return next((loc["admin1"] for loc in locs if isinstance(loc, dict) and loc.get("admin1")), None)


def _article_of(member: Any) -> str:
    if isinstance(member, dict):
        return str(member.get("article") or member.get("article_id") or member.get("incident") or "")
    return str(member).split("#")[0]


def event_summary(ev: dict[str, Any], name_ar: str | None = None) -> dict[str, Any]:
    """What the events list and the map show of an event: no members, no reports."""
    loc = ev.get("location") if isinstance(ev.get("location"), dict) else None
    location = dict(loc, name_ar=name_ar) if loc else None
    outlets = list(ev.get("outlets") or [])
    kinds = sorted(
        {d["kind"] for d in ev.get("discrepancies") or [] if isinstance(d, dict) and d.get("kind")}
    )
    places = list(ev.get("places") or [])
    return {
        "id": ev.get("id"),
        "type": ev.get("type"),
        "date": ev.get("date") or {},
        "location": location,
        "mapped": map_point(loc) is not None,
        "places": places[:SUMMARY_PLACES],
        "n_places": len(places),
        "outlets": outlets,
        "n_outlets": len(outlets),
        "n_articles": ev.get("n_articles") or len({_article_of(m) for m in ev.get("members") or []}),
        "sources": list(ev.get("sources") or []),
        "perpetrators": sorted(
            a["id"]
            for a in ev.get("actors") or []
            if isinstance(a, dict) and a.get("role") == "perpetrator" and a.get("id")
        ),
        "discrepancy": bool(ev.get("discrepancy")),
        "discrepancy_kinds": kinds,
        **{m: event_toll(ev, m) for m in TOLL_MEASURES},
        "figures": [
            {k: f.get(k) for k in ("measure", "group", "side", "best", "low", "high", "n_sources")}
            for f in ev.get("figures") or []
            if isinstance(f, dict)
        ],
    }


def event_row(ev: dict[str, Any], name_ar: str | None = None) -> dict[str, Any]:
    """The ``events`` row of a fused event line (payload, summary and the columns filtered on)."""
    date = ev.get("date") or {}
    summary = event_summary(ev, name_ar)
    point = map_point(summary["location"])
    killed, injured = summary["killed"], summary["injured"]
    return {
        "id": str(ev["id"]),
        "payload": ev,
        "summary": summary,
        "type": ev.get("type"),
        "date_start": date.get("start"),
        "date_end": date.get("end") or date.get("start"),
        "admin1": _admin1(ev),
        "lat": point["lat"] if point else None,
        "lon": point["lon"] if point else None,
        "n_outlets": summary["n_outlets"],
        "n_articles": summary["n_articles"],
        "discrepancy": 1 if summary["discrepancy"] else 0,
        "killed": killed["best"],
        "killed_low": killed["low"],
        "killed_high": killed["high"],
        "injured": injured["best"],
    }
