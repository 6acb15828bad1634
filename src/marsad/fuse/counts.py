"""When do two casualty figures agree? Shared by fusion (discrepancies) and verification.

A figure is read as an interval: exact N -> [N, N]; at_least/more_than N -> [N, inf);
at_most N -> [0, N]; about N -> N +- 20 %; vague -> [low, high or inf). Two figures agree when the
gap between their intervals is at most max(1, 10 % of the larger bound) (``fuse.yaml``), so
4 vs 5 agree, 4 vs 6 do not, and 4 vs "dozens" (low 20) do not.
"""

from __future__ import annotations

import math

from marsad.fuse.mention import MentionCount
from marsad.fuse.rules import FuseConfig, default_config

INF = math.inf


def interval(c: MentionCount, cfg: FuseConfig | None = None) -> tuple[float, float] | None:
    """Bounds of a figure, or None when it says nothing numeric."""
    cfg = cfg or default_config()
    q, v = c.qualifier, c.value
    if q == "vague" or v is None:
        lo = c.low if c.low is not None else v
        if lo is None:
            return None
        hi = c.high if c.high is not None else INF
        return float(lo), float(hi)
    if q in ("at_least", "more_than"):
        return float(v), float(c.high) if c.high is not None else INF
    if q == "at_most":
        return float(c.low or 0), float(v)
    if q == "about":
        return v * (1 - cfg.tol_about), v * (1 + cfg.tol_about)
    lo = c.low if c.low is not None and c.low < v else v
    hi = c.high if c.high is not None and c.high > v else v
    return float(lo), float(hi)


def agree(a: MentionCount, b: MentionCount, cfg: FuseConfig | None = None) -> bool | None:
    """True/False when the figures are (in)compatible; None when one carries no number."""
    cfg = cfg or default_config()
    ia, ib = interval(a, cfg), interval(b, cfg)
    if ia is None or ib is None:
        return None
    gap = max(ia[0] - ib[1], ib[0] - ia[1], 0.0)
    if gap == 0:
        return True
    scale = max(x for x in (ia[0], ia[1], ib[0], ib[1]) if x != INF)
    return gap <= max(cfg.tol_abs, cfg.tol_rel * scale)


def point(c: MentionCount) -> int | None:
    """The number a figure asserts (exact/at_least style), for best estimates."""
    if c.value is not None and c.qualifier != "vague":
        return c.value
    return None
