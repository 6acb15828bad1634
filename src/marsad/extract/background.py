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
from marsad.text.patterns import spans_finder

BACKGROUND_DAYS = 365


class BackgroundFinder:
    def __init__(self) -> None:
        cues = load_yaml("background.yaml")["cues"]
        pattern = "|".join(f"(?:{c})" for c in cues)
        try:
            # the standard engine scans these cues about twice as fast, with the same matches, and
            # faster still when tried only where a cue's first characters are (a cue begins with
            # one of some thirty strings: "منذ", "خلال", "النز" ...)
            self._spans: Any = spans_finder(pattern, 4)
        except re.error:  # a cue written with the regex module's own syntax
            import regex

            compiled = regex.compile(pattern)
            self._spans = lambda t: [m.span() for m in compiled.finditer(t)]

    def spans(self, t: str) -> list[tuple[int, int]]:
        """(start, end) of every background cue in normalised text."""
        return self._spans(t)


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
