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
        start: str | None = None,
        end: str | None = None,
        admin1: str | None = None,
        type: str | None = None,
        limit: int = Query(100, ge=0, le=MAX_LIMIT),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        """Fused events (``marsad fuse`` output stored with ``marsad ingest --events``)."""
        _filters(start, end, None, None, None, None, None)
        total, items = db.events(start=start, end=end, admin1=admin1, type=type, limit=limit, offset=offset)
        return {"total": total, "items": items}

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
