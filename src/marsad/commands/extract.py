"""``marsad extract``: articles in, one JSON line per article out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        paths: list[str] = typer.Argument(..., help="Files or folders (read recursively); '-' reads stdin."),
        published: str | None = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for all inputs."),
        output: Path | None = typer.Option(None, "-o", "--output", help="Write JSON Lines here (default stdout)."),
    ) -> None:
        """Extract incidents from Arabic articles."""
        from marsad.io.readers import iter_articles
        from marsad.models import ReadError
        from marsad.pipeline import Extractor

        extractor = Extractor()
        failed = 0
        out = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            for item in iter_articles(paths, published=published):
                if isinstance(item, ReadError):
                    failed += 1
                    typer.echo(f"error: {item}", err=True)
                    continue
                result = extractor.process(item, published=published)
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        finally:
            if output:
                out.close()
        raise typer.Exit(1 if failed else 0)
