"""Assembly: the Bot, the Dispatcher with its routers and middlewares, shared services."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import orjson
from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage
from aiogram.types import BotCommand, ErrorEvent
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.consent.scopes import DEFAULT_LANGUAGE, LANGUAGES
from bot.middlewares import DbSessionMiddleware
from bot.replies import RepliesAfterCommit, ReplySession
from bot.texts import t
from storage.db import create_engine, session_factory
from storage.fsm import ChatIsolation, ResilientStorage, SqlStorage

log = logging.getLogger(__name__)

COMMANDS = ("start", "preferences", "pause", "resume", "mydata", "stop", "forget", "language", "help")


@dataclass
class Services:
    """What the running bot shares between handlers, jobs and the sender."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    nlu: object | None = None
    extra: dict = field(default_factory=dict)

    async def close(self) -> None:
        if self.nlu is not None and hasattr(self.nlu, "close"):
            await self.nlu.close()
        await self.engine.dispose()


def make_services(settings: Settings, *, engine: AsyncEngine | None = None, nlu: object | None = None) -> Services:
    engine = engine or create_engine(settings.database_url)
    return Services(settings=settings, engine=engine, sessions=session_factory(engine), nlu=nlu)


def _json_dumps(value) -> str:
    return orjson.dumps(value).decode()


def make_bot(settings: Settings, token: str) -> Bot:
    session = ReplySession(
        api=TelegramAPIServer.from_base(settings.telegram_api_url), json_loads=orjson.loads, json_dumps=_json_dumps
    )
    session.middleware(RepliesAfterCommit())
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def make_storage(settings: Settings, services: Services) -> BaseStorage:
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisStorage
        from redis.asyncio import Redis

        redis = Redis.from_url(settings.redis_url, socket_connect_timeout=0.5, socket_timeout=0.5)
        return ResilientStorage(RedisStorage(redis), SqlStorage(services.sessions))
    return SqlStorage(services.sessions)


def make_isolation(storage: BaseStorage) -> ChatIsolation:
    primary = getattr(storage, "primary", None)
    return ChatIsolation(getattr(primary, "redis", None))


def build_dispatcher(services: Services, *, storage: BaseStorage | None = None) -> Dispatcher:
    from bot.routers import customer, fallback, pause, responses, rights, staff, words

    storage = storage or make_storage(services.settings, services)
    # The FSM middleware is registered after the session middleware (not by the Dispatcher,
    # before it): the dialogue state is then read inside the update's transaction, and the
    # session middleware holds the chat lock until that transaction commits.
    dp = Dispatcher(storage=storage, disable_fsm=True, settings=services.settings, nlu=services.nlu, services=services)
    # Without Redis, web replicas on PostgreSQL keep one chat's updates in order through the database.
    database_lock = services.engine.dialect.name == "postgresql" and not services.settings.redis_url
    dp.update.outer_middleware(
        DbSessionMiddleware(
            services.sessions, isolation=make_isolation(storage), fsm=dp.fsm, database_lock=database_lock
        )
    )
    dp.update.outer_middleware(dp.fsm)
    from bot.staff_texts import StaffLanguage

    dp.update.outer_middleware(StaffLanguage())  # staff texts in the staff member's Telegram language
    root = Router(name="root")
    # Every private text is read once, before any router (bot/routers/words.py): words that
    # withdraw act first, in any dialogue state; the parse goes on to the fallback.
    root.message.outer_middleware(words.ReadWords())
    # In priority order; each dispatcher gets new routers (a second one in the same process: the shell, tests).
    # pause: /pause, /resume, the pause and limit buttons, and staff /limits (before staff's catch-all).
    modules = (words, pause, staff, rights, responses, customer, fallback)  # staff: one router per task inside
    root.include_routers(*(module.build_router() for module in modules))
    dp.include_router(root)
    dp.errors.register(on_error)
    return dp


async def on_error(event: ErrorEvent) -> bool:
    """Log with the update id; tell the customer nothing was changed (the transaction rolled back)."""
    update = event.update
    if getattr(event.exception, "redeliver", False):  # webhook: a 5xx, Telegram sends it again (middlewares.py)
        from aiogram.dispatcher.event.bases import UNHANDLED

        return UNHANDLED
    log.error("update %s failed: %r", update.update_id, event.exception, exc_info=event.exception)
    user = None
    if update.message:
        user = update.message.from_user
    elif update.callback_query:
        user = update.callback_query.from_user
    if user is not None:
        from bot.middlewares import language_of

        lang = language_of(user.language_code)
        try:
            # A message rather than a callback answer: the button may have been answered already.
            await event.update.bot.send_message(user.id, t("error.internal", lang))
        except Exception:  # noqa: BLE001 - the reply is best effort; the error is already logged
            log.warning("could not tell user %s about the failure of update %s", user.id, update.update_id)
    return True


async def set_commands(bot: Bot) -> None:
    for lang in LANGUAGES:
        commands = [BotCommand(command=c, description=t(f"cmd.{c}", lang)) for c in COMMANDS]
        await bot.set_my_commands(commands, language_code=None if lang == DEFAULT_LANGUAGE else lang)
