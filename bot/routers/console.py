"""The staff console: stats, customer look-up, campaigns, reports, exports, categories, audit."""
from __future__ import annotations

from datetime import datetime, timezone

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import campaigns as camp
from bot import reports
from bot.config import Settings
from bot.flow import escape, fmt_minutes
from bot.routers.staff import AuditMiddleware, IsStaff, Roles, find_customer, parse_args, role_of
from bot.staff_texts import st
from bot.texts import t
from storage.models import (
    LANGUAGES,
    STAGES,
    AuditLog,
    Campaign,
    Category,
    Feedback,
    Outbox,
    Purchase,
    ResponseEvent,
)
from storage.queries import categories_chosen, consent_history, granted_scopes, stage_history

router = Router(name=__name__)
router.message.filter(F.chat.type == "private", IsStaff())
router.message.middleware(AuditMiddleware())


class CampaignForm(StatesGroup):
    name = State()
    segment = State()
    active_days = State()
    min_purchases = State()
    offer = State()
    variant = State()
    schedule = State()
    budget = State()
    target = State()
    confirm = State()


class CampCb(CallbackData, prefix="cp"):
    field: str
    value: str


@router.message(Command("stats"), Roles("owner", "marketer", "support"))
async def stats_cmd(message: Message, session: AsyncSession) -> None:
    await message.answer(reports.stats_text(await reports.stats(session)))


@router.message(Command("customer"), Roles("owner", "marketer", "support"))
async def customer_cmd(message: Message, command: CommandObject, session: AsyncSession, role: str) -> None:
    """/customer <id | @username>. Support sees contact state and history, not preferences."""
    args = parse_args(command)
    customer = await find_customer(session, args[0]) if args else None
    if customer is None:
        await message.answer(st("staff.no_customer", ref=escape(args[0] if args else "?")))
        return
    granted = await granted_scopes(session, customer_id=customer.id)
    lines = [f"<b>Customer {customer.id}</b> {escape(customer.name or customer.first_name or '')} "
             f"@{escape(customer.username or '-')}",
             f"language {customer.language}, stage {customer.stage}, reachable {customer.reachable}, "
             f"purchases {customer.purchases_count}, last seen {customer.last_seen_at:%Y-%m-%d}",
             "scopes: " + (", ".join(sorted(granted)) or "none")]
    if role in ("owner", "marketer"):
        birthday = (f"{customer.birthday_day:02d}.{customer.birthday_month:02d}"
                    + (f".{customer.birthday_year}" if customer.birthday_year else "")) if customer.birthday_month else "-"
        every, chosen = await categories_chosen(session, customer_id=customer.id, active_only=False)
        interests = ", ".join(c.slug for c in every if c.id in chosen)
        quiet = (f"{fmt_minutes(customer.quiet_start)}–{fmt_minutes(customer.quiet_end)}"
                 if customer.quiet_start is not None else "-")
        lines.append(f"birthday {birthday}, interests {interests or '-'}, time zone {customer.timezone or '-'}, "
                     f"quiet {quiet}, weekly cap {customer.weekly_cap or 'default'}")
    lines.append("<b>Consent history</b>")
    for e in await consent_history(session, customer_id=customer.id):
        lines.append(f"{e.at:%Y-%m-%d %H:%M} {e.action} {e.scope} by {e.method}"
                     + (f" (message {e.message_id})" if e.message_id else ""))
    lines.append("<b>Stage history</b>")
    for s in await stage_history(session, customer_id=customer.id):
        lines.append(f"{s.at:%Y-%m-%d %H:%M} {s.from_stage or '-'} → {s.to_stage} ({s.reason})")
    sent = list((await session.execute(select(Outbox).where(Outbox.customer_id == customer.id)
                                       .order_by(Outbox.id.desc()).limit(10))).scalars())
    lines.append(f"<b>Messages</b> (last {len(sent)})")
    for m in sent:
        lines.append(f"{m.created_at:%Y-%m-%d} {m.kind} {m.status}" + (f" ({m.reason})" if m.reason else ""))
    responses = (await session.execute(select(func.count()).select_from(ResponseEvent)
                                       .where(ResponseEvent.customer_id == customer.id))).scalar_one()
    feedback = list((await session.execute(select(Feedback).where(Feedback.customer_id == customer.id))).scalars())
    lines.append(f"responses tracked personally: {responses}; feedback: "
                 + (", ".join(f"{f.subject} {f.rating}/5" for f in feedback) or "none"))
    purchases = (await session.execute(select(func.count()).select_from(Purchase)
                                       .where(Purchase.customer_id == customer.id))).scalar_one()
    lines.append(f"purchases recorded: {purchases}")
    await message.answer("\n".join(lines)[:4000])


