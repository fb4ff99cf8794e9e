"""Staff commands. The router is guarded by `IsStaff`: for anyone else these commands do not
exist (they get the same reply as any unknown text). Each command states the roles allowed,
and every staff action is written to the audit log in the same transaction."""
from __future__ import annotations

import shlex
from datetime import timedelta
from typing import Any, Awaitable, Callable

from aiogram import BaseMiddleware, F, Router
from aiogram.filters import BaseFilter, Command, CommandObject
from aiogram.types import Message, TelegramObject
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.delivery import jobs
from bot.delivery.outbox import enqueue
from bot.html_text import cut_html
from bot.html_text import esc as escape
from bot.routers import Routes
from bot.staff_texts import st
from storage.models import (
    AuditLog,
    Category,
    Customer,
    Outbox,
    Purchase,
    SampleOffer,
    SampleRequest,
    ScopeState,
    Staff,
)
from storage.queries import set_stage, set_value, staff_role
from storage.types import utcnow

ROLES = ("owner", "marketer", "support")
routes = Routes()


async def role_of(session: AsyncSession, settings: Settings, user_id: int) -> str | None:
    if user_id in settings.admin_ids:
        return "owner"
    return await staff_role(session, user_id=user_id)


class IsStaff(BaseFilter):
    async def __call__(self, event: TelegramObject, session: AsyncSession, settings: Settings,
                       event_from_user=None) -> bool | dict:
        if event_from_user is None:
            return False
        role = await role_of(session, settings, event_from_user.id)
        return {"role": role} if role else False


class Roles(BaseFilter):
    """The roles allowed for one command; staff with another role are told so."""

    def __init__(self, *roles: str) -> None:
        self.roles = roles

    async def __call__(self, message: Message, role: str) -> bool:
        if role in self.roles:
            return True
        await message.answer(st("staff.role_denied", role=role, roles=", ".join(self.roles)))
        return False


class AuditMiddleware(BaseMiddleware):
    """Writes who, what, when and the arguments of every staff command that ran."""

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        result = await handler(event, data)
        if isinstance(event, Message) and event.text and event.text.startswith("/"):
            command, _, args = event.text.partition(" ")
            data["session"].add(AuditLog(staff_id=event.from_user.id, command=command[1:32].split("@")[0],
                                         arguments=args[:2000] or None))
        return result


routes.message.filter(F.chat.type == "private", IsStaff())
routes.message.middleware(AuditMiddleware())


def parse_args(command: CommandObject) -> list[str]:
    try:
        return shlex.split(command.args or "")
    except ValueError:
        return (command.args or "").split()


MAX_MATCHES = 10


async def find_customers(session: AsyncSession, ref: str) -> list[Customer]:
    """The customers `ref` names: an id, or a @username compared as Telegram does, without
    regard to case. Usernames are stored as last seen, so an old one may name several people
    (one gave it up, another took it); all are returned (at most MAX_MATCHES + 1)."""
    ref = ref.strip()
    if ref.lstrip("-").isdigit():
        customer = await session.get(Customer, int(ref))
        return [customer] if customer is not None else []
    name = ref.removeprefix("@").lower()
    if not name:
        return []
    return list((await session.execute(select(Customer).where(func.lower(Customer.username) == name)
                                       .order_by(Customer.id).limit(MAX_MATCHES + 1))).scalars())


async def resolve_customer(message: Message, session: AsyncSession, ref: str | None) -> Customer | None:
    """One customer for a staff command, or None after telling the staff member why: nobody
    matches, or several do (listed, to be named by id; nothing is done to any of them)."""
    found = await find_customers(session, ref) if ref else []
    if len(found) == 1:
        return found[0]
    if not found:
        await message.answer(st("staff.no_customer", ref=ref or "?"))
        return None
    lines = [st("staff.ambiguous_customer", ref=ref, count=len(found)) if len(found) <= MAX_MATCHES
             else st("staff.ambiguous_customer_many", ref=ref, count=MAX_MATCHES)]
    for customer in found[:MAX_MATCHES]:
        lines.append(st("staff.customer_line", id=customer.id, name=customer.name or customer.first_name or "-",
                        username=customer.username or "-", last_seen=f"{customer.last_seen_at:%Y-%m-%d}"))
    await message.answer("\n".join(lines))
    return None


async def category_by_slug(session: AsyncSession, slug: str) -> Category | None:
    return (await session.execute(select(Category).where(Category.slug == slug.lower()))).scalar_one_or_none()


# ---- staff management ----------------------------------------------------------------------------

@routes.message(Command("staff"), Roles("owner"))
async def staff_cmd(message: Message, command: CommandObject, session: AsyncSession, settings: Settings) -> None:
    """/staff — list; /staff add <user_id> <role>; /staff remove <user_id>"""
    args = parse_args(command)
    if not args:
        rows = (await session.execute(select(Staff).order_by(Staff.user_id))).scalars()
        await message.answer(cut_html("\n".join(f"{s.user_id}: {s.role}" for s in rows)) or st("staff.none"))
        return
    if args[0] == "add" and len(args) == 3 and args[1].isdigit() and args[2] in ROLES:
        staff = await session.get(Staff, int(args[1]))
        if staff is None:
            session.add(Staff(user_id=int(args[1]), role=args[2], added_by=message.from_user.id))
        else:
            staff.role = args[2]
        await message.answer(st("staff.added", user=args[1], role=args[2]))
    elif args[0] == "remove" and len(args) == 2 and args[1].isdigit():
        user_id = int(args[1])
        if user_id in settings.admin_ids:
            # An owner from the configuration stays one whatever the table says: say so, change nothing.
            await message.answer(st("staff.configured_owner", user=user_id))
            return
        staff = await session.get(Staff, user_id)
        if staff is None:
            await message.answer(st("staff.not_staff", user=user_id))
            return
        await session.delete(staff)
        await message.answer(st("staff.removed", user=user_id))
    else:
        await message.answer(st("staff.usage_staff"))


