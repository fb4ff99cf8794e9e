"""bot/consent/withdrawal.py: the one reading of every text, as a pure component (the Telegram side,
acting on it in any dialogue state, is tests/consent/test_withdrawal_words.py)."""

from __future__ import annotations

import pytest

from bot.consent.keywords import Parse
from bot.consent.withdrawal import (
    MAX_TEXT,
    acts_now,
    interpret,
    may_withdraw,
    readable,
    recognise,
    stop_command,
    withdrawn_scopes,
)


class Model:
    """A stand-in for the NLU client: always the same reading, or down (None)."""

    def __init__(self, parse: Parse | None) -> None:
        self.reading = parse
        self.texts: list[str] = []

    async def parse(self, text: str) -> Parse | None:
        self.texts.append(text)
        return self.reading


class Reader:
    def __init__(self, model: Model | None = None, fails: bool = False) -> None:
        self.model, self.fails = model, fails

    async def interpret(self, text: str) -> Parse | None:
        if self.fails:
            raise RuntimeError("the NLU is down")
        return await interpret(self.model, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("stop", True),
        ("  wypisz mnie ", True),
        ("/stop", False),
        ("", False),
        ("   ", False),
        (None, False),
        ("x" * MAX_TEXT, True),
        ("x" * (MAX_TEXT + 1), False),
    ],
)
def test_readable(text, expected):
    assert readable(text) is expected


async def test_the_keyword_rules_win_over_the_model_for_a_withdrawal():
    model = Model(Parse("opt_in", 0.99, {"scope": "samples"}))
    assert await interpret(model, "stop sending samples") == Parse("opt_out", 1.0, {"scope": "samples"}, "keywords")
    assert model.texts == []  # the rules decided: the model was not asked


async def test_without_a_model_the_keyword_rules_answer():
    assert await recognise("не пишіть мені", None) == Parse("opt_out", 1.0, {}, "keywords")
    assert await recognise("hello", None) is None


async def test_the_dispatchers_reader_is_used_when_there_is_one():
    reader = Reader(Model(Parse("opt_out", 0.9, {}, "nlu")))
    assert await recognise("I'm done with you", reader) == Parse("opt_out", 0.9, {}, "nlu")


def test_a_model_only_withdrawal_yields_to_an_answer_of_the_step():
    by_model, by_rules = Parse("opt_out", 0.8, {}, "nlu"), Parse("opt_out", 1.0, {}, "keywords")
    assert acts_now(by_model, lambda: False)
    assert not acts_now(by_model, lambda: True)
    assert acts_now(by_rules, lambda: True)
    asked = []
    assert acts_now(by_rules, lambda: asked.append(1) or True) and asked == []  # not even asked
    assert not acts_now(Parse("help", 1.0, {}, "keywords"), lambda: False)
    assert not acts_now(None, lambda: False)
    assert acts_now(Parse("forget_me", 1.0, {}, "keywords"), lambda: False)


def test_the_scopes_a_withdrawal_names():
    # The words decide (the keyword rules read them whoever read the withdrawal); () is everything.
    assert withdrawn_scopes(Parse("opt_out", 1.0, {}, "keywords"), "no more birthday wishes") == ("birthday",)
    assert withdrawn_scopes(Parse("opt_out", 1.0, {}, "keywords"), "stop samples and offers") == ("samples", "offers")
    assert withdrawn_scopes(Parse("opt_out", 0.9, {"scope": "sms"}), "stop sms") == ()  # not a scope: everything
    # The model's scope adds to what the words name, never narrows words about everything or nothing.
    assert withdrawn_scopes(Parse("opt_out", 0.9, {"scope": "offers"}), "no samples") == ("samples", "offers")
    assert withdrawn_scopes(Parse("opt_out", 0.9, {"scope": "offers"}), "no more samples") == ("samples", "offers")
    assert withdrawn_scopes(Parse("opt_out", 0.9, {"scope": "samples"}), "no more samples") == ("samples",)
    assert withdrawn_scopes(Parse("opt_out", 0.9, {"scope": "offers"}), "whatever") == ()
    assert withdrawn_scopes(Parse("opt_out", 0.9, {"scope": "offers"}), "stop samples and everything else") == ()


@pytest.mark.parametrize("text", ["/stop", "/STOP now", "/unsubscribe", "/stop@TeaShopBot", "  /stop"])
def test_stop_commands(text):
    assert stop_command(text)


@pytest.mark.parametrize("text", ["/stopped", "/start", "stop", "/preferences"])
def test_not_stop_commands(text):
    assert not stop_command(text)


async def test_may_withdraw_errs_on_the_side_of_the_customer():
    assert await may_withdraw("/stop", None)
    assert await may_withdraw("unsubscribe me", None)
    assert not await may_withdraw("   ", Reader(Model(Parse("opt_out", 0.9))))
    assert not await may_withdraw("what teas do you have?", None)
    assert await may_withdraw("I'm done with you", Reader(Model(Parse("forget_me", 0.9))))
    assert not await may_withdraw("I'm done with you", Reader(Model(Parse("greet", 0.9))))
    # An NLU that fails leaves the keyword rules' answer (here: no withdrawal), never an error.
    assert not await may_withdraw("I'm done with you", Reader(fails=True))
    assert await may_withdraw("stop it", Reader(fails=True))
