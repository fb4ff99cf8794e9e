"""Moved to bot/consent/policy.py (this re-export goes once every importer uses the new path)."""
from bot.consent.policy import *  # noqa: F401,F403
from bot.consent.policy import KIND_SCOPE, Decision, Recipient, decide, in_quiet_hours, quiet_end_after, zone  # noqa: F401
