"""The preference steps, shared by onboarding and `/preferences`.

A step is asked with buttons (and, where free text makes sense, an FSM state);
when it is answered or skipped, `advance()` asks the next one of the queue
(onboarding) or shows the preferences again (editing one item).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import places
from bot.consent.scopes import KIND_SCOPE, SCOPES
from bot.dates import format_birthday
from bot.html_text import esc
from bot.keyboards import interests_keyboard, preferences_keyboard, scope_keyboard, step_keyboard
from bot.texts import t
from storage.models import Customer
from storage.queries import categories_chosen, granted_scopes

# The scopes that allow some kind of message (bot/consent/scopes.py defines them once): the
# steps that only matter for messages (name, time zone, quiet hours) ask when one is granted.
MESSAGING = frozenset(KIND_SCOPE.values())
TIMEZONE_CHOICES = ("Europe/Kyiv", "Europe/Warsaw", "Europe/London", "Europe/Berlin", "America/New_York", "UTC")
QUIET_CHOICES = {"22-08": (22 * 60, 8 * 60), "21-09": (21 * 60, 9 * 60), "23-07": (23 * 60, 7 * 60)}
CAP_CHOICES = (1, 2, 3, 5, 7)
NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’.-][^\W\d_]+)*$")
_ZONES_BY_LOWER = {}
AMBIGUOUS_SHOWN = 8  # cities named when a typed place has more zones


class Form(StatesGroup):
    name = State()
    birthday = State()
    timezone = State()
    quiet = State()


def display_name(customer: Customer) -> str:
    return customer.name or customer.first_name or ""


def valid_name(text: str) -> str | None:
    name = " ".join(text.split())
    if 1 <= len(name) <= 64 and NAME_RE.match(name):
        return name
    return None


# Typed at "May I call you Alex?" (or at "How shall I call you?"): a yes keeps the Telegram name, a no
# is not a name; anything else that looks like a name is the new name.
_NAME_YES = frozenset(
    "yes yeah yep sure ok okay fine так звісно добре гаразд ага да конечно хорошо ладно tak jasne dobrze okej".split()
)
_NAME_NO = frozenset("no nope ні не нет nie".split())


def typed_name(text: str) -> str | None:
    """A typed answer to the name step: the name, "" for a yes (keep the Telegram name), None otherwise."""
    word = text.strip().strip("!.,").casefold()
    if word in _NAME_YES:
        return ""
    if word in _NAME_NO:
        return None
    return valid_name(text)


@dataclass(frozen=True)
class Refusal:
    """A typed answer understood but not taken: `text` (ready to send) says why and what to type."""

    text: str


def parse_timezone(text: str, lang: str = "en") -> str | Refusal | None:
    """A city or country in any of the four languages ("Київ", "Warszawa", "New York", "Kiev"),
    an IANA name in any case, or a UTC offset such as `+2`, `UTC+3`, `GMT-5`. A place with more
    than one zone is refused with the cities to choose from (bot/places.py)."""
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
    found = places.find_zone(raw, lang)
    if found is None:
        return None
    if found.zone is not None:
        return found.zone
    cities = sorted({places.city_name(zone, lang) for zone in found.zones})
    shown = ", ".join(esc(c) for c in cities[:AMBIGUOUS_SHOWN]) + (", …" if len(cities) > AMBIGUOUS_SHOWN else "")
    return Refusal(t("timezone.ambiguous", lang, place=esc(raw[:64]), cities=shown))


# Quiet hours as people say them: "з 23 до 8", "from 11pm to 7am", "od 22 do 7", "с 22:00 до 08:00",
# "23-8", "22:30–07:00". Words for "from" and "to" in the four languages; "am"/"pm" and the words
# for morning and evening; units such as "h", "год", "ч", "godz." after a time.
_FROM = r"(?:from|between|з|із|зі|від|між|с|со|от|между|od|z|ze|między)"
_TO = r"(?:to|till|til|until|and|до|по|і|и|do|a|-)"
_UNIT = r"(?:\s*(?:h|hr|hrs|hours?|o['’]?clock|год(?:ин[аи]?)?|ч(?:ас(?:а|ов)?)?|godz(?:ina|iny)?)\.?)?"
_HALF = (
    r"(?:\s*(?P<{0}>am|a\.m\.|pm|p\.m\.|ранку|утра|вечора|вечера|rano|wieczorem|wieczór"
    r"|in the morning|in the evening|at night|ночі|ночи|w nocy))?"
)
_TIME = r"(?P<h{0}>\d{{1,2}})(?:[:.](?P<m{0}>\d{{2}}))?" + _UNIT + _HALF.format("half{0}")
_QUIET_RE = re.compile(
    rf"(?:{_FROM}\s+)?{_TIME.format(1)}\s*{_TO}\s*{_TIME.format(2)}",
    re.IGNORECASE,
)
_PM = {"pm", "p.m.", "вечора", "вечера", "wieczorem", "wieczór", "in the evening"}
_NIGHT = {"at night", "ночі", "ночи", "w nocy"}


def _clock(hours: str, minutes: str | None, half: str | None) -> int | None:
    """Minutes after midnight of one time said, or None when it is no time of day."""
    h, m = int(hours), int(minutes or 0)
    half = (half or "").lower()
    if half:
        if not 1 <= h <= 12:
            return None
        if half in _PM or (half in _NIGHT and h >= 9):
            h = h % 12 + 12
        elif h == 12:  # 12 am / 12 at night: midnight (12 in the morning is noon nobody says)
            h = 0
    if h > 23 or m > 59:
        return None
    return h * 60 + m


def parse_quiet(text: str) -> tuple[int, int] | None:
    """Quiet hours typed in any of the four languages, as (start, end) minutes after midnight."""
    cleaned = " ".join(text.replace("–", "-").replace("—", "-").split()).strip(" .!")
    match = _QUIET_RE.fullmatch(cleaned)
    if not match:
        return None
    start = _clock(match["h1"], match["m1"], match["half1"])
    end = _clock(match["h2"], match["m2"], match["half2"])
    if start is None or end is None or start == end:
        return None
    return start, end


def fmt_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# ---- the steps, declared ------------------------------------------------------------------------
#
# One declaration per step, in the order onboarding asks them (docs/dialogues.md draws it). `ask()`,
# the button handler and the typed-answer handler (bot/routers/customer.py) walk this table.

Options = Callable[[str], list[tuple[str, str]]]  # (lang) -> buttons as (value, label); a Skip button follows
Keyboard = Callable[[Customer, AsyncSession, str], Awaitable[InlineKeyboardMarkup]]


@dataclass(frozen=True)
class Reask:
    """A button that asks the step again for a typed answer: `text` (a key), then the step's state."""

    text: str
    buttons: bool  # with the step's (Skip) buttons


