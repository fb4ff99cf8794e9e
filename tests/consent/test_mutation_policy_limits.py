"""The policy's edges, exactly (kills mutants of bot/consent/policy.py that tests/consent/test_policy.py
lets live): a sequence step's scope comes from its payload, a service note's reason, and a send that
leaves a limit's window at the very moment it is a day, a week or a month old."""

from datetime import datetime, timedelta, timezone

import pytest

from bot.consent.policy import LIMIT_PERIODS, Decision, Limit, Recipient, decide

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def test_a_sequence_step_needs_the_scope_its_payload_carries():
    only_samples = Recipient(scopes=frozenset({"samples"}))
    sample_step = {"scope": "samples", "text": "Try it"}
    offer_step = {"scope": "offers", "text": "A discount"}
    assert decide("sequence", only_samples, NOW, default_cap=3, payload=sample_step) == Decision("send", "ok")
    assert decide("sequence", only_samples, NOW, default_cap=3, payload=offer_step) == Decision(
        "drop", "scope_not_granted"
    )
    # without a scope in the payload the step has none: never sent
    assert decide("sequence", only_samples, NOW, default_cap=3) == Decision("drop", "unknown_kind:sequence")


def test_a_service_note_is_sent_with_the_reason_ok():
    assert decide("pause_end", Recipient(scopes=frozenset({"offers"})), NOW, default_cap=3) == Decision("send", "ok")


@pytest.mark.parametrize("period", sorted(LIMIT_PERIODS))
def test_a_send_exactly_one_period_old_no_longer_counts_toward_a_limit(period):
    span = LIMIT_PERIODS[period]
    limits = (Limit("offers", period, 1),)
    at_the_edge = Recipient(scopes=frozenset({"offers"}), limits=limits, scope_sends=(("offers", NOW - span),))
    assert decide("campaign", at_the_edge, NOW, default_cap=99) == Decision("send", "ok")
    inside = Recipient(
        scopes=frozenset({"offers"}), limits=limits, scope_sends=(("offers", NOW - span + timedelta(seconds=1)),)
    )
    assert decide("campaign", inside, NOW, default_cap=99) == Decision("drop", f"limit:offers:{period}")


def test_a_limit_of_another_scope_does_not_end_the_check():
    limits = (Limit("samples", "day", 1), Limit("offers", "day", 1))
    person = Recipient(scopes=frozenset({"offers"}), limits=limits, scope_sends=(("offers", NOW - timedelta(hours=1)),))
    assert decide("campaign", person, NOW, default_cap=99) == Decision("drop", "limit:offers:day")
