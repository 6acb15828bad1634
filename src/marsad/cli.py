"""The ``marsad`` command line: one Typer app, each command group in ``marsad.commands``."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import typer

HELP = "Arabic conflict news -> geo-referenced, source-attributed incident database."

# Each module has ``register(app)``; a module that is not there yet is skipped so the CLI works
# while parts of it are being built.
COMMAND_MODULES = ("extract", "evaluate", "gazetteer", "fuse", "store", "scale", "demo")

# The module that registers each top-level command (tests/test_cli.py keeps this in step).
# ``marsad extract ...`` needs only its own module: Typer reads the parameters of every registered
# command on each call, and importing and reading all of them is ~15 ms of a one-article run.
COMMANDS = {
    "extract": "extract",
    "evaluate": "evaluate",
    "gazetteer": "gazetteer",
    "fuse": "fuse",
    "verify": "fuse",
    "reference": "fuse",
    "ingest": "store",
    "export": "store",
    "serve": "store",
    "demo": "demo",
}


def _root() -> None:
    """Arabic conflict news -> geo-referenced, source-attributed incident database."""


def build_app(modules: Sequence[str] = COMMAND_MODULES) -> typer.Typer:
    """The command line with the commands of ``modules``."""
    app = typer.Typer(
        name="marsad", help=HELP, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False
    )
    app.callback()(_root)
    for name in modules:
        try:
            module = importlib.import_module(f"marsad.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"marsad.commands.{name}":
                continue
            raise
        module.register(app)
    return app


def __getattr__(name: str) -> typer.Typer:
    """``marsad.cli.app``: the whole command line, built on first use."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    app = globals()["app"] = build_app()
    return app


def main() -> None:
    command = COMMANDS.get(sys.argv[1]) if len(sys.argv) > 1 else None
    # a known command: only its module; anything else (--help, a typo ...) sees every command
    build_app((command,) if command else COMMAND_MODULES)()
