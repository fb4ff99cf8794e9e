"""Staff commands, grouped by task: customers (/customer, /purchase), samples (/sample_new,
/samples, /sample_close, /requests, /fulfil), campaigns (the /campaign dialogue, /campaigns),
reports (/stats, /report, /export), admin (/staff, /categories, /perk, /audit) and help (/help,
the commands of the staff member's role); what they share is in common.py. The router is
guarded by `IsStaff`: for anyone else these commands do not exist (they get the same reply as
any unknown text). Each command states the roles allowed, and every staff action is written to
the audit log in the same transaction."""

from __future__ import annotations

from aiogram import F, Router

from bot.routers import Routes
from bot.routers.staff import admin, apikeys, campaigns, common, customers, help, reports, samples, sequences, webhooks
from bot.routers.staff.common import AuditMiddleware, IsStaff

routes = Routes()
routes.message.filter(F.chat.type == "private", IsStaff())  # checked once, for every group below
routes.message.middleware(AuditMiddleware())  # wraps the handlers of every group below

# In the order they are tried; common's reply to a command the role may not use comes last.
GROUPS = (customers, samples, campaigns, reports, admin, sequences, help, webhooks, apikeys, common)


def build_router() -> Router:
    """A new staff Router with a new Router per group (bot/app.py includes it)."""
    router = routes.build(name=__name__)
    router.include_routers(*(group.build_router() for group in GROUPS))
    return router
