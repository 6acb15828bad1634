"""The gold-file scorer, one test per rule of ANNOTATION.md §Scoring."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from marsad.evaluate import evaluate, fold


def _line(aid: str, incidents: list[dict], kind: str | None = None) -> dict:
    art: dict = {"id": aid}
    if kind:
        art["kind"] = kind
    return {"article": art, "incidents": incidents}


def _cas(measure: str, group: str, side: str | None, value: int | None, **kw: object) -> dict:
    return {"measure": measure, "group": group, "side": side, "count": {"value": value}, **kw}


def _inc(**kw: object) -> dict:
    base: dict = {
        "type": None,
        "date": {"start": None},
        "locations": [],
        "actors": [],
        "casualties": [],
        "reported_by": [],
    }
    base.update(kw)
    return base


def _loc(name_en: str, admin1: str | None = None, precision: str = "community", **kw: object) -> dict:
    return {"name_en": name_en, "admin1": admin1, "precision": precision, **kw}


def _score(gold: dict, pred: dict, name: str) -> tuple[int, int, int]:
    s = evaluate([gold], {gold["article"]["id"]: pred}).fields[name]
    return s.tp, s.fp, s.fn


GOLD = _line(
    "a",
    [
        _inc(
            type="airstrike",
            locations=[_loc("Kafr Nabl|Kafranbel", "Idlib")],
            actors=[{"id": "russia"}, {"id": "civilians"}],
            casualties=[_cas("killed", "civilians", None, 52), _cas("killed", "children", None, 3)],
            reported_by=["sohr"],
        )
    ],
)


def test_sets_are_compared_per_field_and_summed() -> None:
    pred = _line(
        "a",
        [
            _inc(
                type="airstrike",
                date={"start": "2016-12-04"},
                locations=[_loc("Kafranbel", "Idlib"), _loc("Hama", "Hama")],
                actors=[{"id": "russia"}],
                casualties=[_cas("killed", "civilians", None, 52), _cas("killed", "civilians", None, 52)],
                reported_by=["sohr", "afp"],
            )
        ],
    )
    report = evaluate([GOLD], {"a": pred})
    cas = report.fields["casualties"]
    assert (cas.tp, cas.fp, cas.fn) == (1, 0, 1)
    assert report.fields["admin1"].precision == 0.5
    assert report.fields["actors"].recall == 0.5
    assert round(report.fields["sources"].f1, 3) == 0.667
    # a gold date with no start is no fact: the predicted date is a false hit
    assert _score(GOLD, pred, "dates") == (0, 1, 0)
    assert report.overall.tp == sum(s.tp for s in report.fields.values())


def test_side_counts_only_for_fighters() -> None:
    gold = _line("a", [_inc(casualties=[_cas("killed", "civilians", None, 4)])])
    pred = _line("a", [_inc(casualties=[_cas("killed", "civilians", "isis", 4)])])
    assert _score(gold, pred, "casualties") == (1, 0, 0)
    gold = _line("a", [_inc(casualties=[_cas("killed", "fighters", "isis", 4)])])
    pred = _line("a", [_inc(casualties=[_cas("killed", "fighters", "sdf", 4)])])
    assert _score(gold, pred, "casualties") == (0, 1, 1)


def test_optional_fact_counts_neither_way() -> None:
    gold = _line(
        "a",
        [
            _inc(
                casualties=[
                    _cas("killed", "people", None, 9),
                    _cas("injured", "people", None, 20, optional=True),
                ]
            )
        ],
    )
    found = _line(
        "a", [_inc(casualties=[_cas("killed", "people", None, 9), _cas("injured", "people", None, 20)])]
    )
    missed = _line("a", [_inc(casualties=[_cas("killed", "people", None, 9)])])
    assert _score(gold, found, "casualties") == (1, 0, 0)
    assert _score(gold, missed, "casualties") == (1, 0, 0)


def test_optional_incident_makes_its_facts_optional() -> None:
    gold = _line("a", [_inc(type="shelling", actors=[{"id": "turkey"}], optional=True)])
    assert _score(gold, _line("a", []), "types") == (0, 0, 0)
    assert _score(gold, _line("a", [_inc(type="shelling", actors=[{"id": "turkey"}])]), "actors") == (0, 0, 0)


def test_fact_required_anywhere_is_required() -> None:
    gold = _line(
        "a",
        [
            _inc(type="shelling", actors=[{"id": "isis"}], optional=True),
            _inc(type="airstrike", actors=[{"id": "isis"}]),
        ],
    )
    assert _score(gold, _line("a", []), "actors") == (0, 0, 1)


def test_optional_source_objects_and_casualty_sources() -> None:
    gold = _line(
        "a",
        [
            _inc(
                reported_by=[{"id": "afp", "optional": True}, "sohr"],
                casualties=[_cas("killed", "people", None, 3, reported_by=["white_helmets"])],
            )
        ],
    )
    pred = _line("a", [_inc(reported_by=["afp", "sohr"])])
    assert _score(gold, pred, "sources") == (1, 0, 1)  # white_helmets (from the casualty) missed


def test_admin1_is_lower_cased() -> None:
    gold = _line("a", [_inc(locations=[_loc("Douma", "Rif Dimashq")])])
    pred = _line("a", [_inc(locations=[_loc("Douma", "rif dimashq")])])
    assert _score(gold, pred, "admin1") == (1, 0, 0)


def test_fold() -> None:
    assert fold("Al-Bāb") == fold("bab") == "bab"
    assert fold("El Mayadin") == "mayadin"
    assert fold("Deir ez-Zor") == "deirezzor"


def test_place_matches_any_folded_alias() -> None:
    gold = _line("a", [_inc(locations=[_loc("Kafr Nabudah|Kafr Nabouda", "Hama")])])
    pred = _line("a", [_inc(locations=[_loc("kafr-nabouda", "Hama")])])
    assert _score(gold, pred, "places") == (1, 0, 0)


def test_place_matches_nearest_gold_within_5_km() -> None:
    gold = _line(
        "a",
        [
            _inc(
                locations=[_loc("Aa", "Hama", lat=35.00, lon=36.00), _loc("Bb", "Hama", lat=35.03, lon=36.00)]
            )
        ],
    )
    # 2.2 km from Bb and 1.1 km from Aa: takes Aa; the second spelling takes Bb
    pred = _line(
        "a",
        [_inc(locations=[_loc("Xx", "Hama", lat=35.01, lon=36.0), _loc("Yy", "Hama", lat=35.031, lon=36.0)])],
    )
    assert _score(gold, pred, "places") == (2, 0, 0)
    far = _line("a", [_inc(locations=[_loc("Zz", "Hama", lat=35.10, lon=36.00)])])
    assert _score(gold, far, "places") == (0, 1, 2)


def test_region_matches_region_or_governorate_of_same_admin1() -> None:
    gold = _line("a", [_inc(locations=[_loc("Idlib countryside", "Idlib", "region")])])
    gov = _line("a", [_inc(locations=[_loc("Idlib Governorate", "Idlib", "governorate")])])
    assert _score(gold, gov, "places") == (1, 0, 0)
    town = _line("a", [_inc(locations=[_loc("Saraqib", "Idlib", "community")])])
    assert _score(gold, town, "places") == (0, 1, 1)


def test_country_places_ignored_and_gold_place_matches_once() -> None:
    gold = _line("a", [_inc(locations=[_loc("Syria", None, "country"), _loc("Afrin|Efrin", "Aleppo")])])
    pred = _line(
        "a",
        [_inc(locations=[_loc("Syria", None, "country"), _loc("Afrin", "Aleppo"), _loc("Efrin", "Aleppo")])],
    )
    assert _score(gold, pred, "places") == (1, 1, 0)


def test_same_name_is_one_place() -> None:
    gold = _line("a", [_inc(locations=[_loc("Raqqa", "Raqqa")]), _inc(locations=[_loc("Raqqa", "Raqqa")])])
    pred = _line("a", [_inc(locations=[_loc("Raqqa", "Raqqa", "region")])])
    assert _score(gold, pred, "places") == (1, 0, 0)


def test_optional_place() -> None:
    gold = _line("a", [_inc(locations=[_loc("Douma", "Rif Dimashq", optional=True)])])
    assert _score(gold, _line("a", [_inc(locations=[_loc("Douma", "Rif Dimashq")])]), "places") == (0, 0, 0)
    assert _score(gold, _line("a", []), "places") == (0, 0, 0)


def test_kinds_filter_and_missing_prediction() -> None:
    a = _line("a", [_inc(type="shelling")], kind="A")
    c = _line("c", [], kind="C")
    report = evaluate([a, c], {"c": _line("c", [_inc(type="other")])}, kinds=["c"])
    assert list(report.articles) == ["c"]
    assert report.fields["types"].fp == 1
    report = evaluate([a, c], {}, kinds=["A"])
    assert report.missing == ["a"] and report.fields["types"].fn == 1


def test_cli_json_and_errors(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.json").write_text(json.dumps(GOLD), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(gold_dir), str(pred), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["fields"]["casualties"]["f1"] == 1.0
    assert summary["micro"]["fp"] == 0
    worse = dict(GOLD, incidents=[dict(GOLD["incidents"][0], type="shelling")])
    pred.write_text(json.dumps(worse, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(gold_dir), str(pred), "--json", "--errors"])
    errors = json.loads(result.output)["errors"]["a"]
    assert errors["types"] == {"missed": ["airstrike"], "extra": ["shelling"]}
    result = CliRunner().invoke(app, ["evaluate", str(gold_dir), str(pred), "--errors"])
    assert "types" in result.output and "extra:  shelling" in result.output
