"""Two fixes for what aiogram's pydantic models cost per process.

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


install()
keep_response_models()
