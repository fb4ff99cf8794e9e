"""One outer middleware per update: the chat lock, a database session, the customer, one
transaction, and the update's replies once it has committed.

An update whose transaction fails because the database cannot be reached is "not stored".
A withdrawal (/stop, the stop button, a scope switched off, an erasure confirmed, words that
withdraw) is then tried again, with backoff, under the chat's lock (so the chat's later
updates wait behind it and keep their order), until it is stored; it is never dropped. In
polling mode there is no limit: the poller (bot/polling.py) does not confirm the update to
Telegram meanwhile, so even a crash loses nothing (Telegram hands it out again). In webhook
mode Telegram waits for the answer, so the retries stop after WEBHOOK_HOLD seconds: the
withdrawal then goes to the local spool (bot/spool.py, replayed until stored) and Telegram
gets 200; any other update not stored is answered 503 (`NotStored.redeliver`): Telegram sends
it again. In polling mode other updates are not retried: the customer is told nothing changed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from contextvars import ContextVar
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.fsm.storage.base import BaseEventIsolation
from aiogram.types import TelegramObject, Update
from sqlalchemy import event as orm_event
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.consent.scopes import DEFAULT_LANGUAGE, LANGUAGES
from bot.consent.withdrawal import may_withdraw
from bot.keyboards import NavCb, StepCb
from bot.replies import collecting, deliver
from storage.db import POOL_SIZE
from storage.fsm import ResilientStorage, SqlStorage, current_session, database_lock_needed, dialogue_key
from storage.models import ConsentEvent
from storage.queries import get_or_create_customer, lock_chat

log = logging.getLogger(__name__)

WEBHOOK_HOLD = 20.0  # seconds a webhook request retries a withdrawal (Telegram re-sends after ~60 s)
RETRY_FIRST, RETRY_MAX = 0.5, 30.0  # backoff between attempts to store a withdrawal
_WITHDRAWING_BUTTONS = (NavCb(to="stop").pack(), StepCb(step="forget", value="yes").pack())


class NotStored(Exception):
    """The update's transaction failed because the database could not be reached.

    `redeliver`: webhook mode, where the update is answered with a 5xx so that Telegram sends
    it again (the error handler then leaves it alone); in polling mode it is a failed update."""

    def __init__(self, update_id: int | None, cause: BaseException, *, withdrawal: bool, redeliver: bool) -> None:
        super().__init__(
            f"update {update_id} not stored ({'a withdrawal, ' if withdrawal else ''}"
            f"database unavailable: {type(cause).__name__}: {cause})"
        )
        self.update_id = update_id
        self.withdrawal = withdrawal
        self.redeliver = redeliver


def database_unavailable(exc: BaseException) -> bool:
    """The database could not be reached (down, restarting, network, pool exhausted, locked),
    as opposed to an error that the same statement would meet again (a constraint, a bug)."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, (OperationalError, InterfaceError, PoolTimeout, OSError)):
            return True  # OSError: includes ConnectionRefusedError and TimeoutError
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


# Set by the update middleware around each attempt: a ledger row built with action "withdraw"
# marks the attempt as a withdrawal, whatever recognised it (the NLU, a button, a new handler).
_attempt: ContextVar[dict | None] = ContextVar("update_attempt", default=None)


@orm_event.listens_for(ConsentEvent, "init")
def _mark_withdrawal(target, args, kwargs) -> None:
    marks = _attempt.get()
    if marks is not None and kwargs.get("action") == "withdraw":
        marks["withdraws"] = True


async def withdraws(event: TelegramObject, data: dict[str, Any]) -> bool:
    """Whether an update withdraws consent, read from the update alone (the database may be
    down): /stop, /unsubscribe, the stop button, a scope button switched off, the erasure
    confirmed, or text the keyword rules or the NLU read as opt_out / forget_me. A false
    "yes" costs only retries; a false "no" a lost withdrawal, so anything that may withdraw counts."""
    if not isinstance(event, Update):
        return False
    if event.callback_query is not None:
        pressed = event.callback_query.data or ""
        return pressed in _WITHDRAWING_BUTTONS or pressed.startswith("sc:off:")
    message = event.message
    text = (message.text or message.caption or "") if message is not None else ""
    nlu = data.get("nlu")
    return await may_withdraw(text, nlu if hasattr(nlu, "interpret") else None)


