"""Compiled lexicons: the YAML language data turned into matchers, built once per Extractor."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from marsad.extract.matcher import PRONOUN_SUFFIXES, MatcherGroup, PhraseMatcher
from marsad.resources import load_yaml
from marsad.text.normalize import normalize_str
from marsad.text.patterns import (
    compile_scanning,
    first_strings,
    grouped_starts,
    phrase_alternation,
    spans_finder,
)


@dataclass(frozen=True, slots=True)
class Noun:
    """A group or measure noun: what it counts and its grammatical number (1, 2 or None=plural)."""

    group: str
    measure: str | None
    number: int | None
    side: str | None = None  # a nisba counted as people ("8 إيرانيين"): the actor they belong to


ATTACKERS = "*attackers*"  # "العناصر المهاجمة", "المهاجمين": the side of the incident's perpetrator


@dataclass(frozen=True, slots=True)
class ActorInfo:
    id: str
    name_en: str
    side: str | None
    state: bool


def _number(v: object) -> int | None:
    return v if isinstance(v, int) else None


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(" ".join(normalize_str(w).split()) for w in items)


class Lexicons:
    """All matchers the extractors need; loading them is the costly part, so do it once."""

    def __init__(self) -> None:
        cas = load_yaml("casualties.yaml")
        ev = load_yaml("events.yaml")
        actors = load_yaml("actors.yaml")
        sources = load_yaml("sources.yaml")
        rep = load_yaml("reporting.yaml")
        # every matcher below reads an article in one shared pass (see MatcherGroup)
        self.group = MatcherGroup()
        matcher = partial(PhraseMatcher, group=self.group)

        self.triggers = matcher(
            ((w, measure) for measure, words in cas["triggers"].items() for w in words),
            suffixes=PRONOUN_SUFFIXES,
        )
        self.trigger_keys = _words([w for words in cas["triggers"].values() for w in words])
        nouns: list[tuple[str, Noun]] = []
        for measure, words in cas["measure_nouns"].items():
            nouns += [(w, Noun("people", measure, _number(n))) for w, n in words.items()]
        for group, words in cas["groups"].items():
            nouns += [(w, Noun(group, None, _number(n))) for w, n in words.items()]
        for actor_id, words in cas["national_nouns"].items():
            nouns += [(w, Noun("fighters", None, None, actor_id)) for w in words]
        nouns += [
            (w, Noun("fighters", None, _number(n), ATTACKERS)) for w, n in cas["attacker_nouns"].items()
        ]
        self.nouns = matcher(nouns)
        self.bare_cues = _words(cas["bare_cues"])
        self.post_numerals = {normalize_str(w): n for w, n in cas["post_numerals"].items()}
        self.part_of_cues = matcher((w, True) for w in cas["part_of_cues"])
        self.among_cues = matcher((w, measure) for measure, words in cas["among_cues"].items() for w in words)
        self.casualty_negations = _words(cas["negations"])
        self.no_object_after = _words(cas["no_object_after"])
        self.toll_noun_matcher = matcher((w, True) for w in cas["toll_nouns"])
        self.apposition_cues = _words(cas["apposition_cues"])
        self.cumulative_from: dict[str, int] = cas["cumulative_from"]
        self.both_sides = matcher((w, True) for w in cas["both_sides"])
        self.attacker_words = matcher((w, True) for w in cas["attacker_words"])
        self.trigger_gap_words = _words(cas["trigger_gap_words"])
        self.toll_verbs = _words(cas["toll_verbs"])
        self.verbs_after_count = _words(cas["verbs_after_count"])
        self.forcing_verbs = _words(cas["forcing_verbs"])
        self.ratio_before = _words(cas["ratio_before"])
        self.relative_pronouns = _words(cas["relative_pronouns"])
        self.companions = _words(cas["companions"])
        self.split_verbs = matcher((w, "killed") for w in cas["split_verbs"])
        self.split_objects = _words(cas["split_objects"])
        self.evacuation_context = matcher((w, True) for w in cas["evacuation_context"])
        spread = "|".join(normalize_str(w) for w in cas["distributive"])
        distributive = rf"(?<![^\s])بين\s+(?:{spread})\s+و\s?(?:{spread})(?![^\s،.,])"
        self.distributive = compile_scanning(distributive)
        self.distributive_spans = spans_finder(distributive, 4)  # tried only where "بين" is
        self.casualty_hypothetical = _words(cas["casualty_hypothetical"])
        self.natural_causes = matcher((w, True) for w in cas["natural_causes"])
        self.released_before = _words(cas["released_before"])
        self.agreement_words = _words(cas["agreement_words"])
        self.threat_verbs = _words(cas["threat_verbs"])
        self.mixed_force_side: dict[str, str] = cas["mixed_force_side"]
        self.feminine_heads = _words(cas["feminine_heads"])
        self.year_before = _words(cas["year_before"])
        self.side_link_words = _words(cas["side_link_words"])
        self.civil_bodies = matcher((w, True) for w in cas["civil_bodies"])
        self.side_nisbas = matcher(
            (w, actor_id) for actor_id, words in cas["side_nisbas"].items() for w in words
        )

        self.type_priority: list[str] = ev["priority"]
        self.violent_types = frozenset(ev["violent"])
        typed = [(w, etype) for etype, words in ev["triggers"].items() for w in words]
        generic = [(w, etype) for etype, words in ev["generic"].items() for w in words]
        bound = [(w, etype) for etype, words in ev["place_bound"].items() for w in words]
        self.type_triggers = matcher([*typed, *generic, *bound], suffixes=PRONOUN_SUFFIXES)
        self.weak_type_triggers = matcher(
            (w, etype) for etype, words in (ev.get("weak_triggers") or {}).items() for w in words
        )
        weak = [(w, e) for e, words in (ev.get("weak_triggers") or {}).items() for w in words]
        self.generic_triggers = _words([w for w, _ in generic + weak]) - _words([w for w, _ in typed])
        self.place_bound_triggers = _words([w for w, _ in bound])
        self.place_bound_types = frozenset(ev["place_bound_types"])
        self.relative_before = _words(ev["relative_before"])
        self.interview_after = _words(ev["interview_after"])
        self.other_deals_after = _words(ev["other_deals_after"])
        self.compatible_types: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in ev["compatible"].items()
        }
        self.hypothetical_before = _words(ev["hypothetical_before"])
        self.denials = _words(ev["denials"])
        self.responsibility_words = _words(ev["responsibility_words"])
        self.air_powers = frozenset(ev["air_powers"])
        self.meeting_words = _words(ev["meeting_words"])
        self.vacated_objects = _words(ev["vacated_objects"])
        may = "|".join(re.escape(normalize_str(w).split()[-1]) for w in ev["may_cues"])
        future = phrase_alternation(normalize_str(w) for w in ev["future_verbs"])
        self.may = re.compile(rf"(?<!\w)(?:قد\s+(?:ي\w+|(?:{may})(?!\w))|(?:{future})(?!\w))")
        self.may_spans = spans_finder(self.may.pattern, 4)  # tried only where "قد", "سي" ... are
        # where a match of ``may`` may begin, grouped for ``any_start_within`` (None: anywhere)
        may_starts = first_strings(self.may.pattern, 4)
        self.may_starts = None if may_starts is None else grouped_starts(may_starts)
        self.planned_after = _words(ev["planned_after"])
        self.armament_before = _words(ev["armament_before"])
        self.shield_before = _words(ev["shield_before"])
        self.description_openers = _words(ev["description_openers"])
        self.armament_media = _words(ev["armament_media"])
        self.purpose_exempt_before = _words(ev["purpose_exempt_before"])
        self.measure_types: dict[str, str] = ev["measure_types"]
        self.modal_cues = matcher(
            [(w, "wish") for w in ev["modal_cues"]] + [(w, "terms") for w in ev["agreed_terms_cues"]]
        )
        self.event_negations = _words(ev["negations"])
        self.weapons = matcher((w, weapon) for weapon, words in ev["weapons"].items() for w in words)

        self.actors: dict[str, ActorInfo] = {}
        # actors whose nisba marks them only on these nouns ("الطائرات السورية", not "الفصائل السورية")
        self.nisba_heads: dict[str, frozenset[str]] = {}
        entries: list[tuple[str, tuple[str | None, bool]]] = []
        for actor_id, info in actors.items():
            self.actors[actor_id] = ActorInfo(
                actor_id, info["name_en"], info.get("side"), bool(info.get("state"))
            )
            entries += [(a, (actor_id, False)) for a in info.get("aliases") or []]
            entries += [(a, (actor_id, True)) for a in info.get("adjectives") or []]
            entries += [(a, (actor_id, False)) for a in info.get("metonyms") or []]
            entries += [(a, (actor_id, False)) for a in info.get("leaders") or []]
            entries += [(a, (actor_id, False)) for a in info.get("target_names") or []]
            if info.get("nisba_heads"):
                self.nisba_heads[actor_id] = _words(info["nisba_heads"])
        roles = load_yaml("roles.yaml")
        entries += [(a, (None, False)) for a in roles.get("not_actors") or []]
        self.actor_matcher = matcher(entries)
        self.metonyms = _words([a for info in actors.values() for a in info.get("metonyms") or []])
        self.leaders = _words([a for info in actors.values() for a in info.get("leaders") or []])
        self.target_names = _words([a for info in actors.values() for a in info.get("target_names") or []])
        self.strike_nouns = _words(roles["strike_nouns"])
        self.direction_words = _words(roles["direction_words"])
        self.perpetrator_before = _words(roles["perpetrator_before"])
        self.perpetrator_attack_nouns = _words(roles["attack_nouns"])
        self.target_before = _words(roles["target_before"])
        self.party_before = _words(roles["party_before"])
        self.perpetrator_after = _words(roles["perpetrator_after"])
        self.country_as_place_before = _words(roles["country_as_place_before"])
        self.countries = frozenset(a for a, info in actors.items() if info.get("country"))

        self.source_names = {sid: info["name_en"] for sid, info in sources.items()}
        self.source_matcher = matcher(
            [(a, sid) for sid, info in sources.items() for a in info.get("aliases") or []]
            + [(a, None) for a in rep.get("not_sources") or []]
        )
        self.report_cues = _words(rep["before"])
        self.report_cues_after = _words(rep["after"])
        self.addressee_ok = _words(rep["addressee_ok_before"])
        self.continuation = _words(rep["continuation"])
        self.new_speaker = _words(rep.get("new_speaker") or [])
        self.continuation_subjectless = _words(rep.get("continuation_subjectless") or [])
        self.not_reporter_before = _words(rep.get("not_reporter_before") or [])
        self.representatives = _words(rep.get("representatives") or [])
        self.medium_words = _words(rep.get("medium_words") or [])
        self.denial_words = _words(rep.get("denial_words") or [])

    def loose_nisba(self, payload: tuple[str | None, bool]) -> bool:
        """A nisba that also describes a country's people ("السوري"): it names the state only on the
        nouns its actor lists, never a casualty's side or a speaker."""
        actor_id, adjective = payload
        return adjective and actor_id in self.nisba_heads
