"""From a cleaned article to incidents: clauses become frames, frames become incidents.

A frame is what one clause says: its event type (from triggers), casualties, places, actors, date and
reporters. Frames of the same type at the same place (or with no place of their own, close by) are one
incident; a clause that only counts casualties joins the incident its sentence is about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from marsad.extract.actors import ActorFinder, ActorHit, SourceFinder
from marsad.extract.background import BackgroundFinder, is_background_date
from marsad.extract.casualties import CasualtyExtractor, Row
from marsad.extract.dates import DateFinder
from marsad.extract.events import EventTyper, Typing
from marsad.extract.gazetteer import Gazetteer
from marsad.extract.incident_casualties import Found, incident_casualties
from marsad.extract.lexicons import Lexicons
from marsad.extract.locations import LocationFinder
from marsad.extract.scope import DomesticBodies, incident_country, incident_locations
from marsad.models import (
    ActorMention,
    ArticleResult,
    Casualty,
    DateRef,
    Doc,
    Incident,
    Location,
    Span,
)
from marsad.text.normalize import NormText, normalize, normalize_str
from marsad.text.numbers import NumberParser
from marsad.text.segment import clause_spans, event_breaks, sentence_parts, sentence_spans

_THAT = frozenset({"ان", "انه", "انها", "انهم"})
_STATEMENT_TYPES = frozenset({"negotiation", "aid_delivery", "other"})


@dataclass(slots=True)
class Frame:
    sentence: int  # index of the sentence
    start: int  # original offsets of the clause
    end: int
    sent_start: int
    sent_end: int
    type: str | None
    generic: bool = False  # typed only by "الهجوم", "القصف", ...: may retell an event told elsewhere
    definite: bool = False  # ... by a definite one ("الضربة الأميركية"): an event pointed at
    meeting: bool = False  # talks named only as a meeting
    describing: bool = False  # told in a sentence that describes ("وتعد المدينة آخر معاقل ...")
    casualties: list[Found] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    actors: list[ActorHit] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    dates_borrowed: bool = False  # the dates are its sentence's, not the clause's own
    weapons: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    report_dates: list[DateRef] = field(default_factory=list)  # days things were said, not done

    def __init__(
        self,
        sentence: int,
        start: int,
        end: int,
        sent_start: int,
        sent_end: int,
        type: str | None,
        generic: bool = False,
        definite: bool = False,
        meeting: bool = False,
        describing: bool = False,
        casualties: list[Found] | None = None,
        locations: list[Location] | None = None,
        actors: list[ActorHit] | None = None,
        dates: list[DateRef] | None = None,
        dates_borrowed: bool = False,
        weapons: list[str] | None = None,
        reporters: list[str] | None = None,
        report_dates: list[DateRef] | None = None,
    ) -> None:
        # written out, as ``matcher.Match.__init__`` says why; None stands for a new empty list
        self.sentence = sentence
        self.start = start
        self.end = end
        self.sent_start = sent_start
        self.sent_end = sent_end
        self.type = type
        self.generic = generic
        self.definite = definite
        self.meeting = meeting
        self.describing = describing
        self.casualties = [] if casualties is None else casualties
        self.locations = [] if locations is None else locations
        self.actors = [] if actors is None else actors
        self.dates = [] if dates is None else dates
        self.dates_borrowed = dates_borrowed
        self.weapons = [] if weapons is None else weapons
        self.reporters = [] if reporters is None else reporters
        self.report_dates = [] if report_dates is None else report_dates


@dataclass(slots=True)
class _ArticleSpans:
    """What an article is read for once, before its sentences."""

    locations: list[Location]
    dates: list[DateRef]  # days of events (not years back)
    old: list[int]  # where days years back are named
    history: list[int]  # where background cues and days years back are
    said: set[int]  # ids of the dates that are days things were said


def _sibling(f: Frame) -> Frame:
    """Another frame of the same clause: its own list of places, the other lists shared (what
    ``dataclasses.replace`` gave, at a fraction of its cost)."""
    return Frame(
        sentence=f.sentence,
        start=f.start,
        end=f.end,
        sent_start=f.sent_start,
        sent_end=f.sent_end,
        type=f.type,
        generic=f.generic,
        definite=f.definite,
        describing=f.describing,
        casualties=f.casualties,
        locations=list(f.locations),
        actors=f.actors,
        dates=f.dates,
        dates_borrowed=f.dates_borrowed,
        weapons=f.weapons,
        reporters=f.reporters,
        report_dates=f.report_dates,
    )


class ArticleExtractor:
    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.lex = Lexicons()
        self.numbers = NumberParser()
        self.casualties = CasualtyExtractor(self.lex, self.numbers)
        self.actors = ActorFinder(self.lex)
        self.sources = SourceFinder(self.lex)
        self.typer = EventTyper(self.lex)
        self.gazetteer = gazetteer or Gazetteer.load()
        self.locations = LocationFinder(self.gazetteer)
        self.locations.matcher.share_marks(self.lex.group)  # the article's marks, made once
        # the group's automaton (with the gazetteer's keys) made here, not at the first article: it
        # lives as long as the run, and a run's collector freeze (runner.default_factory) follows
        self.lex.group.build()
        self.dates = DateFinder()
        self.background = BackgroundFinder()
        self.domestic = DomesticBodies()

    # ------------------------------------------------------------------------------------------
    def extract(self, doc: Doc) -> ArticleResult:
        norm = normalize(doc.text)
        frames = self._frames(doc, norm)
        incidents = self._incidents(doc.meta.id, frames, norm, _headline_end(doc))
        return ArticleResult(doc=doc, incidents=incidents, warnings=list(doc.warnings))

    def _frames(self, doc: Doc, norm: NormText) -> list[Frame]:
        """Every kept frame of the article, sentence by sentence; reporters carry over from one
        sentence to the next ("وأضاف ...")."""
        t = norm.text
        spans = self._spans(doc, norm)
        frames: list[Frame] = []
        prev_mentions: list[str] = []
        prev_reporters: list[str] = []
        breaks = event_breaks(t)
        for si, (s, e) in enumerate(sentence_spans(t)):
            mentions = self.sources.mentions(t, s, e)
            reporters = self.sources.reporters(t, s, e, mentions)
            if not reporters:
                reporters = self.sources.carried(t, s, prev_reporters, prev_mentions)
            prev_mentions = self.sources.subjects(t, s, mentions)
            prev_reporters = reporters
            for ps, pe in sentence_parts(t, s, e, breaks):
                frames += self._sentence_frames(doc, norm, spans, si, ps, pe, mentions, reporters)
        return frames

    def _spans(self, doc: Doc, norm: NormText) -> _ArticleSpans:
        """What the whole article is read for once: places, dates (event days, days things were said,
        days years back) and background cues."""
        locations = self.locations.find(norm)
        found = [d for d in self.dates.find(norm, doc.published) if d.span_start is not None]
        # without a publication date, the latest date the article names stands in for it
        now = doc.published or max((d.end or d.start or "" for d in found), default="") or None
        dates = [d for d in found if not is_background_date(d, now)]
        old = [d.span_start for d in found if is_background_date(d, now)]
        history = [norm.orig(a) for a, _ in self.background.spans(norm.text)] + old
        said = {id(d) for d in dates if self._is_report_date(doc.text, d, norm)}
        return _ArticleSpans(locations, dates, old, history, said)  # type: ignore[arg-type]  # found: spans

    def _sentence_frames(
        self,
        doc: Doc,
        norm: NormText,
        spans: _ArticleSpans,
        si: int,
        s: int,
        e: int,
        mentions: list,
        reporters: list[str],
    ) -> list[Frame]:
        t = norm.text
        may_type = self.typer.may_type(t, s, e)
        may_count = self.casualties.may_count(t, s, e)
        if not may_type and not may_count:
            return []  # no event and no casualty: none of its clauses makes a frame (a frame is
            # kept only with a type or a casualty, see the return below; keep these in step)
        clauses = clause_spans(t, s, e)
        said = [self.typer.triggers(t, cs, ce) for cs, ce in clauses] if may_type else []
        if not any(said) and not may_count:
            return []
        named, found = self.actors.names(t, s, e)
        rows = self.casualties.read(t, s, e, named) if may_count else []  # may_count: asked above
        if not rows and not any(said):
            return []  # ... nor here, once its casualty words are read
        hits = self.actors.roles(t, s, e, found)
        for agent in (r for r in rows if r.agent):
            for h in hits:
                if agent.start <= h.start < agent.end:
                    h.role = "perpetrator"
        os_, oe = norm.span(s, e)
        # "هيئة تحرير الشام" names a group, not a "تحرير" (capture)
        names = [(a.start, a.end) for a in named] + [(m.start, m.end) for m in mentions]
        # "منذ هجوم أغسطس 2013، عندما قصفت بلدات ...": a sentence dated years back tells history
        # in every clause that has no day of its own
        sentence_old = any(os_ <= h < oe for h in spans.old) and not any(
            os_ <= d.span_start < oe  # type: ignore[operator]
            for d in spans.dates
        )
        describing = self.typer.describes(t, s)
        sentence_frames: list[Frame] = []
        for k, (cs, ce) in enumerate(clauses):
            ocs, oce = norm.span(cs, ce)
            if any(ocs <= h < oce for h in spans.history) or sentence_old:
                continue  # a war-wide total or history, not an incident
            triggers = [
                m for m in (said[k] if said else []) if not any(a <= m.start and m.end <= b for a, b in names)
            ]
            base = Frame(
                sentence=si,
                start=ocs,
                end=oce,
                sent_start=os_,
                sent_end=oe,
                type=None,
                locations=[loc for loc in spans.locations if ocs <= loc.start < oce],
                actors=[h for h in hits if cs <= h.start < ce],
                dates=[d for d in spans.dates if ocs <= d.span_start < oce],  # type: ignore[operator]
                reporters=list(reporters),
                describing=describing,
            )
            for frame in self._clause_frames(doc, norm, base, cs, ce, triggers, rows, reporters):
                if frame.type in ("displacement", "evacuation"):
                    staying = [x for x in frame.locations if not self.locations.is_destination(doc.text, x)]
                    if staying or sentence_frames:
                        frame.locations = staying
                elif frame.locations:
                    frame.locations = [
                        x for x in frame.locations if not self.locations.is_moved_to(doc.text, x, norm)
                    ]
                sentence_frames.append(frame)
        for f in sentence_frames:
            f.report_dates = [d for d in f.dates if id(d) in spans.said]
            f.dates = [d for d in f.dates if id(d) not in spans.said]
        self._share_within_sentence(
            sentence_frames, [d for d in spans.dates if id(d) not in spans.said], os_, oe
        )
        _attach_place_lists(sentence_frames)
        return [f for f in sentence_frames if f.type or f.casualties]

    def _clause_frames(
        self,
        doc: Doc,
        norm: NormText,
        base: Frame,
        cs: int,
        ce: int,
        triggers: list,
        rows: list[Row],
        reporters: list[str],
    ) -> list[Frame]:
        """The events one clause tells, with the casualties it counts."""
        t = norm.text
        has_place = any(loc.precision != "country" for loc in base.locations)
        typings = self.typer.typings(triggers, t, has_place=has_place) if triggers else []
        counted = [r for r in rows if cs <= r.anchor < ce and not r.agent]
        # a clause with no event and no one counted makes no frame that is kept: whether it is
        # a call or a plan, and its weapons, do not matter (nor are they read)
        telling = bool(typings or counted)
        modal = telling and self.typer.is_modal(t, cs, ce)
        if modal:  # what was agreed tells talks; a call for talks tells nothing yet
            typings = [x for x in typings if x.type == "negotiation" and modal == "terms"]
        clause_rows = [r for r in counted if not modal or self.casualties.told(t, cs, r)]
        base.weapons = self.typer.weapons(t, cs, ce) if telling else []
        found = self._casualties(norm, base.sentence, rows, clause_rows, reporters)
        return self._split(base, typings, found)

    def _split(self, base: Frame, typings: list[Typing], found: list[Found]) -> list[Frame]:
        """One frame per event the clause tells; each casualty goes to the event its measure belongs
        to ("مقتل العشرات ونزوح الآلاف بسبب المعارك": the dead to the fighting, the displaced to the
        displacement), the rest to the clause's first event. ``base`` (made for this call) becomes the
        first frame; the others share its actors, dates, weapons and reporters, with places and
        casualties of their own."""
        if not typings:
            base.casualties = list(found)
            measures = dict.fromkeys(c.casualty.measure for c in found)  # in order of mention: deterministic
            implied = [self.lex.measure_types[m] for m in measures if m in self.lex.measure_types]
            base.type = implied[0] if implied else None
            return [base]
        frames = [base] + [_sibling(base) for _ in typings[1:]]
        for frame, x in zip(frames, typings, strict=True):
            frame.type, frame.generic, frame.definite, frame.casualties = x.type, x.generic, x.definite, []
            frame.meeting = x.meeting
        base.locations = list(base.locations)
        for c in found:
            home = self.lex.measure_types.get(c.casualty.measure)
            target = next((f for f in frames if f.type == home), frames[0])
            target.casualties.append(c)
        return frames

    def _is_coarse(self, loc: Location) -> bool:
        """ "في سوريا", "محافظة إدلب", "ريف حماة الشمالي", or a bare "إدلب", "دير الزور" (city or province?):
        each adds nothing next to a town or neighbourhood inside it."""
        if loc.precision in ("country", "governorate", "region"):
            return True
        return (
            loc.precision == "community"
            and loc.place_id is not None
            and self.gazetteer.capital_governorate(loc.place_id) is not None
            and (len(loc.text.split()) == 1 or normalize_str(loc.text) == normalize_str(loc.name_ar or ""))
        )

    def _parent(self, loc: Location) -> str | None:
        place = self.gazetteer.get(loc.place_id) if loc.place_id else None
        return place.parent if place else None

    def _is_report_date(self, text: str, d: DateRef, norm: NormText | None = None) -> bool:
        """ "قال المرصد يوم الخميس إن ...", "والخميس، أعلن البيت الأبيض": the day of the statement.
        ``norm``: ``text`` normalised, whose slice is a window normalised (normalising maps or
        deletes each character on its own), so the windows need not be normalised again."""
        start, end = d.span_start, d.span_end
        assert start is not None and end is not None  # dates found in the text
        before_at = max(0, start - 70)
        after_to = min(len(text), end + 30)
        if norm is not None:
            f = norm.from_orig
            after = norm.text[f(end) : f(after_to)]
            before = norm.text[f(before_at) : f(start)]
        else:
            after = normalize_str(text[end:after_to])
            before = normalize_str(text[before_at:start])
        if self.dates.opens_statement(after):
            return True
        words = before.replace("،", " ").split()[-7:]
        for k in range(len(words) - 1, -1, -1):
            w = words[k]
            if w in _THAT:
                return False
            if w in self.lex.report_cues or (len(w) > 3 and w[0] in "وف" and w[1:] in self.lex.report_cues):
                return True
            if self.dates.says(w):
                return True
        return False

    def _casualties(
        self, norm: NormText, si: int, all_rows: list[Row], rows: list[Row], reporters: list[str]
    ) -> list[Found]:
        out = []
        for r in rows:
            c = self.casualties.to_casualty(norm, r)
            c.reported_by = list(reporters)
            c.part_of = None  # set once the incident's rows are known
            parent = None if r.part_of is None else (si, r.part_of)
            out.append(Found((si, all_rows.index(r)), parent, c, among=r.among))
        return out

    def _share_within_sentence(self, frames: list[Frame], dates: list[DateRef], s: int, e: int) -> None:
        """Clauses without a place, actor or date take those of their sentence's other clauses."""
        sent_locs = [loc for f in frames for loc in f.locations]
        sent_actors = [a for f in frames for a in f.actors]
        sent_dates = [d for d in dates if s <= d.span_start < e]  # type: ignore[operator]
        for i, f in enumerate(frames):
            if not (f.type or f.casualties):
                continue
            if not f.locations:
                before = [loc for g in frames[:i] for loc in g.locations]
                nxt = next((g.locations for g in frames[i + 1 :] if g.locations), [])
                f.locations = _finest(before) if before else list(nxt)
                if not f.locations and sent_locs:
                    f.locations = sent_locs[:1]
            if not f.actors:
                f.actors = list(sent_actors)
            else:
                # "شنت الولايات المتحدة، السبت، ضربات على أهداف للنظام", "تشن تركيا عملية في عفرين، ضد
                # وحدات حماية الشعب": who did it, or to whom, stands in a clause of its own that tells no
                # event; the event's clause takes the role it lacks (a subject only from before it)
                # (a nisba on arms there, "ومعهم أسلحة أميركية", tells what someone carried, not who acted;
                # one on an official, "استقبل الرئيس السوري"، still names a side of talks)
                idle = [
                    (j, h)
                    for j, g in enumerate(frames)
                    if j != i and not (g.type or g.casualties)
                    for h in g.actors
                    if not h.adjective or h.only_in is not None
                ]
                if not any(h.role == "perpetrator" for h in f.actors):
                    f.actors = [h for j, h in idle if j < i and h.role == "perpetrator"] + f.actors
                if f.type not in _STATEMENT_TYPES and not any(h.role == "target" for h in f.actors):
                    f.actors = f.actors + [h for _, h in idle if h.role == "target"]
            if not f.dates:
                f.dates = sent_dates[:1]
                f.dates_borrowed = bool(f.dates)

    # ------------------------------------------------------------------------------------------
    def _incidents(
        self, article_id: str, frames: list[Frame], norm: NormText, headline_end: int = 0
    ) -> list[Incident]:
        headline = [f for f in frames if f.end <= headline_end]
        groups: list[list[Frame]] = []
        for f in frames[len(headline) :]:
            target = self._home(f, groups)
            if target is None:
                groups.append([f])
            else:
                target.append(f)
        for f in headline:
            target = _headline_home(f, groups, self.typer)
            if target is None:
                groups.insert(0, [f])
            else:
                target.append(f)
        groups = [g for g in groups if not _generic_only(g) or _anchored(g)]
        groups = [g for g in groups if not _lone_meeting(g)]
        groups = self._attach_untyped(groups)
        groups = [g for g in groups if not _only_described(g)]
        incidents = [self._build("", group, norm) for group in groups]
        incidents = [i for i in incidents if _says_something(i) and not _war_summary(i)]
        for n, incident in enumerate(incidents, start=1):
            incident.id = f"{article_id}#{n}"
        return incidents

    def _home(self, f: Frame, groups: list[list[Frame]]) -> list[Frame] | None:
        """The incident a frame belongs to, or None for a new one."""
        if f.generic and not any(c.among for c in f.casualties):
            return self._retold(f, groups)
        among = {c.casualty.measure for c in f.casualties if c.among}
        for group in reversed(groups):
            last = group[-1]
            gtype = _type_of(group)
            near = f.sentence - last.sentence <= 2
            if (
                f.type is not None
                and _generic_only(group)
                and self.typer.compatible(self._kind(group), f.type)
            ):
                # "هجوم على البلدة ... غارات جوية استهدفت البلدة": the kind comes later
                if near or _places_overlap(f.locations, _locs(group)):
                    return group
                continue
            if among and f.sentence - last.sentence <= 3:
                # "من بين القتلى ...": the incident whose dead (or wounded) these are
                if any(c.casualty.measure in among and not c.among for g in group for c in g.casualties):
                    return group
                continue
            if f.type is None:
                group_reporters = {r for g in group for r in g.reporters}
                same_voice = (
                    not f.reporters or not group_reporters or bool(group_reporters & set(f.reporters))
                )
                if (
                    f.sentence - last.sentence <= 1
                    and same_voice
                    and (not f.locations or _places_overlap(f.locations, _locs(group)))
                ):
                    return group
                continue
            if gtype is None and f.sentence == last.sentence:
                return group
            if gtype != f.type:
                continue
            if _other_days(f, group):
                continue  # "منذ 18 شباط" beside "السبت": a campaign and one of its days
            if f.locations and _locs(group):
                if _places_overlap(f.locations, _locs(group)):
                    return group
                continue
            if near:
                return group
        return None

    def _attach_untyped(self, groups: list[list[Frame]]) -> list[list[Frame]]:
        """ "وأفاد المرصد بمقتل 20 شخصا": dead or wounded counted with no word for the event belong to
        the violence told nearest them (three sentences back, two ahead), at the same place if it
        names one; only with none near are they an event of their own."""
        kept = [g for g in groups if _type_of(g) is not None]
        for g in groups:
            if _type_of(g) is not None:
                continue
            measures = {c.casualty.measure for f in g for c in f.casualties}
            home = None
            if measures & {"killed", "injured", "missing"}:
                home = _nearest_violence(g, kept, self.lex.violent_types)
                if home is None:
                    _type_by_place(g, kept, self.lex.violent_types)
            if home is None:
                kept.append(g)
            else:
                home.extend(g)
        order = {id(g): min(f.sentence for f in g) for g in kept}
        kept.sort(key=lambda g: order[id(g)])
        for g in kept:
            g.sort(key=lambda f: (f.sentence, f.start))
        return kept

    def _retold(self, f: Frame, groups: list[list[Frame]]) -> list[Frame] | None:
        """ "الهجوم", "القصف", "الضربات": the event told elsewhere in the article that such a word fits,
        at the same place when the clause names one; or None when it is an event of its own. An
        attack by an air power ("هجوم أمريكي") is a strike and retells only a strike or shelling."""
        fits = [
            g
            for g in groups
            if not _generic_only(g)
            and self.typer.compatible(self._kind([f]), _type_of(g))
            and not _other_days(f, g)
        ]
        own = _places(f.locations)[:1]  # the clause's own place, not a list attached after it
        if own:
            same = [g for g in fits if _places_overlap(own, _locs(g))]
            if same:
                return same[-1]
            alike = [g for g in groups if _generic_only(g) and _places_overlap(own, _locs(g))]
            return alike[-1] if alike else None
        if fits:
            return fits[-1]
        alike = [g for g in groups if _generic_only(g) and f.sentence - g[-1].sentence <= 3]
        return alike[-1] if alike else None

    def _build(self, incident_id: str, frames: list[Frame], norm: NormText) -> Incident:
        etype = _type_of(frames) or _type_from_weapons(frames)
        if etype == "armed_clash" and _generic_only(frames) and self._by_air_power(frames):
            etype = "airstrike"  # "الهجوم الأمريكي البريطاني الفرنسي", "ضربة إسرائيلية"
        found = _dedupe_locations([loc for f in frames for loc in f.locations], self._is_coarse, self._parent)
        locations = incident_locations(found, etype)
        country = incident_country(locations) if locations else incident_country(found)
        if country is None:  # "الشرطة التركية اعتقلت ..." happened in Turkey
            sentences = dict.fromkeys((f.sent_start, f.sent_end) for f in frames)
            # each sentence normalised: its slice of the article's normalised text (see _is_report_date)
            country = self.domestic.country(
                [norm.text[norm.from_orig(s) : norm.from_orig(e)] for s, e in sentences]
            )
        hits = self.actors.for_incident(etype, [h for f in frames for h in f.actors])
        actors = self._actor_mentions(hits, norm)
        if etype in ("negotiation", "aid_delivery"):
            for a in actors:
                a.role = "party"
        casualties = incident_casualties([c for f in frames for c in f.casualties], actors, self.lex)
        actors += self._victims(actors, casualties)
        actors += self.actors.implied(etype, actors, casualties)
        return Incident(
            id=incident_id,
            type=etype,
            date=self._date(frames, etype),
            locations=locations,
            actors=actors,
            casualties=casualties,
            weapons=list(dict.fromkeys(w for f in frames for w in f.weapons)),
            reported_by=list(dict.fromkeys(r for f in frames for r in f.reporters)),
            evidence=_evidence(frames, norm),
            country=country,
        )

    def _victims(self, actors: list[ActorMention], casualties: list[Casualty]) -> list[ActorMention]:
        """Actors the counts name as hit: civilians when civilians, women or children are killed or
        injured; the group named in a count of fighters ("6 عناصر من فاغنر") rather than its whole side."""
        added: list[ActorMention] = []
        for c in casualties:
            known = actors + added
            if (
                c.group in ("civilians", "children", "women")
                and c.measure in ("killed", "injured")
                and not any(a.id == "civilians" for a in known)
            ):
                added.append(ActorMention("civilians", "target", c.text, c.start, c.end))
            if c.side and c.side in self.lex.actors and c.measure in ("killed", "injured"):
                named = [a for a in known if c.start <= a.start and a.end <= c.end]
                for a in named:
                    if a.role == "party":
                        a.role = "target"
                if not named and not any(a.id == c.side for a in actors + added):
                    added.append(ActorMention(c.side, "target", c.text, c.start, c.end))
        return added

    def _date(self, frames: list[Frame], etype: str) -> DateRef:
        """An event retold later is dated by its earliest telling (follow-ups carry later days), and
        only by a day the text fixes; else talks take the day they were told, other events end on it."""
        date = self.dates.incident_date([f.dates[0] for f in frames if f.dates])
        if date is not None:
            return date
        said = next((f.report_dates[0] for f in frames if f.report_dates), None)
        if said is None:
            return DateRef(None, None, "unknown", None)
        if etype in _STATEMENT_TYPES:
            return said  # for talks and statements the day it was said is the day it happened
        # the event happened on or before the day it was reported
        return DateRef(None, said.start, "unknown", said.text, said.span_start, said.span_end)

    def _kind(self, generic: list[Frame]) -> str:
        """The type a generic reference stands for: an attack by an air power is a strike."""
        etype = _type_of(generic) or ""
        return "airstrike" if etype == "armed_clash" and self._by_air_power(generic) else etype

    def _by_air_power(self, frames: list[Frame]) -> bool:
        hits = [h for f in frames for h in f.actors]
        return any(h.id in self.lex.air_powers and h.role != "target" for h in hits) and not any(
            h.id not in self.lex.air_powers and h.id != "civilians" and h.role == "perpetrator" for h in hits
        )

    def _actor_mentions(self, hits: list[ActorHit], norm: NormText) -> list[ActorMention]:
        """One mention per actor id; the most specific role seen wins over "party"."""
        best: dict[str, ActorMention] = {}
        for h in hits:
            s, e = norm.span(h.start, h.end)
            mention = ActorMention(h.id, h.role, norm.original[s:e], s, e)
            cur = best.get(h.id)
            if cur is None or (cur.role == "party" and h.role != "party"):
                best[h.id] = mention
        return list(best.values())


