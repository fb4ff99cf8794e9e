"""Turn an outbox row into the message the customer sees, at send time.

Rendering late means the customer's current language and name are used, and a
customer who erased their data (/forget) is never addressed with old details.
Every message carries response buttons, a row that pauses every message (a week, two weeks, a
month) and the withdrawal button of its scope.
Stored texts (names, products, perk codes, campaign texts) are escaped for HTML; button
labels are plain text and are not; a text that would be too long is cut between entities.
"""

from __future__ import annotations

from datetime import date

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.consent.scopes import scope_of
from bot.dates import format_birthday
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
            if payload.get("until"):  # a /gift window: the perk's last day
                text += " " + t("gift.valid_until", lang, date=_day(payload["until"], lang))
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
    elif row.kind in ("gift", "gift_reminder"):  # bot/gifts.py: the perk before the birthday, its reminder
        key = "gift.announce" if row.kind == "gift" else "gift.reminder"
        text = t(key, lang, name=name, code=escape(payload["perk"]), date=_day(payload["until"], lang))
        buttons.append(
            [
                InlineKeyboardButton(
                    text=t("birthday.thanks_button", lang), callback_data=ReplyCb(o=row.id, a="thanks").pack()
                )
            ]
        )
    elif row.kind == "sequence":  # a step of a sequence (bot/sequences.py): a catalog text, or staff's
        text = t(payload["text_id"], lang, name=name) if payload.get("text_id") else escape(payload["text"])
        buttons.append(
            [InlineKeyboardButton(text=t("sequence.button", lang), callback_data=ReplyCb(o=row.id, a="respond").pack())]
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
    scope = scope_of(row.kind, payload)
    if scope is None:  # never sent: the sender drops a row without a scope before rendering it
        raise ValueError(f"outbox row {row.id} has no scope")
    buttons.append([withdraw_button(lang, scope)])
    return cut_html(text, MAX_TEXT), InlineKeyboardMarkup(inline_keyboard=buttons)


def _day(iso: str, lang: str) -> str:
    """A stored ISO date as the customer reads it ("12 May")."""
    day = date.fromisoformat(iso)
    return format_birthday(day.month, day.day, None, lang)
