"""Casualty counts: who was killed, injured, displaced... how many, and whose fighters.

Works sentence by sentence on normalised text. A casualty row is anchored on a noun that says who
(مدنيين، عنصرا، أطفال) or one that says both who and what (قتلى، جرحى); its count is the quantity right
before it (or the noun's own dual/singular number), its measure the nearest trigger (مقتل، أصيب، فرّ)
or the noun itself. Rows after "بينهم" are breakdowns of the row before them (``part_of``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.extract.lexicons import ATTACKERS, Lexicons, Noun
from marsad.extract.matcher import Match
from marsad.extract.modality import Modality
from marsad.extract.tolls import TollReader, count_of
from marsad.models import Casualty, Count
from marsad.text.normalize import NormText
from marsad.text.numbers import NumberParser, Quantity

_GAP_OK = frozenset({"", "من", "من بين"})
BOTH_SIDES = "*both*"  # fighters "من الطرفين": one row per side, once the incident's sides are known
JOINT = "*joint*"  # "3042 من داعش والنصرة": fighters of two sides counted together, no one side
_TRIGGER_BEFORE = 90  # characters a trigger may stand before the count it governs
_TRIGGER_AFTER = 25  # ... or after it ("118 مريضا نقلوا")
_CLAUSE_VERB = 120  # ... or, after "أن", at the end of a long subject
_THAT = frozenset({"ان", "انه", "إن", "أن"})
_SIDE_WINDOW = 45
_EXIT_WORDS = frozenset(
    {"خروج", "خرج", "خرجوا", "غادر", "غادروا", "مغادرة", "مغادره"}
)  # fighters "leaving" under a deal are evacuated
_OTHERS = frozenset({"اخرين", "اخرون"})
_POSSESSIVE = ("هما", "هم", "ها", "ه")  # "جنودها": whose fighters, said by the pronoun


def _bare_word(w: str) -> str:
    """A word without a leading و/ف or ب/ل clitic ("وأفرجت" -> "افرجت" in normalised text)."""
    return w[1:] if len(w) > 3 and w[0] in "وفبل" else w


@dataclass(slots=True)
class ActorSpan:
    """An actor mention in normalised offsets (what casualty sides are read from)."""

    start: int
    end: int
    id: str
    side: str | None
    armed: bool

    def __init__(self, start: int, end: int, id: str, side: str | None, armed: bool) -> None:
        # written out, as ``matcher.Match.__init__`` says why
        self.start = start
        self.end = end
        self.id = id
        self.side = side
        self.armed = armed


@dataclass(slots=True)
class Row:
    measure: str
    group: str
    count: Count
    start: int  # normalised offsets of the evidence
    end: int
    side: str | None = None
    part_of: int | None = None
    anchor: int = 0  # where the noun starts, for ordering
    agent: bool = False  # the subject of the verb ("اعتقل عناصر من X ..."), not a casualty
    among: bool = False  # after "من بين القتلى": part of a figure given earlier
    nisba: str | None = None  # "8 إيرانيين": people of that actor's country

    def __init__(
        self,
        measure: str,
        group: str,
        count: Count,
        start: int,
        end: int,
        side: str | None = None,
        part_of: int | None = None,
        anchor: int = 0,
        agent: bool = False,
        among: bool = False,
        nisba: str | None = None,
    ) -> None:
        # written out, as ``matcher.Match.__init__`` says why
        self.measure = measure
        self.group = group
        self.count = count
        self.start = start
        self.end = end
        self.side = side
        self.part_of = part_of
        self.anchor = anchor
        self.agent = agent
        self.among = among
        self.nisba = nisba


def _count_from(q: Quantity) -> Count:
    return Count(q.value, q.low, q.high, q.qualifier)


def _intrinsic(noun: Noun) -> Count:
    if noun.number == 2:
        return Count(2, 2, None, "exact")
    if noun.number == 1:
        return Count(1, 1, None, "exact")
    return Count(None, 1, None, "vague")


class CasualtyExtractor:
    def __init__(self, lex: Lexicons, numbers: NumberParser) -> None:
        self.lex = lex
        self.numbers = numbers
        self.modality = Modality(lex, lex.casualty_negations)
        self.tolls = TollReader(lex)

    # -- helpers -------------------------------------------------------------------------------
    def _negated(self, t: str, pos: int) -> bool:
        before = t[max(0, pos - 25) : pos].split()[-2:]
        return any(w in self.lex.casualty_negations for w in before)

    def _released(self, t: str, row: Row, floor: int) -> bool:
        """ "مقابل إخلاء سبيل 1500 معتقل", "أفرجت السلطات عن 200 معتقل": people set free, not taken."""
        if row.measure not in ("arrested", "abducted"):
            return False
        words = t[max(floor, row.start - 40) : row.start].split()[-4:]
        freed = [w for w in words if _bare_word(w) in self.lex.released_before]
        # "مفاوضات لإطلاق سراح 30 سيدة": talks to free them, who are still held
        return bool(freed) and not any(w.startswith("ل") for w in freed)

    def _natural(self, t: str, pos: int, end: int) -> bool:
        """ "حالة وفاة لطفل بسبب الحر", "توفي غرقا": a death of the weather, illness or an accident."""
        return bool(self.lex.natural_causes.find(t, pos, min(end, pos + 40)))

    def _hypothetical(self, t: str, pos: int, floor: int, prefix: str = "") -> bool:
        """ "اتفاق يقضي بإجلاء", "للسماح للمدنيين بالخروج", "لتفادي وقوع خسائر", "هدد التنظيم في
        أواخر الشهر بإعدام": a deal's terms, a permission, a thing avoided or threatened, not a count
        of what happened. Read before the trigger (or the cue of a bare measure noun) at ``pos``."""
        m = Match(pos, pos, pos, "", None, prefix)
        if self.modality.hypothetical(t, m, floor):
            return True
        words = t[max(floor, pos - 50) : pos].replace("،", " ").split()[-4:]
        near = words[-2:]  # "للسماح للمدنيين بالمغادرة", not "للمطالبة بمعاقبته جراء قيامه بقتل"
        # "اتفاق يقضي بإجلاء", "وافقت الجماعة على إجلاء": terms agreed, right before the trigger
        if words and (_forms(words[-1]) & self.lex.agreement_words):
            return True
        if (
            len(words) > 1
            and words[-1] == "علي"
            and any(_forms(w) & self.lex.agreement_words for w in words[:-1])
        ):
            return True
        pairs = [" ".join(near)] if len(near) == 2 else []
        if any(_forms(w) & self.lex.casualty_hypothetical for w in near + pairs):
            return True
        if prefix.endswith("ب"):  # "هدد ... بإعدام نساء": the threat governs a ب far from its verb
            wide = t[max(floor, pos - 90) : pos].replace("،", " ").split()[-10:]
            return any(_forms(w) & self.lex.threat_verbs for w in wide)
        return False

    def _split_verbs(self, t: str, s: int, e: int) -> list[Match]:
        """ "لقي 115 مسلحا ... حتفهم": "لقي" is a trigger when its object (حتف، مصرع) follows in the
        sentence; alone it is only "met" ("لقي ترحيبا")."""
        out = []
        for m in self.lex.split_verbs.find(t, s, e):
            rest = t[m.end : min(e, m.end + 160)].replace("،", " ").replace(".", " ").split()
            if any(w in self.lex.split_objects for w in rest):
                out.append(m)
        return out

    def _not_a_count(self, t: str, q: Quantity) -> bool:
        before = _word_before(t, q.start)
        if before in self.lex.ratio_before:
            return True
        return before in self.lex.year_before and _looks_like_year(q)

    def _purpose(self, t: str, tr: Match, floor: int) -> bool:
        """ "لإجلاء الجرحى" says what for; but "لتقتل شخصا" (ل before a verb) tells what followed,
        and "دفع القصف السكان للنزوح" whom the shelling made flee."""
        if not self.modality.purpose(t, tr, floor):
            return False
        if tr.key[:1] in ("ي", "ت") and tr.payload not in ("evacuated",):
            return False
        return not self._forced(t, tr.start)

    def _nearest_trigger(
        self, t: str, triggers: list[Match], start: int, end: int, quantities: Sequence[Quantity] = ()
    ) -> Match | None:
        before = None
        for tr in triggers:
            if tr.end <= start and start - tr.end <= _TRIGGER_BEFORE and not _has_object(t, tr):
                before = tr  # "30 سيدة يحتجزهم التنظيم مقابل 100 مقاتل": a verb with its object governs no later count
        after = None
        for tr in triggers:
            if tr.start >= end and tr.start - end <= _TRIGGER_AFTER:
                if any(
                    end <= q.start < tr.start and not self._joined_count(t, end, q.start) for q in quantities
                ):
                    break  # "ستة آلاف شخص إلى جانب 300 مدني تحتجزهم": the verb is the later count's
                gap = t[end : tr.start]
                aside = gap.replace("،", " ").replace(",", " ").strip()  # "مئات المدنيين، الخميس، النزوح"
                if (
                    ("،" in gap or "," in gap)
                    and not (aside and self._adverbs_only(aside))
                    or tr.prefix.startswith(("و", "ف"))
                    or "." in gap
                ):
                    break
                after = tr
                break
        if after and (before is None or after.start - end < start - before.end):
            return after
        return before

    def _of_measure_noun(self, t: str, nm: Match, nouns: list[Match], i: int) -> str | None:
        """ "وثقت 20 اسما من المختطفين": a counted noun "of" a definite measure noun takes its measure."""
        if nm.payload.measure is not None or i + 1 >= len(nouns):
            return None
        nxt = nouns[i + 1]
        if nxt.payload.measure and nxt.definite and t[nm.end : nxt.start].strip() == "من":
            return nxt.payload.measure
        return None

    def _joined_count(self, t: str, a: int, b: int) -> bool:
        """Between a counted noun and a later count only "و" or a breakdown cue: "27 مسلحا و182 مدنيا
        خرجوا", "11 شخصا بينهم أربعة أطفال توفوا" share the verb."""
        link = t[a:b].replace("،", " ").strip()
        # "ثمانية من العناصر ال54 خطفوا": a definite numeral describes the noun
        return not link or link in ("و", "ال") or bool(self.lex.part_of_cues.find(t, a, b))

    def _clause_verb(self, t: str, triggers: list[Match], pos: int, e: int) -> Match | None:
        """ "أفاد المرصد أن 35 مقاتلا من قوات النظام ... بينهم تسعة روس لقوا حتفهم": after "أن" the
        counted subject may run long before its verb; the clause's first trigger is it."""
        for tr in triggers:
            if tr.start < pos:
                continue
            gap = t[pos : tr.start]
            if tr.start - pos > _CLAUSE_VERB or any(x in gap for x in "،,.؛") or tr.prefix[:1] in ("و", "ف"):
                return None
            return tr if tr.key in self.lex.verbs_after_count else None
        return None

    def _side_after(
        self, t: str, pos: int, actors: list[ActorSpan], noun_start: int
    ) -> tuple[ActorSpan | None, int]:
        """Actor named right after a noun: "عنصرا من قوات النظام", "عناصر التنظيم", "في صفوف داعش"."""
        for a in actors:
            if a.start < noun_start or a.start > pos + _SIDE_WINDOW:
                continue
            if a.start <= pos:  # alias overlapping the noun ("مقاتلي المعارضة") or right after it
                return a, a.end
            gap = t[pos : a.start].replace("«", " ").replace("»", " ").replace('"', " ").split()
            if len(gap) <= 4 and all(_bare_link(w) in self.lex.side_link_words for w in gap):
                return a, a.end
            return None, pos
        return None, pos

    def _nisba_after(self, t: str, pos: int) -> tuple[str | None, int]:
        """ "ثلاثة جنود أتراك", "مقاتلا كرديا", "9 من الجنود والخبراء الروس": the nationality right
        after counted fighters, or after one more noun joined to them."""
        for m in self.lex.side_nisbas.find(t, pos, min(len(t), pos + 40)):
            gap = t[pos : m.start].split()
            if m.prefix in ("", "ال") and (
                not gap or (len(gap) == 1 and gap[0][:1] == "و" and len(gap[0]) > 3)
            ):
                return m.payload, m.end
            break
        return None, pos

    def _antecedent(self, t: str, s: int, word: str, pos: int, actors: list[ActorSpan]) -> str | None:
        """ "أحصت تركيا مقتل 42 من جنودها", "أما التنظيم فقتل منه 58": the nearest armed actor before
        ``pos`` whose gender the pronoun ending ``word`` agrees with."""
        suffix = next((x for x in _POSSESSIVE if word.endswith(x)), None)
        if suffix is None:
            return None
        for a in reversed(actors):
            if a.end > pos or a.start < s or not a.armed:
                continue
            if suffix in ("هم", "هما") or (suffix == "ها") == self._feminine(t[a.start : a.end]):
                return a.id
        return None

    def _feminine(self, name: str) -> bool:
        words = name.replace("«", " ").replace('"', " ").split()
        if not words:
            return False
        head = words[0]
        for p in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
            if head.startswith(p) and len(head) - len(p) > 2:
                rest = head[len(p) :]
                if p.endswith("ال") or p == "لل" or rest in self.lex.feminine_heads:
                    head = rest
                    break
        return (
            head.endswith(("ه", "يا"))
            or head in self.lex.feminine_heads
            or words[0] in self.lex.feminine_heads
        )

    # -- main ----------------------------------------------------------------------------------
    def may_count(self, t: str, s: int, e: int) -> bool:
        """Whether t[s:e] holds what every row is read from: a noun of people or of a measure, a
        casualty verb, or "بين قتيل وجريح". A sentence with none of them (most sentences) has no
        rows, and its numbers need not be parsed."""
        lex = self.lex
        return (
            lex.nouns.occurs(t, s, e)
            or lex.triggers.occurs(t, s, e)
            or lex.split_verbs.occurs(t, s, e)
            or bool(lex.distributive_spans(t, s, e))
        )

    def sentence(
        self,
        t: str,
        s: int,
        e: int,
        actors: list[ActorSpan],
    ) -> list[Row]:
        if not self.may_count(t, s, e):
            return []
        return self.read(t, s, e, actors)

    def read(self, t: str, s: int, e: int, actors: list[ActorSpan]) -> list[Row]:
        """``sentence`` for a sentence ``may_count`` has said yes to (its caller asked already)."""
        lex = self.lex
        quantities = [q for q in self.numbers.find(t[s:e]) if q.kind in ("number", "vague", "range")]
        quantities = [
            Quantity(q.start + s, q.end + s, q.number_start + s, q.value, q.low, q.high, q.qualifier, q.kind)
            for q in quantities
        ]
        # "عام 2011", "واحد من كل عشرة أشخاص": a year or a ratio counts no one
        blocked = [q for q in quantities if self._not_a_count(t, q)]
        quantities = [q for q in quantities if q not in blocked]
        nouns = lex.nouns.find(t, s, e)
        triggers = [
            tr
            for tr in sorted(lex.triggers.find(t, s, e) + self._split_verbs(t, s, e), key=lambda m: m.start)
            if not self._negated(t, tr.start)
            and not self._hypothetical(t, tr.start, s, tr.prefix)
            and not self._purpose(t, tr, s)
            and not self._natural(t, tr.end, e)
        ]
        part_cues = lex.part_of_cues.find(t, s, e)
        among = lex.among_cues.find(t, s, e)
        rows: list[Row] = []
        used_q: set[int] = set()
        used_tr: set[int] = set()
        skip: set[int] = set()
        apposed: str | None = None  # "المخطوفون، وهم 20 سيدة و16 طفلا": the measure of the noun they explain
        for toll in self.tolls.find(t, s, e, quantities, nouns, triggers, actors):
            rows.append(
                Row(
                    toll.measure,
                    toll.group,
                    count_of(toll.quantity),
                    toll.start,
                    toll.end,
                    side=toll.side,
                    anchor=toll.start,
                )
            )
            used_q.add(quantities.index(toll.quantity))
            skip.update(toll.nouns)
        rows.extend(self._with_companion(t, triggers))
        for row, qi, ni in self._counted_at(t, s, e, quantities, nouns, actors, used_q):
            rows.append(row)
            used_q.add(qi)
            skip.update(ni)
        # "سقطوا بين قتيل وجريح" (read by the regex only where there is one)
        spread = list(lex.distributive.finditer(t, s, e)) if lex.distributive_spans(t, s, e) else []
        # "عملية إجلاء خرج بموجبها ...": leaving under a deal, on buses, is an evacuation
        deal = bool(lex.evacuation_context.find(t, s, e))
        skip.update(i for i, nm in enumerate(nouns) for m in spread if m.start() <= nm.start < m.end())

        for i, nm in enumerate(nouns):
            if i in skip:
                continue
            noun: Noun = nm.payload
            named_by: str | None = None  # "20 اسما من المختطفين": the measure said by the noun after
            if any(b.end <= nm.start and t[b.end : nm.start].strip() in _GAP_OK for b in blocked):
                continue
            q = None
            for qi, cand in enumerate(quantities):
                if qi not in used_q and cand.end <= nm.start and _gap(t, cand.end, nm.start) in _GAP_OK:
                    q, q_index = cand, qi
            if q is not None and noun.number == 1 and nm.definite and t[q.end : nm.start].strip() == "":
                q = None  # "قائد الفرقة 30 العقيد": a number before a definite singular counts it not
            # measure
            trig = None
            among_cue = None
            if noun.measure is None:
                anchor = q.start if q else nm.start
                trig = self._nearest_trigger(t, triggers, anchor, nm.end, quantities)
                if trig is None and q is not None and _word_before(t, q.start) in _THAT:
                    trig = self._clause_verb(t, triggers, nm.end, e)
                among_cue = _cue_before(among, anchor)
                if among_cue is not None:
                    # "من بين القتلى": the cue names the measure, whatever trigger is near
                    if trig is not None and trig.start < among_cue.start < trig.end:
                        among_cue = None  # a trigger straddling the cue's start keeps its say
                    else:
                        trig = None
                if trig is None and among_cue is None and q is not None:
                    apposed = self._apposed(t, nouns, i, anchor, s) or apposed
                    named_by = self._of_measure_noun(t, nm, nouns, i)
                if (
                    trig is None
                    and among_cue is None
                    and apposed is None
                    and named_by is None
                    and not self._after_part_cue(t, part_cues, rows, nm.start)
                ):
                    continue
            # acceptance without a count
            if q is None and noun.side is not None:
                continue  # "الروس", "إيرانيون": nationals are counted only with a number
            if q is None:
                # "ومن بين القتلى طفلان": a singular or dual right after the cue counts itself
                right_after = (
                    among_cue is not None
                    and noun.number is not None
                    and not nm.definite
                    and t[among_cue.end : nm.start].strip() == ""
                )
                if not right_after and not self._accept_bare(
                    t, nm, noun, triggers, nouns, i, part_cues, rows
                ):
                    continue
                count = _intrinsic(noun)
                start = nm.start
            else:
                used_q.add(q_index)
                count = _count_from(q)
                start = q.start
            end = nm.end
            if q is None:
                # "مدنيين اثنين": a numeral after its noun; "مدنيين هما رجل وزوجته": a dual said by هما
                nxt_word = t[end : end + 8].replace("،", " ").split()[:1]
                if nxt_word and nxt_word[0] in ("هما", "وهما") and nm.key.endswith("ين"):
                    count = Count(2, 2, None, "exact")
                elif nxt_word and nxt_word[0] in lex.post_numerals:
                    value = lex.post_numerals[nxt_word[0]]
                    count = Count(value, value, None, "exact")
                    end = t.index(nxt_word[0], end) + len(nxt_word[0])
                    used_q.update(k for k, x in enumerate(quantities) if nm.end <= x.start < end)
            after_q = self.numbers.qualifier_after(t, end)
            if after_q and count.qualifier == "exact":
                qual, end = after_q
                count = Count(count.value, _low_for(qual, count.value), count.high, qual)
            measure = noun.measure or (
                trig.payload if trig else among_cue.payload if among_cue else named_by or apposed or "killed"
            )
            if noun.measure and q is not None:
                # "توفي ثلاثة معتقلين": a trigger right before the count outranks the noun's own measure
                governing = next((tr for tr in reversed(triggers) if tr.end <= q.start), None)
                if (
                    governing is not None
                    and governing.end <= q.start
                    and _only_subject(t, governing.end, q.start, actors)
                ):
                    measure, trig = governing.payload, governing  # "أعدم التنظيم أحد الرهائن"
            if trig is not None:
                used_tr.add(id(trig))
            group = noun.group
            # coordinated singular nouns of other groups: "30 رجلا وامرأة وطفلا" -> people
            j = i + 1
            while (
                q is not None
                and noun.number == 1  # "ثلاثة أطفال وامرأة" are three children and a woman
                and j < len(nouns)
                and t[end : nouns[j].start].strip() == ""
                and nouns[j].prefix.startswith("و")
            ):
                nxt: Noun = nouns[j].payload
                if nxt.number != 1 or nxt.measure:
                    break
                if nxt.group != noun.group:  # "16 طفلا وطفلة" are 16 boys and girls
                    group = "people"
                end = nouns[j].end
                skip.add(j)
                j += 1
            # "30 رجلا ... آخرين": "others" qualifies the counted noun
            if j < len(nouns) and nouns[j].key in _OTHERS and t[end : nouns[j].start].strip() == "":
                end = nouns[j].end
                skip.add(j)
            # "عشرات آلاف المقاتلين المعارضين والمدنيين": plurals of two groups share one count
            if q is not None and noun.number is None and noun.measure is None and j < len(nouns):
                nxt_m = nouns[j]
                gap = t[end : nxt_m.start].split()
                if (
                    nxt_m.prefix.startswith("و")
                    and nxt_m.payload.measure is None
                    and nxt_m.payload.number is None
                    and nxt_m.payload.group not in (group, "families")
                    and nxt_m.definite == nm.definite
                    and len(gap) <= 1
                    and not any(x in t[end : nxt_m.start] for x in "،,.")
                    and not any(end <= x.start < nxt_m.start for x in quantities)
                ):
                    group, end = "people", nxt_m.end
                    skip.add(j)
            row = Row(
                measure,
                group,
                count,
                start,
                end,
                side=noun.side if group == "fighters" else None,
                anchor=nm.start,
                among=among_cue is not None,
                nisba=noun.side,
            )
            # coordinated measure nouns share the quantity: "عشرات القتلى والجرحى"
            chain = [row]
            if noun.measure:
                j = i + 1
                while (
                    j < len(nouns)
                    and (chained := nouns[j].payload.measure)
                    and t[chain[-1].end : nouns[j].start].strip() in ("", "و")
                    and nouns[j].prefix.startswith("و")
                ):
                    chain.append(Row(chained, "people", count, start, nouns[j].end, anchor=nouns[j].start))
                    skip.add(j)
                    j += 1
            # who: "قتلى من المدنيين", "عنصرا من قوات النظام"
            tail = chain[-1].end
            refined_group, refined_side, tail = self._refine(
                t,
                tail,
                nouns,
                actors,
                nm.start,
                skip,
                fighters=noun.group == "fighters",
                measure_noun=noun.measure is not None,
            )
            if refined_side is None and refined_group is None and trig is not None and trig.start >= nm.end:
                # "18 شخصا قتلوا من النصرة": the side after the verb that follows the count
                actor, side_end = self._side_after(t, trig.end, actors, trig.end)
                if actor is not None and actor.armed and t[trig.end : actor.start].split()[:1] == ["من"]:
                    refined_side, tail = actor.id, side_end
                    refined_group = "fighters" if noun.group == "people" else None
            if refined_side is None and noun.group == "fighters" and nm.key.endswith(_POSSESSIVE):
                refined_side = self._antecedent(t, s, nm.key, nm.start, actors)
            if refined_side is None and q is not None and trig is not None and trig.end <= q.start:
                # "أما التنظيم فقتل منه 58 مسلحا": "of it", after the verb, says whose
                of = t[trig.end : q.start].split()
                if of and of[-1] in ("منه", "منها", "منهم") and noun.group in ("fighters", "people"):
                    refined_side = self._antecedent(t, s, of[-1], trig.start, actors)
                    if refined_side is not None and noun.group == "people":
                        refined_group = "fighters"
            for r in chain:
                if refined_group:
                    r.group = (
                        refined_group if (noun.measure or r.group in ("people", "fighters")) else r.group
                    )
                if refined_side is not None:
                    if r.group in ("people",) and noun.measure:
                        r.group = "fighters"
                    if r.group == "fighters":
                        r.side = refined_side
                r.end = max(r.end, tail if refined_group or refined_side else r.end)
            for r in chain:
                if trig is not None and trig.key in _EXIT_WORDS and (r.group == "fighters" or deal):
                    r.measure = "evacuated"  # fighters leaving, or anyone leaving under a deal
            rows.extend(chain)
            if trig is not None and noun.measure is None:
                rows.extend(self._chained_measures(t, triggers, trig, chain, rows))

        rows.extend(self._trigger_only(t, s, e, triggers, quantities, used_q, nouns, actors))
        for m in spread:
            rows.extend(self._distributed(t, s, m, nouns, rows, quantities))
        rows.sort(key=lambda r: r.anchor)
        rows = self._plausible(rows)
        rows = self._drop_agents(t, rows, nouns)
        rows = [r for r in rows if not self._released(t, r, s)]
        self._link_parts(t, rows, part_cues, among, triggers)
        self._mixed_forces(t, rows, part_cues)
        for r in rows:
            if r.part_of is not None:
                r.among = False  # its parent is in this sentence
                _inherit_side(r, rows[r.part_of])
        # "وامرأة" right after an among row shares its cue
        for prev, r in zip(rows, rows[1:], strict=False):
            if prev.among and r.part_of is None and t[prev.end : r.start].strip() in ("", "و", "،"):
                r.among, r.measure = True, prev.measure
        return rows

    def _with_companion(self, t: str, triggers: list[Match]) -> list[Row]:
        """ "أدى إلى مقتله وسائقه", "مصرعه مع مرافقه": the person the verb's pronoun names and the one
        with him, two people."""
        out: list[Row] = []
        for tr in triggers:
            said = t[tr.start + len(tr.prefix) : tr.end]
            if said in self.lex.trigger_keys and said not in self.lex.split_objects:
                pronoun = ""  # "إصابة" (ة written ه), not "أصابه"
            else:
                pronoun = said[len(tr.key) :] if len(said) > len(tr.key) else tr.key[-2:].lstrip("عفلت")
            if tr.payload not in ("killed", "injured") or pronoun not in ("ه", "ها"):
                continue
            words = [w.strip('.،,؛:"»)') for w in t[tr.end : tr.end + 20].split()[:2]]
            if words and words[0] == "مع":
                words = words[1:]
            elif words and words[0][:1] == "و":
                words = [words[0][1:]]
            if words and words[0] in self.lex.companions:
                end = t.index(words[0], tr.end) + len(words[0])
                out.append(
                    Row(tr.payload, "people", Count(2, 2, None, "exact"), tr.start, end, anchor=tr.start)
                )
        return out

    def _counted_at(
        self,
        t: str,
        s: int,
        e: int,
        quantities: list[Quantity],
        nouns: list[Match],
        actors: list[ActorSpan],
        used_q: set[int],
    ) -> list[tuple[Row, int, list[int]]]:
        """ "أحصى المرصد ضحايا المعركة بنحو 176 من قوات سوريا الديمقراطية و325 من التنظيم": a plural
        measure noun, then the figures it is put at (بـ), each with the side it counts."""
        out: list[tuple[Row, int, list[int]]] = []
        for nm in nouns:
            noun: Noun = nm.payload
            if noun.measure is None or noun.number is not None:
                continue
            prev_end = None
            for qi, q in enumerate(quantities):
                if qi in used_q or q.start <= nm.end:
                    continue
                link: str | None = t[prev_end : q.start].strip(" \"'«»") if prev_end is not None else None
                if link is None:
                    between = t[nm.end : q.start]
                    if q.start - nm.end > 40 or any(x in between for x in "،,.") or t[q.start - 1] != "ب":
                        break
                elif link != "و":
                    break
                actor, end = self._side_after(t, q.end, actors, q.end)
                if (
                    actor is None
                    or not actor.armed
                    or not t[q.end : actor.start].strip(" \"'«»").startswith("من")
                ):
                    break
                row = Row(
                    noun.measure, "fighters", _count_from(q), q.start, end, side=actor.id, anchor=q.start
                )
                out.append((row, qi, [k for k, n in enumerate(nouns) if q.end <= n.start < end]))
                prev_end = end
            if out:
                break
        return out

    def _distributed(
        self,
        t: str,
        s: int,
        m: re.Match[str],
        nouns: list[Match],
        rows: list[Row],
        quantities: list[Quantity],
    ) -> list[Row]:
        """ "مدنيين سقطوا بين قتيل ومصاب": the people named before fell dead and wounded; the two
        singular nouns count no one. One figure for both ("20 مدنيا بين قتيل وجريح") is one row, as
        killed (ANNOTATION); no figure gives a vague row for each."""
        before = [
            n
            for n in nouns
            if n.end <= m.start() and n.start >= max(s, m.start() - 60) and n.payload.measure is None
        ]
        # "مدنيين من بينهم أطفال سقطوا ...": the people named first, not their breakdown
        while len(before) > 1 and self.lex.part_of_cues.find(t, before[-2].end, before[-1].start):
            before.pop()
        subject = before[-1] if before else None
        own = next((r for r in rows if subject is not None and r.anchor == subject.start), None)
        if own is not None:
            own.measure = "killed"
            if own.count.value is not None:
                return []
            return [Row("injured", own.group, own.count, own.start, m.end(), side=own.side, anchor=m.start())]
        group = subject.payload.group if subject is not None else "people"
        group = "people" if group == "families" else group
        start = subject.start if subject is not None else m.start()
        counted = [q for q in quantities if subject is not None and q.end <= subject.start]
        if subject is not None and counted and t[counted[-1].end : subject.start].strip() in _GAP_OK:
            q = counted[-1]
            return [Row("killed", group, _count_from(q), q.start, m.end(), anchor=q.start)]
        vague = Count(None, 1, None, "vague")
        return [
            Row("killed", group, vague, start, m.end(), anchor=start),
            Row("injured", group, vague, start, m.end(), anchor=m.start()),
        ]

    def _mixed_forces(self, t: str, rows: list[Row], cues: list[Match]) -> None:
        """ "مقتل 23 مقاتلا بينهم إيرانيون", "100 جندي من بينهم 19 جنديا روسيا": fighters of no named
        side counted with the nationals of an ally are the mixed force of the side the ally fights for."""
        for k, r in enumerate(rows):
            if r.group != "fighters" or r.side is not None or r.agent:
                continue
            nationals = [x.nisba for x in rows if x.part_of == k and x.nisba]
            nationals += [x.side for x in rows if x.part_of == k and x.group == "fighters" and x.side]
            cue = next((c for c in cues if 0 <= c.start - r.end <= 3), None)
            if cue is not None:
                for m in self.lex.side_nisbas.find(t, cue.end, min(len(t), cue.end + 30)):
                    gap = t[cue.end : m.start].strip()
                    counts = self.numbers.find(gap)
                    if not gap or (len(counts) == 1 and counts[0].start == 0 and counts[0].end == len(gap)):
                        nationals.append(m.payload)
                    break
            mixed = {self.lex.mixed_force_side.get(n) for n in nationals} - {None}
            if len(mixed) == 1:
                r.side = mixed.pop()

    def _chained_measures(
        self, t: str, triggers: list[Match], trig: Match, chain: list[Row], rows: list[Row] | None = None
    ) -> list[Row]:
        """ "مقتل وجرح عناصر": every trigger joined by و to the governing one applies too. One figure
        for both ("مقتل وإصابة 35 مدنيا", "استشهاد وجرح العشرات") counts the dead and wounded
        together: one row, as killed (ANNOTATION)."""
        extra: list[Row] = []
        k = triggers.index(trig)
        while k > 0 and trig.prefix.startswith("و") and t[triggers[k - 1].end : trig.start].strip() == "":
            k -= 1
            trig = triggers[k]
            if self._has_subject(t, trig, chain, rows or []):
                break  # "رجلا قتل وأصيب 6 مدنيين": the first verb has its own subject
            for r in chain:
                if trig.payload == r.measure:
                    continue
                if _one_figure(r.count) and {trig.payload, r.measure} == {"killed", "injured"}:
                    r.measure = "killed"
                    continue
                extra.append(
                    Row(trig.payload, r.group, r.count, r.start, r.end, side=r.side, anchor=r.anchor)
                )
        return extra

    def _apposed(self, t: str, nouns: list[Match], i: int, anchor: int, s: int) -> str | None:
        """ "جميع المخطوفين ... وهم 20 سيدة": a count right after هم/هن explains the measure noun
        named before it, and takes its measure."""
        words = t[max(s, anchor - 12) : anchor].replace('"', " ").replace("«", " ").replace(":", " ").split()
        if not words or words[-1] not in self.lex.apposition_cues:
            return None
        earlier = [n for n in nouns[:i] if n.payload.measure and n.definite and n.end <= anchor]
        return earlier[-1].payload.measure if earlier else None

    def _adverbs_only(self, gap: str) -> bool:
        words = gap.split()
        return len(words) <= 2 and (
            not words
            or " ".join(words) in self.lex.trigger_gap_words
            or all(w in self.lex.trigger_gap_words for w in words)
        )

    def _plausible(self, rows: list[Row]) -> list[Row]:
        """War-wide stocks and totals ("مقتل أكثر من 350 ألف شخص", "يستضيف 1.3 مليون لاجئ") are no
        incident's figures; households ("نزوح آلاف العائلات") count people, vaguely, unless the
        persons are counted beside them ("عائلة من ثلاثة أشخاص")."""
        out: list[Row] = []
        for r in rows:
            size = r.count.value if r.count.value is not None else r.count.low or 0
            if size >= self.lex.cumulative_from.get(r.measure, 10**12):
                continue
            if r.group == "families":
                if any(x.measure == r.measure and x.group != "families" for x in rows):
                    continue
                r.group, r.count = "people", Count(None, r.count.value or r.count.low, None, "vague")
            out.append(r)
        return out

    def _takes_object(self, t: str, pos: int) -> bool:
        """ "اختطفوا صهيب": the verb ending at ``pos`` is followed by its object."""
        nxt = t[pos : pos + 30].replace("،", " ، ").replace(".", " . ").split()[:1]
        return bool(nxt) and nxt[0].isalpha() and nxt[0] not in self.lex.no_object_after

    def _has_subject(self, t: str, trig: Match, chain: list[Row], rows: list[Row]) -> bool:
        """A counted noun right before a verb ("رجلا واحدا على الأقل قتل") is its subject."""
        if any(0 <= trig.start - r.end <= 20 and r not in chain for r in rows):
            return True
        return self._noun_right_before(t, trig.start)

    def _noun_right_before(self, t: str, pos: int) -> bool:
        lo = max(0, pos - 40)
        nouns = [n for n in self.lex.nouns.find(t, lo, pos) if n.end <= pos]
        return bool(nouns) and _subject_gap(t[nouns[-1].end : pos])

    def _after_part_cue(self, t: str, cues: list[Match], rows: list[Row], pos: int) -> bool:
        return any(r.end <= c.start and c.end <= pos for c in cues for r in rows)

    def _accept_bare(
        self,
        t: str,
        nm: Match,
        noun: Noun,
        triggers: list[Match],
        nouns: list[Match],
        i: int,
        part_cues: list[Match],
        rows: list[Row],
    ) -> bool:
        # "قائد الفرقة": a singular in construct with a definite noun is definite too
        definite = nm.definite or (noun.number == 1 and t[nm.end : nm.end + 3].strip().startswith("ال"))
        cue_ends = [c.end for c in part_cues if c.end <= nm.start]
        if cue_ends and rows and t[max(cue_ends) : nm.start].strip() in ("", "من"):
            # "بينهم قيادي" counts one; "بينهم القيادي فلان", "بينهم قائد الفرقة" name a person
            return not (noun.number == 1 and definite)
        prev_text = t[max(0, nm.start - 30) : nm.start].rstrip()
        for tr in triggers:
            if tr.end <= nm.start and _gap(t, tr.end, nm.start) in ("", "من"):
                return not definite  # "إجلاء المدنيين" names no count
        # "لقي طفلان حتفهما", "رجلا واحدا على الأقل قتل": a trigger right after the noun (but
        # "مواطنون آخرون نزحوا" is a description: "others" alone counts no one before its verb)
        for tr in [] if nm.key in _OTHERS else triggers:
            if tr.start >= nm.end and _subject_gap(t[nm.end : tr.start]) and not tr.prefix.startswith("و"):
                return not (definite and self._takes_object(t, tr.end))
        # "امرأتين وطفل": an indefinite noun coordinated with the row just found (but in "30 من أفراد
        # القوات ومسلحين متحالفين معها" a plural of the same group is inside that count)
        if rows and nm.prefix.startswith("و") and not definite and t[rows[-1].end : nm.start].strip() == "":
            return not (noun.number is None and rows[-1].group == noun.group and rows[-1].count.value)
        # "اعتقل عناصر من X قياديين": the object after a verb's subject
        if (
            rows
            and rows[-1].count.qualifier == "vague"
            and rows[-1].count.low == 1
            and not definite
            and not nm.prefix.startswith("و")
            and len(t[rows[-1].end : nm.start].strip(" \"'«»").split()) <= 1
        ):
            return True
        if noun.measure is None:
            return False
        if definite:
            return False
        words = prev_text.split()
        if words and (words[-1] in self.lex.bare_cues or " ".join(words[-2:]) in self.lex.bare_cues):
            cue_start = t.rfind(words[-1], 0, nm.start)
            return not self._hypothetical(t, cue_start, 0)  # not "لتفادي وقوع خسائر"
        # "قتلى وجرحى": a pair of measure nouns
        nxt = nouns[i + 1] if i + 1 < len(nouns) else None
        return bool(
            nxt and nxt.payload.measure and nxt.prefix.startswith("و") and t[nm.end : nxt.start].strip() == ""
        )

    def _refine(
        self,
        t: str,
        pos: int,
        nouns: list[Match],
        actors: list[ActorSpan],
        noun_start: int,
        skip: set[int],
        fighters: bool = False,
        measure_noun: bool = False,
    ) -> tuple[str | None, str | None, int]:
        """Group or side named after the noun phrase."""
        if fighters and self.lex.civil_bodies.find(t, pos, min(len(t), pos + 30)):
            body = self.lex.civil_bodies.find(t, pos, min(len(t), pos + 30))[0]
            if t[pos : body.start].strip(" \"'«»") in ("", "من", "في"):
                return "people", None, body.end  # "800 عنصر من الدفاع المدني" are rescuers, not fighters
        actor, end = self._side_after(t, pos, actors, noun_start)
        if actor is not None and actor.armed:
            joint = _joint(t, actor, actors)
            if joint is not None:
                return "fighters", JOINT, joint  # "3042 من داعش والنصرة": two sides counted together
            return None, actor.id, end
        nisba, end = self._nisba_after(t, pos) if fighters else (None, pos)
        if nisba is not None:
            return None, nisba, end
        both = self.lex.both_sides.find(t, pos, min(len(t), pos + 25))
        if both and t[pos : both[0].start].strip() == "":
            return "fighters", BOTH_SIDES, both[0].end  # "قتلى وجرحى من الطرفين"
        attacking = self.lex.attacker_words.find(t, pos, min(len(t), pos + 16))
        if fighters and attacking and t[pos : attacking[0].start].strip() == "":
            return None, ATTACKERS, attacking[0].end  # "43 من العناصر المهاجمة"
        for j, nm in enumerate(nouns):
            if nm.start < pos:
                continue
            gap = t[pos : nm.start].strip()
            if nm.payload.measure is None and (
                (gap in ("من", "في صفوف") and nm.definite) or (gap == "" and measure_noun)
            ):
                skip.add(j)  # "قتلى من المدنيين", "جثة طفل"
                return nm.payload.group, None, nm.end
            break
        return None, None, pos

    def _trigger_only(
        self,
        t: str,
        s: int,
        e: int,
        triggers: list[Match],
        quantities: list[Quantity],
        used_q: set[int],
        nouns: list[Match],
        actors: list[ActorSpan],
    ) -> list[Row]:
        """Counts with no noun: "إصابة العشرات", "مقتل العديد", "مقتل 5 من قوات النظام"."""
        rows: list[Row] = []
        for qi, q in enumerate(quantities):
            if qi in used_q:
                continue
            trig = None
            for tr in triggers:
                if tr.end <= q.start and self._adverbs_only(t[tr.end : q.start]):
                    trig = tr  # "أصيب حتى الآن 37"
            after = None if trig is not None else self._trigger_after_count(t, q, triggers, e)
            if trig is None and after is None:
                continue
            nxt_noun = next((n for n in nouns if n.start >= q.end), None)
            if nxt_noun is not None and t[q.end : nxt_noun.start].strip() in _GAP_OK:
                continue
            count = _count_from(q)
            if after is not None:
                # "إن العشرات أصيبوا", "دفع القصف الآلاف إلى النزوح": the count is the verb's subject
                # or object, and counts people
                rows.append(Row(after.payload, "people", count, q.start, after.end, anchor=q.start))
                continue
            if trig is None:  # one of the two is set (see above)
                continue
            actor, end = self._side_after(t, q.end, actors, q.end)
            nxt_word = t[q.end : q.end + 24].replace("،", " ").split()[:1]
            if actor is not None and actor.armed and t[q.end : actor.start].strip().startswith("من"):
                joint = _joint(t, actor, actors)
                side, end = (JOINT, joint) if joint is not None else (actor.id, end)
                row = Row(trig.payload, "fighters", count, q.start, end, side=side, anchor=q.start)
            elif (
                q.kind == "vague"
                or t[q.end : q.end + 2].strip() in ("", "،", ",", ".")
                or q.end >= e - 1
                or t[q.end : q.end + 12].split()[:1] in (["بينهم"], ["منهم"], ["بينهن"], ["من بينهم"])
                # "أصيب 40 منذ بدء الهجوم", "أصيب خمسة بجروح": the clause goes on with no noun
                or (nxt_word and nxt_word[0] in self.lex.no_object_after and nxt_word[0] not in ("من", "او"))
            ):
                row = Row(trig.payload, "people", count, q.start, q.end, anchor=q.start)
            else:
                continue
            rows.append(row)
            rows.extend(self._chained_measures(t, triggers, trig, [row]))
        return rows

    def _trigger_after_count(self, t: str, q: Quantity, triggers: list[Match], e: int) -> Match | None:
        """A verb right after a count with no noun: "العشرات أصيبوا" (its subject) or, after a
        verb of forcing, "الآلاف على النزوح", "عشرات الآلاف إلى الفرار" (its object)."""
        if _looks_like_year(q) or t[q.start : q.end].endswith(" من"):
            return None  # "عدد من قتل" is "the number of those killed", no count
        for tr in triggers:
            if tr.start < q.end:
                continue
            if tr.start - q.end > 24 or tr.start >= e:
                return None
            gap = t[q.end : tr.start].split()
            if tr.prefix.startswith(("و", "ف")):
                return None
            if not gap or gap == ["علي", "الاقل"]:
                return tr if tr.key in self.lex.verbs_after_count else None
            if (
                len(gap) == 1
                and gap[0] in ("الي", "علي")
                and tr.payload in ("displaced", "evacuated")
                and self._forced(t, q.start)
            ):
                return tr
            return None
        return None

    def _forced(self, t: str, pos: int) -> bool:
        """ "دفع القصف الآلاف ...", "أجبرت المعارك السكان ...": a verb of forcing shortly before."""
        words = t[max(0, pos - 60) : pos].replace("،", " ").split()[-6:]
        return any(w in self.lex.forcing_verbs or _bare_link(w) in self.lex.forcing_verbs for w in words)

    def _drop_agents(self, t: str, rows: list[Row], nouns: list[Match]) -> list[Row]:
        """In "اعتقل عناصر من X قياديين في Y" the first noun is the agent, not the victim.

        The agent row stays in the list, flagged, so its side can be read as the perpetrator.
        """
        out: list[Row] = []
        for k, r in enumerate(rows):
            nxt = rows[k + 1] if k + 1 < len(rows) else None
            if (
                nxt is not None
                and r.count.qualifier == "vague"
                and r.count.low == 1
                and nxt.start >= r.end
                and len(t[r.end : nxt.start].strip(" \"'«»").split()) <= 1
                and t[nxt.start : nxt.start + 1] != "و"
            ):
                nxt.measure = r.measure
                r.agent = True
            out.append(r)
        return out

    def _link_parts(
        self, t: str, rows: list[Row], cues: list[Match], among: list[Match], triggers: list[Match]
    ) -> None:
        parent = None
        prev_end = -1
        for idx, r in enumerate(rows):
            if r.agent:
                continue
            cue = next((c for c in cues if prev_end <= c.start and c.end <= r.start), None)
            if (
                cue is not None
                and parent is not None
                and any(
                    cue.end <= tr.start and tr.end <= r.start and tr.payload != rows[parent].measure
                    for tr in triggers
                )
            ):
                cue = None  # "مقتل العشرات، بينهم أطفال، وإصابة ألف آخرين": a new verb, no breakdown
            between = [c for c in among if prev_end <= c.start and c.end <= r.start]
            after_cue = cue is not None or (
                parent is not None and any(c.payload == rows[parent].measure for c in between)
            )
            continued = (
                rows[idx - 1].part_of is not None
                and t[prev_end : r.start].replace("،", " ").replace(",", " ").strip() in ("", "و")
                and not between
            )
            if (
                cue is not None
                and idx > 0
                and rows[idx - 1].part_of is not None
                and t[prev_end : cue.start].strip(" ،,") == ""
            ):
                parent = idx - 1  # "بينهم 19 مدنياً، بينهم 6 أطفال": a breakdown of the breakdown
            if parent is not None and (after_cue or continued):
                r.part_of = parent
                r.measure = rows[parent].measure
            else:
                parent = idx
            prev_end = r.end

    def told(self, t: str, clause_start: int, row: Row) -> bool:
        """In a call or an attempt ("لمحاولة فض المواجهات التي أسفرت عن سقوط جرحى", "دعا إلى وقف
        الغارات التي قتلت 20 مدنيا") a relative clause still tells what happened."""
        words = t[clause_start : row.start].split()
        return any(w in self.lex.relative_pronouns for w in words)

    # -- article level --------------------------------------------------------------------------
    def to_casualty(self, norm: NormText, row: Row) -> Casualty:
        s, e = norm.span(row.start, row.end)
        return Casualty(
            measure=row.measure,
            group=row.group,
            count=row.count,
            start=s,
            end=e,
            text=norm.original[s:e],
            side=row.side,
            part_of=row.part_of,
        )


