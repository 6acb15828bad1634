"""End to end on the five seed articles against their gold files (../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.evaluate import evaluate, facts, load_gold
from marsad.io.readers import iter_articles
from marsad.models import RawArticle
from marsad.pipeline import Extractor

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@pytest.fixture(scope="module")
def predictions() -> dict[str, dict]:
    extractor = Extractor()
    out = {}
    for art in iter_articles([str(SEEDS)]):
        assert isinstance(art, RawArticle), art
        out[art.id] = extractor.process(art).to_dict()
    return out


@pytest.fixture(scope="module")
def report(predictions: dict[str, dict]):
    return evaluate(load_gold(GOLD), predictions)


def test_every_gold_casualty_is_found(report) -> None:
    cas = report.fields["casualties"]
    assert cas.fn == 0, report.articles
    assert cas.precision >= 0.9


@pytest.mark.parametrize("field", ["types", "actors", "sources", "admin1"])
def test_field_f1(report, field: str) -> None:
    assert report.fields[field].f1 >= 0.85, (field, report.fields[field].to_dict())


def test_seed_000_headline_figure(predictions: dict[str, dict]) -> None:
    rows = [
        c
        for inc in predictions["000_eeb85b81bd9619f2"]["incidents"]
        for c in inc["casualties"]
        if c["count"]["value"] == 26 and c["count"]["qualifier"] == "at_least"
    ]
    assert len(rows) == 1
    c = rows[0]
    assert (c["measure"], c["group"], c["side"], c["reported_by"]) == (
        "killed",
        "fighters",
        "syrian_government",
        ["sohr"],
    )
    assert c["count"]["low"] == 26


def test_seed_000_publication_date_resolves_dates(predictions: dict[str, dict]) -> None:
    art = predictions["000_eeb85b81bd9619f2"]
    assert art["article"]["published"] == "2016-12-08"
    assert "2016-12-07" in facts(art, "dates")  # "الليلة الماضية" / "يوم الأربعاء"


def test_seed_003_breakdown(predictions: dict[str, dict]) -> None:
    for inc in predictions["003_1c84df856f8494cb"]["incidents"]:
        cas = inc["casualties"]
        civ = [i for i, c in enumerate(cas) if c["group"] == "civilians" and c["count"]["value"] == 52]
        if civ:
            kids = [c for c in cas if c["group"] == "children"]
            women = [c for c in cas if c["group"] == "women"]
            assert kids[0]["count"]["value"] == 3 and kids[0]["part_of"] == civ[0]
            assert women[0]["count"]["value"] == 2 and women[0]["part_of"] == civ[0]
            assert cas[civ[0]]["count"]["qualifier"] == "at_least"
            assert inc["type"] == "airstrike"
            assert {loc["admin1"] for loc in inc["locations"]} == {"Idlib"}
            return
    pytest.fail("52 civilians not found in seed 003")


def test_spans_point_into_the_text(predictions: dict[str, dict]) -> None:
    for art in predictions.values():
        text = art["article"]["text"]
        for inc in art["incidents"]:
            for item in inc["casualties"] + inc["locations"] + inc["actors"] + inc["evidence"]:
                assert text[item["start"] : item["end"]] == item["text"]


def test_noise_is_not_evidence(predictions: dict[str, dict]) -> None:
    for art in predictions.values():
        for inc in art["incidents"]:
            for ev in inc["evidence"]:
                assert "لم تشترك بعد" not in ev["text"]
