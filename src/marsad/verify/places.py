"""Loose comparison of English place names across datasets ("Douma"/"Duma", "Al-Bab"/"al Bab")."""

from __future__ import annotations

import math
import re
from functools import lru_cache

_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|ash|at|az|an)[-\s']+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_VOWELS = re.compile(r"[aeiouyw]")


@lru_cache(maxsize=65536)
def norm_name(name: str | None) -> str:
    s = (name or "").strip().lower()
    s = _ARTICLE.sub("", s)
    return _NON_ALNUM.sub("", s)


@lru_cache(maxsize=65536)
def skeleton(name: str | None) -> str:
    """Consonant skeleton, so transliteration variants of vowels compare equal."""
    s = norm_name(name)
    if not s:
        return ""
    return re.sub(r"(.)\1+", r"\1", s[0] + _VOWELS.sub("", s[1:]))


def same_name(a: str | None, b: str | None) -> bool:
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    sa, sb = skeleton(a), skeleton(b)
    return len(sa) >= 2 and sa == sb  # callers also require the same governorate


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))
