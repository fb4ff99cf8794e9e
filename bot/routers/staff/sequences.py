"""Marketing automation for staff: /sequence (messages with delays, entered on an event) and /gift
(the birthday perk's window and its reminder). The logic is in bot/sequences.py and bot/gifts.py."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import gifts, sequences
from bot.html_text import cut_html
from bot.routers import Routes
from bot.routers.staff.common import Roles, parse_args
from bot.staff_texts import Html, st
from storage.models import Category
from storage.types import utcnow

routes = Routes()

_STATUS_OF = {"start": "active", "pause": "paused", "end": "ended"}
# Which status each action may follow: an ended sequence stays ended.
_ALLOWED_FROM = {"start": ("draft", "paused"), "pause": ("active",), "end": ("draft", "active", "paused")}


def _rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def _segment(segment: dict) -> str:
    parts = [f"interest:{i}" for i in segment.get("interests", ())] + [f"stage:{s}" for s in segment.get("stages", ())]
    return " ".join(parts) or st("console.sequence.everyone")


def _usage() -> Html:
    return st(
        "console.sequence.usage",
        events="grant, grant:<scope>, purchase, sample",
        scopes=", ".join(sequences.STEP_SCOPES),
    )


@routes.message(Command("sequence"), Roles("owner", "marketer"))
async def sequence_cmd(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/sequence [list]; create <name> <event> [segment]; step <id> <delay> <scope> <text>; start|pause|end|stats <id>"""
    args = parse_args(command)
    action = args[0].lower() if args else "list"
    if action == "list" and len(args) <= 1:
        await sequences.ensure_welcome(session)
        lines = [
            st(
                "console.sequence.line",
                id=s.id,
                name=s.name,
                status=s.status,
                trigger=f"{s.trigger}:{s.trigger_scope}" if s.trigger_scope else s.trigger,
                segment=Html(_segment(s.segment)),
                steps=steps,
                entered=entered,
            )
            for s, steps, entered in await sequences.all_sequences(session)
        ]
        await message.answer(cut_html("\n".join(lines)) or st("console.sequence.none"))
        return
    if action == "create" and len(args) >= 3:
        trigger = sequences.parse_trigger(args[2])
        slugs = set((await session.execute(select(Category.slug))).scalars())
        segment = sequences.parse_segment(args[3:], slugs)
        if trigger is None or segment is None or not args[1].strip() or len(args[1]) > 128:
            await message.answer(_usage())
            return
        sequence = await sequences.create(
            session,
            name=args[1].strip(),
            trigger=trigger[0],
            trigger_scope=trigger[1],
            segment=segment,
            staff_id=message.from_user.id,
        )
        await message.answer(st("console.sequence.created", id=sequence.id, name=sequence.name))
        return
    sequence = await sequences.find(session, args[1]) if len(args) >= 2 else None
    if len(args) >= 2 and sequence is None and action in ("step", "start", "pause", "end", "stats"):
        await message.answer(st("console.sequence.not_found", ref=args[1]))
        return
    if action == "step" and sequence is not None and len(args) >= 5:
        delay = sequences.parse_delay(args[2])
        scope = args[3].lower()
        text = " ".join(args[4:]).strip()
        if delay is None or scope not in sequences.STEP_SCOPES or not text or len(text) > sequences.MAX_TEXT:
            await message.answer(_usage())
            return
        if sequence.status == "ended":
            await message.answer(st("console.sequence.is_ended", id=sequence.id))
            return
        step = await sequences.add_step(session, sequence=sequence, delay_minutes=delay, scope=scope, text=text)
        await message.answer(
            st(
                "console.sequence.step_added",
                id=sequence.id,
                n=step.position + 1,
                delay=sequences.format_delay(delay),
                scope=scope,
            )
        )
        return
    if action in _STATUS_OF and sequence is not None and len(args) == 2:
        if sequence.status not in _ALLOWED_FROM[action]:
            await message.answer(st("console.sequence.cannot", id=sequence.id, status=sequence.status))
            return
        if action == "start" and not await sequences.steps_of(session, sequence.id):
            await message.answer(st("console.sequence.no_steps", id=sequence.id))
            return
        left = await sequences.set_status(session, sequence=sequence, status=_STATUS_OF[action], now=utcnow())
        if action == "end":
            await message.answer(st("console.sequence.ended", id=sequence.id, n=left))
        else:
            await message.answer(st("console.sequence.status", id=sequence.id, status=sequence.status))
        return
    if action == "stats" and sequence is not None and len(args) == 2:
        figures = await sequences.stats(session, sequence=sequence)
        counts = figures.enrollments
        lines = [
            st(
                "console.sequence.stats_title",
                id=sequence.id,
                name=sequence.name,
                status=sequence.status,
                entered=sum(counts.values()),
                active=counts.get("active", 0),
                done=counts.get("done", 0),
                left=counts.get("left", 0) + counts.get("ended", 0),
            )
        ]
        lines += [
            st(
                "console.sequence.stats_step",
                n=s.position,
                scope=s.scope,
                delay=sequences.format_delay(s.delay_minutes),
                queued=s.queued,
                sent=s.sent,
                delivery=_rate(s.sent, s.queued),
                responded=s.responded,
                response=_rate(s.responded, s.sent),
            )
            for s in figures.steps
        ]
        await message.answer(cut_html("\n".join(lines)))
        return
    await message.answer(_usage())


@routes.message(Command("gift"), Roles("owner", "marketer"))
async def gift_cmd(message: Message, command: CommandObject, session: AsyncSession) -> None:
    """/gift — the birthday perk window; /gift set <days> <reminder days|none> <perk>; /gift off"""
    args = parse_args(command)
    if args == ["off"]:
        await gifts.switch_off(session, staff_id=message.from_user.id)
        await message.answer(st("console.gift.off"))
        return
    if len(args) >= 4 and args[0] == "set" and args[1].isdigit():
        remind = None if args[2].lower() in ("none", "no", "-") else int(args[2]) if args[2].isdigit() else -1
        try:
            await gifts.set_window(
                session,
                perk=" ".join(args[3:]).strip(),
                days=int(args[1]),
                remind_days=remind,
                staff_id=message.from_user.id,
            )
        except ValueError:
            await message.answer(st("console.gift.usage", max=gifts.MAX_DAYS))
            return
    elif args:
        await message.answer(st("console.gift.usage", max=gifts.MAX_DAYS))
        return
    window = await gifts.current(session)
    if window is None:
        await message.answer(st("console.gift.none"))
        return
    remind = (
        st("console.gift.remind", n=window.remind_days)
        if window.remind_days is not None
        else st("console.gift.no_reminder")
    )
    await message.answer(st("console.gift.show", perk=window.perk, days=window.days, remind=remind))


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
