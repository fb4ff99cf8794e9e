"""Callback data classes and keyboards.

Callback data is parsed and validated by aiogram's `CallbackData`; anything a
client sends that does not parse, or names a stale step, is answered
"this button has expired" without any state change.
"""

from __future__ import annotations

from functools import lru_cache

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.consent.scopes import LANGUAGES, SCOPES
from bot.texts import SCOPE_TEXT_VERSION, t


class ScopeCb(CallbackData, prefix="sc"):
    """A scope button. `l` is the language of the button and of the message it is under: the
    ledger stores the wording the customer saw in that language, whatever the customer's
    language is when they press it. Packed: `sc:on:tracking:1:consent:uk` (< 64 bytes)."""

    action: str  # on | off
    scope: str
    v: int = SCOPE_TEXT_VERSION
    src: str = "consent"  # consent | prefs | msg (a button on a delivered message)
    l: str = ""  # noqa: E741 - the shown language (en | uk | ru | pl); "" when unknown


class LegacyScopeCb(CallbackData, prefix="sc"):
    """Scope buttons sent before the language was in their data (`sc:on:offers:1:consent`):
    still pressed in old chats; their language is read from the message they are under."""

    action: str
    scope: str
    v: int = SCOPE_TEXT_VERSION
    src: str = "consent"


class StepCb(CallbackData, prefix="st"):
    step: str
    value: str = ""


class InterestCb(CallbackData, prefix="in"):
    cat: int


class NavCb(CallbackData, prefix="nv"):
    to: str


class LangCb(CallbackData, prefix="lg"):
    code: str


# Keyboards are built from buttons directly, not with aiogram's InlineKeyboardBuilder: its
# `as_markup()` deep-copies every button model (a tenth of an update's CPU under load). The
# keyboards that depend only on hashable arguments are built once per process and shared:
# markups are never mutated after they are built.


def _markup(
    buttons: list[InlineKeyboardButton], columns: int, *last_rows: list[InlineKeyboardButton]
) -> InlineKeyboardMarkup:
    rows = [buttons[i : i + columns] for i in range(0, len(buttons), columns)]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, *last_rows])


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def scope_keyboard(
    lang: str, granted: set[str], *, src: str = "consent", done: str | None = "scopes_done"
) -> InlineKeyboardMarkup:
    return _scope_keyboard(lang, frozenset(granted), src, done)


@lru_cache(maxsize=1024)
def _scope_keyboard(lang: str, granted: frozenset[str], src: str, done: str | None) -> InlineKeyboardMarkup:
    buttons = []
    for scope in SCOPES:
        on = scope in granted
        label = ("✅ " if on else "☐ ") + t(f"scope.{scope}.button", lang)
        buttons.append(_button(label, ScopeCb(action="off" if on else "on", scope=scope, src=src, l=lang)))
    if done:
        buttons.append(_button(t("btn.scopes_done", lang), NavCb(to=done)))
    return _markup(buttons, 1)


def step_keyboard(
    lang: str, step: str, options: list[tuple[str, str]], *, skip: bool = True, columns: int = 2
) -> InlineKeyboardMarkup:
    """Buttons for one preference step; `options` are (value, label)."""
    return _step_keyboard(lang, step, tuple(options), skip, columns)


@lru_cache(maxsize=1024)
def _step_keyboard(
    lang: str, step: str, options: tuple[tuple[str, str], ...], skip: bool, columns: int
) -> InlineKeyboardMarkup:
    buttons = [_button(label, StepCb(step=step, value=value)) for value, label in options]
    last = [[_button(t("btn.skip", lang), StepCb(step=step, value="skip"))]] if skip else []
    return _markup(buttons, columns, *last)


def interests_keyboard(lang: str, cats: list, selected: set[int]) -> InlineKeyboardMarkup:
    buttons = [
        _button(
            ("✅ " if cat.id in selected else "☐ ") + (cat.names.get(lang) or cat.names.get("en") or cat.slug),
            InterestCb(cat=cat.id),
        )
        for cat in cats
    ]
    return _markup(buttons, 2, [_button(t("btn.done", lang), StepCb(step="interests", value="done"))])


@lru_cache(maxsize=1)
def language_keyboard() -> InlineKeyboardMarkup:
    return _markup([_button(t("lang.name", code), LangCb(code=code)) for code in LANGUAGES], 4)


PREF_ITEMS = ("scopes", "name", "birthday", "interests", "timezone", "quiet", "cap", "limits", "pause", "language")


@lru_cache(maxsize=len(LANGUAGES))
def preferences_keyboard(lang: str) -> InlineKeyboardMarkup:
    return _markup([_button(t(f"prefs.btn.{item}", lang), NavCb(to=f"edit_{item}")) for item in PREF_ITEMS], 2)


@lru_cache(maxsize=len(LANGUAGES))
def help_keyboard(lang: str) -> InlineKeyboardMarkup:
    """The buttons offered with help and with anything the bot did not understand."""
    return _markup(
        [
            _button(t("btn.preferences", lang), NavCb(to="prefs")),
            _button(t("btn.mydata", lang), NavCb(to="mydata")),
            _button(t("btn.stop_all", lang), NavCb(to="stop")),
            _button(t("btn.help", lang), NavCb(to="help")),
        ],
        2,
    )


def confirm_keyboard(lang: str, step: str) -> InlineKeyboardMarkup:
    return step_keyboard(lang, step, [("yes", t("btn.yes", lang)), ("no", t("btn.no", lang))], skip=False)


def confirm_scope_keyboard(lang: str, scope: str) -> InlineKeyboardMarkup:
    """The one button that grants what the customer asked for in words (rule 1)."""
    return _markup(
        [
            _button(
                "✅ " + t(f"scope.{scope}.button", lang),
                ScopeCb(action="on", scope=scope, v=SCOPE_TEXT_VERSION, src="msg", l=lang),
            )
        ],
        1,
    )


def withdraw_button(lang: str, scope: str) -> InlineKeyboardButton:
    """The per-scope withdrawal button every delivered non-reply message carries."""
    return InlineKeyboardButton(
        text=t(f"scope.{scope}.stop_button", lang),
        callback_data=ScopeCb(action="off", scope=scope, src="msg", l=lang).pack(),
    )
