"""Sentences and clauses of normalised Arabic news text, as (start, end) offsets.

Casualty rows are read per sentence (a "بينهم" breakdown never crosses a full stop), event frames per
clause: "قتل 5 في قصف على دوما، فيما نزح المئات من حرستا" tells two things. Full stops inside numbers
("1.5") and agency initials ("ا.ف.ب") do not end a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from marsad.resources import load_yaml
from marsad.text.normalize import normalize_str
from marsad.text.patterns import compile_scanning, phrase_alternation, positions_of, spans_finder

# r"\n\s*\n|\n|[!?؟]+|\.(?!\d)" written to begin with the mark it consumes first, then what each mark
# may take after it: a pattern that opens with a character class is searched by the engine's fast
# class scan (2.5 times faster here than a look-ahead); the same matches (test_speed_paths)
_SENTENCE_END = re.compile(r"[\n!?؟.](?:(?<=\n)(?:\s*\n)?|(?<=[!?؟])[!?؟]*|(?<=\.)(?!\d))")


def _trim(t: str, s: int, e: int) -> tuple[int, int]:
    while s < e and t[s].isspace():
        s += 1
    while e > s and t[e - 1].isspace():
        e -= 1
    return s, e


def _sentence_ends(t: str) -> list[tuple[int, int]]:
    """The spans ``_SENTENCE_END.finditer(t)`` gives, from the marks' places found by ``str.find``
    (a C search per mark, where the regex engine tests every character against its class): a line
    break with the white space after it up to its last line break, a run of "!?؟", a full stop
    not before a digit (test_speed_paths)."""
    n = len(t)
    marks = positions_of(t, "\n!?؟.", 0, n)
    out: list[tuple[int, int]] = []
    until = 0  # where the last match ended: the search goes on from there
    for p in marks:
        if p < until:
            continue
        c = t[p]
        end = p + 1
        if c == "\n":
            k = p + 1
            while k < n and t[k].isspace():
                k += 1
                if t[k - 1] == "\n":
                    end = k
        elif c == ".":
            if end < n and t[end].isdecimal():
                continue
        else:
            while end < n and t[end] in "!?؟":
                end += 1
        out.append((p, end))
        until = end
    return out


def sentence_spans(t: str) -> list[tuple[int, int]]:
    """Sentences without their final mark; blank lines and headings are their own sentences."""
    out: list[tuple[int, int]] = []
    prev = 0
    for start, end in _sentence_ends(t):
        if end - start == 1 and t[start] == "." and _is_initial(t, start):
            continue
        s, e = _trim(t, prev, start)
        if e > s:
            out.append((s, e))
        prev = end
    s, e = _trim(t, prev, len(t))
    if e > s:
        out.append((s, e))
    return out


def _is_initial(t: str, dot: int) -> bool:
    """ "ا.ف.ب" or "د. رامي": a dot after a lone letter abbreviates, it does not end a sentence."""
    return dot >= 1 and t[dot - 1].isalpha() and (dot < 2 or not t[dot - 2].isalnum())


def _clause_source() -> str:
    """Where a clause ends: a comma or semicolon, or a linking word ("فيما", "في حين")."""
    data = load_yaml("segment.yaml")
    marks = "".join(re.escape(m) for m in data["clause_marks"])
    words = phrase_alternation(normalize_str(w) for w in data["clause_links"])
    return rf"[{marks}]|(?<!\w)(?:{words})(?!\w)"


@lru_cache(maxsize=1)
def _clause_pattern() -> re.Pattern[str]:
    """``_clause_source`` written, as ``_SENTENCE_END`` is, to open with the one character class
    of every first character it consumes (the regex engine's fast class scan; a look-ahead gets
    none), then, behind it, the rest of each mark or word that begins with that character. The
    words keep their order within each first character (only words sharing it can match at one
    place), so the same matches (test_speed_paths)."""
    data = load_yaml("segment.yaml")
    marks = list(data["clause_marks"])
    alternation = phrase_alternation(normalize_str(w) for w in data["clause_links"])
    if "\\|" in alternation:  # a word holding "|": not split here
        return compile_scanning(_clause_source())
    by_first: dict[str, list[str]] = {}
    for w in alternation.split("|"):  # escaped: a first character re.escape escapes is not a letter
        if not w[:1].isalpha():
            return compile_scanning(_clause_source())
        by_first.setdefault(w[0], []).append(w[1:])
    firsts = "".join(re.escape(c) for c in [*marks, *by_first])
    alts = [f"(?<=[{''.join(re.escape(m) for m in marks)}])"] if marks else []
    alts += [f"(?<={re.escape(c)})(?<!\\w.)(?:{'|'.join(rests)})(?!\\w)" for c, rests in by_first.items()]
    return re.compile(f"[{firsts}](?:{'|'.join(alts)})")


@lru_cache(maxsize=1)
def _break_source() -> str:
    alts = phrase_alternation(normalize_str(w) for w in load_yaml("segment.yaml")["sentence_breaks"])
    return rf"(?<!\w)(?:{alts})(?!\w)"


@lru_cache(maxsize=1)
def _break_pattern() -> re.Pattern[str]:
    return compile_scanning(_break_source())


@lru_cache(maxsize=1)
def _break_spans() -> Any:
    """``_break_pattern``'s spans, the pattern tried only where one of its words begins."""
    return spans_finder(_break_source(), 4)


