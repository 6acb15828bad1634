"""Wider actor, source and site lexicons, on sentences written for these tests (not taken from articles)."""

from __future__ import annotations

import pytest

from marsad.models import RawArticle
from marsad.pipeline import Extractor
from marsad.resources import iter_tsv, load_yaml
from marsad.text.normalize import normalize_str


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def incidents(extractor: Extractor, text: str) -> list:
    return extractor.process(RawArticle(id="t", text=text), published="2019-05-10").incidents


def actor_roles(extractor: Extractor, text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for inc in incidents(extractor, text):
        for a in inc.actors:
            found.setdefault(a.id, a.role)
    return found


def reporters(extractor: Extractor, text: str) -> list[str]:
    found: list[str] = []
    for inc in incidents(extractor, text):
        found += [s for s in inc.reported_by if s not in found]
    return found


def _key(alias: str) -> str:
    return " ".join(normalize_str(alias).split())


# --- actors: new ids, nisba adjectives, pro-government units -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the example of the brief: a new source and a nisba on a weapon
        ("قالت وكالة الأناضول إن طائرات حربية روسية قصفت بلدة سراقب.", {"russia": "perpetrator"}),
        (
            "ذكرت وكالة الأناضول أن فصائل الجيش الوطني السوري سيطرت على قرية في ريف الرقة بعد اشتباكات مع "
            "قوات سوريا الديمقراطية.",
            {"sna": "perpetrator", "sdf": "party"},
        ),
        ("هاجم الجيش الوطني مواقع قسد قرب منبج.", {"sna": "perpetrator", "sdf": "target"}),
        (
            "شن تنظيم حراس الدين هجوما على مواقع قوات النظام في ريف اللاذقية.",
            {"hurras_al_din": "perpetrator", "syrian_government": "target"},
        ),
        (
            "دارت اشتباكات بين حركة نور الدين الزنكي وهيئة تحرير الشام في ريف حلب الغربي.",
            {"nour_al_din_al_zenki": "party", "hayat_tahrir_al_sham": "party"},
        ),
        (
            "قصفت قوات النظام مواقع جيش العزة في ريف حماة الشمالي.",
            {"syrian_government": "perpetrator", "jaysh_al_izza": "target"},
        ),
        (
            "قصفت الجبهة الوطنية للتحرير مواقع لقوات النظام في ريف إدلب.",
            {"national_front_for_liberation": "perpetrator", "syrian_government": "target"},
        ),
        ("هاجم تنظيم داعش مواقع مجموعة فاغنر قرب حقل الشاعر.", {"isis": "perpetrator", "wagner": "target"}),
        (
            "هاجم مقاتلو العشائر مواقع قوات سوريا الديمقراطية في ريف دير الزور الشرقي.",
            {"tribal_forces": "perpetrator", "sdf": "target"},
        ),
        (
            "نقلت وكالة سبوتنيك عن مصدر أن مقاتلي الحزب الإسلامي التركستاني هاجموا مواقع الجيش في ريف اللاذقية.",
            {"turkistan_islamic_party": "perpetrator", "syrian_government": "target"},
        ),
        (
            "قصفت الطائرات الروسية مواقع الحزب التركستاني في ريف جسر الشغور.",
            {"russia": "perpetrator", "turkistan_islamic_party": "target"},
        ),
        # nisba adjectives and new aliases of the country actors
        ("صواريخ إسرائيلية استهدفت محيط مطار دمشق الدولي.", {"israel": "perpetrator"}),
        ("قصف العدو الإسرائيلي مواقع في ريف القنيطرة.", {"israel": "perpetrator"}),
        (
            "قصف الطيران الإسرائيلي مواقع للميليشيات الموالية لإيران في ريف دير الزور.",
            {"israel": "perpetrator", "iran": "target"},
        ),
        (
            "قصفت طائرة مسيرة تركية سيارة تقل عناصر من قسد قرب القامشلي، وفقا لكوردستان 24.",
            {"turkey": "perpetrator"},
        ),
        (
            "قصفت القوات التركية مواقع قسد في ريف منبج، بحسب وكالة الأناضول.",
            {"turkey": "perpetrator", "sdf": "target"},
        ),
        ("قتل قيادي في حراس الدين بغارة أمريكية قرب إدلب.", {"united_states": "perpetrator"}),
        (
            "شنت طائرات التحالف الدولي غارات على مواقع تنظيم داعش في بلدة هجين، وفقا لوكالة رويترز.",
            {"us_led_coalition": "perpetrator", "isis": "target"},
        ),
        # pro-government units are the government
        ("نقلت بي بي سي عن مصدر أن قوات الغيث قصفت بلدة اللطامنة.", {"syrian_government": "perpetrator"}),
        ("اعتقلت المخابرات الجوية 5 شبان في مدينة داريا.", {"syrian_government": "perpetrator"}),
        (
            "اعتقل الأمن العسكري 3 أشخاص في مدينة درعا، وفقا لتجمع أحرار حوران.",
            {"syrian_government": "perpetrator"},
        ),
    ],
)
def test_new_actor_roles(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    found = actor_roles(extractor, text)
    for actor_id, role in expected.items():
        assert found.get(actor_id) == role, (actor_id, found)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # the SNA is not the FSA; "الجيش الحر" still is
        ("هاجم الجيش الوطني مواقع قسد قرب منبج.", {"sna"}, {"fsa"}),
        ("هاجم الجيش الحر مواقع للنظام في ريف درعا.", {"fsa"}, {"sna"}),
        # the opposition's interim government is not "الحكومة السورية"
        (
            "ذكرت الحكومة السورية المؤقتة أن فصائل الجيش الوطني استعادت قرية قرب تل أبيض.",
            {"sna", "opposition"},
            {"syrian_government"},
        ),
        # the coalition's full name does not make IS a party
        ("شن التحالف الدولي ضد داعش غارات على بلدة هجين.", {"us_led_coalition"}, {"isis"}),
        # "بقيادة الولايات المتحدة الأمريكية" stays inside the coalition's name
        (
            "قال التحالف الدولي بقيادة الولايات المتحدة الأمريكية إنه شن غارات على مواقع لتنظيم داعش قرب البوكمال.",
            {"us_led_coalition", "isis"},
            {"united_states"},
        ),
    ],
)
def test_alias_collisions(extractor: Extractor, text: str, present: set[str], absent: set[str]) -> None:
    found = set(actor_roles(extractor, text))
    assert present <= found, found
    assert not absent & found, found


