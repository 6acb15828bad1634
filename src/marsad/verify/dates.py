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


def parse_date_range(text: str) -> tuple[date, date] | None:
    """First and last day a date cell may mean; None when it says the date is unknown.

    Victim lists write unknown parts as zeros: "0000-00-00" is unknown, "2013-05-00" is some day of
    May 2013, "2013-00-00" some day of 2013. Anything else goes through ``parse_date``.
    """
    s = (text or "").strip()[:10]
    parts = s.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and "00" in (parts[1], parts[2][:2]):
        year, month = int(parts[0]), int(parts[1])
        if year == 0:
            return None
        if month == 0:
            return date(year, 1, 1), date(year, 12, 31)
        return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1) - date.resolution
    if not s.strip("0-/. "):
        return None
    day = parse_date(text)
    return day, day
