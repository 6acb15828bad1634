"""Who is an incident's actor and who only is named, and which outlet reports: sentences written for these
tests (metonymy, datelines, nisbas, comments, backers, holders, anaphora, proxies, reporting cues)."""

from __future__ import annotations

import pytest

from marsad.extract.actors import SourceFinder
from marsad.extract.lexicons import Lexicons
from marsad.models import RawArticle
from marsad.pipeline import Extractor
from marsad.text.normalize import normalize


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def actors(extractor: Extractor, text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for inc in extractor.process(RawArticle(id="t", text=text), published="2019-05-10").incidents:
        for a in inc.actors:
            found.setdefault(a.id, a.role)
    return found


def by_type(extractor: Extractor, text: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for inc in extractor.process(RawArticle(id="t", text=text), published="2019-05-10").incidents:
        out.setdefault(inc.type, {}).update({a.id: a.role for a in inc.actors})
    return out


def sources(extractor: Extractor, text: str) -> set[str]:
    out: set[str] = set()
    for inc in extractor.process(RawArticle(id="t", text=text), published="2019-05-10").incidents:
        out.update(inc.reported_by)
        for c in inc.casualties:
            out.update(c.reported_by)
    return out


# --------------------------------------------------------------------------------------- actors
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a nisba marks a force, a weapon or a target; on a person or an office it only names a country
        (
            "شنت طائرات إسرائيلية غارات على أهداف إيرانية قرب مطار دمشق.",
            {"israel": "perpetrator", "iran": "target"},
            [],
        ),
        (
            "قال الرئيس الأمريكي إن طائرات النظام قصفت بلدة سراقب بالبراميل.",
            {"syrian_government": "perpetrator"},
            ["united_states"],
        ),
        ("قصفت القوات التركية قرية في ريف عفرين وفق ما ذكر صحافي فرنسي.", {"turkey": "perpetrator"}, []),
        # who holds a place is no party to a strike on it
        (
            "قصفت قوات النظام بلدة كفرنبل الخاضعة لسيطرة الفصائل بالصواريخ.",
            {"syrian_government": "perpetrator"},
            ["opposition"],
        ),
        # backers and allies named in passing
        (
            "قصفت القوات الحكومية المدعومة من روسيا بلدة اللطامنة.",
            {"syrian_government": "perpetrator"},
            ["russia"],
        ),
        # sides of a relation, the war on an enemy in general, allies, addressees of a message
        (
            "قصفت القوات التركية قرية في ريف عفرين، ما زاد التوتر في العلاقات بين أنقرة والولايات المتحدة.",
            {"turkey": "perpetrator"},
            ["united_states"],
        ),
        ("قتل مدنيان في غارة على بلدة هجين ضمن الحرب المستمرة ضد تنظيم داعش.", {}, ["isis"]),
        (
            "قصفت القوات الكردية المتحالفة مع واشنطن قرية في ريف منبج.",
            {"ypg": "perpetrator"},
            ["united_states"],
        ),
        (
            "قتل مدنيان في غارة على بلدة هجين، ويدعم التحالف الدولي قوات سوريا الديمقراطية في المنطقة.",
            {},
            ["sdf"],
        ),
        ("قتل ثلاثة مدنيين في قصف على سراقب، ووجهت جبهة النصرة رسالة للفصائل المعارضة.", {}, ["opposition"]),
        # states that comment or condemn
        (
            "دانت الولايات المتحدة القصف الذي شنته قوات النظام على سوق في بلدة أريحا.",
            {"syrian_government": "perpetrator"},
            ["united_states"],
        ),
        # the accused of an attack is its alleged perpetrator, the accuser is not an actor
        (
            "اتهمت فرنسا قوات النظام بشن هجوم بغاز الكلور على بلدة اللطامنة.",
            {"syrian_government": "perpetrator"},
            [],
        ),
        # the accused named with what it did is the perpetrator
        ("واتهم الرئيس السوري إسرائيل التي شنت غارات على مطار المزة.", {"israel": "perpetrator"}, []),
        # a capital is its government where a verb gives it a role, a place elsewhere
        (
            "شنت أنقرة هجوما على مواقع وحدات حماية الشعب في منبج.",
            {"turkey": "perpetrator", "ypg": "target"},
            [],
        ),
        (
            "وصلت شحنة أسلحة إلى دمشق قبل أن تقصف قوات النظام بلدة في ريف حمص.",
            {"syrian_government": "perpetrator"},
            [],
        ),
        # a dateline is where the story was filed
        (
            "واشنطن، الولايات المتحدة (CNN)-- قصفت طائرات روسية بلدة خان شيخون.",
            {"russia": "perpetrator"},
            ["united_states"],
        ),
        # another country's army is not the Syrian army
        ("قصف الجيش اللبناني مواقع للمسلحين في جرود عرسال.", {}, ["syrian_government"]),
        # an outlet's name holds no actor
        (
            'قال مسؤول في مقابلة مع قناة "روسيا اليوم" إن قوات النظام قصفت بلدة جسر الشغور.',
            {"syrian_government": "perpetrator"},
            ["russia"],
        ),
        ("شنت قوات سوريا الديموقراطية هجوما على مواقع للتنظيم في بلدة هجين.", {"sdf": "perpetrator"}, []),
        # unnamed factions tied to Turkey are its SNA proxies
        (
            "اندلعت اشتباكات بين فصائل سورية مسلحة موالية لأنقرة في مدينة عفرين.",
            {"sna": "party"},
            ["opposition"],
        ),
        (
            "دخلت القوات التركية والفصائل الموالية لها مدينة عفرين وسيطرت على أحياء منها.",
            {"turkey": "perpetrator", "sna": "perpetrator"},
            ["opposition"],
        ),
    ],
)
def test_actors_named_in_passing(
    extractor: Extractor, text: str, present: dict[str, str], absent: list[str]
) -> None:
    found = actors(extractor, text)
    for actor_id, role in present.items():
        assert found.get(actor_id) == role, (actor_id, found)
    for actor_id in absent:
        assert actor_id not in found, (actor_id, found)


