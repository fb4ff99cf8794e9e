"""The staff console: stats, customer look-up, campaigns, reports, exports, categories, audit."""
from __future__ import annotations

import math
from datetime import datetime, timezone

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import campaigns as camp
from bot import reports
from bot.config import Settings
from bot.flow import fmt_minutes
from bot.html_text import cut_html
from bot.html_text import esc as escape
from bot.routers import Routes
from bot.routers.staff import AuditMiddleware, IsStaff, Roles, parse_args, resolve_customer, role_of
from bot.staff_texts import Html, st, st_plain
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

routes = Routes()
routes.message.filter(F.chat.type == "private", IsStaff())
routes.message.middleware(AuditMiddleware())


class CampaignForm(StatesGroup):
    goal = State()
    name = State()
    segment = State()
    active_days = State()
    min_purchases = State()
    offer = State()
    variant = State()
    more = State()  # another variant, or done
    schedule = State()
    budget = State()
    target = State()
    confirm = State()


class CampCb(CallbackData, prefix="cp"):
    field: str
    value: str


@routes.message(Command("stats"), Roles("owner", "marketer", "support"))
async def stats_cmd(message: Message, session: AsyncSession) -> None:
    await message.answer(reports.stats_text(await reports.stats(session)))


@routes.message(Command("customer"), Roles("owner", "marketer", "support"))
async def customer_cmd(message: Message, command: CommandObject, session: AsyncSession, role: str) -> None:
    """/customer <id | @username>. Support sees contact state and history, not preferences."""
    args = parse_args(command)
    customer = await resolve_customer(message, session, args[0] if args else None)
    if customer is None:
        return
    preferences = role in ("owner", "marketer")
    granted = await granted_scopes(session, customer_id=customer.id)
    lines = [f"<b>{st('console.customer.title', id=customer.id)}</b> "
             f"{escape(customer.name or customer.first_name or '')} @{escape(customer.username or '-')}",
             st("console.customer.state", language=customer.language, stage=customer.stage,
                reachable=customer.reachable, purchases=customer.purchases_count,
                last_seen=f"{customer.last_seen_at:%Y-%m-%d}"),
             st("console.customer.scopes", scopes=", ".join(sorted(granted)) or st("console.none"))]
    if preferences:
        birthday = (f"{customer.birthday_day:02d}.{customer.birthday_month:02d}"
                    + (f".{customer.birthday_year}" if customer.birthday_year else "")) if customer.birthday_month else "-"
        every, chosen = await categories_chosen(session, customer_id=customer.id, active_only=False)
        interests = ", ".join(escape(c.slug) for c in every if c.id in chosen)
        quiet = (f"{fmt_minutes(customer.quiet_start)}–{fmt_minutes(customer.quiet_end)}"
                 if customer.quiet_start is not None else "-")
        lines.append(st("console.customer.preferences", birthday=birthday, interests=Html(interests or "-"),
                        zone=customer.timezone or "-", quiet=quiet,
                        cap=customer.weekly_cap or st("console.customer.cap_default")))
    lines.append(f"<b>{st('console.customer.consent_history')}</b>")
    for e in await consent_history(session, customer_id=customer.id):
        lines.append(st("console.customer.consent_event", at=f"{e.at:%Y-%m-%d %H:%M}", action=e.action,
                        scope=e.scope, method=e.method)
                     + (" " + st("console.customer.consent_message", id=e.message_id) if e.message_id else ""))
    lines.append(f"<b>{st('console.customer.stage_history')}</b>")
    for s in await stage_history(session, customer_id=customer.id):
        lines.append(f"{s.at:%Y-%m-%d %H:%M} {s.from_stage or '-'} → {s.to_stage} ({escape(s.reason)})")
    messages = select(Outbox).where(Outbox.customer_id == customer.id)
    if not preferences:
        # The dates of birthday greetings give the birthday away; support sees no preferences.
        messages = messages.where(Outbox.kind != "birthday")
    sent = list((await session.execute(messages.order_by(Outbox.id.desc()).limit(10))).scalars())
    lines.append(f"<b>{st('console.customer.messages')}</b> "
                 + st("console.customer.messages_shown" if preferences else "console.customer.messages_shown_support",
                      n=len(sent)))
    for m in sent:
        lines.append(f"{m.created_at:%Y-%m-%d} {m.kind} {m.status}" + (f" ({escape(m.reason)})" if m.reason else ""))
    responses = (await session.execute(select(func.count()).select_from(ResponseEvent)
                                       .where(ResponseEvent.customer_id == customer.id))).scalar_one()
    feedback = list((await session.execute(select(Feedback).where(Feedback.customer_id == customer.id))).scalars())
    lines.append(st("console.customer.responses", responses=responses,
                    feedback=Html(", ".join(f"{escape(f.subject)} {f.rating}/5" for f in feedback))
                    or st("console.none")))
    purchases = (await session.execute(select(func.count()).select_from(Purchase)
                                       .where(Purchase.customer_id == customer.id))).scalar_one()
    lines.append(st("console.customer.purchases", n=purchases))
    await message.answer(cut_html("\n".join(lines)))


