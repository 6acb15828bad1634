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


def test_nationals_counted_alone_are_people(extractor: Extractor) -> None:
    found = rows(extractor, "قتل 3 أتراك في سقوط قذيفة على بلدة حدودية.")
    assert found == [("killed", "people", None, 3)]


def test_subject_of_a_verb_with_an_object_is_no_victim(extractor: Extractor) -> None:
    assert rows(extractor, "وقال الأهالي إن المسلحين اعتقلوا رئيس البلدية.") == []
    assert rows(extractor, "وقالت المصادر إن المدنيين قتلوا في القصف.") == [
        ("killed", "civilians", None, None)
    ]