def _cue_before(cues: list[Match], pos: int) -> Match | None:
    """The among-cue ending shortly before ``pos`` ("من بين القتلى ثلاثة أطفال")."""
    best = None
    for c in cues:
        if c.end <= pos and pos - c.end <= 40:
            best = c
    return best


def _low_for(qualifier: str, value: int | None) -> int | None:
    if value is None:
        return None
    if qualifier == "more_than":
        return value + 1
    if qualifier == "at_most":
        return None
    return value


_SUBJECT_GAP = re.compile(r"\s*(?:(?:واحد|واحدا|واحده|اثنان|اثنين|اثنتين|اثنتان)\s*)?(?:علي الاقل\s*)?")


def _subject_gap(gap: str) -> bool:
    """Only what may follow a counted subject before its verb: "واحدا", "على الأقل" (normalised)."""
    return _SUBJECT_GAP.fullmatch(gap) is not None


def _only_subject(t: str, a: int, b: int, actors: list[ActorSpan]) -> bool:
    """Nothing between a verb and its object but, perhaps, the actor doing it."""
    gap = t[a:b]
    for x in actors:
        if a <= x.start and x.end <= b:
            gap = gap.replace(t[x.start : x.end], " ")
    rest = gap.replace('"', " ").replace("«", " ").replace("»", " ").replace("،", " ").split()
    return len(rest) == 0 or (len(rest) == 1 and len(gap.split()) > 1)  # "مسلحو التنظيم"


