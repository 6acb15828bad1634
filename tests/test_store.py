"""The incident store on SQLite: ingest of the seeds, idempotency, atomic writes, filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.store import Filters, Store, normalize_url
from marsad.store.ingest import Ingester
from marsad.store.schema import actors, articles, casualties, incidents, locations, sources

SEEDS = Path("/work/shared/seeds")
SEED0 = "000_eeb85b81bd9619f2"


def hand_line(
    aid: str, text: str, published: str | None = "2016-12-08", incidents_: list | None = None
) -> dict:
    """A hand-written article line (does not depend on the extractor)."""
    return {
        "article": {"id": aid, "title": f"title {aid}", "published": published, "text": text},
        "incidents": incidents_ or [],
        "warnings": [],
    }


def hand_incident(
    aid: str,
    n: int,
    type_: str = "airstrike",
    admin1: str = "Idlib",
    start: str | None = "2016-12-07",
    killed: list[tuple[int | None, int | None, int | None]] = (),
) -> dict:
    """``killed`` rows are (value, low, part_of)."""
    return {
        "id": f"{aid}#{n}",
        "type": type_,
        "date": {"start": start, "end": start, "precision": "day" if start else "unknown", "text": "أمس"},
        "locations": [
            {
                "text": "مدينة إدلب",
                "start": 5,
                "end": 15,
                "place_id": "idlib-city",
                "name_ar": "إدلب",
                "name_en": "Idlib",
                "admin1": admin1,
                "admin2": None,
                "lat": 35.93,
                "lon": 36.63,
                "precision": "community",
                "relation": "in",
            }
        ],
        "actors": [{"id": "russia", "role": "perpetrator", "text": "الطيران الروسي", "start": 20, "end": 34}],
        "casualties": [
            {
                "measure": "killed",
                "group": "civilians",
                "side": None,
                "count": {
                    "value": v,
                    "low": lo,
                    "high": None,
                    "qualifier": "exact" if v is not None else "vague",
                },
                "part_of": p,
                "reported_by": ["white_helmets"],
                "start": 40,
                "end": 50,
                "text": "مقتل",
            }
            for v, lo, p in killed
        ],
        "weapons": ["airstrike"],
        "reported_by": ["sohr"],
        "evidence": [{"start": 0, "end": 30, "text": "غارات على مدينة إدلب أمس"}],
    }


def rowcount(store: Store, table) -> int:
    from sqlalchemy import func, select

    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Store:
    store = Store(str(tmp_path_factory.mktemp("db") / "seeds.db"))
    summary = Ingester(store).run([str(SEEDS)])
    assert (summary.new, summary.failed) == (5, 0)
    return store


def test_normalize_url():
    assert normalize_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url("marsad.db").startswith("sqlite:////")
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_seed_counts_and_idempotent_reingest(seeded):
    n_incidents = rowcount(seeded, incidents)
    assert rowcount(seeded, articles) == 5
    assert n_incidents >= 5
    again = Ingester(seeded).run([str(SEEDS)])
    assert (again.new, again.existing, again.failed) == (0, 5, 0)
    assert rowcount(seeded, articles) == 5
    assert rowcount(seeded, incidents) == n_incidents


def test_seed_filters(seeded):
    total, items = seeded.incidents(type="armed_clash", admin1="Homs")
    assert total >= 1
    assert any(i["article_id"] == SEED0 for i in items)
    assert all(i["type"] == "armed_clash" for i in items)
    assert all(any(loc["admin1"] == "Homs" for loc in i["locations"]) for i in items)
    total, items = seeded.incidents(actor="isis", limit=500)
    assert total == len(items) >= 1
    assert all(any(a["id"] == "isis" for a in i["actors"]) for i in items)
    assert SEED0 in {i["article_id"] for i in items}
    total, items = seeded.incidents(source="sohr", limit=500)
    assert SEED0 in {i["article_id"] for i in items}


def test_seed_article_roundtrip(seeded):
    line = seeded.article(SEED0)
    assert line["article"]["text"] == (SEEDS / f"{SEED0}.txt").read_text(encoding="utf-8")
    assert line["article"]["published"] == "2016-12-08"
    killed = [
        c
        for i in line["incidents"]
        for c in i["casualties"]
        if c["measure"] == "killed" and c["count"]["value"] == 26 and "sohr" in c["reported_by"]
    ]
    assert killed and killed[0]["group"] == "fighters"
    assert seeded.article("nope") is None


def test_extracted_jsonl_roundtrip(tmp_path):
    """Lines as `marsad extract` writes them are stored without extracting, and come back equal."""
    lines = [
        hand_line("a1", "نص أول", incidents_=[hand_incident("a1", 1, killed=[(4, 4, None), (1, 1, 0)])]),
        hand_line("a2", "نص ثان"),
    ]
    path = tmp_path / "x.jsonl"
    path.write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines) + "{broken\n", encoding="utf-8"
    )
    store = Store(str(tmp_path / "x.db"))
    summary = Ingester(store).run([str(path)])
    assert (summary.new, summary.failed) == (2, 1)
    back = store.article("a1")
    assert back["incidents"] == lines[0]["incidents"]
    assert back["article"]["title"] == "title a1"
    assert store.article("a2")["incidents"] == []


def test_same_text_other_id_stored_once_and_changed_text_replaces(tmp_path):
    store = Store(str(tmp_path / "r.db"))
    first = hand_line("a", "النص", incidents_=[hand_incident("a", 1), hand_incident("a", 2)])
    assert store.put(first) == "new"
    assert store.put(hand_line("b", "النص")) == "exists"  # same text under another id
    assert store.add(first) is False
    changed = hand_line("a", "نص معدل", incidents_=[hand_incident("a", 1, type_="shelling")])
    assert store.put(changed) == "replaced"
    assert rowcount(store, articles) == 1
    assert rowcount(store, incidents) == 1
    assert rowcount(store, locations) == 1
    assert store.article("a")["incidents"][0]["type"] == "shelling"


def test_failure_mid_batch_leaves_earlier_articles_and_nothing_partial(tmp_path, monkeypatch):
    store = Store(str(tmp_path / "f.db"))
    good = hand_line("ok", "نص سليم", incidents_=[hand_incident("ok", 1, killed=[(3, 3, None)])])
    assert store.add(good)
    batch = [
        hand_line(f"b{n}", f"نص رقم {n}", incidents_=[hand_incident(f"b{n}", 1, killed=[(n, n, None)])])
        for n in range(5)
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in batch), encoding="utf-8")
    original = Store._insert_children

    def failing(self, conn, rows):
        original(self, conn, rows)  # the article's rows are written, then its transaction fails
        if rows.article["id"] == "b2":
            raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_insert_children", failing)
    outcomes = list(Ingester(store).outcomes([str(path)]))
    assert [o.status for o in outcomes] == ["new", "new", "failed", "new", "new"]
    assert outcomes[2].where.endswith("batch.jsonl:3") and "disk full" in outcomes[2].message
    assert store.article("b2") is None
    from sqlalchemy import select

    with store.engine.connect() as conn:
        ids = set(conn.execute(select(incidents.c.id)).scalars())
        child_ids = {
            r
            for t in (locations, actors, casualties, sources)
            for r in conn.execute(select(t.c.incident_id)).scalars()
        }
    assert ids == {"ok#1", "b0#1", "b1#1", "b3#1", "b4#1"}
    assert child_ids == ids
    assert store.article("ok")["incidents"][0]["casualties"][0]["count"]["value"] == 3
    assert store.article("b1")["incidents"][0]["casualties"][0]["count"]["value"] == 1
    assert rowcount(store, articles) == 5
    # the failed article goes in on the next run
    monkeypatch.setattr(Store, "_insert_children", original)
    assert [o.status for o in Ingester(store).outcomes([str(path)])] == ["exists"] * 2 + ["new"] + [
        "exists"
    ] * 2


def test_filters_dates_text_and_lists(tmp_path):
    store = Store(str(tmp_path / "q.db"))
    store.add(hand_line("d1", "نص ١", incidents_=[hand_incident("d1", 1, start="2016-12-01")]))
    store.add(
        hand_line(
            "d2",
            "نص ٢",
            incidents_=[hand_incident("d2", 1, type_="shelling", admin1="Hama", start="2016-12-05")],
        )
    )
    store.add(
        hand_line("d3", "نص ٣", published="2016-12-09", incidents_=[hand_incident("d3", 1, start=None)])
    )
    assert store.incidents(start="2016-12-02")[0] == 2
    assert [i["id"] for i in store.incidents(end="2016-12-04")[1]] == ["d1#1"]
    # undated incidents fall on their article's publication day; newest first
    assert [i["id"] for i in store.incidents()[1]] == ["d3#1", "d2#1", "d1#1"]
    assert store.incidents(admin1="Hama,Idlib")[0] == 3
    assert store.incidents(type="shelling")[1][0]["article_id"] == "d2"
    assert store.incidents(q="ادلب")[0] == 3  # normalised: إدلب matches ادلب
    assert store.incidents(q="حلب")[0] == 0
    total, page = store.incidents(limit=1, offset=1)
    assert (total, [i["id"] for i in page]) == (3, ["d2#1"])
    assert page[0]["article_title"] == "title d2" and page[0]["published"] == "2016-12-08"
    with pytest.raises(ValueError):
        Filters(start="08/12/2016")


def test_timeline_sums_top_level_rows(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    # 4 civilians including 1 child (part_of 0) -> 4, "3 civilians" restates the same figure -> still 4;
    # a vague amount counts its low bound
    store.add(
        hand_line(
            "t1", "أ", incidents_=[hand_incident("t1", 1, killed=[(4, 4, None), (1, 1, 0), (3, 3, None)])]
        )
    )
    store.add(
        hand_line(
            "t2",
            "ب",
            incidents_=[
                hand_incident("t2", 1, killed=[(None, 20, None)]),
                hand_incident("t2", 2, start="2016-12-08"),
            ],
        )
    )
    assert store.timeline() == [
        {
            "date": "2016-12-07",
            "killed": 24,
            "injured": 0,
            "incidents": 2,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        },
        {
            "date": "2016-12-08",
            "killed": 0,
            "injured": 0,
            "incidents": 1,
            "outliers": 0,
            "outlier_killed": 0,
            "outlier_injured": 0,
        },
    ]
    assert store.timeline(end="2016-12-07", admin1="Idlib")[0]["killed"] == 24
    assert store.facets() == {
        "admin1": ["Idlib"],
        "types": ["airstrike"],
        "actors": ["russia"],
        "sources": ["sohr", "white_helmets"],
    }


def test_events_and_verifications(tmp_path):
    store = Store(str(tmp_path / "e.db"))
    ev = {
        "id": "ev1",
        "type": "airstrike",
        "date": {"start": "2016-12-07", "end": "2016-12-07"},
        "locations": [{"name_en": "Idlib", "admin1": "Idlib"}],
        "actors": ["russia"],
        "members": [{"article_id": "t1", "incident_id": "t1#1"}, "t2#1"],
        "figures": [],
        "estimates": [],
        "discrepancies": [],
    }
    assert (
        store.add_events([ev, {**ev, "id": "ev2", "type": "shelling", "date": {"start": "2016-11-01"}}]) == 2
    )
    assert store.add_events([ev]) == 1  # same id replaces
    assert store.events()[0] == 2
    total, items = store.events(admin1="Idlib", start="2016-12-01")
    assert (total, items[0]["id"], items[0]["members"][1]) == (1, "ev1", "t2#1")
    assert store.events(type="shelling")[1][0]["id"] == "ev2"
    fused = {
        "id": "ev3",
        "type": "shelling",
        "date": {"start": "2016-12-09", "end": "2016-12-09"},
        "location": {"name_en": "Hama", "admin1": "Hama"},
        "members": [{"article": "t3", "incident": "t3#2", "outlet": None}],
    }  # as marsad fuse writes it
    store.add_events([fused])
    assert [e["id"] for e in store.events(admin1="Hama")[1]] == ["ev3"]
    store.add_verifications([{"article_id": "t1", "score": 0.5, "label": "doubtful", "claims": []}])
    assert store.verification("t1")["label"] == "doubtful"


def test_ingest_cli_summary_errors_and_events(tmp_path):
    from typer.testing import CliRunner

    from marsad.cli import app

    lines = tmp_path / "lines.jsonl"
    lines.write_text(
        json.dumps(hand_line("c1", "نص", incidents_=[hand_incident("c1", 1)]), ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    events = tmp_path / "events.jsonl"
    events.write_text(
        json.dumps({"id": "e1", "type": "airstrike", "date": {"start": "2016-12-07"}, "members": ["c1#1"]})
        + "\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    ok = runner.invoke(app, ["ingest", str(lines), "--db", db, "--events", str(events), "--no-progress"])
    assert ok.exit_code == 0, ok.output
    assert "1 new, 0 already stored, 0 failed" in ok.output and "1 events" in ok.output
    bad = runner.invoke(
        app, ["ingest", str(lines), str(tmp_path / "missing.txt"), "--db", db, "--no-progress"]
    )
    assert bad.exit_code == 1
    assert "missing.txt: no such file or directory" in bad.output
    assert "0 new, 1 already stored, 1 failed" in bad.output
    assert runner.invoke(app, ["ingest", str(lines), "--db", db, "--published", "8/12/2016"]).exit_code == 2
    store = Store(db)
    assert store.counts()["articles"] == 1 and store.events()[1][0]["members"] == ["c1#1"]
