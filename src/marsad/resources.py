"""Access to the language data shipped in ``marsad/data``.

Lexicons live beside the code as YAML/TSV so linguists can edit them without touching Python;
callers load them once (into an ``Extractor`` or similar object) and compile matchers from them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it (8x faster, same data); the pure-Python one otherwise.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_path(name: str) -> Path:
    """Path of a file under ``marsad/data``."""
    return Path(str(resources.files("marsad") / "data" / name))


def load_yaml(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader


def iter_tsv(name: str | Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file with a header line; ``#`` lines are comments."""
    path = name if isinstance(name, Path) else data_path(name)
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")
