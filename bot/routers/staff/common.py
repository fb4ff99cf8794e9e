"""What every staff command shares: who is staff (`IsStaff`, `role_of`), which role may run a
command (`Roles`), the audit log of every command (`AuditMiddleware`), finding the customer a
command names, and the reply to a staff command the role may not use (tried after every other
staff handler)."""

from __future__ import annotations

import shlex
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram import BaseMiddleware, Router
from aiogram.filters import BaseFilter, CommandObject
from aiogram.types import Message, TelegramObject
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.delivery.outbox import enqueue
from bot.routers import Routes
from bot.staff_texts import st
from storage.models import AuditLog, Category, Customer, ScopeState
from storage.queries import staff_role

ROLES = ("owner", "marketer", "support")
routes = Routes()


async def role_of(session: AsyncSession, settings: Settings, user_id: int) -> str | None:
    if user_id in settings.admin_ids:
        return "owner"
    return await staff_role(session, user_id=user_id)


class IsStaff(BaseFilter):
    async def __call__(
        self, event: TelegramObject, session: AsyncSession, settings: Settings, event_from_user=None
    ) -> bool | dict:
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

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        result = await handler(event, data)
        if isinstance(event, Message) and event.text and event.text.startswith("/"):
            command, _, args = event.text.partition(" ")
            data["session"].add(
                AuditLog(
                    staff_id=event.from_user.id, command=command[1:32].split("@")[0], arguments=args[:2000] or None
                )
            )
        return result


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
    return list(
        (
            await session.execute(
                select(Customer)
                .where(func.lower(Customer.username) == name)
                .order_by(Customer.id)
                .limit(MAX_MATCHES + 1)
            )
        ).scalars()
    )


async def resolve_customer(message: Message, session: AsyncSession, ref: str | None) -> Customer | None:
    """One customer for a staff command, or None after telling the staff member why: nobody
    matches, or several do (listed, to be named by id; nothing is done to any of them)."""
    found = await find_customers(session, ref) if ref else []
    if len(found) == 1:
        return found[0]
    if not found:
        await message.answer(st("staff.no_customer", ref=ref or "?"))
        return None
    lines = [
        st("staff.ambiguous_customer", ref=ref, count=len(found))
        if len(found) <= MAX_MATCHES
        else st("staff.ambiguous_customer_many", ref=ref, count=MAX_MATCHES)
    ]
    for customer in found[:MAX_MATCHES]:
        lines.append(
            st(
                "staff.customer_line",
                id=customer.id,
                name=customer.name or customer.first_name or "-",
                username=customer.username or "-",
                last_seen=f"{customer.last_seen_at:%Y-%m-%d}",
            )
        )
    await message.answer("\n".join(lines))
    return None


async def category_by_slug(session: AsyncSession, slug: str) -> Category | None:
    return (await session.execute(select(Category).where(Category.slug == slug.lower()))).scalar_one_or_none()


async def schedule_feedback(
    session: AsyncSession, settings: Settings, *, customer_id: int, subject: str, product: str, at
) -> bool:
    """Enqueue the feedback request for `FEEDBACK_DELAY_DAYS` later, only with the `feedback` scope."""
    state = await session.get(ScopeState, (customer_id, "feedback"))
    if state is None or not state.granted:
        return False
    return await enqueue(
        session,
        customer_id=customer_id,
        kind="feedback",
        occasion=subject,
        payload={"subject": subject, "product": product},
        not_before=at + timedelta(days=settings.feedback_delay_days),
    )


def _staff_command(message: Message) -> bool:
    """A staff command, wherever it is declared (bot/routers/staff/help.py finds them all)."""
    from bot.routers.staff.help import staff_command_names  # help imports this module

    text = message.text or ""
    return text.startswith("/") and text.split()[0][1:].split("@")[0] in staff_command_names()


@routes.message(_staff_command)
async def role_denied(message: Message) -> None:
    """A staff command this staff member's role may not use: `Roles` has already said so."""


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
