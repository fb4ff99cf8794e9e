"""Canaries for bot/aiogram_patches.py and the aiogram internals the bot relies on: an aiogram
or pydantic upgrade that changes them fails here, by name, instead of somewhere in an update.

Most checks run in a fresh interpreter: what `import` and `install()` do depends on what the
process imported before."""

from __future__ import annotations

import gc
import inspect
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, **env: str) -> dict:
    """Run `code` in a fresh interpreter at the repository root; it prints one JSON line last."""
    environ = {k: v for k, v in os.environ.items() if k != "BOT_EAGER_TELEGRAM_TYPES"} | env
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


STATE = """
import json, sys
from pydantic import BaseModel

def state():
    out = {"aiogram_imported": "aiogram" in sys.modules,
           "model_rebuild": BaseModel.__dict__["model_rebuild"].__func__.__module__}
    if "aiogram.types" in sys.modules:
        import aiogram.types
        from aiogram.methods.base import Response
        out["response_getitem_patched"] = "__class_getitem__" in Response.__dict__
        out["types_built"] = sum(bool(getattr(aiogram.types, n).__dict__.get("__pydantic_complete__"))
                                 for n in aiogram.types.__all__ if hasattr(getattr(aiogram.types, n), "model_fields"))
        from aiogram.dispatcher.event.handler import FilterObject
        out["filter_post_init"] = FilterObject.__post_init__.__module__
    return out
"""


def test_import_bot_changes_nothing_in_aiogram_or_pydantic():
    alone = run_python(STATE + "import bot\nprint(json.dumps(state()))")
    assert alone == {"aiogram_imported": False, "model_rebuild": "pydantic.main"}

    # The whole bot imported without install(): aiogram as aiogram made it (every schema built).
    imported = run_python(
        STATE + "import bot.app, bot.cli, bot.shell, bot.routers.fallback\n"
        "import bot.aiogram_patches as p\n"
        "before = state() | {'patches': p.telegram_types}\n"
        "p.install()\n"
        "print(json.dumps({'before': before, 'late': state() | {'patches': p.telegram_types}}))"
    )
    before = imported["before"]
    assert before["model_rebuild"] == "pydantic.main"
    assert before["response_getitem_patched"] is False
    assert before["filter_post_init"] == "aiogram.dispatcher.event.handler"
    assert before["types_built"] > 300 and before["patches"] == "not installed"
    # install() after aiogram.types was imported: the types stay built, and it says so.
    late = imported["late"]
    assert late["patches"] == "eager: aiogram.types was imported before install()"
    assert late["response_getitem_patched"] is True


def test_install_defers_the_type_schemas_and_keeps_response_models():
    done = run_python(
        STATE
        + """
from bot import aiogram_patches
aiogram_patches.install()
from aiogram.methods.base import Response
first = Response.__dict__["__class_getitem__"]
aiogram_patches.install()  # idempotent: nothing wrapped twice
import bot.app
out = state() | {"mode": aiogram_patches.telegram_types,
                 "same_after_second_install": Response.__dict__["__class_getitem__"] is first}
print(json.dumps(out))
"""
    )
    assert done["mode"] == "lazy" and done["model_rebuild"] == "pydantic.main"  # restored after the import
    assert done["response_getitem_patched"] and done["same_after_second_install"]
    assert done["types_built"] < 50  # built on first use only (hundreds when eager)


def test_eager_types_on_request(monkeypatch):
    from bot import aiogram_patches

    monkeypatch.setenv("BOT_EAGER_TELEGRAM_TYPES", "1")
    monkeypatch.setattr(aiogram_patches, "telegram_types", "?")
    aiogram_patches.lazy_telegram_types()
    assert aiogram_patches.telegram_types == "eager: BOT_EAGER_TELEGRAM_TYPES is set"


BUILD_ALL = """
import json, hashlib, re
from pydantic import BaseModel
import aiogram.types, aiogram.methods

def build(cls):
    # The path pydantic takes on first use of a deferred model: its mock validator rebuilds it.
    cls.__pydantic_validator__.validate_python  # noqa: B018
    assert cls.__pydantic_complete__, cls
    return {name: re.sub(" at 0x[0-9a-f]+", "", repr(field.annotation)) for name, field in cls.model_fields.items()}

shapes, failed = {}, []
for module in (aiogram.types, aiogram.methods):
    for name in module.__all__:
        cls = getattr(module, name)
        if isinstance(cls, type) and issubclass(cls, BaseModel) and not cls.__pydantic_generic_metadata__["parameters"]:
            try:
                shapes[f"{module.__name__}.{name}"] = build(cls)
            except Exception as exc:
                failed.append(f"{name}: {exc!r}"[:300])
update = aiogram.types.Update.model_validate({"update_id": 1, "message": {
    "message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "from": {"id": 1, "is_bot": False,
    "first_name": "A"}, "text": "hi", "reply_markup": {"inline_keyboard": [[{"text": "b", "callback_data": "x"}]]}}})
assert update.message.reply_markup.inline_keyboard[0][0].callback_data == "x"
query = aiogram.types.Update.model_validate({"update_id": 2, "callback_query": {"id": "q", "chat_instance": "c",
    "from": {"id": 1, "is_bot": False, "first_name": "A"}, "data": "x", "message": update.message.model_dump()}})
assert query.callback_query.message.text == "hi"
digest = hashlib.sha256(json.dumps(shapes, sort_keys=True).encode()).hexdigest()
print(json.dumps({"count": len(shapes), "failed": failed, "digest": digest}))
"""