def _headline_end(doc: Doc) -> int:
    """End offset of the title when the text opens with it (a headline repeats the lead)."""
    title = (doc.title or "").strip()
    if not title:
        return 0
    head = doc.text.lstrip()
    if not head.startswith(title):
        return 0
    return len(doc.text) - len(head) + len(title)


def _figures(frames: list[Frame]) -> set[tuple]:
    return {
        (c.casualty.measure, c.casualty.group, c.casualty.count.value)
        for f in frames
        for c in f.casualties
        if c.casualty.count.value is not None
    }


def _headline_home(f: Frame, groups: list[list[Frame]], typer: EventTyper) -> list[Frame] | None:
    """The body incident a headline clause sums up: the one sharing its figures, else the first of
    its type in the same governorate (or anywhere, when the headline names no place)."""
    figures = _figures([f])
    if figures:
        for group in groups:
            if figures & _figures(group):
                return group
    admin1s = {loc.admin1 for loc in f.locations if loc.admin1}
    for group in groups:
        gtype = _type_of(group)
        if f.type is not None and gtype != f.type and not (f.generic and typer.compatible(f.type, gtype)):
            continue
        if not admin1s or admin1s & {loc.admin1 for loc in _locs(group)}:
            return group
    return None


def _type_of(frames: list[Frame]) -> str | None:
    """An incident's type: that of its first frame that names a kind of event, else of its first typed one."""
    specific = next((f.type for f in frames if f.type and not f.generic), None)
    return specific or next((f.type for f in frames if f.type), None)


