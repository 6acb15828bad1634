"""Cleaning: noise is blanked (never cut), offsets survive, title/published/dateline are read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.io.clean import NO_DATE_WARNING, clean, find_dateline
from marsad.io.readers import iter_articles
from marsad.models import RawArticle

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FIX = Path(__file__).parent / "fixtures"


def _kept_lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _assert_offsets_preserved(raw: str, cleaned: str, removed: list[tuple[int, int]]) -> None:
    assert len(cleaned) == len(raw)
    blanked = set()
    for s, e in removed:
        assert cleaned[s:e].strip() == ""
        assert cleaned[s:e].count("\n") == raw[s:e].count("\n")
        blanked.update(range(s, e))
    for i, (a, b) in enumerate(zip(raw, cleaned, strict=True)):
        if i not in blanked:
            assert a == b, f"character {i} changed outside a removed range"


ARTICLE = """هجومان على مواقع النظام في ريف حلب

تاريخ النشر: 08 ديسمبر 2016 - 11:40 GMT
عناصر من الدفاع المدني يبحثون عن ناجين تحت الأنقاض
عناصر من الدفاع المدني يبحثون عن ناجين تحت الأنقاض

بيروت – «الحياة» - قتل 12 عنصراً من قوات النظام أمس في هجوم للتنظيم على مواقع قرب خناصر.
Ad
وقال المرصد إن الاشتباكات تواصلت حتى فجر الخميس.&
&
اقرأ أيضا: غارات على ريف إدلب
شارك هذا المقال
تابعونا على تويتر
هجومان على مواقع النظام في ريف حلب
لم تشترك بعد
انشئ حساباً خاصاً بك لتحصل على أخبار مخصصة لك
"""


def test_noise_blanked_and_offsets_preserved():
    raw = RawArticle(id="a", text=ARTICLE)
    doc = clean(raw)
    _assert_offsets_preserved(ARTICLE, doc.text, doc.removed)
    assert _kept_lines(doc.text) == [
        "هجومان على مواقع النظام في ريف حلب",
        "عناصر من الدفاع المدني يبحثون عن ناجين تحت الأنقاض",
        "بيروت – «الحياة» - قتل 12 عنصراً من قوات النظام أمس في هجوم للتنظيم على مواقع قرب خناصر.",
        "وقال المرصد إن الاشتباكات تواصلت حتى فجر الخميس.",
    ]
    kept = "قتل 12 عنصراً من قوات النظام"
    assert doc.text.index(kept) == ARTICLE.index(kept)
    assert (doc.title, doc.published, doc.dateline) == (
        "هجومان على مواقع النظام في ريف حلب",
        "2016-12-08",
        "بيروت",
    )
    assert doc.warnings == []


def test_no_publication_date_warns():
    doc = clean(RawArticle(id="b", text="قتل خمسة مدنيين أمس في قصف على دوما."))
    assert doc.published is None
    assert doc.warnings == [NO_DATE_WARNING]
    assert doc.title is None  # a single sentence is the body, not a title


def test_metadata_title_and_date_win():
    text = "تاريخ النشر: 08 ديسمبر 2016\nقتل خمسة مدنيين أمس في قصف على دوما."
    doc = clean(RawArticle(id="c", text=text, title="عنوان من الموقع", published="2016-12-09"))
    assert (doc.title, doc.published) == ("عنوان من الموقع", "2016-12-09")
    assert doc.text.startswith(" " * len("تاريخ النشر: 08 ديسمبر 2016") + "\n")


def test_headline_inside_text_is_not_taken_for_dateline():
    text = "حلب تحت النار\n\nحلب - (رويترز) - قال المرصد إن 12 مدنياً قتلوا."
    doc = clean(RawArticle(id="d", text=text, title="حلب تحت النار"))
    assert doc.dateline == "حلب"


def test_body_mentions_of_noise_words_are_kept():
    text = (
        "شارك هذا المقال\n"
        "وقال مسؤول إن الفصائل رفضت الاتفاق، ونشر في بيان صحافي تفاصيل ما جرى في المدينة خلال الأسبوع الماضي.\n"
        "وأضاف أن مقاتلين شاركوا في الهجوم الذي أعلن عنه على حساب الفصيل."
    )
    doc = clean(RawArticle(id="e", text=text))
    assert _kept_lines(doc.text) == _kept_lines(text)[1:]
    assert doc.published is None


@pytest.mark.parametrize(
    ("paragraph", "city"),
    [
        ("بيروت: فرّ اكثر من عشرة آلاف مدني", "بيروت"),
        ("دمشق - (أ ف ب) - قتل خمسة مدنيين", "دمشق"),
        ("بيروت – «الحياة» - تواصلت المعارك", "بيروت"),
        ("حمص (رويترز) - قال المرصد", "حمص"),
        ("القلمون - (أ ف ب) - اندلعت اشتباكات", "القلمون"),
        ("عمّان: قال مسؤول أردني", "عمّان"),
        ("بيروت، 8 ديسمبر (رويترز) - قال المرصد", "بيروت"),
        ("وقال المرصد: إن الاشتباكات تواصلت", None),
        ("ذكرت (سانا) أن الجيش تقدم", None),
        ("حلب تحت النار: قصف عنيف", None),
        ("قتل 5 - بينهم طفلان", None),
    ],
)
def test_dateline(paragraph, city):
    assert find_dateline(paragraph) == city


def test_cp1256_fixture_dateline():
    (raw,) = list(iter_articles([str(FIX / "corpus" / "02_cp1256.txt")]))
    assert clean(raw).dateline == "بيروت"


# ---------------------------------------------------------------- seeds (checked by eye, then pinned)

seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def _seed(prefix: str):
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    (raw,) = list(iter_articles([str(path)]))
    doc = clean(raw)
    _assert_offsets_preserved(raw.text, doc.text, doc.removed)
    return raw, doc


def _removed_texts(raw, doc) -> list[str]:
    return [raw.text[s:e] for s, e in doc.removed]


@seeds
def test_seed_000_dated_header_and_duplicate_caption():
    raw, doc = _seed("000")
    caption = "أناس من الذين تركوا أحياء شرق حلب يحملون متاعهم اثناء وصولهم لمنطقة تخضع لسيطرة الحكومة"
    assert _removed_texts(raw, doc) == ["تاريخ النشر: 08 ديسمبر 2016 - 11:40 GMT", caption]
    assert doc.text.count(caption) == 1
    assert doc.published == "2016-12-08"
    assert doc.title == "هجوم لداعش شرق حمص يخلف 26 قتيلا من قوات النظام"
    assert doc.warnings == []


@seeds
def test_seed_001_title_no_dateline():
    raw, doc = _seed("001")
    assert doc.title == "حلب تحت النار: قصف عنيف، قتلى وجرحى، ودي ميستورا في موسكو"
    assert doc.dateline is None
    assert doc.removed == []
    assert doc.warnings == [NO_DATE_WARNING]


@seeds
def test_seed_002_dateline_and_stray_ampersands():
    raw, doc = _seed("002")
    assert doc.dateline == "بيروت"
    assert _removed_texts(raw, doc) == ["&", "&"]
    assert "&" not in doc.text
    assert doc.title is None and doc.published is None


@seeds
def test_seed_003_ad_line():
    raw, doc = _seed("003")
    assert _removed_texts(raw, doc) == ["Ad"]
    assert "\nAd\n" not in doc.text


@seeds
def test_seed_004_repeated_headline_and_account_prompts():
    raw, doc = _seed("004")
    removed = _removed_texts(raw, doc)
    assert removed[0] == "هجومان لـ«داعش» على المعارضة والنظام"
    assert removed[1] == "لم تشترك بعد"
    assert removed[2].startswith("انشئ حساباً خاصاً بك")
    assert len(removed) == 3
    assert doc.text.count("هجومان لـ«داعش» على المعارضة والنظام") == 1
    assert doc.title == "هجومان لـ«داعش» على المعارضة والنظام"


# ---------------------------------------------------------------- property: offsets never move

LINES = [
    "قتل خمسة مدنيين في قصف على دوما.",
    "وقال المرصد إن الاشتباكات تواصلت حتى الفجر.",
    "Ad",
    "إعلان",
    "اقرأ أيضا: غارات على إدلب",
    "تاريخ النشر: 08 ديسمبر 2016",
    "&",
    "قصف مدفعي على حي جوبر&",
    "عناصر الدفاع المدني يبحثون عن ناجين",
    "",
    "   ",
    "قُتِلَ طفلٌ في الغارة",
]


@given(st.lists(st.sampled_from(LINES), max_size=30), st.sampled_from(["\n", "\n\n"]))
@settings(max_examples=200, deadline=None)
def test_clean_preserves_length_and_kept_characters(lines, sep):
    text = sep.join(lines)
    doc = clean(RawArticle(id="p", text=text))
    _assert_offsets_preserved(text, doc.text, doc.removed)
    assert "&" not in doc.text
    assert "اقرأ أيضا" not in doc.text


@pytest.mark.parametrize(
    ("text", "published", "blanked"),
    [
        ("عنوان الخبر\nالخميس 08 ديسمبر 2016 - 11:40 GMT\nقتل خمسة مدنيين.", "2016-12-08", True),
        ("عنوان الخبر\n2016-12-08 11:40\nقتل خمسة مدنيين.", "2016-12-08", True),
        ("عنوان الخبر\n١٢/٠٣/٢٠١٧\nقتل خمسة مدنيين.", "2017-03-12", True),
        ("عنوان الخبر\nآخر تحديث: 9 كانون الأول 2016\nقتل خمسة مدنيين.", "2016-12-09", True),
        # a sentence starting with a date is body text, not metadata
        ("عنوان الخبر\n8 ديسمبر 2016 قتل خمسة مدنيين\nنص.", None, False),
        # a bare date deep in the article is not the publication date
        ("عنوان\n" + "قتل مدني.\n" * 6 + "08 ديسمبر 2016\n", None, False),
    ],
)
def test_publication_date_lines(text, published, blanked):
    doc = clean(RawArticle(id="d", text=text))
    assert doc.published == published
    assert bool(doc.removed) is blanked


def test_a_link_to_the_story_repeating_its_title_is_noise() -> None:
    text = "قتل خمسة مدنيين في قصف على بلدة سراقب.\nرابط الخبر بصحيفة المدينة: مقتل خمسة مدنيين في سراقب"
    doc = clean(RawArticle(id="l", text=text))
    assert _kept_lines(doc.text) == ["قتل خمسة مدنيين في قصف على بلدة سراقب."]
