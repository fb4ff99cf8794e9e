"""Recording a purchase: the one function the staff /purchase command, the integration API
(POST /v1/purchases) and the CSV import share. The purchase counts toward the customer's stage
(customer, then loyal) and the feedback request is scheduled only with the `feedback` scope.

With the shop's order id a purchase is recorded once: the same order again returns the first
result and changes nothing; the same order id with other content is an `OrderConflict`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bot.config import Settings
from bot.consent.ledger import set_stage
from bot.delivery.outbox import idem_key
from storage.db import savepoint
from storage.models import Customer, Outbox, Purchase

PRODUCT_MAX = 128
SOURCES = ("staff", "api", "csv")


@dataclass(frozen=True)
class PurchaseResult:
    purchase: Purchase
    customer: Customer
    feedback_scheduled: bool
    # False: the order id was recorded before with the same content; nothing was changed now.
    created: bool


class OrderConflict(Exception):
    """The order id is recorded with other content (the differences are in the message)."""

    def __init__(self, order_id: str, differences: list[str]) -> None:
        super().__init__(f"order {order_id!r} is already recorded with other content: {'; '.join(differences)}")
        self.order_id, self.differences = order_id, differences


def _differences(existing: Purchase, *, customer_id: int, product: str, amount: float | None, at) -> list[str]:
    out = []
    if existing.customer_id != customer_id:
        out.append(f"customer {existing.customer_id}, not {customer_id}")
    if existing.product != product:
        out.append(f"product {existing.product!r}, not {product!r}")
    if (existing.amount is None) != (amount is None) or (
        amount is not None and existing.amount is not None and abs(existing.amount - amount) > 1e-9
    ):
        out.append(f"amount {existing.amount}, not {amount}")
    if at is not None and existing.at != at:
        out.append(f"time {existing.at.isoformat()}, not {at.isoformat()}")
    return out


async def _feedback_scheduled(session: AsyncSession, purchase: Purchase) -> bool:
    key = idem_key(purchase.customer_id, "feedback", f"purchase:{purchase.id}")
    return (await session.execute(select(Outbox.id).where(Outbox.idem_key == key))).first() is not None


async def _repeat(
    session: AsyncSession, existing: Purchase, *, customer: Customer, product: str, amount, at
) -> PurchaseResult:
    differences = _differences(existing, customer_id=customer.id, product=product, amount=amount, at=at)
    if differences:
        raise OrderConflict(existing.order_id or "", differences)
    return PurchaseResult(existing, customer, await _feedback_scheduled(session, existing), created=False)


async def record_purchase(
    session: AsyncSession,
    settings: Settings,
    *,
    customer: Customer,
    product: str,
    amount: float | None = None,
    staff_id: int | None = None,
    order_id: str | None = None,
    source: str = "staff",
    at: datetime | None = None,
) -> PurchaseResult:
    """Record one purchase (never commits). Raises `OrderConflict` for a known order id with
    other content; `ValueError` for an empty product, a negative amount or a naive time."""
    product = " ".join(product.split())[:PRODUCT_MAX]
    if not product:
        raise ValueError("the product is empty")
    if amount is not None and not (math.isfinite(amount) and amount >= 0):
        raise ValueError("the amount must be a number of 0 or more")
    if at is not None and at.tzinfo is None:
        raise ValueError("the purchase time needs a time zone (e.g. 2026-05-01T10:00:00Z)")
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    if order_id is not None:
        existing = (await session.execute(select(Purchase).where(Purchase.order_id == order_id))).scalar_one_or_none()
        if existing is not None:
            return await _repeat(session, existing, customer=customer, product=product, amount=amount, at=at)
    purchase = Purchase(
        customer_id=customer.id, product=product, amount=amount, recorded_by=staff_id, order_id=order_id, source=source
    )
    if at is not None:
        purchase.at = at.astimezone(timezone.utc)
    try:
        # A savepoint: the same order posted twice at once inserts one row; the other reads it.
        async with savepoint(session):
            session.add(purchase)
            await session.flush()
    except IntegrityError:
        if order_id is None:
            raise
        existing = (await session.execute(select(Purchase).where(Purchase.order_id == order_id))).scalar_one()
        return await _repeat(session, existing, customer=customer, product=product, amount=amount, at=at)
    # Counted in SQL: two purchases of one customer at once both count.
    count = (
        await session.execute(
            update(Customer)
            .where(Customer.id == customer.id)
            .values(purchases_count=Customer.purchases_count + 1)
            .returning(Customer.purchases_count)
        )
    ).scalar_one()
    set_committed_value(customer, "purchases_count", count)
    if customer.purchases_count >= settings.loyal_after_purchases:
        await set_stage(session, customer=customer, to_stage="loyal", reason="purchases")
    elif customer.stage != "loyal":
        await set_stage(session, customer=customer, to_stage="customer", reason="purchase")
    # Imported here: the staff routers import this module (for /purchase).
    from bot.routers.staff.common import schedule_feedback

    scheduled = await schedule_feedback(
        session,
        settings,
        customer_id=customer.id,
        subject=f"purchase:{purchase.id}",
        product=purchase.product,
        at=purchase.at,
    )
    return PurchaseResult(purchase, customer, scheduled, created=True)