@dataclass(frozen=True)
class Step:
    name: str  # the `current` of the dialogue data and the `step` of its buttons (StepCb)
    needed_for: frozenset[str]  # granting any of these scopes puts it in onboarding; empty: /preferences only
    question: str | Callable[[str], str]  # a text key, or (lang) -> the text
    state: State | None = None  # the FSM state while asked: a typed answer is taken (`typed`)
    options: Options | None = None  # its buttons; None: `keyboard` builds them
    columns: int = 2
    keyboard: Keyboard | None = None
    # The customer's Telegram name is offered first (name): this question and these buttons instead; a name
    # typed there is taken all the same (the step's state is set).
    known: Callable[[Customer], str | None] | None = None
    known_question: str | None = None
    known_options: Callable[[str, str], list[tuple[str, str]]] | None = None
    # A press of one of its buttons: (customer, value, dialogue data, lang) -> the reply (saved), a Reask, or None
    # when the value is not one of its choices (an old button). "skip" is handled for every step.
    pressed: Callable[[Customer, str, dict, str], str | Reask | None] | None = None
    # A typed answer: parse (None: not understood), then save (returns the reply).
    parse: Callable[..., Any] | None = None
    parse_in_language: bool = False  # parse(text, lang) instead of parse(text)
    invalid: str | None = None  # text key when not understood
    invalid_buttons: bool = False  # the invalid reply carries the step's buttons again
    save: Callable[[Customer, Any, str], str] | None = None

    def read(self, text: str, lang: str) -> Any:
        """A typed answer as `save` takes it; None: not understood; a Refusal: understood, not taken."""
        if self.parse is None:
            return None
        return self.parse(text, lang) if self.parse_in_language else self.parse(text)


def _no_options(lang: str) -> list[tuple[str, str]]:
    return []


def _name_pressed(customer: Customer, value: str, data: dict, lang: str) -> str | Reask | None:
    if value == "keep" and customer.first_name:
        customer.name = customer.first_name[:64]
        return t("name.saved", lang, name=esc(customer.name))
    return Reask("name.ask", buttons=True) if value == "change" else None


def _name_saved(customer: Customer, name: str, lang: str) -> str:
    name = name or (customer.first_name or "")[:64]  # "": a yes to the Telegram name
    if not name:
        return t("step.skipped", lang)
    customer.name = name
    return t("name.saved", lang, name=esc(name))


