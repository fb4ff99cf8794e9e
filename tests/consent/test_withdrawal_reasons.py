"""Why people leave: every withdrawal records its reason and the delivery just before it
(bot/consent/ledger.py `withdrawal_reason`, `last_delivery`), and /stats and /report show them."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.consent.ledger import withdraw_all, withdrawal_reason
from bot.delivery.outbox import enqueue
from bot.delivery.service import make_sender
from storage.models import Campaign, Customer, Outbox, WithdrawalReason
from storage.types import utcnow
from tests.delivery.test_delivery import make_customer
from tests.staff.test_staff import MARKETER, OWNER, staffed  # noqa: F401


@pytest.mark.parametrize(
    "method, text_id, under, reason",
    [
        ("button", "scope.offers.desc@v1", True, "message_button"),
        ("button", "scope.offers.desc@v1", False, "preferences"),
        ("button", "btn.stop_all", False, "stop"),
        ("command", "command./stop", False, "stop"),
        ("words", "words", False, "words"),
        ("blocked", "telegram.403", False, "blocked"),
        ("staff", None, False, "staff"),
        ("button", "forget.confirm@v1", False, "erasure"),
    ],
)
def test_the_reason_follows_from_how_the_withdrawal_was_made(method, text_id, under, reason):
    assert withdrawal_reason(method=method, text_id=text_id, under_delivery=under) == reason


async def _campaign_message(h, uid, *, campaign_name="Spring", text="New teas are in!"):
    """A campaign message delivered to `uid`; returns the campaign id."""
    async with h.services.sessions() as session, session.begin():
        campaign = Campaign(name=campaign_name, goal="retention", segment={}, variants=[text], status="launched")
        session.add(campaign)
        await session.flush()
        await enqueue(
            session,
            customer_id=uid,
            kind="campaign",
            occasion=str(campaign.id),
            payload={"text": text},
            campaign_id=campaign.id,
            variant="A",
        )
        cid = campaign.id
    await make_sender(h.services, h.bot, rate=None, per_chat=None).drain()
    return cid


async def _reasons(h, uid=None):
    async with h.services.sessions() as session:
        query = select(WithdrawalReason).order_by(WithdrawalReason.id)
        if uid is not None:
            query = query.where(WithdrawalReason.customer_id == uid)
        return list((await session.execute(query)).scalars())


async def test_the_button_under_a_campaign_message_names_that_campaign(staffed):
    h = staffed
    await make_customer(h, 1, ["offers", "samples"])
    cid = await _campaign_message(h, 1)
    await h.press(1, "No more offers")
    (row,) = await _reasons(h, 1)
    assert (row.reason, row.scope, row.campaign_id, row.kind) == ("message_button", "offers", cid, "campaign")
    assert row.event_id is not None


async def test_stop_after_a_campaign_is_attributed_to_it_per_scope(staffed):
    h = staffed
    await make_customer(h, 1, ["offers", "samples"])
    cid = await _campaign_message(h, 1)
    await h.say(1, "/stop")
    rows = await _reasons(h, 1)
    assert {(r.reason, r.scope, r.campaign_id) for r in rows} == {("stop", "offers", cid), ("stop", "samples", cid)}


async def test_words_and_preferences_and_erasure_record_their_reason(staffed):
    h = staffed
    await make_customer(h, 1, ["samples", "feedback"])
    await h.say(1, "stop sending me samples")
    await h.say(1, "/preferences")
    await h.press(1, "Permissions")
    await h.press(1, "✅ Feedback requests")
    assert [(r.reason, r.scope, r.campaign_id) for r in await _reasons(h, 1)] == [
        ("words", "samples", None),  # nothing delivered before: no campaign
        ("preferences", "feedback", None),
    ]
    await make_customer(h, 2, ["birthday"])
    await h.say(2, "/forget")
    await h.press(2, "Yes")
    assert [(r.reason, r.scope) for r in await _reasons(h, 2)] == [("erasure", "birthday")]


async def test_a_blocked_chat_records_blocked_with_the_message_before(staffed):
    h = staffed
    await make_customer(h, 1, ["offers"])
    cid = await _campaign_message(h, 1)
    h.api.block(1)
    await _campaign_message(h, 1, campaign_name="Summer")  # refused: 403
    (row,) = await _reasons(h, 1)
    assert (row.reason, row.campaign_id) == ("blocked", cid)  # the last message that reached them


async def test_staff_withdrawal_and_a_delivery_older_than_seven_days(staffed):
    h = staffed
    await make_customer(h, 1, ["offers"])
    await _campaign_message(h, 1)
    async with h.services.sessions() as session, session.begin():
        await session.execute(update(Outbox).values(sent_at=utcnow() - timedelta(days=8)))
        customer = await session.get(Customer, 1)
        assert await withdraw_all(session, customer=customer, method="staff", wording="asked by phone") == ["offers"]
    (row,) = await _reasons(h, 1)
    assert (row.reason, row.campaign_id, row.outbox_id) == ("staff", None, None)


async def test_stats_and_report_show_reasons_and_unsubscribe_rates(staffed):
    h = staffed
    for uid in (1, 2, 3, 4):
        await make_customer(h, uid, ["offers"])
    async with h.services.sessions() as session, session.begin():
        campaign = Campaign(name="Spring", goal="retention", segment={}, variants=["Tea!"], status="launched")
        session.add(campaign)
        await session.flush()
        for uid in (1, 2, 3, 4):
            await enqueue(
                session,
                customer_id=uid,
                kind="campaign",
                occasion=str(campaign.id),
                payload={"text": "Tea!"},
                campaign_id=campaign.id,
                variant="A",
            )
        cid = campaign.id
    await make_sender(h.services, h.bot, rate=None, per_chat=None).drain()
    await h.press(1, "No more offers")
    await h.say(2, "/stop")
    stats = (await h.say(MARKETER, "/stats"))[-1]["text"]
    assert "Withdrawals this week by reason (customers): button under a message: 1, /stop: 1" in stats
    assert f"Unsubscribe rate per campaign (withdrew within 7 days of its message): #{cid} 50.0% (2/4)" in stats
    report = (await h.say(OWNER, "/report"))[-1]["text"]
    assert "unsubscribed after it: 2 of 4 (50.0%)" in report
    assert "button under a message: 1, /stop: 1" in report


async def test_stats_say_none_without_withdrawals(staffed):
    h = staffed
    await make_customer(h, 1, ["offers"])
    assert "Withdrawals this week by reason: none" in (await h.say(MARKETER, "/stats"))[-1]["text"]
