"""``marsad ingest``, ``marsad export`` and ``marsad serve``: the database side of marsad."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="MARSAD_DB",
        help="Database: a SQLite file path, sqlite:///..., or postgresql://user:pass@host/db.",
    ),
]
DEFAULT_DB = "marsad.db"


def _error(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _load_lines(path: Path) -> list[dict]:
    lines = []
    with path.open(encoding="utf-8") as fh:
        for n, text in enumerate(fh, 1):
            if text.strip():
                try:
                    lines.append(json.loads(text))
                except json.JSONDecodeError as exc:
                    raise _error(f"{path}:{n}: invalid JSON: {exc.msg}", 1) from None
    return lines


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        paths: Annotated[
            list[str] | None,
            typer.Argument(help="Articles (files, folders, '-') or JSON Lines written by `marsad extract`."),
        ] = None,
        db: DbOption = DEFAULT_DB,
        published: Annotated[
            str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for all inputs.")
        ] = None,
        from_extracted: Annotated[
            bool | None,
            typer.Option(
                "--from-extracted/--extract",
                help="Inputs are `marsad extract` output / raw articles (default: detected per file).",
            ),
        ] = None,
        events: Annotated[
            list[Path] | None,
            typer.Option("--events", help="Also store fused events (`marsad fuse` output)."),
        ] = None,
        verifications: Annotated[
            list[Path] | None,
            typer.Option("--verifications", help="Also store verification lines (`marsad verify` output)."),
        ] = None,
        progress: Annotated[
            bool | None,
            typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: if a terminal)."),
        ] = None,
    ) -> None:
        """Extract articles and store them in the incident database (idempotent by content hash).

        Exit code 0: all stored (or already there); 1: some input failed (each reported on stderr).
        """
        import datetime as dt

        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        from marsad.store import Store
        from marsad.store.ingest import Ingester, IngestSummary, Outcome

        if published is not None:
            try:
                dt.date.fromisoformat(published)
            except ValueError:
                raise _error(f"--published must be a date YYYY-MM-DD, not {published!r}") from None
        if not paths and not events and not verifications:
            raise _error("nothing to ingest: give article paths, --events or --verifications")
        store = Store(db)
        summary = IngestSummary()
        if paths:
            console = Console(stderr=True)
            show = console.is_terminal if progress is None else progress
            bar = Progress(
                SpinnerColumn(),
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[new]} new, {task.fields[failed]} failed"),
                TimeElapsedColumn(),
                console=console,
                disable=not show,
            )
            counts = {"new": 0, "failed": 0}

            def report(outcome: Outcome) -> None:
                if outcome.status == "failed":
                    counts["failed"] += 1
                    console.print(
                        f"error: {outcome.where}: {outcome.message}",
                        markup=False,
                        highlight=False,
                        soft_wrap=True,
                    )
                elif outcome.status == "skipped":
                    console.print(
                        f"skipped: {outcome.where}: {outcome.message}",
                        markup=False,
                        highlight=False,
                        soft_wrap=True,
                    )
                elif outcome.status in ("new", "replaced"):
                    counts["new"] += 1
                bar.update(task, advance=1, **counts)

            with bar:
                task = bar.add_task("ingest", total=None, **counts)
                summary = Ingester(store, published=published, from_extracted=from_extracted).run(
                    paths, report
                )
        n_events = sum(store.add_events(_load_lines(p)) for p in events or [])
        n_ver = sum(store.add_verifications(_load_lines(p)) for p in verifications or [])
        extra = (f", {n_events} events" if events else "") + (
            f", {n_ver} verifications" if verifications else ""
        )
        typer.echo(f"ingest: {summary.line()}{extra} -> {store.url.split('@')[-1]}", err=True)
        store.close()
        raise typer.Exit(summary.exit_code)

    @app.command("export")
    def export_cmd(
        db: DbOption = DEFAULT_DB,
        fmt: Annotated[
            str, typer.Option("--format", "-f", help="csv, jsonl, geojson, acled or ucdp.")
        ] = "csv",
        output: Annotated[
            Path | None, typer.Option("-o", "--output", help="Output file (default stdout).")
        ] = None,
        start: Annotated[str | None, typer.Option("--start", help="From date (YYYY-MM-DD).")] = None,
        end: Annotated[str | None, typer.Option("--end", help="To date (YYYY-MM-DD).")] = None,
        admin1: Annotated[
            str | None, typer.Option("--admin1", help="Governorate(s), comma-separated.")
        ] = None,
        type_: Annotated[
            str | None, typer.Option("--type", help="Incident type(s), comma-separated.")
        ] = None,
        actor: Annotated[str | None, typer.Option("--actor", help="Actor id(s), comma-separated.")] = None,
        source: Annotated[str | None, typer.Option("--source", help="Source id(s), comma-separated.")] = None,
        q: Annotated[
            str | None,
            typer.Option(
                "--q", help="Words to find in the evidence or place names (Arabic-folded, as prefixes)."
            ),
        ] = None,
        notes: Annotated[
            str,
            typer.Option("--notes", help="ACLED notes: en (English sentences) or ar (the Arabic evidence)."),
        ] = "en",
        fused: Annotated[
            bool,
            typer.Option(
                "--fused/--incidents",
                help="ACLED rows from fused events (`marsad fuse --db`) instead of one per incident.",
            ),
        ] = False,
    ) -> None:
        """Export stored incidents (csv: one row per incident; jsonl: article lines; geojson: points;
        acled: ACLED's 31 columns; ucdp: UCDP GED's 49 columns, from fused events)."""
        from marsad.export import FORMATS, export
        from marsad.export.writers import INCIDENT_ONLY_FILTERS, NOTES
        from marsad.store import Filters, Store

        if fmt not in FORMATS:
            raise _error(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        if notes not in NOTES:
            raise _error(f"--notes must be one of {', '.join(NOTES)}, not {notes!r}")
        try:
            flt = Filters(start=start, end=end, admin1=admin1, type=type_, actor=actor, source=source, q=q)
        except ValueError as exc:
            raise _error(str(exc)) from None
        from_events = fmt == "ucdp" or (fmt == "acled" and fused)
        given = [f"--{name}" for name in INCIDENT_ONLY_FILTERS if getattr(flt, name)]
        if from_events and given:
            raise _error(f"{', '.join(given)} filter incidents, not fused events (drop them or export acled)")
        if "://" not in db and not Path(db).exists():
            raise _error(f"{db}: no such database")
        store = Store(db)
        if from_events and not store.counts()["events"]:
            typer.echo(f"export: {db} holds no fused events: run `marsad fuse --db {db}` first", err=True)
        if output is None:
            n = export(store, fmt, sys.stdout, flt, notes=notes, fused=fused)
        else:
            newline = "" if fmt in ("csv", "acled", "ucdp") else None
            with output.open("w", encoding="utf-8", newline=newline) as fh:
                n = export(store, fmt, fh, flt, notes=notes, fused=fused)
        typer.echo(f"export: {n} {fmt} records", err=True)
        store.close()

    @app.command("serve")
    def serve_cmd(
        db: DbOption = DEFAULT_DB,
        host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    ) -> None:
        """Serve the REST API (docs at /docs) and the web page (at /)."""
        import uvicorn

        from marsad.api.app import create_app

        typer.echo(f"marsad: serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
        uvicorn.run(create_app(db), host=host, port=port, log_level="info")
