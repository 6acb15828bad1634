"""Find date expressions in Arabic news text and resolve them against the publication date.

News copy rarely gives full dates: it says "أمس", "فجر الأحد", "منذ منتصف نوفمبر". Those only mean a
calendar day relative to when the article was published, so every match is resolved against
``published``; without it relative expressions stay ``precision="unknown"`` instead of being guessed.
Vocabulary (months of both calendars, weekdays, relative words) lives in ``data/dates.yaml``; this
module compiles it once into regular expressions that run on normalised text (``NormText``), and
reports spans in original offsets.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, cast

import ahocorasick

from marsad.models import DateRef
from marsad.resources import load_yaml
from marsad.text.normalize import NormText, normalize, normalize_str
from marsad.text.patterns import Places, first_strings, matches_from

# Attached "و"/"ف", and "ب"/"ل" before the article ("بالأمس"), are allowed but left out of the span.
_PRO = r"(?<!\w)(?:[وف]?[بل](?=ال)|[وف](?=\w))?"
_END = r"(?!\w)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART_RANGES = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_SINCE_DAY = {"early": 1, "mid": 15, "late": 21, None: 1}

_CLITICS = re.compile(r"[وف]?[بل]?")
# A run of four is a year (a look-behind at every position costs more). Written to open with the class
# itself, which the regex engine searches for; "\d+" it tries at every position (40 % slower).
_DIGIT_RUN = re.compile(r"\d\d*")
_ASCII_DIGITS = "0123456789"
# Needs read off a window's runs of digits instead of searched for (``DateFinder._digit_needs``):
_SEP = 1  # r"\d[-/.]\d": a run ends right before "-", "/" or "." and the next begins right after it
_YEAR_IN = 2  # _YEAR: a run of four or more digits holds a year
_DAY = 4  # r"\d|ordinal words": a run, or (none in the window) an ordinal word
_MARGIN = 48  # longer than any date expression, so a match never crosses a window edge
Handler = Callable[[re.Match[str], date | None], DateRef | None]


@lru_cache(maxsize=4096)
def _key(s: str) -> str:
    """Lookup key of a phrase: normalised, single spaces (cached: handlers ask for the same few
    words, "الخميس", "الماضي", again and again)."""
    return " ".join(normalize_str(s).split())


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of phrases, longest first; inner spaces match any whitespace.

    The phrases are grouped by their first letter, in order within a group ("ا(?:يار|ب)|ن(?:يسان)"):
    only the group of the letter in the text can match there, tried as the plain alternation tries
    those phrases, so the matches are the same; the engine tests one letter per group instead of
    one per phrase at every word start of a window."""
    keys = sorted({_key(w) for w in words if str(w).strip()}, key=len, reverse=True)
    if not all(keys):
        return _plain_alt(words)  # an empty phrase (a word of marks only) has no first letter
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(k[0], []).append(
            r"\s+".join(re.escape(p) for p in k.split(" "))[len(re.escape(k[0])) :]
        )
    return (
        "(?:"
        + "|".join(
            re.escape(c) + (rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")")
            for c, rest in groups.items()
        )
        + ")"
    )


def _plain_alt(words: Iterable[str]) -> str:
    """``_alt`` without the grouping: what it must match the same as (tests)."""
    keys = sorted({_key(w) for w in words if str(w).strip()}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in k.split(" ")) for k in keys) + ")"


# What a pattern cannot match without: a regex that must occur in the window, or words one of which must.
_Need = re.Pattern[str] | frozenset[str]


def _first_words(phrases: Iterable[str]) -> frozenset[str]:
    """The first word of each phrase: a match of the phrase holds it as written (normalised)."""
    return frozenset(_key(p).split()[0] for p in phrases if _key(p))


class _Run:
    """A date pattern, its handler, and what it cannot match without: the bits of the word sets one
    of whose words must be in the window, and the regexes that must match there."""

    def __init__(
        self,
        pattern: re.Pattern[str],
        handler: Handler,
        words: int,
        regexes: list[re.Pattern[str]],
        starts: int = 0,
        digit_back: int = -1,
        digit_needs: int = 0,
        other: list[re.Pattern[str]] | None = None,
    ) -> None:
        self.pattern = pattern
        self.handler = handler
        self.words = words
        self.regexes = regexes
        # the regexes, as ``find`` tests them: those read off the window's runs of digits (bits
        # _SEP, _YEAR_IN, _DAY below), and the others, searched in the window
        self.digit_needs = digit_needs
        self.other = regexes if other is None else other
        # the bit of its first strings in DateFinder._starts (0: they cannot be told, e.g. a digit
        # may begin a match; the pattern scans its windows with finditer)
        self.starts = starts
        # >= 0: its first strings leave out those holding a digit; a match beginning with one
        # begins at most this many characters before a run of digits (see DateFinder.__init__)
        self.digit_back = digit_back


def _placeholders() -> tuple[Callable[[Iterable[str]], str], list[tuple[str, tuple[str, ...]]]]:
    """An ``alt`` for ``DateFinder._sources`` that writes each list of phrases as one private-use
    character, and the list it fills with (that character, the phrases as ``_alt`` reads them):
    the patterns' skeletons and their ``places`` for ``first_strings``."""
    table: list[tuple[str, tuple[str, ...]]] = []

    def alt(words: Iterable[str]) -> str:
        c = chr(0xE000 + len(table))
        table.append((c, tuple(sorted({_key(w) for w in words if str(w).strip()}))))
        return c

    return alt, table


