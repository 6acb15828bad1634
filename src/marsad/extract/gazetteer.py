"""The gazetteer: places and the Arabic names that point at them.

Places come from TSV data files (GeoNames communities plus curated governorates, districts, regions,
neighbourhoods and sites, and world countries and cities for scope) so that coverage grows by editing
or importing data, not code. Names are indexed in normalised form; one name may point at several
places and ``LocationFinder`` decides.

Imported files (``marsad gazetteer import``, read from the user's gazetteer folder) are *linked* to
the shipped places as they load: an imported community with the name of a shipped town a few km
away is that town, and only adds its p-codes, admin2/admin3 and spellings, so that the curated names
and conventions stay and the article's place is not split in two.
"""

from __future__ import annotations

import math
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
    "country",
    "admin2_pcode",
    "admin3",
    "admin3_pcode",
    "pcode",
    "cue_names",
)
# Extra spellings of a place that are also ordinary words or first names go in ``cue_names``:
# they count only with a place cue ("قرية X", "في بلدة X") or other support in the article.
# Order in which the shipped files load; later rows may refer to earlier ones as ``parent``.
BASE_FILES = (
    "governorates.tsv",
    "geonames_sy.tsv",
    "communities.tsv",
    "districts.tsv",
    "regions.tsv",
    "neighbourhoods.tsv",
    "sites.tsv",
    "world.tsv",
)
# How far an imported community may lie from a shipped one of the same name to be the same place.
LINK_KM = 10.0
_LINKABLE = {"community": "town", "neighbourhood": "town", "governorate": "governorate"}


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
        full = load_yaml("locations.yaml")
        data = full["names"]
        # cue words ("مدينة", "غرب") and side adjectives ("الشمالي") are never a place's name
        words: set[str] = set()
        for ws in full["cues"].values():
            for w in ws.values() if isinstance(ws, dict) else ws:
                for x in w if isinstance(w, list) else [w]:
                    words.update({norm_name(x), "ال" + norm_name(x)})
        return cls(
            min_letters=int(data.get("min_letters", 3)),
            stop=frozenset(norm_name(n) for n in data.get("stop") or []) | frozenset(words),
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
        self._cue: set[tuple[str, str]] = set()  # (name key, place_id) that needs a place cue
        self._alias: dict[str, str] = {}  # imported place_id -> the shipped place it was linked to
        self._curated: set[str] = set()  # place ids from the shipped files
        self._governorates: dict[str, str] = {}  # admin1 name -> place_id
        self._capitals: dict[str, str] = {}  # city place_id -> governorate place_id
        self._countries: dict[str, str] = {}  # ISO code -> place_id of the country

    # --- loading --------------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Gazetteer:
        """The shipped gazetteer plus the user's imported files and ``extra`` TSVs.

        User files are every ``*.tsv`` in ``$MARSAD_GAZETTEER_DIR`` (set it empty for none) or, when
        it is unset, in the user data folder where ``marsad gazetteer import`` writes.
        """
        files = user_files(str(user_dir() or "")) + [Path(p) for p in extra]
        return _cached(tuple((str(p), _mtime(p)) for p in files))

    @classmethod
    def from_files(cls, paths: Iterable[Path], user: Iterable[Path] = ()) -> Gazetteer:
        gaz = cls()
        for path in paths:
            gaz.add_rows(iter_tsv(path), str(path))
        gaz._curated = set(gaz._places)
        for path in user:
            gaz.add_rows(iter_tsv(path), str(path), link=True)
        return gaz

    def add_rows(self, rows: Iterable[dict[str, str]], source: str = "<rows>", link: bool = False) -> int:
        """Add TSV rows; blank ``name_en``/``admin1``/coordinates are taken from ``parent``.

        With ``link``, a row naming a place already loaded (same name, same kind, a few km away) adds
        its codes and spellings to that place instead of a second place.
        """
        n = 0
        for lineno, row in enumerate(rows, start=2):
            pid = _opt(row.get("place_id"))
            if pid in self._alias:
                pid = self._alias[pid]
            if pid in self._places and not _opt(row.get("name_en")) and not _opt(row.get("precision")):
                self.add(self._places[pid], _split(row.get("names_ar")), _split(row.get("cue_names")))
                continue
            try:
                place, names = self._row_place(row)
            except (KeyError, ValueError) as exc:
                raise GazetteerError(f"{source}: row {lineno}: {exc}") from None
            if place.place_id in self.rules.exclude_ids:
                continue
            cue = _split(row.get("cue_names"))
            target = self._linked(place, names) if link else None
            if target is not None:
                _enrich(target, place)
                self._alias[place.place_id] = target.place_id
                if target.precision == "governorate":
                    continue  # a bare "حلب" stays the city: the province is "محافظة حلب"
                # the shipped place's own spellings keep needing no cue
                self.add(target, names, [c for c in cue if not self._names_place(c, target)])
                continue
            self._register(place, row)
            self.add(place, names, cue)
            n += 1
        return n

    def _row_place(self, row: dict[str, str]) -> tuple[Place, list[str]]:
        pid = _opt(row.get("place_id"))
        if not pid:
            raise ValueError("missing place_id")
        parent_id = _opt(row.get("parent"))
        if parent_id:
            parent_id = self._alias.get(parent_id, parent_id)
        parent = self._places.get(parent_id) if parent_id else None
        if parent_id and parent is None:
            raise ValueError(f"unknown parent {parent_id!r} (parents must come first)")
        precision = _opt(row.get("precision")) or "community"
        if precision not in PRECISIONS:
            raise ValueError(f"bad precision {precision!r}")
        names = _split(row.get("names_ar"))
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

        def inherit(col: str) -> str | None:
            return _opt(row.get(col)) or (getattr(parent, col) if parent else None)

        country = _opt(row.get("country"))
        if country is None:
            country = parent.country if parent else "SY"
        place = Place(
            place_id=pid,
            name_ar=name_ar,
            name_en=name_en,
            admin1=inherit("admin1"),
            admin2=inherit("admin2"),
            lat=lat,
            lon=lon,
            precision=precision,
            population=int(float(_opt(row.get("population")) or 0)),
            parent=parent_id,
            country=country.upper() if country else None,
            admin2_pcode=inherit("admin2_pcode"),
            admin3=inherit("admin3"),
            admin3_pcode=inherit("admin3_pcode"),
            pcode=_opt(row.get("pcode")),
        )
        return place, names

    def _register(self, place: Place, row: dict[str, str]) -> None:
        pid = place.place_id
        if place.precision == "governorate" and place.admin1 and place.admin1 not in self._governorates:
            self._governorates[place.admin1] = pid
            capital = _opt(row.get("capital"))
            if capital:
                self._capitals[capital] = pid
        if place.precision == "country" and place.country and place.country not in self._countries:
            self._countries[place.country] = pid

    def _names_place(self, name: str, place: Place) -> bool:
        return place.place_id in self._names.get(norm_name(name), ())

    def _linked(self, place: Place, names: list[str]) -> Place | None:
        """The already loaded place this imported one is (see module docstring), if any."""
        kind = _LINKABLE.get(place.precision)
        if kind is None:
            return None
        if kind == "governorate":
            return self.governorate(place.admin1) if place.country == "SY" else None
        best: tuple[float, Place] | None = None
        for name in names:
            for pid in self._names.get(norm_name(name), ()):
                q = self._places[pid]
                if _LINKABLE.get(q.precision) != kind or q.country != place.country:
                    continue
                if kind == "governorate":
                    continue
                if place.admin1 and q.admin1 and q.admin1 != place.admin1:
                    continue
                d = distance_km(place, q)
                if d <= LINK_KM and (best is None or d < best[0]):
                    best = (d, q)
        return best[1] if best else None

    def add(self, place: Place, names: Iterable[str], cue_names: Iterable[str] = ()) -> None:
        self._places[place.place_id] = place
        cue = {norm_name(n) for n in cue_names}
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
                if base in cue and not key.startswith("حي "):
                    self._cue.add((key, place.place_id))

    # --- queries --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._places)

    def get(self, place_id: str) -> Place | None:
        return self._places.get(self._alias.get(place_id, place_id))

    def candidates(self, normalised_name: str) -> list[Place]:
        return [self._places[i] for i in self._names.get(norm_name(normalised_name), ())]

    def candidates_key(self, key: str) -> list[Place]:
        """``candidates`` for a key already in index form (a matcher's key)."""
        return [self._places[i] for i in self._names.get(key, ())]

    def needs_cue(self, key: str, place: Place) -> bool:
        """Whether ``key`` names ``place`` only with a place cue (an ordinary word or first name)."""
        return (key, place.place_id) in self._cue

    def is_curated(self, place: Place) -> bool:
        """A shipped place (or an imported one linked to it), as opposed to an imported-only one."""
        return place.place_id in self._curated

    def names(self) -> Iterator[str]:
        """Every indexed (normalised) name, for building a matcher."""
        return iter(self._names)

    def governorate(self, admin1: str | None) -> Place | None:
        pid = self._governorates.get(admin1 or "")
        return self._places.get(pid) if pid else None

    def country(self, iso: str | None) -> Place | None:
        pid = self._countries.get((iso or "").upper())
        return self._places.get(pid) if pid else None

    def capital_governorate(self, place_id: str) -> Place | None:
        """The governorate a city is the capital of ("ريف حلب" is Aleppo governorate), else None."""
        pid = self._capitals.get(place_id)
        return self._places.get(pid) if pid else None

    def lookup(self, name: str) -> list[Place]:
        """Places for a name as a person types it, or for a place_id or English name."""
        if self.get(name) is not None:
            return [self.get(name)]  # type: ignore[list-item]
        found = self.candidates(name)
        if not found:
            low = name.casefold()
            found = [p for p in self._places.values() if p.name_en.casefold() == low]
        return found


def _split(v: str | None) -> list[str]:
    return [n for n in (v or "").split("|") if n.strip()]


def _enrich(target: Place, other: Place) -> None:
    """Fill what a shipped place lacks from the imported place linked to it."""
    for col in ("admin2", "admin2_pcode", "admin3", "admin3_pcode", "pcode"):
        if not getattr(target, col) and getattr(other, col):
            setattr(target, col, getattr(other, col))
    target.population = max(target.population, other.population)


def distance_km(a: Place, b: Place) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def default_user_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "marsad" / "gazetteer"


def user_dir() -> Path | None:
    """Where imported gazetteer files live: ``$MARSAD_GAZETTEER_DIR`` (empty: none), else the user
    data folder."""
    env = os.environ.get(ENV_DIR)
    if env is None:
        return default_user_dir()
    return Path(env).expanduser() if env.strip() else None


def user_files(directory: str) -> list[Path]:
    if not directory:
        return []
    path = Path(directory).expanduser()
    return sorted(path.glob("*.tsv")) if path.is_dir() else []


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=8)
def _cached(user: tuple[tuple[str, int], ...]) -> Gazetteer:
    """One gazetteer per set of user files (and their modification times: a new import counts)."""
    files = [data_path(f"gazetteer/{name}") for name in BASE_FILES]
    return Gazetteer.from_files(files, [Path(p) for p, _ in user])
