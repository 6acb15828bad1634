"""Compiles the extraction modules with mypyc when it can; otherwise a pure Python package.

The compiled modules are the same code run about half again as fast, with the same output. Without
mypy or a C compiler at build time, or with MARSAD_PURE_PYTHON=1, nothing is compiled. The hashes
of the compiled sources go to ``native_sources.json``, which ``marsad.native`` checks at import, so
an editable install never runs a compiled module older than its source.

A build also writes the data of the YAML files in marshal form (``marsad.resources``), which the
extractor's start-up reads instead of parsing the YAML while the YAML's hash matches.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "src" / "marsad"
native = runpy.run_path(str(PACKAGE / "native.py"))
resources = runpy.run_path(str(PACKAGE / "resources.py"))
# metadata-only calls (egg_info, dist_info ...) neither type-check, generate C nor touch built files
BUILDING = bool(
    {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"} & set(sys.argv[1:])
)


def native_extensions() -> list:
    if not BUILDING:
        return []
    manifest = PACKAGE / "native_sources.json"
    manifest.unlink(missing_ok=True)  # until this build has compiled every module again
    if os.environ.get("MARSAD_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("marsad: mypyc not available; building pure Python", file=sys.stderr)
        return []
    paths = [str(native["source_path"](m, PACKAGE).relative_to(HERE)) for m in native["MODULES"]]
    try:
        extensions = mypycify(paths, opt_level="3", group_name="marsad.native")
    except (Exception, SystemExit) as exc:  # mypyc exits on a type error
        print(f"marsad: mypyc could not compile ({exc}); building pure Python", file=sys.stderr)
        return []
    for ext in extensions:
        ext.optional = True  # no C compiler: the Python sources serve
    manifest.write_text(json.dumps(native["source_hashes"](PACKAGE), indent=1, sort_keys=True) + "\n")
    return extensions


def data_snapshots() -> None:
    if not BUILDING:
        return
    try:
        resources["write_snapshots"](PACKAGE)
    except ImportError:
        print(
            "marsad: PyYAML not available at build time; the YAML data is parsed at run time", file=sys.stderr
        )


data_snapshots()
setup(ext_modules=native_extensions())
