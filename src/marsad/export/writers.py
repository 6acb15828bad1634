"""Write the store's incidents in one of the export formats, streaming (a large DB is never held whole)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from marsad.export.acled import COLUMNS as ACLED_COLUMNS
from marsad.export.acled import acled_record_row
from marsad.export.figures import evidence_text, first_located, total
from marsad.export.record import Record, from_event, from_incident
from marsad.export.ucdp import COLUMNS as UCDP_COLUMNS
from marsad.export.ucdp import ucdp_row
from marsad.store import Filters, Store

FORMATS = ("csv", "jsonl", "geojson", "acled", "ucdp")
NOTES = ("en", "ar")
# Filters that only incidents have (events keep no actor/source/text columns).
INCIDENT_ONLY_FILTERS = ("actor", "source", "q")

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


def iter_event_records(store: Store, flt: Filters, chunk: int = 500) -> Iterator[Record]:
    """Stored fused events as records, with their articles' titles and ingest times."""
    batch: list[dict[str, Any]] = []

    def flush() -> Iterator[Record]:
        ids = [str(m.get("article")) for ev in batch for m in ev.get("members") or [] if m.get("article")]
        meta = store.article_meta(ids)
        for ev in batch:
            yield from_event(ev, meta)
        batch.clear()

    for ev in store.iter_events(flt, chunk=chunk):
        batch.append(ev)
        if len(batch) >= chunk:
            yield from flush()
    yield from flush()


def _records(store: Store, flt: Filters, fused: bool) -> Iterator[Record]:
    if fused:
        yield from iter_event_records(store, flt)
    else:
        for inc in store.iter_incidents(flt):
            yield from_incident(inc)


def export(
    store: Store,
    fmt: str,
    out: TextIO,
    filters: Filters | None = None,
    notes: str = "en",
    fused: bool = False,
) -> int:
    """Write ``fmt`` to ``out``; returns the number of records written (rows, lines or features).

    ``notes`` picks the ACLED notes: English sentences ("en") or the Arabic evidence ("ar").
    ``fused`` makes ACLED rows from fused events instead of incidents; ``ucdp`` always uses events.
    """
    flt = filters or Filters()
    if notes not in NOTES:
        raise ValueError(f"unknown notes language {notes!r} (one of {', '.join(NOTES)})")
    n = 0
    if fmt in ("acled", "ucdp"):
        columns = ACLED_COLUMNS if fmt == "acled" else UCDP_COLUMNS
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for rec in _records(store, flt, fused or fmt == "ucdp"):
            row = acled_record_row(rec, notes=notes) if fmt == "acled" else ucdp_row(rec)
            if row is not None:
                writer.writerow(row)
                n += 1
        return n
    if fmt == "jsonl":
        for line in store.iter_article_lines(flt, with_text=True):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for inc in store.iter_incidents(flt):
            writer.writerow(csv_row(inc))
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
