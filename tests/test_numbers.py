"""Arabic quantities: digits, words, duals left to nouns, vague amounts, qualifiers, ranges, percentages."""

from __future__ import annotations

import pytest

from marsad.text.normalize import normalize_str
from marsad.text.numbers import NumberParser, Quantity


@pytest.fixture(scope="module")
def parser() -> NumberParser:
    return NumberParser()


def first(parser: NumberParser, text: str) -> Quantity:
    found = parser.find(normalize_str(text))
    assert found, text
    return found[0]


# (text, value, low, high, qualifier, kind)
CASES = [
    ("26", 26, 26, None, "exact", "number"),
    ("٢٦ مدنيا", 26, 26, None, "exact", "number"),
    ("1,200 شخص", 1200, 1200, None, "exact", "number"),
    ("١٬٥٠٠ نازح", 1500, 1500, None, "exact", "number"),
    ("1.5 مليون", 1500000, 1500000, None, "exact", "number"),
    ("واحد", 1, 1, None, "exact", "number"),
    ("ثلاثة أطفال", 3, 3, None, "exact", "number"),
    ("ثلاث نساء", 3, 3, None, "exact", "number"),
    ("أربعة عناصر", 4, 4, None, "exact", "number"),
    ("خمسة", 5, 5, None, "exact", "number"),
    ("ستة", 6, 6, None, "exact", "number"),
    ("سبع", 7, 7, None, "exact", "number"),
    ("ثمانية", 8, 8, None, "exact", "number"),
    ("تسعة", 9, 9, None, "exact", "number"),
    ("عشرة", 10, 10, None, "exact", "number"),
    ("أحد عشر", 11, 11, None, "exact", "number"),
    ("اثنا عشر مقاتلا", 12, 12, None, "exact", "number"),
    ("خمسة عشر طفلا", 15, 15, None, "exact", "number"),
    ("عشرين", 20, 20, None, "exact", "number"),
    ("خمسة وعشرين", 25, 25, None, "exact", "number"),
    ("ثلاثة وثلاثون", 33, 33, None, "exact", "number"),
    ("ستين", 60, 60, None, "exact", "number"),
    ("تسعين", 90, 90, None, "exact", "number"),
    ("مئة", 100, 100, None, "exact", "number"),
    ("مائة شخص", 100, 100, None, "exact", "number"),
    ("مئتي مدني", 200, 200, None, "exact", "number"),
    ("مائتين", 200, 200, None, "exact", "number"),
    ("ثلاثمئة", 300, 300, None, "exact", "number"),
    ("خمسمائة", 500, 500, None, "exact", "number"),
    ("ثلاث مئة", 300, 300, None, "exact", "number"),
    ("مئة وخمسون", 150, 150, None, "exact", "number"),
    ("ألف", 1000, 1000, None, "exact", "number"),
    ("ألفين", 2000, 2000, None, "exact", "number"),
    ("ثلاثة آلاف", 3000, 3000, None, "exact", "number"),
    ("عشرة آلاف", 10000, 10000, None, "exact", "number"),
    ("10 آلاف", 10000, 10000, None, "exact", "number"),
    ("عشرين ألفا", 20000, 20000, None, "exact", "number"),
    ("ألف ومئتين", 1200, 1200, None, "exact", "number"),
    ("ثلاثة آلاف وخمسمئة", 3500, 3500, None, "exact", "number"),
    ("مليون", 1000000, 1000000, None, "exact", "number"),
    ("مقتل أحد العناصر", 1, 1, None, "exact", "number"),
    # qualifiers
    ("ما لا يقل عن 26", 26, 26, None, "at_least", "number"),
    ("لا يقل عن عشرة", 10, 10, None, "at_least", "number"),
    ("على الأقل 7", 7, 7, None, "at_least", "number"),
    ("7 على الأقل", 7, 7, None, "at_least", "number"),
    ("نحو 150", 150, 150, None, "about", "number"),
    ("بنحو 30", 30, 30, None, "about", "number"),
    ("قرابة ستين", 60, 60, None, "about", "number"),
    ("حوالى 40", 40, 40, None, "about", "number"),
    ("حوالي مئة", 100, 100, None, "about", "number"),
    ("زهاء 200", 200, 200, None, "about", "number"),
    ("ما يقارب 90", 90, 90, None, "about", "number"),
    ("أكثر من 10 آلاف", 10000, 10001, None, "more_than", "number"),
    ("ما يزيد على 300", 300, 301, None, "more_than", "number"),
    ("أقل من عشرة", 10, None, 10, "at_most", "number"),
    ("لا يتجاوز 5", 5, None, 5, "at_most", "number"),
    # vague
    ("عشرات القتلى", None, 20, None, "vague", "vague"),
    ("العشرات", None, 20, None, "vague", "vague"),
    ("مئات الجرحى", None, 200, None, "vague", "vague"),
    ("عشرات الآلاف من المدنيين", None, 20000, None, "vague", "vague"),
    ("مئات الآلاف", None, 200000, None, "vague", "vague"),
    ("آلاف النازحين", None, 2000, None, "vague", "vague"),
    ("بضعة أشخاص", None, 3, None, "vague", "vague"),
    ("عدد من المدنيين", None, 2, None, "vague", "vague"),
    # ranges and shares
    ("بين 10 و15 قتيلا", 10, 10, 15, "at_least", "range"),
    ("من 20 إلى 30", 20, 20, 30, "at_least", "range"),
    ("10-15", 10, 10, 15, "at_least", "range"),
    ("ما بين مئة ومئتي قتيل", 100, 100, 200, "at_least", "range"),
    ("50% من السكان", 50, 50, None, "exact", "percent"),
    ("70 بالمئة", 70, 70, None, "exact", "percent"),
    ("30 في المائة", 30, 30, None, "exact", "percent"),
    ("نصف السكان", None, None, None, "exact", "fraction"),
]


