"""The whole analyst workflow through the CLI on one store: ingest, reference, fuse, verify."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


def test_ingest_reference_fuse_verify_on_one_store(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    steps = [
        ["ingest", str(FIXTURES / "fuse" / "reports.jsonl"), "--db", db],
        [
            "reference",
            "import",
            str(FIXTURES / "reference" / "acled.csv"),
            "--preset",
            "acled",
            "--into",
            str(tmp_path / "ref.jsonl"),
            "--db",
            db,
        ],
        ["fuse", "--db", db],
        ["verify", "--db", db],
    ]
    for args in steps:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    store = Store(db)
    counts = store.counts()
    store.close()
    assert counts["articles"] == 13
    assert counts["events"] == 4  # four real-world events behind thirteen reports
    assert counts["verifications"] == 13
    assert counts["reference_incidents"] == 5


def test_fuse_without_inputs_or_store_is_an_error() -> None:
    result = CliRunner().invoke(app, ["fuse"])
    assert result.exit_code == 2
    assert "--db" in result.output
