"""Compatibility rules: may two mentions describe the same event?

The tables (type pairs, actor blocs, windows) are data in ``marsad/data/fuse.yaml``; this module
only says how they are applied, so a reviewer can change what merges without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from marsad.fuse.mention import Mention, MentionLocation
from marsad.resources import load_yaml


@dataclass(frozen=True, slots=True)
class FuseConfig:
    date_window_days: int = 1
    undated_lookback_days: int = 2
    type_pairs: frozenset[frozenset[str]] = frozenset()
    blocs: tuple[tuple[str, frozenset[str]], ...] = ()
    tol_abs: int = 1
    tol_rel: float = 0.10
    tol_about: float = 0.20

    def with_window(self, days: int | None) -> FuseConfig:
        if days is None:
            return self
        return FuseConfig(
            days,
            self.undated_lookback_days,
            self.type_pairs,
            self.blocs,
            self.tol_abs,
            self.tol_rel,
            self.tol_about,
        )


@lru_cache(maxsize=1)
def default_config() -> FuseConfig:
    raw = load_yaml("fuse.yaml")
    tol = raw.get("count_tolerance") or {}
    return FuseConfig(
        date_window_days=int(raw.get("date_window_days", 1)),
        undated_lookback_days=int(raw.get("undated_lookback_days", 2)),
        type_pairs=frozenset(frozenset(p) for p in raw.get("compatible_types") or []),
        blocs=tuple((name, frozenset(ids)) for name, ids in sorted((raw.get("actor_blocs") or {}).items())),
        tol_abs=int(tol.get("abs", 1)),
        tol_rel=float(tol.get("rel", 0.10)),
        tol_about=float(tol.get("about", 0.20)),
    )


def types_compatible(a: str, b: str, cfg: FuseConfig) -> bool:
    return a == b or frozenset((a, b)) in cfg.type_pairs


def dates_compatible(a: Mention, b: Mention, cfg: FuseConfig) -> bool:
    """Ranges overlap once widened by the window; an undatable mention is compatible with any date."""
    if a.eff_start is None or b.eff_start is None:
        return True
    w = timedelta(days=cfg.date_window_days)
    return a.eff_start - w <= b.eff_end and b.eff_start - w <= a.eff_end  # type: ignore[operator]


@lru_cache(maxsize=4096)
def _perpetrator_blocs(perpetrators: frozenset[str], cfg: FuseConfig) -> frozenset[str]:
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
    return bool(_perpetrator_blocs(pa, cfg) & _perpetrator_blocs(pb, cfg))


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


def _coarse_covers(coarse: MentionLocation, other: MentionLocation) -> bool:
    """A district/governorate/region location contains ``other``."""
    if coarse.precision in ("district",) and coarse.admin2:
        return coarse.admin2 == other.admin2 and coarse.admin1 == other.admin1
    if coarse.precision == "country":
        return True
    return bool(coarse.admin1) and coarse.admin1 == other.admin1


def places_compatible(a: Mention, b: Mention) -> bool:
    """Some location of ``a`` is the same place as, inside, or around some location of ``b``."""
    if not a.locations or not b.locations:
        return not a.locations and not b.locations
    for x in a.locations:
        for y in b.locations:
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
