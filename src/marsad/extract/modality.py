"""Whether a trigger reports something that happened.

"لم تسجل أي غارات" (negated), "أي هجوم", "الهجوم المرتقب", "هدد بقصف", "قد يسفر عن مقتل" (threats,
plans, possibilities) and "لاستعادة البلدة", "اتفاق لإجلاء المقاتلين" (a purpose) tell of no event and
count no one. Event types and casualty counts both ask here, with the cue lists of ``events.yaml``.
"""

from __future__ import annotations

from marsad.extract.lexicons import Lexicons
from marsad.extract.matcher import Match
from marsad.text.patterns import any_start_within

_CAUSES = frozenset({"بسبب", "جراء", "اثر", "بعد", "عقب", "خلفيه", "نتيجه", "لان", "اعقاب"})
_PURPOSE_PREFIXES = frozenset({"ل", "ول", "فل", "لل", "ولل", "فلل"})
_SUFFIXES = ("ها", "هم", "ه")
_NAMED_AFTER = frozenset({"الشعب", "المراه"})  # "وحدات حماية الشعب/المرأة"
_STILL = frozenset({"يزال", "تزال", "يزالون", "زال", "زالت"})


def bare(word: str) -> str:
    """A word without a leading conjunction (وقال -> قال)."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def words_before(t: str, pos: int, floor: int, n: int) -> list[str]:
    return t[max(floor, pos - 10 * n) : pos].replace("،", " ").replace('"', " ").split()[-n:]


class Modality:
    def __init__(self, lex: Lexicons, negations: frozenset[str]) -> None:
        self.lex = lex
        self.negations = negations
        # the first word of each denial of several words: a pair of words is looked up only when
        # it opens with one (a pair joined by a space equals a denial only then)
        self._denial_firsts = frozenset(d.split(" ")[0] for d in lex.denials if " " in d)
        # the first word of each hypothetical cue of two words: a pair of words before a trigger
        # can be such a cue (or one after a conjunction, as ``bare`` reads it) only when it opens
        # with one
        self._cue_firsts = frozenset(c.split(" ")[0] for c in lex.hypothetical_before if c.count(" ") == 1)

    def reports(self, t: str, m: Match, floor: int = 0) -> bool:
        return self._reports(t, m, floor, words_before(t, m.start, floor, 3))

    def _reports(self, t: str, m: Match, floor: int, three: list[str]) -> bool:
        # ``three``: the words before the trigger, read once for the tests that look as far
        return not (
            self._negated(t, m, floor, three)
            or self._hypothetical(t, m, three, floor)
            or (m.prefix in _PURPOSE_PREFIXES and self._purpose(m, words_before(t, m.start, floor, 7)))
            or self.descriptive(t, m, floor)
            or self._vacating(t, m)
        )

    def _vacating(self, t: str, m: Match) -> bool:
        """ "إخلاء مطارات وقواعد عسكرية": buildings or bases vacated, not people evacuated."""
        if m.payload != "evacuation":
            return False
        after = t[m.end : m.end + 20].split()[:1]
        return bool(after) and after[0] in self.lex.vacated_objects

    def tells(self, t: str, m: Match, floor: int = 0) -> bool:
        """``reports`` and neither ``armament`` nor ``shielded``: an event trigger that tells an event.
        The three words before the trigger are split once for the tests that read them; ``shielded``
        needs "من" among the 60 characters it splits, and is not read when they hold none."""
        three = words_before(t, m.start, floor, 3)
        if not self._reports(t, m, floor, three):
            return False
        if self._armament([bare(w) for w in three]):
            return False
        if "من" not in t[max(0, m.start - 60) : m.start]:  # the window words_before(t, m.start, 0, 6) splits
            return True
        return not self._shielded([bare(w) for w in words_before(t, m.start, 0, 6)])

    def armament(self, t: str, m: Match, floor: int = 0) -> bool:
        """ "تمتلك روسيا عشرات الطائرات الحربية", "نشر منظومة صواريخ": arms held or deployed, not used."""
        return self._armament([bare(w) for w in words_before(t, m.start, floor, 3)])

    def _armament(self, three: list[str]) -> bool:
        for k, w in enumerate(three):
            if w in self.lex.armament_before:
                return self.lex.armament_media.isdisjoint(three[k + 1 :])
        return False

    def shielded(self, t: str, m: Match) -> bool:
        """ "حماية المدنيين من الغارات", "لحماية البلدة، على الأقل، من القصف": what someone is to be
        kept from (read across commas; "وحدات حماية الشعب" is a name, not a shield)."""
        return self._shielded([bare(w) for w in words_before(t, m.start, 0, 6)])

    def _shielded(self, six: list[str]) -> bool:
        if not six or six[-1] != "من":
            return False
        return any(
            w in self.lex.shield_before and (k + 1 == len(six) or six[k + 1] not in _NAMED_AFTER)
            for k, w in enumerate(six[:-1])
        )

    def descriptive(self, t: str, m: Match, floor: int = 0) -> bool:
        """ "المناطق التي سيطروا عليها", "مناطق استعادتها السلطات": a relative clause with the place as
        a pronoun says who holds it, not that it changed hands."""
        tail = t[m.start : m.end + 8]
        word = t[m.core_start : m.end]
        if (
            "عليها" not in tail
            and "عليه" not in tail
            and "عليهم" not in tail
            and not (m.payload == "territory_change" and word.endswith(_SUFFIXES))  # "مناطق استعادتها"
        ):
            return False
        before = words_before(t, m.start, floor, 2)
        return not self.lex.relative_before.isdisjoint(before)

    def negated(self, t: str, m: Match, floor: int = 0) -> bool:
        return self._negated(t, m, floor, words_before(t, m.start, floor, 3))

    def _negated(self, t: str, m: Match, floor: int, three: list[str]) -> bool:
        for k, w in enumerate(three):
            if w in self.negations or (w[:1] in "وف" and w[1:] in self.negations):  # "ولم تشن"
                # "لا تزال الاشتباكات مستمرة": "still", not "not"
                if k + 1 < len(three) and w.endswith("لا") and three[k + 1] in _STILL:
                    continue
                return True
        wide = [w[1:] if w[:1] in "وف" and len(w) > 2 else w for w in words_before(t, m.start, floor, 6)]
        return self._denied(wide)

    def _denied(self, wide: list[str]) -> bool:
        """ "نفى الضلوع في الهجوم" is no denial of the event: a denial among the words (or pairs of
        them) that names no responsibility."""
        denials = self.lex.denials
        firsts = self._denial_firsts
        last = len(wide) - 1
        for k, w in enumerate(wide):  # a denial among the words, or among pairs of them
            if w in denials or (k < last and w in firsts and w + " " + wide[k + 1] in denials):
                break
        else:
            return False
        return self.lex.responsibility_words.isdisjoint(wide)

    def hypothetical(self, t: str, m: Match, floor: int = 0) -> bool:
        """ "أي هجوم", "خوفا من هجوم", "هدد بقصف", "الهجوم المرتقب", "قد يسفر عن مقتل"."""
        return self._hypothetical(t, m, words_before(t, m.start, floor, 3))

    def _hypothetical(self, t: str, m: Match, before: list[str], floor: int = -1) -> bool:
        cues = self.lex.hypothetical_before
        for w in before:  # a cue as written or without its conjunction (a direct call, not map's)
            if w in cues or bare(w) in cues:
                return True
        # ... or a pair of words: one only where its first word (bare or not) opens a cue of two
        firsts = self._cue_firsts
        for k in range(len(before) - 1):
            a = before[k]
            c = ord(a[0])  # "و" or "ف", what ``bare`` takes off (no one-letter string made)
            if a in firsts or ((c == 0x648 or c == 0x641) and a[1:] in firsts):
                w = a + " " + before[k + 1]
                if w in cues or bare(w) in cues:
                    return True
        # "قد" before an imperfect verb is "may" ("قد يسفر"); before a perfect it is "has" ("قد قتل")
        if "قد" in before and any(
            a == "قد" and b[:1] in "يت" for a, b in zip(before, before[1:], strict=False)
        ):
            return True
        # ... and governs what follows in its clause ("السفن قد تساعد في اعتراض الصواريخ"), as a future
        # verb does ("سيشن التحالف قريبا معركة شاملة")
        # (not read where none of the strings a match of lex.may begins with is: nine triggers in ten)
        starts = self.lex.may_starts
        if 0 <= floor < m.start and (starts is None or any_start_within(t, floor, m.start, starts)):
            found = self.lex.may_spans(t, floor, m.start)  # lex.may's finditer spans
            # ... up to a cause it names: "ستشن هجوما بسبب الهجوم الكيماوي في دوما"
            if found and _CAUSES.isdisjoint(t[found[-1][1] : m.start].split()):
                return True
        # "الهجوم المرتقب", and "معركة إدلب المرتقبة" (the place between)
        after = t[m.end : m.end + 30].replace('"', " ").split()[:2]
        return any(w in self.lex.planned_after for w in after)

    def purpose(self, t: str, m: Match, floor: int = 0) -> bool:
        """ "لاستعادة", "للهجوم على": a verbal noun after ل says what for, not what happened; not
        after "تعرضت" ("تعرضت لقصف", "تعرض بلدة الزبداني في ريف دمشق لهجوم") or "التوصل"."""
        if m.prefix not in _PURPOSE_PREFIXES:
            return False
        return self._purpose(m, words_before(t, m.start, floor, 7))

    def _purpose(self, m: Match, three: list[str]) -> bool:
        if m.prefix not in _PURPOSE_PREFIXES:
            return False
        for word in map(bare, three):
            stems = {word, *(word[: -len(x)] for x in _SUFFIXES if word.endswith(x))}
            if stems & self.lex.purpose_exempt_before:
                return False
        return True
