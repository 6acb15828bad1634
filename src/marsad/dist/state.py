"""Resume bookkeeping: which batches of which plan are finished, so rerunning a stopped command
continues it.

Two files beside the shards: ``_marsad_plan.json`` (the identity of the plan, written atomically at
the start) and ``_marsad_done.jsonl`` (one line appended per finished batch, AFTER its shard was
moved into place, with the shard's sha256). A batch counts as done only when its log line is complete
and its shard exists and still hashes to the logged sha256, so a run killed at any instant, or cut
by a power loss before the system wrote its files out, resumes without losing or doubling an
article. Nothing is fsync'ed per batch (see ``shards``); ``sync`` makes a finished run durable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from marsad.dist.shards import file_sha256, shard_name, sync

PLAN_FILE = "_marsad_plan.json"
DONE_FILE = "_marsad_done.jsonl"


class PlanMismatch(Exception):
    """The folder holds an interrupted run of different inputs or options."""


class RunState:
    def __init__(self, folder: Path, fingerprint: str, n_batches: int, fmt: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.n_batches = n_batches
        self.fmt = fmt
        self._log: Any = None
        self.discarded = False  # set by ``open``: an earlier run of another plan was cleared

    def shard(self, index: int) -> Path:
        return self.folder / shard_name(index, self.fmt)

    def open(self, resume: bool | None) -> dict[int, dict[str, Any]]:
        """Prepare the folder; returns the finished batches (index -> logged report).

        ``resume``: None continues an unfinished run of the same plan and otherwise starts over
        (what rerunning the same command should do); True insists on continuing (an error if the
        folder holds a run of other inputs or options); False always starts over.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        plan_path = self.folder / PLAN_FILE
        done_path = self.folder / DONE_FILE
        finished: dict[int, dict[str, Any]] = {}
        same = False
        if resume is not False and plan_path.exists():
            try:
                old = json.loads(plan_path.read_text(encoding="utf-8"))
                same = old.get("fingerprint") == self.fingerprint
            except (OSError, ValueError) as exc:
                if resume:
                    raise PlanMismatch(f"{plan_path}: unreadable resume state ({exc})") from exc
            if resume and not same:
                raise PlanMismatch(
                    f"{self.folder}: the interrupted run had other inputs or options "
                    "(changed files, --batch-size, --format or --published); use --restart to start over"
                )
            self.discarded = not same
        if same:
            finished = self._read_done(done_path)
        else:
            self._clear()
            tmp = plan_path.with_name(plan_path.name + ".tmp")
            tmp.write_text(
                json.dumps(
                    {
                        "version": 1,
                        "fingerprint": self.fingerprint,
                        "batches": self.n_batches,
                        "format": self.fmt,
                    }
                ),
                encoding="utf-8",
            )
            os.replace(tmp, plan_path)
        self._log = done_path.open("a", encoding="utf-8")
        return finished

    def _read_done(self, done_path: Path) -> dict[int, dict[str, Any]]:
        finished: dict[int, dict[str, Any]] = {}
        if not done_path.exists():
            return finished
        data = done_path.read_bytes()
        keep = data.rfind(b"\n") + 1
        if keep < len(data):  # a line cut short by a crash: drop it, its batch re-runs
            with done_path.open("r+b") as fh:
                fh.truncate(keep)
        for line in data[:keep].decode("utf-8", "replace").splitlines():
            try:
                entry = json.loads(line)
                index = int(entry["batch"])
            except (ValueError, KeyError, TypeError):
                continue
            if 0 <= index < self.n_batches and self._intact(index, entry):
                finished[index] = entry
        return finished

    def _intact(self, index: int, entry: dict[str, Any]) -> bool:
        """The batch's shard is there, whole (logs written before shards were hashed: fsync'ed)."""
        shard = self.shard(index)
        if not shard.exists():
            return False
        digest = entry.get("sha256")
        return digest is None or file_sha256(shard) == digest

    def _clear(self) -> None:
        """Remove only files this tool writes (shards, state, stray temporaries)."""
        for pattern in ("part-*.jsonl", "part-*.parquet", ".part-*.tmp", PLAN_FILE, DONE_FILE):
            for p in self.folder.glob(pattern):
                p.unlink()

    def sweep_temps(self) -> None:
        """Remove temporaries left by workers killed while writing (their batches ran again)."""
        for p in self.folder.glob(".part-*.tmp"):
            p.unlink(missing_ok=True)

    def record(self, entry: dict[str, Any]) -> None:
        self._log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._log.flush()

    def sync(self) -> None:
        """Make every shard of a finished run, and the log, durable (``--out-dir``: they are the output)."""
        shards = [self.shard(i) for i in range(self.n_batches) if self.shard(i).exists()]
        done = self.folder / DONE_FILE
        sync([*shards, done] if done.exists() else shards, self.folder)

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
