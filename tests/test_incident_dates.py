"""Which day an incident record carries: a day the text fixes, not a period, a statement's day or a
follow-up's day; sentences written for these tests."""

from __future__ import annotations

import pytest

from marsad.extract.dates import DateFinder
from marsad.models import RawArticle
from marsad.pipeline import Extractor

WED = "2019-05-08"  # a Wednesday


@pytest.fixture(scope="module")
def finder() -> DateFinder:
    return DateFinder()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def dates(extractor: Extractor, text: str, published: str = WED) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for inc in extractor.process(RawArticle(id="t", text=text), published=published).incidents:
        out.setdefault(inc.type, inc.date.start)
    return out


@pytest.mark.parametrize(
    ("expr", "fixed"),
    [
        ("الثلاثاء", True),
        ("أمس", True),
        ("السابع من أيار", True),
        ("ليل الاثنين الثلاثاء", True),
        ("ليلة السادس والسابع من أيار", True),
        ("خلال اليومين الماضيين", True),
        ("قبل أسبوع", True),
        ("قبل أسبوعين", True),
        ("الشهر الماضي", False),
        ("أواخر نيسان", False),
        ("منذ أيام", False),
        ("الأسبوع الماضي", False),
        ("صيف 2018", False),
        ("منذ مطلع العام", False),
    ],
)
def test_which_expressions_fix_a_day(finder: DateFinder, expr: str, fixed: bool) -> None:
    refs = finder.find_in(expr, WED)
    assert len(refs) == 1 and refs[0].text == expr
    assert finder.fixes_day(refs[0]) is fixed


def test_a_period_leaves_the_start_empty(finder: DateFinder) -> None:
    ref = finder.incident_date(finder.find_in("أواخر نيسان", WED))
    assert ref is not None
    assert (ref.start, ref.end, ref.precision) == (None, "2019-04-30", "range")


def test_the_earliest_fixed_day_is_the_incident_day(finder: DateFinder) -> None:
    refs = (
        finder.find_in("الثلاثاء", WED) + finder.find_in("الشهر الماضي", WED) + finder.find_in("الأحد", WED)
    )
    ref = finder.incident_date(refs)
    assert ref is not None and ref.start == "2019-05-05"


def test_weekday_pair_runs_forward_from_the_first_day(finder: DateFinder) -> None:
    # published on a Wednesday: "the night of Wednesday to Thursday" starts that Wednesday
    ref = finder.find_in("ليلة الأربعاء-الخميس", WED)[0]
    assert (ref.start, ref.end) == ("2019-05-08", "2019-05-09")
    ref = finder.find_in("يومي السبت والأحد", WED)[0]
    assert (ref.start, ref.end) == ("2019-05-04", "2019-05-05")


def test_pair_of_days_of_a_month(finder: DateFinder) -> None:
    ref = finder.find_in("ليلة السادس والسابع من أيار", WED)[0]
    assert (ref.start, ref.end, ref.precision) == ("2019-05-06", "2019-05-07", "range")


def test_month_only_incident_has_no_start(extractor: Extractor) -> None:
    assert dates(extractor, "قتل 20 مدنيا في غارات على بلدة سراقب الشهر الماضي.") == {"airstrike": None}


def test_day_said_is_not_the_day_of_a_strike(extractor: Extractor) -> None:
    found = dates(extractor, "اعتبرت الخارجية الفرنسية الثلاثاء أن الغارات على بلدة سراقب قتلت مدنيين.")
    assert found.get("airstrike") is None


def test_follow_up_day_does_not_replace_the_event_day(extractor: Extractor) -> None:
    text = (
        "قتل عشرة مدنيين في غارات على بلدة خان شيخون، وتفقد محققون البلدة الثلاثاء. "
        "وشنت طائرات النظام الغارات يوم الأحد."
    )
    assert dates(extractor, text).get("airstrike") == "2019-05-05"


def test_since_the_last_time_is_no_event_day(finder: DateFinder) -> None:
    assert finder.find_in("قصفت الطائرات البلدة للمرة الأولى منذ 4 أيام", WED) == []
    assert [r.start for r in finder.find_in("قصفت الطائرات البلدة منذ 4 أيام", WED)] == ["2019-05-04"]


def test_recent_past_idiom_is_no_day(finder: DateFinder) -> None:
    assert finder.find_in("كانت البلدة خاضعة حتى الأمس القريب لسيطرة الفصائل", WED) == []
    assert [r.start for r in finder.find_in("قصفت الطائرات البلدة أمس", WED)] == ["2019-05-07"]


def test_a_date_opening_a_statement_is_its_day(extractor: Extractor) -> None:
    found = dates(extractor, "والثلاثاء، أعلنت وزارة الدفاع أن غارات على بلدة سراقب قتلت مدنيين.")
    assert found.get("airstrike") is None
