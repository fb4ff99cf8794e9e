"""An update's replies leave after its transaction commits.

Handlers answer as they go (`message.answer`, `query.answer`, `bot.send_message`, edits),
but a reply sent before the commit would tell the customer "Free samples: on" or "you will
get nothing more" about a change that a failed commit then undoes. While an update is
handled, its replies (the methods below, whose results no handler uses) are collected
instead of sent; `DbSessionMiddleware` delivers them in order once the transaction has
committed, still holding the chat lock (so two quick updates of one chat answer in order),
and drops them when it rolls back (the error handler then says nothing was changed).
Calls that return something a caller needs (getMe, getChat, ...) and every call outside an
update (the sender, jobs) go out at once.

Both ways go through aiogram's session middleware chain: the holding is a request middleware
(`RepliesAfterCommit`), and the delivery calls `bot(method)`, so any other request middleware
sees the delivered replies too. Delivered replies leave as JSON bodies and their answers are only
checked, not turned into aiogram models (no one reads them): aiogram's form encoding and its
validation of the answer were about 8 % of the bot's CPU per update in a profile. Errors still
become aiogram's exceptions, through aiogram's own check of the answer (`ReplySession`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import orjson
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError, TelegramNetworkError, TelegramRetryAfter
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    EditMessageReplyMarkup,
    EditMessageText,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiohttp import ClientError

log = logging.getLogger(__name__)

REPLY_METHODS = (
    SendMessage,
    SendDocument,
    SendPhoto,
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    DeleteMessage,
)


class Replies:
    """The replies of one update, in the order the handlers made them."""

    def __init__(self) -> None:
        self.methods: list[TelegramMethod] = []
        self.collecting = True


_current: ContextVar[Replies | None] = ContextVar("update_replies", default=None)


class RepliesAfterCommit(BaseRequestMiddleware):
    """The Bot's request middleware: holds back replies made while an update is handled."""

    async def __call__(self, make_request: NextRequestMiddlewareType, bot: Bot, method: TelegramMethod):
        replies = _current.get()
        if replies is None or not replies.collecting or not isinstance(method, REPLY_METHODS):
            return await make_request(bot, method)
        replies.methods.append(method)
        return None


@contextmanager
def collecting() -> Iterator[Replies]:
    """Collect the replies made inside; a task started inside that outlives it sends directly."""
    replies = Replies()
    token = _current.set(replies)
    try:
        yield replies
    finally:
        _current.reset(token)
        replies.collecting = False


_JSON = {"Content-Type": "application/json"}
_result_unread: ContextVar[bool] = ContextVar("reply_result_unread", default=False)


class ReplySession(AiohttpSession):
    """aiogram's aiohttp session (bot/app.py `make_bot`). A reply delivered after the commit
    leaves as JSON and its answer is only checked (`send_reply`); every other call is aiogram's."""

    async def make_request(self, bot: Bot, method: TelegramMethod, timeout: int | None = None):
        if not _result_unread.get():
            return await super().make_request(bot, method, timeout)
        files: dict = {}
        params = {}
        for key, value in method.model_dump(warnings=False).items():
            value = self.prepare_value(value, bot=bot, files=files, _dumps_json=False)
            if value:
                params[key] = value
        if files:  # methods with files go aiogram's way (form data)
            return await super().make_request(bot, method, timeout)
        http = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        try:
            async with http.post(
                url, data=orjson.dumps(params), headers=_JSON, timeout=self.timeout if timeout is None else timeout
            ) as resp:
                raw = await resp.read()
        except TimeoutError as exc:
            raise TelegramNetworkError(method=method, message="Request timeout error") from exc
        except ClientError as exc:
            raise TelegramNetworkError(method=method, message=f"{type(exc).__name__}: {exc}") from exc
        try:
            answer = orjson.loads(raw)
        except orjson.JSONDecodeError:  # a proxy's error page, say: a network error, not a Bot API answer
            raise TelegramNetworkError(method=method, message=f"HTTP {resp.status} without a Bot API answer") from None
        if not (200 <= resp.status <= 226 and isinstance(answer, dict) and answer.get("ok") is True):
            # aiogram's own check raises the matching exception (429, 403, 400, ...)
            self.check_response(bot=bot, method=method, status_code=resp.status, content=raw.decode())
        return None


async def send_reply(bot: Bot, method: TelegramMethod) -> None:
    """Send a reply whose result nobody reads, through the session's middleware chain (`bot(method)`).
    With `ReplySession`: like aiogram's own call (same URL, timeout, parameter preparation, empty
    values left out, errors raised as aiogram's exceptions), but as JSON and without building the
    answer's models. Another session sends it aiogram's way."""
    token = _result_unread.set(True)
    try:
        await bot(method)
    finally:
        _result_unread.reset(token)


RETRY_AFTER_LIMIT = 5  # seconds a reply may wait for Telegram's flood control before it is given up


def _chat_of(method: TelegramMethod) -> int | str | None:
    return getattr(method, "chat_id", None)


def _harmless(exc: TelegramAPIError) -> bool:
    """An edit Telegram refuses because there is nothing to change, or nothing left to edit
    (a double tap, a deleted message): the update's result stands; only the edit is void."""
    text = str(exc).lower()
    return (
        "message is not modified" in text
        or "message to edit not found" in text
        or "message can't be edited" in text
        or "message to delete not found" in text
    )


async def deliver(bot: Bot, replies: Replies, *, chat_id: int | None) -> None:
    """Send the committed update's replies in order. The update is stored either way: a reply
    that fails is logged, not turned into an error of the update (which would tell the customer
    that nothing was changed). Flood control (429) is waited out once, up to a few seconds.

    Each reply's failure concerns its own chat only: after a 403 (that chat blocked the bot)
    the update's further replies to that chat are skipped, and its replies to other chats
    (notifications to other staff members) still go out."""
    blocked: set[int | str] = set()
    for method in replies.methods:
        target = _chat_of(method)
        if target is not None and target in blocked:
            continue
        try:
            try:
                await send_reply(bot, method)
            except TelegramRetryAfter as exc:
                if exc.retry_after > RETRY_AFTER_LIMIT:
                    raise
                await asyncio.sleep(exc.retry_after)
                await send_reply(bot, method)
        except TelegramForbiddenError as exc:
            if target is not None:
                blocked.add(target)
            log.info(
                "chat %s blocked the bot or cannot be written to; its replies of this update are not "
                "delivered (update of chat %s): %s",
                target,
                chat_id,
                exc,
            )
        except TelegramAPIError as exc:  # network errors and timeouts included
            if _harmless(exc):
                log.info("%s to chat %s not applied: %s", type(method).__name__, target or chat_id, exc)
                continue
            log.warning(
                "reply %s to chat %s failed after the update was stored: %s",
                type(method).__name__,
                target or chat_id,
                exc,
            )
        except Exception:  # noqa: BLE001 - the update is stored; one reply must not stop the others
            log.exception(
                "reply %s to chat %s failed after the update was stored", type(method).__name__, target or chat_id
            )
