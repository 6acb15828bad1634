"""Running tolls as monitors write them (sentences written for these tests)."""

from __future__ import annotations

import pytest

from marsad.models import RawArticle
from marsad.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def rows(extractor: Extractor, text: str) -> list[tuple]:
    result = extractor.process(RawArticle(id="t", text=text), published="2019-05-02")
    return [
        (c.measure, c.group, c.side, c.count.value, c.count.qualifier, c.part_of)
        for i in result.incidents
        for c in i.casualties
    ]


def test_toll_verb_noun_description_figure(extractor: Extractor) -> None:
    found = rows(extractor, "وارتفع عدد الضحايا المدنيين في المدينة إلى 41 على الأقل، بينهم 9 أطفال.")
    assert found == [
        ("killed", "civilians", None, 41, "at_least", None),
        ("killed", "children", None, 9, "exact", 0),
    ]


def test_toll_figure_before_the_noun(extractor: Extractor) -> None:
    found = rows(extractor, "وارتفع إلى 17 عدد عناصر قوات النظام الذين قتلوا في الهجوم.")
    assert found == [("killed", "fighters", "syrian_government", 17, "exact", None)]


def test_toll_of_the_wounded(extractor: Extractor) -> None:
    found = rows(extractor, "فيما بلغ عدد الجرحى 60 شخصا.")
    assert found == [("injured", "people", None, 60, "exact", None)]


def test_a_count_that_is_no_toll(extractor: Extractor) -> None:
    # a number of buses or villages is no casualty figure
    assert rows(extractor, "وبلغ عدد القرى التي دخلتها القوات 12 قرية.") == []


def test_the_verb_before_an_object_outranks_its_noun(extractor: Extractor) -> None:
    found = rows(extractor, "أعدم مسلحو التنظيم، أحد الرهائن الذين خطفوهم من القرية.")
    assert found[0][:4] == ("killed", "people", None, 1)


def test_counts_after_hum_explain_the_noun_before(extractor: Extractor) -> None:
    text = 'وأكدت مصادر محلية أن المختطفين من البلدة، وهم "12 امرأة إضافة إلى 9 أطفال".'
    found = [r[:4] for r in rows(extractor, text)]
    assert found == [("abducted", "women", None, 12), ("abducted", "children", None, 9)]


def test_boys_and_girls_are_one_count(extractor: Extractor) -> None:
    found = rows(extractor, "قتل 11 طفلا وطفلة في القصف.")
    assert [r[:4] for r in found] == [("killed", "children", None, 11)]


def test_toll_described_before_its_verb(extractor: Extractor) -> None:
    text = "وذكر المرصد أن مجموع المدنيين الذين قتلوا في المدينة منذ 3 آذار الماضي ارتفع إلى 212 شخصا."
    assert rows(extractor, text)[0][:4] == ("killed", "civilians", None, 212)


def test_toll_counted_as_persons(extractor: Extractor) -> None:
    assert rows(extractor, "وبلغ عدد القتلى 40 شخصا.")[0][:4] == ("killed", "people", None, 40)
