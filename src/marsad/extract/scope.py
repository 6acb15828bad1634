"""Scope: which country an incident happened in, and which incidents a Syria run keeps.

Arabic news about Syria often closes with a roundup of the region ("وفي العراق ...") or teasers of
other stories; such events are not Syrian incidents. Each location carries the ISO code of its
country (the gazetteer knows Syria's places and the world's countries, capitals and neighbouring
towns); an incident is in Syria when any of its places is, else in the country of its first place.
"""

from __future__ import annotations

from collections.abc import Iterable

from marsad.extract.matcher import PhraseMatcher
from marsad.models import Incident, Location
from marsad.resources import load_yaml

HOME = "SY"


def incident_country(locations: Iterable[Location]) -> str | None:
    """ISO code of where an incident happened; None when it names no place."""
    first: str | None = None
    for loc in locations:
        if loc.country == HOME:
            return HOME
        if first is None and loc.country:
            first = loc.country
    return first


# Talks about the war are held abroad (Astana, Geneva, Sochi, Tehran): they are part of it wherever.
WAR_WIDE_TYPES = frozenset({"negotiation"})


def in_scope(incident: Incident, countries: frozenset[str] | None = frozenset({HOME})) -> bool:
    """Kept by a run limited to ``countries`` (None: all): incidents there, without a place, or
    talks with a party of the war (wherever they are held)."""
    if countries is None or incident.country is None or incident.country in countries:
        return True
    # talks abroad are the war's when a party of the war takes part ("قمة أوروبية حول الهجرة" is not)
    return incident.type in WAR_WIDE_TYPES and bool(incident.actors)


def incident_locations(locations: list[Location], etype: str | None) -> list[Location]:
    """The places to record for an incident in Syria or about its war.

    An incident in Syria happened at its Syrian places: "فروا من جبل سنجار في العراق" or "في لندن"
    in the same breath adds nothing. Talks held abroad (Moscow, Astana) are placed at their venue,
    as ANNOTATION.md asks ("not where talks were held unless the incident is the talks"); a
    country named with them is no venue.
    """
    if etype in WAR_WIDE_TYPES:
        venues = [loc for loc in locations if loc.country not in (HOME, None) and loc.precision != "country"]
        if venues:
            return venues  # "اجتماع في أنقرة لبحث الوضع في إدلب": Idlib is what was talked about
    if any(loc.country == HOME for loc in locations):
        return [loc for loc in locations if loc.country in (HOME, None)]
    if etype in WAR_WIDE_TYPES:
        return [loc for loc in locations if loc.precision != "country"]
    return locations


class DomesticBodies:
    """ "الشرطة التركية", "قوات الدرك الأردنية": a foreign state's own police or authorities, which
    act in their country. An incident that names no place but such a body happened there."""

    def __init__(self) -> None:
        data = load_yaml("countries.yaml")
        pairs = [
            (f"{body} {nisba}", code)
            for code, nisbas in (data.get("domestic_nisbas") or {}).items()
            for nisba in nisbas
            for body in data.get("domestic_bodies") or []
        ]
        self._matcher = PhraseMatcher(pairs)

    def country(self, texts: Iterable[str]) -> str | None:
        for text in texts:
            for m in self._matcher.find(text):
                if m.payload != HOME:
                    return m.payload
        return None
