"""Turn an outbox row into the message the customer sees, at send time.

Rendering late means the customer's current language and name are used, and a
customer who erased their data (/forget) is never addressed with old details.
Every message carries response buttons, a row that pauses every message (a week, two weeks, a
month) and the withdrawal button of its scope.
Stored texts (names, products, perk codes, campaign texts) are escaped for HTML; button
labels are plain text and are not; a text that would be too long is cut between entities.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.consent.scopes import KIND_SCOPE
from bot.flow import display_name
from bot.frequency import pause_buttons
from bot.html_text import MAX_TEXT, cut_html, esc as escape
from bot.keyboards import NavCb, withdraw_button
from bot.texts import t
from storage.models import Customer, Outbox


class ReplyCb(CallbackData, prefix="rp"):
    """A response to a delivered message (recorded as an event)."""

    o: int  # outbox id
    a: str  # thanks | accept | rate
    r: int = 0  # rating


def render(row: Outbox, customer: Customer) -> tuple[str, InlineKeyboardMarkup]:
    lang = customer.language
    name = escape(display_name(customer))
    payload = row.payload
    buttons: list[list[InlineKeyboardButton]] = []
    if row.kind == "pause_end":  # the one note at the end of a pause: no scope of its own
        button = InlineKeyboardButton(text=t("btn.preferences", lang), callback_data=NavCb(to="prefs").pack())
        return t("pause.ended", lang), InlineKeyboardMarkup(inline_keyboard=[[button]])
    if row.kind == "birthday":
        text = t("birthday.greeting", lang, name=name)
        if payload.get("perk"):
            text += "\n" + t("birthday.perk", lang, code=escape(payload["perk"]))
        buttons.append(
            [
                InlineKeyboardButton(
                    text=t("birthday.thanks_button", lang), callback_data=ReplyCb(o=row.id, a="thanks").pack()
                )
            ]
        )
    elif row.kind == "sample":
        text = t(
            "sample.offer", lang, name=name, product=escape(payload["product"]), expires=escape(payload["expires"])
        )
        buttons.append(
            [
                InlineKeyboardButton(
                    text=t("sample.accept_button", lang), callback_data=ReplyCb(o=row.id, a="accept").pack()
                )
            ]
        )
    elif row.kind == "feedback":
        text = t("feedback.request", lang, name=name, product=escape(payload["product"]))
        buttons.append(
            [
                InlineKeyboardButton(text=f"{n} ⭐", callback_data=ReplyCb(o=row.id, a="rate", r=n).pack())
                for n in range(1, 6)
            ]
        )
    elif row.kind == "campaign":
        text = escape(payload["text"])
        buttons.append(
            [
                InlineKeyboardButton(
                    text=payload.get("button") or t("birthday.thanks_button", lang),
                    callback_data=ReplyCb(o=row.id, a="respond").pack(),
                )
            ]
        )
    else:
        raise ValueError(f"unknown outbox kind {row.kind!r}")
    buttons.append(pause_buttons(lang, "b"))
    buttons.append([withdraw_button(lang, KIND_SCOPE[row.kind])])
    return cut_html(text, MAX_TEXT), InlineKeyboardMarkup(inline_keyboard=buttons)
