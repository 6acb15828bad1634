"""Arabic normalisation for matching, with a map back to the original offsets.

Matching runs on normalised text (one spelling per letter, no diacritics, ASCII digits); evidence
spans must point into the text as read, so ``NormText`` keeps, for every normalised character, the
offset it came from. Most characters map one to one (``str.translate``); only deleted characters
(diacritics, tatweel, zero-width marks) shift offsets, so the index is built only when one occurs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

from marsad.text.charmap import CharMap

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
_DELETED_ONE = "[" + "".join(re.escape(c) for c in _DELETE) + "]"
# a run of them: the class twice ("[..][..]*", not "[..]+"): a pattern opening with a class is
# searched by scanning for its characters, one opening with a repeat is tried at every position
# (2.7 times slower over an article)
_DELETED = re.compile(_DELETED_ONE + _DELETED_ONE + "*")
_TABLE: dict[int, str | None] = dict(_MAP)
for _d in _DELETE:
    _TABLE[ord(_d)] = None


@dataclass(frozen=True, slots=True)
class NormText:
    """Normalised text plus the offset map back to the original string."""

    text: str
    original: str
    # None: identity (no character was deleted). Else the runs of kept characters, as two lists: where
    # each run starts in ``text`` and where in ``original`` (a run maps one to one); the last run goes
    # on to ``len(text)``, which maps to ``len(original)``. A few runs instead of one offset per
    # character: building that tuple was two thirds of normalising an article that deletes any.
    runs: tuple[list[int], list[int]] | None = None

    @property
    def index(self) -> tuple[int, ...] | None:
        """The original offset of every normalised offset ``0..len(text)`` (what ``runs`` compress)."""
        if self.runs is None:
            return None
        return tuple(self.orig(i) for i in range(len(self.text) + 1))

    def orig(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (``i`` may equal ``len(text)``)."""
        runs = self.runs
        if runs is None:
            return i
        starts = runs[0]
        k = bisect_right(starts, i) - 1
        return runs[1][k] + (i - starts[k])

    def from_orig(self, i: int) -> int:
        """Normalised offset of original offset ``i``: of the first character kept from ``i`` on
        (``text[from_orig(a):from_orig(b)]`` is ``original[a:b]`` normalised)."""
        runs = self.runs
        if runs is None:
            return i
        starts, origs = runs
        k = bisect_right(origs, i) - 1
        if k < 0:
            return 0
        # the run starting at origs[k] ends where the next one starts in ``text``
        run_end = starts[k + 1] if k + 1 < len(starts) else len(self.text) + 1
        inside = starts[k] + (i - origs[k])
        return inside if inside < run_end else run_end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of a normalised half-open span."""
        if self.runs is None:
            return start, end
        if end <= start:
            o = self.orig(start)
            return o, o
        return self.orig(start), self.orig(end - 1) + 1

    def orig_text(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.original[s:e]


# The same table as (source, replacement) pairs. No replacement is the source of another pair, so
# replacing one character after the other gives what ``str.translate`` gives.
_PAIRS = tuple((chr(k), v or "") for k, v in _TABLE.items() if chr(k) != v)
_SHORT: Final = 80  # below this many characters ``str.translate`` is the faster
_REPLACE = dict(_PAIRS)
_COMMON_LETTERS = "أإآةىؤئ"  # in more than half of the articles
_COMMON = tuple((src, dst) for src, dst in _PAIRS if src in _COMMON_LETTERS)
_RARE = re.compile("[" + "".join(re.escape(src) for src, _ in _PAIRS if src not in _COMMON_LETTERS) + "]")


# The 256 characters raw Arabic news is written in (ASCII, the Arabic letters, marks, digits and
# punctuation, the commonest Persian letters and digits, the spaces, quotes, dashes and bidi marks
# of general punctuation): a text of these alone is mapped through a CharMap to what each becomes, a
# deleted one to _DROP (a non-character, which none of them becomes; dropped after). A sixth of the
# time of ``translate`` on a short text, and half that of the replacements below on a long one.
_DROP: Final = "\uffff"
_FAST: Final = "".join(
    chr(c)
    for c in (
        *range(0x80),
        *(0x60C, 0x61B, 0x61C, 0x61F),
        *range(0x621, 0x63B),
        *range(0x640, 0x653),
        *range(0x660, 0x66E),
        *range(0x670, 0x674),
        *(0x67E, 0x686, 0x698, 0x6A4, 0x6A8, 0x6A9, 0x6AF, 0x6CC),
        *range(0x6F0, 0x6FA),
        *(0xA0, 0xAB, 0xBB, 0xB0, 0xA9, 0x2009),
        *range(0x200B, 0x2028),
        *range(0x202A, 0x2030),
        *(0x2032, 0x2033),
    )
)
_FAST_NORM: Final = CharMap(_FAST, "".join(_TABLE.get(ord(c), c) or _DROP for c in _FAST))


def _translate(s: str) -> str:
    """``s.translate(_TABLE)``, through the charmap tables when every character of ``s`` is one of
    _FAST."""
    out = _FAST_NORM.apply(s)
    if out is None:
        return _translate_slow(s)
    if _DROP in out:
        out = out.replace(_DROP, "")
    # the object the slow path gives: ``s`` itself when a long text is left as it was
    return s if len(s) >= _SHORT and out == s else out


def _translate_slow(s: str) -> str:
    """``s.translate(_TABLE)``. On a longer text ``translate`` looks every character up in a dict;
    replacing only the characters present takes a quarter of the time. The letters nearly every
    Arabic text holds are tested one by one (found at once); the others, by one scan with a class
    of them all, instead of one scan each."""
    if len(s) < _SHORT:
        return s.translate(_TABLE)
    for src, dst in _COMMON:
        if src in s:
            s = s.replace(src, dst)
    found = _RARE.findall(s)
    if found:
        for src in set(found):
            s = s.replace(src, _REPLACE[src])
    return s


def normalize_str(s: str) -> str:
    """Normalise a lexicon entry or query with the same rules as article text."""
    return _translate(s)


def normalize(text: str) -> NormText:
    norm = _translate(text)
    if len(norm) == len(text):
        return NormText(norm, text, None)
    # the kept offsets are the runs between deleted characters (few)
    starts: list[int] = []
    origs: list[int] = []
    prev = 0
    kept = 0
    for m in _DELETED.finditer(text):
        gap = m.start()
        if gap > prev:
            starts.append(kept)
            origs.append(prev)
            kept += gap - prev
        prev = m.end()
    starts.append(kept)  # the last run, possibly empty: it holds len(text) itself
    origs.append(prev)
    return NormText(norm, text, (starts, origs))