def test_holder_of_a_place_loses_it(extractor: Extractor) -> None:
    found = by_type(extractor, "سيطرت قوات النظام على بلدة كانت تحت سيطرة الفصائل في ريف حماة الشمالي.")
    assert found["territory_change"] == {"syrian_government": "perpetrator", "opposition": "target"}


def test_attack_on_areas_of_a_holder_targets_it(extractor: Extractor) -> None:
    found = actors(extractor, "شنت قوات النظام حملة قصف على مناطق سيطرة الفصائل في ريف إدلب الجنوبي.")
    assert found.get("opposition") == "target"


def test_officials_are_parties_to_talks_only(extractor: Extractor) -> None:
    found = by_type(extractor, "اتفق الرئيسان الروسي والتركي على وقف إطلاق النار في إدلب.")
    assert found["negotiation"] == {"russia": "party", "turkey": "party"}


def test_a_capital_that_announces_talks_is_a_party(extractor: Extractor) -> None:
    found = by_type(extractor, "أعلنت واشنطن أنها توصلت إلى اتفاق مع أنقرة حول منبج.")
    assert found["negotiation"] == {"united_states": "party", "turkey": "party"}
    assert "syrian_government" not in actors(extractor, "قصفت طائرات حربية بلدة قرب دمشق.")


def test_leaders_are_parties_to_talks_only(extractor: Extractor) -> None:
    found = by_type(extractor, "بحث بوتين وأردوغان في اتصال هاتفي اتفاق وقف إطلاق النار في إدلب.")
    assert found["negotiation"] == {"russia": "party", "turkey": "party"}
    found = actors(extractor, "قال ترامب إن قوات النظام قصفت بلدة دوما بغاز الكلور.")
    assert "united_states" not in found


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("هاجم تنظيم داعش مواقع للنظام في البادية. وقتل عناصر التنظيم خمسة جنود في الهجوم.", ["isis"], []),
        (
            "أعلن تنظيم جيش الإسلام خروج مقاتليه من المدينة. وأوضح التنظيم أن الإجلاء بدأ بحافلات.",
            ["jaish_al_islam"],
            ["isis"],
        ),
        (
            "قتل جنديان في هجوم على دورية للجيش التركي قرب الحدود. وقال الجيش إن المهاجمين فروا.",
            ["turkey"],
            ["syrian_government"],
        ),
        # ... but no army attacks itself: after "الجيش الإسرائيلي", the army an Israeli strike hits is Syria's
        (
            "أعلن الجيش الإسرائيلي أن طائراته أغارت على أهداف في سوريا. وقصفت طائرات إسرائيلية مواقع للجيش في القنيطرة.",
            ["israel", "syrian_government"],
            [],
        ),
    ],
)
def test_bare_names_stand_for_the_last_named(
    extractor: Extractor, text: str, present: list[str], absent: list[str]
) -> None:
    found = actors(extractor, text)
    assert all(a in found for a in present), found
    assert not any(a in found for a in absent), found


@pytest.mark.parametrize(
    "text",
    ["أعدم مسلحون خمسة أشخاص في ساحة عامة بريف حلب.", "خطف مسلحون 20 شخصا من قرية في ريف السويداء الشرقي."],
)
def test_civilians_are_the_victims_of_executions_and_abductions(extractor: Extractor, text: str) -> None:
    assert actors(extractor, text).get("civilians") == "target"


def test_abducted_fighters_are_not_civilians(extractor: Extractor) -> None:
    assert "civilians" not in actors(extractor, "خطفت جبهة النصرة ثمانية مقاتلين من الفرقة 30 قرب أعزاز.")


