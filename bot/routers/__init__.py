"""The bot's routers. Each module declares its handlers with a module-level `routes = Routes()`
(`@routes.message(...)`, `@routes.callback_query(...)`, `routes.message.filter(...)`) and
exposes `build_router()`, which returns a new aiogram Router with them registered: every
dispatcher (a process, a test, the terminal chat) gets its own routers (bot/app.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import Router
from aiogram.filters import Filter
from magic_filter import MagicFilter


class InLoop(Filter):
    """A magic filter (`F.text`, `F.chat.type == "private"`) checked in the event loop. aiogram
    runs a synchronous filter in a worker thread (`asyncio.to_thread`); a magic filter is a pure
    attribute check of microseconds, dozens per update, so the thread hand-off cost more than it."""

    def __init__(self, magic: MagicFilter) -> None:
        self.magic = magic

    async def __call__(self, *event: Any) -> Any:  # positional only: aiogram passes no data kwargs
        return self.magic.resolve(*event)

    def __str__(self) -> str:
        return f"InLoop({self.magic!r})"


EVENTS = frozenset(Router().observers)  # message, callback_query, ...


def _in_loop(filters: tuple) -> tuple:
    return tuple(InLoop(f) if isinstance(f, MagicFilter) else f for f in filters)


class _Observer:
    """Records registrations for one event type (message, callback_query, ...) of a router."""

    def __init__(self, steps: list, event: str) -> None:
        self._steps, self._event = steps, event

    def __call__(self, *filters: Any, **kwargs: Any) -> Callable:
        def register(handler: Callable) -> Callable:
            self._steps.append((self._event, "register", (handler, *_in_loop(filters)), kwargs))
            return handler

        return register

    def filter(self, *filters: Any) -> None:
        self._steps.append((self._event, "filter", _in_loop(filters), {}))

    def middleware(self, middleware: Any) -> None:
        self._steps.append((self._event, "middleware", (middleware,), {}))

    def outer_middleware(self, middleware: Any) -> None:
        self._steps.append((self._event, "outer_middleware", (middleware,), {}))


class Routes:
    """A router's handlers, filters and middlewares, registered on a new Router by `build()`
    in the order they were declared (the order aiogram tries handlers in)."""

    def __init__(self) -> None:
        self._steps: list[tuple[str, str, tuple, dict]] = []

    def __getattr__(self, event: str) -> _Observer:
        if event.startswith("_") or event not in EVENTS:
            raise AttributeError(event)
        return _Observer(self._steps, event)

    def build(self, name: str) -> Router:
        router = Router(name=name)
        for event, action, args, kwargs in self._steps:
            getattr(router.observers[event], action)(*args, **kwargs)
        return router
