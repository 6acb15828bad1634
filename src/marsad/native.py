"""Which build of the extraction modules runs: compiled or the Python sources.

``setup.py`` compiles the modules of ``MODULES`` with mypyc when it can (mypy and a C compiler at
build time): the same code, run about half again as fast, with the same output. It records the hash
of every source it compiled in ``native_sources.json``. At import, ``select_build`` keeps the
compiled modules only when every one of them was built from the sources beside it; otherwise (a
source edited since the last build, an incomplete build, ``MARSAD_PURE_PYTHON=1``) it makes all of
them load from their sources. All or none: compiled modules call each other directly, so a compiled
module would not see an edited source of another.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).resolve().parent
MANIFEST = PACKAGE_DIR / "native_sources.json"
SHARED_LIB = "marsad.native__mypyc"  # mypyc's group library: its group name plus "__mypyc"

# What one article's extraction runs through (read -> clean -> segment -> extract); the rest of the
# package (I/O, store, web, commands) is not where the time goes and stays Python.
MODULES = (
    "marsad.models",
    "marsad.pipeline",
    "marsad.io.clean",
    "marsad.text.charmap",
    "marsad.text.normalize",
    "marsad.text.numbers",
    "marsad.text.patterns",
    "marsad.text.segment",
    "marsad.extract.actors",
    "marsad.extract.article",
    "marsad.extract.background",
    "marsad.extract.casualties",
    "marsad.extract.dates",
    "marsad.extract.events",
    "marsad.extract.gazetteer",
    "marsad.extract.incident_casualties",
    "marsad.extract.lexicons",
    "marsad.extract.locations",
    "marsad.extract.matcher",
    "marsad.extract.modality",
    "marsad.extract.scope",
    "marsad.extract.tolls",
)


def source_path(module: str, package_dir: Path = PACKAGE_DIR) -> Path:
    """The ``.py`` file of a module of this package."""
    return package_dir.joinpath(*module.split(".")[1:]).with_suffix(".py")


def source_hashes(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """sha256 of each compiled module's source, as ``setup.py`` records it."""
    return {m: hashlib.sha256(source_path(m, package_dir).read_bytes()).hexdigest() for m in MODULES}


def compiled_is_current(package_dir: Path = PACKAGE_DIR) -> bool:
    """True when a compiled build is there and was made from exactly these sources."""
    if os.environ.get("MARSAD_PURE_PYTHON"):
        return False
    try:
        recorded = json.loads((package_dir / MANIFEST.name).read_text(encoding="utf-8"))
        current = source_hashes(package_dir)
    except (OSError, ValueError):
        return False
    if recorded != current:
        return False
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    built = [package_dir / ("native__mypyc" + suffix)]
    built += [source_path(m, package_dir).with_suffix(suffix) for m in MODULES]
    return all(p.is_file() for p in built)


class _SourcesFirst(importlib.abc.MetaPathFinder):
    """Finds the listed modules as their ``.py`` files, ahead of any compiled file beside them."""

    def __init__(self, modules: Sequence[str]) -> None:
        self._modules = frozenset(modules)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self._modules or not path:
            return None
        leaf = fullname.rpartition(".")[2] + ".py"
        for entry in path:
            candidate = Path(entry) / leaf
            if candidate.is_file():
                return importlib.util.spec_from_file_location(fullname, candidate)
        return None


def select_build() -> str:
    """ "compiled" or "python": what the extraction modules of this process load from."""
    if compiled_is_current():
        return "compiled"
    if not any(isinstance(f, _SourcesFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourcesFirst(MODULES))
    return "python"