# ---- campaigns: a guided dialog ------------------------------------------------------------------

def _toggle_keyboard(field: str, options: list[tuple[str, str]], chosen: list[str]):
    kb = InlineKeyboardBuilder()
    for value, label in options:
        kb.button(text=("✅ " if value in chosen else "☐ ") + label, callback_data=CampCb(field=field, value=value))
    kb.adjust(3)
    kb.button(text="Next ▶", callback_data=CampCb(field=field, value="__next"))
    return kb.as_markup()


SEGMENT_STEPS = ("stages", "languages", "interests")


async def _segment_options(session: AsyncSession, field: str) -> list[tuple[str, str]]:
    if field == "stages":
        return [(s, s) for s in STAGES]
    if field == "languages":
        return [(lang, lang) for lang in LANGUAGES]
    cats = (await session.execute(select(Category).where(Category.active.is_(True)).order_by(Category.id))).scalars()
    return [(str(c.id), c.slug) for c in cats]


@router.message(Command("campaign"), Roles("owner", "marketer"))
async def campaign_start(message: Message, state: FSMContext) -> None:
    await state.clear()
    kb = InlineKeyboardBuilder()
    for goal in camp.GOALS:
        kb.button(text=goal, callback_data=CampCb(field="goal", value=goal))
    kb.adjust(2)
    await state.set_data({"camp": {"segment": {}}, "current": "goal"})
    await message.answer("New campaign. What is its goal?\nacquisition = bring a friend, development = up-sell / "
                         "cross-sell, retention, winback. /cancel leaves.", reply_markup=kb.as_markup())


@router.callback_query(CampCb.filter())
async def campaign_button(query: CallbackQuery, callback_data: CampCb, state: FSMContext, session: AsyncSession,
                          settings: Settings, bot: Bot, lang: str = "en") -> None:
    if await role_of(session, settings, query.from_user.id) not in ("owner", "marketer"):
        await query.answer(t("error.expired", lang), show_alert=True)  # as for any stale button
        return
    data = await state.get_data()
    camp_data = data.get("camp")
    field, value = callback_data.field, callback_data.value
    if camp_data is None or data.get("current") != field:
        await query.answer("This button has expired.", show_alert=True)
        return
    await query.answer()
    chat = query.from_user.id
    if field == "goal" and value in camp.GOALS:
        camp_data["goal"] = value
        await state.set_data({"camp": camp_data, "current": "name"})
        await state.set_state(CampaignForm.name)
        await bot.send_message(chat, "Name of the campaign?")
    elif field in SEGMENT_STEPS:
        chosen = camp_data["segment"].setdefault(field, [])
        if value == "__next":
            index = SEGMENT_STEPS.index(field)
            if index + 1 < len(SEGMENT_STEPS):
                await _ask_segment(bot, chat, state, session, camp_data, SEGMENT_STEPS[index + 1])
            else:
                await state.set_data({"camp": camp_data, "current": "active_days"})
                await state.set_state(CampaignForm.active_days)
                await bot.send_message(chat, "Only customers active in the last N days? Type a number (0 = any; "
                                             "a negative number -N = inactive for N days, for win-back).")
            return
        if value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
        await state.update_data(camp=camp_data)
        options = await _segment_options(session, field)
        if query.message is not None:
            await query.message.edit_reply_markup(reply_markup=_toggle_keyboard(field, options, chosen))
    elif field == "variants" and value in ("add", "done"):
        if value == "add" and len(camp_data.get("variants", [])) < 4:
            await state.set_state(CampaignForm.variant)
            await state.update_data(current="variant")
            await bot.send_message(chat, f"Variant {camp.VARIANT_NAMES[len(camp_data['variants'])]}: type the message. "
                                         "Vary only one element between variants.")
        else:
            await state.set_state(CampaignForm.schedule)
            await state.update_data(current="schedule")
            await bot.send_message(chat, "When? Type <code>now</code> or a UTC time like 2026-12-01 10:00.")
    elif field == "confirm" and value in ("launch", "cancel"):
        await state.clear()
        if value == "cancel":
            await bot.send_message(chat, "Campaign cancelled; nothing was sent.")
            return
        campaign = Campaign(name=camp_data["name"], goal=camp_data["goal"], segment=_segment_for_db(camp_data),
                            offer=camp_data.get("offer", ""), variants=camp_data["variants"],
                            scheduled_at=datetime.fromisoformat(camp_data["schedule"]) if camp_data.get("schedule")
                            else None, budget=camp_data.get("budget"), target_rate=camp_data.get("target", 0.3),
                            created_by=chat)
        session.add(campaign)
        await session.flush()
        me = await bot.me()
        enqueued = await camp.launch(session, campaign, bot_username=me.username)
        session.add(AuditLog(staff_id=chat, command="campaign_launch", arguments=f"#{campaign.id} {campaign.name}"))
        await bot.send_message(chat, f"Campaign #{campaign.id} launched: {enqueued} message(s) queued for customers "
                                     f"with the offers permission.")