def _generic_only(frames: list[Frame]) -> bool:
    """No frame of the incident says what kind of event it was ("الهجوم" alone)."""
    typed = [f for f in frames if f.type]
    return bool(typed) and all(f.generic for f in typed)


def _nearest_violence(
    group: list[Frame], groups: list[list[Frame]], violent: frozenset[str]
) -> list[Frame] | None:
    first, last = group[0].sentence, group[-1].sentence
    best: tuple[tuple[int, int], list[Frame]] | None = None
    for g in groups:
        if _type_of(g) not in violent:
            continue
        for f in g:
            gap = first - f.sentence if f.sentence <= first else f.sentence - last
            if gap > (3 if f.sentence <= first else 2):
                continue
            place = 0 if _places_overlap(_locs(group), f.locations) or not _places(_locs(group)) else 1
            key = (place, gap)
            if best is None or key < best[0]:
                best = (key, g)
    return best[1] if best else None


def _type_by_place(group: list[Frame], groups: list[list[Frame]], violent: frozenset[str]) -> None:
    """ "قتل 500 شخص في الغوطة منذ بدء الحملة": a toll with no word for the event, far from any,
    is of the kind of violence the article tells at that place (its first such event)."""
    own = _places(_locs(group))
    kind = next(
        (_type_of(g) for g in groups if _type_of(g) in violent and own and _places_overlap(own, _locs(g))),
        None,
    )
    if kind:
        for f in group:
            f.type = kind


