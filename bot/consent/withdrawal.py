"""Is this text a withdrawal? Every private text is read here once, before any dialogue step.

The keyword rules (bot/consent/keywords.py) read every text, with or without the NLU, and a
withdrawal they find wins whatever the model says: a withdrawal errs on the side of the customer.
Otherwise the model's reading counts (Rasa, when it answers); when the model cannot answer or
does not understand, the keyword rules' help. A withdrawal read only by the model yields to a
well-formed answer of the dialogue step being asked (models misread short answers: a date, a
number, a one-word name).

A withdrawal switches off what its words name (`withdrawn_scopes`), read by the keyword rules
whoever read the withdrawal; the model's `scope` entity can add a scope the rules did not see,
never narrow what they read. Words naming no scope, or everything, withdraw everything.

The Telegram side is elsewhere: bot/routers/words.py reads each update with this, acts on the
withdrawal and offers its one-tap undo; bot/middlewares.py asks `may_withdraw` of an update's
text when the database may be down, to know whether to keep retrying it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, Protocol

from bot.consent.keywords import FALLBACK_INTENT, Parse, match_critical, withdrawal_scopes
from bot.consent.scopes import SCOPES

__all__ = [
    "MAX_TEXT",
    "WITHDRAWALS",
    "Parse",
    "Parser",
    "Reader",
    "acts_now",
    "interpret",
    "is_withdrawal",
    "may_withdraw",
    "readable",
    "recognise",
    "stop_command",
    "withdrawn_scopes",
]

# The intents that withdraw: stop messaging (all, or the one scope named) and erase me.
WITHDRAWALS: Final[tuple[str, ...]] = ("opt_out", "forget_me")
# Telegram's limit for a message text: anything longer is not a customer's message to read.
MAX_TEXT: Final[int] = 4096
_STOP_COMMAND = re.compile(r"/(stop|unsubscribe)(@\w+)?(\s|$)", re.IGNORECASE)


class Parser(Protocol):
    """The NLU client (bot/nlu/client.py): None when the model cannot answer."""

    async def parse(self, text: str) -> Parse | None: ...


class Reader(Protocol):
    """What the dispatcher holds as `nlu` (bot/runtime.py): `interpret` with its own client."""

    async def interpret(self, text: str) -> Parse | None: ...


def is_withdrawal(parse: Parse | None) -> bool:
    return parse is not None and parse.intent in WITHDRAWALS


def readable(text: str | None) -> bool:
    """A text to read for withdrawal words: not empty or blank, not a command, within Telegram's limit."""
    return text is not None and bool(text.strip()) and not text.startswith("/") and len(text) <= MAX_TEXT


def stop_command(text: str) -> bool:
    """/stop or /unsubscribe (also addressed to the bot, with arguments)."""
    return _STOP_COMMAND.match(text.strip()) is not None


async def interpret(client: Parser | None, text: str) -> Parse | None:
    """What the bot should act on.

    A withdrawal found by the keyword rules wins whatever the model says; otherwise the model's
    parse; when the model cannot answer or does not understand, the keyword rules' help;
    otherwise the model's nlu_fallback or None (then the bot answers with buttons).
    """
    rule = match_critical(text)
    if rule is not None and rule.intent in WITHDRAWALS:
        return rule
    parsed = await client.parse(text) if client is not None else None
    if parsed is not None and parsed.intent != FALLBACK_INTENT:
        return parsed
    if rule is not None:
        return rule
    return parsed


async def recognise(text: str, nlu: Reader | None) -> Parse | None:
    """One reading of a text: through the dispatcher's NLU when there is one, else the keyword rules."""
    return await nlu.interpret(text) if nlu is not None else await interpret(None, text)


def acts_now(parse: Parse | None, answers_step: Callable[[], bool]) -> bool:
    """A withdrawal to act on at once, in whatever dialogue state: always when the keyword rules
    read it; when only the model did, unless the text is a well-formed answer to the step being
    asked (`answers_step`, asked only then)."""
    return parse is not None and parse.intent in WITHDRAWALS and (parse.source == "keywords" or not answers_step())


def withdrawn_scopes(parse: Parse, text: str) -> tuple[str, ...]:
    """What a withdrawal switches off: the scopes its words name, in SCOPES order; () for everything.

    The keyword rules read the words (bot/consent/keywords.py withdrawal_scopes), so the model and
    the rules agree; a scope the model found that the rules did not is added (more is withdrawn,
    never less), but words naming everything or no scope stay everything."""
    named = withdrawal_scopes(text)
    extra = parse.entities.get("scope")
    if not named or extra not in SCOPES:
        return named
    return tuple(scope for scope in SCOPES if scope in named or scope == extra)


async def may_withdraw(text: str, nlu: Reader | None) -> bool:
    """Whether a text may withdraw, from the text alone (the database may be down): /stop,
    /unsubscribe, or the keyword rules or the NLU reading opt_out / forget_me. A false "yes" costs
    only retries, a false "no" a lost withdrawal, so an NLU that fails leaves the rules' answer."""
    if not text.strip():
        return False
    if stop_command(text):
        return True
    if is_withdrawal(match_critical(text)):
        return True
    if nlu is not None:
        try:
            parsed = await nlu.interpret(text)
        except Exception:  # noqa: BLE001 - the NLU is optional; the keyword rules have answered
            return False
        return is_withdrawal(parsed)
    return False
