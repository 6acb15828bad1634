"""Gazetteer content, loading rules and the ``marsad gazetteer`` command."""

from __future__ import annotations

import re
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


def test_capital_city_has_its_governorate_english_name(gaz: Gazetteer) -> None:
    """ "السويداء" the city and "محافظة السويداء" are one place to a coder, and one name (Suwayda,
    not GeoNames' "As-Suwayda"): an article naming both does not list the place twice."""
    for name in ADMIN1 - {"Rif Dimashq"}:
        gov = gaz.governorate(name)
        (city,) = [p for p in gaz.candidates(gov.name_ar) if p.precision == "community"]
        assert gaz.capital_governorate(city.place_id) is gov
        assert city.name_en == name


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


# --- OCHA layers, spelling variants, linking ------------------------------------------------------
from marsad.extract.gazetteer_import import (  # noqa: E402
    VariantRules,
    is_common,
    plain_names,
    spelling_variants,
)

LAYERS = FIXTURES / "ocha_layers"  # hand-written tables in the OCHA layout (invented villages)
SHARED_GAZ = Path(__file__).resolve().parents[2] / "shared" / "data" / "gazetteer"


@pytest.fixture(scope="module")
def rules() -> VariantRules:
    return VariantRules.load()


def test_plain_names_strip_suffixes_and_split_alternatives(rules: VariantRules) -> None:
    assert plain_names("المخيم الجديد - دير البلدة", rules) == ["المخيم الجديد"]
    assert plain_names("مركز معرة التجربة", rules) == ["مركز معرة التجربة", "معرة التجربة"]
    assert plain_names("العين_عين الغزال", rules) == ["العين", "عين الغزال"]


def test_spelling_variants_article_and_compounds(rules: VariantRules) -> None:
    assert spelling_variants("الصفصافة", rules) == ["الصفصافة", "صفصافة"]
    assert spelling_variants("بيت سحم", rules)[:2] == ["بيت سحم", "بيتسحم"]
    assert "كفر حلب" in spelling_variants("كفرحلب", rules)
    assert "الحويز" in spelling_variants("حويز", rules)
    assert "ديرسنبل" in spelling_variants("دير سنبل", rules)


def test_common_words_and_first_names_are_marked(rules: VariantRules) -> None:
    assert is_common("خطاب", rules)  # speech
    assert is_common("حضر", rules)  # attended (and only three letters)
    assert is_common("زارة", rules)  # hides in "وزارة"
    assert is_common("ارجل", rules)  # "أرجل" written without hamza
    assert not is_common("سلحب", rules)
    assert not is_common("كفرنبودة", rules)


def test_import_all_layers_in_one_command_linked(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["gazetteer", "import", str(LAYERS), "--into", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "imported 11 places" in res.output and "1 neighbourhood" in res.output
    rows = {r["place_id"]: r for r in iter_tsv(tmp_path / "ocha.tsv")}
    village = rows["ocha:C9902"]
    assert (village["name_en"], village["admin1"], village["admin2"], village["admin3"]) == (
        "Khattab",
        "Idlib",
        "Testdistrict",
        "Kafr Tajriba",
    )
    assert (village["admin2_pcode"], village["admin3_pcode"], village["pcode"]) == (
        "SY9901",
        "SY990100",
        "C9902",
    )
    assert village["cue_names"].split("|")[0] == "خطاب"  # a word: needs a place cue
    assert rows["ocha:C9903"]["names_ar"].split("|")[:2] == ["تل وردات", "تلوردات"]
    assert rows["ocha:C9903"]["cue_names"] == ""
    assert rows["ocha:SY990100"]["precision"] == "subdistrict"
    assert "كفر تجربة" in rows["ocha:SY990100"]["names_ar"].split("|")  # "مركز" seat prefix dropped
    assert rows["ocha:N9801"]["parent"] == "ocha:C9801"

    gaz = Gazetteer.from_files(
        [data_path(f"gazetteer/{n}") for n in ("governorates.tsv", "geonames_sy.tsv")],
        [tmp_path / "ocha.tsv"],
    )
    damascus = gaz.get("geonames:170654")
    assert gaz.get("ocha:C9801") is damascus  # linked to the shipped city, not a second Damascus
    assert (damascus.pcode, damascus.admin2_pcode, damascus.admin3_pcode) == ("C9801", "SY9801", "SY980100")
    nbh = gaz.candidates("بستان التجربة")[0]
    assert (nbh.parent, nbh.name_en, nbh.admin1) == ("geonames:170654", "Damascus", "Damascus")
    assert gaz.get("sy:gov:damascus").pcode == "SY98"
    assert {p.precision for p in gaz.candidates("حلب")} == {"community"}  # no bare-name province


def test_import_into_env_dir_is_what_extraction_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARSAD_GAZETTEER_DIR", str(tmp_path))
    res = CliRunner().invoke(app, ["gazetteer", "import", str(LAYERS)])
    assert res.exit_code == 0 and str(tmp_path / "ocha.tsv") in res.output
    assert Gazetteer.load().get("ocha:C9903").name_en == "Tell Wardat"
    monkeypatch.setenv("MARSAD_GAZETTEER_DIR", "")  # empty: no user files at all
    assert Gazetteer.load().get("ocha:C9903") is None


def test_world_countries_and_capitals(gaz: Gazetteer) -> None:
    (lebanon,) = gaz.candidates("لبنان")
    assert (lebanon.precision, lebanon.country, lebanon.admin1) == ("country", "LB", None)
    assert {p.country for p in gaz.candidates("بيروت")} == {"LB"}
    assert {p.country for p in gaz.candidates("بغداد")} == {"IQ"}
    assert gaz.country("TR").name_en == "Turkey"
    assert gaz.get("geonames:170063").country == "SY"


@pytest.mark.skipif(not SHARED_GAZ.is_dir(), reason="../shared/data/gazetteer not present")
def test_real_ocha_layers_import(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["gazetteer", "import", str(SHARED_GAZ), "--into", str(tmp_path)])
    assert res.exit_code == 0, res.output
    counts = {kind: n for n, kind in re.findall(r"(\d+) (\w+)", res.output.split("(", 1)[1])}
    assert int(counts["community"]) >= 7680  # a few names are function words ("على"): not indexed
    assert int(counts["neighbourhood"]) >= 410 and counts["subdistrict"] == "272"
    gaz = Gazetteer.from_files([data_path(f"gazetteer/{n}") for n in BASE], [tmp_path / "ocha.tsv"])
    aleppo = gaz.get("geonames:170063")
    assert aleppo.pcode and aleppo.admin2 and aleppo.admin3_pcode  # the shipped city got its codes
    assert len(gaz) > 8000


BASE = ("governorates.tsv", "geonames_sy.tsv", "communities.tsv", "districts.tsv", "regions.tsv",
        "neighbourhoods.tsv", "sites.tsv", "world.tsv")  # fmt: skip
