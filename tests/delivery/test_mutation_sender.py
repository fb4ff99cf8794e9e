"""The sender's consent core, step by step (a stand-in bot; the database is real): the claim, the
policy check of a batch, the send-time re-check of the scope, and waiting out a 429. Each test
kills mutants of bot/delivery/sender.py that the end-to-end tests let live."""

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import SendMessage
from sqlalchemy import select

from bot.consent.ledger import record_consent
from bot.delivery.sender import RateLimiter, Sender
from storage.models import Outbox
from storage.queries import get_or_create_customer

UTC = timezone.utc
AT = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)


class FakeBot:
    """Answers like Telegram; `errors` are raised, in order, instead of sending."""

    def __init__(self, errors=()):
        self.errors = list(errors)
        self.sent: list[tuple[int, str]] = []

    async def send_message(self, chat_id, text, reply_markup=None, **_):
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append((chat_id, text))
        return SimpleNamespace(message_id=100 + len(self.sent))


def sender(sessions, bot=None, **options) -> Sender:
    options.setdefault("rate", None)
    options.setdefault("per_chat", None)
    return Sender(bot or FakeBot(), sessions, clock=lambda: AT, **options)


async def customer(sessions, uid, scopes, **fields):
    async with sessions() as session, session.begin():
        c, _ = await get_or_create_customer(session, user_id=uid, first_name=f"C{uid}", username=None, language="en")
        for key, value in fields.items():
            setattr(c, key, value)
        for scope in scopes:
            await record_consent(session, customer=c, scope=scope, grant=True, method="button")
    return uid


async def queue(sessions, uid, kind, *, key=None, not_before=AT, status="pending", payload=None) -> int:
    async with sessions() as session, session.begin():
        row = Outbox(
            customer_id=uid,
            kind=kind,
            idem_key=key or f"{uid}:{kind}:{not_before.isoformat()}",
            payload=payload or ({"text": "Hello"} if kind == "campaign" else {}),
            status=status,
            not_before=not_before,
        )
        session.add(row)
        await session.flush()
        return row.id


async def rows(sessions) -> dict[int, Outbox]:
    async with sessions() as session:
        return {r.id: r for r in (await session.execute(select(Outbox))).scalars()}


async def withdraw(sessions, uid, scope):
    async with sessions() as session, session.begin():
        c, _ = await get_or_create_customer(session, user_id=uid, first_name=f"C{uid}", username=None, language="en")
        await record_consent(session, customer=c, scope=scope, grant=False, method="button")


# ---- the claim -------------------------------------------------------------------------------------


async def test_claim_takes_due_pending_rows_in_order_up_to_the_batch(sessions):
    await customer(sessions, 1, ["offers"])
    late = await queue(sessions, 1, "campaign", key="late", not_before=AT - timedelta(minutes=1))
    early = await queue(sessions, 1, "campaign", key="early", not_before=AT - timedelta(hours=1))
    exact = await queue(sessions, 1, "campaign", key="exact", not_before=AT)
    await queue(sessions, 1, "campaign", key="future", not_before=AT + timedelta(seconds=1))
    await queue(sessions, 1, "campaign", key="sent", not_before=AT - timedelta(days=1), status="sent")
    s = sender(sessions, batch=2, worker_id="w-test")
    async with sessions() as session, session.begin():
        claimed = await s._claim(session, AT)
        assert [r.id for r in claimed] == [early, late]  # by due time, then id; no more than the batch
        assert all((r.status, r.claimed_by) == ("claimed", "w-test") and r.claimed_at is not None for r in claimed)
    async with sessions() as session, session.begin():
        assert [r.id for r in await s._claim(session, AT)] == [exact]  # due at this very instant
        assert await s._claim(session, AT) == []  # nothing pending and due is left
    states = {r.idem_key: r.status for r in (await rows(sessions)).values()}
    assert states == {"late": "claimed", "early": "claimed", "exact": "claimed", "future": "pending", "sent": "sent"}


async def test_claim_orders_equal_times_by_id(sessions):
    await customer(sessions, 1, ["offers"])
    ids = [await queue(sessions, 1, "campaign", key=f"k{i}", not_before=AT) for i in range(3)]
    async with sessions() as session, session.begin():
        assert [r.id for r in await sender(sessions, batch=10)._claim(session, AT)] == ids


