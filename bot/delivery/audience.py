"""Who gets what: audience selection for the scheduled jobs.

Every query joins `scope_state` (the derived current consent) so that no one
outside the granted scope is even enqueued, and leaves out customers who paused messages;
`recipients()` loads what the policy needs (scopes, quiet hours, recent sends per scope,
frequency limits, a pause), and the sender checks again at send time.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import and_, case, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from bot import frequency
from bot.consent.policy import LIMIT_PERIODS, SERVICE_KINDS, Recipient, decide, zone
from bot.consent.scopes import PAYLOAD_SCOPE_KINDS, scope_of
from storage.models import Customer, CustomerInterest, Outbox, ScopeState


@dataclass(frozen=True)
class BirthdayTarget:
    customer_id: int
    local_date: date
    send_at: datetime  # UTC: the configured local hour on the birthday


def greeting_date(month: int, day: int, year: int) -> date:
    """29 February is greeted on 28 February in other years."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def _candidate_days(at: datetime) -> set[tuple[int, int]]:
    # Local dates on Earth span UTC-12 .. UTC+14: at most three calendar days.
    days = {(at + timedelta(hours=h)).date() for h in (-12, 0, 14)}
    pairs = {(d.month, d.day) for d in days}
    if (2, 28) in pairs:
        pairs.add((2, 29))  # greeted on the 28th in non-leap years; the exact check follows
    return pairs


def birthday_candidates(pairs, at: datetime):
    """(id, birthday month, day, time zone) of the customers with the `birthday` scope whose
    birthday is one of the (month, day) `pairs`: reachable, not erased, not pausing at `at`.
    The birthday greeting and the gift window (bot/gifts.py) both start from this."""
    return (
        select(Customer.id, Customer.birthday_month, Customer.birthday_day, Customer.timezone)
        .join(
            ScopeState,
            and_(ScopeState.customer_id == Customer.id, ScopeState.scope == "birthday", ScopeState.granted.is_(True)),
        )
        .where(
            tuple_(Customer.birthday_month, Customer.birthday_day).in_(pairs),
            Customer.reachable.is_(True),
            Customer.forgotten_at.is_(None),
            ~frequency.paused(Customer.id, at),
        )
    )


async def birthday_targets(session: AsyncSession, *, at: datetime, hour: int, default_tz: str) -> list[BirthdayTarget]:
    """Customers with the `birthday` scope whose birthday it is at `at` in their own time zone,
    once the configured local hour has come."""
    query = birthday_candidates(sorted(_candidate_days(at)), at)
    targets = []
    zones: dict[str | None, object] = {}
    for customer_id, month, day, tz_name in (await session.execute(query)).all():
        tz = zones.get(tz_name) or zones.setdefault(tz_name, zone(tz_name, default_tz))
        local = at.astimezone(tz)
        if greeting_date(month, day, local.year) != local.date():
            continue
        send_at = datetime(local.year, local.month, local.day, hour, tzinfo=tz).astimezone(timezone.utc)
        if at < send_at:
            continue
        targets.append(BirthdayTarget(customer_id, local.date(), send_at))
    return targets


async def recent_sends(
    session: AsyncSession, *, customer_ids: list[int], since: datetime
) -> dict[int, tuple[datetime, ...]]:
    return {
        cid: tuple(at for _, at in sends)
        for cid, sends in (await scoped_sends(session, customer_ids=customer_ids, since=since)).items()
    }


# The scope a sequence step carries in its payload (only those rows' JSON is read).
_PAYLOAD_SCOPE = case((Outbox.kind.in_(PAYLOAD_SCOPE_KINDS), Outbox.payload["scope"].as_string()), else_=None)


