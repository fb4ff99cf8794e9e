"""Anything else: free text (understood by NLU when it runs), non-text messages, stale buttons.

This router is included last. Free text never grants a permission by itself
(rule 1); a withdrawal in words takes effect at once (rule 2): bot/routers/words.py reads
every text once before any router, acts on withdrawals there, and hands its parse on here.
"""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow
from bot.consent.keywords import scope_from_text
from bot.consent.scopes import SCOPES
from bot.consent.withdrawal import MAX_TEXT, WITHDRAWALS, recognise
from bot.dates import AMBIGUOUS, FUTURE, IMPOSSIBLE, TOO_OLD, mentions_birthday
from bot.keyboards import confirm_scope_keyboard, help_keyboard
from bot.routers import Routes, words
from bot.routers.customer import answer_birthday, read_birthday
from bot.routers.rights import send_my_data
from bot.texts import t
from storage.models import Customer, Feedback
from storage.queries import (
    categories,
    granted_scopes,
    interest_ids,
    toggle_interest,
)

log = logging.getLogger(__name__)
routes = Routes()
routes.message.filter(F.chat.type == "private")

NOT_READ = object()
# A sentence about one's birthday with one of these errors had a date in it: the error is the answer.
DATE_ERRORS = (IMPOSSIBLE, FUTURE, TOO_OLD, AMBIGUOUS)


@routes.message(F.text)
async def free_text(
    message: Message,
    customer: Customer,
    session: AsyncSession,
    state: FSMContext,
    nlu=None,
    parse=NOT_READ,
    raw_state: str | None = None,
    settings=None,
) -> None:
    lang = customer.language
    text = message.text
    if len(text) > MAX_TEXT or not text.strip():
        await message.answer(
            t("fallback.too_long" if text.strip() else "fallback.unknown", lang), reply_markup=help_keyboard(lang)
        )
        return
    if text.startswith("/"):
        # Unknown commands get the same reply as unknown text: nothing reveals staff commands.
        await message.answer(t("fallback.unknown", lang), reply_markup=help_keyboard(lang))
        return
    if parse is NOT_READ:  # read once before every router (bot/routers/words.py); not read there: read now
        parse = await recognise(text, nlu)
    intent = parse.intent if parse else None
    entities = parse.entities if parse else {}
    bot = message.bot
    if intent in WITHDRAWALS:
        # Normally acted on before any router (bot/routers/words.py); here when that did not run.
        await words.act(message, parse, customer, session, state, raw_state)
        return
    if intent == "give_birthday" or (intent != "ask_my_data" and mentions_birthday(text)):
        # "my birthday is actually on the 5th of May": a date, whatever else the model read in it
        # (the word "birthday" alone reads as asking for birthday greetings). Confirmed by button,
        # and offered as a change when another birthday is stored; without the scope, its button.
        result = read_birthday(text, lang, entities.get("date"))
        if intent == "give_birthday" or result.ok or result.error in DATE_ERRORS:
            await answer_birthday(message, customer, session, state, result)
            return
    if intent == "opt_in":
        scope = entities.get("scope") or scope_from_text(text)
        granted = await granted_scopes(session, customer_id=customer.id)
        if scope in SCOPES and scope not in granted:
            await message.answer(
                t("optin.confirm", lang, scope=t(f"scope.{scope}.button", lang), desc=t(f"scope.{scope}.desc", lang)),
                reply_markup=confirm_scope_keyboard(lang, scope),
            )
        elif scope in granted:
            await message.answer(t("scope.already_on", lang, scope=t(f"scope.{scope}.button", lang)))
        else:
            from bot.keyboards import scope_keyboard

            await message.answer(
                flow.scopes_text(lang), reply_markup=scope_keyboard(lang, granted, src="prefs", done="prefs")
            )
        return
    if intent == "ask_my_data":
        await send_my_data(bot, customer, session, settings=settings, state=state)
        return
    if intent in ("help",):
        await message.answer(t("help.text", lang), reply_markup=help_keyboard(lang))
        return
    if intent in ("greet", "goodbye", "thanks"):
        await message.answer(t(f"smalltalk.{intent}", lang, name=flow.escape(flow.display_name(customer))))
        return
    if intent == "give_name" and entities.get("name"):
        name = flow.valid_name(entities["name"])
        if name:
            customer.name = name
            await message.answer(t("name.saved", lang, name=flow.escape(name)))
            return
    if intent == "set_interest" and entities.get("interest"):
        wanted = entities["interest"].strip().lower()
        for category in await categories(session):
            names = {category.slug.lower(), *(n.lower() for n in category.names.values())}
            if wanted in names:
                if category.id not in await interest_ids(session, customer_id=customer.id):
                    await toggle_interest(session, customer_id=customer.id, category_id=category.id)
                await message.answer(t("interests.saved", lang))
                return
    if intent == "give_feedback":
        rating = entities.get("rating")
        session.add(
            Feedback(
                customer_id=customer.id,
                subject="free",
                comment=text[:2000],
                rating=int(rating) if rating and rating.isdigit() and 1 <= int(rating) <= 5 else None,
            )
        )
        await message.answer(t("feedback.saved", lang))
        return
    await message.answer(t("fallback.unknown", lang), reply_markup=help_keyboard(lang))


@routes.message()
async def not_text(message: Message, customer: Customer) -> None:
    """Stickers, photos, voice, documents: the bot reads text only."""
    await message.answer(t("fallback.not_text", customer.language), reply_markup=help_keyboard(customer.language))


@routes.callback_query()
async def stale_button(query: CallbackQuery, customer: Customer | None = None, lang: str = "en") -> None:
    """Any button whose data does not parse or that no handler accepts."""
    await query.answer(t("error.expired", customer.language if customer else lang), show_alert=True)


def build_router() -> Router:
    """A new Router with this module's handlers (bot/app.py includes it)."""
    return routes.build(name=__name__)
