"""What counts as a withdrawal when the database is down (read from the update alone), and
what counts as the database being down (retried) rather than an error the same statement
would meet again (not retried)."""

import sqlite3

import pytest
from aiogram.types import Update
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from bot.keyboards import NavCb, ScopeCb, StepCb
from bot.middlewares import database_unavailable, withdraws


def text_update(text: str) -> Update:
    return Update.model_validate(
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 5, "type": "private"},
                "from": {"id": 5, "is_bot": False, "first_name": "A"},
                "text": text,
            },
        }
    )


def press(data: str) -> Update:
    return Update.model_validate(
        {
            "update_id": 1,
            "callback_query": {
                "id": "1",
                "chat_instance": "c",
                "data": data,
                "from": {"id": 5, "is_bot": False, "first_name": "A"},
            },
        }
    )


class NoNLU:
    async def interpret(self, text):
        return None


@pytest.mark.parametrize(
    "update",
    [
        text_update("/stop"),
        text_update("/stop@permission_bot"),
        text_update("/unsubscribe now"),
        text_update("unsubscribe me"),
        text_update("не пишіть мені"),
        text_update("wypisz mnie"),
        text_update("stop sending me offers"),
        # Words naming scopes withdraw those scopes: retried like any withdrawal while the database is down.
        text_update("больше не присылайте мне поздравления"),
        text_update("не вітайте мене"),
        text_update("nie chcę ofert ani ankiet"),
        text_update("no more samples or surveys"),
        press(NavCb(to="stop").pack()),
        press(StepCb(step="forget", value="yes").pack()),
        press(ScopeCb(action="off", scope="samples", src="msg", l="en").pack()),
    ],
)
async def test_withdrawals_are_recognised_without_the_database(update):
    assert await withdraws(update, {"nlu": NoNLU()})


@pytest.mark.parametrize(
    "update",
    [
        text_update("/help"),
        text_update("/start"),
        text_update("hello"),
        text_update("/stopwatch"),
        press(ScopeCb(action="on", scope="samples", l="en").pack()),
        press(StepCb(step="forget", value="no").pack()),
    ],
)
async def test_other_updates_are_not(update):
    assert not await withdraws(update, {"nlu": NoNLU()})


async def test_the_nlu_is_asked_for_words_the_rules_do_not_know():
    class Model:
        async def interpret(self, text):
            from bot.nlu import Parse

            return Parse("opt_out", 0.9, {}, "nlu")

    assert await withdraws(text_update("leave me in peace please"), {"nlu": Model()})
    assert not await withdraws(text_update("leave me in peace please"), {"nlu": NoNLU()})


def test_database_unavailable():
    assert database_unavailable(ConnectionRefusedError(111, "refused"))
    assert database_unavailable(OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked")))
    assert not database_unavailable(IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE failed")))
    assert not database_unavailable(ProgrammingError("SELECT", {}, Exception("syntax")))
    assert not database_unavailable(ValueError("a bug"))
    wrapped = RuntimeError("handler failed")
    wrapped.__cause__ = ConnectionResetError()
    assert database_unavailable(wrapped)
