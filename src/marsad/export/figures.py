"""Per-incident numbers and display names the exports share."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from marsad.resources import load_yaml


def total(incident: dict[str, Any], measure: str) -> int:
    """The incident's figure for ``measure``: top-level rows only (``part_of`` rows are already inside
    their parent), a vague amount counting its low bound (or 0). Rows for the same group and side
    are restatements of one figure (headline and body, two sources) and count once, at their
    highest; different groups/sides add up. Families are households, not people: left out."""
    best: dict[tuple[Any, Any], int] = {}
    for cas in incident.get("casualties") or []:
        if cas.get("measure") != measure or cas.get("part_of") is not None or cas.get("group") == "families":
            continue
        count = cas.get("count") or {}
        value = count.get("value")
        if value is None:
            value = count.get("low")
        key = (cas.get("group"), cas.get("side"))
        best[key] = max(best.get(key, 0), int(value or 0))
    return sum(best.values())


@lru_cache(maxsize=1)
def _actors() -> dict[str, dict[str, Any]]:
    return load_yaml("actors.yaml") or {}


@lru_cache(maxsize=1)
def _sources() -> dict[str, dict[str, Any]]:
    return load_yaml("sources.yaml") or {}


def actor_name(actor_id: str) -> str:
    return str((_actors().get(actor_id) or {}).get("name_en") or actor_id)


def actor_is_state(actor_id: str) -> bool:
    return bool((_actors().get(actor_id) or {}).get("state"))


def source_name(source_id: str) -> str:
    return str((_sources().get(source_id) or {}).get("name_en") or source_id)


def first_located(incident: dict[str, Any]) -> dict[str, Any] | None:
    """The first location with coordinates, else the first location."""
    locs = incident.get("locations") or []
    return next((loc for loc in locs if loc.get("lat") is not None and loc.get("lon") is not None), None) or (
        locs[0] if locs else None
    )


def evidence_text(incident: dict[str, Any], limit: int = 2000) -> str:
    text = " … ".join(" ".join(str(e.get("text") or "").split()) for e in incident.get("evidence") or [])
    return text[:limit]
