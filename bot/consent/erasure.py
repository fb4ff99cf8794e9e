"""/forget: erase a customer's personal data, keep the proof of their consent decisions.

What stays and what goes is listed in `forget_customer`'s docstring (README: "Your data").
Every scope is withdrawn first, through the ledger (bot/consent/ledger.py), with the
confirmation the customer pressed as the wording. Takes a session and never commits.
"""

from __future__ import annotations

import secrets

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from bot.consent.ledger import set_stage, withdraw_all
from bot.delivery.webhooks import enqueue_event
from storage.models import (
    AuditLog,
    Customer,
    CustomerInterest,
    CustomerWording,
    Feedback,
    FrequencyLimit,
    FsmRecord,
    LinkToken,
    Outbox,
    Pause,
    Purchase,
    Referral,
    ResponseEvent,
    SampleRequest,
    SequenceEnrollment,
    ShopCustomer,
)
from storage.queries import FSM_ROWS
from storage.types import utcnow

__all__ = ["forget_customer"]


async def forget_customer(
    session: AsyncSession,
    *,
    customer: Customer,
    message_id: int | None,
    wording: str | None,
    pseudonym: str | None = None,
) -> list[str]:
    """Erase personal data; keep the consent proof and the fact that this person must not be contacted.

    Kept: the ledger rows (scope, grant/withdraw, time, method, message id, the bot's text id and
    wording, language), the customer row's id, language, stage `former`, reachability, creation
    and erasure times, the stage history, and the delivery records of sent messages (kind, time,
    campaign and variant, without their text). Everything else that refers to the customer is
    deleted, emptied or made anonymous here; `pseudonym` is the customer's response pseudonym
    (bot/measure.py), so that pseudonymous response events are cut loose too.
    """
    # A confirmation pressed on a button: the bot's own question is the wording.
    withdrawn = await withdraw_all(
        session, customer=customer, method="button", message_id=message_id, text_id="forget.confirm@v1", wording=wording
    )
    now = utcnow()
    cid = customer.id
    # The shop's ids for this chat go with the erasure; the `customer.forgotten` webhook (below)
    # carries them, so that the shop can erase the customer in its own systems too.
    links = list(
        (
            await session.execute(
                select(col(ShopCustomer.shop_customer_id))
                .where(col(ShopCustomer.customer_id) == cid)
                .order_by(col(ShopCustomer.shop_customer_id))
            )
        ).scalars()
    )
    # The customer's own words in the ledger live in erasable rows: emptied, the ledger untouched.
    await session.execute(
        update(CustomerWording)
        .where(col(CustomerWording.customer_id) == cid, col(CustomerWording.erased_at).is_(None))
        .values(text=None, erased_at=now)
    )
    for table, column in (
        (CustomerInterest, col(CustomerInterest.customer_id)),
        (Purchase, col(Purchase.customer_id)),
        (Feedback, col(Feedback.customer_id)),
        (SampleRequest, col(SampleRequest.customer_id)),
        (Referral, col(Referral.friend_id)),
        (Referral, col(Referral.referrer_id)),
        (ShopCustomer, col(ShopCustomer.customer_id)),
        (LinkToken, col(LinkToken.used_by)),
        (FrequencyLimit, col(FrequencyLimit.customer_id)),
        (Pause, col(Pause.customer_id)),
        (SequenceEnrollment, col(SequenceEnrollment.customer_id)),  # which sequences they were in
    ):
        await session.execute(delete(table).where(column == cid), execution_options={"synchronize_session": False})
    # Friends this customer brought keep their own data, not who brought them.
    await session.execute(
        update(Customer).where(col(Customer.referrer_id) == cid).values(referrer_id=None),
        execution_options={"synchronize_session": False},
    )
    # Response events: no customer id, no exact time, a pseudonym nobody can recompute.
    linked = col(ResponseEvent.customer_id) == cid
    if pseudonym is not None:
        linked = linked | (col(ResponseEvent.pseudonym) == pseudonym)
    for response in (await session.execute(select(ResponseEvent).where(linked))).scalars():
        response.customer_id = None
        response.pseudonym = "erased:" + secrets.token_hex(16)
        response.hour = response.hour.replace(minute=0, second=0, microsecond=0)
    # Staff commands that named the customer (`/customer @ann`, `/purchase 42 tea`): who ran
    # which command when stays; the arguments go.
    await _erase_audit_arguments(session, customer=customer)
    await _erase_dialogues(session, customer_id=cid)
    outbox = await session.execute(select(Outbox).where(col(Outbox.customer_id) == cid))
    for message in outbox.scalars():
        message.payload, message.sent_text, message.reason = {}, None, None
        if message.status in ("pending", "postponed", "claimed"):
            message.status, message.reason = "dropped", "forgotten"
    customer.name = customer.first_name = customer.username = None
    customer.birthday_day = customer.birthday_month = customer.birthday_year = None
    customer.timezone = None
    customer.quiet_start = customer.quiet_end = customer.weekly_cap = None
    customer.ref_code = None
    customer.referrer_id = None
    customer.purchases_count = 0
    customer.forgotten_at = customer.last_seen_at = now
    if customer.stage != "former":
        await set_stage(session, customer=customer, to_stage="former", reason="forgotten")
    await enqueue_event(session, event="customer.forgotten", customer_id=cid, at=now, shop_customer_ids=links)
    return withdrawn


def _names_customer(arguments: str, *, customer_id: int, username: str | None) -> bool:
    for token in arguments.replace('"', " ").replace("'", " ").split():
        if token == str(customer_id) or (username and token.lstrip("@").lower() == username.lower()):
            return True
    return False


async def _erase_audit_arguments(session: AsyncSession, *, customer: Customer) -> None:
    arguments = col(AuditLog.arguments)
    mentions = arguments.contains(str(customer.id))
    if customer.username:
        mentions = mentions | func.lower(arguments).contains(customer.username.lower())
    for row in (await session.execute(select(AuditLog).where(arguments.is_not(None), mentions))).scalars():
        if row.arguments is not None and _names_customer(
            row.arguments, customer_id=customer.id, username=customer.username
        ):
            row.arguments = "[erased]"


async def _erase_dialogues(session: AsyncSession, *, customer_id: int) -> None:
    """The customer's dialogue rows (FSM keys are bot:chat:user:thread:destiny)."""
    await session.flush()  # the dialogue the update itself wrote (cleared) goes first
    keys = [
        key
        for key in (
            await session.execute(select(col(FsmRecord.key)).where(col(FsmRecord.key).contains(f":{customer_id}:")))
        ).scalars()
        if str(customer_id) in key.split(":")[1:3]
    ]
    if not keys:
        return
    await session.execute(
        delete(FsmRecord).where(col(FsmRecord.key).in_(keys)), execution_options={"synchronize_session": "fetch"}
    )
    cached = session.info.get(FSM_ROWS)
    if cached is not None:
        for key in keys:
            cached.pop(key, None)
