"""Place mentions in an article: gazetteer names found in one pass, then read in context.

The cue words around a name decide what it means: "ريف حلب" is Aleppo's countryside, "شرق حلب" a
direction from the city, "حي الخالدية" a neighbourhood of whichever city the article is about. A name
with several candidates goes to the one in the governorate the rest of the article is about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from marsad.extract.gazetteer import Gazetteer, norm_name
from marsad.extract.matcher import Match, PhraseMatcher
from marsad.models import Location, Place
from marsad.resources import load_yaml
from marsad.text.normalize import NormText

_BLOCK = "\x00block"
_NAME_CLITICS = frozenset({"", "و", "ب", "ل", "وب", "ول"})
# Clitics a cue word may carry, longest first ("وب" + "ريف"); "" last.
_CLITICS = ("وب", "فب", "ول", "فل", "و", "ف", "ب", "ل", "")
_PRECISION_RANK = {
    "community": 0,
    "governorate": 1,
    "region": 2,
    "district": 3,
    "subdistrict": 4,
    "neighbourhood": 5,
    "country": 6,
}
# Cue kinds that say "a place" by themselves: "قرية X", "ريف X", "قرب X", "شرق X". A bare
# preposition ("في X") is not enough for a name that is also an ordinary word.
_VAGUE_NOUNS = frozenset({"منطقه", "مناطق", "منطقتي"})
_PLACE_CUES = frozenset({"countryside", "near", "direction", "neighbourhood", "community", "governorate"})


# not frozen (never changed once made): a frozen dataclass takes four times as long to build, and
# thousands are built per article; hashable all the same
@dataclass(slots=True, unsafe_hash=True, init=False)
class Cue:
    # countryside | near | direction | neighbourhood | community | governorate | preposition | origin
    kind: str
    relation: str | None
    start: int  # normalised offset where the cue (with clitics) starts
    listing: bool = False  # a plural/dual cue ("محافظتي", "بلدات") that covers the names after it
    word: str = ""  # the cue word itself ("في", "مدينة")

    # written out (init=False): compiled, the __init__ dataclass generates runs interpreted, 7x slower
    def __init__(
        self, kind: str, relation: str | None, start: int, listing: bool = False, word: str = ""
    ) -> None:
        self.kind = kind
        self.relation = relation
        self.start = start
        self.listing = listing
        self.word = word


@dataclass(frozen=True, slots=True)
class _Key:
    """What the gazetteer says about one indexed name, worked out once per finder."""

    places: list[Place]  # the readings (a country name: the country only)
    free: tuple[bool, ...]  # per reading: a shipped place under a name that is not a word
    cue: tuple[bool, ...]  # per reading: the name is a word here, it needs a place cue
    metonym: bool  # a capital or a country: a government unless in a locative frame
    sure: tuple[Place, ...]  # the free readings, in order (most imported names: none)
    sure_admin1: str | None  # the one governorate of all the free readings, if they share one


def _one_admin1(places: Iterable[Place]) -> str | None:
    """The governorate every place lies in, if they all lie in one (None if any has none)."""
    govs = {p.admin1 for p in places}
    return next(iter(govs)) if len(govs) == 1 else None


@dataclass(slots=True, init=False)
class _Mention:
    match: Match
    cue: Cue | None
    places: list[Place]
    side: str | None = None  # "الشمالي" after "ريف X"
    end: int = 0
    chain: int = 0  # names listed together ("كفرزيتا، اللطامنة ومورك") share a chain number
    info: _Key | None = None
    within: frozenset[str] = frozenset()  # governorates and cities an apposition puts it in ("X قرب دمشق")

    # written out (init=False): compiled, the __init__ dataclass generates runs interpreted, 7x slower
    def __init__(
        self,
        match: Match,
        cue: Cue | None,
        places: list[Place],
        side: str | None = None,
        end: int = 0,
        chain: int = 0,
        info: _Key | None = None,
        within: frozenset[str] = frozenset(),
    ) -> None:
        self.match = match
        self.cue = cue
        self.places = places
        self.side = side
        self.end = end
        self.chain = chain
        self.info = info
        self.within = within

    @property
    def placed(self) -> bool:
        """Its own cue says it is a place ("بلدة X", "ريف X", "قرب X")."""
        return self.cue is not None and self.cue.kind in _PLACE_CUES


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
        self.last_words = {f.split()[-1] for f in self.forms}
        self.multi_last = {f.split()[-1] for f in self.forms if " " in f}  # of a cue of 2+ words
        self.list_words = {norm_name(w) for w in cues.get("list") or []}
        self.destination = {norm_name(w) for w in cues.get("destination") or []}
        self.movers = {norm_name(w) for w in data.get("movers") or []}
        self.sides = sorted((norm_name(s) for s in cues["countryside_side"]), key=len, reverse=True)
        self.not_places = [norm_name(p) for p in data.get("not_places") or []]
        # "محادثات أستانا", "مسار جنيف": a talks process named after its first venue, not a place
        process = data.get("talks_processes") or {}
        self.not_places += [
            norm_name(f"{noun} {venue}")
            for noun in process.get("nouns") or []
            for venue in process.get("venues") or []
        ]
        self.locative = {norm_name(w) for w in cues.get("locative") or []}
        self.holders = {norm_name(w) for w in cues.get("holders") or []}
        self.holders_wide = {norm_name(w) for w in cues.get("holders_wide") or []}
        self.holders_far = {norm_name(w) for w in cues.get("holders_far") or []}
        self.surroundings: dict[str, str] = dict(data.get("surroundings") or {})
        self.origin_verbs = {norm_name(w) for w in cues.get("origin_verbs") or []}
        self.apposition_gaps = {norm_name(w) for w in cues.get("apposition_gaps") or []}
        self.metonyms = {norm_name(w) for w in data.get("metonyms") or []}
        self.strict = {norm_name(w) for w in data["names"].get("need_place_cue") or []}

    def may_cue(self, text: str, start: int) -> bool:
        """Whether the word before ``start`` could end a cue (a cheap test before ``cue_before``)."""
        before = text[max(0, start - 24) : start].rsplit(None, 1)
        return bool(before) and before[-1] in self.last_words

    def cue_before(self, text: str, start: int) -> tuple[int, str] | None:
        """(start of the cue without its clitics, cue word) if a cue word ends just before ``start``."""
        if start == 0 or not text[start - 1].isspace():
            return None
        # fast exit: the word before is not the last word of any cue form (most names)
        before = text[max(0, start - 24) : start].rsplit(None, 1)
        if not before or before[-1] not in self.last_words:
            return None
        base = max(0, start - 40)
        window = text[base:start]
        end = len(window.rstrip())
        word = before[-1]
        if word not in self.multi_last:
            # no cue of several words ends with this word ("في", "مدينة"): the word alone is the
            # only candidate, unless it is cut by the window or spaced oddly (read below)
            first = max(window.rfind(" ", 0, end), window.rfind("\n", 0, end)) + 1
            if window[first:end] == word and not window[:first].isspace():
                form = self.forms.get(word)
                return (base + first + form[0], form[1]) if form else None
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
        # whole words with the clitics a place name takes ("وبحلب"); "الـ" + name is an adjective
        # ("السورية") and ك/ف are left out ("كبيرة" is no ك + "بيرة")
        self.matcher = PhraseMatcher(entries, word_prefixes=_NAME_CLITICS)
        self._keys: dict[str, _Key] = {}

    # --------------------------------------------------------------------------------------------
    def find(self, norm: NormText) -> list[Location]:
        text = norm.text
        mentions: list[_Mention] = []
        last_end = 0
        chain = 0
        listing: Cue | None = None  # the plural cue of the list being read, if any
        keys = self._keys
        for m in self.matcher.find(text):
            if m.payload == _BLOCK:
                continue
            info = keys.get(m.key) or self._key(m.key)
            places = info.places
            if not places:
                continue
            if info.metonym and "ب" not in m.prefix and not self.rules.may_cue(text, m.start):
                continue  # "أعلنت موسكو", "قالت تركيا": the government, not a place (fast path)
            if _is_dateline(text, m):
                continue
            cue = self._cue(text, m.start)
            if cue and cue.kind == "origin":
                continue
            if info.metonym and not self._locative(cue, m):
                continue  # "أعلنت موسكو", "قالت تركيا": the government, not a place
            if cue and cue.start < last_end:
                cue = None  # "ريف إدلب الجنوبي ومعرة النعمان": the cue belongs to the name before
            if cue and mentions and self._apposition(text, last_end, cue, mentions[-1], places):
                # "دوما قرب دمشق": the second name only says where the first is
                mentions[-1].within = _areas(places)
                continue
            if (
                cue
                and cue.kind in ("preposition", "community", "neighbourhood")
                and self._held(text, m.start)
            ):
                continue  # "مصادر في دمشق": where the sources sit, not where it happened
            in_list = bool(mentions) and _continues_list(text, last_end, m)
            if cue is None and listing is not None and in_list:
                cue = Cue(listing.kind, listing.relation, m.start, listing=True, word=listing.word)
            listing = cue if cue and cue.listing else None
            if not (in_list and _separated(text, last_end, m)):
                chain += 1
            mention = _Mention(m, cue, places, end=m.end, chain=chain, info=info)
            if cue and cue.kind == "countryside":
                mention.side, mention.end = self._side(text, m.end)
            mentions.append(mention)
            last_end = mention.end
        mentions = self._readings(text, mentions)
        admin1s, cities, countries = self._article_context(mentions)
        senses: dict[tuple[str, str | None], Place | None] = {}  # one sense per name (and cue kind)
        out: list[Location] = []
        for mn in mentions:
            key = (mn.match.key, mn.cue.kind if mn.cue else None)
            if key not in senses:
                senses[key] = self._choose(mn, admin1s, cities, countries)
            loc = self._resolve(norm, mn, senses[key])
            if loc is not None:
                out.append(loc)
        out.sort(key=lambda loc: loc.start)
        return out

    def _readings(self, text: str, mentions: list[_Mention]) -> list[_Mention]:
        """Drop the readings that need more than the text gives them.

        - a government named by its capital or country ("اتهمت دمشق", "أعلنت موسكو", "حكومة
          أنقرة") is not a place: such names count only in a locative frame (في، ب، داخل، قرب ...);
        - a curated name that is also a common word (الباب) needs a cue word or a ب clitic;
        - a name that is an ordinary word or first name (خطاب، حضر; marked at import) needs a
          place cue (قرية، بلدة، ريف، قرب ...) here or at another mention of the name, or to be
          listed with places ("سلحب وخطاب");
        - any other imported-only place needs the same, or to lie in a governorate the article is
          about: a village list of 8,000 names matches words everywhere, a serious article names
          its governorate.
        """
        kept = list(mentions)
        placed = {mn.match.key for mn in kept if mn.placed}
        # counts as plain dicts: compiled, a Counter's Python-level __init__ and __missing__ cost
        # more than the rest of the counting
        support: dict[str, int] = {}
        for mn in kept:
            info: _Key = mn.info  # type: ignore[assignment]
            # the free readings' governorate, else (with a place cue) that of all the readings
            gov = info.sure_admin1 if info.sure else _one_admin1(mn.places) if mn.placed else None
            if gov is not None:
                support[gov] = support.get(gov, 0) + 1
        sure_chains: set[int] = set()
        readings: list[list[Place]] = []
        for mn in kept:
            key = mn.match.key
            info = mn.info  # type: ignore[assignment]
            backed = mn.placed or key in placed
            # "في X", "بX", "قرب X", "غارات على X"
            framed = mn.cue is not None or "ب" in mn.match.prefix or _after_ala(text, mn.match.start)
            if key in self.gaz.rules.context and not framed:
                readings.append([])  # "الباب" the door; kept below only in a list of places
                continue
            if not backed and not framed:
                ok = list(info.sure)  # nothing in the text backs a reading that is not free
            else:
                ok = [
                    p
                    for p, free, word in zip(info.places, info.free, info.cue, strict=True)
                    if free
                    or (backed and self._fits_cue(mn, p, word))
                    or (framed and not word and p.admin1 is not None and support.get(p.admin1, 0) > 0)
                ]
            if ok:
                sure_chains.add(mn.chain)
            readings.append(ok)
        out: list[_Mention] = []
        listed: dict[int, int] | None = None  # mentions per chain, counted when first needed
        for mn, ok in zip(kept, readings, strict=True):
            if not ok and mn.chain in sure_chains:
                if listed is None:
                    listed = {}
                    for other in kept:
                        listed[other.chain] = listed.get(other.chain, 0) + 1
                if listed[mn.chain] > 1:
                    ok = mn.places  # listed with places: "سلحب وخطاب"
            if ok:
                mn.places = ok
                out.append(mn)
        return out

    def _key(self, key: str) -> _Key:
        info = self._keys.get(key)
        if info is None:
            places = self.gaz.candidates_key(key)
            states = [p for p in places if p.precision == "country"]
            if states:
                places = states  # "تركيا" is the country, not a village of that name
            free = tuple(self._free(key, p) for p in places)
            sure = tuple(p for p, f in zip(places, free, strict=True) if f)
            info = _Key(
                places=places,
                free=free,
                cue=tuple(self._cue_name(key, p) for p in places),
                metonym=key in self.rules.metonyms or bool(states),
                sure=sure,
                sure_admin1=_one_admin1(sure),
            )
            self._keys[key] = info
        return info

    def _fits_cue(self, mn: _Mention, place: Place, word: bool) -> bool:
        """ "حي X" backs a neighbourhood (or a shipped place), not a namesake village; a word-like
        name needs a noun cue ("قرية برد"), a direction alone ("غربي برد") is not enough."""
        if mn.cue is not None and mn.cue.kind == "neighbourhood":
            return place.precision == "neighbourhood" or self.gaz.is_curated(place)
        if word:
            # "غربي برد", "منطقة عريضة" (a wide area): a direction or منطقة is not enough
            return mn.cue is None or (mn.cue.kind != "direction" and mn.cue.word not in _VAGUE_NOUNS)
        return True

    def _cue_name(self, key: str, place: Place) -> bool:
        # an imported variant with or without ال ("الجسرين") is as much a word as the listed name
        bare = key[2:] if key.startswith("ال") else key
        if key in self.rules.strict or bare in self.rules.strict or self.gaz.needs_cue(key, place):
            return True
        # a word the curated list knows as common ("التضامن") is as common for a namesake village
        return key in self.gaz.rules.context and not self.gaz.is_curated(place)

    def _free(self, key: str, place: Place) -> bool:
        """A reading that needs no support: a shipped place under a name that is not a word."""
        return self.gaz.is_curated(place) and not self._cue_name(key, place)

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

    def is_moved_to(self, text: str, loc: Location, norm: NormText | None = None) -> bool:
        """ "إجلاء المقاتلين من دوما إلى جرابلس", "أثناء توجههم إلى حمص": a place people were taken or
        headed to, told by a word of moving a few words before its "إلى" (``text`` as read).
        ``norm``: ``text`` normalised, whose slice is the window normalised (normalising maps or
        deletes each character on its own), so the window need not be normalised again."""
        start = max(0, loc.start - 100)
        window = text[start : loc.start]
        cut = max(window.rfind("."), window.rfind("؟"), window.rfind("!"), window.rfind("\n"))
        if norm is not None:
            a, b = norm.from_orig(start + cut + 1), norm.from_orig(loc.start)
            words = norm.text[a:b].replace(".", " ").split()
        else:
            words = norm_name(window[cut + 1 :]).split()
        if words and self.rules.words.get(words[-1], ("",))[0] in (
            "community",
            "neighbourhood",
            "governorate",
        ):
            words = words[:-1]  # "إلى مدينة X"
        if not words:
            return False
        last = words[-1][1:] if len(words[-1]) > 2 and words[-1][0] in "وف" else words[-1]
        if last not in self.rules.destination:
            return False
        for w in words[-9:-1]:
            w = w.strip("\"'«»()،,:")
            for clitic in _CLITICS:
                if w.startswith(clitic) and (
                    w[len(clitic) :] in self.rules.movers
                    or (w[len(clitic) :].startswith("ال") and w[len(clitic) + 2 :] in self.rules.movers)
                ):
                    return True
        return False

    def _locative(self, cue: Cue | None, m: Match) -> bool:
        """ "في دمشق", "بدمشق", "داخل روسيا", "قرب دمشق", "شرق تركيا": the place, not its
        government."""
        if cue is not None and (cue.kind != "preposition" or cue.word in self.rules.locative):
            return True
        return m.prefix.endswith("ب") or m.prefix.endswith("بال")

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
                    return Cue(kind, orel, outer[0], listing=listing, word=word)
        if listing:
            return Cue(kind, relation, cue_start, listing=True, word=word)
        if kind == "direction":
            # "جنوب شرق X": the first direction word names the relation.
            first = self.rules.cue_before(text, cue_start)
            if first and self.rules.words[first[1]][0] == "direction":
                cue_start, relation = first[0], self.rules.words[first[1]][1]
        return Cue(kind, relation, cue_start, word=word)

    def _apposition(self, text: str, last_end: int, cue: Cue, prev: _Mention, places: list[Place]) -> bool:
        near = cue.kind in ("near", "direction") or cue.relation not in (None, "in", "countryside")
        if not near or cue.start < last_end:
            return False
        gap = text[last_end : cue.start]
        if len(gap) > 20 or " ".join(gap.split()) not in self.rules.apposition_gaps:
            return False
        if prev.cue is not None and prev.cue.kind in ("countryside", "governorate"):
            return False  # "بريف دمشق قرب مطار دمشق": the finer place comes second
        if not prev.placed and not any(prev.info.free):  # type: ignore[union-attr]
            return False  # "مساكن في ضواحي مدينة خان شيخون": houses, not a village of that name
        if any(p.precision in ("community", "neighbourhood") for p in prev.places):
            return True
        if any(p.precision == "region" for p in prev.places):
            # "الغوطة الشرقية، قرب دمشق" locates the region; "البادية قرب مطار التيفور" is finer
            return all(
                p.precision in ("governorate", "country", "district", "subdistrict")
                or self.gaz.capital_governorate(p.place_id)
                for p in places
            )
        return False

    def _held(self, text: str, start: int) -> bool:
        """ "مراسل فرانس برس في مدينة دمشق", "مصدر حقوقي من السويداء": the place of a person."""
        words = [w.strip('"«»()') for w in text[max(0, start - 50) : start].split()]
        words = [w for w in words if w]
        if words and self.rules.words.get(words[-1], ("",))[0] in ("community", "neighbourhood"):
            words = words[:-1]  # "في مدينة X"
        if not words or words[-1] not in ("في", "من"):
            return False
        if words[-1] == "من" and self.rules.origin_verbs.intersection(words[-5:-1]):
            return True  # "ينحدر معظم مقاتليه من X": where they come from
        words = [w[1:] if w[:1] == "و" and w[1:] in self.rules.holders else w for w in words[:-1]]
        if words and words[-1] in self.rules.holders:
            return True
        if len(words) >= 2 and " ".join(words[-2:]) in self.rules.holders:
            return True
        if len(words) >= 2 and words[-2] in self.rules.holders_wide:
            return True
        return len(words) >= 3 and words[-3] in self.rules.holders_far

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

    def _article_context(
        self, mentions: list[_Mention]
    ) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        """Governorates, cities and countries of the unambiguous mentions: what the article is
        about (counts; a name not counted is 0)."""
        admin1s: dict[str, int] = {}
        cities: dict[str, int] = {}
        countries: dict[str, int] = {}
        for mn in mentions:
            if len(mn.places) == 1:  # most mentions: what the general case below gives for one place
                p = mn.places[0]
                if p.admin1:
                    admin1s[p.admin1] = admin1s.get(p.admin1, 0) + 1
                if p.country is not None:
                    countries[p.country] = countries.get(p.country, 0) + 1
                if p.precision == "community":
                    cities[p.place_id] = cities.get(p.place_id, 0) + 1
                if p.parent:
                    cities[p.parent] = cities.get(p.parent, 0) + 1
                continue
            # a shipped town outweighs its namesake villages: "دوما" points at Rif Dimashq
            info: _Key = mn.info  # type: ignore[assignment]
            sure = [p for p in info.sure if p in mn.places] if info.sure else []
            sure = sure or mn.places
            gov = _one_admin1(sure)
            if gov:
                admin1s[gov] = admin1s.get(gov, 0) + 1
            states = {p.country for p in sure}
            if len(states) == 1 and None not in states:
                state: str = next(iter(states))  # type: ignore[assignment]
                countries[state] = countries.get(state, 0) + 1
            towns = [p for p in sure if p.precision == "community"]
            if len(towns) == 1:  # "دمشق": the city (an imported district of that name aside)
                town = towns[0].place_id
                cities[town] = cities.get(town, 0) + 1
            if len({q.parent for q in mn.places}) == 1:
                for p in mn.places:
                    if p.parent:
                        cities[p.parent] = cities.get(p.parent, 0) + 1
        return admin1s, cities, countries

    def _choose(
        self, mn: _Mention, admin1s: dict[str, int], cities: dict[str, int], countries: dict[str, int]
    ) -> Place | None:
        kind = mn.cue.kind if mn.cue else None
        places = mn.places
        if kind != "neighbourhood":
            # A bare neighbourhood name counts only in an article about its city.
            places = [
                p
                for p in places
                if p.precision != "neighbourhood"
                or cities.get(p.parent or "", 0) > 0
                or p.parent in mn.within
            ]
        elif any(cities.values()):
            # "حيي الأشرفية والجميلية" in an article about Afrin: not Aleppo's quarters of that name
            places = [
                p for p in places if p.precision != "neighbourhood" or cities.get(p.parent or "", 0) > 0
            ]
        if not places:
            return None
        if len(places) == 1:
            return places[0]  # what ``min`` below gives, without scoring it
        wanted = {"neighbourhood": "neighbourhood", "community": "community", "governorate": "governorate"}
        if mn.cue is not None and mn.cue.word in _VAGUE_NOUNS:
            wanted = {}  # "منطقة برزة": an area, a quarter as much as a village

        def score(p: Place) -> tuple:
            here = admin1s.get(p.admin1, 0) if p.admin1 else countries.get(p.country or "", 0)
            return (
                -(p.admin1 in mn.within),  # "برزة في شمال دمشق": the Barzeh of Damascus
                -(wanted.get(kind or "") == p.precision),
                -cities.get(p.parent or p.place_id, 0),
                -(here > 0),  # in a governorate (or country) the article is about
                -self.gaz.is_curated(p),  # the shipped, well-known place before a namesake village
                -here,
                _PRECISION_RANK.get(p.precision, 9),
                -p.population,
            )

        return min(places, key=score)

    @staticmethod
    def _around(text: str, cue: Cue) -> bool:
        """ "قرب دمشق", "جنوبي دمشق": around a place; "في شرق دمشق" is a part of it."""
        if cue.kind == "near":
            return True
        return cue.kind == "direction" and text[max(0, cue.start - 4) : cue.start].split()[-1:] != ["في"]

    def _resolve(self, norm: NormText, mn: _Mention, place: Place | None) -> Location | None:
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
        elif cue and self._around(norm.text, cue) and place.admin1 in self.rules.surroundings:
            # "قرب دمشق", "جنوبي العاصمة دمشق": around the capital is its countryside's governorate
            around = self.gaz.governorate(self.rules.surroundings[place.admin1])
            if around is not None and place.precision in ("community", "governorate"):
                place, precision = around, "region"
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
            country=place.country,
            admin2_pcode=place.admin2_pcode,
            admin3=place.admin3,
            admin3_pcode=place.admin3_pcode,
            pcode=place.pcode,
        )


def _areas(places: list[Place]) -> frozenset[str]:
    """The governorates (and the places themselves) a locating name reaches: Damascus's surroundings
    are Rif Dimashq."""
    out = {p.admin1 for p in places if p.admin1}
    if "Damascus" in out:
        out.add("Rif Dimashq")
    return frozenset(out | {p.place_id for p in places})


def _continues_list(text: str, last_end: int, m: Match) -> bool:
    """ "إدلب (شمال غرب) وحمص", "كفرزيتا، اللطامنة": nothing but a comma, a bracket or و between."""
    if m.core_start - last_end > 30:
        return False
    gap = text[last_end : m.core_start].strip()
    if gap.startswith("(") and ")" in gap:
        gap = gap[gap.index(")") + 1 :].strip()
    return gap in ("", "،", ",", "و", "، و", "،و")


def _after_ala(text: str, start: int) -> bool:
    """ "غارات على X", "سيطرت على X": the object of an attack or a capture."""
    words = text[max(0, start - 8) : start].split()
    return bool(words) and words[-1] in ("علي", "وعلي")


def _separated(text: str, last_end: int, m: Match) -> bool:
    """Two names listed with a real separator ("X، Y", "X وY"), not just side by side."""
    gap = text[last_end : m.core_start].strip()
    return gap not in ("", "(") or m.prefix.startswith("و")


def _is_dateline(text: str, m: Match) -> bool:
    """ "دمشق - (أ ف ب)": a name opening a line and followed by a dash or bracket is a dateline."""
    if m.start and not text[m.start - 1].isspace():
        return False
    line_start = text.rfind("\n", max(0, m.start - 12), m.start) + 1
    if (line_start == 0 and m.start > 12) or text[line_start : m.start].strip():
        return False
    after = text[m.end : m.end + 4].lstrip(" ")
    return bool(after) and after[0] in "-–—(:،,"
