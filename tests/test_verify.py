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


def test_vdc_import_one_record_per_person(vdc):
    people = {r.ref_id: r for r in vdc.records}
    assert len(people) == 7
    first = vdc.records[0]
    assert (first.date, first.admin1, first.location, first.unit, first.count) == (
        "2016-12-08",
        "Rif Dimashq",  # "Damascus Suburbs"
        "Douma",
        "person",
        1,
    )
    assert first.groups == ("people", "civilians", "men") and first.type == "airstrike"
    child = next(r for r in vdc.records if "children" in r.groups)
    assert child.groups == ("people", "civilians", "children")
    assert [r.group for r in vdc.records].count("fighters") == 1
    assert len(vdc.errors) == 2
    assert vdc.errors[0].endswith("vdc.csv:7: unrecognised date 'sometime in December'")
    assert vdc.errors[1].endswith("vdc.csv:8: unknown status 'martyr'")


def test_vdc_export_headers_as_the_site_writes_them():
    res = import_csv(REF / "vdc_export.csv", "vdc")
    assert res.rows == 8
    assert res.skipped == {"unknown date": 2}  # "0000-00-00" and the blank row
    assert [e.rsplit(":", 2)[-2:] for e in res.errors] == [["9", " unknown status 'martyr'"]]
    by_id = {r.ref_id: r for r in res.records}
    assert sorted(by_id) == ["501", "502", "503", "504", "506"]
    assert by_id["502"].groups == ("people", "civilians", "children")  # "Child - Female"
    assert by_id["503"].groups == ("people", "civilians", "women")
    assert by_id["503"].location == "Douma"  # from "Damascus Suburbs: Douma"
    assert (by_id["504"].group, by_id["504"].type) == ("fighters", "attack_on_civilians")
    assert by_id["501"].type == "chemical_attack"
    assert (by_id["506"].date, by_id["506"].date_end) == ("2013-05-01", "2013-05-31")  # "2013-05-00"
    assert all("Person" not in json.dumps(r.to_dict()) for r in res.records)  # names are not kept


def test_victim_list_documents_but_does_not_judge_figures():
    res = import_csv(REF / "vdc_export.csv", "vdc")
    claims = article(
        "a",
        "x",
        "2018-04-08",
        incident(
            1,
            "chemical_attack",
            "2018-04-07",
            "douma",
            casualties=(
                cas("killed", "civilians", 3),
                cas("killed", "children", 1),
                cas("killed", "women", 9),
            ),
        ),
    )
    [v] = verify_mentions(mentions_from_article(claims), res.records)
    # the event is documented; the list names 3 civilians, 1 child, 1 woman that day in Douma, but a
    # victim list is a floor (documentation lags), so figures stay unverifiable either way
    assert [c.label for c in v.claims] == ["supported", "unverifiable", "unverifiable", "unverifiable"]
    values = [c.reference["datasets"]["vdc_export"]["values"] for c in v.claims[1:]]
    assert values == [[3], [1], [1]]


def test_ucdp_ged_import():
    res = import_csv(REF / "ucdp.csv", "ucdp")
    assert res.rows == 4
    assert len(res.errors) == 2
    assert res.errors[0].endswith("ucdp.csv:4: count 'x' is not a number")
    assert res.errors[1].endswith("ucdp.csv:5: unrecognised date 'someday'")
    recs = {r.ref_id: r for r in res.records}
    assert sorted(recs) == [
        "9001",
        "9001#civilians",
        "9001#fighters",
        "9002",
        "9002#civilians",
        "9002#fighters",
    ]
    douma = recs["9001"]
    assert (douma.date, douma.date_end, douma.admin1, douma.admin2, douma.location) == (
        "2018-04-07",
        None,
        "Rif Dimashq",
        "Duma",
        "Duma",
    )
    assert (douma.count, douma.low, douma.high, douma.group, douma.type) == (43, 40, 70, "people", None)
    assert (recs["9001#civilians"].count, recs["9001#civilians"].event) == (43, "9001")
    assert recs["9001#fighters"].count == 0
    assert (recs["9002"].date, recs["9002"].date_end, recs["9002#fighters"].count) == (
        "2018-03-01",
        "2018-03-04",
        10,
    )
    assert douma.source.startswith("Agence France Presse")


