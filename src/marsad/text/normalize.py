"""Arabic normalisation for matching, with a map back to the original offsets.

Matching runs on normalised text (one spelling per letter, no diacritics, ASCII digits); evidence
spans must point into the text as read, so ``NormText`` keeps, for every normalised character, the
offset it came from. Most characters map one to one (``str.translate``); only deleted characters
(diacritics, tatweel, zero-width marks) shift offsets, so the index is built only when one occurs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import chain

# One-to-one replacements: letter variants, digits, quotes, separators.
_MAP: dict[int, str] = {}
for _src, _dst in {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ة": "ه",
    "ى": "ي",
    "ی": "ي",
    "ي": "ي",
    "ک": "ك",
    "ؤ": "و",
    "ئ": "ي",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "″": '"',
    "‟": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "٪": "%",
    "٫": ".",
    "٬": ",",
    "_": " ",  # hashtags join words: "#الجيش_الإسرائيلي"
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}.items():
    _MAP[ord(_src)] = _dst
for _i in range(10):
    _MAP[0x0660 + _i] = str(_i)  # Arabic-Indic digits
    _MAP[0x06F0 + _i] = str(_i)  # Extended (Persian/Urdu) digits
for _c in range(ord("A"), ord("Z") + 1):
    _MAP[_c] = chr(_c + 32)

# Characters dropped entirely: tashkeel, superscript alef, tatweel, bidi and zero-width marks.
_DELETE = (
    [chr(c) for c in range(0x064B, 0x0653)]
    + ["\u0670", "\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
_DELETED = re.compile("[" + "".join(re.escape(c) for c in _DELETE) + "]+")
_TABLE: dict[int, str | None] = dict(_MAP)
for _d in _DELETE:
    _TABLE[ord(_d)] = None


@dataclass(frozen=True, slots=True)
class NormText:
    """Normalised text plus the offset map back to the original string."""

    text: str
    original: str
    index: tuple[int, ...] | None = None  # None: identity (no character was deleted)

    def orig(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (``i`` may equal ``len(text)``)."""
        if self.index is None:
            return i
        return self.index[i]

    def from_orig(self, i: int) -> int:
        """Normalised offset of original offset ``i``: of the first character kept from ``i`` on
        (``text[from_orig(a):from_orig(b)]`` is ``original[a:b]`` normalised)."""
        if self.index is None:
            return i
        return bisect_left(self.index, i)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of a normalised half-open span."""
        if self.index is None:
            return start, end
        if end <= start:
            o = self.index[start]
            return o, o
        return self.index[start], self.index[end - 1] + 1

    def orig_text(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.original[s:e]


# The same table as (source, replacement) pairs. No replacement is the source of another pair, so
# replacing one character after the other gives what ``str.translate`` gives.
_PAIRS = tuple((chr(k), v or "") for k, v in _TABLE.items() if chr(k) != v)
_SHORT = 80  # below this many characters ``str.translate`` is the faster


def _translate(s: str) -> str:
    """``s.translate(_TABLE)``. On a longer text ``translate`` looks every character up in a dict;
    testing each of the ~90 characters it changes (a fast scan) and replacing those present takes
    a quarter of the time."""
    if len(s) < _SHORT:
        return s.translate(_TABLE)
    for src, dst in _PAIRS:
        if src in s:
            s = s.replace(src, dst)
    return s


def normalize_str(s: str) -> str:
    """Normalise a lexicon entry or query with the same rules as article text."""
    return _translate(s)


def normalize(text: str) -> NormText:
    norm = _translate(text)
    if len(norm) == len(text):
        return NormText(norm, text, None)
    # the kept offsets are the runs between deleted characters (few): built from ranges, not per character
    runs = []
    prev = 0
    for m in _DELETED.finditer(text):
        runs.append(range(prev, m.start()))
        prev = m.end()
    runs.append(range(prev, len(text) + 1))  # ... and len(text) itself, for spans ending there
    return NormText(norm, text, tuple(chain.from_iterable(runs)))
