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
"""
from __future__ import annotations

import asyncio
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError, TelegramRetryAfter
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

log = logging.getLogger(__name__)

REPLY_METHODS = (SendMessage, SendDocument, SendPhoto, AnswerCallbackQuery, EditMessageReplyMarkup, EditMessageText,
                 DeleteMessage)


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


RETRY_AFTER_LIMIT = 5  # seconds a reply may wait for Telegram's flood control before it is given up


async def deliver(bot: Bot, replies: Replies, *, chat_id: int | None) -> None:
    """Send the committed update's replies in order. The update is stored either way: a reply
    that fails is logged, not turned into an error of the update (which would tell the customer
    that nothing was changed). Flood control (429) is waited out once, up to a few seconds."""
    for index, method in enumerate(replies.methods):
        try:
            try:
                await bot(method)
            except TelegramRetryAfter as exc:
                if exc.retry_after > RETRY_AFTER_LIMIT:
                    raise
                await asyncio.sleep(exc.retry_after)
                await bot(method)
        except TelegramForbiddenError as exc:
            log.info("chat %s blocked the bot; %d reply(ies) not delivered: %s", chat_id,
                     len(replies.methods) - index, exc)
            return
        except TelegramAPIError as exc:  # network errors and timeouts included
            log.warning("reply %s to chat %s failed after the update was stored: %s",
                        type(method).__name__, chat_id, exc)