def _one_figure(count: Count) -> bool:
    """A number or an amount ("35", "العشرات"), not a bare plural ("عناصر")."""
    return count.value is not None or (count.low or 0) > 1


def _joint(t: str, actor: ActorSpan, actors: list[ActorSpan]) -> int | None:
    """End of a second armed actor of another side joined to ``actor`` by و ("من داعش والنصرة")."""
    for b in actors:
        if b.start < actor.end:
            continue
        gap = t[actor.end : b.start].replace("«", " ").replace("»", " ").replace('"', " ").strip()
        joined = gap == "و" or (gap == "" and t[b.start : b.start + 1] == "و")
        if joined and b.armed and b.side != actor.side:
            return b.end
        return None
    return None


def _looks_like_year(q: Quantity) -> bool:
    return q.kind == "number" and q.qualifier == "exact" and q.value is not None and 1900 <= q.value <= 2100


def _word_before(t: str, pos: int) -> str:
    words = t[max(0, pos - 16) : pos].replace('"', " ").replace("«", " ").split()
    return words[-1] if words else ""


def _has_object(t: str, tr: Match) -> bool:
    """The verb carries an object pronoun the lexicon entry does not ("يحتجزهم", not "اعتقالهم";
    "إصابة" is ة written ه, no pronoun)."""
    said = t[tr.start + len(tr.prefix) : tr.end]
    if tr.key[:1] not in ("ي", "ت"):
        return False  # on a verbal noun the pronoun is its agent: "بعد خطفها ثمانية مقاتلين"
    return len(said) > len(tr.key) and said[len(tr.key) :] in ("هم", "هن", "ها", "هما")


