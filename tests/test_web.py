"""Browser tests of the web page: the real API over a SQLite store of real dev articles (a few hundred,
built once per session) plus the five seeds and an HTML-laden probe, driven by headless Chromium.

Skips when ../shared is missing (a bare clone), and when Chromium or Playwright is missing unless
MARSAD_REQUIRE_BROWSER=1, where it fails instead, so CI cannot go green without having run it.
"""

from __future__ import annotations

import json
import math
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
# Two reports of one made-up shelling (written for this test) whose figures are far apart, from outlets
# and a reporter whose names carry HTML: the events view must show them as text, and each claim is
# contradicted by the other report.
PROBE_A, PROBE_B = "probe_events_a", "probe_events_b"
PROBE_OUTLET = "<img src=x onerror=alert(5)>outlet"
PROBE_REPORTER = "<script>alert(6)</script>reporter"
PROBES = {
    PROBE_A: (
        "قصفت قوات النظام مدينة سرمين في ريف إدلب يوم 3 آذار 2017، ما أسفر عن مقتل 7 مدنيين، "
        "بحسب ناشطين محليين.",
        PROBE_OUTLET,
    ),
    PROBE_B: (
        "أفاد المرصد السوري لحقوق الإنسان بمقتل 30 مدنياً في قصف مدفعي لقوات النظام على مدينة سرمين "
        "بريف إدلب في 3 آذار 2017.",
        "probe_outlet_b",
    ),
}


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
        extractor = Extractor()
        raw = RawArticle(id=XSS_ID, text=XSS_TEXT, title="<b>عنوان</b><script>alert(3)</script>")
        store.add(extractor.process(raw, published="2016-12-08").to_dict())
        for art_id, (text, outlet) in PROBES.items():
            raw = RawArticle(id=art_id, text=text, title=art_id, outlet=outlet)
            line = extractor.process(raw, published="2017-03-04").to_dict()
            if art_id == PROBE_A:  # a reporter name carrying HTML
                for inc in line["incidents"]:
                    for cas in inc["casualties"]:
                        cas["reported_by"] = [PROBE_REPORTER]
            store.add(line)
        assert SEED0 in {a["id"] for a in store.search("حمص")["articles"]} or store.article(SEED0)
    finally:
        store.close()
    assert not [r for r in iter_articles([str(SEEDS)]) if not isinstance(r, RawArticle)]
    # Fused events and verdicts, as a user gets them: `marsad fuse --db`, `marsad verify --db`.
    from typer.testing import CliRunner

    from marsad.cli import app

    for command in ("fuse", "verify"):
        result = CliRunner().invoke(app, [command, "--db", db_url])
        assert result.exit_code == 0, result.output


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


# Generous: on a loaded 2-core machine a page action can take seconds; the tests wait on conditions.
TIMEOUT = 60_000
# MARSAD_WEB_THROTTLE=6 runs the page's JavaScript six times slower (Chromium's CPU throttling), to
# check the tests wait on conditions rather than on luck.
THROTTLE = float(os.environ.get("MARSAD_WEB_THROTTLE", "1") or 1)


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    ctx.set_default_timeout(TIMEOUT)
    pg = ctx.new_page()
    if THROTTLE > 1:  # a slow, loaded machine, on purpose: the tests must still pass
        ctx.new_cdp_session(pg).send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
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
    with urllib.request.urlopen(server + path + ("?" + qs if qs else ""), timeout=60) as resp:
        return json.loads(resp.read().decode("utf-8"))


def _load(page: Any, url: str) -> None:
    """Open the page and wait until it has finished starting: outlines, filters, the first data and
    whatever the URL's #article= / #event= asked for (``data-ready``), so nothing moves afterwards."""
    page.goto(url)
    page.wait_for_selector('body[data-ready="1"][data-loading="0"]', timeout=TIMEOUT)


def _settle(page: Any) -> None:
    """Wait until the refresh a UI action started has finished."""
    page.wait_for_function("document.body.dataset.loading === '0'", timeout=TIMEOUT)


