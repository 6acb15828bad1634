"""Fast phrase matching over normalised Arabic text.

One Aho-Corasick automaton per lexicon finds every entry in a single pass; a match is kept only on
word boundaries, where the word may carry the attached clitics Arabic writes without a space
(و ف ب ل ك and the article ال: "وبريف", "للمدنيين"). Overlaps resolve to the longest, leftmost match,
so "الجيش الحر" wins over "الجيش".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

import ahocorasick

from marsad.text.charmap import CharMap
from marsad.text.normalize import normalize_str

# Clitic strings allowed before a word (conjunction + preposition + article), longest first.
_PREFIXES: Final = frozenset(
    {
        "",
        "و",
        "ف",
        "ب",
        "ل",
        "ك",
        "وب",
        "ول",
        "وك",
        "فب",
        "فل",
        "فك",
        "ال",
        "وال",
        "فال",
        "بال",
        "كال",
        "لل",
        "وبال",
        "ولل",
        "فلل",
        "فبال",
        "وكال",
    }
)
_LONGEST_PREFIX: Final = max(len(p) for p in _PREFIXES)
_DEFINITE: Final = ("ال", "لل")
# Separator mark for whole-word matching: anything that is not a letter (or tatweel).
_SEP: Final = "\x01"
# Anything but a letter of the Latin, Greek, Cyrillic or Arabic blocks (a class of ranges is fast).
_NOT_LETTER = re.compile(
    "[^A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0621-\u063a\u0640-\u064a"
    "\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f]"
)
# The same class less the space and the mark itself: spaces (one character in six) are turned by
# str.replace first, which is far cheaper than one regex substitution per space.
_NOT_LETTER_SPACE = re.compile(_NOT_LETTER.pattern.replace("[^", "[^ " + _SEP, 1))


def mark_letters(text: str) -> str:
    """``_NOT_LETTER.sub(_SEP, text)``, about three times faster (and again four times when
    ``_marked_fast`` reads the text)."""
    fast = _marked_fast(text)
    if fast is not None:
        return fast
    return _NOT_LETTER_SPACE.sub(_SEP, text.replace(" ", _SEP))


def _first_at(starts: list[int], start: int) -> int:
    """``bisect.bisect_left(starts, start)``, written out: compiled, a loop on native ints costs
    less than the call into ``bisect`` with its arguments boxed, and it is made hundreds of times
    per article (every ``find`` and ``occurs``)."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


# Attached object/possessive pronouns a verb or verbal noun may carry ("تقدمها", "قصفهم").
PRONOUN_SUFFIXES = frozenset({"ه", "ها", "هم", "هما", "هن", "وا"})


def is_letter(ch: str) -> bool:
    return ch.isalpha() or ch == "ـ"


# not frozen (never changed once made): a frozen dataclass takes four times as long to build, and
# thousands are built per article; hashable all the same
@dataclass(slots=True, unsafe_hash=True, init=False)
class Match:
    start: int  # including clitics
    end: int
    core_start: int  # where the entry itself starts
    key: str  # the normalised entry
    payload: Any
    prefix: str

    def __init__(self, start: int, end: int, core_start: int, key: str, payload: Any, prefix: str) -> None:
        # written out: mypyc builds a class with its own __init__ natively; the one dataclass
        # writes is interpreted Python, called through the type (4x slower per object)
        self.start = start
        self.end = end
        self.core_start = core_start
        self.key = key
        self.payload = payload
        self.prefix = prefix

    @property
    def definite(self) -> bool:
        return self.key.startswith("ال") or self.prefix.endswith(_DEFINITE)


