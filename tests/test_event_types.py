"""Event types on real-news patterns: one event told several times, threats and plans, purposes, and
clauses that tell several events (sentences written for these tests)."""

from __future__ import annotations

import pytest

from marsad.models import RawArticle
from marsad.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def types(extractor: Extractor, text: str) -> list[str | None]:
    result = extractor.process(RawArticle(id="t", text=text), published="2019-07-14")
    return [i.type for i in result.incidents]


def test_a_generic_reference_retells_the_event_before_it(extractor: Extractor) -> None:
    text = (
        "قتل 6 مدنيين في غارات جوية على بلدة سراقب اليوم. "
        "وقال ناشطون إن الهجوم استهدف سوقا شعبيا. "
        "ودانت منظمات إنسانية القصف."
    )
    assert types(extractor, text) == ["airstrike"]


def test_a_generic_attack_stands_alone_only_with_something_of_its_own(extractor: Extractor) -> None:
    assert types(extractor, "وتحدث الوزير عن المعركة ضد الإرهاب.") == []
    assert types(extractor, "قتل 4 جنود في هجوم على حاجز قرب بلدة مورك.") == ["armed_clash"]


def test_the_kind_may_come_after_the_generic_word(extractor: Extractor) -> None:
    text = "هجوم على قرية في ريف إدلب. وشنت طائرات حربية غارات على القرية فجر اليوم."
    assert types(extractor, text) == ["airstrike"]


@pytest.mark.parametrize(
    "text",
    [
        "وحذر المسؤول من أي هجوم على المدينة.",
        "وفر السكان خوفا من هجوم وشيك.",
        "ويتحدد مصير الهجوم المرتقب على المحافظة في الاجتماع.",
        "وقال المحلل إن معركة درعا ستكون طويلة.",
        "ومن المتوقع أن تشن القوات الحكومية هجوما على ريف إدلب.",
        "وأكدت الفصائل رفضها سياسة الإجلاء من بلدات الغوطة الشرقية.",
        "وأخلى الجيش مطارات في ريف دمشق إثر التهديدات الأمريكية بتنفيذ ضربات جوية.",
        "ويرتقب أن تشهد الفترة المقبلة عودة آلاف النازحين من لبنان إلى ريف حمص.",
        "وهدد الرئيس بقصف مواقع الجيش.",
        "وأرادت الفصائل من حلفائها إرسال طائرات تقصف مواقع الجيش في ريف حماة.",
        "ويتهم المعارضون الحكومة باختلاق الذرائع لتبرير القصف على أحياء درعا البلد.",
        "وقال مسؤولون إن لندن مستعدة لتوجيه ضربة عسكرية لمواقع في ريف حمص.",
        "وتطالب المعارضة بمنطقة حظر طيران فوق ريف إدلب.",
        "وسط تصاعد تهديدات باريس بشن ضربة على مواقع قرب دمشق.",
    ],
)
def test_threats_fears_and_plans_are_no_events(extractor: Extractor, text: str) -> None:
    assert "armed_clash" not in types(extractor, text)
    assert "shelling" not in types(extractor, text)


def test_a_purpose_is_no_event_but_being_subjected_to_one_is(extractor: Extractor) -> None:
    assert types(extractor, "وحشد الجيش قواته لاستعادة البلدة.") == []
    assert types(extractor, "وتعرضت بلدة كفرزيتا لقصف عنيف أمس.") == ["shelling"]


def test_withdrawal_needs_a_place_in_the_country(extractor: Extractor) -> None:
    assert types(extractor, "وطالبت البلدية بطرد اللاجئين من المساكن.") == []
    assert types(extractor, "وأعلن البيت الأبيض انسحاب قواته من سوريا.") == []
    # a capture after fighting is both (ACLED codes the battle and the change of hands)
    found = types(extractor, "انسحبت الفصائل من بلدة اللطامنة بعد معارك عنيفة.")
    assert sorted(found) == ["armed_clash", "territory_change"]


def test_coordinated_kinds_of_violence_are_each_an_event(extractor: Extractor) -> None:
    found = types(extractor, "تتواصل الغارات الجوية والقصف المدفعي على ريف حماة الشمالي.")
    assert sorted(found) == ["airstrike", "shelling"]


