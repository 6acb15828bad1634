"""Actors with roles, reporting sources and event types, on sentences written for these tests."""

from __future__ import annotations

import pytest

from marsad.models import RawArticle
from marsad.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def incidents(extractor: Extractor, text: str) -> list:
    return extractor.process(RawArticle(id="t", text=text), published="2019-05-10").incidents


def roles(inc) -> dict[str, str]:
    return {a.id: a.role for a in inc.actors}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "شن تنظيم داعش هجوما على مواقع قوات النظام قرب مدينة تدمر.",
            {"isis": "perpetrator", "syrian_government": "target"},
        ),
        ("قصفت الطائرات الحربية الروسية بلدة خان شيخون.", {"russia": "perpetrator"}),
        ("دارت اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم الدولة.", {"sdf": "party", "isis": "party"}),
        ("استعادت هيئة تحرير الشام السيطرة على قرية في ريف حماة.", {"hayat_tahrir_al_sham": "perpetrator"}),
        (
            "نفذ الطيران التركي غارات ضد وحدات حماية الشعب الكردية.",
            {"turkey": "perpetrator", "ypg": "target"},
        ),
    ],
)
def test_actor_roles(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    found = {}
    for inc in incidents(extractor, text):
        found.update(roles(inc))
    for actor_id, role in expected.items():
        assert found.get(actor_id) == role, (actor_id, found)


def test_longest_alias_wins(extractor: Extractor) -> None:
    found = {
        a.id for i in incidents(extractor, "هاجم الجيش الحر مواقع للنظام في ريف درعا.") for a in i.actors
    }
    assert "fsa" in found and "syrian_government" in found


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("أفاد المرصد السوري لحقوق الإنسان بمقتل 5 مدنيين في قصف على إدلب.", ["sohr"]),
        ("قتل 3 مدنيين في غارة على بلدة سراقب، وفقا للدفاع المدني.", ["white_helmets"]),
        ("نقلت وكالة سانا عن مصدر أن قذائف سقطت على حي في دمشق وأدت إلى إصابة 4 أشخاص.", ["sana"]),
        # the outlet spoken to is not the reporter
        ("وقال مدير المرصد رامي عبد الرحمن لوكالة فرانس برس إن 10 عناصر قتلوا في الاشتباكات.", ["sohr"]),
        ("ذكرت رويترز نقلا عن شهود عيان أن غارات استهدفت سوقا في المدينة.", ["reuters", "witness"]),
    ],
)
def test_reporters(extractor: Extractor, text: str, sources: list[str]) -> None:
    found: list[str] = []
    for inc in incidents(extractor, text):
        found += [s for s in inc.reported_by if s not in found]
    assert found == sources


def test_source_inherited_by_continuation(extractor: Extractor) -> None:
    text = "قال المرصد إن الطائرات قصفت بلدة كفرنبل. وأضاف أن 6 مدنيين قتلوا في القصف."
    cas = [c for i in incidents(extractor, text) for c in i.casualties]
    assert cas and cas[0].reported_by == ["sohr"]


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("شنت طائرات حربية غارات على بلدة معرة النعمان.", "airstrike"),
        ("سقطت قذائف هاون على حي جرمانا.", "shelling"),
        ("انفجرت سيارة مفخخة في مدينة أعزاز.", "bombing"),
        ("اتهمت المعارضة النظام بشن هجوم بغاز الكلور على بلدة.", "chemical_attack"),
        ("أعدم التنظيم خمسة مدنيين في ساحة عامة.", "attack_on_civilians"),
        ("سيطرت قوات النظام على بلدة كفرنبودة بعد معارك.", "territory_change"),
        ("دارت اشتباكات عنيفة على أطراف مدينة درعا.", "armed_clash"),
        ("اعتقلت دورية عشرة شبان من البلدة.", "abduction_arrest"),
        ("نزح آلاف المدنيين من ريف إدلب الجنوبي.", "displacement"),
        ("بدأت عملية إجلاء الجرحى من الأحياء المحاصرة في مدينة حلب.", "evacuation"),
        ("دخلت قافلة مساعدات إلى بلدة مضايا.", "aid_delivery"),
        ("انطلقت في جنيف جولة جديدة من المفاوضات بين وفدي الحكومة والمعارضة.", "negotiation"),
    ],
)
def test_event_types(extractor: Extractor, text: str, etype: str) -> None:
    assert etype in {i.type for i in incidents(extractor, text)}


def test_negated_event_is_not_an_incident(extractor: Extractor) -> None:
    assert incidents(extractor, "لم تسجل أي غارات جوية على الأحياء الشرقية.") == []


def test_weapons(extractor: Extractor) -> None:
    incs = incidents(extractor, "ألقت المروحيات براميل متفجرة على بلدة داريا.")
    assert incs[0].type == "airstrike"
    assert "barrel_bomb" in incs[0].weapons


def test_separate_places_make_separate_incidents(extractor: Extractor) -> None:
    text = "شنت طائرات حربية غارات على مدينة دوما. وفي حلب، شنت طائرات حربية غارات على حي الشعار."
    incs = incidents(extractor, text)
    assert len(incs) == 2
    assert {i.locations[0].admin1 for i in incs} == {"Rif Dimashq", "Aleppo"}