def _gap(t: str, a: int, b: int) -> str:
    """The words between two offsets, without quotes: '"بضع عشرات" من الروس' -> "من"."""
    return t[a:b].strip(" \"'«»")


def _forms(word: str) -> set[str]:
    """A word with and without the clitics it may carry: "وللسماح" -> السماح, سماح, ..."""
    out = {word}
    w = word[1:] if len(word) > 3 and word[0] in "وف" else word
    out.add(w)
    if w.startswith("لل") and len(w) > 4:
        out |= {"ال" + w[2:], w[2:]}
    elif len(w) > 3 and w[0] in "لب":
        out.add(w[1:])
    return out


def _bare_link(word: str) -> str:
    """A link word without the ل/و it may carry ("لقوات", "وعناصر")."""
    return word[1:] if len(word) > 3 and word[0] in "لو" else word


def _inherit_side(row: Row, parent: Row) -> None:
    """A breakdown of fighters is fighters: "15 عنصرا بينهم 8 إيرانيين" are 8 Iranian fighters, and
    "36 مسلحا من داعش بينهم قياديون" are IS commanders."""
    if parent.group != "fighters":
        return
    if row.group == "people" and row.nisba:
        row.group, row.side = "fighters", row.nisba
    elif row.group == "fighters" and row.side is None:
        row.side = parent.side