def test_the_dead_belong_to_the_fighting_the_fleeing_to_displacement(extractor: Extractor) -> None:
    result = extractor.process(
        RawArticle(id="t", text="وأسفرت المعارك في ريف درعا عن مقتل 15 شخصا ونزوح ألفي شخص."),
        published="2019-07-14",
    )
    by_type = {i.type: [(c.measure, c.count.value) for c in i.casualties] for i in result.incidents}
    assert by_type == {"armed_clash": [("killed", 15)], "displacement": [("displaced", 2000)]}


def test_chemical_weapons_named_are_no_attack_their_use_is(extractor: Extractor) -> None:
    assert types(extractor, "ووصل مفتشو منظمة حظر الأسلحة الكيميائية إلى دمشق.") == []
    assert types(extractor, "واتهمت المعارضة قوات النظام باستخدام الأسلحة الكيماوية في بلدة اللطامنة.") == [
        "chemical_attack"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ويريد الرئيس استعادة السيطرة على كامل البلاد.",
        "وأعلن الأكراد الحكم الذاتي في المناطق التي سيطروا عليها.",
        "وتم تحرير محضر بالواقعة.",
        "وحاولت الدولة مرارا السيطرة على الجبل.",
        "ويعيش النازحون في مخيمات قرب بلدات سيطرت عليها الفصائل في ريف حلب.",
        "ونقل المقاتلون إلى إدلب من مناطق أخرى استعادتها القوات الحكومية في ريف حمص.",
    ],
)
def test_wanted_described_or_placeless_control_is_no_territory_change(
    extractor: Extractor, text: str
) -> None:
    assert "territory_change" not in types(extractor, text)


def test_a_capture_of_a_named_place_is_a_territory_change(extractor: Extractor) -> None:
    assert types(extractor, "وسيطرت قوات النظام على بلدة كفرنبودة بعد ساعات.") == ["territory_change"]


def test_dead_counted_without_an_event_word_join_the_violence_near_them(extractor: Extractor) -> None:
    text = (
        "شنت طائرات حربية غارات على مدينة أريحا صباح اليوم. "
        "وتحدثت مصادر طبية عن وصول جرحى إلى المشافي. "
        "وأفاد المرصد بمقتل 11 شخصا."
    )
    found = extractor.process(RawArticle(id="t", text=text), published="2019-07-14").incidents
    assert [i.type for i in found] == ["airstrike"]
    assert [c.count.value for c in found[0].casualties if c.measure == "killed"] == [11]


def test_attackers_killed_are_the_perpetrators_fighters(extractor: Extractor) -> None:
    text = "شن تنظيم داعش هجوما على مواقع قوات النظام، وقتل خلال الاشتباك 12 من العناصر المهاجمة."
    found = extractor.process(RawArticle(id="t", text=text), published="2019-07-14").incidents
    rows = [(c.measure, c.side, c.count.value) for i in found for c in i.casualties]
    assert ("killed", "isis", 12) in rows


def test_a_western_attack_told_generically_is_a_strike_from_the_air(extractor: Extractor) -> None:
    text = "وقالت وزارة الدفاع الأمريكية إن الهجوم الأمريكي على مواقع في ريف دير الزور حقق أهدافه أمس."
    assert types(extractor, text) == ["airstrike"]


def test_what_a_strike_answered_is_an_event_apart(extractor: Extractor) -> None:
    text = "وشنت الولايات المتحدة هجوما على مواقع عسكرية قرب حمص ردا على هجوم بغاز الكلور على بلدة كفرزيتا."
    result = extractor.process(RawArticle(id="t", text=text), published="2019-07-14")
    told = [
        (i.type, [loc.name_en for loc in i.locations], [a.id for a in i.actors]) for i in result.incidents
    ]
    assert told == [("airstrike", ["Homs"], ["united_states"]), ("chemical_attack", ["Kafr Zaytā"], [])]


def test_aircraft_that_shell_make_a_strike_from_the_air(extractor: Extractor) -> None:
    assert types(extractor, "وقصفت الطائرات التركية قرى في ريف عفرين أمس.") == ["airstrike"]
    assert types(extractor, "وقصف الطيران بلدة كفرنبل صباح اليوم.") == ["airstrike"]


def test_a_generic_attack_by_an_armed_group_is_a_clash(extractor: Extractor) -> None:
    text = "شن مسلحو تنظيم داعش هجوما على مواقع للجيش في بادية حمص أمس."
    assert types(extractor, text) == ["armed_clash"]


