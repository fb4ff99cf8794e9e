"""POST /v1/purchases: a purchase from the shop's system, idempotent by the shop's order id."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from typing import Annotated

from fastapi import APIRouter, Response
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.api.deps import AppSettings, Session, require_scope
from bot.api.errors import ApiError, errors
from bot.api.keys import ApiKeyUser
from bot.api.lookup import find_customer
from bot.purchases import PRODUCT_MAX, OrderConflict, record_purchase
from storage.types import utcnow

router = APIRouter(tags=["purchases"])

EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
TELEGRAM_ID_MAX = 2**52  # Telegram: user ids have at most 52 significant bits


class PurchaseIn(BaseModel):
    """A purchase. The customer is named by Telegram id or by the shop's own customer id,
    linked to a Telegram chat earlier (one of the two)."""

    model_config = ConfigDict(extra="forbid")
    order_id: str = Field(min_length=1, max_length=128, description="The shop's order id: one purchase per order id")
    telegram_id: int | None = Field(
        default=None, ge=1, le=TELEGRAM_ID_MAX, description="The customer's Telegram user id"
    )
    shop_customer_id: str | None = Field(
        default=None, min_length=1, max_length=128, description="The shop's customer id, linked earlier"
    )
    product: str = Field(min_length=1, max_length=PRODUCT_MAX)
    amount: float | None = Field(default=None, ge=0, le=1e12, allow_inf_nan=False)
    at: AwareDatetime | None = Field(
        default=None, description="When it was bought (ISO 8601 with offset); now if absent"
    )

    @field_validator("order_id", "shop_customer_id")
    @classmethod
    def _no_blank(cls, value: str | None) -> str | None:
        if value is not None and (not value.strip() or value != value.strip()):
            raise ValueError("must not be blank or start or end with white space")
        return value

    @field_validator("product")
    @classmethod
    def _product(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("at")
    @classmethod
    def _plausible_time(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return value
        try:
            utc = value.astimezone(timezone.utc)
        except OverflowError:
            raise ValueError("out of range") from None
        if not EARLIEST <= utc <= utcnow() + timedelta(days=1):
            raise ValueError("must be between 2000-01-01 and now")
        return utc

    @model_validator(mode="after")
    def _one_customer(self) -> PurchaseIn:
        if (self.telegram_id is None) == (self.shop_customer_id is None):
            raise ValueError("name the customer by exactly one of telegram_id and shop_customer_id")
        return self


class PurchaseOut(BaseModel):
    id: int
    order_id: str
    telegram_id: int
    product: str
    amount: float | None
    at: datetime
    stage: str = Field(description="The customer's stage after the purchase")
    feedback_scheduled: bool = Field(description="A feedback request is queued (only with the `feedback` scope)")
    created: bool = Field(description="False: this order was recorded before; nothing was changed")


@router.post(
    "/purchases",
    status_code=201,
    response_model=PurchaseOut,
    responses={200: {"model": PurchaseOut, "description": "This order was recorded before"}, **errors(404, 409)},
)
async def post_purchase(
    body: PurchaseIn,
    response: Response,
    session: Session,
    settings: AppSettings,
    key: Annotated[ApiKeyUser, require_scope("purchases:write")],
) -> PurchaseOut:
    """Record a purchase: the customer's stage moves on and, where the customer allowed feedback,
    a feedback request is scheduled FEEDBACK_DELAY_DAYS later. The same order id again answers
    200 with the first result; with different content, 409."""
    ref = str(body.telegram_id) if body.telegram_id is not None else f"shop:{body.shop_customer_id}"
    customer = await find_customer(session, ref, lock=True)
    try:
        result = await record_purchase(
            session,
            settings,
            customer=customer,
            product=body.product,
            amount=body.amount,
            order_id=body.order_id,
            source="api",
            at=body.at,
        )
    except OrderConflict as exc:
        raise ApiError(409, "order_conflict", str(exc)) from None
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    if not result.created:
        response.status_code = 200
    p = result.purchase
    return PurchaseOut(
        id=p.id,
        order_id=p.order_id,
        telegram_id=p.customer_id,
        product=p.product,
        amount=p.amount if p.amount is None or math.isfinite(p.amount) else None,
        at=p.at,
        stage=result.customer.stage,
        feedback_scheduled=result.feedback_scheduled,
        created=result.created,
    )