# ---- the policy check of a batch ----------------------------------------------------------------------


async def test_a_batch_is_checked_against_the_policy(sessions):
    await customer(
        sessions, 1, ["offers", "feedback"], timezone="Europe/Kyiv", quiet_start=13 * 60, quiet_end=16 * 60
    )  # 15:00 in Kyiv: quiet
    await customer(sessions, 4, ["feedback"], timezone="Europe/Kyiv", quiet_start=13 * 60, quiet_end=16 * 60)
    await queue(sessions, 4, "feedback", key="quiet-too")
    await customer(sessions, 2, ["birthday"])
    await customer(sessions, 3, ["offers"], weekly_cap=1)
    quiet = await queue(sessions, 1, "campaign", key="quiet")
    no_scope = await queue(sessions, 2, "campaign", key="no-scope")
    greeting = await queue(sessions, 2, "birthday", key="greeting")
    first = await queue(sessions, 3, "campaign", key="first", not_before=AT - timedelta(minutes=2))
    second = await queue(sessions, 3, "campaign", key="second", not_before=AT - timedelta(minutes=1))
    bot = FakeBot()
    s = sender(sessions, bot, default_cap=5)
    assert await s.drain_once() == 6
    after = await rows(sessions)
    assert (after[quiet].status, after[quiet].reason) == ("pending", "quiet_hours")
    assert after[quiet].not_before == datetime(2027, 5, 4, 13, 0, tzinfo=UTC)  # 16:00 in Kyiv (UTC+3)
    assert (after[no_scope].status, after[no_scope].reason) == ("dropped", "scope_not_granted")
    assert after[greeting].status == "sent" and after[first].status == "sent"
    # The second campaign message of the batch counts the first one planned: over the cap of 1.
    assert (after[second].status, after[second].reason) == ("dropped", "weekly_cap")
    assert sorted(uid for uid, _ in bot.sent) == [2, 3]
    assert (s.stats.sent, s.stats.dropped, s.stats.postponed) == (2, 2, 2)
    assert s.stats.reasons == {"quiet_hours": 2, "scope_not_granted": 1, "weekly_cap": 1}


async def test_the_default_zone_and_cap_of_the_sender_apply(sessions):
    await customer(sessions, 1, ["offers"], quiet_start=13 * 60, quiet_end=16 * 60)  # no zone of their own
    row = await queue(sessions, 1, "campaign")
    s = sender(sessions, default_tz="Europe/Kyiv")
    await s.drain_once()
    assert (await rows(sessions))[row].reason == "quiet_hours"
    await customer(sessions, 2, ["offers"])
    capped = [await queue(sessions, 2, "campaign", key=f"c{i}") for i in range(2)]
    s = sender(sessions, default_cap=1)
    await s.drain_once()
    after = await rows(sessions)
    assert sorted(after[i].status for i in capped) == ["dropped", "sent"]


async def test_drain_once_with_nothing_due_handles_nothing(sessions):
    await customer(sessions, 1, ["offers"])
    await queue(sessions, 1, "campaign", not_before=AT + timedelta(minutes=5))
    bot = FakeBot()
    assert await sender(sessions, bot).drain_once() == 0 and bot.sent == []


# ---- the send-time re-check -----------------------------------------------------------------------------


