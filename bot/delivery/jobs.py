"""Scheduled jobs: module-level async functions with primitive arguments (APScheduler 3.x).

Each job only writes outbox rows with idempotency keys; running a job twice for the
same time enqueues nothing twice. `at` is an ISO-8601 string (or None for now) so the
same function serves the scheduler and `python -m bot jobs run NAME --at ...`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, select

from bot import gifts, sequences
from bot.delivery.audience import birthday_targets, sample_audience
from bot.delivery.outbox import enqueue_many, idem_key
from storage.models import Outbox, Purchase, SampleOffer, SampleRequest, ScopeState
from storage.queries import get_value
from storage.types import utcnow

log = logging.getLogger(__name__)

# Set by the runtime before the scheduler starts: the Services of this process.
_services = None


def bind(services) -> None:
    global _services
    _services = services


def parse_at(at: str | None) -> datetime:
    if not at:
        return utcnow()
    value = datetime.fromisoformat(at)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


async def birthdays(at: str | None = None) -> int:
    """Greet customers with the `birthday` scope on their birthday, at the local hour."""
    services = _services
    now = parse_at(at)
    settings = services.settings
    async with services.sessions() as session, session.begin():
        window = await gifts.current(session)  # the /gift window, else the plain /perk code
        perk = await get_value(session, key="birthday_perk") or settings.birthday_perk
        targets = await birthday_targets(
            session, at=now, hour=settings.birthday_hour, default_tz=settings.default_timezone
        )
        rows = [
            {
                "customer_id": tg.customer_id,
                "kind": "birthday",
                "idem_key": idem_key(tg.customer_id, "birthday", str(tg.local_date.year)),
                "payload": gifts.payload(window, tg.local_date) if window else {"perk": perk} if perk else {},
                "not_before": tg.send_at,
            }
            for tg in targets
        ]
        added = await enqueue_many(session, rows)
    log.info("birthdays at %s: %d due, %d newly enqueued", now.isoformat(), len(rows), added)
    return added


async def samples(at: str | None = None) -> int:
    """Offer each open sample to customers with the `samples` scope and a matching interest."""
    services = _services
    now = parse_at(at)
    added = 0
    async with services.sessions() as session, session.begin():
        offers = list(
            (
                await session.execute(
                    select(SampleOffer).where(
                        SampleOffer.status == "open",
                        SampleOffer.expires_at > now,
                        SampleOffer.allocated < SampleOffer.stock,
                    )
                )
            ).scalars()
        )
        for offer in offers:
            added += await enqueue_offer(session, offer)
    log.info("samples at %s: %d newly enqueued", now.isoformat(), added)
    return added


async def enqueue_offer(session, offer: SampleOffer) -> int:
    """Queue one sample offer for everyone with the `samples` scope and the matching interest."""
    audience = await sample_audience(session, category_id=offer.category_id)
    expires = offer.expires_at.strftime("%Y-%m-%d")
    return await enqueue_many(
        session,
        [
            {
                "customer_id": cid,
                "kind": "sample",
                "idem_key": idem_key(cid, "sample", str(offer.id)),
                "payload": {"offer_id": offer.id, "product": offer.product, "expires": expires},
            }
            for cid in audience
        ],
    )


async def feedback(at: str | None = None) -> int:
    """Ask for feedback `FEEDBACK_DELAY_DAYS` after a purchase or a delivered sample."""
    services = _services
    now = parse_at(at)
    delay = timedelta(days=services.settings.feedback_delay_days)
    window = now - delay - timedelta(days=30)  # do not ask about things long past
    rows = []
    async with services.sessions() as session, session.begin():
        granted = and_(ScopeState.scope == "feedback", ScopeState.granted.is_(True))
        purchases = await session.execute(
            select(Purchase.id, Purchase.customer_id, Purchase.product, Purchase.at)
            .join(ScopeState, and_(ScopeState.customer_id == Purchase.customer_id, granted))
            .where(Purchase.at <= now - delay, Purchase.at > window)
        )
        for pid, cid, product, at_ in purchases:
            rows.append(
                {
                    "customer_id": cid,
                    "kind": "feedback",
                    "idem_key": idem_key(cid, "feedback", f"purchase:{pid}"),
                    "payload": {"subject": f"purchase:{pid}", "product": product},
                    "not_before": at_ + delay,
                }
            )
        delivered = await session.execute(
            select(SampleRequest.id, SampleRequest.customer_id, SampleOffer.product, SampleRequest.delivered_at)
            .join(SampleOffer, SampleOffer.id == SampleRequest.offer_id)
            .join(ScopeState, and_(ScopeState.customer_id == SampleRequest.customer_id, granted))
            .where(
                SampleRequest.status == "delivered",
                SampleRequest.delivered_at <= now - delay,
                SampleRequest.delivered_at > window,
            )
        )
        for rid, cid, product, at_ in delivered:
            rows.append(
                {
                    "customer_id": cid,
                    "kind": "feedback",
                    "idem_key": idem_key(cid, "feedback", f"sample:{rid}"),
                    "payload": {"subject": f"sample:{rid}", "product": product},
                    "not_before": at_ + delay,
                }
            )
        added = await enqueue_many(session, rows)
    log.info("feedback at %s: %d due, %d newly enqueued", now.isoformat(), len(rows), added)
    return added


async def expire_offers(at: str | None = None) -> int:
    """Close sample offers past their expiry and drop their messages not yet sent (queued or claimed)."""
    services = _services
    now = parse_at(at)
    async with services.sessions() as session, session.begin():
        offers = list(
            (
                await session.execute(
                    select(SampleOffer).where(SampleOffer.status == "open", SampleOffer.expires_at <= now)
                )
            ).scalars()
        )
        for offer in offers:
            offer.status = "closed"
        if offers:
            ids = [o.id for o in offers]
            pending = await session.execute(
                select(Outbox).where(Outbox.kind == "sample", Outbox.status.in_(("pending", "claimed")))
            )
            for row in pending.scalars():
                # A claimed row is sent only while still claimed: dropping it here stops it too.
                if row.payload.get("offer_id") in ids:
                    row.status, row.reason, row.claimed_by = "dropped", "offer_closed", None
    return len(offers)


async def lifecycle(at: str | None = None) -> int:
    """Customers with no activity (no update, no purchase) for `INACTIVE_MONTHS` become `former`
    (stage history kept); those who allowed `offers` get one win-back message first and become
    `former` only if neither a reply nor a purchase comes within its grace period (bot/winback.py).
    Returns how many became `former`."""
    from bot import winback

    services = _services
    now = parse_at(at)
    cutoff = now - timedelta(days=30 * services.settings.inactive_months)
    async with services.sessions() as session, session.begin():
        run = await winback.lifecycle_step(session, now=now, cutoff=cutoff)
    log.info(
        "lifecycle at %s: %d win-backs queued, %d kept, %d former", now.isoformat(), run.sent, run.kept, run.former
    )
    return run.former


async def ab_decide(at: str | None = None) -> int:
    """Decide the A/B tests whose window has ended, once each, and queue the winner for the rest
    (bot/abtest.py). Returns how many messages were queued."""
    from bot import abtest

    services = _services
    now = parse_at(at)
    async with services.sessions() as session, session.begin():
        decided = await abtest.decide_due(session, now=now)
    return sum(test.rest or 0 for test in decided)


async def pause_end(at: str | None = None) -> int:
    """Record the end of every pause past its end and queue one short note to the customer (once:
    the idempotency key names the pause; the sender holds it through quiet hours and sends it only
    to someone who still allows some messages)."""
    from bot import frequency

    services = _services
    now = parse_at(at)
    async with services.sessions() as session, session.begin():
        ended = await frequency.expire_pauses(session, now=now)
        granted = {
            cid
            for (cid,) in await session.execute(
                select(ScopeState.customer_id).where(
                    ScopeState.customer_id.in_([p.customer_id for p in ended]), ScopeState.granted.is_(True)
                )
            )
        }
        rows = [
            {
                "customer_id": p.customer_id,
                "kind": "pause_end",
                "idem_key": idem_key(p.customer_id, "pause_end", str(p.id)),
                "payload": {"pause_id": p.id},
                "not_before": p.ends_at,
            }
            for p in ended
            if p.customer_id in granted
        ]
        added = await enqueue_many(session, rows)
    log.info("pause_end at %s: %d pauses ended, %d notes enqueued", now.isoformat(), len(ended), added)
    return added


async def gift_window(at: str | None = None) -> int:
    """The birthday perk's announcement (N days before) and its reminder (M days before it
    expires), at the greeting's local hour, to customers with the `birthday` scope (bot/gifts.py)."""
    services = _services
    now = parse_at(at)
    settings = services.settings
    async with services.sessions() as session, session.begin():
        window = await gifts.current(session)
        if window is None:
            return 0
        found = await gifts.due(
            session, window=window, at=now, hour=settings.birthday_hour, default_tz=settings.default_timezone
        )
        rows = [
            {
                "customer_id": d.customer_id,
                "kind": d.kind,
                "idem_key": idem_key(d.customer_id, d.kind, str(d.birthday.year)),
                "payload": gifts.payload(window, d.birthday),
                "not_before": d.send_at,
            }
            for d in found
        ]
        added = await enqueue_many(session, rows)
    log.info("gift_window at %s: %d due, %d newly enqueued", now.isoformat(), len(rows), added)
    return added


async def sequences_run(at: str | None = None) -> int:
    """Sequences: customers enter on their events, leave on a withdrawal, and each step falls
    due after its delay and is queued within its scope (bot/sequences.py)."""
    services = _services
    now = parse_at(at)
    async with services.sessions() as session, session.begin():
        result = await sequences.run(session, now=now)
    log.info("sequences at %s: %s", now.isoformat(), result)
    return result.queued


JOBS = {
    "birthdays": birthdays,
    "samples": samples,
    "feedback": feedback,
    "expire_offers": expire_offers,
    "lifecycle": lifecycle,
    "ab_decide": ab_decide,
    "pause_end": pause_end,
    "gift_window": gift_window,
    "sequences": sequences_run,
}
