"""API keys of the integration API from the staff console (owners): /apikey create|list|revoke.

The same as `python -m bot apikey ...` (bot/api/cli.py); the keys themselves are in bot/api/keys.py.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.api.keys import SCOPES, KeyRequestError, create_key, list_keys, revoke_key
from bot.html_text import cut_html
from bot.routers import Routes
from bot.routers.staff.common import Roles, parse_args
from bot.staff_texts import st

routes = Routes()


@routes.message(Command("apikey"), Roles("owner"))
async def apikey_cmd(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/apikey create <name> <scope…>; /apikey list; /apikey revoke <id>"""
    args = parse_args(command)
    action = args[0] if args else "list"
    if action == "create" and len(args) >= 3:
        try:
            row, key = await create_key(session, name=args[1], scopes=args[2:], created_by=message.from_user.id)
        except KeyRequestError as exc:
            await message.answer(st("console.apikey.invalid", reason=str(exc)))
            return
        await message.answer(
            st("console.apikey.created", id=str(row.id), name=row.name, scopes=", ".join(row.scopes), apikey=key)
        )
    elif action == "list" and len(args) <= 1:
        rows = await list_keys(session)
        lines = [
            st(
                "console.apikey.line",
                id=str(r.id),
                name=r.name,
                prefix=r.prefix,
                scopes=", ".join(r.scopes),
                state=st("console.apikey.revoked_on", at=f"{r.revoked_at:%Y-%m-%d %H:%M}")
                if r.revoked_at
                else st("console.apikey.active"),
            )
            for r in rows
        ]
        await message.answer(cut_html("\n".join(lines)) if lines else st("console.apikey.none"))
    elif action == "revoke" and len(args) == 2 and args[1].isdigit():
        row = await revoke_key(session, key_id=int(args[1]))
        if row is None:
            await message.answer(st("console.apikey.not_found", id=args[1]))
        else:
            await message.answer(st("console.apikey.revoked", id=str(row.id), name=row.name))
    else:
        await message.answer(st("console.apikey.usage", scopes=", ".join(SCOPES)))


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
