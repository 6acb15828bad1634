"""Cut the inputs of a run into numbered batches without reading the articles themselves.

A batch is a small, picklable description (a list of files, or a line range of one JSONL file), so
the client never holds a large archive in memory and any worker can read its own share. The same
plan drives the single-process run and the Dask run, which is why both give identical output.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

LINE_SUFFIXES = (".jsonl", ".ndjson")  # cut into line ranges (not when gzipped)
TABLE_SUFFIXES = (".csv", ".tsv", ".csv.gz", ".tsv.gz")  # one batch per file

_SCAN_CHUNK = 1 << 20


class Batch(NamedTuple):
    """One unit of work. ``kind``: "files" (read ``paths`` whole), "lines" (articles
    ``start``..``stop`` of the JSONL file ``paths[0]``) or "inline" (``items`` already read, stdin)."""

    index: int
    kind: str
    paths: tuple[str, ...]
    start: int = 0  # lines: first article (0-based, non-blank lines) / byte offset
    stop: int = 0
    first_line: int = 1  # lines: physical line number of the byte at ``byte_start``
    byte_start: int = 0
    byte_stop: int = 0
    expected: int = 0  # articles expected, for progress
    items: tuple[Any, ...] = ()
    stamp: str = ""  # sizes and mtimes of the inputs, so a resumed run sees changed files

    def describe(self) -> str:
        """Short human name for messages."""
        if self.kind == "lines":
            return f"{self.paths[0]} articles {self.start + 1}-{self.stop}"
        if self.kind == "inline":
            return f"stdin articles {self.start + 1}-{self.stop}"
        if len(self.paths) == 1:
            return self.paths[0]
        return f"{self.paths[0]} .. {self.paths[-1]} ({len(self.paths)} files)"


def _stamp(paths: Iterable[str]) -> str:
    parts = []
    for p in paths:
        try:
            st = os.stat(p)
            parts.append(f"{p}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{p}:missing")
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def expand(paths: Sequence[str]) -> Iterator[str]:
    """Input paths in reading order; folders expanded exactly as the readers walk them (same
    order, hidden entries and unknown extensions left out, so resume state kept beside the inputs
    is never read as input). Missing paths are passed on: the reader reports them."""
    from marsad.io.readers import KNOWN_EXT, _ext, _walk

    for raw in paths:
        if raw != "-" and os.path.isdir(raw):
            yield from (str(f) for f in _walk(Path(raw)) if _ext(f) in KNOWN_EXT)
        else:
            yield raw


def _line_ranges(path: str, batch_size: int) -> Iterator[tuple[int, int, int, int, int]]:
    """(first article, stop article, first line number, byte start, byte stop) per ``batch_size``
    non-blank lines. Reads the file in chunks, so a multi-gigabyte archive costs a scan, not memory."""
    count = 0  # non-blank lines so far
    lines = 0  # physical lines so far
    start_article, start_line, start_byte = 0, 1, 0
    offset = 0
    rest = b""
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(_SCAN_CHUNK)
            if not chunk:
                break
            data = rest + chunk
            base = offset - len(rest)
            pos = 0
            while True:
                nl = data.find(b"\n", pos)
                if nl < 0:
                    break
                lines += 1
                if data[pos:nl].strip():
                    count += 1
                    if count - start_article == batch_size:
                        yield start_article, count, start_line, start_byte, base + nl + 1
                        start_article, start_line, start_byte = count, lines + 1, base + nl + 1
                pos = nl + 1
            rest = data[pos:]
            offset += len(chunk)
    if rest.strip():
        count += 1
    if count > start_article:
        yield start_article, count, start_line, start_byte, offset


def _splittable(path: str) -> bool:
    """Line ranges need "\n" to be the byte 0x0A: true for UTF-8 and the Arabic code pages, not UTF-16/32."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return False
    return not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))


def _count_rows(path: str) -> int:
    try:
        with open(path, "rb") as fh:
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(_SCAN_CHUNK), b"")) - 1, 1)
    except OSError:
        return 1


def plan_batches(paths: Sequence[str], batch_size: int, stdin: Any = None) -> list[Batch]:
    """Number the work. Text/HTML files are grouped ``batch_size`` to a batch; each JSONL file is
    cut into line ranges; each CSV/TSV file is one batch; stdin is read here and cut into batches."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    batches: list[Batch] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            batches.append(
                Batch(len(batches), "files", tuple(pending), expected=len(pending), stamp=_stamp(pending))
            )
            pending.clear()

    for path in expand(paths):
        low = path.lower()
        if path == "-":
            flush()
            batches.extend(_stdin_batches(len(batches), batch_size, stdin))
        elif low.endswith(LINE_SUFFIXES) and os.path.isfile(path) and _splittable(path):
            flush()
            stamp = _stamp([path])
            before = len(batches)
            for first, stop, line, b0, b1 in _line_ranges(path, batch_size):
                batches.append(
                    Batch(
                        len(batches), "lines", (path,), first, stop, line, b0, b1, stop - first, stamp=stamp
                    )
                )
            if len(batches) == before:  # no record at all: let the reader report the empty file
                batches.append(Batch(len(batches), "files", (path,), expected=1, stamp=stamp))
        elif low.endswith(TABLE_SUFFIXES) and os.path.isfile(path):
            flush()
            batches.append(
                Batch(len(batches), "files", (path,), expected=_count_rows(path), stamp=_stamp([path]))
            )
        else:
            pending.append(path)
            if len(pending) >= batch_size:
                flush()
    flush()
    return batches


def _stdin_batches(first_index: int, batch_size: int, stdin: Any) -> Iterator[Batch]:
    """stdin cannot be re-read by a worker, so it is read here and shipped with the batches."""
    from marsad.io.readers import iter_articles

    if stdin is not None:
        saved, sys.stdin = sys.stdin, stdin
    try:
        items = list(iter_articles(["-"]))
    finally:
        if stdin is not None:
            sys.stdin = saved
    for k, i in enumerate(range(0, len(items), batch_size)):
        chunk = tuple(items[i : i + batch_size])
        yield Batch(first_index + k, "inline", ("-",), i, i + len(chunk), expected=len(chunk), items=chunk)


def fingerprint(batches: Sequence[Batch], extra: dict[str, Any]) -> str:
    """Identity of a plan: a resumed run must cut the same inputs into the same batches."""
    h = hashlib.sha256(json.dumps(extra, sort_keys=True).encode("utf-8"))
    for b in batches:
        desc = [
            b.index,
            b.kind,
            list(b.paths),
            b.start,
            b.stop,
            b.first_line,
            b.byte_start,
            b.byte_stop,
            b.stamp,
        ]
        if b.kind == "inline":
            desc.append([getattr(item, "sha256", str(item)) for item in b.items])
        h.update(json.dumps(desc, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()