class PhraseMatcher:
    """Longest-match lexicon lookup with clitic-aware word boundaries."""

    def __init__(
        self,
        entries: Iterable[tuple[str, Any]],
        clitics: bool = True,
        suffixes: frozenset[str] = frozenset(),
        word_prefixes: frozenset[str] | None = None,
        group: MatcherGroup | None = None,
    ) -> None:
        self._clitics = clitics
        self._suffixes = suffixes
        self._payloads: dict[str, list[Any]] = {}
        for phrase, payload in entries:
            key = " ".join(normalize_str(phrase).split())
            if key:
                bucket = self._payloads.setdefault(key, [])
                if payload not in bucket:  # spelling variants normalise to one key
                    bucket.append(payload)
        # word_prefixes: whole-word mode for large lexicons (a gazetteer of 10,000 village names).
        # Each entry is indexed with a separator mark on both sides and with each of these clitics
        # ("و", "ب" ...), and the text is read with every non-letter turned into the mark: only
        # whole words reach Python, not the thousands of names hidden inside longer words.
        self._word_prefixes = word_prefixes if not suffixes else None
        # "للنظام" is ل + النظام with the article's alef dropped: index "النظام" also as "نظام",
        # valid only after a clitic ending in "لل".
        self._after_ll: dict[str, str] = {}
        if clitics and self._word_prefixes is None:
            for key in list(self._payloads):
                bare = key[2:]
                if key.startswith("ال") and len(bare) >= 2 and bare not in self._payloads:
                    self._after_ll.setdefault(bare, key)
        self._memo: tuple[str, list[int], list[tuple[int, int, int, int, str, str, int]]] | None = None
        self._group: MatcherGroup | None = None
        self._marks: MatcherGroup | None = None  # where a whole-word matcher gets the text's marks
        # a whole-word matcher builds its automaton when it first reads a text alone: one that
        # shares its group's marks is read by the group's automaton, which holds its keys too
        self._auto: Any = None
        if group is not None and self._word_prefixes is None:
            self._group, self._member = group, group.join(self)  # the group's automaton reads for it
        elif self._word_prefixes is None:
            auto = ahocorasick.Automaton()
            for key in (*self._payloads, *self._after_ll):
                auto.add_word(key, key)
            if self._payloads:
                auto.make_automaton()
            self._auto = auto

    def _add_whole_words(self, auto: Any) -> None:
        """Index SEP + clitic + entry + SEP -> (width as written, reported clitic, entry)."""
        prefixes = self._word_prefixes if self._clitics else frozenset({""})
        assert prefixes is not None
        # each clitic's opening (mark + clitic) made once, not once per entry
        heads = [(_SEP + p, p, len(p)) for p in prefixes]
        # "للرقة": ل + الرقة with the alef dropped, the ل reported as the clitic
        dropped = [(_SEP + p, p[:-1], len(p) - 2) for p in ("لل", "ولل") if p[:-1] in prefixes]
        for key in self._payloads:
            body = mark_letters(key) + _SEP
            n = len(key)
            for head, p, width in heads:
                auto.add_word(head + body, (width + n, p, key))
            if dropped and n > 3 and key.startswith("ال"):
                bare = body[2:]
                for head, p, width in dropped:
                    auto.add_word(head + bare, (width + n, p, key))

    def _word_automaton(self) -> Any:
        """The whole-word automaton of a matcher reading alone, built when first needed."""
        auto = self._auto
        if auto is None:
            auto = ahocorasick.Automaton()
            self._add_whole_words(auto)
            if len(auto):
                auto.make_automaton()
            self._auto = auto
        return auto

    def __len__(self) -> int:
        return len(self._payloads)

    def payloads(self, key: str) -> list[Any]:
        return self._payloads.get(key, [])

    def share_marks(self, group: MatcherGroup) -> None:
        """Take the marked text from ``group``, which marks each article once for its own members;
        the first whole-word matcher to do so is read in the group's one pass, too."""
        self._marks = group
        group.read_words(self)

    def _word_hits(self, text: str) -> list[tuple[int, int, int, int, str, str, int]]:
        """Hits of a whole-word automaton (see ``__init__``) in all of ``text``."""
        group = self._marks
        if group is not None and group._words is self:
            return group.word_hits(text)
        letters = group.marks(text)[1] if group is not None else mark_letters(text)
        marked = _SEP + letters + _SEP
        return [_word_hit(hit[1], hit[0]) for hit in self._word_automaton().iter(marked)]

    def _hits(self, text: str) -> list[tuple[int, int, int, int, str, str, int]]:
        """Hits in all of ``text``; the last item is where the entry itself ends (before a suffix)."""
        candidates: list[tuple[int, int, int, int, str, str, int]] = []
        n = len(text)
        for last, key in self._auto.iter(text):
            core_start = last - len(key) + 1
            end_pos = last + 1
            if end_pos < n and is_letter(text[end_pos]):
                tail_end = end_pos
                while tail_end < n and is_letter(text[tail_end]) and tail_end - end_pos < 3:
                    tail_end += 1
                if text[end_pos:tail_end] not in self._suffixes or (
                    tail_end < n and is_letter(text[tail_end])
                ):
                    continue
                end_pos = tail_end
            word_start = core_start
            while word_start > 0 and is_letter(text[word_start - 1]) and core_start - word_start < 4:
                word_start -= 1
            if word_start > 0 and is_letter(text[word_start - 1]):
                continue
            prefix = text[word_start:core_start]
            if prefix and (not self._clitics or prefix not in _PREFIXES):
                continue
            if key in self._after_ll:
                if not prefix.endswith("لل"):
                    continue
                key, prefix = self._after_ll[key], prefix[:-1]  # report the ل as the clitic, ال as the entry
            # at equal extent the entry that covers more of the word wins: "لبنان" over ل + "بنان"
            candidates.append(
                (word_start, -(end_pos - word_start), len(prefix), end_pos, key, prefix, last + 1)
            )
        return candidates

    def _all_hits(self, text: str) -> tuple[list[int], list[tuple[int, int, int, int, str, str, int]]]:
        """Every hit in ``text``, sorted, with their starts; kept for the last text asked about.

        Callers ask about one sentence, clause or window of an article after another: the automaton
        reads the article once, and each question only selects the hits inside its range. A hit does
        not depend on the range (word boundaries are read in the whole text), only whether it is
        inside: from its word's start to the end of the entry (or of the whole word)."""
        group = self._group
        if group is not None:
            found = group._memo  # the group's reading of this text, if it has one (most calls)
            if found is not None and found[0] is text:
                return found[1][self._member]
            return group.hits(text, self._member)
        memo = self._memo
        if memo is not None and memo[0] == text:
            return memo[1], memo[2]
        hits = self._word_hits(text) if self._word_prefixes is not None else self._hits(text)
        hits.sort()
        starts = [h[0] for h in hits]
        self._memo = (text, starts, hits)  # one assignment: safe for threads sharing the matcher
        return starts, hits

    def occurs(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether ``find`` would match anything in ``text[start:end]`` (a prefilter: no Match built)."""
        if not self._payloads:
            return False
        stop = len(text) if end is None else end
        group = self._group  # the group's reading of this text, looked up here (most calls)
        memo = group._memo if group is not None else None
        starts, hits = memo[1][self._member] if memo is not None and memo[0] is text else self._all_hits(text)
        if not hits:
            return False
        for k in range(_first_at(starts, start), len(hits)):
            hit = hits[k]
            if hit[0] >= stop:
                return False
            if hit[6] <= stop:
                return True
        return False

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Non-overlapping matches in ``text[start:end]``, left to right, one per payload."""
        if not self._payloads:
            return []
        stop = len(text) if end is None else end
        group = self._group  # as in ``occurs``
        memo = group._memo if group is not None else None
        starts, hits = memo[1][self._member] if memo is not None and memo[0] is text else self._all_hits(text)
        if not hits:
            return []
        out: list[Match] = []
        pos = -1
        for k in range(_first_at(starts, start), len(hits)):
            s, _neg, _plen, e, key, prefix, inner_end = hits[k]
            if s >= stop:
                break
            if inner_end > stop or s < pos:
                continue
            core = s + len(prefix)
            for payload in self._payloads[key]:
                out.append(Match(s, e, core, key, payload, prefix))
            pos = e
        return out


# Characters whose letter-ness _NOT_LETTER gets right: ASCII, Latin-1, the Arabic block and general
# punctuation, less those it gets wrong there (×, ÷, Arabic marks and signs); a text holding any
# other character is marked character by character instead.
_CHECKED = [chr(c) for c in (*range(0x100), *range(0x600, 0x700), *range(0x2000, 0x2070))]
_WRONG = "".join(c for c in _CHECKED if is_letter(c) == bool(_NOT_LETTER.match(c)))
# One negated class of the characters it gets right: three times faster to scan an article with
# than the checked blocks' complement or-ed with the wrong ones.
_UNCHECKED = re.compile("[^" + re.escape("".join(c for c in _CHECKED if c not in _WRONG)) + "]")


# The 256 characters normalised Arabic news is written in (ASCII, the Arabic letters, punctuation
# and marks, the commonest Persian letters, general punctuation), none of them one _UNCHECKED finds
# (tested): a text of these alone is marked through a CharMap (each non-letter as _SEP), two C loops
# that cost a fourth of a regex substitution and search over the same text.
_FAST: Final = "".join(
    chr(c)
    for c in (
        *range(0x80),
        *range(0x60C, 0x620),
        *range(0x621, 0x63B),
        *range(0x640, 0x66E),
        *(0x67E, 0x686, 0x698, 0x6A4, 0x6A8, 0x6A9, 0x6AF, 0x6CC),
        *range(0x2010, 0x2028),
        *(0x2030, 0x2032, 0x2033, 0xB0),
    )
)
_FAST_MARKS: Final = CharMap(_FAST, "".join(_SEP if _NOT_LETTER.match(c) else c for c in _FAST))


def _marked_fast(text: str) -> str | None:
    """``mark_letters(text)`` (which is then ``mark_words(text)`` too) when every character of
    ``text`` is one of _FAST, else None."""
    return _FAST_MARKS.apply(text)


def mark_words(text: str) -> str:
    """``text`` with every character that is not a letter (``is_letter``) turned into _SEP."""
    if _UNCHECKED.search(text) is None:
        return mark_letters(text)
    for ch in {c for c in text if not is_letter(c)}:
        text = text.replace(ch, _SEP)
    return text


_Hit = tuple[int, int, int, int, str, str, int]


class _Reading:
    """How a member reads an entry the group's automaton finds (a small native class when compiled:
    its fields are read without the generic unpacking of a tuple)."""

    def __init__(
        self,
        member: int,
        length: int,
        key: str,
        literal: str | None,
        after_ll: bool,
        clitics: bool = True,
        suffixes: frozenset[str] = frozenset(),
    ) -> None:
        self.member = member
        self.length = length  # of the entry as indexed
        self.key = key  # the entry reported
        self.literal = literal  # the entry to compare as written when it holds a non-letter, else None
        self.after_ll = after_ll  # indexed without its article: valid only after a clitic ending in "لل"
        self.clitics = clitics  # the member's: whether the entry may carry a clitic
        self.suffixes = suffixes  # the member's: what may follow the entry in its word


class _Entry:
    """What a key of a group's automaton says (the keys the whole-word matcher read with the group
    indexes alone keep their own value, a tuple): the length of the entry indexed, how members read
    it, and the whole-word value of the same key if that matcher indexes it too (else None)."""

    def __init__(self, length: int, readings: list[_Reading], word: tuple[int, str, str] | None) -> None:
        self.length = length
        self.readings = readings
        self.word = word


def _word_hit(word: tuple[int, str, str], last: int) -> _Hit:
    """The hit of a whole-word key (width of clitic and entry as written, clitic, entry) whose
    closing mark ends at ``last`` in the marked text, that is at ``last - 1`` in the text."""
    end = last - 1
    width, clitic = word[0], word[1]
    return (end - width, -width, len(clitic), end, word[2], clitic, end)


def _add_readings(
    found: list[list[_Hit]],
    readings: list[_Reading],
    text: str,
    start: int,
    core: int,
    last: int,
    word_end: int,
    prefix: str,
    tail: str,
) -> None:
    """The hits of an entry found at ``core``..``last`` (its word ``start``..``word_end``, with
    ``prefix`` before it and ``tail`` after it) for each member whose reading allows them."""
    for reading in readings:
        reported = prefix
        if reading.after_ll:
            if not prefix.endswith("لل"):
                continue
            reported = prefix[:-1]  # the ل as the clitic, ال as the entry
        elif prefix and not reading.clitics:
            continue
        literal = reading.literal
        if literal is not None and text[core:last] != literal:
            continue
        end = last
        if word_end > last:
            if tail not in reading.suffixes:
                continue
            end = word_end
        found[reading.member].append((start, start - end, len(reported), end, reading.key, reported, last))


class MatcherGroup:
    """Lexicon matchers that read each article together.

    One automaton holds every entry of every member. The text is read once, with every non-letter
    turned into a separator mark; for each entry found Python checks what a member's own reading
    (``PhraseMatcher._hits``) checks: the letters before it in its word are a clitic the member
    allows (or none), the letters after it one of its suffixes (or none), and an entry holding a
    space or another non-letter matches it as written. One pass for all members, instead of one
    pass each.

    A whole-word matcher that takes its marks from the group (the gazetteer's, see ``share_marks``)
    has its keys in the same automaton: when the two marked texts are the same string (most texts),
    the one pass finds its hits too; else its keys are read again in its own marked text."""

    def __init__(self) -> None:
        self._members: list[PhraseMatcher] = []
        self._words: PhraseMatcher | None = None
        self._auto: Any = None
        self._tail = 0  # the longest suffix of any member
        self._suffixes: frozenset[str] = frozenset()  # those of all members
        # the text last read, each member's hits (sorted) with their starts, and the whole-word
        # matcher's hits (unsorted; None when its marked text is not the one read)
        self._memo: tuple[str, list[tuple[list[int], list[_Hit]]], list[_Hit] | None] | None = None
        self._marks: tuple[str, str, str] | None = None

    def join(self, matcher: PhraseMatcher) -> int:
        self._members.append(matcher)
        self._auto = None  # built again, with the new member, when next needed
        self._memo = None
        return len(self._members) - 1

    def read_words(self, matcher: PhraseMatcher) -> None:
        """Read ``matcher`` (whole-word mode) in the group's pass, unless another one already is."""
        if self._words is None:
            self._words = matcher
            self._auto = None
            self._memo = None

    def build(self) -> Any:
        """The automaton of every member (and of the whole-word matcher read with them), made now;
        else when the group first reads a text."""
        readings: dict[str, list[_Reading]] = {}
        for member, m in enumerate(self._members):
            indexed = [(key, key, False) for key in m._payloads]
            indexed += [(bare, key, True) for bare, key in m._after_ll.items()]  # "للنظام": ل + النظام
            for said, key, after_ll in indexed:
                literal = said if any(not is_letter(c) for c in said) else None
                readings.setdefault(mark_words(said), []).append(
                    _Reading(member, len(said), key, literal, after_ll, m._clitics, m._suffixes)
                )
        auto = ahocorasick.Automaton()
        words = self._words
        if words is not None:
            words._add_whole_words(auto)
        for word, found in readings.items():
            # a key both index (none in the shipped data): one value, with both readings
            both = auto.get(word, None) if words is not None else None
            auto.add_word(word, _Entry(found[0].length, found, both))
        if len(auto):
            auto.make_automaton()
        self._tail = max((len(s) for m in self._members for s in m._suffixes), default=0)
        self._suffixes = frozenset(s for m in self._members for s in m._suffixes)
        self._auto = auto
        return auto

    def marks(self, text: str) -> tuple[str, str]:
        """``text`` marked by ``mark_words`` (exactly, by letter) and by _NOT_LETTER (what whole-word
        matchers read); the same string for most texts, computed once per text."""
        memo = self._marks
        if memo is None or memo[0] != text:
            fast = _marked_fast(text)  # most texts: no character of _UNCHECKED's, one marking
            if fast is not None:
                approx = exact = fast
            else:
                approx = mark_letters(text)
                exact = approx if _UNCHECKED.search(text) is None else mark_words(text)
            memo = (text, exact, approx)
            self._marks = memo
        return memo[1], memo[2]

    def _reading(self, text: str) -> tuple[str, list[tuple[list[int], list[_Hit]]], list[_Hit] | None]:
        """All hits in ``text``, kept for the last text asked about."""
        memo = self._memo
        if memo is None or memo[0] != text:
            found, words = self._read(text)
            memo = (text, found, words)
            self._memo = memo  # one assignment: safe for threads sharing the group
        return memo

    def hits(self, text: str, member: int) -> tuple[list[int], list[_Hit]]:
        """A member's hits in all of ``text`` (sorted) and their starts; all members' are kept for the
        last text asked about."""
        return self._reading(text)[1][member]

    def word_hits(self, text: str) -> list[_Hit]:
        """The hits of the whole-word matcher read with the group (see ``read_words``) in all of
        ``text``, as its own ``_word_hits`` finds them (unsorted)."""
        words = self._reading(text)[2]
        if words is not None:
            return words
        # its marked text is not the one the pass read: its keys alone, in its own
        marked = _SEP + self.marks(text)[1] + _SEP
        out: list[_Hit] = []
        for hit in self._auto.iter(marked):
            value = hit[1]
            word: tuple[int, str, str] | None = value.word if isinstance(value, _Entry) else value
            if word is not None:
                out.append(_word_hit(word, hit[0]))
        return out

    def _read(self, text: str) -> tuple[list[tuple[list[int], list[_Hit]]], list[_Hit] | None]:
        auto = self._auto if self._auto is not None else self.build()
        found: list[list[_Hit]] = [[] for _ in self._members]
        exact, approx = self.marks(text)
        # the whole-word matcher's hits, when it reads the same marked text
        words: list[_Hit] | None = [] if self._words is not None and exact is approx else None
        if len(auto):
            tail_max = self._tail
            any_suffix = self._suffixes
            marked = _SEP + exact + _SEP  # marked[i + 1] is text[i]
            for hit in auto.iter(marked):
                # the entry ends at text offset ``last``; its word runs between the marks around it
                last: int = hit[0]
                value = hit[1]
                # a key of the whole-word matcher alone keeps its own value (a tuple)
                entry: _Entry | None = value if isinstance(value, _Entry) else None
                if words is not None:
                    word: tuple[int, str, str] | None = entry.word if entry is not None else value
                    if word is not None:
                        words.append(_word_hit(word, last))
                if entry is None:
                    continue
                core = last - entry.length
                # a clitic is at most _LONGEST_PREFIX letters: a mark further back is no clitic's
                start = marked.rfind(_SEP, max(core - _LONGEST_PREFIX, 0), core + 1)
                if start < 0:
                    continue
                prefix = text[start:core] if start < core else ""
                if prefix and prefix not in _PREFIXES:
                    continue
                # likewise a suffix is at most tail_max letters
                after = marked.find(_SEP, last + 1, last + 2 + tail_max)
                if after < 0:
                    continue
                word_end = after - 1
                tail = ""
                if word_end > last:
                    tail = text[last:word_end]
                    if tail not in any_suffix:
                        continue
                _add_readings(found, entry.readings, text, start, core, last, word_end, prefix, tail)
        out = []
        for hits in found:
            hits.sort()
            out.append(([h[0] for h in hits], hits))
        return out, words
