"""/forget: erase a customer's personal data, keep the proof of their consent decisions.

What stays and what goes, table by table, is declared in bot/consent/personal_data.py (README:
"Personal data"); the tables declared `deleted` are deleted from there.
Every scope is withdrawn first, through the ledger (bot/consent/ledger.py), with the
confirmation the customer pressed as the wording. Takes a session and never commits.
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import quote, unquote

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col

from bot.consent.ledger import set_stage, withdraw_all
from bot.consent.personal_data import deleted_columns
from bot.delivery.webhooks import enqueue_event
from storage.models import (
    AuditLog,
    Customer,
    CustomerWording,
    FsmRecord,
    LinkToken,
    Outbox,
    ResponseEvent,
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

    Table by table as bot/consent/personal_data.py declares: kept are the ledger rows (scope,
    grant/withdraw, time, method, message id, the bot's text id and wording, language), the customer
    row's id, language, stage `former`, reachability, creation and erasure times, the stage history,
    the withdrawal reasons, the delivery records of sent messages (kind, time, campaign and variant,
    without their text) and the log of webhooks sent to the shop. Everything else that refers to the
    customer is deleted, emptied or made anonymous here; `pseudonym` is the customer's response
    pseudonym (bot/measure.py), so that pseudonymous response events are cut loose too.
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
    # The tables declared `deleted` (bot/consent/personal_data.py), by every column with the customer's id.
    for name, column in deleted_columns():
        table = SQLModel.metadata.tables[name]
        await session.execute(
            delete(table).where(table.c[column] == cid), execution_options={"synchronize_session": False}
        )
    if links:  # unused linking deep links for the same shop customer id name the same person
        await session.execute(
            delete(LinkToken).where(col(LinkToken.shop_customer_id).in_(links)),
            execution_options={"synchronize_session": False},
        )
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
    await _erase_audit_arguments(session, customer=customer, shop_customer_ids=links)
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


def _names_customer(arguments: str, *, customer_id: int, username: str | None, shop_customer_ids: list[str]) -> bool:
    """Whether a staff command's arguments or an API call's path (`GET /v1/customers/shop:C-1/consent`)
    name the customer: by Telegram id, @username, or a linked shop customer id."""
    shop_ids = set(shop_customer_ids)
    for token in re.split(r"[\s\"'/?&=]+", arguments):
        token = unquote(token)
        if token == str(customer_id) or (username and token.lstrip("@").lower() == username.lower()):
            return True
        if token.removeprefix("shop:") in shop_ids:
            return True
    return False


async def _erase_audit_arguments(session: AsyncSession, *, customer: Customer, shop_customer_ids: list[str]) -> None:
    arguments = col(AuditLog.arguments)
    mentions = arguments.contains(str(customer.id))
    if customer.username:
        mentions = mentions | func.lower(arguments).contains(customer.username.lower())
    for shop_id in shop_customer_ids:
        mentions = mentions | arguments.contains(shop_id) | arguments.contains(quote(shop_id, safe=""))
    for row in (await session.execute(select(AuditLog).where(arguments.is_not(None), mentions))).scalars():
        if row.arguments is not None and _names_customer(
            row.arguments, customer_id=customer.id, username=customer.username, shop_customer_ids=shop_customer_ids
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
