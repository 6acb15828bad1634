"""Gazetteer content, loading rules and the ``marsad gazetteer`` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.extract.gazetteer import Gazetteer, GazetteerError
from marsad.resources import data_path, iter_tsv

FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer"
ADMIN1 = {
    "Damascus", "Rif Dimashq", "Aleppo", "Homs", "Hama", "Idlib", "Latakia",
    "Tartus", "Raqqa", "Deir ez-Zor", "Hasakah", "Daraa", "Suwayda", "Quneitra",
}  # fmt: skip


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_size_and_governorates(gaz: Gazetteer) -> None:
    assert len(gaz) > 600
    for name in ADMIN1:
        gov = gaz.governorate(name)
        assert gov is not None and gov.precision == "governorate" and gov.name_en == name
    assert gaz.get("geonames:170063").admin1 == "Aleppo"


def test_geonames_base_has_all_syrian_cities500() -> None:
    rows = list(iter_tsv(data_path("gazetteer/geonames_sy.tsv")))
    assert len(rows) == 308
    assert {r["admin1"] for r in rows} == ADMIN1


@pytest.mark.parametrize(
    ("name", "name_en", "admin1"),
    [
        ("كفرنبل", "Kafranbel", "Idlib"),
        ("كفر نبل", "Kafranbel", "Idlib"),
        ("كفرزيتا", "Kafr Zaytā", "Hama"),  # joined spelling derived from "كفر زيتا"
        ("تدمر", "Tadmur", "Homs"),
        ("خناصر", "Khanāşir", "Aleppo"),
        ("دير حافر", "Dayr Ḩāfir", "Aleppo"),
        ("معرة النعمان", "Ma‘arrat an Nu‘mān", "Idlib"),
        ("اللطامنة", "Al Lataminah", "Hama"),
        ("الغوطة الشرقية", "Rif Dimashq", "Rif Dimashq"),
        ("البادية الشرقية لحمص", "Homs", "Homs"),
        ("الشيخ مقصود", "Aleppo", "Aleppo"),
        ("مطار كويرس", "Kuwayris Sharqī", "Aleppo"),
        ("حقل الشاعر", "Shaer Gas Field", "Homs"),
        ("ريف دمشق", "Rif Dimashq", "Rif Dimashq"),
    ],
)
def test_names(gaz: Gazetteer, name: str, name_en: str, admin1: str) -> None:
    found = {(p.name_en, p.admin1) for p in gaz.candidates(name)}
    assert (name_en, admin1) in found


def test_neighbourhood_takes_city_name_and_own_coordinates(gaz: Gazetteer) -> None:
    (p,) = gaz.candidates("بستان القصر")
    assert (p.name_en, p.name_ar, p.precision, p.parent) == (
        "Aleppo",
        "حلب",
        "neighbourhood",
        "geonames:170063",
    )
    assert p.lat == pytest.approx(36.19, abs=0.05)


def test_stop_list_and_short_names_not_indexed(gaz: Gazetteer) -> None:
    assert gaz.candidates("السجن") == []  # GeoNames alternate of Al Mazra'ah
    assert gaz.candidates("ايو") == []
    assert gaz.candidates("الميدان") == []  # only as "حي الميدان"
    assert {p.admin1 for p in gaz.candidates("حي الميدان")} == {"Aleppo", "Damascus"}
    assert gaz.get("geonames:166716") is None  # replaced by the Yarmouk camp neighbourhood


def test_capital_governorate(gaz: Gazetteer) -> None:
    assert gaz.capital_governorate("geonames:170017").name_en == "Hama"
    assert gaz.capital_governorate("geonames:167357") is None  # Manbij is no capital


def test_bad_row_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("place_id\tname_en\tnames_ar\tprecision\nx:1\tX\tاكس\tvillage\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad.tsv: row 2: bad precision 'village'"):
        Gazetteer.from_files([bad])


def test_extra_file_and_env_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "place_id\tname_en\tnames_ar\tprecision\tadmin1\tlat\tlon\nx:1\tMarayan\tمرعيان\tcommunity\tIdlib\t35.7\t36.5\n",
        encoding="utf-8",
    )
    assert Gazetteer.load().candidates("مرعيان") == []
    assert Gazetteer.load((extra,)).candidates("مرعيان")[0].name_en == "Marayan"
    monkeypatch.setenv("MARSAD_GAZETTEER_DIR", str(tmp_path))
    assert Gazetteer.load().candidates("مرعيان")[0].admin1 == "Idlib"


def test_cli_import_geonames_then_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    res = runner.invoke(
        app, ["gazetteer", "import", str(FIXTURES / "SY_sample.txt"), "--into", str(tmp_path)]
    )
    assert res.exit_code == 0, res.output
    assert "imported 2 places" in res.output  # the hill (class T) and the row without Arabic are skipped
    out = tmp_path / "geonames_SY_sample.tsv"
    rows = {r["place_id"]: r for r in iter_tsv(out)}
    assert rows["geonames:9990001"]["admin1"] == "Idlib"
    assert rows["geonames:9990001"]["names_ar"] == "قرية الاختبار"
    monkeypatch.setenv("MARSAD_GAZETTEER_DIR", str(tmp_path))
    res = runner.invoke(app, ["gazetteer", "lookup", "قرية الاختبار"])
    assert res.exit_code == 0 and "Testville" in res.output and "Idlib" in res.output


def test_cli_import_ocha(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        app,
        [
            "gazetteer",
            "import",
            str(FIXTURES / "ocha_sample.csv"),
            "--format",
            "ocha",
            "--into",
            str(tmp_path),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "imported 3 places" in res.output
    rows = {r["name_ar"]: r for r in iter_tsv(tmp_path / "ocha_ocha_sample.tsv")}
    assert rows["مرعيان"]["admin1"] == "Idlib"  # "Idleb" mapped to the fixed name
    assert rows["مرعيان"]["precision"] == "community" and rows["مرعيان"]["place_id"] == "ocha:C9999"
    assert rows["ريف دمشق"]["precision"] == "governorate" and rows["ريف دمشق"]["name_en"] == "Rif Dimashq"


def test_cli_import_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(
        app,
        ["gazetteer", "import", str(FIXTURES / "ocha_bad.csv"), "--format", "ocha", "--into", str(tmp_path)],
    )
    assert res.exit_code == 1
    assert "row 2: bad coordinate 'north'" in res.output
    res = runner.invoke(app, ["gazetteer", "import", str(tmp_path / "nope.txt")])
    assert res.exit_code == 2 and "no such file" in res.output
    res = runner.invoke(app, ["gazetteer", "lookup", "لا يوجد مكان بهذا الاسم"])
    assert res.exit_code == 1
