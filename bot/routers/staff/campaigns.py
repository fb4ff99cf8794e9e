"""Campaigns: the /campaign dialogue (goal, name, segment, offer, variants, schedule, budget,
target, confirm) and /campaigns (results)."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import abtest, campaigns as camp, reports
from bot.config import Settings
from bot.consent.scopes import LANGUAGES
from bot.html_text import cut_html, esc as escape
from bot.routers import Routes
from bot.routers.staff.common import Roles, role_of
from bot.staff_texts import Html, st, st_plain
from bot.texts import t
from storage.models import STAGES, AuditLog, Campaign, Category
from storage.types import utcnow

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
    ab_share = State()
    ab_criterion = State()
    ab_window = State()
    ab_level = State()
    schedule = State()
    budget = State()
    target = State()
    confirm = State()
    confirm_empty = State()  # the audience is 0: launch anyway?


class CampCb(CallbackData, prefix="cp"):
    field: str
    value: str


# ---- campaigns: a guided dialogue, declared as a table of steps ----------------------------------
#
# The dialogue's data ({"camp": {...}, "current": <the step whose buttons are live>}) is never
# changed in place: each step builds new dicts and lists and stores them. (A nested list changed
# in place and stored again was lost with the database storage, which compared it with a value
# it shared: the second ticked stage unticked the first, and the segment ended up empty.)

SEGMENT_STEPS = ("stages", "languages", "interests")
SEGMENT_TITLES = {
    "stages": "console.campaign.stages",
    "languages": "console.campaign.languages",
    "interests": "console.campaign.interests",
}  # keys of staff texts
CAMPAIGN_CANCELLED = "console.campaign.cancelled"
MAX_DAYS = 3650
MAX_PURCHASES = 1_000_000
MAX_VARIANTS = 4


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


def _buttons(field: str, choices: list[tuple[str, str]], columns: int = 0) -> InlineKeyboardMarkup:
    """One button per (value, label)."""
    kb = InlineKeyboardBuilder()
    for value, label in choices:
        kb.button(text=label, callback_data=CampCb(field=field, value=value))
    if columns:
        kb.adjust(columns)
    return kb.as_markup()


@dataclass(frozen=True)
class Invalid:
    """A typed answer the step does not take: the staff text to reply, the step stays."""

    key: str
    vars: dict = field(default_factory=dict)


Prompt = Callable[[AsyncSession, dict], Awaitable[tuple[str, InlineKeyboardMarkup | None]]]


def _say(key: str, **vars: Any) -> Prompt:
    async def prompt(session: AsyncSession, camp_data: dict) -> tuple[str, InlineKeyboardMarkup | None]:
        return st(key, **vars), None

    return prompt


@dataclass(frozen=True)
class CampStep:
    name: str  # `current` in the dialogue data, and the `field` of its buttons (CampCb)
    state: State
    prompt: Prompt  # what is sent on entering the step: (text, buttons)
    # A typed answer: (camp data, text) -> the new camp data, or Invalid. None: answered with buttons.
    typed: Callable[[dict, str], dict | Invalid] | None = None
    then: str | None = None  # the step after a typed answer
    # Its buttons: (session) -> the values taken; a press: (camp data, value) -> (new camp data, next step).
    values: Callable[[AsyncSession], Awaitable[list[str]]] | None = None
    pressed: Callable[[dict, str], tuple[dict, str]] | None = None
    # Staff text key ($buttons: the labels to press) when text comes at a step answered with buttons.
    hint: str | None = None
    toggles: bool = False  # a segment criterion: a press ticks a choice in place, "__next" goes on
    final: bool = False  # the last step: launch or cancel (campaign_button)
    if_empty: str | None = None  # a final step: where Launch goes first when the audience is 0


def _fixed(*values: str) -> Callable[[AsyncSession], Awaitable[list[str]]]:
    async def get(session: AsyncSession) -> list[str]:
        return list(values)

    return get


def _segment_values(name: str) -> Callable[[AsyncSession], Awaitable[list[str]]]:
    async def get(session: AsyncSession) -> list[str]:
        return [v for v, _ in await _segment_options(session, name)] + ["__next"]

    return get


def _segment_prompt(name: str) -> Prompt:
    async def prompt(session: AsyncSession, camp_data: dict) -> tuple[str, InlineKeyboardMarkup | None]:
        return st(SEGMENT_TITLES[name]), _toggle_keyboard(
            name, await _segment_options(session, name), camp_data["segment"].get(name, [])
        )

    return prompt


def _segment_step(name: str, then: str) -> CampStep:
    return CampStep(
        name,
        CampaignForm.segment,
        _segment_prompt(name),
        values=_segment_values(name),
        pressed=lambda camp_data, value: (camp_data, then),
        hint="console.campaign.hint.segment",
        toggles=True,
    )


async def _goal_prompt(session: AsyncSession, camp_data: dict) -> tuple[str, InlineKeyboardMarkup | None]:
    return st("console.campaign.start"), _buttons("goal", [(goal, goal) for goal in camp.GOALS], columns=2)


async def _variant_prompt(session: AsyncSession, camp_data: dict) -> tuple[str, InlineKeyboardMarkup | None]:
    done = len(camp_data.get("variants", []))
    if not done:
        return st("console.campaign.variant_first"), None
    return st("console.campaign.variant_next", variant=camp.VARIANT_NAMES[done]), None


async def _variants_prompt(session: AsyncSession, camp_data: dict) -> tuple[str, InlineKeyboardMarkup | None]:
    n = len(camp_data["variants"])
    choices = [("add", st_plain("console.campaign.add_variant"))] if n < MAX_VARIANTS else []
    choices.append(("done", st_plain("console.campaign.variants_done")))
    if n > 1:  # two variants or more: they can be tested on a share of the audience first
        choices.append(("test", st_plain("console.campaign.ab_test")))
    return st("console.campaign.variants", n=n), _buttons("variants", choices)


async def _confirm_prompt(session: AsyncSession, camp_data: dict) -> tuple[str, InlineKeyboardMarkup | None]:
    segment = _segment_for_db(camp_data)
    size, paused = await _audience(session, camp_data)
    summary = st(
        "console.campaign.summary",
        segment=Html(await _segment_text(session, segment)),
        variants=len(camp_data["variants"]),
        schedule=camp_data.get("schedule") or st("console.campaign.now"),
        budget=camp_data.get("budget") or "-",
        target=f"{round(camp_data['target'] * 100, 9):.0f}",
    )
    ab = camp_data.get("ab")
    if ab:
        summary = Html(
            f"{summary}\n"
            + st(
                "console.campaign.ab_summary",
                share=_pct(ab["share"]),
                days=ab["days"],
                criterion=_criterion_text(ab["criterion"], ab["days"]),
                level=_pct(ab["level"]),
            )
        )
    return (
        f"<b>{escape(camp_data['name'])}</b> ({camp_data['goal']})\n{summary}\n"
        f"<b>{st('console.campaign.audience', size=size)}</b> {st('console.campaign.audience_note')}"
        + (f"\n{st('console.campaign.audience_paused', paused=paused)}" if paused else ""),
        _buttons(
            "confirm",
            [("launch", st_plain("console.campaign.launch")), ("cancel", st_plain("console.campaign.cancel"))],
        ),
    )


async def _audience(session: AsyncSession, camp_data: dict) -> tuple[int, int]:
    """(customers the campaign is enqueued for, how many of them have a pause running at its send
    time): the sender drops the message of a customer paused then, as it does for any campaign."""
    segment, now = _segment_for_db(camp_data), utcnow()
    at = max(datetime.fromisoformat(camp_data["schedule"]), now) if camp_data.get("schedule") else now
    size = await camp.audience_size(session, segment, now=now)
    return size, await camp.audience_paused(session, segment, at=at, now=now) if size else 0


async def _confirm_empty_prompt(session: AsyncSession, camp_data: dict) -> tuple[str, InlineKeyboardMarkup | None]:
    return st("console.campaign.empty_audience"), _buttons(
        "confirm_empty",
        [
            ("launch", st_plain("console.campaign.launch_anyway")),
            ("cancel", st_plain("console.campaign.cancel")),
        ],
    )


def _take_active_days(camp_data: dict, text: str) -> dict | Invalid:
    if not text.lstrip("-").isdecimal() or abs(int(text)) > MAX_DAYS:
        return Invalid("console.campaign.days_invalid", {"max": MAX_DAYS})
    days = int(text)
    segment = {k: v for k, v in camp_data["segment"].items() if k not in ("active_days", "inactive_days")}
    if days > 0:
        segment["active_days"] = days
    elif days < 0:
        segment["inactive_days"] = -days
    return {**camp_data, "segment": segment}


def _take_min_purchases(camp_data: dict, text: str) -> dict | Invalid:
    if not text.isdecimal() or int(text) > MAX_PURCHASES:
        return Invalid("console.campaign.whole_number")
    segment = {k: v for k, v in camp_data["segment"].items() if k != "min_purchases"}
    if int(text):
        segment["min_purchases"] = int(text)
    return {**camp_data, "segment": segment}


def _take_schedule(camp_data: dict, text: str) -> dict | Invalid:
    if text.lower() == "now":
        return {**camp_data, "schedule": None}
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return Invalid("console.campaign.schedule_invalid")
    return {**camp_data, "schedule": (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).isoformat()}


def _take_budget(camp_data: dict, text: str) -> dict | Invalid:
    try:
        budget = float(text.replace(",", "."))
    except ValueError:
        budget = -1.0
    if not (math.isfinite(budget) and budget >= 0):
        return Invalid("console.campaign.budget_invalid")
    return {**camp_data, "budget": budget or None}


def _take_target(camp_data: dict, text: str) -> dict | Invalid:
    try:
        target = float(text.rstrip("%").replace(",", "."))
    except ValueError:
        target = -1
    if not 0 < target <= 100:
        return Invalid("console.campaign.target_invalid")
    return {**camp_data, "target": target / 100}


def _more_pressed(camp_data: dict, value: str) -> tuple[dict, str]:
    more = value == "add" and len(camp_data.get("variants", [])) < MAX_VARIANTS
    if more:
        return camp_data, "variant"
    if value == "test" and len(camp_data.get("variants", [])) > 1:  # an A/B test first
        return {**camp_data, "ab": {}}, "ab_share"
    return {**camp_data, "ab": None}, "schedule"


# ---- A/B test steps (bot/abtest.py): share, criterion, window, level --------------------------

MAX_WINDOW_DAYS = abtest.MAX_WINDOW_DAYS


def _pct(value: float) -> str:
    return f"{round(value * 100, 9):g}%"


async def _ab_share_prompt(session: AsyncSession, camp_data: dict) -> tuple[str, InlineKeyboardMarkup | None]:
    return Html(f"{st('console.campaign.ab_mode')}\n{st('console.campaign.ab_share')}"), _buttons(
        "ab_share", [(str(round(s * 100)), _pct(s)) for s in abtest.SHARES], columns=4
    )


async def _ab_criterion_prompt(session: AsyncSession, camp_data: dict) -> tuple[str, InlineKeyboardMarkup | None]:
    return st("console.campaign.ab_criterion"), _buttons(
        "ab_criterion",
        [("press", st_plain("console.campaign.ab_press")), ("purchase", st_plain("console.campaign.ab_purchase"))],
    )


async def _ab_level_prompt(session: AsyncSession, camp_data: dict) -> tuple[str, InlineKeyboardMarkup | None]:
    return st("console.campaign.ab_level"), _buttons(
        "ab_level", [(str(round(level * 100)), _pct(level)) for level in abtest.LEVELS], columns=3
    )


def _take_ab_window(camp_data: dict, text: str) -> dict | Invalid:
    if not text.isdecimal() or not 1 <= int(text) <= MAX_WINDOW_DAYS:
        return Invalid("console.campaign.ab_window_invalid", {"max": MAX_WINDOW_DAYS})
    return {**camp_data, "ab": {**camp_data["ab"], "days": int(text)}}


def _ab_set(name: str, then: str, convert: Callable[[str], Any]) -> Callable[[dict, str], tuple[dict, str]]:
    def pressed(camp_data: dict, value: str) -> tuple[dict, str]:
        return {**camp_data, "ab": {**(camp_data.get("ab") or {}), name: convert(value)}}, then

    return pressed


def _criterion_text(criterion: str, days: int) -> str:
    if criterion == "press":
        return st_plain("console.report.ab_by_press")
    return st_plain("console.report.ab_by_purchase", days=days)


# In the order the dialogue goes (docs/dialogues.md draws it).
CAMPAIGN_STEPS: dict[str, CampStep] = {
    step.name: step
    for step in (
        CampStep(
            "goal",
            CampaignForm.goal,
            _goal_prompt,
            values=_fixed(*camp.GOALS),
            pressed=lambda camp_data, value: ({**camp_data, "goal": value}, "name"),
            hint="console.campaign.hint.goal",
        ),
        CampStep(
            "name",
            CampaignForm.name,
            _say("console.campaign.name"),
            typed=lambda camp_data, text: {**camp_data, "name": text[:128]},
            then="stages",
        ),
        _segment_step("stages", then="languages"),
        _segment_step("languages", then="interests"),
        _segment_step("interests", then="active_days"),
        CampStep(
            "active_days",
            CampaignForm.active_days,
            _say("console.campaign.active_days"),
            typed=_take_active_days,
            then="min_purchases",
        ),
        CampStep(
            "min_purchases",
            CampaignForm.min_purchases,
            _say("console.campaign.min_purchases"),
            typed=_take_min_purchases,
            then="offer",
        ),
        CampStep(
            "offer",
            CampaignForm.offer,
            _say("console.campaign.offer"),
            typed=lambda camp_data, text: {**camp_data, "offer": "" if text == "-" else text[:256], "variants": []},
            then="variant",
        ),
        CampStep(
            "variant",
            CampaignForm.variant,
            _variant_prompt,
            typed=lambda camp_data, text: {**camp_data, "variants": [*camp_data.get("variants", []), text[:3000]]},
            then="variants",
        ),
        CampStep(
            "variants",
            CampaignForm.more,
            _variants_prompt,
            values=_fixed("add", "done", "test"),
            pressed=_more_pressed,
            hint="console.campaign.hint.more",
        ),
        CampStep(
            "ab_share",
            CampaignForm.ab_share,
            _ab_share_prompt,
            values=_fixed(*(str(round(s * 100)) for s in abtest.SHARES)),
            pressed=_ab_set("share", "ab_criterion", lambda v: int(v) / 100),
            hint="console.campaign.hint.more",
        ),
        CampStep(
            "ab_criterion",
            CampaignForm.ab_criterion,
            _ab_criterion_prompt,
            values=_fixed(*abtest.CRITERIA),
            pressed=_ab_set("criterion", "ab_window", str),
            hint="console.campaign.hint.more",
        ),
        CampStep(
            "ab_window",
            CampaignForm.ab_window,
            _say("console.campaign.ab_window", max=MAX_WINDOW_DAYS),
            typed=_take_ab_window,
            then="ab_level",
        ),
        CampStep(
            "ab_level",
            CampaignForm.ab_level,
            _ab_level_prompt,
            values=_fixed(*(str(round(level * 100)) for level in abtest.LEVELS)),
            pressed=_ab_set("level", "schedule", lambda v: int(v) / 100),
            hint="console.campaign.hint.more",
        ),
        CampStep(
            "schedule",
            CampaignForm.schedule,
            _say("console.campaign.schedule", now=Html("<code>now</code>")),
            typed=_take_schedule,
            then="budget",
        ),
        CampStep("budget", CampaignForm.budget, _say("console.campaign.budget"), typed=_take_budget, then="target"),
        CampStep("target", CampaignForm.target, _say("console.campaign.target"), typed=_take_target, then="confirm"),
        CampStep(
            "confirm",
            CampaignForm.confirm,
            _confirm_prompt,
            values=_fixed("launch", "cancel"),
            hint="console.campaign.hint.confirm",
            final=True,
            if_empty="confirm_empty",
        ),
        # Launch pressed while nobody is in the audience: said so, and asked once more.
        CampStep(
            "confirm_empty",
            CampaignForm.confirm_empty,
            _confirm_empty_prompt,
            values=_fixed("launch", "cancel"),
            hint="console.campaign.hint.confirm",
            final=True,
        ),
    )
}


def _step_now(state_name: str | None, data: dict) -> CampStep | None:
    """The step being asked: the one whose buttons are live (three segment steps share a state)."""
    step = CAMPAIGN_STEPS.get(data.get("current") or "")
    if step is not None and step.state.state == state_name:
        return step
    return next((s for s in CAMPAIGN_STEPS.values() if s.state.state == state_name), None)


async def _hint(session: AsyncSession, step: CampStep | None, camp_data: dict | None) -> Html:
    """What to press at a step answered with buttons, naming the buttons as they are labelled in
    the staff member's language (taken from the step's own keyboard, so they cannot differ),
    and how to leave."""
    leave = st("console.campaign.leave")
    if step is None or step.hint is None or camp_data is None:
        return Html(st("console.campaign.need_text") + " " + leave)
    _, markup = await step.prompt(session, camp_data)
    labels = [button.text for row in (markup.inline_keyboard if markup else []) for button in row]
    if step.toggles:
        labels = labels[-1:]  # the choices are ticked; Next is what moves on
    buttons = ", ".join(st_plain("console.campaign.button", label=label) for label in labels)
    return Html(st(step.hint, buttons=buttons) + " " + leave)


async def _enter(bot: Bot, chat: int, state: FSMContext, session: AsyncSession, camp_data: dict, name: str) -> None:
    """Go to step `name`: its state, the data (which step's buttons are live), its question."""
    step = CAMPAIGN_STEPS[name]
    await state.set_state(step.state)
    await state.set_data({"camp": camp_data, "current": name})
    text, markup = await step.prompt(session, camp_data)
    await bot.send_message(chat, text, reply_markup=markup)


@routes.message(Command("campaign"), Roles("owner", "marketer"))
async def campaign_start(message: Message, state: FSMContext, session: AsyncSession) -> None:
    await state.clear()
    await _enter(message.bot, message.chat.id, state, session, {"segment": {}}, "goal")


@routes.message(Command("cancel"), StateFilter(CampaignForm))
async def campaign_cancel(message: Message, state: FSMContext) -> None:
    """/cancel leaves the campaign at any step (before the customers' /cancel, which would answer
    in customer words)."""
    await state.clear()
    await message.answer(st(CAMPAIGN_CANCELLED))


@routes.callback_query(CampCb.filter())
async def campaign_button(
    query: CallbackQuery,
    callback_data: CampCb,
    state: FSMContext,
    session: AsyncSession,
    settings: Settings,
    bot: Bot,
    lang: str = "en",
) -> None:
    if await role_of(session, settings, query.from_user.id) not in ("owner", "marketer"):
        await query.answer(t("error.expired", lang), show_alert=True)  # as for any stale button
        return
    data = await state.get_data()
    camp_data = data.get("camp")
    name, value = callback_data.field, callback_data.value
    step = CAMPAIGN_STEPS.get(name)
    valid = await step.values(session) if step is not None and step.values is not None else []
    if camp_data is None or data.get("current") != name or value not in valid:
        await query.answer(st_plain("console.campaign.expired"), show_alert=True)
        return
    await query.answer()
    chat = query.from_user.id
    if step.toggles and value != "__next":
        before = camp_data["segment"].get(name, [])
        chosen = [v for v in before if v != value] if value in before else [*before, value]
        camp_data = {**camp_data, "segment": {**camp_data["segment"], name: chosen}}
        await state.update_data(camp=camp_data)
        markup = _toggle_keyboard(name, await _segment_options(session, name), chosen)
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=markup)
        else:
            # Telegram sent the press under a message it no longer shows (InaccessibleMessage,
            # date 0): that message cannot be edited, so the keyboard comes again in a new one.
            await bot.send_message(chat, st(SEGMENT_TITLES[name]), reply_markup=markup)
    elif step.final:
        if value == "cancel":
            await state.clear()
            await bot.send_message(chat, st(CAMPAIGN_CANCELLED))
            return
        if step.if_empty and await camp.audience_size(session, _segment_for_db(camp_data)) == 0:
            await _enter(bot, chat, state, session, camp_data, step.if_empty)
            return
        await state.clear()
        await _launch(bot, session, chat, camp_data)
    else:
        camp_data, then = step.pressed(camp_data, value)
        await _enter(bot, chat, state, session, camp_data, then)