@lru_cache(maxsize=1)
def _break_pieces() -> tuple[tuple[str, ...], ...]:
    """Each word that opens an event, as the runs without white space every match of it holds
    (the pattern matches a space as any white space, the rest as written)."""
    words = [normalize_str(w) for w in load_yaml("segment.yaml")["sentence_breaks"]]
    return tuple(dict.fromkeys(tuple(w.split()) for w in words))


def event_breaks(t: str) -> list[tuple[int, int]]:
    """Where the text opens another event ("ردا على ..."), read once for all its sentences; an
    article that holds every piece of none of the words (a third of them) is not read for them."""
    for pieces in _break_pieces():
        for piece in pieces:
            if t.find(piece) < 0:
                break
        else:
            return _break_spans()(t)
    return []


def sentence_parts(
    t: str, s: int, e: int, breaks: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """The sentence t[s:e] cut where it opens another event ("ردا على ..."); the words that open
    it belong to no part. ``breaks`` (from ``event_breaks``) saves reading the sentence again."""
    if breaks is None:
        breaks = [m.span() for m in _break_pattern().finditer(t, s, e)]
    inside = [(a, b) for a, b in breaks if s <= a and b <= e]
    if not inside:
        return [(s, e)]
    out: list[tuple[int, int]] = []
    prev = s
    for start, end in inside:
        a, b = _trim(t, prev, start)
        if b > a:
            out.append((a, b))
        prev = end
    a, b = _trim(t, prev, e)
    if b > a:
        out.append((a, b))
    return out or [(s, e)]


@lru_cache(maxsize=1)
def _clause_words() -> tuple[str, ...]:
    """A piece of each linking word that every match of it holds (its longest run without white
    space: the pattern matches the rest of the word as written, a space as any white space)."""
    words = [normalize_str(w) for w in load_yaml("segment.yaml")["clause_links"]]
    return tuple(dict.fromkeys(max(w.split(), key=len, default="") for w in words))


@lru_cache(maxsize=1)
def _clause_marks() -> tuple[str, ...]:
    """The characters the clause pattern's first alternative matches, one each (a class of the
    marks' characters)."""
    return tuple(dict.fromkeys("".join(load_yaml("segment.yaml")["clause_marks"])))


def clause_spans(t: str, s: int, e: int) -> list[tuple[int, int]]:
    """Clauses of the sentence t[s:e]; separators and linking words belong to no clause.

    A sentence holding no piece of a linking word (nearly all) is cut at its marks alone, found by
    ``str.find`` (what the pattern's first alternative matches): the whole pattern stops at every
    "و", "ف" and "ب" that may begin a word, and finds nothing more there (test_speed_paths)."""
    for w in _clause_words():
        if t.find(w, s, e) >= 0:
            return _clause_trim_all(t, s, e, _clause_pattern())
    cuts = positions_of(t, _clause_marks(), s, e)  # single characters: no two at one place
    out: list[tuple[int, int]] = []
    prev = s
    for at in cuts:
        a, b = _trim(t, prev, at)
        if b > a:
            out.append((a, b))
        prev = at + 1
    a, b = _trim(t, prev, e)
    if b > a:
        out.append((a, b))
    return out or [(s, e)]


def _clause_trim_all(t: str, s: int, e: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The clauses between the matches of ``pattern`` in t[s:e], trimmed."""
    out: list[tuple[int, int]] = []
    prev = s
    for m in pattern.finditer(t, s, e):
        a, b = _trim(t, prev, m.start())
        if b > a:
            out.append((a, b))
        prev = m.end()
    a, b = _trim(t, prev, e)
    if b > a:
        out.append((a, b))
    return out or [(s, e)]
