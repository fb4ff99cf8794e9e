"""The customer an API call names: a Telegram id (`123456`) or the shop's own customer id
linked earlier (`shop:<id>` in a path; `shop_customer_id` in a body)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.api.errors import ApiError
from storage.models import Customer, ShopCustomer

# What a path may name: digits, or `shop:` and the shop's id (1-128 characters, no white space at either end).
CUSTOMER_REF = r"^([1-9][0-9]{0,15}|shop:\S(.{0,126}\S)?)$"
_REF = re.compile(CUSTOMER_REF, re.DOTALL)


async def find_customer(session: AsyncSession, ref: str, *, lock: bool = False, forgotten_ok: bool = False) -> Customer:
    """The customer, or a 404 that says who was not found (`lock`: held until the transaction
    ends, so concurrent purchases of one customer count one after the other)."""
    if not _REF.match(ref):
        raise ApiError(422, "invalid_request", "name the customer by Telegram id (digits) or shop:<shop customer id>")
    if ref.startswith("shop:"):
        shop_id = ref.removeprefix("shop:")
        customer_id = (
            await session.execute(select(ShopCustomer.customer_id).where(ShopCustomer.shop_customer_id == shop_id))
        ).scalar_one_or_none()
        if customer_id is None:
            raise ApiError(
                404, "not_found", f"no Telegram chat is linked to the shop customer {shop_id!r} (link it first)"
            )
    else:
        customer_id = int(ref)
    query = select(Customer).where(Customer.id == customer_id)
    if lock:
        query = query.with_for_update()
    customer = (await session.execute(query)).scalar_one_or_none()
    if customer is None:
        raise ApiError(404, "not_found", f"no customer with Telegram id {customer_id} (they have not started the bot)")
    if customer.forgotten_at is not None and not forgotten_ok:
        raise ApiError(404, "not_found", f"customer {customer_id} asked the bot to forget them")
    return customer
