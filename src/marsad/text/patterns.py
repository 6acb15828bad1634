"""Regular expressions made cheaper to scan, with the same matches.

``re`` tries an alternation of many cues at every position of a text. When every match must begin
with one of a few characters, a look-ahead for them lets the engine leave all other positions at
once; the first characters are read off the parsed pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

try:  # the parser behind re.compile (private; without it patterns are used as written)
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _P  # type: ignore[attr-defined]
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


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases written as in normalised text: the longest first (so a phrase
    is not cut short by one it begins with), a space matching any run of white space."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def compile_scanning(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)`` that finds the same matches, with a look-ahead for the characters
    every match begins with when there are such."""
    first = first_chars(pattern)
    if first is None:
        return re.compile(pattern)
    return re.compile(f"(?=[{''.join(re.escape(c) for c in first)}])(?:{pattern})")


# -- candidates by their first characters ---------------------------------------------------------
# (the string a match may begin with, whether the pattern's element that gave its last character
# was read to its end, so that the next element may add to it)
_Start = tuple[str, bool]
_MAX_STARTS = 400  # more distinct beginnings than this: not worth an automaton
# A placeholder character of a pattern's skeleton: the phrases it stands for (see ``first_strings``)
Places = tuple[tuple[str, tuple[str, ...]], ...]
_NO_PLACES: dict[int, frozenset[_Start]] = {}


@lru_cache(maxsize=256)
def _place_starts(phrases: tuple[str, ...], k: int) -> frozenset[_Start]:
    """What ``_starts_of_item`` reads off an alternation of ``phrases`` (single spaces, each matching
    white space, which ends a beginning), without parsing it."""
    if not phrases:
        return frozenset({("", True)})  # "(?:)" matches the empty string
    out: set[_Start] = set()
    for phrase in phrases:
        head, space, _ = phrase.partition(" ")
        out.add((head[:k], False) if len(head) >= k else (head, not space))
    return frozenset(out)


def _starts_of_sequence(
    items: list[tuple[Any, Any]], k: int, digits: str = "", places: dict[int, frozenset[_Start]] = _NO_PLACES
) -> set[_Start] | None:
    """The first ``k`` characters (or fewer, where they cannot be told) of every match of a sequence."""
    cur: set[_Start] = {("", True)}
    for op, av in items:
        if all(not whole or len(s) >= k for s, whole in cur):
            break
        alts = _starts_of_item(op, av, k, digits, places)
        if alts is None:
            return None
        nxt: set[_Start] = set()
        for s, whole in cur:
            if not whole or len(s) >= k:
                nxt.add((s[:k], False))
                continue
            for t, t_whole in alts:
                u = s + t
                nxt.add((u[:k], False) if len(u) >= k else (u, t_whole))
        if len(nxt) > _MAX_STARTS:
            return None
        cur = nxt
    return cur


def _starts_of_item(
    op: Any, av: Any, k: int, digits: str = "", places: dict[int, frozenset[_Start]] = _NO_PLACES
) -> set[_Start] | None:
    if op is _C.LITERAL:
        return set(places[av]) if av in places else {(chr(av), True)}
    if op is _C.IN:
        chars: set[str] = set()
        placed: set[_Start] = set()  # placeholders the parser made a class of ("(?:P|Q)")
        for kind, arg in av:
            if kind is _C.LITERAL and arg in places:
                placed |= places[arg]
            elif kind is _C.LITERAL:
                chars.add(chr(arg))
            elif kind is _C.RANGE and arg[1] - arg[0] <= 16:
                chars |= {chr(c) for c in range(arg[0], arg[1] + 1)}
            elif digits and kind is _C.CATEGORY and arg is _C.CATEGORY_DIGIT:
                chars |= set(digits)  # \d read as ``digits`` only
            else:
                return {("", False)}  # \s, a negated class ...: the beginning stops here
        return {(c, True) for c in chars} | placed
    if op is _C.BRANCH:
        out: set[_Start] = set()
        for branch in av[1]:
            found = _starts_of_sequence(list(branch), k, digits, places)
            if found is None:
                return None
            out |= found
        return out
    if op is _C.SUBPATTERN:
        return _starts_of_sequence(list(av[-1]), k, digits, places)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        low, high, sub = av
        found = _starts_of_sequence(list(sub), k, digits, places)
        if found is None:
            return None
        if high != 1:
            found = {(s, False) for s, _ in found}  # a second round may follow: stop after the first
        return found | ({("", True)} if low == 0 else set())
    if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
        return {("", True)}  # looks, consumes nothing
    return {("", False)}  # ., \S, back references ...: the beginning stops here


@lru_cache(maxsize=64)
def _parsed(pattern: str) -> Any:
    """The parsed pattern (read, never changed): a pattern's first strings are asked for at
    several lengths, and parsing a date pattern takes half a millisecond."""
    return _P.parse(pattern)


