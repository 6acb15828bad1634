"""Event types and weapons of a clause (CODEBOOK TYPE table)."""

from __future__ import annotations

from marsad.extract.lexicons import Lexicons
from marsad.extract.matcher import Match


class EventTyper:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self._rank = {t: i for i, t in enumerate(lex.type_priority)}

    def _negated(self, t: str, m: Match, floor: int) -> bool:
        words = t[max(floor, m.start - 30) : m.start].split()[-3:]
        return any(w in self.lex.event_negations for w in words)

    def triggers(self, t: str, s: int, e: int) -> list[Match]:
        """Type triggers of a clause that report something that happened (not negated); the weak
        ones ("انفجار") only when there is nothing else."""
        found = [m for m in self.lex.type_triggers.find(t, s, e) if not self._negated(t, m, s)]
        if found:
            return found
        return [m for m in self.lex.weak_type_triggers.find(t, s, e) if not self._negated(t, m, s)]

    def is_modal(self, t: str, s: int, e: int) -> bool:
        """A call, plan or wish ("دعا إلى ...", "من المقرر أن ...") rather than an event."""
        return any(m.start - s < 40 for m in self.lex.modal_cues.find(t, s, e))

    def pick(self, triggers: list[Match], t: str = "") -> str | None:
        """The clause's type. A definite noun after a preposition ("بضلوعهم في الهجوم") points back at
        an event told before, so the clause's other types come first."""
        if not triggers:
            return None
        asserted = {m.payload for m in triggers if not _referenced(t, m)}
        types = asserted or {m.payload for m in triggers}
        return min(types, key=lambda x: self._rank.get(x, 99))

    def weapons(self, t: str, s: int, e: int) -> list[str]:
        out: list[str] = []
        for m in self.lex.weapons.find(t, s, e):
            if m.payload not in out:
                out.append(m.payload)
        return out


_REFERRING = frozenset(
    {"في", "على", "عن", "منذ", "بعد", "قبل", "اثر", "عقب", "اعقاب", "هربا من", "فرارا من", "خوفا من"}
)


def _referenced(t: str, m: Match) -> bool:
    if not m.definite:
        return False
    if m.prefix.rstrip("ال").endswith(("ب", "ل")) or m.prefix.endswith("لل"):
        return True  # "بالهجوم" (ب + entry "الهجوم", or بال + "هجوم"), "للهجوم"
    before = t[max(0, m.start - 16) : m.start].split()
    return bool(before) and (before[-1] in _REFERRING or " ".join(before[-2:]) in _REFERRING)
