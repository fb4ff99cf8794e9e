"""Free samples: /sample_new offers one to a category's interested customers, /samples, /sample_close,
/requests (accepted offers to send out) and /fulfil (sent; the feedback request follows)."""

from __future__ import annotations

from datetime import timedelta

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.delivery import jobs
from bot.html_text import cut_html, esc as escape
from bot.routers import Routes
from bot.routers.staff.common import Roles, category_by_slug, parse_args, schedule_feedback
from bot.staff_texts import st
from storage.models import Category, Outbox, SampleOffer, SampleRequest
from storage.types import utcnow

routes = Routes()


@routes.message(Command("sample_new"), Roles("owner", "marketer"))
async def sample_new(message: Message, command: CommandObject, session: AsyncSession, services) -> None:
    """/sample_new <category> <stock> <days> <product…>"""
    args = parse_args(command)
    if len(args) < 4 or not args[1].isdigit() or not args[2].isdigit() or not 0 < int(args[2]) <= 365:
        await message.answer(st("staff.usage_sample_new"))
        return
    category = await category_by_slug(session, args[0])
    if category is None:
        cats = ", ".join(c.slug for c in (await session.execute(select(Category).order_by(Category.id))).scalars())
        await message.answer(st("staff.unknown_category", slug=args[0], slugs=cats))
        return
    offer = SampleOffer(
        product=" ".join(args[3:])[:128],
        category_id=category.id,
        stock=int(args[1]),
        expires_at=utcnow() + timedelta(days=int(args[2])),
        created_by=message.from_user.id,
    )
    session.add(offer)
    await session.flush()
    await message.answer(
        st(
            "staff.sample_created",
            id=offer.id,
            product=offer.product,
            stock=offer.stock,
            expires=f"{offer.expires_at:%Y-%m-%d}",
        )
    )
    added = await jobs.enqueue_offer(session, offer)
    await message.answer(st("staff.sample_enqueued", added=added))
    sender = services.extra.get("sender")
    if sender is not None:
        sender.wake_after(0.5)


@routes.message(Command("samples"), Roles("owner", "marketer", "support"))
async def samples_list(message: Message, session: AsyncSession) -> None:
    offers = (await session.execute(select(SampleOffer).order_by(SampleOffer.id.desc()).limit(30))).scalars()
    lines = [
        f"#{o.id} {escape(o.product)} — {o.allocated}/{o.stock}, {o.status}, {o.expires_at:%Y-%m-%d}" for o in offers
    ]
    await message.answer(cut_html("\n".join(lines)) or st("staff.no_samples"))


@routes.message(Command("sample_close"), Roles("owner", "marketer"))
async def sample_close(message: Message, command: CommandObject, session: AsyncSession) -> None:
    args = parse_args(command)
    offer = await session.get(SampleOffer, int(args[0])) if args and args[0].isdigit() else None
    if offer is None:
        await message.answer(st("staff.not_found"))
        return
    offer.status = "closed"
    cancelled = await cancel_queued_offers(session, offer.id)
    await message.answer(st("staff.sample_closed", id=offer.id, cancelled=cancelled))


async def cancel_queued_offers(session: AsyncSession, offer_id: int) -> int:
    """Drop the offers of a closed sample offer not yet sent: rows waiting (`pending`) and rows a
    sender has claimed but not yet marked `sending` (the sender marks a row `sending` only while
    it is still `claimed`, so a row dropped here is never sent). Returns how many."""
    rows = (
        await session.execute(select(Outbox).where(Outbox.kind == "sample", Outbox.status.in_(("pending", "claimed"))))
    ).scalars()
    cancelled = 0
    for row in rows:
        if (row.payload or {}).get("offer_id") == offer_id:
            row.status, row.reason, row.claimed_by = "dropped", "offer_closed", None
            cancelled += 1
    return cancelled


@routes.message(Command("requests"), Roles("owner", "marketer", "support"))
async def requests_list(message: Message, session: AsyncSession) -> None:
    rows = await session.execute(
        select(SampleRequest, SampleOffer.product)
        .join(SampleOffer, SampleOffer.id == SampleRequest.offer_id)
        .where(SampleRequest.status == "accepted")
        .order_by(SampleRequest.id)
        .limit(50)
    )
    lines = [f"#{r.id} {escape(product)} → {r.customer_id} ({r.created_at:%Y-%m-%d})" for r, product in rows]
    await message.answer(cut_html("\n".join(lines)) or st("staff.no_requests"))


@routes.message(Command("fulfil", "fulfill"), Roles("owner", "support"))
async def fulfil(message: Message, command: CommandObject, session: AsyncSession, settings: Settings) -> None:
    """/fulfil <request> — the sample was delivered; a feedback request follows where allowed."""
    args = parse_args(command)
    request = await session.get(SampleRequest, int(args[0])) if args and args[0].isdigit() else None
    if request is None:
        await message.answer(st("staff.not_found"))
        return
    if request.status == "delivered":
        await message.answer(st("staff.already_delivered", id=request.id))
        return
    request.status, request.delivered_at = "delivered", utcnow()
    offer = await session.get(SampleOffer, request.offer_id)
    scheduled = await schedule_feedback(
        session,
        settings,
        customer_id=request.customer_id,
        subject=f"sample:{request.id}",
        product=offer.product,
        at=request.delivered_at,
    )
    await message.answer(st("staff.fulfilled", id=request.id, feedback=st("staff.yes" if scheduled else "staff.no")))


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
