"""The REST API over the incident store (``marsad serve``), also serving the web page.

The route shapes are the contract the web page is built against (docs/store_api.md); the app holds
one ``Store`` and builds the extractor only when an article is first POSTed.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from marsad.export.notes import incident_note
from marsad.store import Filters, Store
from marsad.store.events import POINT_FIELDS as EVENT_POINT_FIELDS
from marsad.store.events import claim_key
from marsad.store.query import EventFilters

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_LIMIT = 1000
POINT_FIELDS = ("id", "lat", "lon", "killed", "injured", "type", "day")

MISSING_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>marsad</title></head>
<body><h1>marsad</h1><p>The web page is not installed (no marsad/web/static/index.html).
The API is running: see <a href="/docs">/docs</a>.</p></body></html>"""


class ArticleIn(BaseModel):
    """An article to extract (and store)."""

    text: str = Field(min_length=1)
    title: str | None = None
    published: str | None = Field(default=None, description="ISO date YYYY-MM-DD")
    outlet: str | None = None
    url: str | None = None
    id: str | None = None
    store: bool = True


@lru_cache(maxsize=1)
def _extractor() -> Any:
    from marsad.pipeline import Extractor

    return Extractor()


def _filters(
    start: str | None,
    end: str | None,
    admin1: str | None,
    type_: str | None,
    actor: str | None,
    source: str | None,
    q: str | None,
    place: str | None = None,
) -> Filters:
    try:
        return Filters(
            start=start, end=end, admin1=admin1, type=type_, actor=actor, source=source, q=q, place=place
        )
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


def incident_filters(
    start: str | None = Query(None, description="From date YYYY-MM-DD (incidents whose range reaches it)"),
    end: str | None = Query(None, description="To date YYYY-MM-DD"),
    admin1: str | None = Query(None, description="Governorate(s), comma-separated"),
    type: str | None = Query(None, description="Incident type(s), comma-separated"),
    actor: str | None = Query(None, description="Actor id(s), comma-separated"),
    source: str | None = Query(None, description="Source id(s), comma-separated"),
    q: str | None = Query(None, description="Words in the evidence or place names (Arabic-folded prefixes)"),
    place: str | None = Query(None, description="Gazetteer place id(s), comma-separated"),
) -> Filters:
    """The incident filters every incident route takes (comma-separated values mean "any of")."""
    return _filters(start, end, admin1, type, actor, source, q, place)


FilterParams = Annotated[Filters, Depends(incident_filters)]


def event_filters(
    start: str | None = Query(None, description="From date YYYY-MM-DD (events whose range reaches it)"),
    end: str | None = Query(None, description="To date YYYY-MM-DD"),
    admin1: str | None = Query(None, description="Governorate(s) of the event's location, comma-separated"),
    type: str | None = Query(None, description="Event type(s), comma-separated"),
    actor: str | None = Query(None, description="Actor id(s) named by a report of the event"),
    source: str | None = Query(None, description="Source id(s) credited by a report of the event"),
    q: str | None = Query(None, description="Words in a report's evidence or place names"),
    place: str | None = Query(None, description="Gazetteer place id(s) named by a report"),
    outlet: str | None = Query(None, description="Outlet(s) that published a report of the event"),
    discrepancy: str | None = Query(
        None, description="true: only events whose reports disagree; false: none"
    ),
    min_outlets: int | None = Query(None, ge=0, description="At least this many outlets reported it"),
) -> EventFilters:
    """The filters every event route takes (comma-separated values mean "any of")."""
    try:
        return EventFilters(
            start=start,
            end=end,
            admin1=admin1,
            type=type,
            actor=actor,
            source=source,
            q=q,
            place=place,
            outlet=outlet,
            discrepancy=discrepancy,
            min_outlets=min_outlets,
        )
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


EventFilterParams = Annotated[EventFilters, Depends(event_filters)]


