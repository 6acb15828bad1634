"""Arabic search terms: one folding and light stemming for what is indexed and what is asked."""

from __future__ import annotations

import pytest

from marsad.store.search import fts5_query, index_terms, matches, query_terms, snippet, stem, tsquery


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("الرقه", "سقطت قذائف على مدينة الرقة صباحاً"),  # ta marbuta
        ("الرقة", "وصل الوفد إلى الرقه"),
        ("رقة", "في الرقّة"),  # shadda, no article in the question
        ("الرقه", "عاد النازحون بالرقة"),  # article with proclitic بـ
        ("الرقه", "والرقة هادئة"),
        ("اعزاز", "انفجار في إعزاز"),  # hamza under alef
        ("إعزاز", "انفجار في اعزاز"),
        ("مستشفى", "قصف مستشفي الأطفال"),  # alef maqsura / ya
        ("مدني", "مقتل ثلاثة مدنيين"),  # a question word is a prefix
        ("حلب", "قصف متبادل بحلب"),  # a bare question word also matches with a proclitic
        ("دوما", "ووصلت القافلة لدوما"),
        ("الشهداء", "الشُّهَداءِ"),  # diacritics
        ("٣", "3 قتلى"),  # Arabic-Indic digits
        ("aleppo", "Clashes in ALEPPO"),
    ],
)
def test_folded_question_finds_text(query: str, text: str) -> None:
    assert matches(query_terms(query), text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("الرقه", "مدينة الحسكة"),
        ("حلب", "محافظة حماة"),
        ("بيروت", "يروت"),  # the question keeps its proclitic-like first letter
        ("مدنيين", "مدني واحد"),  # prefix, not the other way round
        ("الرقه حلب", "في الرقة فقط"),  # every word must match
        ("الرقة", "قدم الوفد ورقة عمل"),  # asked with the article: "ورقة" (paper) is not Raqqa
        ("الرقة", "قصفت الفرقة الرابعة"),  # nor "الفرقة" (division)
    ],
)
def test_unrelated_text_does_not_match(query: str, text: str) -> None:
    assert not matches(query_terms(query), text)


def test_stem_and_terms() -> None:
    assert stem("الرقه") == "رقه"
    assert stem("بالرقه") == "رقه"
    assert stem("للاجيين") == "اجيين"
    assert stem("ال") == "ال"  # too short to strip
    assert stem("aleppo") == "aleppo"
    assert index_terms("قُتل 3 في الرقّة، وبحلب") == "قتل 3 في رقه وبحلب"
    assert query_terms("  ، ! ") == []
    assert query_terms("الرقة الرقه") == [("رقه",)]  # asked with the article: no proclitic forms
    assert query_terms("حلب")[0][:3] == ("حلب", "وحلب", "بحلب")


def test_query_expressions_quote_every_term() -> None:
    terms = query_terms("الرقة 12")
    assert fts5_query(terms) == '("رقه"*) AND ("12"*)'
    assert tsquery(terms) == "(رقه:*) & (12:*)"
    assert fts5_query(query_terms("دوما")).startswith('("دوما"* OR "ودوما"* OR "بدوما"*')
    assert tsquery(query_terms("دوما")).startswith("(دوما:* | ودوما:* | بدوما:*")


def test_snippet_shows_the_match_in_the_original_spelling() -> None:
    text = "خبر طويل. " * 20 + "قصف على مدينة الرقّة أمس أدى إلى أضرار. " + "تفاصيل أخرى. " * 20
    got = snippet(text, query_terms("الرقه"), width=40)
    assert "الرقّة" in got and got.startswith("… ") and got.endswith(" …")
    assert snippet("نص قصير", query_terms("حلب")) == "نص قصير"