def _birthday_pressed(customer: Customer, value: str, data: dict, lang: str) -> str | Reask | None:
    if value not in ("yes", "no", "keep") or not data.get("pending_birthday"):
        return None
    if value == "no":
        return Reask("birthday.reenter", buttons=False)
    if value == "keep":  # a change of a stored birthday declined (bot/routers/customer.py offer_birthday)
        if not customer.birthday_month or not customer.birthday_day:
            return None
        kept = format_birthday(customer.birthday_month, customer.birthday_day, customer.birthday_year, lang)
        return t("birthday.kept", lang, date=kept)
    month, day, year = data["pending_birthday"]
    customer.birthday_month, customer.birthday_day, customer.birthday_year = month, day, year
    return t("birthday.saved", lang, date=format_birthday(month, day, year, lang))


async def _interests_keyboard(customer: Customer, session: AsyncSession, lang: str) -> InlineKeyboardMarkup:
    cats, selected = await categories_chosen(session, customer_id=customer.id)
    return interests_keyboard(lang, cats, selected)


def _timezone_pressed(customer: Customer, value: str, data: dict, lang: str) -> str | None:
    if not (value.isdigit() and int(value) < len(TIMEZONE_CHOICES)):
        return None
    return _timezone_saved(customer, TIMEZONE_CHOICES[int(value)], lang)


def _timezone_saved(customer: Customer, zone: str, lang: str) -> str:
    customer.timezone = zone
    return t("timezone.saved", lang, zone=esc(places.zone_label(zone, lang)))


def _quiet_options(lang: str) -> list[tuple[str, str]]:
    options = [(key, f"{fmt_minutes(a)}–{fmt_minutes(b)}") for key, (a, b) in QUIET_CHOICES.items()]
    return [*options, ("none", t("quiet.none", lang))]


def _quiet_pressed(customer: Customer, value: str, data: dict, lang: str) -> str | None:
    if value == "none":
        customer.quiet_start, customer.quiet_end = None, None
        return t("quiet.saved_none", lang)
    if value not in QUIET_CHOICES:
        return None
    return _quiet_saved(customer, QUIET_CHOICES[value], lang)


def _quiet_saved(customer: Customer, quiet: tuple[int, int], lang: str) -> str:
    customer.quiet_start, customer.quiet_end = quiet
    return t("quiet.saved", lang, start=fmt_minutes(quiet[0]), end=fmt_minutes(quiet[1]))


def _cap_pressed(customer: Customer, value: str, data: dict, lang: str) -> str | None:
    if not (value.isdigit() and int(value) in CAP_CHOICES):
        return None
    customer.weekly_cap = int(value)
    return t("cap.saved", lang, n=customer.weekly_cap)


async def _scopes_keyboard(customer: Customer, session: AsyncSession, lang: str) -> InlineKeyboardMarkup:
    return scope_keyboard(lang, await granted_scopes(session, customer_id=customer.id), src="prefs", done="prefs")


async def _limits_keyboard(customer: Customer, session: AsyncSession, lang: str) -> InlineKeyboardMarkup:
    """The customer's own frequency limits (bot/routers/pause.py handles the presses), and Skip."""
    from bot.frequency import limit_keyboard
    from bot.keyboards import StepCb

    skip = InlineKeyboardButton(text=t("btn.skip", lang), callback_data=StepCb(step="limits", value="skip").pack())
    return InlineKeyboardMarkup(inline_keyboard=[*limit_keyboard(lang).inline_keyboard, [skip]])


