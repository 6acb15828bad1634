"""Arabic search terms: the same folding and light stemming for what is indexed and what is asked.

Both back-ends index a plain string of terms (SQLite FTS5 with the ``unicode61`` tokenizer,
PostgreSQL ``to_tsvector('simple', ...)``), so matching behaves the same on both. A term is a word
after the reader's normalisation (hamza forms -> ا, ة -> ه, ى -> ي, diacritics and tatweel dropped,
Arabic-Indic digits -> ASCII, Latin lower-cased) without the definite article and its proclitics
(ال، وال، بال، فال، كال، لل), so "الرقة", "بالرقه" and "رقة" are one term. Every question word matches
as a prefix ("مدني" finds "مدنيين"). A bare Arabic question word (no article: most place names, حلب،
حمص، دوما) also matches with a one-letter proclitic (بحلب، وحمص، لدوما); one asked with the article
does not, so "الرقة" does not find "ورقة" (paper) or "فرقة" (division).
"""

from __future__ import annotations

import regex

from marsad.text.normalize import normalize, normalize_str

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_ARABIC = regex.compile(r"\p{Arabic}")
ARTICLE_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")  # longest first
PROCLITIC_FORMS = ("و", "ب", "ل", "ف", "ك", "وب", "ول")
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


def index_terms(*parts: str | None) -> str:
    """The term string stored for a document made of ``parts`` (title, text, place names...)."""
    return " ".join(stem(word) for part in parts if part for word in _words(part))


def query_terms(query: str | None) -> list[tuple[str, ...]]:
    """The question as alternatives per word (each matched as a prefix): a word matches if any of its
    alternatives does, and a document must match every word. Empty if nothing is searchable."""
    if not query:
        return []
    out: dict[str, tuple[str, ...]] = {}
    for word in _words(query):
        term = stem(word)
        if term == word and len(term) >= 3 and _ARABIC.match(term):
            out.setdefault(term, (term, *(p + term for p in PROCLITIC_FORMS)))
        else:
            out.setdefault(term, (term,))
    return list(out.values())[:MAX_QUERY_TERMS]


def shown_terms(terms: list[tuple[str, ...]]) -> list[str]:
    return [alts[0] for alts in terms]


def fts5_query(terms: list[tuple[str, ...]]) -> str:
    """An FTS5 MATCH expression: every word, as quoted prefixes (terms are letters/digits only)."""
    return " AND ".join("(" + " OR ".join(f'"{t}"*' for t in alts) + ")" for alts in terms)


def tsquery(terms: list[tuple[str, ...]]) -> str:
    """A PostgreSQL ``to_tsquery('simple', ...)`` expression with the same meaning."""
    return " & ".join("(" + " | ".join(f"{t}:*" for t in alts) + ")" for alts in terms)


def matches(terms: list[tuple[str, ...]], text: str | None) -> bool:
    """Whether every question word starts a term of ``text`` (the rule the databases apply)."""
    if not terms or not text:
        return False
    have = index_terms(text).split()
    return all(any(h.startswith(t) for h in have for t in alts) for alts in terms)


def snippet(text: str | None, terms: list[tuple[str, ...]], width: int = 90) -> str:
    """About ``width`` characters of ``text`` around the first word matching a term, for result lists."""
    if not text:
        return ""
    flat = [t for alts in terms for t in alts]
    norm = normalize(text)
    for m in _WORD.finditer(norm.text):
        if any(stem(m.group()).startswith(t) for t in flat):
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