# --- sources ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("قالت وكالة الأناضول إن طائرات حربية روسية قصفت بلدة سراقب.", ["anadolu"]),
        ("أفادت وكالة نورث برس بأن القوات التركية قصفت قرى في ريف الحسكة.", ["north_press"]),
        ("وفقا لمنظمة الصحة العالمية، قتل 5 مدنيين في قصف على مدينة إدلب.", ["who"]),
        ("نقلت قناة روسيا اليوم عن مصدر عسكري أن الطائرات قصفت بلدة اللطامنة.", ["rt_arabic"]),
        (
            "قال مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية إن 10 آلاف شخص نزحوا من ريف إدلب الجنوبي.",
            ["ocha"],
        ),
        (
            "قالت المفوضية السامية للأمم المتحدة لشؤون اللاجئين إن 20 ألف شخص نزحوا من مدينة رأس العين.",
            ["unhcr"],
        ),
        (
            "قالت منظمة الأمم المتحدة للطفولة يونيسف إن 4 أطفال قتلوا في غارة على بلدة معرة النعمان.",
            ["unicef"],
        ),
        ("ذكرت صحيفة الوطن السورية أن الجيش استعاد السيطرة على بلدة خان شيخون.", ["al_watan"]),
        ("أفادت شبكة دير الزور 24 بمقتل 3 مدنيين في قصف على بلدة هجين.", ["deir_ezzor_24"]),
        ("أفادت شبكة الرقة تذبح بصمت بأن داعش أعدم 3 مدنيين في مدينة الرقة.", ["rbss"]),
        ("ذكرت وكالة شينخوا أن انفجار سيارة مفخخة قتل 7 أشخاص في مدينة أعزاز.", ["xinhua"]),
        (
            "ذكرت سكاي نيوز عربية أن غارات إسرائيلية استهدفت مستودعات أسلحة قرب مطار دمشق الدولي.",
            ["sky_news_arabia"],
        ),
        ("قال تلفزيون أورينت إن قوات النظام قصفت بلدة كفرنبل بالبراميل المتفجرة.", ["orient"]),
        ("ذكرت وكالة أسوشيتد برس أن مقاتلي العشائر سيطروا على بلدة ذيبان.", ["ap"]),
        ("أفادت قناة الميادين بأن قوات النظام سيطرت على بلدة كفرنبودة.", ["al_mayadeen"]),
        ("قالت وكالة تاس إن الطائرات الروسية قصفت مقرا لهيئة تحرير الشام في ريف إدلب.", ["tass"]),
        (
            "ذكرت وكالة إنترفاكس أن مسلحين هاجموا دورية للشرطة العسكرية الروسية قرب مدينة درعا.",
            ["interfax"],
        ),
        ("نقلت بي بي سي عن مصدر أن قوات الغيث قصفت بلدة اللطامنة.", ["bbc"]),
        (
            "ذكرت صحيفة الشرق الأوسط أن اشتباكات اندلعت بين الجيش الوطني السوري وقوات سوريا الديمقراطية "
            "قرب رأس العين.",
            ["asharq_al_awsat"],
        ),
        (
            "أفادت وكالة قاسيون بأن عناصر من لواء القدس قتلوا في هجوم لتنظيم داعش في بادية حمص.",
            ["qasioun"],
        ),
        ("ذكرت صحيفة القدس العربي أن قوات النظام اعتقلت 12 شابا في مدينة التل.", ["al_quds_al_arabi"]),
        ("قال موقع بلدي نيوز إن الطائرات الحربية الروسية قصفت مدينة أريحا.", ["baladi_news"]),
        (
            "أفادت وكالة روداو بمقتل مقاتلين من وحدات حماية الشعب في قصف تركي على قرية قرب عين العرب.",
            ["rudaw"],
        ),
        (
            "ذكرت وكالة نداء سوريا أن انفجار عبوة ناسفة قتل عنصرين من الجيش الوطني في مدينة الباب.",
            ["nedaa_syria"],
        ),
        ("قصفت طائرة مسيرة تركية سيارة تقل عناصر من قسد قرب القامشلي، وفقا لكوردستان 24.", ["kurdistan24"]),
        (
            "أعلنت وزارة الداخلية السورية أن قوات الأمن اعتقلت 5 أشخاص في ريف دمشق.",
            ["syrian_interior_ministry"],
        ),
        ("قال البنتاغون إن القوات الأمريكية قتلت قياديا في تنظيم حراس الدين بغارة قرب إدلب.", ["us_dod"]),
        ("قصفت قوات النظام مدينة جسر الشغور، وفقا لوكالة الصحافة الفرنسية.", ["afp"]),
        ("اعتقل الأمن العسكري 3 أشخاص في مدينة درعا، وفقا لتجمع أحرار حوران.", ["ahrar_horan"]),
        ("وأفاد موقع زمان الوصل بمقتل ثلاثة مدنيين في قصف على بلدة سرمين.", ["zaman_alwasl"]),
        ("وقالت وكالة فارس إن مستشارا إيرانيا قتل في غارة على مطار التيفور.", ["fars"]),
        ("وذكرت شبكة فرات بوست أن التحالف قصف بلدة هجين بريف دير الزور.", ["furat_post"]),
    ],
)
def test_new_reporters(extractor: Extractor, text: str, sources: list[str]) -> None:
    assert reporters(extractor, text) == sources