# -------------------------------------------------------------------------------------- sources
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("أحصى المرصد السوري مقتل خمسة مدنيين في قصف على بلدة سراقب.", {"sohr"}, set()),
        ("قتل أربعة مدنيين في غارة على بلدة أريحا وفق حصيلة للدفاع المدني.", {"white_helmets"}, set()),
        ("تفيد التقارير بسيطرة الجيش السوري على قرية في الغوطة بعد قصف عنيف.", set(), {"syrian_army"}),
        ("قال الجيش الإسرائيلي إن طائراته قصفت مواقع في ريف القنيطرة.", {"idf"}, {"syrian_army"}),
        ("قال #الجيش_الإسرائيلي إن طائراته قصفت مواقع في ريف القنيطرة.", {"idf"}, {"syrian_army"}),
        ("قال المتحدث باسم الجيش السوري الحر إن قوات النظام قصفت بلدة في درعا.", set(), {"syrian_army"}),
        ("أعلنت رئاسة الأركان التركية أن قواتها سيطرت على قرية في ريف عفرين.", {"turkish_mod"}, set()),
        # a source inside the speaker's description, before what was said
        (
            "وقال عاملون في منظمة الخوذ البيضاء إنهم انتشلوا جثث ثلاثة مدنيين بعد غارة على بلدة كفرنبل.",
            {"white_helmets"},
            set(),
        ),
        (
            "وأفادت وكالة الأنباء السورية الرسمية سانا بأن قذائف سقطت على حي في دمشق وقتلت مدنيين.",
            {"sana"},
            set(),
        ),
        # ... but not when the speaker is a state's
        ("وقال سفير الولايات المتحدة لدى الأمم المتحدة إن قوات النظام قصفت بلدة كفرنبل.", set(), {"un"}),
        (
            "كتبت منظمة الخوذ البيضاء على حسابها أن غارة قتلت أربعة مدنيين في بلدة سراقب.",
            {"white_helmets"},
            set(),
        ),
        ("اتهم ناشطون قوات النظام بقصف بلدة كفرنبل بالبراميل المتفجرة.", {"local_activists"}, set()),
        (
            "نقلت وكالة رويترز عن سكان أن مروحيات ألقت براميل متفجرة على بلدة اللطامنة.",
            {"reuters", "witness"},
            set(),
        ),
        # another country's state television, and a source in the object of the verb
        ("قال التلفزيون الرسمي الإيراني إن صواريخ سقطت على قاعدة قرب البوكمال.", set(), {"syrian_state_tv"}),
        ("وذكّر الوزير بالمادة 51 من ميثاق الأمم المتحدة بعد قصف قاعدة قرب حمص.", set(), {"un"}),
        # the outlet of someone else's interview, and the author of a denial, report nothing
        ('قال الرئيس في مقابلة بثتها قناة "روسيا اليوم" إن قواته قصفت مواقع قرب درعا.', set(), {"rt_arabic"}),
        ("نشر البنتاغون بيانا نفى فيه أن تكون طائراته قصفت قاعدة قرب حمص.", set(), {"us_dod"}),
        # a source in what was said is not the reporter
        ("قال مسؤولون أمريكيون إن الجيش الروسي قصف مواقع قرب دير الزور.", set(), {"russian_mod"}),
        # a bare "الجيش" reports for the army named before it
        (
            "أعلن الجيش التركي مقتل جنديين في هجوم على قرية في ريف عفرين. وجاء في بيان الجيش أن المهاجمين قتلوا.",
            {"turkish_mod"},
            {"syrian_army"},
        ),
    ],
)
def test_reporters(extractor: Extractor, text: str, present: set[str], absent: set[str]) -> None:
    found = sources(extractor, text)
    assert present <= found, found
    assert not (absent & found), found


@pytest.mark.parametrize(
    ("sentence", "carried"),
    [
        ("وأضاف أن القصف استمر حتى الصباح.", ["sohr"]),
        ("وقال عقب لقائه الوفد إن القصف استمر.", ["sohr"]),
        ("وقال مسؤول أمريكي إن القصف استمر.", []),
        ("وقالت الولايات المتحدة إن القصف استمر.", []),
        ("وقالت المرأة إن القصف استمر.", ["sohr"]),
        ("وشوهد الدخان فوق البلدة.", []),
    ],
)
def test_continuing_speaker(sentence: str, carried: list[str]) -> None:
    finder = SourceFinder(Lexicons())
    t = normalize(sentence).text
    assert finder.carried(t, 0, ["sohr"], ["afp"]) == carried


def test_subject_of_the_sentence_before_goes_on() -> None:
    finder = SourceFinder(Lexicons())
    t = normalize("أجرى دي ميستورا مباحثات في موسكو حول وقف القتال في حلب ومع المرصد.").text
    assert finder.subjects(t, 0, finder.mentions(t, 0, len(t))) == ["un"]


def test_named_source_goes_on_only_without_a_new_subject() -> None:
    finder = SourceFinder(Lexicons())
    # the sentence before only named AFP (not as reporter): a subject-less verb goes on with it
    assert finder.carried(normalize("وأضاف: إن القصف استمر.").text, 0, [], ["afp"]) == ["afp"]
    # "وقال جيفري": a person's name is a new speaker, and AFP was never reporting
    assert finder.carried(normalize("وقال جيفري إن القصف استمر.").text, 0, [], ["afp"]) == []
