"""The compiled build (setup.py, mypyc) runs only when built from the sources beside it, and gives the
same output as the Python sources."""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad import native

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _fake_build(root: Path) -> Path:
    """A copy of the package's compiled modules' sources, with a manifest and empty 'compiled' files."""
    pkg = root / "marsad"
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for m in native.MODULES:
        src = native.source_path(m)
        dst = native.source_path(m, pkg)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        dst.with_suffix(suffix).write_bytes(b"")
    (pkg / ("native__mypyc" + suffix)).write_bytes(b"")
    (pkg / "native_sources.json").write_text(json.dumps(native.source_hashes(pkg)), encoding="utf-8")
    return pkg


def test_a_build_from_these_sources_is_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MARSAD_PURE_PYTHON", raising=False)
    pkg = _fake_build(tmp_path)
    assert native.compiled_is_current(pkg)
    monkeypatch.setenv("MARSAD_PURE_PYTHON", "1")
    assert not native.compiled_is_current(pkg)


def test_an_edited_source_makes_every_module_load_from_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MARSAD_PURE_PYTHON", raising=False)
    pkg = _fake_build(tmp_path)
    edited = native.source_path("marsad.extract.tolls", pkg)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert not native.compiled_is_current(pkg)


def test_a_missing_compiled_module_or_manifest_is_no_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MARSAD_PURE_PYTHON", raising=False)
    pkg = _fake_build(tmp_path)
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    native.source_path("marsad.extract.dates", pkg).with_suffix(suffix).unlink()
    assert not native.compiled_is_current(pkg)
    pkg2 = _fake_build(tmp_path / "two")
    (pkg2 / "native_sources.json").unlink()
    assert not native.compiled_is_current(pkg2)


def test_the_sources_first_finder_answers_only_for_listed_modules(tmp_path: Path) -> None:
    pkg = _fake_build(tmp_path)
    finder = native._SourcesFirst(native.MODULES)
    spec = finder.find_spec("marsad.extract.tolls", [str(pkg / "extract")])
    assert spec is not None and spec.origin == str(pkg / "extract" / "tolls.py")
    assert finder.find_spec("marsad.store.store", [str(pkg / "store")]) is None
    assert finder.find_spec("marsad.extract.tolls", None) is None


@pytest.mark.skipif(not os.environ.get("MARSAD_REQUIRE_COMPILED"), reason="MARSAD_REQUIRE_COMPILED not set")
def test_the_install_is_compiled_where_required() -> None:
    """CI sets MARSAD_REQUIRE_COMPILED: a type error would otherwise turn the build pure Python quietly."""
    assert marsad.BUILD == "compiled"


def test_the_running_build_is_the_one_reported() -> None:
    import marsad.extract.casualties as casualties

    compiled = not casualties.__file__.endswith(".py")
    expected = "compiled" if compiled else "python"
    assert expected == marsad.BUILD


def _extract(out: Path, pure: bool) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("MARSAD_PURE_PYTHON", None)
    if pure:
        env["MARSAD_PURE_PYTHON"] = "1"
    cmd = [sys.executable, "-m", "marsad", "extract", str(SEEDS), "-o", str(out)]
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return out.read_bytes()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_compiled_and_python_sources_give_the_same_bytes(tmp_path: Path) -> None:
    if marsad.BUILD != "compiled":
        pytest.skip("this install is not compiled (setup.py builds it when mypyc and a C compiler are there)")
    compiled = _extract(tmp_path / "c.jsonl", pure=False)
    python = _extract(tmp_path / "p.jsonl", pure=True)
    assert b'"killed"' in compiled
    assert compiled == python
