"""The export's data tables (ACLED/UCDP codes, actor and source names, English note words), read once.

Everything a user may want to correct (an actor's ACLED name or inter code, an outlet's source scale,
a region's English name) lives in ``marsad/data``; this module only looks things up.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.resources import load_yaml


@lru_cache(maxsize=1)
def acled_map() -> dict[str, Any]:
    return load_yaml("acled_map.yaml")


@lru_cache(maxsize=1)
def ucdp_map() -> dict[str, Any]:
    return load_yaml("ucdp_map.yaml")


@lru_cache(maxsize=1)
def notes_en() -> dict[str, Any]:
    return load_yaml("notes_en.yaml")


@lru_cache(maxsize=1)
def _export_actors() -> dict[str, dict[str, Any]]:
    return load_yaml("export_actors.yaml") or {}


@lru_cache(maxsize=1)
def _export_sources() -> dict[str, Any]:
    return load_yaml("export_sources.yaml") or {}


@lru_cache(maxsize=1)
def _lexicon_actors() -> dict[str, dict[str, Any]]:
    return load_yaml("actors.yaml") or {}


@lru_cache(maxsize=1)
def _lexicon_sources() -> dict[str, dict[str, Any]]:
    return load_yaml("sources.yaml") or {}


def ascii_name(name: str) -> str:
    """GeoNames-style "‘Afrīn" -> "Afrin": exports are read by tools that expect plain Latin names."""
    folded = unicodedata.normalize("NFKD", name)
    kept = "".join(c for c in folded if not unicodedata.combining(c) and c not in "‘’ʿʾ`")
    return " ".join(kept.split())


@dataclass(frozen=True, slots=True)
class ActorInfo:
    id: str
    acled: str
    inter: int
    note: str
    ucdp: str
    ucdp_vs_state: str
    gwno: int | None
    state: bool
    member: tuple[str, str] | None
    side: str | None  # belligerent camp (export_actors.yaml camp, else actors.yaml side): allies share it


def _acled_name(spec: Any, day: str | None) -> str | None:
    if isinstance(spec, str) or spec is None:
        return spec
    for item in spec:
        lo, hi = str(item.get("from") or ""), str(item.get("to") or "")
        if day is None or ((not lo or day >= lo) and (not hi or day <= hi)):
            return str(item["name"])
    return str(spec[-1]["name"])


def actor_info(actor_id: str, day: str | None = None) -> ActorInfo:
    """How the exports name and code ``actor_id`` (``day``: the event's date, for dated ACLED names)."""
    lex = _lexicon_actors().get(actor_id) or {}
    spec = _export_actors().get(actor_id) or {}
    name_en = str(lex.get("name_en") or actor_id.replace("_", " "))
    state = bool(lex.get("state"))
    side = spec.get("camp") or (lex.get("side") if "side" in lex else actor_id)
    if "inter" in spec:
        inter = int(spec["inter"])
    elif state:
        inter = 8 if lex.get("country") else 1
    else:
        inter = 3 if side == "syrian_government" else 2
    ucdp = str(spec.get("ucdp") or name_en)
    return ActorInfo(
        id=actor_id,
        acled=_acled_name(spec.get("acled"), day) or name_en,
        inter=inter,
        note=str(spec.get("note") or name_en),
        ucdp=ucdp,
        ucdp_vs_state=str(spec.get("ucdp_vs_state") or ucdp),
        gwno=int(spec["gwno"]) if spec.get("gwno") is not None else None,
        state=state or inter == 1,
        side=side,
        member=tuple(spec["member"]) if spec.get("member") else None,  # type: ignore[arg-type]
    )


@dataclass(frozen=True, slots=True)
class SourceInfo:
    name: str
    scale: str
    relay: bool


def source_info(source_id: str) -> SourceInfo:
    spec = (_export_sources().get("sources") or {}).get(source_id) or {}
    lex = _lexicon_sources().get(source_id) or {}
    return SourceInfo(
        name=str(spec.get("name") or lex.get("name_en") or source_id),
        scale=str(spec.get("scale") or "Other"),
        relay=bool(spec.get("relay")),
    )


def is_source(source_id: str) -> bool:
    return source_id in (_export_sources().get("sources") or {}) or source_id in _lexicon_sources()


def reporter_info(name: str) -> SourceInfo:
    """A figure's source: a reporter id, or (fusion credits an outlet when nobody is cited) an outlet."""
    return source_info(name) if is_source(name) else outlet_info(name)


def outlet_info(outlet: str) -> SourceInfo:
    """The publishing outlet of an article; a known source id works too."""
    key = " ".join(outlet.strip().lower().split())
    spec = (_export_sources().get("outlets") or {}).get(key)
    if spec:
        return SourceInfo(name=str(spec["name"]), scale=str(spec.get("scale") or "Other"), relay=True)
    if is_source(key):
        info = source_info(key)
        return SourceInfo(info.name, info.scale, True)
    return SourceInfo(name=outlet.strip(), scale="Other", relay=True)


def place_label(loc: dict[str, Any]) -> str:
    """The English name of a location for notes and the ACLED/UCDP location columns.

    Regions, sites and neighbourhoods carry their governorate's or town's name in ``name_en`` (the
    gazetteer's convention); their own English name comes from notes_en.yaml, or for a
    neighbourhood from its place_id ("sy:nbh:aleppo:sheikh_maqsoud" -> "Sheikh Maqsoud").
    """
    pid = str(loc.get("place_id") or "")
    named = (notes_en().get("places") or {}).get(pid)
    if named:
        return str(named)
    name = ascii_name(str(loc.get("name_en") or loc.get("admin1") or ""))
    precision = loc.get("precision") or ""
    if precision == "neighbourhood" and pid.startswith("sy:nbh:"):
        slug = pid.rsplit(":", 1)[-1].replace("_", " ").title()
        return f"{slug}, {name}" if name else slug
    governorate_region = pid.startswith("sy:gov:") and precision == "region"  # "ريف درعا"
    if not name or (loc.get("relation") or "in") != "in" or governorate_region:
        return name  # "near Damascus", "the countryside of Daraa"
    kind = (notes_en().get("place_kind") or {}).get(precision)
    return str(kind).format(name=name) if kind else name


def acled_location(loc: dict[str, Any]) -> str:
    """ACLED's ``location``: the town; a neighbourhood as "Town - Neighbourhood" (ACLED style)."""
    pid = str(loc.get("place_id") or "")
    town = ascii_name(str(loc.get("name_en") or ""))
    named = (notes_en().get("places") or {}).get(pid)
    if named:
        return str(named).removeprefix("the ")[:1].upper() + str(named).removeprefix("the ")[1:]
    if loc.get("precision") == "neighbourhood" and pid.startswith("sy:nbh:"):
        slug = pid.rsplit(":", 1)[-1].replace("_", " ").title()
        return f"{town} - {slug}" if town else slug
    return town or ascii_name(str(loc.get("name_ar") or loc.get("text") or ""))
