"""UCDP GED rows from fused events: the 49 columns of a GED CSV, one row per event of organised
violence with at least one death (GED's inclusion rule), so GED tools and notebooks read it as it is.

Deaths are split as GED splits them: side A's and side B's fighters, civilians, and the rest; ``best``
is their sum and ``low``/``high`` the same sums over the lowest and highest reported figures. A
"people" figure is a total over the particular groups, never added to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from marsad.export.acled import event_number
from marsad.export.fatalities import is_cumulative
from marsad.export.notes import place_phrases
from marsad.export.record import Figure, Record, split_sides
from marsad.export.tables import (
    ActorInfo,
    actor_info,
    ascii_name,
    outlet_info,
    place_label,
    reporter_info,
    ucdp_map,
)

COLUMNS: tuple[str, ...] = tuple(ucdp_map()["columns"])


@dataclass(slots=True)
class Deaths:
    a: int = 0
    b: int = 0
    civilians: int = 0
    unknown: int = 0

    @property
    def total(self) -> int:
        return self.a + self.b + self.civilians + self.unknown


def split_deaths(rec: Record, side_a: list[str], side_b: list[str], estimate: str) -> Deaths:
    """Killed figures (``estimate``: best, low or high) into GED's four death columns."""
    cfg = ucdp_map()
    sides_a = {actor_info(x).side for x in side_a} | set(side_a)
    sides_b = {actor_info(x).side for x in side_b} | set(side_b)
    out = Deaths()
    people = civ_main = civ_sub = 0
    for f in rec.figures:
        if f.measure != "killed" or f.group == "families":
            continue
        value = _estimate(f, estimate)
        if not value or is_cumulative(_estimate(f, "best") or value, rec):
            continue
        if f.group == "people":
            people += value
        elif f.group == "civilians":
            civ_main += value
        elif f.group in cfg["civilian_subgroups"]:
            civ_sub += value
        elif f.group == "fighters" and f.side in sides_a:
            out.a += value
        elif f.group == "fighters" and f.side in sides_b:
            out.b += value
        else:
            out.unknown += value
    out.civilians = max(civ_main, civ_sub)
    out.unknown += max(0, people - out.total)
    return out


def _estimate(f: Figure, which: str) -> int | None:
    value = {"best": f.best, "low": f.low, "high": f.high}[which]
    if value is None and which != "best":
        value = f.best
    return int(value) if value is not None else None


def _date_prec(rec: Record) -> int:
    cfg = ucdp_map()
    if rec.date_precision == "month":
        return 4
    if rec.date_precision in ("year", "unknown") or not rec.date_start:
        return int(cfg["date_prec_longer"])
    end = rec.date_end or rec.date_start
    days = (date.fromisoformat(end) - date.fromisoformat(rec.date_start)).days + 1
    for limit, prec in cfg["date_prec_days"]:
        if days <= int(limit):
            return int(prec)
    return int(cfg["date_prec_longer"])


def _where(rec: Record) -> tuple[int, str, str]:
    """(where_prec, where_coordinates, where_description)."""
    cfg = ucdp_map()
    loc = rec.location
    if not loc:
        return 6, "", ""
    precision = str(loc.get("precision") or "country")
    prec = int(cfg["where_prec"].get(precision, 6))
    if (loc.get("relation") or "in") != "in":
        prec = max(prec, int(cfg["relative_min"]))
    name = ascii_name(str(loc.get("name_en") or ""))
    kind = cfg["where_kind"].get(precision)
    label = place_label(loc)
    if precision in ("region", "neighbourhood") or loc.get("place_id", "").startswith("sy:site:"):
        coords = label.removeprefix("the ")
    else:
        coords = f"{name} {kind}" if kind and name else name
    description, _ = place_phrases(loc, "")
    return prec, coords, description.strip()


def _side_name(info: ActorInfo, other_is_state: bool) -> str:
    return info.ucdp_vs_state if other_is_state else info.ucdp


def _kind(rec: Record, one: list[ActorInfo], two: list[ActorInfo], deaths: Deaths) -> int:
    """1 state-based, 2 non-state, 3 one-sided violence (an actor against civilians, no armed opponent)."""
    if rec.type in ucdp_map()["one_sided_types"]:
        return 3
    armed_two = [a for a in two if a.id != "civilians"]
    if one and armed_two:
        return 1 if any(a.state for a in one + armed_two) else 2
    if deaths.civilians and not (deaths.a or deaths.b or deaths.unknown):
        return 3
    return 1 if any(a.state for a in one + armed_two) else 2


