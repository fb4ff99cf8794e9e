"""Frequency limits and pauses: stored, read for the consent policy, set by staff and customers.

The policy (bot/consent/policy.py) decides; this module only loads what it needs and writes what
staff (/limits) and customers (/preferences, /pause, /resume, the pause buttons under a
delivered message) choose. A customer's own limits are added to the shop's: every limit
applies, so a customer can tighten the shop's limits, never loosen them. A pause is its own
record, not a withdrawal: the scopes stay granted.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from babel.dates import format_datetime
from sqlalchemy import and_, delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent.policy import ALL_SCOPES, LIMIT_PERIODS, Limit, zone
from bot.consent.scopes import KIND_SCOPE
from bot.texts import t
from storage.models import Customer, FrequencyLimit, Pause

PAUSE_DAYS = (7, 14, 30)  # a week, two weeks, a month
LIMIT_SCOPES = (ALL_SCOPES, *sorted(set(KIND_SCOPE.values())))
MAX_LIMIT = 100
# The customer's choices in /preferences: (scope, period, count); "none" keeps only the shop's limits.
OWN_LIMIT_CHOICES: tuple[tuple[str, str, int], ...] = (
    (ALL_SCOPES, "day", 1),
    (ALL_SCOPES, "week", 1),
    (ALL_SCOPES, "week", 2),
    (ALL_SCOPES, "month", 1),
    (ALL_SCOPES, "month", 2),
    ("offers", "month", 1),
)


# ---- reading, for the policy -------------------------------------------------------------------


def _as_limit(row: FrequencyLimit) -> Limit:
    return Limit(row.scope, row.period, row.max_count)


async def shop_limits(session: AsyncSession) -> list[FrequencyLimit]:
    rows = await session.execute(
        select(FrequencyLimit)
        .where(FrequencyLimit.customer_id.is_(None))
        .order_by(FrequencyLimit.scope, FrequencyLimit.period)
    )
    return list(rows.scalars())


async def own_limits(session: AsyncSession, *, customer_id: int) -> list[FrequencyLimit]:
    rows = await session.execute(
        select(FrequencyLimit)
        .where(FrequencyLimit.customer_id == customer_id)
        .order_by(FrequencyLimit.scope, FrequencyLimit.period)
    )
    return list(rows.scalars())


async def limits_of(session: AsyncSession, *, customer_ids: list[int]) -> dict[int, tuple[Limit, ...]]:
    """Every limit that applies to each customer: the shop's and their own."""
    shop = tuple(_as_limit(row) for row in await shop_limits(session))
    own: dict[int, list[Limit]] = {}
    for start in range(0, len(customer_ids), 5000):
        chunk = customer_ids[start : start + 5000]
        rows = await session.execute(select(FrequencyLimit).where(FrequencyLimit.customer_id.in_(chunk)))
        for row in rows.scalars():
            own.setdefault(row.customer_id, []).append(_as_limit(row))
    return {cid: shop + tuple(own.get(cid, ())) for cid in customer_ids}


def active(now: datetime):  # noqa: ANN201 - an SQL condition
    """The pauses running at `now`."""
    return and_(Pause.ended_at.is_(None), Pause.starts_at <= now, Pause.ends_at > now)


def paused(customer_id_column, now: datetime):  # noqa: ANN001, ANN201 - SQL in, SQL out
    """SQL: the customer of `customer_id_column` has a pause running at `now`."""
    return exists().where(and_(Pause.customer_id == customer_id_column, active(now)))


async def paused_until(session: AsyncSession, *, customer_ids: list[int], now: datetime) -> dict[int, datetime]:
    """The end of the pause running at `now`, per customer who has one."""
    out: dict[int, datetime] = {}
    for start in range(0, len(customer_ids), 5000):
        chunk = customer_ids[start : start + 5000]
        rows = await session.execute(
            select(Pause.customer_id, Pause.ends_at).where(Pause.customer_id.in_(chunk), active(now))
        )
        for cid, ends_at in rows:
            out[cid] = max(ends_at, out.get(cid, ends_at))
    return out


async def current_pause(session: AsyncSession, *, customer_id: int, now: datetime) -> Pause | None:
    rows = await session.execute(
        select(Pause).where(Pause.customer_id == customer_id, active(now)).order_by(Pause.ends_at.desc()).limit(1)
    )
    return rows.scalars().first()


# ---- writing -------------------------------------------------------------------------------------


def valid_limit(scope: str, period: str, count: int) -> bool:
    return scope in LIMIT_SCOPES and period in LIMIT_PERIODS and 1 <= count <= MAX_LIMIT


async def set_limit(
    session: AsyncSession, *, customer_id: int | None, scope: str, period: str, count: int | None, set_by: int | None
) -> None:
    """Set (or with `count` None remove) one limit: the shop's (`customer_id` None) or a customer's."""
    owner = FrequencyLimit.customer_id.is_(None) if customer_id is None else FrequencyLimit.customer_id == customer_id
    await session.execute(
        delete(FrequencyLimit).where(owner, FrequencyLimit.scope == scope, FrequencyLimit.period == period)
    )
    if count is not None:
        session.add(FrequencyLimit(customer_id=customer_id, scope=scope, period=period, max_count=count, set_by=set_by))


