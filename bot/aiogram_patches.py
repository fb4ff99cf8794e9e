"""Every change the bot makes to aiogram or pydantic internals, installed by `install()`.

Nothing here runs at import: the entry points call `install()` first thing (`bot/cli.py`
`main`, hence `python -m bot` and the terminal chat; the bench scripts; tests/conftest.py).
`import bot` alone changes nothing. tests/framework/test_aiogram_patches.py fails loudly when an aiogram
or pydantic upgrade removes or reshapes a name used here.

1. Telegram type schemas built on first use. `aiogram.types` ends by calling `model_rebuild()`
   on each of its ~400 types, so pydantic builds every validation schema at import: about
   75 MB and 1.5 s per process, though the bot touches a few dozen types. While aiogram.types
   is imported by `install()`, `model_rebuild` publishes the forward-reference namespace into
   each type's module instead; pydantic (the types say `defer_build=True`) then builds a
   schema the first time it is used. It must run before anything imports `aiogram.types`.
   BOT_EAGER_TELEGRAM_TYPES=1 imports aiogram unchanged.
2. The `Response[...]` models aiogram makes for every API call are kept. pydantic caches a
   parametrized generic only weakly, so after a garbage collection each call rebuilt its
   response model (0.5-2 ms of CPU per Bot API call).

The third cost, magic filters (`F.text == ...`) run by aiogram in a worker thread, needs no
patch: bot/routers/__init__.py registers them as awaitable filters.
"""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)

# How aiogram's Telegram types were loaded: "lazy", or why they were built at import.
telegram_types = "not installed"
_installed = False


def install() -> None:
    """Apply the patches once per process (later calls do nothing)."""
    global _installed
    if _installed:
        return
    _installed = True
    lazy_telegram_types()
    keep_response_models()


def lazy_telegram_types() -> None:
    global telegram_types
    if os.environ.get("BOT_EAGER_TELEGRAM_TYPES"):
        telegram_types = "eager: BOT_EAGER_TELEGRAM_TYPES is set"
        return
    if "aiogram.types" in sys.modules:
        telegram_types = "eager: aiogram.types was imported before install()"
        log.warning("aiogram.types was imported before bot.aiogram_patches.install(): its ~400 schemas are built")
        return
    from pydantic import BaseModel

    original = BaseModel.__dict__["model_rebuild"]

    def publish_namespace(cls, *, force=False, raise_errors=True, _parent_namespace_depth=2, _types_namespace=None):
        if _types_namespace is None or force or not cls.__module__.startswith("aiogram."):
            return original.__func__(
                cls,
                force=force,
                raise_errors=raise_errors,
                _parent_namespace_depth=_parent_namespace_depth,
                _types_namespace=_types_namespace,
            )
        module_globals = sys.modules[cls.__module__].__dict__
        for name, value in _types_namespace.items():
            module_globals.setdefault(name, value)
        return None

    BaseModel.model_rebuild = classmethod(publish_namespace)
    try:
        import aiogram.types  # noqa: F401
    finally:
        BaseModel.model_rebuild = original
    telegram_types = "lazy"


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
