"""Three fixes for what aiogram costs per process and per update.

1. Build aiogram's Telegram type schemas on first use, not all of them at import.

`aiogram.types` ends by calling `model_rebuild()` on every one of its ~400 types, which
makes pydantic build every validation schema at once: about 150 MB and 1.5 s per process,
although the bot touches a few dozen types. During that import only, `model_rebuild` here
publishes the forward-reference namespace into each type's module instead, so pydantic
(aiogram's types already say `defer_build=True`) builds a schema the first time it is used.
Measured: importing the bot's app takes 113 MB instead of 187 MB (peak figures in the README).
Set BOT_EAGER_TELEGRAM_TYPES=1 to import aiogram unchanged.

2. Keep the `Response[...]` classes aiogram makes for every API call. pydantic caches a
generic class only weakly, so after a garbage collection each call rebuilt its response
model (0.5-2 ms of CPU per Bot API call, the largest single cost of an update under load).

3. Check magic filters (`F.text`, `F.chat.type == "private"`, ...) in the event loop. aiogram
runs every synchronous filter with `asyncio.to_thread`, so each of the dozens of magic-filter
checks per update crossed to a worker thread and back (a thread hand-off, two context
switches and a future) to evaluate an attribute comparison. A magic filter is pure and takes
microseconds, so it is evaluated inline; other synchronous callables keep aiogram's behaviour.
"""
from __future__ import annotations

import os
import sys


def install() -> None:
    if "aiogram.types" in sys.modules or os.environ.get("BOT_EAGER_TELEGRAM_TYPES"):
        return
    from pydantic import BaseModel

    original = BaseModel.__dict__["model_rebuild"]

    def publish_namespace(cls, *, force=False, raise_errors=True, _parent_namespace_depth=2,
                          _types_namespace=None):
        if _types_namespace is None or force or not cls.__module__.startswith("aiogram."):
            return original.__func__(cls, force=force, raise_errors=raise_errors,
                                     _parent_namespace_depth=_parent_namespace_depth,
                                     _types_namespace=_types_namespace)
        module_globals = sys.modules[cls.__module__].__dict__
        for name, value in _types_namespace.items():
            module_globals.setdefault(name, value)
        return None

    BaseModel.model_rebuild = classmethod(publish_namespace)
    try:
        import aiogram.types  # noqa: F401
    finally:
        BaseModel.model_rebuild = original


def keep_response_models() -> None:
    from aiogram.methods.base import Response

    build = Response.__class_getitem__
    made: dict = {}

    def cached(cls, params):
        try:
            return made[params]
        except KeyError:
            made[params] = model = build(params)
            return model
        except TypeError:  # unhashable parameters: no caching
            return build(params)

    Response.__class_getitem__ = classmethod(cached)


def inline_magic_filters() -> None:
    from aiogram.dispatcher.event.handler import FilterObject

    built = FilterObject.__post_init__

    def post_init(self) -> None:
        built(self)
        if self.magic is not None and not self.awaitable:
            resolve = self.callback

            async def resolve_inline(*args, **kwargs):
                return resolve(*args, **kwargs)

            self.callback, self.awaitable = resolve_inline, True

    FilterObject.__post_init__ = post_init


install()
keep_response_models()
inline_magic_filters()
