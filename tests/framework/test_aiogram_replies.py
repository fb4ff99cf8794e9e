"""Replies held until the commit go through aiogram's session middleware chain both ways: held
by a request middleware, delivered by `bot(method)` (bot/replies.py)."""

from __future__ import annotations

from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from sqlalchemy import select

from bot.replies import RepliesAfterCommit, ReplySession
from storage.models import Customer


class Seen(BaseRequestMiddleware):
    """Another request middleware, as an operator might add (logging, metrics, a retry)."""

    def __init__(self, sessions) -> None:
        self.sessions = sessions
        self.calls: list[tuple[str, object, bool]] = []

    async def __call__(self, make_request, bot, method):
        stored = None
        if isinstance(method, SendMessage):  # is the update's change committed when its reply leaves?
            async with self.sessions() as session:
                stored = (await session.execute(select(Customer.id).where(Customer.id == method.chat_id))).first()
        result = await make_request(bot, method)
        self.calls.append((type(method).__name__, getattr(method, "chat_id", None), stored is not None))
        return result


async def test_delivered_replies_pass_every_request_middleware_after_the_commit(harness):
    session = harness.bot.session
    assert isinstance(session, ReplySession)
    assert any(isinstance(m, RepliesAfterCommit) for m in session.middleware)
    seen = Seen(harness.services.sessions)
    session.middleware(seen)  # after RepliesAfterCommit: sees what it lets through
    harness.user(31, name="Ann")
    replies = await harness.say(31, "/start")
    await harness.press(31, "Birthday greeting")
    sent = [c for c in seen.calls if c[0] == "SendMessage"]
    assert replies and len(sent) >= len(replies)
    assert all(chat == 31 and committed for _, chat, committed in sent)  # the customer row was there
    assert {AnswerCallbackQuery.__name__, EditMessageText.__name__} & {c[0] for c in seen.calls}
    got = harness.api.sent(31)
    assert len([c for c in seen.calls if c[0] == "SendMessage"]) == len(got)
