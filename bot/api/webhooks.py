"""/v1/webhooks: outgoing webhooks (the same as the owners' /webhook command).

What is sent, how it is signed and retried: bot/delivery/webhooks.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field
from sqlalchemy import select

from bot.api.deps import Session, require_scope
from bot.api.errors import ApiError, errors
from bot.api.keys import ApiKeyUser
from bot.delivery import webhooks
from storage.models import WebhookEndpoint

router = APIRouter(tags=["webhooks"])
# Every endpoint here needs a key with the scope webhooks:write.
WebhooksKey = Annotated[ApiKeyUser, require_scope("webhooks:write")]

WebhookId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the webhook's id")]
Event = Literal["consent.granted", "consent.withdrawn", "customer.forgotten"]


class WebhookIn(BaseModel):
    url: str = Field(min_length=8, max_length=2000, description="an http:// or https:// URL that receives POSTs")
    events: list[Event] = Field(
        default_factory=lambda: list(webhooks.EVENTS), min_length=1, max_length=3, description="default: all three"
    )


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[str]
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="the signing secret, shown only in this answer: verify `X-PMBot-Signature` with it")


class DeliveryOut(BaseModel):
    id: int
    event_id: str
    event: str
    scope: str | None
    customer_id: int | None
    status: str = Field(description="pending, sending, delivered or failed (given up)")
    attempts: int
    last_http_status: int | None
    last_error: str | None
    created_at: datetime
    finished_at: datetime | None


def _out(endpoint: WebhookEndpoint) -> WebhookOut:
    return WebhookOut(
        id=endpoint.id or 0, url=endpoint.url, events=webhooks.events_of(endpoint), created_at=endpoint.created_at
    )


@router.post("/webhooks", status_code=201, response_model=WebhookCreated, responses=errors())
async def create_webhook(body: WebhookIn, session: Session, key: WebhooksKey) -> WebhookCreated:
    """Deliver the chosen events to `url`, signed with a new secret (returned once)."""
    try:
        endpoint = await webhooks.add_endpoint(session, url=body.url, events=body.events, api_key_id=key.id)
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    return WebhookCreated(**_out(endpoint).model_dump(), secret=endpoint.secret)


@router.get("/webhooks", response_model=list[WebhookOut], responses=errors())
async def list_webhooks(session: Session, key: WebhooksKey) -> list[WebhookOut]:
    """The active webhooks (without their secrets)."""
    return [_out(e) for e in await webhooks.active_endpoints(session)]


async def _endpoint(session, webhook_id: int) -> WebhookEndpoint:
    endpoint = (
        await session.execute(select(WebhookEndpoint).where(WebhookEndpoint.id == webhook_id))
    ).scalar_one_or_none()
    if endpoint is None:
        raise ApiError(404, "not_found", f"no webhook {webhook_id}")
    return endpoint


@router.delete("/webhooks/{webhook_id}", status_code=204, responses=errors(404))
async def delete_webhook(webhook_id: WebhookId, session: Session, key: WebhooksKey) -> None:
    """Stop delivering to this webhook; its pending deliveries are given up, its log stays."""
    endpoint = await _endpoint(session, webhook_id)
    if not endpoint.active:
        raise ApiError(404, "not_found", f"webhook {webhook_id} was already removed")
    await webhooks.remove_endpoint(session, endpoint_id=webhook_id)


@router.get("/webhooks/{webhook_id}/deliveries", response_model=list[DeliveryOut], responses=errors(404))
async def webhook_deliveries(
    webhook_id: WebhookId,
    session: Session,
    key: WebhooksKey,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[DeliveryOut]:
    """The delivery log of one webhook, newest first: status, attempts, last HTTP status, error."""
    await _endpoint(session, webhook_id)
    rows = await webhooks.delivery_log(session, endpoint_id=webhook_id, limit=limit)
    return [
        DeliveryOut(
            id=r.id or 0,
            event_id=r.event_id,
            event=r.event,
            scope=r.scope,
            customer_id=r.customer_id,
            status=r.status,
            attempts=r.attempts,
            last_http_status=r.last_http_status,
            last_error=r.last_error,
            created_at=r.created_at,
            finished_at=r.finished_at,
        )
        for r in rows
    ]
