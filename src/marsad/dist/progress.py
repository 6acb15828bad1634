"""Progress and messages on stderr: a rich bar when stderr is a terminal, plain lines otherwise.

Messages (one line per bad input) are printed above the bar so they are never garbled by it and
stay readable in logs when the bar is off.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

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


class _RateColumn(ProgressColumn):
    def render(self, task: Any) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} art/s" if speed else "- art/s")


class Reporter:
    """Counts articles and errors; shows them as a bar (``show``) and prints messages."""

    def __init__(self, total: int, show: bool, stream: TextIO | None = None, done: int = 0) -> None:
        self.stream = stream or sys.stderr
        self.errors = 0
        self._progress: Progress | None = None
        self._task: Any = None
        if show:
            console = Console(file=self.stream, highlight=False)
            self._progress = Progress(
                TextColumn("extract"),
                BarColumn(),
                MofNCompleteColumn(),
                _RateColumn(),
                TextColumn("{task.fields[errors]} errors"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("extract", total=max(total, 1), completed=done, errors=0)

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
