"""Measuring the dialogue: every response is an event, pseudonymous unless `tracking` was granted."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Customer, Outbox, ResponseEvent
from storage.queries import get_value, granted_scopes, set_value
from storage.types import utcnow

_SECRET_KEY = "pseudonym_secret"


def pseudonym(customer_id: int, secret: str) -> str:
    return hmac.new(secret.encode(), str(customer_id).encode(), hashlib.sha256).hexdigest()


async def secret_for(session: AsyncSession, configured: str | None) -> str:
    """PSEUDONYM_SECRET, or one generated on first use and stored in the database."""
    if configured:
        return configured
    value = await get_value(session, key=_SECRET_KEY)
    if value is None:
        value = secrets.token_hex(32)
        await set_value(session, key=_SECRET_KEY, value=value)
    return value


async def record_response(session: AsyncSession, *, row: Outbox, customer: Customer, action: str,
                          value: int | None, configured_secret: str | None = None) -> ResponseEvent:
    tracked = "tracking" in await granted_scopes(session, customer_id=customer.id)
    secret = await secret_for(session, configured_secret)
    now = utcnow()
    event = ResponseEvent(pseudonym=pseudonym(customer.id, secret), customer_id=customer.id if tracked else None,
                          message_kind=row.kind, action=action, value=value, campaign_id=row.campaign_id,
                          variant=row.variant,
                          # Without consent only the hour is kept, so the time cannot be matched to a send.
                          hour=now if tracked else now.replace(minute=0, second=0, microsecond=0))
    session.add(event)
    return event
