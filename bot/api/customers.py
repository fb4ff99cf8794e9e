"""GET /v1/customers/{id}/consent: a customer's current permissions, for the shop's other channels."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field
from sqlalchemy import select

from bot.api.deps import Session, require_scope
from bot.api.errors import errors
from bot.api.keys import ApiKeyUser
from bot.api.lookup import CUSTOMER_REF, find_customer
from bot.consent.scopes import SCOPES
from storage.models import ConsentEvent, ShopCustomer
from storage.queries import scope_states

router = APIRouter(tags=["customers"])

CustomerRef = Annotated[
    str,
    Path(
        pattern=CUSTOMER_REF,
        max_length=133,
        description="The customer's Telegram id, or `shop:` and the shop's customer id linked earlier",
        examples=["123456789", "shop:C-1001"],
    ),
]


class ScopeState(BaseModel):
    granted: bool
    since: datetime | None = Field(description="When the current state began (null: never asked)")


class ConsentChange(BaseModel):
    scope: str
    action: Literal["grant", "withdraw"]
    at: datetime
    method: str = Field(description="button, command, words, staff or blocked")


class ConsentOut(BaseModel):
    telegram_id: int
    shop_customer_ids: list[str]
    granted: list[str] = Field(description="The scopes the customer allows now")
    scopes: dict[str, ScopeState] = Field(description="Every scope, granted or not")
    last_change: ConsentChange | None = Field(description="The customer's latest grant or withdrawal")
    reachable: bool = Field(description="False: the customer blocked the bot")
    forgotten: bool = Field(description="The customer asked the bot to forget them (nothing is granted)")


@router.get("/customers/{customer}/consent", response_model=ConsentOut, responses=errors(404))
async def get_consent(
    customer: CustomerRef, session: Session, key: Annotated[ApiKeyUser, require_scope("consent:read")]
) -> ConsentOut:
    """The customer's current permissions per scope and the last change. Other channels (e-mail,
    SMS) should ask before they write: a withdrawal in Telegram shows here at once."""
    row = await find_customer(session, customer, forgotten_ok=True)
    states = await scope_states(session, customer_id=row.id)
    last = (
        await session.execute(
            select(ConsentEvent).where(ConsentEvent.customer_id == row.id).order_by(ConsentEvent.id.desc()).limit(1)
        )
    ).scalar_one_or_none()
    links = (
        await session.execute(
            select(ShopCustomer.shop_customer_id)
            .where(ShopCustomer.customer_id == row.id)
            .order_by(ShopCustomer.shop_customer_id)
        )
    ).scalars()
    scopes = {
        scope: ScopeState(
            granted=bool(states[scope].granted) if scope in states else False,
            since=states[scope].since if scope in states else None,
        )
        for scope in SCOPES
    }
    return ConsentOut(
        telegram_id=row.id,
        shop_customer_ids=list(links),
        granted=[s for s in SCOPES if scopes[s].granted],
        scopes=scopes,
        last_change=ConsentChange(scope=last.scope, action=last.action, at=last.at, method=last.method)
        if last
        else None,
        reachable=row.reachable,
        forgotten=row.forgotten_at is not None,
    )
