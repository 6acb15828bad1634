"""``marsad demo``: sample articles -> a fresh SQLite store -> the web page."""

from __future__ import annotations

import tempfile
import webbrowser
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo_cmd(
        db: Annotated[
            Path | None,
            typer.Option("--db", help="SQLite file to build (default: a temporary one, removed on exit)."),
        ] = None,
        host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
        serve: Annotated[
            bool, typer.Option("--serve/--no-serve", help="Serve the page after building the store.")
        ] = True,
        open_browser: Annotated[
            bool, typer.Option("--open/--no-open", help="Open the page in the default browser.")
        ] = False,
    ) -> None:
        """Extract the bundled sample articles (invented reports about real places) into a fresh
        SQLite store and serve the web page on it: a first run that needs nothing else."""
        from marsad.demo import build, sample_path

        with tempfile.TemporaryDirectory(prefix="marsad-demo-") as tmp:
            path = db or Path(tmp) / "demo.db"
            store, summary = build(str(path))
            counts = store.counts()
            typer.echo(
                f"demo: {summary.line()} from {sample_path().name}; "
                f"{counts['articles']} articles, {counts['incidents']} incidents in {path}",
                err=True,
            )
            if summary.failed:
                raise typer.Exit(1)
            if not serve:
                store.close()
                return
            import uvicorn

            from marsad.api.app import create_app

            url = f"http://{host}:{port}/"
            typer.echo(f"demo: open {url} (API docs at {url}docs); Ctrl+C stops", err=True)
            if open_browser:
                webbrowser.open(url)
            uvicorn.run(create_app(store=store), host=host, port=port, log_level="warning")
            store.close()