async def _launch(bot: Bot, session: AsyncSession, chat: int, camp_data: dict) -> None:
    campaign = Campaign(
        name=camp_data["name"],
        goal=camp_data["goal"],
        segment=_segment_for_db(camp_data),
        offer=camp_data.get("offer", ""),
        variants=camp_data["variants"],
        scheduled_at=datetime.fromisoformat(camp_data["schedule"]) if camp_data.get("schedule") else None,
        budget=camp_data.get("budget"),
        target_rate=camp_data.get("target", 0.3),
        created_by=chat,
    )
    session.add(campaign)
    await session.flush()
    me = await bot.me()
    ab = camp_data.get("ab")
    session.add(AuditLog(staff_id=chat, command="campaign_launch", arguments=f"#{campaign.id} {campaign.name}"))
    if ab and len(campaign.variants) > 1:
        test = await abtest.start(
            session,
            campaign,
            share=ab["share"],
            criterion=ab["criterion"],
            window=timedelta(days=ab["days"]),
            level=ab["level"],
            bot_username=me.username,
        )
        ends = f"{test.ends_at:%Y-%m-%d %H:%M}"
        await bot.send_message(chat, st("console.campaign.ab_launched", id=campaign.id, n=test.tested, ends=ends))
        return
    enqueued = await camp.launch(session, campaign, bot_username=me.username)
    await bot.send_message(chat, st("console.campaign.launched", id=campaign.id, n=enqueued))


