"""Dependencies of every endpoint: the request's database transaction and the API key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.api.errors import ApiError
from bot.api.keys import ApiKeyUser, authenticate
from bot.config import Settings


async def _transaction(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the endpoint returns (before the response
    goes out, so a failed commit is a 5xx, never a 2xx), rolled back when it raises."""
    async with request.app.state.services.sessions() as session, session.begin():
        yield session


Session = Annotated[AsyncSession, Depends(_transaction, scope="function")]


def _settings(request: Request) -> Settings:
    return request.app.state.services.settings


AppSettings = Annotated[Settings, Depends(_settings)]

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key made with `python -m bot apikey create` or /apikey: `Authorization: Bearer pbk_...`",
)


def _unauthorized(detail: str) -> ApiError:
    return ApiError(401, "unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})


def require_scope(*scopes: str) -> Any:
    """`key: Annotated[ApiKeyUser, require_scope("purchases:write")]`: the request's API key, which must
    hold every scope named (403 naming the missing ones), within its rate limit (429)."""

    async def check(
        request: Request,
        session: Session,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> ApiKeyUser:
        if credentials is None or not credentials.credentials:
            raise _unauthorized("no API key: send `Authorization: Bearer <key>`")
        row, problem = await authenticate(session, credentials.credentials)
        if row is not None:
            request.state.api_key = ApiKeyUser(
                id=row.id, name=row.name, scopes=frozenset(row.scopes), created_by=row.created_by
            )
        if problem:
            raise _unauthorized(problem)
        user: ApiKeyUser = request.state.api_key
        retry_after = await request.app.state.limiter.hit(user.id)
        if retry_after is not None:
            raise ApiError(
                429,
                "rate_limited",
                f"over {request.app.state.services.settings.api_rate_limit} calls a minute for key "
                f"{user.name!r}; retry after {retry_after} s",
                headers={"Retry-After": str(retry_after)},
            )
        missing = [s for s in scopes if s not in user.scopes]
        if missing:
            raise ApiError(
                403, "forbidden", f"the API key {user.name!r} lacks the scope {', '.join(missing)} this call needs"
            )
        return user

    return Depends(check)
