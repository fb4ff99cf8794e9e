"""Campaigns: the /campaign dialogue (goal, name, segment, offer, variants, schedule, budget,
target, confirm) and /campaigns (results)."""
from __future__ import annotations

import math
from datetime import datetime, timezone

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import campaigns as camp, reports
from bot.config import Settings
from bot.consent.scopes import LANGUAGES
from bot.html_text import cut_html, esc as escape
from bot.routers import Routes
from bot.routers.staff.common import Roles, role_of
from bot.staff_texts import Html, st, st_plain
from bot.texts import t
from storage.models import STAGES, AuditLog, Campaign, Category

routes = Routes()


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


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