def _segment_for_db(camp_data: dict) -> dict:
    segment = dict(camp_data["segment"])
    if segment.get("interests"):
        segment["interests"] = [int(i) for i in segment["interests"]]
    return {k: v for k, v in segment.items() if v}


async def _segment_text(session: AsyncSession, segment: dict) -> str:
    """The segment as staff read it (choices in the order of the options), escaped."""
    parts = []
    for name in SEGMENT_STEPS:
        chosen = {str(v) for v in segment.get(name) or ()}
        if chosen:
            labels = [label for value, label in await _segment_options(session, name) if value in chosen]
            if name == "interests" and len(labels) < len(chosen):  # disabled meanwhile: still targeted
                cats = (
                    await session.execute(
                        select(Category).where(Category.id.in_([int(i) for i in chosen])).order_by(Category.id)
                    )
                ).scalars()
                labels = [c.slug for c in cats]
            parts.append(st(f"console.segment.{name}", values=", ".join(labels)))
    if segment.get("active_days"):
        parts.append(st("console.segment.active", n=segment["active_days"]))
    if segment.get("inactive_days"):
        parts.append(st("console.segment.inactive", n=segment["inactive_days"]))
    if segment.get("min_purchases"):
        parts.append(st("console.segment.min_purchases", n=segment["min_purchases"]))
    return "; ".join(parts) or st("console.segment.all")


