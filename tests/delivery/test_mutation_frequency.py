"""Pauses and frequency limits as stored, exactly (kills mutants of bot/frequency.py that the end-to-end
tests of tests/delivery/test_frequency_pause.py let live): which pause runs when, whose pause a
query, a new pause or /resume touches, how a replaced or expired pause is recorded, and that
every customer of a long list gets their own limits once."""

from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from bot import frequency
from bot.consent.policy import Limit
from storage.models import Customer, FrequencyLimit, Pause
from storage.queries import get_or_create_customer

UTC = timezone.utc
T = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


async def customer(sessions, uid: int) -> int:
    async with sessions() as session, session.begin():
        c, _ = await get_or_create_customer(session, user_id=uid, first_name="A", username=None, language="en")
        return c.id


async def pause_rows(sessions, cid: int) -> list[tuple[datetime, datetime, datetime | None, str | None]]:
    async with sessions() as session:
        rows = await session.execute(select(Pause).where(Pause.customer_id == cid).order_by(Pause.id))
        return [(p.starts_at, p.ends_at, p.ended_at, p.end_reason) for p in rows.scalars()]


async def until(sessions, ids: list[int], now: datetime) -> dict[int, datetime]:
    async with sessions() as session:
        return await frequency.paused_until(session, customer_ids=ids, now=now)


async def test_a_pause_runs_from_its_start_to_just_before_its_end(sessions):
    ann = await customer(sessions, 1)
    async with sessions() as session, session.begin():
        await frequency.start_pause(session, customer_id=ann, days=7, method="command", now=T)
    end = T + timedelta(days=7)
    assert await until(sessions, [ann], T - timedelta(seconds=1)) == {}  # not started yet
    assert await until(sessions, [ann], T) == {ann: end}  # from the moment it starts
    assert await until(sessions, [ann], end - timedelta(seconds=1)) == {ann: end}
    assert await until(sessions, [ann], end) == {}


async def test_whose_pause_is_running(sessions):
    ann, bob, cid = await customer(sessions, 1), await customer(sessions, 2), await customer(sessions, 3)
    async with sessions() as session, session.begin():
        await frequency.start_pause(session, customer_id=ann, days=7, method="command", now=T)
        await frequency.start_pause(session, customer_id=bob, days=14, method="button", now=T)
    assert await until(sessions, [ann], T) == {ann: T + timedelta(days=7)}
    assert await until(sessions, [cid], T) == {}
    assert await until(sessions, [bob, cid], T) == {bob: T + timedelta(days=14)}
    async with sessions() as session:
        query = select(Customer.id).where(frequency.paused(Customer.id, T)).order_by(Customer.id)
        assert list((await session.execute(query)).scalars()) == [ann, bob]
        query = select(Customer.id).where(~frequency.paused(Customer.id, T))
        assert list((await session.execute(query)).scalars()) == [cid]


async def test_of_two_pauses_running_the_later_end_counts(sessions):
    ann = await customer(sessions, 1)
    async with sessions() as session, session.begin():  # the longer one first, the shorter after it
        session.add(Pause(customer_id=ann, starts_at=T, ends_at=T + timedelta(days=30), method="command"))
        session.add(Pause(customer_id=ann, starts_at=T, ends_at=T + timedelta(days=7), method="button"))
    assert await until(sessions, [ann], T + timedelta(days=1)) == {ann: T + timedelta(days=30)}


async def test_a_long_list_is_read_whole(sessions):
    ann = await customer(sessions, 1)
    async with sessions() as session, session.begin():
        await frequency.start_pause(session, customer_id=ann, days=7, method="command", now=T)
    ids = list(range(10_000_000, 10_005_000)) + [ann]  # ann is the 5001st
    assert await until(sessions, ids, T) == {ann: T + timedelta(days=7)}


