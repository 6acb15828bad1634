"""``marsad fuse``, ``marsad verify`` and ``marsad reference import``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import typer


@contextmanager
def _output(path: Path | None):
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8") as fh:
        yield fh


def _write_lines(fh: TextIO, items: Iterable[dict[str, Any]]) -> None:
    for item in items:
        fh.write(json.dumps(item, ensure_ascii=False) + "\n")


def _check_files(paths: Iterable[Path]) -> None:
    for p in paths:
        if not p.is_file():
            typer.echo(f"error: {p}: no such file", err=True)
            raise typer.Exit(2)


@contextmanager
def _store(db: str):
    from marsad.store import Store

    store = Store(db)
    try:
        yield store
    finally:
        store.close()


_DB_HELP = "Read articles from this store (SQLite path or database URL) and save the results in it."


def _mentions(inputs: list[Path], db: str | None) -> list[Any]:
    """Mentions from extract's JSON Lines and/or from the store."""
    from marsad.fuse import load_mentions
    from marsad.fuse.mention import mentions_from_article

    if not inputs and not db:
        typer.echo("error: give extract output files or --db", err=True)
        raise typer.Exit(2)
    _check_files(inputs)
    mentions = load_mentions(inputs)
    if db:
        with _store(db) as store:
            for line in store.iter_article_lines(with_text=False):
                mentions.extend(mentions_from_article(line))
    return mentions


def register(app: typer.Typer) -> None:
    reference_app = typer.Typer(help="Reference incident databases (ACLED, VDC, ...) for `marsad verify`.")
    app.add_typer(reference_app, name="reference")

    @app.command("fuse")
    def fuse_cmd(
        inputs: list[Path] = typer.Argument(None, help="JSON Lines written by `marsad extract`."),
        output: Path | None = typer.Option(None, "-o", "--output", help="Events JSONL (default: stdout)."),
        window: int | None = typer.Option(None, "--window", help="Days two day-precision dates may differ."),
        db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    ) -> None:
        """Group incident mentions from many articles into events, with per-source figures."""
        from marsad.fuse import fuse
        from marsad.fuse.rules import default_config

        mentions = _mentions(inputs or [], db)
        events = fuse(mentions, default_config().with_window(window))
        if db:
            with _store(db) as store:
                store.replace_events(e.to_dict() for e in events)
        if output is not None or not db:
            with _output(output) as fh:
                _write_lines(fh, (e.to_dict() for e in events))
        n_disc = sum(len(e.discrepancies) for e in events)
        multi = sum(1 for e in events if len({m.article_id for m in e.members}) > 1)
        typer.echo(
            f"fuse: {len(mentions)} mentions -> {len(events)} events ({multi} reported by several articles), "
            f"{n_disc} discrepancies",
            err=True,
        )

    @app.command("verify")
    def verify_cmd(
        inputs: list[Path] = typer.Argument(None, help="JSON Lines written by `marsad extract`."),
        reference: list[Path] = typer.Option(
            [], "--reference", "-r", help="JSONL from `marsad reference import`."
        ),
        events: Path | None = typer.Option(
            None, "--events", help="Events JSONL from `marsad fuse` (default: fuse the inputs)."
        ),
        output: Path | None = typer.Option(None, "-o", "--output", help="Verdicts JSONL (default: stdout)."),
        threshold: float = typer.Option(
            0.75, "--threshold", help="Score at or above which an article is credible."
        ),
        db: str | None = typer.Option(None, "--db", help=_DB_HELP + " References stored there are used too."),
    ) -> None:
        """Label each article's claims supported / contradicted / unverifiable and score the article."""
        from marsad.fuse import fuse
        from marsad.fuse.event import read_events
        from marsad.verify import load_reference, verify_mentions
        from marsad.verify.check import SUPPORTED
        from marsad.verify.reference import RefRecord

        _check_files([*reference, *([events] if events else [])])
        mentions = _mentions(inputs or [], db)
        fused = fuse(mentions) if events is None else read_events(events)
        refs = load_reference(reference)
        if db:
            with _store(db) as store:
                refs += [RefRecord.from_dict(d) for d in store.references()]
        verdicts = verify_mentions(mentions, refs, fused, threshold=threshold)
        if db:
            with _store(db) as store:
                store.add_verifications(v.to_dict() for v in verdicts)
        if output is not None or not db:
            with _output(output) as fh:
                _write_lines(fh, (v.to_dict() for v in verdicts))
        labels: dict[str, int] = {}
        for v in verdicts:
            labels[v.label] = labels.get(v.label, 0) + 1
        claims = sum(len(v.claims) for v in verdicts)
        supported = sum(v.counts[SUPPORTED] for v in verdicts)
        summary = ", ".join(f"{k} {n}" for k, n in sorted(labels.items()))
        typer.echo(
            f"verify: {len(verdicts)} articles, {claims} claims ({supported} supported); {summary}; "
            f"{len(refs)} reference records",
            err=True,
        )

    @reference_app.command("import")
    def reference_import_cmd(
        file: Path = typer.Argument(..., help="CSV export of the reference database."),
        preset: str | None = typer.Option(None, "--preset", help="Column preset: acled | ucdp | vdc."),
        maps: list[str] = typer.Option([], "--map", help="field=column, overriding the preset."),
        into: Path | None = typer.Option(
            None, "--into", help="Normalised JSONL to write (default: stdout, or nothing with --db)."
        ),
        db: str | None = typer.Option(None, "--db", help="Store the records in this store."),
    ) -> None:
        """Load an ACLED or UCDP GED export or a VDC victim list as reference records."""
        from marsad.verify.reference import import_csv, write_reference

        _check_files([file])
        try:
            result = import_csv(file, preset, maps)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        for err in result.errors:
            typer.echo(f"error: {err}", err=True)
        for reason, n in sorted(result.skipped.items()):
            typer.echo(f"{file}: {n} rows skipped: {reason}", err=True)
        where = []
        if db:
            with _store(db) as store:
                store.add_references(r.to_dict() for r in result.records)
            where.append(db)
        if into is not None or not db:
            with _output(into) as fh:
                write_reference(result.records, fh)
            where.append(str(into) if into is not None else "stdout")
        typer.echo(
            f"reference: {result.rows} rows -> {len(result.records)} records in {' and '.join(where)}, "
            f"{len(result.errors)} bad rows, {sum(result.skipped.values())} skipped",
            err=True,
        )
