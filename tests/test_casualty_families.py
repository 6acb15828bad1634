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


# -- whose fighters: a possessive pronoun, the verb's "من X", a nationality after joined nouns, ranks,
# a mixed force, two sides counted together ---------------------------------------------------------
SIDES = [
    # the pronoun agrees with the actor named before it
    ("وأحصت تركيا مقتل 42 من جنودها على الأقل منذ بدء الهجوم.", [("killed", "fighters", "turkey", 42)]),
    ("قال الجيش الإسرائيلي إن أربعة من جنوده أصيبوا في الاشتباك.", [("injured", "fighters", "israel", 4)]),
    # a masculine pronoun does not point at a feminine name
    ("شنت روسيا غارات على مواقع التنظيم وقتلت 20 من عناصره.", [("killed", "fighters", "isis", 20)]),
    # "من X" after the verb that follows the count
    ("قال المرصد إن 18 شخصا قتلوا من تنظيم داعش في الغارات.", [("killed", "fighters", "isis", 18)]),
    # a nationality after two joined nouns
    ("قتل 9 من الجنود والخبراء الروس في الهجوم.", [("killed", "fighters", "russia", 9)]),
    ("قتل مستشاران إيرانيان في الغارة.", [("killed", "fighters", "iran", 2)]),
    # an officer's rank is a fighter
    ("أسفرت الضربة عن مقتل عقيد في الجيش السوري.", [("killed", "fighters", "syrian_government", 1)]),
    # fighters counted with allies' nationals are the mixed pro-government force
    (
        "وثق المرصد مقتل 30 مقاتلا على الأقل بينهم إيرانيون في الغارات.",
        [("killed", "fighters", "syrian_government", 30)],
    ),
    (
        "أسفرت الغارة عن مقتل 60 جنديا من بينهم 11 جنديا روسيا.",
        [("killed", "fighters", "syrian_government", 60), ("killed", "fighters", "russia", 11)],
    ),
    # two sides counted together: no one side
    ("قتل 30 عنصرا من تنظيم داعش وجبهة النصرة في الغارات.", [("killed", "fighters", None, 30)]),
    # a number before a definite singular counts it not ("the 30th division's colonel")
    ("اختطف المسلحون قائد الكتيبة 30 العقيد أحمد.", []),
]


