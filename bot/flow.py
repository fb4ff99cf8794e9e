"""The preference steps, shared by onboarding and `/preferences`.

A step is asked with buttons (and, where free text makes sense, an FSM state);
when it is answered or skipped, `advance()` asks the next one of the queue
(onboarding) or shows the preferences again (editing one item).
"""
from __future__ import annotations

import re
from zoneinfo import ZoneInfo, available_timezones

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent.scopes import SCOPES
from bot.dates import format_birthday
from bot.html_text import esc
from bot.keyboards import interests_keyboard, preferences_keyboard, scope_keyboard, step_keyboard
from bot.texts import t
from storage.models import Customer
from storage.queries import categories_chosen, granted_scopes

MESSAGING = {"birthday", "samples", "feedback", "offers"}
TIMEZONE_CHOICES = ("Europe/Kyiv", "Europe/Warsaw", "Europe/London", "Europe/Berlin", "America/New_York", "UTC")
QUIET_CHOICES = {"22-08": (22 * 60, 8 * 60), "21-09": (21 * 60, 9 * 60), "23-07": (23 * 60, 7 * 60)}
CAP_CHOICES = (1, 2, 3, 5, 7)
NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’.-][^\W\d_]+)*$")
_ZONES_BY_LOWER = {}


class Form(StatesGroup):
    name = State()
    birthday = State()
    timezone = State()
    quiet = State()


def steps_for(scopes: set[str]) -> list[str]:
    """Only what matters for the permissions granted is asked."""
    steps: list[str] = []
    if scopes & MESSAGING:
        steps.append("name")
    if "birthday" in scopes:
        steps.append("birthday")
    if scopes & {"samples", "offers"}:
        steps.append("interests")
    if scopes & MESSAGING:
        steps += ["timezone", "quiet"]
    if scopes & {"samples", "feedback", "offers"}:
        steps.append("cap")
    return steps


def display_name(customer: Customer) -> str:
    return customer.name or customer.first_name or ""


def valid_name(text: str) -> str | None:
    name = " ".join(text.split())
    if 1 <= len(name) <= 64 and NAME_RE.match(name):
        return name
    return None


def parse_timezone(text: str) -> str | None:
    """An IANA name in any case, or a UTC offset such as `+2`, `UTC+3`, `GMT-5`."""
    raw = text.strip()
    if not _ZONES_BY_LOWER:
        _ZONES_BY_LOWER.update({z.lower(): z for z in available_timezones()})
    name = _ZONES_BY_LOWER.get(raw.lower().replace(" ", "_"))
    if name:
        return name
    match = re.fullmatch(r"(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::00)?", raw.lower())
    if match:
        hours = int(match.group(2))
        if hours == 0:
            return "UTC"
        # POSIX Etc/ zones have inverted signs: UTC+2 is Etc/GMT-2. Only the zones that exist:
        # Etc/GMT-14 (UTC+14) to Etc/GMT+12 (UTC-12); there is no UTC-13 or UTC-14.
        name = f"Etc/GMT{'-' if match.group(1) == '+' else '+'}{hours}"
        if name.lower() in _ZONES_BY_LOWER:
            return name
    return None


