"""Casualty rules found from errors on real articles, one family per block (sentences written for
these tests, not taken from any article)."""

from __future__ import annotations

import pytest

from marsad.models import RawArticle
from marsad.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def rows(extractor: Extractor, text: str) -> list[tuple]:
    result = extractor.process(RawArticle(id="t", text=text), published="2020-03-05")
    return [(c.measure, c.group, c.side, c.count.value) for i in result.incidents for c in i.casualties]


def check(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert sorted(rows(extractor, text), key=str) == sorted(expected, key=str)


# -- counts with no noun: the clause goes on, the verb follows, or a verb of forcing governs them ----
NO_NOUN = [
    # the count ends at a preposition, not at a noun
    (
        "قتل 3 مدنيين وأصيب 40 منذ بدء الهجوم على البلدة.",
        [("killed", "civilians", None, 3), ("injured", "people", None, 40)],
    ),
    ("وأصيب سبعة بجروح متفاوتة في الانفجار.", [("injured", "people", None, 7)]),
    # the verb after its subject
    ("قال الدفاع المدني إن العشرات أصيبوا في القصف.", [("injured", "people", None, None)]),
    ("وذكر المرصد أن 14 على الأقل قتلوا في الغارة.", [("killed", "people", None, 14)]),
    # after a verb of forcing: the people made to flee
    ("أجبرت المعارك الآلاف على النزوح من القرى.", [("displaced", "people", None, None)]),
    ("دفع القصف عشرات الآلاف إلى الفرار نحو الحدود.", [("displaced", "people", None, None)]),
    ("دفع الهجوم آلاف الأشخاص للنزوح من المنطقة.", [("displaced", "people", None, None)]),
    # ل before a verb tells what followed, not what for
    ("قصفت الطائرات السوق لتقتل شخصا على الأقل.", [("killed", "people", None, 1)]),
    # a year or a ratio is no count
    ("وقال إن واحدا من كل عشرة أشخاص فروا.", []),
    # the numeral after its noun is not counted again on its own
    ("قال إن رجلا واحدا قتل في القصف.", [("killed", "men", None, 1)]),
]


@pytest.mark.parametrize(("text", "expected"), NO_NOUN, ids=[str(i) for i in range(len(NO_NOUN))])
def test_counts_without_a_noun(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    check(extractor, text, expected)
