"""Withdrawal by words, before any dialogue step; its one-tap undo.

Every private text (not a command) is read once, here, before any router sees it
(`ReadWords`, an outer middleware of the root router), by the consent core's recognition
(bot/consent/withdrawal.py: the keyword rules and, when it answers, the NLU). The parse
travels on in the handler data as `parse`, so the fallback router does not ask the NLU again.
This router is included first: when the text withdraws (`opt_out`, `forget_me`) it acts at
once, in whatever dialogue state, and no step handler runs; otherwise the text goes on to the
step that was asked, or to the fallback.

Choices, on purpose:
- Words switch off what they name (bot/consent/withdrawal.py `withdrawn_scopes`): one scope,
  several, or everything when they name none ("stop", "не пишіть мені") or everything. The
  confirmation names exactly what was switched off: one scope as a withdrawal button's reply,
  several with "the rest stays as it was", everything as /stop's. A scope named but not switched
  on is said to be so ("nothing to switch off"), never confirmed as switched off; nothing else
  is withdrawn in its place. `forget_me` asks the /forget confirmation (that question replaces
  the dialogue, as /forget does).
- A withdrawal of everything ends the dialogue. A scoped one ends the step only when the
  step no longer serves a scope still granted (the birthday question once birthday greetings
  are off, the feedback comment once feedback is off, or every step once nothing is left);
  onboarding then goes on with the steps still needed.
- The keyword rules have the last word (a withdrawal errs on the side of the customer, and
  the rules are precise: "Ostap", "22-08", "12 травня" never match). A withdrawal read only by
  the model yields to a well-formed answer of the step being asked (a date at the birthday
  step, a zone, quiet hours, a one-word name, a number): models misread short answers.
- Staff campaign steps whose text goes to customers (the campaign's name, offer and message
  variants) are staff content, not words to the bot: "Stop by our shop!" is copy, so they are
  not read. At the other campaign steps (numbers, dates) withdrawal words work as for any
  customer (staff are customers too), and the campaign draft is kept: it is the staff
  member's work, not their consent. /stop works at every step for everyone.
- Words can be misread, so a withdrawal by words is done at once and its confirmation
  carries one button that re-grants exactly what was withdrawn: an explicit grant by button
  (ledger method "button", text id `words.undo@v1`, the confirmation and the button's label
  as wording). It works only while that withdrawal is still the customer's latest consent
  change and the customer has not been erased (/forget); otherwise it is refused.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from aiogram import BaseMiddleware, Bot, F, Router
from aiogram.filters import BaseFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, TelegramObject
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow
from bot.consent.keywords import Parse
from bot.consent.ledger import record_consent, withdraw_all
from bot.consent.scopes import LANGUAGES, SCOPES
from bot.consent.withdrawal import acts_now, readable, recognise, withdrawn_scopes
from bot.dates import parse_birthday
from bot.routers import Routes
from bot.texts import t
from storage.models import ConsentEvent, Customer, ScopeState
from storage.queries import granted_scopes
from storage.types import utcnow

routes = Routes()
routes.message.filter(F.chat.type == "private")

UNDO_TEXT_ID = "words.undo@v1"
# The flow's steps (bot/flow.py) a scoped withdrawal may make pointless.
FLOW_STEPS = ("name", "birthday", "interests", "timezone", "quiet", "cap")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?\s*%?")


@lru_cache(maxsize=1)
def _campaign_states() -> tuple[frozenset[str], frozenset[str]]:
    """(the steps whose text is campaign copy, the other campaign steps)."""
    from bot.routers.staff.campaigns import CampaignForm

    content = frozenset({CampaignForm.name.state, CampaignForm.offer.state, CampaignForm.variant.state})
    return content, frozenset(s.state for s in CampaignForm.__all_states__) - content


def _feedback_comment_state() -> str:
    from bot.routers.responses import FeedbackForm

    return FeedbackForm.comment.state


class UndoCb(CallbackData, prefix="uw"):
    """One-tap undo of a withdrawal by words: kind (a: everything, s: one scope, n: several named
    scopes), the scopes
    as a bit mask over SCOPES, the first and last ledger row it wrote, the language shown."""

    k: str
    m: int
    f: int
    n: int
    lang: str


def scopes_of(mask: int) -> list[str]:
    return [scope for i, scope in enumerate(SCOPES) if mask >> i & 1]


def mask_of(scopes) -> int:
    return sum(1 << SCOPES.index(scope) for scope in scopes)


def names(scopes: list[str], lang: str) -> str:
    return ", ".join(t(f"scope.{s}.button", lang) for s in scopes)


def confirmation(kind: str, scopes: list[str], lang: str) -> str:
    """The text confirming a withdrawal by words: one scope as a withdrawal button's reply,
    several named ones with the rest kept, everything as /stop's."""
    if kind == "s":
        return t("scope.withdrawn_msg", lang, scope=t(f"scope.{scopes[0]}.button", lang))
    if kind == "n":
        return t("words.withdrawn_named", lang, scopes=names(scopes, lang))
    return t("stop.done", lang, scopes=names(scopes, lang))


