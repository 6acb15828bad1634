"""Blank scraped noise out of an article and find its title, publication date and dateline.

Noise is replaced by spaces instead of being cut so that ``Doc.text`` has the length of the text as
read: evidence spans found later are then offsets into the original article, which a documenter
must be able to check against the source. Rules come from ``data/noise.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from marsad.extract.dates import parse_date, parse_date_ref
from marsad.models import Doc, RawArticle
from marsad.resources import load_yaml
from marsad.text.normalize import normalize, normalize_str

NO_DATE_WARNING = "no publication date: relative dates left unresolved"
_EDGE_PUNCT = " \t.:،,;؛!?؟…-–—|•*«»\"'()[]"
_DASHES = r"\-–—"  # escaped for use inside [...]


def _key(s: str) -> str:
    """Comparison key of a line: normalised, single-spaced, edge punctuation dropped."""
    return _spaced(normalize_str(s)).strip(_EDGE_PUNCT)


def _alt(words: list[str]) -> str:
    keys = sorted({_key(w) for w in words if _key(w)}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in k.split(" ")) for k in keys) + ")"


class NoiseRules:
    """Compiled noise, title and dateline rules from ``noise.yaml``."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data or load_yaml("noise.yaml")
        self.exact = {_key(w) for w in data["exact_lines"]}
        self.prefix = re.compile(rf"^{_alt(data['prefix_lines'])}(?!\w)")
        self.prefix_max_words = int(data["prefix_max_words"])
        self.date_label = re.compile(rf"^{_alt(data['date_labels'])}\s*[:：\-–—]?\s*(?P<rest>.+)$")
        self.date_max_words = int(data["date_line_max_words"])
        self.bare_date_top_lines = int(data["bare_date_top_lines"])
        extra = _alt(data["date_line_extra_words"])
        self.date_line_extra = re.compile(rf"\d{{1,2}}:\d{{2}}(?::\d{{2}})?|(?<!\w){extra}(?!\w)")
        self.stray_chars = tuple(data["stray_line_end"])
        stray = "".join(re.escape(c) for c in self.stray_chars)
        self.stray = re.compile(rf"(?<=\S)\s*[{stray}]+\s*$")
        self.repeat_min = int(data["repeat_min_chars"])
        self.title_max_words = int(data["title_max_words"])
        self.paragraph_min_words = int(data["paragraph_min_words"])
        self.title_bad_end = tuple(data["title_bad_endings"])
        self.cities = {_key(c) for c in data["dateline_cities"]}
        agency = _alt(data["agency_markers"])
        word = r"[^\W\d_]+"
        self.dateline = re.compile(rf"^\s*(?P<city>{word}(?:\s+{word}){{0,2}})\s*(?P<sep>[:：(«،{_DASHES}])")
        # What may follow the city: an agency in brackets or guillemets, or a dash then one.
        self.agency_after = re.compile(
            rf'^\s*[{_DASHES}:]?\s*[(«"]\s*{agency}\s*[)»"]\s*(?P<tail>[{_DASHES}:])?'
        )
        self.agency_in = re.compile(rf'[(«"]\s*{agency}\s*[)»"]')


