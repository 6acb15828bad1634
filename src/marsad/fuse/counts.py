"""When do two casualty figures agree? Shared by fusion (discrepancies) and verification.

A figure is read as the interval of tolls it is consistent with, as news uses the words: exact N ->
[N, N]; about N -> N +- 20 %; at_least/more_than N -> [N, 1.5 N] (a floor is the count so far, not
"any number above"); at_most N -> [N / 1.5, N]; vague with lower bound L -> [L, 5 L] ("dozens" 20-100,
"hundreds" 200-1000), and no number at all when L < 3 ("casualties", "several"). A producer's
explicit ``high`` is kept. Two figures agree when the gap between their intervals is at most
max(1, 10 % of the larger bound) (all factors in ``fuse.yaml``): 4 vs 5 agree, 4 vs 6 do not,
"dozens" vs 4 do not, "at least 40" vs 45 do, "at least 80" vs 242 do not.
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
        if lo is None or lo < cfg.vague_min:
            return None
        return float(lo), float(c.high) if c.high is not None else lo * cfg.vague_span
    if q in ("at_least", "more_than"):
        return float(v), float(c.high) if c.high is not None else v * (1 + cfg.open_ended)
    if q == "at_most":
        return float(c.low) if c.low is not None and c.low < v else v / (1 + cfg.open_ended), float(v)
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


def far_apart(a: MentionCount, b: MentionCount, cfg: FuseConfig | None = None) -> bool:
    """The figures differ by more than ``refute_factor`` (2): more than an update or a revision.

    Reported tolls of one incident legitimately move (a toll rises over the day, sources count
    differently); only a gross mismatch refutes a figure, while agreement needs ``agree``."""
    cfg = cfg or default_config()
    ia, ib = interval(a, cfg), interval(b, cfg)
    if ia is None or ib is None:
        return False
    f = cfg.refute_factor
    return ia[0] > f * ib[1] or ib[0] > f * ia[1]


def point(c: MentionCount) -> int | None:
    """The number a figure asserts (exact/at_least style), for best estimates."""
    if c.value is not None and c.qualifier != "vague":
        return c.value
    return None
