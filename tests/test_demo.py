"""``marsad demo``: the bundled sample articles give a store with located incidents, with nothing
from outside the package."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from marsad.cli import app
from marsad.demo import build, sample_path


def test_samples_ship_with_the_package_and_are_marked_as_samples():
    rows = [json.loads(x) for x in sample_path().read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) >= 6
    assert all(r["title"].startswith("عينة") and r["outlet"] == "marsad-sample" for r in rows)


def test_demo_store_has_located_incidents_in_several_governorates(tmp_path):
    store, summary = build(str(tmp_path / "demo.db"))
    assert (summary.new, summary.failed) == (8, 0)
    total, items = store.incidents(limit=100)
    assert total >= 8
    assert {i["article_id"] for i in items} == {f"demo-{n:02d}" for n in range(1, 9)}
    assert len(store.points()) >= 8
    assert len({r["admin1"] for r in store.by_admin1()}) >= 6
    killed = {i["article_id"]: i["killed"] for i in items if i["killed"]}
    assert killed["demo-01"] == 7 and killed["demo-02"] == 11
    assert [a["id"] for a in store.search("الرقه")["articles"]] == ["demo-03"]
    # fused and verified, for the events view and the articles' verdicts
    counts = store.counts()
    assert counts["events"] == 10 and counts["verifications"] == 8
    assert [e["type"] for e in store.events_of_article("demo-01", full=False)] == ["shelling"]
    _, again = build(str(tmp_path / "demo.db"))
    assert (again.new, again.existing) == (0, 8)  # idempotent


def test_demo_command_builds_without_serving(tmp_path):
    db = tmp_path / "d.db"
    result = CliRunner().invoke(app, ["demo", "--no-serve", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert "8 new" in result.output and "incidents" in result.output
