"""The ``marsad`` command line: one Typer app, each command group in ``marsad.commands``."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="marsad",
    help="Arabic conflict news -> geo-referenced, source-attributed incident database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module has ``register(app)``; a module that is not there yet is skipped so the CLI works
# while parts of it are being built.
COMMAND_MODULES = ("extract", "evaluate", "gazetteer", "fuse", "store", "scale", "demo")


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"marsad.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"marsad.commands.{name}":
                continue
            raise
        module.register(app)


@app.callback()
def _root() -> None:
    """Arabic conflict news -> geo-referenced, source-attributed incident database."""


_register_all()


def main() -> None:
    app()
