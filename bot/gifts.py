"""The birthday gift window: a perk valid `days` days before and after the birthday.

Staff set it with /gift (stored in `gift_window`; the latest row counts). With a window of N
days, the perk is announced N days before the birthday (kind `gift`), the greeting on the day
carries it with its last day (kind `birthday`, bot/delivery/jobs.py), and one reminder goes M
days before it expires (kind `gift_reminder`), only to someone who got the perk. Every one of
these is a `birthday` message: queued only for customers with that scope, at the greeting's
local hour in their own time zone, and checked again by the sender at send time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent.policy import zone
from bot.delivery.audience import birthday_candidates, greeting_date
from storage.models import GiftWindow, Outbox

MAX_DAYS = 30  # a window of at most 30 days before and after the birthday
MAX_PERK = 256


@dataclass(frozen=True)
class GiftDue:
    customer_id: int
    kind: str  # gift | gift_reminder
    birthday: date  # the birthday (this year's greeting date) the perk belongs to
    send_at: datetime  # UTC: the greeting's local hour on the day


async def current(session: AsyncSession) -> GiftWindow | None:
    """The gift window in force (None: none set, or switched off)."""
    row = (await session.execute(select(GiftWindow).order_by(GiftWindow.id.desc()).limit(1))).scalar_one_or_none()
    return row if row is not None and row.active and row.perk else None


async def set_window(
    session: AsyncSession, *, perk: str, days: int, remind_days: int | None, staff_id: int | None
) -> GiftWindow:
    if not perk or len(perk) > MAX_PERK or not 0 <= days <= MAX_DAYS:
        raise ValueError("invalid gift window")
    if remind_days is not None and not 0 <= remind_days < max(days, 1):
        raise ValueError("the reminder must come after the birthday, before the perk expires")
    row = GiftWindow(perk=perk, days=days, remind_days=remind_days, active=True, set_by=staff_id)
    session.add(row)
    await session.flush()
    return row


async def switch_off(session: AsyncSession, *, staff_id: int | None) -> None:
    session.add(GiftWindow(perk=None, days=0, remind_days=None, active=False, set_by=staff_id))
    await session.flush()


def valid_until(window: GiftWindow, birthday: date) -> date:
    return birthday + timedelta(days=window.days)


def offsets(window: GiftWindow) -> list[tuple[str, int]]:
    """(kind, days from the local day of sending to the birthday): the announcement N days before,
    the reminder M days before the last valid day (always after the birthday)."""
    out = []
    if window.days > 0:
        out.append(("gift", window.days))
    if window.remind_days is not None and window.remind_days < window.days:
        out.append(("gift_reminder", -(window.days - window.remind_days)))
    return out


def _pairs(at: datetime, shift: int) -> set[tuple[int, int]]:
    # Local dates on Earth span UTC-12 .. UTC+14: the birthdays `shift` days after them.
    days = {(at + timedelta(hours=h)).date() + timedelta(days=shift) for h in (-12, 0, 14)}
    pairs = {(d.month, d.day) for d in days}
    if (2, 28) in pairs:
        pairs.add((2, 29))  # greeted on the 28th in non-leap years; the exact check follows
    return pairs


async def due(session: AsyncSession, *, window: GiftWindow, at: datetime, hour: int, default_tz: str) -> list[GiftDue]:
    """Announcements and reminders due at `at`: customers with the `birthday` scope (reachable, not
    erased, not pausing) whose local day is the right number of days from their birthday, once the
    greeting's local hour has come. A reminder only for a perk that was sent (greeting or gift)."""
    shifts = offsets(window)
    if not shifts:
        return []
    pairs = sorted(set().union(*(_pairs(at, shift) for _, shift in shifts)))
    query = birthday_candidates(pairs, at)
    found: list[GiftDue] = []
    for customer_id, month, day, tz_name in (await session.execute(query)).all():
        tz = zone(tz_name, default_tz)
        local = at.astimezone(tz)
        for kind, shift in shifts:
            birthday = local.date() + timedelta(days=shift)
            if greeting_date(month, day, birthday.year) != birthday:
                continue
            send_at = datetime(local.year, local.month, local.day, hour, tzinfo=tz).astimezone(timezone.utc)
            if at >= send_at:
                found.append(GiftDue(customer_id, kind, birthday, send_at))
    reminders = [d for d in found if d.kind == "gift_reminder"]
    if reminders:
        keys = [f"{d.customer_id}:{kind}:{d.birthday.year}" for d in reminders for kind in ("birthday", "gift")]
        got = {
            int(key.split(":", 1)[0])
            for (key,) in await session.execute(
                select(Outbox.idem_key).where(Outbox.idem_key.in_(keys), Outbox.status == "sent")
            )
        }
        found = [d for d in found if d.kind != "gift_reminder" or d.customer_id in got]
    return found


def payload(window: GiftWindow, birthday: date) -> dict:
    """What a greeting, an announcement or a reminder carries: the perk and its last valid day."""
    return {"perk": window.perk, "until": valid_until(window, birthday).isoformat()}