def first_strings(pattern: str, k: int = 3, digits: str = "", places: Places = ()) -> frozenset[str] | None:
    """Strings (of up to ``k`` characters) one of which every match of ``pattern`` begins with, or
    None when that cannot be said (a match may begin anywhere, or be empty). With ``digits``
    ("0123456789"), ``\\d`` is read as those characters only: a string without any of them is
    the beginning of the matches whose first ``k`` characters hold no digit, whatever the text.

    ``places``: ``pattern`` is a skeleton in which each of these characters stands for an
    alternation of its phrases (normalised, single spaces; a space matching white space), as
    ``phrase_alternation`` writes them: parsing a large alternation takes milliseconds, reading
    its phrases' first characters far less. The strings are those of the full pattern."""
    if _P is None:
        return None
    try:
        parsed = _parsed(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        table = (
            {ord(c): _place_starts(phrases, k) for c, phrases in places if c in pattern}
            if places
            else _NO_PLACES
        )
        found = _starts_of_sequence(list(parsed), k, digits, table)
    except Exception:  # a syntax the parser reads differently: no shortcut
        return None
    if found is None or any(not s for s, _ in found):
        return None
    return frozenset(s for s, _ in found)


def positions_of(text: str, needles: Iterable[str], start: int, stop: int) -> list[int]:
    """Where any of ``needles`` begins in ``text[start:stop]``, in order (overlaps too), each found
    by ``str.find``: a C search per needle, faster than a regex class scan over every character."""
    out: list[int] = []
    for needle in needles:
        at = text.find(needle, start, stop)
        while at >= 0:
            out.append(at)
            at = text.find(needle, at + 1, stop)
    out.sort()
    return out


def matches_from(
    pattern: re.Pattern[str], text: str, positions: list[int], start: int, stop: int
) -> list[re.Match[str]]:
    """What ``pattern.finditer(text, start, stop)`` finds, given (sorted) every position a match may
    begin at: the pattern is tried there only, in order, from where the last match ended."""
    out: list[re.Match[str]] = []
    match = pattern.match
    after = start
    for pos in positions:
        if pos < after:
            continue
        m = match(text, pos, stop)
        if m is not None:
            out.append(m)
            after = m.end()
    return out


class PrefixScanner:
    """``finditer`` spans of a pattern whose every match begins with one of a few strings: one
    automaton pass finds where those strings are, and the pattern is tried only there, in order,
    from where the last match ended, as ``finditer`` tries it at every position."""

    def __init__(self, pattern: str, starts: frozenset[str]) -> None:
        import ahocorasick

        self.pattern = re.compile(pattern)
        self._single = next(iter(starts)) if len(starts) == 1 else None  # found by str.find
        self._auto = ahocorasick.Automaton()
        for s in starts:
            self._auto.add_word(s, len(s))
        self._auto.make_automaton()

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        stop = len(text) if end is None else end
        if stop <= start:
            return []
        single = self._single
        if single is not None:
            candidates = positions_of(text, (single,), start, stop)
        else:
            candidates = sorted({last + 1 - n for last, n in self._auto.iter(text, start, stop)})
        return [m.span() for m in matches_from(self.pattern, text, candidates, start, stop)]


StartGroups = tuple[tuple[str, tuple[tuple[int, frozenset[str]], ...]], ...]


def grouped_starts(starts: frozenset[str]) -> StartGroups:
    """``starts`` grouped by their first two characters (one for a string of one), and within a
    group by length, for ``any_start_within``."""
    groups: dict[str, dict[int, set[str]]] = {}
    for s in sorted(starts):
        groups.setdefault(s[:2], {}).setdefault(len(s), set()).add(s)
    return tuple(
        (head, tuple((n, frozenset(members)) for n, members in sorted(by_length.items())))
        for head, by_length in groups.items()
    )


def any_start_within(text: str, start: int, stop: int, groups: StartGroups) -> bool:
    """Whether one of the grouped strings lies wholly within ``text[start:stop]``: what a
    ``PrefixScanner`` of those strings needs to find anything there. A ``str.find`` of each
    group's first characters, and a look-up of the slice of each length where one is, instead of
    an automaton's walk with the call through the Python protocol it takes (test_speed_paths)."""
    for head, by_length in groups:
        j = text.find(head, start, stop)
        while j >= 0:
            for n, members in by_length:
                if j + n <= stop and text[j : j + n] in members:
                    return True
            j = text.find(head, j + 1, stop)
    return False


def spans_finder(pattern: str, k: int = 3) -> Any:
    """A function ``(text, start=0, end=None) -> spans`` answering ``finditer``: by a
    ``PrefixScanner`` when the matches' beginnings can be told, else by the scanning pattern."""
    starts = first_strings(pattern, k)
    if starts is not None:
        return PrefixScanner(pattern, starts).spans
    compiled = compile_scanning(pattern)

    def spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        return [m.span() for m in compiled.finditer(text, start, len(text) if end is None else end)]

    return spans
