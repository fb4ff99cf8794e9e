"""Error bodies of the integration API: `{"error": "<code>", "detail": "<what is wrong>"}`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorBody(BaseModel):
    """What went wrong: a stable code for programs and a sentence for people."""

    error: str
    detail: str | list[dict[str, Any]]


class ApiError(Exception):
    """A 4xx answer with a body that says what is wrong; the request's transaction rolls back."""

    def __init__(self, status: int, error: str, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.error, self.detail, self.headers = status, error, detail, headers


_DESCRIPTIONS = {
    400: "The request cannot be processed",
    401: "No API key, or an unknown or revoked one",
    403: "The API key lacks the scope this call needs (named in `detail`)",
    404: "Not found (named in `detail`)",
    409: "Conflicts with what is stored (e.g. the same order id with different content)",
    422: "The request is malformed; `detail` lists each problem",
    429: "Over the key's rate limit; retry after `Retry-After` seconds",
}


def errors(*extra: int, auth: bool = True) -> dict[int | str, dict[str, Any]]:
    """The documented error responses of an endpoint (its `responses=`): 422 always, 401, 403
    and 429 for an endpoint that needs a key (`auth`), and the `extra` statuses it may answer."""
    statuses = sorted({422, *extra, *((401, 403, 429) if auth else ())})
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        entry: dict[str, Any] = {"model": ErrorBody, "description": _DESCRIPTIONS[status]}
        if status == 429:
            entry["headers"] = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}
        out[status] = entry
    return out
