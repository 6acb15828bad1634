"""Compatibility rules: may two mentions describe the same event?

The tables (type pairs, actor blocs, windows) are data in ``marsad/data/fuse.yaml``; this module
only says how they are applied, so a reviewer can change what merges without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache

from marsad.fuse.mention import Mention, MentionLocation
from marsad.resources import load_yaml


@dataclass(frozen=True, slots=True)
class FuseConfig:
    date_window_days: int = 1
    undated_lookback_days: int = 30
    undated_pair_days: int = 2
    dominance: float = 2.0
    type_pairs: frozenset[frozenset[str]] = frozenset()
    blocs: tuple[tuple[str, frozenset[str]], ...] = ()
    tol_abs: int = 1
    tol_rel: float = 0.10
    tol_about: float = 0.20
    open_ended: float = 0.5
    vague_span: float = 5.0
    vague_min: int = 3
    refute_factor: float = 2.0
    unfused_types: frozenset[str] = frozenset({"other"})

    def with_window(self, days: int | None) -> FuseConfig:
        return self if days is None else replace(self, date_window_days=days)


@lru_cache(maxsize=1)
def default_config() -> FuseConfig:
    raw = load_yaml("fuse.yaml")
    tol = raw.get("count_tolerance") or {}
    return FuseConfig(
        date_window_days=int(raw.get("date_window_days", 1)),
        undated_lookback_days=int(raw.get("undated_lookback_days", 30)),
        undated_pair_days=int(raw.get("undated_pair_days", 2)),
        dominance=float(raw.get("dominance", 2.0)),
        type_pairs=frozenset(frozenset(p) for p in raw.get("compatible_types") or []),
        blocs=tuple((name, frozenset(ids)) for name, ids in sorted((raw.get("actor_blocs") or {}).items())),
        tol_abs=int(tol.get("abs", 1)),
        tol_rel=float(tol.get("rel", 0.10)),
        tol_about=float(tol.get("about", 0.20)),
        open_ended=float(tol.get("open_ended", 0.5)),
        vague_span=float(tol.get("vague_span", 5.0)),
        vague_min=int(tol.get("vague_min", 3)),
        refute_factor=float(tol.get("refute_factor", 2.0)),
        unfused_types=frozenset(raw.get("unfused_types") or ()),
    )


def types_compatible(a: str, b: str, cfg: FuseConfig) -> bool:
    """Same type or a listed pair; a type that names no kind of event (``other``) matches nothing."""
    if a in cfg.unfused_types or b in cfg.unfused_types:
        return False
    return a == b or frozenset((a, b)) in cfg.type_pairs


def dates_compatible(a: Mention, b: Mention, cfg: FuseConfig) -> bool:
    """Ranges overlap once widened by the window.

    A mention with no time at all (no date and no publication date) may be any event of its place,
    years apart: it joins only incidents of its own article. Two undated mentions say nothing about
    when the event was, only when it was reported: they are compatible when reported within
    ``undated_pair_days`` of each other."""
    if a.eff_start is None or b.eff_start is None:
        return a.article_id == b.article_id
    if not a.dated and not b.dated:
        pa, pb = a.reported_day, b.reported_day
        if pa is not None and pb is not None:
            return abs((pa - pb).days) <= cfg.undated_pair_days
    w = timedelta(days=cfg.date_window_days)
    return a.eff_start - w <= b.eff_end and b.eff_start - w <= a.eff_end  # type: ignore[operator]


@lru_cache(maxsize=4096)
def perpetrator_blocs(perpetrators: frozenset[str], cfg: FuseConfig) -> frozenset[str]:
    """Blocs of a set of perpetrators; an actor in no bloc is its own bloc. Pure, so cached."""
    out: set[str] = set()
    for actor in perpetrators:
        hits = {name for name, ids in cfg.blocs if actor in ids}
        out |= hits or {f"actor:{actor}"}
    return frozenset(out)


def actors_compatible(a: Mention, b: Mention, cfg: FuseConfig) -> bool:
    """Contradictory only when both name perpetrators and no perpetrator blocs are shared."""
    pa = frozenset(x.id for x in a.actors if x.role == "perpetrator")
    if not pa:
        return True
    pb = frozenset(x.id for x in b.actors if x.role == "perpetrator")
    if not pb or pa & pb:
        return True
    return bool(perpetrator_blocs(pa, cfg) & perpetrator_blocs(pb, cfg))


def _is_city_of(n: MentionLocation, city: MentionLocation) -> bool:
    """A neighbourhood lies in ``city``: by the declared parent, else the city names its district/governorate."""
    if n.precision != "neighbourhood" or city.precision == "neighbourhood":
        return False
    if n.parent:
        return n.parent == city.place_id
    name = (city.name_en or "").lower()
    return (
        bool(name)
        and name in ((n.admin2 or "").lower(), (n.admin1 or "").lower())
        and n.admin1 == city.admin1
    )


def _loc_pair_compatible(x: MentionLocation, y: MentionLocation) -> bool:
    if x.key == y.key:
        return True
    return _is_city_of(x, y) or _is_city_of(y, x)


def one_site(m: Mention) -> bool:
    """The mention's specific places are one site (a town, or a neighbourhood and its town): a
    report naming two towns either counts two incidents or names one as context, and pins neither."""
    sites = [loc for loc in m.places if loc.specific]
    return bool(sites) and all(
        _loc_pair_compatible(a, b) for i, a in enumerate(sites) for b in sites[i + 1 :]
    )


def _coarse_covers(coarse: MentionLocation, other: MentionLocation) -> bool:
    """A district/governorate/region location contains ``other``."""
    if coarse.precision in ("district",) and coarse.admin2:
        return coarse.admin2 == other.admin2 and coarse.admin1 == other.admin1
    if coarse.precision == "country":
        return True
    return bool(coarse.admin1) and coarse.admin1 == other.admin1


def places_compatible(a: Mention, b: Mention) -> bool:
    """Some location of ``a`` is the same place as, inside, or around some location of ``b``.

    A mention placed nowhere more precise than the country may be about any place, but two such
    mentions share nothing that identifies the event: they are not compatible with each other."""
    la, lb = a.places, b.places
    if not la or not lb:
        return bool(la or lb)
    for x in la:
        for y in lb:
            if x.specific and y.specific:
                if _loc_pair_compatible(x, y):
                    return True
            elif not x.specific and not y.specific:
                if x.key == y.key or _coarse_covers(x, y) or _coarse_covers(y, x):
                    return True
            elif _coarse_covers(y if x.specific else x, x if x.specific else y):
                return True
    return False


def identical(a: Mention, b: Mention) -> bool:
    """Same place, type and date: the only way two incidents of one article may merge."""
    return (
        a.type == b.type
        and (a.date_start, a.date_end) == (b.date_start, b.date_end)
        and {loc.key for loc in a.locations} == {loc.key for loc in b.locations}
    )


def compatible(a: Mention, b: Mention, cfg: FuseConfig) -> bool:
    if a.article_id == b.article_id and a.incident_id != b.incident_id:
        return identical(a, b)
    return (
        dates_compatible(a, b, cfg)
        and types_compatible(a.type, b.type, cfg)
        and places_compatible(a, b)
        and actors_compatible(a, b, cfg)
    )
