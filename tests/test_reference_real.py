"""Real reference exports load with their preset alone (skipped when ../shared/data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.store import Store
from marsad.verify import import_csv

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "reference"
VDC = DATA / "vdc_syria_victims_romansul.csv"
ACLED = DATA / "acled_syria_battles_2017_2023.csv"


@pytest.mark.skipif(not VDC.is_file(), reason="shared VDC export absent")
def test_vdc_export_loads_into_the_store_only(tmp_path, monkeypatch):
    from marsad.cli import app

    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    db = tmp_path / "m.db"
    res = CliRunner().invoke(app, ["reference", "import", str(VDC), "--preset", "vdc", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "bad rows" in res.output and "0 bad rows" in res.output
    assert list(work.iterdir()) == []  # nothing written beside the store
    store = Store(str(db))
    try:
        assert store.counts()["reference_incidents"] >= 30_000
        sample = store.references()[:50]
    finally:
        store.close()
    assert all(r["unit"] == "person" and r["count"] == 1 and "people" in r["groups"] for r in sample)
    assert all("name" not in r for r in sample)


@pytest.mark.skipif(not ACLED.is_file(), reason="shared ACLED export absent")
def test_acled_export_loads_every_row():
    res = import_csv(ACLED, "acled")
    assert res.rows == 23_348
    assert len(res.records) == 23_348 and res.errors == []
    admin1 = {r.admin1 for r in res.records}
    assert {
        "Daraa",
        "Deir ez-Zor",
        "Idlib",
        "Rif Dimashq",
        "Raqqa",
        "Hasakah",
        "Suwayda",
        "Latakia",
    } <= admin1
    assert {r.type for r in res.records} == {"armed_clash", "territory_change"}
    assert sum(r.count or 0 for r in res.records) == 61_422  # total fatalities, as the file's notes say
