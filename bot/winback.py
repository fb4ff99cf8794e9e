"""Win-back before `former`.

The lifecycle job (bot/delivery/jobs.py `lifecycle`) calls `lifecycle_step`. A customer inactive
for `INACTIVE_MONTHS` (no update from them, no purchase) who allowed `offers` gets one win-back
message first, in their language, as a message of the automatic "Win-back" campaign (so /report
measures it like any campaign: delivered, responded, converted). A reply (any message or press:
it moves `last_seen_at`) or a purchase before the grace period ends keeps them in their stage;
otherwise they become `former` when it ends. Customers without `offers` become `former` at once,
as before. Every `former` by inactivity is recorded as a departure with its reason (`inactive`)
and the delivery before it (the win-back, when there was one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent.ledger import ACTIVE_STAGES, last_delivery, set_stage
from bot.delivery.outbox import enqueue_many, idem_key
from storage.models import Campaign, Customer, Outbox, Purchase, ScopeState, WinBack, WithdrawalReason

GRACE = timedelta(days=14)
CAMPAIGN_NAME = "Win-back (automatic)"
CAMPAIGN_STATUS = "automatic"


@dataclass
class LifecycleRun:
    sent: int = 0  # win-back messages queued
    kept: int = 0  # customers who answered or bought within the grace period
    former: int = 0  # customers made `former`


async def winback_campaign(session: AsyncSession) -> Campaign:
    """The automatic win-back campaign (created on first use), under which the messages are measured."""
    campaign = (
        await session.execute(
            select(Campaign)
            .where(Campaign.goal == "winback", Campaign.status == CAMPAIGN_STATUS)
            .order_by(Campaign.id)
            .limit(1)
        )
    ).scalar_one_or_none()
    if campaign is None:
        campaign = Campaign(
            name=CAMPAIGN_NAME,
            goal="winback",
            segment={"lifecycle": "inactive"},
            variants=["winback.message"],  # the text id: each customer gets it in their language
            status=CAMPAIGN_STATUS,
            target_rate=0.1,
        )
        session.add(campaign)
        await session.flush()
    return campaign


def _occasion(campaign_id: int, win_back_id: int | None) -> str:
    return f"{campaign_id}:{win_back_id}"


async def _become_former(
    session: AsyncSession, customer: Customer, *, now: datetime, before: Outbox | None = None
) -> None:
    """`former` by inactivity, recorded as a departure with the message before it: the win-back
    when there was one (sent or not), else the last delivery within the attribution window."""
    if customer.stage not in ACTIVE_STAGES:
        return
    await set_stage(session, customer=customer, to_stage="former", reason="inactive")
    before = before or await last_delivery(session, customer_id=customer.id, at=now)
    session.add(
        WithdrawalReason(
            customer_id=customer.id,
            reason="inactive",
            outbox_id=before.id if before is not None else None,
            campaign_id=before.campaign_id if before is not None else None,
            kind=before.kind if before is not None else None,
            at=now,
        )
    )


async def lifecycle_step(session: AsyncSession, *, now: datetime, cutoff: datetime) -> LifecycleRun:
    """Resolve the win-backs whose grace period has ended, then handle the newly inactive."""
    from bot.flow import display_name
    from bot.texts import t

    run = LifecycleRun()
    ended = list(
        (
            await session.execute(
                select(WinBack).where(WinBack.outcome.is_(None), WinBack.grace_ends_at <= now).order_by(WinBack.id)
            )
        ).scalars()
    )
    for win_back in ended:
        customer = await session.get(Customer, win_back.customer_id)
        bought = (
            await session.execute(
                select(exists().where(Purchase.customer_id == win_back.customer_id, Purchase.at > win_back.at))
            )
        ).scalar_one()
        if customer.last_seen_at > win_back.at:
            win_back.outcome = "kept_reply"
        elif bought:
            win_back.outcome = "kept_purchase"
        else:
            win_back.outcome = "former"
            key = idem_key(customer.id, "campaign", _occasion(win_back.campaign_id, win_back.id))
            message = (await session.execute(select(Outbox).where(Outbox.idem_key == key))).scalar_one_or_none()
            await _become_former(session, customer, now=now, before=message)
            run.former += 1
        run.kept += win_back.outcome != "former"
        win_back.resolved_at = now

    last_purchase = (
        select(Purchase.customer_id, func.max(Purchase.at).label("at")).group_by(Purchase.customer_id).subquery()
    )
    open_win_back = exists().where(WinBack.customer_id == Customer.id, WinBack.outcome.is_(None))
    stale = list(
        (
            await session.execute(
                select(Customer)
                .outerjoin(last_purchase, last_purchase.c.customer_id == Customer.id)
                .where(
                    Customer.stage.in_(ACTIVE_STAGES),
                    Customer.last_seen_at < cutoff,
                    (last_purchase.c.at.is_(None)) | (last_purchase.c.at < cutoff),
                    ~open_win_back,
                )
                .order_by(Customer.id)
            )
        ).scalars()
    )
    offers = {
        cid
        for (cid,) in await session.execute(
            select(ScopeState.customer_id).where(
                and_(ScopeState.scope == "offers", ScopeState.granted.is_(True)),
                ScopeState.customer_id.in_([c.id for c in stale]),
            )
        )
    }
    campaign = None
    for customer in stale:
        if customer.id not in offers or not customer.reachable or customer.forgotten_at is not None:
            await _become_former(session, customer, now=now)
            run.former += 1
            continue
        campaign = campaign or await winback_campaign(session)
        win_back = WinBack(customer_id=customer.id, campaign_id=campaign.id, at=now, grace_ends_at=now + GRACE)
        session.add(win_back)
        await session.flush()
        lang = customer.language
        run.sent += await enqueue_many(
            session,
            [
                {
                    "customer_id": customer.id,
                    "kind": "campaign",
                    "idem_key": idem_key(customer.id, "campaign", _occasion(campaign.id, win_back.id)),
                    # Plain text (the campaign renderer escapes it), in the customer's language.
                    "payload": {
                        "text": t("winback.message", lang, name=display_name(customer)),
                        "button": t("winback.button", lang),
                    },
                    "not_before": now,
                    "campaign_id": campaign.id,
                    "variant": "A",
                }
            ],
        )
    return run
