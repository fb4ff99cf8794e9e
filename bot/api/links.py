"""POST /v1/links: a one-time deep link that links the shop's customer to a Telegram chat.

The shop puts the link on its order confirmation page or in its e-mail; the customer opens it in
Telegram (`/start link_<token>`, bot/linking.py) and the chat is linked to the shop's customer
id. Linking grants no scope: the customer still chooses, scope by scope, what the bot may send.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from bot import linking
from bot.api.deps import Session, require_scope
from bot.api.errors import ApiError, errors
from bot.api.keys import ApiKeyUser

router = APIRouter(tags=["customers"])
LinkKey = Annotated[ApiKeyUser, require_scope("customers:link")]


class LinkIn(BaseModel):
    shop_customer_id: str = Field(
        min_length=1, max_length=128, pattern=r"^[^\x00-\x1f\x7f]+$", description="the shop's own customer id"
    )
    ttl_hours: float | None = Field(
        default=None, gt=0, le=24 * 90, description="how long the link is valid (default LINK_TTL_HOURS, 72)"
    )


class LinkOut(BaseModel):
    url: str = Field(description="https://t.me/<bot>?start=link_<token>: put it on the order page or in the e-mail")
    start_parameter: str = Field(description="the `start` parameter alone (at most 64 characters)")
    shop_customer_id: str
    expires_at: datetime


@router.post(
    "/links",
    status_code=201,
    response_model=LinkOut,
    responses=errors(400),
    summary="Issue a one-time link that links a shop customer to their Telegram chat",
)
async def create_link(body: LinkIn, request: Request, session: Session, key: LinkKey) -> LinkOut:
    """One use, signed, expiring. Opening it links the chat to `shop_customer_id` (a newer link
    for the same shop customer opened in another chat moves the link there); it grants no scope."""
    settings = request.app.state.services.settings
    try:
        username = await linking.bot_username(settings)
    except Exception as exc:  # noqa: BLE001 - the Bot API unreachable or no username
        raise ApiError(400, "bot_username_unknown", f"cannot make a t.me link: {exc}") from None
    issued = await linking.issue_link(
        session,
        settings,
        shop_customer_id=body.shop_customer_id,
        username=username,
        ttl=timedelta(hours=body.ttl_hours) if body.ttl_hours else None,
        api_key_id=key.id,
    )
    return LinkOut(
        url=issued.url,
        start_parameter=issued.token,
        shop_customer_id=issued.shop_customer_id,
        expires_at=issued.expires_at,
    )
