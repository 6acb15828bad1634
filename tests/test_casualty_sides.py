"""Whose fighters were hit, read from the phrase itself (sentences written for these tests)."""

from __future__ import annotations

import pytest

from marsad.models import RawArticle
from marsad.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def rows(extractor: Extractor, text: str) -> list[tuple]:
    result = extractor.process(RawArticle(id="t", text=text), published="2019-06-02")
    return [(c.measure, c.group, c.side, c.count.value) for i in result.incidents for c in i.casualties]


CASES = [
    # a link phrase of several words between the count and the actor
    ("قتل 4 عناصر من الشرطة التابعة لوحدات حماية الشعب.", ("killed", "fighters", "ypg", 4)),
    ("أصيب 6 مسلحين تابعين لقوات النظام في الكمين.", ("injured", "fighters", "syrian_government", 6)),
    ("قتل 11 مقاتلا موالين للنظام في غارة ليلية.", ("killed", "fighters", "syrian_government", 11)),
    ("قتل 7 عناصر في صفوف تنظيم داعش.", ("killed", "fighters", "isis", 7)),
    # a nisba right after the counted fighters
    ("قتل جنديان تركيان وأصيب آخر في هجوم بقذائف الهاون.", ("killed", "fighters", "turkey", 2)),
    ("أعلنت موسكو مقتل ثلاثة جنود روس في ريف حماة.", ("killed", "fighters", "russia", 3)),
    ("قتل 12 مقاتلا كرديا في المعارك.", ("killed", "fighters", "ypg", 12)),
    ("أسفرت الضربة عن مقتل خمسة عسكريين إيرانيين.", ("killed", "fighters", "iran", 5)),
    # the side is the named actor itself, not its coalition
    ("قتل 9 مقاتلين من حزب الله في المعارك.", ("killed", "fighters", "hezbollah", 9)),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_side_from_phrase(extractor: Extractor, text: str, expected: tuple) -> None:
    assert expected in rows(extractor, text)


def test_breakdown_of_fighters_takes_nationality(extractor: Extractor) -> None:
    found = rows(extractor, "قتل 14 عنصرا بينهم 6 إيرانيين في القصف.")
    assert ("killed", "fighters", "iran", 6) in found


def test_breakdown_of_fighters_inherits_side(extractor: Extractor) -> None:
    found = rows(extractor, "قتل 30 مسلحا من تنظيم داعش، بينهم 4 قياديين.")
    assert ("killed", "fighters", "isis", 4) in found


def test_nationals_of_foreign_forces_counted_alone_are_their_fighters(extractor: Extractor) -> None:
    found = rows(extractor, "قتل 6 إيرانيين في الضربة على المطار العسكري.")
    assert found == [("killed", "fighters", "iran", 6)]


def test_both_sides_give_a_row_each(extractor: Extractor) -> None:
    text = "هاجم مسلحو تنظيم داعش حاجزا لقوات النظام، ما أدى إلى سقوط قتلى من الطرفين."
    assert sorted(rows(extractor, text)) == [
        ("killed", "fighters", "isis", None),
        ("killed", "fighters", "syrian_government", None),
    ]


def test_war_wide_figures_are_no_incident_rows(extractor: Extractor) -> None:
    assert rows(extractor, "في بلد شهد مقتل أكثر من 400 ألف شخص ونزوح 6 ملايين.") == []


def test_households_count_people_vaguely_unless_persons_are_counted(extractor: Extractor) -> None:
    assert rows(extractor, "نزحت مئات العائلات من القرى الجنوبية.") == [("displaced", "people", None, None)]
    assert rows(extractor, "قتلت عائلة من أربعة أشخاص في القصف.") == [("killed", "people", None, 4)]


def test_a_measure_noun_in_construct_with_a_group(extractor: Extractor) -> None:
    found = rows(extractor, "وانتشل المسعفون ثلاث جثث بينها جثة طفل.")
    assert ("killed", "children", None, 1) in found


def test_an_adverb_between_trigger_and_count(extractor: Extractor) -> None:
    found = rows(extractor, "وأصيب حتى الآن 21 بينهم خمسة أطفال.")
    assert found == [("injured", "people", None, 21), ("injured", "children", None, 5)]


def test_subject_of_a_verb_with_an_object_is_no_victim(extractor: Extractor) -> None:
    assert rows(extractor, "وقال الأهالي إن المسلحين اعتقلوا رئيس البلدية.") == []
    assert rows(extractor, "وقالت المصادر إن المدنيين قتلوا في القصف.") == [
        ("killed", "civilians", None, None)
    ]


def test_one_figure_for_dead_and_wounded_is_one_killed_row(extractor: Extractor) -> None:
    assert rows(extractor, "أعلن مصدر طبي عن مقتل وإصابة 40 مدنيا في قصف جوي.") == [
        ("killed", "civilians", None, 40)
    ]
    # with no figure each measure is its own vague row
    found = rows(extractor, "قتل وجرح عناصر من قوات النظام في الاشتباكات.")
    assert sorted(found) == [
        ("injured", "fighters", "syrian_government", None),
        ("killed", "fighters", "syrian_government", None),
    ]


def test_a_verb_with_its_own_subject_does_not_chain(extractor: Extractor) -> None:
    found = rows(extractor, "وقال المسعفون إن طفلا واحدا على الأقل قتل وأصيب 9 مدنيين في القصف.")
    assert sorted(found) == [("injured", "civilians", None, 9), ("killed", "children", None, 1)]


def test_refugees_are_counted_only_when_something_happens_to_them(extractor: Extractor) -> None:
    assert rows(extractor, "ويستضيف البلد نحو 600 ألف لاجئ سوري.") == []
    assert rows(extractor, "وفر 300 لاجئ من المخيم بعد القصف.") == [("displaced", "people", None, 300)]


def test_members_of_civil_bodies_are_people_not_fighters(extractor: Extractor) -> None:
    assert rows(extractor, "تم إجلاء 120 عنصرا من الدفاع المدني وعائلاتهم.") == [
        ("evacuated", "people", None, 120)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "وحذر المبعوث من أن الهجوم قد يسفر عن مقتل الآلاف.",
        "ووضعت الأمم المتحدة خطط إجلاء 500 مدني من البلدة.",
        "وتوصل الطرفان إلى اتفاق لإجلاء 300 مقاتل من المدينة.",
    ],
)
def test_possible_and_planned_casualties_are_no_rows(extractor: Extractor, text: str) -> None:
    assert rows(extractor, text) == []


def test_the_attackers_counted_are_the_perpetrators_fighters(extractor: Extractor) -> None:
    text = "هاجم مسلحو تنظيم داعش حاجزا للجيش في ريف دير الزور، وقتل 20 من المهاجمين."
    assert ("killed", "fighters", "isis", 20) in rows(extractor, text)
    text = "شن مسلحون من هيئة تحرير الشام هجوما على مواقع للجيش قرب مورك، وقتل ثلاثة مهاجمين في الاشتباك."
    assert ("killed", "fighters", "hayat_tahrir_al_sham", 3) in rows(extractor, text)