def undo_keyboard(kind: str, rows: dict[str, int], lang: str) -> InlineKeyboardMarkup:
    """`rows`: each withdrawn scope and the id of the ledger row that withdrew it."""
    data = UndoCb(k=kind, m=mask_of(rows), f=min(rows.values()), n=max(rows.values()), lang=lang)
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("words.undo", lang), callback_data=data.pack())]]
    )


def undo_wording(kind: str, scopes: list[str], lang: str) -> str:
    """What the customer saw when they pressed undo: the confirmation and the button."""
    return f"{confirmation(kind, scopes, lang)}\n[{t('words.undo', lang)}]"


# ---- reading every text once ---------------------------------------------------------------


class ReadWords(BaseMiddleware):
    """Outer middleware of the root router's messages: a private text is read once.

    Sets `parse` (the keyword rules and the NLU, or None) for every handler, and `withdrawal`
    when the text withdraws and is to be acted on in the current dialogue state.
    """

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Message) and data.get("customer") is not None:
            await read(event, data)
        return await handler(event, data)


async def read(message: Message, data: dict[str, Any]) -> None:
    text = message.text
    if message.chat.type != "private" or not readable(text):
        return
    raw_state = data.get("raw_state")
    content, _ = _campaign_states()
    if raw_state in content:
        return  # campaign copy for customers: staff content, not words to the bot
    parse = await recognise(text, data.get("nlu"))
    data["parse"] = parse
    if acts_now(parse, lambda: _answers_step(raw_state, text, data["customer"].language)):
        data["withdrawal"] = parse


def _answers_step(raw_state: str | None, text: str, lang: str) -> bool:
    """A well-formed answer to the step being asked (then a model's reading as a withdrawal yields)."""
    if raw_state is None:
        return False
    text = text.strip()
    if raw_state == flow.Form.birthday.state:
        # a date alone, not a sentence with a date in it ("stop the birthday greetings on 4 May")
        return parse_birthday(text, lang, today=utcnow().date(), sentences=False).ok
    if raw_state == flow.Form.timezone.state:
        return flow.parse_timezone(text) is not None
    if raw_state == flow.Form.quiet.state:
        return flow.parse_quiet(text) is not None
    if raw_state == flow.Form.name.state:
        return flow.valid_name(text) is not None and len(text.split()) == 1
    _, parameters = _campaign_states()
    if raw_state in parameters:
        if _NUMBER.fullmatch(text) or text.lower() == "now":
            return True
        try:
            datetime.fromisoformat(text)
            return True
        except ValueError:
            return False
    return False


class SaysWithdrawal(BaseFilter):
    """The filter of this router: the text was read as a withdrawal to act on now."""

    async def __call__(self, message: Message, withdrawal: Parse | None = None) -> bool | dict:
        return {"withdrawal": withdrawal} if withdrawal is not None else False


# ---- acting on it --------------------------------------------------------------------------


@routes.message(F.text, SaysWithdrawal())
async def withdrawal_in_words(
    message: Message,
    withdrawal: Parse,
    customer: Customer,
    session: AsyncSession,
    state: FSMContext,
    raw_state: str | None = None,
) -> None:
    await act(message, withdrawal, customer, session, state, raw_state)


async def act(
    message: Message, parse: Parse, customer: Customer, session: AsyncSession, state: FSMContext, raw_state: str | None
) -> None:
    """Withdraw what the words say (or ask the /forget confirmation), confirm, offer the undo."""
    bot = message.bot
    if parse.intent == "forget_me":
        from bot.routers.rights import ask_forget

        await ask_forget(bot, customer, state)
        return
    lang, text = customer.language, message.text
    named = withdrawn_scopes(parse, text)  # (): everything
    withdrawn = await withdraw_all(
        session,
        customer=customer,
        method="words",
        message_id=message.message_id,
        text_id="words",
        wording=text[:500],
        scopes=named or SCOPES,
    )
    kind = "a" if not named else "s" if len(withdrawn) == 1 else "n"
    if withdrawn:
        await message.answer(
            confirmation(kind, withdrawn, lang),
            reply_markup=undo_keyboard(kind, await _rows_deciding(session, customer, withdrawn), lang),
        )
    not_on = [scope for scope in named if scope not in withdrawn]
    if not_on:  # named, but not switched on: say so, switch off nothing else
        key = "words.not_granted" if withdrawn else "words.none_granted"
        await message.answer(t(key, lang, scopes=names(not_on, lang)))
    elif not withdrawn:
        await message.answer(t("stop.nothing", lang))
    await _after_withdrawal(bot, customer, session, state, raw_state, everything=not named)


