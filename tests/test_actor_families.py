"""Actor families from dev-set errors, one block per family: sentences written for these tests."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from marsad.models import RawArticle
from marsad.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def by_type(extractor: Extractor, text: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for inc in extractor.process(RawArticle(id="t", text=text), published="2019-05-10").incidents:
        out.setdefault(inc.type, {}).update({a.id: a.role for a in inc.actors})
    return out


def assert_roles(
    found: dict[str, dict[str, str]], etype: str, expected: dict[str, str], absent: Sequence[str] = ()
) -> None:
    """An incident of ``etype`` with each expected actor in its role; the absent ones in no incident."""
    assert etype in found
    for actor, role in expected.items():
        assert found[etype].get(actor) == role
    for actor in absent:
        assert all(actor not in acts for acts in found.values())


# The subject of an attack stands in a clause of its own, cut off by a time or place between commas.
@pytest.mark.parametrize(
    ("text", "etype", "expected"),
    [
        (
            "ونفذت إسرائيل، ليل الخميس، ضربات جوية على مواقع للنظام قرب مطار المزة.",
            "airstrike",
            {"israel": "perpetrator"},
        ),
        (
            "وأطلقت الفصائل المعارضة، مساء الثلاثاء، قذائف صاروخية على مواقع لقوات النظام في ريف حماة.",
            "shelling",
            {"opposition": "perpetrator", "syrian_government": "target"},
        ),
    ],
)
def test_subject_in_a_clause_of_its_own(
    extractor: Extractor, text: str, etype: str, expected: dict[str, str]
) -> None:
    found = by_type(extractor, text)
    assert_roles(found, etype, expected)


# "Syrian" names the state on its aircraft, army and defences, on a target and on officials at talks;
# not on the country's people or on rebel factions.
@pytest.mark.parametrize(
    ("text", "etype", "expected", "absent"),
    [
        (
            "قصفت مروحيات سورية بالبراميل المتفجرة بلدة التمانعة في ريف إدلب.",
            "airstrike",
            {"syrian_government": "perpetrator"},
            [],
        ),
        (
            "شنت طائرات إسرائيلية غارات على مواقع عسكرية سورية في ريف القنيطرة.",
            "airstrike",
            {"israel": "perpetrator", "syrian_government": "target"},
            [],
        ),
        (
            "بحث مسؤولون سوريون مع وفد إيراني في دمشق الأحد اتفاق التسوية.",
            "negotiation",
            {"syrian_government": "party", "iran": "party"},
            [],
        ),
        (
            "نزح آلاف المدنيين السوريين من ريف حماة الشمالي هربا من القصف.",
            "displacement",
            {},
            ["syrian_government"],
        ),
        (
            "اشتبكت فصائل سورية مدعومة من أنقرة مع وحدات حماية الشعب قرب منبج.",
            "armed_clash",
            {"ypg": "party"},
            ["syrian_government"],
        ),
    ],
)
def test_syrian_nisba(
    extractor: Extractor, text: str, etype: str, expected: dict[str, str], absent: list[str]
) -> None:
    found = by_type(extractor, text)
    assert_roles(found, etype, expected, absent)


# Plural nisbas ("مسؤولون روس وأتراك", "مستشارين إيرانيين") name their state as the singular does.
@pytest.mark.parametrize(
    ("text", "etype", "expected"),
    [
        (
            "بحث مسؤولون روس وأتراك في أنقرة اتفاق وقف إطلاق النار في إدلب.",
            "negotiation",
            {"russia": "party", "turkey": "party"},
        ),
        (
            "استهدفت غارة مجهولة مقرا يضم مستشارين إيرانيين قرب البوكمال.",
            "airstrike",
            {"iran": "target"},
        ),
    ],
)
def test_plural_nisba(extractor: Extractor, text: str, etype: str, expected: dict[str, str]) -> None:
    found = by_type(extractor, text)
    assert_roles(found, etype, expected)


def test_arms_carried_name_no_perpetrator(extractor: Extractor) -> None:
    # a nisba on arms in a clause of its own tells what someone carried, not who acted
    found = by_type(
        extractor,
        "وكان العناصر يحملون أسلحة أمريكية، وتمت عملية الخطف على حاجز لجبهة النصرة قرب مدينة أعزاز.",
    )
    assert "jabhat_fatah_al_sham" in found["abduction_arrest"]
    assert "united_states" not in found["abduction_arrest"]


# The country's name stands for its state only as the target of a strike on it; elsewhere it is a place.
@pytest.mark.parametrize(
    ("text", "etype", "expected", "absent"),
    [
        (
            "أطلقت البحرية الأمريكية عشرات الصواريخ على سوريا فجر الجمعة.",
            "shelling",
            {"syrian_government": "target"},
            [],
        ),
        (
            "قتل ثلاثة مدنيين بقصف صاروخي على شرقي سوريا يوم الاثنين.",
            "shelling",
            {},
            ["syrian_government"],
        ),
        (
            "قتل خمسة مقاتلين في اشتباكات بين تنظيم داعش وقوات سوريا الديمقراطية في سوريا.",
            "armed_clash",
            {"isis": "party"},
            ["syrian_government"],
        ),
    ],
)
def test_country_as_target_of_a_strike(
    extractor: Extractor, text: str, etype: str, expected: dict[str, str], absent: list[str]
) -> None:
    found = by_type(extractor, text)
    assert_roles(found, etype, expected, absent)


# Civilians attack no one: named after an attack verb, as the object of a strike ("قصف ... لأحياء سكنية")
# or as the innocent attacked, they are the target.
@pytest.mark.parametrize(
    ("text", "etype", "present"),
    [
        ("ونددت الأمم المتحدة بقصف الفصائل لأحياء سكنية في مدينة حلب يوم الأحد.", "shelling", True),
        ("استهدفت الغارات المدنيين في بلدة كفرنبل بريف إدلب الجنوبي.", "airstrike", True),
        ("شنت الطائرات الحربية هجوما على الأبرياء في بلدة أريحا.", "airstrike", True),
        ("ودفع القصف آلاف المدنيين إلى النزوح من بلدة مورك بريف حماة.", "displacement", False),
    ],
)
def test_civilians_as_target(extractor: Extractor, text: str, etype: str, present: bool) -> None:
    found = by_type(extractor, text)
    assert etype in found
    assert (found[etype].get("civilians") == "target") is present


# Whom an attack was on may also stand in a clause of its own; and a nisba on a speaker's title
# ("المتحدث العسكري الروسي") names no force.
def test_target_in_a_clause_of_its_own(extractor: Extractor) -> None:
    found = by_type(
        extractor,
        "وتواصل القوات التركية قصفها المدفعي على قرى ريف عفرين، ضد مواقع وحدات حماية الشعب الكردية.",
    )
    assert found["shelling"].get("turkey") == "perpetrator"
    assert found["shelling"].get("ypg") == "target"


def test_nisba_on_a_speakers_title(extractor: Extractor) -> None:
    found = by_type(extractor, "وقال الخبير العسكري الأمريكي إن القوات التركية قصفت قرى في ريف عفرين.")
    assert found["shelling"].get("turkey") == "perpetrator"
    assert "united_states" not in found["shelling"]


# Rebels named by what they are rather than by a faction ("المقاتلين المعارضين", "مجموعات مسلحة",
# "المتمردين"); Kurdish rebels in Turkey are not Syrian rebels.
@pytest.mark.parametrize(
    ("text", "etype", "expected", "absent"),
    [
        (
            "خرجت الحافلات الأولى التي تقل المقاتلين المعارضين وعائلاتهم من بلدة الرستن باتجاه إدلب.",
            "evacuation",
            {"opposition": "party"},
            [],
        ),
        (
            "هاجمت مجموعات مسلحة حاجزا للقوات الحكومية قرب بلدة مورك في ريف حماة.",
            "armed_clash",
            {"opposition": "perpetrator"},
            [],
        ),
        (
            "قتل جنديان تركيان في هجوم شنه المتمردون الأكراد على مخفر حدودي.",
            "armed_clash",
            {},
            ["opposition"],
        ),
    ],
)
def test_rebels_by_description(
    extractor: Extractor, text: str, etype: str, expected: dict[str, str], absent: list[str]
) -> None:
    # the attack in Turkey is read with every country kept, so that its actors are there to check
    found = by_type(Extractor(all_countries=True) if not expected else extractor, text)
    assert_roles(found, etype, expected, absent)


# "في قتال داعش", "لقتال التنظيم": a group's mission or record, not a party to the event told.
def test_fighting_someone_as_a_mission(extractor: Extractor) -> None:
    found = by_type(
        extractor,
        "واشتبكت القوات الكردية التي برزت في قتال تنظيم داعش مع الفصائل الموالية لتركيا قرب بلدة جنديرس.",
    )
    assert "ypg" in found["armed_clash"]
    assert "isis" not in found["armed_clash"]


# Shorter names once the full one was given: "الوحدات" after "وحدات حماية الشعب"; an unnamed coalition
# "تقوده الولايات المتحدة" is the coalition, not the United States.
def test_short_names(extractor: Extractor) -> None:
    text = (
        "تسيطر وحدات حماية الشعب الكردية على بلدة تل رفعت. "
        "وأعلنت الوحدات أن مدفعية الجيش التركي قصفت نقاطها في قرية قرب تل رفعت يوم الأحد."
    )
    assert "ypg" in by_type(extractor, text)["shelling"]
    found = by_type(
        extractor, "شنت طائرات تحالف تقوده الولايات المتحدة غارات على مواقع لتنظيم داعش قرب البوكمال."
    )
    assert "us_led_coalition" in found["airstrike"]
    assert "united_states" not in found["airstrike"]
    # with no group of units named before, "الوحدات" is no actor
    assert "ypg" not in by_type(extractor, "قصفت الوحدات العسكرية التركية قرية قرب عفرين.").get(
        "shelling", {}
    )


# A group's former name ("(جبهة النصرة سابقا)") and what it is the backbone of are not further actors.
@pytest.mark.parametrize(
    ("text", "etype", "present", "absent"),
    [
        (
            "هاجم مقاتلون من هيئة تحرير الشام (جبهة النصرة سابقا) حاجزا لقوات النظام قرب بلدة اللطامنة.",
            "armed_clash",
            "hayat_tahrir_al_sham",
            "jabhat_fatah_al_sham",
        ),
        (
            "قصفت المدفعية التركية مواقع لوحدات حماية الشعب التي تشكل العمود الفقري لقوات سوريا الديمقراطية قرب منبج.",
            "shelling",
            "ypg",
            "sdf",
        ),
    ],
)
def test_former_names_and_backbones(
    extractor: Extractor, text: str, etype: str, present: str, absent: str
) -> None:
    found = by_type(extractor, text)
    assert present in found[etype]
    assert absent not in found[etype]


# A state that comments, warns or fears ("وتدين تركيا", "وعلقت الولايات المتحدة", "وتخشى الأردن") is no
# party to the event it comments on.
@pytest.mark.parametrize(
    ("text", "etype", "present", "absent"),
    [
        (
            "وتدين تركيا الغارات التي شنتها طائرات النظام على بلدة كفرنبل في ريف إدلب.",
            "airstrike",
            "syrian_government",
            "turkey",
        ),
        (
            "وعلقت الولايات المتحدة على الغارات الروسية التي استهدفت سوقا شعبيا في مدينة أريحا.",
            "airstrike",
            "russia",
            "united_states",
        ),
    ],
)
def test_comment_verbs(extractor: Extractor, text: str, etype: str, present: str, absent: str) -> None:
    found = by_type(extractor, text)
    assert present in found[etype]
    assert absent not in found[etype]


# Both sides of a relation ("توتر بين القوات التركية وإحدى الفصائل المحلية") are only mentioned, the second
# one too, however many words its name and the first side take.
def test_both_sides_of_a_relation(extractor: Extractor) -> None:
    found = by_type(
        extractor,
        "وشنت الطائرات الروسية غارات على بلدة التمانعة في ظل توتر بين القوات التركية وإحدى الفصائل المسلحة في المنطقة.",
    )
    assert "russia" in found["airstrike"]
    assert "turkey" not in found["airstrike"]
    assert "opposition" not in found["airstrike"]


# The group a speaker or a source belongs to ("المتحدث باسم جيش الإسلام", "مصادر في المعارضة", "الأمين
# العام لحزب الله") only speaks about the event.
@pytest.mark.parametrize(
    ("text", "etype", "present", "absent"),
    [
        (
            "وقال المتحدث باسم جيش الإسلام إن الطائرات الروسية شنت غارات على مدينة دوما ليل السبت.",
            "airstrike",
            "russia",
            "jaish_al_islam",
        ),
        (
            "وأفادت مصادر في المعارضة بأن قوات النظام قصفت بلدة كفرزيتا بقذائف المدفعية.",
            "shelling",
            "syrian_government",
            "opposition",
        ),
        (
            "وقال الأمين العام لحزب الله إن إسرائيل شنت غارة على موقع قرب القصير.",
            "airstrike",
            "israel",
            "hezbollah",
        ),
    ],
)
def test_speakers_group(extractor: Extractor, text: str, etype: str, present: str, absent: str) -> None:
    found = by_type(extractor, text)
    assert present in found[etype]
    assert absent not in found[etype]


# A bare "التحالف" is the coalition named before it, or in Syrian war news the US-led one; after another
# coalition ("التحالف العربي") it is none of ours; the name after a bare "التحالف" is no antecedent of it.
def test_bare_coalition(extractor: Extractor) -> None:
    found = by_type(
        extractor, "وقال التحالف في بيان إن طائراته شنت ثماني غارات على مواقع لتنظيم داعش قرب الحسكة."
    )
    assert "us_led_coalition" in found["airstrike"]
    found = by_type(
        extractor,
        "وشنت طائرات التحالف العربي غارات على مواقع في صعدة. "
        "وقال التحالف إن طائراته شنت غارات على مخازن أسلحة قرب الحسكة.",
    )
    assert "us_led_coalition" not in found.get("airstrike", {})
    found = by_type(
        extractor,
        "وأكد المتحدث أن التحالف وقوات سوريا الديمقراطية يواصلان العمل معا. "
        "وقال المتحدث إن الولايات المتحدة أو التحالف شنت غارة على مواقع لداعش قرب هجين.",
    )
    assert "us_led_coalition" in found["airstrike"]
    assert "sdf" not in found["airstrike"]


# "مشددا على أن روسيا ...": what a speaker stresses names no party either.
def test_stressing_participle(extractor: Extractor) -> None:
    found = by_type(
        extractor,
        "ونددت الخارجية الفرنسية بالغارات التي شنتها طائرات النظام على بلدة حاس مشددة على أن روسيا تتحمل المسؤولية.",
    )
    assert "syrian_government" in found["airstrike"]
    assert "russia" not in found["airstrike"]


# A rebel-sounding unit with a state's nisba ("غرفة عمليات إيرانية", "فصائل مسلحة إيرانية") is that state's
# own unit, in the role the unit has; not the opposition.
@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("وهزت انفجارات قوية مقر غرفة عمليات إيرانية قرب مطار دمشق الدولي.", "bombing"),
        ("وشنت الطائرات الإسرائيلية غارات على مواقع لفصائل مسلحة إيرانية قرب البوكمال.", "airstrike"),
    ],
)
def test_unit_with_a_states_nisba(extractor: Extractor, text: str, etype: str) -> None:
    found = by_type(extractor, text)
    assert found[etype].get("iran") == "target"
    assert "opposition" not in found[etype]
