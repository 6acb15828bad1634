"""Arabic search terms: the same folding and light stemming for what is indexed and what is asked.

Both back-ends index a plain string of terms (SQLite FTS5 with the ``unicode61`` tokenizer,
PostgreSQL ``to_tsvector('simple', ...)``), so matching behaves the same on both. A term is a word
after the reader's normalisation (hamza forms -> ا, ة -> ه, ى -> ي, diacritics and tatweel dropped,
Arabic-Indic digits -> ASCII, Latin lower-cased) with the definite article and its proclitics
(ال، وال، بال، فال، كال، لل) removed, so "الرقة", "بالرقه" and "رقة" are one term. A word starting
with a one-letter proclitic (و ف ب ل ك) is indexed both whole and without it, so "حلب" finds "بحلب";
the question keeps its words whole, so "بيروت" still means Beirut. Every question word matches as a
prefix ("مدني" finds "مدنيين").
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from marsad.text.normalize import normalize, normalize_str

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_ARABIC = regex.compile(r"\p{Arabic}")
ARTICLE_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")  # longest first
PROCLITICS = frozenset("وفبلك")
MIN_STEM = 2
MAX_QUERY_TERMS = 12


def stem(word: str) -> str:
    """A normalised word without its definite article (and the proclitic before it)."""
    if _ARABIC.match(word):
        for prefix in ARTICLE_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
                return word[len(prefix) :]
    return word


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize_str(text))


def word_terms(word: str) -> list[str]:
    """The terms one normalised word is indexed under."""
    term = stem(word)
    if term[0] in PROCLITICS and len(term) > MIN_STEM + 1 and _ARABIC.match(term):
        return [term, stem(term[1:])]
    return [term]


def index_terms(*parts: str | None) -> str:
    """The term string stored for a document made of ``parts`` (title, text, place names...)."""
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        for word in _words(part):
            out.extend(word_terms(word))
    return " ".join(out)


def query_terms(query: str | None) -> list[str]:
    """The terms of a question, each to be matched as a prefix; empty if nothing searchable."""
    if not query:
        return []
    terms = list(dict.fromkeys(stem(w) for w in _words(query)))
    return terms[:MAX_QUERY_TERMS]


def fts5_query(terms: Iterable[str]) -> str:
    """An FTS5 MATCH expression: every term as a quoted prefix (terms are letters/digits only)."""
    return " AND ".join(f'"{t}"*' for t in terms)


def tsquery(terms: Iterable[str]) -> str:
    """A PostgreSQL ``to_tsquery('simple', ...)`` expression with the same meaning."""
    return " & ".join(f"{t}:*" for t in terms)


def matches(terms: list[str], text: str | None) -> bool:
    """Whether every question term starts a term of ``text`` (the rule the databases apply)."""
    if not terms or not text:
        return False
    have = index_terms(text).split()
    return all(any(h.startswith(t) for h in have) for t in terms)


def snippet(text: str | None, terms: list[str], width: int = 90) -> str:
    """About ``width`` characters of ``text`` around the first word matching a term, for result lists."""
    if not text:
        return ""
    norm = normalize(text)
    for m in _WORD.finditer(norm.text):
        if any(c.startswith(t) for c in word_terms(m.group()) for t in terms):
            start, end = norm.span(m.start(), m.end())
            lo = max(0, start - width // 2)
            hi = min(len(text), end + width // 2)
            # Widen to word boundaries so the snippet does not start or end mid-word.
            while lo > 0 and not text[lo - 1].isspace():
                lo -= 1
            while hi < len(text) and not text[hi].isspace():
                hi += 1
            body = " ".join(text[lo:hi].split())
            return ("… " if lo > 0 else "") + body + (" …" if hi < len(text) else "")
    return " ".join(text[:width].split()) + (" …" if len(text) > width else "")
