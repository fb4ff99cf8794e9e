"""Telegram's error answers: the Bot API's error object and the wording Telegram uses, which
the bot's code and the fidelity tests rely on."""

from __future__ import annotations

import http
from typing import Any


class BotAPIError(Exception):
    """A Bot API error answer: HTTP status = error_code, Telegram's description. With `html`
    set, the HTTP answer is that text as text/html instead of JSON (what a proxy in front of
    the Bot API answers when the server behind it is down: nginx's 502 page)."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None, html: str | None = None) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description
        self.retry_after = retry_after
        self.html = html

    def payload(self) -> dict:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad(description: str) -> BotAPIError:
    return BotAPIError(400, f"Bad Request: {description}")


def button_error(description: str) -> BotAPIError:
    return bad(f"can't parse inline keyboard button: {description}")


def too_many(retry_after: int) -> BotAPIError:
    return BotAPIError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


# Telegram's own wording for the common refusals (the fidelity tests check them).
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a "
    "current content and reply markup of the message"
)
BLOCKED = "Forbidden: bot was blocked by the user"
DEACTIVATED = "Forbidden: user is deactivated"


def status_text(status: int, retry_after: int | None = None) -> str:
    """Telegram's description for an injected failure of this status."""
    known = {
        400: "Bad Request: simulated failure",
        401: "Unauthorized",
        403: BLOCKED,
        404: "Not Found",
        409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        429: f"Too Many Requests: retry after {retry_after or 1}",
    }
    if status in known:
        return known[status]
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Error"
