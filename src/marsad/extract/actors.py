"""Actors (who fought whom) and sources (who said so), with their roles.

Roles come from the few words before a name: "شنه تنظيم الدولة" makes a perpetrator, "على مواقع
النظام" a target, "بين قوات النظام والفصائل" parties. A source counts as the reporter of a sentence only
when a reporting word governs it ("أفاد المرصد", "وفقا لـ", "نقلت وكالة"); an outlet that is merely
spoken to ("قال ... لوكالة فرانس برس") is not the reporter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from marsad.extract.casualties import ActorSpan
from marsad.extract.lexicons import Lexicons
from marsad.extract.matcher import Match
from marsad.models import ActorMention, Casualty
from marsad.resources import load_yaml
from marsad.text.normalize import normalize_str


@dataclass(slots=True)
class ActorHit:
    start: int
    end: int
    id: str
    role: str
    adjective: bool
    # incident types the hit counts for (None: all): an official ("الرئيس الروسي") is a party only to
    # talks, the holder of a place ("الخاضعة لسيطرة المعارضة") only the loser of a territory change
    only_in: frozenset[str] | None = None

    def __init__(
        self, start: int, end: int, id: str, role: str, adjective: bool, only_in: frozenset[str] | None = None
    ) -> None:
        # written out: mypyc builds a class with its own __init__ natively; the one dataclass
        # writes is interpreted Python, called through the type (see ``Match``)
        self.start = start
        self.end = end
        self.id = id
        self.role = role
        self.adjective = adjective
        self.only_in = only_in


@dataclass(frozen=True, slots=True)
class _Anaphor:
    """A bare name ("الجيش", "التنظيم") that stands for the last actor of its kind named before it."""

    heads: frozenset[str]
    among: frozenset[str]
    always: frozenset[str]
    default: str | None


_AGENCY_IN_PARENS = re.compile(r"\s*[^\n()]{2,70}?\(([^()\n]{1,25})\)\s*(?:--|-|–|—|:)?")
_LATIN = re.compile(r"[a-z][a-z .]*")
_DATELINE_WORDS = 8


def _words_before(t: str, pos: int, n: int, floor: int = 0) -> list[str]:
    return t[max(floor, pos - 40) : pos].replace('"', " ").replace("،", " ، ").split()[-n:]


def _words_after(t: str, pos: int, n: int, ceiling: int | None = None) -> list[str]:
    stop = len(t) if ceiling is None else ceiling
    return t[pos : min(stop, pos + 40)].replace('"', " ").replace("،", " ، ").split()[:n]


def _tails(words: list[str]) -> list[str]:
    """The last one, two and three words joined, to test against multi-word cues."""
    return [" ".join(words[-k:]) for k in (1, 2, 3) if len(words) >= k]


def _bare(word: str) -> str:
    """A word without a leading conjunction (وقال -> قال)."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def _stems(word: str) -> set[str]:
    """A word and the word without its attached و/ف/ب/ل ("والطائرات", "للقوات" -> "القوات")."""
    out = {word}
    w = word
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
        out.add(w)
    if len(w) > 3 and w.startswith("لل"):
        out.add("ال" + w[2:])
    elif len(w) > 3 and w[0] in "بلك":
        out.add(w[1:])
    return out


def _is_nisba(word: str) -> bool:
    """ "الحربيه", "جوي", "والروسيه": an adjective that may stand between a noun and another nisba."""
    return _bare(word).endswith(("يه", "ي", "يين", "يون", "يا"))


def _words_set(items: list[str]) -> frozenset[str]:
    return frozenset(" ".join(normalize_str(w).split()) for w in items)


_TALKS = frozenset({"negotiation"})
_THAT = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "بانهم"})
_SPEAKER_WORDS = 10
_SUBJECT_WORDS = 5
_WHICH = frozenset({"التي", "الذي", "اللذين", "الذين", "اللتين"})
_CIVILIAN_VICTIM_TYPES = frozenset({"attack_on_civilians", "abduction_arrest"})
_CIVILIAN_GROUPS = frozenset({"civilians", "children", "women"})
_TERRITORY = frozenset({"territory_change"})