async def _after_withdrawal(
    bot: Bot, customer: Customer, session: AsyncSession, state: FSMContext, raw_state: str | None, *, everything: bool
) -> None:
    """What becomes of the dialogue: see the module's docstring."""
    _, parameters = _campaign_states()
    if raw_state in parameters:
        return  # the staff member's campaign draft stays
    if everything:
        await state.clear()
        return
    granted = await granted_scopes(session, customer_id=customer.id)
    if not granted:
        await state.clear()
        return
    if raw_state == _feedback_comment_state():
        if "feedback" not in granted:
            await state.clear()
        return
    data = await state.get_data()
    needed = flow.steps_for(granted)
    queue = [step for step in data.get("queue", []) if step in needed]
    current = data.get("current")
    if current in FLOW_STEPS and current not in needed:
        if data.get("flow") == "onboarding" and queue:
            await state.update_data(current=None, pending_birthday=None)
            await flow.advance(bot, customer.id, customer, session, state)
        else:
            await state.clear()
    elif queue != data.get("queue", queue):
        await state.update_data(queue=queue)


@routes.callback_query(UndoCb.filter())
async def undo_pressed(
    query: CallbackQuery, callback_data: UndoCb, customer: Customer, session: AsyncSession, bot: Bot
) -> None:
    """Re-grant exactly what one withdrawal by words took, if nothing changed since."""
    lang, data = customer.language, callback_data
    scopes = scopes_of(data.m)
    if (
        data.k not in ("a", "s", "n")
        or not scopes
        or data.m >> len(SCOPES)
        or data.f > data.n
        or data.lang not in LANGUAGES
        or (data.k == "s" and len(scopes) != 1)
        or (data.k == "n" and len(scopes) < 2)
    ):
        await query.answer(t("error.expired", lang), show_alert=True)
        return
    if not await _undo_applies(session, customer, scopes, data):
        await query.answer(t("words.undo_stale", lang), show_alert=True)
        return
    message = query.message if isinstance(query.message, Message) else None
    message_id = query.message.message_id if query.message is not None else None
    wording = undo_wording(data.k, scopes, data.lang)
    for scope in scopes:
        await record_consent(
            session,
            customer=customer,
            scope=scope,
            grant=True,
            method="button",
            message_id=message_id,
            text_id=UNDO_TEXT_ID,
            wording=wording,
            language=data.lang,
        )
    undone = t("words.undone", lang, scopes=names(scopes, lang))
    await query.answer(undone)
    if message is not None:  # the undo is used: its button goes
        await message.edit_reply_markup(reply_markup=None)
    await bot.send_message(customer.id, undone)


async def _states(session: AsyncSession, customer: Customer) -> dict[str, ScopeState]:
    rows = await session.execute(select(ScopeState).where(ScopeState.customer_id == customer.id))
    return {state.scope: state for state in rows.scalars()}


async def _rows_deciding(session: AsyncSession, customer: Customer, scopes: list[str]) -> dict[str, int]:
    """The ledger row that decides each scope now (just written for the withdrawn ones)."""
    states = await _states(session, customer)
    return {scope: states[scope].event_id for scope in scopes}


async def _undo_applies(session: AsyncSession, customer: Customer, scopes: list[str], data: UndoCb) -> bool:
    """The withdrawal is still the customer's latest consent change, its rows still decide each
    scope, and the customer was not erased since (/forget)."""
    if customer.forgotten_at is not None:
        return False
    latest = (
        await session.execute(select(func.max(ConsentEvent.id)).where(ConsentEvent.customer_id == customer.id))
    ).scalar_one_or_none()
    if latest is None or latest > data.n:
        return False
    states = await _states(session, customer)
    return all(s in states and not states[s].granted and data.f <= states[s].event_id <= data.n for s in scopes)


def build_router() -> Router:
    """A new Router with this module's handlers (bot/app.py includes it)."""
    return routes.build(name=__name__)
