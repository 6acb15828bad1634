"""Times the API calls the web page makes, on a store of about 10,000 incidents from the real dev
articles: first paint (< 1.5 s wanted) and every filter (< 0.5 s wanted).

    PYTHONPATH=src python3 benchmarks/web_api.py [--db /tmp/marsad-bench.db] [--target 10000] [--browser]

The store is built once (reused when ``--db`` exists): every article of ``../shared/dev/*.jsonl``
extracted and stored (identical texts stored once: about 1,780 articles and 9,200 incidents), then
topped up to ``--target`` incidents with copies of real articles under new ids (marked ``~copyN``),
so the numbers are for a round 10,000. The API runs in uvicorn on a free local port; calls go over
HTTP with gzip, as from the browser. "parallel" is how the page issues a refresh (Promise.all);
"sequential" adds the calls up. ``--browser`` also times the page itself in headless Chromium
(``MARSAD_CHROMIUM``, default /usr/bin/chromium): navigation to drawn, and a filter change.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev"
PAGE = 50  # list page size (web/static/js/list.js)


def build(db: Path, target: int) -> dict[str, int]:
    from sqlalchemy import func, select

    from marsad.store import Store
    from marsad.store.ingest import Ingester
    from marsad.store.schema import incidents

    store = Store(str(db))
    if store.counts()["incidents"] == 0:
        files = sorted(str(p) for p in DEV.glob("*.jsonl"))
        if not files:
            sys.exit(f"no articles at {DEV}")
        t = time.perf_counter()
        summary = Ingester(store, from_extracted=False).run(files)
        print(f"built {db}: {summary.line()} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    copy = 1
    while store.counts()["incidents"] < target:
        for line in store.iter_article_lines():
            if store.counts()["incidents"] >= target:
                break
            art = line["article"]
            if "~copy" in art["id"] or not line["incidents"]:
                continue
            new_id = f"{art['id']}~copy{copy}"
            art.update(id=new_id, text=(art.get("text") or "") + f"\n[copy {copy}]", sha256=None)
            for inc in line["incidents"]:
                inc["id"] = new_id + "#" + inc["id"].split("#")[-1]
            store.put(line)
        copy += 1
    counts = store.counts()
    with store.engine.connect() as conn:
        real = conn.execute(
            select(func.count()).select_from(incidents).where(incidents.c.article_id.not_like("%~copy%"))
        ).scalar_one()
    store.close()
    return {"articles": counts["articles"], "incidents": counts["incidents"], "real_incidents": real}


def serve(db: Path) -> tuple[Any, str]:
    import uvicorn

    from marsad.api.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return srv, f"http://127.0.0.1:{port}"


def get(base: str, path: str, params: dict[str, Any] | None = None) -> tuple[float, int]:
    qs = urllib.parse.urlencode({k: v for k, v in (params or {}).items() if v not in (None, "")})
    req = urllib.request.Request(base + path + ("?" + qs if qs else ""), headers={"Accept-Encoding": "gzip"})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as resp:
        body = resp.read()
        if resp.status != 200:
            raise RuntimeError(f"{path}: HTTP {resp.status}")
    return time.perf_counter() - t, len(body)


def refresh_calls(f: dict[str, Any], sort: str = "-date", offset: int = 0, timeline: bool = True) -> list:
    """The requests of one refresh of the page (js/app.js refresh())."""
    calls = [
        ("/api/points", f),
        ("/api/incidents", {**f, "limit": PAGE, "offset": offset, "sort": sort}),
        ("/api/admin1", f),
    ]
    if timeline:
        calls.append(("/api/timeline", {k: v for k, v in f.items() if k not in ("start", "end")}))
    return calls


def timed(base: str, calls: list, repeat: int) -> dict[str, float]:
    seq, par = [], []
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(repeat):
            seq.append(sum(get(base, p, q)[0] for p, q in calls))
            t = time.perf_counter()
            list(pool.map(lambda c: get(base, *c), calls))
            par.append(time.perf_counter() - t)
    return {"parallel": statistics.median(par), "sequential": statistics.median(seq), "worst": max(par)}


def scenarios(base: str) -> list[tuple[str, list]]:
    facets = json.loads(urllib.request.urlopen(base + "/api/facets").read())
    month = json.loads(urllib.request.urlopen(base + "/api/timeline?bucket=month").read())
    busiest = max(month, key=lambda r: r["incidents"])["date"]
    end = busiest[:8] + "28"
    search = json.loads(urllib.request.urlopen(base + "/api/search?q=" + urllib.parse.quote("حلب")).read())
    place = search["places"][0]["place_id"] if search["places"] else None
    out = [
        ("governorate (Aleppo)", refresh_calls({"admin1": "Aleppo"})),
        ("type (airstrike)", refresh_calls({"type": "airstrike"})),
        (f"dates (brush {busiest[:7]})", refresh_calls({"start": busiest, "end": end}, timeline=False)),
        ("actor (" + facets["actors"][0] + ")", refresh_calls({"actor": facets["actors"][0]})),
        ("source (sohr)", refresh_calls({"source": "sohr"})),
        ("text q=الرقه", refresh_calls({"q": "الرقه"})),
        (
            "all filters at once",
            refresh_calls(
                {
                    "admin1": "Idlib,Aleppo",
                    "type": "airstrike,shelling",
                    "q": "قصف",
                    "start": "2018-01-01",
                    "end": "2018-06-30",
                }
            ),
        ),
        (
            "list: sort by killed, page 3",
            [("/api/incidents", {"limit": PAGE, "offset": 2 * PAGE, "sort": "-killed"})],
        ),
        ("list: page 100 (newest)", [("/api/incidents", {"limit": PAGE, "offset": 99 * PAGE})]),
        ("search box: حلب", [("/api/search", {"q": "حلب", "limit": 8})]),
        ("search box: الرقة", [("/api/search", {"q": "الرقة", "limit": 8})]),
        (
            "popup: one incident",
            [("/api/incidents/" + urllib.parse.quote(search["articles"][0]["id"] + "#1"), {})],
        ),
    ]
    if place:
        out.insert(6, (f"place ({place})", refresh_calls({"place": place})))
    return out


def browser_times(base: str, repeat: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
    paint, filt = [], []
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for _ in range(repeat):
            page = b.new_page(viewport={"width": 1400, "height": 900})
            t = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector('body[data-loading="0"]', timeout=60_000)
            paint.append(time.perf_counter() - t)
            t = time.perf_counter()
            page.select_option("#f-type", "airstrike")
            page.wait_for_function("document.body.dataset.loading === '0'", timeout=60_000)
            filt.append(time.perf_counter() - t)
            page.close()
        b.close()
    return {"first_paint": statistics.median(paint), "filter": statistics.median(filt)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/marsad-bench-web.db"))
    ap.add_argument("--target", type=int, default=10_000, help="incidents in the store")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--browser", action="store_true", help="also time the page in headless Chromium")
    args = ap.parse_args()
    sizes = build(args.db, args.target)
    print(
        f"store: {sizes['articles']:,} articles, {sizes['incidents']:,} incidents ({sizes['real_incidents']:,} from real articles)"
    )
    srv, base = serve(args.db)
    try:
        get(base, "/api/facets")  # warm-up: first connection, imports
        static = [
            ("/", {}),
            ("/static/app.css", {}),
            ("/static/js/app.js", {}),
            ("/static/syria_governorates.geojson", {}),
        ]
        first = timed(base, static + [("/api/facets", {})], args.repeat)
        first_refresh = timed(base, refresh_calls({}), args.repeat)
        sizes_kb = {p: get(base, p, q)[1] / 1024 for p, q in refresh_calls({})}
        print("\n| page load | parallel | sequential |\n|---|---|---|")
        print(f"| page, styles, outlines, facets | {first['parallel']:.3f} s | {first['sequential']:.3f} s |")
        print(
            f"| first refresh (points, list page, governorates, timeline) | {first_refresh['parallel']:.3f} s | {first_refresh['sequential']:.3f} s |"
        )
        total = first["parallel"] + first_refresh["parallel"]
        print(
            f"| **first paint, API side** | **{total:.3f} s** | {first['sequential'] + first_refresh['sequential']:.3f} s |"
        )
        print("\n(gzip body sizes: " + ", ".join(f"{p} {kb:.0f} KB" for p, kb in sizes_kb.items()) + ")")
        print("\n| filter (one refresh) | median | worst of runs |\n|---|---|---|")
        worst = 0.0
        for name, calls in scenarios(base):
            t = timed(base, calls, args.repeat)
            worst = max(worst, t["worst"])
            print(f"| {name} | {t['parallel']:.3f} s | {t['worst']:.3f} s |")
        print(
            f"\nslowest filter run: {worst:.3f} s (wanted < 0.5 s); first paint API side {total:.3f} s (wanted < 1.5 s)"
        )
        if args.browser:
            b = browser_times(base, max(2, args.repeat // 2))
            print(
                f"Chromium: navigation to drawn page {b['first_paint']:.3f} s; type filter to redrawn {b['filter']:.3f} s"
            )
    finally:
        srv.should_exit = True


if __name__ == "__main__":
    main()
