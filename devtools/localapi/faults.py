"""Fault injection: what makes a call fail that Telegram would otherwise accept. The next calls
fail with a status (Telegram's JSON, or a proxy's HTML page), answers come late, a storm of 429s,
Telegram's rate limits (30 messages a second, one a second per chat; off unless enforced), and
users who blocked the bot or deleted their account (403).

`FaultInjection` is a part of `LocalBotAPI` (server.py); `BotAPIMethods.call` (methods.py) asks
it before running a method."""

from __future__ import annotations

import collections
import http
import math
from dataclasses import dataclass
from typing import Any

from .errors import BotAPIError, status_text, too_many
from .methods import CANONICAL, SEND_METHODS


def proxy_error_page(status: int) -> str:
    """The HTML page nginx answers with when the Bot API server behind it fails (502, 504...)."""
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return (
        f"<html>\r\n<head><title>{status} {phrase}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {phrase}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )


@dataclass
class Fault:
    """An injected failure: the next call of one of `methods` (None: the send methods) answers
    `status` with Telegram's JSON, or with a proxy's HTML page when body == "html"."""

    status: int = 500
    body: str = "json"
    methods: frozenset[str] | None = None
    retry_after: int | None = None
    description: str | None = None

    def applies_to(self, method: str) -> bool:
        if self.methods is None:
            return method in SEND_METHODS
        return "*" in self.methods and method != "getUpdates" or method in self.methods

    def error(self) -> BotAPIError:
        retry_after = self.retry_after if self.retry_after is not None else (1 if self.status == 429 else None)
        description = self.description or status_text(self.status, retry_after)
        html = proxy_error_page(self.status) if self.body == "html" else None
        return BotAPIError(self.status, description, retry_after=retry_after, html=html)


class _RateWindow:
    """Sliding-window counter: at most `rate` events per second, measured over
    max(1 s, 1/rate s) so that rates below 1/s (e.g. 20/min) work too."""

    __slots__ = ("capacity", "stamps", "window")

    def __init__(self, rate: float) -> None:
        self.window = 1.0 if rate >= 1 else 1.0 / rate
        self.capacity = max(1, round(rate * self.window))
        self.stamps: collections.deque[float] = collections.deque()

    def retry_after(self, now: float) -> int | None:
        """None if one more event fits now, else the seconds to wait (Telegram's integer)."""
        stamps = self.stamps
        edge = now - self.window
        while stamps and stamps[0] <= edge:
            stamps.popleft()
        if len(stamps) < self.capacity:
            return None
        return max(1, math.ceil(stamps[0] + self.window - now))

    def add(self, now: float) -> None:
        self.stamps.append(now)


class FaultInjection:
    """fail_next, set_delay, storm_429, set_limits, block/unblock."""

    def _reset_faults(self, *, users: bool) -> None:
        """No injected failure, delay or storm; fresh rate windows (and nobody blocked with users=True)."""
        if users:
            self.blocked: set[int] = set()
            self._block_reason: dict[int, str] = {}
        self._fail_next: list[Fault] = []  # the next failing calls, in order
        self._delay = 0.0
        self._storm_until = 0.0
        self._storm_retry_after = 1
        self._global_window = _RateWindow(self.global_rate)
        self._chat_windows: dict[int, _RateWindow] = {}

    def _injected_failure(self, method: str, now: float) -> BotAPIError | None:
        """The failure this call gets from fail_next() or storm_429(), if any (taken from the queue)."""
        if self._fail_next:
            fault = next((f for f in self._fail_next if f.applies_to(method)), None)
            if fault is not None:
                self._fail_next.remove(fault)
                return fault.error()
        if method in SEND_METHODS and now < self._storm_until:
            return too_many(self._storm_retry_after)
        return None

    def fail_next(
        self,
        n: int = 1,
        status: int = 500,
        *,
        body: str = "json",
        methods: Any = None,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """The next n calls of `methods` fail with this HTTP status.

        body="json": Telegram's error JSON (`{"ok": false, "error_code": status, "description":
        ...}`; 429 carries `parameters.retry_after`, 1 unless given); body="html": a proxy's
        HTML error page instead (nginx's "502 Bad Gateway"), which is no JSON at all.
        methods: None = the send methods (sendMessage, sendPhoto, ...); a list of Bot API
        method names; or "*" = every method but getUpdates. description replaces the text."""
        if body not in ("json", "html"):
            raise ValueError(f"body must be 'json' or 'html', not {body!r}")
        if isinstance(methods, str):
            methods = [m.strip() for m in methods.split(",") if m.strip()]
        names = None
        if methods is not None:
            names = frozenset("*" if m == "*" else CANONICAL.get(str(m).lower(), str(m)) for m in methods)
        fault = Fault(int(status), body, names, retry_after, description)
        self._fail_next.extend([fault] * n)

    def set_delay(self, seconds: float) -> None:
        """Send calls answer `seconds` late (the message is recorded first, as when Telegram
        delivered it but the answer was slow)."""
        self._delay = max(0.0, float(seconds))

    def storm_429(self, duration_s: float, retry_after: int = 1) -> None:
        """For `duration_s` seconds every send call gets 429 with this retry_after."""
        self._storm_until = self.clock() + duration_s
        self._storm_retry_after = retry_after

    def set_limits(
        self, *, enforce: bool | None = None, global_rate: int | None = None, per_chat_rate: float | None = None
    ) -> None:
        if enforce is not None:
            self.enforce_limits = enforce
        if global_rate is not None:
            self.global_rate = global_rate
            self._global_window = _RateWindow(global_rate)
        if per_chat_rate is not None:
            self.per_chat_rate = per_chat_rate
            self._chat_windows.clear()

    def _check_limits(self, chat_id: int, now: float) -> None:
        if not self.enforce_limits:
            return
        wait = self._global_window.retry_after(now)
        window = self._chat_windows.get(chat_id)
        if window is None:
            window = self._chat_windows[chat_id] = _RateWindow(self.per_chat_rate)
        chat_wait = window.retry_after(now)
        if wait is not None or chat_wait is not None:
            raise too_many(max(wait or 0, chat_wait or 0))
        self._global_window.add(now)
        window.add(now)

    def block(self, user_id: int, *, notify: bool = False, reason: str = "blocked") -> None:
        """The user blocks the bot: sends to them get 403 "Forbidden: bot was blocked by the
        user" (reason="deactivated": "Forbidden: user is deactivated", a deleted account).
        notify=True also queues the my_chat_member update Telegram sends (status kicked)."""
        if reason not in ("blocked", "deactivated"):
            raise ValueError(f"reason must be 'blocked' or 'deactivated', not {reason!r}")
        self.blocked.add(user_id)
        self._block_reason[user_id] = reason
        if notify:
            self._member_update(user_id, "member", "kicked")

    def unblock(self, user_id: int, *, notify: bool = False) -> None:
        self.blocked.discard(user_id)
        self._block_reason.pop(user_id, None)
        if notify:
            self._member_update(user_id, "kicked", "member")
