"""Browser tests of the web page: the real API over a SQLite store of real dev articles (a few hundred,
built once per session) plus the five seeds and an HTML-laden probe, driven by headless Chromium.

Skips when ../shared is missing (a bare clone), and when Chromium or Playwright is missing unless
MARSAD_REQUIRE_BROWSER=1, where it fails instead, so CI cannot go green without having run it.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SEEDS = SHARED / "seeds"
DEV = SHARED / "dev"
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
# Every 5th article of one dev file and every 8th of the other: ~330 real articles, ~1,500 incidents.
DEV_SAMPLE = {"ant_syria_2018.jsonl": 5, "saudinewsnet_syria_2015.jsonl": 8}


def _skip_or_fail(reason: str) -> None:
    if REQUIRE:
        pytest.fail(f"browser required (MARSAD_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ingest(db_url: str, tmp: Path) -> None:
    """Seeds, a sample of real dev articles and an article carrying HTML, through the real pipeline."""
    from marsad.io.readers import iter_articles
    from marsad.models import RawArticle
    from marsad.pipeline import Extractor
    from marsad.store import Store
    from marsad.store.ingest import Ingester

    sample = tmp / "dev_sample.jsonl"
    with sample.open("w", encoding="utf-8") as out:
        for name, every in DEV_SAMPLE.items():
            with (DEV / name).open(encoding="utf-8") as fh:
                for n, text in enumerate(fh):
                    if n % every == 0:
                        out.write(text)
    store = Store(db_url)
    try:
        summary = Ingester(store, from_extracted=False).run([str(SEEDS), str(sample)])
        assert summary.failed == 0 and summary.new > 300
        raw = RawArticle(id=XSS_ID, text=XSS_TEXT, title="<b>عنوان</b><script>alert(3)</script>")
        store.add(Extractor().process(raw, published="2016-12-08").to_dict())
        assert SEED0 in {a["id"] for a in store.search("حمص")["articles"]} or store.article(SEED0)
    finally:
        store.close()
    assert not [r for r in iter_articles([str(SEEDS)]) if not isinstance(r, RawArticle)]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not (SEEDS.is_dir() and DEV.is_dir()):
        pytest.skip(f"no real articles at {SHARED} (seeds/, dev/)")  # a clone without ../shared
    import uvicorn

    from marsad.api.app import create_app

    tmp = tmp_path_factory.mktemp("web")
    db_url = f"sqlite:///{tmp / 'web.db'}"
    _ingest(db_url, tmp)
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


@pytest.fixture(scope="session")
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
    pg.on("console", lambda m: pg.errors.append(f"console: {m.text}") if m.type == "error" else None)
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
    assert pg.foreign == []
    ctx.close()


def _api(server: str, path: str, **params: Any) -> Any:
    qs = urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
    with urllib.request.urlopen(server + path + ("?" + qs if qs else ""), timeout=10) as resp:
        return json.loads(resp.read().decode("utf-8"))


def _load(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('body[data-loading="0"]', timeout=20_000)


def _settle(page: Any) -> None:
    """Wait until the refresh a UI action started has finished."""
    page.wait_for_function("document.body.dataset.loading === '0'", timeout=10_000)


def _list_total(page: Any) -> int:
    return int(page.locator("#count").get_attribute("data-total"))


def test_first_paint_clusters_list_page_and_timeline(page: Any, server: str) -> None:
    _load(page, server + "/")
    points = _api(server, "/api/points")
    assert points["total"] > 300
    assert page.locator("#map path.gov").count() == 14
    # At the opening zoom the archive is clustered: every point in view is in a cluster or drawn alone.
    clusters = page.locator(".incident-cluster span")
    assert clusters.count() > 0
    in_clusters = sum(int(c) for c in clusters.evaluate_all("ns => ns.map(n => n.dataset.count)"))
    alone = page.locator(".incident-marker").count()
    in_view = page.evaluate(
        """rows => { const b = window.marsad.map.map.getBounds();
                     return rows.filter(r => b.contains([r[1], r[2]])).length; }""",
        points["rows"],
    )
    assert in_clusters + alone == in_view and in_view > 0.9 * points["total"]
    assert in_clusters > alone
    # The list is one server-side page of the newest incidents, with the total shown.
    incidents = _api(server, "/api/incidents", limit=50)
    assert _list_total(page) == incidents["total"] > 1000
    shown = page.locator("#incident-list button.incident")
    assert shown.count() == 50
    assert [shown.nth(i).get_attribute("data-incident") for i in range(50)] == [
        i["id"] for i in incidents["items"]
    ]
    days = [d for d in shown.evaluate_all("ns => ns.map(n => n.dataset.day)") if d]
    assert days == sorted(days, reverse=True)
    # No incident opens the list on a date after its article's publication.
    for item in incidents["items"]:
        if item["day"] and item["published"]:
            assert item["day"] <= item["published"]
    # Timeline: the stacked killed bars hold the API's killed over the span drawn (cumulative tolls apart).
    svg = page.locator("#timeline svg")
    first, last = svg.get_attribute("data-first"), svg.get_attribute("data-last")
    rows = _api(server, "/api/timeline")
    want = sum(r["killed"] - r["outlier_killed"] for r in rows if first <= r["date"] <= last)
    drawn = page.locator("#timeline rect.bar-killed").evaluate_all(
        "ns => ns.reduce((s, n) => s + Number(n.dataset.value), 0)"
    )
    assert drawn == want > 0
    assert svg.get_attribute("data-bucket") in {"day", "week", "month"}
    assert page.locator("#map-legend .lg-size").count() == 4
    assert page.errors == []


def test_paging_and_sorting_are_server_side(page: Any, server: str) -> None:
    _load(page, server + "/")
    assert page.locator("#page-prev").is_disabled()
    page.click("#page-next")
    second = _api(server, "/api/incidents", limit=50, offset=50)
    page.wait_for_selector(f'#incident-list button.incident[data-incident="{second["items"][0]["id"]}"]')
    assert page.locator("#incident-list").get_attribute("start") == "51"
    assert page.locator("#page-info").text_content().startswith("51–100")
    assert not page.locator("#page-prev").is_disabled()
    page.select_option("#sort", "-killed")
    top = _api(server, "/api/incidents", limit=50, sort="-killed")["items"]
    page.wait_for_selector(f'#incident-list button.incident[data-incident="{top[0]["id"]}"]')
    killed = [
        int(k)
        for k in page.locator("#incident-list button.incident").evaluate_all(
            "ns => ns.map(n => n.dataset.killed)"
        )
    ]
    assert killed == sorted(killed, reverse=True) and killed[0] == top[0]["killed"] > 0
    assert page.locator("#page-info").text_content().startswith("1–50")
    assert page.errors == []


def test_search_finds_a_town_folded_and_opens_the_article(page: Any, server: str) -> None:
    _load(page, server + "/")
    found = _api(server, "/api/search", q="الرقه", limit=8)
    assert found["total"] > 0 and found["places"]
    page.fill("#search", "الرقه")  # written with ه: the articles say الرقة
    page.wait_for_selector("#search-results:not([hidden]) .result.article")
    ids = page.locator("#search-results .result.article").evaluate_all("ns => ns.map(n => n.dataset.article)")
    assert ids == [a["id"] for a in found["articles"]]
    first = found["articles"][0]["id"]
    page.locator(f'#search-results .result.article[data-article="{first}"]').click()
    page.wait_for_selector(f'#article[data-article="{first}"]:not([hidden])', timeout=10_000)
    text = page.locator("#article-text").text_content()
    assert (
        "الرقة" in text or "الرقّة" in text or "Raqqa" in (page.locator("#article-title").text_content() or "")
    )
    # A place result filters the map and the list to that place.
    page.fill("#search", "")
    page.fill("#search", "الرقة")
    place = found["places"][0]["place_id"]
    page.wait_for_selector(f'#search-results .result.place[data-place="{place}"]').click()
    _settle(page)
    assert page.locator('#chips .chip[data-kind="place"]').count() == 1
    assert _list_total(page) == _api(server, "/api/incidents", place=place, limit=1)["total"]
    assert (
        int(page.locator("body").get_attribute("data-points"))
        == _api(server, "/api/points", place=place)["total"]
    )
    page.locator('#chips .chip[data-kind="place"] .chip-x').click()
    _settle(page)
    assert _list_total(page) == _api(server, "/api/incidents", limit=1)["total"]
    assert page.errors == []


def test_text_filter_from_the_search_box(page: Any, server: str) -> None:
    _load(page, server + "/")
    page.fill("#search", "حلب")
    page.press("#search", "Enter")
    _settle(page)
    want = _api(server, "/api/incidents", q="حلب", limit=1)["total"]
    assert 0 < want < _api(server, "/api/incidents", limit=1)["total"]
    assert _list_total(page) == want
    assert page.locator('#chips .chip[data-kind="q"]').count() == 1


def test_brushing_the_timeline_filters_map_and_list(page: Any, server: str) -> None:
    _load(page, server + "/")
    page.locator("#timeline svg").scroll_into_view_if_needed()
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] * 0.6
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=5)
    page.mouse.up()
    _settle(page)
    start, end = page.input_value("#f-start"), page.input_value("#f-end")
    assert start and end and start <= end
    assert page.locator("#timeline svg").get_attribute("data-selection") == f"{start}/{end}"
    total = _list_total(page)
    assert 0 < total < _api(server, "/api/incidents", limit=1)["total"]
    assert total == _api(server, "/api/incidents", start=start, end=end, limit=1)["total"]
    assert (
        int(page.locator("body").get_attribute("data-points"))
        == _api(server, "/api/points", start=start, end=end)["total"]
    )
    page.click("#tl-clear")
    _settle(page)
    assert (
        page.input_value("#f-start") == ""
        and _list_total(page) == _api(server, "/api/incidents", limit=1)["total"]
    )
    assert page.errors == []


def test_governorate_choropleth_and_click_filter(page: Any, server: str) -> None:
    _load(page, server + "/")
    page.select_option("#choropleth", "incidents")
    page.wait_for_selector("#map-legend .lg-choro")
    stats = {r["admin1"]: r["incidents"] for r in _api(server, "/api/admin1")}
    values = page.locator("#map path.gov").evaluate_all(
        "ns => ns.map(n => [n.getAttribute('data-admin1'), Number(n.getAttribute('data-value'))])"
    )
    assert len(values) == 14 and {a: v for a, v in values if v} == {
        a: v for a, v in stats.items() if a in dict(values)
    }
    classes = page.locator("#map path.gov").evaluate_all("ns => ns.map(n => n.getAttribute('data-class'))")
    assert len({c for c in classes if c}) >= 3  # shaded in several classes
    fills = page.locator("#map path.gov").evaluate_all("ns => ns.map(n => n.getAttribute('fill'))")
    assert len(set(fills)) >= 3
    # Clicking a governorate filters to the incidents that name a place in it.
    homs = _api(server, "/api/incidents", admin1="Homs", limit=1)["total"]
    assert homs > 0
    page.locator('#map path.gov[data-admin1="Homs"]').click(force=True)
    _settle(page)
    assert page.input_value("#f-admin1") == "Homs" and _list_total(page) == homs
    assert (
        int(page.locator("body").get_attribute("data-points"))
        == _api(server, "/api/points", admin1="Homs")["total"]
    )
    page.click("#reset")
    page.wait_for_function(
        "n => document.querySelector('#count').dataset.total === String(n)",
        arg=_api(server, "/api/incidents", limit=1)["total"],
        timeout=10_000,
    )
    assert page.errors == []


def test_marker_click_opens_article_with_highlighted_evidence(page: Any, server: str) -> None:
    _load(page, server + "/")
    seed = _api(server, f"/api/articles/{SEED0}")
    located = [
        i["id"]
        for i in seed["incidents"]
        if any(p[0] == i["id"] for p in _api(server, "/api/points")["rows"])
    ]
    assert located
    # Zoom until the marker leaves its cluster, then a real mouse click on it.
    page.evaluate(
        """id => new Promise((ok, fail) => {
            if (!window.marsad.map.reveal(id, () => ok())) fail(new Error('no marker ' + id));
            setTimeout(() => fail(new Error('reveal did not finish')), 15000);
        })""",
        located[0],
    )
    marker = page.locator(f'.incident-marker[data-incident="{located[0]}"]')
    marker.wait_for()
    marker.click()
    page.wait_for_selector(f'#article[data-article="{SEED0}"]:not([hidden])', timeout=10_000)
    page.wait_for_selector(".leaflet-popup .open-article")
    assert page.locator("#article-text").get_attribute("dir") == "rtl"
    assert page.locator("#article-text").get_attribute("lang") == "ar"
    assert page.locator("#article-text").text_content() == seed["article"]["text"]  # marks only wrap it
    casualties = [c for inc in seed["incidents"] for c in inc["casualties"]]
    assert any("26" in c["text"] for c in casualties)
    for c in casualties:
        mark = page.locator(
            f'#article-text mark.k-casualty[data-start="{c["start"]}"][data-end="{c["end"]}"]'
        )
        assert mark.count() == 1
        assert mark.text_content() == c["text"]
        assert c["measure"] in (mark.get_attribute("title") or "")
    for loc in [loc for inc in seed["incidents"] for loc in inc["locations"]]:
        mark = page.locator(
            f'#article-text mark.k-location[data-start="{loc["start"]}"][data-end="{loc["end"]}"]'
        )
        assert mark.count() == 1 and mark.text_content() == loc["text"]
    assert page.errors == []


def test_list_item_pans_map_and_opens_article(page: Any, server: str) -> None:
    _load(page, server + "/")
    rows = {p[0] for p in _api(server, "/api/points")["rows"]}
    items = page.locator("#incident-list button.incident").evaluate_all(
        "ns => ns.map(n => n.dataset.incident)"
    )
    target = next(i for i in items if i in rows)
    page.locator(f'#incident-list button.incident[data-incident="{target}"]').click()
    page.wait_for_selector(f'.incident-marker[data-incident="{target}"]', timeout=10_000)
    page.wait_for_selector(".leaflet-popup .open-article", timeout=10_000)
    article = target.split("#")[0]
    page.wait_for_selector(f'#article[data-article="{article}"]:not([hidden])', timeout=10_000)
    assert page.locator("#article-text mark").count() > 0
    assert page.errors == []


def test_untrusted_article_text_renders_as_text(page: Any, server: str) -> None:
    _load(page, server + f"/#article={XSS_ID}")
    page.wait_for_selector(f'#article[data-article="{XSS_ID}"]:not([hidden])', timeout=10_000)
    body = page.locator("#article-text")
    assert body.text_content() == XSS_TEXT
    assert body.locator("img").count() == 0
    assert body.locator("script").count() == 0
    assert page.locator("#article-title").text_content() == "<b>عنوان</b><script>alert(3)</script>"
    assert page.locator("#article-title b, #article-title script").count() == 0
    page.fill("#search", "عنوان")  # the title in search results is text too
    page.wait_for_selector("#search-results:not([hidden]) .result.article")
    assert page.locator("#search-results script, #search-results b").count() == 0
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


def test_robust_scale_and_breaks(page: Any, server: str) -> None:
    """The timeline cap ignores one huge bucket; choropleth classes are quantiles up to the maximum;
    circle area grows with casualties up to the cap."""
    _load(page, server + "/")
    got = page.evaluate(
        """async () => {
            const t = await import('/static/js/timeline.js');
            const m = await import('/static/js/map.js');
            return [t.robustCap([5, 8, 12, 7, 9, 27635]), t.robustCap([5, 8, 12, 7]), m.classBreaks([0, 3, 10, 50, 200, 1234, 7, 90, 15, 20]),
                    m.radius(0), m.radius(10000) === m.radius(400), m.radius(100) / m.radius(25)];
        }"""
    )
    cap, flat, breaks, r0, capped, ratio = got
    assert cap["clipped"] and 12 <= cap["cap"] < 27635
    assert flat == {"cap": 12, "clipped": False}
    assert breaks == [7, 15, 50, 200, 1234]  # quantiles of the non-zero values, the last at the max
    assert (
        r0 == 4 and capped and ratio == pytest.approx(2.0)
    )  # area ∝ casualties: 4× the count, 2× the radius
