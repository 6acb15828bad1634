"""Import a reference database (ACLED or UCDP GED export, VDC victim list, ...) into one record shape.

Exports name their columns differently and change case and spelling between releases, so presets
in ``marsad/data/reference_maps.yaml`` list, per field, the column names it may have (matched
without regard to case or spacing) and ``--map field=column`` adjusts them. Event datasets give one
record per row and figure (UCDP: everyone killed, civilians, fighters); victim lists give one
record per person, with every group the person counts in, and are summed at verification time.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.resources import load_yaml
from marsad.verify.dates import parse_date_range
from marsad.verify.places import norm_name


@dataclass(slots=True)
class RefRecord:
    """One figure of one reference incident, or one person of a victim list (``unit``)."""

    ref_id: str
    date: str
    admin1: str | None
    admin2: str | None
    location: str | None
    lat: float | None
    lon: float | None
    type: str | None
    measure: str
    group: str
    count: int | None  # None: the dataset has the incident but no figure for it
    source: str | None
    dataset: str
    date_end: str | None = None  # last day the record may be on (imprecise dates)
    groups: tuple[str, ...] = ()  # every group the count belongs to; () means (group,)
    low: int | None = None
    high: int | None = None
    unit: str = "event"  # event | person
    event: str | None = None  # the dataset's own id of the row the record comes from

    @property
    def end(self) -> str:
        return self.date_end or self.date

    def counts_for(self, group: str) -> bool:
        return group in (self.groups or (self.group,))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["groups"] = list(self.groups)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RefRecord:
        known = {k: d[k] for k in cls.__slots__ if k in d}  # type: ignore[attr-defined]
        known["groups"] = tuple(known.get("groups") or ())
        for k in ("admin1", "admin2", "location", "lat", "lon", "type", "source", "count"):
            known.setdefault(k, None)
        known.setdefault("measure", "killed")
        known.setdefault("group", "people")
        known.setdefault("dataset", "reference")
        return cls(**known)


@dataclass(slots=True)
class ImportResult:
    records: list[RefRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> rows left out on purpose
    rows: int = 0


# UCDP GED rows (as `marsad export --format ucdp` writes them) until reference_maps.yaml has a ucdp
# preset of its own, which then takes precedence: one event per row, `best` as the death toll.
_UCDP_MINIMAL: dict[str, Any] = {
    "layout": "events",
    "columns": {
        "ref_id": "id",
        "date": "date_start",
        "admin1": "adm_1",
        "admin2": "adm_2",
        "location": "where_coordinates",
        "lat": "latitude",
        "lon": "longitude",
        "count": "best",
        "source": "source_office",
    },
    "measure": "killed",
    "group": "people",
    "source": "ucdp",
}


@lru_cache(maxsize=1)
def _maps() -> dict[str, Any]:
    maps = dict(load_yaml("reference_maps.yaml"))
    maps.setdefault("ucdp", _UCDP_MINIMAL)
    return maps


def presets() -> list[str]:
    return sorted(k for k, v in _maps().items() if isinstance(v, dict) and "layout" in v)


def _fold(value: str) -> str:
    """Header/value key: case, surrounding and inner spacing ignored ("Adult - Male" = "adult-male")."""
    return re.sub(r"\s+", "", value.strip().lower())


@lru_cache(maxsize=1)
def _admin1_spellings() -> dict[str, str]:
    """Folded spelling -> marsad admin1 name, from the gazetteer's admin1 table plus dataset aliases."""
    out: dict[str, str] = {}
    for info in (load_yaml("locations.yaml").get("admin1") or {}).values():
        for s in [info["name"], *(info.get("aliases") or [])]:
            out.setdefault(norm_name(s), info["name"])
    for alias, target in (_maps().get("admin1_aliases") or {}).items():
        out[norm_name(alias)] = out.get(norm_name(target), target)
    return out


def strip_place_suffix(value: str | None) -> str | None:
    """ "Duma town" -> "Duma", "Rif Dimashq governorate" -> "Rif Dimashq" (UCDP writes such names)."""
    if not value or not value.strip():
        return None
    v = " ".join(value.split())
    words = v.split(" ")
    suffixes = {s.lower() for s in _maps().get("place_suffixes") or []}
    if len(words) > 1 and words[-1].lower() in suffixes:
        v = " ".join(words[:-1])
    return v


def admin1_name(value: str | None) -> str | None:
    """Governorate as marsad spells it ("Damascus Suburbs", "Idleb" -> "Rif Dimashq", "Idlib");
    None for "Unknown"-like values; anything unknown is kept as given."""
    v = strip_place_suffix(value)
    if v is None or _fold(v) in {_fold(x) for x in _maps().get("admin1_unknown") or []}:
        return None
    return _admin1_spellings().get(norm_name(v), v)


