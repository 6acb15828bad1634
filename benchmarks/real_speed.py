"""Extraction speed on real articles against the text-processing floor, in one run.

    python benchmarks/real_speed.py ../shared/dev/ant_syria_2018.jsonl [--workers 2] [--repeat 3] [--stages]

Times `marsad extract CORPUS -o FILE` as a user runs it (a subprocess: start-up, reading, writing and
all), and, in the same run, the floor any extractor of this kind must pay: read the JSON Lines, normalise
the Arabic, split it into words, and run one Aho-Corasick pass over it with every Arabic string of the
package's data files. Prints both in articles/s and M chars/s, and their ratio (the issue asks <= 4.0).
Each is the best of --repeat runs, so a busy machine hurts both alike. The command runs as from an
installed package: its modules compiled to bytecode beforehand (into a temporary cache), as pip does;
the extraction modules are mypyc-compiled when the install built them (setup.py), and the last line
says which build ran.

--stages also times, in this process, each stage of extraction on its own over the whole corpus (CPU
per article), beside the floor's own cost per article (its data loading left out): where the time of
an article goes, and how far each stage is from the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ahocorasick
import yaml

import marsad
from marsad.resources import data_path
from marsad.text.normalize import normalize

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_WORD = re.compile(r"\w+")


def arabic_strings() -> list[str]:
    """Every string holding Arabic in the package's YAML and TSV data files."""
    out: set[str] = set()

    def walk(x: object) -> None:
        if isinstance(x, str):
            if _ARABIC.search(x):
                out.add(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    root = data_path("")
    for path in sorted(root.rglob("*")):
        if path.suffix in (".yaml", ".yml"):
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
        elif path.suffix == ".tsv":
            for line in path.read_text(encoding="utf-8").splitlines():
                for cell in line.split("\t"):
                    walk(cell)
    return sorted(out)


def floor(corpus: Path) -> tuple[int, int, float]:
    """(articles, characters, seconds) of read + normalise + tokenise + one automaton pass."""
    t0 = time.perf_counter()
    auto = ahocorasick.Automaton()
    for s in arabic_strings():
        key = " ".join(normalize(s).text.split())
        if key:
            auto.add_word(key, key)
    auto.make_automaton()
    n = chars = words = hits = 0
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            text = (rec.get("title") or "") + "\n" + (rec.get("text") or "")
            norm = normalize(text).text
            words += len(_WORD.findall(norm))
            hits += sum(1 for _ in auto.iter(norm))
            n += 1
            chars += len(text)
    return n, chars, time.perf_counter() - t0


def stages(corpus: Path, repeat: int) -> list[tuple[str, float]]:
    """(stage, seconds over the corpus, best of ``repeat``) for each stage of extraction in process.

    Each stage runs over every article in its own loop, so the per-text memos (the lexicon group's
    reading, the place matcher's) are made afresh for each article, as in a real run; the places
    stage then includes marking the text's word boundaries, which the lexicon pass shares in a run."""
    from marsad.io.clean import clean
    from marsad.io.readers import iter_articles
    from marsad.models import ReadError
    from marsad.pipeline import Extractor

    def best(run: object) -> float:
        times = []
        for _ in range(repeat):
            t0 = time.process_time()
            run()  # type: ignore[operator]
            times.append(time.process_time() - t0)
        return min(times)

    def read() -> list:
        return [a for a in iter_articles([str(corpus)]) if not isinstance(a, ReadError)]

    raws = read()
    ex = Extractor()
    ax = ex._article
    docs = [clean(r) for r in raws]
    norms = [normalize(d.text) for d in docs]
    results = [ex.process(r) for r in raws]
    rows = [
        ("read (JSON Lines to articles)", best(read)),
        ("clean", best(lambda: [clean(r) for r in raws])),
        ("normalise", best(lambda: [normalize(d.text) for d in docs])),
        (
            "lexicon pass (17 lexicons, one automaton)",
            best(lambda: [ax.lex.group.hits(n.text, 0) for n in norms]),
        ),
        ("places (word marks included)", best(lambda: [ax.locations.find(n) for n in norms])),
        ("dates", best(lambda: [ax.dates.find(n, d.published) for n, d in zip(norms, docs, strict=True)])),
        ("background cues", best(lambda: [ax.background.spans(n.text) for n in norms])),
        ("extraction of a cleaned article (all of it)", best(lambda: [ax.extract(d) for d in docs])),
        ("JSON out", best(lambda: [json.dumps(r.to_dict(), ensure_ascii=False) for r in results])),
    ]
    whole = rows[-2][1]
    passes = sum(secs for _, secs in rows[2:7])
    rows.insert(-1, ("  of which sentence rules and incidents", whole - passes))
    return rows


def installed_env(cache: Path) -> dict[str, str]:
    """The environment of an installed package: its modules compiled to bytecode once (pip does
    that at install time), not parsed again on every run as under PYTHONDONTWRITEBYTECODE."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    package = Path(marsad.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, env=env)
    return env


def extract(corpus: Path, workers: int | None, env: dict[str, str]) -> float:
    """Seconds of the whole `marsad extract` command."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "marsad", "extract", str(corpus)]
        cmd += (
            ["--out-dir", str(Path(tmp) / "out"), "--workers", str(workers)]
            if workers
            else ["-o", f"{tmp}/x.jsonl"]
        )
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        return time.perf_counter() - t0


def build(env: dict[str, str]) -> str:
    """What the timed command ran: "compiled" or "python" (see marsad.native)."""
    cmd = [sys.executable, "-c", "import marsad; print(marsad.BUILD)"]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, default=None, help="Also time a local Dask cluster of N workers.")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--stages", action="store_true", help="Also time each stage of extraction in process.")
    args = ap.parse_args()

    n, chars, _ = floor(args.corpus)
    floor_s = min(floor(args.corpus)[2] for _ in range(args.repeat))
    cache = tempfile.TemporaryDirectory()
    env = installed_env(Path(cache.name))
    extract_s = min(extract(args.corpus, None, env) for _ in range(args.repeat))
    rows = [
        ("floor (read, normalise, words, one automaton pass)", floor_s),
        ("marsad extract, 1 process", extract_s),
    ]
    if args.workers:
        rows.append(
            (
                f"marsad extract, {args.workers} Dask workers",
                min(extract(args.corpus, args.workers, env) for _ in range(args.repeat)),
            )
        )
    print(
        f"{args.corpus.name}: {n} articles, {chars / 1e6:.2f} M chars ({chars / max(n, 1):,.0f} per article)"
    )
    for label, secs in rows:
        print(f"  {label:<52} {secs:7.2f} s  {n / secs:8.1f} articles/s  {chars / secs / 1e6:6.2f} M chars/s")
    print(f"  ratio extract / floor: {extract_s / floor_s:.2f}")
    print(
        f"  build of the extraction modules: {build(env)} (marsad.BUILD; setup.py compiles them with mypyc)"
    )
    cache.cleanup()
    if args.stages:
        setup = min(_floor_setup() for _ in range(args.repeat))
        print(
            f"stages in process, CPU per article (floor without its data loading: {(floor_s - setup) / n * 1000:.3f} ms)"
        )
        for label, secs in stages(args.corpus, args.repeat):
            print(f"  {label:<52} {secs / n * 1000:7.3f} ms")


def _floor_setup() -> float:
    """Seconds of the floor's data loading (its strings and automaton), to leave out per article."""
    t0 = time.perf_counter()
    auto = ahocorasick.Automaton()
    for s in arabic_strings():
        key = " ".join(normalize(s).text.split())
        if key:
            auto.add_word(key, key)
    auto.make_automaton()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
