"""The customer conversation: /start, the permission step, preferences."""

from __future__ import annotations

import re

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow, linking
from bot.config import Settings
from bot.consent.keywords import Parse
from bot.consent.ledger import record_consent
from bot.consent.scopes import LANGUAGES, SCOPES
from bot.dates import BirthdayResult, format_birthday, parse_birthday
from bot.flow import Form
from bot.html_text import MAX_TEXT, visible_length
from bot.keyboards import (
    PREF_ITEMS,
    InterestCb,
    LangCb,
    LegacyScopeCb,
    NavCb,
    ScopeCb,
    StepCb,
    confirm_keyboard,
    interests_keyboard,
    scope_keyboard,
)
from bot.routers import Routes
from bot.texts import SCOPE_TEXT_VERSION, scope_wording, t
from storage.models import Category, Customer
from storage.queries import categories_chosen, granted_scopes, record_referral, toggle_interest
from storage.types import utcnow

routes = Routes()
routes.message.filter(F.chat.type == "private")


@routes.message(CommandStart())
async def start(
    message: Message,
    command: CommandObject,
    customer: Customer,
    session: AsyncSession,
    state: FSMContext,
    settings: Settings,
    new_customer: bool = False,
) -> None:
    await state.clear()
    payload = (command.args or "").strip()
    if payload.startswith("ref_") and new_customer:
        await record_referral(session, friend=customer, code=payload[4:64])
    lang = customer.language
    if payload.startswith(linking.PREFIX):
        # A shop's link (bot/linking.py): links the chat to the shop's customer id, grants nothing.
        outcome = await linking.redeem(session, settings, customer=customer, parameter=payload)
        await message.answer(t(f"link.{outcome}", lang))
    granted = await granted_scopes(session, customer_id=customer.id)
    await message.answer(t("start.welcome", lang, name=flow.escape(flow.display_name(customer))))
    await message.answer(flow.scopes_text(lang), reply_markup=scope_keyboard(lang, granted))


def shown_language(query: CallbackQuery, callback_data: ScopeCb | LegacyScopeCb, scope: str, fallback: str) -> str:
    """The language of the button pressed and of the message it is under: carried in the button's
    data; for buttons sent before that, recognised in the message's text; else `fallback`."""
    lang = getattr(callback_data, "l", "")
    if lang in LANGUAGES:
        return lang
    message = flow.shown_message(query)
    text = (message.text or message.caption or "") if message is not None else ""
    for code in LANGUAGES:
        if text and (t(f"scope.{scope}.desc", code) in text or t(f"scope.{scope}.button", code) in text):
            return code
    return fallback


@routes.callback_query(ScopeCb.filter())
@routes.callback_query(LegacyScopeCb.filter())
async def scope_pressed(
    query: CallbackQuery,
    callback_data: ScopeCb | LegacyScopeCb,
    customer: Customer,
    session: AsyncSession,
    bot: Bot,
    state: FSMContext,
) -> None:
    lang = customer.language
    scope, grant = callback_data.scope, callback_data.action == "on"
    if (
        scope not in SCOPES
        or callback_data.action not in ("on", "off")
        or query.message is None
        or (grant and callback_data.v != SCOPE_TEXT_VERSION)
    ):
        await query.answer(t("error.expired", lang), show_alert=True)
        return
    if grant and customer.forgotten_at is not None:
        customer.forgotten_at = None  # coming back after /forget: a fresh, explicit start
    # The evidence is the wording the customer saw: the language of the keyboard pressed, which
    # may differ from the customer's language now (changed with /language since it was shown).
    seen = shown_language(query, callback_data, scope, lang)
    event = await record_consent(
        session,
        customer=customer,
        scope=scope,
        grant=grant,
        method="button",
        message_id=query.message.message_id,
        text_id=f"scope.{scope}.desc@v{callback_data.v}",
        wording=scope_wording(scope, seen),
        language=seen,
    )
    key = (
        ("scope.granted" if grant else "scope.withdrawn")
        if event
        else ("scope.already_on" if grant else "scope.already_off")
    )
    await query.answer(t(key, lang, scope=t(f"scope.{scope}.button", lang)))
    if callback_data.src in ("consent", "prefs"):
        granted = await granted_scopes(session, customer_id=customer.id)
        done = "scopes_done" if callback_data.src == "consent" else "prefs"
        if flow.shown_message(query) is not None:
            # The keyboard under the message shows the state now (also when the press changed
            # nothing, because another message or /stop changed it): edited only if it differs.
            await flow.replace_buttons(bot, query, scope_keyboard(seen, granted, src=callback_data.src, done=done), "")
        elif event:  # the message was deleted or is too old to edit: the new state in a message of its own
            await bot.send_message(
                customer.id,
                flow.scopes_text(lang),
                reply_markup=scope_keyboard(lang, granted, src=callback_data.src, done=done),
            )
    elif event and grant:  # confirmed what the customer asked for in words
        await bot.send_message(customer.id, t("scope.granted", lang, scope=t(f"scope.{scope}.button", lang)))
    elif event:  # a withdrawal button on a delivered message: confirm in words
        await bot.send_message(customer.id, t("scope.withdrawn_msg", lang, scope=t(f"scope.{scope}.button", lang)))
    pending = birthday_of_button(callback_data.src) if grant and scope == "birthday" else None
    if pending is not None:  # the birthday typed without the scope: now granted, the date to confirm
        await flow.drop_buttons(bot, query)
        await offer_birthday(bot, customer, session, state, pending)


