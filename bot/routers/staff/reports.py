"""Figures for staff: /stats, /report (a chart and the campaigns), /export (CSV)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import reports
from bot.config import Settings
from bot.html_text import cut_html
from bot.routers import Routes
from bot.routers.staff.common import Roles, parse_args
from bot.staff_texts import st
from storage.models import STAGES

routes = Routes()


@routes.message(Command("stats"), Roles("owner", "marketer", "support"))
async def stats_cmd(message: Message, session: AsyncSession, settings: Settings) -> None:
    """The funnel and the consent figures, counting customers only (not staff's own chats)."""
    await message.answer(reports.stats_text(await reports.stats(session, admin_ids=settings.admin_ids)))


@routes.message(Command("report"), Roles("owner", "marketer"))
async def report_cmd(message: Message, session: AsyncSession, settings: Settings) -> None:
    s = await reports.stats(session, admin_ids=settings.admin_ids)
    rows = await reports.campaign_rows(session, settings=settings)
    png = reports.chart_png(s, rows)
    extras = await reports.campaign_extras(session, admin_ids=settings.admin_ids)
    await message.answer_photo(BufferedInputFile(png, filename="report.png"), caption=st("console.report.caption"))
    await message.answer(cut_html(reports.stats_text(s) + "\n\n" + reports.campaigns_text(rows, extras)))


@routes.message(Command("export"), Roles("owner"))
async def export_cmd(message: Message, command: CommandObject, session: AsyncSession, settings: Settings) -> None:
    """/export — the consent ledger as CSV, and its rows as ISO/IEC TS 27560 consent records (JSON
    lines, bot/consent/records.py); /export segment <stage…> — the customers of a segment.
    Cells a spreadsheet would run as formulas arrive as text (bot/exports.py)."""
    from bot import exports

    args = parse_args(command)
    if args and args[0] == "segment":
        stages = [a for a in args[1:] if a in STAGES]
        from storage.models import Customer

        query = select(Customer.id)
        if stages:
            query = query.where(Customer.stage.in_(stages))
        ids = [r[0] for r in await session.execute(query)]
        data = await exports.customers_csv(session, ids)
        await message.answer_document(
            BufferedInputFile(data, filename="customers.csv"), caption=st("console.export.customers", n=len(ids))
        )
        return
    from bot.consent.records import every_record, jsonl

    # The ledger's rows as consent records first, the CSV of the same rows last (its usual place).
    records = await every_record(session, settings)
    await message.answer_document(
        BufferedInputFile(jsonl(records), filename="consent-records.jsonl"),
        caption=st("console.export.records", n=len(records)),
    )
    data = await exports.ledger_csv(session)
    await message.answer_document(
        BufferedInputFile(data, filename="consent-ledger.csv"), caption=st("console.export.ledger")
    )


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
