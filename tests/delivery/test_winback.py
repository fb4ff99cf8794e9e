"""Win-back before `former` (bot/winback.py through the lifecycle job): one message to inactive
customers who allowed `offers`, measured as a campaign; a reply or purchase within the grace
period keeps their stage, otherwise they become `former` when it ends."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.delivery import jobs
from bot.texts import t
from bot.winback import GRACE
from storage.models import Campaign, Customer, Outbox, Purchase, WinBack, WithdrawalReason
from storage.types import utcnow
from tests.delivery.test_delivery import deliver, make_customer
from tests.staff.test_staff import MARKETER, SUPPORT, staffed  # noqa: F401

LONG_AGO = timedelta(days=400)


async def _inactive(h, uid, scopes, **fields):
    await make_customer(h, uid, scopes, **fields)
    async with h.services.sessions() as session, session.begin():
        (await session.get(Customer, uid)).last_seen_at = utcnow() - LONG_AGO


async def _stage(h, uid):
    async with h.services.sessions() as session:
        return (await session.get(Customer, uid)).stage


async def test_only_customers_with_offers_get_one_win_back_and_the_others_become_former(staffed):
    h = staffed
    await _inactive(h, 1, ["offers"], lang="uk", name="Олена")
    await _inactive(h, 2, ["birthday", "samples"])
    now = utcnow()
    added, stats = await deliver(h, "lifecycle", now)
    assert added == 1  # customer 2 became former at once
    assert stats.sent == 1
    assert await _stage(h, 1) == "friend" and await _stage(h, 2) == "former"
    text = h.api.sent(1)[-1]["text"]
    assert text.startswith(t("winback.message", "uk", name="Олена").split("!")[0])
    assert h.api.sent(2) == []
    # Once: the next runs within the grace period send nothing more and change nothing.
    for later in (now + timedelta(hours=1), now + GRACE - timedelta(minutes=1)):
        assert (await deliver(h, "lifecycle", later))[1].sent == 0
    assert await _stage(h, 1) == "friend"
    async with h.services.sessions() as session:
        campaign = (await session.execute(select(Campaign).where(Campaign.goal == "winback"))).scalar_one()
        assert (await session.execute(select(func.count()).select_from(WinBack))).scalar_one() == 1
        row = (await session.execute(select(Outbox).where(Outbox.customer_id == 1))).scalar_one()
        assert (row.kind, row.campaign_id) == ("campaign", campaign.id)
        reasons = [(r.customer_id, r.reason) for r in (await session.execute(select(WithdrawalReason))).scalars()]
    assert reasons == [(2, "inactive")]


@pytest.mark.parametrize("lang", ["en", "uk", "ru", "pl"])
def test_the_win_back_message_exists_in_every_language(lang):
    assert t("winback.message", lang, name="Ann") and t("winback.button", lang)


async def test_no_answer_within_the_grace_period_makes_them_former(staffed):
    h = staffed
    await _inactive(h, 1, ["offers"])
    now = utcnow()
    await deliver(h, "lifecycle", now)
    jobs.bind(h.services)
    assert await jobs.lifecycle((now + GRACE).isoformat()) == 1
    assert await _stage(h, 1) == "former"
    async with h.services.sessions() as session:
        wb = (await session.execute(select(WinBack))).scalar_one()
        reason = (await session.execute(select(WithdrawalReason))).scalar_one()
    assert wb.outcome == "former"
    assert (reason.reason, reason.kind, reason.campaign_id) == ("inactive", "campaign", wb.campaign_id)
    assert (await deliver(h, "lifecycle", now + GRACE + timedelta(days=1)))[1].sent == 0  # no second win-back


async def test_a_reply_keeps_the_stage_and_counts_as_a_response(staffed):
    h = staffed
    await _inactive(h, 1, ["offers"])
    now = utcnow()
    await deliver(h, "lifecycle", now)
    await h.press(1, t("winback.button", "en"))
    jobs.bind(h.services)
    assert await jobs.lifecycle((now + GRACE).isoformat()) == 0
    assert await _stage(h, 1) == "friend"
    async with h.services.sessions() as session:
        assert (await session.execute(select(WinBack))).scalar_one().outcome == "kept_reply"
    report = (await h.say(MARKETER, "/campaigns"))[-1]["text"]
    assert "Win-back (automatic)" in report and "responded 1" in report


async def test_a_purchase_keeps_the_stage(staffed):
    h = staffed
    await _inactive(h, 1, ["offers"])
    now = utcnow()
    await deliver(h, "lifecycle", now)
    async with h.services.sessions() as session, session.begin():
        session.add(Purchase(customer_id=1, product="Oolong", at=now + timedelta(days=2)))
    jobs.bind(h.services)
    assert await jobs.lifecycle((now + GRACE).isoformat()) == 0
    assert await _stage(h, 1) == "friend"
    async with h.services.sessions() as session:
        assert (await session.execute(select(WinBack))).scalar_one().outcome == "kept_purchase"
    # Still not former later: the purchase is recent activity.
    assert await jobs.lifecycle((now + GRACE + timedelta(days=30)).isoformat()) == 0


async def test_nothing_goes_to_a_customer_who_withdrew_offers_meanwhile(staffed):
    h = staffed
    await _inactive(h, 1, ["offers", "birthday"])
    now = utcnow()
    jobs.bind(h.services)
    await jobs.lifecycle(now.isoformat())
    await h.say(1, "/stop")  # before the sender runs: the sender checks the scope again
    _, stats = await deliver(h, "lifecycle", now)
    assert stats.sent == 0
    assert all("miss you" not in (m.get("text") or "") for m in h.api.sent(1))