@pytest.mark.parametrize(
    ("text", "not_reporter"),
    [
        # "روسيا اليوم" unquoted is Russia + "today"
        ("أعلنت روسيا اليوم أنها قصفت مواقع في إدلب.", "rt_arabic"),
        # the town of Mayadin is not the channel
        ("قال المرصد إن اشتباكات دارت في مدينة الميادين بين قوات النظام وتنظيم داعش.", "al_mayadeen"),
    ],
)
def test_ambiguous_source_names(extractor: Extractor, text: str, not_reporter: str) -> None:
    assert not_reporter not in reporters(extractor, text)


# --- sites ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place_id", "admin1"),
    [
        ("صواريخ إسرائيلية استهدفت محيط مطار دمشق الدولي.", "sy:site:damascus_airport", "Rif Dimashq"),
        ("قصفت طائرات حربية مطار دمشق.", "sy:site:damascus_airport", "Rif Dimashq"),
        ("استهدفت غارة إسرائيلية مطار اللاذقية الدولي.", "sy:site:hmeimim", "Latakia"),
    ],
)
def test_new_sites(extractor: Extractor, text: str, place_id: str, admin1: str) -> None:
    locs = [loc for inc in incidents(extractor, text) for loc in inc.locations]
    assert [(loc.place_id, loc.admin1) for loc in locs] == [(place_id, admin1)]
    # Damascus airport is in Rif Dimashq, not in the city of Damascus
    assert all(loc.name_en != "Damascus" for loc in locs)


