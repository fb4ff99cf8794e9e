"""Understanding customers' free text: the Rasa server when it answers, keyword rules always.

Public API:
    Parse                  what a message means (intent, confidence, entities, source)
    NLUClient(url, ...)    POST {url}/model/parse; parse(text) -> Parse | None; close()
    match_critical(text)   keyword rules for opt_out / forget_me / help -> Parse | None
    scope_from_text(text)  the one permission scope a text names -> str | None
    interpret(client, text) the two combined -> Parse | None (None: answer with buttons)

The keyword rules and `interpret` are part of the consent core (bot/consent/keywords.py,
bot/consent/withdrawal.py): a withdrawal in words is a consent decision.
"""

from __future__ import annotations

from bot.consent.keywords import FALLBACK_INTENT, Parse, match_critical, scope_from_text
from bot.consent.withdrawal import WITHDRAWALS, interpret
from bot.nlu.client import FALLBACK_THRESHOLD, NLUClient

__all__ = [
    "FALLBACK_INTENT",
    "FALLBACK_THRESHOLD",
    "WITHDRAWALS",
    "NLUClient",
    "Parse",
    "interpret",
    "match_critical",
    "scope_from_text",
]