@pytest.mark.parametrize(
    "text",
    [
        "ولم ترد أي تقارير عن وقوع اشتباكات بين المحتجين والشرطة في المدينة.",
        "ونفت الوزارة مشاركة طائراتها في الغارة على القرية.",
    ],
)
def test_reports_of_nothing_and_denials_are_no_events(extractor: Extractor, text: str) -> None:
    assert types(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "ولم تشن المقاتلات غارات على ريف حماة الشمالي ليل أمس.",
        "ولم تتمكن قافلة المساعدات من دخول بلدة مضايا يوم الأحد.",
        "فلا مفاوضات بين الطرفين في مدينة درعا حتى الآن.",
    ],
)
def test_a_negation_after_a_conjunction_negates(extractor: Extractor, text: str) -> None:
    assert types(extractor, text) == []


def test_still_is_no_negation(extractor: Extractor) -> None:
    text = "ولا تزال الاشتباكات مستمرة في أطراف مدينة البوكمال منذ صباح اليوم."
    assert types(extractor, text) == ["armed_clash"]


def test_an_event_with_nothing_of_its_own_is_no_incident(extractor: Extractor) -> None:
    # opinion: bombings in general, no place, day, victim or armed actor
    assert types(extractor, "وهذه التفجيرات الانتحارية امتداد لسابقاتها ولا تمثل أحدا.") == []
    assert types(extractor, "وقع تفجير انتحاري في سوق مدينة منبج أمس.") == ["bombing"]


def test_aircraft_are_weapons_until_they_strike(extractor: Extractor) -> None:
    assert types(extractor, "وتملك روسيا عشرات الطائرات الحربية والمروحيات.") == []
    assert types(extractor, "وقصفت طائرات حربية بلدة كفرزيتا فجر اليوم.") == ["airstrike"]


@pytest.mark.parametrize(
    "text",
    [
        "وتنشر روسيا عشرات الطائرات الحربية في مطار القامشلي منذ الربيع.",
        "وأعلنت موسكو تسليم الجيش السوري صواريخ متطورة في طرطوس.",
        "ويعمل المركز في مصياف على تطوير صواريخ قصيرة المدى.",
        "وفككت وحدات الهندسة عبوة ناسفة على طريق دمشق درعا يوم الأحد.",
        "وأشارت تقارير إلى ربط التنظيم عبوات ناسفة في أرجل الماعز في مدينة منبج.",
    ],
)
def test_arms_held_deployed_or_delivered_are_no_strike(extractor: Extractor, text: str) -> None:
    assert types(extractor, text) == []


def test_a_picture_of_a_strike_published_is_the_strike(extractor: Extractor) -> None:
    text = "وقال ناشطون إن المرصد نشر صورا من الغارات الجوية على بلدة معرة النعمان صباح اليوم."
    assert types(extractor, text) == ["airstrike"]


@pytest.mark.parametrize(
    "text",
    [
        "وتعمل الملاجئ على حماية السكان في مدينة سراقب من الغارات الجوية.",
        "ونريد منطقة آمنة لحماية درعا، قبل كل شيء، من القصف المدفعي.",
    ],
)
def test_what_one_is_to_be_shielded_from_has_not_happened(extractor: Extractor, text: str) -> None:
    assert types(extractor, text) == []


def test_the_kurdish_protection_units_are_a_name_not_a_shield(extractor: Extractor) -> None:
    text = "وانسحب مقاتلو وحدات حماية الشعب من مواقعهم إثر قصف تركي على قرية جنديرس أمس."
    assert "shelling" in types(extractor, text)


def test_a_campaign_and_one_of_its_days_are_two_incidents(extractor: Extractor) -> None:
    text = (
        "قتل 9 مدنيين يوم الأحد في قصف على مدينة دوما. "
        "وارتفعت حصيلة القتلى المدنيين في القصف على دوما منذ 18 شباط/فبراير إلى 520 قتيلا."
    )
    found = extractor.process(RawArticle(id="t", text=text), published="2018-03-06").incidents
    assert sorted((i.date.start, [c.count.value for c in i.casualties][0]) for i in found) == [
        ("2018-02-18", 520),
        ("2018-03-04", 9),
    ]


def test_an_interview_is_no_talks(extractor: Extractor) -> None:
    assert types(extractor, "وفي لقاء مع صحيفة فرنسية، قال وزير الخارجية الروسي إن الحل سياسي.") == []
    text = "وعقد في جنيف لقاء بين وفدي الحكومة والمعارضة السوريتين."
    assert types(extractor, text) == ["negotiation"]