def test_every_telegram_type_and_method_builds_lazily_as_eagerly():
    """Each of aiogram's ~400 types and ~180 methods builds on first use after install(), with
    the same resolved field types as when aiogram builds them all at import."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        lazy = pool.submit(run_python, "from bot import aiogram_patches\naiogram_patches.install()\n" + BUILD_ALL)
        eager = pool.submit(run_python, BUILD_ALL)
        lazy, eager = lazy.result(), eager.result()
    assert lazy["failed"] == [] and eager["failed"] == []
    assert lazy["count"] > 500
    assert lazy == eager


# ---- the private names the patches and the replies rely on ----------------------------------------


def test_pydantic_model_rebuild_keeps_the_shape_the_lazy_types_patch_calls():
    from pydantic import BaseModel

    rebuild = BaseModel.__dict__["model_rebuild"]
    assert isinstance(rebuild, classmethod)
    params = inspect.signature(rebuild.__func__).parameters
    assert list(params)[1:] == ["force", "raise_errors", "_parent_namespace_depth", "_types_namespace"]
    assert all(params[p].kind is inspect.Parameter.KEYWORD_ONLY for p in list(params)[1:])


def test_aiogram_types_still_rebuild_each_type_with_a_namespace_at_import():
    import aiogram.types
    from aiogram.types.base import TelegramObject

    source = Path(aiogram.types.__file__).read_text()
    assert "_entity.model_rebuild(_types_namespace=_types_namespace)" in source
    assert TelegramObject.model_config.get("defer_build") is True


def test_response_models_are_one_class_per_result_type_across_garbage_collections():
    from aiogram.client.session.base import BaseSession
    from aiogram.methods.base import Response
    from aiogram.types import Message

    assert "Response[method.__returning__]" in inspect.getsource(BaseSession.check_response)
    first = Response[Message]
    gc.collect()
    assert Response[Message] is first and Response[bool] is Response[bool]
    assert Response[list[Message]] is Response[list[Message]]


def test_the_session_names_the_reply_delivery_uses_still_exist():
    """bot/replies.py: RepliesAfterCommit is a request middleware; held replies leave as JSON."""
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.session.middlewares.base import BaseRequestMiddleware
    from aiogram.client.telegram import TelegramAPIServer

    from bot.replies import RepliesAfterCommit

    assert issubclass(RepliesAfterCommit, BaseRequestMiddleware)
    session = AiohttpSession(api=TelegramAPIServer.from_base("http://127.0.0.1:1"))
    for name in (
        "prepare_value",
        "check_response",
        "create_session",
        "make_request",
        "middleware",
        "timeout",
        "json_loads",
    ):
        assert hasattr(session, name), name
    assert "files" in inspect.signature(session.prepare_value).parameters
    assert list(inspect.signature(session.check_response).parameters) == ["bot", "method", "status_code", "content"]
    assert session.api.api_url(token="1:A", method="sendMessage") == "http://127.0.0.1:1/bot1:A/sendMessage"


async def test_aiogram_runs_a_plain_synchronous_filter_in_a_thread_and_a_filter_object_in_the_loop():
    """Why bot/routers registers magic filters wrapped (InLoop): aiogram hands a synchronous
    callable to a worker thread; a `Filter` is awaited in the loop."""
    from aiogram import F
    from aiogram.dispatcher.event.handler import FilterObject

    from bot.routers import InLoop

    loop_thread = threading.get_ident()
    bare = FilterObject(F.func(lambda _: threading.get_ident()))
    assert not bare.awaitable and await bare.call("x") != loop_thread
    wrapped = FilterObject(InLoop(F.func(lambda _: threading.get_ident())))
    assert wrapped.awaitable and await wrapped.call("x") == loop_thread


@pytest.mark.parametrize(
    "magic, value, expected",
    [
        ("F.text == 'x'", {"text": "x"}, True),
        ("F.text == 'x'", {"text": "y"}, False),
        ("~F.text", {"text": None}, True),
        ("F.text.startswith('/')", {"text": "/a"}, True),
        ("F.text.as_('t')", {"text": "a"}, {"t": "a"}),
    ],
)
async def test_a_magic_filter_in_the_loop_answers_as_aiogram_does(magic, value, expected):
    from types import SimpleNamespace

    from aiogram import F  # noqa: F401 - used by eval
    from aiogram.dispatcher.event.handler import FilterObject

    from bot.routers import InLoop

    event = SimpleNamespace(**value)
    ours = await FilterObject(InLoop(eval(magic))).call(event, bot=None, state=None)
    theirs = await FilterObject(eval(magic)).call(event, bot=None, state=None)
    assert ours == theirs == expected