@pytest.mark.parametrize(("text", "value", "low", "high", "qualifier", "kind"), CASES)
def test_forms(
    parser: NumberParser,
    text: str,
    value: int | None,
    low: int | None,
    high: int | None,
    qualifier: str,
    kind: str,
) -> None:
    q = first(parser, text)
    assert (q.value, q.low, q.high, q.qualifier, q.kind) == (value, low, high, qualifier, kind)


def test_at_least_forty_forms() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    "text", ["يوم الاثنين", "يوم الأحد", "الخميس الماضي", "الأسبوع الماضي", "قتلى وجرحى"]
)
def test_weekdays_and_plain_words_are_not_numbers(parser: NumberParser, text: str) -> None:
    assert parser.find(normalize_str(text)) == []


def test_separate_counts_are_not_joined(parser: NumberParser) -> None:
    t = normalize_str("مقتل 3 مدنيين و5 عناصر، وثلاثة وأربعة")
    assert [q.value for q in parser.find(t)] == [3, 5, 3, 4]


def test_offsets_point_at_the_number_not_its_clitic(parser: NumberParser) -> None:
    t = normalize_str("قتل نحو 150 مدنيا ومئات الجرحى")
    q1, q2 = parser.find(t)
    assert t[q1.start : q1.end] == "نحو 150" and t[q1.number_start : q1.end] == "150"
    assert t[q2.start : q2.end] == "ميات"  # the conjunction و is not part of the quantity


def test_qualifier_after_a_noun(parser: NumberParser) -> None:
    t = normalize_str("5 مدنيين على الأقل")
    assert parser.qualifier_after(t, len("5 مدنيين")) == ("at_least", len(t))
    assert parser.qualifier_after(t, 1) is None


def test_parse_words(parser: NumberParser) -> None:
    assert parser.parse_words("خمسة وعشرين") == 25
    assert parser.parse_words("ثلاثة آلاف وخمسمئة") == 3500
    assert parser.parse_words("قتلى") is None
    assert [q.kind for q in parser.find(normalize_str("مقتل 3 و5 جرحى"))] == ["number", "number"]
