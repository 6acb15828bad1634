"""Turn files, folders and stdin into ``RawArticle`` records, one bad input never stopping the rest.

Monitors feed marsad whatever they have: scraped ``.txt`` dumps, saved web pages, JSONL/CSV exports
of a scraper. Every input that cannot be used becomes a ``ReadError`` with a one-line reason (what a
person needs to fix or drop that file) and the iterator moves on. JSONL and CSV are streamed record
by record so corpora larger than memory work, and ``max_bytes`` applies per record there.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, cast

from marsad.extract.dates import parse_date
from marsad.io.decode import _OTHER_RUN, _SAMPLE, arabic_ratio, decode_bytes
from marsad.models import RawArticle, ReadError

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
CSV_EXT = {".csv", ".tsv"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | CSV_EXT
MIN_ARABIC = 0.30

# Field name aliases seen in scraper exports, in order of preference.
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "uid", "guid", "_id"),
    "title": ("title", "headline", "heading"),
    "text": ("text", "body", "content", "article", "full_text", "maintext", "article_text"),
    "published": (
        "published",
        "date",
        "published_at",
        "pubdate",
        "pub_date",
        "publish_date",
        "date_published",
        "datetime",
    ),
    "outlet": ("outlet", "source", "site", "publisher", "domain", "source_name"),
    "url": ("url", "link", "href", "source_url"),
}

csv.field_size_limit(sys.maxsize)  # article bodies easily exceed the 128 kB default


def _ext(path: Path) -> str:
    """Extension, looking through a trailing ``.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _stem(path: Path) -> str:
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem


