"""Fusion and verification results in the store, as an events view reads them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


def test_fuse_db_replaces_earlier_events_and_exposes_them(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    for args in (
        ["ingest", str(FIXTURES / "fuse" / "reports.jsonl"), "--db", db],
        ["fuse", "--db", db],
    ):
        res = runner.invoke(app, args)
        assert res.exit_code == 0, res.output
    store = Store(db)
    try:
        # a stale event from an earlier fusion run is gone after the next one
        store.add_events([{"id": "ev_stale", "type": "airstrike", "members": []}])
        assert store.counts()["events"] == 5
    finally:
        store.close()
    assert runner.invoke(app, ["fuse", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["verify", "--db", db]).exit_code == 0
    store = Store(db)
    try:
        assert store.counts()["events"] == 4 and store.event("ev_stale") is None
        total, events = store.events()
        assert total == 4
        for ev in events:
            assert set(ev) >= {"figures", "outlets", "discrepancy", "members", "discrepancies"}
            for fig in ev["figures"]:
                assert {"best", "low", "high", "n_sources"} <= set(fig)
                for rep in fig["reports"]:
                    assert {"outlet", "sources", "value", "qualifier", "article", "evidence"} <= set(rep)
        [first, *_] = events
        assert store.event(first["id"]) == first
        article = first["members"][0]["article"]
        assert first["id"] in {e["id"] for e in store.events_of_article(article)}
        verdict = store.verification(article)
        assert verdict is not None
        claim = verdict["claims"][0]
        assert {"label", "event", "sources", "reference", "evidence"} <= set(claim)
        assert claim["event"] in {e["id"] for e in store.events_of_article(article)}
        json.dumps(verdict)
    finally:
        store.close()
