"""Running the bot: /staff (who may use these commands), /categories, /perk (the birthday gift), /audit."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.consent.scopes import LANGUAGES
from bot.html_text import cut_html, esc as escape
from bot.routers import Routes
from bot.routers.staff.common import ROLES, Roles, parse_args
from bot.staff_texts import st
from storage.models import AuditLog, Category, Staff
from storage.queries import set_value

routes = Routes()


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


@routes.message(Command("perk"), Roles("owner", "marketer"))
async def perk(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/perk <code> — the birthday gift code; /perk off — none."""
    args = parse_args(command)
    if len(args) != 1 or len(args[0]) > 64:
        await message.answer(st("staff.usage_perk"))
        return
    await set_value(session, key="birthday_perk", value="" if args[0] == "off" else args[0])
    await message.answer(st("staff.perk_set", code=args[0]))


@routes.message(Command("categories"), Roles("owner", "marketer"))
async def categories_cmd(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/categories — list; add <slug> <en> <uk> <ru> <pl>; rename <slug> <lang> <name>; disable|enable <slug>"""
    args = parse_args(command)
    if not args:
        cats = (await session.execute(select(Category).order_by(Category.id))).scalars()
        await message.answer(
            cut_html(
                "\n".join(
                    f"{escape(c.slug)}{'' if c.active else ' ' + st('console.categories.disabled')}: "
                    + ", ".join(f"{escape(k)} {escape(v)}" for k, v in c.names.items())
                    for c in cats
                )
            )
            or st("console.categories.none")
        )
        return
    slug = args[1].lower() if len(args) > 1 else ""
    category = (await session.execute(select(Category).where(Category.slug == slug))).scalar_one_or_none()
    if args[0] == "add" and len(args) == 6 and category is None and slug.isidentifier():
        session.add(Category(slug=slug, names=dict(zip(LANGUAGES, args[2:6])), active=True))
        await message.answer(st("console.categories.added", slug=slug))
    elif args[0] == "rename" and len(args) == 4 and category is not None and args[2] in LANGUAGES:
        category.names = {**category.names, args[2]: args[3]}
        await message.answer(st("console.categories.renamed", slug=slug))
    elif args[0] in ("disable", "enable") and len(args) == 2 and category is not None:
        category.active = args[0] == "enable"
        await message.answer(
            st("console.categories.enabled" if category.active else "console.categories.disabled_now", slug=slug)
        )
    else:
        await message.answer(st("console.categories.usage"))


@routes.message(Command("audit"), Roles("owner"))
async def audit_cmd(message: Message, session: AsyncSession) -> None:
    rows = (await session.execute(select(AuditLog).order_by(AuditLog.id.desc()).limit(30))).scalars()
    await message.answer(
        cut_html(
            "\n".join(
                f"{r.at:%Y-%m-%d %H:%M} {r.staff_id} /{escape(r.command)} {escape(r.arguments or '')}" for r in rows
            )
        )
        or st("console.audit.empty")
    )


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
