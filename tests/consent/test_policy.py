"""The consent policy, by tables of cases (pure: no bot, no database)."""

from datetime import datetime, timedelta, timezone

import pytest

from bot.consent.policy import Recipient, decide, in_quiet_hours, quiet_end_after, zone

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)  # 14:00 in Kyiv, 13:00 in Warsaw
ALL = frozenset({"birthday", "samples", "feedback", "offers", "tracking"})


def r(**kw) -> Recipient:
    kw.setdefault("scopes", ALL)
    return Recipient(**kw)


@pytest.mark.parametrize(
    "kind, recipient, action, reason",
    [
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
        (
            "campaign",
            r(weekly_cap=2, recent_sends=(NOW - timedelta(days=1), NOW - timedelta(hours=1))),
            "drop",
            "weekly_cap",
        ),
        (
            "feedback",
            r(weekly_cap=2, recent_sends=(NOW - timedelta(days=1), NOW - timedelta(hours=1))),
            "postpone",
            "weekly_cap",
        ),
        ("campaign", r(weekly_cap=2, recent_sends=(NOW - timedelta(days=8), NOW - timedelta(hours=1))), "send", "ok"),
        # no own cap: the default (3) applies
        ("campaign", r(recent_sends=tuple(NOW - timedelta(hours=h) for h in (3, 2, 1))), "drop", "weekly_cap"),
    ],
)
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


@pytest.mark.parametrize(
    "minute, start, end, quiet",
    [
        (23 * 60, 22 * 60, 8 * 60, True),
        (7 * 60, 22 * 60, 8 * 60, True),
        (8 * 60, 22 * 60, 8 * 60, False),
        (12 * 60, 22 * 60, 8 * 60, False),
        (12 * 60, None, None, False),
        (12 * 60, 600, 600, False),
        (13 * 60, 13 * 60, 14 * 60, True),
        (14 * 60, 13 * 60, 14 * 60, False),
    ],
)
def test_in_quiet_hours(minute, start, end, quiet):
    assert in_quiet_hours(minute, start, end) is quiet


def test_quiet_end_across_dst():
    # Warsaw leaves summer time on 2026-10-25 at 03:00 local; 08:00 that morning is 07:00 UTC.
    now = datetime(2026, 10, 24, 22, 30, tzinfo=timezone.utc)
    assert quiet_end_after(now, zone("Europe/Warsaw"), 8 * 60) == datetime(2026, 10, 25, 7, 0, tzinfo=timezone.utc)


def test_unknown_zone_falls_back():
    assert zone("Mars/Olympus", "Europe/Kyiv").key == "Europe/Kyiv"


# ---- cases that pin the exact rules (each kills a mutant of bot/consent/policy.py that the tables let live) ----


def test_the_default_zone_applies_when_the_customer_has_none():
    # No zone of their own: quiet hours are read in the shop's zone (14:00 in Kyiv), not in UTC (12:00).
    quiet_in_kyiv = r(quiet_start=13 * 60, quiet_end=15 * 60)
    assert decide("sample", quiet_in_kyiv, NOW, default_cap=3, default_tz="Europe/Kyiv").action == "postpone"
    assert decide("sample", quiet_in_kyiv, NOW, default_cap=3).action == "send"  # UTC: 12:00


@pytest.mark.parametrize("local_time, quiet", [((13, 59), True), ((14, 0), False), ((12, 59), False), ((13, 0), True)])
def test_quiet_hours_to_the_minute(local_time, quiet):
    # Quiet 13:00-14:00 in Kyiv (UTC+2 in November): the minutes count, not just the hour.
    hour, minute = local_time
    now = datetime(2026, 11, 23, hour - 2, minute, tzinfo=timezone.utc)
    decision = decide("sample", r(timezone="Europe/Kyiv", quiet_start=13 * 60, quiet_end=14 * 60), now, default_cap=3)
    assert decision.action == ("postpone" if quiet else "send")


def test_a_send_exactly_a_week_old_no_longer_counts():
    # Feedback over the cap waits until the oldest send in the window is a week old; at that
    # instant it must go, or it would be postponed to the same instant for ever.
    sends = (NOW - timedelta(days=6), NOW - timedelta(days=1))
    first = decide("feedback", r(weekly_cap=2, recent_sends=sends), NOW, default_cap=3)
    assert first.action == "postpone"
    later = decide("feedback", r(weekly_cap=2, recent_sends=sends), first.until, default_cap=3)
    assert (later.action, later.reason) == ("send", "ok")
    assert (
        decide(
            "feedback", r(weekly_cap=2, recent_sends=sends), first.until - timedelta(microseconds=1), default_cap=3
        ).action
        == "postpone"
    )


def test_one_end_of_quiet_hours_missing_means_no_quiet_hours():
    assert in_quiet_hours(600, None, 480) is False
    assert in_quiet_hours(600, 480, None) is False
    assert decide("sample", r(quiet_start=None, quiet_end=8 * 60), NOW, default_cap=3).action == "send"


def test_quiet_end_is_a_whole_minute_in_utc():
    now = datetime(2026, 10, 24, 22, 30, 17, 500_000, tzinfo=timezone.utc)
    end = quiet_end_after(now, zone("Europe/Warsaw"), 8 * 60)
    assert end == datetime(2026, 10, 25, 7, 0, tzinfo=timezone.utc)
    assert end.tzinfo is timezone.utc  # stored as is in not_before: UTC, whatever the machine's zone


def test_quiet_end_is_strictly_after_now():
    # At 08:00:00 sharp the quiet hours ending at 08:00 end next morning, not now.
    now = datetime(2026, 11, 23, 6, 0, tzinfo=timezone.utc)  # 08:00 in Kyiv
    assert quiet_end_after(now, zone("Europe/Kyiv"), 8 * 60) == datetime(2026, 11, 24, 6, 0, tzinfo=timezone.utc)


def test_quiet_hours_across_midnight_end_next_morning():
    # 23:00 in Los Angeles (07:00 UTC the next day): quiet until 07:00 there, 15:00 UTC.
    now = datetime(2026, 11, 24, 7, 0, tzinfo=timezone.utc)
    decision = decide(
        "sample", r(timezone="America/Los_Angeles", quiet_start=22 * 60, quiet_end=7 * 60), now, default_cap=3
    )
    assert (decision.action, decision.until) == ("postpone", datetime(2026, 11, 24, 15, 0, tzinfo=timezone.utc))
    # 23:00 in Kyiv: the end (08:00) is tomorrow's, not yesterday's nor the day after.
    now = datetime(2026, 11, 23, 21, 0, tzinfo=timezone.utc)
    assert quiet_end_after(now, zone("Europe/Kyiv"), 8 * 60) == datetime(2026, 11, 24, 6, 0, tzinfo=timezone.utc)
