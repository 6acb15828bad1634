"""Actors (who fought whom) and sources (who said so), with their roles.

Roles come from the few words before a name: "شنه تنظيم الدولة" makes a perpetrator, "على مواقع
النظام" a target, "بين قوات النظام والفصائل" parties. A source counts as the reporter of a sentence only
when a reporting word governs it ("أفاد المرصد", "وفقا لـ", "نقلت وكالة"); an outlet that is merely
spoken to ("قال ... لوكالة فرانس برس") is not the reporter.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extract.casualties import ActorSpan
from marsad.extract.lexicons import Lexicons
from marsad.extract.matcher import Match


@dataclass(slots=True)
class ActorHit:
    start: int
    end: int
    id: str
    role: str
    adjective: bool


def _words_before(t: str, pos: int, n: int, floor: int = 0) -> list[str]:
    return t[max(floor, pos - 40) : pos].replace('"', " ").replace("،", " ، ").split()[-n:]


def _tails(words: list[str]) -> list[str]:
    """The last one, two and three words joined, to test against multi-word cues."""
    return [" ".join(words[-k:]) for k in (1, 2, 3) if len(words) >= k]


def _bare(word: str) -> str:
    """A word without a leading conjunction (وقال -> قال)."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


class ActorFinder:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex

    def find(self, t: str, s: int, e: int) -> list[ActorHit]:
        hits: list[ActorHit] = []
        for m in self.lex.actor_matcher.find(t, s, e):
            actor_id, adjective = m.payload
            if actor_id in self.lex.countries and not adjective and self._country_is_place(t, m, s):
                continue
            role = self._role(t, m, s, adjective)
            if actor_id == "civilians" and role != "target":
                continue
            hits.append(ActorHit(m.start, m.end, actor_id, role, adjective))
        return hits

    def _country_is_place(self, t: str, m: Match, floor: int) -> bool:
        if m.prefix in ("ب", "ل", "ال", "لل") or m.prefix.endswith(("ب", "ل")):
            return m.prefix.endswith("ب")  # "بتركيا" is a place; "لروسيا" an addressee/party
        words = _words_before(t, m.start, 2, floor)
        return any(tail in self.lex.country_as_place_before for tail in _tails(words))

    def _role(self, t: str, m: Match, floor: int, adjective: bool) -> str:
        lex = self.lex
        if adjective:
            # "جنديين تركيين": a nisba on a person counted is whose they are; on a weapon or force
            # ("الغارات الروسية") it names its user
            before = [n for n in lex.nouns.find(t, max(floor, m.start - 25), m.start) if n.end <= m.start]
            if before and t[before[-1].end : m.start].strip() == "":
                return "target"
            return "perpetrator"
        words = [_bare(w) for w in _words_before(t, m.start, 3, floor)]
        if m.prefix.endswith("ل") and words and words[-1] in lex.perpetrator_attack_nouns:
            return "perpetrator"
        # an attack noun with the actor in construct: "قصف قوات النظام"
        for tail in _tails(words):
            if tail in lex.target_before:
                return "target"
            if tail in lex.perpetrator_before:
                return "perpetrator"
            if tail in lex.party_before:
                return "party"
        after = [_bare(w) for w in t[m.end : m.end + 25].replace('"', " ").split()[:2]]
        if any(w in lex.perpetrator_after for w in after):
            return "perpetrator"
        return "party"

    def spans(self, hits: list[ActorHit]) -> list[ActorSpan]:
        out = []
        for h in hits:
            info = self.lex.actors[h.id]
            out.append(ActorSpan(h.start, h.end, h.id, info.side, armed=h.id != "civilians"))
        return out


class SourceFinder:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex

    def mentions(self, t: str, s: int, e: int) -> list[Match]:
        return [m for m in self.lex.source_matcher.find(t, s, e) if m.payload is not None]

    def reporters(self, t: str, s: int, e: int, mentions: list[Match] | None = None) -> list[str]:
        """Source ids a reporting cue attributes this sentence to, in order of mention."""
        lex = self.lex
        out: list[str] = []
        for m in mentions if mentions is not None else self.mentions(t, s, e):
            raw_words = _words_before(t, m.start, 3, s)
            words = [w if w in lex.report_cues or w in lex.addressee_ok else _bare(w) for w in raw_words]
            if words and (words[-1] in lex.not_reporter_before or raw_words[-1] in lex.not_reporter_before):
                continue  # "تفيد التقارير بسيطرة الجيش": what is reported on, not who reports
            governed = any(w in lex.report_cues for w in words) or any(
                " ".join(words[k : k + 2]) in lex.report_cues for k in range(len(words) - 1)
            )
            after = [_bare(w) for w in t[m.end : min(e, m.end + 30)].replace('"', " ").split()[:3]]
            if not governed:
                governed = any(w in lex.report_cues_after for w in after) or (
                    " ".join(after[:2]) in lex.report_cues_after
                )
            if m.prefix.endswith("ل") and not (words and words[-1] in lex.addressee_ok):
                governed = False  # the addressee of a statement, not its author
            if governed and m.payload not in out:
                out.append(m.payload)
        return out

    def carried(self, t: str, s: int, prev_reporters: list[str], prev_mentions: list[str]) -> list[str]:
        """The sources a sentence without its own reporter takes from the sentence before.

        "وأضاف أن ..." goes on with the last speaker, or with a source the sentence before only named;
        "وقال جيفري إن ..." goes on only with a source that was reporting; "وقال مسؤول آخر" or
        "وقالت الولايات المتحدة" is a new speaker.
        """
        words = t[s : s + 40].replace(":", " : ").split()[:2]
        if not words or words[0] not in self.lex.continuation:
            return []
        if len(words) == 1 or words[1] in self.lex.continuation_subjectless or words[1].startswith('"'):
            return list(prev_reporters) or list(dict.fromkeys(prev_mentions))
        if _bare(words[1]) in self.lex.new_speaker or words[1] in self.lex.new_speaker:
            return []
        nxt = t.find(words[1], s + len(words[0]))
        if any(m.start == nxt for m in self.lex.actor_matcher.find(t, nxt, min(len(t), nxt + 60))):
            return []
        return list(prev_reporters)