def _open_binary(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


# Arabic letters (distinct, all counted by ``arabic_ratio``) that most Arabic text is full of
_FREQUENT_ARABIC = "الينمورتبه"


def _surely_arabic(text: str) -> bool:
    """Whether ``arabic_ratio`` would pass the text, told by a lower bound of its Arabic letters (the
    counts of a few frequent ones) against an upper bound of its other letters. Counting runs of
    every Arabic letter builds a string per word (two thirds of reading an article); most texts pass
    on the count of their first few frequent letters. False says nothing: ask ``arabic_ratio``.

    The first bound takes every character but spaces and newlines for a letter, which needs no regex
    scan and passes ordinary Arabic prose; only texts mixed enough to fail it have the other scripts'
    letters counted exactly (a regex scan of the sample)."""
    sample = text[:_SAMPLE]
    letters_at_most = len(sample) - sample.count(" ") - sample.count("\n")
    arabic = 0
    for ch in _FREQUENT_ARABIC:
        arabic += sample.count(ch)
        if arabic > 0 and arabic / letters_at_most >= MIN_ARABIC:
            return True  # the ratio with all Arabic letters, and other letters only, is at least this
    other = sum(map(len, _OTHER_RUN.findall(sample)))
    return arabic > 0 and arabic / (arabic + other) >= MIN_ARABIC


def _check_arabic(text: str, where: str) -> ReadError | None:
    if _surely_arabic(text):
        return None
    ratio, letters = arabic_ratio(text)
    if letters == 0 or ratio < MIN_ARABIC:
        return ReadError(where, f"not Arabic ({ratio * 100:.0f}% Arabic letters): skipped", skipped=True)
    return None


def _lowered(record: dict[str, Any]) -> dict[str, Any]:
    """Field names as ``_pick`` compares them."""
    return {str(k).strip().lower(): v for k, v in record.items()}


def _pick(record: dict[str, Any], field: str, lowered: dict[str, Any] | None = None) -> Any:
    lowered = lowered if lowered is not None else _lowered(record)
    for name in FIELDS[field]:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def _norm_published(value: Any, warnings: list[str]) -> str | None:
    """ISO date from a metadata value: any format ``parse_date`` reads, or Unix epoch (s or ms)."""
    if value in (None, "") or isinstance(value, bool):
        return None
    if isinstance(value, int | float) or (
        isinstance(value, str) and value.strip().isdigit() and len(value.strip()) in (10, 13)
    ):
        seconds = float(value)
        seconds = seconds / 1000 if seconds > 1e11 else seconds  # epoch milliseconds
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            pass
    iso = parse_date(str(value))
    if iso is None:
        warnings.append(f"unparsed publication date: {str(value)[:60]!r}")
    return iso


def _from_record(
    record: dict[str, Any], default_id: str, where: str, published: str | None
) -> RawArticle | ReadError:
    fields = _lowered(record)
    text = _pick(record, "text", fields)
    if isinstance(text, list) and all(isinstance(p, str) for p in text):
        text = "\n\n".join(p.strip() for p in text if p.strip())  # exports that keep paragraphs apart
    if not isinstance(text, str) or not text.strip():
        return ReadError(where, "record without text (expected a text/body/content field)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _check_arabic(text, where)
    if bad:
        return bad
    warnings: list[str] = []
    rid = _pick(record, "id", fields)
    title = _pick(record, "title", fields)
    outlet = _pick(record, "outlet", fields)
    url = _pick(record, "url", fields)
    return RawArticle(
        id=str(rid).strip() if rid is not None else default_id,
        text=text,
        title=str(title).strip() if title is not None else None,
        published=published or _norm_published(_pick(record, "published", fields), warnings),
        outlet=str(outlet).strip() if outlet is not None else None,
        url=str(url).strip() if url is not None else None,
        path=where,
        warnings=warnings,
    )


def _read_plain(data: bytes, art_id: str, where: str, published: str | None) -> RawArticle | ReadError:
    if not data.strip():
        return ReadError(where, "empty file")
    try:
        text = decode_bytes(data, where)
    except ValueError as exc:
        return ReadError(where, str(exc))
    if not text.strip():
        return ReadError(where, "empty file")
    bad = _check_arabic(text, where)
    if bad:
        return bad
    return RawArticle(id=art_id, text=text, published=published, path=where)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode_html(data: bytes, where: str) -> str:
    """The page's declared charset when it decodes cleanly (markup is mostly Latin letters, so
    guessing from letter statistics is weaker for HTML than for plain text)."""
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(m.group(1).decode("ascii").lower()).replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, where)


def _read_html(data: bytes, art_id: str, where: str, published: str | None) -> RawArticle | ReadError:
    if not data.strip():
        return ReadError(where, "empty file")
    try:
        page = _decode_html(data, where)
    except ValueError as exc:
        return ReadError(where, str(exc))
    import trafilatura
    from trafilatura.metadata import extract_metadata

    text = trafilatura.extract(page, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        text = trafilatura.extract(page, include_comments=False, include_tables=False, favor_recall=True)
    if not text or not text.strip():
        return ReadError(where, "no article text found in HTML")
    text = "\n\n".join(p.strip() for p in text.split("\n") if p.strip())
    bad = _check_arabic(text, where)
    if bad:
        return bad
    meta = extract_metadata(page, extensive=False)
    warnings: list[str] = []
    title = (meta.title or "").strip() or None if meta is not None else None
    pub = published or (_norm_published(meta.date, warnings) if meta is not None else None)
    outlet = (meta.sitename or "").strip() or None if meta is not None else None
    url = (meta.url or "").strip() or None if meta is not None else None
    return RawArticle(
        id=art_id,
        text=text,
        title=title,
        published=pub,
        outlet=outlet,
        url=url,
        path=where,
        warnings=warnings,
    )


def _decode_line(raw: bytes, where: str) -> str:
    """What ``raw.decode("utf-8-sig")`` gives, by the C UTF-8 decoder (utf-8-sig's is Python code)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(raw, where)
    return text[1:] if text.startswith("\ufeff") else text


def _iter_jsonl_lines(
    lines: Iterable[bytes], stem: str, name: str, published: str | None, max_bytes: int
) -> Iterator[RawArticle | ReadError]:
    seen_any = False
    for lineno, raw in enumerate(lines, 1):
        where = f"{name}:{lineno}"
        if len(raw) > max_bytes:
            yield ReadError(where, f"record too large ({len(raw)} bytes > max {max_bytes})")
            continue
        if not raw.strip():
            continue
        seen_any = True
        try:
            record = json.loads(_decode_line(raw, where))
        except ValueError as exc:
            msg = (
                f"{exc.msg.removesuffix(' at')} (column {exc.colno})"
                if isinstance(exc, json.JSONDecodeError)
                else str(exc)
            )
            yield ReadError(where, f"invalid JSON: {msg}")
            continue
        if not isinstance(record, dict):
            yield ReadError(where, f"invalid JSON: expected an object, got {type(record).__name__}")
            continue
        yield _from_record(record, f"{stem}-{lineno}", where, published)
    if not seen_any:
        yield ReadError(name, "empty file")


def _sniff_encoding(head: bytes) -> str:
    """Encoding for a streamed CSV, judged on its first block."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut at the block end
            return "utf-8"
    for enc in ("cp1256", "iso8859_6"):
        try:
            if arabic_ratio(head.decode(enc))[0] >= 0.5:
                return enc
        except UnicodeDecodeError:
            continue
    raise ValueError("undecodable: not UTF-8, cp1256 or ISO-8859-6 text")


def _iter_csv(
    fh: IO[bytes], stem: str, name: str, delimiter: str, published: str | None, max_bytes: int
) -> Iterator[RawArticle | ReadError]:
    head = fh.read(65536)
    fh.seek(0)
    if not head.strip():
        yield ReadError(name, "empty file")
        return
    if b"\x00" in head:
        yield ReadError(name, "binary file (NUL bytes)")
        return
    try:
        encoding = _sniff_encoding(head)
    except ValueError as exc:
        yield ReadError(name, str(exc))
        return
    text = io.TextIOWrapper(fh, encoding=encoding, newline="")
    reader = csv.DictReader(text, delimiter=delimiter)
    row = 0
    try:
        header = reader.fieldnames
        if not header or not any(_pick({h: "x"}, "text") for h in header):
            yield ReadError(name, "CSV header has no text/body/content column")
            return
        for row, record in enumerate(reader, 1):
            where = f"{name}:{row + 1}"  # +1: the header is line 1 (rows with embedded newlines drift)
            size = sum(len(v) for v in record.values() if isinstance(v, str))
            if size > max_bytes:
                yield ReadError(where, f"record too large ({size} characters > max {max_bytes})")
                continue
            yield _from_record(record, f"{stem}-{row}", where, published)
    except UnicodeDecodeError as exc:
        yield ReadError(
            f"{name}:{row + 2}", f"CSV decode error ({encoding}): {exc.reason}; rest of file skipped"
        )
    except csv.Error as exc:
        yield ReadError(f"{name}:{row + 2}", f"malformed CSV: {exc}; rest of file skipped")


def _read_file(path: Path, published: str | None, max_bytes: int) -> Iterator[RawArticle | ReadError]:
    name = str(path)
    ext = _ext(path)
    stem = _stem(path)
    try:
        if ext in JSONL_EXT:
            with _open_binary(path) as fh:
                yield from _iter_jsonl_lines(fh, stem, name, published, max_bytes)
            return
        if ext in CSV_EXT:
            with _open_binary(path) as fh:
                yield from _iter_csv(fh, stem, name, "\t" if ext == ".tsv" else ",", published, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadError(name, f"file too large ({size} bytes > max {max_bytes})")
            return
        with _open_binary(path) as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield ReadError(name, f"file too large (over {max_bytes} bytes uncompressed)")
            return
        if ext in HTML_EXT:
            yield _read_html(data, stem, name, published)
        else:
            yield _read_plain(data, stem, name, published)
    except (OSError, EOFError) as exc:
        yield ReadError(
            name, f"cannot read: {exc.strerror or exc}" if isinstance(exc, OSError) else f"cannot read: {exc}"
        )


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` top-down, each level sorted (a folder's files before its subfolders),
    hidden entries skipped. ``marsad.dist.plan`` plans batches in this same order."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fname in sorted(filenames):
            if not fname.startswith("."):
                yield Path(dirpath) / fname


def _read_stdin(published: str | None, max_bytes: int) -> Iterator[RawArticle | ReadError]:
    stream = sys.stdin
    if stream is None:
        yield ReadError("-", "no standard input")
        return
    buffer = getattr(stream, "buffer", None)
    data = buffer.read() if buffer is not None else stream.read().encode("utf-8")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from _iter_jsonl_lines(data.splitlines(), "stdin", "-", published, max_bytes)
        return
    if len(data) > max_bytes:
        yield ReadError("-", f"input too large ({len(data)} bytes > max {max_bytes})")
        return
    yield _read_plain(data, "stdin", "-", published)


def iter_articles(
    paths: Iterable[str], published: str | None = None, max_bytes: int = 20_000_000
) -> Iterator[RawArticle | ReadError]:
    """Articles from files, folders (recursive, sorted) and ``-`` (stdin), in input order.

    ``published`` (any date format ``parse_date`` knows) overrides every date found in metadata.
    """
    if isinstance(paths, str):
        paths = [paths]  # a lone path, not an iterable of one-character paths
    if published:
        published = parse_date(published) or published
    for p in paths:
        if p == "-":
            yield from _read_stdin(published, max_bytes)
            continue
        path = Path(p)
        if path.is_dir():
            for f in _walk(path):
                if _ext(f) in KNOWN_EXT:
                    yield from _read_file(f, published, max_bytes)
        elif path.is_file():
            yield from _read_file(path, published, max_bytes)
        elif path.exists():
            yield ReadError(p, "not a regular file")
        else:
            yield ReadError(p, "no such file or directory")
