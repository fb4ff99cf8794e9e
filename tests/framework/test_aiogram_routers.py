"""Routers are built by functions: each dispatcher gets new routers, with the handlers in the
order their module declares them, and every magic filter checked in the event loop."""

from __future__ import annotations

import importlib
import inspect
import re
import threading

import pytest
from aiogram import F, Router
from aiogram.filters import Command

from bot.routers import InLoop, Routes

MODULES = ("words", "pause", "staff", "rights", "responses", "customer", "fallback")
# The staff router holds one router per task, in this order (bot/routers/staff/__init__.py).
STAFF_GROUPS = (
    "customers",
    "samples",
    "campaigns",
    "reports",
    "admin",
    "sequences",
    "help",
    "webhooks",
    "apikeys",
    "common",
)
BUILT = MODULES + tuple(f"staff.{group}" for group in STAFF_GROUPS)


def _module(name: str):
    return importlib.import_module(f"bot.routers.{name}")


@pytest.mark.parametrize("name", BUILT)
def test_build_router_returns_a_new_router_each_call(name):
    module = _module(name)
    first, second = module.build_router(), module.build_router()
    assert isinstance(first, Router) and first is not second and first.name == module.__name__
    assert not hasattr(module, "router")  # no router object shared between dispatchers
    for observer in ("message", "callback_query"):
        ours, theirs = first.observers[observer].handlers, second.observers[observer].handlers
        assert [h.callback for h in ours] == [h.callback for h in theirs]
        assert all(a is not b for a, b in zip(ours, theirs))
    # Both can be attached, each to its own parent (one module-level router could be attached only once).
    Router(name="a").include_router(first)
    Router(name="b").include_router(second)


def _declared(module, event: str) -> list[str]:
    """The handlers decorated with `@routes.<event>(...)`, in source order (stacked decorators
    register bottom-up, as aiogram's own decorators do)."""
    names, pending = [], 0
    for line in inspect.getsource(module).splitlines():
        if line.startswith(f"@routes.{event}("):
            pending += 1
        elif line.startswith("@"):
            continue
        else:
            found = re.match(r"(?:async )?def (\w+)", line)
            if found and pending:
                names += [found.group(1)] * pending
            pending = 0 if found or not line.startswith(" ") else pending
    return names


@pytest.mark.parametrize("name", BUILT)
def test_handlers_are_registered_in_declaration_order(name):
    module = _module(name)
    router = module.build_router()
    for event in ("message", "callback_query"):
        registered = [h.callback.__name__ for h in router.observers[event].handlers]
        assert registered == _declared(module, event)


def _filters(router: Router):
    for observer in router.observers.values():
        yield from observer._handler.filters or ()  # the router-wide filters
        for handler in observer.handlers:
            yield from handler.filters or ()


def test_the_dispatcher_includes_every_router_in_priority_order(harness):
    from bot.app import build_dispatcher

    (root,) = harness.dp.sub_routers
    assert [r.name for r in root.sub_routers] == [f"bot.routers.{m}" for m in MODULES]
    staff = root.sub_routers[MODULES.index("staff")]
    assert [r.name for r in staff.sub_routers] == [f"bot.routers.staff.{g}" for g in STAFF_GROUPS]
    again = build_dispatcher(harness.services)  # a second dispatcher in the same process
    assert all(a is not b for a, b in zip(root.sub_routers, again.sub_routers[0].sub_routers))
    magic = [f for r in root.sub_routers for f in _filters(r) if f.magic is not None or isinstance(f.callback, InLoop)]
    assert magic and all(f.awaitable and isinstance(f.callback, InLoop) for f in magic)
    assert "_parent_router" not in inspect.getsource(build_dispatcher)


async def test_routes_register_filters_middlewares_and_magic_filters_in_the_loop():
    routes = Routes()
    seen: list = []
    loop_thread = threading.get_ident()
    routes.message.filter(F.func(lambda _: threading.get_ident() == loop_thread))

    class Mark:
        async def __call__(self, handler, event, data):
            seen.append("middleware")
            return await handler(event, data)

    routes.message.middleware(Mark())

    @routes.message(Command("x"), F.text.as_("text"))
    async def handler(message, text):
        seen.append(text)

    router = routes.build(name="t")
    observer = router.observers["message"]
    (registered,) = observer.handlers
    assert registered.callback is handler and len(registered.filters) == 2
    assert isinstance(registered.filters[1].callback, InLoop) and registered.filters[1].awaitable
    (wide,) = observer._handler.filters
    assert isinstance(wide.callback, InLoop) and await wide.call(object()) is True  # ran in the loop thread
    assert len(observer.middleware) == 1
    with pytest.raises(AttributeError):
        routes.mesage  # noqa: B018 - a misspelt event type is an error, not a silent no-op
