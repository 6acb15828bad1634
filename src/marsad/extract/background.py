"""Background: the parts of an article that speak of the war as a whole or of years long past.

A figure in "أودى النزاع بحياة أكثر من 350 ألف شخص منذ 2011" is a war-wide total, and "معركة حطين
عام 1187" is history: such clauses give no incident. Cues are regular expressions in
``data/background.yaml``; dates more than a year before publication are found by the date finder.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from marsad.models import DateRef
from marsad.resources import load_yaml
from marsad.text.patterns import compile_scanning

BACKGROUND_DAYS = 365


class BackgroundFinder:
    def __init__(self) -> None:
        cues = load_yaml("background.yaml")["cues"]
        pattern = "|".join(f"(?:{c})" for c in cues)
        try:
            # the standard engine scans these cues about twice as fast, with the same matches, and
            # faster still when told which characters a cue may begin with
            self._pattern: Any = compile_scanning(pattern)
        except re.error:  # a cue written with the regex module's own syntax
            import regex

            self._pattern = regex.compile(pattern)

    def spans(self, t: str) -> list[tuple[int, int]]:
        """(start, end) of every background cue in normalised text."""
        return [m.span() for m in self._pattern.finditer(t)]


def is_background_date(d: DateRef, published: str | None) -> bool:
    """ "كانت تحت سيطرة الفصائل منذ العام 2012": a date more than a year before the article is
    history, not the day of the incident being reported."""
    if not published or not d.start:
        return False
    try:
        age = (dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(d.start[:10])).days
    except ValueError:
        return False
    return age > BACKGROUND_DAYS