def _lone_meeting(frames: list[Frame]) -> bool:
    """Talks told only as a meeting, with fewer than two parties: an organisation's or one side's
    own meeting, not talks between the war's parties."""
    if not all(f.type == "negotiation" and f.meeting for f in frames):
        return False
    return len({h.id for f in frames for h in f.actors if h.id != "civilians"}) < 2


def _war_summary(incident: Incident) -> bool:
    """ "بعد تحرير حلب وبعدها دير الزور وقبل ذلك حمص": captures across three governorates or more
    with no day are the war told in brief, not one change of hands."""
    if incident.type != "territory_change" or incident.date.start:
        return False
    return len({loc.admin1 for loc in incident.locations if loc.admin1}) >= 3


def _says_something(incident: Incident) -> bool:
    """An event the article reports has a place in the country, a day, someone hit, an armed actor or
    someone who reports it; "these bombings" in an opinion piece has none of them."""
    return bool(
        [x for x in incident.locations if x.precision != "country"]
        or incident.date.start
        or incident.casualties
        or [a for a in incident.actors if a.id != "civilians"]
        or incident.reported_by
    )


def _only_described(frames: list[Frame]) -> bool:
    """ "وتعد قوات X القوة الأبرز ... وقد خاضت المعارك ضد التنظيم في الرقة": told only in sentences that
    describe, with no day and no one hit of its own, an event is what something is known for."""
    return all(f.describing for f in frames) and not any(
        f.casualties or (f.dates and not f.dates_borrowed) for f in frames
    )


