"""The consent policy, by tables of cases (pure: no bot, no database)."""

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from bot.consent.policy import (
    LIMIT_PERIODS,
    SERVICE_KINDS,
    Decision,
    Limit,
    Recipient,
    decide,
    in_quiet_hours,
    quiet_end_after,
    zone,
)
from bot.consent.scopes import KIND_SCOPE

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


# ---- frequency limits and pauses -----------------------------------------------------------------


def sent(scope, *hours_ago):
    return tuple((scope, NOW - timedelta(hours=h)) for h in hours_ago)


@pytest.mark.parametrize(
    "kind, limits, sends, action, reason",
    [
        # per scope and per day: one sample in the last 24 h blocks the next; a campaign is another scope
        ("sample", (Limit("samples", "day", 1),), sent("samples", 2), "drop", "limit:samples:day"),
        ("campaign", (Limit("samples", "day", 1),), sent("samples", 2), "send", "ok"),
        ("sample", (Limit("samples", "day", 1),), sent("samples", 25), "send", "ok"),
        # overall per week: messages of every scope count
        ("sample", (Limit("all", "week", 2),), sent("offers", 30) + sent("birthday", 100), "drop", "limit:all:week"),
        ("sample", (Limit("all", "week", 2),), sent("offers", 30) + sent("birthday", 24 * 7 + 1), "send", "ok"),
        # per month (30 days)
        ("campaign", (Limit("offers", "month", 1),), sent("offers", 24 * 29), "drop", "limit:offers:month"),
        ("campaign", (Limit("offers", "month", 1),), sent("offers", 24 * 31), "send", "ok"),
        ("campaign", (Limit("offers", "month", 2),), sent("offers", 24 * 29), "send", "ok"),
        # over a limit a feedback request waits, as over the weekly cap
        ("feedback", (Limit("feedback", "week", 1),), sent("feedback", 24), "postpone", "limit:feedback:week"),
        # a limit of no messages, or of an unknown period: never sent, not even postponed
        ("feedback", (Limit("all", "week", 0),), (), "drop", "limit:all:week"),
        ("sample", (Limit("all", "fortnight", 5),), (), "drop", "limit:all:fortnight"),
        # the customer's own limit beside the shop's: both apply, so the stricter wins (tightening only)
        ("sample", (Limit("all", "week", 3), Limit("all", "week", 1)), sent("offers", 5), "drop", "limit:all:week"),
        ("sample", (Limit("all", "week", 1), Limit("all", "week", 3)), sent("offers", 5), "drop", "limit:all:week"),
    ],
)
def test_frequency_limits(kind, limits, sends, action, reason):
    decision = decide(kind, r(limits=limits, scope_sends=sends), NOW, default_cap=99)
    assert (decision.action, decision.reason) == (action, reason)


def test_a_postponed_feedback_waits_until_every_limit_reached_has_room():
    limits = (Limit("feedback", "day", 1), Limit("all", "week", 2))
    sends = sent("feedback", 3) + sent("offers", 24 * 3, 24 * 5)
    decision = decide("feedback", r(limits=limits, scope_sends=sends), NOW, default_cap=99)
    # the day limit frees at NOW+21h, the week limit when the 3-day-old message leaves the week (+4 days)
    assert decision.action == "postpone" and decision.until == NOW - timedelta(days=3) + timedelta(days=7)


def test_the_weekly_cap_still_applies_beside_the_limits():
    person = r(weekly_cap=1, recent_sends=(NOW - timedelta(hours=1),), limits=(Limit("all", "month", 10),))
    assert decide("sample", person, NOW, default_cap=3).reason == "weekly_cap"


@pytest.mark.parametrize("kind", ["birthday", "sample", "campaign"])
def test_during_a_pause_everything_but_feedback_is_dropped(kind):
    until = NOW + timedelta(days=7)
    assert decide(kind, r(paused_until=until), NOW, default_cap=3) == Decision("drop", "paused")
    assert decide(kind, r(paused_until=NOW), NOW, default_cap=3).action == "send"  # ended


