"""Trim amCharts' syriaHigh GeoJSON to what the marsad map needs.

Why: the page joins incidents to outlines by ``admin1``, so every feature gets the project's own
governorate names (the ones the gazetteer emits), plus an Arabic label; coordinates are rounded
to 4 decimals (~10 m), far finer than a governorate outline needs, to keep the file small.
"""

from __future__ import annotations

import json
import sys

# amCharts ISO 3166-2 id -> (marsad admin1, Arabic name)
NAMES = {
    "SY-DI": ("Damascus", "دمشق"),
    "SY-RD": ("Rif Dimashq", "ريف دمشق"),
    "SY-HL": ("Aleppo", "حلب"),
    "SY-HI": ("Homs", "حمص"),
    "SY-HM": ("Hama", "حماة"),
    "SY-ID": ("Idlib", "إدلب"),
    "SY-LA": ("Latakia", "اللاذقية"),
    "SY-TA": ("Tartus", "طرطوس"),
    "SY-RA": ("Raqqa", "الرقة"),
    "SY-DY": ("Deir ez-Zor", "دير الزور"),
    "SY-HA": ("Hasakah", "الحسكة"),
    "SY-DR": ("Daraa", "درعا"),
    "SY-SU": ("Suwayda", "السويداء"),
    "SY-QU": ("Quneitra", "القنيطرة"),
}


def _round(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 4), round(coords[1], 4)]
    return [_round(c) for c in coords]


def convert(src: dict) -> dict:
    features = []
    for feat in src["features"]:
        iso = feat["properties"]["id"]
        admin1, name_ar = NAMES[iso]
        geom = feat["geometry"]
        features.append(
            {
                "type": "Feature",
                "properties": {"admin1": admin1, "name_ar": name_ar, "iso": iso},
                "geometry": {"type": geom["type"], "coordinates": _round(geom["coordinates"])},
            }
        )
    if len(features) != len(NAMES):
        raise SystemExit(f"expected {len(NAMES)} governorates, got {len(features)}")
    features.sort(key=lambda f: f["properties"]["admin1"])
    return {
        "type": "FeatureCollection",
        "attribution": "Governorate outlines: amCharts 4 geodata (syriaHigh), linkware licence, https://www.amcharts.com/",
        "features": features,
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as fh:
        data = convert(json.load(fh))
    with open(sys.argv[2], "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")