def resolve_mapping(preset: str | None, overrides: Iterable[str] = ()) -> dict[str, Any]:
    """Preset settings with ``field=column`` overrides applied to its columns."""
    if preset is not None and preset not in presets():
        raise ValueError(f"unknown preset {preset!r} (known: {', '.join(presets())})")
    base = dict(_maps()[preset]) if preset else {"layout": "events", "columns": {}, "measure": "killed"}
    cols = dict(base.get("columns") or {})
    for item in overrides:
        name, sep, column = item.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise ValueError(f"bad --map {item!r}: expected field=column")
        cols[name.strip()] = column.strip()
    base["columns"] = cols
    return base


class _Columns:
    """Which header column holds each field: the first of the field's candidate names present."""

    def __init__(self, header: list[str], spec: dict[str, str | list[str]]) -> None:
        by_key = {}
        for h in header:
            by_key.setdefault(_fold(h), h)
        self.columns: dict[str, list[str]] = {}
        self.missing: dict[str, list[str]] = {}
        for name, cand in spec.items():
            names = [cand] if isinstance(cand, str) else list(cand or [])
            found = [by_key[_fold(c)] for c in names if _fold(c) in by_key]
            if found:
                self.columns[name] = found
            else:
                self.missing[name] = names

    def cell(self, row: dict[str, str], name: str) -> str | None:
        """The field's value: the first non-blank of its columns."""
        for column in self.columns.get(name, ()):
            value = row.get(column)
            if value and value.strip():
                return value.strip()
        return None


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _lookup(table: dict[str, Any], value: str | None) -> Any:
    return table.get(_fold(value)) if value else None


def _type(row: dict[str, str], cols: _Columns, types: dict[str, str]) -> str | None:
    for name in ("type", "type_fallback", "cause"):
        hit = _lookup(types, cols.cell(row, name))
        if hit:
            return hit
    return None


def _rows(path: Path, result: ImportResult) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        line = 1
        for row in reader:
            start, line = line + 1, reader.line_num
            result.rows += 1
            if None in row:
                result.errors.append(f"{path}:{start}: too many fields ({len(row) + len(row[None]) - 1})")
                continue
            yield start, row


def _dates(row: dict[str, str], cols: _Columns, mapping: dict[str, Any]) -> tuple[date, date] | None:
    """(first, last) day of the row; widened by the dataset's date-precision code when it has one."""
    span = parse_date_range(cols.cell(row, "date") or "")
    if span is None:
        return None
    first, last = span
    end_text = cols.cell(row, "date_end")
    if end_text:
        end_span = parse_date_range(end_text)
        if end_span is not None and end_span[1] > last:
            last = end_span[1]
    spread = (mapping.get("date_spread") or {}).get(cols.cell(row, "date_precision") or "")
    if spread:
        first, last = first - timedelta(days=int(spread)), last + timedelta(days=int(spread))
    return first, last


def _count(value: str | None, where: str, result: ImportResult) -> tuple[bool, int | None]:
    """(ok, number); blank is (True, None), not a number is an error."""
    if value is None:
        return True, None
    try:
        n = int(float(value))
    except ValueError:
        result.errors.append(f"{where}: count {value!r} is not a number")
        return False, None
    if n < 0:
        result.errors.append(f"{where}: negative count {n}")
        return False, None
    return True, n


def _figure_specs(mapping: dict[str, Any]) -> list[dict[str, Any]]:
    return list(mapping.get("figures") or [{"group": mapping.get("group", "people"), "count": "count"}])


