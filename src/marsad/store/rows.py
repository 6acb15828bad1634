"""Article line (CODEBOOK dict) <-> table rows, both directions, no database access.

Kept pure so the write path can build every row before it opens a transaction, and the read path
gives back exactly the incident dict ``marsad extract`` wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from marsad.store.search import index_terms
from marsad.totals import casualty_total


@dataclass(slots=True)
class ArticleRows:
    """Every row one article line turns into."""

    article: dict[str, Any]
    incidents: list[dict[str, Any]] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    casualties: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)


def article_sha(article: dict[str, Any]) -> str:
    """The content hash: the one in the line, else computed from the text, else from the id."""
    import hashlib

    if article.get("sha256"):
        return str(article["sha256"])
    basis = article.get("text") or f"id:{article.get('id')}"
    return hashlib.sha256(str(basis).encode("utf-8")).hexdigest()


def to_rows(line: dict[str, Any]) -> ArticleRows:
    """Flatten one article line. Incident ids missing from the line get ``<article>#<n>``."""
    art = line.get("article") or {}
    art_id = art.get("id")
    if not art_id:
        raise ValueError("article line without article.id")
    art_id = str(art_id)
    published = art.get("published")
    incs = list(line.get("incidents") or [])
    rows = ArticleRows(
        article={
            "id": art_id,
            "sha256": article_sha(art),
            "title": art.get("title"),
            "published": published,
            "outlet": art.get("outlet"),
            "dateline": art.get("dateline"),
            "url": art.get("url"),
            "path": art.get("path"),
            "language": art.get("language") or "ar",
            "text": art.get("text"),
            "warnings": list(line.get("warnings") or []),
            "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "search_terms": article_terms(art, incs),
        }
    )
    for n, inc in enumerate(incs, 1):
        _add_incident(rows, art_id, n, inc, published)
    return rows


# Killed + injured above which one incident's figure is taken for a cumulative toll ("the war has killed
# 500,000"), not an event: the deadliest single attacks of the Syrian war stay below it (Ghouta, August
# 2013: about 1,400 killed and 3,600 injured). Such incidents are listed and mapped (at the capped size),
# but the timeline and the governorate shading count them apart, so they cannot swamp real events.
CUMULATIVE_TOLL = 5000


def total(casualties: list[dict[str, Any]], measure: str) -> int:
    """An incident's figure for ``measure`` (``marsad.totals.casualty_total``)."""
    return casualty_total(casualties, measure)


def filing_days(
    dates: dict[str, Any], published: str | None, today: str | None = None
) -> tuple[str | None, str | None]:
    """``(day, day_end)`` an incident is filed under: its dates, else the publication day, never after
    the publication day (nor after today when the article has none)."""
    limit = published or today or datetime.now(UTC).date().isoformat()
    day = dates.get("start") or published
    end = dates.get("end") or day
    if day and day > limit:
        day = limit
    if end and end > limit:
        end = limit
    if day and end and end < day:
        end = day
    return day, end


# Finest first; a country is not a place on the map (its centroid would pile every "in Syria" there).
PRECISION_RANK = {
    "neighbourhood": 0,
    "site": 0,
    "community": 1,
    "subdistrict": 2,
    "district": 3,
    "governorate": 4,
    "region": 5,
}


