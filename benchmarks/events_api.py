"""Times the API calls of the web page's events view on a store of every real dev article, fused and
verified as a user would (`marsad fuse --db`, `marsad verify --db`).

    PYTHONPATH=src python3 benchmarks/events_api.py [--db /tmp/marsad-dev-all.db] [--repeat 7] [--browser]

The store is built as ``benchmarks/web_api.py`` builds it (every article of ``../shared/dev/*.jsonl``,
no copies), then fused and verified when it holds no events. The API runs in uvicorn on a free local
port; calls go over HTTP with gzip, as from the browser; "parallel" is how the view issues a refresh
(points and the list page at once). ``--browser`` also times the view in headless Chromium
(``MARSAD_CHROMIUM``): the events tab from click to drawn, and an event from click to its reports.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_api import build, get, serve, timed  # noqa: E402

PAGE = 50  # events list page size (web/static/js/events.js)


def fuse_and_verify(db: Path) -> None:
    from typer.testing import CliRunner

    from marsad.cli import app
    from marsad.store import Store

    store = Store(str(db))
    n = store.counts()["events"]
    store.close()
    if n:
        return
    for command in ("fuse", "verify"):
        t = time.perf_counter()
        res = CliRunner().invoke(app, [command, "--db", str(db)])
        if res.exit_code:
            sys.exit(res.output)
        print(f"{command} --db: {time.perf_counter() - t:.1f} s: {res.output.strip()}", file=sys.stderr)


def api(base: str, path: str, **params: Any) -> Any:
    qs = urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
    with urllib.request.urlopen(base + path + ("?" + qs if qs else ""), timeout=60) as resp:
        return json.loads(resp.read())


def refresh(f: dict[str, Any], sort: str = "-date", offset: int = 0) -> list:
    """The requests of one refresh of the events view (js/events.js refresh())."""
    return [
        ("/api/events/points", f),
        ("/api/events", {**f, "fields": "summary", "limit": PAGE, "offset": offset, "sort": sort}),
    ]


def scenarios(base: str) -> list[tuple[str, list]]:
    facets = api(base, "/api/events/facets")
    biggest = api(base, "/api/events", fields="summary", sort="-articles", limit=1)["items"][0]
    typical = api(base, "/api/events", fields="summary", min_outlets=2, limit=1, offset=40)["items"][0]
    reader = biggest["id"]
    article = api(base, f"/api/events/{reader}")["members"][0]["article"]
    outlet = "BBC" if "BBC" in facets["outlets"] else facets["outlets"][0]
    return [
        ("discrepancies only", refresh({"discrepancy": "true"})),
        ("2 or more outlets", refresh({"min_outlets": 2})),
        (f"outlet ({outlet})", refresh({"outlet": outlet})),
        ("reporter (sohr)", refresh({"source": "sohr"})),
        ("governorate (Aleppo)", refresh({"admin1": "Aleppo"})),
        ("type (airstrike)", refresh({"type": "airstrike"})),
        ("dates (2018-04)", refresh({"start": "2018-04-01", "end": "2018-04-30"})),
        ("text q=دوما", refresh({"q": "دوما"})),
        (
            "all filters at once",
            refresh(
                {"admin1": "Rif Dimashq", "type": "airstrike,chemical_attack", "min_outlets": 2, "q": "دوما"}
            ),
        ),
        ("list: sort by killed", [refresh({}, sort="-killed")[1]]),
        ("list: sort by outlets", [refresh({}, sort="-outlets")[1]]),
        ("list: page 20 (newest)", [refresh({}, offset=19 * PAGE)[1]]),
        (
            f"event: the largest ({biggest['n_articles']} articles, {len(biggest['figures'])} figures)",
            [(f"/api/events/{reader}", {})],
        ),
        (f"event: typical ({typical['n_articles']} articles)", [(f"/api/events/{typical['id']}", {})]),
        ("article with verdicts and events", [("/api/articles/" + urllib.parse.quote(article), {})]),
    ]


def browser_times(base: str, repeat: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
    tab, event = [], []
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for _ in range(repeat):
            page = b.new_page(viewport={"width": 1400, "height": 900})
            page.goto(base + "/")
            page.wait_for_selector('body[data-ready="1"]', timeout=60_000)
            t = time.perf_counter()
            page.click("#tab-events")
            page.wait_for_selector('#view-events[data-loading="0"]', timeout=60_000)
            tab.append(time.perf_counter() - t)
            page.select_option("#ev-sort", "-outlets")
            page.wait_for_selector('#view-events[data-loading="0"]', timeout=60_000)
            first = page.locator("#event-list button.event").first
            ev_id = first.get_attribute("data-event")
            t = time.perf_counter()
            first.click()
            page.wait_for_selector(f'#event-detail[data-event="{ev_id}"][data-loading="0"]', timeout=60_000)
            event.append(time.perf_counter() - t)
            page.close()
        b.close()
    return {"tab": statistics.median(tab), "event": statistics.median(event)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/marsad-dev-all.db"))
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--browser", action="store_true", help="also time the view in headless Chromium")
    args = ap.parse_args()
    sizes = build(args.db, 0)
    fuse_and_verify(args.db)
    from marsad.store import Store

    store = Store(str(args.db))
    counts = store.counts()
    store.close()
    print(
        f"store: {sizes['articles']:,} articles, {sizes['incidents']:,} incidents, {counts['events']:,} events, "
        f"{counts['verifications']:,} verified articles"
    )
    srv, base = serve(args.db)
    try:
        get(base, "/api/events/facets")  # warm-up: first connection
        first = timed(base, [("/api/events/facets", {}), *refresh({})], args.repeat)
        kb = {p: get(base, p, q)[1] / 1024 for p, q in refresh({})}
        print("\n| events view | median | worst of runs |\n|---|---|---|")
        print(
            f"| first show (facets, points, list page) | {first['parallel']:.3f} s | {first['worst']:.3f} s |"
        )
        worst = first["worst"]
        for name, calls in scenarios(base):
            t = timed(base, calls, args.repeat)
            worst = max(worst, t["worst"])
            print(f"| {name} | {t['parallel']:.3f} s | {t['worst']:.3f} s |")
        print("\n(gzip body sizes: " + ", ".join(f"{p} {v:.0f} KB" for p, v in kb.items()) + ")")
        print(f"slowest run: {worst:.3f} s")
        if args.browser:
            b = browser_times(base, max(2, args.repeat // 2))
            print(
                f"Chromium: events tab click to drawn {b['tab']:.3f} s; event click to its reports {b['event']:.3f} s"
            )
    finally:
        srv.should_exit = True


if __name__ == "__main__":
    main()