# True once the element is laid out, its map is not moving (maps set data-moving), it has kept the same
# box for two frames (no zoom, pan or spiderfy animation moving it) and it is what a click at its centre
# would hit.
STILL_AND_ON_TOP = """sel => {
    const node = document.querySelector(sel);
    if (!node || node.closest('.leaflet-container[data-moving="1"]')) return false;
    const r = node.getBoundingClientRect();
    if (!r.width || !r.height) return false;
    const key = [r.x, r.y, r.width, r.height].map(Math.round).join(",");
    const seen = (window.__stillBoxes = window.__stillBoxes || {});
    if (seen[sel] !== key) { seen[sel] = key; return false; }
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit === node || node.contains(hit);
}"""


def _click_when_still(page: Any, selector: str) -> None:
    """A real mouse click at the centre of ``selector`` once it has stopped moving and is on top."""
    page.wait_for_function(STILL_AND_ON_TOP, arg=selector, polling="raf", timeout=TIMEOUT)
    box = page.locator(selector).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _list_total(page: Any) -> int:
    return int(page.locator("#count").get_attribute("data-total"))


def test_first_paint_clusters_list_page_and_timeline(page: Any, server: str) -> None:
    _load(page, server + "/")
    points = _api(server, "/api/points")
    assert points["total"] > 300
    assert page.locator("#map path.gov").count() == 14
    # At the opening zoom the archive is clustered: every point in the view (fitted to Syria) is in a
    # cluster or drawn alone; talks at venues abroad may be drawn too (the cluster layer draws a margin
    # around the view), so the drawn count lies between the points in view and all points.
    clusters = page.locator(".incident-cluster span")
    assert clusters.count() > 0
    in_clusters = sum(int(c) for c in clusters.evaluate_all("ns => ns.map(n => n.dataset.count)"))
    alone = page.locator(".incident-marker").count()
    in_view = page.evaluate(
        """rows => { const b = window.marsad.map.map.getBounds();
                     return rows.filter(r => b.contains([r[1], r[2]])).length; }""",
        points["rows"],
    )
    assert in_view <= in_clusters + alone <= points["total"] and in_view > 0.9 * points["total"]
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
    page.wait_for_selector(f'#article[data-article="{first}"][data-loading="0"]:not([hidden])')
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
    # Zoom until the marker leaves its cluster (reveal waits for the map to stop moving), then a real
    # mouse click on it once it is still and nothing covers it.
    page.evaluate(
        """id => new Promise((ok, fail) => {
            if (!window.marsad.map.reveal(id, () => ok())) fail(new Error('no marker ' + id));
        })""",
        located[0],
    )
    _click_when_still(page, f'.incident-marker[data-incident="{located[0]}"]')
    page.wait_for_selector(f'#article[data-article="{SEED0}"][data-loading="0"]:not([hidden])')
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
    page.wait_for_selector(f'.incident-marker[data-incident="{target}"]')
    page.wait_for_selector(".leaflet-popup .open-article")
    article = target.split("#")[0]
    page.wait_for_selector(f'#article[data-article="{article}"][data-loading="0"]:not([hidden])')
    assert page.locator("#article-text mark").count() > 0
    assert page.errors == []


def test_untrusted_article_text_renders_as_text(page: Any, server: str) -> None:
    _load(page, server + f"/#article={XSS_ID}")
    page.wait_for_selector(f'#article[data-article="{XSS_ID}"]:not([hidden])')
    body = page.locator("#article-text")
    assert body.text_content() == XSS_TEXT
    assert body.locator("img").count() == 0
    assert body.locator("script").count() == 0
    assert page.locator("#article-title").text_content() == "<b>عنوان</b><script>alert(3)</script>"
    assert page.locator("#article-title b, #article-title script").count() == 0
    page.fill("#search", "عنوان")  # the title in search results is text too
    page.wait_for_selector("#search-results:not([hidden]) .result.article")
    assert page.locator("#search-results script, #search-results b").count() == 0
    # No element was made from the text, so no handler exists that could fire later.
    assert page.evaluate("document.querySelectorAll('img[src=x], img[onerror], [onerror]').length") == 0
    assert page.evaluate(
        "Array.from(document.scripts).every(s => s.src && s.src.startsWith(location.origin))"
    )
    assert page.dialogs == []


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


# ---------- the events view ----------


def _open_events(page: Any, server: str) -> None:
    _load(page, server + "/")
    page.click("#tab-events")
    _events_settle(page)


