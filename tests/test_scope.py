"""Scope: each incident's country, and a Syria run keeping only Syrian (or place-less) incidents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.extract.scope import in_scope, incident_country
from marsad.models import ActorMention, DateRef, Incident, Location, RawArticle
from marsad.pipeline import Extractor

TEXT = (
    "قتل خمسة مدنيين في قصف جوي على بلدة سراقب بريف إدلب يوم الجمعة.\n"
    "وفي العراق، قتل سبعة أشخاص في تفجير سيارة مفخخة في بغداد.\n"
    "وفي لبنان، اعتقلت السلطات عشرة أشخاص في طرابلس.\n"
)


def loc(country: str | None, admin1: str | None = None) -> Location:
    return Location("x", 0, 1, "p", "س", "X", admin1, None, None, None, "community", country=country)


def test_incident_country() -> None:
    assert incident_country([loc("IQ"), loc("SY", "Aleppo")]) == "SY"
    assert incident_country([loc("IQ"), loc("LB")]) == "IQ"
    assert incident_country([]) is None


def test_in_scope() -> None:
    def inc(country: str | None, etype: str = "bombing") -> Incident:
        return Incident("i", etype, DateRef(None, None, "unknown", None), country=country)

    assert in_scope(inc("SY")) and in_scope(inc(None))
    assert not in_scope(inc("IQ"))
    talks = inc("RU", "negotiation")
    assert not in_scope(talks)  # talks abroad with no party of the war: another matter
    talks.actors = [ActorMention("turkey", "party", "تركيا", 0, 5)]
    assert in_scope(talks)  # talks about the war are held abroad
    assert in_scope(inc("IQ"), None)


@pytest.fixture(scope="module")
def both() -> tuple[list[Incident], list[Incident]]:
    art = RawArticle(id="s", text=TEXT)
    syria = Extractor().process(art, published="2019-05-10").incidents
    everything = Extractor(all_countries=True).process(art, published="2019-05-10").incidents
    return syria, everything


def test_roundup_of_other_countries_is_left_out(both: tuple[list[Incident], list[Incident]]) -> None:
    syria, everything = both
    assert {i.country for i in syria} == {"SY"}
    assert [loc.name_en for i in syria for loc in i.locations] == ["Saraqib"]
    assert {"IQ", "LB"} <= {i.country for i in everything}
    iraq = next(i for i in everything if i.country == "IQ")
    assert "Baghdad" in [loc.name_en for loc in iraq.locations]


def test_cli_all_countries(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    for flag, want in (([], {"SY"}), (["--all-countries"], {"SY", "IQ", "LB"})):
        out = tmp_path / f"out{len(flag)}.jsonl"
        res = CliRunner().invoke(
            app, ["extract", str(src), "-o", str(out), "--published", "2019-05-10", *flag]
        )
        assert res.exit_code == 0, res.output
        (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert {i["country"] for i in line["incidents"]} == want


def test_a_foreign_states_own_police_place_an_incident_abroad() -> None:
    from marsad.models import RawArticle
    from marsad.pipeline import Extractor

    ex = Extractor()
    text = "واعتقلت الشرطة التركية منذ الجمعة 300 شخص يشتبه بانتمائهم لخلايا متشددة."
    assert ex.process(RawArticle(id="t", text=text), published="2019-02-02").incidents == []
    kept = (
        Extractor(all_countries=True).process(RawArticle(id="t", text=text), published="2019-02-02").incidents
    )
    assert [(i.type, i.country) for i in kept] == [("abduction_arrest", "TR")]
    # in the country, across the border
    text = "وقصفت المدفعية التركية قرية في ريف عفرين."
    assert [
        i.country for i in ex.process(RawArticle(id="t", text=text), published="2019-02-02").incidents
    ] == ["SY"]


def test_talks_held_abroad_are_placed_at_their_venue() -> None:
    text = "واجتمع وزراء خارجية روسيا وتركيا وإيران في موسكو يوم الاثنين لبحث وقف إطلاق النار في سوريا."
    incidents = Extractor().process(RawArticle(id="t", text=text), published="2019-05-10").incidents
    talks = [i for i in incidents if i.type == "negotiation"]
    assert [(i.country, [loc.name_en for loc in i.locations]) for i in talks] == [("RU", ["Moscow"])]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("وقتل أربعة أشخاص في تفجير انتحاري استهدف مسجدا في القطيف.", "SA"),
        ("وأصيب سبعة جنود في هجوم على نقطة عسكرية في محافظة مأرب.", "YE"),
        ("وقتل ثلاثة من رجال الأمن في هجوم مسلح في العريش.", "EG"),
    ],
)
def test_gulf_yemen_and_egypt_attacks_are_abroad(text: str, country: str) -> None:
    art = RawArticle(id="g", text=text)
    assert Extractor().process(art, published="2019-05-10").incidents == []
    abroad = Extractor(all_countries=True).process(art, published="2019-05-10").incidents
    assert [i.country for i in abroad] == [country]


def test_talks_abroad_about_a_syrian_place_are_placed_at_their_venue() -> None:
    text = "وعقد وزيرا خارجية روسيا وتركيا اجتماعا في أنقرة يوم الاثنين لبحث الوضع في إدلب."
    incidents = Extractor().process(RawArticle(id="t", text=text), published="2019-05-10").incidents
    assert [(i.type, [loc.name_en for loc in i.locations]) for i in incidents] == [
        ("negotiation", ["Ankara"])
    ]


def test_attacks_in_turkeys_south_east_are_abroad() -> None:
    text = "وقتل ثلاثة جنود أتراك في هجوم لحزب العمال الكردستاني على قافلة عسكرية في محافظة شرناق."
    art = RawArticle(id="k", text=text)
    assert Extractor().process(art, published="2019-05-10").incidents == []


def test_a_talks_process_named_after_its_venue_is_no_place_but_talks_held_there_are() -> None:
    def talks(text: str) -> list[list[str]]:
        found = Extractor().process(RawArticle(id="a", text=text), published="2019-05-10").incidents
        return [[loc.name_en for loc in i.locations] for i in found if i.type == "negotiation"]

    assert talks("وانطلقت في أستانا يوم الاثنين جولة جديدة من المحادثات بين روسيا وتركيا وإيران.") == [
        ["Astana"]
    ]
    assert talks("وأشاد الوزراء يوم الاثنين بنتائج محادثات أستانا بين روسيا وتركيا وإيران.") == [[]]


def test_a_summit_of_the_wars_parties_is_talks_at_its_venue() -> None:
    text = "وجاءت هذه الغارات بعد يوم من قمة عقدت في طهران وجمعت رؤساء إيران وروسيا وتركيا."
    found = Extractor().process(RawArticle(id="s", text=text), published="2019-05-10").incidents
    assert [(i.type, [loc.name_en for loc in i.locations]) for i in found] == [("negotiation", ["Tehran"])]
    text = "وبحث القادة الأوروبيون في قمة عقدت في بروكسل يوم الخميس تعديل اتفاقية الهجرة."
    assert Extractor().process(RawArticle(id="e", text=text), published="2019-05-10").incidents == []


def test_european_and_arab_states_own_authorities_place_an_incident_abroad() -> None:
    text = "وأعلنت السلطات الإيطالية الخميس اعتقال 11 شخصا يشتبه في دعمهم جبهة النصرة."
    kept = (
        Extractor(all_countries=True).process(RawArticle(id="i", text=text), published="2019-02-02").incidents
    )
    assert [(i.type, i.country) for i in kept] == [("abduction_arrest", "IT")]


def test_an_arrest_warrant_is_no_arrest() -> None:
    text = "وأصدرت تركيا مذكرة اعتقال بحق قيادي كردي سوري يوم الخميس."
    assert Extractor().process(RawArticle(id="w", text=text), published="2019-02-02").incidents == []