class ActorFinder:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        roles = load_yaml("roles.yaml")
        self.force_nouns = _words_set(roles["force_nouns"])
        self.target_nouns = _words_set(roles["target_nouns"])
        self.official_nouns = _words_set(roles["official_nouns"])
        self.holder_before = _words_set(roles["holder_before"])
        self.holder_attacked_before = _words_set(roles["holder_attacked_before"])
        self.mention_before = _words_set(roles["mention_before"])
        self.comment_verbs = _words_set(roles["comment_verbs"])
        self.accused_of = _words_set(roles["accused_of"])
        self.mention_after = _words_set(roles["mention_after"])
        self.relation_nouns = _words_set(roles["relation_nouns"])
        self.outlet_before = _words_set(roles["outlet_before"])
        self.proxy_of: dict[str, str] = roles["proxy_of"]
        self.proxy_generic = frozenset(roles["proxy_generic"])
        self.proxy_links = sorted(_words_set(roles["proxy_links"]), key=len, reverse=True)
        self.proxy_skip = _words_set(roles["proxy_skip"])
        self.anaphors: dict[str, _Anaphor] = {}
        for rule in roles["anaphors"]:
            anaphor = _Anaphor(
                _words_set(rule["heads"]),
                frozenset(rule.get("among") or []),
                frozenset(rule.get("always") or []),
                rule.get("default"),
            )
            for name in rule["names"]:
                self.anaphors[" ".join(normalize_str(name).split())] = anaphor

    def find(self, t: str, s: int, e: int) -> list[ActorHit]:
        return self.scan(t, s, e)[0]

    def scan(self, t: str, s: int, e: int) -> tuple[list[ActorHit], list[ActorSpan]]:
        """The actors of a sentence, and every actor named in it, involved or only named: names hold no
        triggers ("هيئة تحرير الشام" is no capture) and counted fighters take the side of any name
        ("قتلى من الفصائل الموالية لتركيا")."""
        named, found = self.names(t, s, e)
        return self.roles(t, s, e, found), named

    def names(self, t: str, s: int, e: int) -> tuple[list[ActorSpan], list[tuple[Match, str, bool]]]:
        """Every actor named in a sentence (what casualty sides are read from), and for ``roles`` the
        match, actor and adjective flag behind each. Reading roles is the costly part; a sentence
        that turns out to tell nothing need not pay for it."""
        named: list[ActorSpan] = []
        found: list[tuple[Match, str, bool]] = []
        dateline = self.dateline_end(t) if s < 200 else 0
        for m in self.lex.actor_matcher.find(t, s, e):
            actor_id, adjective = m.payload
            if m.key in self.anaphors:
                actor_id = self._antecedent(t, m, self.anaphors[m.key])
            if actor_id is None or m.start < dateline:
                continue  # another country's army, an unnamed organisation, a dateline ("أتلانتا، الولايات المتحدة (CNN)")
            info = self.lex.actors[actor_id]
            if m.key in self.lex.target_names:
                if self._struck(t, m, s):
                    found.append((m, actor_id, adjective))  # no casualty side: "قتل 5 في سوريا"
                continue
            if self.lex.loose_nisba(m.payload):
                # "عشرات الآلاف من السوريين", "المدفعية السورية": no side for the people counted
                found.append((m, actor_id, adjective))
                continue
            named.append(ActorSpan(m.start, m.end, actor_id, info.side, armed=actor_id != "civilians"))
            found.append((m, actor_id, adjective))
        return named, found

    def roles(self, t: str, s: int, e: int, found: list[tuple[Match, str, bool]]) -> list[ActorHit]:
        """The actors of a sentence with their roles, from what ``names`` found in it."""
        hits: list[ActorHit] = []
        prev: ActorHit | None = None
        owned = -1  # index of a nisba already read as the owner of the unit before it
        for k, (m, actor_id, adjective) in enumerate(found):
            if k == owned:
                continue
            if actor_id in self.proxy_generic:
                nxt = found[k + 1] if k + 1 < len(found) else None
                if (
                    nxt is not None
                    and nxt[2]
                    and nxt[1] in self.lex.countries
                    and not t[m.end : nxt[0].start].strip()
                ):
                    # "غرفة عمليات إيرانية", "فصائل مسلحة تركية": the state's own unit, in the unit's role
                    actor_id, owned = nxt[1], k + 1
                else:
                    actor_id = self._proxy(t, m, e, prev) or actor_id
            if m.key in self.lex.target_names:
                prev = ActorHit(m.start, m.end, actor_id, "target", adjective)
                hits.append(prev)
                continue
            metonym = m.key in self.lex.metonyms
            raw = _words_before(t, m.start, 3, s)
            if (
                (actor_id in self.lex.countries or metonym)
                and not adjective
                and self._country_is_place(m, raw)
            ):
                continue
            only_in: frozenset[str] | None = _TALKS if m.key in self.lex.leaders else None
            role: str | None = None
            if adjective:
                head = self._nisba_head(t, m, s, self.lex.nisba_heads.get(actor_id))
                if head is None:
                    continue  # "الرئيس الأمريكي"... names a country, not a force in the incident
                if head == "official":
                    only_in = _TALKS
                elif head == "target":
                    role = "target"
            words = [_bare(w) for w in raw]
            tails = _tails(words)
            after = [_bare(w.strip("()")) for w in _words_after(t, m.end, 2, e)]
            if after and (
                after[0] in self.accused_of
                or (after[0] in _WHICH and len(after) > 1 and after[1] in self.lex.perpetrator_after)
            ):
                # "يتهم النظام بشن الهجوم", "اتهم الأسد إسرائيل التي شنت ضربات": the (alleged) perpetrator
                role = "perpetrator"
            elif any(tail in self.holder_before for tail in tails):
                if any(tail in self.holder_attacked_before for tail in tails):
                    role = "target"  # "حملة على مناطق سيطرة الفصائل"
                else:
                    role, only_in = "target", _TERRITORY
            elif self._only_mentioned(t, m, s, raw, tails, after):
                continue
            role = role or self._role(t, m, s, adjective, words, tails, after)
            if (
                role is None
                and prev is not None
                and m.prefix.startswith("و")
                and not t[prev.end : m.start].strip(" ،,")
            ):
                role = prev.role  # "بين أنقرة وموسكو": the second of a pair takes the role of the first
            if role is None and metonym:
                if not (words and words[-1] in self.lex.report_cues):
                    continue  # a capital with no role is a place ("قرب دمشق")
                # the government speaking ("أعلنت واشنطن أن ..."): a party to talks it announces, nothing else
                only_in = _TALKS
            if actor_id == "civilians" and (
                role == "perpetrator"
                or (
                    role is None
                    and (
                        (m.prefix.endswith("ل") and any(w in self.lex.strike_nouns for w in words))
                        or any(w in self.lex.perpetrator_before for w in words)
                    )
                )
            ):
                # civilians attack no one: "قتل المدنيين", "استهدف المدنيين", "قصف المعارضة لأحياء سكنية"
                # name them as the ones hit
                role = "target"
            role = role or "party"
            if actor_id == "civilians" and role != "target":
                continue
            if (
                m.key in self.anaphors
                and role == "target"
                and any(h.id == actor_id and h.role == "perpetrator" for h in hits)
            ):
                # "هجوم إسرائيلي على مواقع للجيش": no actor attacks itself, so the army is the default one
                default = self.anaphors[m.key].default
                if default is None:
                    continue
                actor_id = default
            prev = ActorHit(m.start, m.end, actor_id, role, adjective, only_in)
            hits.append(prev)
        return hits

    def for_incident(self, etype: str | None, hits: list[ActorHit]) -> list[ActorHit]:
        """The hits that are actors of an incident of this type: officials only of talks, holders of a
        place only of its capture."""
        return [h for h in hits if h.only_in is None or etype in h.only_in]

    def implied(
        self, etype: str | None, actors: list[ActorMention], casualties: list[Casualty]
    ) -> list[ActorMention]:
        """Actors an incident implies without naming them (ACLED's victims): civilians are the target of
        an execution or massacre of people who are not fighters, and of the abduction of people by an
        armed group (not of suspects a state arrests, who may be fighters)."""
        if etype not in _CIVILIAN_VICTIM_TYPES or any(a.id == "civilians" for a in actors):
            return []
        if etype == "abduction_arrest":
            victims = [
                c
                for c in casualties
                if (c.measure == "abducted" and c.group != "fighters")
                or (c.measure == "arrested" and c.group in _CIVILIAN_GROUPS)
            ]
        else:
            victims = [c for c in casualties if c.group != "fighters"]
        if not victims:
            return []
        return [ActorMention("civilians", "target", victims[0].text, victims[0].start, victims[0].end)]

    def dateline_end(self, t: str) -> int:
        """End of an opening dateline ("أتلانتا، الولايات المتحدة الأمريكية (CNN)--", "بيروت - (أ ف ب)").

        Only a short opening ending in an agency's name in brackets counts, so a country in it is
        where the story was filed, not a party to anything."""
        m = _AGENCY_IN_PARENS.match(t, 0, min(len(t), 200))
        if not m or len(t[: m.start(1)].split()) > _DATELINE_WORDS:
            return 0
        agency = m.group(1).strip()
        if _LATIN.fullmatch(agency) or any(
            x.start <= m.start(1) + 1 and x.end >= m.end(1) - 1
            for x in self.lex.source_matcher.find(t, m.start(1), m.end(1))
        ):
            return m.end()
        return 0

    def _struck(self, t: str, m: Match, floor: int) -> bool:
        """A country named right after a strike on it ("ضربات صاروخية على سوريا", "ضرب سوريا")."""
        if m.prefix:
            return False  # "بسوريا", "لسوريا", "وسوريا": a place, an addressee, one of a list
        words = [_bare(w.strip("#")) for w in _words_before(t, m.start, 4, floor) if w.strip("#")]
        if words and words[-1] in ("علي", "ضد"):
            words.pop()
        while (
            words
            and len(words[-1]) > 3
            and _is_nisba(words[-1])
            and words[-1] not in self.lex.strike_nouns
            and words[-1] not in self.lex.direction_words
        ):
            words.pop()  # "ضربات صاروخية أمريكية على سوريا", but not "على شرقي سوريا"
        return bool(words) and words[-1] in self.lex.strike_nouns

    def _antecedent(self, t: str, m: Match, rule: _Anaphor) -> str | None:
        """The actor a bare "الجيش"/"التنظيم" stands for: the last one of its kind named before it."""
        for p in reversed(self.lex.actor_matcher.find(t, max(0, m.start - 6000), m.start)):
            pid = p.payload[0]
            if p.key in self.anaphors:
                continue
            if pid in rule.always:
                return pid
            if rule.among and pid is not None and pid not in rule.among:
                continue
            before = _words_before(t, p.start, 1)
            if rule.heads.intersection(p.key.split()) or (
                before and before[0] in rule.heads and before[0] not in self.anaphors
            ):  # "جيش الإسلام" ... ; not the name after a bare anaphor ("التحالف وقوات سوريا الديمقراطية")
                return pid
        return rule.default

    def _nisba_head(self, t: str, m: Match, floor: int, only: frozenset[str] | None = None) -> str | None:
        """What a nisba qualifies: "force" ("الطائرات الحربية الروسية", "جنديين تركيين"), "target"
        ("أهداف إيرانية"), "official" ("الرئيس الروسي", "الجانبين التركي والروسي") or None (anything else).

        ``only``: the force nouns the nisba names its actor on, for a nisba that also describes a
        country's people and its rebels ("الطائرات السورية" is the state's, "الفصائل السورية" and "المدنيين
        السوريين" are not)."""
        before = [n for n in self.lex.nouns.find(t, max(floor, m.start - 25), m.start) if n.end <= m.start]
        if before and not t[before[-1].end : m.start].replace("،", " ").strip(" ,"):
            head = _words_before(t, before[-1].start, 1, floor)
            if head and _stems(head[0]) & self.official_nouns:
                return "official"  # "الخبير العسكري الأمريكي": a person who speaks, not one counted
            if only is not None and not _stems(before[-1].key) & only:
                return None
            return "force"  # counted people: "ثلاثة جنود أتراك"
        words = _words_before(t, m.start, 4, floor)
        for k in range(len(words) - 1, max(-1, len(words) - 4), -1):
            w = words[k]
            if w == "،":
                return None
            stems = _stems(w)
            if stems & self.force_nouns or " ".join(words[k - 1 : k + 1]) in self.force_nouns:
                if k > 0 and _is_nisba(w) and _stems(words[k - 1]) & self.official_nouns:
                    return "official"  # "الخبير العسكري الأمريكي", "المتحدث العسكري الروسي"
                if only is not None and not stems & only:
                    return None
                return "force"
            if stems & self.target_nouns:
                return "target"
            if stems & self.official_nouns:
                return "official"
            if not _is_nisba(w):
                return None
        return None

    def _proxy(self, t: str, m: Match, ceiling: int, prev: ActorHit | None) -> str | None:
        """Whose proxies unnamed factions are: "الفصائل (السورية) الموالية لها" after "القوات التركية" are the
        SNA. None when no link to a patron follows the name."""
        rest = t[m.end : min(ceiling, m.end + 60)].replace('"', " ")
        words = rest.split()
        for skip in (0, 1, 2):
            tail = " ".join(words[skip:])
            link = next((k for k in self.proxy_links if tail.startswith(k + " ")), None)
            if link is None:
                if skip < len(words) and (_is_nisba(words[skip]) or words[skip] in self.proxy_skip):
                    continue
                return None
            patron_word = tail[len(link) :].split()[0]
            if patron_word in ("لها", "له", "لهم", "لهما"):
                patron = prev.id if prev is not None else None
            else:
                pos = m.end + rest.find(patron_word, rest.find(link) + len(link))
                found = [
                    x for x in self.lex.actor_matcher.find(t, pos, min(ceiling, pos + 50)) if x.start == pos
                ]
                patron = found[0].payload[0] if found else None
            return self.proxy_of.get(patron) if patron else None
        return None

    def _only_mentioned(
        self, t: str, m: Match, floor: int, raw: list[str], tails: list[str], after: list[str]
    ) -> bool:
        """Named as who backs someone or who comments, or in an outlet's name: not a party to the incident."""
        if any(tail in self.mention_before for tail in tails):
            return True
        if tails and tails[0] in self.outlet_before:
            return True
        if any(w in self.comment_verbs or _bare(w) in self.comment_verbs for w in raw):
            return True
        if "بين" in t[max(floor, m.start - 70) : m.start]:
            wide = [_bare(w) for w in t[max(floor, m.start - 120) : m.start].replace("،", " ").split()[-12:]]
            if "بين" in wide[-6:]:
                k = len(wide) - 1 - wide[::-1].index("بين")
                if any(w in self.relation_nouns for w in wide[max(0, k - 9) : k]):
                    return True  # "توتر العلاقات بين تركيا والولايات المتحدة": a relation, not a fight
        return bool(after) and after[0] in self.mention_after

    def _country_is_place(self, m: Match, raw: list[str]) -> bool:
        if m.prefix in ("ب", "ل", "ال", "لل") or m.prefix.endswith(("ب", "ل")):
            return m.prefix.endswith("ب")  # "بتركيا" is a place; "لروسيا" an addressee/party
        return any(tail in self.lex.country_as_place_before for tail in _tails(raw[-2:]))

    def _role(
        self,
        t: str,
        m: Match,
        floor: int,
        adjective: bool,
        words: list[str],
        tails: list[str],
        after: list[str],
    ) -> str | None:
        """The role the words around a name give it, or None when nothing does."""
        lex = self.lex
        if adjective:
            # "جنديين تركيين": a nisba on a person counted is whose they are; on a weapon or force
            # ("الغارات الروسية") it names its user
            before = [n for n in lex.nouns.find(t, max(floor, m.start - 25), m.start) if n.end <= m.start]
            if before and t[before[-1].end : m.start].strip() == "":
                return "target"
            return "perpetrator"
        if m.prefix.endswith("ل") and words and words[-1] in lex.perpetrator_attack_nouns:
            return "perpetrator"
        # an attack noun with the actor in construct: "قصف قوات النظام"
        for tail in tails:
            if tail in lex.target_before:
                return "target"
            if tail in lex.perpetrator_before:
                return "perpetrator"
            if tail in lex.party_before:
                return "party"
        if any(w in lex.perpetrator_after for w in after):
            return "perpetrator"
        return None

    def spans(self, hits: list[ActorHit]) -> list[ActorSpan]:
        out = []
        for h in hits:
            info = self.lex.actors[h.id]
            out.append(ActorSpan(h.start, h.end, h.id, info.side, armed=h.id != "civilians"))
        return out


