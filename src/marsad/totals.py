"""An incident's total for a measure, one rule for the store, the page and the exports."""

from __future__ import annotations

from typing import Any


def casualty_total(casualties: list[dict[str, Any]], measure: str) -> int:
    """Top-level rows only (``part_of`` rows are already inside their parent), a vague amount counting
    its low bound (or 0). Rows for the same group and side are restatements of one figure (headline
    and body, two sources) and count once, at their highest; different groups/sides add up. Families
    are households, not people: left out."""
    best: dict[tuple[Any, Any], int] = {}
    for cas in casualties:
        if cas.get("measure") != measure or cas.get("part_of") is not None or cas.get("group") == "families":
            continue
        count = cas.get("count") or {}
        value = count.get("value")
        if value is None:
            value = count.get("low")
        key = (cas.get("group"), cas.get("side"))
        best[key] = max(best.get(key, 0), int(value or 0))
    return sum(best.values())
