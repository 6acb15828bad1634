"""The gold-file scorer: set comparison per field, micro-averaged."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from marsad.evaluate import evaluate


def _line(aid: str, incidents: list[dict]) -> dict:
    return {"article": {"id": aid}, "incidents": incidents}


def _cas(measure: str, group: str, side: str | None, value: int | None) -> dict:
    return {"measure": measure, "group": group, "side": side, "count": {"value": value}}


GOLD = _line(
    "a",
    [
        {
            "type": "airstrike",
            "date": {"start": None, "precision": "unknown"},
            "locations": [{"admin1": "Idlib", "name_en": "Kafranbel"}],
            "actors": [{"id": "russia"}, {"id": "civilians"}],
            "casualties": [_cas("killed", "civilians", None, 52), _cas("killed", "children", None, 3)],
            "reported_by": ["sohr"],
        }
    ],
)


def test_scores_are_set_comparisons() -> None:
    pred = _line(
        "a",
        [
            {
                "type": "airstrike",
                "date": {"start": "2016-12-04"},
                "locations": [
                    {"admin1": "Idlib", "name_en": "Kafranbel"},
                    {"admin1": "Hama", "name_en": "Hama"},
                ],
                "actors": [{"id": "russia"}],
                "casualties": [_cas("killed", "civilians", None, 52), _cas("killed", "civilians", None, 52)],
                "reported_by": ["sohr", "afp"],
            }
        ],
    )
    report = evaluate([GOLD], {"a": pred})
    cas = report.fields["casualties"]
    assert (cas.tp, cas.fp, cas.fn) == (1, 0, 1)
    assert report.fields["admin1"].precision == 0.5
    assert report.fields["actors"].recall == 0.5
    assert round(report.fields["sources"].f1, 3) == 0.667
    # the gold date has no start: not a fact to find, so a predicted date is not penalised
    assert (report.fields["dates"].tp, report.fields["dates"].fp) == (0, 0)
    overall = report.overall
    assert overall.tp == sum(s.tp for s in report.fields.values())


def test_missing_prediction_counts_as_misses() -> None:
    report = evaluate([GOLD], {})
    assert report.missing == ["a"]
    assert report.fields["casualties"].fn == 2 and report.fields["casualties"].recall == 0.0


def test_cli_json_summary(tmp_path: Path) -> None:
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
