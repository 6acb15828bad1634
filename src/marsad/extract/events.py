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
        """Type triggers of a clause that report something that happened (not negated)."""
        return [m for m in self.lex.type_triggers.find(t, s, e) if not self._negated(t, m, s)]

    def is_modal(self, t: str, s: int, e: int) -> bool:
        """A call, plan or wish ("دعا إلى ...", "من المقرر أن ...") rather than an event."""
        return any(m.start - s < 40 for m in self.lex.modal_cues.find(t, s, e))

    def pick(self, triggers: list[Match]) -> str | None:
        types = {m.payload for m in triggers}
        if not types:
            return None
        return min(types, key=lambda x: self._rank.get(x, 99))

    def weapons(self, t: str, s: int, e: int) -> list[str]:
        out: list[str] = []
        for m in self.lex.weapons.find(t, s, e):
            if m.payload not in out:
                out.append(m.payload)
        return out
