"""What a customer can allow, and the languages they can be written to in: defined here, once.

Dependency-free on purpose: the storage models, the pure policy, the keyword rules and the
routers all import it, and none of them may pull in another (no import cycle, no aiogram).
"""

from __future__ import annotations

from typing import Final

# The permissions a customer grants one by one (the ledger's `scope`), in the order shown to them.
SCOPES: Final[tuple[str, ...]] = ("birthday", "samples", "feedback", "offers", "tracking")

# Which scope each kind of outgoing message needs ("tracking" allows measuring, no message).
KIND_SCOPE: Final[dict[str, str]] = {
    "birthday": "birthday",
    "sample": "samples",
    "feedback": "feedback",
    "campaign": "offers",
}

# The customer languages (every customer-facing text exists in each); the first is the default.
LANGUAGES: Final[tuple[str, ...]] = ("en", "uk", "ru", "pl")
DEFAULT_LANGUAGE: Final[str] = LANGUAGES[0]