def test_ucdp_best_low_high_decide_figures():
    res = import_csv(REF / "ucdp.csv", "ucdp")
    line = article(
        "a",
        "x",
        "2018-04-08",
        incident(
            1,
            "chemical_attack",
            "2018-04-07",
            "douma",
            casualties=(
                cas("killed", "people", 60),
                cas("killed", "people", 150),
                cas("killed", "civilians", 42),
            ),
        ),
    )
    [v] = verify_mentions(mentions_from_article(line), res.records)
    assert [c.label for c in v.claims] == ["supported", "supported", "contradicted", "supported"]


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
    line["incidents"][0]["casualties"] = [
        cas("killed", "civilians", 3),
        cas("killed", "civilians", 70),
        cas("killed", "civilians", 120),
    ]
    [v] = verify_mentions(mentions_from_article(line), acled.records)
    # 3 is a part of 46; 70 is more than the total but within a factor of two (another count);
    # 120 civilians cannot be part of 46 dead
    assert [c.label for c in v.claims] == ["supported", "unverifiable", "unverifiable", "contradicted"]


def test_other_sources_via_fused_events():
    mentions = load_mentions([FUSE / "mentions.jsonl"])
    events = fuse(mentions)
    verdicts = {v.article: v for v in verify_mentions(mentions, [], events)}
    sohr = verdicts["r05_sohr"].claims[1]  # SOHR 4 vs SANA 6: off, but not by a factor of two
    assert (sohr.label, sohr.sources["agree"], sohr.sources["disagree"]) == ("unverifiable", [], [])
    sana = verdicts["r04_sana"].claims[1]  # SANA 6 vs SOHR 4 and 5: SOHR agrees through its 5
    assert (sana.label, sana.sources["agree"]) == ("supported", ["sohr"])
    assert [v["value"] for v in sana.sources["votes"]] == [5]  # SOHR's figure nearest in time
    assert verdicts["r03_enab"].claims[1].label == "contradicted"  # "dozens" vs 4 and 5
    assert verdicts["r03_enab"].claims[0].label == "supported"  # others report the strike
    assert verdicts["r03_enab"].claims[0].event == verdicts["r01_sohr"].claims[0].event


def _report(aid, outlet, day, n, by=(), place="douma", q="exact", published=None):
    return article(
        aid,
        outlet,
        published or day,
        incident(1, "airstrike", day, place, casualties=(cas("killed", "civilians", n, q, by=by),)),
    )


def _labels(lines):
    mentions = [m for line in lines for m in mentions_from_article(line)]
    verdicts = verify_mentions(mentions, [], fuse(mentions))
    return {v.article: v.claims[1].label for v in verdicts}


