"""Staff commands about one customer: /customer (what the bot knows and has sent) and /purchase."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.flow import fmt_minutes
from bot.html_text import cut_html, esc as escape
from bot.purchases import record_purchase
from bot.routers import Routes
from bot.routers.staff.common import Roles, parse_args, resolve_customer
from bot.staff_texts import Html, st, stage_name
from storage.models import Feedback, Outbox, Purchase, ResponseEvent
from storage.queries import categories_chosen, consent_history, granted_scopes, stage_history

routes = Routes()


@routes.message(Command("customer"), Roles("owner", "marketer", "support"))
async def customer_cmd(message: Message, command: CommandObject, session: AsyncSession, role: str) -> None:
    """/customer <id | @username>. Support sees contact state and history, not preferences."""
    args = parse_args(command)
    if not args:
        await message.answer(st("console.customer.usage"))
        return
    customer = await resolve_customer(message, session, args[0])
    if customer is None:
        return
    preferences = role in ("owner", "marketer")
    granted = await granted_scopes(session, customer_id=customer.id)
    # Only what is known: no "@-" for a customer without a username, no empty name.
    who = " ".join(
        part
        for part in (
            escape(customer.name or customer.first_name or ""),
            customer.username and f"@{escape(customer.username)}",
        )
        if part
    )
    lines = [
        f"<b>{st('console.customer.title', id=customer.id)}</b>" + (f" {who}" if who else ""),
        st(
            "console.customer.state",
            language=customer.language or "-",
            stage=stage_name(customer.stage),
            reachable=st("console.customer.reachable_yes" if customer.reachable else "console.customer.reachable_no"),
            purchases=customer.purchases_count,
            last_seen=f"{customer.last_seen_at:%Y-%m-%d}",
        ),
        st("console.customer.scopes", scopes=", ".join(sorted(granted)) or st("console.none")),
    ]
    if preferences:
        birthday = (
            (
                f"{customer.birthday_day:02d}.{customer.birthday_month:02d}"
                + (f".{customer.birthday_year}" if customer.birthday_year else "")
            )
            if customer.birthday_month
            else "-"
        )
        every, chosen = await categories_chosen(session, customer_id=customer.id, active_only=False)
        interests = ", ".join(escape(c.slug) for c in every if c.id in chosen)
        quiet = (
            f"{fmt_minutes(customer.quiet_start)}–{fmt_minutes(customer.quiet_end)}"
            if customer.quiet_start is not None
            else "-"
        )
        lines.append(
            st(
                "console.customer.preferences",
                birthday=birthday,
                interests=Html(interests or "-"),
                zone=customer.timezone or "-",
                quiet=quiet,
                cap=customer.weekly_cap or st("console.customer.cap_default"),
            )
        )
    lines.append(f"<b>{st('console.customer.consent_history')}</b>")
    for e in await consent_history(session, customer_id=customer.id):
        lines.append(
            st(
                "console.customer.consent_event",
                at=f"{e.at:%Y-%m-%d %H:%M}",
                action=e.action,
                scope=e.scope,
                method=e.method or "-",
            )
            + (" " + st("console.customer.consent_message", id=e.message_id) if e.message_id else "")
        )
    lines.append(f"<b>{st('console.customer.stage_history')}</b>")
    for s in await stage_history(session, customer_id=customer.id):
        moved_from = escape(stage_name(s.from_stage)) if s.from_stage else "-"
        lines.append(f"{s.at:%Y-%m-%d %H:%M} {moved_from} → {escape(stage_name(s.to_stage))} ({escape(s.reason)})")
    messages = select(Outbox).where(Outbox.customer_id == customer.id)
    if not preferences:
        # The dates of birthday greetings give the birthday away; support sees no preferences.
        messages = messages.where(Outbox.kind != "birthday")
    sent = list((await session.execute(messages.order_by(Outbox.id.desc()).limit(10))).scalars())
    lines.append(
        f"<b>{st('console.customer.messages')}</b> "
        + st(
            "console.customer.messages_shown" if preferences else "console.customer.messages_shown_support", n=len(sent)
        )
    )
    for m in sent:
        lines.append(f"{m.created_at:%Y-%m-%d} {m.kind} {m.status}" + (f" ({escape(m.reason)})" if m.reason else ""))
    responses = (
        await session.execute(
            select(func.count()).select_from(ResponseEvent).where(ResponseEvent.customer_id == customer.id)
        )
    ).scalar_one()
    feedback = list((await session.execute(select(Feedback).where(Feedback.customer_id == customer.id))).scalars())
    lines.append(
        st(
            "console.customer.responses",
            responses=responses,
            feedback=Html(
                ", ".join(
                    f"{escape(f.subject)} {f.rating}/5" if f.rating is not None else escape(f.subject) for f in feedback
                )
            )
            or st("console.none"),
        )
    )
    purchases = (
        await session.execute(select(func.count()).select_from(Purchase).where(Purchase.customer_id == customer.id))
    ).scalar_one()
    lines.append(st("console.customer.purchases", n=purchases))
    await message.answer(cut_html("\n".join(lines)))


# ---- purchases -----------------------------------------------------------------------------------


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
    try:
        result = await record_purchase(
            session,
            settings,
            customer=customer,
            product=" ".join(product_words),
            amount=amount,
            staff_id=message.from_user.id,
        )
    except ValueError:  # a product of only spaces, a negative amount
        await message.answer(st("staff.usage_purchase"))
        return
    purchase, scheduled = result.purchase, result.feedback_scheduled
    await message.answer(
        st(
            "staff.purchase_recorded",
            id=purchase.id,
            customer=customer.id,
            product=purchase.product,
            stage=stage_name(customer.stage),
            feedback=st("staff.yes" if scheduled else "staff.no"),
        )
    )


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
