"""The store behind the archive page on SQLite: derived columns, sorting, map points, governorate
totals, cumulative tolls, Arabic full-text search (FTS5) and the in-place migration of older stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive_helpers import RAQQA, SYRIA, cas, line, lines
from marsad.store import Filters, Store
from marsad.store.rows import CUMULATIVE_TOLL, filing_days, map_location, total


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(str(tmp_path / "a.db"))
    for ln in lines():
        assert s.put(ln) == "new"
    return s


def test_derived_rules() -> None:
    assert filing_days({"start": "2020-01-01", "end": "2020-01-03"}, "2017-06-10") == (
        "2017-06-10",
        "2017-06-10",
    )
    assert filing_days({"start": "2017-06-01", "end": "2017-07-01"}, "2017-06-10") == (
        "2017-06-01",
        "2017-06-10",
    )
    assert filing_days({}, "2017-06-10") == ("2017-06-10", "2017-06-10")
    assert filing_days({"start": "2030-01-01"}, None, today="2025-01-01") == ("2025-01-01", "2025-01-01")
    assert map_location([SYRIA, RAQQA]) is RAQQA  # a country is never the map point
    assert map_location([SYRIA]) is None
    rows = [cas("killed", 4), cas("killed", 1, "children", 0), cas("killed", 3), cas("killed", 2, "fighters")]
    assert total(rows, "killed") == 6  # part_of inside its parent; a restatement once; groups add


def test_incident_items_carry_filing_day_and_totals(store: Store) -> None:
    n, items = store.incidents(limit=10)
    assert n == 4
    by_id = {i["id"]: i for i in items}
    assert (by_id["r1#1"]["day"], by_id["r1#1"]["killed"], by_id["r1#1"]["injured"]) == ("2017-05-01", 4, 6)
    assert by_id["d1#1"]["day"] == "2017-06-10" and by_id["d1#1"]["date"]["start"] == "2020-01-01"
    # newest filing day first, undated last: the 2020 date does not open the list
    assert [i["id"] for i in items] == ["d1#1", "d1#2", "r1#1", "n1#1"]
    assert store.incident("r1#1")["article_title"] == "قصف على الرقة"
    assert store.incident("nope") is None


def test_sorting(store: Store) -> None:
    ids = lambda sort: [i["id"] for i in store.incidents(sort=sort)[1]]  # noqa: E731
    assert ids("-killed") == ["d1#2", "d1#1", "r1#1", "n1#1"]
    assert ids("killed")[:2] == ["n1#1", "r1#1"]
    assert ids("-casualties")[:3] == ["d1#2", "d1#1", "r1#1"]
    assert ids("date") == ["r1#1", "d1#1", "d1#2", "n1#1"]  # oldest first, undated still last
    assert store.incidents(sort="-killed", limit=1, offset=1)[1][0]["id"] == "d1#1"
    with pytest.raises(ValueError):
        store.incidents(sort="title")


def test_points_admin1_and_timeline_count_cumulative_tolls_apart(store: Store) -> None:
    points = sorted(store.points())
    assert points == [
        ("d1#1", 33.57, 36.40, 12, 0, "shelling", "2017-06-10"),
        ("n1#1", 35.95, 39.01, 0, 0, "shelling", None),
        ("r1#1", 35.95, 39.01, 4, 6, "shelling", "2017-05-01"),
    ]
    assert sorted(p[0] for p in store.points(Filters(admin1="Raqqa"))) == ["n1#1", "r1#1"]
    assert store.by_admin1() == [
        {
            "admin1": "Raqqa",
            "incidents": 2,
            "killed": 4,
            "injured": 6,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        },
        {
            "admin1": "Rif Dimashq",
            "incidents": 1,
            "killed": 12,
            "injured": 0,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        },
    ]
    assert CUMULATIVE_TOLL < 500000
    assert store.timeline(bucket="month") == [
        {
            "date": "2017-05-01",
            "incidents": 1,
            "killed": 4,
            "injured": 6,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        },
        {
            "date": "2017-06-01",
            "incidents": 2,
            "killed": 500012,
            "injured": 0,
            "outliers": 1,
            "outlier_killed": 500000,
            "outlier_injured": 0,
        },
    ]
    assert [r["date"] for r in store.timeline(bucket="week")] == ["2017-05-01", "2017-06-05"]
    with pytest.raises(ValueError):
        store.timeline(bucket="year")


def test_search_articles_and_places_with_arabic_folding(store: Store) -> None:
    assert store.search_mode == "fts5"
    res = store.search("الرقه")
    assert res["terms"] == ["رقه"]
    assert {a["id"] for a in res["articles"]} == {"r1", "n1"}  # best first (bm25): order not fixed here
    assert res["total"] == 2
    first = next(a for a in res["articles"] if a["id"] == "r1")
    assert "الرقّة" in first["snippet"] and first["incidents"] == 1 and first["title"] == "قصف على الرقة"
    assert [p["place_id"] for p in res["places"]] == ["test:raqqa"] and res["places"][0]["incidents"] == 2
    assert store.search("Raqqa")["total"] == 2  # English place names are indexed too
    assert store.search("دوما قذائف")["total"] == 1
    assert store.search("دوما الرقة")["total"] == 0
    assert store.search("!!")["total"] == 0
    pages = [store.search("الرقة", limit=1, offset=k)["articles"] for k in (0, 1, 2)]
    assert sorted(p[0]["id"] for p in pages[:2]) == ["n1", "r1"] and pages[2] == []


def test_q_filter_matches_evidence_and_places_only(store: Store) -> None:
    assert sorted(i["id"] for i in store.incidents(q="الرقه")[1]) == ["n1#1", "r1#1"]
    assert store.incidents(q="الحرب")[0] == 1  # the d1#2 evidence
    assert store.incidents(q="التقرير")[0] == 0  # in the article text, not in any evidence
    assert store.incidents(q="دوما", place="test:douma")[0] == 1
    assert store.incidents(place="test:raqqa,test:douma")[0] == 3


def test_replace_and_delete_keep_the_search_index_in_step(store: Store) -> None:
    changed = line("r1", "قصف على إدلب", "قُتل مدنيان في إدلب.", "2017-05-02", [])
    assert store.put(changed) == "replaced"
    assert {a["id"] for a in store.search("الرقة")["articles"]} == {"n1"}
    assert [a["id"] for a in store.search("ادلب")["articles"]] == ["r1"]
    with sqlite3.connect(store.engine.url.database) as db:
        db.execute("DELETE FROM articles WHERE id = 'n1'")
    assert store.search("الرقة")["total"] == 0
    assert store.put(lines()[0]) == "replaced"
    assert [a["id"] for a in store.search("الرقة")["articles"]] == ["r1"]


def make_old_store(path: Path) -> None:
    """A store as an older marsad wrote it: no derived columns, no search index, ``day`` unclipped."""
    s = Store(str(path))
    for ln in lines():
        s.put(ln)
    s.close()
    with sqlite3.connect(path) as db:
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            db.execute(f"DROP TRIGGER {name}")
        db.execute("DROP TABLE articles_fts")
        db.execute("DROP TABLE marsad_meta")
        for ix in ("ix_incidents_killed", "ix_incidents_map", "ix_incidents_day_totals", "ix_articles_seq"):
            db.execute(f"DROP INDEX {ix}")
        for col in ("day_end", "search_terms", "killed", "injured", "lat", "lon", "admin1"):
            db.execute(f"ALTER TABLE incidents DROP COLUMN {col}")
        for col in ("search_terms", "seq"):
            db.execute(f"ALTER TABLE articles DROP COLUMN {col}")
        db.execute(
            "UPDATE incidents SET day = coalesce(date_start, (SELECT published FROM articles a WHERE a.id = article_id))"
        )


def test_older_store_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_old_store(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT day FROM incidents WHERE id = 'd1#1'").fetchone() == ("2020-01-01",)
    s = Store(str(path))
    fresh = Store(str(tmp_path / "fresh.db"))
    for ln in lines():
        fresh.put(ln)

    def items(st: Store) -> list[dict]:  # ingested_at is when each store was written: not compared
        return [{k: v for k, v in i.items() if k != "ingested_at"} for i in st.incidents(limit=10)[1]]

    assert items(s) == items(fresh) and len(items(s)) == 4
    assert sorted(s.points()) == sorted(fresh.points())
    assert s.timeline() == fresh.timeline()
    assert [a["id"] for a in s.search("الرقه")["articles"]] == [
        a["id"] for a in fresh.search("الرقه")["articles"]
    ]
    # ingest stays idempotent on the migrated store, and new articles get indexed
    assert all(s.put(ln) == "exists" for ln in lines())
    assert s.put(line("x1", "حمص", "قصف على حمص", "2017-07-01", [])) == "new"
    assert s.search("حمص")["total"] == 1
    s.close()
    assert Store(str(path)).search("حمص")["total"] == 1  # opening again changes nothing


def test_like_fallback_answers_like_fts(store: Store) -> None:
    fts = (store.search("الرقه")["total"], store.incidents(q="الرقه")[0], store.incidents(q="قذائف دوما")[0])
    store.search_mode = "like"
    assert (
        store.search("الرقه")["total"],
        store.incidents(q="الرقه")[0],
        store.incidents(q="قذائف دوما")[0],
    ) == fts
