"""Long-running background tasks (the scheduler and its lock, the standby, the sender) never die
silently: a failed round is logged and retried with backoff; a task that has failed without a
success for `give_up_after` seconds gives up, and the process then exits non-zero so that the
service manager (systemd `Restart=always`, docker `restart: unless-stopped`) starts it again."""

from __future__ import annotations

import asyncio
import logging
import random
import re
import sys
import time
import traceback
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

# What a background task calls when it gives up (bot/runtime.py ends the process; tests record it).
OnFatal = Callable[[str], None]

DEFAULT_GIVE_UP_AFTER = 300.0


class GiveUp(Exception):
    """A background task failed for longer than its bound: the process should be restarted."""


class Backoff:
    """Retries of one background task: waits 0.5 s, 1 s, 2 s ... up to `cap` seconds (with jitter)
    between failed rounds; after `give_up_after` seconds of failures with no success in between,
    `failed()` raises `GiveUp`. The first failure is logged with its traceback, the next ones
    briefly, and the recovery once."""

    def __init__(
        self,
        what: str,
        *,
        give_up_after: float = DEFAULT_GIVE_UP_AFTER,
        first: float = 0.5,
        cap: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.what = what
        self.give_up_after = give_up_after
        self.first = first
        self.cap = cap
        self.clock = clock
        self.failures = 0
        self.failing_since: float | None = None

    def ok(self) -> None:
        if self.failures:
            log.info("%s works again after %d failed attempt(s)", self.what, self.failures)
        self.failures = 0
        self.failing_since = None

    def delay(self) -> float:
        base = min(self.cap, self.first * 2 ** max(0, self.failures - 1))
        return base * random.uniform(0.8, 1.2)

    async def failed(self, exc: BaseException, *, sleep: Callable[[float], Awaitable] | None = None) -> None:
        now = self.clock()
        if self.failing_since is None:
            self.failing_since = now
        self.failures += 1
        down_for = now - self.failing_since
        if down_for >= self.give_up_after:
            raise GiveUp(
                f"{self.what} failed for {down_for:.0f} s ({self.failures} attempts); last error: {redact(repr(exc))}"
            ) from exc
        wait = min(self.delay(), max(0.05, self.give_up_after - down_for))
        if self.failures == 1:
            log.error(
                "%s failed (%s); retrying in %.1f s, giving up after %.0f s",
                self.what,
                redact(repr(exc)),
                wait,
                self.give_up_after,
                exc_info=None if _expected(exc) else exc,
            )
        else:
            log.warning(
                "%s failed again (attempt %d, %.0f s so far: %s); retrying in %.1f s",
                self.what,
                self.failures,
                down_for,
                redact(repr(exc)),
                wait,
            )
        await (sleep or asyncio.sleep)(wait)


def _expected(exc: BaseException) -> bool:
    """A lost database or Redis connection needs no traceback in the log; anything else does."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    return isinstance(
        exc, (OSError, ConnectionError, asyncio.TimeoutError, DBAPIError, InterfaceError, OperationalError)
    )


async def supervised(what: str, run: Callable[[], Awaitable[None]], on_fatal: OnFatal) -> None:
    """Run a background task's body; if it raises (it gave up, or a bug), log and call `on_fatal`
    instead of letting the task end silently while the process stays up."""
    try:
        await run()
    except asyncio.CancelledError:
        raise
    except GiveUp as exc:
        log.critical("%s gave up: %s", what, exc)
        on_fatal(f"{what} gave up: {exc}")
    except BaseException as exc:  # noqa: BLE001 - any end of a background task ends the process
        log.critical("%s stopped on an unexpected error", what, exc_info=exc)
        on_fatal(f"{what} stopped: {redact(repr(exc))}")


# ---- keeping the bot token out of stored reasons and logs --------------------------------------------
#
# The token is part of every Bot API URL (`/bot<token>/<method>`). A malformed TELEGRAM_API_URL or
# a proxy error page can put that URL into an exception's text, and from there into
# `outbox.reason` (shown to staff) or a log line.

_TOKEN_SHAPE = re.compile(r"\d{3,}:[A-Za-z0-9_-]{20,}")
_known_tokens: set[str] = set()


def register_token(token: str | None) -> None:
    """Remember a bot token so that `redact` removes it even when it has an unusual shape."""
    if token:
        _known_tokens.add(token)


def redact(text: str, token: str | None = None) -> str:
    """`text` with any bot token replaced by `<token>`."""
    for known in ({token} if token else set()) | _known_tokens:
        if known:
            text = text.replace(known, "<token>")
    return _TOKEN_SHAPE.sub("<token>", text)


class RedactTokens(logging.Filter):
    """A handler filter: log records (message, arguments and traceback) never show a bot token."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is left to the handler
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info:
            formatter = logging.Formatter()
            text = record.exc_text or formatter.formatException(record.exc_info)
            record.exc_text, record.exc_info = redact(text), None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def install_log_redaction() -> None:
    """Put `RedactTokens` on every handler of the root logger, and redact the traceback that
    an uncaught exception prints on its way out (once)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactTokens) for f in handler.filters):
            handler.addFilter(RedactTokens())
    if not getattr(sys.excepthook, "redacts_tokens", False):

        def excepthook(kind, value, tb) -> None:
            sys.stderr.write(redact("".join(traceback.format_exception(kind, value, tb))))

        excepthook.redacts_tokens = True
        sys.excepthook = excepthook