def ucdp_row(rec: Record) -> dict[str, Any] | None:
    """One GED row for a fused event, or None outside GED's scope (type, no death, no date)."""
    cfg = ucdp_map()
    if rec.type not in cfg["types"] or not rec.date_start:
        return None
    sides = split_sides(rec.actors)
    one, two = list(sides.one), list(sides.two)
    day = rec.date_start
    a1 = [actor_info(x, day) for x in one]
    a2 = [actor_info(x, day) for x in two]
    if a2 and any(a.state for a in a2) and not any(a.state for a in a1):
        one, two, a1, a2 = two, one, a2, a1  # GED puts the government on side A
    best = split_deaths(rec, one, two, "best")
    if best.total < 1:
        return None
    low, high = split_deaths(rec, one, two, "low"), split_deaths(rec, one, two, "high")
    kind = _kind(rec, a1, a2, best)
    armed_two = [a for a in a2 if a.id != "civilians"]
    a_state = any(a.state for a in a1)
    side_a = _side_name(a1[0], bool(armed_two) and armed_two[0].state) if a1 else ""
    if kind == 3:
        side_b = actor_info("civilians").ucdp
    else:
        side_b = _side_name(armed_two[0], a_state) if armed_two else ""
    dyad = f"{side_a} - {side_b}" if side_a and side_b else side_a or side_b
    conflict = dyad
    if kind == 1 and a1 and a1[0].id == "syrian_government" and armed_two and not armed_two[0].state:
        conflict = str(cfg["government_conflict"])
    where_prec, where_coords, where_desc = _where(rec)
    loc = rec.location or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    country = cfg["countries"].get(str(rec.country or "SY").upper()) or cfg["countries"]["SY"]
    arts = rec.articles
    offices = list(dict.fromkeys(outlet_info(a.outlet).name for a in arts if a.outlet))
    originals = list(dict.fromkeys(reporter_info(s).name for s in rec.reporters))
    articles_text = "; ".join(
        " ".join(
            x
            for x in (
                outlet_info(a.outlet).name if a.outlet else "",
                a.published or "",
                f'"{" ".join((a.title or "").split())}"' if a.title else "",
            )
            if x
        )
        or a.id
        for a in arts
    )
    lo_total = min(low.total, best.total)
    hi_total = max(high.total, best.total)
    event_clarity = 1 if _date_prec(rec) <= 2 and where_prec <= 3 else 2
    return {
        "id": event_number(rec.id),
        "relid": rec.id,
        "year": int(day[:4]),
        "active_year": "",
        "code_status": "Clear",
        "type_of_violence": kind,
        "conflict_dset_id": "",
        "conflict_new_id": "",
        "conflict_name": conflict,
        "dyad_dset_id": "",
        "dyad_new_id": "",
        "dyad_name": dyad,
        "side_a_dset_id": "",
        "side_a_new_id": "",
        "side_a": side_a,
        "side_b_dset_id": "",
        "side_b_new_id": "",
        "side_b": side_b,
        "number_of_sources": len(arts),
        "source_article": articles_text,
        "source_office": ";".join(offices),
        "source_date": ";".join(dict.fromkeys(a.published for a in arts if a.published)),
        "source_headline": ";".join(" ".join((a.title or "").split()) for a in arts if a.title),
        "source_original": ";".join(originals),
        "where_prec": where_prec,
        "where_coordinates": where_coords,
        "where_description": where_desc,
        "adm_1": f"{loc['admin1']} governorate" if loc.get("admin1") else "",
        "adm_2": f"{ascii_name(str(loc['admin2']))} district" if loc.get("admin2") else "",
        "latitude": lat if lat is not None else "",
        "longitude": lon if lon is not None else "",
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "priogrid_gid": priogrid(lat, lon) if lat is not None and lon is not None else "",
        "country": country["name"],
        "country_id": country["gwno"],
        "region": country["region"],
        "event_clarity": event_clarity,
        "date_prec": _date_prec(rec),
        "date_start": rec.date_start,
        "date_end": rec.date_end or rec.date_start,
        "deaths_a": best.a,
        "deaths_b": best.b,
        "deaths_civilians": best.civilians,
        "deaths_unknown": best.unknown,
        "best": best.total,
        "high": hi_total,
        "low": lo_total,
        "gwnoa": a1[0].gwno if a1 and a1[0].gwno is not None and a1[0].state else "",
        "gwnob": armed_two[0].gwno
        if kind == 1 and armed_two and armed_two[0].state and armed_two[0].gwno
        else "",
    }


def priogrid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (0.5 degree) holding a point, as GED's ``priogrid_gid``."""
    row = int((float(lat) + 90) // 0.5)
    col = int((float(lon) + 180) // 0.5)
    return row * 720 + col + 1
