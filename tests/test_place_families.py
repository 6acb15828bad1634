"""Where an incident happened, read from whole (self-written) articles: one test per family of
places that are named near an incident but are not its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.models import Incident, RawArticle
from marsad.pipeline import Extractor


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def incidents(ex: Extractor, text: str) -> list[Incident]:
    return ex.process(RawArticle(id="t", text=text), published="2019-05-10").incidents


def places(incs: list[Incident], etype: str | None = None) -> list[str]:
    return [loc.name_en for i in incs if etype in (None, i.type) for loc in i.locations]


def test_where_people_are_moved_to_is_not_the_place(ex: Extractor) -> None:
    text = (
        "وأعلنت الحكومة التوصل إلى اتفاق يقضي بنقل المسلحين وعائلاتهم من مدينة الرستن إلى جرابلس يوم الأحد."
    )
    assert places(incidents(ex, text)) == ["Ar Rastan"]
    text = "واعتقلت دورية أمنية خمسة شبان يوم الجمعة أثناء توجههم إلى مدينة منبج."
    assert "Manbij" not in places(incidents(ex, text))
    # a place reached is where an attack on the way there happened
    text = "قتل أربعة مدنيين بانفجار لغم أرضي لدى عودتهم إلى بلدة مورك يوم السبت."
    assert places(incidents(ex, text)) == ["Mūrak"]


def test_a_clause_without_places_takes_every_place_of_the_next(ex: Extractor) -> None:
    text = "وقال المرصد إن الطائرات الحربية أطلقت صواريخ عدة، باتجاه نقاط لقوات النظام في محيط بلدة كفرنبل وسراقب يوم الجمعة."
    assert places(incidents(ex, text)) == ["Kafranbel", "Saraqib"]


def test_a_bare_capital_is_coarse_beside_a_town_of_its_province(ex: Extractor) -> None:
    text = (
        "وشن التنظيم هجوما على دير الزور قتل خلاله 20 عنصرا من قوات النظام قرب مدينة الميادين يوم الأربعاء."
    )
    assert places(incidents(ex, text)) == ["Al Mayādīn"]


def test_towns_added_to_the_shipped_gazetteer(ex: Extractor) -> None:
    text = "قتل ثلاثة عناصر من قوات سوريا الديمقراطية بهجوم على حاجز في مدينة الشدادي يوم الأحد."
    assert [(loc.name_en, loc.admin1) for i in incidents(ex, text) for loc in i.locations] == [
        ("Ash Shaddādah", "Hasakah")
    ]
    text = "وسقطت قذائف على مطار النيرب العسكري وعلى بلدة بيت ساوا يوم الأحد."
    assert places(incidents(ex, text)) == ["Nayrab", "Beit Sawa"]
    # "جبا" (levied) is a village only with a place cue
    assert places(incidents(ex, "قصفت المدفعية بلدة جبا في ريف القنيطرة يوم الاثنين.")) == ["Jabā"]
    assert "Jabā" not in places(
        incidents(ex, "وجبا التنظيم الضرائب من السكان قبل أن يقصف حي الوعر يوم الاثنين.")
    )


def test_an_area_is_not_a_village_by_its_cue(tmp_path: Path) -> None:
    """ "منطقة برزة": منطقة says area, not village; a namesake village of an imported list does not
    beat the Damascus quarter the article is about."""
    from marsad.extract.gazetteer import BASE_FILES, Gazetteer
    from marsad.extract.locations import LocationFinder
    from marsad.resources import data_path
    from marsad.text.normalize import normalize

    village = tmp_path / "villages.tsv"
    village.write_text(
        "place_id\tname_en\tname_ar\tnames_ar\tprecision\tadmin1\tadmin2\tlat\tlon\n"
        "t:1\tBarza Village\tبرزة\tبرزة\tcommunity\tHoms\t\t34.77\t36.92\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.from_files([data_path(f"gazetteer/{n}") for n in BASE_FILES], [village])
    text = "قصفت الطائرات مواقع في حمص. وفي منطقة برزة في شمال دمشق دمر مبنى."
    found = LocationFinder(gaz).find(normalize(text))
    assert [(loc.name_en, loc.precision) for loc in found if "برزة" in loc.text] == [
        ("Damascus", "neighbourhood")
    ]
    # a village cue still picks the village
    found = LocationFinder(gaz).find(normalize("قصفت الطائرات قرية برزة في ريف حمص"))
    assert found[0].name_en == "Barza Village"


def test_the_seat_of_the_russian_reconciliation_centre_is_no_place(ex: Extractor) -> None:
    text = "وقال المركز الروسي للمصالحة في قاعدة حميميم إن مسلحين قصفوا بلدة محردة بالقذائف يوم الجمعة."
    assert places(incidents(ex, text)) == ["Maharda"]


def test_a_correspondent_of_a_two_word_agency_is_somewhere_not_an_incident_place(ex: Extractor) -> None:
    text = "وقال مراسل فرانس برس في دمشق إن قصفا مدفعيا استهدف بلدة عندان يوم الجمعة."
    assert places(incidents(ex, text)) == ["‘Andān"]


def test_around_the_capital_is_its_countryside(ex: Extractor) -> None:
    text = "وقصفت طائرات إسرائيلية موقعا عسكريا قرب العاصمة دمشق ليل الثلاثاء."
    assert [loc.admin1 for i in incidents(ex, text) for loc in i.locations] == ["Rif Dimashq"]
    text = "وقتل طفل في قصف بقذائف الهاون في شرق دمشق يوم الثلاثاء."
    assert [loc.admin1 for i in incidents(ex, text) for loc in i.locations] == ["Damascus"]


def test_a_clause_borrowing_its_place_takes_the_finest_named_before_it(ex: Extractor) -> None:
    text = "واغتيل ضابط يوم السبت في بلدة جاسم في ريف درعا جنوب سوريا، بانفجار عبوة ناسفة استهدفت سيارته."
    assert places(incidents(ex, text), "bombing") == ["Jāsim"]


def test_what_a_place_borders_is_no_place_of_the_incident(ex: Extractor) -> None:
    text = (
        "هاجم مسلحو داعش موقعا للجيش في محيط بلدة القريتين على الحدود الإدارية مع محافظة دير الزور يوم الأحد."
    )
    assert places(incidents(ex, text)) == ["Al Qaryatayn"]


def test_quarters_named_beside_another_town_are_not_the_big_citys(ex: Extractor) -> None:
    text = "ودخلت القوات مدينة عفرين يوم الأحد وسيطرت على حيي الأشرفية والجميلية."
    assert places(incidents(ex, text)) == ["‘Afrīn"]
    text = "وقتل ثلاثة مدنيين في قصف على حي الشعار في مدينة حلب يوم الأحد."
    assert [loc.precision for i in incidents(ex, text) for loc in i.locations] == ["neighbourhood"]


def test_a_quoted_holder_still_holds_its_place(ex: Extractor) -> None:
    text = 'وسقطت صواريخ قرب مقر "الحكومة الشرعية" في دمشق يوم الأحد.'
    assert [i.type for i in incidents(ex, text)] == ["shelling"]
    assert "Damascus" not in places(incidents(ex, text))


def test_a_town_named_like_a_dual_noun_needs_a_place_cue(ex: Extractor) -> None:
    text = "ونفذ التحالف يوم الجمعة غارات جوية على جسرين استراتيجيين في محافظة دير الزور."
    assert places(incidents(ex, text)) == ["Deir ez-Zor"]
    assert places(incidents(ex, "وقصفت الطائرات بلدة جسرين في الغوطة الشرقية يوم الجمعة.")) == ["Jisreen"]


def test_an_imported_variant_of_a_word_like_name_needs_a_cue_too(tmp_path: Path) -> None:
    from marsad.extract.gazetteer import BASE_FILES, Gazetteer
    from marsad.extract.locations import LocationFinder
    from marsad.resources import data_path
    from marsad.text.normalize import normalize

    village = tmp_path / "villages.tsv"
    village.write_text(
        "place_id\tname_en\tname_ar\tnames_ar\tprecision\tadmin1\tadmin2\tlat\tlon\n"
        "t:2\tJisreen\tجسرين\tجسرين|الجسرين\tcommunity\tRif Dimashq\t\t33.52\t36.37\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.from_files([data_path(f"gazetteer/{n}") for n in BASE_FILES], [village])
    found = LocationFinder(gaz).find(normalize("وأوضح أن أحد الجسرين يصل بين البلدتين في محافظة دير الزور."))
    assert [loc.name_en for loc in found] == ["Deir ez-Zor"]
