"""Dates as reference datasets write them: ISO, "08 December 2016", day-first "08/12/2016"."""

from __future__ import annotations

from datetime import date, datetime

# Day-first before month-first: ACLED and VDC exports are day-first; ISO is unambiguous.
_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%B-%Y",
    "%d-%b-%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y%m%d",
)


def parse_date(text: str) -> date:
    """Parse one date; raises ValueError naming the text when no known format fits."""
    s = " ".join((text or "").strip().split())
    if not s:
        raise ValueError("empty date")
    if "T" in s[:11] or " " in s[10:11]:
        head = s[:10]
        try:
            return date.fromisoformat(head)
        except ValueError:
            pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unrecognised date {text!r}")
