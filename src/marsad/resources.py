"""Access to the language data shipped in ``marsad/data``.

Lexicons live beside the code as YAML/TSV so linguists can edit them without touching Python;
callers load them once (into an ``Extractor`` or similar object) and compile matchers from them.

Parsing the YAML is most of the extractor's start-up that is not compiling matchers (about 25 ms
for one ``marsad extract``, and importing PyYAML 10 ms more). So a build (``setup.py``, beside the
compiled modules) also writes each YAML and TSV file's data in marshal form with the hash of the
file it came from (``write_snapshots``); ``load_yaml`` and ``iter_tsv`` take that snapshot only
while the hash matches the file beside it, else parse the file. An edited data file is always read
as edited.
"""

from __future__ import annotations

import csv
import hashlib
import marshal
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

SNAPSHOT_DIR = "data_snapshots"  # under the package, beside ``data``; written by a build only


def data_path(name: str) -> Path:
    """Path of a file under ``marsad/data``."""
    return Path(str(resources.files("marsad") / "data" / name))


def snapshot_path(name: str, package_dir: Path | None = None) -> Path:
    """Where a build keeps the data of ``data/NAME`` (this interpreter's marshal format)."""
    base = package_dir if package_dir is not None else Path(str(resources.files("marsad")))
    return base / SNAPSHOT_DIR / f"{name.replace('/', '__')}.{sys.implementation.cache_tag}.marshal"


def parse_yaml(raw: bytes) -> Any:
    import yaml  # imported only when a YAML file is parsed: a run with current snapshots needs none

    # libyaml's parser when PyYAML was built with it (8x faster, same data); the pure-Python one otherwise.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(raw.decode("utf-8"), Loader=loader)  # noqa: S506 - a safe loader


def _snapshot(name: str, base: Path, raw: bytes) -> tuple[bool, Any]:
    """(True, data) from the build snapshot of ``data/NAME`` while it was made from ``raw``."""
    try:
        digest, data = marshal.loads(snapshot_path(name, base).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return False, None
    return digest == hashlib.sha256(raw).hexdigest(), data  # False: edited after the build


def load_yaml(name: str, package_dir: Path | None = None) -> Any:
    """The data of ``data/NAME``: its build snapshot while that is current, else the parsed YAML."""
    base = package_dir if package_dir is not None else Path(str(resources.files("marsad")))
    raw = (base / "data" / name).read_bytes()
    current, data = _snapshot(name, base, raw)
    return data if current else parse_yaml(raw)


def write_snapshots(package_dir: Path) -> list[str]:
    """A build step: the data of every YAML file under ``package_dir/data`` that marshal can hold
    exactly (all of them today), beside it in ``SNAPSHOT_DIR``; returns the names written."""
    out = package_dir / SNAPSHOT_DIR
    out.mkdir(exist_ok=True)
    for old in out.glob("*.marshal"):
        old.unlink()
    written = []
    data_dir = package_dir / "data"
    for path in sorted(data_dir.rglob("*.yaml")):
        name = path.relative_to(data_dir).as_posix()
        raw = path.read_bytes()
        try:
            blob = marshal.dumps((hashlib.sha256(raw).hexdigest(), parse_yaml(raw)))
        except Exception:  # noqa: BLE001 - a type marshal cannot hold (a YAML date), a syntax error ...:
            continue  # parsed (or reported) at run time, as without a build
        snapshot_path(name, package_dir).write_bytes(blob)
        written.append(name)
    for path in sorted(data_dir.rglob("*.tsv")):
        name = path.relative_to(data_dir).as_posix()
        rows = list(_parse_tsv(path))
        blob = marshal.dumps((hashlib.sha256(path.read_bytes()).hexdigest(), rows))
        snapshot_path(name, package_dir).write_bytes(blob)
        written.append(name)
    return written


def iter_tsv(name: str | Path, package_dir: Path | None = None) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file with a header line; ``#`` lines are comments. A file of the
    package's data comes from its build snapshot while that is current (the gazetteer's 1,200 rows:
    a third of the time to parse them)."""
    base = package_dir if package_dir is not None else Path(str(resources.files("marsad")))
    path = name if isinstance(name, Path) else base / "data" / name
    try:
        inside = path.resolve().relative_to((base / "data").resolve()).as_posix()
    except ValueError:
        inside = None  # a user's file
    if inside is not None:
        current, rows = _snapshot(inside, base, path.read_bytes())
        if current:
            yield from rows
            return
    yield from _parse_tsv(path)


def _parse_tsv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")
