"""``marsad CMD`` builds the command line with CMD's module only: the same command as in the whole app."""

from __future__ import annotations

from typer.main import get_group
from typer.testing import CliRunner

from marsad.cli import COMMAND_MODULES, COMMANDS, build_app


def _names(app) -> set[str]:
    return set(get_group(app).commands)


def test_each_command_is_mapped_to_the_module_that_registers_it() -> None:
    whole = _names(build_app())
    assert whole == set(COMMANDS)
    for module in COMMAND_MODULES:
        assert _names(build_app((module,))) == {c for c, m in COMMANDS.items() if m == module}, module


def test_a_command_built_alone_helps_and_fails_as_in_the_whole_app() -> None:
    runner = CliRunner()
    whole = build_app()
    for command, module in COMMANDS.items():
        alone = build_app((module,))
        for args in ([command, "--help"], [command, "--no-such-option"]):
            a = runner.invoke(whole, args, prog_name="marsad", terminal_width=100)
            b = runner.invoke(alone, args, prog_name="marsad", terminal_width=100)
            assert (a.exit_code, a.output) == (b.exit_code, b.output), args
            assert command in a.output