@pytest.mark.parametrize(("text", "expected"), SIDES, ids=[str(i) for i in range(len(SIDES))])
def test_sides(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    check(extractor, text, expected)


# -- no event: a deal's terms, a permission, a thing avoided or threatened ---------------------------
NOT_HAPPENED = [
    ("توصل الطرفان إلى اتفاق يقضي بإجلاء 1300 مدني من المدينة.", []),
    ("أعلنت روسيا هدنة للسماح للمدنيين بالمغادرة.", []),
    ("دعا المجلس إلى حل سياسي لتفادي وقوع خسائر في الأرواح.", []),
    ("هدد التنظيم في أواخر الشهر الماضي بإعدام رهائن لديه.", []),
    ("قالت المنظمة إن مئات العائلات الراغبين في الخروج من المدينة ينتظرون.", []),
    # what did happen still counts
    ("أسفر القصف عن وقوع خسائر في الأرواح.", [("killed", "people", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), NOT_HAPPENED, ids=[str(i) for i in range(len(NOT_HAPPENED))])
def test_not_happened(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    check(extractor, text, expected)


# -- restatements: a breakdown with no amount, a vague lead made precise, unsided or people rows
# beside the same number of one side's fighters ------------------------------------------------------
RESTATED = [
    ("قتل 30 شخصا على الأقل بينهم أطفال في القصف.", [("killed", "people", None, 30)]),
    (
        "قتل عدد من المدنيين بينهم طفل في غارات على البلدة. "
        "وقال المرصد إن الغارات أسفرت عن مقتل خمسة مدنيين بينهم طفل.",
        [("killed", "civilians", None, 5), ("killed", "children", None, 1)],
    ),
    (
        "أعلنت وزارة الدفاع الروسية مقتل ثلاثة جنود روس في هجوم على قاعدة في دير الزور. "
        "وأقيمت جنازات لثلاثة جنود قتلوا في الهجوم.",
        [("killed", "fighters", "russia", 3)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RESTATED, ids=[str(i) for i in range(len(RESTATED))])
def test_restated(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    check(extractor, text, expected)


# -- how a figure is said: spread over dead and wounded, shared by two groups, a split verb, a dual
# said by هما, words in quotes, a day between commas ------------------------------------------------
PHRASING = [
    (
        "قال المتحدث إن مدنيين من بينهم أطفال سقطوا بين قتيل ومصاب في الغارات.",
        [("killed", "civilians", None, None), ("injured", "civilians", None, None)],
    ),
    # one figure for both: one row, as killed
    ("سقط 20 مدنيا بين قتيل وجريح في القصف.", [("killed", "civilians", None, 20)]),
    ("نزح مئات الأطفال والنساء من المخيم.", [("displaced", "people", None, None)]),
    (
        "كما لقي ما لا يقل عن 40 مسلحا من جبهة النصرة (فرع القاعدة) حتفهم جراء الغارات.",
        [("killed", "fighters", "jabhat_fatah_al_sham", 40)],
    ),
    ("لقي 4 مقاتلين روس، على الأقل، مصرعهم في هجوم.", [("killed", "fighters", "russia", 4)]),
    ("لقي الوفد ترحيبا من 20 شخصا في المدينة.", []),
    ("أعلنت الوكالة مقتل مدنيين هما رجل وزوجته جراء الانفجار.", [("killed", "civilians", None, 2)]),
    ("أعلنت المنظمة مقتل إحدى المسعفات العاملات لديها جراء القصف.", [("killed", "women", None, 1)]),
    ("ويحتجز التنظيم بحسب تقارير أكثر من 30 امرأة وطفلا كرهائن.", [("abducted", "people", None, 30)]),
    ("بدأ مئات المدنيين، الخميس، النزوح من الريف.", [("displaced", "civilians", None, None)]),
    ('قال الناطق إن "عشرات" من الأشخاص أصيبوا في الانفجار.', [("injured", "people", None, None)]),
    (
        "وأشار المرصد إلى ارتفاع العدد الإجمالي للقتلى إلى 3216 على الأقل جراء الغارات.",
        [("killed", "people", None, 3216)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PHRASING, ids=[str(i) for i in range(len(PHRASING))])
def test_phrasing(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    check(extractor, text, expected)


# -- leaving under a deal is an evacuation; arrests by non-state groups are abductions ---------------
MEASURES = [
    ("خرج بموجب الاتفاق عشرات آلاف المقاتلين والمدنيين.", [("evacuated", "people", None, None)]),
    (
        "انتهت عملية الإجلاء من القطاع بخروج أكثر من 40 ألف شخص خلال ثمانية أيام.",
        [("evacuated", "people", None, 40000)],
    ),
    ("خرج آلاف المدنيين من البلدة هربا من القصف.", [("displaced", "civilians", None, None)]),
    (
        "وقال المرصد إن وحدات حماية الشعب والفصائل المساندة لها اعتقلت نحو 150 شابا من البلدة.",
        [("abducted", "men", None, 150)],
    ),
    ("اعتقلت قوات النظام نحو 40 شابا من البلدة.", [("arrested", "men", None, 40)]),
]


@pytest.mark.parametrize(("text", "expected"), MEASURES, ids=[str(i) for i in range(len(MEASURES))])
def test_measures(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    check(extractor, text, expected)


# -- where the figure's measure or side is said far from it ------------------------------------------
FAR = [
    # "of it" after the verb
    ("أما تنظيم الدولة الإسلامية فقتل منه 58 مسلحا أغلبهم في الغارات.", [("killed", "fighters", "isis", 58)]),
    # a measure noun, then the figures it is put at
    (
        'وأحصى المرصد ضحايا معركة البلدة بنحو 70 من "قوات سوريا الديمقراطية" و90 من تنظيم الدولة الإسلامية.',
        [("killed", "fighters", "sdf", 70), ("killed", "fighters", "isis", 90)],
    ),
    # after "أن" a long subject, its verb at the end
    (
        "أفاد المرصد أن 35 مقاتلا من قوات النظام والموالين له بينهم تسعة مقاتلين روس لقوا حتفهم في الهجوم.",
        [("killed", "fighters", "syrian_government", 35), ("killed", "fighters", "russia", 9)],
    ),
    # a toll whose description names the group, the noun after the figure the measure
    (
        "أفادت حصيلة جديدة أن عدد القتلى المدنيين في المنطقة بلغ أكثر من ألف قتيل منذ بدء الهجوم.",
        [("killed", "civilians", None, 1000)],
    ),
    ("ارتفعت الحصيلة إلى 35 قتيلا.", [("killed", "people", None, 35)]),
    # the victim named by the verb's pronoun and the one with him
    ("انفجرت عبوة بسيارته وأدت إلى مقتله وسائقه.", [("killed", "people", None, 2)]),
    ("ما أدى إلى مصرعه مع مرافقه.", [("killed", "people", None, 2)]),
    ("أعلنت الوكالة مقتله في القصف.", []),
    # names counted "of" the abducted
    ("وقالت الوكالة إنه تم توثيق 20 اسما من المختطفين.", [("abducted", "people", None, 20)]),
    # "others" alone before its verb describes, it does not count
    ("احتل المنازل مواطنون آخرون نزحوا عن ديارهم.", []),
    ("قتل 5 أشخاص وجرح آخرون.", [("killed", "people", None, 5), ("injured", "people", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), FAR, ids=[str(i) for i in range(len(FAR))])
def test_said_far_from_the_figure(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    check(extractor, text, expected)


# -- guards found on unlabelled articles ----------------------------------------------------------
GUARDS = [
    # "عدد من" is an amount, not a toll noun
    (
        "وقالت القيادة إن وصول عدد من الصواريخ تسبب في مقتل ثلاثة أشخاص.",
        [("killed", "people", None, 3)],
    ),
    # agreeing to evacuate is a plan
    ("وافقت الجماعة على إجلاء سبعة آلاف من مقاتليها وعائلاتهم.", []),
    # a breakdown ends where a new verb begins
    (
        "أسفر الهجوم عن مقتل العشرات، بينهم أطفال ونساء، وإصابة أكثر من ألف آخرين.",
        [("killed", "people", None, None), ("injured", "people", None, 1000)],
    ),
    # a verb with its own object governs no later count; a later count's verb is not the earlier's
    (
        "فشلت مفاوضات لإطلاق سراح 30 سيدة وطفلا يحتجزهم التنظيم مقابل نقل نحو 100 مقاتل تابع له.",
        [("abducted", "people", None, 30)],
    ),
    (
        "اتجهت الحافلات إلى البلدتين لإجلاء نحو ستة آلاف شخص إلى جانب 300 مدني تحتجزهم المعارضة.",
        [("abducted", "civilians", None, 300)],
    ),
    # a plural of the same group joined to a count is inside it
    (
        "وقتل في الاشتباكات 30 من أفراد القوات الحكومية ومسلحين متحالفين معها.",
        [("killed", "fighters", "syrian_government", 30)],
    ),
    # "إصابة" is no "أصابه": no victim named by a pronoun
    ("قتل 3 مدنيين وإصابة زوجها.", [("killed", "civilians", None, 3)]),
    # "four or five" is no count of four
    ("تحدث مصدر عن مقتل أربعة أو خمسة مقاتلين.", [("killed", "fighters", None, 5)]),
    # "عدد من قتل" is "the number of those killed"
    ("وذكر التقرير عدد من قتل في القصف.", []),
    # counts joined by و, or a count and its breakdown, share the verb after them
    (
        "وقالت وسائل إعلام إن 27 مسلحا و182 مدنيا خرجوا من البلدة.",
        [("evacuated", "fighters", None, 27), ("displaced", "civilians", None, 182)],
    ),
    (
        'مشيرا إلى أن "11 شخصا بينهم أربعة أطفال توفوا في هذه الظروف".',
        [("killed", "people", None, 11), ("killed", "children", None, 4)],
    ),
    (
        "وقالت الوكالة إن 384 شخصا بينهم 44 مسلحا غادروا البلدة في حافلات.",
        [("evacuated", "people", None, 384), ("evacuated", "fighters", None, 44)],
    ),
    # on a verbal noun the pronoun is the agent, not an object; a definite numeral describes its noun
    (
        "بعد أيام من خطفها ثمانية مقاتلين آخرين في مجموعة مقاتلي المعارضة.",
        [("abducted", "fighters", "opposition", 8)],
    ),
    ("أعلن المرصد أن ثمانية من العناصر ال54 خطفوا مساء الأربعاء.", [("abducted", "fighters", None, 8)]),
    # a demand far before the trigger is no plan for it
    (
        "خرجت احتجاجات للمطالبة بمعاقبته جراء قيامه بقتل ضابط بالجيش.",
        [("killed", "fighters", "syrian_government", 1)],
    ),
    # an agreement reported before the dead it followed is no plan for them
    (
        "وقال إن المقاتلين وافقوا على الانسحاب بعد مقتل ستة أشخاص في قصف روسي.",
        [("killed", "people", None, 6)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GUARDS, ids=[str(i) for i in range(len(GUARDS))])
def test_guards(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    check(extractor, text, expected)


# -- told as fact inside a call or an attempt; fighters singled out among the dead -------------------
CONTEXT = [
    ("وتدخلت القوات لمحاولة فض المواجهات التي أسفرت عن سقوط جرحى.", [("injured", "people", None, None)]),
    ("دعا المجلس إلى وقف الغارات التي قتلت 20 مدنيا.", [("killed", "civilians", None, 20)]),
    ("دعا المجلس إلى إجلاء 500 جريح من المدينة.", []),
    # a breakdown that names a person counts no one; an indefinite one counts one
    ("اختطف مسلحون سبعة عناصر بينهم القيادي فرحان.", [("abducted", "fighters", None, 7)]),
    (
        "قتل 12 عنصرا من تنظيم داعش بينهم قيادي في الغارة.",
        [("killed", "fighters", "isis", 12), ("killed", "fighters", "isis", 1)],
    ),
    (
        'أعلنت إسرائيل أن الغارة أسفرت عن مقتل "مستشارين عسكريين إيرانيين". '
        "وقالت وسائل إعلام إن من بين القتلى ضابطا برتبة رفيعة.",
        [("killed", "fighters", "iran", None), ("killed", "fighters", "iran", 1)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CONTEXT, ids=[str(i) for i in range(len(CONTEXT))])
def test_context(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    check(extractor, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "وسجلت حالة وفاة لطفل بسبب الحر في ريف دمشق يوم الأحد.",
        "وتوفي ثلاثة أطفال بسبب البرد في مخيم الركبان يوم الأحد.",
        "وتوفي رجل بحادث سير على طريق حمص يوم الأحد.",
    ],
)
def test_deaths_of_weather_illness_or_accidents_are_no_war_casualties(text: str) -> None:
    found = Extractor().process(RawArticle(id="n", text=text), published="2019-06-02").incidents
    assert [c for i in found for c in i.casualties] == []


def test_fighters_and_their_families_are_not_captured() -> None:
    text = "وبموجب الاتفاق خرج المسلحون وأسرهم وألفا مدني من مدينة الرستن يوم الأحد."
    found = Extractor().process(RawArticle(id="f", text=text), published="2019-06-02").incidents
    assert "abducted" not in [c.measure for i in found for c in i.casualties]


@pytest.mark.parametrize(
    "text",
    [
        "وأفرجت السلطات عن 200 معتقل من سجن حماة المركزي يوم الأحد.",
        "وتم الاتفاق على خروج المسلحين من المخيم مقابل إطلاق سراح 500 معتقل.",
    ],
)
def test_people_set_free_are_no_arrests(text: str) -> None:
    found = Extractor().process(RawArticle(id="r", text=text), published="2019-06-02").incidents
    assert [c.measure for i in found for c in i.casualties if c.measure in ("arrested", "abducted")] == []
