"""The consent policy, by tables of cases (pure: no bot, no database)."""
from datetime import datetime, timedelta, timezone

import pytest

from bot.policy import Recipient, decide, in_quiet_hours, quiet_end_after, zone

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)  # 14:00 in Kyiv, 13:00 in Warsaw
ALL = frozenset({"birthday", "samples", "feedback", "offers", "tracking"})


def r(**kw) -> Recipient:
    kw.setdefault("scopes", ALL)
    return Recipient(**kw)


@pytest.mark.parametrize("kind, recipient, action, reason", [
    ("birthday", r(), "send", "ok"),
    ("birthday", r(scopes=frozenset({"samples"})), "drop", "scope_not_granted"),
    ("sample", r(scopes=frozenset({"birthday"})), "drop", "scope_not_granted"),
    ("feedback", r(scopes=frozenset({"offers"})), "drop", "scope_not_granted"),
    ("campaign", r(scopes=frozenset({"samples", "tracking"})), "drop", "scope_not_granted"),
    ("campaign", r(scopes=frozenset({"offers"})), "send", "ok"),
    ("sample", r(reachable=False), "drop", "unreachable"),
    ("sample", r(forgotten=True), "drop", "forgotten"),
    ("telepathy", r(), "drop", "unknown_kind:telepathy"),
    # quiet hours in the customer's own zone: 14:00 in Kyiv is inside 13:00-15:00
    ("sample", r(timezone="Europe/Kyiv", quiet_start=13 * 60, quiet_end=15 * 60), "postpone", "quiet_hours"),
    ("sample", r(timezone="Europe/Warsaw", quiet_start=13 * 60 + 30, quiet_end=15 * 60), "send", "ok"),
    # quiet hours across midnight
    ("sample", r(timezone="Asia/Tokyo", quiet_start=21 * 60, quiet_end=8 * 60), "postpone", "quiet_hours"),
    # the weekly cap: drop for offers, postpone for feedback
    ("campaign", r(weekly_cap=2, recent_sends=(NOW - timedelta(days=1), NOW - timedelta(hours=1))), "drop",
     "weekly_cap"),
    ("feedback", r(weekly_cap=2, recent_sends=(NOW - timedelta(days=1), NOW - timedelta(hours=1))), "postpone",
     "weekly_cap"),
    ("campaign", r(weekly_cap=2, recent_sends=(NOW - timedelta(days=8), NOW - timedelta(hours=1))), "send", "ok"),
    # no own cap: the default (3) applies
    ("campaign", r(recent_sends=tuple(NOW - timedelta(hours=h) for h in (3, 2, 1))), "drop", "weekly_cap"),
])
def test_decide(kind, recipient, action, reason):
    decision = decide(kind, recipient, NOW, default_cap=3)
    assert (decision.action, decision.reason) == (action, reason)


def test_quiet_postpones_until_local_end():
    decision = decide("sample", r(timezone="Europe/Kyiv", quiet_start=13 * 60, quiet_end=15 * 60), NOW, default_cap=3)
    assert decision.until == datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)  # 15:00 Kyiv (UTC+2)


def test_feedback_over_cap_waits_for_the_window():
    sends = (NOW - timedelta(days=6), NOW - timedelta(days=1))
    decision = decide("feedback", r(weekly_cap=2, recent_sends=sends), NOW, default_cap=3)
    assert decision.until == sends[0] + timedelta(days=7)


@pytest.mark.parametrize("minute, start, end, quiet", [
    (23 * 60, 22 * 60, 8 * 60, True), (7 * 60, 22 * 60, 8 * 60, True), (8 * 60, 22 * 60, 8 * 60, False),
    (12 * 60, 22 * 60, 8 * 60, False), (12 * 60, None, None, False), (12 * 60, 600, 600, False),
    (13 * 60, 13 * 60, 14 * 60, True), (14 * 60, 13 * 60, 14 * 60, False),
])
def test_in_quiet_hours(minute, start, end, quiet):
    assert in_quiet_hours(minute, start, end) is quiet


def test_quiet_end_across_dst():
    # Warsaw leaves summer time on 2026-10-25 at 03:00 local; 08:00 that morning is 07:00 UTC.
    now = datetime(2026, 10, 24, 22, 30, tzinfo=timezone.utc)
    assert quiet_end_after(now, zone("Europe/Warsaw"), 8 * 60) == datetime(2026, 10, 25, 7, 0, tzinfo=timezone.utc)


def test_unknown_zone_falls_back():
    assert zone("Mars/Olympus", "Europe/Kyiv").key == "Europe/Kyiv"
