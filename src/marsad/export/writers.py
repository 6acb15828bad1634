"""Write the store's incidents in one of the export formats, streaming (a large DB is never held whole)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from marsad.export.acled import COLUMNS as ACLED_COLUMNS
from marsad.export.acled import acled_row
from marsad.export.figures import evidence_text, first_located, total
from marsad.store import Filters, Store

FORMATS = ("csv", "jsonl", "geojson", "acled")

CSV_COLUMNS = (
    "article_id",
    "incident_id",
    "type",
    "date_start",
    "date_end",
    "date_precision",
    "places_ar",
    "places_en",
    "admin1",
    "lat",
    "lon",
    "actors",
    "weapons",
    "killed",
    "injured",
    "reported_by",
    "evidence",
)


def _join(values: Any) -> str:
    return "; ".join(dict.fromkeys(str(v) for v in values if v))


def csv_row(inc: dict[str, Any]) -> dict[str, Any]:
    """One flat row per incident; lists become ``"; "``-joined, coordinates from the first located place."""
    locs = inc.get("locations") or []
    loc = first_located(inc) or {}
    date = inc.get("date") or {}
    return {
        "article_id": inc.get("article_id"),
        "incident_id": inc["id"],
        "type": inc["type"],
        "date_start": date.get("start") or "",
        "date_end": date.get("end") or "",
        "date_precision": date.get("precision") or "",
        "places_ar": _join(loc_.get("name_ar") or loc_.get("text") for loc_ in locs),
        "places_en": _join(loc_.get("name_en") for loc_ in locs),
        "admin1": _join(loc_.get("admin1") for loc_ in locs),
        "lat": loc.get("lat") if loc.get("lat") is not None else "",
        "lon": loc.get("lon") if loc.get("lon") is not None else "",
        "actors": _join(f"{a['id']}:{a.get('role') or 'party'}" for a in inc.get("actors") or []),
        "weapons": _join(inc.get("weapons") or []),
        "killed": total(inc, "killed"),
        "injured": total(inc, "injured"),
        "reported_by": _join(inc.get("reported_by") or []),
        "evidence": evidence_text(inc),
    }


def geojson_features(inc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A Point per located place of the incident (coordinates are ``[lon, lat]`` as GeoJSON wants)."""
    date = inc.get("date") or {}
    for loc in inc.get("locations") or []:
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        yield {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(loc["lon"]), float(loc["lat"])]},
            "properties": {
                "incident_id": inc["id"],
                "article_id": inc.get("article_id"),
                "type": inc["type"],
                "date": date.get("start") or inc.get("published"),
                "date_end": date.get("end"),
                "admin1": loc.get("admin1"),
                "name_en": loc.get("name_en"),
                "name_ar": loc.get("name_ar"),
                "precision": loc.get("precision"),
                "killed": total(inc, "killed"),
                "injured": total(inc, "injured"),
                "reported_by": list(inc.get("reported_by") or []),
            },
        }


def export(store: Store, fmt: str, out: TextIO, filters: Filters | None = None) -> int:
    """Write ``fmt`` to ``out``; returns the number of records written (rows, lines or features)."""
    flt = filters or Filters()
    n = 0
    if fmt == "jsonl":
        for line in store.iter_article_lines(flt, with_text=True):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            n += 1
    elif fmt in ("csv", "acled"):
        columns = CSV_COLUMNS if fmt == "csv" else ACLED_COLUMNS
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for inc in store.iter_incidents(flt):
            row = csv_row(inc) if fmt == "csv" else acled_row(inc)
            if row is not None:
                writer.writerow(row)
                n += 1
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
        for inc in store.iter_incidents(flt):
            for feature in geojson_features(inc):
                out.write(("\n" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
                n += 1
        out.write("\n]}\n")
    else:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    return n
