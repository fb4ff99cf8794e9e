"""Understanding customers' free text: the Rasa server when it answers, keyword rules always.

Public API:
    Parse                  what a message means (intent, confidence, entities, source)
    NLUClient(url, ...)    POST {url}/model/parse; parse(text) -> Parse | None; close()
    match_critical(text)   keyword rules for opt_out / forget_me / help -> Parse | None
    scope_from_text(text)  the one permission scope a text names -> str | None
    interpret(client, text) the two combined -> Parse | None (None: answer with buttons)
"""
from __future__ import annotations

from bot.nlu.client import FALLBACK_INTENT, FALLBACK_THRESHOLD, NLUClient
from bot.nlu.keywords import SCOPES, Parse, match_critical, scope_from_text

__all__ = ["FALLBACK_INTENT", "FALLBACK_THRESHOLD", "SCOPES", "NLUClient", "Parse", "interpret",
           "match_critical", "scope_from_text"]

WITHDRAWALS = ("opt_out", "forget_me")


async def interpret(client: NLUClient | None, text: str) -> Parse | None:
    """What the bot should act on.

    A withdrawal found by the keyword rules wins whatever the model says (it errs on the side of
    the customer); otherwise the model's parse; when the model cannot answer or does not
    understand, the keyword rules' help; otherwise the model's nlu_fallback or None.
    """
    rule = match_critical(text)
    if rule is not None and rule.intent in WITHDRAWALS:
        return rule
    parsed = await client.parse(text) if client is not None else None
    if parsed is not None and parsed.intent != FALLBACK_INTENT:
        return parsed
    if rule is not None:
        return rule
    return parsed
