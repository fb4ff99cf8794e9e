"""The integration API: the shop's systems (web store, POS, CRM) talk to the bot over HTTP.

FastAPI app under `/v1`, served by `python -m bot run --role api` (and `--role all`) inside the
bot's own event loop (bot/api/server.py). The OpenAPI document is generated from the code and
served at `/v1/openapi.json`.

Layout:
- `app.py`: `create_app(services)`, the app factory. It includes the routers named in
  `ROUTERS` (module paths, one per line), writes every call to the audit log, and turns
  validation errors into 422 bodies that say what is wrong.
- `deps.py`: the dependencies every endpoint uses: `Session` (one database transaction per
  request: committed when the endpoint returns, rolled back when it raises, including an
  `HTTPException`) and `require_scope("purchases:write")` (the API key: 401 missing, unknown or
  revoked; 403 without the scope, naming it; 429 over the key's rate limit, with `Retry-After`).
- `keys.py`: creating, listing and revoking API keys (the CLI `python -m bot apikey ...` and the
  owners' `/apikey` command); `SCOPES` lists the scopes a key may hold.
- `errors.py`: the error body (`{"error": ..., "detail": ...}`) and `ERRORS`, the documented
  error responses an endpoint declares with `responses=errors(401, 403, 404)`.
- `purchases.py`, `customers.py`, `catalog.py`: the endpoints.

Adding endpoints from another module: write `bot/api/<name>.py` with a module-level
`router = APIRouter(tags=[...])` whose paths are relative to `/v1` (e.g. `@router.post("/links")`),
declaring the dependencies:

    from bot.api.deps import Session, require_scope
    from bot.api.errors import errors

    router = APIRouter(tags=["links"])

    @router.post("/links", status_code=201, responses=errors(401, 403, 404, 422, 429))
    async def create_link(body: LinkIn, session: Session, key: Annotated[ApiKeyUser, require_scope("customers:link")]):
        ...

then add its module path to `ROUTERS` in bot/api/app.py (one line), and, for a new scope, one
line in `SCOPES` in bot/api/keys.py. Raise `ApiError(status, error, detail)` (errors.py) for a
4xx with a clear body; the request's transaction is rolled back, so nothing is half written.
Tests build the app with `create_app(services)` and call it through `httpx.ASGITransport`
(tests/api/conftest.py: the `client` and `make_key` fixtures).
"""