def parse_quiet(text: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"\s*(\d{1,2})(?:[:.](\d{2}))?\s*[-–—]\s*(\d{1,2})(?:[:.](\d{2}))?\s*", text)
    if not match:
        return None
    h1, m1, h2, m2 = (int(g) if g else 0 for g in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        return None
    start, end = h1 * 60 + m1, h2 * 60 + m2
    return (start, end) if start != end else None


def fmt_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


async def ask(bot: Bot, chat_id: int, step: str, customer: Customer, session: AsyncSession,
              state: FSMContext) -> None:
    lang = customer.language
    await state.update_data(current=step)
    if step == "name":
        if customer.first_name and not customer.name:
            await state.set_state(None)
            # The button's label is plain text; the question is HTML: the name escaped there only.
            markup = step_keyboard(lang, "name", [("keep", t("name.keep", lang, name=customer.first_name)),
                                                  ("change", t("name.change", lang))], columns=1)
            await bot.send_message(chat_id, t("name.ask_confirm", lang, name=esc(customer.first_name)),
                                   reply_markup=markup)
        else:
            await state.set_state(Form.name)
            await bot.send_message(chat_id, t("name.ask", lang), reply_markup=step_keyboard(lang, "name", []))
    elif step == "birthday":
        await state.set_state(Form.birthday)
        await bot.send_message(chat_id, t("birthday.ask", lang), reply_markup=step_keyboard(lang, "birthday", []))
    elif step == "interests":
        await state.set_state(None)
        cats, selected = await categories_chosen(session, customer_id=customer.id)
        await bot.send_message(chat_id, t("interests.ask", lang), reply_markup=interests_keyboard(lang, cats, selected))
    elif step == "timezone":
        await state.set_state(Form.timezone)
        options = [(str(i), zone) for i, zone in enumerate(TIMEZONE_CHOICES)]
        await bot.send_message(chat_id, t("timezone.ask", lang), reply_markup=step_keyboard(lang, "timezone", options))
    elif step == "quiet":
        await state.set_state(Form.quiet)
        options = [(key, f"{fmt_minutes(a)}–{fmt_minutes(b)}") for key, (a, b) in QUIET_CHOICES.items()]
        options.append(("none", t("quiet.none", lang)))
        await bot.send_message(chat_id, t("quiet.ask", lang), reply_markup=step_keyboard(lang, "quiet", options))
    elif step == "cap":
        await state.set_state(None)
        options = [(str(n), t("cap.option", lang, n=n)) for n in CAP_CHOICES]
        await bot.send_message(chat_id, t("cap.ask", lang), reply_markup=step_keyboard(lang, "cap", options, columns=3))
    elif step == "scopes":
        await state.set_state(None)
        granted = await granted_scopes(session, customer_id=customer.id)
        await bot.send_message(chat_id, scopes_text(lang), reply_markup=scope_keyboard(lang, granted, src="prefs",
                                                                                       done="prefs"))
    elif step == "language":
        from bot.keyboards import language_keyboard
        await state.set_state(None)
        await bot.send_message(chat_id, t("language.ask", lang), reply_markup=language_keyboard())


async def advance(bot: Bot, chat_id: int, customer: Customer, session: AsyncSession, state: FSMContext) -> None:
    """The current step is finished: ask the next one, or close the flow."""
    data = await state.get_data()
    queue = list(data.get("queue", []))
    if data.get("flow") == "onboarding" and queue:
        step = queue.pop(0)
        await state.update_data(queue=queue)
        await ask(bot, chat_id, step, customer, session, state)
        return
    flow = data.get("flow")
    await state.clear()
    if flow == "onboarding":
        await bot.send_message(chat_id, t("onboarding.done", customer.language))
    await show_preferences(bot, chat_id, customer, session)


def scopes_text(lang: str) -> str:
    lines = [t("consent.intro", lang), ""]
    for scope in SCOPES:
        lines.append(f"• <b>{t(f'scope.{scope}.button', lang)}</b>: {t(f'scope.{scope}.desc', lang)}")
    lines += ["", t("consent.outro", lang)]
    return "\n".join(lines)


async def preferences_text(customer: Customer, session: AsyncSession) -> str:
    lang = customer.language
    granted = await granted_scopes(session, customer_id=customer.id)
    none = t("prefs.not_set", lang)
    lines = [t("prefs.title", lang), ""]
    for scope in SCOPES:
        mark = "✅" if scope in granted else "—"
        lines.append(f"{mark} {t(f'scope.{scope}.button', lang)}")
    every, selected = await categories_chosen(session, customer_id=customer.id, active_only=False)
    chosen = [esc(c.names.get(lang) or c.slug) for c in every if c.id in selected]
    birthday = (format_birthday(customer.birthday_month, customer.birthday_day, customer.birthday_year, lang)
                if customer.birthday_month else none)
    quiet = (f"{fmt_minutes(customer.quiet_start)}–{fmt_minutes(customer.quiet_end)}"
             if customer.quiet_start is not None else none)
    lines += [
        "",
        t("prefs.name", lang, value=escape(display_name(customer)) or none),
        t("prefs.birthday", lang, value=birthday),
        t("prefs.interests", lang, value=", ".join(chosen) or none),
        t("prefs.timezone", lang, value=customer.timezone or none),
        t("prefs.quiet", lang, value=quiet),
        t("prefs.cap", lang, value=customer.weekly_cap or none),
        t("prefs.language", lang, value=t("lang.name", lang)),
    ]
    return "\n".join(lines)


async def show_preferences(bot: Bot, chat_id: int, customer: Customer, session: AsyncSession) -> None:
    await bot.send_message(chat_id, await preferences_text(customer, session),
                           reply_markup=preferences_keyboard(customer.language))


escape = esc  # the older name, still imported by other modules


def shown_message(query: CallbackQuery) -> Message | None:
    """The message under a pressed button, or None when Telegram sent it as an
    InaccessibleMessage (date 0: deleted, or too old to be shown to the bot): nothing to edit."""
    message = query.message
    return message if isinstance(message, Message) else None


async def drop_buttons(bot: Bot, query: CallbackQuery) -> None:
    """Remove the buttons under the pressed message. An inaccessible message is still asked by
    its id (it may only be too old); when it is gone, the failed edit is logged after the
    commit and the update goes on (bot/replies.py)."""
    message = shown_message(query)
    if message is not None:
        if message.reply_markup is not None:
            await message.edit_reply_markup(reply_markup=None)
    elif query.message is not None:
        await bot.edit_message_reply_markup(chat_id=query.message.chat.id, message_id=query.message.message_id,
                                            reply_markup=None)


async def replace_buttons(bot: Bot, query: CallbackQuery, markup: InlineKeyboardMarkup, text: str) -> None:
    """Show `markup` under the pressed message; when Telegram no longer shows that message to
    the bot, send `text` with `markup` as a fresh message (the customer still sees the result)."""
    message = shown_message(query)
    if message is not None:
        if message.reply_markup != markup:
            await message.edit_reply_markup(reply_markup=markup)
        return
    if query.message is not None:
        await bot.send_message(query.message.chat.id, text, reply_markup=markup)


def zone_ok(name: str) -> bool:
    try:
        ZoneInfo(name)
        return True
    except Exception:  # noqa: BLE001 - any failure means not a usable zone
        return False