def language_of(code: str | None) -> str:
    base = (code or "").split("-", 1)[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


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

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        isolation: BaseEventIsolation | None = None,
        fsm: FSMContextMiddleware | None = None,
        concurrency: int = POOL_SIZE,
        database_lock: bool = False,
        webhook_hold: float = WEBHOOK_HOLD,
    ) -> None:
        self.sessions = sessions
        self.webhook_hold = webhook_hold
        self.database_lock = database_lock
        self.isolation = isolation
        self.fsm = fsm
        self.slots = asyncio.Semaphore(concurrency)
        # With Redis, the dialogue changes the handlers made are written just before the commit.
        storage = fsm.storage if fsm else None
        self.write_dialogues = storage.write_pending if isinstance(storage, ResilientStorage) else None

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        context = self.fsm.resolve_event_context(data["bot"], data) if self.fsm and self.isolation else None
        async with self.isolation.lock(context.key) if context else nullcontext():
            replies, result = await self._stored(handler, event, data, context)
            # After the commit, before the chat's next update: see bot/replies.py.
            await deliver(data["bot"], replies, chat_id=context.key.chat_id if context else None)
            return result

    def _hold(self, data: dict[str, Any]) -> float | None:
        """How long a withdrawal is retried: without limit when polling, `webhook_hold` when
        Telegram waits for the webhook's answer."""
        settings = data.get("settings")
        if settings is None or not getattr(settings, "webhook_url", None):
            return None
        return getattr(settings, "webhook_hold", None) or self.webhook_hold

    async def _stored(self, handler, event: TelegramObject, data: dict[str, Any], context: FSMContext | None):
        """The update's transaction, tried again while it is a withdrawal the database did not take."""
        hold = self._hold(data)
        started = time.monotonic()
        delay, attempts, withdrawal = RETRY_FIRST, 0, False
        while True:
            marks: dict = {}
            token = _attempt.set(marks)
            try:
                with collecting() as replies:
                    async with self.slots:  # released while waiting between attempts
                        result = await self._transaction(handler, event, data, context)
                if attempts:
                    log.warning(
                        "update %s stored after %d attempts (%.1f s)",
                        update_id(event),
                        attempts + 1,
                        time.monotonic() - started,
                    )
                return replies, result
            except Exception as exc:
                if not database_unavailable(exc):
                    raise
                withdrawal = withdrawal or bool(marks.get("withdraws")) or await withdraws(event, data)
                if not withdrawal or (hold is not None and time.monotonic() - started + delay > hold):
                    raise NotStored(update_id(event), exc, withdrawal=withdrawal, redeliver=hold is not None) from exc
                attempts += 1
                if attempts == 1 or attempts % 10 == 0:
                    log.warning(
                        "withdrawal in update %s not stored (database unavailable: %s); attempt %d, "
                        "trying again until it is stored",
                        update_id(event),
                        exc,
                        attempts,
                    )
            finally:
                _attempt.reset(token)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RETRY_MAX)

    async def _transaction(
        self, handler, event: TelegramObject, data: dict[str, Any], context: FSMContext | None
    ) -> Any:
        for attempt in (1, 2):
            async with self.sessions() as session:
                token = current_session.set(session)
                try:
                    try:
                        # Also while Redis, which holds the chat lock across replicas, is down.
                        if context is not None and (
                            self.database_lock or (database_lock_needed() and session.bind.dialect.name == "postgresql")
                        ):
                            await lock_chat(session, chat_id=context.key.chat_id)
                        self._who(data, await self._customer(session, data, context))
                    except DBAPIError as exc:
                        if attempt == 1 and exc.connection_invalidated:
                            log.warning("database connection lost (%s); update retried on a new connection", exc.orig)
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
        return await get_or_create_customer(
            session,
            user_id=user.id,
            first_name=user.first_name,
            username=user.username,
            language=language_of(user.language_code),
            dialogue_key=key,
        )

    @staticmethod
    def _who(data: dict[str, Any], found) -> None:
        data["customer"], data["lang"] = None, "en"
        if found is not None:
            customer, created = found
            data["customer"], data["new_customer"], data["lang"] = customer, created, customer.language

    @staticmethod
    async def _handle(
        handler, event: TelegramObject, data: dict[str, Any], session: AsyncSession, write_dialogues
    ) -> Any:
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
