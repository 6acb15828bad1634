"""Import a reference incident database (ACLED export, VDC victim list, ...) into one JSONL shape.

Column names differ per dataset, so presets in ``marsad/data/reference_maps.yaml`` say which
column holds which field and ``--map field=column`` adjusts them. Event-style datasets give one
record per row; victim lists (one row per person) are counted per (date, place, group), which is
how FA-KES compared articles with VDC.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.resources import load_yaml
from marsad.verify.dates import parse_date


@dataclass(slots=True)
class RefRecord:
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
    count: int
    source: str | None
    dataset: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RefRecord:
        return cls(**{k: d.get(k) for k in cls.__slots__})  # type: ignore[attr-defined]


@dataclass(slots=True)
class ImportResult:
    records: list[RefRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
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


def admin1_name(value: str | None) -> str | None:
    """Governorate spelled as marsad spells it (``admin1_aliases``), else as given."""
    if not value or not value.strip():
        return None
    v = value.strip()
    return (_maps().get("admin1_aliases") or {}).get(v.lower(), v)


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


def _cell(row: dict[str, str], cols: dict[str, str], name: str) -> str | None:
    column = cols.get(name)
    if not column:
        return None
    value = row.get(column)
    return value.strip() if value and value.strip() else None


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _type(row: dict[str, str], cols: dict[str, str], types: dict[str, str]) -> str | None:
    for name in ("type", "type_fallback", "cause"):
        value = _cell(row, cols, name)
        if value and value.lower() in types:
            return types[value.lower()]
    return None


def _rows(path: Path, result: ImportResult) -> Iterable[tuple[int, dict[str, str]]]:
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


def _events(path: Path, mapping: dict[str, Any], result: ImportResult) -> None:
    cols, types = mapping["columns"], {k.lower(): v for k, v in (mapping.get("types") or {}).items()}
    for line, row in _rows(path, result):
        where = f"{path}:{line}"
        try:
            day = parse_date(_cell(row, cols, "date") or "")
        except ValueError as exc:
            result.errors.append(f"{where}: {exc}")
            continue
        raw_count = _cell(row, cols, "count")
        try:
            count = int(float(raw_count)) if raw_count is not None else 0
        except ValueError:
            result.errors.append(f"{where}: count {raw_count!r} is not a number")
            continue
        if count < 0:
            result.errors.append(f"{where}: negative count {count}")
            continue
        result.records.append(
            RefRecord(
                ref_id=_cell(row, cols, "ref_id") or f"{path.stem}:{line}",
                date=day.isoformat(),
                admin1=admin1_name(_cell(row, cols, "admin1")),
                admin2=_cell(row, cols, "admin2"),
                location=_cell(row, cols, "location"),
                lat=_float(_cell(row, cols, "lat")),
                lon=_float(_cell(row, cols, "lon")),
                type=_type(row, cols, types),
                measure=mapping.get("measure", "killed"),
                group=mapping.get("group", "people"),
                count=count,
                source=_cell(row, cols, "source") or mapping.get("source"),
                dataset=path.stem,
            )
        )


def _victims(path: Path, mapping: dict[str, Any], result: ImportResult) -> None:
    """One row per person -> counts per (date, governorate, area, group); plus people and children."""
    cols = mapping["columns"]
    types = {k.lower(): v for k, v in (mapping.get("types") or {}).items()}
    status_map = {k.lower(): v for k, v in (mapping.get("status") or {}).items()}
    child_ages = {a.lower() for a in mapping.get("child_ages") or []}
    counts: dict[tuple[str, str | None, str | None, str], int] = defaultdict(int)
    kinds: dict[tuple[str, str | None, str | None], Counter[str]] = defaultdict(Counter)
    for line, row in _rows(path, result):
        where = f"{path}:{line}"
        try:
            day = parse_date(_cell(row, cols, "date") or "").isoformat()
        except ValueError as exc:
            result.errors.append(f"{where}: {exc}")
            continue
        status = (_cell(row, cols, "status") or "").lower()
        if status not in status_map:
            result.errors.append(f"{where}: unknown status {status!r}")
            continue
        place = (day, admin1_name(_cell(row, cols, "admin1")), _cell(row, cols, "location"))
        groups = ["people", status_map[status]]
        if (_cell(row, cols, "age") or "").lower() in child_ages:
            groups.append("children")
        for g in groups:
            counts[(*place, g)] += 1
        t = _type(row, cols, types)
        if t:
            kinds[place][t] += 1
    for (day, admin1, location, group), n in sorted(
        counts.items(), key=lambda kv: tuple(x or "" for x in kv[0])
    ):
        kind = kinds.get((day, admin1, location))
        result.records.append(
            RefRecord(
                ref_id=f"{path.stem}:{day}:{admin1 or ''}:{location or ''}:{group}",
                date=day,
                admin1=admin1,
                admin2=None,
                location=location,
                lat=None,
                lon=None,
                type=min(kind, key=lambda t: (-kind[t], t)) if kind else None,
                measure=mapping.get("measure", "killed"),
                group=group,
                count=n,
                source=mapping.get("source") or path.stem,
                dataset=path.stem,
            )
        )


def import_csv(path: str | Path, preset: str | None = None, overrides: Iterable[str] = ()) -> ImportResult:
    """Read one CSV; bad rows become ``file:line: reason`` errors and the rest is kept."""
    path = Path(path)
    mapping = resolve_mapping(preset, overrides)
    result = ImportResult()
    missing = [f for f in ("date",) if not mapping["columns"].get(f)]
    if missing:
        raise ValueError(f"no column mapped for {', '.join(missing)} (use --preset or --map date=COLUMN)")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh), [])
    absent = sorted(c for c in mapping["columns"].values() if c not in header)
    needed = {mapping["columns"]["date"]}
    if needed & set(absent):
        raise ValueError(f"{path}:1: missing column(s) {', '.join(sorted(needed & set(absent)))}")
    if mapping.get("layout") == "victims":
        _victims(path, mapping, result)
    else:
        _events(path, mapping, result)
    return result


def write_reference(records: Iterable[RefRecord], path: str | Path) -> int:
    n = 0
    with Path(path).open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def load_reference(paths: Iterable[str | Path]) -> list[RefRecord]:
    out = []
    for p in paths:
        with Path(p).open(encoding="utf-8") as fh:
            out.extend(RefRecord.from_dict(json.loads(line)) for line in fh if line.strip())
    return out
