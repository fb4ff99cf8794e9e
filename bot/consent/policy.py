"""The consent policy: may this message go out now? Pure: no aiogram, no database.

Handlers, jobs and the sender all ask `decide()`: the scope is
granted, the customer is reachable, they have not paused messages, it is not their quiet
hours, and they are under their weekly cap and every frequency limit (per scope or overall,
per day, week or month: the shop's defaults and the customer's own, all of which apply, so
a customer's limit can only tighten). When in doubt, the answer is not to send.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.consent.scopes import KIND_SCOPE, scope_of

__all__ = [
    "ALL_SCOPES",
    "CAP_WINDOW",
    "KIND_SCOPE",
    "LIMIT_PERIODS",
    "POSTPONE_ON_CAP",
    "POSTPONE_ON_PAUSE",
    "SERVICE_KINDS",
    "Decision",
    "Limit",
    "Recipient",
    "decide",
    "limit_applies",
    "in_quiet_hours",
    "quiet_end_after",
    "zone",
]

# Over the weekly cap a feedback request can wait; a greeting, a sample offer or a
# campaign message loses its point later, so it is dropped.
POSTPONE_ON_CAP = frozenset({"feedback"})
CAP_WINDOW = timedelta(days=7)
# During a pause the same holds: a feedback request waits for its end, anything else is dropped.
POSTPONE_ON_PAUSE = POSTPONE_ON_CAP
# Frequency limits count the messages in the last day, 7 days or 30 days (rolling windows).
LIMIT_PERIODS = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=30)}
ALL_SCOPES = "all"  # the scope of a limit on all messages together
# Notes about the customer's own settings the bot sends by itself (the end of a pause): no
# marketing scope of their own, so they go only to someone who still allows some messages,
# never during quiet hours, and count toward no cap.
SERVICE_KINDS = frozenset({"pause_end"})


@dataclass(frozen=True)
class Limit:
    """At most `count` messages of `scope` (or of all scopes: "all") per `period` (day | week | month)."""

    scope: str
    period: str
    count: int


@dataclass(frozen=True)
class Recipient:
    scopes: frozenset[str]
    reachable: bool = True
    timezone: str | None = None
    quiet_start: int | None = None  # minutes after local midnight
    quiet_end: int | None = None
    weekly_cap: int | None = None
    # UTC times of the non-reply messages sent in the last 7 days, oldest first.
    recent_sends: tuple[datetime, ...] = ()
    forgotten: bool = False
    # (scope, UTC time) of the non-reply messages sent in the last 30 days: the frequency limits count these.
    scope_sends: tuple[tuple[str, datetime], ...] = ()
    # The shop's default limits and the customer's own; every one of them applies.
    limits: tuple[Limit, ...] = ()
    # The end of the customer's pause (UTC), when one is running.
    paused_until: datetime | None = None

    def plus_send(self, scope: str, at: datetime) -> Recipient:
        """The same customer with one more message sent (planned in the same batch)."""
        return replace(self, recent_sends=(*self.recent_sends, at), scope_sends=(*self.scope_sends, (scope, at)))


@dataclass(frozen=True)
class Decision:
    action: str  # send | postpone | drop
    reason: str
    until: datetime | None = None

    @property
    def send(self) -> bool:
        return self.action == "send"


def zone(name: str | None, default: str = "UTC") -> ZoneInfo:
    for candidate in (name, default, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def in_quiet_hours(local_minutes: int, start: int | None, end: int | None) -> bool:
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= local_minutes < end
    return local_minutes >= start or local_minutes < end  # wraps midnight


def quiet_end_after(now_utc: datetime, tz: ZoneInfo, end: int) -> datetime:
    """The first UTC instant after `now_utc` at which local time is `end` minutes."""
    local = now_utc.astimezone(tz)
    candidate = local.replace(hour=end // 60, minute=end % 60, second=0, microsecond=0)
    if candidate <= local:
        candidate += timedelta(days=1)
    # Re-localise so a DST change between now and then is honoured.
    naive = candidate.replace(tzinfo=None)
    return naive.replace(tzinfo=tz).astimezone(timezone.utc)


def limit_applies(limit: Limit, scope: str) -> bool:
    return limit.scope == ALL_SCOPES or limit.scope == scope


def _over_limits(scope: str, recipient: Recipient, now_utc: datetime) -> tuple[str, datetime | None] | None:
    """The first limit reached (its reason) and when every reached limit has room again
    (None: never, a limit of no messages or of an unknown period); None when under all of them."""
    reached: str | None = None
    free_at: datetime | None = now_utc
    for limit in recipient.limits:
        if not limit_applies(limit, scope):
            continue
        span = LIMIT_PERIODS.get(limit.period)
        if span is None or limit.count < 1:
            reached, free_at = reached or f"limit:{limit.scope}:{limit.period}", None
            continue
        times = sorted(at for s, at in recipient.scope_sends if limit_applies(limit, s) and at > now_utc - span)
        if len(times) >= limit.count:
            reached = reached or f"limit:{limit.scope}:{limit.period}"
            if free_at is not None:
                free_at = max(free_at, times[len(times) - limit.count] + span)
    return None if reached is None else (reached, free_at)


def decide(
    kind: str,
    recipient: Recipient,
    now_utc: datetime,
    *,
    default_cap: int,
    default_tz: str = "UTC",
    payload: Mapping[str, object] | None = None,
) -> Decision:
    """`payload`: the row's payload, for kinds that carry their scope there (a sequence step)."""
    scope = scope_of(kind, payload)
    service = kind in SERVICE_KINDS
    if scope is None and not service:
        return Decision("drop", f"unknown_kind:{kind}")
    if recipient.forgotten:
        return Decision("drop", "forgotten")
    if (scope not in recipient.scopes) if scope is not None else not recipient.scopes:
        return Decision("drop", "scope_not_granted")
    if not recipient.reachable:
        return Decision("drop", "unreachable")
    if recipient.paused_until is not None and now_utc < recipient.paused_until:
        if kind in POSTPONE_ON_PAUSE:
            return Decision("postpone", "paused", recipient.paused_until)
        return Decision("drop", "paused")
    tz = zone(recipient.timezone, default_tz)
    local = now_utc.astimezone(tz)
    if in_quiet_hours(local.hour * 60 + local.minute, recipient.quiet_start, recipient.quiet_end):
        # in_quiet_hours is False unless both ends are set
        return Decision("postpone", "quiet_hours", quiet_end_after(now_utc, tz, cast(int, recipient.quiet_end)))
    if scope is None:  # a service note: no cap, no limit
        return Decision("send", "ok")
    cap = recipient.weekly_cap or default_cap
    window = [t for t in recipient.recent_sends if t > now_utc - CAP_WINDOW]
    if len(window) >= cap:
        if kind in POSTPONE_ON_CAP:
            return Decision("postpone", "weekly_cap", window[len(window) - cap] + CAP_WINDOW)
        return Decision("drop", "weekly_cap")
    over = _over_limits(scope, recipient, now_utc)
    if over is not None:
        reason, free_at = over
        if kind in POSTPONE_ON_CAP and free_at is not None:
            return Decision("postpone", reason, free_at)
        return Decision("drop", reason)
    return Decision("send", "ok")
