"""War-wide totals and history give no incident (ANNOTATION "What counts"); sentences written for these tests."""

from __future__ import annotations

import pytest

from marsad.models import RawArticle
from marsad.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def incidents(extractor: Extractor, text: str) -> list:
    return extractor.process(RawArticle(id="t", text=text), published="2019-03-20").incidents


@pytest.mark.parametrize(
    "text",
    [
        "وخلّفت الحرب السورية أكثر من 370 ألف قتيل وملايين النازحين.",
        "وأسفر النزاع منذ اندلاعه عن مقتل مئات آلاف الأشخاص، وقتل منذ بدء الحرب أكثر من 20 ألف طفل.",
        "وقد نزح أكثر من ستة ملايين شخص داخل البلاد خلال سنوات الحرب.",
        "وقتل أكثر من 100 ألف مدني منذ عام 2011.",
        "وتشهد البلاد منذ ثماني سنوات نزاعا داميا أودى بحياة 360 ألف شخص.",
        "وخاض أهل الجبل معركة كبرى ضد الحملة الفرنسية عام 1925 قتل فيها المئات.",
        "واقتحمت القوات الحكومية بلدة معضمية الشام قبل ثلاث سنوات.",
        "وكان التنظيم قد فجر سيارة مفخخة في سوق البلدة قبل عامين.",
        "وشنت الطائرات مئات الغارات على مواقع في ريف دمشق خلال العقدين الماضيين.",
        "كما أجبرت الحرب ستة ملايين سوري على النزوح داخل البلاد.",
    ],
)
def test_totals_and_history_are_no_incidents(extractor: Extractor, text: str) -> None:
    assert incidents(extractor, text) == []


def test_the_incident_beside_a_total_stays(extractor: Extractor) -> None:
    text = (
        "قتل 8 مدنيين في غارات جوية على بلدة كفرنبل اليوم. "
        "ويأتي ذلك في إطار النزاع الذي أوقع أكثر من 370 ألف قتيل منذ عام 2011."
    )
    found = incidents(extractor, text)
    values = [c.count.value for i in found for c in i.casualties]
    assert values == [8]
    assert [i.type for i in found] == ["airstrike"]


def test_a_sentence_dated_years_back_is_history_in_every_clause(extractor: Extractor) -> None:
    text = "ويعد ذلك الأحدث منذ هجوم آب 2013، عندما قصفت القوات بلدات زملكا وعين ترما بغاز السارين ما أدى إلى مقتل المئات."
    assert incidents(extractor, text) == []
    # a clause with its own day in such a sentence still tells an event
    text = "وبعد هجوم آب 2013، قصفت القوات بلدة زملكا أمس بغاز الكلور."
    assert [i.type for i in incidents(extractor, text)] == ["chemical_attack"]


def test_days_ago_is_no_history(extractor: Extractor) -> None:
    found = incidents(extractor, "وقتل ثلاثة مدنيين في قصف على بلدة سقبا قبل يومين.")
    assert [(i.type, i.date.start) for i in found] == [("shelling", "2019-03-18")]


def test_a_sentence_that_describes_founds_no_incident(extractor: Extractor) -> None:
    text = (
        "وتعد وحدات الحماية أقوى فصيل في الحسكة، وقد خاضت المعارك الأشد ضد التنظيم في مدينة الشدادي "
        "وتمكنت من طرده منها."
    )
    assert incidents(extractor, text) == []


def test_a_describing_sentence_may_retell_an_event_told_before(extractor: Extractor) -> None:
    text = (
        "قتل 7 عناصر من قوات النظام في هجوم شنه التنظيم على حاجز قرب مدينة تدمر فجر اليوم. "
        "ويعد هذا الهجوم الأعنف على تدمر منذ أشهر."
    )
    found = incidents(extractor, text)
    assert [(i.type, [c.count.value for c in i.casualties]) for i in found] == [("armed_clash", [7])]
    assert len(found[0].evidence) == 2


def test_a_describing_sentence_with_its_own_day_still_tells(extractor: Extractor) -> None:
    text = "وتعد هذه الدفعة الثالثة التي تخرج من بلدة التل بموجب اتفاق تسوية أبرم في 12 آذار الحالي."
    assert [i.type for i in incidents(extractor, text)] == ["negotiation"]


def test_captures_across_three_provinces_without_a_day_are_the_war_in_brief(extractor: Extractor) -> None:
    text = "وقال الوزير إن الجيش استعاد حمص ثم حلب ثم دير الزور، وإن الدور سيأتي على إدلب."
    assert [i.type for i in incidents(extractor, text)] == []
    text = "وسيطرت القوات الحكومية على بلدة حرستا يوم الأحد."
    assert [i.type for i in incidents(extractor, text)] == ["territory_change"]
