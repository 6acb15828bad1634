"""Progress and messages on stderr: a rich bar when stderr is a terminal, plain lines otherwise.

Messages (one line per bad input) are printed above the bar so they are never garbled by it and
stay readable in logs when the bar is off.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO


def _bar(stream: TextIO, total: int, done: int) -> tuple[Any, Any]:
    """A started rich progress bar and its task. rich is imported here: a run whose stderr is no
    terminal (scripts, logs, benchmarks) never shows a bar and need not pay for loading it."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} art/s" if speed else "- art/s")

    progress = Progress(
        TextColumn("extract"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TextColumn("{task.fields[errors]} errors"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream, highlight=False),
        transient=False,
    )
    progress.start()
    return progress, progress.add_task("extract", total=max(total, 1), completed=done, errors=0)


class Reporter:
    """Counts articles and errors; shows them as a bar (``show``) and prints messages."""

    def __init__(self, total: int, show: bool, stream: TextIO | None = None, done: int = 0) -> None:
        self.stream = stream or sys.stderr
        self.errors = 0
        self._progress: Any = None
        self._task: Any = None
        if show:
            self._progress, self._task = _bar(self.stream, total, done)

    def message(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=self.stream, flush=True)

    def advance(self, articles: int, errors: int = 0) -> None:
        self.errors += errors
        if self._progress is not None:
            self._progress.update(self._task, advance=articles, errors=self.errors)

    def set_total(self, total: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, total=max(total, 1))

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
