"""Moved to bot/consent/keywords.py (this re-export goes once every importer uses the new path)."""
from bot.consent.keywords import *  # noqa: F401,F403
from bot.consent.keywords import (  # noqa: F401
    SCOPE_STEMS,
    Parse,
    _about_messages,
    _is_forget,
    _negated,
    _scope_in,
    fold,
    match_critical,
    scope_from_text,
)
from bot.consent.scopes import SCOPES  # noqa: F401