# ---- campaigns: a guided dialog ------------------------------------------------------------------
#
# The dialogue's data ({"camp": {...}, "current": <the step whose buttons are live>}) is never
# changed in place: each step builds new dicts and lists and stores them. (A nested list changed
# in place and stored again was lost with the database storage, which compared it with a value
# it shared: the second ticked stage unticked the first, and the segment ended up empty.)

SEGMENT_STEPS = ("stages", "languages", "interests")
SEGMENT_TITLES = {"stages": "console.campaign.stages", "languages": "console.campaign.languages",
                  "interests": "console.campaign.interests"}  # keys of staff texts
# Steps answered with a button: typed text there gets a hint, not silence.
BUTTON_STEPS = {"CampaignForm:goal": "console.campaign.hint.goal",
                "CampaignForm:segment": "console.campaign.hint.segment",
                "CampaignForm:more": "console.campaign.hint.more",
                "CampaignForm:confirm": "console.campaign.hint.confirm"}  # keys of staff texts
CAMPAIGN_CANCELLED = "console.campaign.cancelled"
MAX_DAYS = 3650
MAX_PURCHASES = 1_000_000


def _toggle_keyboard(field: str, options: list[tuple[str, str]], chosen: list[str]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for value, label in options:
        kb.button(text=("✅ " if value in chosen else "☐ ") + label, callback_data=CampCb(field=field, value=value))
    kb.adjust(3)
    kb.button(text=st_plain("console.campaign.next"), callback_data=CampCb(field=field, value="__next"))
    return kb.as_markup()


async def _segment_options(session: AsyncSession, field: str) -> list[tuple[str, str]]:
    if field == "stages":
        return [(s, s) for s in STAGES]
    if field == "languages":
        return [(lang, lang) for lang in LANGUAGES]
    cats = (await session.execute(select(Category).where(Category.active.is_(True)).order_by(Category.id))).scalars()
    return [(str(c.id), c.slug) for c in cats]


@routes.message(Command("campaign"), Roles("owner", "marketer"))
async def campaign_start(message: Message, state: FSMContext) -> None:
    await state.clear()
    kb = InlineKeyboardBuilder()
    for goal in camp.GOALS:
        kb.button(text=goal, callback_data=CampCb(field="goal", value=goal))
    kb.adjust(2)
    await state.set_state(CampaignForm.goal)
    await state.set_data({"camp": {"segment": {}}, "current": "goal"})
    await message.answer(st("console.campaign.start"), reply_markup=kb.as_markup())


@routes.message(Command("cancel"), StateFilter(CampaignForm))
async def campaign_cancel(message: Message, state: FSMContext) -> None:
    """/cancel leaves the campaign at any step (before the customers' /cancel, which would answer
    in customer words)."""
    await state.clear()
    await message.answer(st(CAMPAIGN_CANCELLED))


@routes.callback_query(CampCb.filter())
async def campaign_button(query: CallbackQuery, callback_data: CampCb, state: FSMContext, session: AsyncSession,
                          settings: Settings, bot: Bot, lang: str = "en") -> None:
    if await role_of(session, settings, query.from_user.id) not in ("owner", "marketer"):
        await query.answer(t("error.expired", lang), show_alert=True)  # as for any stale button
        return
    data = await state.get_data()
    camp_data = data.get("camp")
    field, value = callback_data.field, callback_data.value
    options = await _segment_options(session, field) if field in SEGMENT_STEPS else []
    valid = {"goal": camp.GOALS, "variants": ("add", "done"), "confirm": ("launch", "cancel")}.get(field) \
        or [v for v, _ in options] + ["__next"]
    if camp_data is None or data.get("current") != field or value not in valid:
        await query.answer(st_plain("console.campaign.expired"), show_alert=True)
        return
    await query.answer()
    chat = query.from_user.id
    if field == "goal":
        await state.set_state(CampaignForm.name)
        await state.set_data({"camp": {**camp_data, "goal": value}, "current": "name"})
        await bot.send_message(chat, st("console.campaign.name"))
    elif field in SEGMENT_STEPS:
        if value == "__next":
            index = SEGMENT_STEPS.index(field)
            if index + 1 < len(SEGMENT_STEPS):
                await _ask_segment(bot, chat, state, session, camp_data, SEGMENT_STEPS[index + 1])
            else:
                await state.set_data({"camp": camp_data, "current": "active_days"})
                await state.set_state(CampaignForm.active_days)
                await bot.send_message(chat, st("console.campaign.active_days"))
            return
        before = camp_data["segment"].get(field, [])
        chosen = [v for v in before if v != value] if value in before else [*before, value]
        camp_data = {**camp_data, "segment": {**camp_data["segment"], field: chosen}}
        await state.update_data(camp=camp_data)
        markup = _toggle_keyboard(field, options, chosen)
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=markup)
        else:
            # Telegram sent the press under a message it no longer shows (InaccessibleMessage,
            # date 0): that message cannot be edited, so the keyboard comes again in a new one.
            await bot.send_message(chat, st(SEGMENT_TITLES[field]), reply_markup=markup)
    elif field == "variants":
        if value == "add" and len(camp_data.get("variants", [])) < 4:
            await state.set_state(CampaignForm.variant)
            await state.update_data(current="variant")
            await bot.send_message(chat, st("console.campaign.variant_next",
                                            variant=camp.VARIANT_NAMES[len(camp_data["variants"])]))
        else:
            await state.set_state(CampaignForm.schedule)
            await state.update_data(current="schedule")
            await bot.send_message(chat, st("console.campaign.schedule", now=Html("<code>now</code>")))
    elif field == "confirm":
        await state.clear()
        if value == "cancel":
            await bot.send_message(chat, st(CAMPAIGN_CANCELLED))
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
        await bot.send_message(chat, st("console.campaign.launched", id=campaign.id, n=enqueued))