@routes.callback_query(NavCb.filter(F.to == "scopes_done"))
async def scopes_done(
    query: CallbackQuery, customer: Customer, session: AsyncSession, state: FSMContext, bot: Bot
) -> None:
    lang = customer.language
    await query.answer()
    await flow.drop_buttons(bot, query)
    granted = await granted_scopes(session, customer_id=customer.id)
    if not granted:
        await state.clear()
        await bot.send_message(customer.id, t("consent.none", lang))
        return
    steps = flow.steps_for(granted)
    await bot.send_message(
        customer.id,
        t("consent.thanks", lang, scopes=", ".join(t(f"scope.{s}.button", lang) for s in SCOPES if s in granted)),
    )
    if not steps:
        await state.clear()
        await bot.send_message(customer.id, t("onboarding.done", lang))
        return
    await state.set_data({"flow": "onboarding", "queue": steps[1:]})
    await flow.ask(bot, customer.id, steps[0], customer, session, state)


@routes.message(Command("preferences", "settings"))
async def preferences(message: Message, customer: Customer, session: AsyncSession, state: FSMContext) -> None:
    await state.clear()
    await flow.show_preferences(message.bot, customer.id, customer, session)


@routes.callback_query(NavCb.filter(F.to == "prefs"))
async def preferences_button(
    query: CallbackQuery, customer: Customer, session: AsyncSession, state: FSMContext, bot: Bot
) -> None:
    await query.answer()
    await state.clear()
    await flow.show_preferences(bot, customer.id, customer, session)


@routes.callback_query(NavCb.filter(F.to.startswith("edit_")))
async def edit_item(
    query: CallbackQuery, callback_data: NavCb, customer: Customer, session: AsyncSession, state: FSMContext, bot: Bot
) -> None:
    item = callback_data.to.removeprefix("edit_")
    if item not in PREF_ITEMS:
        await query.answer(t("error.expired", customer.language), show_alert=True)
        return
    await query.answer()
    await state.set_data({"flow": "prefs", "queue": []})
    # Editing the name asks for it typed (no offer of the Telegram name).
    await flow.ask(bot, customer.id, item, customer, session, state, typed=item == "name")


async def _current(state: FSMContext) -> str | None:
    return (await state.get_data()).get("current")


