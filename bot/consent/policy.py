"""The consent policy: may this message go out now? Pure: no aiogram, no database.

Handlers, jobs and the sender all ask `decide()`: the scope is
granted, the customer is reachable, it is not their quiet hours, and they are
under their weekly cap. When in doubt, the answer is not to send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.consent.scopes import KIND_SCOPE

__all__ = [
    "CAP_WINDOW",
    "KIND_SCOPE",
    "POSTPONE_ON_CAP",
    "Decision",
    "Recipient",
    "decide",
    "in_quiet_hours",
    "quiet_end_after",
    "zone",
]

# Over the weekly cap a feedback request can wait; a greeting, a sample offer or a
# campaign message loses its point later, so it is dropped.
POSTPONE_ON_CAP = frozenset({"feedback"})
CAP_WINDOW = timedelta(days=7)


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


def decide(
    kind: str, recipient: Recipient, now_utc: datetime, *, default_cap: int, default_tz: str = "UTC"
) -> Decision:
    scope = KIND_SCOPE.get(kind)
    if scope is None:
        return Decision("drop", f"unknown_kind:{kind}")
    if recipient.forgotten:
        return Decision("drop", "forgotten")
    if scope not in recipient.scopes:
        return Decision("drop", "scope_not_granted")
    if not recipient.reachable:
        return Decision("drop", "unreachable")
    tz = zone(recipient.timezone, default_tz)
    local = now_utc.astimezone(tz)
    if in_quiet_hours(local.hour * 60 + local.minute, recipient.quiet_start, recipient.quiet_end):
        # in_quiet_hours is False unless both ends are set
        return Decision("postpone", "quiet_hours", quiet_end_after(now_utc, tz, cast(int, recipient.quiet_end)))
    cap = recipient.weekly_cap or default_cap
    window = [t for t in recipient.recent_sends if t > now_utc - CAP_WINDOW]
    if len(window) >= cap:
        if kind in POSTPONE_ON_CAP:
            return Decision("postpone", "weekly_cap", window[len(window) - cap] + CAP_WINDOW)
        return Decision("drop", "weekly_cap")
    return Decision("send", "ok")
