"""Verification: reference import (ACLED, VDC), claim labels, article scores, CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fuse_helpers import article, cas, incident
from marsad.fuse import fuse, load_mentions, mentions_from_article
from marsad.verify import import_csv, verify_mentions
from marsad.verify.dates import parse_date
from marsad.verify.places import same_name

REF = Path(__file__).parent / "fixtures" / "reference"
FUSE = Path(__file__).parent / "fixtures" / "fuse"


@pytest.fixture(scope="module")
def acled():
    return import_csv(REF / "acled.csv", "acled")


@pytest.fixture(scope="module")
def vdc():
    return import_csv(REF / "vdc.csv", "vdc")


@pytest.mark.parametrize(
    "text",
    ["2016-12-08", "08 December 2016", "8 December 2016", "08/12/2016", "December 8, 2016", "08 Dec 2016"],
)
def test_date_formats(text):
    assert parse_date(text) == date(2016, 12, 8)


def test_bad_date_raises():
    with pytest.raises(ValueError, match="31/31/2016"):
        parse_date("31/31/2016")


def test_place_names():
    assert same_name("Douma", "Duma")
    assert same_name("Al-Bab", "al Bab")
    assert not same_name("Hama", "Homs")


def test_acled_import(acled):
    assert acled.rows == 7
    assert [r.ref_id for r in acled.records] == ["SYR1001", "SYR1002", "SYR1003", "SYR1004", "SYR1007"]
    first = acled.records[0]
    assert (first.date, first.admin1, first.location, first.type, first.count) == (
        "2016-12-08",
        "Rif Dimashq",
        "Duma",
        "airstrike",
        4,
    )
    assert acled.records[1].date == "2016-12-09"  # "09 December 2016"
    assert acled.records[2].date == "2016-12-10"  # "10/12/2016", day first
    assert acled.errors == [
        f"{REF / 'acled.csv'}:6: unrecognised date '31/31/2016'",
        f"{REF / 'acled.csv'}:7: count 'many' is not a number",
    ]


def test_vdc_import_aggregates_victims(vdc):
    counts = {(r.date, r.location, r.group): r.count for r in vdc.records}
    assert counts[("2016-12-08", "Douma", "civilians")] == 4
    assert counts[("2016-12-08", "Douma", "children")] == 1
    assert counts[("2016-12-08", "Douma", "fighters")] == 1
    assert counts[("2016-12-08", "Douma", "people")] == 5
    assert counts[("2016-12-09", "Aleppo", "civilians")] == 2
    assert {r.admin1 for r in vdc.records} == {"Rif Dimashq", "Aleppo"}  # "Damascus Suburbs" mapped
    assert len(vdc.errors) == 2
    assert vdc.errors[0].endswith("vdc.csv:7: unrecognised date 'sometime in December'")
    assert vdc.errors[1].endswith("vdc.csv:8: unknown status 'martyr'")


def test_map_overrides_columns(tmp_path):
    csv = tmp_path / "mine.csv"
    csv.write_text("id,day,gov,town,dead\nX1,2016-12-08,Rural Damascus,Douma,4\n", encoding="utf-8")
    res = import_csv(csv, "acled", ["ref_id=id", "date=day", "admin1=gov", "location=town", "count=dead"])
    assert res.errors == []
    assert [(r.ref_id, r.date, r.admin1, r.location, r.count) for r in res.records] == [
        ("X1", "2016-12-08", "Rif Dimashq", "Douma", 4)
    ]
    with pytest.raises(ValueError, match="field=column"):
        import_csv(csv, "acled", ["nonsense"])


def _planted():
    return [
        article(
            "wrong",
            "outlet_a",
            "2016-12-08",
            incident(1, "airstrike", "2016-12-08", "douma", casualties=(cas("killed", "people", 40),)),
        ),
        article(
            "right",
            "outlet_b",
            "2016-12-08",
            incident(1, "airstrike", "2016-12-08", "douma", casualties=(cas("killed", "people", 4),)),
        ),
        article(
            "nowhere",
            "outlet_c",
            "2016-12-08",
            incident(1, "airstrike", "2016-12-08", "saraqib", casualties=(cas("killed", "people", 7),)),
        ),
        article(
            "noplace",
            "outlet_d",
            "2016-12-08",
            incident(1, "airstrike", "2016-12-08", None, casualties=(cas("killed", "people", 4),)),
        ),
    ]


def test_planted_figures_against_reference(acled):
    mentions = [m for line in _planted() for m in mentions_from_article(line)]
    verdicts = {v.article: v for v in verify_mentions(mentions, acled.records)}

    def labels(aid):
        return [(c.claim.kind, c.label) for c in verdicts[aid].claims]

    assert labels("wrong") == [("event", "supported"), ("casualty", "contradicted")]
    assert labels("right") == [("event", "supported"), ("casualty", "supported")]
    assert labels("nowhere") == [("event", "unverifiable"), ("casualty", "unverifiable")]
    assert labels("noplace") == [("event", "unverifiable"), ("casualty", "unverifiable")]
    assert (verdicts["wrong"].score, verdicts["wrong"].label) == (0.5, "doubtful")
    assert (verdicts["right"].score, verdicts["right"].label) == (1.0, "credible")
    assert (verdicts["nowhere"].score, verdicts["nowhere"].label) == (None, "unverified")
    ref = verdicts["wrong"].claims[1].reference["datasets"]["acled"]
    assert ref["matches"] == ["SYR1001"] and ref["values"] == [4]


def test_date_outside_window_is_unverifiable(acled):
    line = article(
        "late",
        "x",
        None,
        incident(1, "airstrike", "2016-12-11", "douma", casualties=(cas("killed", "people", 40),)),
    )
    [v] = verify_mentions(mentions_from_article(line), acled.records)
    assert [c.label for c in v.claims] == ["unverifiable", "unverifiable"]


def test_part_of_total_is_not_contradicted_when_smaller(acled):
    # ACLED counts everyone killed (46 near Palmyra); 3 civilians is a consistent part of that
    line = article("p", "x", None, incident(1, "armed_clash", "2016-12-10", None))
    line["incidents"][0]["locations"] = [
        {
            "place_id": "tadmur",
            "name_en": "Palmyra",
            "admin1": "Homs",
            "admin2": "Tadmur",
            "precision": "community",
            "lat": 34.5604,
            "lon": 38.267,
        }
    ]
    line["incidents"][0]["casualties"] = [cas("killed", "civilians", 3), cas("killed", "civilians", 90)]
    [v] = verify_mentions(mentions_from_article(line), acled.records)
    assert [c.label for c in v.claims] == ["supported", "unverifiable", "contradicted"]


def test_other_sources_via_fused_events():
    mentions = load_mentions([FUSE / "mentions.jsonl"])
    events = fuse(mentions)
    verdicts = {v.article: v for v in verify_mentions(mentions, [], events)}
    sohr = verdicts["r05_sohr"].claims[1]  # SOHR 4 vs SANA 6 (SOHR's own later 5 does not count)
    assert (sohr.label, sohr.sources["disagree"]) == ("contradicted", ["sana"])
    sana = verdicts["r04_sana"].claims[1]  # SANA 6 vs SOHR 4 and 5: SOHR agrees through its 5
    assert (sana.label, sana.sources["agree"]) == ("supported", ["sohr"])
    assert verdicts["r03_enab"].claims[1].label == "contradicted"  # "dozens" vs 4 and 5
    assert verdicts["r03_enab"].claims[0].label == "supported"  # others report the strike


def test_cli_reference_import_and_verify(tmp_path):
    from marsad.cli import app

    runner = CliRunner()
    ref = tmp_path / "ref.jsonl"
    res = runner.invoke(
        app, ["reference", "import", str(REF / "acled.csv"), "--preset", "acled", "--into", str(ref)]
    )
    assert res.exit_code == 0, res.output
    assert "acled.csv:6: unrecognised date" in res.output
    assert len(ref.read_text(encoding="utf-8").splitlines()) == 5
    ev = tmp_path / "ev.jsonl"
    assert runner.invoke(app, ["fuse", str(FUSE / "mentions.jsonl"), "-o", str(ev)]).exit_code == 0
    out = tmp_path / "ver.jsonl"
    res = runner.invoke(
        app,
        [
            "verify",
            str(FUSE / "mentions.jsonl"),
            "--reference",
            str(ref),
            "--events",
            str(ev),
            "-o",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    rows = {r["article"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert len(rows) == 13
    assert rows["r01_sohr"]["label"] == "credible"
    assert rows["r03_enab"]["counts"] == {"supported": 1, "contradicted": 1, "unverifiable": 0}
    assert rows["r11_shaam"]["label"] == "doubtful"  # "more than 15" against 9 in the reference
    bad = runner.invoke(
        app, ["reference", "import", str(REF / "acled.csv"), "--preset", "nope", "--into", str(ref)]
    )
    assert bad.exit_code == 2 and "unknown preset" in bad.output
