"""Where an incident happened, read from whole (self-written) articles: one test per family of
places that are named near an incident but are not its place."""

from __future__ import annotations

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