@lru_cache(maxsize=64)
def _pattern_starts(pattern: str, places: Places = ()) -> tuple[frozenset[str] | None, int]:
    """The first strings a date pattern is tried at (None: it scans with finditer), and how far
    before a run of digits a match may begin (-1: no digit is read as the strings leave out).
    ``pattern`` may be a skeleton with ``places`` (see ``first_strings``). Cached: the shared
    ``default_finder`` has the same patterns."""
    found: frozenset[str] | None = None
    # the first character first: where it cannot be told, no longer string can
    if first_strings(pattern, 1, "", places) is not None:
        for size in (4, 3, 2):
            found = first_strings(pattern, size, "", places)
            if found is not None:
                return found, -1
    if not pattern.startswith(r"(?<!\w)"):
        return None, -1
    # A digit may begin a match ("12 آذار", "و12 آذار"). Read \d as 0-9: the strings without a
    # digit begin the matches whose first characters hold none; a match whose first characters hold
    # one has its first digit at an index j of at most the largest such index in the strings, and
    # that digit begins a run of digits (the character before it is no digit: an earlier one of the
    # match, or, at j = 0, the look-behind's non-word). So it begins j characters before a run.
    with_digits = _digit_first_strings(pattern, places)
    if with_digits is None:
        return None, -1
    firsts = [_first_digit(s) for s in with_digits]
    return frozenset(s for s, j in zip(with_digits, firsts, strict=True) if j < 0), max(firsts)


def _digit_first_strings(pattern: str, places: Places = ()) -> frozenset[str] | None:
    """``first_strings`` of ``pattern`` with \\d read as 0-9, the longest that can be told."""
    for size in (4, 3, 2):
        found = first_strings(pattern, size, _ASCII_DIGITS, places)
        if found is not None:
            return found
    return None


def _first_digit(s: str) -> int:
    """Index of the first of 0-9 in ``s``, or -1."""
    for k, ch in enumerate(s):
        if "0" <= ch <= "9":
            return k
    return -1


def _digit_runs(text: str) -> list[tuple[int, int]]:
    """The spans of the runs of digits (``\\d``) in ``text``, in order."""
    return [m.span() for m in _DIGIT_RUN.finditer(text)]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _whole_word(text: str, s: int, e: int) -> bool:
    """``text[s:e]`` is a word, or a word after one of the clitics "و/ف/ب/ل", not inside a longer word."""
    if e < len(text) and _is_word(text[e]):
        return False
    j = s
    while j > 0 and _is_word(text[j - 1]) and s - j <= 2:
        j -= 1
    return not (j < s and ((j > 0 and _is_word(text[j - 1])) or not _CLITICS.fullmatch(text, j, s)))


