"""The app factory of the integration API (see bot/api/__init__.py for how a module adds endpoints)."""

from __future__ import annotations

import importlib
import logging

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.api.errors import ApiError
from bot.api.ratelimit import make_limiter
from storage.models import ApiKey, AuditLog
from storage.types import utcnow

log = logging.getLogger(__name__)

PREFIX = "/v1"

# The modules whose `router` the app includes, in this order; one line each.
ROUTERS = (
    "bot.api.meta",
    "bot.api.purchases",
    "bot.api.customers",
    "bot.api.records",
    "bot.api.catalog",
    "bot.api.links",
    "bot.api.webhooks",
)

DESCRIPTION = """The bot's integration API for the shop's systems (web store, POS, CRM).

Every call needs an API key (`Authorization: Bearer pbk_...`) made by an owner with
`python -m bot apikey create NAME --scopes ...` or the `/apikey` staff command; each key holds
scopes and is limited to API_RATE_LIMIT calls a minute. Errors are JSON:
`{"error": "<code>", "detail": "<what is wrong>"}`. Every call is written to the audit log."""


def create_app(services) -> FastAPI:
    """A new app over `services` (bot/app.py `Services`: settings, engine, sessions)."""
    app = FastAPI(
        title="Permission bot integration API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
    )
    app.state.services = services
    app.state.limiter = make_limiter(services.settings)
    api = APIRouter(prefix=PREFIX)
    for name in ROUTERS:
        api.include_router(importlib.import_module(name).router)
    app.include_router(api)
    _error_handlers(app)
    app.add_middleware(AuditCalls)
    return app


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": exc.error, "detail": exc.detail}, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"loc": [str(part) for part in e.get("loc", ())], "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return JSONResponse({"error": "invalid_request", "detail": problems}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # a body that is not even text (FastAPI's "error parsing the body")
            return JSONResponse(
                {"error": "invalid_request", "detail": f"the request body cannot be read: {exc.detail}"},
                status_code=422,
            )
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # Every method of the path, not only those of the first route that matched it.
            allowed = set()
            for route in request.app.router.routes:
                match, _ = route.matches(request.scope)
                if match != Match.NONE:
                    allowed |= set(getattr(route, "methods", None) or ())
            headers["Allow"] = ", ".join(sorted(allowed))
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse({"error": code, "detail": str(exc.detail)}, status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> JSONResponse:
        log.error("API %s %s failed: %r", request.method, request.url.path, exc, exc_info=exc)
        return JSONResponse({"error": "internal", "detail": "the call failed; nothing was changed"}, status_code=500)


class AuditCalls:
    """Writes each call made with a known API key to the audit log (key, method, path, status),
    in its own transaction after the call's own, so refused and failed calls are there too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = [500]

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        state = scope.setdefault("state", {})
        try:
            await self.app(scope, receive, recording_send)
        finally:
            user = state.get("api_key")
            if user is not None:
                await self._write(scope["app"].state.services, user, scope["method"], scope["path"], status[0])

    async def _write(self, services, user, method: str, path: str, status: int) -> None:
        try:
            async with services.sessions() as session, session.begin():
                session.add(
                    AuditLog(
                        staff_id=user.created_by or 0,
                        api_key_id=user.id,
                        command="api",
                        arguments=f"{user.name}: {method} {path[:1000]} -> {status}",
                    )
                )
                key = await session.get(ApiKey, user.id)
                if key is not None:
                    key.last_used_at = utcnow()
        except Exception:  # noqa: BLE001 - the call itself is done; its audit row is logged as lost
            log.exception("could not write the audit row of %s %s by key %s", method, path, user.name)
