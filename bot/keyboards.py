"""Callback data classes and keyboards.

Callback data is parsed and validated by aiogram's `CallbackData`; anything a
client sends that does not parse, or names a stale step, is answered
"this button has expired" without any state change.
"""
from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.texts import SCOPE_TEXT_VERSION, t
from storage.models import LANGUAGES, SCOPES


class ScopeCb(CallbackData, prefix="sc"):
    action: str  # on | off
    scope: str
    v: int = SCOPE_TEXT_VERSION
    src: str = "consent"  # consent | prefs | msg (a button on a delivered message)


class StepCb(CallbackData, prefix="st"):
    step: str
    value: str = ""


class InterestCb(CallbackData, prefix="in"):
    cat: int


class NavCb(CallbackData, prefix="nv"):
    to: str


class LangCb(CallbackData, prefix="lg"):
    code: str


def scope_keyboard(lang: str, granted: set[str], *, src: str = "consent", done: str | None = "scopes_done"
                   ) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for scope in SCOPES:
        on = scope in granted
        label = ("✅ " if on else "☐ ") + t(f"scope.{scope}.button", lang)
        kb.button(text=label, callback_data=ScopeCb(action="off" if on else "on", scope=scope, src=src))
    if done:
        kb.button(text=t("btn.scopes_done", lang), callback_data=NavCb(to=done))
    kb.adjust(1)
    return kb.as_markup()


def step_keyboard(lang: str, step: str, options: list[tuple[str, str]], *, skip: bool = True,
                  columns: int = 2) -> InlineKeyboardMarkup:
    """Buttons for one preference step; `options` are (value, label)."""
    kb = InlineKeyboardBuilder()
    for value, label in options:
        kb.button(text=label, callback_data=StepCb(step=step, value=value))
    kb.adjust(columns)
    if skip:
        kb.row(InlineKeyboardButton(text=t("btn.skip", lang), callback_data=StepCb(step=step, value="skip").pack()))
    return kb.as_markup()


def interests_keyboard(lang: str, cats: list, selected: set[int]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for cat in cats:
        label = ("✅ " if cat.id in selected else "☐ ") + (cat.names.get(lang) or cat.names.get("en") or cat.slug)
        kb.button(text=label, callback_data=InterestCb(cat=cat.id))
    kb.adjust(2)
    kb.row(InlineKeyboardButton(text=t("btn.done", lang), callback_data=StepCb(step="interests", value="done").pack()))
    return kb.as_markup()


def language_keyboard() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code in LANGUAGES:
        kb.button(text=t("lang.name", code), callback_data=LangCb(code=code))
    kb.adjust(4)
    return kb.as_markup()


PREF_ITEMS = ("scopes", "name", "birthday", "interests", "timezone", "quiet", "cap", "language")


def preferences_keyboard(lang: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for item in PREF_ITEMS:
        kb.button(text=t(f"prefs.btn.{item}", lang), callback_data=NavCb(to=f"edit_{item}"))
    kb.adjust(2)
    return kb.as_markup()


def help_keyboard(lang: str) -> InlineKeyboardMarkup:
    """The buttons offered with help and with anything the bot did not understand."""
    kb = InlineKeyboardBuilder()
    kb.button(text=t("btn.preferences", lang), callback_data=NavCb(to="prefs"))
    kb.button(text=t("btn.mydata", lang), callback_data=NavCb(to="mydata"))
    kb.button(text=t("btn.stop_all", lang), callback_data=NavCb(to="stop"))
    kb.button(text=t("btn.help", lang), callback_data=NavCb(to="help"))
    kb.adjust(2)
    return kb.as_markup()


def confirm_keyboard(lang: str, step: str) -> InlineKeyboardMarkup:
    return step_keyboard(lang, step, [("yes", t("btn.yes", lang)), ("no", t("btn.no", lang))], skip=False)


def withdraw_button(lang: str, scope: str) -> InlineKeyboardButton:
    """The per-scope withdrawal button every delivered non-reply message carries."""
    return InlineKeyboardButton(text=t(f"scope.{scope}.stop_button", lang),
                                callback_data=ScopeCb(action="off", scope=scope, src="msg").pack())
