"""Render the README screenshots from the real page over an archive-scale store.

Usage: PYTHONPATH=src python3 scripts/screenshots.py [--db /tmp/marsad-bench-web.db] [--out docs/screenshots]
       [--only incidents|events]

Without an existing ``--db`` the store is built as ``benchmarks/web_api.py`` builds it: every article of
``../shared/dev/*.jsonl`` (no copies unless ``--target`` asks for them), then fused and verified
(``marsad fuse --db``, ``marsad verify --db``) when it holds no events. Uses the system Chromium
(MARSAD_CHROMIUM, default /usr/bin/chromium) through Playwright; no browser download. Writes map.png,
list.png, search.png, timeline.png, choropleth.png and article.png (incidents view), events.png and
events_article.png (events view).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from events_api import fuse_and_verify  # noqa: E402
from web_api import build, serve  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
VIEW = {"width": 1440, "height": 1000}


def ready(page: Page) -> None:
    page.wait_for_function("document.body.dataset.loading === '0'", timeout=60_000)
    page.wait_for_timeout(600)  # cluster animations


def open_page(browser, base: str, hash_: str = "") -> Page:
    page = browser.new_page(viewport=VIEW, device_scale_factor=1)
    page.goto(base + "/" + hash_)
    ready(page)
    return page


def events_ready(page: Page) -> None:
    page.wait_for_selector('#view-events[data-loading="0"]:not([hidden])', timeout=60_000)
    page.wait_for_function("!document.querySelector('#event-map[data-moving=\"1\"]')", timeout=60_000)


def showcase_event(base: str) -> str:
    """An event worth showing: dated, covered by several outlets, its reports disagreeing, one figure
    given by three reports or more, at least one report contradicted, and few enough to fit a screen."""

    def api(path: str, **params) -> dict:
        with urllib.request.urlopen(base + path + "?" + urllib.parse.urlencode(params), timeout=60) as resp:
            return json.loads(resp.read())

    page = api("/api/events", fields="summary", min_outlets=3, discrepancy="true", sort="-outlets", limit=100)
    for s in page["items"]:
        if not s["mapped"] or not s["killed"]["best"] or s["date"].get("precision") not in ("day", "range"):
            continue
        ev = api(f"/api/events/{s['id']}")
        if any(not m["published"] for m in ev["members"]):
            continue  # an undated report of an undated article can join any time: not a clean example
        sizes = [len(f["reports"]) for f in ev["figures"]]
        if "contradicted" in ev["labels"].values() and max(sizes) >= 3 and sum(sizes) <= 24:
            return s["id"]
    return page["items"][0]["id"]


def shoot_events(browser, base: str, out: Path) -> list[str]:
    """The events view: events reported by three or more outlets, one with disagreeing reports opened
    (its reports side by side), then a contradicted report's article with each claim's verdict."""
    ev_id = showcase_event(base)
    page = open_page(browser, base)
    page.click("#tab-events")
    events_ready(page)
    page.select_option("#ev-min-outlets", "3")
    events_ready(page)
    page.select_option("#ev-sort", "-outlets")
    events_ready(page)
    page.evaluate("id => window.marsad.openEvent(id)", ev_id)
    page.wait_for_selector(
        f'#event-detail[data-event="{ev_id}"][data-loading="0"]:not([hidden])', timeout=60_000
    )
    events_ready(page)
    page.wait_for_timeout(400)  # fonts settle
    page.screenshot(
        path=str(out / "events.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": VIEW["width"], "height": 1350},
    )
    card = page.locator("#event-detail button.report.v-contradicted")
    card = card.first if card.count() else page.locator("#event-detail button.report").first
    card.click()
    page.wait_for_selector('#article[data-loading="0"]:not([hidden])', timeout=60_000)
    page.evaluate("window.scrollTo(0, document.querySelector('#view-events .layout').offsetTop - 8)")
    page.wait_for_timeout(400)
    page.screenshot(path=str(out / "events_article.png"))
    page.close()
    return ["events", "events_article"]


def shoot(base: str, out: Path, only: str | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        if only == "events":
            names = shoot_events(browser, base, out)
            browser.close()
            for name in names:
                print("wrote", out / f"{name}.png")
            return

        # 1. The archive as it opens: clusters, legend, the newest page of the list, the timeline.
        page = open_page(browser, base)
        page.screenshot(path=str(out / "map.png"), full_page=True)

        # 2. List: most killed first; a click zooms the map to the incident and opens its popup.
        page.select_option("#f-admin1", "Idlib")
        ready(page)
        page.select_option("#sort", "-killed")
        page.wait_for_timeout(800)
        page.locator("#incident-list button.incident:not(.unmapped)").first.click()
        page.wait_for_selector(".leaflet-popup", timeout=20_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(out / "list.png"))
        page.close()

        # 3. Search: "الرقه" (ه for ة) finds places and articles that write الرقة.
        page = open_page(browser, base)
        page.fill("#search", "الرقه")
        page.wait_for_selector("#search-results:not([hidden]) .result.article")
        page.wait_for_timeout(300)
        page.screenshot(
            path=str(out / "search.png"), clip={"x": 0, "y": 0, "width": VIEW["width"], "height": 760}
        )
        page.close()

        # 4. Timeline: zoomed to the busy months (weekly bars), then a brushed range: map and list follow.
        page = open_page(browser, base)

        def drag(x0: float, x1: float) -> None:
            svg = page.locator("#timeline svg")
            svg.scroll_into_view_if_needed()
            box = svg.bounding_box()
            y = box["y"] + box["height"] * 0.6
            page.mouse.move(box["x"] + box["width"] * x0, y)
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] * x1, y, steps=6)
            page.mouse.up()
            ready(page)

        drag(0.80, 0.97)
        page.click("#tl-zoom")
        page.wait_for_timeout(300)
        drag(0.30, 0.55)
        page.screenshot(path=str(out / "timeline.png"), full_page=True)
        page.close()

        # 5. Governorate shading: killed per governorate (cumulative tolls left out).
        page = open_page(browser, base)
        page.select_option("#choropleth", "killed")
        page.uncheck("#show-points")
        page.wait_for_timeout(400)
        page.locator(".map-panel").screenshot(path=str(out / "choropleth.png"))
        page.close()

        # 6. An article with every extracted fact highlighted on its evidence.
        page = open_page(browser, base)
        page.fill("#search", "غارات إدلب")
        page.wait_for_selector("#search-results:not([hidden]) .result.article")
        page.locator("#search-results .result.article").first.click()
        page.wait_for_selector("#article:not([hidden])")
        mark = page.locator("#article-text mark.k-casualty").first
        if mark.count():
            mark.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(out / "article.png"))
        page.close()
        names = ["map", "list", "search", "timeline", "choropleth", "article"]
        if only != "incidents":
            names += shoot_events(browser, base, out)
        browser.close()
    for name in names:
        print("wrote", out / f"{name}.png")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/marsad-dev-all.db"))
    ap.add_argument("--target", type=int, default=0, help="top up with copies to this many incidents")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--only", choices=("incidents", "events"), help="only this view's images")
    args = ap.parse_args()
    sizes = build(args.db, args.target)
    fuse_and_verify(args.db)
    print(f"store: {sizes['articles']:,} articles, {sizes['incidents']:,} incidents")
    srv, base = serve(args.db)
    try:
        shoot(base, args.out, args.only)
    finally:
        srv.should_exit = True


if __name__ == "__main__":
    main()
