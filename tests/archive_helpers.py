"""Hand-written article lines for the archive store tests (SQLite and PostgreSQL): own sentences,
a date after publication, a country-level place, a cumulative toll and an undated article."""

from __future__ import annotations


def loc(
    name_ar: str, name_en: str, admin1: str, lat: float | None, lon: float | None, precision: str
) -> dict:
    return {
        "text": name_ar,
        "start": 0,
        "end": len(name_ar),
        "place_id": f"test:{name_en.lower()}",
        "name_ar": name_ar,
        "name_en": name_en,
        "admin1": admin1,
        "admin2": None,
        "lat": lat,
        "lon": lon,
        "precision": precision,
        "relation": "in",
    }


RAQQA = loc("الرقة", "Raqqa", "Raqqa", 35.95, 39.01, "community")
DOUMA = loc("دوما", "Douma", "Rif Dimashq", 33.57, 36.40, "community")
SYRIA = loc("سوريا", "Syria", None, 35.0, 38.5, "country")


def cas(measure: str, value: int, group: str = "civilians", part_of: int | None = None) -> dict:
    return {
        "measure": measure,
        "group": group,
        "side": None,
        "count": {"value": value, "low": value, "high": None, "qualifier": "exact"},
        "part_of": part_of,
        "reported_by": ["sohr"],
        "start": 0,
        "end": 1,
        "text": "ق",
    }


def inc(aid: str, n: int, evidence: str, locs: list[dict], start: str | None, rows: list[dict]) -> dict:
    return {
        "id": f"{aid}#{n}",
        "type": "shelling",
        "date": {"start": start, "end": start, "precision": "day" if start else "unknown", "text": None},
        "locations": locs,
        "actors": [],
        "casualties": rows,
        "weapons": [],
        "reported_by": ["sohr"],
        "evidence": [{"start": 0, "end": len(evidence), "text": evidence}],
    }


def line(aid: str, title: str, text: str, published: str | None, incidents: list[dict]) -> dict:
    return {
        "article": {"id": aid, "title": title, "published": published, "text": text},
        "incidents": incidents,
        "warnings": [],
    }


def lines() -> list[dict]:
    return [
        line(
            "r1",
            "قصف على الرقة",
            "قُتل أربعة مدنيين بينهم طفل في قصف على مدينة الرقّة، وجُرح ستة.",
            "2017-05-02",
            [
                inc(
                    "r1",
                    1,
                    "قُتل أربعة مدنيين بينهم طفل في قصف على مدينة الرقّة",
                    [SYRIA, RAQQA],
                    "2017-05-01",
                    [cas("killed", 4), cas("killed", 1, "children", 0), cas("injured", 6)],
                )
            ],
        ),
        line(
            "d1",
            "دوما",
            "سقطت قذائف على دوما فقتل 12 شخصاً. وقال التقرير إن الحرب قتلت 500000 منذ 2011.",
            "2017-06-10",
            [
                # a date after publication: filed on the publication day
                inc("d1", 1, "سقطت قذائف على دوما فقتل 12 شخصاً", [DOUMA], "2020-01-01", [cas("killed", 12)]),
                # a cumulative toll: listed, but counted apart in totals
                inc("d1", 2, "الحرب قتلت 500000 منذ 2011", [SYRIA], None, [cas("killed", 500000, "people")]),
            ],
        ),
        line(
            "n1",
            "بلا تاريخ",
            "اشتباكات قرب الرقة دون ضحايا.",
            None,
            [inc("n1", 1, "اشتباكات قرب الرقة", [RAQQA], None, [])],
        ),
    ]
