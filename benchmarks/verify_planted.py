"""Plant false facts in real articles and count how many `marsad verify` catches (seeded).

Each planted article gets one false fact written into its text, then is extracted again; the whole
corpus is fused and verified with the planted articles in place of the originals:

* ``x3+2``: a casualty figure written with digits becomes 3 * N + 2;
* ``div3``: it becomes N / 3 (rounded; only figures where that is outside the count tolerance);
* ``date+10``: the incident's date words ("السبت", "18 فبراير") become the date 10 days later;
* ``governorate``: the incident's place becomes a city of another governorate.

Printed per kind: how many plants were extracted as planted, *detection* (the planted claim is
labelled ``contradicted``) overall and where the true claim was corroborated by another outlet
before planting, and the share that lost the support they had. Printed for the run: the share of
untouched casualty claims (articles not planted) labelled ``contradicted``, of all of them and of
those another source had a figure for.

    PYTHONPATH=src python benchmarks/verify_planted.py [--n 150] [--seed 7] [--seeds 5]
        [--corpus PATH] [--reference FILE.csv:PRESET ...] [--show] [--dump DIR]

``--n`` is the number of figure plants per run (half x3+2, half div3); date and governorate plants
are ``--n-other`` each (default n/3). One plant per article; articles are drawn with the run's
seed. Independent corroboration is rare (five outlets; an outlet's duplicate articles do not
count), so one run of 150 plants holds only about ten corroborated ones: the counts of ``--seeds``
runs are pooled for a stable rate.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from marsad.fuse import fuse, mentions_from_article
from marsad.fuse.counts import agree
from marsad.fuse.mention import MentionCount
from marsad.io.readers import iter_articles
from marsad.models import RawArticle, ReadError
from marsad.pipeline import Extractor
from marsad.verify import verify_mentions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import MONTHS  # noqa: E402  (month names as the news writes them)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "dev" / "ant_syria_2018.jsonl"
FIGURE_KINDS = ("x3+2", "div3")
# A city per governorate, for the governorate swap (Arabic name as written in the news).
CITIES = {
    "Aleppo": "حلب",
    "Idlib": "إدلب",
    "Hama": "حماة",
    "Homs": "حمص",
    "Daraa": "درعا",
    "Deir ez-Zor": "دير الزور",
    "Raqqa": "الرقة",
    "Hasakah": "الحسكة",
    "Latakia": "اللاذقية",
    "Tartus": "طرطوس",
    "Suwayda": "السويداء",
    "Quneitra": "القنيطرة",
    "Damascus": "دمشق",
}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_NUMBER = re.compile(r"[0-9٠-٩]+")


@dataclass
class Plant:
    kind: str
    article: str
    incident: str  # incident id before planting
    start: int  # where the planted fact starts in the text (casualty or incident evidence)
    measure: str | None = None
    group: str | None = None
    old: int | None = None
    new: int | None = None
    corroborated: bool = False
    was_supported: bool = False
    found: bool = False
    labels: tuple[str, ...] = ()
    raw: RawArticle | None = None  # the article with the fact planted


def _exact(n: int) -> MentionCount:
    return MentionCount(n, n, None, "exact")


def extract(ex: Extractor, raw: RawArticle) -> dict[str, Any]:
    return ex.process(raw).to_dict(with_text=False)


def verify(lines: dict[str, dict[str, Any]], refs: list[Any]) -> dict[str, Any]:
    mentions = [m for line in lines.values() for m in mentions_from_article(line)]
    events = fuse(mentions)
    return {v.article: v for v in verify_mentions(mentions, refs, events)}


def _claims(verdict: Any, incident: str | None = None) -> list[Any]:
    return [c for c in verdict.claims if incident is None or c.claim.mention.incident_id == incident]


def _figure_candidates(raw: RawArticle, line: dict[str, Any], verdict: Any) -> list[Plant]:
    """Top-level exact-ish figures written once in digits inside their span."""
    out = []
    for inc in line["incidents"]:
        by_value = {
            (c.claim.casualty.measure, c.claim.casualty.group, c.claim.casualty.count.value): c
            for c in _claims(verdict, inc["id"])
            if c.claim.kind == "casualty"
        }
        for cas in inc["casualties"]:
            v = cas["count"]["value"]
            if cas["part_of"] is not None or cas["count"]["qualifier"] == "vague" or not v:
                continue
            span = raw.text[cas["start"] : cas["end"]]
            if [int(x.translate(_DIGITS)) for x in _NUMBER.findall(span)].count(v) != 1:
                continue
            res = by_value.get((cas["measure"], cas["group"], v))
            if res is None:
                continue
            out.append(
                Plant(
                    "",
                    raw.id,
                    inc["id"],
                    cas["start"],
                    cas["measure"],
                    cas["group"],
                    v,
                    corroborated=bool(res.sources["agree"]),
                    was_supported=res.label == "supported",
                )
            )
    return out


def _incident_candidates(raw: RawArticle, line: dict[str, Any], verdict: Any, kind: str) -> list[Plant]:
    out = []
    for inc in line["incidents"]:
        claims = _claims(verdict, inc["id"])
        if not inc["evidence"] or not inc["casualties"]:
            continue
        if kind == "date+10" and not (inc["date"].get("text") and inc["date"]["precision"] == "day"):
            continue
        if kind == "governorate" and not any(
            loc.get("admin1") and loc.get("start") is not None for loc in inc["locations"]
        ):
            continue
        out.append(
            Plant(
                kind,
                raw.id,
                inc["id"],
                inc["evidence"][0]["start"],
                corroborated=any(c.sources["agree"] for c in claims if c.claim.kind == "casualty"),
                was_supported=any(c.label == "supported" for c in claims),
            )
        )
    return out


def plant_text(raw: RawArticle, line: dict[str, Any], p: Plant, rng: random.Random) -> str | None:
    """The article text with the false fact written in, or None when it cannot be written."""
    text = raw.text
    if p.kind in FIGURE_KINDS:
        assert p.old is not None
        p.new = 3 * p.old + 2 if p.kind == "x3+2" else max(1, round(p.old / 3))
        if agree(_exact(p.old), _exact(p.new)):
            return None
        cas = next(
            c
            for i in line["incidents"]
            if i["id"] == p.incident
            for c in i["casualties"]
            if c["start"] == p.start
        )
        span = text[cas["start"] : cas["end"]]
        m = next(x for x in _NUMBER.finditer(span) if int(x.group().translate(_DIGITS)) == p.old)
        digits = str(p.new)
        if m.group()[0] in "٠١٢٣٤٥٦٧٨٩":
            digits = digits.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        return text[: cas["start"] + m.start()] + digits + text[cas["start"] + m.end() :]
    inc = next(i for i in line["incidents"] if i["id"] == p.incident)
    if p.kind == "date+10":
        day = date.fromisoformat(inc["date"]["start"]) + timedelta(days=10)
        words = inc["date"]["text"]
        for ev in inc["evidence"]:
            at = text.find(words, ev["start"], ev["end"])
            if at >= 0:
                return text[:at] + f"{day.day} {MONTHS[day.month - 1]}" + text[at + len(words) :]
        return None
    loc = next(loc for loc in inc["locations"] if loc.get("admin1") and loc.get("start") is not None)
    other = sorted(
        g for g in CITIES if g != loc["admin1"] and not (loc["admin1"] == "Rif Dimashq" and g == "Damascus")
    )
    city = CITIES[rng.choice(other)]
    return text[: loc["start"]] + city + text[loc["end"] :]


def _planted_claims(line: dict[str, Any], verdict: Any, p: Plant) -> list[Any]:
    """The claims carrying the planted fact after re-extraction."""
    if p.kind in FIGURE_KINDS:
        for inc in line["incidents"]:
            for cas in inc["casualties"]:
                if (
                    cas["part_of"] is None
                    and abs(cas["start"] - p.start) <= 2
                    and cas["count"]["value"] == p.new
                    and cas["measure"] == p.measure
                ):
                    return [
                        c
                        for c in _claims(verdict, inc["id"])
                        if c.claim.kind == "casualty"
                        and c.claim.casualty.count.value == p.new
                        and c.claim.casualty.measure == p.measure
                        and c.claim.casualty.group == cas["group"]
                    ][:1]
        return []
    for inc in line["incidents"]:
        if inc["evidence"] and abs(inc["evidence"][0]["start"] - p.start) <= 2:
            return _claims(verdict, inc["id"])
    return []


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a (0)"


def untouched(verdicts: dict[str, Any], planted: set[str]) -> tuple[int, int, int]:
    """(contradicted, casualty claims, casualty claims another source gave a figure for)."""
    claims = [
        c for a, v in verdicts.items() if a not in planted for c in v.claims if c.claim.kind == "casualty"
    ]
    compared = [c for c in claims if c.sources["agree"] or c.sources["disagree"] or c.label != "unverifiable"]
    return sum(c.label == "contradicted" for c in claims), len(claims), len(compared)


@dataclass
class Run:
    seed: int
    plants: list[Plant]
    lines: dict[str, dict[str, Any]]
    verdicts: dict[str, Any]
    untouched: tuple[int, int, int]


def choose_plants(
    raws: dict[str, RawArticle],
    lines: dict[str, dict[str, Any]],
    base: dict[str, Any],
    quota: dict[str, int],
    seed: int,
) -> list[Plant]:
    """One plant per article, articles in a seeded order, kinds filled one after the other."""
    rng = random.Random(seed)
    ids = sorted(raws)
    rng.shuffle(ids)
    plants: list[Plant] = []
    for kind in quota:
        used = {p.article for p in plants}
        for aid in ids:
            if sum(p.kind == kind for p in plants) >= quota[kind]:
                break
            if aid in used or aid not in base:
                continue
            raw, line = raws[aid], lines[aid]
            if kind in FIGURE_KINDS:
                cands = _figure_candidates(raw, line, base[aid])
            else:
                cands = _incident_candidates(raw, line, base[aid], kind)
            if not cands:
                continue
            p = replace(rng.choice(cands), kind=kind)
            new_text = plant_text(raw, line, p, rng)
            if new_text is None:
                continue
            p.raw = replace(raw, text=new_text)
            plants.append(p)
    return plants


def run_plants(
    ex: Extractor, lines: dict[str, dict[str, Any]], plants: list[Plant], refs: list[Any], seed: int
) -> Run:
    planted_lines = dict(lines)
    for p in plants:
        assert p.raw is not None
        planted_lines[p.article] = extract(ex, p.raw)
    after = verify(planted_lines, refs)
    for p in plants:
        got = _planted_claims(planted_lines[p.article], after[p.article], p)
        p.found = bool(got)
        p.labels = tuple(c.label for c in got)
    return Run(seed, plants, planted_lines, after, untouched(after, {p.article for p in plants}))


def gaps(runs: list[Run]) -> None:
    """How far in publication time the refuting figures were, for planted and untouched claims."""
    from collections import Counter
    from datetime import date as _d

    def gap(c: Any) -> int:
        pub = _d.fromisoformat(c.claim.mention.published[:10])
        return min(
            abs((_d.fromisoformat(v["published"][:10]) - pub).days)
            for v in c.sources["votes"]
            if v["agrees"] is False
        )

    planted, untouched_ = Counter(), Counter()
    for r in runs:
        ids = {p.article for p in r.plants}
        for p in r.plants:
            if p.kind in FIGURE_KINDS and "contradicted" in p.labels:
                for c in _planted_claims(r.lines[p.article], r.verdicts[p.article], p):
                    if c.sources["label"] == "contradicted":
                        planted[min(gap(c), 8)] += 1
        for a, v in r.verdicts.items():
            if a in ids:
                continue
            for c in v.claims:
                if c.claim.kind == "casualty" and c.sources["label"] == "contradicted":
                    untouched_[min(gap(c), 8)] += 1
    print("refuting gap (days): planted", sorted(planted.items()), "untouched", sorted(untouched_.items()))


def report(runs: list[Run], kinds: list[str]) -> None:
    plants = [p for r in runs for p in r.plants]
    seeds = ", ".join(str(r.seed) for r in runs)
    print(f"\nplanted {len(plants)} facts, one per article (seed {seeds})")
    print(
        f"{'kind':<12} {'planted':>7} {'found':>6}  {'detected (contradicted)':<26}{'where corroborated':<26}support lost"
    )
    for kind in kinds:
        ps = [p for p in plants if p.kind == kind and p.found]
        hit = [p for p in ps if "contradicted" in p.labels]
        cor = [p for p in ps if p.corroborated]
        lost = [p for p in ps if p.was_supported and "supported" not in p.labels]
        print(
            f"{kind:<12} {sum(p.kind == kind for p in plants):>7} {len(ps):>6}  {_share(len(hit), len(ps)):<26}"
            f"{_share(sum(1 for p in cor if 'contradicted' in p.labels), len(cor)):<26}"
            f"{_share(len(lost), sum(p.was_supported for p in ps))}"
        )
    figs = [p for p in plants if p.kind in FIGURE_KINDS and p.found]
    cor = [p for p in figs if p.corroborated]
    print(
        f"\nfigures: detection where corroborated {_share(sum('contradicted' in p.labels for p in cor), len(cor))}, "
        f"overall {_share(sum('contradicted' in p.labels for p in figs), len(figs))}"
    )
    contra = sum(r.untouched[0] for r in runs)
    total = sum(r.untouched[1] for r in runs)
    compared = sum(r.untouched[2] for r in runs)
    print(
        f"untouched casualty claims contradicted: {_share(contra, total)} of all; "
        f"{_share(contra, compared)} of those another source or the reference had a figure for"
    )


def dump(run: Run, folder: Path) -> None:
    import json

    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "planted_lines.jsonl").open("w", encoding="utf-8") as fh:
        for line in run.lines.values():
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    with (folder / "plants.jsonl").open("w", encoding="utf-8") as fh:
        for p in run.plants:
            d = {k: v for k, v in p.__dict__.items() if k != "raw"}
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")


def show_missed(run: Run) -> None:
    for p in run.plants:
        if p.kind in FIGURE_KINDS and p.corroborated and "contradicted" not in p.labels:
            got = _planted_claims(run.lines[p.article], run.verdicts[p.article], p)
            print(p.kind, p.article, p.measure, p.group, p.old, "->", p.new, p.labels)
            for c in got:
                votes = [(v["sources"], v["value"], v["qualifier"], v["agrees"]) for v in c.sources["votes"]]
                print("    sources:", c.sources["label"], votes)
                for name, d in c.reference.get("datasets", {}).items():
                    print("    reference:", name, d.get("label"), d.get("values"), d.get("matches", [])[:5])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--n", type=int, default=150, help="figure plants per seed (half x3+2, half div3)")
    ap.add_argument(
        "--n-other", type=int, default=None, help="date and governorate plants each (default n/3)"
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--seeds", type=int, default=5, help="runs with seeds seed, seed+1, ... (counts pooled)")
    ap.add_argument("--reference", action="append", default=[], help="FILE.csv:PRESET, checked too")
    ap.add_argument("--dump", type=Path, help="write the first run's article lines and plants here")
    ap.add_argument("--show", action="store_true", help="list corroborated figure plants that passed")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such file", file=sys.stderr)
        return 2
    n_other = args.n // 3 if args.n_other is None else args.n_other
    t0 = time.perf_counter()
    refs: list[Any] = []
    for spec in args.reference:
        from marsad.verify import import_csv

        path, _, preset = spec.rpartition(":")
        refs.extend(import_csv(path, preset).records)
    ex = Extractor()
    raws = {a.id: a for a in iter_articles([str(args.corpus)]) if not isinstance(a, ReadError)}
    lines = {aid: extract(ex, raw) for aid, raw in raws.items()}
    base = verify(lines, refs)
    b_contra, b_total, b_cmp = untouched(base, set())
    print(
        f"corpus: {len(raws)} articles, {len(refs)} reference records; "
        f"extract+fuse+verify {time.perf_counter() - t0:.1f} s"
    )
    print(f"before planting: casualty claims contradicted {_share(b_contra, b_total)}; compared {b_cmp}")
    quota = {"x3+2": args.n - args.n // 2, "div3": args.n // 2, "date+10": n_other, "governorate": n_other}
    runs = []
    for seed in range(args.seed, args.seed + args.seeds):
        plants = choose_plants(raws, lines, base, quota, seed)
        runs.append(run_plants(ex, lines, plants, refs, seed))
        if args.show:
            show_missed(runs[-1])
    report(runs, list(quota))
    if args.show:
        gaps(runs)
    if args.dump:
        dump(runs[0], args.dump)
    print(f"total {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
