"""Frequency limits and pauses: /pause and /resume, the pause buttons (under every delivered
message, under /pause, in /preferences), a customer's own limits (/preferences), and the shop's
default limits (/limits, owners and marketers). What is stored is in bot/frequency.py; the
consent policy applies it at send time."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow, frequency
from bot.consent.policy import LIMIT_PERIODS
from bot.frequency import METHODS, PAUSE_DAYS, FreqCb, PauseCb
from bot.html_text import MAX_TEXT, visible_length
from bot.routers import Routes
from bot.routers.staff.common import AuditMiddleware, IsStaff, Roles, parse_args
from bot.staff_texts import st
from bot.texts import t
from storage.models import Customer
from storage.types import utcnow

routes = Routes()
routes.message.filter(F.chat.type == "private")

staff_routes = Routes()
staff_routes.message.filter(F.chat.type == "private", IsStaff())
staff_routes.message.middleware(AuditMiddleware())

# Typed after /pause: how long.
PAUSE_WORDS = {"week": 7, "1w": 7, "7": 7, "2weeks": 14, "2w": 14, "14": 14, "month": 30, "1m": 30, "30": 30}


async def _pause(session: AsyncSession, customer: Customer, days: int, method: str) -> str:
    pause = await frequency.start_pause(session, customer_id=customer.id, days=days, method=method, now=utcnow())
    return t("pause.started", customer.language, until=frequency.when(pause.ends_at, customer))


@routes.message(Command("pause"))
async def pause_command(message: Message, command: CommandObject, customer: Customer, session: AsyncSession) -> None:
    """/pause — the three choices; /pause week | 2weeks | month — at once."""
    lang = customer.language
    days = PAUSE_WORDS.get((command.args or "").strip().lower().replace(" ", ""))
    if days is not None:
        await message.answer(await _pause(session, customer, days, "command"))
        return
    markup = InlineKeyboardMarkup(inline_keyboard=[frequency.pause_buttons(lang, "c")])
    await message.answer(t("pause.ask", lang), reply_markup=markup)


@routes.message(Command("resume"))
async def resume_command(message: Message, customer: Customer, session: AsyncSession) -> None:
    """/resume — end a pause now."""
    resumed = await frequency.resume(session, customer_id=customer.id, now=utcnow())
    await message.answer(t("pause.resumed" if resumed else "pause.not_paused", customer.language))


async def _answer_in_place(bot: Bot, query: CallbackQuery, customer: Customer, reply: str) -> None:
    """The question keeps its text and gains the answer, losing its buttons (as a step answered does)."""
    question = flow.shown_message(query)
    if (
        question is not None
        and question.text
        and visible_length(question.html_text) + 2 + visible_length(reply) <= MAX_TEXT
    ):
        await question.edit_text(f"{question.html_text}\n\n{reply}", reply_markup=None)
    else:
        await flow.drop_buttons(bot, query)
        await bot.send_message(customer.id, reply)


async def _step_done(
    bot: Bot, query: CallbackQuery, customer: Customer, session: AsyncSession, state: FSMContext, step: str, reply: str
) -> None:
    """A press in a /preferences step: the answer in place, then the preferences again."""
    if (await state.get_data()).get("current") == step:
        await _answer_in_place(bot, query, customer, reply)
        await state.update_data(current=None)
        await flow.advance(bot, customer.id, customer, session, state)
    else:  # an old question: the choice counts all the same
        await bot.send_message(customer.id, reply)


@routes.callback_query(PauseCb.filter())
async def pause_pressed(
    query: CallbackQuery, callback_data: PauseCb, customer: Customer, session: AsyncSession, state: FSMContext, bot: Bot
) -> None:
    """A pause button: under a delivered message, under /pause, or in /preferences (0: resume now)."""
    lang = customer.language
    method = METHODS.get(callback_data.m)
    if method is None or (callback_data.d not in PAUSE_DAYS and callback_data.d != 0):
        await query.answer(t("error.expired", lang), show_alert=True)
        return
    if callback_data.d == 0:
        resumed = await frequency.resume(session, customer_id=customer.id, now=utcnow())
        reply = t("pause.resumed" if resumed else "pause.not_paused", lang)
    else:
        reply = await _pause(session, customer, callback_data.d, method)
    await query.answer()
    if callback_data.m == "p":
        await _step_done(bot, query, customer, session, state, "pause", reply)
    elif callback_data.m == "c":
        await _answer_in_place(bot, query, customer, reply)
    else:  # under a delivered message: its buttons stay (its own response, the withdrawal)
        await bot.send_message(customer.id, reply)


@routes.callback_query(FreqCb.filter())
async def limit_pressed(
    query: CallbackQuery, callback_data: FreqCb, customer: Customer, session: AsyncSession, state: FSMContext, bot: Bot
) -> None:
    """A customer's own limit chosen in /preferences; n 0: only the shop's limits."""
    lang = customer.language
    s, p, n = callback_data.s, callback_data.p, callback_data.n
    if n == 0:
        await frequency.clear_own_limits(session, customer_id=customer.id)
        reply = t("freq.saved_none", lang)
    elif (s, p, n) in frequency.OWN_LIMIT_CHOICES:
        await frequency.set_limit(session, customer_id=customer.id, scope=s, period=p, count=n, set_by=customer.id)
        reply = t("freq.saved", lang, limit=frequency.limit_text(s, p, n, lang))
    else:
        await query.answer(t("error.expired", lang), show_alert=True)
        return
    await query.answer()
    await _step_done(bot, query, customer, session, state, "limits", reply)


# ---- staff: the shop's default limits ------------------------------------------------------------


async def _shop_limits_text(session: AsyncSession) -> str:
    rows = await frequency.shop_limits(session)
    lines = [st("console.limits.title")]
    lines += [st("console.limits.line", scope=r.scope, period=r.period, n=r.max_count) for r in rows] or [
        st("console.limits.none")
    ]
    lines.append(st("console.limits.usage", scopes=", ".join(frequency.LIMIT_SCOPES), periods=", ".join(LIMIT_PERIODS)))
    return "\n".join(lines)


@staff_routes.message(Command("limits"), Roles("owner", "marketer"))
async def limits_command(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/limits — the shop's limits; /limits <scope|all> <day|week|month> <N|off> — set or remove one."""
    args = parse_args(command)
    if not args:
        await message.answer(await _shop_limits_text(session))
        return
    if len(args) == 3 and args[0] in frequency.LIMIT_SCOPES and args[1] in LIMIT_PERIODS:
        scope, period, value = args
        if value == "off":
            await frequency.set_limit(
                session, customer_id=None, scope=scope, period=period, count=None, set_by=message.from_user.id
            )
            await message.answer(await _shop_limits_text(session))
            return
        if value.isdigit() and frequency.valid_limit(scope, period, int(value)):
            await frequency.set_limit(
                session, customer_id=None, scope=scope, period=period, count=int(value), set_by=message.from_user.id
            )
            await message.answer(await _shop_limits_text(session))
            return
    await message.answer(
        st("console.limits.usage", scopes=", ".join(frequency.LIMIT_SCOPES), periods=", ".join(LIMIT_PERIODS))
    )


def build_router() -> Router:
    """A new Router with this module's handlers (bot/app.py includes it before the staff router)."""
    router = routes.build(name=__name__)
    router.include_router(staff_routes.build(name=f"{__name__}.staff"))
    return router
