"""Casualty extraction on sentences written for these tests (not taken from the seeds)."""

from __future__ import annotations

import pytest

from marsad.models import RawArticle
from marsad.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def rows(extractor: Extractor, text: str) -> list[tuple]:
    result = extractor.process(RawArticle(id="t", text=text), published="2020-03-05")
    out = []
    for inc in result.incidents:
        for c in inc.casualties:
            out.append((c.measure, c.group, c.side, c.count.value, c.count.qualifier))
    return out


CASES = [
    (
        "قتل 12 مدنيا بينهم ثلاثة أطفال في غارات جوية على مدينة دوما.",
        [("killed", "civilians", None, 12, "exact"), ("killed", "children", None, 3, "exact")],
    ),
    (
        "أسفر القصف عن مقتل خمسة وعشرين شخصا وإصابة أكثر من أربعين آخرين.",
        [("killed", "people", None, 25, "exact"), ("injured", "people", None, 40, "more_than")],
    ),
    ("لقي طفلان حتفهما جراء انفجار لغم أرضي.", [("killed", "children", None, 2, "exact")]),
    (
        "استشهد 7 مواطنين وجرح 15 آخرون بقصف مدفعي على البلدة.",
        [("killed", "civilians", None, 7, "exact"), ("injured", "people", None, 15, "exact")],
    ),
    (
        "أفادت مصادر محلية بمقتل امرأتين وطفل في قصف على القرية.",
        [("killed", "women", None, 2, "exact"), ("killed", "children", None, 1, "exact")],
    ),
    ("نزح نحو 3 آلاف شخص من القرى الجنوبية.", [("displaced", "people", None, 3000, "about")]),
    ("أصيب عنصران من قوات النظام بجروح.", [("injured", "fighters", "syrian_government", 2, "exact")]),
    (
        "قتل ما لا يقل عن عشرين عنصرا من تنظيم الدولة الإسلامية.",
        [("killed", "fighters", "isis", 20, "at_least")],
    ),
    ("اختطف مسلحون مجهولون ثلاثة مدنيين على الطريق الدولي.", [("abducted", "civilians", None, 3, "exact")]),
    ("اعتقلت قوات النظام 40 شابا في حملة دهم.", [("arrested", "men", None, 40, "exact")]),
    (
        "وثق المرصد مقتل 4 مقاتلين من الفصائل المعارضة.",
        [("killed", "fighters", "opposition", 4, "exact")],
    ),
    ("تم إجلاء 500 مريض من المستشفى الوطني.", [("evacuated", "patients", None, 500, "exact")]),
    ("ارتفعت حصيلة القتلى إلى 35 قتيلا.", [("killed", "people", None, 35, "exact")]),
    ("سقط عشرات الجرحى جراء القصف العنيف.", [("injured", "people", None, None, "vague")]),
    ("بلغ عدد النازحين أكثر من 20 ألف نازح.", [("displaced", "people", None, 20000, "more_than")]),
    (
        "قتل 3 أشخاص وأصيب 8 آخرون، بينهم طفلان.",
        [
            ("killed", "people", None, 3, "exact"),
            ("injured", "people", None, 8, "exact"),
            ("injured", "children", None, 2, "exact"),
        ],
    ),
    ("قتل نحو 60 في المئة من المقاتلين في المعركة.", []),
    ("أعلنت الأمم المتحدة أن 120 شاحنة دخلت المدينة.", []),
    ("أدى الانفجار إلى مقتل 9 أشخاص على الأقل.", [("killed", "people", None, 9, "at_least")]),
    ("قُتِل ١٥ مدنيّاً في القصف.", [("killed", "civilians", None, 15, "exact")]),
    ("لم يسفر القصف عن وقوع إصابات.", []),
    ("قضى 6 أطفال غرقا أثناء فرارهم.", [("killed", "children", None, 6, "exact")]),
    ("أصيب 3 مدنيين برصاص قناص.", [("injured", "civilians", None, 3, "exact")]),
    (
        "قتل قيادي في هيئة تحرير الشام بانفجار عبوة.",
        [("killed", "fighters", "hayat_tahrir_al_sham", 1, "exact")],
    ),
    (
        "خلّف الهجوم 14 قتيلا و30 جريحا.",
        [("killed", "people", None, 14, "exact"), ("injured", "people", None, 30, "exact")],
    ),
    (
        "وقال ناشطون إن نحو خمسين مدنيا فروا من الحي.",
        [("displaced", "civilians", None, 50, "about")],
    ),
    ("توفي ثلاثة معتقلين تحت التعذيب.", [("killed", "people", None, 3, "exact")]),
    (
        "وقال مراسل سانا إن 40 حافلة تقل نحو 1200 شخص بينهم 300 مسلح خرجت من المدينة.",
        [("evacuated", "people", None, 1200, "about"), ("evacuated", "fighters", None, 300, "exact")],
    ),
    # households, the usual unit of displacement counts, are people of no known number (CODEBOOK groups)
    (
        "نزحت أكثر من 1500 عائلة من ريف إدلب الجنوبي خلال أسبوع.",
        [("displaced", "people", None, None, "vague")],
    ),
    ("وصلت 40 أسرة نازحة إلى مخيمات أطمة.", [("displaced", "people", None, None, "vague")]),
    # a plural counted noun then a singular one: three children and one woman, not three people
    (
        "قتل ثلاثة أطفال وامرأة بقصف على دوما.",
        [("killed", "children", None, 3, "exact"), ("killed", "women", None, 1, "exact")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_sentence(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert rows(extractor, text) == expected


def test_breakdown_points_at_parent(extractor: Extractor) -> None:
    result = extractor.process(RawArticle(id="t", text="قتل 12 مدنيا بينهم ثلاثة أطفال وامرأتان في غارة."))
    cas = result.incidents[0].casualties
    assert [(c.group, c.count.value, c.part_of) for c in cas] == [
        ("civilians", 12, None),
        ("children", 3, 0),
        ("women", 2, 0),
    ]


def test_breakdown_of_a_breakdown(extractor: Extractor) -> None:
    # a SOHR-style daily toll: "43 people, among them 19 civilians, among them 6 children and 3 women"
    text = "وثق المرصد السوري لحقوق الإنسان مقتل 43 شخصاً يوم أمس، بينهم 19 مدنياً، بينهم 6 أطفال و3 مواطنات."
    cas = extractor.process(RawArticle(id="t", text=text), published="2020-03-05").incidents[0].casualties
    assert [(c.group, c.count.value, c.part_of) for c in cas] == [
        ("people", 43, None),
        ("civilians", 19, 0),
        ("children", 6, 1),
        ("women", 3, 1),
    ]  # and "لحقوق الإنسان" is no one killed


def test_among_the_dead_in_a_later_sentence(extractor: Extractor) -> None:
    text = (
        "قتل ما لا يقل عن 12 شخصا وجرح العشرات بانفجار سيارة مفخخة في مدينة أعزاز. "
        "وأوضح المرصد السوري لحقوق الإنسان أن من بين القتلى أربعة عناصر من الفصائل وطفلين، "
        "فيما بين الجرحى خمسة عناصر من الشرطة."
    )
    (inc,) = extractor.process(RawArticle(id="t", text=text), published="2020-03-05").incidents
    assert inc.type == "bombing"
    assert [(c.measure, c.group, c.side, c.count.value, c.part_of) for c in inc.casualties] == [
        ("killed", "people", None, 12, None),
        ("injured", "people", None, None, None),
        ("killed", "fighters", "opposition", 4, 0),
        ("killed", "children", None, 2, 0),
        ("injured", "fighters", None, 5, 1),
    ]


def test_span_points_at_original_text(extractor: Extractor) -> None:
    text = "قُتِل ١٥ مدنيّاً في القصف."
    c = extractor.process(RawArticle(id="t", text=text)).incidents[0].casualties[0]
    assert text[c.start : c.end] == c.text
    assert c.text.startswith("١٥") and "مدني" in c.text


def test_vague_amounts_get_low_bounds(extractor: Extractor) -> None:
    result = extractor.process(RawArticle(id="t", text="سقط عشرات القتلى ومئات الجرحى في القصف."))
    counts = {(c.measure, c.count.low) for i in result.incidents for c in i.casualties}
    assert counts == {("killed", 20), ("injured", 200)}
