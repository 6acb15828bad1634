"""Time ``marsad fuse`` on synthetic mentions (one core, fixed seed).

Simulates true events (random governorate, community, day, type) each reported by 1-5 articles
with jittered dates (+-1 day), varying figures and some governorate-only or undated mentions, then
fuses them and prints mentions/s and how many events came out against how many were planted.

    python benchmarks/fuse_speed.py [N_MENTIONS]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from marsad.fuse import fuse, mentions_from_article

GOVERNORATES = [
    "Aleppo",
    "Idlib",
    "Hama",
    "Homs",
    "Rif Dimashq",
    "Damascus",
    "Daraa",
    "Deir ez-Zor",
    "Ar-Raqqa",
    "Al-Hasakah",
    "Latakia",
    "Tartus",
    "Quneitra",
    "As-Suwayda",
]
TYPES = [
    "airstrike",
    "shelling",
    "armed_clash",
    "bombing",
    "attack_on_civilians",
    "abduction_arrest",
    "territory_change",
]
OUTLETS = ["sohr", "sana", "afp", "reuters", "enab_baladi", "shaam_network", "dpa", "aawsat"]
ACTORS = ["syrian_government", "russia", "opposition", "isis", "sdf", "turkey", "us_led_coalition"]


def synth(n: int, seed: int = 20161208) -> tuple[list[dict], int]:
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    places = {g: [f"{g.lower()}_{i}" for i in range(60)] for g in GOVERNORATES}
    lines: list[dict] = []
    events = 0
    while len(lines) < n:
        events += 1
        gov = rng.choice(GOVERNORATES)
        place = rng.choice(places[gov])
        day = start + timedelta(days=rng.randrange(730))
        etype = rng.choice(TYPES)
        actor = rng.choice(ACTORS)
        killed = rng.randrange(1, 60)
        for k in range(rng.randint(1, 5)):
            aid = f"a{len(lines)}"
            d = day + timedelta(days=rng.choice((0, 0, 0, 1, -1))) if k else day
            coarse = rng.random() < 0.08
            loc = {
                "place_id": None if coarse else place,
                "name_en": gov if coarse else place,
                "admin1": gov,
                "admin2": None,
                "precision": "governorate" if coarse else "community",
            }
            value = max(1, killed + rng.choice((0, 0, 1, -1, 5)))
            inc = {
                "id": f"{aid}#1",
                "type": etype,
                "date": {
                    "start": None if rng.random() < 0.03 else d.isoformat(),
                    "end": None,
                    "precision": "day",
                },
                "locations": [loc],
                "actors": [{"id": actor, "role": "perpetrator"}],
                "casualties": [
                    {
                        "measure": "killed",
                        "group": "civilians",
                        "side": None,
                        "count": {"value": value, "low": value, "high": None, "qualifier": "exact"},
                        "part_of": None,
                        "reported_by": [],
                    }
                ],
                "reported_by": [],
            }
            art = {"id": aid, "outlet": rng.choice(OUTLETS), "published": (d + timedelta(days=1)).isoformat()}
            lines.append({"article": art, "incidents": [inc]})
    return lines[:n], events


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    lines, planted = synth(n)
    mentions = [m for line in lines for m in mentions_from_article(line)]
    t0, c0 = time.perf_counter(), time.process_time()
    events = fuse(mentions)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    disc = sum(len(e.discrepancies) for e in events)
    print(
        f"mentions: {len(mentions)}  planted events: {planted}  fused events: {len(events)}  discrepancies: {disc}"
    )
    print(
        f"fusion time: {dt:.2f} s wall, {cpu:.2f} s CPU  ({len(mentions) / dt:,.0f} mentions/s wall, one core)"
    )


if __name__ == "__main__":
    main()