def _other_days(f: Frame, group: list[Frame]) -> bool:
    """Both tell the day they happened, and the days differ (or one is a span of days)."""
    mine = [d for d in f.dates if d.start and not f.dates_borrowed]
    theirs = [d for g in group if not g.dates_borrowed for d in g.dates if d.start]
    if not mine or not theirs:
        return False
    a, b = mine[0], theirs[0]
    return (a.start, a.precision == "day") != (b.start, b.precision == "day")


def _anchored(frames: list[Frame]) -> bool:
    """An event of its own says something of its own: who was hit, when, where in the country, or who
    did it when told as new ("شنت واشنطن وباريس ولندن ضربات", not "القصف الذي شنه الجيش")."""
    return any(
        f.casualties
        or f.dates
        or _places(f.locations)
        or (not f.definite and any(h.role == "perpetrator" for h in f.actors))
        for f in frames
    )


# Finest first as PRECISIONS, but a named region ("ريف حماة الشمالي", "الغوطة الشرقية") before its
# governorate: it says more about where a clause happened.
_FINENESS = {
    "neighbourhood": 0,
    "community": 1,
    "subdistrict": 2,
    "district": 3,
    "region": 4,
    "governorate": 5,
}


def _finest(locs: list[Location]) -> list[Location]:
    """ "قتل في منطقة مصياف في ريف حماة وسط سوريا، بتفجير ...": a clause borrowing its place takes
    the finest one named before it (the last of those), not the country that closes the list."""
    best = min(_FINENESS.get(loc.precision, 6) for loc in locs)
    return [next(loc for loc in reversed(locs) if _FINENESS.get(loc.precision, 6) == best)]


