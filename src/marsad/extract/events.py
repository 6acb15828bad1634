"""Event types and weapons of a clause (CODEBOOK TYPE table).

A clause is typed by its triggers. Triggers that are negated ("لم تسجل أي غارات"), hypothetical ("أي
هجوم", "الهجوم المرتقب", "هدد بقصف") or a purpose ("حشدت قواتها للهجوم على") report nothing that
happened and are dropped. Some words name an event without its kind ("الهجوم", "القصف", "الضربات"):
a clause typed only by them is *generic*, and the article decides whether it retells an event told
elsewhere or stands on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extract.lexicons import Lexicons
from marsad.extract.matcher import Match
from marsad.extract.modality import Modality, bare


# not frozen (never changed once made): a frozen dataclass takes four times as long to build, and
# thousands are built per article; hashable all the same
@dataclass(slots=True, unsafe_hash=True)
class Typing:
    type: str | None
    generic: bool = False  # named only by words that say no kind of event
    definite: bool = False  # ... and by a definite one ("القصف الذي شنه الجيش"), pointing back
    meeting: bool = False  # talks named only as a meeting ("اجتماع"، "لقاء"): talks only between parties

    def __init__(
        self, type: str | None, generic: bool = False, definite: bool = False, meeting: bool = False
    ) -> None:
        # written out, as ``matcher.Match.__init__`` says why
        self.type = type
        self.generic = generic
        self.definite = definite
        self.meeting = meeting


class EventTyper:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self._rank = {t: i for i, t in enumerate(lex.type_priority)}
        self.modality = Modality(lex, lex.event_negations)

    def triggers(self, t: str, s: int, e: int) -> list[Match]:
        """Type triggers of a clause that report something that happened; the weak ones ("انفجار")
        only when there is nothing else."""
        modality = self.modality  # called as a method: a direct call in the compiled build
        found = [m for m in self.lex.type_triggers.find(t, s, e) if modality.tells(t, m, s)]
        if found:
            return found
        return [m for m in self.lex.weak_type_triggers.find(t, s, e) if modality.tells(t, m, s)]

    def may_type(self, t: str, s: int, e: int) -> bool:
        """Whether t[s:e] holds any event trigger at all (a prefilter for ``triggers``)."""
        return self.lex.type_triggers.occurs(t, s, e) or self.lex.weak_type_triggers.occurs(t, s, e)

    def describes(self, t: str, s: int) -> bool:
        """ "وتعد المدينة آخر معاقل ...": a sentence that says what something is, not what happened."""
        first = t[s : s + 12].replace('"', " ").split()[:1]
        return bool(first) and bare(first[0]) in self.lex.description_openers

    def is_modal(self, t: str, s: int, e: int) -> str | None:
        """A call, plan or wish ("دعا إلى ...", "من المقرر أن ...") rather than an event: "terms"
        when the clause states what was agreed ("اتفق الطرفان على ..."), which is itself talks;
        "wish" for any other call or plan; None for an event."""
        cues = [m for m in self.lex.modal_cues.find(t, s, e) if m.start - s < 40]
        if not cues:
            return None
        return "terms" if all(m.payload == "terms" for m in cues) else "wish"

    def typings(self, triggers: list[Match], t: str = "", has_place: bool = True) -> list[Typing]:
        """The events a clause tells, one typing each: its violence (the first type by priority, and
        any other joined to a trigger by و: "الغارات الجوية والقصف المدفعي"), then each other kind
        (displacement, evacuation, arrests, aid) in order of mention. Talks count only in a clause
        without violence ("خرقت القوات الهدنة بقصف البلدة" is shelling). Place-bound triggers
        ("انسحاب") count only in a clause that names a place."""
        usable = [
            m
            for m in triggers
            if has_place
            or (m.key not in self.lex.place_bound_triggers and m.payload not in self.lex.place_bound_types)
        ]
        violent = [m for m in usable if m.payload in self.lex.violent_types]
        others = [m for m in usable if m.payload not in self.lex.violent_types]
        if others and all(
            (m.key in self.lex.generic_triggers and _referenced(t, m)) or _pointed_at(t, m) for m in violent
        ):
            violent = []  # "اعتقل ثلاثة يشتبه بضلوعهم في الهجوم", "وتأتي هذه الغارات بعد قمة": pointed at
        out: list[Typing] = []
        if violent:
            out.append(self._pick(violent, t))
            if out[0].type == "shelling" and any(
                m.payload == "airstrike" and m.key in self.lex.generic_triggers for m in violent
            ):
                out[0] = Typing("airstrike")  # "قصفت الطائرات الحربية": bombardment from the air
            if not out[0].generic:
                out += [Typing(x) for x in self._joined(violent, t, out[0].type)]
            if out[0].type == "territory_change" and any(m.payload == "armed_clash" for m in violent):
                out.append(Typing("armed_clash"))  # "سيطرت على البلدة إثر معارك": the fighting too
        for m in usable:
            if m.payload in self.lex.violent_types or m.key in self.lex.generic_triggers:
                continue
            if m.payload == "negotiation" and (violent or self._interview(t, m) or self._other_deal(t, m)):
                continue
            if all(_referenced(t, x) for x in usable if x.payload == m.payload):
                continue  # "الانسحاب من الاتفاق", "بموجب الاتفاق": an agreement pointed at, not made
            if all(x.type != m.payload for x in out):
                meeting = m.payload == "negotiation" and all(
                    x.key in self.lex.meeting_words and "بين" not in t[x.end : x.end + 12].split()
                    for x in usable
                    if x.payload == "negotiation"
                )  # "لقاء بين وفدي الحكومة والمعارضة" names its sides
                out.append(Typing(m.payload, meeting=meeting))
        return out

    def _interview(self, t: str, m: Match) -> bool:
        """ "في لقاء مع صحيفة", "مؤتمر صحفي": talk to the press, not between parties."""
        after = t[m.end : m.end + 24].replace('"', " ").split()[:2]
        return bool(after) and (
            after[0] in self.lex.interview_after or " ".join(after) in self.lex.interview_after
        )

    def _other_deal(self, t: str, m: Match) -> bool:
        """ "الاتفاق النووي مع إيران": an agreement on another matter than the war."""
        after = t[m.end : m.end + 12].split()[:1]
        return bool(after) and after[0] in self.lex.other_deals_after

    def pick(self, triggers: list[Match], t: str = "", has_place: bool = True) -> Typing:
        """The clause's main type (the first of ``typings``)."""
        found = self.typings(triggers, t, has_place)
        return found[0] if found else Typing(None)

    def _pick(self, triggers: list[Match], t: str) -> Typing:
        """Specific triggers outrank generic ones. A definite noun after a preposition ("بضلوعهم في
        الهجوم") points back at an event told before, so the clause's other types come first."""
        specific = [m for m in triggers if m.key not in self.lex.generic_triggers]
        pool = specific or triggers
        asserted = {m.payload for m in pool if not _referenced(t, m)}
        types = asserted or {m.payload for m in pool}
        return Typing(
            min(types, key=lambda x: self._rank.get(x, 99)),
            generic=not specific,
            definite=not specific and all(m.definite for m in pool),
        )

    def _joined(self, triggers: list[Match], t: str, main: str | None) -> list[str]:
        """Types of specific triggers joined by و to the trigger before them."""
        out: list[str] = []
        for prev, m in zip(triggers, triggers[1:], strict=False):
            if (
                m.payload != main
                and m.payload not in out
                and m.key not in self.lex.generic_triggers
                and m.prefix.startswith("و")
                and 0 <= m.start - prev.end <= 14
            ):
                out.append(m.payload)
        return out

    def compatible(self, generic_type: str, etype: str | None) -> bool:
        """May a generic reference of ``generic_type`` ("الهجوم") retell an event of ``etype``?"""
        return etype is not None and etype in self.lex.compatible_types.get(generic_type, {generic_type})

    def weapons(self, t: str, s: int, e: int) -> list[str]:
        out: list[str] = []
        for m in self.lex.weapons.find(t, s, e):
            if m.payload not in out:
                out.append(m.payload)
        return out


_REFERRING = frozenset(
    {"في", "على", "عن", "منذ", "بعد", "قبل", "اثر", "عقب", "اعقاب", "هربا من", "فرارا من", "خوفا من", "بموجب"}
)


_DEMONSTRATIVES = frozenset({"هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين", "هؤلاء"})


def _pointed_at(t: str, m: Match) -> bool:
    """ "هذه الغارات": a demonstrative points at an event told before."""
    return m.definite and t[max(0, m.start - 8) : m.start].split()[-1:] in ([d] for d in _DEMONSTRATIVES)


def _referenced(t: str, m: Match) -> bool:
    if not m.definite:
        return False
    if m.prefix.rstrip("ال").endswith(("ب", "ل")) or m.prefix.endswith("لل"):
        return True  # "بالهجوم" (ب + entry "الهجوم", or بال + "هجوم"), "للهجوم"
    before = t[max(0, m.start - 16) : m.start].split()
    return bool(before) and (before[-1] in _REFERRING or " ".join(before[-2:]) in _REFERRING)