def test_during_a_pause_feedback_waits_for_its_end():
    until = NOW + timedelta(days=14)
    assert decide("feedback", r(paused_until=until), NOW, default_cap=3) == Decision("postpone", "paused", until)


def test_a_pause_is_no_reason_to_send_outside_the_scope():
    person = r(scopes=frozenset({"samples"}), paused_until=NOW + timedelta(days=1))
    assert decide("feedback", person, NOW, default_cap=3).reason == "scope_not_granted"


def test_the_pause_end_note_needs_some_scope_and_respects_quiet_hours_but_no_cap():
    full = r(weekly_cap=1, recent_sends=(NOW,), limits=(Limit("all", "day", 1),), scope_sends=sent("offers", 1))
    assert decide("pause_end", full, NOW, default_cap=1).action == "send"
    assert decide("pause_end", r(scopes=frozenset()), NOW, default_cap=3).reason == "scope_not_granted"
    assert decide("pause_end", r(reachable=False), NOW, default_cap=3).reason == "unreachable"
    assert decide("pause_end", r(forgotten=True), NOW, default_cap=3).reason == "forgotten"
    quiet = r(timezone="Europe/Kyiv", quiet_start=13 * 60, quiet_end=15 * 60)
    assert decide("pause_end", quiet, NOW, default_cap=3).action == "postpone"
    assert decide("pause_end", r(paused_until=NOW + timedelta(days=1)), NOW, default_cap=3).reason == "paused"


def test_plus_send_counts_toward_the_limits():
    person = r(limits=(Limit("offers", "day", 1),))
    assert decide("campaign", person, NOW, default_cap=9).send
    assert decide("campaign", person.plus_send("offers", NOW), NOW, default_cap=9).reason == "limit:offers:day"
    assert decide("campaign", person.plus_send("offers", NOW), NOW, default_cap=1).reason == "weekly_cap"


KINDS = sorted(KIND_SCOPE) + sorted(SERVICE_KINDS)
SCOPE_NAMES = sorted(set(KIND_SCOPE.values()) | {"tracking"})
_offsets = st.integers(min_value=0, max_value=40 * 24 * 60)  # minutes before NOW


@hsettings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    scopes=st.frozensets(st.sampled_from(SCOPE_NAMES)),
    sends=st.lists(st.tuples(st.sampled_from(SCOPE_NAMES), _offsets), max_size=12),
    limits=st.lists(
        st.builds(
            Limit,
            st.sampled_from(["all", *SCOPE_NAMES]),
            st.sampled_from(sorted(LIMIT_PERIODS)),
            st.integers(min_value=0, max_value=6),
        ),
        max_size=4,
    ),
    pause=st.one_of(st.none(), st.integers(min_value=-3 * 24 * 60, max_value=30 * 24 * 60)),
)
def test_nothing_is_sent_outside_the_scope_over_a_limit_or_during_a_pause(kind, scopes, sends, limits, pause):
    scope_sends = tuple(sorted(((s, NOW - timedelta(minutes=m)) for s, m in sends), key=lambda x: x[1]))
    paused_until = None if pause is None else NOW + timedelta(minutes=pause)
    person = r(scopes=scopes, scope_sends=scope_sends, limits=tuple(limits), paused_until=paused_until)
    decision = decide(kind, person, NOW, default_cap=100)
    if not decision.send:
        if decision.action == "postpone":
            assert decision.until is not None and decision.until > NOW
        return
    scope = KIND_SCOPE.get(kind)
    assert (scope in scopes) if scope else bool(scopes)
    assert paused_until is None or paused_until <= NOW
    if scope is None:
        return
    for limit in limits:
        if limit.scope in ("all", scope):
            window = NOW - LIMIT_PERIODS[limit.period]
            counted = [at for s, at in scope_sends if limit.scope in ("all", s) and at > window]
            assert len(counted) < limit.count
