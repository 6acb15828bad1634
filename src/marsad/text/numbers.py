"""Arabic quantities in normalised text: digits, number words, vague amounts, qualifiers, ranges.

Casualty counts in Arabic news mix digits ("26"), composed words ("خمسة وعشرين", "ثلاثة آلاف"), duals
carried by the noun, vague amounts ("عشرات") and qualifiers on either side ("ما لا يقل عن 26",
"5 مدنيين على الأقل"). Percentages and fractions are found too, so that callers can tell they are not
counts. The language data lives in ``data/numbers.yaml``; this module only composes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.resources import load_yaml
from marsad.text.normalize import normalize_str

_PREFIXES = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")
# r"\d+(?:[.,٫٬]\d+)*|[^\W\d_]+|[%٪\-–]" with a run of Arabic letters (U+0621-U+064A, all of them
# letters) tried first and taken whole where no other letter follows: a range test instead of the
# engine's letter-category test for nearly every character; the same tokens (test_speed_paths)
_TOKEN = re.compile(r"[\u0621-\u064a]++(?![^\W\d_])|\d+(?:[.,٫٬]\d+)*|[^\W\d_]+|[%٪\-–]")
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[^\W\d_]+")  # the word tokens of _TOKEN
# Marks that are neither letters nor digits (none is ``\w``), the commonest in the sentences read
# for numbers: read as spaces, they leave the letter runs (word tokens) and the digits of a text as
# they were, and no anchor is anything else. Those of _NOT_IN_TOKENS are in no token ("-" is one, so
# _tokens keeps it, but it is never an anchor). Each costs a scan of the text: rarer marks ("—",
# "؛", "[") would cost more than the few sentences they let through.
_NOT_IN_TOKENS = ("،", '"', ":", "(", ")", "/", "#")
_NOT_IN_WORDS = (*_NOT_IN_TOKENS, "-")


# not frozen (never changed once made): a frozen dataclass takes four times as long to build, and
# thousands are built per article; hashable all the same
@dataclass(slots=True, unsafe_hash=True)
class Quantity:
    """A quantity found in text; offsets are into the string given to ``find``.

    ``start`` includes a qualifier in front ("نحو 150"), ``number_start`` is where the number itself
    begins. ``kind`` is number | vague | range | percent | fraction.
    """

    start: int
    end: int
    number_start: int
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    kind: str

    def __init__(
        self,
        start: int,
        end: int,
        number_start: int,
        value: int | None,
        low: int | None,
        high: int | None,
        qualifier: str,
        kind: str,
    ) -> None:
        # written out, as ``matcher.Match.__init__`` says why
        self.start = start
        self.end = end
        self.number_start = number_start
        self.value = value
        self.low = low
        self.high = high
        self.qualifier = qualifier
        self.kind = kind


# not frozen (never changed once made): a frozen dataclass takes four times as long to build, and
# thousands are built per article; hashable all the same
@dataclass(slots=True, unsafe_hash=True)
class _Word:
    kind: str  # unit | one_of | ten | tens | hundreds | mult | dual | vague | fraction
    value: int


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str  # normalised token without clitic prefix
    prefix: str  # stripped clitic letters ("و" matters: it joins number parts)
    word: _Word | None
    digits: float | None

    def __init__(
        self, start: int, end: int, text: str, prefix: str, word: _Word | None, digits: float | None
    ) -> None:
        # written out, as ``matcher.Match.__init__`` says why
        self.start = start
        self.end = end
        self.text = text
        self.prefix = prefix
        self.word = word
        self.digits = digits


def _decimal(c: str) -> bool:
    """``c.isdecimal()`` for one character, without the method call for the letters and digits of
    normalised Arabic text: below U+0660 (the Arabic-Indic zero) only 0-9 are decimal digits."""
    o = ord(c)
    if o < 0x660:
        return 48 <= o <= 57
    if o <= 0x669:
        return True
    return c.isdecimal()


def _decimal_first(s: str) -> bool:
    """``_decimal(s[0])`` (``s`` not empty) read off the code point: ``s[0]`` would make a string of
    one character (a new object for any character past U+00FF) for each token."""
    o = ord(s[0])
    if o < 0x660:
        return 48 <= o <= 57
    if o <= 0x669:
        return True
    return s[0].isdecimal()


def _spaced(text: str) -> str:
    """``text`` with the marks of _NOT_IN_TOKENS read as spaces: the same tokens at the same
    places (no token holds one, and a token's look-ahead sees none as a letter)."""
    for mark in _NOT_IN_TOKENS:
        if mark in text:
            text = text.replace(mark, " ")
    return text


def _low(qualifier: str, value: int | None) -> int | None:
    if value is None or qualifier == "at_most":
        return None
    return value + 1 if qualifier == "more_than" else value


def _high(qualifier: str, value: int | None) -> int | None:
    return value if qualifier == "at_most" else None


class NumberParser:
    """Finds quantities; built once from the data file, then pure."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data or load_yaml("numbers.yaml")
        words: dict[str, _Word] = {}

        def add(forms: list[str], word: _Word) -> None:
            for f in forms:
                words.setdefault(normalize_str(f), word)

        for value, forms in data["units"].items():
            add(forms, _Word("unit", int(value)))
        add(data["one_of"], _Word("one_of", 1))
        add(data["ten"], _Word("ten", 10))
        for value, forms in data["tens"].items():
            add(forms, _Word("tens", int(value)))
        for value, forms in data["hundreds"].items():
            add(forms, _Word("hundreds", int(value)))
        for value, forms in data["duals"].items():
            add(forms, _Word("dual", int(value)))
        for value, forms in data["multipliers"].items():
            add(forms, _Word("mult", int(value)))
        for value, forms in data["vague"].items():
            add(forms, _Word("vague", int(value)))
        add(data["fractions"], _Word("fraction", 0))
        self._words = words
        self._vague_phrases = [
            (tuple(normalize_str(p).split()), int(v)) for v, ps in data["vague_phrases"].items() for p in ps
        ]
        self._percent = [tuple(normalize_str(p).split()) for p in data["percent_words"]]
        self._before = sorted(
            ((tuple(normalize_str(p).split()), q) for q, ps in data["qualifiers_before"].items() for p in ps),
            key=lambda x: -len(x[0]),
        )
        self._after = sorted(
            ((normalize_str(p), q) for q, ps in data["qualifiers_after"].items() for p in ps),
            key=lambda x: -len(x[0]),
        )
        self._range_links = {normalize_str(w) for w in data["range_links"]}
        # Compiled once: each word as written with each clitic it may carry ("وعشرين" -> و + عشرين),
        # the first clitic in _PREFIXES order winning as in a left-to-right test of each.
        self._forms: dict[str, tuple[str, _Word]] = {w: ("", word) for w, word in words.items()}
        for p in _PREFIXES:
            for w, word in words.items():
                if len(w) > 1:
                    self._forms.setdefault(p + w, (p, word))
        # A sentence holding no digit, no number word and no word opening a vague phrase has no
        # quantity: ``find`` answers it without building tokens.
        self._vague_firsts = frozenset(words[0] for words, _ in self._vague_phrases if words)
        self._openers = frozenset(self._forms) | self._vague_firsts
        # Qualifiers before a number end on the word just before it: as written, or, for a
        # one-word qualifier, without its clitic ("وحوالي").
        # How far from a number ``find`` reads: back over the longest qualifier before it (and the
        # "بين" of a range), ahead over the longest vague phrase or percent words after it; one more
        # each way to spare.
        self._reach = (
            max([len(w) for w, _ in self._before] + [2]) + 1,
            max([len(w) for w, _ in self._vague_phrases] + [len(w) + 1 for w in self._percent] + [2]) + 1,
        )
        self._before_by_last: dict[str, tuple[tuple[int, tuple[str, ...], str], ...]] = {}
        self._before_by_single: dict[str, tuple[tuple[int, tuple[str, ...], str], ...]] = {}
        for k, (phrase, qualifier) in enumerate(self._before):
            if phrase:
                by_last = self._before_by_last
                by_last[phrase[-1]] = (*by_last.get(phrase[-1], ()), (k, phrase, qualifier))
            if len(phrase) == 1:  # matched also without its clitic
                by_single = self._before_by_single
                by_single[phrase[0]] = (*by_single.get(phrase[0], ()), (k, phrase, qualifier))

    # -- tokens ---------------------------------------------------------------------------------
    def _tokens(self, text: str) -> list[_Tok]:
        """The tokens ``find`` can look at: those within a few tokens of a digit, a number word or the
        first word of a vague phrase (``_REACH``); the words far from any are never read, and are
        left out, which keeps every index near a number where it was relative to its neighbours.
        None when the text holds no such anchor (``_may_hold``, read off the same tokens).

        The tokens are read as strings (``findall``: no match object each) and each kept one is
        found again from where the one before it ended: nothing between two tokens can begin one
        (every character that can is a token's first), so ``str.find`` lands on the token itself."""
        spaced = _spaced(text)  # the same tokens, fewer pieces of _token_strings with a mark in them
        words = _plain_words(spaced)
        if words is None:
            raws = _token_strings(spaced)
        elif self._openers.isdisjoint(words):
            return []  # _plainly_unanchored
        else:
            # without a "-" (a token of its own) the words are the tokens: no second reading
            raws = _token_strings(spaced) if "-" in spaced else words
        openers = self._openers
        anchors = [i for i, raw in enumerate(raws) if raw in openers or _decimal_first(raw)]
        if not anchors:
            return []
        keep: list[int] = []
        before, after = self._reach
        last = len(raws) - 1
        for i in anchors:
            lo = max(i - before, keep[-1] + 1 if keep else 0)
            keep.extend(range(lo, min(i + after, last) + 1))
        out: list[_Tok] = []
        forms = self._forms
        pos = 0
        walked = 0  # tokens whose place is known: raws[:walked] end at pos
        for i in keep:
            while walked < i:  # skip the tokens left out, keeping track of where they end
                pos = text.find(raws[walked], pos) + len(raws[walked])
                walked += 1
            raw = raws[i]
            start = text.find(raw, pos)
            end = start + len(raw)
            pos = end
            walked = i + 1
            if _decimal_first(raw):  # "¹" is a digit to isdigit() but not a number to float()
                out.append(_Tok(start, end, raw, "", None, _digits(raw)))
                continue
            hit = forms.get(raw)
            if hit is None:
                out.append(_Tok(start, end, raw, "", None, None))
            else:
                out.append(_Tok(start, end, raw[len(hit[0]) :], hit[0], hit[1], None))
        # digits glued to a conjunction: "و3 أطفال" is tokenised as "و" + "3"
        return out

    def _plainly_unanchored(self, text: str) -> bool:
        """True when ``text`` is letters, spaces and the marks of ``_NOT_IN_WORDS`` only and none
        of its words is a number word or the first word of a vague phrase: then its letter tokens
        are its words between those marks, it holds no digit, and no token is an anchor of
        ``_tokens`` (half the sentences read for numbers). A few C calls over the text instead of
        its tokens; False says nothing (test_speed_paths)."""
        words = _plain_words(_spaced(text))
        return words is not None and self._openers.isdisjoint(words)

    def _may_hold(self, text: str) -> bool:
        """Whether ``text`` has a digit, a number word or the first word of a vague phrase (what
        ``_tokens`` tells by returning no token; kept as the plain statement of that test)."""
        return _DIGIT.search(text) is not None or not self._openers.isdisjoint(_LETTERS.findall(text))

    # -- public ---------------------------------------------------------------------------------
    def find(self, text: str) -> list[Quantity]:
        toks = self._tokens(text)  # none when the text holds no digit, number word or vague phrase
        found: list[Quantity] = []
        i = 0
        n = len(toks)
        firsts = self._vague_firsts
        while i < n:
            tok = toks[i]
            if tok.digits is None and tok.word is None and tok.text not in firsts:
                i += 1  # neither a number nor the start of a vague phrase (most words)
                continue
            vague_floor = self._vague_phrase_at(toks, i)
            if vague_floor is not None:
                floor, j = vague_floor
                found.append(
                    Quantity(
                        tok.start + len(tok.prefix),
                        toks[j - 1].end,
                        tok.start + len(tok.prefix),
                        None,
                        floor,
                        None,
                        "vague",
                        "vague",
                    )
                )
                i = j
                continue
            if tok.digits is None and tok.word is None:
                i += 1
                continue
            parsed = self._number_at(toks, i, text)
            if parsed is None:
                i += 1
                continue
            value, low, kind, j = parsed
            num_start = tok.start + len(tok.prefix)
            q_start, qualifier = self._qualifier_before(toks, i, text)
            end = toks[j - 1].end
            if kind == "number" and value is not None:
                rng = self._range_end(toks, j, text)
                if rng is not None and rng[0] > value:
                    high, j = rng
                    end = toks[j - 1].end
                    # ANNOTATION: "بين 10 و15" is 10, at least
                    found.append(Quantity(q_start, end, num_start, value, value, high, "at_least", "range"))
                    i = j
                    continue
                pct = self._percent_at(toks, j, text)
                if pct is not None:
                    found.append(
                        Quantity(
                            num_start, toks[pct - 1].end, num_start, value, value, None, "exact", "percent"
                        )
                    )
                    i = pct
                    continue
                after = self.qualifier_after(text, end)
                if after is not None and qualifier == "exact":
                    qualifier, end = after
                found.append(
                    Quantity(
                        q_start,
                        end,
                        num_start,
                        value,
                        _low(qualifier, value),
                        _high(qualifier, value),
                        qualifier,
                        kind,
                    )
                )
            elif kind == "vague":
                found.append(Quantity(q_start, end, num_start, None, low, None, "vague", "vague"))
            else:  # fraction
                found.append(Quantity(num_start, end, num_start, None, None, None, "exact", "fraction"))
            i = j
        return found

    def qualifier_after(self, text: str, pos: int) -> tuple[str, int] | None:
        """ "5 مدنيين على الأقل": a qualifier right after ``pos``; returns it and the new end."""
        rest = text[pos : pos + 24]
        stripped = rest.lstrip(" ")
        offset = pos + len(rest) - len(stripped)
        for phrase, qualifier in self._after:
            if stripped.startswith(phrase):
                end = offset + len(phrase)
                if end >= len(text) or not text[end].isalpha():
                    return qualifier, end
        return None

    def parse_words(self, text: str) -> int | None:
        """The value of a text that is just one number ("خمسة وعشرين"), else None."""
        qs = self.find(normalize_str(text))
        if len(qs) == 1 and qs[0].kind == "number":
            return qs[0].value
        return None

    # -- pieces ---------------------------------------------------------------------------------
    def _vague_phrase_at(self, toks: list[_Tok], i: int) -> tuple[int, int] | None:
        tok = toks[i]
        if tok.text not in self._vague_firsts and tok.prefix + tok.text not in self._vague_firsts:
            return None
        for words, floor in self._vague_phrases:
            k = len(words)
            if i + k <= len(toks) and all(
                (toks[i + m].prefix + toks[i + m].text if m else toks[i + m].text) == w
                or toks[i + m].text == w
                for m, w in enumerate(words)
            ):
                return floor, i + k
        return None

    def _number_at(
        self, toks: list[_Tok], i: int, text: str
    ) -> tuple[int | None, int | None, str, int] | None:
        """Compose the number starting at token i; returns (value, vague floor, kind, next index)."""
        first = toks[i]
        if first.word is not None and first.word.kind == "fraction":
            return None, None, "fraction", i + 1
        if first.word is not None and first.word.kind == "vague":
            floor = first.word.value
            j = i + 1
            # "عشرات الآلاف": a vague count of thousands
            if j < len(toks) and _adjacent(toks, j - 1, j, text):
                nxt = toks[j]
                if nxt.word is not None and nxt.word.kind in ("mult", "vague") and nxt.word.value >= 1000:
                    mult = 1000 if nxt.word.kind == "vague" else nxt.word.value
                    return None, floor * mult, "vague", j + 1
            return None, floor, "vague", j
        if first.word is not None and first.word.kind == "one_of":
            # "أحد عشر" is 11; "أحد العناصر" is one
            nxt_word = toks[i + 1].word if i + 1 < len(toks) else None
            if nxt_word is not None and nxt_word.kind == "ten":
                return 11, None, "number", i + 2
            if i + 1 < len(toks) and _adjacent(toks, i, i + 1, text) and toks[i + 1].text.startswith("ال"):
                return 1, None, "number", i + 1
            return None
        total = 0
        current = 0.0
        last: _Word | None = None
        j = i
        while j < len(toks):
            tok = toks[j]
            if j > i and not _adjacent(toks, j - 1, j, text):
                break
            joined = tok.prefix.startswith("و") and j > i
            if tok.digits is not None:
                if j > i:
                    break
                current = tok.digits
                last = _Word("digits", int(tok.digits))
                j += 1
                continue
            w = tok.word
            if w is None or w.kind in ("vague", "fraction", "one_of"):
                if (
                    w is not None
                    and w.kind == "vague"
                    and w.value >= 1000
                    and last is not None
                    and not joined
                ):
                    w = _Word("mult", 1000)  # "ثلاثة آلاف"
                else:
                    break
            if j > i and not self._joins(last, w, joined, current, total):
                break
            if w.kind == "mult":
                total += int(round((current or 1) * w.value))
                current = 0.0
            elif w.kind == "hundreds" and last is not None and last.kind == "unit" and not joined:
                current = current * 100 if w.value == 100 else current + w.value
            elif w.kind == "ten" and last is not None and last.kind == "unit" and not joined:
                current += 10
            else:
                current += w.value
            last = w
            j += 1
        if j == i:
            return None
        value = total + int(round(current))
        return value, None, "number", j

    @staticmethod
    def _joins(last: _Word | None, w: _Word, joined: bool, current: float, total: int) -> bool:
        if last is None:
            return True
        if not joined:
            # "ثلاثة آلاف", "خمسة عشر", "ثلاث مئة", "10 آلاف"
            if w.kind == "mult":
                return last.kind in ("unit", "ten", "tens", "hundreds", "digits", "dual") and current > 0
            if w.kind == "ten":
                return last.kind == "unit"
            if w.kind == "hundreds":
                return last.kind == "unit" and w.value == 100
            return False
        # joined with و: "خمسة وعشرين", "مئة وخمسون", "ألف ومئتين"
        if last.kind == "unit" and w.kind == "tens":
            return True
        smallest = int(round(current)) if current else total
        if smallest == 0:
            return False
        magnitude = 10 ** (len(str(smallest)) - 1)
        if last.kind in ("mult", "dual", "hundreds") or last.kind == "digits" and total:
            return w.value < magnitude and w.kind in ("unit", "ten", "tens", "hundreds", "dual", "one_of")
        return False

    def _qualifier_before(self, toks: list[_Tok], i: int, text: str) -> tuple[int, str]:
        if i == 0:
            return toks[i].start + len(toks[i].prefix), "exact"
        last = toks[i - 1].prefix + toks[i - 1].text
        bare = _strip_prefix(last)
        candidates = self._before_by_last.get(last, ()) + self._before_by_single.get(bare, ())
        if not candidates:
            return toks[i].start + len(toks[i].prefix), "exact"
        for _, words, qualifier in sorted(candidates):  # in the order of self._before
            k = len(words)
            if i - k < 0:
                continue
            ok = True
            for m, w in enumerate(words):
                tok = toks[i - k + m]
                full = tok.prefix + tok.text
                if not (full == w or (m == 0 and _strip_prefix(full) == w)):
                    ok = False
                    break
            if ok and _adjacent(toks, i - 1, i, text):
                return toks[i - k].start + _prefix_len(toks[i - k], words[0]), qualifier
        return toks[i].start + len(toks[i].prefix), "exact"

    def _range_end(self, toks: list[_Tok], j: int, text: str) -> tuple[int, int] | None:
        """ "10-15", "10 إلى 15", "بين 10 و15": the upper end and the index after it."""
        if j >= len(toks):
            return None
        link = toks[j]
        if link.prefix == "و" and link.word is not None and self._after_between(toks, j):
            # "ما بين مئة ومئتي قتيل": the upper end written in words, joined by و
            parsed = self._number_at(toks, j, text)
            return (parsed[0], parsed[3]) if parsed and parsed[0] is not None else None
        if link.text not in self._range_links or link.prefix or j + 1 >= len(toks):
            return None
        nxt = toks[j + 1]
        if nxt.digits is None or not _adjacent(toks, j, j + 1, text):
            return None
        # "3 و5" are two counts; only "بين 10 و15" makes و a range link
        if link.text == "و" and not (j >= 2 and toks[j - 2].text == "بين"):
            return None
        return int(nxt.digits), j + 2

    def _after_between(self, toks: list[_Tok], j: int) -> bool:
        """The first end of the range came right after "بين"."""
        return any(toks[k].text == "بين" for k in range(max(0, j - 3), j - 1))

    def _percent_at(self, toks: list[_Tok], j: int, text: str) -> int | None:
        if j < len(toks) and toks[j].text in ("%", "٪") and toks[j].start - toks[j - 1].end <= 1:
            return j + 1
        for words in self._percent:
            k = len(words)
            if j + k <= len(toks) and all(
                (toks[j + m].prefix + toks[j + m].text) == w for m, w in enumerate(words)
            ):
                return j + k
        return None


def _plain_words(spaced: str) -> list[str] | None:
    """The words of a text whose marks of _NOT_IN_TOKENS are spaces already, when it holds letters,
    spaces and "-" only (no anchor holds a "-": a space splits the same letter runs); else None."""
    plain = spaced.replace("-", " ") if "-" in spaced else spaced
    return plain.split() if plain.replace(" ", "").isalpha() else None


def _token_strings(text: str) -> list[str]:
    """``_TOKEN.findall(text)``, read piece by piece between white spaces (no token holds one, and
    the pattern's look-ahead sees none as a letter): a piece of letters only is one token, itself,
    and only the other pieces (digits, marks) go to the pattern. The regex engine's cost is per
    match and per character; ``split`` and ``isalpha`` are C loops (test_speed_paths)."""
    raws: list[str] = []
    for piece in text.split():
        if piece.isalpha():
            raws.append(piece)
        else:
            raws.extend(_TOKEN.findall(piece))
    return raws


def _digits(raw: str) -> float:
    """ "1,200" and "1٬200" are thousands; "1.5" (or "1٫5") is a decimal."""
    if re.fullmatch(r"\d{1,3}(?:[,٬]\d{3})+", raw):
        return float(re.sub(r"[,٬]", "", raw))
    head = re.split(r"[,٬]", raw)[0].replace("٫", ".")
    whole, _, rest = head.partition(".")
    # "0.0.0" (a version or a date) keeps its first decimal only
    return float(f"{whole}.{rest.split('.')[0]}" if rest else whole)


def _adjacent(toks: list[_Tok], a: int, b: int, text: str) -> bool:
    """Only spaces (or a hyphen inside a range) between two tokens."""
    gap = text[toks[a].end : toks[b].start]
    return gap.strip() == ""


def _strip_prefix(word: str) -> str:
    for p in _PREFIXES:
        if word.startswith(p) and len(word) > len(p) + 1:
            return word[len(p) :]
    return word


def _prefix_len(tok: _Tok, first: str) -> int:
    full = tok.prefix + tok.text
    return len(full) - len(first) if full.endswith(first) else 0


@lru_cache(maxsize=1)
def default_parser() -> NumberParser:
    return NumberParser()
