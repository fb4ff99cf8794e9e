"""Why a customer left and what the shop is told, exactly (kills mutants of `last_delivery`,
`_note_withdrawal`, the `reason` passed through `record_consent` and `withdraw_all`, and the
webhook `_record_consent` writes, in bot/consent/ledger.py): the delivery a withdrawal is
attributed to is the pressed message, else this customer's latest *sent* message within the
seven days up to the withdrawal (both ends exact); the reason row keeps that delivery and the
time of the ledger row; the webhook names the customer, the scope, the method and the ledger row."""

import json
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from bot.consent.ledger import ATTRIBUTION_WINDOW, last_delivery, record_consent, withdraw_all
from bot.delivery.webhooks import add_endpoint
from storage.models import ConsentEvent, Outbox, WebhookDelivery, WithdrawalReason
from storage.queries import get_or_create_customer

AT = datetime(2027, 5, 4, 12, 0, tzinfo=timezone.utc)
HOUR = timedelta(hours=1)


async def new(session, uid):
    customer, _ = await get_or_create_customer(session, user_id=uid, first_name="A", username=None, language="uk")
    await session.flush()
    return customer


def message(uid, key, *, sent_at, tg=None, campaign=None, status="sent", kind="campaign"):
    return Outbox(
        customer_id=uid,
        kind=kind,
        idem_key=key,
        payload={"text": key},
        status=status,
        not_before=AT - timedelta(days=30),
        sent_at=sent_at,
        tg_message_id=tg,
        campaign_id=campaign,
    )


async def add(session, *rows):
    session.add_all(rows)
    await session.flush()
    return [row.id for row in rows]


async def reasons(sessions, uid):
    async with sessions() as session:
        rows = await session.execute(
            select(WithdrawalReason).where(WithdrawalReason.customer_id == uid).order_by(WithdrawalReason.id)
        )
        return list(rows.scalars())


async def test_the_latest_sent_message_of_this_customer_within_the_window(sessions):
    async with sessions() as session, session.begin():
        await new(session, 1)
        await new(session, 2)
        # Written newest first: the row ids run against the send times.
        newest, older = await add(
            session,
            message(1, "newest", sent_at=AT - HOUR, tg=11, campaign=1),
            message(1, "older", sent_at=AT - 3 * HOUR, tg=12, campaign=2),
        )
        await add(
            session,
            message(1, "not sent", sent_at=AT - HOUR / 2, status="failed"),  # not delivered: does not count
            message(2, "someone else's", sent_at=AT - HOUR / 4, tg=21),  # another customer's
            message(1, "after", sent_at=AT + HOUR, tg=13),  # sent after the withdrawal
        )
        assert (await last_delivery(session, customer_id=1, at=AT)).id == newest
        # The pressed message is the one, even when a later one was sent (or it is older than the window).
        assert (await last_delivery(session, customer_id=1, at=AT, message_id=12)).id == older
        assert (await last_delivery(session, customer_id=1, at=AT + 30 * ATTRIBUTION_WINDOW, message_id=12)).id == older
        # A message id that is not this customer's sent message falls back to the window.
        assert (await last_delivery(session, customer_id=1, at=AT, message_id=21)).id == newest
        assert (await last_delivery(session, customer_id=1, at=AT, message_id=99)).id == newest


async def test_the_window_includes_its_end_and_excludes_its_start(sessions):
    async with sessions() as session, session.begin():
        for uid in (1, 2, 3):
            await new(session, uid)
        (at_the_end,) = await add(session, message(1, "at", sent_at=AT, tg=1))
        await add(session, message(1, "before", sent_at=AT - HOUR, tg=2))
        await add(session, message(2, "a week", sent_at=AT - ATTRIBUTION_WINDOW, tg=3))
        (inside,) = await add(session, message(3, "just inside", sent_at=AT - ATTRIBUTION_WINDOW + HOUR, tg=4))
        assert (await last_delivery(session, customer_id=1, at=AT)).id == at_the_end
        assert await last_delivery(session, customer_id=2, at=AT) is None  # exactly seven days before
        assert (await last_delivery(session, customer_id=3, at=AT)).id == inside


