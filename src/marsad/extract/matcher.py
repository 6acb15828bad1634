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
from typing import Any

import ahocorasick

from marsad.text.normalize import normalize_str

# Clitic strings allowed before a word (conjunction + preposition + article), longest first.
_PREFIXES = frozenset(
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
_DEFINITE = ("ال", "لل")
# Separator mark for word_end matching: anything that is not a letter (or tatweel).
_SEP = "\x01"
# Anything but a letter of the Latin, Greek, Cyrillic or Arabic blocks (a class of ranges is fast).
_NOT_LETTER = re.compile(
    "[^A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0621-\u063a\u0640-\u064a"
    "\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f]"
)
# Attached object/possessive pronouns a verb or verbal noun may carry ("تقدمها", "قصفهم").
PRONOUN_SUFFIXES = frozenset({"ه", "ها", "هم", "هما", "هن", "وا"})


def is_letter(ch: str) -> bool:
    return ch.isalpha() or ch == "ـ"


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # including clitics
    end: int
    core_start: int  # where the entry itself starts
    key: str  # the normalised entry
    payload: Any
    prefix: str

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
        word_end: bool = False,
    ) -> None:
        self._clitics = clitics
        self._suffixes = suffixes
        # word_end: entries end where a word ends (no suffixes). The automaton then runs over the
        # text with every non-letter turned into one separator mark, with the mark ending each key,
        # so the thousands of names hidden inside longer words never reach Python at all (a
        # gazetteer of 10,000 village names).
        self._word_end = word_end and not suffixes
        self._payloads: dict[str, list[Any]] = {}
        for phrase, payload in entries:
            key = " ".join(normalize_str(phrase).split())
            if key:
                bucket = self._payloads.setdefault(key, [])
                if payload not in bucket:  # spelling variants normalise to one key
                    bucket.append(payload)
        # "للنظام" is ل + النظام with the article's alef dropped: index "النظام" also as "نظام",
        # valid only after a clitic ending in "لل".
        self._after_ll: dict[str, str] = {}
        if clitics:
            for key in list(self._payloads):
                bare = key[2:]
                # (a gazetteer's short bare forms, "علي" of "العلي", would only hit common words)
                shortest = 4 if self._word_end else 2
                if key.startswith("ال") and len(bare) >= shortest and bare not in self._payloads:
                    self._after_ll.setdefault(bare, key)
        self._auto = ahocorasick.Automaton()
        for key in (*self._payloads, *self._after_ll):
            if self._word_end:
                self._auto.add_word(_NOT_LETTER.sub(_SEP, key) + _SEP, key)
            else:
                self._auto.add_word(key, key)
        if self._payloads:
            self._auto.make_automaton()

    def __len__(self) -> int:
        return len(self._payloads)

    def payloads(self, key: str) -> list[Any]:
        return self._payloads.get(key, [])

    def _word_end_hits(self, text: str, start: int, stop: int) -> list[tuple[int, int, int, int, str, str]]:
        """Hits of a word_end automaton: each ends a word, so only the clitics before it are checked
        (with the separator marks, in C)."""
        marked = _NOT_LETTER.sub(_SEP, text) + _SEP
        prefixes = _PREFIXES if self._clitics else frozenset({""})
        out: list[tuple[int, int, int, int, str, str]] = []
        for last, key in self._auto.iter(marked, start, stop + 1):
            end_pos = last  # the separator after the entry
            core_start = end_pos - len(key)
            if core_start == 0 or marked[core_start - 1] == _SEP:
                word_start, prefix = core_start, ""  # the common case: a whole word
            else:
                word_start = marked.rfind(_SEP, max(0, core_start - 5), core_start) + 1
                if word_start == 0 and core_start > 4:
                    continue  # more than a clitic's letters before the entry
                prefix = text[word_start:core_start]
                if prefix not in prefixes:
                    continue
            if word_start < start:
                continue
            if key in self._after_ll:
                if not prefix.endswith("لل"):
                    continue
                key, prefix = self._after_ll[key], prefix[:-1]
            out.append((word_start, word_start - end_pos, len(prefix), end_pos, key, prefix))
        return out

    def _hits(self, text: str, start: int, stop: int) -> list[tuple[int, int, int, int, str, str]]:
        candidates: list[tuple[int, int, int, int, str, str]] = []
        for last, key in self._auto.iter(text, start, stop):
            core_start = last - len(key) + 1
            end_pos = last + 1
            if end_pos < len(text) and is_letter(text[end_pos]):
                tail_end = end_pos
                while tail_end < len(text) and is_letter(text[tail_end]) and tail_end - end_pos < 3:
                    tail_end += 1
                if text[end_pos:tail_end] not in self._suffixes or (
                    tail_end < len(text) and is_letter(text[tail_end])
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
            if word_start < start:
                continue
            if key in self._after_ll:
                if not prefix.endswith("لل"):
                    continue
                key, prefix = self._after_ll[key], prefix[:-1]  # report the ل as the clitic, ال as the entry
            # at equal extent the entry that covers more of the word wins: "لبنان" over ل + "بنان"
            candidates.append((word_start, -(end_pos - word_start), len(prefix), end_pos, key, prefix))
        return candidates

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Non-overlapping matches in ``text[start:end]``, left to right, one per payload."""
        if not self._payloads:
            return []
        stop = len(text) if end is None else end
        if self._word_end:
            candidates = self._word_end_hits(text, start, stop)
        else:
            candidates = self._hits(text, start, stop)
        candidates.sort()
        out: list[Match] = []
        pos = -1
        for s, _neg, _plen, e, key, prefix in candidates:
            if s < pos:
                continue
            core = s + len(prefix)
            for payload in self._payloads[key]:
                out.append(Match(s, e, core, key, payload, prefix))
            pos = e
        return out