async def scoped_sends(
    session: AsyncSession, *, customer_ids: list[int], since: datetime
) -> dict[int, tuple[tuple[str, datetime], ...]]:
    """(scope, time) of each non-reply message sent since `since`, oldest first (service notes not counted)."""
    result: dict[int, list[tuple[str, datetime]]] = {}
    for chunk_start in range(0, len(customer_ids), 5000):
        chunk = customer_ids[chunk_start : chunk_start + 5000]
        rows = await session.execute(
            select(Outbox.customer_id, Outbox.kind, Outbox.sent_at, _PAYLOAD_SCOPE)
            .where(Outbox.customer_id.in_(chunk), Outbox.sent_at > since, Outbox.kind.not_in(SERVICE_KINDS))
            .order_by(Outbox.sent_at)
        )
        for customer_id, kind, sent_at, payload_scope in rows:
            result.setdefault(customer_id, []).append((scope_of(kind, {"scope": payload_scope}) or kind, sent_at))
    return {k: tuple(v) for k, v in result.items()}


async def recipients(session: AsyncSession, *, customer_ids: list[int], now: datetime) -> dict[int, Recipient]:
    """Everything the policy needs about each customer, loaded in a few bulk queries."""
    out: dict[int, Recipient] = {}
    longest = max(LIMIT_PERIODS.values())
    sends = await scoped_sends(session, customer_ids=customer_ids, since=now - longest)
    limits = await frequency.limits_of(session, customer_ids=customer_ids)
    pauses = await frequency.paused_until(session, customer_ids=customer_ids, now=now)
    week_ago = now - timedelta(days=7)
    for chunk_start in range(0, len(customer_ids), 5000):
        chunk = customer_ids[chunk_start : chunk_start + 5000]
        scopes: dict[int, set[str]] = {}
        rows = await session.execute(
            select(ScopeState.customer_id, ScopeState.scope).where(
                ScopeState.customer_id.in_(chunk), ScopeState.granted.is_(True)
            )
        )
        for customer_id, scope in rows:
            scopes.setdefault(customer_id, set()).add(scope)
        customers = await session.execute(
            select(
                Customer.id,
                Customer.reachable,
                Customer.timezone,
                Customer.quiet_start,
                Customer.quiet_end,
                Customer.weekly_cap,
                Customer.forgotten_at,
            ).where(Customer.id.in_(chunk))
        )
        for cid, reachable, tz_name, q_start, q_end, cap, forgotten in customers:
            out[cid] = Recipient(
                scopes=frozenset(scopes.get(cid, ())),
                reachable=reachable,
                timezone=tz_name,
                quiet_start=q_start,
                quiet_end=q_end,
                weekly_cap=cap,
                recent_sends=tuple(at for _, at in sends.get(cid, ()) if at > week_ago),
                forgotten=forgotten is not None,
                scope_sends=sends.get(cid, ()),
                limits=limits.get(cid, ()),
                paused_until=pauses.get(cid),
            )
    return out


async def birthday_audience(
    session: AsyncSession, *, at: datetime, hour: int, default_tz: str, default_cap: int
) -> list[tuple[BirthdayTarget, str]]:
    """Targets with the policy's verdict at `at` (consent, time zone, quiet hours, cap): the benchmarked query."""
    targets = await birthday_targets(session, at=at, hour=hour, default_tz=default_tz)
    people = await recipients(session, customer_ids=[t.customer_id for t in targets], now=at)
    return [
        (
            target,
            decide("birthday", people[target.customer_id], at, default_cap=default_cap, default_tz=default_tz).action,
        )
        for target in targets
    ]


async def sample_audience(session: AsyncSession, *, category_id: int, now: datetime | None = None) -> list[int]:
    """Customers with the `samples` scope and the interest, not pausing messages at `now` (default: now)."""
    now = now or datetime.now(timezone.utc)
    rows = await session.execute(
        select(Customer.id)
        .join(
            ScopeState,
            and_(ScopeState.customer_id == Customer.id, ScopeState.scope == "samples", ScopeState.granted.is_(True)),
        )
        .join(
            CustomerInterest,
            and_(CustomerInterest.customer_id == Customer.id, CustomerInterest.category_id == category_id),
        )
        .where(Customer.reachable.is_(True), Customer.forgotten_at.is_(None), ~frequency.paused(Customer.id, now))
        .order_by(Customer.id)
    )
    return [row[0] for row in rows]


async def count_granted(session: AsyncSession, *, scope: str) -> int:
    return (
        await session.execute(
            select(func.count()).select_from(ScopeState).where(ScopeState.scope == scope, ScopeState.granted.is_(True))
        )
    ).scalar_one()