@routes.callback_query(StepCb.filter())
async def step_pressed(
    query: CallbackQuery, callback_data: StepCb, customer: Customer, session: AsyncSession, state: FSMContext, bot: Bot
) -> None:
    lang = customer.language
    step, value = callback_data.step, callback_data.value
    data = await state.get_data()
    if data.get("current") != step:
        await query.answer(t("error.expired", lang), show_alert=True)
        return
    declared = flow.STEPS.get(step)
    if (
        step == "birthday"
        and value == "yes"
        and data.get("pending_birthday")
        and "birthday" not in await granted_scopes(session, customer_id=customer.id)
    ):  # withdrawn since the question: nothing is stored, the scope's button is offered again
        await query.answer()
        await flow.drop_buttons(bot, query)
        await offer_birthday(bot, customer, session, state, tuple(data["pending_birthday"]))
        return
    if value == "skip":
        outcome: str | flow.Reask | None = t("step.skipped", lang)
    else:
        outcome = declared.pressed(customer, value, data, lang) if declared and declared.pressed else None
    if isinstance(outcome, flow.Reask):  # asked again, for a typed answer
        await state.set_state(declared.state)
        if "pending_birthday" in data:
            await state.update_data(pending_birthday=None)
        await query.answer()
        await bot.send_message(
            customer.id,
            t(outcome.text, lang),
            reply_markup=flow.step_keyboard(lang, step, []) if outcome.buttons else None,
        )
        return
    done = outcome is not None
    reply = outcome if outcome is not None else t("error.expired", lang)
    await query.answer(reply if not done else None)
    if not done:
        return
    # The question keeps its text and gains the answer, losing its buttons: one edit instead of
    # removing the buttons and sending the answer as a message of its own.
    question = flow.shown_message(query)
    if (
        question is not None
        and question.text
        and visible_length(question.html_text) + 2 + visible_length(reply) <= MAX_TEXT
    ):
        await question.edit_text(f"{question.html_text}\n\n{reply}", reply_markup=None)
    else:  # deleted or too old for Telegram to show it (InaccessibleMessage), or not a text message
        await flow.drop_buttons(bot, query)
        await bot.send_message(customer.id, reply)
    await state.update_data(current=None, pending_birthday=None)
    await flow.advance(bot, customer.id, customer, session, state)


@routes.callback_query(InterestCb.filter())
async def interest_pressed(
    query: CallbackQuery, callback_data: InterestCb, customer: Customer, session: AsyncSession, bot: Bot
) -> None:
    lang = customer.language
    cat = await session.get(Category, callback_data.cat)
    if cat is None or not cat.active or query.message is None:
        await query.answer(t("error.expired", lang), show_alert=True)
        return
    await toggle_interest(session, customer_id=customer.id, category_id=cat.id)
    await session.flush()
    cats, selected = await categories_chosen(session, customer_id=customer.id)
    await query.answer()
    await flow.replace_buttons(bot, query, interests_keyboard(lang, cats, selected), t("interests.ask", lang))


@routes.callback_query(LangCb.filter())
async def language_pressed(
    query: CallbackQuery, callback_data: LangCb, customer: Customer, session: AsyncSession, state: FSMContext, bot: Bot
) -> None:
    if callback_data.code not in LANGUAGES:
        await query.answer(t("error.expired", customer.language), show_alert=True)
        return
    customer.language = callback_data.code
    await query.answer(t("language.saved", customer.language))
    await state.clear()
    await flow.show_preferences(bot, customer.id, customer, session)


@routes.message(Command("language"))
async def language_command(message: Message, customer: Customer, session: AsyncSession, state: FSMContext) -> None:
    await state.set_data({"flow": "prefs"})
    await flow.ask(message.bot, customer.id, "language", customer, session, state)


# ---- free-text answers to the step being asked -------------------------------------------------


@routes.message(StateFilter(Form.birthday), F.text, ~F.text.startswith("/"))
async def birthday_typed(
    message: Message, customer: Customer, session: AsyncSession, state: FSMContext, parse: Parse | None = None
) -> None:
    entity = parse.entities.get("date") if parse is not None else None
    result = read_birthday(message.text, customer.language, entity)
    await answer_birthday(message, customer, session, state, result)


def read_birthday(text: str, lang: str, entity: str | None = None) -> BirthdayResult:
    """A birthday in the customer's words (alone or in a sentence, bot/dates.py); when they are
    not read, the NLU's `date` entity, if it is a piece of those words (never a date not typed)."""
    today = utcnow().date()
    result = parse_birthday(text, lang, today=today)
    if not result.ok and entity and entity.strip() and entity.casefold() in text.casefold():
        from_entity = parse_birthday(entity, lang, today=today)
        if from_entity.ok:
            return from_entity
    return result


async def answer_birthday(
    message: Message, customer: Customer, session: AsyncSession, state: FSMContext, result: BirthdayResult
) -> None:
    """A stated birthday: why it was not read, or the question to confirm it (nothing is stored yet)."""
    lang = customer.language
    if not result.ok:
        await message.answer(
            t(f"birthday.error.{result.error}", lang) + "\n" + t("birthday.ask", lang),
            reply_markup=flow.step_keyboard(lang, "birthday", []),
        )
        return
    await offer_birthday(message.bot, customer, session, state, (result.month, result.day, result.year))


