"""The REST API over the incident store (``marsad serve``), also serving the web page.

The route shapes are the contract the web page is built against (docs/store_api.md); the app holds
one ``Store`` and builds the extractor only when an article is first POSTed.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from marsad.export.notes import incident_note
from marsad.store import Filters, Store

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_LIMIT = 1000

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
) -> Filters:
    try:
        return Filters(start=start, end=end, admin1=admin1, type=type_, actor=actor, source=source, q=q)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


def create_app(db_url: str = "sqlite:///marsad.db", store: Store | None = None) -> FastAPI:
    """The API app over ``db_url`` (or an open ``store``)."""
    db = store or Store(db_url)
    app = FastAPI(
        title="marsad",
        description="Incidents extracted from Arabic conflict news: filter, map, read the sources.",
        version="0.1.0",
    )
    app.state.store = db

    @app.exception_handler(ValueError)
    async def _bad_value(_request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.get("/api/incidents")
    def list_incidents(
        start: str | None = None,
        end: str | None = None,
        admin1: str | None = None,
        type: str | None = None,
        actor: str | None = None,
        source: str | None = None,
        q: str | None = None,
        limit: int = Query(100, ge=0, le=MAX_LIMIT),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        """Incidents matching the filters, newest first (comma-separated values mean "any of")."""
        flt = _filters(start, end, admin1, type, actor, source, q)
        total, items = db.incidents(filters=flt, limit=limit, offset=offset)
        for item in items:
            item["note_en"] = incident_note(item)
        return {"total": total, "items": items}

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
        start: str | None = None,
        end: str | None = None,
        admin1: str | None = None,
        type: str | None = None,
        actor: str | None = None,
        source: str | None = None,
        q: str | None = None,
    ) -> list[dict[str, Any]]:
        """Per day: incidents, killed and injured (top-level casualty figures)."""
        return db.timeline(filters=_filters(start, end, admin1, type, actor, source, q))

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
