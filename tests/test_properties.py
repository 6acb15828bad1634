"""Property tests: ``Extractor().process`` never raises, and every span points into the text.

Three kinds of input: any Unicode; Arabic-heavy text built from letters, digits (both kinds),
diacritics, tatweel, bidi marks and punctuation; and shuffled conflict-report vocabulary, which
reaches the casualty/location/actor/date matchers far more often than random letters do.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.models import RawArticle

SEEDS = sorted(Path("/work/shared/seeds").glob("*.txt"))

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + ["ى", "ة", "ی", "ک", "ٱ"]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
DIGITS = list("0123456789") + [chr(0x0660 + i) for i in range(10)] + [chr(0x06F0 + i) for i in range(10)]
MARKS = ["\u200f", "\u200e", "\u200c", "\u200d", "\u202b", "\u202c", "\ufeff", "\u00a0"]
PUNCT = list(" \n\t.,:;!?()[]\"'-–—/") + ["،", "؛", "؟", "«", "»", "“", "”", "٪", "٫"]
_PHRASES = (
    "قتل|مقتل|لقي حتفهم|لقوا مصرعهم|قتيلا|قتيلاً|جرحى|أصيب|إصابة|نزح|نزوح|اعتقل|خطف|فقد|عشرات|مئات|آلاف|"
    "ما لا يقل عن|أكثر من|نحو|حوالي|قرابة|بينهم|منهم|أطفال|طفلاً|نساء|مدنيين|مدنياً|عنصراً|مقاتلين|"
    "قوات النظام|الجيش السوري|داعش|تنظيم الدولة الإسلامية|جبهة النصرة|الفصائل المعارضة|قوات سوريا الديمقراطية|"
    "الطائرات الروسية|التحالف الدولي|المرصد السوري لحقوق الإنسان|سانا|فرانس برس|رويترز|الدفاع المدني|"
    "حلب|حمص|حماة|إدلب|دمشق|دوما|الغوطة الشرقية|دير الزور|الرقة|درعا|منبج|ريف|شمال|جنوب|شرق|غرب|حي|مدينة|بلدة|"
    "غارات|غارة|قصف|براميل متفجرة|سيارة مفخخة|قذائف هاون|صواريخ|اشتباكات|سيطرة|هدنة|اتفاق|إجلاء|قافلة مساعدات|"
    "أمس|اليوم|الخميس|الجمعة|يوم|صباح|فجر|ليل|الأسبوع الماضي|كانون الأول|ديسمبر|آذار|2016|08|26|٢٦|1,200|3-4"
)
VOCAB = [p for p in _PHRASES.split("|") if p]

arabic_chars = st.sampled_from(ARABIC_LETTERS + DIACRITICS + DIGITS + MARKS + PUNCT)
arabic_text = st.text(alphabet=arabic_chars, max_size=400)
vocab_text = st.lists(
    st.one_of(
        st.sampled_from(VOCAB), st.sampled_from(PUNCT + DIACRITICS + MARKS), st.integers(0, 100_000).map(str)
    ),
    max_size=120,
).map(lambda words: " ".join(words))
any_text = st.text(max_size=300)
seed_slices = st.tuples(st.sampled_from(SEEDS), st.integers(0, 4000), st.integers(0, 1500), arabic_text).map(
    lambda t: _splice(t[0].read_text(encoding="utf-8"), t[1], t[2], t[3])
)
published = st.one_of(st.none(), st.dates(dt.date(2011, 1, 1), dt.date(2024, 12, 31)).map(dt.date.isoformat))


def _splice(text: str, at: int, length: int, insert: str) -> str:
    """A slice of a real article with random Arabic text inserted in the middle."""
    piece = text[at : at + length]
    mid = len(piece) // 2
    return piece[:mid] + insert + piece[mid:]


@pytest.fixture(scope="module")
def extractor():
    from marsad.pipeline import Extractor

    return Extractor()


def _check_span(text: str, start, end, span_text, what: str) -> None:
    assert isinstance(start, int) and isinstance(end, int), what
    assert 0 <= start <= end <= len(text), f"{what}: {start}..{end} outside 0..{len(text)}"
    if span_text is not None:
        assert text[start:end] == span_text, (
            f"{what}: text[{start}:{end}]={text[start:end]!r} != {span_text!r}"
        )


def check_article(extractor, text: str, pub: str | None) -> None:
    result = extractor.process(RawArticle(id="prop", text=text), published=pub)
    line = json.dumps(result.to_dict(), ensure_ascii=False)
    assert json.loads(line)["article"]["id"] == "prop"
    assert len(result.doc.text) == len(text)
    for inc in result.incidents:
        for c in inc.casualties:
            _check_span(text, c.start, c.end, c.text, "casualty")
            assert c.measure and c.group and c.count.qualifier
        for loc in inc.locations:
            _check_span(text, loc.start, loc.end, loc.text, "location")
        for a in inc.actors:
            _check_span(text, a.start, a.end, a.text, "actor")
        for e in inc.evidence:
            _check_span(text, e.start, e.end, e.text, "evidence")
        d = inc.date
        if d.span_start is not None or d.span_end is not None:
            _check_span(text, d.span_start, d.span_end, d.text, "date")


SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(text=any_text, pub=published)
def test_any_unicode_never_raises_and_spans_point_into_text(extractor, text: str, pub: str | None) -> None:
    check_article(extractor, text, pub)


@SETTINGS
@given(text=arabic_text, pub=published)
def test_arabic_characters_never_raise(extractor, text: str, pub: str | None) -> None:
    check_article(extractor, text, pub)


@SETTINGS
@given(text=vocab_text, pub=published)
def test_conflict_vocabulary_spans_match_the_text(extractor, text: str, pub: str | None) -> None:
    check_article(extractor, text, pub)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=seed_slices, pub=published)
def test_spliced_real_articles_spans_match_the_text(extractor, text: str, pub: str | None) -> None:
    check_article(extractor, text, pub)


def test_whole_seed_articles_spans_match(extractor) -> None:
    n_casualties = 0
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        check_article(extractor, text, "2016-12-08")
        result = extractor.process(RawArticle(id=path.stem, text=text), published="2016-12-08")
        n_casualties += sum(len(inc.casualties) for inc in result.incidents)
    assert n_casualties > 0  # the span checks above really ran on extracted facts
