"""One outer middleware per update: a database session, the customer, one transaction."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.fsm import current_session
from storage.models import LANGUAGES
from storage.queries import get_or_create_customer

log = logging.getLogger(__name__)


def language_of(code: str | None) -> str:
    base = (code or "").split("-", 1)[0].lower()
    return base if base in LANGUAGES else "en"


class DbSessionMiddleware(BaseMiddleware):
    """Opens a session per update; commits once at the end, rolls back on any error.

    Handlers declare `session: AsyncSession` and `customer: Customer` and never commit,
    so an update either lands whole or not at all. At most `concurrency` updates are in
    progress at once (the rest queue here): each holds a database connection until it
    commits, and a burst must not exhaust the pool and fail updates on its timeout.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, concurrency: int = 16) -> None:
        self.sessions = sessions
        self.slots = asyncio.Semaphore(concurrency)

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self.slots, self.sessions() as session:
            token = current_session.set(session)
            try:
                return await self._handle(handler, event, data, session)
            finally:
                current_session.reset(token)

    async def _handle(self, handler, event: TelegramObject, data: dict[str, Any], session: AsyncSession) -> Any:
        data["session"] = session
        data["customer"], data["lang"] = None, "en"
        user = data.get("event_from_user")
        chat = data.get("event_chat")
        try:
            if user is not None and not user.is_bot and (chat is None or chat.type == "private"):
                customer, created = await get_or_create_customer(
                    session, user_id=user.id, first_name=user.first_name, username=user.username,
                    language=language_of(user.language_code))
                data["customer"], data["new_customer"], data["lang"] = customer, created, customer.language
            result = await handler(event, data)
        except Exception:
            await session.rollback()
            raise
        await session.commit()
        return result


def update_id(event: TelegramObject) -> int | None:
    return event.update_id if isinstance(event, Update) else None