def _events_settle(page: Any) -> None:
    page.wait_for_selector('#view-events[data-loading="0"]:not([hidden])', timeout=TIMEOUT)


def _event_width(n: int | None) -> int:
    """Diameter in px of an event circle (eventmap.js: area proportional to killed, capped at 400)."""
    r = max(7.0, 1.4 * math.sqrt(min(n, 400))) if n and n > 0 else 7.0
    return math.floor(2 * r + 0.5)


def _probe_event(server: str) -> dict[str, Any]:
    art = _api(server, f"/api/articles/{PROBE_A}")
    [summary] = art["events"]
    return _api(server, f"/api/events/{summary['id']}")


def test_events_list_and_map_are_the_servers(page: Any, server: str) -> None:
    _open_events(page, server)
    first = _api(server, "/api/events", fields="summary", limit=50)
    assert first["total"] > 100
    assert int(page.locator("#ev-count").get_attribute("data-total")) == first["total"]
    shown = page.locator("#event-list button.event")
    assert shown.evaluate_all("ns => ns.map(n => n.dataset.event)") == [e["id"] for e in first["items"]]
    # Every mappable event is one circle (no clustering): solid disc sized by the best estimate of
    # killed, halo out to the highest report, ring at the lowest, outlets inside, a badge when the
    # reports disagree.
    points = _api(server, "/api/events/points")
    fields = points["fields"]
    want = {r[0]: dict(zip(fields, r, strict=True)) for r in points["rows"]}
    drawn = page.locator("#event-map .event-marker").evaluate_all(
        """ns => ns.map(n => {
            const w = c => { const e = n.querySelector(c); return e ? Math.round(e.getBoundingClientRect().width) : null; };
            return [n.dataset.event, w('.ev-best'), w('.ev-high'), w('.ev-low'),
                    n.querySelector('.ev-best').firstChild.textContent, !!n.querySelector('.ev-best .ev-badge')];
        })"""
    )
    assert len(drawn) == points["total"] == len(want) > 50
    multi = disputed = ranged = 0
    for ev_id, best_w, high_w, low_w, outlets, badge in drawn:
        p = want[ev_id]
        best, low, high = p["killed"] or 0, p["killed_low"], p["killed_high"] or 0
        assert best_w == _event_width(best)
        assert high_w == (_event_width(high) if high > best else None)
        assert low_w == (_event_width(low) if low is not None and 0 < low < best else None)
        assert outlets == str(p["outlets"]) and badge == bool(p["discrepancy"])
        multi += p["outlets"] > 1
        disputed += badge
        ranged += high_w is not None
    assert multi > 10 and disputed > 0 and ranged > 0
    # Filters, sorting and paging are the server's.
    page.check("#ev-discrepancy")
    _events_settle(page)
    disc = _api(server, "/api/events", fields="summary", discrepancy="true", limit=50)
    assert 0 < disc["total"] < first["total"]
    assert int(page.locator("#view-events").get_attribute("data-total")) == disc["total"]
    assert page.locator("#event-list button.event").evaluate_all(
        "ns => ns.map(n => n.dataset.discrepancy)"
    ) == ["1"] * len(disc["items"])
    assert (
        page.locator("#event-map .event-marker").count()
        == _api(server, "/api/events/points", discrepancy="true")["total"]
    )
    page.uncheck("#ev-discrepancy")
    page.select_option("#ev-min-outlets", "2")
    _events_settle(page)
    multi_page = _api(server, "/api/events", fields="summary", min_outlets=2, limit=50)
    assert int(page.locator("#ev-count").get_attribute("data-total")) == multi_page["total"] > 10
    page.select_option("#ev-sort", "-killed")
    top = _api(server, "/api/events", fields="summary", min_outlets=2, sort="-killed", limit=50)["items"]
    page.wait_for_selector(f'#event-list li:first-child button.event[data-event="{top[0]["id"]}"]')
    killed = page.locator("#event-list button.event").evaluate_all("ns => ns.map(n => n.dataset.killed)")
    assert [int(k) for k in killed if k] == sorted((int(k) for k in killed if k), reverse=True)
    assert killed[0] == str(top[0]["killed"]["best"])
    page.select_option("#ev-min-outlets", "")
    page.select_option("#ev-sort", "-date")
    _events_settle(page)
    page.click("#ev-page-next")
    second = _api(server, "/api/events", fields="summary", limit=50, offset=50)["items"]
    page.wait_for_selector(f'#event-list button.event[data-event="{second[0]["id"]}"]')
    assert page.locator("#ev-page-info").text_content().startswith("51–100")
    assert page.errors == []


