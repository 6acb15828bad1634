"""Fusion on real coverage: how many events does each well-known 2018 incident become?

Extracts (or reads) the 1,389 real articles of ``../shared/dev/ant_syria_2018.jsonl``, fuses them,
and for ten incidents the corpus covers counts the events holding the incident's mentions. Each
incident is one event as a coder would record it: one day, one site, one family of event types
(not the opening of a weeks-long offensive, whose start date later articles repeat as "since"). A
mention is the incident's when its type is one of the incident's types, its scene (places that are
not landmarks) is the incident's town (within 0.5 km of the site, no other town), and it is dated
to the incident's day +-1 or is undated (or dated only by a period that can hold the day) and
published in the two weeks after (a reference back to it). Printed per incident: mentions, events, share of the mentions in the largest event, how many
members of those events are not the incident's mentions (over-merging shows there), and the events
when reports naming several towns (which ACLED codes as one event per town) are counted too.

    PYTHONPATH=src python benchmarks/fuse_incidents.py [--corpus PATH] [--extracted FILE.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from marsad.fuse import fuse, mentions_from_article
from marsad.verify.places import km

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "dev" / "ant_syria_2018.jsonl"
RADIUS_KM = 0.5
FOLLOW_UP_DAYS = 14


@dataclass(frozen=True)
class Incident:
    name: str
    day: str
    types: frozenset[str]
    sites: tuple[tuple[float, float], ...]


INCIDENTS = (
    Incident("Douma chemical attack", "2018-04-07", frozenset({"chemical_attack"}), ((33.5718, 36.4027),)),
    Incident("T-4 airbase strike", "2018-04-09", frozenset({"airstrike", "shelling"}), ((34.522, 37.63),)),
    Incident(
        "US/UK/French strikes on Damascus",
        "2018-04-14",
        frozenset({"airstrike", "shelling"}),
        ((33.5131, 36.2919), (33.555, 36.32)),  # Damascus, Barzeh
    ),
    Incident("Afrin city taken", "2018-03-18", frozenset({"territory_change"}), ((36.5119, 36.8695),)),
    Incident(
        "Rebels bussed out of Daraa city", "2018-07-15", frozenset({"evacuation"}), ((32.6189, 36.1021),)
    ),
    Incident(
        "ISIS suicide bombings in Suwayda",
        "2018-07-25",
        frozenset({"bombing"}),
        ((32.709, 36.5695),),
    ),
    Incident(
        "Hamouriyah exodus", "2018-03-15", frozenset({"displacement", "evacuation"}), ((33.524, 36.391),)
    ),
    Incident("Harasta evacuation", "2018-03-22", frozenset({"evacuation"}), ((33.5587, 36.3652),)),
    Incident("First aid convoy into Douma", "2018-03-05", frozenset({"aid_delivery"}), ((33.5718, 36.4027),)),
    Incident(
        "Coalition strikes on Hajin",
        "2018-09-08",
        frozenset({"airstrike", "shelling"}),
        ((34.6951, 40.8314),),
    ),
)


LANDMARK = ("near", "north_of", "south_of", "east_of", "west_of")


@dataclass(frozen=True)
class Report:
    """One incident of one article, as extract wrote it (independent of fusion's own reading)."""

    incident_id: str
    type: str
    start: str | None
    end: str | None
    published: str | None
    places: tuple[dict[str, Any], ...]


def reports(lines: list[dict[str, Any]]) -> list[Report]:
    out = []
    for line in lines:
        for inc in line.get("incidents") or []:
            locs = [loc for loc in inc.get("locations") or [] if loc.get("precision") != "country"]
            scenes = [loc for loc in locs if loc.get("relation") not in LANDMARK] or locs
            date_ = inc.get("date") or {}
            out.append(
                Report(
                    inc["id"],
                    inc.get("type") or "other",
                    date_.get("start"),
                    date_.get("end"),
                    (line.get("article") or {}).get("published"),
                    tuple(scenes),
                )
            )
    return out


def _near(r: Report, inc: Incident) -> bool:
    return any(
        loc.get("lat") is not None
        and loc.get("lon") is not None
        and loc.get("precision") in ("neighbourhood", "community", "subdistrict")
        and any(km(loc["lat"], loc["lon"], lat, lon) <= RADIUS_KM for lat, lon in inc.sites)
        for loc in r.places
    )


def _when(r: Report, inc: Incident) -> bool:
    day = date.fromisoformat(inc.day)
    if r.start:
        start = date.fromisoformat(r.start[:10])
        end = date.fromisoformat((r.end or r.start)[:10])
        return (end - start).days <= 1 and abs((start - day).days) <= 1
    if not r.published:
        return False
    if r.end and date.fromisoformat(r.end[:10]) < day - timedelta(days=1):
        return False  # "in February", "last week": on or before a day before the incident
    pub = date.fromisoformat(r.published[:10])
    return day <= pub <= day + timedelta(days=FOLLOW_UP_DAYS)


def _one_site(r: Report) -> bool:
    """The report places the incident at one town only (a report over several towns is a report of
    several incidents, one per town, as ACLED codes them)."""
    sites = {
        (round(loc["lat"], 2), round(loc["lon"], 2))
        for loc in r.places
        if loc.get("precision") in ("neighbourhood", "community", "subdistrict")
        and loc.get("lat") is not None
    }
    return len(sites) <= 1 or max(km(*a, *b) for a in sites for b in sites) <= RADIUS_KM


def mentions_of(inc: Incident, reps: list[Report], single_site: bool = True) -> list[Report]:
    return [
        r
        for r in reps
        if r.type in inc.types and _near(r, inc) and _when(r, inc) and (_one_site(r) or not single_site)
    ]


def load_lines(corpus: Path, extracted: Path | None) -> list[dict[str, Any]]:
    if extracted is not None:
        with extracted.open(encoding="utf-8") as fh:
            return [json.loads(x) for x in fh if x.strip()]
    from marsad.io.readers import iter_articles
    from marsad.models import ReadError
    from marsad.pipeline import Extractor

    ex = Extractor()
    return [
        ex.process(a).to_dict(with_text=False)
        for a in iter_articles([str(corpus)])
        if not isinstance(a, ReadError)
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--extracted", type=Path, help="`marsad extract` output of the corpus (skips extraction)")
    args = ap.parse_args(argv)
    if args.extracted is None and not args.corpus.is_file():
        print(f"error: {args.corpus}: no such file", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    lines = load_lines(args.corpus, args.extracted)
    mentions = [m for line in lines for m in mentions_from_article(line)]
    t1 = time.perf_counter()
    events = fuse(mentions)
    t2 = time.perf_counter()
    event_of = {m.incident_id: e for e in events for m in e.members}
    reps = reports(lines)
    print(
        f"{len(lines)} articles, {len(mentions)} mentions -> {len(events)} events "
        f"(read/extract {t1 - t0:.1f} s, fuse {t2 - t1:.1f} s)\n"
    )
    print(
        f"{'incident':<40} {'day':<10} {'mentions':>8} {'events':>6} {'largest':>7} {'foreign':>7} {'+multi-town':>11}"
    )
    ratios, ratios_all = [], []
    for inc in INCIDENTS:
        ms = mentions_of(inc, reps)
        every = mentions_of(inc, reps, single_site=False)
        if not ms:
            print(f"{inc.name:<40} {inc.day:<10} {0:>8}      -")
            continue
        own = {m.incident_id for m in ms}
        evs = Counter(event_of[m.incident_id].id for m in ms)
        evs_all = Counter(event_of[m.incident_id].id for m in every)
        members = {x.incident_id for e in events if e.id in evs for x in e.members}
        foreign = len(members - own)
        ratios.append(len(evs))
        ratios_all.append(len(evs_all))
        print(
            f"{inc.name:<40} {inc.day:<10} {len(ms):>8} {len(evs):>6} "
            f"{max(evs.values()) / len(ms):>7.2f} {foreign:>7} {len(evs_all):>6} ({len(every) - len(ms)})"
        )
    if ratios:
        print(
            f"\nevents per incident: {sum(ratios) / len(ratios):.2f} over {len(ratios)} incidents "
            f"(counting also reports that name several towns: {sum(ratios_all) / len(ratios_all):.2f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
