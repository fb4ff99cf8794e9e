"""Staff-facing texts: the `staff.ftl` catalog of each language (bot/locales/<lang>/staff.ftl),
in the staff member's Telegram language (English when it is not one of the bot's languages).

Replies go out with parse_mode HTML. `st()` returns ready HTML: the message is plain text (its
`<user_id>` placeholders are shown as typed) and every field is escaped, since fields carry
stored or typed text (names, usernames, products, slugs, codes). A field that is already HTML
(another `st()` result, or `Html(...)`) is kept as it is. `st_plain()` is for button labels,
which Telegram does not parse.

The language comes from the update being handled: `StaffLanguage`, an outer middleware, sets
it from the Telegram user of every update; outside an update it is English.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from bot.html_text import esc
from bot.texts import FALLBACK, LANGS, fluent_args, format_text

STAFF_LANGUAGE: ContextVar[str] = ContextVar("staff_language", default=FALLBACK)


class Html(str):
    """A string that is already HTML: `st()` does not escape it again."""


def telegram_language(code: str | None) -> str:
    """One of the bot's languages for a Telegram `language_code` ("uk", "pt-br", None)."""
    base = (code or "").split("-", 1)[0].lower()
    return base if base in LANGS else FALLBACK


def staff_text(key: str, lang: str, **fields: Any) -> Html:
    """Message `key` of the staff catalog in `lang`, as HTML: the message text escaped, each
    field escaped unless it is `Html`. Numbers stay numbers (plural selection)."""
    values: dict[str, str] = {}
    args: dict[str, Any] = {}
    for index, (name, value) in enumerate(fields.items()):
        if isinstance(value, int) and not isinstance(value, bool):
            args[name] = value
        else:
            # A marker esc() leaves alone stands for the field while the message text is escaped.
            marker = f"\x00{index}\x00"
            values[marker] = value if isinstance(value, Html) else esc(value)
            args[name] = marker
    html = esc(format_text(key, lang, fluent_args(args)))
    for marker, value in values.items():
        html = html.replace(marker, value)
    return Html(html)


def st(key: str, **fields: Any) -> Html:
    """Message `key` in the language of the staff member whose update is being handled."""
    return staff_text(key, STAFF_LANGUAGE.get(), **fields)


def stage_name(stage: str) -> str:
    """A lifecycle stage in the staff member's language: the customer's own words for it in
    /mydata (bot/locales/<lang>/rights.ftl, `stage-*`), so both sides use one vocabulary."""
    try:
        return format_text(f"stage.{stage}", STAFF_LANGUAGE.get(), {})
    except KeyError:
        return stage


def st_plain(key: str, **fields: Any) -> str:
    """A button label (plain text, not escaped) in the staff member's language."""
    return format_text(key, STAFF_LANGUAGE.get(), fluent_args(fields))


class StaffLanguage(BaseMiddleware):
    """Outer middleware: staff texts of this update in the Telegram language of its user."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = data.get("event_from_user")
        token = STAFF_LANGUAGE.set(telegram_language(user.language_code if user is not None else None))
        try:
            return await handler(event, data)
        finally:
            STAFF_LANGUAGE.reset(token)
