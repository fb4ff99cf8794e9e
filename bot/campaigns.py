"""Targeted campaigns: segments, stable A/B assignment, launch into the outbox, results.

Only customers with the `offers` scope are ever in an audience (DESIGN.md scopes), and
the sender checks again at send time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, distinct, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import frequency
from bot.delivery.outbox import enqueue_many, idem_key
from storage.models import (
    Campaign,
    Customer,
    CustomerInterest,
    Outbox,
    Purchase,
    Referral,
    ResponseEvent,
    ScopeState,
)
from storage.queries import ensure_ref_code
from storage.types import utcnow

GOALS = ("acquisition", "development", "retention", "winback")
VARIANT_NAMES = ("A", "B", "C", "D")


def segment_query(segment: dict, *, now: datetime):
    """Customer ids in the segment who granted `offers` and can be reached."""
    query = (
        select(Customer.id)
        .join(
            ScopeState,
            and_(ScopeState.customer_id == Customer.id, ScopeState.scope == "offers", ScopeState.granted.is_(True)),
        )
        .where(Customer.reachable.is_(True), Customer.forgotten_at.is_(None))
    )
    if segment.get("stages"):
        query = query.where(Customer.stage.in_(segment["stages"]))
    if segment.get("languages"):
        query = query.where(Customer.language.in_(segment["languages"]))
    if segment.get("active_days"):
        query = query.where(Customer.last_seen_at >= now - timedelta(days=int(segment["active_days"])))
    if segment.get("inactive_days"):
        query = query.where(Customer.last_seen_at < now - timedelta(days=int(segment["inactive_days"])))
    if segment.get("min_purchases"):
        query = query.where(Customer.purchases_count >= int(segment["min_purchases"]))
    if segment.get("interests"):
        query = query.where(
            Customer.id.in_(
                select(CustomerInterest.customer_id).where(CustomerInterest.category_id.in_(segment["interests"]))
            )
        )
    return query.order_by(Customer.id)


async def audience(session: AsyncSession, segment: dict, *, now: datetime | None = None) -> list[int]:
    return [row[0] for row in await session.execute(segment_query(segment, now=now or utcnow()))]


async def audience_size(session: AsyncSession, segment: dict, *, now: datetime | None = None) -> int:
    inner = segment_query(segment, now=now or utcnow()).order_by(None).subquery()
    return (await session.execute(select(func.count()).select_from(inner))).scalar_one()


async def audience_paused(session: AsyncSession, segment: dict, *, at: datetime, now: datetime | None = None) -> int:
    """How many of the audience have a pause running at `at` (the campaign's send time): the
    sender drops a campaign message to a customer paused when it is sent (bot/delivery/sender.py),
    so they are in the audience but will not get it unless they resume first."""
    query = segment_query(segment, now=now or utcnow()).order_by(None).where(frequency.paused(Customer.id, at))
    return (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()


def variant_for(campaign_id: int, customer_id: int, count: int) -> str:
    """Random-looking but stable: the same customer always gets the same variant of a campaign."""
    digest = hashlib.sha256(f"campaign:{campaign_id}:customer:{customer_id}".encode()).digest()
    return VARIANT_NAMES[int.from_bytes(digest[:8], "big") % count]


async def message_row(
    session: AsyncSession,
    campaign: Campaign,
    customer_id: int,
    variant: str,
    *,
    now: datetime,
    bot_username: str | None,
) -> dict:
    """The outbox row of `variant` of a campaign for one customer (one per customer and campaign)."""
    text = campaign.variants[VARIANT_NAMES.index(variant)] if campaign.variants else ""
    if campaign.offer:
        text = f"{text}\n\n{campaign.offer}"
    if campaign.goal == "acquisition":
        customer = await session.get(Customer, customer_id)
        code = await ensure_ref_code(session, customer=customer)
        link = f"https://t.me/{bot_username}?start=ref_{code}" if bot_username else f"/start ref_{code}"
        text = f"{text}\n\n{link}"
    return {
        "customer_id": customer_id,
        "kind": "campaign",
        "idem_key": idem_key(customer_id, "campaign", str(campaign.id)),
        "payload": {"text": text},
        "not_before": campaign.scheduled_at or now,
        "campaign_id": campaign.id,
        "variant": variant,
    }


async def launch(
    session: AsyncSession,
    campaign: Campaign,
    *,
    bot_username: str | None,
    assignment: dict[int, str] | None = None,
) -> int:
    """Write one outbox row per recipient; returns how many were enqueued. `assignment` (customer
    id → variant): only those customers, with those variants (the test group of an A/B test)."""
    now = utcnow()
    if assignment is None:
        recipients = await audience(session, campaign.segment, now=now)
        count = len(campaign.variants or [""])
        assignment = {cid: variant_for(campaign.id, cid, count) for cid in recipients}
    rows = [
        await message_row(session, campaign, cid, name, now=now, bot_username=bot_username)
        for cid, name in assignment.items()
    ]
    campaign.status, campaign.launched_at = "launched", now
    return await enqueue_many(session, rows)


@dataclass
class VariantResult:
    variant: str
    enqueued: int
    delivered: int
    responded: int
    converted: int

    @property
    def response_rate(self) -> float:
        return self.responded / self.delivered if self.delivered else 0.0

    @property
    def informed_per_buyer(self) -> float | None:
        return self.delivered / self.converted if self.converted else None


async def results(
    session: AsyncSession,
    campaign: Campaign,
    *,
    admin_ids: Iterable[int] = (),
    staff_pseudonyms: Iterable[str] = (),
) -> list[VariantResult]:
    """Each variant's figures, over customers only: a staff member's own chat (the `staff` table,
    ADMIN_IDS) may be sent a campaign like anyone who allowed `offers`, but is not counted
    (bot/reports.py customers_only, as /stats). A response without `tracking` holds only a
    pseudonym: staff's are left out by `staff_pseudonyms` (bot/reports.py staff_pseudonyms)."""
    from bot.reports import customers_only  # bot/reports.py imports this module

    admin_ids, staff_pseudonyms = list(admin_ids), list(staff_pseudonyms)
    out = []
    for name in VARIANT_NAMES[: max(1, len(campaign.variants))]:
        base = and_(
            Outbox.campaign_id == campaign.id, Outbox.variant == name, customers_only(Outbox.customer_id, admin_ids)
        )
        enqueued = (await session.execute(select(func.count()).select_from(Outbox).where(base))).scalar_one()
        delivered = (
            await session.execute(select(func.count()).select_from(Outbox).where(base, Outbox.status == "sent"))
        ).scalar_one()
        responded = (
            await session.execute(
                select(func.count(distinct(ResponseEvent.pseudonym))).where(
                    ResponseEvent.campaign_id == campaign.id,
                    ResponseEvent.variant == name,
                    or_(ResponseEvent.customer_id.is_(None), customers_only(ResponseEvent.customer_id, admin_ids)),
                    ResponseEvent.pseudonym.not_in(staff_pseudonyms),
                )
            )
        ).scalar_one()
        if campaign.goal == "acquisition":
            converted = (
                await session.execute(
                    select(func.count(distinct(Referral.friend_id)))
                    .join(Outbox, and_(Outbox.customer_id == Referral.referrer_id, base, Outbox.status == "sent"))
                    .where(Referral.credited_at.is_not(None), Referral.created_at >= Outbox.sent_at)
                )
            ).scalar_one()
        else:
            converted = (
                await session.execute(
                    select(func.count(distinct(Purchase.customer_id)))
                    .join(Outbox, and_(Outbox.customer_id == Purchase.customer_id, base, Outbox.status == "sent"))
                    .where(Purchase.at >= Outbox.sent_at)
                )
            ).scalar_one()
        out.append(VariantResult(name, enqueued, delivered, responded, converted))
    return out


def significance(rows: list[VariantResult]) -> float | None:
    """p-value that the variants' response rates differ (chi-squared, or Fisher's exact test for
    two variants with small counts); None when there is nothing to compare."""
    table = [[r.responded, r.delivered - r.responded] for r in rows if r.delivered]
    if len(table) < 2 or sum(row[0] for row in table) == 0 or all(row[1] == 0 for row in table):
        return None
    from scipy.stats import chi2_contingency, fisher_exact

    if len(table) == 2 and min(min(row) for row in table) < 5:
        return float(fisher_exact(table).pvalue)
    return float(chi2_contingency(table).pvalue)
