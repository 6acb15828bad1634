"""Render the README screenshots from the real page over an archive-scale store.

Usage: PYTHONPATH=src python3 scripts/screenshots.py [--db /tmp/marsad-bench-web.db] [--out docs/screenshots]

Without an existing ``--db`` the store is built as ``benchmarks/web_api.py`` builds it: every article of
``../shared/dev/*.jsonl`` (no copies unless ``--target`` asks for them). Uses the system Chromium (MARSAD_CHROMIUM,
default /usr/bin/chromium) through Playwright; no browser download. Writes map.png, list.png,
search.png, timeline.png, choropleth.png and article.png.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

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


def shoot(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)

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
        browser.close()
    for name in ("map", "list", "search", "timeline", "choropleth", "article"):
        print("wrote", out / f"{name}.png")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/marsad-dev-all.db"))
    ap.add_argument("--target", type=int, default=0, help="top up with copies to this many incidents")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args()
    sizes = build(args.db, args.target)
    print(f"store: {sizes['articles']:,} articles, {sizes['incidents']:,} incidents")
    srv, base = serve(args.db)
    try:
        shoot(base, args.out)
    finally:
        srv.should_exit = True


if __name__ == "__main__":
    main()
