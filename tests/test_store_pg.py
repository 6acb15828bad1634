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
        {"date": "2015-01-02", "killed": 4, "injured": 0, "incidents": 1},
        {"date": "2015-01-03", "killed": 6, "injured": 0, "incidents": 1},
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