def _places(locs: list[Location]) -> list[Location]:
    """Places inside the country: "سوريا" says nothing about which event a clause retells."""
    return [loc for loc in locs if loc.precision != "country"]


def _locs(group: list[Frame]) -> list[Location]:
    return [loc for f in group for loc in f.locations]


def _place_key(loc: Location) -> str:
    return loc.name_en or loc.place_id or loc.text


def _places_overlap(a: list[Location], b: list[Location]) -> bool:
    keys = {_place_key(x) for x in _places(b)}
    return any(_place_key(x) in keys for x in _places(a))


def _dedupe_locations(
    locs: list[Location],
    is_coarse: Callable[[Location], bool],
    parent_of: Callable[[Location], str | None],
) -> list[Location]:
    out: list[Location] = []
    seen: set[tuple[str | None, str]] = set()
    for loc in locs:
        key = (loc.place_id, loc.relation)
        if key not in seen:
            seen.add(key)
            out.append(loc)
    # "in Syria", "in Aleppo province" or "northern Hama countryside" adds nothing next to a place
    # inside it
    finer = [loc for loc in out if not is_coarse(loc)]
    if finer:
        inside = {loc.admin1 for loc in finer}
        out = [
            loc
            for loc in out
            if not is_coarse(loc) or (loc.precision != "country" and loc.admin1 not in inside)
        ]
    # "دخلت القوات مدينة عفرين وسيطرت على حيي الأشرفية والجميلية": quarters named beside another
    # town, not beside their own city, are that town's (a common quarter name, not Aleppo's)
    towns = {loc.place_id for loc in out if loc.precision == "community"}
    out = [
        loc for loc in out if not (loc.precision == "neighbourhood" and towns and parent_of(loc) not in towns)
    ]
    # "حي الوعر بمدينة حمص": the city adds nothing next to its own neighbourhood
    cities = {parent_of(loc) for loc in out if loc.precision == "neighbourhood"}
    return [loc for loc in out if not (loc.precision == "community" and loc.place_id in cities)]


def _evidence(frames: list[Frame], norm: NormText) -> list[Span]:
    """The sentences an incident was read from, once each, in order."""
    keys = dict.fromkeys((f.sent_start, f.sent_end) for f in frames)
    return [Span(s, e, norm.original[s:e]) for s, e in keys]


def _type_from_weapons(frames: list[Frame]) -> str:
    weapons = {w for f in frames for w in f.weapons}
    if "airstrike" in weapons or "barrel_bomb" in weapons:
        return "airstrike"
    if weapons & {"shelling", "rockets"}:
        return "shelling"
    if weapons & {"car_bomb", "suicide_bomb", "ied"}:
        return "bombing"
    if "chemical" in weapons:
        return "chemical_attack"
    return "other"


def _attach_place_lists(frames: list[Frame]) -> None:
    """ "سيطرت على عشرات القرى، من أبرزها الخفسة ودير حافر": a clause that only lists places
    elaborates the event of the clause before it."""
    last: Frame | None = None
    for f in frames:
        if f.type or f.casualties:
            last = f
        elif last is not None and f.locations and not f.actors:
            own = {loc.place_id for loc in last.locations}
            last.locations += [loc for loc in f.locations if loc.place_id not in own]
