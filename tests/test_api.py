"""The REST API contract (shared with the web page) on a temporary SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.store import Store

SEED0 = Path("/work/shared/seeds/000_eeb85b81bd9619f2.txt")


def incident(
    aid: str, n: int, type_: str, admin1: str, start: str | None, killed: int, actor: str, source: str
) -> dict:
    return {
        "id": f"{aid}#{n}",
        "type": type_,
        "date": {"start": start, "end": start, "precision": "day" if start else "unknown", "text": None},
        "locations": [
            {
                "text": admin1,
                "start": 0,
                "end": 3,
                "place_id": admin1.lower(),
                "name_ar": "م",
                "name_en": admin1,
                "admin1": admin1,
                "admin2": None,
                "lat": 35.0,
                "lon": 37.0,
                "precision": "governorate",
                "relation": "in",
            }
        ],
        "actors": [{"id": actor, "role": "perpetrator", "text": "ف", "start": 0, "end": 1}],
        "casualties": [
            {
                "measure": "killed",
                "group": "people",
                "side": None,
                "count": {"value": killed, "low": killed, "high": None, "qualifier": "exact"},
                "part_of": None,
                "reported_by": [source],
                "start": 0,
                "end": 1,
                "text": "قتل",
            },
            {
                "measure": "injured",
                "group": "people",
                "side": None,
                "count": {"value": 2, "low": 2, "high": None, "qualifier": "exact"},
                "part_of": None,
                "reported_by": [source],
                "start": 0,
                "end": 1,
                "text": "جرح",
            },
        ],
        "weapons": [],
        "reported_by": [source],
        "evidence": [{"start": 0, "end": 10, "text": f"اشتباكات عنيفة في {admin1}"}],
    }


@pytest.fixture()
def client(tmp_path) -> TestClient:
    store = Store(str(tmp_path / "api.db"))
    store.add(
        {
            "article": {
                "id": "a1",
                "title": "اشتباكات",
                "published": "2016-12-08",
                "outlet": "aawsat",
                "dateline": "بيروت",
                "url": "http://x/1",
                "text": "نص المقال الأول",
            },
            "incidents": [
                incident("a1", 1, "armed_clash", "Homs", "2016-12-07", 26, "isis", "sohr"),
                incident("a1", 2, "airstrike", "Idlib", None, 5, "russia", "afp"),
            ],
            "warnings": [],
        }
    )
    store.add(
        {
            "article": {"id": "a2", "title": "قصف", "published": "2016-12-10", "text": "نص المقال الثاني"},
            "incidents": [
                incident("a2", 1, "shelling", "Homs", "2016-12-10", 3, "syrian_government", "sana")
            ],
            "warnings": [],
        }
    )
    store.add_events(
        [
            {
                "id": "ev1",
                "type": "armed_clash",
                "date": {"start": "2016-12-07", "end": "2016-12-07"},
                "locations": [{"admin1": "Homs"}],
                "members": ["a1#1"],
            }
        ]
    )
    return TestClient(create_app(store=store))


def test_incidents_list_and_filters(client):
    body = client.get("/api/incidents").json()
    assert body["total"] == 3
    assert [i["id"] for i in body["items"]] == [
        "a2#1",
        "a1#2",
        "a1#1",
    ]  # newest first; a1#2 filed on published day
    first = body["items"][-1]
    assert (first["article_id"], first["article_title"], first["published"]) == (
        "a1",
        "اشتباكات",
        "2016-12-08",
    )
    assert first["casualties"][0]["count"]["value"] == 26 and first["locations"][0]["admin1"] == "Homs"
    assert client.get("/api/incidents", params={"admin1": "Homs"}).json()["total"] == 2
    got = client.get(
        "/api/incidents", params={"type": "armed_clash", "actor": "isis", "source": "sohr"}
    ).json()
    assert [i["id"] for i in got["items"]] == ["a1#1"]
    assert client.get("/api/incidents", params={"start": "2016-12-09"}).json()["total"] == 1
    assert (
        client.get("/api/incidents", params={"q": "إدلب"}).json()["total"] == 0
    )  # evidence says Idlib in Latin here
    assert client.get("/api/incidents", params={"q": "عنيفه"}).json()["total"] == 3  # ة/ه normalised
    page = client.get("/api/incidents", params={"limit": 1, "offset": 2}).json()
    assert (page["total"], [i["id"] for i in page["items"]]) == (3, ["a1#1"])
    assert client.get("/api/incidents", params={"start": "7/12/2016"}).status_code == 422
    assert client.get("/api/incidents", params={"limit": 5000}).status_code == 422


def test_article_and_404(client):
    body = client.get("/api/articles/a1").json()
    assert {"id", "title", "published", "outlet", "dateline", "url", "text"} <= set(body["article"])
    assert (body["article"]["text"], body["article"]["outlet"], body["article"]["dateline"]) == (
        "نص المقال الأول",
        "aawsat",
        "بيروت",
    )
    assert [i["id"] for i in body["incidents"]] == ["a1#1", "a1#2"]
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/json")
    assert "nope" in missing.json()["detail"]


def test_timeline_facets_events(client):
    assert client.get("/api/timeline").json() == [
        {
            "date": "2016-12-07",
            "killed": 26,
            "injured": 2,
            "incidents": 1,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        },
        {
            "date": "2016-12-08",
            "killed": 5,
            "injured": 2,
            "incidents": 1,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        },
        {
            "date": "2016-12-10",
            "killed": 3,
            "injured": 2,
            "incidents": 1,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        },
    ]
    assert client.get("/api/timeline", params={"admin1": "Homs", "end": "2016-12-08"}).json() == [
        {
            "date": "2016-12-07",
            "killed": 26,
            "injured": 2,
            "incidents": 1,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        }
    ]
    assert client.get("/api/facets").json() == {
        "admin1": ["Homs", "Idlib"],
        "types": ["airstrike", "armed_clash", "shelling"],
        "actors": ["isis", "russia", "syrian_government"],
        "sources": ["afp", "sana", "sohr"],
    }
    events = client.get("/api/events", params={"admin1": "Homs"}).json()
    assert events["total"] == 1 and events["items"][0]["members"] == ["a1#1"]
    assert client.get("/api/events", params={"type": "shelling"}).json() == {
        "total": 0,
        "offset": 0,
        "limit": 100,
        "sort": "-date",
        "items": [],
    }


def test_page_docs_and_static(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "<html" in page.text.lower()
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/incidents",
        "/api/events",
        "/api/articles/{article_id}",
        "/api/articles",
        "/api/timeline",
        "/api/facets",
    } <= set(paths)


def test_post_article_extracts_and_stores(client):
    text = SEED0.read_text(encoding="utf-8")
    resp = client.post(
        "/api/articles", json={"text": text, "title": "سيد", "id": "seed0", "published": "2016-12-08"}
    )
    assert resp.status_code == 200, resp.text
    line = resp.json()
    assert line["article"]["id"] == "seed0" and line["stored"] == "new"
    assert any(i["type"] == "armed_clash" for i in line["incidents"])
    stored = client.get("/api/articles/seed0").json()
    assert len(stored["incidents"]) == len(line["incidents"])
    again = client.post("/api/articles", json={"text": text, "id": "seed0"}).json()
    assert again["stored"] == "exists"
    dry = client.post(
        "/api/articles", json={"text": "قتل 3 مدنيين في قصف على حلب", "id": "dry", "store": False}
    )
    assert dry.status_code == 200 and dry.json()["stored"] is None
    assert client.get("/api/articles/dry").status_code == 404
    assert client.post("/api/articles", json={"text": ""}).status_code == 422
    assert client.post("/api/articles", json={"text": "نص", "published": "yesterday"}).status_code == 422


def test_archive_routes_points_admin1_search_incident(client):
    pts = client.get("/api/points").json()
    assert pts["fields"] == ["id", "lat", "lon", "killed", "injured", "type", "day"]
    assert sorted(pts["rows"]) == [
        ["a1#1", 35.0, 37.0, 26, 2, "armed_clash", "2016-12-07"],
        ["a1#2", 35.0, 37.0, 5, 2, "airstrike", "2016-12-08"],
        ["a2#1", 35.0, 37.0, 3, 2, "shelling", "2016-12-10"],
    ]
    assert pts["total"] == 3
    assert [r[0] for r in client.get("/api/points", params={"type": "shelling"}).json()["rows"]] == ["a2#1"]
    homs = client.get("/api/admin1").json()[0]
    assert (homs["admin1"], homs["incidents"], homs["killed"], homs["injured"]) == ("Homs", 2, 29, 4)
    one = client.get("/api/incidents/a1%231").json()  # ids hold '#': the page URL-encodes them
    assert (one["id"], one["article_title"], one["killed"]) == ("a1#1", "اشتباكات", 26)
    assert client.get("/api/incidents/a1%239").status_code == 404
    got = client.get("/api/incidents", params={"sort": "-killed", "limit": 2}).json()
    assert [i["id"] for i in got["items"]] == ["a1#1", "a1#2"] and (got["total"], got["offset"]) == (3, 0)
    assert client.get("/api/incidents", params={"sort": "title"}).status_code == 422
    assert client.get("/api/timeline", params={"bucket": "year"}).status_code == 422
    months = client.get("/api/timeline", params={"bucket": "month"}).json()
    assert [(m["date"], m["killed"], m["incidents"]) for m in months] == [("2016-12-01", 34, 3)]
    found = client.get("/api/search", params={"q": "عنيفه"}).json()  # ة/ه folded
    assert found["total"] == 2 and {a["id"] for a in found["articles"]} == {"a1", "a2"}
    assert client.get("/api/search", params={"q": "homs"}).json()["places"][0]["place_id"] == "homs"
    assert client.get("/api/search").status_code == 422
    big = client.get("/api/points", headers={"Accept-Encoding": "gzip"})
    assert big.status_code == 200 and big.json()["total"] == 3
