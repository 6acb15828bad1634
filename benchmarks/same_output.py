"""Does this tree extract exactly what another version does? Byte-for-byte, on real articles.

    python benchmarks/same_output.py                 # against `main`, on the three dev corpora
    python benchmarks/same_output.py --ref HEAD~3 ../shared/dev/gold_articles.jsonl
    python benchmarks/same_output.py --before DIR    # against outputs saved earlier (NAME.jsonl)
    python benchmarks/same_output.py --save DIR      # save this tree's outputs (NAME.jsonl) in DIR

Speed work must not change a single output byte. Each corpus is extracted by `marsad extract` run
from this tree's ``src`` and from the ``src`` of ``--ref`` (exported with ``git archive``, so no
worktree or checkout is touched), and the JSON lines are compared. Exit code 1 names the first
article that differs and the first field where it does. Both sides run with PYTHONHASHSEED=0 (or the
one set in the environment): a few rules iterate sets of strings, whose order follows the salt.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev"
CORPORA = ("ant_syria_2018.jsonl", "saudinewsnet_syria_2015.jsonl", "gold_articles.jsonl")


def export_src(ref: str, dest: Path) -> Path:
    """The ``src`` folder of git revision ``ref``, unpacked into ``dest``."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        try:
            tar.extractall(dest, filter="data")
        except TypeError:  # a Python without extraction filters (before 3.11.4); our own archive
            tar.extractall(dest)  # noqa: S202
    return dest / "src"


def extract(src: Path, corpus: Path, out: Path) -> bytes:
    """Output of ``marsad extract corpus`` run from ``src``."""
    # str hashes are salted per process; where a rule iterates a set of strings, the output can
    # depend on the salt, so both sides run with the same one.
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}
    subprocess.run(
        [sys.executable, "-m", "marsad", "extract", str(corpus), "-o", str(out)],
        check=False,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return out.read_bytes()


def first_difference(a: object, b: object, path: str = "") -> str:
    """Where two JSON values first differ, as a path ("incidents[2].casualties[0].count")."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}" if path else k)
    elif isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
    return f"{path}: {json.dumps(a, ensure_ascii=False)[:200]} vs {json.dumps(b, ensure_ascii=False)[:200]}"


def _lines(data: bytes) -> int:
    return data.count(b"\n")


def compare(name: str, before: bytes, after: bytes) -> bool:
    digest = hashlib.sha256(after).hexdigest()[:16]
    if before == after:
        print(f"  {name}: identical ({_lines(after)} lines, sha256 {digest})")
        return True
    old, new = before.decode().splitlines(), after.decode().splitlines()
    for k, (x, y) in enumerate(zip(old, new, strict=False)):
        if x != y:
            a, b = json.loads(x), json.loads(y)
            art = (a.get("article") or {}).get("id")
            print(f"  {name}: DIFFERS at line {k + 1} (article {art}): {first_difference(a, b)}")
            return False
    print(f"  {name}: DIFFERS: {len(old)} lines before, {len(new)} after")
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", type=Path, default=[DEV / c for c in CORPORA])
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--ref", default="main", help="git revision to compare with (default main)")
    group.add_argument("--before", type=Path, help="folder of saved outputs (NAME.jsonl) to compare with")
    group.add_argument("--save", type=Path, help="only save this tree's outputs into this folder")
    args = ap.parse_args()
    missing = [c for c in args.corpora if not c.exists()]
    if missing:
        sys.exit(f"error: {missing[0]}: no such corpus")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        here = ROOT / "src"
        ref_src = None if (args.before or args.save) else export_src(args.ref, Path(tmp) / "ref")
        label = args.before or args.save or args.ref
        print(f"this tree vs {label}:" if not args.save else f"saving this tree's outputs in {label}:")
        for corpus in args.corpora:
            name = corpus.stem + ".jsonl"
            after = extract(here, corpus, Path(tmp) / f"after-{name}")
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                (args.save / name).write_bytes(after)
                print(f"  {name}: {_lines(after)} lines")
                continue
            if args.before:
                before = (args.before / name).read_bytes()
            else:
                before = extract(ref_src, corpus, Path(tmp) / f"before-{name}")
            ok = compare(name, before, after) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
