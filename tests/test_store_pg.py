"""The same store behaviour on PostgreSQL (MARSAD_TEST_PG_URL; required in CI via MARSAD_REQUIRE_PG=1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from marsad.store import Store
from marsad.store.ingest import Ingester
from marsad.store.schema import metadata

pytestmark = pytest.mark.postgres

SEEDS = Path("/work/shared/seeds")
SEED0 = "000_eeb85b81bd9619f2"
PG_URL = os.environ.get("MARSAD_TEST_PG_URL")


@pytest.fixture(scope="module")
def pg() -> Store:
    if not PG_URL:
        if os.environ.get("MARSAD_REQUIRE_PG") == "1":
            pytest.fail("MARSAD_REQUIRE_PG=1 but MARSAD_TEST_PG_URL is not set")
        pytest.skip("MARSAD_TEST_PG_URL not set (no PostgreSQL to test against)")
    store = Store(PG_URL)
    assert store.engine.dialect.name == "postgresql"
    metadata.drop_all(store.engine)  # a clean slate: the database is a throw-away test database
    metadata.create_all(store.engine)
    yield store
    store.close()


def hand_line(aid: str, text: str, type_: str, admin1: str, start: str, killed: int) -> dict:
    return {
        "article": {"id": aid, "title": aid, "published": "2016-12-08", "text": text},
        "incidents": [
            {
                "id": f"{aid}#1",
                "type": type_,
                "date": {"start": start, "end": start, "precision": "day", "text": None},
                "locations": [
                    {
                        "text": "م",
                        "start": 0,
                        "end": 1,
                        "place_id": None,
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
                "actors": [{"id": "russia", "role": "perpetrator", "text": "ر", "start": 0, "end": 1}],
                "casualties": [
                    {
                        "measure": "killed",
                        "group": "civilians",
                        "side": None,
                        "count": {"value": killed, "low": killed, "high": None, "qualifier": "exact"},
                        "part_of": None,
                        "reported_by": ["sohr"],
                        "start": 0,
                        "end": 1,
                        "text": "ق",
                    },
                    {
                        "measure": "killed",
                        "group": "children",
                        "side": None,
                        "count": {"value": 1, "low": 1, "high": None, "qualifier": "exact"},
                        "part_of": 0,
                        "reported_by": ["sohr"],
                        "start": 0,
                        "end": 1,
                        "text": "ط",
                    },
                ],
                "weapons": ["airstrike"],
                "reported_by": ["sohr"],
                "evidence": [{"start": 0, "end": 5, "text": "غارة على مدينة إدلب"}],
            }
        ],
        "warnings": [],
    }


def test_pg_seed_ingest_idempotent_and_filters(pg):
    first = Ingester(pg).run([str(SEEDS)])
    assert (first.new, first.failed) == (5, 0)
    n = pg.counts()
    again = Ingester(pg).run([str(SEEDS)])
    assert (again.new, again.existing) == (0, 5)
    assert pg.counts() == n and n["articles"] == 5
    total, items = pg.incidents(type="armed_clash", admin1="Homs")
    assert total >= 1 and SEED0 in {i["article_id"] for i in items}
    _, items = pg.incidents(actor="isis", limit=500)
    assert SEED0 in {i["article_id"] for i in items}
    line = pg.article(SEED0)
    assert line["article"]["text"] == (SEEDS / f"{SEED0}.txt").read_text(encoding="utf-8")


def test_pg_hand_lines_roundtrip_timeline_replace(pg, tmp_path):
    lines = [
        hand_line("pg1", "نص ١", "airstrike", "Idlib", "2015-01-02", 4),
        hand_line("pg2", "نص ٢", "shelling", "Hama", "2015-01-03", 6),
    ]
    path = tmp_path / "lines.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    assert Ingester(pg).run([str(path)]).new == 2
    assert pg.article("pg1")["incidents"] == lines[0]["incidents"]
    assert pg.timeline(start="2015-01-01", end="2015-12-31") == [
        {
            "date": "2015-01-02",
            "killed": 4,
            "injured": 0,
            "incidents": 1,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        },
        {
            "date": "2015-01-03",
            "killed": 6,
            "injured": 0,
            "incidents": 1,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        },
    ]
    assert pg.incidents(q="ادلب", start="2015-01-01", end="2015-12-31")[0] == 2
    assert [i["id"] for i in pg.incidents(admin1="Hama", start="2015-01-01", end="2015-12-31")[1]] == [
        "pg2#1"
    ]
    changed = hand_line("pg2", "نص معدل", "bombing", "Hama", "2015-01-03", 9)
    assert pg.put(changed) == "replaced"
    assert pg.article("pg2")["incidents"][0]["type"] == "bombing"
    assert pg.incidents(type="shelling", start="2015-01-01", end="2015-12-31")[0] == 0
    assert pg.add(changed) is False


def test_pg_archive_search_sort_points_and_migration(pg):
    """PostgreSQL full-text search (GIN over to_tsvector('simple')) answers like SQLite's FTS5, and a
    store written before the derived columns existed is migrated in place."""
    from sqlalchemy import text

    from archive_helpers import lines
    from marsad.store.schema import meta

    for ln in lines():
        pg.put(ln, replace=True)
    assert pg.search_mode == "postgresql"
    res = pg.search("الرقه")
    assert {a["id"] for a in res["articles"]} >= {"r1", "n1"} and res["places"][0]["place_id"] == "test:raqqa"
    assert "الرقّة" in next(a["snippet"] for a in res["articles"] if a["id"] == "r1")
    assert {a["id"] for a in pg.search("الرقة قذائف")["articles"]} == set()
    assert {a["id"] for a in pg.search("دوما قذائف")["articles"]} == {"d1"}
    assert sorted(i["id"] for i in pg.incidents(q="الرقه", place="test:raqqa")[1]) == ["n1#1", "r1#1"]
    assert pg.incidents(q="التقرير", place="test:douma")[0] == 0
    assert [i["id"] for i in pg.incidents(sort="-killed", place="test:douma,test:raqqa")[1]] == [
        "d1#1",
        "r1#1",
        "n1#1",
    ]
    assert pg.incident("d1#1")["day"] == "2017-06-10"  # 2020 in a 2017 article: filed on publication
    assert ("r1#1", 35.95, 39.01, 4, 6, "shelling", "2017-05-01") in pg.points()
    june = [r for r in pg.timeline(bucket="month") if r["date"] == "2017-06-01"][0]
    assert (june["outliers"], june["outlier_killed"]) == (1, 500000)
    # Make it look like an older store, then reopen it.
    with pg.engine.begin() as conn:
        conn.execute(meta.delete())
        conn.execute(text("DROP INDEX IF EXISTS ix_articles_search_gin"))
        for col in ("killed", "injured", "lat", "lon", "admin1", "day_end", "search_terms"):
            conn.execute(text(f"ALTER TABLE incidents DROP COLUMN {col} CASCADE"))
        conn.execute(text("ALTER TABLE articles DROP COLUMN search_terms CASCADE"))
    again = Store(PG_URL)
    try:
        assert again.incident("d1#1")["killed"] == 12
        assert {a["id"] for a in again.search("دوما قذائف")["articles"]} == {"d1"}
        assert sorted(i["id"] for i in again.incidents(q="الرقه", place="test:raqqa")[1]) == ["n1#1", "r1#1"]
    finally:
        again.close()
