"""Drive the real bot the way Telegram does: updates in over the local Bot API, Bot API calls out."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
from pathlib import Path

from bot.app import build_dispatcher, make_bot, make_services


class Harness:
    @classmethod
    def for_settings(cls, api, settings) -> Harness:
        """The bot with the NLU client its settings name (keyword rules while Rasa is not running)."""
        from bot.runtime import make_nlu

        return cls(api, settings, nlu=make_nlu(settings))

    def __init__(self, api, settings, *, nlu=None) -> None:
        self.api = api
        self.settings = settings.model_copy(update={"telegram_api_url": api.base_url})
        self.nlu = nlu
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self.services = make_services(self.settings, nlu=self.nlu)
        self.bot = make_bot(self.settings, self.settings.bot_token)
        self.dp = build_dispatcher(self.services)
        # Sequential handling: the next getUpdates offset then proves the update was handled.
        self._task = asyncio.create_task(
            self.dp.start_polling(
                self.bot, handle_signals=False, handle_as_tasks=False, polling_timeout=1, close_bot_session=True
            )
        )

    async def stop(self) -> None:
        if self._task is not None:
            with contextlib.suppress(RuntimeError):
                await self.dp.stop_polling()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, 10)
            self._task = None
        if self.nlu is not None and hasattr(self.nlu, "close"):
            await self.nlu.close()
        await self.services.engine.dispose()

    async def restart(self) -> None:
        """A new process, as far as the bot can tell: new engine, dispatcher and bot objects."""
        nlu = self.nlu
        self.nlu = None
        await self.stop()
        self.nlu = nlu
        await self.start()

    def user(self, user_id: int, *, lang: str = "en", name: str = "Ann", username: str | None = None):
        return self.api.user(user_id, first_name=name, language_code=lang, username=username)

    async def processed(self, update_id: int, timeout: float = 10) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            if self.api.confirmed_offset > update_id:
                return
            await asyncio.sleep(0.005)
        raise TimeoutError(f"update {update_id} was not handled within {timeout}s")

    async def _after(self, user_id: int, inject) -> list[dict]:
        before = len(self.api.sent(user_id))
        update = await inject
        await self.processed(update["update_id"])
        return self.api.sent(user_id)[before:]

    async def say(self, user_id: int, text: str) -> list[dict]:
        """Send text as the user; returns what the bot sent to that chat in reply."""
        return await self._after(user_id, self.api.send_text(user_id, text))

    async def press(self, user_id: int, label: str) -> list[dict]:
        """Press the newest button whose text contains `label`."""
        return await self._after(user_id, self.api.press(user_id, label))

    async def press_data(self, user_id: int, message_id: int, data: str) -> list[dict]:
        return await self._after(user_id, self.api.press_button(user_id, message_id, data))

    async def send(self, user_id: int, kind: str) -> list[dict]:
        return await self._after(user_id, getattr(self.api, f"send_{kind}")(user_id))

    def texts(self, user_id: int) -> list[str]:
        return [m.get("text") or m.get("caption") or "" for m in self.api.sent(user_id)]

    def last_alert(self) -> str | None:
        answers = self.api.answered_callbacks
        return answers[-1].get("text") if answers else None


def load_bench():
    """bench/load_webhook.py as a module (bench/ is no package): its load generator and its
    process helpers, tested and reused by the tests."""
    path = Path(__file__).resolve().parent.parent / "bench" / "load_webhook.py"
    spec = importlib.util.spec_from_file_location("load_webhook_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def clean_redis_url() -> str:
    """TEST_REDIS_URL with its database emptied, or the test skipped with the reason."""
    import os

    import pytest
    from redis.asyncio import Redis

    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("Redis: TEST_REDIS_URL is not set")
    probe = Redis.from_url(url)
    try:
        await probe.ping()
        await probe.flushdb()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"Redis at {url} does not answer: {exc}")
    finally:
        await probe.aclose()
    return url
