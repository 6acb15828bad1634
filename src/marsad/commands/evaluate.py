"""``marsad evaluate GOLD_DIR INPUT``: precision/recall/F1 per field against gold files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer


def _predictions(inputs: list[str], published: str | None) -> dict[str, dict[str, Any]]:
    """Extraction output: read from JSON Lines written by ``marsad extract``, or extracted now."""
    preds: dict[str, dict[str, Any]] = {}
    raw_inputs: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_file() and path.suffix in (".jsonl", ".ndjson") and _is_extraction(path):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    preds[rec["article"]["id"]] = rec
        else:
            raw_inputs.append(item)
    if raw_inputs:
        from marsad.io.readers import iter_articles
        from marsad.models import ReadError
        from marsad.pipeline import Extractor

        extractor = Extractor()
        for art in iter_articles(raw_inputs, published=published):
            if isinstance(art, ReadError):
                typer.echo(f"error: {art}", err=True)
                continue
            preds[art.id] = extractor.process(art, published=published).to_dict(with_text=False)
    return preds


def _is_extraction(path: Path) -> bool:
    with path.open(encoding="utf-8") as fh:
        first = fh.readline()
    try:
        rec = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(rec, dict) and "incidents" in rec and "article" in rec


def register(app: typer.Typer) -> None:
    @app.command("evaluate")
    def evaluate_cmd(
        gold_dir: Path = typer.Argument(..., help="Folder of gold <article-id>.json files."),
        inputs: list[str] = typer.Argument(
            ..., help="Articles to extract, or JSONL written by `marsad extract`."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print the JSON summary instead of a table."),
        errors: bool = typer.Option(False, "--errors", help="List per article the missed and extra facts."),
        kinds: str | None = typer.Option(
            None, "--kinds", help="Score only gold articles of these kinds, e.g. A,B (ANNOTATION.md)."
        ),
        published: str | None = typer.Option(None, "--published", help="Publication date for all inputs."),
    ) -> None:
        """Score extraction against gold files (per field precision, recall, F1), as
        ANNOTATION.md §Scoring defines."""
        from marsad.evaluate import evaluate, load_gold

        if not gold_dir.is_dir():
            typer.echo(f"error: {gold_dir}: not a folder of gold files", err=True)
            raise typer.Exit(2)
        wanted = [k for k in kinds.split(",") if k.strip()] if kinds else None
        report = evaluate(load_gold(gold_dir), _predictions(inputs, published), kinds=wanted)
        if as_json:
            typer.echo(json.dumps(report.to_dict(errors=errors), ensure_ascii=False, indent=2))
        else:
            if errors:
                _print_errors(report)
            _print_table(report)
        if report.missing:
            typer.echo(f"no prediction for: {', '.join(report.missing)}", err=True)


def _print_errors(report: Any) -> None:
    for aid, detail in report.articles.items():
        lines = []
        for name, o in detail.items():
            if o.missed:
                lines.append(f"  {name:<10} missed: {'; '.join(o.missed)}")
            if o.extra:
                lines.append(f"  {name:<10} extra:  {'; '.join(o.extra)}")
        if lines:
            kind = report.kinds.get(aid)
            typer.echo(f"{aid}" + (f" [{kind}]" if kind else ""))
            typer.echo("\n".join(lines))


def _print_table(report: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"marsad evaluate: {len(report.articles)} gold articles")
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="right" if col != "field" else "left")
    rows = list(report.fields.items()) + [("micro", report.overall)]
    for name, s in rows:
        table.add_row(
            name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn)
        )
    Console(width=100).print(table)