def test_headline_joins_the_incident_it_sums_up(extractor: Extractor) -> None:
    from marsad.models import RawArticle as Raw

    text = (
        "مقتل 7 مدنيين بينهم طفلان في قصف على ريف إدلب\n"
        "قتل سبعة مدنيين، بينهم طفلان، جراء قصف مدفعي لقوات النظام على مدينة خان شيخون في ريف إدلب الجنوبي.\n"
        "وفي ريف حماة الشمالي، شنت الطائرات الحربية غارات على بلدة كفرنبودة."
    )
    raw = Raw(id="t", text=text, title="مقتل 7 مدنيين بينهم طفلان في قصف على ريف إدلب")
    incs = extractor.process(raw, published="2019-05-10").incidents
    assert [i.type for i in incs] == ["shelling", "airstrike"]
    assert [loc.name_en for loc in incs[0].locations] == ["Khān Shaykhūn"]
    assert [(c.group, c.count.value) for c in incs[0].casualties] == [("civilians", 7), ("children", 2)]
    assert len(incs[0].evidence) == 2  # the headline is evidence too


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # "في الهجوم" points back at the bombing; the clause itself reports arrests
        ("واعتقلت الشرطة في المدينة ثلاثة أشخاص يشتبه بضلوعهم في الهجوم.", "abduction_arrest"),
        ("فر آلاف المدنيين هربا من القصف باتجاه الحدود.", "displacement"),
        # an explosion with nothing else said is a remote explosive ...
        ("قتل خمسة أشخاص بانفجار في سوق مدينة الباب.", "bombing"),
        # ... but explosions caused by shelling are shelling
        ("هزت انفجارات عنيفة ناجمة عن القصف المدفعي مدينة حلب.", "shelling"),
    ],
)
def test_type_of_the_asserted_event(extractor: Extractor, text: str, etype: str) -> None:
    assert [i.type for i in incidents(extractor, text)] == [etype]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nisba on the people counted says whose they are, not who attacked
        (
            "قتل جندي تركي في قصف لقوات سوريا الديمقراطية على قاعدة قرب رأس العين.",
            {"turkey": "target", "sdf": "perpetrator"},
        ),
        # the unit named in the count is the target; its side is not added on top
        ("قتل 6 عناصر من فاغنر في هجوم لداعش قرب حقل الشاعر.", {"wagner": "target", "isis": "perpetrator"}),
        (
            "أفادت قناة الميادين بمقتل 3 عناصر من مجلس منبج العسكري في هجوم لداعش.",
            {"sdf": "target", "isis": "perpetrator"},
        ),
    ],
)
def test_counted_fighters_are_targets(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    (inc,) = incidents(extractor, text)
    assert roles(inc) == expected
    assert inc.locations == [] or inc.locations[0].name_en != "Al Mayadin"


def test_group_names_hold_no_triggers(extractor: Extractor) -> None:
    # "تحرير" inside "هيئة تحرير الشام" is not a capture
    text = "قتل 14 عنصرا من قوات النظام في اشتباكات مع هيئة تحرير الشام على محاور ريف اللاذقية الشمالي."
    assert [i.type for i in incidents(extractor, text)] == ["armed_clash"]


def test_neighbourhood_stands_for_its_city(extractor: Extractor) -> None:
    (inc,) = incidents(extractor, "قتل 5 مواطنين برصاص قناصة في حي الوعر بمدينة حمص.")
    assert [(loc.text, loc.precision) for loc in inc.locations] == [("حي الوعر", "neighbourhood")]


def test_where_people_fled_to_is_not_where_it_happened(extractor: Extractor) -> None:
    text = "أدى القصف على قرى ريف تل تمر إلى مقتل مدنيين اثنين، ونزوح عشرات العائلات نحو مدينة الحسكة."
    incs = incidents(extractor, text)
    displacement = next(i for i in incs if i.type == "displacement")
    assert [loc.admin1 for loc in displacement.locations] == ["Hasakah"]
    assert "الحسكة" not in [loc.text for loc in displacement.locations]
    # a destination alone is still the place on record
    (inc,) = incidents(extractor, "وصلت 40 أسرة نازحة إلى مخيمات أطمة.")
    assert [loc.text for loc in inc.locations] == ["أطمة"]


def test_origin_of_fire_is_not_the_place(extractor: Extractor) -> None:
    text = (
        "استهدفت صواريخ إسرائيلية أطلقت من اتجاه الجولان المحتل محيط مدينة الكسوة، وفق منسقو استجابة سوريا."
    )
    (inc,) = incidents(extractor, text)
    assert [(loc.name_en, loc.relation) for loc in inc.locations] == [("Al Kiswah", "near")]


def test_region_gives_way_to_the_towns_inside_it(extractor: Extractor) -> None:
    text = "شنت طائرات حربية غارات على بلدة كفرزيتا في ريف حماة الشمالي وقرب مطار الجراح في ريف حلب الشرقي."
    (inc,) = incidents(extractor, text)
    assert [(loc.name_en, loc.precision) for loc in inc.locations] == [
        ("Kafr Zaytā", "community"),
        ("Jirah Airbase", "community"),
    ]
    # on its own the countryside is the place
    (inc,) = incidents(extractor, "قصفت قوات النظام قرى ريف حماة الشمالي.")
    assert [(loc.name_en, loc.admin1, loc.precision) for loc in inc.locations] == [("Hama", "Hama", "region")]


@pytest.mark.parametrize(
    "text",
    [
        # a state of control is not a change of control ("سيطرة" is not the verb "سيطر" with a pronoun)
        "تقع الأحياء الشرقية تحت سيطرة الفصائل المعارضة منذ سنوات.",
        "لم تسجل أي غارات جوية على الأحياء الشرقية.",
    ],
)
def test_states_and_negations_are_not_events(extractor: Extractor, text: str) -> None:
    assert {i.type for i in incidents(extractor, text)} <= {"other"}
