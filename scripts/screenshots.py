"""Render docs/screenshots/map.png and article.png from the real page over a seeded database.

Usage: python scripts/screenshots.py [--db sqlite:///marsad.db] [--seeds /work/shared/seeds] [--out docs/screenshots]
Without --db the seeds are extracted into a temporary SQLite DB first. Uses the system Chromium
(MARSAD_CHROMIUM, default /usr/bin/chromium) through Playwright; no browser download.
"""

from __future__ import annotations

import argparse
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from marsad.api.app import create_app

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def ingest_seeds(db_url: str, seeds: Path) -> int:
    from marsad.io.readers import iter_articles
    from marsad.models import RawArticle
    from marsad.pipeline import Extractor
    from marsad.store import Store

    extractor, store = Extractor(), Store(db_url)
    n = 0
    try:
        for raw in iter_articles([str(seeds)]):
            if isinstance(raw, RawArticle):
                store.add(extractor.process(raw).to_dict())
                n += 1
    finally:
        store.close()
    return n


def serve(db_url: str) -> tuple[uvicorn.Server, threading.Thread, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db_url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("uvicorn did not start")
        time.sleep(0.05)
    return srv, thread, f"http://127.0.0.1:{port}"


def shoot(base: str, out: Path, article_id: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
        page.goto(base + "/")
        page.wait_for_selector('body[data-loading="0"]', timeout=20_000)
        # Map view: the biggest marker's popup open, no article panel.
        page.evaluate(
            """() => {
                const ms = Object.values(window.marsad.state.markers);
                if (ms.length) ms.sort((a, b) => b.getRadius() - a.getRadius())[0].openPopup();
            }"""
        )
        page.wait_for_timeout(400)
        page.screenshot(path=str(out / "map.png"), full_page=True)
        print("wrote", out / "map.png")
        # Article view: the chosen (or first listed) article with its highlighted facts.
        target = article_id or page.locator("#incident-list button.incident").first.get_attribute(
            "data-incident"
        )
        target = target.split("#")[0] if target else None
        if target:
            page.close()
            page = browser.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
            page.goto(base + "/#article=" + target)
            page.wait_for_selector('body[data-loading="0"]', timeout=20_000)
            page.wait_for_selector(f'#article[data-article="{target}"]:not([hidden])', timeout=10_000)
            first = page.locator("#article-text mark.k-casualty").first
            if first.count():
                first.scroll_into_view_if_needed()
            page.wait_for_timeout(400)
            page.screenshot(path=str(out / "article.png"))
            print("wrote", out / "article.png")
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database URL to show (default: the seeds in a temporary SQLite DB)")
    ap.add_argument(
        "--seeds", type=Path, default=Path(os.environ.get("MARSAD_SHARED", "/work/shared")) / "seeds"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--article", default="000_eeb85b81bd9619f2", help="article id for article.png")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_url = args.db
        if not db_url:
            db_url = f"sqlite:///{Path(tmp) / 'seeds.db'}"
            print("ingested", ingest_seeds(db_url, args.seeds), "seed articles")
        srv, thread, base = serve(db_url)
        try:
            shoot(base, args.out, args.article)
        finally:
            srv.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    main()