def create_app(db_url: str = "sqlite:///marsad.db", store: Store | None = None) -> FastAPI:
    """The API app over ``db_url`` (or an open ``store``)."""
    db = store or Store(db_url)
    app = FastAPI(
        title="marsad",
        description="Incidents extracted from Arabic conflict news: filter, map, read the sources.",
        version="0.1.0",
    )
    app.state.store = db
    app.add_middleware(GZipMiddleware, minimum_size=2000, compresslevel=5)

    @app.exception_handler(ValueError)
    async def _bad_value(_request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.get("/api/incidents")
    def list_incidents(
        flt: FilterParams,
        sort: str = Query("-date", description="date, killed or casualties; a leading - sorts descending"),
        limit: int = Query(100, ge=0, le=MAX_LIMIT),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        """One page of the incidents matching the filters (newest filing day first by default), and
        how many match. Each has ``day`` (filed under; never after publication), ``killed``, ``injured``."""
        total, items = db.incidents(filters=flt, limit=limit, offset=offset, sort=sort)
        for item in items:
            item["note_en"] = incident_note(item)
        return {"total": total, "offset": offset, "limit": limit, "sort": sort, "items": items}

    @app.get("/api/incidents/{incident_id:path}")
    def get_incident(incident_id: str) -> dict[str, Any]:
        """One incident with its article id and title."""
        item = db.incident(incident_id)
        if item is None:
            raise HTTPException(status_code=404, detail=f"no incident {incident_id!r}")
        item["note_en"] = incident_note(item)
        return item

    @app.get("/api/points")
    def points(flt: FilterParams) -> JSONResponse:
        """Every matching incident that has coordinates, compactly, for the map: ``rows`` of
        ``[id, lat, lon, killed, injured, type, day]``."""
        rows = db.points(flt)
        # Built directly: thousands of rows through FastAPI's encoder would cost more than the query.
        return JSONResponse({"fields": list(POINT_FIELDS), "total": len(rows), "rows": rows})

    @app.get("/api/admin1")
    def admin1_totals(flt: FilterParams) -> list[dict[str, Any]]:
        """Per governorate: incidents naming a place in it, killed, injured (for the choropleth)."""
        return db.by_admin1(flt)

    @app.get("/api/search")
    def search(
        q: str = Query(..., description="Words to find (hamza, ta marbuta, alef maqsura, diacritics folded)"),
        limit: int = Query(20, ge=0, le=200),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        """Articles whose title, text or place names hold every word (best first, with a snippet),
        and the stored places whose names do."""
        return db.search(q, limit=limit, offset=offset)

    @app.get("/api/events")
    def list_events(
        flt: EventFilterParams,
        sort: str = Query(
            "-date", description="date, killed, outlets or articles; a leading - sorts descending"
        ),
        limit: int = Query(100, ge=0, le=MAX_LIMIT),
        offset: int = Query(0, ge=0),
        fields: str = Query("full", pattern="^(full|summary)$", description="full event lines or summaries"),
    ) -> dict[str, Any]:
        """One page of the fused events (``marsad fuse --db``) matching the filters, newest first by
        default, and how many match. ``fields=summary``: what a list shows (no members, no reports),
        with the toll of the reports (``killed``/``injured``: best, low, high)."""
        total, items = db.events(filters=flt, sort=sort, limit=limit, offset=offset, full=fields == "full")
        return {"total": total, "offset": offset, "limit": limit, "sort": sort, "items": items}

    @app.get("/api/events/points")
    def event_points(flt: EventFilterParams) -> JSONResponse:
        """Every matching event the map can show (finer than a country), largest toll first:
        ``rows`` of ``[id, lat, lon, killed, killed_low, killed_high, injured, outlets, discrepancy,
        type, day]``."""
        rows = db.event_points(flt)
        return JSONResponse({"fields": list(EVENT_POINT_FIELDS), "total": len(rows), "rows": rows})

    @app.get("/api/events/facets")
    def event_facets() -> dict[str, list[str]]:
        """The values the stored events can be filtered by."""
        return db.event_facets()

    @app.get("/api/events/{event_id}")
    def get_event(event_id: str) -> dict[str, Any]:
        """One event line with ``summary`` (as in the list), ``articles`` (title, outlet, publication
        of each member article) and ``labels``: the verdict of each report's claim, keyed
        ``incident|start|end`` (a figure's evidence span) or ``incident|event`` (existence)."""
        ev = db.event(event_id)
        if ev is None:
            raise HTTPException(status_code=404, detail=f"no event {event_id!r}")
        art_ids = [m["article"] for m in ev.get("members") or [] if isinstance(m, dict) and m.get("article")]
        labels = db.claim_labels(art_ids)
        keys = {
            claim_key(r.get("incident"), r.get("evidence"))
            for f in ev.get("figures") or []
            for r in f.get("reports") or []
        } | {f"{m.get('incident')}|event" for m in ev.get("members") or [] if isinstance(m, dict)}
        return {
            **ev,
            "summary": db.event_summary(event_id),
            "articles": db.article_meta(art_ids),
            "labels": {k: v for k, v in labels.items() if k in keys},
        }

    @app.get("/api/articles/{article_id}")
    def get_article(article_id: str) -> dict[str, Any]:
        """An article with its text and incidents."""
        line = db.article(article_id)
        if line is None:
            raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
        for inc in line["incidents"]:
            inc["note_en"] = incident_note(inc, line["article"])
        verification = db.verification(article_id)
        if verification is not None:
            line["verification"] = verification
        line["events"] = db.events_of_article(article_id, full=False)
        return line

    @app.post("/api/articles")
    def post_article(body: ArticleIn) -> dict[str, Any]:
        """Extract incidents from a pasted article; stored unless ``store`` is false."""
        from marsad.models import RawArticle

        published = _filters(body.published, None, None, None, None, None, None).start
        art_id = body.id or "api-" + hashlib.sha256(body.text.encode("utf-8")).hexdigest()[:16]
        raw = RawArticle(
            id=art_id,
            text=body.text.replace("\r\n", "\n").replace("\r", "\n"),
            title=body.title,
            published=published,
            outlet=body.outlet,
            url=body.url,
            path="api",
        )
        line = _extractor().process(raw, published=published).to_dict(with_text=True)
        for inc in line["incidents"]:
            inc["note_en"] = incident_note(inc, line["article"])
        line["stored"] = db.put(line) if body.store else None
        return line

    @app.get("/api/timeline")
    def timeline(
        flt: FilterParams,
        bucket: str = Query(
            "day", pattern="^(day|week|month)$", description="day, week (from Monday) or month"
        ),
    ) -> list[dict[str, Any]]:
        """Per day (week, month): incidents, killed and injured, by filing day."""
        return db.timeline(filters=flt, bucket=bucket)

    @app.get("/api/facets")
    def facets() -> dict[str, list[str]]:
        """The filter values present in the database."""
        return db.facets()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> Any:
        page = STATIC_DIR / "index.html"
        if page.is_file():
            return FileResponse(page, media_type="text/html")
        return HTMLResponse(MISSING_PAGE)

    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    return app