def _segment_for_db(camp_data: dict) -> dict:
    segment = dict(camp_data["segment"])
    if segment.get("interests"):
        segment["interests"] = [int(i) for i in segment["interests"]]
    return {k: v for k, v in segment.items() if v}


async def _segment_text(session: AsyncSession, segment: dict) -> str:
    """The segment as staff read it (choices in the order of the options), escaped."""
    parts = []
    for field in SEGMENT_STEPS:
        chosen = {str(v) for v in segment.get(field) or ()}
        if chosen:
            labels = [label for value, label in await _segment_options(session, field) if value in chosen]
            if field == "interests" and len(labels) < len(chosen):  # disabled meanwhile: still targeted
                cats = (await session.execute(select(Category).where(Category.id.in_([int(i) for i in chosen]))
                                              .order_by(Category.id))).scalars()
                labels = [c.slug for c in cats]
            parts.append(st(f"console.segment.{field}", values=", ".join(labels)))
    if segment.get("active_days"):
        parts.append(st("console.segment.active", n=segment["active_days"]))
    if segment.get("inactive_days"):
        parts.append(st("console.segment.inactive", n=segment["inactive_days"]))
    if segment.get("min_purchases"):
        parts.append(st("console.segment.min_purchases", n=segment["min_purchases"]))
    return "; ".join(parts) or st("console.segment.all")


async def _ask_segment(bot: Bot, chat: int, state: FSMContext, session: AsyncSession, camp_data: dict,
                       field: str) -> None:
    await state.set_state(CampaignForm.segment)
    await state.set_data({"camp": camp_data, "current": field})
    await bot.send_message(chat, st(SEGMENT_TITLES[field]), reply_markup=_toggle_keyboard(
        field, await _segment_options(session, field), camp_data["segment"].get(field, [])))


