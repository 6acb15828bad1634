"""Per-incident numbers and display names the exports share."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from marsad.resources import load_yaml
from marsad.totals import casualty_total


def total(incident: dict[str, Any], measure: str) -> int:
    """The incident's figure for ``measure`` (``marsad.totals.casualty_total``)."""
    return casualty_total(incident.get("casualties") or [], measure)


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
