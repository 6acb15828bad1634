"""Location extraction rules, one family per test, plus the gold places of the seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extract.gazetteer import Gazetteer
from marsad.extract.locations import LocationFinder
from marsad.io.clean import clean
from marsad.io.readers import iter_articles
from marsad.models import Location, RawArticle
from marsad.text.normalize import normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def finder() -> LocationFinder:
    return LocationFinder(Gazetteer.load())


def find(finder: LocationFinder, text: str) -> list[Location]:
    locs = finder.find(normalize(text))
    for loc in locs:
        assert text[loc.start : loc.end] == loc.text
    return locs


def summary(locs: list[Location]) -> list[tuple]:
    return [(loc.text, loc.name_en, loc.admin1, loc.precision, loc.relation) for loc in locs]


def test_prefixes_and_kafr_spacing(finder: LocationFinder) -> None:
    text = "قصفت الطائرات كفرنبل وكفر نبل وبكفرنبل ثم سراقب"
    assert summary(find(finder, text)) == [
        ("كفرنبل", "Kafranbel", "Idlib", "community", "in"),
        ("كفر نبل", "Kafranbel", "Idlib", "community", "in"),
        ("كفرنبل", "Kafranbel", "Idlib", "community", "in"),
        ("سراقب", "Saraqib", "Idlib", "community", "in"),
    ]
    locs = find(finder, text)
    assert (locs[1].start, locs[1].end) == (text.index("كفر نبل"), text.index("كفر نبل") + 7)
    assert locs[2].start == text.index("بكفرنبل") + 1  # the clitic is not part of the mention


def test_offsets_survive_diacritics(finder: LocationFinder) -> None:
    text = "غاراتٌ على مَدينةِ تَدْمُر اليوم"
    (loc,) = find(finder, text)
    assert loc.text == "تَدْمُر" and loc.name_en == "Tadmur"


def test_countryside(finder: LocationFinder) -> None:
    locs = find(finder, "اشتباكات في ريف حلب الجنوبي وبريف حماة الشمالي وريف إدلب وريف منبج")
    assert summary(locs) == [
        ("ريف حلب الجنوبي", "Aleppo", "Aleppo", "region", "countryside"),
        ("ريف حماة الشمالي", "Hama", "Hama", "region", "countryside"),
        ("ريف إدلب", "Idlib", "Idlib", "region", "countryside"),
        ("ريف منبج", "Manbij", "Aleppo", "region", "countryside"),
    ]
    assert locs[0].place_id == "sy:gov:aleppo"


def test_countryside_side_does_not_leak_to_next_name(finder: LocationFinder) -> None:
    locs = find(finder, "غارات على ريف إدلب الجنوبي ومعرة النعمان")
    assert [(loc.name_en, loc.relation) for loc in locs] == [
        ("Idlib", "countryside"),
        ("Ma‘arrat an Nu‘mān", "in"),
    ]


def test_directions_and_near(finder: LocationFinder) -> None:
    locs = find(
        finder, "تقدم شرق حمص وغربي تدمر وجنوب شرق دير حافر وبالقرب من خناصر وعلى أطراف القلمون الشرقي"
    )
    assert summary(locs) == [
        ("شرق حمص", "Homs", "Homs", "community", "east_of"),
        ("غربي تدمر", "Tadmur", "Homs", "community", "west_of"),
        ("جنوب شرق دير حافر", "Dayr Ḩāfir", "Aleppo", "community", "south_of"),
        ("القرب من خناصر", "Khanāşir", "Aleppo", "community", "near"),
        ("أطراف القلمون الشرقي", "Rif Dimashq", "Rif Dimashq", "region", "near"),
    ]


def test_neighbourhood_follows_the_city_of_the_article(finder: LocationFinder) -> None:
    aleppo = find(finder, "قصف على حي الخالدية في مدينة حلب")
    homs = find(finder, "قصف على حي الخالدية في مدينة حمص")
    assert summary(aleppo)[0] == ("حي الخالدية", "Aleppo", "Aleppo", "neighbourhood", "in")
    assert summary(homs)[0] == ("حي الخالدية", "Homs", "Homs", "neighbourhood", "in")


def test_bare_neighbourhood_needs_its_city(finder: LocationFinder) -> None:
    assert find(finder, "معارك في بستان القصر") != []  # unique name, kept with its city
    assert [loc.name_en for loc in find(finder, "معارك في الكلاسة وسط حلب")] == ["Aleppo", "Aleppo"]
    # الزهراء: Aleppo community or Homs neighbourhood; the article is about Homs.
    homs = find(finder, "قذائف على حي الزهراء في حمص")
    assert (homs[0].name_en, homs[0].precision) == ("Homs", "neighbourhood")
    aleppo = find(finder, "فك الحصار عن بلدة الزهراء في ريف حلب الشمالي")
    assert (aleppo[0].name_en, aleppo[0].precision) == ("Az Zahraa", "community")


def test_regions_sites_and_fields(finder: LocationFinder) -> None:
    locs = find(finder, "معارك في البادية الشرقية لحمص قرب مطار التيفور وحقل الشاعر وفي الغوطة الشرقية")
    assert [(loc.text, loc.name_en, loc.admin1, loc.precision) for loc in locs] == [
        ("البادية الشرقية لحمص", "Homs", "Homs", "region"),
        ("قرب مطار التيفور", "Tiyas", "Homs", "community"),
        ("حقل الشاعر", "Shaer Gas Field", "Homs", "community"),
        ("الغوطة الشرقية", "Rif Dimashq", "Rif Dimashq", "region"),
    ]
    assert locs[1].lat == pytest.approx(34.52, abs=0.05)


def test_ambiguity_resolved_by_article_governorate(finder: LocationFinder) -> None:
    hama = find(finder, "قصف على اللطامنة وكفرزيتا وصوران في ريف حماة")
    assert [loc.admin1 for loc in hama] == ["Hama", "Hama", "Hama", "Hama"]
    aleppo = find(finder, "تقدمت القوات نحو صوران وأعزاز في ريف حلب الشمالي")
    assert aleppo[0].admin1 == "Aleppo"


def test_common_word_names_need_a_cue(finder: LocationFinder) -> None:
    assert find(finder, "فتح الباب أمام المفاوضات") == []
    locs = find(finder, "قتل ثلاثة في مدينة الباب وفي الباب أيضا")
    assert [(loc.text, loc.name_en) for loc in locs] == [("الباب", "Al Bāb"), ("الباب", "Al Bāb")]
    # "طريق الباب" is an Aleppo street/neighbourhood, not the town.
    assert [loc.name_en for loc in find(finder, "معارك في طريق الباب شرق حلب")] == ["Aleppo", "Aleppo"]


def test_not_places(finder: LocationFinder) -> None:
    assert find(finder, "قال المرصد السوري لحقوق الإنسان إن الشعب السوري والقوات السورية") == []
    assert find(finder, "تقدمت قوات سوريا الديمقراطية وحركة أحرار الشام") == []
    (loc,) = find(finder, "الحرب في سوريا")
    assert (loc.name_en, loc.admin1, loc.precision) == ("Syria", None, "country")


def test_dateline_is_not_a_place(finder: LocationFinder) -> None:
    locs = find(finder, "دمشق - (أ ف ب): قتل خمسة في جوبر بدمشق")
    assert [(loc.text, loc.precision) for loc in locs] == [("جوبر", "neighbourhood"), ("دمشق", "community")]


def test_governorate_with_cue_and_repeat_mentions(finder: LocationFinder) -> None:
    locs = find(finder, "في محافظة إدلب وإدلب وإدلب")
    assert [(loc.name_en, loc.precision) for loc in locs] == [
        ("Idlib", "governorate"),
        ("Idlib", "community"),
        ("Idlib", "community"),
    ]
    assert locs[0].start == 3 and locs[2].start > locs[1].start


def test_plural_cue_covers_the_list_after_it(finder: LocationFinder) -> None:
    locs = find(
        finder, "أعلن الجيش بدء حملة في محافظتي حماة (وسط) وحلب، وقصف بلدات سراقب، وبنش ومعرة النعمان."
    )
    assert [(loc.name_en, loc.precision) for loc in locs] == [
        ("Hama", "governorate"),
        ("Aleppo", "governorate"),
        ("Saraqib", "community"),
        ("Binnish", "community"),
        ("Ma‘arrat an Nu‘mān", "community"),
    ]
    # a singular cue does not carry over: "محافظة درعا ودرعا" names a province, then its city
    locs = find(finder, "اشتباكات في محافظة درعا ودرعا")
    assert [loc.precision for loc in locs] == ["governorate", "community"]


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds not present")
def test_seed_gold_places_are_found(finder: LocationFinder) -> None:
    checked = 0
    for art in iter_articles([str(SHARED / "seeds")]):
        assert isinstance(art, RawArticle)
        doc = clean(art)
        found = {(loc.name_en, loc.admin1) for loc in finder.find(normalize(doc.text))}
        gold = json.loads((SHARED / "gold" / "seeds" / f"{art.id}.json").read_text(encoding="utf-8"))
        for inc in gold["incidents"]:
            for loc in inc.get("locations", []):
                assert (loc["name_en"], loc["admin1"]) in found, (art.id, loc)
                checked += 1
    assert checked >= 20


# --- metonymy, datelines, appositions, sources' places --------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "اتهمت دمشق الفصائل بخرق الهدنة",
        "أعلنت موسكو أنها سترسل وفدا",
        "قالت أنقرة إن قواتها لن تنسحب",
        "ورحبت روسيا بالاتفاق وانتقدت واشنطن الخطوة",
        "حذرت الحكومة التركية دمشق من التصعيد",
    ],
)
def test_capitals_and_countries_as_governments_are_not_places(finder: LocationFinder, text: str) -> None:
    assert find(finder, text) == []


def test_capital_in_a_locative_frame_is_a_place(finder: LocationFinder) -> None:
    locs = find(finder, "سقطت قذائف في دمشق وبموسكو عقد اجتماع داخل روسيا")
    assert [(loc.name_en, loc.country) for loc in locs] == [
        ("Damascus", "SY"),
        ("Moscow", "RU"),
        ("Russia", "RU"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "أتلانتا، الولايات المتحدة الأمريكية (CNN) -- قال مسؤول إن الاجتماع انتهى",
        "بيروت - (أ ف ب): قال مسؤول إن الاجتماع انتهى",
        "لندن، المملكة المتحدة (CNN)-- أعلن متحدث أن الاجتماع انتهى",
    ],
)
def test_datelines_are_not_places(finder: LocationFinder, text: str) -> None:
    assert find(finder, text) == []


def test_a_place_that_locates_the_one_before_is_not_a_second_place(finder: LocationFinder) -> None:
    locs = find(finder, "قتل مدنيان في مدينة دوما قرب دمشق وفي بلدة مصياف جنوب غرب محافظة حماة")
    assert [loc.name_en for loc in locs] == ["Dūmā", "Maşyāf"]
    # a coarse place first, the finer one after it: the finer one stays
    locs = find(finder, "انفجارات بريف دمشق قرب مطار دمشق الدولي")
    assert "Rif Dimashq" in [loc.name_en for loc in locs] and len(locs) == 2


def test_where_sources_sit_is_not_where_it_happened(finder: LocationFinder) -> None:
    locs = find(finder, "قالت مصادر في دمشق ومراسل في مدينة حمص إن الطائرات قصفت سراقب")
    assert [loc.name_en for loc in locs] == ["Saraqib"]
    assert find(finder, "وقال مصدر حقوقي من مدينة السويداء إن") == []


def test_where_fighters_come_from_is_not_a_place(finder: LocationFinder) -> None:
    assert find(finder, "لواء ينحدر أغلب عناصره من محافظة الرقة") == []
    assert find(finder, "وقال صلاح الدين أحمد إن") == []  # a first name, not the Aleppo quarter


def test_dual_countryside_covers_both_names(finder: LocationFinder) -> None:
    locs = find(finder, "قصف صاروخي على ريفي حماة وإدلب")
    assert [(loc.name_en, loc.precision, loc.relation) for loc in locs] == [
        ("Hama", "region", "countryside"),
        ("Idlib", "region", "countryside"),
    ]


def test_lebanon_is_not_a_village_after_a_clitic(finder: LocationFinder) -> None:
    locs = find(finder, "يعيش لاجئون في لبنان")
    assert [(loc.name_en, loc.country) for loc in locs] == [("Lebanon", "LB")]


def test_word_like_names_need_a_cue_or_a_list(finder: LocationFinder) -> None:
    assert find(finder, "ألقى الرئيس خطاب النصر أمس") == []
    assert find(finder, "في خطاب ألقاه أمس") == []  # a preposition alone is not enough
    assert [loc.name_en for loc in find(finder, "قصفت المدفعية قرية خطاب")] == ["Khattab"]
    assert [loc.name_en for loc in find(finder, "حاولت حماة طرد صهرها")] == []  # mother-in-law


# --- an imported community list -------------------------------------------------------------------
@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> LocationFinder:
    from typer.testing import CliRunner

    from marsad.cli import app
    from marsad.resources import data_path

    out = tmp_path_factory.mktemp("gaz")
    layers = Path(__file__).parent / "fixtures" / "gazetteer" / "ocha_layers"
    res = CliRunner().invoke(app, ["gazetteer", "import", str(layers), "--into", str(out)])
    assert res.exit_code == 0, res.output
    base = [
        data_path(f"gazetteer/{n}")
        for n in ("governorates.tsv", "geonames_sy.tsv", "regions.tsv", "world.tsv")
    ]
    return LocationFinder(Gazetteer.from_files(base, [out / "ocha.tsv"]))


def test_imported_word_village_needs_a_place_cue(imported: LocationFinder) -> None:
    assert find(imported, "ألقى الرئيس خطاب النصر في إدلب")[0].name_en == "Idlib"
    assert len(find(imported, "ألقى الرئيس خطاب النصر في إدلب")) == 1
    (loc, _) = find(imported, "قصفت الطائرات قرية خطاب في ريف إدلب")
    assert (loc.name_en, loc.admin2, loc.admin3, loc.pcode, loc.admin3_pcode) == (
        "Khattab",
        "Testdistrict",
        "Kafr Tajriba",
        "C9902",
        "SY990100",
    )
    # one sense per article: a later bare mention of the cued name is the village too
    locs = find(imported, "قصفت الطائرات قرية خطاب. ونزح أهالي خطاب")
    assert [loc.pcode for loc in locs] == ["C9902", "C9902"]


def test_imported_village_listed_with_places(imported: LocationFinder) -> None:
    locs = find(imported, "اشتباكات في تل وردات وخطاب بريف إدلب")
    assert [loc.pcode for loc in locs] == ["C9903", "C9902", "SY99"]


def test_imported_village_needs_its_governorate_in_the_article(imported: LocationFinder) -> None:
    assert [loc.pcode for loc in find(imported, "غارات على تلوردات في ريف إدلب")][0] == "C9903"
    assert [loc.name_en for loc in find(imported, "اشتباكات في تل وردات قرب درعا")] == ["Daraa"]


def test_shipped_city_carries_imported_codes(imported: LocationFinder) -> None:
    (loc,) = find(imported, "قتل خمسة في دمشق")
    assert (loc.place_id, loc.pcode, loc.admin2_pcode, loc.country) == (
        "geonames:170654",
        "C9801",
        "SY9801",
        "SY",
    )