async def test_a_new_pause_replaces_only_the_running_one_of_that_customer(sessions):
    ann, bob = await customer(sessions, 1), await customer(sessions, 2)
    async with sessions() as session, session.begin():
        await frequency.start_pause(session, customer_id=ann, days=7, method="command", now=T)
        await frequency.resume(session, customer_id=ann, now=T + timedelta(hours=1))
        await frequency.start_pause(session, customer_id=ann, days=7, method="command", now=T + timedelta(days=1))
        await frequency.start_pause(session, customer_id=bob, days=7, method="command", now=T + timedelta(days=1))
    later = T + timedelta(days=2)
    async with sessions() as session, session.begin():
        new = await frequency.start_pause(session, customer_id=ann, days=30, method="button", now=later)
        assert (new.starts_at, new.ends_at, new.ended_at) == (later, later + timedelta(days=30), None)
    assert await pause_rows(sessions, ann) == [
        (T, T + timedelta(days=7), T + timedelta(hours=1), "resumed"),  # ended before: left as it was
        (T + timedelta(days=1), T + timedelta(days=8), later, "replaced"),
        (later, later + timedelta(days=30), None, None),
    ]
    assert await until(sessions, [ann], later) == {ann: later + timedelta(days=30)}
    # another customer's pause runs on
    assert await pause_rows(sessions, bob) == [(T + timedelta(days=1), T + timedelta(days=8), None, None)]


async def test_resume_ends_only_that_customers_pause(sessions):
    ann, bob = await customer(sessions, 1), await customer(sessions, 2)
    async with sessions() as session, session.begin():
        await frequency.start_pause(session, customer_id=ann, days=7, method="command", now=T)
        await frequency.start_pause(session, customer_id=bob, days=7, method="command", now=T)
    async with sessions() as session, session.begin():
        assert await frequency.resume(session, customer_id=ann, now=T + timedelta(hours=2)) is True
    async with sessions() as session, session.begin():
        assert await frequency.resume(session, customer_id=ann, now=T + timedelta(hours=3)) is False
    assert await pause_rows(sessions, ann) == [(T, T + timedelta(days=7), T + timedelta(hours=2), "resumed")]
    assert await pause_rows(sessions, bob) == [(T, T + timedelta(days=7), None, None)]
    assert await until(sessions, [ann, bob], T + timedelta(hours=3)) == {bob: T + timedelta(days=7)}


async def test_a_pause_expires_at_its_end_once_and_a_resumed_one_stays_resumed(sessions):
    ann, bob = await customer(sessions, 1), await customer(sessions, 2)
    async with sessions() as session, session.begin():
        await frequency.start_pause(session, customer_id=ann, days=7, method="command", now=T)
        await frequency.start_pause(session, customer_id=bob, days=7, method="command", now=T)
        await frequency.resume(session, customer_id=bob, now=T + timedelta(days=1))
    end = T + timedelta(days=7)
    async with sessions() as session, session.begin():
        assert await frequency.expire_pauses(session, now=end - timedelta(seconds=1)) == []
    async with sessions() as session, session.begin():
        expired = await frequency.expire_pauses(session, now=end)  # exactly at its end
        assert [(p.customer_id, p.ended_at, p.end_reason) for p in expired] == [(ann, end, "expired")]
    async with sessions() as session, session.begin():
        assert await frequency.expire_pauses(session, now=end + timedelta(days=1)) == []
    assert await pause_rows(sessions, ann) == [(T, end, end, "expired")]
    assert await pause_rows(sessions, bob) == [(T, end, T + timedelta(days=1), "resumed")]


async def test_every_customer_gets_the_shops_limits_and_their_own_once(sessions):
    ann, bob = await customer(sessions, 1), await customer(sessions, 2)
    async with sessions() as session, session.begin():
        session.add(FrequencyLimit(customer_id=None, scope="all", period="week", max_count=3))
        session.add(FrequencyLimit(customer_id=bob, scope="offers", period="month", max_count=1))
    shop, own = Limit("all", "week", 3), Limit("offers", "month", 1)
    async with sessions() as session:
        assert await frequency.limits_of(session, customer_ids=[ann, bob]) == {ann: (shop,), bob: (shop, own)}
        # bob as the 5001st of a long list: read once, in the second chunk
        ids = list(range(10_000_000, 10_005_000)) + [bob]
        limits = await frequency.limits_of(session, customer_ids=ids)
    assert limits[bob] == (shop, own)
    assert len(limits) == 5001 and limits[10_000_000] == (shop,)
