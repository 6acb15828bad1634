"""An incident's casualty rows, once its frames are grouped: sides filled from the incident's actors,
arrests by non-state groups read as abductions, restated figures merged, breakdowns linked.

Kept apart from ``article.py`` (which groups frames into incidents) so that casualty rules live with
the casualty extractor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from marsad.extract.casualties import BOTH_SIDES, JOINT
from marsad.extract.lexicons import ATTACKERS, Lexicons
from marsad.models import ActorMention, Casualty


@dataclass(slots=True)
class Found:
    """A casualty with the sentence-level keys that tie a breakdown row to its parent."""

    key: tuple[int, int]
    parent: tuple[int, int] | None
    casualty: Casualty
    among: bool = False  # "من بين القتلى ...": part of a figure given in an earlier sentence

    def __init__(
        self, key: tuple[int, int], parent: tuple[int, int] | None, casualty: Casualty, among: bool = False
    ) -> None:
        # written out, as ``matcher.Match.__init__`` says why
        self.key = key
        self.parent = parent
        self.casualty = casualty
        self.among = among


def incident_casualties(found: list[Found], actors: list[ActorMention], lex: Lexicons) -> list[Casualty]:
    """The incident's rows, in order, with sides and measures settled."""
    _fill_sides([c.casualty for c in found], actors)
    _arrest_or_abduction([c.casualty for c in found], actors, lex)
    _link_among(found)
    _among_fighters(found)
    found = _drop_restated(found)
    return _both_sides(_dedupe_casualties(found), actors, lex)


def _among_fighters(found: list[Found]) -> None:
    """ "مقتل مستشارين إيرانيين ... ومن بين القتلى ضابط": fighters singled out among the dead are of
    the side of the fighters counted dead before them."""
    for i, f in enumerate(found):
        c = f.casualty
        if not f.among or c.group != "fighters" or c.side is not None:
            continue
        earlier = [
            g.casualty.side
            for g in found[:i]
            if g.casualty.group == "fighters" and g.casualty.side and g.casualty.measure == c.measure
        ]
        if earlier:
            c.side = earlier[-1]


def _drop_restated(found: list[Found]) -> list[Found]:
    """Rows that only restate, less precisely, a figure the incident gives:

    - a breakdown with no amount ("بينهم أطفال", "من بين القتلى قياديون"): no figure of its own;
    - a vague amount the incident then counts ("مقتل عدد من المدنيين" ... "مقتل أربعة مدنيين"),
      unless another source gives it;
    - fighters of no side, or people, where the same number of one side's fighters is counted
      ("أربعة جنود" beside "أربعة جنود روس").
    """
    kept: list[Found] = []
    for k, f in enumerate(found):
        c = f.casualty
        if f.parent is not None and c.count.value is None and (c.count.low or 0) <= 1:
            continue
        if c.count.value is None and any(
            g.casualty.count.value is not None
            and not g.among
            and g.parent is None
            and (g.casualty.measure, g.casualty.group, g.casualty.side) == (c.measure, c.group, c.side)
            and set(c.reported_by) <= set(g.casualty.reported_by)
            for g in found[k + 1 :]
        ):
            continue
        if (
            c.count.value is not None
            and (c.group == "people" or (c.group == "fighters" and c.side is None))
            and any(
                g.casualty.group == "fighters"
                and g.casualty.side is not None
                and (g.casualty.measure, g.casualty.count.value) == (c.measure, c.count.value)
                for g in found
            )
        ):
            continue
        kept.append(f)
    return kept


def _fill_sides(casualties: list[Casualty], actors: list[ActorMention]) -> None:
    """Fighters with no side named are those of the incident's only targeted armed actor."""
    sides = {a.id for a in actors if a.role == "target" and a.id != "civilians"}
    if len(sides) != 1:
        return
    side = next(iter(sides))
    for c in casualties:
        if c.group == "fighters" and c.side is None:
            c.side = side


def _arrest_or_abduction(casualties: list[Casualty], actors: list[ActorMention], lex: Lexicons) -> None:
    """ACLED codes an 'arrest' by a non-state armed group as an abduction. With no perpetrator named
    as such, the incident's armed actors stand in: all of them non-state, the arrest is an abduction."""
    perps = [lex.actors[a.id] for a in actors if a.role == "perpetrator"]
    if not perps:
        perps = [lex.actors[a.id] for a in actors if a.role == "party" and a.id != "civilians"]
    if perps and not any(p.state for p in perps):
        for c in casualties:
            if c.measure == "arrested":
                c.measure = "abducted"


def _both_sides(casualties: list[Casualty], actors: list[ActorMention], lex: Lexicons) -> list[Casualty]:
    """ "قتلى وجرحى من الطرفين": one row for each of the incident's two armed sides (none named: no side);
    "43 من العناصر المهاجمة" are the perpetrator's fighters."""
    sides = list(dict.fromkeys(a.id for a in actors if a.id != "civilians" and a.id in lex.actors))[:2]
    extra: list[Casualty] = []
    armed = [a for a in actors if a.id in lex.actors and a.id != "civilians"]
    attackers = [a.id for a in armed if a.role == "perpetrator"] or [a.id for a in armed if a.role == "party"]
    for c in casualties:
        if c.side == ATTACKERS:
            c.side = attackers[0] if attackers else None
        if c.side == JOINT:
            c.side = None
        if c.side != BOTH_SIDES:
            continue
        c.side = sides[0] if sides else None
        extra += [replace(c, side=side, reported_by=list(c.reported_by)) for side in sides[1:]]
    return casualties + extra


def _dedupe_casualties(found: list[Found]) -> list[Casualty]:
    """The same figure repeated in one incident is one row; part_of becomes an index in the list.

    A headline's "مقتل 26 عنصرا" and the body's "ما لا يقل عن 26 عنصرا" are one fact: the row with the
    more informative qualifier is kept and the reporters of both are merged.
    """
    out: list[Casualty] = []
    parents: list[tuple[int, int] | None] = []
    index_of: dict[tuple[int, int], int] = {}
    seen: dict[tuple, int] = {}
    for f in found:
        c = f.casualty
        amount = c.count.value if c.count.value is not None else ("vague", c.count.low)
        key = (c.measure, c.group, c.side, amount, f.parent is not None)
        if key in seen:
            i = seen[key]
            kept = out[i]
            if kept.count.qualifier == "exact" and c.count.qualifier != "exact":
                c.reported_by = list(dict.fromkeys([*kept.reported_by, *c.reported_by]))
                out[i] = c
            else:
                kept.reported_by += [r for r in c.reported_by if r not in kept.reported_by]
            index_of[f.key] = i
            continue
        seen[key] = index_of[f.key] = len(out)
        out.append(c)
        parents.append(f.parent)
    for c, parent in zip(out, parents, strict=True):
        c.part_of = None if parent is None else index_of.get(parent)
    return out


def _link_among(found: list[Found]) -> None:
    """Point "من بين القتلى أربعة عناصر" at the largest earlier figure of the same measure."""
    for i, f in enumerate(found):
        if not f.among or f.parent is not None:
            continue
        value = f.casualty.count.value or f.casualty.count.low or 0
        best: Found | None = None
        for g in found[:i]:
            c = g.casualty
            if g.among or g.parent is not None or c.measure != f.casualty.measure:
                continue
            if c.group not in ("people", "civilians", "fighters") or c.group == f.casualty.group:
                continue
            total = c.count.value if c.count.value is not None else c.count.low
            if total is not None and total < value:
                continue
            if best is None or (total or 0) > (best.casualty.count.value or best.casualty.count.low or 0):
                best = g
        if best is not None:
            f.parent = best.key
