"""Run one batch: read its articles, extract each, turn every failure into one line of text.

The same function runs in the single-process runner and inside Dask workers. Nothing an article
does can stop the batch: a reader error or an exception in extraction becomes a message naming the
input, and the remaining articles are still processed.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from itertools import chain, repeat
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from marsad.dist.plan import Batch
from marsad.dist.shards import write_shard
from marsad.models import ArticleResult, RawArticle, ReadError

MAX_RECORD_BYTES = 20_000_000  # per file (text/HTML) or per record (JSONL/CSV); larger is an error


class ExtractorLike(Protocol):
    def process(self, raw: RawArticle, published: str | None = None) -> ArticleResult: ...


class BatchReport(NamedTuple):
    """What a batch sends back to the client: counts and messages, the lines only when asked."""

    index: int
    ok: int
    failed: int
    skipped: int
    records: int
    messages: tuple[str, ...]
    lines: tuple[str, ...] | None
    pid: int
    max_rss_kb: int
    seconds: float
    shard_sha256: str | None = None  # of the shard written, for the resume log

    def log_entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "batch": self.index,
            "ok": self.ok,
            "failed": self.failed,
            "skipped": self.skipped,
            "records": self.records,
            "messages": list(self.messages),
        }
        if self.shard_sha256 is not None:
            entry["sha256"] = self.shard_sha256
        return entry


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def read_batch(batch: Batch, published: str | None) -> Iterator[RawArticle | ReadError]:
    """The articles of a batch, as the readers produce them."""
    if batch.kind == "inline":
        yield from batch.items
        return
    from marsad.io.readers import iter_articles

    if batch.kind == "files":
        yield from iter_articles(list(batch.paths), published=published, max_bytes=MAX_RECORD_BYTES)
    elif batch.kind == "lines":
        yield from _read_lines(batch, published)
    else:
        raise ValueError(f"unknown batch kind {batch.kind!r}")


def _read_lines(batch: Batch, published: str | None) -> Iterator[RawArticle | ReadError]:
    """Articles ``start``..``stop`` of a JSONL file, reading only the batch's bytes.

    The lines go through the readers' own JSONL record parser, preceded by blank placeholders for
    the lines before the batch, so ids ("<stem>-<line>") and error locations ("path:line") are
    the ones a whole-file read gives.
    """
    from marsad.extract.dates import parse_date
    from marsad.io.readers import _iter_jsonl_lines, _stem

    path = str(Path(batch.paths[0]))  # the readers name files by their normalised path
    if published:
        published = parse_date(published) or published
    try:
        with open(path, "rb") as fh:
            fh.seek(batch.byte_start)
            data = fh.read(batch.byte_stop - batch.byte_start)
    except OSError as exc:
        yield ReadError(path, f"cannot read: {exc.strerror or exc}")
        return
    lines = chain(repeat(b"", batch.first_line - 1), io.BytesIO(data))
    stem = _stem(Path(path))
    yield from _iter_jsonl_lines(lines, stem, path, published, MAX_RECORD_BYTES)


def _rss_kb() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss


def run_batch(
    extractor: ExtractorLike,
    batch: Batch,
    published: str | None,
    shard: str | None,
    fmt: str = "jsonl",
    on_article: Callable[[bool], None] | None = None,
) -> BatchReport:
    """Extract a batch. With ``shard`` the lines go to that file (atomically) and are not returned;
    without, they come back in the report. ``on_article(failed)`` is called after every input."""
    t0 = time.perf_counter()
    lines: list[str] = []
    messages: list[str] = []
    ok = failed = skipped = 0
    items = read_batch(batch, published)
    while True:
        try:
            item = next(items)
        except StopIteration:
            break
        except Exception as exc:  # a reader bug: the rest of this batch cannot be read
            failed += 1
            messages.append(
                f"error: {batch.describe()}: reading failed: {type(exc).__name__}: {one_line(exc)}"
            )
            if on_article:
                on_article(True)
            break
        if isinstance(item, ReadError):
            if item.skipped:
                skipped += 1
                messages.append(f"skipped: {one_line(item)}")
            else:
                failed += 1
                messages.append(f"error: {one_line(item)}")
            if on_article:
                on_article(not item.skipped)
            continue
        bad = False
        try:
            result = extractor.process(item, published=published)
            # a record is a tree of fresh dicts and lists: no cycle to look for (7 % of encoding)
            lines.append(json.dumps(result.to_dict(), ensure_ascii=False, check_circular=False))
            ok += 1
        except Exception as exc:
            bad = True
            failed += 1
            where = f" ({item.path})" if item.path and item.path != item.id else ""
            messages.append(
                f"error: article {item.id}{where}: extraction failed: {type(exc).__name__}: {one_line(exc)}"
            )
        if on_article:
            on_article(bad)
    digest = write_shard(Path(shard), lines, fmt) if shard is not None else None
    return BatchReport(
        index=batch.index,
        ok=ok,
        failed=failed,
        skipped=skipped,
        records=len(lines),
        messages=tuple(messages),
        lines=None if shard is not None else tuple(lines),
        pid=os.getpid(),
        max_rss_kb=_rss_kb(),
        seconds=time.perf_counter() - t0,
        shard_sha256=digest,
    )
