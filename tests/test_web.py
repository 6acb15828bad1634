"""Browser test of the web page: the real API on a tmp SQLite DB with the seeds, driven by headless Chromium.

Skips when Chromium (or Playwright) is missing, unless MARSAD_REQUIRE_BROWSER=1, where it fails instead,
so CI cannot go green without having run it.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SEEDS = Path(os.environ.get("MARSAD_SHARED", "/work/shared")) / "seeds"
CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
REQUIRE = os.environ.get("MARSAD_REQUIRE_BROWSER") == "1"
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
SEED0 = "000_eeb85b81bd9619f2"
XSS_ID = "xss_probe"
XSS_TEXT = (
    "اختبار <script>alert(1)</script> و <img src=x onerror=alert(2)>\n\n"
    "أفاد المرصد السوري لحقوق الإنسان بمقتل 5 مدنيين و3 جرحى في قصف على مدينة إدلب.\n"
)


def _skip_or_fail(reason: str) -> None:
    if REQUIRE:
        pytest.fail(f"browser required (MARSAD_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ingest(db_url: str) -> None:
    """The five seeds plus an article carrying HTML, extracted by the real pipeline and stored."""
    from marsad.io.readers import iter_articles
    from marsad.models import RawArticle
    from marsad.pipeline import Extractor
    from marsad.store import Store

    extractor = Extractor()
    store = Store(db_url)
    try:
        raws = [r for r in iter_articles([str(SEEDS)]) if isinstance(r, RawArticle)]
        assert len(raws) == 5
        raws.append(RawArticle(id=XSS_ID, text=XSS_TEXT, title="<b>عنوان</b><script>alert(3)</script>"))
        for raw in raws:
            store.add(extractor.process(raw, published="2016-12-08" if raw.id == XSS_ID else None).to_dict())
    finally:
        store.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from marsad.api.app import create_app

    db_url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    _ingest(db_url)
    port = _free_port()
    config = uvicorn.Config(
        create_app(db_url), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _skip_or_fail(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright is not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []  # alerts seen: must stay empty
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # No network beyond our own server: a stray CDN or tile request fails the test.
    pg.foreign = []

    def _route(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            pg.foreign.append(route.request.url)
            route.abort()

    pg.route("**/*", _route)
    yield pg
    ctx.close()


def _api(server: str, path: str) -> Any:
    with urllib.request.urlopen(server + path, timeout=10) as resp:
        return json.loads(resp.read().decode("utf-8"))


def _with_coords(items: list[dict]) -> list[dict]:
    return [
        i
        for i in items
        if any(
            isinstance(loc.get("lat"), float | int) and isinstance(loc.get("lon"), float | int)
            for loc in i["locations"]
        )
    ]


def _load(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('body[data-loading="0"]', timeout=20_000)


def test_page_draws_governorates_markers_list_and_timeline(page: Any, server: str) -> None:
    _load(page, server + "/")
    api = _api(server, "/api/incidents?limit=1000")
    expected = len(_with_coords(api["items"]))
    assert expected > 0
    assert page.locator("#map path.gov").count() == 14
    assert page.locator("#map path.incident-marker").count() == expected
    assert page.locator("#incident-list button.incident").count() == len(api["items"])
    # Timeline bars: one killed bar per day (per month over long spans); the totals match the API's.
    timeline = _api(server, "/api/timeline")
    bucket = page.locator("#timeline svg").get_attribute("data-bucket")
    assert bucket in {"day", "month"}
    killed: dict[str, int] = {}
    for r in timeline:
        if r["date"]:
            key = r["date"][:7] if bucket == "month" else r["date"]
            killed[key] = killed.get(key, 0) + r["killed"]
    assert sum(killed.values()) > 0
    for key, value in killed.items():
        assert page.locator(f'#timeline rect.bar-killed[data-date="{key}"]').get_attribute(
            "data-value"
        ) == str(value)
    # Filters are filled from /api/facets.
    facets = _api(server, "/api/facets")
    options = page.locator("#f-admin1 option").all_text_contents()
    assert set(facets["admin1"]) <= set(options)
    assert page.foreign == []
    assert page.errors == []


def test_governorate_filter_reduces_markers(page: Any, server: str) -> None:
    _load(page, server + "/")
    total = page.locator("#map path.incident-marker").count()
    facets = _api(server, "/api/facets")
    assert "Homs" in facets["admin1"]
    homs = _with_coords(_api(server, "/api/incidents?limit=1000&admin1=Homs")["items"])
    assert 0 < len(homs) < total
    page.select_option("#f-admin1", "Homs")
    page.wait_for_function(
        "n => document.querySelectorAll('#map path.incident-marker').length === n",
        arg=len(homs),
        timeout=10_000,
    )
    page.wait_for_selector('body[data-loading="0"]')
    assert page.locator("#map path.incident-marker").count() == len(homs)
    shown = {
        page.locator("#map path.incident-marker").nth(i).get_attribute("data-incident")
        for i in range(len(homs))
    }
    assert shown == {i["id"] for i in homs}
    # Reset brings every marker back.
    page.click("#reset")
    page.wait_for_function(
        "n => document.querySelectorAll('#map path.incident-marker').length === n", arg=total, timeout=10_000
    )


def test_marker_click_opens_article_with_highlighted_evidence(page: Any, server: str) -> None:
    _load(page, server + "/")
    seed = _api(server, f"/api/articles/{SEED0}")
    # A real mouse click on a visible point of one of the article's markers (markers can overlap).
    point = page.evaluate(
        """prefix => {
            for (const path of document.querySelectorAll('#map path.incident-marker')) {
                if (!path.dataset.incident.startsWith(prefix)) continue;
                const r = path.getBoundingClientRect();
                for (let fy = 0.5; fy > 0.05; fy -= 0.15) for (let fx = 0.5; fx > 0.05; fx -= 0.15) {
                    for (const [x, y] of [[r.left + r.width * fx, r.top + r.height * fy], [r.right - r.width * fx, r.bottom - r.height * fy]]) {
                        if (document.elementFromPoint(x, y) === path) return [x, y, path.dataset.incident];
                    }
                }
            }
            return null;
        }""",
        SEED0 + "#",
    )
    assert point is not None, "no visible marker of seed 000"
    page.mouse.click(point[0], point[1])
    page.wait_for_selector(f'#article[data-article="{SEED0}"]:not([hidden])', timeout=10_000)
    assert page.locator("#article-text").get_attribute("dir") == "rtl"
    assert page.locator("#article-text").get_attribute("lang") == "ar"
    # The whole text is shown unchanged: marks only wrap it.
    assert page.locator("#article-text").text_content() == seed["article"]["text"]
    assert page.locator(".leaflet-popup .open-article").count() == 1
    casualties = [c for inc in seed["incidents"] for c in inc["casualties"]]
    assert any("26" in c["text"] for c in casualties)
    for c in casualties:
        mark = page.locator(
            f'#article-text mark.k-casualty[data-start="{c["start"]}"][data-end="{c["end"]}"]'
        )
        assert mark.count() == 1
        assert mark.text_content() == c["text"]
        assert c["measure"] in (mark.get_attribute("title") or "")
    marks_26 = [t for t in page.locator("#article-text mark.k-casualty").all_text_contents() if "26" in t]
    assert marks_26
    locations = [loc for inc in seed["incidents"] for loc in inc["locations"]]
    for loc in locations:
        mark = page.locator(
            f'#article-text mark.k-location[data-start="{loc["start"]}"][data-end="{loc["end"]}"]'
        )
        assert mark.count() == 1
        assert mark.text_content() == loc["text"]
    assert page.errors == []


def test_list_item_opens_article(page: Any, server: str) -> None:
    _load(page, server + "/")
    page.locator(f'#incident-list button.incident[data-incident^="{SEED0}"]').first.click()
    page.wait_for_selector(f'#article[data-article="{SEED0}"]:not([hidden])', timeout=10_000)
    assert page.locator("#article-text mark").count() > 0


def test_untrusted_article_text_renders_as_text(page: Any, server: str) -> None:
    _load(page, server + f"/#article={XSS_ID}")
    page.wait_for_selector(f'#article[data-article="{XSS_ID}"]:not([hidden])', timeout=10_000)
    body = page.locator("#article-text")
    assert body.text_content() == XSS_TEXT
    assert body.locator("img").count() == 0
    assert body.locator("script").count() == 0
    assert page.locator("#article-title").text_content() == "<b>عنوان</b><script>alert(3)</script>"
    assert page.locator("#article-title b, #article-title script").count() == 0
    page.wait_for_timeout(300)  # give an injected handler the chance to fire
    assert page.dialogs == []
    assert page.evaluate("document.querySelectorAll('img[src=x]').length") == 0


def test_astral_characters_keep_spans_aligned(page: Any, server: str) -> None:
    """Python offsets count code points, JS strings count UTF-16 units: the page must convert."""
    _load(page, server + "/")
    text = "😀😀 قتل 3 مدنيين 𝒜 في حمص"
    start = text.index("قتل")
    end = start + len("قتل 3 مدنيين")
    loc_start = text.index("حمص")
    result = page.evaluate(
        """([text, s, e, ls]) => {
            const spans = [{kind: 'casualty', start: s, end: e, titles: ['x']},
                           {kind: 'location', start: ls, end: ls + 3, titles: ['y']}];
            const tree = window.marsad.buildTree(spans);
            const toUnit = window.marsad.codePointIndex(text);
            return tree.children.map(c => text.slice(toUnit(c.start), toUnit(c.end)));
        }""",
        [text, start, end, loc_start],
    )
    assert result == ["قتل 3 مدنيين", "حمص"]


def test_overlapping_spans_nest_or_split(page: Any, server: str) -> None:
    _load(page, server + "/")
    tree = page.evaluate(
        """() => {
            const t = window.marsad.buildTree([
                {kind: 'evidence', start: 0, end: 20, titles: ['e']},
                {kind: 'casualty', start: 5, end: 10, titles: ['c']},
                {kind: 'actor', start: 8, end: 25, titles: ['a']},
            ]);
            const flat = n => n.children.map(c => [c.kind, c.start, c.end, flat(c)]);
            return flat(t);
        }"""
    )
    # The actor span crosses both the casualty's and the evidence's end: it is cut at each boundary.
    assert tree == [
        ["evidence", 0, 20, [["casualty", 5, 10, [["actor", 8, 10, []]]], ["actor", 10, 20, []]]],
        ["actor", 20, 25, []],
    ]
