"""Which scope a message needs (bot/consent/scopes.py scope_of), exactly: a sequence step carries
its scope in the payload, and only a scope that can carry a message counts (kills the mutants of
scope_of that the policy tests let live)."""

import pytest

from bot.consent.scopes import KIND_SCOPE, PAYLOAD_SCOPE_KINDS, scope_of


@pytest.mark.parametrize("scope", sorted(set(KIND_SCOPE.values())))
def test_a_sequence_step_needs_the_scope_in_its_payload(scope):
    assert scope_of("sequence", {"scope": scope, "text": "Hello"}) == scope


@pytest.mark.parametrize(
    "payload",
    [
        None,  # no payload at all
        {},  # no scope in it
        {"SCOPE": "offers"},  # the key is "scope", exactly
        {"scope": "tracking"},  # a scope, but one that allows measuring, not messages
        {"scope": "everything"},  # not a scope
        {"scope": None},
        {"scope": 1},
        {"scope": ["offers"]},
    ],
)
def test_a_sequence_step_without_a_message_scope_needs_none_and_is_never_sent(payload):
    assert scope_of("sequence", payload) is None


def test_other_kinds_need_their_own_scope_whatever_the_payload():
    assert "sequence" in PAYLOAD_SCOPE_KINDS
    for kind, scope in KIND_SCOPE.items():
        assert scope_of(kind) == scope
        assert scope_of(kind, {"scope": "samples" if scope != "samples" else "offers"}) == scope
    assert scope_of("pause_end") is None  # a service note needs no scope of its own
    assert scope_of("unknown", {"scope": "offers"}) is None