def _segment_for_db(camp_data: dict) -> dict:
    segment = dict(camp_data["segment"])
    if segment.get("interests"):
        segment["interests"] = [int(i) for i in segment["interests"]]
    return {k: v for k, v in segment.items() if v}


async def _ask_segment(bot: Bot, chat: int, state: FSMContext, session: AsyncSession, camp_data: dict,
                       field: str) -> None:
    await state.set_state(CampaignForm.segment)
    await state.set_data({"camp": camp_data, "current": field})
    titles = {"stages": "Target stages (none = all):", "languages": "Languages (none = all):",
              "interests": "Interests (none = any):"}
    await bot.send_message(chat, titles[field], reply_markup=_toggle_keyboard(
        field, await _segment_options(session, field), camp_data["segment"].get(field, [])))


@router.message(StateFilter(CampaignForm), F.text, ~F.text.startswith("/"))
async def campaign_text(message: Message, state: FSMContext, session: AsyncSession) -> None:
    data = await state.get_data()
    camp_data = data.get("camp") or {"segment": {}}
    current = await state.get_state()
    text = message.text.strip()
    chat = message.from_user.id
    if current == CampaignForm.name.state:
        camp_data["name"] = text[:128]
        await _ask_segment(message.bot, chat, state, session, camp_data, "stages")
    elif current == CampaignForm.active_days.state:
        if not text.lstrip("-").isdigit():
            await message.answer("Please type a whole number of days.")
            return
        days = int(text)
        if days > 0:
            camp_data["segment"]["active_days"] = days
        elif days < 0:
            camp_data["segment"]["inactive_days"] = -days
        await state.set_state(CampaignForm.min_purchases)
        await state.set_data({"camp": camp_data, "current": "min_purchases"})
        await message.answer("Minimum number of purchases? (0 = any)")
    elif current == CampaignForm.min_purchases.state:
        if not text.isdigit():
            await message.answer("Please type a whole number.")
            return
        if int(text):
            camp_data["segment"]["min_purchases"] = int(text)
        await state.set_state(CampaignForm.offer)
        await state.set_data({"camp": camp_data, "current": "offer"})
        await message.answer("The offer, in one line (or '-' for none):")
    elif current == CampaignForm.offer.state:
        camp_data["offer"] = "" if text == "-" else text[:256]
        camp_data["variants"] = []
        await state.set_state(CampaignForm.variant)
        await state.set_data({"camp": camp_data, "current": "variant"})
        await message.answer("Variant A: type the message.")
    elif current == CampaignForm.variant.state:
        camp_data.setdefault("variants", []).append(text[:3000])
        await state.set_state(None)
        await state.set_data({"camp": camp_data, "current": "variants"})
        kb = InlineKeyboardBuilder()
        if len(camp_data["variants"]) < 4:
            kb.button(text="Add a variant", callback_data=CampCb(field="variants", value="add"))
        kb.button(text="Variants done", callback_data=CampCb(field="variants", value="done"))
        await message.answer(f"{len(camp_data['variants'])} variant(s).", reply_markup=kb.as_markup())
    elif current == CampaignForm.schedule.state:
        if text.lower() == "now":
            camp_data["schedule"] = None
        else:
            try:
                when = datetime.fromisoformat(text)
            except ValueError:
                await message.answer("Please type now, or a time like 2026-12-01 10:00 (UTC).")
                return
            camp_data["schedule"] = (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).isoformat()
        await state.set_state(CampaignForm.budget)
        await state.set_data({"camp": camp_data, "current": "budget"})
        await message.answer("Budget? (a number, 0 = none)")
    elif current == CampaignForm.budget.state:
        try:
            camp_data["budget"] = float(text.replace(",", ".")) or None
        except ValueError:
            await message.answer("Please type a number.")
            return
        await state.set_state(CampaignForm.target)
        await state.set_data({"camp": camp_data, "current": "target"})
        await message.answer("Success criterion: target response rate in % (e.g. 30)?")
    elif current == CampaignForm.target.state:
        try:
            target = float(text.rstrip("%").replace(",", "."))
        except ValueError:
            target = -1
        if not 0 < target <= 100:
            await message.answer("Please type a percentage between 1 and 100.")
            return
        camp_data["target"] = target / 100
        await state.set_state(CampaignForm.confirm)
        await state.set_data({"camp": camp_data, "current": "confirm"})
        size = await camp.audience_size(session, _segment_for_db(camp_data))
        kb = InlineKeyboardBuilder()
        kb.button(text="🚀 Launch", callback_data=CampCb(field="confirm", value="launch"))
        kb.button(text="Cancel", callback_data=CampCb(field="confirm", value="cancel"))
        await message.answer(
            f"<b>{escape(camp_data['name'])}</b> ({camp_data['goal']})\nsegment: {_segment_for_db(camp_data) or 'all'}\n"
            f"variants: {len(camp_data['variants'])}, schedule: {camp_data.get('schedule') or 'now'}, "
            f"budget: {camp_data.get('budget') or '-'}, target: {target:.0f}%\n"
            f"<b>Audience after consent filtering: {size}</b> (only customers with the offers permission).",
            reply_markup=kb.as_markup())