@lru_cache(maxsize=1)
def default_rules() -> NoiseRules:
    """Shared read-only rules (compiling them for every article would dominate cleaning time)."""
    return NoiseRules()


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, without its newline."""
    start = 0
    for part in text.split("\n"):
        yield start, start + len(part)
        start += len(part) + 1


# whitespace (str.isspace) other than the space, listed: the regex engine searches a class of
# characters twice as fast as one of categories ("[^\S ]"), the same characters (tested)
_OTHER_SPACE = re.compile(
    "[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)


def _spaced(line: str, plain: bool = False) -> str:
    """``" ".join(line.split())``: most lines are single-spaced already and are not split into words.
    ``plain``: the line is known to hold no whitespace but the space (it is printable: the space is
    the only printable whitespace, tested), so it is not searched for any."""
    if (
        line
        and not line[0].isspace()
        and not line[-1].isspace()
        and (plain or _OTHER_SPACE.search(line) is None)
        and "  " not in line
    ):
        return line
    return " ".join(line.split())


def _content_span(text: str, start: int, end: int) -> tuple[int, int]:
    line = text[start:end]
    lead = len(line) - len(line.lstrip())
    return start + lead, start + len(line.rstrip())


def _looks_like_title(line: str, rules: NoiseRules) -> bool:
    s = line.strip()
    few = rules.title_max_words  # min(words, few + 1) tells whether there are at most ``few``
    return bool(s) and len(s.split(None, few)) <= few and not s.endswith(rules.title_bad_end)


def find_dateline(paragraph: str, rules: NoiseRules | None = None) -> str | None:
    """City at the start of a first paragraph ("بيروت:", "دمشق - (أ ف ب) -"), as written."""
    rules = rules or default_rules()
    norm = normalize(paragraph)
    m = rules.dateline.match(norm.text)
    if not m:
        return None
    city_key = " ".join(m.group("city").split())
    sep = m.group("sep")
    after = norm.text[m.start("sep") :]
    agency = rules.agency_after.match(after)
    known = city_key in rules.cities
    if sep in ":：-–—":
        ok = known or agency is not None
    elif sep in "(«":
        ok = agency is not None and (known or agency.group("tail") is not None)
    else:  # "،": "بيروت، 8 ديسمبر (رويترز) -"
        ok = known and rules.agency_in.search(after[:80]) is not None
    if not ok:
        return None
    return norm.orig_text(m.start("city"), m.end("city")).strip()


def _date_line(content: str, rules: NoiseRules, near_top: bool) -> str | None:
    """Publication date of a metadata line: a label and a date anywhere, or, near the top, a line
    that is nothing but a date (with time, time zone, weekday)."""
    norm = " ".join(normalize_str(content).split())
    dm = rules.date_label.match(norm)
    if dm:
        return parse_date(dm.group("rest"))
    if not near_top or not any(ch.isdigit() for ch in norm):
        return None
    ref = parse_date_ref(norm)
    if ref is None or ref.precision != "day" or ref.text is None:
        return None
    rest = rules.date_line_extra.sub(" ", norm.replace(ref.text, " "))
    return ref.start if not rest.strip(_EDGE_PUNCT + "/") else None


def _dateline(text: str, body: list[tuple[int, int]], rules: NoiseRules) -> str | None:
    """Dateline of the first real paragraph; photo captions may come before it, so short lines
    preceding it (at most two) are tried as well."""
    for s, e in body[:3]:
        line = text[s:e]
        found = find_dateline(line, rules)
        if found or len(line.split(None, rules.paragraph_min_words)) >= rules.paragraph_min_words:
            return found
    return None


def _blanked(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with every character of the ranges but newlines turned into a space."""
    if not ranges:
        return text
    parts = []
    pos = 0
    for s, e in sorted(ranges):
        s = max(s, pos)
        if e <= s:
            continue
        parts.append(text[pos:s])
        parts.append(
            "".join("\n" if ch == "\n" else " " for ch in text[s:e]) if "\n" in text[s:e] else " " * (e - s)
        )
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def clean(raw: RawArticle, rules: NoiseRules | None = None) -> Doc:
    """Blank noise lines and read title, publication date and dateline from the text."""
    rules = rules or default_rules()
    text = raw.text
    removed: list[tuple[int, int]] = []
    seen: set[str] = set()
    repeated_titles: list[str] = []
    published_in_text: str | None = None

    def blank(s: int, e: int) -> None:
        removed.append((s, e))  # within one line: blanked below, newlines kept

    kept: list[tuple[int, int]] = []  # content spans of lines left in place
    line_no = -1  # index among non-empty lines
    # normalising is per character and keeps whitespace whitespace, so the key of each line can be
    # read off one normalisation of the whole text
    norm_lines = normalize_str(text).split("\n")
    # one test for all lines instead of a search of each: no whitespace but spaces (most articles)
    plain = "".join(norm_lines).isprintable()
    short_words = max(rules.prefix_max_words, rules.date_max_words)
    for k, (ls, le) in enumerate(_lines(text)):
        s, e = _content_span(text, ls, le)
        if s >= e:
            continue
        line_no += 1
        content = text[s:e]
        key = _spaced(norm_lines[k], plain).strip(_EDGE_PUNCT)  # _key(content)
        # the words of the line as far as the tests below count them: min(words, short_words + 1)
        # (a long line is not split into all its words only to be found longer than a few)
        n_words = len(content.split(None, short_words))
        if not key or key in rules.exact:
            blank(s, e)
            continue
        if n_words <= rules.prefix_max_words and rules.prefix.match(key):
            blank(s, e)
            continue
        if n_words <= rules.date_max_words:
            iso = _date_line(content, rules, near_top=line_no < rules.bare_date_top_lines)
            if iso:
                published_in_text = published_in_text or iso
                blank(s, e)
                continue
        if key in seen and len(key) >= rules.repeat_min:
            if _looks_like_title(content, rules):
                repeated_titles.append(content.strip())
            blank(s, e)
            continue
        seen.add(key)
        stray = rules.stray.search(content) if content.endswith(rules.stray_chars) else None
        if stray:
            blank(s + stray.start(), e)
            e = s + stray.start()
        kept.append((s, e))

    title = raw.title.strip() if raw.title and raw.title.strip() else None
    body = kept
    if title is None and len(kept) > 1 and _looks_like_title(text[kept[0][0] : kept[0][1]], rules):
        title = text[kept[0][0] : kept[0][1]].strip()
        body = kept[1:]
    if title is None and repeated_titles:
        title = repeated_titles[0]
    if title and body and _key(text[body[0][0] : body[0][1]]) == _key(title):
        body = body[1:]  # the headline as the first line of the text (HTML h1, JSONL exports)
    dateline = _dateline(text, body, rules)

    published = raw.published or published_in_text
    warnings = list(raw.warnings)
    if published is None:
        warnings.append(NO_DATE_WARNING)
    return Doc(
        meta=raw,
        text=_blanked(text, removed),
        title=title,
        published=published,
        dateline=dateline,
        removed=sorted(removed),
        warnings=warnings,
    )
