"""One outer middleware per update: the chat lock, a database session, the customer, one
transaction, and the update's replies once it has committed."""
from __future__ import annotations

import asyncio
import logging
from contextlib import nullcontext
from typing import Any, Awaitable, Callable

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.fsm.storage.base import BaseEventIsolation
from aiogram.types import TelegramObject, Update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.replies import collecting, deliver
from storage.db import POOL_SIZE
from storage.fsm import ResilientStorage, SqlStorage, current_session, dialogue_key
from storage.models import LANGUAGES
from storage.queries import get_or_create_customer, lock_chat

log = logging.getLogger(__name__)


def language_of(code: str | None) -> str:
    base = (code or "").split("-", 1)[0].lower()
    return base if base in LANGUAGES else "en"


class DbSessionMiddleware(BaseMiddleware):
    """Locks the chat, opens a session per update, commits once at the end, rolls back on any error.

    Handlers declare `session: AsyncSession` and `customer: Customer` and never commit,
    so an update either lands whole or not at all. It runs before aiogram's FSM middleware
    (`fsm`, registered after it), so the dialogue state is read in the update's own
    transaction and under the chat lock (`isolation`), which is held until the commit: the
    next update of the chat sees this one's result. The replies handlers make are held back
    and sent once the transaction has committed, still under the lock (bot/replies.py). At
    most `concurrency` updates hold a database connection at once (the rest queue here), so a
    burst cannot exhaust the pool.

    With `database_lock` (PostgreSQL without Redis: replicas share only the database) the
    transaction's first statement also takes the chat's advisory lock, so a second replica's
    update of the same chat waits until this one has committed. That lock ends with the commit,
    before the replies leave: only across replicas may a reply then overtake the one of the
    chat's previous update, when that update arrived within those milliseconds.

    The pool does not ping connections before use (three round trips per update with
    asyncpg); when the database restarted, the update's first statement fails on a dead
    connection, SQLAlchemy invalidates the pool, and the update starts once more on a new
    connection. Nothing was written or sent before that statement, so the retry is safe.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, isolation: BaseEventIsolation | None = None,
                 fsm: FSMContextMiddleware | None = None, concurrency: int = POOL_SIZE,
                 database_lock: bool = False) -> None:
        self.sessions = sessions
        self.database_lock = database_lock
        self.isolation = isolation
        self.fsm = fsm
        self.slots = asyncio.Semaphore(concurrency)
        # With Redis, the dialogue changes the handlers made are written just before the commit.
        storage = fsm.storage if fsm else None
        self.write_dialogues = storage.write_pending if isinstance(storage, ResilientStorage) else None

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        context = self.fsm.resolve_event_context(data["bot"], data) if self.fsm and self.isolation else None
        async with self.isolation.lock(context.key) if context else nullcontext():
            with collecting() as replies:
                async with self.slots:
                    result = await self._transaction(handler, event, data, context)
            # After the commit, before the chat's next update: see bot/replies.py.
            await deliver(data["bot"], replies, chat_id=context.key.chat_id if context else None)
            return result

    async def _transaction(self, handler, event: TelegramObject, data: dict[str, Any],
                           context: FSMContext | None) -> Any:
        for attempt in (1, 2):
            async with self.sessions() as session:
                token = current_session.set(session)
                try:
                    try:
                        if self.database_lock and context is not None:
                            await lock_chat(session, chat_id=context.key.chat_id)
                        self._who(data, await self._customer(session, data, context))
                    except DBAPIError as exc:
                        if attempt == 1 and exc.connection_invalidated:
                            log.warning("database connection lost (%s); update retried on a new connection",
                                        exc.orig)
                            continue
                        raise
                    return await self._handle(handler, event, data, session, self.write_dialogues)
                finally:
                    current_session.reset(token)

    async def _customer(self, session: AsyncSession, data: dict[str, Any], context: FSMContext | None):
        user = data.get("event_from_user")
        chat = data.get("event_chat")
        if user is None or user.is_bot or (chat is not None and chat.type != "private"):
            return None
        # With the dialogue state in the database, it comes in the customer's query.
        key = dialogue_key(context.key) if context and isinstance(self.fsm.storage, SqlStorage) else None
        return await get_or_create_customer(session, user_id=user.id, first_name=user.first_name,
                                            username=user.username, language=language_of(user.language_code),
                                            dialogue_key=key)

    @staticmethod
    def _who(data: dict[str, Any], found) -> None:
        data["customer"], data["lang"] = None, "en"
        if found is not None:
            customer, created = found
            data["customer"], data["new_customer"], data["lang"] = customer, created, customer.language

    @staticmethod
    async def _handle(handler, event: TelegramObject, data: dict[str, Any], session: AsyncSession,
                      write_dialogues) -> Any:
        data["session"] = session
        try:
            result = await handler(event, data)
            if write_dialogues is not None:
                await write_dialogues()
        except Exception:
            await session.rollback()
            raise
        await session.commit()
        return result


def update_id(event: TelegramObject) -> int | None:
    return event.update_id if isinstance(event, Update) else None