async def offer_birthday(
    bot: Bot, customer: Customer, session: AsyncSession, state: FSMContext, date: tuple[int, int, int | None]
) -> None:
    """Ask to confirm `date` (month, day, year or None) with Yes/No buttons; the Yes button stores it
    (bot/flow.py). A different birthday stored already: the question names both dates. Without the
    `birthday` scope nothing is kept, not even for the question: the scope's button is offered, and
    the date travels in that button's data, to be confirmed once the scope is granted."""
    lang = customer.language
    month, day, year = date
    shown = format_birthday(month, day, year, lang)
    if "birthday" not in await granted_scopes(session, customer_id=customer.id):
        await state.update_data(pending_birthday=None)
        await bot.send_message(
            customer.id,
            t(
                "birthday.needs_scope",
                lang,
                date=shown,
                scope=t("scope.birthday.button", lang),
                desc=t("scope.birthday.desc", lang),
            ),
            reply_markup=birthday_scope_keyboard(lang, date),
        )
        return
    await state.update_data(pending_birthday=[month, day, year], current="birthday")
    await state.set_state(None)
    stored = (customer.birthday_month, customer.birthday_day, customer.birthday_year)
    if customer.birthday_month and customer.birthday_day and stored != (month, day, year):
        old = format_birthday(customer.birthday_month, customer.birthday_day, customer.birthday_year, lang)
        text = t("birthday.change_confirm", lang, old=old, date=shown)
        options = [
            ("yes", t("birthday.change_yes", lang, date=shown)),
            ("keep", t("birthday.change_keep", lang, old=old)),
        ]
        markup = flow.step_keyboard(lang, "birthday", options, skip=False, columns=1)
    else:
        text, markup = t("birthday.confirm", lang, date=shown), confirm_keyboard(lang, "birthday")
    await bot.send_message(customer.id, text, reply_markup=markup)


_BIRTHDAY_BUTTON = re.compile(r"bd([0-9]{2})([0-9]{2})([0-9]{4})?")


def birthday_scope_keyboard(lang: str, date: tuple[int, int, int | None]) -> InlineKeyboardMarkup:
    """The birthday scope's consent button (a grant by button, as on the permission step) carrying
    the date typed: `sc:on:birthday:1:bd05041991:en` (< 64 bytes)."""
    month, day, year = date
    src = f"bd{month:02d}{day:02d}{year or ''}"
    data = ScopeCb(action="on", scope="birthday", v=SCOPE_TEXT_VERSION, src=src, l=lang)
    button = InlineKeyboardButton(text="✅ " + t("scope.birthday.button", lang), callback_data=data.pack())
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


def birthday_of_button(src: str) -> tuple[int, int, int | None] | None:
    """The date a birthday scope button carries, checked again as a typed date (a forged one is no date)."""
    found = _BIRTHDAY_BUTTON.fullmatch(src)
    if found is None:
        return None
    month, day, year = found.groups()
    text = f"{year}-{month}-{day}" if year else f"{day}.{month}"
    result = parse_birthday(text, "en", today=utcnow().date())
    return (result.month, result.day, result.year) if result.ok else None


@routes.message(StateFilter(*(s.state for s in flow.STEPS.values() if s.parse)), F.text, ~F.text.startswith("/"))
async def step_typed(message: Message, customer: Customer, session: AsyncSession, state: FSMContext) -> None:
    """A typed answer to the step asked (its declaration in bot/flow.py says how it is read and saved)."""
    lang = customer.language
    declared = flow.STEP_OF_STATE[await state.get_state()]
    value = declared.read(message.text, lang)
    if value is None or isinstance(value, flow.Refusal):
        await message.answer(
            value.text if value is not None else t(declared.invalid, lang),
            reply_markup=flow.step_keyboard(lang, declared.name, []) if declared.invalid_buttons else None,
        )
        return
    await message.answer(declared.save(customer, value, lang))
    await state.update_data(current=None)
    await flow.advance(message.bot, customer.id, customer, session, state)


@routes.message(StateFilter(*flow.STEP_OF_STATE), ~F.text)
async def step_needs_text(message: Message, customer: Customer) -> None:
    await message.answer(t("error.need_text", customer.language))


def build_router() -> Router:
    """A new Router with this module's handlers (bot/app.py includes it)."""
    return routes.build(name=__name__)
