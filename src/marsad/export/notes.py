"""English notes: one or two sentences generated from a record, for ACLED's ``notes`` column, the API
and the web page ("On 8 December 2016, Islamic State (IS) attacked Syrian government forces east of
Homs, killing at least 26 members of Syrian government forces (SOHR, via dpa).").

Every word comes from the record (date, actors, type, place, figures with their qualifiers, who
reported them) through templates and English names in ``data/notes_en.yaml``, ``export_actors.yaml``
and ``export_sources.yaml``; nothing is invented, and a figure the sources disagree on is given with
the others next to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from marsad.export.fatalities import Coded, code_figure, lowest_total
from marsad.export.record import Count, Figure, Part, Record, Sides, split_sides
from marsad.export.tables import actor_info, notes_en, outlet_info, place_label, reporter_info


def join(items: Iterable[str]) -> str:
    """Items as English lists them: "a", "a and b", "a, b and c"."""
    xs = [x for x in dict.fromkeys(items) if x]
    if len(xs) <= 1:
        return "".join(xs)
    return ", ".join(xs[:-1]) + " and " + xs[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def number(n: int) -> str:
    words = notes_en()["number_words"]
    return str(words[n]) if 0 <= n < len(words) else f"{n:,}"


def day_text(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {notes_en()['months'][d.month - 1]} {d.year}"


def date_phrase(rec: Record) -> str:
    """The date opening a note: "On 8 December 2016", "Between 3 and 9 December 2016", ..."""
    w = notes_en()["dates"]
    s, e, p = rec.date_start, rec.date_end, rec.date_precision
    if s and p == "month":
        d = date.fromisoformat(s)
        return str(w["month"]).format(m=notes_en()["months"][d.month - 1], y=d.year)
    if s and p == "year":
        return str(w["year"]).format(y=s[:4])
    if s and (not e or e == s):
        return str(w["day"]).format(d=day_text(s))
    if s and e:
        a, b = date.fromisoformat(s), date.fromisoformat(e)
        months = notes_en()["months"]
        if (a.year, a.month) == (b.year, b.month):
            return str(w["range_same_month"]).format(d1=a.day, d2=b.day, m=months[a.month - 1], y=a.year)
        if a.year == b.year:
            return str(w["range_same_year"]).format(
                d1=a.day, m1=months[a.month - 1], d2=b.day, m2=months[b.month - 1], y=a.year
            )
        return str(w["range"]).format(a=day_text(s), b=day_text(e))
    if e or rec.published:
        return str(w["on_or_before"]).format(d=day_text(e or rec.published))
    return str(w["unknown"])


def place_phrases(loc: dict[str, Any] | None, no_place_obj: str) -> tuple[str, str]:
    """(" in Douma, Rif Dimashq", "Douma, Rif Dimashq"): the place after a verb and as an object."""
    if not loc:
        return "", no_place_obj
    label = place_label(loc)
    admin1 = str(loc.get("admin1") or "")
    if (
        admin1
        and loc.get("precision") not in ("governorate", "country")
        and admin1.lower() not in label.lower()
    ):
        label = f"{label}, {admin1}"
    if not label:
        return "", no_place_obj
    relation = loc.get("relation") or "in"
    w = notes_en()
    area = loc.get("precision") in (w.get("area_precisions") or [])
    ins = w["where_in_area"] if area and relation in w["where_in_area"] else w["where_in"]
    objs = w["where_obj_area"] if area and relation in w["where_obj_area"] else w["where_obj"]
    where_in = str(ins.get(relation, w["where_in"]["in"])).format(p=label)
    obj = str(objs.get(relation, w["where_obj"]["in"])).format(p=label)
    return where_in, obj


def _noun(group: str, side: str | None, plural: bool) -> str:
    w = notes_en()
    if group == "fighters" and side:
        info = actor_info(side)
        if info.member:
            return info.member[1 if plural else 0]
        return str(w["side_member"][1 if plural else 0]).format(side=info.note)
    sg, pl = w["groups"].get(group) or [group, group]
    return str(pl if plural else sg)


def count_phrase(count: Count, group: str, side: str | None) -> tuple[str, bool]:
    """("at least 26 members of Syrian government forces", plural?)."""
    w = notes_en()
    if count.vague:
        vague = w["vague"].get(count.low) if count.low is not None else None
        return f"{vague or w['vague_default']} {_noun(group, side, True)}", True
    n = int(count.value or 0)
    q = str(w["qualifiers"].get(count.qualifier, "{n}")).format(n=number(n))
    plural = not (n == 1 and count.qualifier in ("exact", "about", "at_most"))
    return f"{q} {_noun(group, side, plural)}", plural


def _with_parts(text: str, parts: list[Part]) -> str:
    if not parts:
        return text
    named = join(count_phrase(p.count, p.group, p.side)[0] for p in dict.fromkeys(parts))
    return f"{text} (" + str(notes_en()["including"]).format(parts=named) + ")"


def who(sources: Iterable[str], outlets: Iterable[str]) -> str:
    """Attribution like "(SOHR, via dpa)": the origin of a figure, then the media it came through."""
    infos = [reporter_info(s) for s in dict.fromkeys(sources)]
    origin = [i.name for i in infos if not i.relay]
    relays = [i.name for i in infos if i.relay]
    relays += [n for n in (outlet_info(o).name for o in outlets) if n not in relays and n not in origin]
    w = notes_en()
    if not origin and relays:
        origin, relays = relays[:1], relays[1:]
    if not origin:
        return ""
    if relays:
        return str(w["attribution_via"]).format(who=join(origin), via=join(relays))
    return str(w["attribution"]).format(who=join(origin))


def _actors_text(ids: list[str]) -> str:
    return join(actor_info(a).note for a in ids)


def _spec(rec: Record) -> dict[str, Any]:
    types = notes_en()["types"]
    spec = types.get(rec.type) or types["other"]
    if rec.type == "bombing":
        spec = next((types[f"bombing/{w}"] for w in rec.weapons if f"bombing/{w}" in types), spec)
    return dict(spec)


def _template(rec: Record, sides: Sides) -> tuple[str, dict[str, Any]]:
    spec = _spec(rec)
    one, two = sides.one, sides.two
    if one and (sides.directed or "party_ab" not in spec) and "ab" in spec:
        key = "ab" if two else "a"
    elif one or two:
        key = "party_ab" if one and two else "party_a"
        if key not in spec:
            key = "party_ab"
        if key not in spec:
            key = "none"
    else:
        key = "none"
    if key in ("ab", "party_ab") and max(len(one), len(two)) > 1 and f"{key}_many" in spec:
        key = f"{key}_many"  # "between A and B on one side and C and D on the other"
    if key in ("party_a", "party_ab") and not [a for a in one + two if a != "civilians"] and "none" in spec:
        key = "none"  # civilians alone are not a party to name
    return str(spec[key]), spec


def _fig_text(c: Coded) -> str:
    text, _ = count_phrase(c.chosen.count, c.figure.group, c.figure.side)
    whole = c.chosen.count.value
    # A "part" larger than its whole is no breakdown of it (an extraction slip): not shown as one.
    parts = [p for p in c.chosen.parts if whole is None or p.count.value is None or p.count.value <= whole]
    return _with_parts(text, parts)


def _restated(f: Figure, coded: dict[int, Coded], figs: list[Figure]) -> bool:
    """A figure that repeats a breakdown already given ("54 people, including 28 civilians" and
    "28 civilians"): named once."""
    c = coded[id(f)].chosen.count
    return any(
        g is not f
        and any(
            (p.group, p.side, p.count.value) == (f.group, f.side, c.value) and c.value is not None
            for p in coded[id(g)].chosen.parts
        )
        for g in figs
    )


def english_note(rec: Record) -> str:
    """The English note for a record (no ACLED coding remarks: see ``acled_remarks``)."""
    w = notes_en()
    sides = split_sides(rec.actors)
    coded = {id(f): code_figure(f, rec) for f in rec.figures}
    by_measure: dict[str, list[Figure]] = {}
    for f in rec.figures:
        if f.group != "families" or f.measure not in ("killed", "injured"):
            by_measure.setdefault(f.measure, []).append(f)
    spec = _spec(rec)
    if not spec.get("b_civilians"):
        sides = Sides(sides.one, [a for a in sides.two if a != "civilians"], sides.directed)
    template, spec = _template(rec, sides)
    where_in, obj = place_phrases(rec.location, str(spec.get("no_place_obj") or w["no_place_obj"]))
    values = {
        "a": _actors_text(sides.one),
        "b": _actors_text(sides.two),
        "all": _actors_text([a for a in sides.all if a != "civilians"]),
        "in": where_in,
        "obj": obj,
        "from": f" from {obj}" if rec.location else "",
        "to": f" to {obj}" if rec.location else "",
        "about": f" concerning {obj}" if rec.location else "",
        "victims": str(spec.get("victims") or "people"),
    }
    used: set[str] = set()
    if rec.type == "abduction_arrest":
        seized = [f for m in ("abducted", "arrested") for f in by_measure.get(m, [])]
        if seized:
            values["victims"] = join(_fig_text(coded[id(f)]) for f in seized)
            used |= {"abducted", "arrested"}
        state = bool(sides.one) and actor_info(sides.one[0]).state
        verb = spec.get("state_verb" if state else "nonstate_verb")
        template = template.replace("seized", str(verb)) if verb else template
    main = template.format(**values)
    if not template.startswith("{"):
        main = main[:1].lower() + main[1:]
    sentence = f"{date_phrase(rec)}, {main}"

    violent = rec.type in (w.get("violent_types") or [])
    shown = [f for m in w["measure_order"] if m not in used for f in by_measure.get(m, [])]
    attributions = list(dict.fromkeys(tuple(coded[id(f)].chosen.sources) for f in shown))
    # One attribution for the sentence when every figure shares a source (no source = the outlet);
    # else one per figure, or per passive sentence when its figures share one.
    per_figure = any(not (set(x) or {""}) & (set(y) or {""}) for x in attributions for y in attributions)
    outlets = rec.outlets

    def src_of(f: Figure) -> str:
        return who(coded[id(f)].chosen.sources, outlets) if per_figure else ""

    def figs_text(figs: list[Figure], trailing: bool) -> tuple[str, str]:
        """The figures joined; their common attribution separately when ``trailing``."""
        srcs = {src_of(f) for f in figs}
        if trailing and len(srcs) == 1:
            return join(_fig_text(coded[id(f)]) for f in figs), srcs.pop()
        return join(" ".join(x for x in (_fig_text(coded[id(f)]), src_of(f)) if x) for f in figs), ""

    participles: list[tuple[str, str]] = []
    extra: list[str] = []
    for m in w["measure_order"]:
        figs = [f for f in by_measure.get(m, []) if m not in used]
        figs = [f for f in figs if not _restated(f, coded, figs)]
        if not figs:
            continue
        if violent and m in w["participles"]:
            participles.append((str(w["participles"][m]), figs_text(figs, False)[0]))
        else:
            plural = len(figs) > 1 or count_phrase(coded[id(figs[0])].chosen.count, figs[0].group, None)[1]
            verb = "were" if plural else "was"
            text, src = figs_text(figs, True)
            extra.append(_cap(f"{text} {verb} {w['passive'][m]}{' ' + src if src else ''}."))
    if (
        len(participles) == 2 and participles[0][1] == participles[1][1]
    ):  # "killing and injuring tens of people"
        participles = [(f"{participles[0][0]} and {participles[1][0]}", participles[0][1])]
    if participles:
        clauses = [f"{verb} {figs}" for verb, figs in participles]
        glue = " and " if all(" and " not in c for c in clauses) else ", and "
        sentence += ", " + glue.join(clauses)
    if not per_figure:
        src = who([*(s for a in attributions for s in a), *rec.reporters], outlets)
        if src and sentence.endswith(")"):  # "... Islamic State (IS) (France 24)" reads badly
            sentence += ", " + str(w["attribution_after_paren"]).format(who=src.strip("()"))
        elif src:
            sentence += f" {src}"
    sentences = [sentence + "."] + extra

    others = [
        str(w["other_figure"]).format(
            fig=count_phrase(r.count, c.figure.group, c.figure.side)[0],
            measure=w["passive"].get(c.figure.measure, c.figure.measure),
            who=who(r.sources, outlets).strip("()") or w["unknown_reporter"],
        )
        for f in shown
        for c in [coded[id(f)]]
        for r in c.others
    ]
    if others:
        sentences.append(str(w["other_figures"]).format(figures="; ".join(others)))
    if violent and "killed" not in by_measure:
        sentences.append(str(w["no_fatalities"]))
    main_label = place_label(rec.location) if rec.location else ""
    also = [place_label(p) for p in rec.places if p is not rec.location and p.get("precision") != "country"]
    also = [p for p in dict.fromkeys(also) if p and p != main_label][:5]
    if also:
        sentences.append(str(w["also_named"]).format(places=join(also)))
    return " ".join(sentences)


def incident_note(inc: dict[str, Any], article: dict[str, Any] | None = None) -> str:
    """The English note of a stored incident; ``article`` supplies outlet and date when ``inc`` lacks them."""
    from marsad.export.record import from_incident

    art = article or {}
    merged = {
        "published": art.get("published"),
        "outlet": art.get("outlet"),
        "article_id": art.get("id"),
        "article_title": art.get("title"),
        **{k: v for k, v in inc.items() if v is not None},
    }
    return english_note(from_incident(merged))


def acled_remarks(coded: list[Coded], total: int, violent: bool) -> list[str]:
    """How the ACLED fatalities were coded, when that is not just the one reported number."""
    w = notes_en()["acled"]
    out = []
    counted = [c for c in coded if not c.cumulative]
    if not violent and counted:
        out.append(str(w["not_violent"]))
    elif violent:
        exact = {(c.figure.group, c.figure.side): c.value for c in counted if not c.vague}
        if any(c.vague for c in counted) and lowest_total(exact) != total:  # a vague figure counted
            out.append(str(w["vague"]).format(n=number(total)))
        if any(c.others for c in counted):
            out.append(str(w["lowest"]))
    for c in coded:
        if c.cumulative:
            fig = count_phrase(c.chosen.count, c.figure.group, c.figure.side)[0]
            out.append(str(w["cumulative"]).format(fig=fig))
    return out
