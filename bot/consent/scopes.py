"""What a customer can allow, and the languages they can be written to in: defined here, once.

Dependency-free on purpose: the storage models, the pure policy, the keyword rules and the
routers all import it, and none of them may pull in another (no import cycle, no aiogram).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

# The permissions a customer grants one by one (the ledger's `scope`), in the order shown to them.
SCOPES: Final[tuple[str, ...]] = ("birthday", "samples", "feedback", "offers", "tracking")

# Which scope each kind of outgoing message needs ("tracking" allows measuring, no message).
KIND_SCOPE: Final[dict[str, str]] = {
    "birthday": "birthday",
    "sample": "samples",
    "feedback": "feedback",
    "campaign": "offers",
    "gift": "birthday",  # the birthday perk announced before the birthday (bot/gifts.py)
    "gift_reminder": "birthday",  # one reminder before the perk expires
}

# Kinds whose rows carry their scope in the payload ("scope"): a sequence step (bot/sequences.py)
# is sent within the scope staff chose for it. A row of such a kind without a scope that can
# carry a message has no scope at all, and is never sent.
PAYLOAD_SCOPE_KINDS: Final[frozenset[str]] = frozenset({"sequence"})


def scope_of(kind: str, payload: Mapping[str, object] | None = None) -> str | None:
    """The scope a message of `kind` (with `payload`) needs; None: none (it must not be sent)."""
    if kind in PAYLOAD_SCOPE_KINDS:
        scope = (payload or {}).get("scope")
        return scope if isinstance(scope, str) and scope in KIND_SCOPE.values() else None
    return KIND_SCOPE.get(kind)


# The customer languages (every customer-facing text exists in each); the first is the default.
LANGUAGES: Final[tuple[str, ...]] = ("en", "uk", "ru", "pl")
DEFAULT_LANGUAGE: Final[str] = LANGUAGES[0]
