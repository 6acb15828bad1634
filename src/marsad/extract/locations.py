"""Place mentions in an article: gazetteer names found in one pass, then read in context.

The cue words around a name decide what it means: "ريف حلب" is Aleppo's countryside, "شرق حلب" a
direction from the city, "حي الخالدية" a neighbourhood of whichever city the article is about. A name
with several candidates goes to the one in the governorate the rest of the article is about.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from marsad.extract.gazetteer import Gazetteer, norm_name
from marsad.extract.matcher import Match, PhraseMatcher
from marsad.models import Location, Place
from marsad.resources import load_yaml
from marsad.text.normalize import NormText

_BLOCK = "\x00block"
# Clitics a cue word may carry, longest first ("وب" + "ريف"); "" last.
_CLITICS = ("وب", "فب", "ول", "فل", "و", "ف", "ب", "ل", "")
_PRECISION_RANK = {
    "community": 0,
    "governorate": 1,
    "region": 2,
    "district": 3,
    "neighbourhood": 4,
    "country": 5,
}


@dataclass(frozen=True, slots=True)
class Cue:
    # countryside | near | direction | neighbourhood | community | governorate | preposition | origin
    kind: str
    relation: str | None
    start: int  # normalised offset where the cue (with clitics) starts
    listing: bool = False  # a plural/dual cue ("محافظتي", "بلدات") that covers the names after it


@dataclass(slots=True)
class _Mention:
    match: Match
    cue: Cue | None
    places: list[Place]
    side: str | None = None  # "الشمالي" after "ريف X"
    end: int = 0


class LocationRules:
    """Cue words from ``locations.yaml`` compiled into one look-behind regex."""

    def __init__(self) -> None:
        data = load_yaml("locations.yaml")
        cues = data["cues"]
        words: dict[str, tuple[str, str | None]] = {}
        for kind in (
            "countryside",
            "near",
            "neighbourhood",
            "community",
            "governorate",
            "preposition",
            "origin",
        ):
            for w in cues[kind]:
                words.setdefault(norm_name(w), (kind, "countryside" if kind == "countryside" else None))
        for relation, ws in cues["direction"].items():
            for w in ws:
                words[norm_name(w)] = ("direction", relation)
        for w in cues["near"]:
            words[norm_name(w)] = ("near", "near")
        self.words = words
        self.max_words = max(len(w.split()) for w in words)
        # Every cue word with every clitic it may carry -> (clitic length, cue word).
        self.forms: dict[str, tuple[int, str]] = {}
        for w in words:
            for clitic in reversed(_CLITICS):
                self.forms.setdefault(clitic + w, (len(clitic), w))
        self.list_words = {norm_name(w) for w in cues.get("list") or []}
        self.destination = {norm_name(w) for w in cues.get("destination") or []}
        self.sides = sorted((norm_name(s) for s in cues["countryside_side"]), key=len, reverse=True)
        self.not_places = [norm_name(p) for p in data.get("not_places") or []]

    def cue_before(self, text: str, start: int) -> tuple[int, str] | None:
        """(start of the cue without its clitics, cue word) if a cue word ends just before ``start``."""
        if start == 0 or not text[start - 1].isspace():
            return None
        base = max(0, start - 40)
        window = text[base:start]
        end = len(window.rstrip())
        starts: list[int] = []
        pos = end
        for _ in range(self.max_words):
            sp = max(window.rfind(" ", 0, pos), window.rfind("\n", 0, pos))
            starts.append(sp + 1)
            if sp < 0:
                break
            pos = len(window[:sp].rstrip())
        for word_start in reversed(starts):
            form = self.forms.get(" ".join(window[word_start:end].split()))
            if form:
                return base + word_start + form[0], form[1]
        return None


class LocationFinder:
    """Gazetteer places mentioned in a normalised article, with original offsets."""

    def __init__(self, gazetteer: Gazetteer, rules: LocationRules | None = None) -> None:
        self.gaz = gazetteer
        self.rules = rules or LocationRules()
        entries: list[tuple[str, str]] = [(n, n) for n in gazetteer.names()]
        entries += [(p, _BLOCK) for p in self.rules.not_places]
        self.matcher = PhraseMatcher(entries)

    # --------------------------------------------------------------------------------------------
    def find(self, norm: NormText) -> list[Location]:
        text = norm.text
        mentions: list[_Mention] = []
        last_end = 0
        listing: Cue | None = None  # the plural cue of the list being read, if any
        for m in self.matcher.find(text):
            if m.payload == _BLOCK:
                continue
            if m.prefix.endswith(("ال", "لل")) and not m.key.startswith("ال"):
                continue  # "السورية" is an adjective, not "سورية"
            if _is_dateline(text, m):
                continue
            places = self.gaz.candidates(m.key)
            if not places:
                continue
            cue = self._cue(text, m.start)
            if cue and cue.kind == "origin":
                continue
            if cue and cue.start < last_end:
                cue = None  # "ريف إدلب الجنوبي ومعرة النعمان": the cue belongs to the name before
            if cue is None and listing is not None and _continues_list(text, last_end, m):
                cue = Cue(listing.kind, listing.relation, m.start, listing=True)
            listing = cue if cue and cue.listing else None
            mention = _Mention(m, cue, places, end=m.end)
            if cue and cue.kind == "countryside":
                mention.side, mention.end = self._side(text, m.end)
            mentions.append(mention)
            last_end = mention.end
        # Names that are also common words ("الباب": the door) need their own cue word.
        mentions = [
            mn for mn in mentions if mn.match.key not in self.gaz.rules.context or self._has_context(mn)
        ]
        admin1s, cities = self._article_context(mentions)
        out: list[Location] = []
        for mn in mentions:
            loc = self._resolve(norm, mn, admin1s, cities)
            if loc is not None:
                out.append(loc)
        out.sort(key=lambda loc: loc.start)
        return out

    def is_destination(self, text: str, loc: Location) -> bool:
        """ "نحو مدينة الحسكة", "إلى مخيمات أطمة": a place people went to (``text`` as read)."""
        words = norm_name(text[max(0, loc.start - 40) : loc.start]).split()[-3:]
        for k in range(len(words) - 1, -1, -1):
            w = words[k]
            bare = w[1:] if len(w) > 2 and w[0] in "وف" else w
            if bare in self.rules.destination or " ".join(words[k - 1 : k + 1]) in self.rules.destination:
                return True
            if bare in ("من", "في", "ب") or self.rules.words.get(bare, ("",))[0] not in (
                "community",
                "neighbourhood",
                "",
            ):
                return False
        return False

    # --------------------------------------------------------------------------------------------
    def _cue(self, text: str, start: int) -> Cue | None:
        """The cue word right before ``start`` ("وبريف ", "بالقرب من "), by dictionary lookup."""
        hit = self.rules.cue_before(text, start)
        if hit is None:
            return None
        cue_start, word = hit
        kind, relation = self.rules.words[word]
        listing = word in self.rules.list_words
        if kind in ("community", "neighbourhood"):
            # "محيط مدينة الكسوة", "شرق بلدة سراقب": the outer cue gives the relation
            outer = self.rules.cue_before(text, cue_start)
            if outer is not None:
                okind, orel = self.rules.words[outer[1]]
                if okind in ("near", "direction"):
                    return Cue(kind, orel, outer[0], listing=listing)
        if listing:
            return Cue(kind, relation, cue_start, listing=True)
        if kind == "direction":
            # "جنوب شرق X": the first direction word names the relation.
            first = self.rules.cue_before(text, cue_start)
            if first and self.rules.words[first[1]][0] == "direction":
                cue_start, relation = first[0], self.rules.words[first[1]][1]
        return Cue(kind, relation, cue_start)

    def _side(self, text: str, end: int) -> tuple[str | None, int]:
        rest = text[end : end + 30]
        stripped = rest.lstrip(" ")
        for side in self.rules.sides:
            if stripped.startswith(side):
                stop = end + (len(rest) - len(stripped)) + len(side)
                if stop == len(text) or not text[stop].isalpha():
                    return side, stop
        return None, end

    def _has_context(self, mn: _Mention) -> bool:
        return mn.cue is not None or "ب" in mn.match.prefix

    def _article_context(self, mentions: list[_Mention]) -> tuple[Counter[str], Counter[str]]:
        """Governorates and cities of the unambiguous mentions: what the article is about."""
        admin1s: Counter[str] = Counter()
        cities: Counter[str] = Counter()
        for mn in mentions:
            govs = {p.admin1 for p in mn.places if p.admin1}
            if len(govs) == 1:
                admin1s[next(iter(govs))] += 1
            for p in mn.places:
                if len(mn.places) == 1 and p.precision == "community":
                    cities[p.place_id] += 1
                if p.parent and len({q.parent for q in mn.places}) == 1:
                    cities[p.parent] += 1
        return admin1s, cities

    def _choose(self, mn: _Mention, admin1s: Counter[str], cities: Counter[str]) -> Place | None:
        kind = mn.cue.kind if mn.cue else None
        places = mn.places
        if kind != "neighbourhood":
            # A bare neighbourhood name counts only in an article about its city.
            places = [p for p in places if p.precision != "neighbourhood" or cities[p.parent or ""] > 0]
        if not places:
            return None

        def score(p: Place) -> tuple:
            wanted = {
                "neighbourhood": "neighbourhood",
                "community": "community",
                "governorate": "governorate",
            }
            return (
                -(wanted.get(kind or "") == p.precision),
                -cities[p.parent or p.place_id],
                -admin1s[p.admin1 or ""],
                _PRECISION_RANK.get(p.precision, 9),
                -p.population,
            )

        return min(places, key=score)

    def _resolve(
        self, norm: NormText, mn: _Mention, admin1s: Counter[str], cities: Counter[str]
    ) -> Location | None:
        place = self._choose(mn, admin1s, cities)
        if place is None:
            return None
        m, cue = mn.match, mn.cue
        start, relation, precision = m.core_start, "in", place.precision
        if cue and (cue.kind in ("countryside", "near", "direction") or cue.relation):
            start, relation = cue.start, cue.relation or "in"
        if cue and cue.kind == "countryside":
            precision = "region"
            if place.precision == "neighbourhood" and place.parent:
                place = self.gaz.get(place.parent) or place
            place = self.gaz.capital_governorate(place.place_id) or place
        elif cue and cue.kind == "governorate" and place.precision == "community":
            # "محافظتي إدلب وحمص": the provinces named after their capitals
            gov = self.gaz.capital_governorate(place.place_id)
            if gov is not None:
                place, precision = gov, "governorate"
        elif mn.side and place.precision == "governorate":
            precision = "region"
        s, e = norm.span(start, mn.end)
        return Location(
            text=norm.original[s:e],
            start=s,
            end=e,
            place_id=place.place_id,
            name_ar=place.name_ar,
            name_en=place.name_en,
            admin1=place.admin1,
            admin2=place.admin2,
            lat=place.lat,
            lon=place.lon,
            precision=precision,
            relation=relation,
        )


def _continues_list(text: str, last_end: int, m: Match) -> bool:
    """ "إدلب (شمال غرب) وحمص", "كفرزيتا، اللطامنة": nothing but a comma, a bracket or و between."""
    gap = text[last_end : m.core_start]
    if len(gap) > 30:
        return False
    gap = gap.strip()
    if gap.startswith("(") and ")" in gap:
        gap = gap[gap.index(")") + 1 :].strip()
    return gap in ("", "،", ",", "و", "، و", "،و")


def _is_dateline(text: str, m: Match) -> bool:
    """ "دمشق - (أ ف ب)": a name opening a line and followed by a dash or bracket is a dateline."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start : m.start].strip():
        return False
    after = text[m.end : m.end + 4].lstrip(" ")
    return bool(after) and after[0] in "-–—(:،,"