class SourceFinder:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        rep = load_yaml("reporting.yaml")
        army = rep["army_anaphor"]
        self.generic_sources = frozenset(rep["generic_sources"])
        self.foreign_nisbas = _words_set(rep["foreign_nisbas"])
        self.army_names = _words_set(army["names"])
        self.armies = frozenset(army["among"])
        self.army_default: str = army["default"]

    def mentions(self, t: str, s: int, e: int) -> list[Match]:
        out = []
        for m in self.lex.source_matcher.find(t, s, e):
            if m.key in self.army_names:
                m = replace(m, payload=self._army(t, m.start))
            if m.payload in self.generic_sources:
                nxt = t[m.end : m.end + 25].split()[:1]
                if nxt and _bare(nxt[0]) in self.foreign_nisbas:
                    continue  # "التلفزيون الرسمي الإيراني" is not Syrian state TV
            if m.payload is not None:
                out.append(m)
        return out

    def _army(self, t: str, pos: int) -> str | None:
        """The army a bare "الجيش" stands for: the last one named before it (None for another country's)."""
        for p in reversed(self.lex.source_matcher.find(t, max(0, pos - 6000), pos)):
            if p.key in self.army_names:
                continue
            if p.payload in self.armies or (p.payload is None and "الجيش" in p.key.split()):
                return p.payload
        return self.army_default

    def reporters(self, t: str, s: int, e: int, mentions: list[Match] | None = None) -> list[str]:
        """Source ids a reporting cue attributes this sentence to, in order of mention."""
        lex = self.lex
        out: list[str] = []
        for m in mentions if mentions is not None else self.mentions(t, s, e):
            raw_words = _words_before(t, m.start, 3, s)
            cut = max((k + 1 for k, w in enumerate(raw_words) if w in _THAT), default=0)
            raw_words = raw_words[cut:]  # "قال مسؤولون إن الجيش ...": the source is in what was said
            words = [w if w in lex.report_cues or w in lex.addressee_ok else _bare(w) for w in raw_words]
            if words and (words[-1] in lex.not_reporter_before or raw_words[-1] in lex.not_reporter_before):
                continue  # "تفيد التقارير بسيطرة الجيش": what is reported on, not who reports
            governed = any(w in lex.report_cues for w in words) or any(
                " ".join(words[k : k + 2]) in lex.report_cues for k in range(len(words) - 1)
            )
            if not governed and not m.prefix.endswith("ب"):
                governed = self._speaker_phrase(t, m.start, s)
            after = [_bare(w) for w in t[m.end : min(e, m.end + 30)].replace('"', " ").split()[:3]]
            if not governed:
                governed = any(w in lex.report_cues_after for w in after) or (
                    " ".join(after[:2]) in lex.report_cues_after
                )
            if m.prefix.endswith("ل") and not (words and words[-1] in lex.addressee_ok):
                governed = False  # the addressee of a statement, not its author
            if governed and self._not_reporting(t, m, s, e):
                governed = False
            if governed and m.payload not in out:
                out.append(m.payload)
        return out

    def _not_reporting(self, t: str, m: Match, floor: int, ceiling: int) -> bool:
        """Named as the outlet of someone else's interview ("في مقابلة بثتها قناة ...", "نشر الإعلام الرسمي
        نصها") or as the author of a denial ("نشر البنتاغون بيانا نفى فيه"): it does not report the facts."""
        before = [_bare(w) for w in _words_before(t, m.start, 3, floor)]
        after = [_bare(w) for w in _words_after(t, m.end, 3, ceiling)]
        if any(w in self.lex.medium_words for w in before) or (after and after[0] in self.lex.medium_words):
            return True
        return any(w in self.lex.denial_words for w in before + after)

    def _speaker_phrase(self, t: str, pos: int, floor: int) -> bool:
        """A source inside the subject of a reporting verb, before what was said: "وقال عاملون في منظمة
        الخوذ البيضاء إن ...", "وأفادت وكالة الأنباء الرسمية السورية سانا بأن ..."."""
        start = max(floor, pos - 100)
        words = t[start:pos].replace('"', ' " ').replace(":", " : ").split()[-_SPEAKER_WORDS:]
        for k in range(len(words) - 1, -1, -1):
            w = words[k]
            if w in _THAT or w in ('"', ":"):
                return False
            if w in self.lex.report_cues or _bare(w) in self.lex.report_cues:
                # "وقالت سفيرة الولايات المتحدة في الأمم المتحدة", "قالت بعثة الكويت لدى الأمم المتحدة": the
                # speaker is a state's, not the source's
                between = words[k + 1 :]
                if any(_bare(x) in self.lex.representatives for x in between):
                    return False
                if any(x.isdigit() or (x.startswith("بال") and x != "باسم") for x in between):
                    return (
                        False  # "وذكّر الجعفري بالمادة 51 من ميثاق الأمم المتحدة": an object, not the speaker
                    )
                cue = t.rfind(w, start, pos)
                return not any(
                    a.payload[0] not in (None, "civilians") and not self.lex.loose_nisba(a.payload)
                    for a in self.lex.actor_matcher.find(t, cue, pos)
                )
        return False

    def subjects(self, t: str, s: int, mentions: list[Match]) -> list[str]:
        """Sources named at the head of a sentence, where its subject stands ("أجرى دي ميستورا مباحثات"):
        a following "وقال ..." goes on with them even if nothing here reported."""
        return [m.payload for m in mentions if len(t[s : m.start].split()) <= _SUBJECT_WORDS]

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
