"""Regular expressions made cheaper to scan, with the same matches.

``re`` tries an alternation of many cues at every position of a text. When every match must begin
with one of a few characters, a look-ahead for them lets the engine leave all other positions at
once; the first characters are read off the parsed pattern.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser behind re.compile (private; without it patterns are used as written)
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - another Python
    _P = _C = None

_MAX_RANGE = 256  # a character class wider than this says nothing useful


def _first_of_sequence(items: list[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    """(characters a match of the sequence may begin with, whether it may be empty), or None."""
    out: set[str] = set()
    for op, av in items:
        found = _first_of_item(op, av)
        if found is None:
            return None
        chars, empty = found
        out |= chars
        if not empty:
            return out, False
    return out, True


def _first_of_item(op: Any, av: Any) -> tuple[set[str], bool] | None:
    if op is _C.LITERAL:
        return {chr(av)}, False
    if op is _C.IN:
        chars: set[str] = set()
        for kind, arg in av:
            if kind is _C.LITERAL:
                chars.add(chr(arg))
            elif kind is _C.RANGE and arg[1] - arg[0] <= _MAX_RANGE:
                chars |= {chr(c) for c in range(arg[0], arg[1] + 1)}
            else:
                return None  # a negated class, \s, \w ...
        return chars, False
    if op is _C.BRANCH:
        chars, empty = set(), False
        for branch in av[1]:
            found = _first_of_sequence(list(branch))
            if found is None:
                return None
            chars |= found[0]
            empty = empty or found[1]
        return chars, empty
    if op is _C.SUBPATTERN:
        return _first_of_sequence(list(av[-1]))
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        low, _, sub = av
        found = _first_of_sequence(list(sub))
        return None if found is None else (found[0], found[1] or low == 0)
    if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
        return set(), True  # looks, consumes nothing
    return None  # ., \S, back references ...: any character may come first


def first_chars(pattern: str) -> str | None:
    """The characters every match of ``pattern`` begins with, or None when that cannot be said
    (any character may begin one, or a match may be empty)."""
    if _P is None:
        return None
    try:
        found = _first_of_sequence(list(_P.parse(pattern)))
    except Exception:  # a syntax the parser reads differently: no shortcut
        return None
    if found is None or found[1] or not found[0]:
        return None
    return "".join(sorted(found[0]))


def compile_scanning(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)`` that finds the same matches, with a look-ahead for the characters
    every match begins with when there are such."""
    first = first_chars(pattern)
    if first is None:
        return re.compile(pattern)
    return re.compile(f"(?=[{''.join(re.escape(c) for c in first)}])(?:{pattern})")
