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
