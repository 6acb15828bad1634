"""Tolls: "ارتفع عدد القتلى المدنيين إلى 32", "ارتفع إلى 29 على الأقل عدد مقاتلي الفصائل ممن قضوا".

Monitors report running totals with a toll noun (عدد، حصيلة) and a toll verb (ارتفع، بلغ، وصل). The
figure stands after "إلى" or right after the description, or between the verb and the noun; what is
counted is described after the noun: its measure by a measure noun or verb (القتلى، الجرحى، قضوا),
its group by a group noun (المدنيين، مقاتلي) and, for fighters, its side by the actor named there.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extract.lexicons import Lexicons, Noun
from marsad.extract.matcher import Match
from marsad.models import Count
from marsad.text.numbers import Quantity

_DESCRIPTION = 90  # characters a description may run after the toll noun


@dataclass(slots=True)
class Toll:
    measure: str
    group: str
    side: str | None
    quantity: Quantity
    start: int  # the evidence, from the toll noun or the figure, whichever comes first
    end: int
    nouns: list[int]  # indexes of the nouns the description used

    def __init__(
        self,
        measure: str,
        group: str,
        side: str | None,
        quantity: Quantity,
        start: int,
        end: int,
        nouns: list[int],
    ) -> None:
        # written out, as ``matcher.Match.__init__`` says why
        self.measure = measure
        self.group = group
        self.side = side
        self.quantity = quantity
        self.start = start
        self.end = end
        self.nouns = nouns


class TollReader:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex

    def find(
        self,
        t: str,
        s: int,
        e: int,
        quantities: list[Quantity],
        nouns: list[Match],
        triggers: list[Match],
        actors: list,
    ) -> list[Toll]:
        out: list[Toll] = []
        if not quantities:
            return out
        for m in self.lex.toll_noun_matcher.find(t, s, e):
            if t[m.end : m.end + 4].split()[:1] == ["من"]:
                continue  # "عدد من الصواريخ" is an amount, not a toll
            toll = self._read(t, s, e, m.start, m.end, quantities, nouns, triggers, actors)
            if toll is not None:
                out.append(toll)
        return out

    def _read(
        self,
        t: str,
        s: int,
        e: int,
        start: int,
        end: int,
        quantities: list[Quantity],
        nouns: list[Match],
        triggers: list[Match],
        actors: list,
    ) -> Toll | None:
        verb = self._verb_near(t, s, e, start, end)
        if verb is None:
            return None
        stop = min(e, end + _DESCRIPTION)
        after = [q for q in quantities if end <= q.start < stop]
        before = [q for q in quantities if verb <= q.start < start]
        # "... ارتفع إلى 1181": the figure the verb reaches, not a date's day inside the description
        reached = [q for q in after + before if _word_before(t, q.start) in ("الي", "لتصل", "ليصل")]
        quantity = reached[0] if reached else before[-1] if before else (after[0] if after else None)
        if quantity is None:
            return None
        counted = [
            i
            for i, n in enumerate(nouns)
            if n.start >= quantity.end and t[quantity.end : n.start].strip() in ("", "من")
        ]
        desc_end = quantity.start if quantity.start > end else stop
        desc_end = min(desc_end, _clause_end(t, end, stop))
        described = [i for i, n in enumerate(nouns) if end <= n.start and n.end <= desc_end]
        group = next(
            (nouns[i].payload.group for i in described if nouns[i].payload.measure is None), "people"
        )
        counted_noun: Noun | None = nouns[counted[0]].payload if counted else None
        # "ارتفعت الحصيلة إلى 35 قتيلا": the noun after the figure says it all, unless it is a measure
        # noun and the description names the group ("عدد القتلى المدنيين ... بلغ أكثر من ألف قتيل")
        said_after = counted_noun is not None and not (
            counted_noun.group == "people" and counted_noun.measure is None
        )
        if counted_noun is not None and said_after and (counted_noun.measure is None or group == "people"):
            return None
        measure = next((nouns[i].payload.measure for i in described if nouns[i].payload.measure), None)
        measure = measure or (counted_noun.measure if counted_noun is not None else None)
        measure = measure or next((tr.payload for tr in triggers if end <= tr.start < desc_end), None)
        if measure is None:
            return None
        described += counted[:1]  # "... إلى 1181 شخصا": a person noun adds nothing to the description
        side = next((a.id for a in actors if end <= a.start < desc_end and a.armed), None)
        if side and group == "people":
            group = "fighters"
        return Toll(
            measure,
            group,
            side if group == "fighters" else None,
            quantity,
            min(start, quantity.start),
            max([end, quantity.end, *(nouns[i].end for i in described)]),
            described,
        )

    def _verb_near(self, t: str, s: int, e: int, start: int, end: int) -> int | None:
        """Start of a toll verb among the five words before the noun or the twelve after it."""
        words = list(_words(t, max(s, start - 60), start))[-5:] + list(_words(t, end, min(e, end + 100)))[:12]
        for a, b in words:
            w = t[a:b]
            if w in self.lex.toll_verbs or (w[:1] == "و" and w[1:] in self.lex.toll_verbs):
                return a
        return None


def count_of(q: Quantity) -> Count:
    return Count(q.value, q.low, q.high, q.qualifier)


def _words(t: str, s: int, e: int):
    i = s
    while i < e:
        while i < e and not t[i].isalpha():
            i += 1
        j = i
        while j < e and t[j].isalpha():
            j += 1
        if j > i:
            yield i, j
        i = j


def _word_before(t: str, pos: int) -> str:
    words = t[max(0, pos - 12) : pos].split()
    return words[-1] if words else ""


def _clause_end(t: str, pos: int, stop: int) -> int:
    for mark in ("،", ",", "؛", "."):
        k = t.find(mark, pos, stop)
        if k != -1:
            stop = k
    return stop
