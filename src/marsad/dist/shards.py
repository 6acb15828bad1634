"""Output shards: one file per batch, written atomically, merged in batch order.

A shard is written to a temporary name and moved into place with ``os.replace``, so a crash or a
killed worker leaves either the whole shard or none of it; writing the same batch twice (a task
re-run after a worker died) replaces the file with identical content, so nothing is doubled.

A shard is not fsync'ed when written: its sha256 goes into the resume log, and a resume trusts a
shard only when its bytes still hash to that (``state.RunState``), so a shard a power loss cut short
is redone, not used. What must be durable is fsync'ed once, at the end of a run: the merged output
of ``-o`` (``merge``) or every shard of ``--out-dir`` (``sync``). One fsync per batch was a twentieth
of a whole run on a fast corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Container, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

FORMATS = ("jsonl", "parquet")


def shard_name(index: int, fmt: str) -> str:
    return f"part-{index:05d}.{fmt}"


def _tmp_name(path: Path) -> Path:
    # Unique per writer: a batch re-run on another host (same pid possible) must not share it.
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _parquet_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("article_id", pa.string()),
            ("path", pa.string()),
            ("sha256", pa.string()),
            ("published", pa.string()),
            ("n_incidents", pa.int32()),
            ("record", pa.string()),  # the whole CODEBOOK article line, as JSON
        ]
    )


def _parquet_table(lines: Sequence[str]) -> Any:
    import pyarrow as pa

    cols: dict[str, list[Any]] = {k: [] for k in ("article_id", "path", "sha256", "published", "n_incidents")}
    for line in lines:
        rec = json.loads(line)
        art = rec.get("article") or {}
        cols["article_id"].append(art.get("id"))
        cols["path"].append(art.get("path"))
        cols["sha256"].append(art.get("sha256"))
        cols["published"].append(art.get("published"))
        cols["n_incidents"].append(len(rec.get("incidents") or []))
    return pa.Table.from_pydict({**cols, "record": list(lines)}, schema=_parquet_schema())


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_shard(path: Path, lines: Sequence[str], fmt: str) -> str:
    """Write one batch's JSON lines as ``path`` atomically (tmp file + rename); returns the sha256
    of the bytes written, which the resume log keeps."""
    tmp = _tmp_name(path)
    try:
        if fmt == "jsonl":
            data = "".join(line + "\n" for line in lines).encode("utf-8")
            tmp.write_bytes(data)
            digest = hashlib.sha256(data).hexdigest()
        elif fmt == "parquet":
            import pyarrow.parquet as pq

            with tmp.open("wb") as fh:
                pq.write_table(_parquet_table(lines), fh)
            digest = file_sha256(tmp)
        else:
            raise ValueError(f"unknown format {fmt!r}")
        os.replace(tmp, path)
        return digest
    finally:
        if tmp.exists():
            tmp.unlink()


def sync(paths: Iterable[Path], folder: Path) -> None:
    """Make finished shards and their names durable: once per run, not per batch."""
    for path in paths:
        with path.open("rb") as fh:
            os.fsync(fh.fileno())
    _fsync_dir(folder)


def read_shard(path: Path, fmt: str) -> Iterator[str]:
    """The JSON lines of a shard, in order."""
    if fmt == "jsonl":
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if line:
                    yield line
    else:
        import pyarrow.parquet as pq

        yield from pq.read_table(path, columns=["record"]).column("record").to_pylist()


def _plain_lines(data: bytes) -> bool:
    """Whether a JSONL shard's bytes are already what merging its lines writes: UTF-8 lines, none
    empty, each followed by "\\n", no "\\r" (a text read would split there). ``write_shard`` writes
    exactly that, so the merge copies such a shard's bytes instead of reading it line by line."""
    if not data:
        return True
    if not data.endswith(b"\n") or data.startswith(b"\n") or b"\n\n" in data or b"\r" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def merge(shards: Iterable[Path], out: Path, fmt: str, own: Container[Path] = ()) -> int:
    """Concatenate shards in the given order into ``out`` atomically; returns records written.

    ``own``: shards known to hold ``write_shard``'s bytes (written by this run, or matching the sha256
    the resume log kept for them), copied without reading them for line ends and UTF-8 first."""
    tmp = _tmp_name(out)
    n = 0
    try:
        if fmt == "jsonl":
            with tmp.open("wb") as fh:
                for shard in shards:
                    data = shard.read_bytes()
                    if shard not in own and not _plain_lines(data):
                        data = "".join(line + "\n" for line in read_shard(shard, fmt)).encode("utf-8")
                    fh.write(data)
                    n += data.count(b"\n")
                fh.flush()
                os.fsync(fh.fileno())
        else:
            import pyarrow.parquet as pq

            with pq.ParquetWriter(tmp, _parquet_schema()) as writer:
                for shard in shards:
                    table = pq.read_table(shard)
                    n += table.num_rows
                    if table.num_rows:
                        writer.write_table(table)
        os.replace(tmp, out)
        _fsync_dir(out.parent)
    finally:
        if tmp.exists():
            tmp.unlink()
    return n


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Article records from a JSONL or Parquet output (file or shard folder), for tools and tests."""
    if path.is_dir():
        for shard in sorted(path.glob("part-*.*")):
            yield from read_records(shard)
        return
    fmt = "parquet" if path.suffix == ".parquet" else "jsonl"
    for line in read_shard(path, fmt):
        yield json.loads(line)
