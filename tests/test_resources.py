"""Data snapshots of a build (``marsad.resources``): the same data as the YAML, never a stale one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from marsad import resources
from marsad.resources import _parse_tsv, iter_tsv, load_yaml, parse_yaml, snapshot_path, write_snapshots

PACKAGE = Path(resources.__file__).resolve().parent
NAMES = sorted(p.relative_to(PACKAGE / "data").as_posix() for p in (PACKAGE / "data").rglob("*.yaml"))
TSVS = sorted(p.relative_to(PACKAGE / "data").as_posix() for p in (PACKAGE / "data").rglob("*.tsv"))


def same(a: object, b: object) -> bool:
    """Equal and of the same types all the way down (1 == 1.0 == True is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return (
            list(map(type, a)) == list(map(type, b))
            and list(a) == list(b)
            and all(same(a[k], b[k]) for k in a)
        )
    if isinstance(a, list | tuple):
        assert isinstance(b, list | tuple)
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


@pytest.fixture()
def package(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE / "data", tmp_path / "data", ignore=shutil.ignore_patterns("*.jsonl"))
    return tmp_path


def test_snapshots_hold_the_yaml_data_exactly(package: Path) -> None:
    written = write_snapshots(package)
    assert written == NAMES + TSVS and len(NAMES) > 10 and len(TSVS) >= 8
    for name in NAMES:
        assert snapshot_path(name, package).is_file()
        assert same(load_yaml(name, package), parse_yaml((package / "data" / name).read_bytes())), name
    assert same({1: [1.0, True]}, {1: [1.0, True]}) and not same({1: [1]}, {1: [1.0]})


def test_an_edited_yaml_is_read_not_its_snapshot(package: Path) -> None:
    write_snapshots(package)
    path = package / "data" / "segment.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nadded_by_test: [نعم]\n", encoding="utf-8")
    assert load_yaml("segment.yaml", package)["added_by_test"] == ["نعم"]


def test_a_broken_or_missing_snapshot_falls_back_to_the_yaml(package: Path) -> None:
    write_snapshots(package)
    snapshot_path("background.yaml", package).write_bytes(b"\x00garbage")
    snapshot_path("numbers.yaml", package).unlink()
    for name in ("background.yaml", "numbers.yaml"):
        assert same(load_yaml(name, package), parse_yaml((package / "data" / name).read_bytes()))
    assert load_yaml("background.yaml", package)["cues"]


def test_a_value_marshal_cannot_hold_is_left_to_the_yaml(package: Path) -> None:
    (package / "data" / "dated.yaml").write_text("day: 2018-03-01\n", encoding="utf-8")
    assert "dated.yaml" not in write_snapshots(package)
    assert str(load_yaml("dated.yaml", package)["day"]) == "2018-03-01"


def test_tsv_snapshots_give_the_parsed_rows_and_never_stale_ones(package: Path) -> None:
    write_snapshots(package)
    for name in TSVS:
        rows = list(iter_tsv(name, package))
        assert same(rows, list(_parse_tsv(package / "data" / name))) and rows, name
    assert list(iter_tsv(package / "data" / "gazetteer" / "sites.tsv", package)) == list(
        iter_tsv("gazetteer/sites.tsv", package)
    )
    path = package / "data" / "gazetteer" / "sites.tsv"
    header = next(x for x in path.read_text(encoding="utf-8").splitlines() if x[:1] != "#").split("\t")
    row = {k: "" for k in header} | {"name_ar": "قرية الاختبار"}
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\t".join(row[k] for k in header) + "\n")
    assert list(iter_tsv("gazetteer/sites.tsv", package))[-1]["name_ar"] == "قرية الاختبار"
    snapshot_path("gazetteer/world.tsv", package).write_bytes(b"\x00garbage")
    assert list(iter_tsv("gazetteer/world.tsv", package)) == list(
        _parse_tsv(package / "data" / "gazetteer" / "world.tsv")
    )