async def clear_own_limits(session: AsyncSession, *, customer_id: int) -> None:
    await session.execute(delete(FrequencyLimit).where(FrequencyLimit.customer_id == customer_id))


async def start_pause(session: AsyncSession, *, customer_id: int, days: int, method: str, now: datetime) -> Pause:
    """Pause every message for `days` from now; a pause running is replaced (recorded as such)."""
    await session.execute(
        update(Pause)
        .where(Pause.customer_id == customer_id, active(now))
        .values(ended_at=now, end_reason="replaced")
        .execution_options(synchronize_session=False)
    )
    pause = Pause(customer_id=customer_id, starts_at=now, ends_at=now + timedelta(days=days), method=method)
    session.add(pause)
    await session.flush()
    return pause


async def resume(session: AsyncSession, *, customer_id: int, now: datetime) -> bool:
    """End the customer's pause now; False when none was running."""
    result = await session.execute(
        update(Pause)
        .where(Pause.customer_id == customer_id, active(now))
        .values(ended_at=now, end_reason="resumed")
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)


async def expire_pauses(session: AsyncSession, *, now: datetime) -> list[Pause]:
    """Record the end of every pause past its end (once: the ones recorded are not found again)."""
    rows = list(
        (
            await session.execute(
                select(Pause).where(Pause.ended_at.is_(None), Pause.ends_at <= now).with_for_update(skip_locked=True)
            )
        ).scalars()
    )
    for pause in rows:
        pause.ended_at, pause.end_reason = pause.ends_at, "expired"
    return rows


# ---- showing -------------------------------------------------------------------------------------


def when(at: datetime, customer: Customer, default_tz: str = "UTC") -> str:
    """A moment in the customer's zone and language, e.g. "4 Dec 2026, 14:00"."""
    tz: ZoneInfo = zone(customer.timezone, default_tz)
    return format_datetime(at.astimezone(tz), "d MMM yyyy, HH:mm", locale=customer.language)


def limit_text(scope: str, period: str, count: int, lang: str) -> str:
    """ "at most 2 messages a week (all messages)" in the customer's language."""
    what = t("freq.scope_all", lang) if scope == ALL_SCOPES else t(f"scope.{scope}.button", lang)
    return t(f"freq.per_{period}", lang, n=count, what=what)


async def preferences_lines(customer: Customer, session: AsyncSession, now: datetime) -> list[str]:
    """The lines of /preferences about frequency limits and a pause."""
    lang = customer.language
    mine = [
        limit_text(r.scope, r.period, r.max_count, lang) for r in await own_limits(session, customer_id=customer.id)
    ]
    shop = [limit_text(r.scope, r.period, r.max_count, lang) for r in await shop_limits(session)]
    none = t("prefs.not_set", lang)
    pause = await current_pause(session, customer_id=customer.id, now=now)
    return [
        t("freq.prefs_own", lang, value="; ".join(mine) or none),
        t("freq.prefs_shop", lang, value="; ".join(shop) or none),
        t("pause.prefs", lang, value=when(pause.ends_at, customer) if pause else none),
    ]


async def mydata(session: AsyncSession, *, customer_id: int) -> dict:
    """The limits the customer set and every pause, for /mydata."""
    pauses = await session.execute(select(Pause).where(Pause.customer_id == customer_id).order_by(Pause.id))
    return {
        "frequency_limits": [
            {"scope": r.scope, "period": r.period, "at_most": r.max_count, "set_at": r.set_at.isoformat()}
            for r in await own_limits(session, customer_id=customer_id)
        ],
        "pauses": [
            {
                "from": p.starts_at.isoformat(),
                "until": p.ends_at.isoformat(),
                "set_with": p.method,
                "ended_at": p.ended_at.isoformat() if p.ended_at else None,
                "how_it_ended": p.end_reason,
            }
            for p in pauses.scalars()
        ],
    }


# ---- buttons -------------------------------------------------------------------------------------


class PauseCb(CallbackData, prefix="pz"):
    """Pause every message for `d` days (0: resume); `m`: where it was pressed (b: under a delivered
    message, c: /pause, p: /preferences)."""

    d: int
    m: str


class FreqCb(CallbackData, prefix="fq"):
    """A customer's own limit from /preferences: at most `n` of scope `s` per period `p`; n 0: none of their own."""

    s: str
    p: str
    n: int


METHODS = {"b": "button", "c": "command", "p": "preferences"}


def pause_buttons(lang: str, method: str) -> list[InlineKeyboardButton]:
    """A week, two weeks, a month: the row under every delivered message, /pause and /preferences."""
    return [
        InlineKeyboardButton(text=t(f"pause.btn_{days}", lang), callback_data=PauseCb(d=days, m=method).pack())
        for days in PAUSE_DAYS
    ]


def limit_keyboard(lang: str) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(text=limit_text(s, p, n, lang), callback_data=FreqCb(s=s, p=p, n=n).pack())]
        for s, p, n in OWN_LIMIT_CHOICES
    ]
    rows.append(
        [InlineKeyboardButton(text=t("freq.btn_none", lang), callback_data=FreqCb(s=ALL_SCOPES, p="-", n=0).pack())]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)
