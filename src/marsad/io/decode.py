"""Bytes to text for scraped Arabic files whose encoding nobody recorded.

Most inputs are UTF-8, but older Arabic sites and Windows tools still write windows-1256 (cp1256) or
ISO-8859-6, and a wrong guess silently produces mojibake that no later stage can detect. So: BOMs
first, strict UTF-8 next, then the Arabic single-byte code pages, accepted only when the result is
mostly Arabic letters; charset-normalizer is the last resort for anything else.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SINGLE_BYTE = ("cp1256", "iso8859_6")


_ARABIC_RANGES = "\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
_ARABIC_LETTER = re.compile(f"[{_ARABIC_RANGES}]")
_ARABIC_RUN = re.compile(f"[{_ARABIC_RANGES}]+")
# Letters of the other scripts news text comes in (Latin, Greek, Cyrillic, Hebrew, Indic, CJK,
# Hangul); runs are counted because per-character matching is several times slower.
_OTHER_RUN = re.compile(
    "[A-Za-z\u00c0-\u024f\u0370-\u052f\u0590-\u05ff\u0900-\u0dff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+"
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SAMPLE = 50_000  # characters enough to judge language and encoding


def is_arabic_letter(ch: str) -> bool:
    return _ARABIC_LETTER.match(ch) is not None


def arabic_ratio(text: str) -> tuple[float, int]:
    """Share of letters that are Arabic, and the number of letters looked at (first 50k chars)."""
    sample = text[:_SAMPLE]
    arabic = sum(map(len, _ARABIC_RUN.findall(sample)))
    letters = arabic + sum(map(len, _OTHER_RUN.findall(sample)))
    return (arabic / letters if letters else 0.0), letters


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    """Too many control characters for prose (NULs are checked before decoding)."""
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def decode_bytes(data: bytes, path: str) -> str:
    """Decode file contents; raise ``ValueError`` with a one-line reason when it is not text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise_newlines(data.decode(enc))
            except UnicodeDecodeError as exc:
                raise ValueError(f"undecodable {enc} text after byte-order mark ({exc.reason})") from None
    if b"\x00" in data[:65536]:
        raise ValueError("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if _looks_binary(text):
            raise ValueError("binary file (control characters)")
        return _normalise_newlines(text)
    best: tuple[float, str] | None = None
    for enc in _SINGLE_BYTE:
        try:
            candidate = data.decode(enc)
        except UnicodeDecodeError:
            continue
        ratio, letters = arabic_ratio(candidate[:50000])
        if letters and ratio >= 0.5 and (best is None or ratio > best[0]):
            best = (ratio, candidate)
    if best is not None and not _looks_binary(best[1]):
        return _normalise_newlines(best[1])
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        raise ValueError("undecodable: not UTF-8, cp1256 or ISO-8859-6 text")
    text = str(match)
    if _looks_binary(text):
        raise ValueError("binary file (control characters)")
    return _normalise_newlines(text)
