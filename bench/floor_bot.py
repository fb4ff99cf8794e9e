"""The performance floor for bench/load_webhook.py: a bare aiogram bot on the same webhook server.

One handler answers every update (message or button press) with one message; no database, no
dialogue state, no middlewares. Served like the project's web role: aiogram's aiohttp webhook
handler, answering Telegram once the update is handled, with the secret header checked, on
uvloop where installed. Every reply carries inline buttons with the labels the benchmark's
conversation presses, so the same updates (texts and callback queries) can be posted to it.
It imports nothing from the project: what it costs per update is what aiogram itself costs.

Configured by the same environment as the bot: BOT_TOKEN, TELEGRAM_API_URL, WEBHOOK_URL,
WEBHOOK_SECRET, WEBHOOK_HOST, WEBHOOK_PORT.
"""

from __future__ import annotations

import asyncio
import os
from urllib.parse import urlparse

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

LABELS = ["Birthday greeting", "Free samples", "Done", "Yes, call me", "Yes"]
KEYBOARD = InlineKeyboardMarkup(
    inline_keyboard=[
        [InlineKeyboardButton(text=label, callback_data=f"b{index}")] for index, label in enumerate(LABELS)
    ]
)


def build_router() -> Router:
    router = Router()

    @router.message()
    async def on_message(message: Message) -> None:
        await message.answer("ok", reply_markup=KEYBOARD)

    @router.callback_query()
    async def on_press(query: CallbackQuery, bot: Bot) -> None:
        await bot.send_message(query.from_user.id, "ok", reply_markup=KEYBOARD)

    return router


async def main() -> None:
    env = os.environ
    session = AiohttpSession(api=TelegramAPIServer.from_base(env["TELEGRAM_API_URL"]))
    bot = Bot(env["BOT_TOKEN"], session=session)
    dp = Dispatcher()
    dp.include_router(build_router())
    app = web.Application()
    path = urlparse(env["WEBHOOK_URL"]).path or "/webhook"
    SimpleRequestHandler(
        dispatcher=dp, bot=bot, secret_token=env["WEBHOOK_SECRET"], handle_in_background=False
    ).register(app, path=path)
    setup_application(app, dp, bot=bot)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, env.get("WEBHOOK_HOST", "127.0.0.1"), int(env["WEBHOOK_PORT"])).start()
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await bot.session.close()


if __name__ == "__main__":
    try:
        import uvloop
    except ImportError:
        asyncio.run(main())
    else:
        uvloop.run(main())