def _events(path: Path, mapping: dict[str, Any], cols: _Columns, result: ImportResult) -> None:
    """One record per row and figure; the first figure's record carries the row id as is."""
    types = {_fold(k): v for k, v in (mapping.get("types") or {}).items()}
    specs = _figure_specs(mapping)
    for line, row in _rows(path, result):
        where = f"{path}:{line}"
        try:
            span = _dates(row, cols, mapping)
        except ValueError as exc:
            result.errors.append(f"{where}: {exc}")
            continue
        if span is None:
            result.skipped["unknown date"] += 1
            continue
        figures: list[tuple[dict[str, Any], int | None, int | None, int | None]] = []
        ok = True
        for spec in specs:
            parts = [spec["count"]] if isinstance(spec["count"], str) else list(spec["count"])
            values = []
            for part in parts:
                good, n = _count(cols.cell(row, part), where, result)
                ok &= good
                values.append(n)
            total = sum(v for v in values if v is not None) if any(v is not None for v in values) else None
            bounds = []
            for bound in ("low", "high"):
                good, n = (
                    _count(cols.cell(row, spec[bound]), where, result) if spec.get(bound) else (True, None)
                )
                ok &= good
                bounds.append(n)
            figures.append((spec, total, bounds[0], bounds[1]))
        if not ok:
            continue
        row_id = cols.cell(row, "ref_id") or f"{path.stem}:{line}"
        first, last = span
        for i, (spec, total, low, high) in enumerate(figures):
            if i and total is None:
                continue  # a breakdown the row does not give
            group = spec["group"]
            result.records.append(
                RefRecord(
                    ref_id=row_id if i == 0 else f"{row_id}#{group}",
                    date=first.isoformat(),
                    date_end=last.isoformat() if last != first else None,
                    admin1=admin1_name(cols.cell(row, "admin1")),
                    admin2=strip_place_suffix(cols.cell(row, "admin2")),
                    location=strip_place_suffix(cols.cell(row, "location")),
                    lat=_float(cols.cell(row, "lat")),
                    lon=_float(cols.cell(row, "lon")),
                    type=_type(row, cols, types),
                    measure=spec.get("measure") or mapping.get("measure", "killed"),
                    group=group,
                    groups=(group,),
                    count=total,
                    low=low,
                    high=high,
                    source=cols.cell(row, "source") or mapping.get("source"),
                    dataset=path.stem,
                    unit="event",
                    event=row_id,
                )
            )


def _victims(path: Path, mapping: dict[str, Any], cols: _Columns, result: ImportResult) -> None:
    """One record per person, counting in "people", its status group and its age/sex groups."""
    types = {_fold(k): v for k, v in (mapping.get("types") or {}).items()}
    status_map = {_fold(k): v for k, v in (mapping.get("status") or {}).items()}
    person_groups = {_fold(k): list(v) for k, v in (mapping.get("person_groups") or {}).items()}
    for line, row in _rows(path, result):
        where = f"{path}:{line}"
        try:
            span = _dates(row, cols, mapping)
        except ValueError as exc:
            result.errors.append(f"{where}: {exc}")
            continue
        if span is None:
            result.skipped["unknown date"] += 1
            continue
        status = cols.cell(row, "status")
        group = "people"
        if status is not None:
            if _fold(status) not in status_map:
                result.errors.append(f"{where}: unknown status {status.lower()!r}")
                continue
            group = status_map[_fold(status)]
        groups = ["people"] + ([group] if group != "people" else [])
        for name in ("sex", "age"):
            for g in _lookup(person_groups, cols.cell(row, name)) or []:
                if g not in groups:
                    groups.append(g)
        place = cols.cell(row, "location")
        if place and ":" in place:  # "Damascus Suburbs: East Ghota" names the area after the province
            place = place.rsplit(":", 1)[1].strip() or None
        first, last = span
        row_id = cols.cell(row, "ref_id") or f"{path.stem}:{line}"
        result.records.append(
            RefRecord(
                ref_id=row_id,
                date=first.isoformat(),
                date_end=last.isoformat() if last != first else None,
                admin1=admin1_name(cols.cell(row, "admin1")),
                admin2=None,
                location=strip_place_suffix(place),
                lat=None,
                lon=None,
                type=_type(row, cols, types),
                measure=mapping.get("measure", "killed"),
                group=group,
                groups=tuple(groups),
                count=1,
                source=mapping.get("source") or path.stem,
                dataset=path.stem,
                unit="person",
                event=row_id,
            )
        )


def import_csv(path: str | Path, preset: str | None = None, overrides: Iterable[str] = ()) -> ImportResult:
    """Read one CSV; bad rows become ``file:line: reason`` errors and the rest is kept."""
    path = Path(path)
    mapping = resolve_mapping(preset, overrides)
    if not mapping["columns"].get("date"):
        raise ValueError("no column mapped for date (use --preset or --map date=COLUMN)")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh), [])
    cols = _Columns(header, mapping["columns"])
    if "date" in cols.missing:
        wanted = " or ".join(repr(c) for c in cols.missing["date"])
        raise ValueError(f"{path}:1: missing column {wanted} for the date")
    result = ImportResult()
    if mapping.get("layout") == "victims":
        _victims(path, mapping, cols, result)
    else:
        _events(path, mapping, cols, result)
    return result


def write_reference(records: Iterable[RefRecord], out: str | Path | Any) -> int:
    """Write records as JSON Lines to a path or an open text stream."""
    if isinstance(out, str | Path):
        with Path(out).open("w", encoding="utf-8") as fh:
            return write_reference(records, fh)
    n = 0
    for r in records:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def load_reference(paths: Iterable[str | Path]) -> list[RefRecord]:
    out = []
    for p in paths:
        with Path(p).open(encoding="utf-8") as fh:
            out.extend(RefRecord.from_dict(json.loads(line)) for line in fh if line.strip())
    return out
