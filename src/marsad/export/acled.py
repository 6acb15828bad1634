"""ACLED-style rows: one per incident whose type has an ACLED equivalent (``data/acled_map.yaml``)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from marsad.export.figures import actor_is_state, actor_name, evidence_text, first_located, source_name, total
from marsad.resources import load_yaml

COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)


@lru_cache(maxsize=1)
def acled_map() -> dict[str, Any]:
    return load_yaml("acled_map.yaml")


def _pick_actors(incident: dict[str, Any]) -> tuple[str | None, str | None]:
    """actor1 = who acted (first perpetrator, else first party); actor2 = the other side."""
    acts = [a for a in incident.get("actors") or [] if a.get("id")]
    ordered = (
        [a for a in acts if a.get("role") == "perpetrator"]
        + [a for a in acts if a.get("role") == "party"]
        + [a for a in acts if a.get("role") == "target"]
        + [a for a in acts if a.get("role") not in ("perpetrator", "party", "target")]
    )
    ids = list(dict.fromkeys(a["id"] for a in ordered))
    return (ids[0] if ids else None), (ids[1] if len(ids) > 1 else None)


def event_types(incident: dict[str, Any], actor1: str | None) -> tuple[str, str] | None:
    """(event_type, sub_event_type), or None for types ACLED does not code."""
    rule = acled_map()["types"].get(incident.get("type") or "other")
    if rule is None:
        return None
    if "by_state" in rule:
        choice = rule["by_state"][bool(actor1 and actor_is_state(actor1))]
        if isinstance(choice, dict):
            return choice["event_type"], choice["sub_event_type"]
        return rule["event_type"], choice
    if "by_weapon" in rule:
        weapons = incident.get("weapons") or []
        sub = next(
            (rule["by_weapon"][w] for w in weapons if w in rule["by_weapon"]), rule["by_weapon"]["default"]
        )
        return rule["event_type"], sub
    return rule["event_type"], rule["sub_event_type"]


def geo_precision(location: dict[str, Any] | None) -> int:
    cfg = acled_map()
    if not location:
        return 3
    level = int(cfg["geo_precision"].get(location.get("precision") or "", 3))
    if (location.get("relation") or "in") != "in":
        level = max(level, int(cfg["relative_min"]))
    return level


def acled_row(incident: dict[str, Any]) -> dict[str, Any] | None:
    """One ACLED row for a stored incident dict (with ``published``), or None if ACLED has no type."""
    actor1, actor2 = _pick_actors(incident)
    types = event_types(incident, actor1)
    if types is None:
        return None
    loc = first_located(incident)
    date = (incident.get("date") or {}).get("start") or incident.get("published")
    return {
        "event_date": date,
        "event_type": types[0],
        "sub_event_type": types[1],
        "actor1": actor_name(actor1) if actor1 else "",
        "actor2": actor_name(actor2) if actor2 else "",
        "admin1": (loc or {}).get("admin1") or "",
        "location": (loc or {}).get("name_en") or (loc or {}).get("name_ar") or (loc or {}).get("text") or "",
        "latitude": (loc or {}).get("lat"),
        "longitude": (loc or {}).get("lon"),
        "geo_precision": geo_precision(loc),
        "source": "; ".join(source_name(s) for s in incident.get("reported_by") or []),
        "notes": evidence_text(incident),
        "fatalities": total(incident, "killed"),
    }