# ---- samples -------------------------------------------------------------------------------------

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
    offer = SampleOffer(product=" ".join(args[3:])[:128], category_id=category.id, stock=int(args[1]),
                        expires_at=utcnow() + timedelta(days=int(args[2])), created_by=message.from_user.id)
    session.add(offer)
    await session.flush()
    await message.answer(st("staff.sample_created", id=offer.id, product=offer.product, stock=offer.stock,
                            expires=f"{offer.expires_at:%Y-%m-%d}"))
    added = await jobs.enqueue_offer(session, offer)
    await message.answer(st("staff.sample_enqueued", added=added))
    sender = services.extra.get("sender")
    if sender is not None:
        sender.wake_after(0.5)


@routes.message(Command("samples"), Roles("owner", "marketer", "support"))
async def samples_list(message: Message, session: AsyncSession) -> None:
    offers = (await session.execute(select(SampleOffer).order_by(SampleOffer.id.desc()).limit(30))).scalars()
    lines = [f"#{o.id} {escape(o.product)} — {o.allocated}/{o.stock}, {o.status}, {o.expires_at:%Y-%m-%d}"
             for o in offers]
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
    rows = (await session.execute(select(Outbox).where(Outbox.kind == "sample",
                                                       Outbox.status.in_(("pending", "claimed"))))).scalars()
    cancelled = 0
    for row in rows:
        if (row.payload or {}).get("offer_id") == offer_id:
            row.status, row.reason, row.claimed_by = "dropped", "offer_closed", None
            cancelled += 1
    return cancelled


@routes.message(Command("requests"), Roles("owner", "marketer", "support"))
async def requests_list(message: Message, session: AsyncSession) -> None:
    rows = await session.execute(
        select(SampleRequest, SampleOffer.product).join(SampleOffer, SampleOffer.id == SampleRequest.offer_id)
        .where(SampleRequest.status == "accepted").order_by(SampleRequest.id).limit(50))
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
    scheduled = await schedule_feedback(session, settings, customer_id=request.customer_id,
                                        subject=f"sample:{request.id}", product=offer.product,
                                        at=request.delivered_at)
    await message.answer(st("staff.fulfilled", id=request.id, feedback=st("staff.yes" if scheduled else "staff.no")))


async def schedule_feedback(session: AsyncSession, settings: Settings, *, customer_id: int, subject: str,
                            product: str, at) -> bool:
    """Enqueue the feedback request for `FEEDBACK_DELAY_DAYS` later, only with the `feedback` scope."""
    state = await session.get(ScopeState, (customer_id, "feedback"))
    if state is None or not state.granted:
        return False
    return await enqueue(session, customer_id=customer_id, kind="feedback", occasion=subject,
                         payload={"subject": subject, "product": product},
                         not_before=at + timedelta(days=settings.feedback_delay_days))


# ---- purchases -----------------------------------------------------------------------------------

async def record_purchase(session: AsyncSession, settings: Settings, *, customer: Customer, product: str,
                          amount: float | None, staff_id: int | None) -> tuple[Purchase, bool]:
    purchase = Purchase(customer_id=customer.id, product=product[:128], amount=amount, recorded_by=staff_id)
    session.add(purchase)
    await session.flush()
    customer.purchases_count += 1
    if customer.purchases_count >= settings.loyal_after_purchases:
        await set_stage(session, customer=customer, to_stage="loyal", reason="purchases")
    elif customer.stage != "loyal":
        await set_stage(session, customer=customer, to_stage="customer", reason="purchase")
    scheduled = await schedule_feedback(session, settings, customer_id=customer.id, subject=f"purchase:{purchase.id}",
                                        product=purchase.product, at=purchase.at)
    return purchase, scheduled


@routes.message(Command("purchase"), Roles("owner", "marketer", "support"))
async def purchase_cmd(message: Message, command: CommandObject, session: AsyncSession, settings: Settings) -> None:
    """/purchase <customer id | @username> <product…> [amount]"""
    args = parse_args(command)
    if len(args) < 2:
        await message.answer(st("staff.usage_purchase"))
        return
    customer = await resolve_customer(message, session, args[0])
    if customer is None:
        return
    amount = None
    product_words = args[1:]
    if len(product_words) > 1:
        try:
            amount = float(product_words[-1].replace(",", "."))
            product_words = product_words[:-1]
        except ValueError:
            amount = None
    purchase, scheduled = await record_purchase(session, settings, customer=customer, product=" ".join(product_words),
                                                amount=amount, staff_id=message.from_user.id)
    await message.answer(st("staff.purchase_recorded", id=purchase.id, customer=customer.id,
                            product=purchase.product, stage=customer.stage,
                            feedback=st("staff.yes" if scheduled else "staff.no")))


@routes.message(Command("perk"), Roles("owner", "marketer"))
async def perk(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/perk <code> — the birthday gift code; /perk off — none."""
    args = parse_args(command)
    if len(args) != 1 or len(args[0]) > 64:
        await message.answer(st("staff.usage_perk"))
        return
    await set_value(session, key="birthday_perk", value="" if args[0] == "off" else args[0])
    await message.answer(st("staff.perk_set", code=args[0]))


def build_router() -> Router:
    """A new Router with this module's handlers (bot/app.py includes it)."""
    return routes.build(name=__name__)