def test_event_click_shows_reports_side_by_side_and_opens_the_evidence(page: Any, server: str) -> None:
    # A real event reported by several outlets with several reports of one figure, on the map.
    candidates = _api(server, "/api/events", fields="summary", min_outlets=2, sort="-outlets", limit=100)
    mapped = {r[0] for r in _api(server, "/api/events/points", min_outlets=2)["rows"]}
    target = None
    for s in candidates["items"]:
        if s["id"] in mapped and s["figures"]:
            ev = _api(server, f"/api/events/{s['id']}")
            if any(len(f["reports"]) >= 2 for f in ev["figures"]):
                target = ev
                break
    assert target is not None
    _open_events(page, server)
    assert page.evaluate("id => window.marsad.events.map.reveal(id, 10)", target["id"])  # resolves when still
    _click_when_still(page, f'#event-map .event-marker[data-event="{target["id"]}"] .ev-best')
    detail = f'#event-detail[data-event="{target["id"]}"][data-loading="0"]:not([hidden])'
    page.wait_for_selector(detail)
    assert f"#event={target['id']}" in page.url
    # One section per figure; its reports side by side: outlet, reporter, figure, qualifier, verdict.
    sections = page.locator("#event-detail section.figure")
    assert sections.count() == len(target["figures"])
    measures = sections.evaluate_all("ns => ns.map(n => n.dataset.measure)")
    assert sorted(measures) == sorted(f["measure"] for f in target["figures"])
    if "killed" in measures:  # the dead first
        assert measures[: measures.count("killed")] == ["killed"] * measures.count("killed")
    for fig in target["figures"]:
        section = page.locator(
            f'#event-detail section.figure[data-measure="{fig["measure"]}"][data-group="{fig["group"]}"]'
            f'[data-side="{fig["side"] or ""}"]'
        )
        assert section.count() == 1
        cards = section.locator("button.report")
        assert cards.count() == min(24, len(fig["reports"]))
        for j in range(cards.count()):
            rep, card = fig["reports"][j], cards.nth(j)
            ev = rep["evidence"]
            assert card.get_attribute("data-article") == rep["article"]
            assert (card.get_attribute("data-start"), card.get_attribute("data-end")) == (
                str(ev["start"]),
                str(ev["end"]),
            )
            assert card.locator(".outlet").text_content() == (rep["outlet"] or "—")
            assert card.locator(".reporter bdi").text_content() == (", ".join(rep["sources"]) or "—")
            value = rep["value"] if rep["value"] is not None else rep["low"]
            assert f"{value:,}" in card.locator(".value").text_content()
            assert card.get_attribute("data-qualifier") == rep["qualifier"]
            assert rep["qualifier"].replace("_", " ") in card.locator(".qualifier").text_content()
            label = target["labels"].get(f"{rep['incident']}|{ev['start']}|{ev['end']}", "")
            assert card.get_attribute("data-label") == label
    assert page.locator("#event-detail table.members tbody tr").count() == min(40, len(target["members"]))
    # A report opens its article with that evidence highlighted.
    rep = next(r for f in target["figures"] for r in f["reports"] if r["evidence"]["text"])
    ev = rep["evidence"]
    card = page.locator(
        f'#event-detail button.report[data-article="{rep["article"]}"]'
        f'[data-start="{ev["start"]}"][data-end="{ev["end"]}"]'
    ).first
    card.click()
    page.wait_for_selector(
        f'#article[data-article="{rep["article"]}"][data-focus="{ev["start"]}-{ev["end"]}"][data-loading="0"]'
    )
    focus = page.locator("#article-text mark.k-focus")
    assert focus.count() == 1 and focus.text_content() == ev["text"]
    assert page.locator("#view-events #article:not([hidden])").count() == 1  # docked in this view
    assert page.errors == []


