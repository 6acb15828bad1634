"""``marsad extract``: articles in, one JSON line per article out (here, or on a Dask cluster)."""

from __future__ import annotations

import datetime as dt
import signal
from functools import partial
from pathlib import Path
from typing import Annotated

import typer


def _usage(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _stop_on_sigterm() -> None:
    """``kill`` (SIGTERM) stops like Ctrl-C: in-flight work is cancelled and the resume hint printed."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        paths: Annotated[
            list[str], typer.Argument(help="Files or folders (read recursively); '-' reads stdin.")
        ],
        published: Annotated[
            str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for all inputs.")
        ] = None,
        output: Annotated[
            Path | None, typer.Option("-o", "--output", help="Write JSON Lines here (default stdout).")
        ] = None,
        out_dir: Annotated[
            Path | None,
            typer.Option("--out-dir", help="Write one shard per batch here (part-00000.jsonl, ...)."),
        ] = None,
        fmt: Annotated[
            str | None,
            typer.Option(
                "--format", help="jsonl or parquet (default: parquet if -o ends in .parquet, else jsonl)."
            ),
        ] = None,
        workers: Annotated[
            int | None, typer.Option("--workers", help="Run on a local Dask cluster of N processes.")
        ] = None,
        dask: Annotated[
            str | None, typer.Option("--dask", help="Run on an existing Dask scheduler (tcp://host:8786).")
        ] = None,
        resume: Annotated[
            bool | None,
            typer.Option(
                "--resume/--restart",
                help="An interrupted run into the same -o/--out-dir continues by default; --resume "
                "insists (error if inputs or options changed), --restart discards it.",
                show_default=False,
            ),
        ] = None,
        batch_size: Annotated[
            int, typer.Option("--batch-size", help="Articles per batch (unit of work and of resume).")
        ] = 100,
        all_countries: Annotated[
            bool,
            typer.Option(
                "--all-countries",
                help="Keep incidents outside Syria too (by default only incidents in Syria or "
                "with no place are written).",
            ),
        ] = False,
        progress: Annotated[
            bool | None,
            typer.Option(
                "--progress/--no-progress",
                help="Progress bar on stderr (default: when stderr is a terminal).",
            ),
        ] = None,
    ) -> None:
        """Extract incidents from Arabic articles.

        Exit code 0: every input was read and extracted; 1: some input or article failed (each is
        reported on stderr, the others are still written); 2: wrong options; 130: interrupted.
        """
        from marsad.pipeline import Extractor
        from marsad.runner import RunError, UsageError, default_factory, run

        if published is not None:
            try:
                dt.date.fromisoformat(published)
            except ValueError:
                raise _usage(f"--published must be a date YYYY-MM-DD, not {published!r}") from None
        if fmt is None:
            fmt = "parquet" if output is not None and output.suffix == ".parquet" else "jsonl"
        _stop_on_sigterm()
        try:
            summary = run(
                paths,
                published=published,
                output=output,
                out_dir=out_dir,
                fmt=fmt,
                batch_size=batch_size,
                resume=resume,
                progress=progress,
                workers=workers,
                dask_address=dask,
                factory=partial(Extractor, all_countries=True) if all_countries else default_factory,
            )
        except UsageError as exc:
            raise _usage(str(exc)) from None
        except (RunError, OSError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        raise typer.Exit(summary.exit_code)