async def test_a_withdrawal_after_the_claim_stops_the_message(sessions):
    await customer(sessions, 1, ["offers", "birthday"])
    await customer(sessions, 2, ["offers"])
    stopped = await queue(sessions, 1, "campaign", key="stopped")
    other_scope = await queue(sessions, 1, "birthday", key="other-scope")
    kept = await queue(sessions, 2, "campaign", key="kept")
    await customer(sessions, 3, ["offers"])
    s = sender(sessions)
    async with sessions() as session, session.begin():
        claimed = await s._claim(session, AT)
        for row in claimed:
            row.claimed_at = datetime(2020, 1, 1, tzinfo=UTC)
    await withdraw(sessions, 1, "offers")  # after the claim, before the send
    other_wave = await queue(sessions, 3, "campaign", key="other-wave", status="claimed")
    marked = await s._mark_sending(claimed)
    assert marked == {other_scope, kept}
    assert (await rows(sessions))[other_wave].status == "claimed"  # a row of another wave is left alone
    after = await rows(sessions)
    assert (after[stopped].status, after[stopped].reason) == ("dropped", "scope_not_granted")
    assert (after[other_scope].status, after[other_scope].attempts) == ("sending", 1)
    assert (after[kept].status, after[kept].attempts) == ("sending", 1)
    assert after[kept].claimed_at > datetime(2020, 1, 2, tzinfo=UTC)  # the lease starts again with the send
    assert (s.stats.dropped, s.stats.reasons) == (1, {"scope_not_granted": 1})
    # Two more withdrawn: both counted.
    await withdraw(sessions, 2, "offers")
    async with sessions() as session, session.begin():
        rows2 = [await session.get(Outbox, i) for i in (kept, other_wave)]
        for row in rows2:
            row.status = "claimed"
    await withdraw(sessions, 3, "offers")
    assert await s._mark_sending(rows2) == set()
    assert s.stats.dropped == 3


@pytest.mark.parametrize(
    "kind, scope", [("birthday", "birthday"), ("sample", "samples"), ("feedback", "feedback"), ("campaign", "offers")]
)
async def test_the_recheck_asks_for_the_scope_of_the_kind(sessions, kind, scope):
    others = [s for s in ("birthday", "samples", "feedback", "offers") if s != scope]
    await customer(sessions, 1, others)  # every scope but the one this kind needs
    await customer(sessions, 2, [scope])
    wrong = await queue(sessions, 1, kind, key="wrong")
    right = await queue(sessions, 2, kind, key="right")
    s = sender(sessions)
    async with sessions() as session, session.begin():
        claimed = await s._claim(session, AT)
    assert await s._mark_sending(claimed) == {right}
    assert (await rows(sessions))[wrong].status == "dropped"


async def test_the_recheck_marks_only_claimed_rows(sessions):
    await customer(sessions, 1, ["offers"])
    row_id = await queue(sessions, 1, "campaign", status="uncertain")
    s = sender(sessions)
    async with sessions() as session:
        row = await session.get(Outbox, row_id)
    assert await s._mark_sending([row]) == set()
    assert (await rows(sessions))[row_id].status == "uncertain"  # neither sent again nor dropped


# ---- 429: everyone waits ------------------------------------------------------------------------------


async def test_retry_after_pauses_the_sender_and_requeues_the_row(sessions):
    await customer(sessions, 1, ["offers"])
    row_id = await queue(sessions, 1, "campaign")
    error = TelegramRetryAfter(method=SendMessage(chat_id=1, text="x"), message="Too Many Requests", retry_after=7)
    clock = [1000.0]
    s = sender(sessions, FakeBot([error]))
    s.limiter = RateLimiter(None, None, clock=lambda: clock[0])
    await s.drain_once()
    row = (await rows(sessions))[row_id]
    assert (row.status, row.reason, row.attempts) == ("pending", "retry_after", 0)  # a 429 costs no attempt
    assert row.not_before == AT + timedelta(seconds=7)
    assert s.limiter.paused_until == 1007.0  # nothing goes out before Telegram's retry_after
    assert s.stats.retried == 1 and s.stats.sent == 0


def test_pause_keeps_the_longest_wait():
    now = [50.0]
    limiter = RateLimiter(None, None, clock=lambda: now[0])
    limiter.pause(10)
    limiter.pause(3)
    assert limiter.paused_until == 60.0
    now[0] = 58.0
    limiter.pause(5)
    assert limiter.paused_until == 63.0


async def test_acquire_waits_out_a_pause():
    now = [0.0]
    slept = []

    async def fake_sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    import bot.delivery.sender as module

    limiter = RateLimiter(None, None, clock=lambda: now[0])
    limiter.pause(4)
    original, module.asyncio.sleep = module.asyncio.sleep, fake_sleep
    try:
        await limiter.acquire(1)
    finally:
        module.asyncio.sleep = original
    assert slept == [4.0]