# --- the lexicon files themselves -------------------------------------------------------------------


def test_actor_entries_are_complete() -> None:
    actors = load_yaml("actors.yaml")
    for actor_id, info in actors.items():
        assert isinstance(info["name_en"], str) and info["name_en"], actor_id
        assert info.get("side") is None or info["side"] in actors, (actor_id, info.get("side"))
        assert isinstance(info.get("state"), bool), actor_id
        assert info.get("aliases"), actor_id


@pytest.mark.parametrize(
    ("name", "fields"), [("actors.yaml", ("aliases", "adjectives")), ("sources.yaml", ("aliases",))]
)
def test_no_alias_names_two_ids(name: str, fields: tuple[str, ...]) -> None:
    owners: dict[str, set[str]] = {}
    for entry_id, info in load_yaml(name).items():
        for field in fields:
            for alias in info.get(field) or []:
                owners.setdefault(_key(alias), set()).add(entry_id)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared


def test_common_words_are_not_source_aliases() -> None:
    # outlet names that are also a common word, a region, a town or a mountain only count in multiword forms
    keys = {_key(a) for info in load_yaml("sources.yaml").values() for a in info.get("aliases") or []}
    for word in ("الوطن", "الشرق الأوسط", "الميادين", "قاسيون", "روسيا اليوم", "الداخلية"):
        assert _key(word) not in keys, word


def test_sites_file_shape() -> None:
    rows = list(iter_tsv("gazetteer/sites.tsv"))
    assert all(None not in r and len(r) == 11 for r in rows)  # 11 tab-separated columns, no extra field
    ids = [r["place_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert "sy:site:damascus_airport" in ids


def test_faylaq_al_rahman_is_not_faylaq_al_sham() -> None:
    from marsad.models import RawArticle
    from marsad.pipeline import Extractor

    text = "قتل 7 مقاتلين من فيلق الرحمن في اشتباكات مع قوات النظام في بلدة عين ترما."
    result = Extractor().process(RawArticle(id="t", text=text), published="2018-03-20")
    ids = {a.id for i in result.incidents for a in i.actors}
    assert "faylaq_al_rahman" in ids and "faylaq_al_sham" not in ids


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("قتل عدد من المرتزقة الروس في الغارة على دير الزور.", "wagner"),
        ("سيطرت وحدات الحماية على قرية في ريف الحسكة.", "ypg"),
    ],
)
def test_more_names(text: str, actor: str) -> None:
    from marsad.models import RawArticle
    from marsad.pipeline import Extractor

    result = Extractor().process(RawArticle(id="t", text=text), published="2018-02-20")
    assert actor in {a.id for i in result.incidents for a in i.actors}
