"""Outgoing webhooks from the staff console (owners): /webhook add|list|remove|log.

The same as the API's /v1/webhooks (bot/api/webhooks.py); what is delivered and how is in
bot/delivery/webhooks.py.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.webhooks import EVENTS, active_endpoints, add_endpoint, delivery_log, events_of, remove_endpoint
from bot.html_text import cut_html
from bot.routers import Routes
from bot.routers.staff.common import Roles, parse_args
from bot.staff_texts import Html, st

routes = Routes()


def _line(row) -> Html:
    return st(
        "console.webhook.log_line",
        id=str(row.id),
        endpoint=str(row.endpoint_id),
        event=row.event,
        scope=row.scope or "-",
        customer=str(row.customer_id) if row.customer_id is not None else "-",
        status=row.status,
        attempts=str(row.attempts),
        http=str(row.last_http_status) if row.last_http_status is not None else "-",
        error=row.last_error or "-",
        at=f"{row.created_at:%Y-%m-%d %H:%M}",
    )


@routes.message(Command("webhook"), Roles("owner"))
async def webhook_cmd(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/webhook add <url> [events]; /webhook list; /webhook remove <id>; /webhook log [<id>]"""
    args = parse_args(command)
    action = args[0] if args else "list"
    if action == "add" and len(args) >= 2:
        events = args[2:] or list(EVENTS)
        try:
            endpoint = await add_endpoint(session, url=args[1], events=events, created_by=message.from_user.id)
        except ValueError as exc:
            await message.answer(st("console.webhook.invalid", reason=str(exc), events=", ".join(EVENTS)))
            return
        await message.answer(
            st(
                "console.webhook.added",
                id=str(endpoint.id),
                url=endpoint.url,
                events=", ".join(events_of(endpoint)),
                secret=endpoint.secret,
            )
        )
    elif action == "list" and len(args) <= 1:
        endpoints = await active_endpoints(session)
        lines = [
            st("console.webhook.list_line", id=str(e.id), url=e.url, events=", ".join(events_of(e))) for e in endpoints
        ]
        await message.answer(cut_html("\n".join(lines)) if lines else st("console.webhook.none"))
    elif action == "remove" and len(args) == 2 and args[1].isdigit():
        if await remove_endpoint(session, endpoint_id=int(args[1])):
            await message.answer(st("console.webhook.removed", id=args[1]))
        else:
            await message.answer(st("console.webhook.not_found", id=args[1]))
    elif action == "log" and (len(args) == 1 or (len(args) == 2 and args[1].isdigit())):
        rows = await delivery_log(session, endpoint_id=int(args[1]) if len(args) == 2 else None)
        await message.answer(cut_html("\n".join(_line(r) for r in rows)) if rows else st("console.webhook.log_empty"))
    else:
        await message.answer(st("console.webhook.usage", events=", ".join(EVENTS)))


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