def test_a_planted_figure_is_contradicted_and_the_true_ones_stay_supported():
    true = [_report("a", "skynews", "2016-12-08", 12, ("sohr",)), _report("b", "afp", "2016-12-08", 12)]
    true.append(_report("c", "bbc", "2016-12-08", 13, ("white_helmets",)))
    planted = _report("p", "cnn", "2016-12-08", 3 * 12 + 2)
    assert _labels([*true, planted]) == {
        "a": "supported",
        "b": "supported",
        "c": "supported",
        "p": "contradicted",
    }
    assert _labels([*true[:1], _report("p", "cnn", "2016-12-08", 12 // 3)])["p"] == "contradicted"


def test_one_source_quoted_by_two_outlets_is_one_voice():
    lines = [
        _report("a", "skynews", "2016-12-08", 12, ("sohr",)),
        _report("b", "afp", "2016-12-08", 12, ("sohr",)),
        _report("c", "bbc", "2016-12-08", 40),
    ]
    # SOHR's 12 (twice) against the BBC's 40: one voice each, a tie is not a contradiction
    assert _labels(lines) == {"a": "contradicted", "b": "contradicted", "c": "contradicted"}
    lines.append(_report("d", "dpa", "2016-12-08", 13))
    labels = _labels(lines)
    assert (labels["a"], labels["c"]) == ("supported", "contradicted")


def test_a_toll_over_a_region_does_not_vote_on_a_site():
    lines = [
        _report("a", "afp", "2016-12-08", 12),
        _report("b", "bbc", "2016-12-08", 80, place="rif"),  # "80 killed across Rif Dimashq today"
    ]
    mentions = [m for line in lines for m in mentions_from_article(line)]
    assert len(fuse(mentions)) == 1  # one event: the governorate report joins the only strike
    assert _labels(lines) == {"a": "unverifiable", "b": "unverifiable"}


def test_each_source_votes_with_its_figure_nearest_in_time():
    lines = [
        _report("early", "skynews", "2016-12-08", 12, ("sohr",)),
        _report("late", "afp", "2016-12-08", 40, ("sohr",), published="2016-12-11"),  # the toll rose
        _report("claim", "bbc", "2016-12-08", 41, published="2016-12-11"),
    ]
    assert _labels(lines)["claim"] == "supported"


def test_figures_within_a_factor_of_two_neither_confirm_nor_refute():
    assert _labels([_report("a", "afp", "2016-12-08", 12), _report("b", "bbc", "2016-12-08", 20)]) == {
        "a": "unverifiable",
        "b": "unverifiable",
    }


def test_vague_amounts_confirm_only_vague_amounts():
    dozens = _report("v", "afp", "2016-12-08", None, q="vague")
    dozens["incidents"][0]["casualties"][0]["count"]["low"] = 20
    assert _labels([dozens, _report("n", "bbc", "2016-12-08", 40)]) == {"v": "supported", "n": "unverifiable"}
    assert _labels([dozens, _report("n", "bbc", "2016-12-08", 300)]) == {
        "v": "contradicted",
        "n": "unverifiable",
    }


def test_acled_zero_fatalities_do_not_refute(tmp_path):
    f = tmp_path / "acled.csv"
    f.write_text(
        "event_id_cnty,event_date,sub_event_type,admin1,location,latitude,longitude,fatalities\n"
        "X1,2016-12-08,Air/drone strike,Rural Damascus,Duma,33.5711,36.4036,0\n"
        "X2,2016-12-12,Air/drone strike,Rural Damascus,Duma,33.5711,36.4036,3\n",
        encoding="utf-8",
    )
    refs = import_csv(f, "acled").records
    lines = [_report("a", "afp", "2016-12-08", 12), _report("b", "afp", "2016-12-12", 30)]
    mentions = [m for line in lines for m in mentions_from_article(line)]
    got = {v.article: v.claims[1] for v in verify_mentions(mentions, refs, fuse(mentions))}
    # ACLED has 0 on the 8th: "none reported" refutes nothing; 3 on the 12th refutes 30
    assert got["a"].reference["datasets"]["acled"]["values"] == [0]
    assert got["a"].reference["label"] == "unverifiable"
    assert got["b"].reference["label"] == "contradicted"


def test_an_undated_claim_is_checked_on_the_day_of_its_event(acled):
    dated = _report("d", "sohr", "2016-12-08", 4)
    undated = article(
        "u",
        "dpa",
        "2016-12-20",
        incident(1, "airstrike", None, "douma", casualties=(cas("killed", "people", 4),)),
    )
    mentions = [m for line in (dated, undated) for m in mentions_from_article(line)]
    got = {v.article: v.claims for v in verify_mentions(mentions, acled.records, fuse(mentions))}
    assert got["u"][1].reference["datasets"]["acled"]["values"] == [4]  # SYR1001 on 2016-12-08
    alone = mentions_from_article(undated)
    [v] = verify_mentions(alone, acled.records, fuse(alone))
    assert v.claims[1].reference["datasets"] == {}  # no day to look up


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
    # "more than 15" against 9 in the reference and 8 and 9 from others: off, not refuted
    assert rows["r11_shaam"]["counts"] == {"supported": 1, "contradicted": 0, "unverifiable": 2}
    claim = rows["r03_enab"]["claims"][1]
    assert claim["label"] == "contradicted" and set(claim["evidence"]) == {"start", "end", "text"}
    assert {v["article"] for v in claim["sources"]["votes"]} >= {"r01_sohr", "r02_afp"}
    bad = runner.invoke(
        app, ["reference", "import", str(REF / "acled.csv"), "--preset", "nope", "--into", str(ref)]
    )
    assert bad.exit_code == 2 and "unknown preset" in bad.output
