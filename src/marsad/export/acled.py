"""ACLED rows: the 31 columns of an ACLED export, one row per incident (or fused event) whose type has
an ACLED equivalent (``data/acled_map.yaml``), readable by tools built for ACLED's files as they are.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any

from marsad.export.fatalities import acled_fatalities
from marsad.export.notes import acled_remarks, english_note
from marsad.export.record import Record, from_incident, split_sides
from marsad.export.tables import acled_location, acled_map, actor_info, outlet_info, reporter_info

COLUMNS: tuple[str, ...] = tuple(acled_map()["columns"])


def event_types(rec: Record, actor1: str | None) -> tuple[str, str] | None:
    """(event_type, sub_event_type), or None for types ACLED does not code."""
    rule = acled_map()["types"].get(rec.type or "other")
    if rule is None:
        return None
    if "by_state" in rule:
        choice = rule["by_state"][bool(actor1 and actor_info(actor1).state)]
        if isinstance(choice, dict):
            return choice["event_type"], choice["sub_event_type"]
        return rule["event_type"], choice
    if "by_weapon" in rule:
        sub = next(
            (rule["by_weapon"][w] for w in rec.weapons if w in rule["by_weapon"]),
            rule["by_weapon"]["default"],
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


def event_day(rec: Record) -> tuple[str | None, int]:
    """(event_date as ISO, time_precision): the day itself (1); the middle of a range of at most a
    week (2); the middle of a longer range, a month or year, or the report's date when the article
    gives none (3)."""
    s, e, p = rec.date_start, rec.date_end, rec.date_precision
    if s and p == "day" and (not e or e == s):
        return s, 1
    if s and e and e >= s:
        a, b = date.fromisoformat(s), date.fromisoformat(e)
        mid = a.fromordinal((a.toordinal() + b.toordinal()) // 2).isoformat()
        if a == b and p not in ("month", "year"):
            return s, 1 if p in ("day", "range", "week") else 3
        return mid, 2 if (b - a).days + 1 <= int(acled_map().get("week_days", 7)) else 3
    return (s or e or rec.published), 3


def acled_date(iso: str) -> str:
    """The date as ACLED's CSV downloads write it ("08 December 2016"; English months in any locale)."""
    from marsad.export.tables import notes_en

    d = date.fromisoformat(iso)
    return f"{d.day:02d} {notes_en()['months'][d.month - 1]} {d.year}"


def event_number(record_id: str) -> int:
    """A number stable across exports and databases: from a hash of the incident/event id (52 bits,
    so it is exact in every tool, JavaScript and R included)."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest()[:13], 16)


def _timestamp(updated: str | None) -> int | str:
    if not updated:
        return ""
    try:
        stamp = datetime.fromisoformat(updated)
    except ValueError:
        return ""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return int(stamp.timestamp())


def sources_and_scale(rec: Record) -> tuple[str, str]:
    """``source``: every reporter credited, then the outlet(s); ``source_scale``: their scales."""
    names: list[str] = []
    scales: list[str] = []
    cited = [s for f in rec.figures for r in f.reports for s in r.sources]
    for sid in dict.fromkeys([*rec.reporters, *cited]):
        info = reporter_info(sid)
        names.append(info.name)
        scales.append(info.scale)
    for outlet in rec.outlets:
        info = outlet_info(outlet)
        names.append(info.name)
        scales.append(info.scale)
    order = list(acled_map().get("source_scale_order") or [])
    ranked = sorted(dict.fromkeys(scales), key=lambda s: order.index(s) if s in order else len(order))
    return "; ".join(dict.fromkeys(names)), "-".join(ranked[:2])


def _country(rec: Record) -> dict[str, Any]:
    cfg = acled_map()
    code = str(rec.country or cfg["default_country"]).upper()
    return cfg["countries"].get(code) or cfg["countries"][cfg["default_country"]]


def acled_record_row(rec: Record, notes: str = "en") -> dict[str, Any] | None:
    """One ACLED row, or None when ACLED has no type for the record or it has no date at all."""
    cfg = acled_map()
    sides = split_sides(rec.actors)
    one, two = list(sides.one), list(sides.two)
    types = event_types(rec, one[0] if one else None)
    day, precision = event_day(rec)
    if types is None or not day:
        return None
    event_type, sub_event_type = types
    violent = event_type in (cfg.get("violent_event_types") or [])
    if event_type not in ("Violence against civilians", "Explosions/Remote violence"):
        two = [a for a in two if a != "civilians"]  # civilians are an ACLED actor only as targets of violence
    if not one and violent:
        one = [str(cfg["unidentified_actor"])]
    if event_type == "Violence against civilians":
        two = ["civilians"] + [a for a in two if a != "civilians"]
    a1 = [actor_info(a, day) for a in one]
    a2 = [actor_info(a, day) for a in two]
    inter1 = a1[0].inter if a1 else ""
    inter2 = a2[0].inter if a2 else ""
    if a1 and a2:
        interaction: int | str = int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
    else:
        interaction = int(f"{inter1 or inter2}0") if (a1 or a2) else ""
    civilian = event_type == "Violence against civilians" or (
        event_type == "Explosions/Remote violence" and "civilians" in sides.two
    )
    loc = rec.location or {}
    deaths = acled_fatalities(rec, violent=violent)
    if notes == "ar":
        note = rec.evidence or english_note(rec)
    else:
        note = " ".join([english_note(rec), *acled_remarks(deaths.coded, deaths.total, violent)])
    source, scale = sources_and_scale(rec)
    country = _country(rec)
    admin1 = str(loc.get("admin1") or "")
    return {
        "event_id_cnty": f"{country['prefix']}{event_number(rec.id)}",
        "event_date": acled_date(day),
        "year": int(day[:4]),
        "time_precision": precision,
        "disorder_type": cfg["disorder_type"].get(event_type, ""),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": a1[0].acled if a1 else "",
        "assoc_actor_1": "; ".join(dict.fromkeys(a.acled for a in a1[1:])),
        "inter1": inter1,
        "actor2": a2[0].acled if a2 else "",
        "assoc_actor_2": "; ".join(dict.fromkeys(a.acled for a in a2[1:])),
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": cfg["civilian_targeting"] if civilian else "",
        "iso": country["iso"],
        "region": country["region"],
        "country": country["name"],
        "admin1": (cfg.get("admin1") or {}).get(admin1, admin1),
        "admin2": loc.get("admin2") or "",
        "admin3": loc.get("admin3") or "",
        "location": acled_location(loc) if loc else "",
        "latitude": loc.get("lat") if loc.get("lat") is not None else "",
        "longitude": loc.get("lon") if loc.get("lon") is not None else "",
        "geo_precision": geo_precision(rec.location),
        "source": source,
        "source_scale": scale,
        "notes": note,
        "fatalities": deaths.total,
        "tags": "",
        "timestamp": _timestamp(rec.updated),
    }


def acled_row(incident: dict[str, Any], notes: str = "en") -> dict[str, Any] | None:
    """One ACLED row for a stored incident dict (with ``published``), or None if ACLED has no type."""
    return acled_record_row(from_incident(incident), notes=notes)