def test_article_view_shows_each_claims_verdict_and_who_contradicts_it(page: Any, server: str) -> None:
    verdict = _api(server, f"/api/articles/{PROBE_A}")["verification"]
    [claim] = [c for c in verdict["claims"] if c["kind"] == "casualty"]
    assert claim["label"] == "contradicted" and claim["sources"]["disagree"] == ["sohr"]
    [vote] = claim["sources"]["votes"]
    assert (vote["article"], vote["agrees"], vote["value"]) == (PROBE_B, False, 30)
    _load(page, server + f"/#article={PROBE_A}")
    page.wait_for_selector(f'#article[data-article="{PROBE_A}"][data-loading="0"]:not([hidden])')
    claims = page.locator("#claim-list li.claim")
    assert claims.count() == len(verdict["claims"])
    assert sorted(claims.evaluate_all("ns => ns.map(n => n.dataset.label)")) == sorted(
        c["label"] for c in verdict["claims"]
    )
    item = page.locator('#claim-list li.claim[data-kind="casualty"]')
    assert item.get_attribute("data-label") == "contradicted"
    assert "contradicted" in item.locator(".verdict").first.text_content()
    assert item.locator(".who .disagree bdi").all_text_contents() == ["sohr"]
    assert "7" in item.locator(".figure-value").text_content()
    assert item.locator(".by bdi").all_text_contents() == [PROBE_REPORTER]  # as text
    ev = claim["evidence"]
    mark = page.locator(f'#article-text mark.k-casualty[data-start="{ev["start"]}"][data-end="{ev["end"]}"]')
    assert mark.get_attribute("data-verdict") == "contradicted"
    assert (
        page.locator("#article-verification .article-label").get_attribute("data-label") == verdict["label"]
    )
    # Who contradicts it: the other report, opened at its evidence.
    button = item.locator(f'button.vote[data-article="{PROBE_B}"]')
    assert button.get_attribute("data-agrees") == "0" and "30" in button.text_content()
    button.click()
    vev = vote["evidence"]
    page.wait_for_selector(
        f'#article[data-article="{PROBE_B}"][data-focus="{vev["start"]}-{vev["end"]}"][data-loading="0"]'
    )
    assert page.locator("#article-text mark.k-focus").text_content() == vev["text"]
    assert page.errors == []


def test_event_names_from_the_data_render_as_text(page: Any, server: str) -> None:
    """Outlet and reporter names are untrusted: the probe event carries HTML in both."""
    event = _probe_event(server)
    assert {m["article"] for m in event["members"]} == {PROBE_A, PROBE_B}
    assert PROBE_OUTLET in event["outlets"] and event["discrepancy"]
    _load(page, server + f"/#article={PROBE_A}")
    page.wait_for_selector(f'#article[data-article="{PROBE_A}"][data-loading="0"]:not([hidden])')
    # The article's "in events" link opens the events view on that event.
    page.locator(f'#article-events button.event-link[data-event="{event["id"]}"]').click()
    page.wait_for_selector(f'#event-detail[data-event="{event["id"]}"][data-loading="0"]:not([hidden])')
    assert page.locator("#tab-events").get_attribute("aria-selected") == "true"
    detail = page.locator("#event-detail")
    outlets = detail.locator("button.report .outlet").all_text_contents()
    assert PROBE_OUTLET in outlets
    reporters = detail.locator("button.report .reporter bdi").all_text_contents()
    assert PROBE_REPORTER in reporters
    assert PROBE_OUTLET in detail.locator("table.members").text_content()
    assert detail.locator("img, script").count() == 0
    assert page.evaluate("document.querySelectorAll('img[src=x], [onerror]').length") == 0
    # The discrepancy is spelled out: the two tolls, who gave each.
    disc = detail.locator(".discrepancies li").all_text_contents()
    assert any("7" in t and "30" in t for t in disc)
    # A deep link opens the same event directly.
    _load(page, server + f"/#event={event['id']}")
    page.wait_for_selector(f'#event-detail[data-event="{event["id"]}"]:not([hidden])')
    assert page.locator(f'#event-map .event-marker.selected[data-event="{event["id"]}"]').count() == 1
    assert page.dialogs == [] and page.errors == []
