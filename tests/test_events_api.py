"""The events routes the web page's events view reads, over hand-written reports fused and verified
with the real `marsad fuse --db` and `marsad verify --db`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import null, update
from typer.testing import CliRunner

from fuse_helpers import article, cas, incident
from marsad.api.app import create_app
from marsad.cli import app as cli
from marsad.store import Store
from marsad.store.event_rows import event_toll
from marsad.store.schema import events, metadata


def spanned(c: dict[str, Any], start: int, text: str) -> dict[str, Any]:
    """A casualty row with its evidence span (as the extractor writes it)."""
    return dict(c, start=start, end=start + len(text), text=text)


def line(aid: str, outlet: str, published: str, text: str, *incs: dict[str, Any]) -> dict[str, Any]:
    out = article(aid, outlet, published, *incs)
    out["article"].update(title=f"title of {aid}", text=text)
    for inc in out["incidents"]:
        inc["evidence"] = [{"start": 0, "end": len(text), "text": text}]
    return out


T1 = "غارات على دوما تقتل 12 مدنيا"
T2 = "مقتل 30 مدنيا في دوما"
T3 = "قتلى في حرستا"
T5 = "مقتل 13 مدنيا بغارات على دوما"
T4 = "قصف على سراقب"
T6 = "قصف في ريف دمشق"

ARTICLES = [
    # Douma, 7 April: three outlets, figures far apart (12, 30, 13) -> a discrepancy.
    line(
        "d1",
        "sohr_site",
        "2018-04-07",
        T1,
        incident(
            1,
            "airstrike",
            "2018-04-07",
            "douma",
            ("russia",),
            (spanned(cas("killed", "civilians", 12, by=("sohr",)), T1.index("12"), "12 مدنيا"),),
            by=("sohr",),
        ),
    ),
    line(
        "d2",
        "sana_site",
        "2018-04-07",
        T2,
        incident(
            1,
            "airstrike",
            "2018-04-07",
            "douma",
            ("russia",),
            (spanned(cas("killed", "civilians", 30, by=("sana",)), T2.index("30"), "30 مدنيا"),),
            by=("sana",),
        ),
    ),
    line(
        "d3",
        "afp_site",
        "2018-04-08",
        T5,
        incident(
            1,
            "airstrike",
            "2018-04-07",
            "douma",
            ("russia",),
            (spanned(cas("killed", "civilians", 13, by=("afp",)), T5.index("13"), "13 مدنيا"),),
            by=("afp",),
        ),
    ),
    # Harasta, 1 March: one outlet, "at least 5 people" and "3 civilians" (two tolls of one report).
    line(
        "h1",
        "sohr_site",
        "2018-03-01",
        T3,
        incident(
            1,
            "shelling",
            "2018-03-01",
            "harasta",
            (),
            (
                cas("killed", "people", 5, q="at_least", by=("sohr",)),
                cas("injured", "people", 9, by=("sohr",)),
            ),
        ),
    ),
    # Saraqib, 2 February, placed only at governorate level by the second outlet: two events.
    line("s1", "enab", "2018-02-02", T4, incident(1, "shelling", "2018-02-02", "saraqib")),
    line("r1", "enab", "2018-02-05", T6, incident(1, "shelling", "2018-02-05", "rif")),
]


PG_URL = os.environ.get("MARSAD_TEST_PG_URL")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    if request.param == "postgresql":
        if not PG_URL:
            if os.environ.get("MARSAD_REQUIRE_PG") == "1":
                pytest.fail("MARSAD_REQUIRE_PG=1 but MARSAD_TEST_PG_URL is not set")
            pytest.skip("MARSAD_TEST_PG_URL not set (no PostgreSQL to test against)")
        db = PG_URL
        store = Store(db)
        metadata.drop_all(store.engine)  # a throw-away test database
        metadata.create_all(store.engine)
    else:
        db = str(tmp_path_factory.mktemp("events") / "e.db")
        store = Store(db)
    for a in ARTICLES:
        store.add(a)
    store.close()
    for command in ("fuse", "verify"):
        res = CliRunner().invoke(cli, [command, "--db", db])
        assert res.exit_code == 0, res.output
    return TestClient(create_app(store=Store(db)))


def _ids(body: dict[str, Any]) -> list[str]:
    return [e["id"] for e in body["items"]]


def _douma(client: TestClient) -> dict[str, Any]:
    [ev] = client.get("/api/events", params={"fields": "summary", "min_outlets": 3}).json()["items"]
    return ev


def test_summaries_carry_what_the_list_and_map_show(client: TestClient) -> None:
    body = client.get("/api/events", params={"fields": "summary"}).json()
    assert body["total"] == 4 and (body["offset"], body["limit"], body["sort"]) == (0, 100, "-date")
    # newest first
    assert [e["date"]["start"] for e in body["items"]] == [
        "2018-04-07",
        "2018-03-01",
        "2018-02-05",
        "2018-02-02",
    ]
    douma = body["items"][0]
    assert "members" not in douma and "figures" in douma
    assert (douma["n_outlets"], douma["n_articles"], douma["discrepancy"]) == (3, 3, True)
    assert douma["outlets"] == ["afp_site", "sana_site", "sohr_site"]
    assert douma["discrepancy_kinds"] == ["count_mismatch"]
    assert douma["location"]["name_en"] == "Douma" and douma["mapped"] is True
    # the toll of the reports: each source's figure, lower median for best, smallest and largest
    assert douma["killed"] == {"best": 13, "low": 12, "high": 30, "reports": 3}
    assert douma["injured"] == {"best": None, "low": None, "high": None, "reports": 0}
    assert douma["perpetrators"] == ["russia"]
    harasta = body["items"][1]
    assert harasta["killed"] == {"best": 5, "low": 5, "high": 5, "reports": 1}
    assert harasta["injured"]["best"] == 9
    assert [e["mapped"] for e in body["items"][2:]] == [False, True]  # a governorate has no point
    full = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    assert full["id"] == douma["id"] and len(full["members"]) == 3  # default: event lines as fused


def test_filters_sorting_and_paging(client: TestClient) -> None:
    def ids(**params: Any) -> list[str]:
        return _ids(client.get("/api/events", params={"fields": "summary", **params}).json())

    douma = _douma(client)["id"]
    assert ids(discrepancy="true") == [douma]
    assert len(ids(discrepancy="false")) == 3
    assert ids(min_outlets=2) == [douma]
    assert ids(outlet="sana_site") == [douma]
    assert len(ids(outlet="enab")) == 2
    assert ids(source="afp") == [douma]  # a credited reporter of one of its reports
    assert ids(actor="russia") == [douma]
    assert ids(place="douma") == [douma]
    assert len(ids(admin1="Rif Dimashq")) == 3 and len(ids(admin1="Idlib")) == 1
    assert len(ids(type="shelling")) == 3
    assert len(ids(start="2018-03-01", end="2018-03-31")) == 1
    assert ids(sort="-killed")[:2] == [
        douma,
        ids(admin1="Rif Dimashq", type="shelling", start="2018-03-01")[0],
    ]
    assert ids(sort="date")[0] == ids(admin1="Idlib")[0]
    page = client.get("/api/events", params={"fields": "summary", "limit": 2, "offset": 2}).json()
    assert page["total"] == 4 and _ids(page) == ids()[2:]
    for bad in ({"sort": "-nothing"}, {"discrepancy": "maybe"}, {"min_outlets": -1}, {"start": "7/4/2018"}):
        assert client.get("/api/events", params=bad).status_code == 422


def test_points_are_the_mappable_events_largest_first(client: TestClient) -> None:
    body = client.get("/api/events/points").json()
    assert body["fields"] == [
        "id",
        "lat",
        "lon",
        "killed",
        "killed_low",
        "killed_high",
        "injured",
        "outlets",
        "discrepancy",
        "type",
        "day",
    ]
    assert body["total"] == 3  # the governorate-level event has no point
    first = dict(zip(body["fields"], body["rows"][0], strict=True))
    assert first["id"] == _douma(client)["id"]
    assert (
        first["killed"],
        first["killed_low"],
        first["killed_high"],
        first["outlets"],
        first["discrepancy"],
    ) == (
        13,
        12,
        30,
        3,
        1,
    )
    assert (first["lat"], first["lon"]) == pytest.approx((33.5711, 36.4036))
    assert client.get("/api/events/points", params={"discrepancy": "true"}).json()["total"] == 1


def test_one_event_with_reports_side_by_side_and_their_verdicts(client: TestClient) -> None:
    douma = _douma(client)
    ev = client.get(f"/api/events/{douma['id']}").json()
    assert ev["summary"] == douma
    assert set(ev["articles"]) == {"d1", "d2", "d3"} and ev["articles"]["d2"]["title"] == "title of d2"
    [fig] = ev["figures"]
    reports = {r["article"]: r for r in fig["reports"]}
    assert {a: (r["outlet"], r["sources"], r["value"], r["qualifier"]) for a, r in reports.items()} == {
        "d1": ("sohr_site", ["sohr"], 12, "exact"),
        "d2": ("sana_site", ["sana"], 30, "exact"),
        "d3": ("afp_site", ["afp"], 13, "exact"),
    }
    key = "{incident}|{start}|{end}"
    labels = {
        a: ev["labels"][key.format(incident=r["incident"], **r["evidence"])] for a, r in reports.items()
    }
    # 12 and 13 agree, 30 is more than twice 12: the 30 is the one contradicted.
    assert labels == {"d1": "supported", "d2": "contradicted", "d3": "supported"}
    assert ev["labels"]["d1#1|event"] == "supported"
    assert client.get("/api/events/nope").status_code == 404


def test_article_route_names_its_events(client: TestClient) -> None:
    body = client.get("/api/articles/d2").json()
    assert [e["id"] for e in body["events"]] == [_douma(client)["id"]]
    assert "members" not in body["events"][0]
    [claim] = [c for c in body["verification"]["claims"] if c["kind"] == "casualty"]
    assert claim["label"] == "contradicted" and sorted(claim["sources"]["disagree"]) == ["afp", "sohr"]


def test_facets(client: TestClient) -> None:
    assert client.get("/api/events/facets").json() == {
        "admin1": ["Idlib", "Rif Dimashq"],
        "types": ["airstrike", "shelling"],
        "outlets": ["afp_site", "enab", "sana_site", "sohr_site"],
        "sources": ["afp", "sana", "sohr"],
    }


def test_reports_tolls_are_not_summed_across_groups() -> None:
    """One outlet says 7 people, another 5 civilians: two tolls of the event, not 12."""
    ev = {
        "figures": [
            {
                "measure": "killed",
                "group": "people",
                "side": None,
                "reports": [{"incident": "a#1", "sources": ["sohr"], "value": 7, "low": 7, "high": None}],
            },
            {
                "measure": "killed",
                "group": "civilians",
                "side": None,
                "reports": [{"incident": "b#1", "sources": ["sana"], "value": 5, "low": 5, "high": None}],
            },
            {
                "measure": "killed",
                "group": "fighters",
                "side": "isis",
                "reports": [
                    {"incident": "b#1", "sources": ["sana"], "value": 4, "low": 4, "high": None},
                    {"incident": "c#1", "sources": ["afp"], "value": None, "low": 20, "high": None},
                ],
            },
            {
                "measure": "killed",
                "group": "families",
                "side": None,
                "reports": [{"incident": "a#1", "sources": ["sohr"], "value": 3, "low": 3, "high": None}],
            },
        ]
    }
    # a#1: 7 (families apart); b#1: 5 civilians + 4 fighters = 9; c#1: "dozens" at its low bound, 20
    assert event_toll(ev, "killed") == {"best": 9, "low": 7, "high": 20, "reports": 3}
    assert event_toll(ev, "injured") == {"best": None, "low": None, "high": None, "reports": 0}


def test_events_stored_before_the_summary_columns_are_filled_in(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    store = Store(db)
    for a in ARTICLES[:3]:
        store.add(a)
    store.close()
    assert CliRunner().invoke(cli, ["fuse", "--db", db]).exit_code == 0
    store = Store(db)
    with store.engine.begin() as conn:  # as an older marsad left them
        conn.execute(update(events).values(summary=null(), killed=None, n_outlets=None, lat=None, lon=None))
    store.close()
    store = Store(db)
    try:
        total, [summary] = store.events(full=False)
        assert total == 1 and summary["n_outlets"] == 3 and summary["killed"]["best"] == 13
        assert len(store.event_points()) == 1
    finally:
        store.close()