@router.message(Command("campaigns"), Roles("owner", "marketer"))
async def campaigns_cmd(message: Message, session: AsyncSession) -> None:
    await message.answer(reports.campaigns_text(await reports.campaign_rows(session))[:4000])


@router.message(Command("report"), Roles("owner", "marketer"))
async def report_cmd(message: Message, session: AsyncSession) -> None:
    s = await reports.stats(session)
    rows = await reports.campaign_rows(session)
    png = reports.chart_png(s, rows)
    await message.answer_photo(BufferedInputFile(png, filename="report.png"), caption="Funnel and response rates")
    await message.answer((reports.stats_text(s) + "\n\n" + reports.campaigns_text(rows))[:4000])


@router.message(Command("export"), Roles("owner"))
async def export_cmd(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/export — the consent ledger as CSV; /export segment <stage…> — the customers of a segment.
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
        await message.answer_document(BufferedInputFile(data, filename="customers.csv"),
                                      caption=f"{len(ids)} customer(s)")
        return
    data = await exports.ledger_csv(session)
    await message.answer_document(BufferedInputFile(data, filename="consent-ledger.csv"), caption="Consent ledger")


@router.message(Command("categories"), Roles("owner", "marketer"))
async def categories_cmd(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/categories — list; add <slug> <en> <uk> <ru> <pl>; rename <slug> <lang> <name>; disable|enable <slug>"""
    args = parse_args(command)
    if not args:
        cats = (await session.execute(select(Category).order_by(Category.id))).scalars()
        await message.answer("\n".join(f"{c.slug}{'' if c.active else ' (disabled)'}: "
                                       + ", ".join(f"{k} {escape(v)}" for k, v in c.names.items()) for c in cats)
                             or "No categories.")
        return
    slug = args[1].lower() if len(args) > 1 else ""
    category = (await session.execute(select(Category).where(Category.slug == slug))).scalar_one_or_none()
    if args[0] == "add" and len(args) == 6 and category is None and slug.isidentifier():
        session.add(Category(slug=slug, names=dict(zip(LANGUAGES, args[2:6])), active=True))
        await message.answer(f"Category {slug} added.")
    elif args[0] == "rename" and len(args) == 4 and category is not None and args[2] in LANGUAGES:
        category.names = {**category.names, args[2]: args[3]}
        await message.answer(f"Category {slug} renamed.")
    elif args[0] in ("disable", "enable") and len(args) == 2 and category is not None:
        category.active = args[0] == "enable"
        await message.answer(f"Category {slug} {args[0]}d.")
    else:
        await message.answer("Usage: /categories, /categories add <slug> <en> <uk> <ru> <pl>, "
                             "/categories rename <slug> <lang> <name>, /categories disable|enable <slug>")


@router.message(Command("audit"), Roles("owner"))
async def audit_cmd(message: Message, session: AsyncSession) -> None:
    rows = (await session.execute(select(AuditLog).order_by(AuditLog.id.desc()).limit(30))).scalars()
    await message.answer("\n".join(f"{r.at:%Y-%m-%d %H:%M} {r.staff_id} /{r.command} {escape(r.arguments or '')}"
                                   for r in rows)[:4000] or "The audit log is empty.")


STAFF_COMMANDS = {"staff", "sample_new", "samples", "sample_close", "requests", "fulfil", "fulfill", "purchase",
                  "perk", "stats", "customer", "campaign", "campaigns", "report", "export", "categories", "audit"}


def _staff_command(message: Message) -> bool:
    text = message.text or ""
    return text.startswith("/") and text.split()[0][1:].split("@")[0] in STAFF_COMMANDS


@router.message(_staff_command)
async def role_denied(message: Message) -> None:
    """A staff command this staff member's role may not use: `Roles` has already said so."""
