"""The Syrian gazetteer: places and the Arabic names that point at them.

Places come from TSV data files (GeoNames communities plus curated governorates, districts, regions,
neighbourhoods and sites) so that coverage grows by editing or importing data, not code. Names are
indexed in normalised form; one name may point at several places and ``LocationFinder`` decides.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.models import PRECISIONS, Place
from marsad.resources import data_path, iter_tsv, load_yaml
from marsad.text.normalize import normalize_str

ENV_DIR = "MARSAD_GAZETTEER_DIR"
TSV_COLUMNS = (
    "place_id",
    "name_en",
    "name_ar",
    "names_ar",
    "precision",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "population",
    "parent",
)
# Order in which the shipped files load; later rows may refer to earlier ones as ``parent``.
BASE_FILES = (
    "governorates.tsv",
    "geonames_sy.tsv",
    "communities.tsv",
    "districts.tsv",
    "regions.tsv",
    "neighbourhoods.tsv",
    "sites.tsv",
)


class GazetteerError(ValueError):
    """A gazetteer file or row that cannot be used (message names file and line)."""


@dataclass(frozen=True, slots=True)
class NameRules:
    """Which Arabic names are too short, too common, or need a cue word before them."""

    min_letters: int
    stop: frozenset[str]
    context: frozenset[str]
    exclude_ids: frozenset[str]
    spacing_prefixes: tuple[str, ...] = ()

    @classmethod
    def load(cls) -> NameRules:
        data = load_yaml("locations.yaml")["names"]
        return cls(
            min_letters=int(data.get("min_letters", 3)),
            stop=frozenset(norm_name(n) for n in data.get("stop") or []),
            context=frozenset(norm_name(n) for n in data.get("need_context") or []),
            exclude_ids=frozenset(str(i) for i in data.get("exclude_ids") or []),
            spacing_prefixes=tuple(norm_name(p) for p in data.get("spacing_prefixes") or []),
        )

    def variants(self, key: str) -> list[str]:
        """``key`` plus its joined/spaced spelling for prefixes like كفر."""
        out = [key]
        for p in self.spacing_prefixes:
            if key.startswith(p + " ") and len(key) > len(p) + 3:
                out.append(p + key[len(p) + 1 :])
            elif key.startswith(p) and len(key) > len(p) + 2 and key[len(p)] != " ":
                out.append(p + " " + key[len(p) :])
        return out

    def usable(self, key: str) -> bool:
        letters = sum(1 for ch in key if ch.isalpha())
        return letters >= self.min_letters and key not in self.stop


def norm_name(name: str) -> str:
    """Index form of a name: normalised, single-spaced, no stray marks (LRM in GeoNames names)."""
    return " ".join(normalize_str(name).replace(".", " ").split())


def _float(v: str | None) -> float | None:
    v = (v or "").strip()
    return float(v) if v else None


def _opt(v: str | None) -> str | None:
    v = (v or "").strip()
    return v or None


class Gazetteer:
    """Places by id and by normalised Arabic name."""

    def __init__(self, rules: NameRules | None = None) -> None:
        self.rules = rules or NameRules.load()
        self._places: dict[str, Place] = {}
        self._names: dict[str, list[str]] = {}
        self._governorates: dict[str, str] = {}  # admin1 name -> place_id
        self._capitals: dict[str, str] = {}  # city place_id -> governorate place_id

    # --- loading --------------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Gazetteer:
        """The shipped gazetteer plus user files (``MARSAD_GAZETTEER_DIR``) and ``extra`` TSVs."""
        return _cached(tuple(str(p) for p in extra), os.environ.get(ENV_DIR) or "")

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> Gazetteer:
        gaz = cls()
        for path in paths:
            gaz.add_rows(iter_tsv(path), str(path))
        return gaz

    def add_rows(self, rows: Iterable[dict[str, str]], source: str = "<rows>") -> int:
        """Add TSV rows; blank ``name_en``/``admin1``/coordinates are taken from ``parent``."""
        n = 0
        for lineno, row in enumerate(rows, start=2):
            pid = _opt(row.get("place_id"))
            if pid in self._places and not _opt(row.get("name_en")) and not _opt(row.get("precision")):
                self.add(self._places[pid], (row.get("names_ar") or "").split("|"))  # extra spellings
                continue
            try:
                place, names = self._row_place(row)
            except (KeyError, ValueError) as exc:
                raise GazetteerError(f"{source}: row {lineno}: {exc}") from None
            if place.place_id in self.rules.exclude_ids:
                continue
            self.add(place, names)
            n += 1
        return n

    def _row_place(self, row: dict[str, str]) -> tuple[Place, list[str]]:
        pid = _opt(row.get("place_id"))
        if not pid:
            raise ValueError("missing place_id")
        parent_id = _opt(row.get("parent"))
        parent = self._places.get(parent_id) if parent_id else None
        if parent_id and parent is None:
            raise ValueError(f"unknown parent {parent_id!r} (parents must come first)")
        precision = _opt(row.get("precision")) or "community"
        if precision not in PRECISIONS:
            raise ValueError(f"bad precision {precision!r}")
        names = [n for n in (row.get("names_ar") or "").split("|") if n.strip()]
        name_ar = (
            _opt(row.get("name_ar")) or (parent.name_ar if parent else None) or (names[0] if names else "")
        )
        name_en = _opt(row.get("name_en")) or (parent.name_en if parent else None)
        if not name_en:
            raise ValueError("missing name_en")
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        if lat is None and parent:
            lat, lon = parent.lat, parent.lon
        if lat is not None and not (-90 <= lat <= 90 and -180 <= (lon or 0) <= 180):
            raise ValueError(f"bad coordinates {lat},{lon}")
        place = Place(
            place_id=pid,
            name_ar=name_ar,
            name_en=name_en,
            admin1=_opt(row.get("admin1")) or (parent.admin1 if parent else None),
            admin2=_opt(row.get("admin2")) or (parent.admin2 if parent else None),
            lat=lat,
            lon=lon,
            precision=precision,
            population=int(float(_opt(row.get("population")) or 0)),
            parent=parent_id,
        )
        if precision == "governorate" and place.admin1:
            self._governorates[place.admin1] = pid
            capital = _opt(row.get("capital"))
            if capital:
                self._capitals[capital] = pid
        return place, names

    def add(self, place: Place, names: Iterable[str]) -> None:
        self._places[place.place_id] = place
        for name in names:
            base = norm_name(name)
            if not self.rules.usable(base):
                continue
            keys = self.rules.variants(base)
            if place.precision == "neighbourhood" and not base.startswith("حي "):
                keys.append("حي " + base)  # "حي الخالدية" must see every الخالدية
            for key in keys:
                ids = self._names.setdefault(key, [])
                if place.place_id not in ids:
                    ids.append(place.place_id)

    # --- queries --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._places)

    def get(self, place_id: str) -> Place | None:
        return self._places.get(place_id)

    def candidates(self, normalised_name: str) -> list[Place]:
        return [self._places[i] for i in self._names.get(norm_name(normalised_name), ())]

    def names(self) -> Iterator[str]:
        """Every indexed (normalised) name, for building a matcher."""
        return iter(self._names)

    def governorate(self, admin1: str | None) -> Place | None:
        pid = self._governorates.get(admin1 or "")
        return self._places.get(pid) if pid else None

    def capital_governorate(self, place_id: str) -> Place | None:
        """The governorate a city is the capital of ("ريف حلب" is Aleppo governorate), else None."""
        pid = self._capitals.get(place_id)
        return self._places.get(pid) if pid else None

    def lookup(self, name: str) -> list[Place]:
        """Places for a name as a person types it, or for a place_id or English name."""
        if name in self._places:
            return [self._places[name]]
        found = self.candidates(name)
        if not found:
            low = name.casefold()
            found = [p for p in self._places.values() if p.name_en.casefold() == low]
        return found


def user_files(directory: str) -> list[Path]:
    if not directory:
        return []
    path = Path(directory).expanduser()
    return sorted(path.glob("*.tsv")) if path.is_dir() else []


@lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...], env_dir: str) -> Gazetteer:
    files = [data_path(f"gazetteer/{name}") for name in BASE_FILES]
    files += user_files(env_dir) + [Path(p) for p in extra]
    return Gazetteer.from_files(files)