def test_denying_a_part_in_an_attack_leaves_the_attack(extractor: Extractor) -> None:
    text = "وتنفي الحكومة الضلوع في الهجوم الكيميائي على بلدة اللطامنة."
    assert types(extractor, text) == ["chemical_attack"]


def test_a_strike_told_only_with_who_did_it_stands(extractor: Extractor) -> None:
    assert types(extractor, "وشنت واشنطن ولندن وباريس ضربات على منشآت للحكومة.") == ["airstrike"]


def test_a_definite_generic_word_with_its_doer_points_back(extractor: Extractor) -> None:
    # "the bombardment the army carried out" as a cause is no new event; "strikes" told as new are
    text = "وتحولت أحياء كاملة إلى أنقاض بسبب القصف الذي شنه الجيش."
    assert types(extractor, text) == []
    assert types(extractor, "وشنت إسرائيل ضربات على مواقع عسكرية.") == ["airstrike"]


def test_an_operation_named_by_its_state_is_fighting(extractor: Extractor) -> None:
    assert types(extractor, "وقتل 40 مدنيا على الأقل خلال العملية التركية في منطقة عفرين.") == ["armed_clash"]
    assert types(extractor, "وتواصل الحكومة العملية السياسية في دمشق.") == []


def test_a_toll_far_from_any_event_word_takes_the_kind_told_at_its_place(extractor: Extractor) -> None:
    text = (
        "شنت طائرات حربية غارات على بلدة حمورية في الغوطة الشرقية صباح اليوم.\n"
        "وقال الدفاع المدني إن فرقه تعمل على إزالة الأنقاض.\n"
        "وأضاف أن الفرق تواجه نقصا في المعدات.\n"
        "وطالبت منظمات إنسانية بفتح الطرق.\n"
        "وأحصى المرصد مقتل 300 شخص في الغوطة الشرقية منذ بداية الشهر."
    )
    assert types(extractor, text) == ["airstrike", "airstrike"]


def test_a_convoy_is_aid_only_when_it_carries_aid(extractor: Extractor) -> None:
    assert types(extractor, "شن تنظيم داعش هجوما على قافلة للجيش قرب الميادين.") == ["armed_clash"]
    assert types(extractor, "دخلت قافلة مساعدات إنسانية إلى مدينة دوما اليوم.") == ["aid_delivery"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("شن التنظيم هجوما صاروخيا على مدينة السقيلبية.", ["shelling"]),
        ("نفذ التنظيم تفجيرا انتحاريا في مدينة منبج.", ["bombing"]),
        ("شنت قوات النظام هجوما كيماويا على بلدة اللطامنة.", ["chemical_attack"]),
        ("شنت الطائرات الحربية قصفا جويا على بلدة سراقب.", ["airstrike"]),
        ("وبدأت القوات التركية هجوما جويا وبريا في منطقة عفرين.", ["armed_clash"]),
        ("وشنت قوات النظام هجوما بريا على بلدة كفرزيتا.", ["armed_clash"]),
    ],
)
def test_kinds_told_in_the_accusative(extractor: Extractor, text: str, expected: list[str]) -> None:
    assert types(extractor, text) == expected


def test_a_meeting_is_talks_only_between_parties(extractor: Extractor) -> None:
    assert types(extractor, "وعقدت منظمة حظر الأسلحة الكيميائية اجتماعا طارئا في لاهاي يوم الاثنين.") == []
    assert types(extractor, "واستهدفت الغارة موقع اجتماع لقيادات تنظيم داعش في ريف دير الزور.") == [
        "airstrike"
    ]
    text = "والتقى وزير الخارجية الروسي نظيره التركي في أنقرة يوم الاثنين."
    assert types(extractor, text) == ["negotiation"]
    text = "وعقد وزيرا خارجية روسيا وتركيا اجتماعا في أنقرة يوم الاثنين لبحث الوضع في إدلب."
    assert types(extractor, text) == ["negotiation"]


def test_a_deal_on_another_matter_is_no_talks_of_the_war(extractor: Extractor) -> None:
    assert types(extractor, "وأعلن ترامب يوم الثلاثاء انسحاب بلاده من الاتفاق النووي مع إيران.") == []
    assert types(extractor, "وتوصلت روسيا وتركيا إلى اتفاق حول إدلب يوم الاثنين.") == ["negotiation"]