async def _pause_keyboard(customer: Customer, session: AsyncSession, lang: str) -> InlineKeyboardMarkup:
    """A week, two weeks, a month; resume now while paused (bot/routers/pause.py), and Skip."""
    from bot.frequency import PauseCb, current_pause, pause_buttons
    from bot.keyboards import StepCb
    from storage.types import utcnow

    rows = [pause_buttons(lang, "p")]
    if await current_pause(session, customer_id=customer.id, now=utcnow()):
        rows.append([InlineKeyboardButton(text=t("pause.btn_resume", lang), callback_data=PauseCb(d=0, m="p").pack())])
    rows.append(
        [InlineKeyboardButton(text=t("btn.skip", lang), callback_data=StepCb(step="pause", value="skip").pack())]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def _language_keyboard(customer: Customer, session: AsyncSession, lang: str) -> InlineKeyboardMarkup:
    from bot.keyboards import language_keyboard

    return language_keyboard()


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "name",
            frozenset(MESSAGING),
            "name.ask",
            state=Form.name,
            options=_no_options,
            known=lambda c: c.first_name if c.first_name and not c.name else None,
            known_question="name.ask_confirm",
            known_options=lambda lang, name: [
                ("keep", t("name.keep", lang, name=name)),
                ("change", t("name.change", lang)),
            ],
            pressed=_name_pressed,
            parse=typed_name,
            invalid="name.invalid",
            invalid_buttons=True,
            save=_name_saved,
        ),
        # A typed birthday is confirmed first (bot/routers/customer.py offer_birthday): the yes/no buttons save it.
        Step(
            "birthday",
            frozenset({"birthday"}),
            "birthday.ask",
            state=Form.birthday,
            options=_no_options,
            pressed=_birthday_pressed,
        ),
        Step(
            "interests",
            frozenset({"samples", "offers"}),
            "interests.ask",
            keyboard=_interests_keyboard,
            pressed=lambda c, value, data, lang: t("interests.saved", lang) if value == "done" else None,
        ),
        Step(
            "timezone",
            frozenset(MESSAGING),
            "timezone.ask",
            state=Form.timezone,
            options=lambda lang: [(str(i), places.city_name(zone, lang)) for i, zone in enumerate(TIMEZONE_CHOICES)],
            pressed=_timezone_pressed,
            parse=parse_timezone,
            parse_in_language=True,
            invalid="timezone.invalid",
            save=_timezone_saved,
        ),
        Step(
            "quiet",
            frozenset(MESSAGING),
            "quiet.ask",
            state=Form.quiet,
            options=_quiet_options,
            pressed=_quiet_pressed,
            parse=parse_quiet,
            invalid="quiet.invalid",
            save=_quiet_saved,
        ),
        Step(
            "cap",
            frozenset({"samples", "feedback", "offers"}),
            "cap.ask",
            columns=3,
            options=lambda lang: [(str(n), t("cap.option", lang, n=n)) for n in CAP_CHOICES],
            pressed=_cap_pressed,
        ),
        # Asked from /preferences only; their buttons have handlers of their own (ScopeCb, LangCb).
        Step("scopes", frozenset(), lambda lang: scopes_text(lang), keyboard=_scopes_keyboard),
        Step("language", frozenset(), "language.ask", keyboard=_language_keyboard),
        # Frequency limits and a pause: /preferences only; their buttons are handled in bot/routers/pause.py.
        Step("limits", frozenset(), "freq.ask", keyboard=_limits_keyboard),
        Step("pause", frozenset(), "pause.ask", keyboard=_pause_keyboard),
    )
}
STEP_OF_STATE = {step.state.state: step for step in STEPS.values() if step.state is not None}


def steps_for(scopes: set[str]) -> list[str]:
    """Only what matters for the permissions granted is asked, in the table's order."""
    return [step.name for step in STEPS.values() if scopes & step.needed_for]


async def ask(
    bot: Bot,
    chat_id: int,
    step: str,
    customer: Customer,
    session: AsyncSession,
    state: FSMContext,
    *,
    typed: bool = False,
) -> None:
    """Ask `step`; `typed`: for a typed answer even where a known name would be offered first."""
    declared, lang = STEPS[step], customer.language
    await state.update_data(current=step)
    known = declared.known(customer) if declared.known is not None and not typed else None
    if known:
        await state.set_state(declared.state)  # a name typed instead of pressing is the new name
        # The button's label is plain text; the question is HTML: the name escaped there only.
        markup = step_keyboard(lang, step, declared.known_options(lang, known), columns=1)
        await bot.send_message(chat_id, t(declared.known_question, lang, name=esc(known)), reply_markup=markup)
        return
    await state.set_state(declared.state)
    if declared.keyboard is not None:
        markup = await declared.keyboard(customer, session, lang)
    else:
        markup = step_keyboard(lang, step, declared.options(lang), columns=declared.columns)
    text = declared.question(lang) if callable(declared.question) else t(declared.question, lang)
    await bot.send_message(chat_id, text, reply_markup=markup)


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
    birthday = (
        format_birthday(customer.birthday_month, customer.birthday_day, customer.birthday_year, lang)
        if customer.birthday_month
        else none
    )
    quiet = (
        f"{fmt_minutes(customer.quiet_start)}–{fmt_minutes(customer.quiet_end)}"
        if customer.quiet_start is not None
        else none
    )
    lines += [
        "",
        t("prefs.name", lang, value=escape(display_name(customer)) or none),
        t("prefs.birthday", lang, value=birthday),
        t("prefs.interests", lang, value=", ".join(chosen) or none),
        t("prefs.timezone", lang, value=esc(places.zone_label(customer.timezone, lang)) if customer.timezone else none),
        t("prefs.quiet", lang, value=quiet),
        t("prefs.cap", lang, value=customer.weekly_cap or none),
        t("prefs.language", lang, value=t("lang.name", lang)),
    ]
    from bot.frequency import preferences_lines
    from storage.types import utcnow

    lines += await preferences_lines(customer, session, utcnow())
    return "\n".join(lines)


async def show_preferences(bot: Bot, chat_id: int, customer: Customer, session: AsyncSession) -> None:
    await bot.send_message(
        chat_id, await preferences_text(customer, session), reply_markup=preferences_keyboard(customer.language)
    )


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
        await bot.edit_message_reply_markup(
            chat_id=query.message.chat.id, message_id=query.message.message_id, reply_markup=None
        )


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