@routes.message(StateFilter(CampaignForm), ~F.text)
async def campaign_not_text(message: Message, state: FSMContext) -> None:
    """A photo, sticker, voice… at a campaign step: the step stays; say what it wants."""
    current = await state.get_state()
    await message.answer(st(BUTTON_STEPS.get(current, "console.campaign.need_text")) + " "
                         + st("console.campaign.leave"))


@routes.message(StateFilter(CampaignForm), F.text, ~F.text.startswith("/"))
async def campaign_text(message: Message, state: FSMContext, session: AsyncSession) -> None:
    """The typed steps. Commands never reach here (they start with "/": /cancel, /stats… work at
    any step), and text at a step answered with buttons gets a hint instead of being taken."""
    current = await state.get_state()
    if current in BUTTON_STEPS:
        await message.answer(st(BUTTON_STEPS[current]) + " " + st("console.campaign.leave"))
        return
    data = await state.get_data()
    camp_data = data.get("camp") or {"segment": {}}
    text = message.text.strip()
    chat = message.from_user.id
    if not text:
        await message.answer(st("console.campaign.need_text") + " " + st("console.campaign.leave"))
        return
    if current == CampaignForm.name.state:
        await _ask_segment(message.bot, chat, state, session, {**camp_data, "name": text[:128]}, "stages")
    elif current == CampaignForm.active_days.state:
        if not text.lstrip("-").isdecimal() or abs(int(text)) > MAX_DAYS:
            await message.answer(st("console.campaign.days_invalid", max=MAX_DAYS))
            return
        days = int(text)
        segment = {k: v for k, v in camp_data["segment"].items() if k not in ("active_days", "inactive_days")}
        if days > 0:
            segment["active_days"] = days
        elif days < 0:
            segment["inactive_days"] = -days
        await state.set_state(CampaignForm.min_purchases)
        await state.set_data({"camp": {**camp_data, "segment": segment}, "current": "min_purchases"})
        await message.answer(st("console.campaign.min_purchases"))
    elif current == CampaignForm.min_purchases.state:
        if not text.isdecimal() or int(text) > MAX_PURCHASES:
            await message.answer(st("console.campaign.whole_number"))
            return
        segment = {k: v for k, v in camp_data["segment"].items() if k != "min_purchases"}
        if int(text):
            segment["min_purchases"] = int(text)
        await state.set_state(CampaignForm.offer)
        await state.set_data({"camp": {**camp_data, "segment": segment}, "current": "offer"})
        await message.answer(st("console.campaign.offer"))
    elif current == CampaignForm.offer.state:
        await state.set_state(CampaignForm.variant)
        await state.set_data({"camp": {**camp_data, "offer": "" if text == "-" else text[:256], "variants": []},
                              "current": "variant"})
        await message.answer(st("console.campaign.variant_first"))
    elif current == CampaignForm.variant.state:
        variants = [*camp_data.get("variants", []), text[:3000]]
        await state.set_state(CampaignForm.more)
        await state.set_data({"camp": {**camp_data, "variants": variants}, "current": "variants"})
        kb = InlineKeyboardBuilder()
        if len(variants) < 4:
            kb.button(text=st_plain("console.campaign.add_variant"), callback_data=CampCb(field="variants", value="add"))
        kb.button(text=st_plain("console.campaign.variants_done"), callback_data=CampCb(field="variants", value="done"))
        await message.answer(st("console.campaign.variants", n=len(variants)), reply_markup=kb.as_markup())
    elif current == CampaignForm.schedule.state:
        if text.lower() == "now":
            schedule = None
        else:
            try:
                when = datetime.fromisoformat(text)
            except ValueError:
                await message.answer(st("console.campaign.schedule_invalid"))
                return
            schedule = (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).isoformat()
        await state.set_state(CampaignForm.budget)
        await state.set_data({"camp": {**camp_data, "schedule": schedule}, "current": "budget"})
        await message.answer(st("console.campaign.budget"))
    elif current == CampaignForm.budget.state:
        try:
            budget = float(text.replace(",", "."))
        except ValueError:
            budget = -1.0
        if not (math.isfinite(budget) and budget >= 0):
            await message.answer(st("console.campaign.budget_invalid"))
            return
        await state.set_state(CampaignForm.target)
        await state.set_data({"camp": {**camp_data, "budget": budget or None}, "current": "target"})
        await message.answer(st("console.campaign.target"))
    elif current == CampaignForm.target.state:
        try:
            target = float(text.rstrip("%").replace(",", "."))
        except ValueError:
            target = -1
        if not 0 < target <= 100:
            await message.answer(st("console.campaign.target_invalid"))
            return
        camp_data = {**camp_data, "target": target / 100}
        await state.set_state(CampaignForm.confirm)
        await state.set_data({"camp": camp_data, "current": "confirm"})
        segment = _segment_for_db(camp_data)
        size = await camp.audience_size(session, segment)
        kb = InlineKeyboardBuilder()
        kb.button(text=st_plain("console.campaign.launch"), callback_data=CampCb(field="confirm", value="launch"))
        kb.button(text=st_plain("console.campaign.cancel"), callback_data=CampCb(field="confirm", value="cancel"))
        summary = st("console.campaign.summary", segment=Html(await _segment_text(session, segment)),
                     variants=len(camp_data["variants"]),
                     schedule=camp_data.get("schedule") or st("console.campaign.now"),
                     budget=camp_data.get("budget") or "-", target=f"{target:.0f}")
        await message.answer(
            f"<b>{escape(camp_data['name'])}</b> ({camp_data['goal']})\n{summary}\n"
            f"<b>{st('console.campaign.audience', size=size)}</b> {st('console.campaign.audience_note')}",
            reply_markup=kb.as_markup())