def test_the_use_of_chemical_weapons_as_a_topic_is_no_attack(extractor: Extractor) -> None:
    assert types(extractor, "وطالب المجلس بالتحقيق في استخدام الأسلحة الكيماوية في سوريا.") == []
    text = "وأكدت المنظمة استخدام الأسلحة الكيماوية في مدينة دوما يوم السبت."
    assert types(extractor, text) == ["chemical_attack"]


def test_a_call_for_talks_is_no_talks_but_agreed_terms_are(extractor: Extractor) -> None:
    assert types(extractor, "ودعا رئيس الوزراء التركي إلى اجتماع لكبار المسؤولين في أنقرة.") == []
    assert types(extractor, "وطالبت فرنسا بهدنة إنسانية في الغوطة الشرقية.") == []
    assert types(extractor, "واتفق الطرفان على وقف إطلاق النار في حمص يوم الاثنين.") == ["negotiation"]


def test_a_summit_of_parties_is_talks(extractor: Extractor) -> None:
    text = "وعقدت قمة ثلاثية جمعت روسيا وإيران وتركيا في طهران يوم الجمعة."
    assert types(extractor, text) == ["negotiation"]


def test_violence_pointed_at_by_a_demonstrative_leaves_the_talks_told(extractor: Extractor) -> None:
    text = "وتأتي هذه الغارات بعد يوم من قمة ثلاثية جمعت روسيا وإيران وتركيا في طهران."
    assert types(extractor, text) == ["negotiation"]
    assert types(extractor, "وشنت الطائرات غارات على بلدة التمانعة بعد يوم من قمة ثلاثية في طهران.") == [
        "airstrike"
    ]


def test_what_a_strike_answered_may_follow_an_aside(extractor: Extractor) -> None:
    text = "وقصفت الفصائل بلدات في ريف إدلب، ردا، بحسب قولها، على تعرض بلدة الزبداني في ريف دمشق لهجوم من قوات النظام."
    assert types(extractor, text) == ["shelling", "armed_clash"]
    assert types(extractor, "وأرسلت الفصائل تعزيزات إلى ريف حماة للهجوم على مواقع الجيش.") == []


def test_what_may_happen_is_no_event_but_what_happened_may_be_qualified(extractor: Extractor) -> None:
    text = "وقال مسؤول إن هذه السفن قد تساعد في اعتراض الصواريخ الموجهة إلى ريف إدلب."
    assert types(extractor, text) == []
    assert types(extractor, "وقال المرصد إن عدد القتلى في الغارات على بلدة سراقب قد يرتفع.") == ["airstrike"]


def test_an_explosive_that_went_off_is_a_bombing(extractor: Extractor) -> None:
    assert types(extractor, "وانفجرت عبوة ناسفة على طريق دمشق درعا يوم الأحد.") == ["bombing"]


def test_what_an_agreement_stipulates_has_not_happened(extractor: Extractor) -> None:
    text = "وتوصل الطرفان إلى اتفاق يقضي بإجلاء المقاتلين من دوما إلى جرابلس يوم الأحد."
    assert types(extractor, text) == ["negotiation"]
    assert types(extractor, "وينص الاتفاق الجديد على شن غارات مشتركة على مواقع التنظيم في ريف الرقة.") == []


def test_a_future_verb_makes_what_follows_it_a_plan_up_to_its_cause(extractor: Extractor) -> None:
    text = "وقالت أنقرة إن التحالف سيشن قريبا من قواعدها معركة شاملة ضد التنظيم في ريف حلب."
    assert types(extractor, text) == []
    assert types(extractor, "وهناك مخاوف من أن الضربات الجوية يمكن أن تستهدف مواقع الجيش في ريف حمص.") == []
    text = "وقالت فرنسا إنها ستشن هجوما عسكريا بسبب هجوم كيماوي شنته القوات الحكومية على بلدة اللطامنة يوم السبت."
    assert types(extractor, text) == ["chemical_attack"]


def test_vacated_bases_are_no_evacuation_of_people(extractor: Extractor) -> None:
    assert types(extractor, "وقام الجيش بإخلاء مطارات وقواعد عسكرية في ريف دمشق يوم الجمعة.") == []
    assert types(extractor, "وبدأت عملية إجلاء المدنيين من بلدة الفوعة يوم الأحد.") == ["evacuation"]
