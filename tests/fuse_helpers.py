"""Builders for hand-written article lines in fusion/verification tests."""

from __future__ import annotations

from typing import Any

PLACES: dict[str, dict[str, Any]] = {
    "douma": dict(
        place_id="douma",
        name_en="Douma",
        admin1="Rif Dimashq",
        admin2="Duma",
        precision="community",
        lat=33.5711,
        lon=36.4036,
    ),
    "harasta": dict(
        place_id="harasta",
        name_en="Harasta",
        admin1="Rif Dimashq",
        admin2="Duma",
        precision="community",
        lat=33.558,
        lon=36.365,
    ),
    "rif": dict(
        place_id=None,
        name_en="Rif Dimashq",
        admin1="Rif Dimashq",
        admin2=None,
        precision="governorate",
        lat=None,
        lon=None,
    ),
    "saraqib": dict(
        place_id="saraqib",
        name_en="Saraqib",
        admin1="Idlib",
        admin2="Idleb",
        precision="community",
        lat=35.8647,
        lon=36.8056,
    ),
    "aleppo": dict(
        place_id="aleppo",
        name_en="Aleppo",
        admin1="Aleppo",
        admin2="Jebel Saman",
        precision="community",
        lat=36.2021,
        lon=37.1343,
    ),
    "hamdaniyah": dict(
        place_id="aleppo_hamdaniyah",
        name_en="Al-Hamdaniyah",
        admin1="Aleppo",
        admin2="Jebel Saman",
        precision="neighbourhood",
        lat=36.183,
        lon=37.115,
    ),
}


def cas(
    measure: str,
    group: str,
    value: int | None,
    q: str = "exact",
    low: int | None = None,
    by: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "measure": measure,
        "group": group,
        "side": None,
        "count": {"value": value, "low": value if low is None else low, "high": None, "qualifier": q},
        "part_of": None,
        "reported_by": list(by),
    }


def incident(
    n: int,
    type: str,
    day: str | None,
    place: str | None,
    perpetrators: tuple[str, ...] = (),
    casualties: tuple[dict[str, Any], ...] = (),
    by: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "n": n,
        "type": type,
        "date": {"start": day, "end": day, "precision": "day" if day else "unknown", "text": None},
        "locations": [dict(PLACES[place], text=place)] if place else [],
        "actors": [{"id": a, "role": "perpetrator"} for a in perpetrators],
        "casualties": list(casualties),
        "reported_by": list(by),
    }


def article(
    aid: str, outlet: str | None, published: str | None, *incidents: dict[str, Any]
) -> dict[str, Any]:
    incs = []
    for inc in incidents:
        inc = dict(inc)
        inc["id"] = f"{aid}#{inc.pop('n')}"
        incs.append(inc)
    return {
        "article": {"id": aid, "outlet": outlet, "published": published},
        "incidents": incs,
        "warnings": [],
    }
