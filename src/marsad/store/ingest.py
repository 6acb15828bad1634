"""Read -> extract -> store, one article at a time, one bad input never stopping the rest.

Also takes what ``marsad extract`` wrote (article lines) without extracting again, so a corpus
extracted on a cluster can be loaded into the database afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.store.store import Store

JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(slots=True)
class IngestSummary:
    new: int = 0
    existing: int = 0
    failed: int = 0
    skipped: int = 0  # inputs deliberately passed over (e.g. not Arabic)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def line(self) -> str:
        return f"{self.new} new, {self.existing} already stored, {self.failed} failed, {self.skipped} skipped"


@dataclass(slots=True)
class Outcome:
    """What happened to one input: ``status`` is new/replaced/exists/failed/skipped."""

    status: str
    where: str
    message: str | None = None


@dataclass(slots=True)
class Ingester:
    store: Store
    published: str | None = None
    from_extracted: bool | None = None  # None: detect per file from its first line
    _extractor: Any = field(default=None, init=False)

    def extractor(self) -> Any:
        if self._extractor is None:
            from marsad.pipeline import Extractor

            self._extractor = Extractor()
        return self._extractor

    def run(self, paths: list[str], on_outcome: Callable[[Outcome], None] | None = None) -> IngestSummary:
        summary = IngestSummary()
        for outcome in self.outcomes(paths):
            if outcome.status in ("new", "replaced"):
                summary.new += 1
            elif outcome.status == "exists":
                summary.existing += 1
            elif outcome.status == "skipped":
                summary.skipped += 1
            else:
                summary.failed += 1
            if on_outcome:
                on_outcome(outcome)
        return summary

    def outcomes(self, paths: list[str]) -> Iterator[Outcome]:
        raw: list[str] = []
        for p in paths:
            path = Path(p)
            if self._is_extracted(path):
                yield from self._from_extracted(path)
            else:
                raw.append(p)
        if raw:
            yield from self._from_raw(raw)

    def _is_extracted(self, path: Path) -> bool:
        if self.from_extracted is False or not path.is_file():
            return False
        if self.from_extracted:
            return True
        if path.suffix.lower() not in JSONL_SUFFIXES:
            return False
        try:
            with path.open(encoding="utf-8") as fh:
                first = next((line for line in fh if line.strip()), "")
            rec = json.loads(first)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return False
        return isinstance(rec, dict) and "incidents" in rec and "article" in rec

    def _from_extracted(self, path: Path) -> Iterator[Outcome]:
        try:
            fh = path.open(encoding="utf-8")
        except OSError as exc:
            yield Outcome("failed", str(path), f"cannot read: {exc.strerror or exc}")
            return
        with fh:
            for lineno, text in enumerate(fh, 1):
                if not text.strip():
                    continue
                where = f"{path}:{lineno}"
                try:
                    line = json.loads(text)
                    if not isinstance(line, dict) or not isinstance(line.get("article"), dict):
                        raise ValueError(
                            "not an article line (expected {'article': {...}, 'incidents': [...]})"
                        )
                    if self.published and not line["article"].get("published"):
                        line["article"]["published"] = self.published
                    yield Outcome(self.store.put(line), where)
                except json.JSONDecodeError as exc:
                    yield Outcome("failed", where, f"invalid JSON: {exc.msg}")
                except Exception as exc:  # one bad line must not stop the file
                    yield Outcome("failed", where, f"not stored: {exc}")

    def _from_raw(self, paths: list[str]) -> Iterator[Outcome]:
        from marsad.io.readers import iter_articles
        from marsad.models import ReadError

        for art in iter_articles(paths, published=self.published):
            if isinstance(art, ReadError):
                yield Outcome("skipped" if art.skipped else "failed", art.path, art.reason)
                continue
            where = art.path or art.id
            if self.store.has({"sha256": art.sha256}):
                yield Outcome("exists", where)
                continue
            try:
                line = self.extractor().process(art, published=self.published).to_dict(with_text=True)
            except Exception as exc:  # an extractor bug on one article is reported, not fatal
                yield Outcome("failed", where, f"extraction failed: {type(exc).__name__}: {exc}")
                continue
            try:
                yield Outcome(self.store.put(line), where)
            except Exception as exc:
                yield Outcome("failed", where, f"not stored: {type(exc).__name__}: {exc}")
