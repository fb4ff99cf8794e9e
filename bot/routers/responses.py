"""Customers' responses to delivered messages: thanks, accepting a sample, rating, commenting."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.delivery.render import ReplyCb
from bot.flow import drop_buttons, escape
from bot.keyboards import StepCb, step_keyboard
from bot.measure import record_response
from bot.routers import Routes
from bot.texts import t
from storage.db import savepoint
from storage.models import Customer, Feedback, Outbox, SampleOffer, SampleRequest, Staff
from storage.types import utcnow

log = logging.getLogger(__name__)
routes = Routes()


class FeedbackForm(StatesGroup):
    comment = State()


async def _own_row(session: AsyncSession, outbox_id: int, customer: Customer, kind: str | None = None) -> Outbox | None:
    row = await session.get(Outbox, outbox_id)
    if row is None or row.customer_id != customer.id or row.status != "sent" or (kind and row.kind != kind):
        return None
    return row


@routes.callback_query(ReplyCb.filter())
async def reply_pressed(
    query: CallbackQuery,
    callback_data: ReplyCb,
    customer: Customer,
    session: AsyncSession,
    state: FSMContext,
    bot: Bot,
    settings: Settings,
) -> None:
    lang = customer.language
    row = await _own_row(session, callback_data.o, customer)
    if row is None:
        await query.answer(t("error.expired", lang), show_alert=True)
        return
    if callback_data.a == "accept" and row.kind == "sample":
        await query.answer()
        await bot.send_message(customer.id, await accept_sample(session, row=row, customer=customer))
    elif callback_data.a == "rate" and row.kind == "feedback" and 1 <= callback_data.r <= 5:
        await rate(query, row, callback_data.r, customer, session, state, bot, settings)
    elif callback_data.a in ("thanks", "respond"):
        await query.answer(t("response.thanks", lang))
    else:
        await query.answer(t("error.expired", lang), show_alert=True)
        return
    await record_response(
        session, row=row, customer=customer, action=callback_data.a, value=callback_data.r or None, settings=settings
    )


async def accept_sample(session: AsyncSession, *, row: Outbox, customer: Customer) -> str:
    """Reserve one unit of stock; never over-allocates, even with many accepting at once."""
    lang = customer.language
    offer_id = row.payload.get("offer_id")
    product = escape(row.payload.get("product", ""))
    existing = (
        await session.execute(
            select(SampleRequest.id).where(SampleRequest.offer_id == offer_id, SampleRequest.customer_id == customer.id)
        )
    ).first()
    if existing:
        return t("sample.already", lang)
    try:
        async with savepoint(session):
            taken = await session.execute(
                update(SampleOffer)
                .where(
                    SampleOffer.id == offer_id,
                    SampleOffer.status == "open",
                    SampleOffer.allocated < SampleOffer.stock,
                    SampleOffer.expires_at > utcnow(),
                )
                .values(allocated=SampleOffer.allocated + 1)
            )
            if taken.rowcount != 1:
                return t("sample.gone", lang)
            session.add(SampleRequest(offer_id=offer_id, customer_id=customer.id))
            await session.flush()
    except IntegrityError:
        return t("sample.already", lang)
    return t("sample.accepted", lang, product=product)


async def staff_recipients(session: AsyncSession, settings: Settings, roles=("owner", "support")) -> set[int]:
    ids = set(settings.admin_ids)
    rows = await session.execute(select(Staff.user_id).where(Staff.role.in_(roles)))
    ids.update(r[0] for r in rows)
    return ids


async def notify_staff(bot: Bot, session: AsyncSession, settings: Settings, key: str, **fields) -> None:
    for staff_id in await staff_recipients(session, settings):
        staff = await session.get(Customer, staff_id)
        try:
            await bot.send_message(staff_id, t(key, staff.language if staff else "en", **fields))
        except Exception as exc:  # noqa: BLE001 - a staff member who blocked the bot must not break this
            log.warning("could not notify staff %s: %s", staff_id, exc)


async def rate(
    query: CallbackQuery,
    row: Outbox,
    rating: int,
    customer: Customer,
    session: AsyncSession,
    state: FSMContext,
    bot: Bot,
    settings: Settings,
) -> None:
    lang = customer.language
    if (await session.execute(select(Feedback.id).where(Feedback.outbox_id == row.id))).first():
        await query.answer(t("feedback.already", lang), show_alert=True)
        return
    subject = row.payload.get("subject", "free")
    feedback = Feedback(customer_id=customer.id, subject=subject, rating=rating, outbox_id=row.id)
    session.add(feedback)
    await session.flush()
    await query.answer()
    await drop_buttons(bot, query)
    await state.set_state(FeedbackForm.comment)
    await state.set_data({"feedback_id": feedback.id, "current": "comment"})
    await bot.send_message(
        customer.id, t("feedback.rated", lang, rating=rating), reply_markup=step_keyboard(lang, "comment", [])
    )
    if rating <= 2:
        await notify_staff(
            bot,
            session,
            settings,
            "staff.low_rating",
            rating=rating,
            customer=customer.id,
            subject=escape(row.payload.get("product", subject)),
        )


@routes.message(StateFilter(FeedbackForm.comment), F.text, ~F.text.startswith("/"))
async def comment_typed(
    message: Message, customer: Customer, session: AsyncSession, state: FSMContext, settings: Settings
) -> None:
    data = await state.get_data()
    feedback = await session.get(Feedback, data.get("feedback_id") or 0)
    await state.clear()
    if feedback is None or feedback.customer_id != customer.id:
        await message.answer(t("error.expired", customer.language))
        return
    feedback.comment = message.text[:2000]
    await message.answer(t("feedback.saved", customer.language))
    if feedback.rating is not None and feedback.rating <= 2:
        await notify_staff(
            message.bot,
            session,
            settings,
            "staff.comment",
            customer=customer.id,
            subject=escape(feedback.subject),
            comment=escape(feedback.comment),
        )


@routes.callback_query(StepCb.filter(F.step == "comment"))
async def comment_skipped(query: CallbackQuery, customer: Customer, state: FSMContext, bot: Bot) -> None:
    if (await state.get_data()).get("current") != "comment":
        await query.answer(t("error.expired", customer.language), show_alert=True)
        return
    await state.clear()
    await query.answer()
    await drop_buttons(bot, query)
    await bot.send_message(customer.id, t("feedback.saved", customer.language))


def build_router() -> Router:
    """A new Router with this module's handlers (bot/app.py includes it)."""
    return routes.build(name=__name__)