@routes.message(StateFilter(CampaignForm), ~F.text)
async def campaign_not_text(message: Message, state: FSMContext, session: AsyncSession) -> None:
    """A photo, sticker, voice… at a campaign step: the step stays; say what it wants."""
    data = await state.get_data()
    step = _step_now(await state.get_state(), data)
    await message.answer(await _hint(session, step if step and step.hint else None, data.get("camp")))


@routes.message(StateFilter(CampaignForm), F.text, ~F.text.startswith("/"))
async def campaign_text(message: Message, state: FSMContext, session: AsyncSession) -> None:
    """The typed steps. Commands never reach here (they start with "/": /cancel, /stats… work at
    any step), and text at a step answered with buttons gets a hint instead of being taken."""
    current = await state.get_state()
    data = await state.get_data()
    step = _step_now(current, data)
    if step is None or step.typed is None:
        # A step answered with buttons (or a state this version does not know): a hint, never silence.
        await message.answer(await _hint(session, step, data.get("camp")))
        return
    camp_data = data.get("camp") or {"segment": {}}
    text = message.text.strip()
    if not text:
        await message.answer(await _hint(session, None, None))
        return
    taken = step.typed(camp_data, text)
    if isinstance(taken, Invalid):
        await message.answer(st(taken.key, **taken.vars))
        return
    await _enter(message.bot, message.from_user.id, state, session, taken, step.then)


@routes.message(Command("campaigns"), Roles("owner", "marketer"))
async def campaigns_cmd(message: Message, session: AsyncSession, settings: Settings) -> None:
    extras = await reports.campaign_extras(session, admin_ids=settings.admin_ids)
    await message.answer(
        cut_html(reports.campaigns_text(await reports.campaign_rows(session, settings=settings), extras))
    )


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