def map_location(locations: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The location the map shows: the most precise one with coordinates (first among equals), never
    a whole country."""
    best = None
    for loc in locations:
        if loc.get("lat") is None or loc.get("lon") is None or loc.get("precision") == "country":
            continue
        rank = PRECISION_RANK.get(loc.get("precision") or "", 4)
        if best is None or rank < best[0]:
            best = (rank, loc)
    return best[1] if best else None


def place_names(locations: list[dict[str, Any]]) -> list[str]:
    return [str(loc.get(k)) for loc in locations for k in ("text", "name_ar", "name_en") if loc.get(k)]


def incident_terms(inc: dict[str, Any]) -> str:
    """Search terms of an incident: its evidence and its place names, space-delimited at both ends so
    ``LIKE '% term%'`` is a prefix match on any term."""
    evidence = [str(e.get("text") or "") for e in inc.get("evidence") or []]
    terms = index_terms(*evidence, *place_names(inc.get("locations") or []))
    return f" {terms} " if terms else ""


def article_terms(art: dict[str, Any], incidents: list[dict[str, Any]]) -> str:
    """Search terms of an article: title, text, and its incidents' terms (evidence and place names),
    so every incident that matches a question lies in an article that does (the article index may
    narrow incident searches), also when a line was stored without its text."""
    extra = [incident_terms(inc) for inc in incidents]
    terms = index_terms(art.get("title"), art.get("text")) + " " + " ".join(t.strip() for t in extra)
    terms = " ".join(terms.split())
    return f" {terms} " if terms else ""


def derived(inc: dict[str, Any], published: str | None) -> dict[str, Any]:
    """The incident columns computed from the incident (filled at write time and by migrations)."""
    locs = list(inc.get("locations") or [])
    cas = list(inc.get("casualties") or [])
    day, day_end = filing_days(inc.get("date") or {}, published)
    where = map_location(locs)
    admin1 = (where or {}).get("admin1") or next((loc["admin1"] for loc in locs if loc.get("admin1")), None)
    return {
        "day": day,
        "day_end": day_end,
        "killed": total(cas, "killed"),
        "injured": total(cas, "injured"),
        "lat": where.get("lat") if where else None,
        "lon": where.get("lon") if where else None,
        "admin1": admin1,
        "search_terms": incident_terms(inc),
    }


def _add_incident(rows: ArticleRows, art_id: str, n: int, inc: dict[str, Any], published: str | None) -> None:
    inc_id = str(inc.get("id") or f"{art_id}#{n}")
    date = inc.get("date") or {}
    evidence = list(inc.get("evidence") or [])
    reported = list(inc.get("reported_by") or [])
    rows.incidents.append(
        {
            "id": inc_id,
            "article_id": art_id,
            "idx": n,
            "type": inc.get("type") or "other",
            "date_start": date.get("start"),
            "date_end": date.get("end"),
            "date_precision": date.get("precision"),
            "date_text": date.get("text"),
            "reported_by": reported,
            "evidence": evidence,
            "weapons": list(inc.get("weapons") or []),
            **derived(inc, published),
        }
    )
    for ord_, loc in enumerate(inc.get("locations") or []):
        rows.locations.append(
            {
                "incident_id": inc_id,
                "ord": ord_,
                "text": loc.get("text"),
                "start": loc.get("start"),
                "end_": loc.get("end"),
                "place_id": loc.get("place_id"),
                "name_ar": loc.get("name_ar"),
                "name_en": loc.get("name_en"),
                "admin1": loc.get("admin1"),
                "admin2": loc.get("admin2"),
                "lat": loc.get("lat"),
                "lon": loc.get("lon"),
                "precision": loc.get("precision"),
                "relation": loc.get("relation"),
            }
        )
    for ord_, act in enumerate(inc.get("actors") or []):
        rows.actors.append(
            {
                "incident_id": inc_id,
                "ord": ord_,
                "actor_id": act.get("id"),
                "role": act.get("role"),
                "text": act.get("text"),
                "start": act.get("start"),
                "end_": act.get("end"),
            }
        )
    all_sources = list(reported)
    for ord_, cas in enumerate(inc.get("casualties") or []):
        count = cas.get("count") or {}
        cas_sources = list(cas.get("reported_by") or [])
        all_sources += cas_sources
        rows.casualties.append(
            {
                "incident_id": inc_id,
                "ord": ord_,
                "measure": cas.get("measure"),
                "group_": cas.get("group"),
                "side": cas.get("side"),
                "value": count.get("value"),
                "low": count.get("low"),
                "high": count.get("high"),
                "qualifier": count.get("qualifier"),
                "part_of": cas.get("part_of"),
                "reported_by": cas_sources,
                "start": cas.get("start"),
                "end_": cas.get("end"),
                "text": cas.get("text"),
            }
        )
    for src in dict.fromkeys(s for s in all_sources if s):
        rows.sources.append({"incident_id": inc_id, "source_id": src})


def incident_dict(
    inc: dict[str, Any],
    locs: list[dict[str, Any]],
    acts: list[dict[str, Any]],
    cas: list[dict[str, Any]],
) -> dict[str, Any]:
    """Rebuild the CODEBOOK incident from its rows (children already sorted by ``ord``)."""
    return {
        "id": inc["id"],
        "type": inc["type"],
        "date": {
            "start": inc["date_start"],
            "end": inc["date_end"],
            "precision": inc["date_precision"],
            "text": inc["date_text"],
        },
        "locations": [
            {
                "text": r["text"],
                "start": r["start"],
                "end": r["end_"],
                "place_id": r["place_id"],
                "name_ar": r["name_ar"],
                "name_en": r["name_en"],
                "admin1": r["admin1"],
                "admin2": r["admin2"],
                "lat": r["lat"],
                "lon": r["lon"],
                "precision": r["precision"],
                "relation": r["relation"],
            }
            for r in locs
        ],
        "actors": [
            {"id": r["actor_id"], "role": r["role"], "text": r["text"], "start": r["start"], "end": r["end_"]}
            for r in acts
        ],
        "casualties": [
            {
                "measure": r["measure"],
                "group": r["group_"],
                "side": r["side"],
                "count": {
                    "value": r["value"],
                    "low": r["low"],
                    "high": r["high"],
                    "qualifier": r["qualifier"],
                },
                "part_of": r["part_of"],
                "reported_by": list(r["reported_by"] or []),
                "start": r["start"],
                "end": r["end_"],
                "text": r["text"],
            }
            for r in cas
        ],
        "weapons": list(inc["weapons"] or []),
        "reported_by": list(inc["reported_by"] or []),
        "evidence": list(inc["evidence"] or []),
    }


def article_dict(row: dict[str, Any], with_text: bool = True) -> dict[str, Any]:
    """The ``article`` part of an article line from its row."""
    out = {
        k: row[k]
        for k in ("id", "title", "published", "outlet", "dateline", "language", "url", "path", "sha256")
    }
    if with_text:
        out["text"] = row["text"]
    return out


def count_of(row: dict[str, Any]) -> int:
    """A casualty row's number for totals: the value, else the low bound of a vague amount, else 0."""
    if row.get("value") is not None:
        return int(row["value"])
    if row.get("low") is not None:
        return int(row["low"])
    return 0