def _is_mark(ch: str) -> bool:
    return ch == "\u0640" or unicodedata.category(ch) == "Mn"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _month_end(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _to_date(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _infer_year(month: int, day: int, pub: date) -> int:
    """Latest year in which (month, day) is not after the publication date."""
    return pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1


def _on_or_before(pub: date, wd: int) -> date:
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


class DateFinder:
    """Compiled date patterns; build once, then ``find`` on any number of texts."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data or load_yaml("dates.yaml")
        self._month: dict[str, int] = {}
        self._strict: set[str] = set()
        for num, entry in data["months"].items():
            for name in entry.get("names", []):
                self._month[_key(name)] = int(num)
            for name in entry.get("strict", []):
                self._month[_key(name)] = int(num)
                self._strict.add(_key(name))
        self._weekday = {_key(n): int(wd) for wd, names in data["weekdays"].items() for n in names}
        self._rel_day = {_key(w): int(off) for off, ws in data["relative_days"].items() for w in ws}
        self._numbers = {_key(w): int(n) for n, ws in data["number_words"].items() for w in ws}
        self._ordinals = {_key(w): int(n) for n, ws in data["ordinal_days"].items() for w in ws}
        self._weeks = {_key(w): int(n) for n, ws in data["week_words"].items() for w in ws}
        self._unit = {_key(w): u for u, ws in data["units"].items() for w in ws}
        self._unit_rel = {_key(w): int(off) for off, ws in data["unit_relations"].items() for w in ws}
        self._period = {_key(w): p for p, ws in data["period_parts"].items() for w in ws}
        self._since = {_key(w) for w in data["since_words"]}
        self._wd_block = {_key(w) for w in data["weekday_blockers"]}
        self._wd_ambiguous = {
            _key(name): ({_key(w) for w in v.get("before", [])}, {_key(w) for w in v.get("after", [])})
            for name, v in (data.get("weekday_ambiguous") or {}).items()
        }
        self._today_block = {_key(w) for w in data["today_blockers"]}
        self._past = {_key(w) for w in data["weekday_past"]}
        self._next = {_key(w) for w in data["weekday_next"]}
        self._month_first = re.compile(_alt(self._month))
        self._season = {_key(n): tuple(v["months"]) for v in data["seasons"].values() for n in v["names"]}

        wd = _alt(self._weekday)
        ords = _alt(self._ordinals)
        phrases = [
            *self._month,
            *self._weekday,
            *self._rel_day,
            *self._unit,
            *self._season,
            *self._weeks,
            *(_key(w) for w in data["few_days"]),
            *(_key(w) for w in data["day_words"]),
            *(_key(w) for w in data["year_words"]),
            *(_key(w) for w in data["last_n"]["days"] + data["last_n"]["hours"] + data["last_n"]["two_days"]),
            "يومين",
        ]
        stop = {_key(w) for w in data["anchor_stopwords"]}
        anchors = {t for p in phrases for t in p.split() if t not in stop}
        self._anchor_ac = ahocorasick.Automaton()
        for token in anchors:
            self._anchor_ac.add_word(token, len(token))
        self._anchor_ac.make_automaton()
        self._statement_cues = {_key(w) for w in data.get("statement_cues") or []}
        self._not_event_before = {_key(w) for w in data.get("not_event_before") or []}
        self._relative_not_before = {_key(w) for w in data.get("relative_not_before") or []}
        self._pair_re = re.compile(
            rf"(?:{_alt(data['day_parts'])}\s+)?{wd}\s*(?:(?:-|–|—|/|و|الى|على)\s*)?{wd}"
            rf"(?:\s+{_alt(list(self._past) + list(self._next))})?"
        )
        self._patterns: list[tuple[re.Pattern[str], Handler]] = [
            (re.compile(source), handler) for source, handler in self._sources(data, _alt)
        ]
        # the Arabic day-and-month pattern (the first of _day_month's) and the last-n-days one
        self._day_month_re = next(p for p, h in self._patterns if h == self._day_month)
        self._last_n_re = next(p for p, h in self._patterns if h == self._last_n)
        self._fixed_ranges = (self._pair_re, self._last_n_re, self._day_month_re)
        # What each pattern cannot match without, tested first with a cheap scan of the window: a digit
        # between separators (numeric dates), a month, a year, a unit, a weekday, a relative day, a
        # word of each "few days" phrase, "الماضية"..., "الشهر", "منذ"/"قبل". Most windows lack most of
        # them, and their pattern is not run there.
        digit_sep = re.compile(r"\d[-/.]\d")
        year = re.compile(_YEAR)
        self._year_re = year
        day = re.compile(rf"\d|{ords}")
        self._day_re = day
        month = _first_words(self._month)
        self._needs: list[tuple[_Need, ...]] = [
            (digit_sep,),
            (digit_sep,),
            (digit_sep,),
            (month, day),
            (month, year),
            (month,),
            (year,),
            (_first_words(self._unit),),
            (_first_words(self._weekday),),
            (_first_words(self._rel_day),),
            (frozenset(max(_key(w).split(), key=len) for w in data["few_days"] if _key(w)),),
            (_first_words(data["last_n"]["past"]),),
            (frozenset({"الشهر"}),),
            (_first_words(data["ago_words"]),),
        ]
        assert len(self._needs) == len(self._patterns)
        # the word sets read in one pass over a window: each word set is a bit, each word -> the bits
        # of the sets holding it
        word_sets = [n for needs in self._needs for n in needs if isinstance(n, frozenset)]
        bit = {id(n): 1 << k for k, n in enumerate(word_sets)}
        holders: dict[str, int] = {}
        for need in word_sets:
            for word in need:
                holders[word] = holders.get(word, 0) | bit[id(need)]
        self._need_words = ahocorasick.Automaton()
        for word, bits in holders.items():
            self._need_words.add_word(word, bits)
        self._need_words.make_automaton()
        # anchors and need words in one automaton, read once over the whole article: the windows
        # come from the anchors, each window's needs from the need words inside it
        self._scan = ahocorasick.Automaton()
        for word in anchors | set(holders):
            self._scan.add_word(word, (len(word), word in anchors, holders.get(word, 0)))
        self._scan.make_automaton()
        # each pattern with its needs as tested: the bits of its word sets, its regexes
        from_digits = {id(digit_sep): _SEP, id(year): _YEAR_IN, id(day): _DAY}
        self._runs: list[_Run] = []
        for (pattern, handler), needs in zip(self._patterns, self._needs, strict=True):
            mask = 0
            digit_needs = 0
            regexes: list[re.Pattern[str]] = []
            other: list[re.Pattern[str]] = []
            for n in needs:
                if isinstance(n, frozenset):
                    mask |= bit[id(n)]
                else:
                    regexes.append(n)
                    if id(n) in from_digits:
                        digit_needs |= from_digits[id(n)]
                    else:
                        other.append(n)
            self._runs.append(_Run(pattern, handler, mask, regexes, digit_needs=digit_needs, other=other))
        # Where a match may begin. A pattern opening with a look-behind ("(?<!\w)") is tried by
        # finditer at every position of a window, and at every word start its alternatives; but
        # every match of most patterns begins with one of a few strings ("الخ", "امس", "بال" ...,
        # read off the parsed pattern). One automaton holds them all, each string with the bits of
        # the patterns it may begin; a window is read once for those it runs, and each is tried
        # (``match``) only where one of its strings is, in order, from where its last match ended:
        # what finditer finds (``_scanned``).
        # They are read off the patterns' skeletons, each list of phrases one placeholder: parsing the
        # patterns themselves (re.compile parses them too) took half of building a finder.
        alt, places = _placeholders()
        skeletons = [source for source, _ in self._sources(data, alt)]
        self._run_starts: list[tuple[frozenset[str] | None, int]] = []
        starts: dict[str, int] = {}
        for k, run in enumerate(self._runs):
            found, run.digit_back = _pattern_starts(skeletons[k], tuple(places))
            self._run_starts.append((found, run.digit_back))
            if found is None:
                continue
            run.starts = 1 << k
            for start in found:
                starts[start] = starts.get(start, 0) | run.starts
        self._starts = ahocorasick.Automaton()
        for start, bits in starts.items():
            self._starts.add_word(start, (len(start), bits))
        if starts:
            self._starts.make_automaton()

    def _sources(
        self, data: dict[str, Any], alt: Callable[[Iterable[str]], str]
    ) -> list[tuple[str, Handler]]:
        """The date patterns of ``_patterns`` with their handlers, in order, each list of phrases in
        them written by ``alt``: ``_alt`` for the patterns run; a placeholder (``_placeholders``)
        for reading where their matches may begin without parsing the phrases."""
        mon = alt(self._month)
        monx = rf"(?:{mon})(?:(?:\s*[/(،,-]\s*|\s+)(?:{mon})\s*\)?)?"
        wd = alt(self._weekday)
        part = alt(data["day_parts"])
        yw = alt(data["year_words"])
        per = alt(self._period)
        dirs = alt(list(self._past) + list(self._next))
        season = alt(self._season)
        this = alt(data["unit_this_before"])
        rels = alt(self._unit_rel)
        ords = alt(self._ordinals)
        since = alt(data["since_words"])
        return [
            (
                r"(?<![\d/.-])(?P<x>(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
                r"(?:[t ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?)?)(?!\d)",
                self._numeric,
            ),
            (
                r"(?<![\d/.-])(?P<x>(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2}))(?![\d/.])",
                self._numeric,
            ),
            (
                r"(?<![\d/.-])(?P<x>(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}))(?![\d/.-])",
                self._numeric,
            ),
            (
                rf"{_PRO}(?P<x>(?:{part}\s+)?(?:{wd}\s*[،,]?\s*)?(?:يوم\s+)?"
                rf"(?:(?P<d0>\d{{1,2}}|{ords})\s*(?:و|-|–)\s*)?(?P<d>\d{{1,2}}|{ords})\s*(?:من\s+)?(?:شهر\s+)?"
                rf"(?P<m>{monx})(?:\s*[،,]?\s*(?:{yw}\s+)?(?P<y>{_YEAR}))?){_END}",
                self._day_month,
            ),
            (
                rf"(?<!\w)(?P<x>(?P<m>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>{_YEAR})){_END}",
                self._day_month,
            ),
            (
                rf"{_PRO}(?P<x>(?:(?P<pre>{alt(data['month_preps'])})\s+)?(?:(?P<per>{per})\s+)?(?P<shahr>شهر\s+)?"
                rf"(?P<m>{monx})(?:\s*[،,]?\s*(?:{yw}\s+)?(?P<y>{_YEAR}))?){_END}",
                self._month_expr,
            ),
            (
                rf"{_PRO}(?P<x>(?:(?P<pre>{since})\s+)?(?:(?P<per>{per})\s+)?"
                rf"(?:(?P<season>{season})\s+)?(?P<yw>{yw}\s+)?(?P<y>{_YEAR})){_END}",
                self._year_expr,
            ),
            (
                rf"{_PRO}(?P<x>(?:(?P<pre>{since})\s+)?(?:(?P<per>{per})\s+)?"
                rf"(?:(?P<season>{season})\s+)?(?:(?P<this>{this})\s+)?(?P<u>{alt(self._unit)})"
                rf"(?:\s+(?P<rel>{rels}))?){_END}",
                self._unit_expr,
            ),
            (
                rf"{_PRO}(?P<x>(?:(?P<part>{part})\s+)?(?P<wd>{wd})"
                rf"(?:\s*(?:(?:-|–|—|/|و|الى|على)\s*)?(?P<wd2>{wd}))?(?:\s+(?P<dir>{dirs}))?){_END}",
                self._weekday_expr,
            ),
            (
                rf"{_PRO}(?P<x>(?:{part}\s+)?(?P<rel>{alt(self._rel_day)})(?:\s+(?P<wd>{wd}))?){_END}",
                self._relative_day,
            ),
            (
                rf"{_PRO}(?P<x>{alt(data['few_days'])}){_END}",
                self._few_days,
            ),
            (
                self._last_n_source(data["last_n"], alt),
                self._last_n,
            ),
            (
                rf"{_PRO}(?P<x>(?:ال)?(?P<d>\d{{1,2}}|{ords})\s+{alt(data['day_of_month_words'])}\s+"
                rf"(?:(?P<this>{this})\s+)?الشهر(?:\s+(?P<rel>{rels}))?){_END}",
                self._day_of_month,
            ),
            (
                rf"{_PRO}(?P<x>{alt(data['ago_words'])}\s+(?:(?:(?P<n>\d{{1,2}})|(?P<nw>{alt(self._numbers)}))\s+"
                rf"{alt(data['day_words'])}|(?P<two>يومين)|(?P<wk>{alt(self._weeks)}))){_END}",
                self._ago,
            ),
        ]

    # ------------------------------------------------------------------ public API

    def find(self, norm: NormText, published: str | None) -> list[DateRef]:
        """Date expressions in ``norm``, left to right, longest match winning on overlap."""
        pub = _to_date(published)
        text = norm.text
        found: list[tuple[int, int, DateRef]] = []
        # every run of digits, once: the years among them open windows, and each window reads its
        # own (a window begins and ends at white space or the text's ends, so no run crosses it)
        digits = _digit_runs(text)
        n_digits = len(digits)
        k = 0
        for w_start, w_end, words in self._scan_windows(text, digits):
            while k < n_digits and digits[k][0] < w_start:
                k += 1
            j = k
            while j < n_digits and digits[j][0] < w_end:
                j += 1
            inside = digits[k:j]
            k = j
            runs = self._runnable_runs(text, w_start, w_end, words, inside)
            wanted = 0
            for run in runs:
                wanted |= run.starts
            begins: list[tuple[int, int]] = []  # (where a first string is, the bits of its patterns)
            if wanted:
                for hit in self._starts.iter(text, w_start, w_end):
                    last: int = hit[0]
                    value: tuple[int, int] = hit[1]
                    if value[1] & wanted:
                        begins.append((last + 1 - value[0], value[1]))
            digit_runs: list[int] | None = None  # where the window's runs of digits begin
            for run in runs:
                handler = run.handler
                if run.digit_back >= 0 and digit_runs is None:
                    digit_runs = [s for s, _ in inside]
                matches = (
                    self._scanned(run, text, w_start, w_end, begins, digit_runs)
                    if run.starts
                    else list(run.pattern.finditer(text, w_start, w_end))
                )
                for m in matches:
                    ref = handler(m, pub)
                    if ref is not None:
                        found.append((ref.span_start, ref.span_end, ref))  # type: ignore[arg-type]
        found.sort(key=lambda t: (t[0] - t[1], t[0]))
        taken: list[tuple[int, int, DateRef]] = []
        for s, e, ref in found:
            if all(e <= ts or s >= te for ts, te, _ in taken):
                taken.append((s, e, ref))
        taken = [x for x in taken if not self._since_last_time(text, x[0], x[2])]
        taken.sort(key=lambda t: t[0])
        if "نفس" in text or "ذات" in text:
            taken = _same_year(text, taken)
        out = []
        original = norm.original
        for s, e, ref in taken:
            os_, oe = norm.span(s, e)
            while oe < len(original) and _is_mark(original[oe]):
                oe += 1  # keep a final diacritic with its word
            ref.span_start, ref.span_end, ref.text = os_, oe, original[os_:oe]
            out.append(ref)
        return out

    @staticmethod
    def _scanned(
        run: _Run,
        text: str,
        start: int,
        end: int,
        begins: list[tuple[int, int]],
        digit_runs: list[int] | None = None,
    ) -> list[re.Match[str]]:
        """``list(run.pattern.finditer(text, start, end))``, the pattern tried only where one of its
        first strings is (``begins``: every first string in the window, with its patterns' bits)
        and, for a pattern a digit may begin, up to ``run.digit_back`` characters before a run of
        digits (``digit_runs``: where the window's runs begin)."""
        bit = run.starts
        found = {pos for pos, bits in begins if bits & bit}
        if run.digit_back >= 0:
            for pos in digit_runs if digit_runs is not None else []:
                for back in range(run.digit_back + 1):
                    found.add(pos - back)
        return matches_from(run.pattern, text, sorted(found), start, end)

    def _runnable(self, text: str, start: int, end: int) -> list[tuple[re.Pattern[str], Handler]]:
        """The patterns that may match in the window text[start:end]: those whose needs it holds,
        each need as written (its words in one automaton pass, its regexes searched for)."""
        words = 0
        for hit in self._need_words.iter(text, start, end):
            words |= cast(int, hit[1])
        return [
            (run.pattern, run.handler)
            for run in self._runs
            if words & run.words == run.words and all(n.search(text, start, end) for n in run.regexes)
        ]

    def _runnable_with(
        self, text: str, start: int, end: int, words: int
    ) -> list[tuple[re.Pattern[str], Handler]]:
        """``_runnable`` given the bits of the need words in the window, as ``find`` tests them."""
        digits = [m.span() for m in _DIGIT_RUN.finditer(text, start, end)]
        return [(run.pattern, run.handler) for run in self._runnable_runs(text, start, end, words, digits)]

    def _runnable_runs(
        self, text: str, start: int, end: int, words: int, digits: list[tuple[int, int]]
    ) -> list[_Run]:
        """The runs of the patterns ``_runnable`` gives, in order, given the bits of the need words
        in the window and its runs of digits (``digits``): the needs on digits are read off the
        runs, not searched for."""
        has = self._digit_needs(text, digits)
        day_read = bool(digits)
        out: list[_Run] = []
        for run in self._runs:
            if words & run.words != run.words:
                continue
            if run.digit_needs & _DAY and not day_read:
                # no digit: the ordinal words alone, searched for once the words needed are there
                day_read = True
                has |= _DAY if self._day_re.search(text, start, end) is not None else 0
            if run.digit_needs & has != run.digit_needs:
                continue
            for need in run.other:
                if need.search(text, start, end) is None:
                    break
            else:
                out.append(run)
        return out

    def _digit_needs(self, text: str, digits: list[tuple[int, int]]) -> int:
        """The bits (_SEP, _YEAR_IN, _DAY) of the needs on digits that a window holds, read off its
        runs of digits (``digits``): each need's regex matches only on digits of one run, or (_SEP)
        of two runs one character apart. Without digits _DAY is left to its ordinal words."""
        if not digits:
            return 0
        has = _DAY
        year = self._year_re
        prev_end = -2
        for s, e in digits:
            if s == prev_end + 1 and text[prev_end] in "-/.":
                has |= _SEP
            if e - s >= 4 and not has & _YEAR_IN and year.search(text, s, e) is not None:
                has |= _YEAR_IN
            prev_end = e
        return has

    def _scan_windows(
        self, text: str, digits: list[tuple[int, int]] | None = None
    ) -> list[tuple[int, int, int]]:
        """``_windows`` with, for each, the bits of the need words inside it (what ``_runnable``
        reads in each window), from one automaton pass over the text instead of one per window
        (``digits``: the text's runs of digits, when read already)."""
        hits: list[tuple[int, int]] = []
        needs: list[tuple[int, int, int]] = []  # need words found: (start, end, bits), by end
        for hit in self._scan.iter(text):
            last: int = hit[0]
            value: tuple[int, bool, int] = hit[1]
            s, e = last + 1 - value[0], last + 1
            if value[2]:
                needs.append((s, e, value[2]))
            if not value[1]:
                continue
            if _whole_word(text, s, e):
                hits.append((s, e))
        windows = self._merged(text, hits, _digit_runs(text) if digits is None else digits)
        out: list[tuple[int, int, int]] = []
        bits = [0] * len(windows)
        k = 0
        for s, e, b in needs:
            # windows are apart and in order: the only one that may hold the word is the first
            # that ends at or after it
            while k < len(windows) and windows[k][1] < e:
                k += 1
            if k == len(windows):
                break
            if windows[k][0] <= s:
                bits[k] |= b
        for (ws, we), b in zip(windows, bits, strict=True):
            out.append((ws, we, b))
        return out

    def _windows(self, text: str) -> list[tuple[int, int]]:
        """Stretches of text around anchor words (month, weekday, "أمس", digits...).

        Running a dozen alternation-heavy regexes over a whole article costs milliseconds; every
        date expression contains an anchor word, so the regexes only run within ``_MARGIN``
        characters of one. Windows end on whitespace so word-boundary checks stay correct.
        """
        hits: list[tuple[int, int]] = []
        for last, length in self._anchor_ac.iter(text):
            s, e = last + 1 - length, last + 1
            if _whole_word(text, s, e):
                hits.append((s, e))
        return self._merged(text, hits, _digit_runs(text))

    @staticmethod
    def _merged(
        text: str, hits: list[tuple[int, int]], digits: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """The windows around the anchor words ``hits`` and the years of the text (the runs of four
        among its runs of ``digits``), merged."""
        n = len(text)
        for s, e in digits:
            if e - s == 4:
                hits.append((s, e))
        hits.sort()
        windows: list[tuple[int, int]] = []
        for hs, he in hits:
            s = max(0, hs - _MARGIN)
            e = min(n, he + _MARGIN)
            while s > 0 and not text[s - 1].isspace():
                s -= 1
            while e < n and not text[e].isspace():
                e += 1
            if windows and s <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(e, windows[-1][1]))
            else:
                windows.append((s, e))
        return windows

    def _since_last_time(self, text: str, start: int, ref: DateRef) -> bool:
        """ "للمرة الأولى منذ 4 أيام", "الأعنف منذ شهر": when it last happened, not when the event did."""
        if not (ref.text or "").startswith(("منذ", "قبل")):
            return False
        words = text[max(0, start - 30) : start].split()
        return any(" ".join(words[-k:]) in self._not_event_before for k in (1, 2, 3) if len(words) >= k)

    def opens_statement(self, after: str) -> bool:
        """A date that opens a statement ("والخميس، أعلن البيت الأبيض ..."): right after it, past a comma,
        a verb of saying."""
        words = after.replace("،", " ، ").split()
        return len(words) > 1 and words[0] == "،" and self.says(words[1])

    def says(self, word: str) -> bool:
        """A normalised word that marks a statement ("اعتبرت", "وأعلن", "بيان"): a date after it is the day
        something was said."""
        return word in self._statement_cues or (
            len(word) > 3 and word[0] in "وف" and word[1:] in self._statement_cues
        )

    def fixes_day(self, ref: DateRef) -> bool:
        """Whether the expression names the day an event started: "الخميس", "أمس", "18 شباط", "ليل
        الأحد الاثنين", "خلال اليومين الماضيين", "قبل أسبوع" do; "الشهر الماضي", "أواخر يوليو", "منذ أيام", "صيف 2014",
        "الأسبوع الماضي" give only a period."""
        if ref.start is None:
            return False
        if ref.precision == "day" or (ref.precision == "week" and ref.start == ref.end):
            return True  # "قبل أسبوع": the day seven days back, as coders date it
        if ref.precision != "range" or not ref.text:
            return False
        key = _key(ref.text)
        return any(p.fullmatch(key) for p in self._fixed_ranges)

    def incident_date(self, candidates: list[DateRef]) -> DateRef | None:
        """The date an incident record carries: the first candidate that fixes the day; else the first
        one with its start left empty (ANNOTATION: "leave start null when it is not fixed") and its end
        kept as the latest day it can have been."""
        fixed = [ref for ref in candidates if self.fixes_day(ref)]
        if fixed:
            return min(fixed, key=lambda r: r.start or "")
        if not candidates:
            return None
        ref = candidates[0]
        return DateRef(None, ref.end, ref.precision, ref.text, ref.span_start, ref.span_end)

    def find_in(self, text: str, published: str | None = None) -> list[DateRef]:
        """Convenience for callers holding a plain string."""
        return self.find(normalize(text), published)

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _ref(
        m: re.Match[str], start: date | None, end: date | None, precision: str, begin: int | None = None
    ) -> DateRef:
        s = m.start("x") if begin is None else begin
        return DateRef(_iso(start), _iso(end), precision, m.group("x"), s, m.end("x"))

    @staticmethod
    def _unknown(m: re.Match[str], begin: int | None = None) -> DateRef:
        s = m.start("x") if begin is None else begin
        return DateRef(None, None, "unknown", m.group("x"), s, m.end("x"))

    def _month_of(self, m_text: str) -> tuple[int, str] | None:
        first = self._month_first.match(m_text)
        if not first:
            return None
        k = " ".join(first.group(0).split())
        return self._month[k], k

    def _prev_word(self, text: str, pos: int) -> str:
        words = text[max(0, pos - 30) : pos].split()
        return words[-1] if words else ""

    # ------------------------------------------------------------------ handlers

    def _numeric(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return self._ref(m, d, d, "day") if d else None

    def _count(self, digits: str | None, word: str | None) -> int:
        """ "3" or "ثلاثة" (in "منذ ثلاثة أيام", "خلال الأيام الثلاثة الماضية")."""
        return int(digits) if digits else self._numbers[_key(word or "")]

    def _day_number(self, s: str) -> int:
        return int(s) if s.isdigit() else self._ordinals[_key(s)]

    def _day_month(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        mon = self._month_of(m.group("m"))
        if not mon:
            return None
        day = self._day_number(m.group("d"))
        if m.group("y"):
            year = int(m.group("y"))
        elif pub:
            year = _infer_year(mon[0], day, pub)
        else:
            return self._unknown(m)
        d = _safe_date(year, mon[0], day)
        if d and m.groupdict().get("d0"):
            # "ليلة التاسع والعاشر من أيار", "بين 9 و10 أيار": the range from the first day
            d0 = _safe_date(year, mon[0], self._day_number(m.group("d0")))
            if d0 and d0 < d:
                return self._ref(m, d0, d, "range")
        return self._ref(m, d, d, "day") if d else None

    def _month_expr(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        mon = self._month_of(m.group("m"))
        if not mon:
            return None
        pre = _key(m.group("pre") or "")
        per = self._period.get(_key(m.group("per") or ""))
        year_given = m.group("y")
        if not (year_given or pre or per or m.group("shahr")):
            return None  # a bare month name is too often an ordinary word
        since = pre in self._since
        begin = None
        if pre and not since:
            begin = (
                m.start("per") if m.group("per") else (m.start("shahr") if m.group("shahr") else m.start("m"))
            )
        if year_given:
            year = int(year_given)
        elif pub:
            year = _infer_year(mon[0], 1, pub)
        else:
            return self._unknown(m, begin)
        last = _month_end(year, mon[0])
        if since:
            return self._ref(m, date(year, mon[0], _SINCE_DAY[per]), pub, "range", begin)
        if per:
            lo, hi = _PART_RANGES[per]
            return self._ref(m, date(year, mon[0], lo), date(year, mon[0], min(hi, last)), "range", begin)
        return self._ref(m, date(year, mon[0], 1), date(year, mon[0], last), "month", begin)

    def _year_span(
        self,
        m: re.Match[str],
        year: int,
        per: str | None,
        since: bool,
        pub: date | None,
        season: tuple[int, int] | None = None,
    ) -> DateRef:
        if season:
            first, last = season
            start = date(year if first <= last else year - 1, first, 1)
            end = date(year, last, _month_end(year, last))
            return self._ref(m, start, pub, "range") if since else self._ref(m, start, end, "range")
        if since:
            start = {None: date(year, 1, 1), "early": date(year, 1, 1), "mid": date(year, 6, 1)}.get(
                per, date(year, 10, 1)
            )
            return self._ref(m, start, pub, "range")
        if per == "early":
            return self._ref(m, date(year, 1, 1), date(year, 1, 31), "month")
        if per == "late":
            return self._ref(m, date(year, 12, 1), date(year, 12, 31), "month")
        if per == "mid":
            return self._ref(m, date(year, 6, 1), date(year, 7, 31), "range")
        return self._ref(m, date(year, 1, 1), date(year, 12, 31), "year")

    def _year_expr(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        per = self._period.get(_key(m.group("per") or ""))
        season = self._season.get(_key(m.group("season") or ""))
        plausible = 1900 <= int(m.group("y")) <= 2100
        if not (m.group("yw") or season or (plausible and (per or m.group("pre")))):
            return None  # a bare four-digit number is too often a count; "مطلع 2017", "منذ 2011" are years
        return self._year_span(m, int(m.group("y")), per, bool(m.group("pre")), pub, season)

    def _unit_expr(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        per = self._period.get(_key(m.group("per") or ""))
        rel = m.group("rel")
        season = self._season.get(_key(m.group("season") or ""))
        if not (rel or m.group("this") or per or season):
            return None  # "العام" alone is "general" (الأمين العام), not a date
        if pub is None:
            return self._unknown(m)
        offset = self._unit_rel.get(_key(rel), 0) if rel else 0
        unit = self._unit[_key(m.group("u"))]
        since = bool(m.group("pre"))
        if unit == "year":
            return self._year_span(m, pub.year + offset, per, since, pub, season)
        if season:
            return None  # "صيف الشهر" is not a phrase
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 + offset, 12)
            mo += 1
            last = _month_end(y, mo)
            if since:
                return self._ref(m, date(y, mo, _SINCE_DAY[per]), pub, "range")
            if per:
                lo, hi = _PART_RANGES[per]
                return self._ref(m, date(y, mo, lo), date(y, mo, min(hi, last)), "range")
            return self._ref(m, date(y, mo, 1), date(y, mo, last), "month")
        # Weeks run Saturday to Friday, as in the Syrian calendar.
        start = _on_or_before(pub, 5) + timedelta(days=7 * offset)
        if since:
            return self._ref(m, start, pub, "range")
        if per == "early":
            return self._ref(m, start, start + timedelta(days=2), "range")
        if per == "late":
            return self._ref(m, start + timedelta(days=4), start + timedelta(days=6), "range")
        return self._ref(m, start, start + timedelta(days=6), "week")

    def _weekday_expr(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        if not m.group("part"):
            prev = self._prev_word(m.string, m.start("x"))
            if prev in self._wd_block:
                return None
            ambiguous = self._wd_ambiguous.get(_key(m.group("wd")))
            if ambiguous and not m.group("wd2"):
                nxt = m.string[m.end("x") : m.end("x") + 30].split()
                if prev in ambiguous[0] or (nxt and nxt[0] in ambiguous[1]):
                    return None
        if pub is None:
            return self._unknown(m)
        direction = _key(m.group("dir") or "")

        def resolve(name: str) -> date:
            wd = self._weekday[_key(name)]
            d = _on_or_before(pub, wd)
            if direction in self._past and d == pub:
                d -= timedelta(days=7)
            elif direction in self._next:
                d = pub + timedelta(days=((wd - pub.weekday()) % 7) or 7)
            return d

        d1 = resolve(m.group("wd"))
        if m.group("wd2"):
            # "ليلة الأربعاء-الخميس": the second day follows the first, even past the publication date
            gap = (self._weekday[_key(m.group("wd2"))] - self._weekday[_key(m.group("wd"))]) % 7
            if direction not in self._next and d1 + timedelta(days=gap) > pub + timedelta(days=1):
                d1 -= timedelta(days=7)  # both days past: "الاثنين والثلاثاء" in a Monday article
            return self._ref(m, d1, d1 + timedelta(days=gap), "range")
        return self._ref(m, d1, d1, "day")

    def _relative_day(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        rel = _key(m.group("rel"))
        at_start = m.start("rel") == m.start("x")
        if rel == "اليوم" and at_start and self._prev_word(m.string, m.start("x")) in self._today_block:
            return None
        nxt = m.string[m.end("x") : m.end("x") + 20].split()[:1]
        if nxt and nxt[0] in self._relative_not_before:
            return None  # "حتى الأمس القريب" is "until recently"
        if pub is None:
            return self._unknown(m)
        d = pub + timedelta(days=self._rel_day[rel])
        return self._ref(m, d, d, "day")

    def _day_of_month(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        rel = m.group("rel")
        if not (rel or m.group("this")):
            return None
        if pub is None:
            return self._unknown(m)
        offset = self._unit_rel.get(_key(rel), 0) if rel else 0
        y, mo = divmod(pub.year * 12 + pub.month - 1 + offset, 12)
        d = _safe_date(y, mo + 1, self._day_number(m.group("d")))
        return self._ref(m, d, d, "day") if d else None

    def _few_days(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        if pub is None:
            return self._unknown(m)
        return self._ref(m, pub - timedelta(days=7), pub - timedelta(days=1), "range")

    def _last_n_source(self, cfg: dict[str, list[str]], alt: Callable[[Iterable[str]], str]) -> str:
        lead, past = alt(cfg["lead"]), alt(cfg["past"])
        days, hours, numbers = alt(cfg["days"]), alt(cfg["hours"]), alt(self._numbers)

        def unit(k: int) -> str:
            return rf"(?:(?P<d{k}>{days})|(?P<h{k}>{hours}))"

        def num(k: int) -> str:
            return rf"(?:ال)?(?:(?P<n{k}>\d{{1,3}})|(?P<nw{k}>{numbers}))"

        return (
            rf"{_PRO}(?P<x>{lead}\s+(?:(?P<two>{alt(cfg['two_days'])})|{unit(1)}\s+{num(1)}|{num(2)}\s+{unit(2)})"
            rf"\s+{past}){_END}"
        )

    def _last_n(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        if pub is None:
            return self._unknown(m)
        if m.group("two"):
            days = 2
        else:
            k = 1 if (m.group("d1") or m.group("h1")) else 2
            n = self._count(m.group(f"n{k}"), m.group(f"nw{k}"))
            days = -(-n // 24) if m.group(f"h{k}") else n
        return self._ref(m, pub - timedelta(days=days), pub, "range")

    def _ago(self, m: re.Match[str], pub: date | None) -> DateRef | None:
        if pub is None:
            return self._unknown(m)
        if m.group("wk"):
            d = pub - timedelta(days=7 * self._weeks[_key(m.group("wk"))])
            return self._ref(m, d, d, "week")
        n = 2 if m.group("two") else self._count(m.group("n"), m.group("nw"))
        d = pub - timedelta(days=n)
        return self._ref(m, d, d, "day")


@lru_cache(maxsize=1)
def default_finder() -> DateFinder:
    """One shared, read-only finder for ``parse_date`` (building one compiles ~12 regexes)."""
    return DateFinder()


def parse_date_ref(s: str) -> DateRef | None:
    """The first absolute date in ``s`` (day or month precision), e.g. metadata or a dated header."""
    if not s or not s.strip():
        return None
    for ref in default_finder().find(normalize(s.strip()), None):
        if ref.start is not None:
            return ref
    return None


_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_date(s: str) -> str | None:
    """An absolute day-precision date in ``s`` as ISO ``YYYY-MM-DD``, else None."""
    iso = _ISO_DAY.fullmatch(s.strip()) if s else None
    if iso is not None:  # metadata's usual form: what the patterns below would read, without them
        day = _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
        if day is not None:
            return day.isoformat()
    ref = parse_date_ref(s)
    return ref.start if ref is not None and ref.precision == "day" else None


_SAME_YEAR = re.compile(
    r"(?<!\w)(?:في\s+|من\s+|خلال\s+)?(?:ال)?(?:عام|سنه)\s+(?:نفسه|نفسها|ذاته|ذاتها)(?!\w)"
)
# What every match of _SAME_YEAR holds; opening with literals, it is searched for, not tried at every
# position as the look-behind of _SAME_YEAR makes it (a text without it has no match).
_SAME_YEAR_CORE = re.compile(r"(?:عام|سنه)\s+(?:نفس|ذات)")


def _has_same_year_core(text: str) -> bool:
    """``_SAME_YEAR_CORE.search(text) is not None``, by ``str.find`` of "نفس"/"ذات" and a look back
    (the regex tries its first letters, frequent ones, all over the text)."""
    for word in ("نفس", "ذات"):
        at = text.find(word)
        while at >= 0:
            j = at
            while j > 0 and text[j - 1].isspace():
                j -= 1
            if j < at and j >= 3 and text[j - 3 : j] in ("عام", "سنه"):
                return True
            at = text.find(word, at + 1)
    return False


def _same_year(text: str, taken: list[tuple[int, int, DateRef]]) -> list[tuple[int, int, DateRef]]:
    """ "وفي مايو من العام نفسه": the year of the last date named before it; a month or day right
    before the phrase takes that year."""
    if not _has_same_year_core(text):
        return taken  # sorted by start already
    out = list(taken)
    for m in _SAME_YEAR.finditer(text):
        s, e = m.span()
        if any(not (e <= ts or s >= te) for ts, te, _ in out):
            continue
        joined = next((x for x in out if 0 <= s - x[1] <= 2 and x[2].precision in ("month", "day")), None)
        limit = joined[0] if joined else s
        before = [ref for ts, te, ref in out if te <= limit and ref.start]
        if not before:
            continue
        year = before[-1].start[:4]  # type: ignore[index]
        if joined is None:
            out.append((s, e, DateRef(f"{year}-01-01", f"{year}-12-31", "year", m.group(), s, e)))
            continue
        js, _, ref = joined
        start = year + (ref.start or "")[4:] if ref.start else None
        end = year + (ref.end or "")[4:] if ref.end else None
        out[out.index(joined)] = (js, e, DateRef(start, end, ref.precision, ref.text, js, e))
    out.sort(key=lambda t: t[0])
    return out