async def test_of_two_messages_sent_at_the_same_time_the_later_row(sessions):
    async with sessions() as session, session.begin():
        await new(session, 1)
        _, later = await add(
            session, message(1, "first", sent_at=AT - HOUR, tg=1), message(1, "second", sent_at=AT - HOUR, tg=2)
        )
        assert (await last_delivery(session, customer_id=1, at=AT)).id == later


async def test_the_reason_row_keeps_the_pressed_delivery_and_the_ledger_time(sessions):
    async with sessions() as session, session.begin():
        customer = await new(session, 1)
        await record_consent(session, customer=customer, scope="offers", grant=True, method="button", at=AT - 9 * HOUR)
        await add(session, message(1, "newest", sent_at=AT - HOUR, tg=11, campaign=1))
        (older,) = await add(session, message(1, "older", sent_at=AT - 3 * HOUR, tg=12, campaign=2, kind="sample"))
        event = await record_consent(
            session, customer=customer, scope="offers", grant=False, method="button", message_id=12, at=AT
        )
    (row,) = await reasons(sessions, 1)
    assert (row.event_id, row.scope, row.reason, row.outbox_id, row.campaign_id, row.kind, row.at) == (
        event.id,
        "offers",
        "message_button",
        older,
        2,
        "sample",
        AT,
    )


async def test_a_withdrawal_with_nothing_sent_before_names_no_delivery(sessions):
    async with sessions() as session, session.begin():
        customer = await new(session, 1)
        await record_consent(session, customer=customer, scope="offers", grant=True, method="button", at=AT - HOUR)
        await record_consent(session, customer=customer, scope="offers", grant=False, method="words", at=AT)
    (row,) = await reasons(sessions, 1)
    assert (row.reason, row.outbox_id, row.campaign_id, row.kind, row.at) == ("words", None, None, None, AT)


async def test_a_given_reason_is_the_reason_recorded(sessions):
    async with sessions() as session, session.begin():
        customer = await new(session, 1)
        for scope in ("offers", "samples", "birthday"):
            await record_consent(session, customer=customer, scope=scope, grant=True, method="button")
        await record_consent(session, customer=customer, scope="offers", grant=False, method="words", reason="inactive")
        assert await withdraw_all(session, customer=customer, method="staff", reason="erasure") == [
            "birthday",
            "samples",
        ]
    assert [(r.scope, r.reason) for r in await reasons(sessions, 1)] == [
        ("offers", "inactive"),
        ("birthday", "erasure"),
        ("samples", "erasure"),
    ]


async def test_the_webhook_of_each_ledger_row(sessions):
    async with sessions() as session, session.begin():
        await add_endpoint(session, url="https://shop.example/hooks", events=["consent.granted", "consent.withdrawn"])
        customer = await new(session, 7)
        granted = await record_consent(session, customer=customer, scope="offers", grant=True, method="button", at=AT)
        withdrawn = await record_consent(
            session, customer=customer, scope="offers", grant=False, method="words", at=AT + HOUR
        )
    async with sessions() as session:
        rows = list((await session.execute(select(WebhookDelivery).order_by(WebhookDelivery.id))).scalars())
        assert (await session.get(ConsentEvent, withdrawn.id)).action == "withdraw"
    assert [(r.event, r.customer_id, r.scope) for r in rows] == [
        ("consent.granted", 7, "offers"),
        ("consent.withdrawn", 7, "offers"),
    ]
    bodies = [json.loads(r.body) for r in rows]
    assert [(b["type"], b["data"]["customer"]["telegram_id"]) for b in bodies] == [
        ("consent.granted", 7),
        ("consent.withdrawn", 7),
    ]
    assert [(d["at"], d["scope"], d["method"], d["ledger_event_id"]) for d in (b["data"] for b in bodies)] == [
        (AT.isoformat(), "offers", "button", granted.id),
        ((AT + HOUR).isoformat(), "offers", "words", withdrawn.id),
    ]