@routes.message(Command("campaigns"), Roles("owner", "marketer"))
async def campaigns_cmd(message: Message, session: AsyncSession) -> None:
    await message.answer(cut_html(reports.campaigns_text(await reports.campaign_rows(session))))


@routes.message(Command("report"), Roles("owner", "marketer"))
async def report_cmd(message: Message, session: AsyncSession) -> None:
    s = await reports.stats(session)
    rows = await reports.campaign_rows(session)
    png = reports.chart_png(s, rows)
    await message.answer_photo(BufferedInputFile(png, filename="report.png"), caption=st("console.report.caption"))
    await message.answer(cut_html(reports.stats_text(s) + "\n\n" + reports.campaigns_text(rows)))


@routes.message(Command("export"), Roles("owner"))
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
                                      caption=st("console.export.customers", n=len(ids)))
        return
    data = await exports.ledger_csv(session)
    await message.answer_document(BufferedInputFile(data, filename="consent-ledger.csv"), caption=st("console.export.ledger"))


@routes.message(Command("categories"), Roles("owner", "marketer"))
async def categories_cmd(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/categories — list; add <slug> <en> <uk> <ru> <pl>; rename <slug> <lang> <name>; disable|enable <slug>"""
    args = parse_args(command)
    if not args:
        cats = (await session.execute(select(Category).order_by(Category.id))).scalars()
        await message.answer(cut_html("\n".join(f"{escape(c.slug)}{'' if c.active else ' ' + st('console.categories.disabled')}: "
                                                + ", ".join(f"{escape(k)} {escape(v)}" for k, v in c.names.items())
                                                for c in cats)) or st("console.categories.none"))
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
        await message.answer(st("console.categories.enabled" if category.active else "console.categories.disabled_now",
                                slug=slug))
    else:
        await message.answer(st("console.categories.usage"))


@routes.message(Command("audit"), Roles("owner"))
async def audit_cmd(message: Message, session: AsyncSession) -> None:
    rows = (await session.execute(select(AuditLog).order_by(AuditLog.id.desc()).limit(30))).scalars()
    await message.answer(cut_html("\n".join(f"{r.at:%Y-%m-%d %H:%M} {r.staff_id} /{escape(r.command)} "
                                             f"{escape(r.arguments or '')}" for r in rows))
                         or st("console.audit.empty"))


STAFF_COMMANDS = {"staff", "sample_new", "samples", "sample_close", "requests", "fulfil", "fulfill", "purchase",
                  "perk", "stats", "customer", "campaign", "campaigns", "report", "export", "categories", "audit"}


def _staff_command(message: Message) -> bool:
    text = message.text or ""
    return text.startswith("/") and text.split()[0][1:].split("@")[0] in STAFF_COMMANDS


@routes.message(_staff_command)
async def role_denied(message: Message) -> None:
    """A staff command this staff member's role may not use: `Roles` has already said so."""


def build_router() -> Router:
    """A new Router with this module's handlers (bot/app.py includes it)."""
    return routes.build(name=__name__)
