"""Pauses, frequency limits, service notes and sequence steps in the sender and the audience, step
by step (a stand-in bot; the database is real). Each test kills mutants of bot/delivery/sender.py
and bot/delivery/audience.py that the end-to-end pause and sequence tests let live: a pause set
after the batch check, the send-time re-check of a service note and of a sequence step's scope,
the messages planned in one batch counting toward a scope's limit, and what the policy is told."""

from datetime import date, datetime, timedelta

from sqlalchemy import select, text

from bot import frequency
from bot.consent.policy import Limit
from bot.delivery.audience import (
    BirthdayTarget,
    birthday_candidates,
    birthday_targets,
    recipients,
    sample_audience,
    scoped_sends,
)
from storage.models import Category, CustomerInterest, Outbox
from tests.delivery.test_mutation_sender import AT, UTC, FakeBot, customer, queue, rows, sender, withdraw


async def pause(sessions, uid, *, at, days=7):
    async with sessions() as session, session.begin():
        return (await frequency.start_pause(session, customer_id=uid, days=days, method="command", now=at)).ends_at


async def claim(s, sessions):
    async with sessions() as session, session.begin():
        return await s._claim(session, AT)


async def sent(sessions, uid, kind, key, sent_at, payload=None):
    async with sessions() as session, session.begin():
        session.add(
            Outbox(
                customer_id=uid,
                kind=kind,
                idem_key=key,
                payload=payload or {},
                status="sent",
                not_before=sent_at,
                sent_at=sent_at,
            )
        )


async def unordered(session) -> None:
    """SQLite then reads rows that no ORDER BY sorts the other way round (a database that does not
    promise an order): a result that depends on an ORDER BY shows when the ORDER BY is missing."""
    if session.bind.dialect.name == "sqlite":
        await session.execute(text("PRAGMA reverse_unordered_selects = ON"))


# ---- the send-time re-check: a pause set after the batch was checked -----------------------------------


async def test_a_pause_after_the_check_postpones_feedback_and_drops_the_rest(sessions):
    await customer(sessions, 1, ["offers"])
    await customer(sessions, 2, ["feedback", "samples", "offers"])
    kept = await queue(sessions, 1, "campaign", key="kept", not_before=AT - timedelta(minutes=9))
    first = await queue(sessions, 2, "feedback", key="f1", not_before=AT - timedelta(minutes=8))
    second = await queue(sessions, 2, "feedback", key="f2", not_before=AT - timedelta(minutes=7))
    sample = await queue(sessions, 2, "sample", key="s", not_before=AT - timedelta(minutes=6))
    offer = await queue(sessions, 2, "campaign", key="c", not_before=AT - timedelta(minutes=5))
    s = sender(sessions, worker_id="w-test")
    wave = await claim(s, sessions)
    assert [r.id for r in wave] == [kept, first, second, sample, offer]
    ends = await pause(sessions, 2, at=AT - timedelta(minutes=1))  # after the check, before the send
    other_wave = await queue(sessions, 1, "campaign", key="other-wave", status="claimed")
    assert await s._mark_sending(wave) == {kept}
    after = await rows(sessions)
    assert after[kept].status == "sending"
    for feedback in (first, second):  # waits for the end of the pause, free for any worker
        row = after[feedback]
        assert (row.status, row.reason, row.not_before) == ("pending", "paused", ends)
        assert (row.claimed_by, row.claimed_at, row.attempts) == (None, None, 0)
    for dropped in (sample, offer):
        assert (after[dropped].status, after[dropped].reason) == ("dropped", "paused")
    assert (after[other_wave].status, after[other_wave].not_before) == ("claimed", AT)  # another wave's row
    assert (s.stats.postponed, s.stats.dropped) == (2, 2)
    assert s.stats.reasons == {"paused": 4}


async def test_a_wave_row_no_longer_claimed_is_left_alone_by_the_pause(sessions):
    await customer(sessions, 2, ["feedback"])
    row_id = await queue(sessions, 2, "feedback", status="uncertain")
    await pause(sessions, 2, at=AT - timedelta(minutes=1))
    s = sender(sessions)
    async with sessions() as session:
        row = await session.get(Outbox, row_id)
    assert await s._mark_sending([row]) == set()
    after = (await rows(sessions))[row_id]
    assert (after.status, after.not_before) == ("uncertain", AT)  # not made pending: never sent twice


async def test_a_pause_that_ended_before_the_send_stops_nothing(sessions):
    await customer(sessions, 2, ["feedback", "offers"])
    await pause(sessions, 2, at=AT - timedelta(days=8))  # over a day ago
    ids = {await queue(sessions, 2, "feedback", key="f"), await queue(sessions, 2, "campaign", key="c")}
    s = sender(sessions)
    assert await s._mark_sending(await claim(s, sessions)) == ids


# ---- the send-time re-check: a service note, a sequence step ------------------------------------------------


async def test_a_service_note_goes_only_to_a_customer_with_some_scope_granted(sessions):
    await customer(sessions, 1, ["samples"])  # a scope granted: the end of a pause is told
    await customer(sessions, 2, [])  # nothing granted
    await customer(sessions, 3, ["offers"])
    await withdraw(sessions, 3, "offers")  # a scope, withdrawn
    await customer(sessions, 4, ["birthday"])  # someone else's grant counts for no one else
    notes = {uid: await queue(sessions, uid, "pause_end", key=f"note{uid}") for uid in (1, 2, 3)}
    s = sender(sessions)
    assert await s._mark_sending(await claim(s, sessions)) == {notes[1]}
    after = await rows(sessions)
    assert (after[notes[1]].status, after[notes[1]].attempts) == ("sending", 1)
    for uid in (2, 3):
        assert (after[notes[uid]].status, after[notes[uid]].reason) == ("dropped", "scope_not_granted")


async def test_the_recheck_reads_a_sequence_steps_scope_from_its_payload(sessions):
    await customer(sessions, 1, ["offers"])
    await customer(sessions, 2, ["samples"])
    step = {"scope": "offers", "text": "Step one"}
    granted = await queue(sessions, 1, "sequence", key="granted", payload=step)
    not_granted = await queue(sessions, 2, "sequence", key="not-granted", payload=step)
    s = sender(sessions)
    assert await s._mark_sending(await claim(s, sessions)) == {granted}
    assert (await rows(sessions))[not_granted].reason == "scope_not_granted"


# ---- the policy check of a batch: limits, and what one batch plans ------------------------------------------


async def test_messages_planned_in_a_batch_count_toward_their_scopes_limit(sessions):
    async with sessions() as session, session.begin():
        await frequency.set_limit(session, customer_id=None, scope="offers", period="week", count=1, set_by=None)
    await customer(sessions, 1, ["offers", "samples"])
    await customer(sessions, 2, ["offers"])
    campaign = await queue(sessions, 1, "campaign", key="c1", not_before=AT - timedelta(minutes=3))
    over = await queue(sessions, 1, "campaign", key="c2", not_before=AT - timedelta(minutes=2))
    sample = await queue(
        sessions,
        1,
        "sample",
        key="s1",
        not_before=AT - timedelta(minutes=1),
        payload={"product": "Tea", "expires": "2099-01-01"},
    )
    step = {"scope": "offers", "text": "Step"}
    first_step = await queue(sessions, 2, "sequence", key="q1", not_before=AT - timedelta(minutes=2), payload=step)
    second_step = await queue(sessions, 2, "sequence", key="q2", not_before=AT - timedelta(minutes=1), payload=step)
    bot = FakeBot()
    s = sender(sessions, bot, default_cap=10)
    assert await s.drain_once() == 5
    after = await rows(sessions)
    assert after[campaign].status == after[sample].status == after[first_step].status == "sent"
    # The second message within "offers" counts the first one, planned in the same batch; a sequence
    # step counts in the scope of its payload.
    for row_id in (over, second_step):
        assert (after[row_id].status, after[row_id].reason) == ("dropped", "limit:offers:week")
    assert sorted(bot.sent) == [(1, "Hello"), (1, after[sample].sent_text), (2, "Step")]


# ---- the audience: what the policy is told, who is left out --------------------------------------------------


async def test_recipients_carry_the_limits_and_the_pause(sessions):
    now = AT
    async with sessions() as session, session.begin():
        await frequency.set_limit(session, customer_id=None, scope="all", period="week", count=5, set_by=None)
    await customer(sessions, 1, ["offers"])
    await customer(sessions, 2, ["offers"])
    async with sessions() as session, session.begin():
        await frequency.set_limit(session, customer_id=1, scope="offers", period="month", count=1, set_by=1)
    ends = await pause(sessions, 1, at=now - timedelta(hours=1))
    async with sessions() as session:
        people = await recipients(session, customer_ids=[1, 2], now=now)
        later = await recipients(session, customer_ids=[1], now=ends)
    assert people[1].limits == (Limit("all", "week", 5), Limit("offers", "month", 1))
    assert people[2].limits == (Limit("all", "week", 5),)
    assert (people[1].paused_until, people[2].paused_until) == (ends, None)
    assert later[1].paused_until is None  # the pause is over at its end


async def test_scoped_sends_read_a_steps_scope_and_leave_service_notes_out(sessions):
    await customer(sessions, 1, ["offers", "samples"])
    await sent(sessions, 1, "sequence", "q", AT - timedelta(hours=3), payload={"scope": "samples", "text": "x"})
    await sent(sessions, 1, "pause_end", "note", AT - timedelta(hours=2))
    await sent(sessions, 1, "campaign", "c", AT - timedelta(hours=1), payload={"text": "x"})
    async with sessions() as session:
        got = await scoped_sends(session, customer_ids=[1], since=AT - timedelta(days=1))
    assert got == {1: (("samples", AT - timedelta(hours=3)), ("offers", AT - timedelta(hours=1)))}


async def test_scoped_sends_oldest_first_whatever_the_storage_order(sessions):
    await customer(sessions, 1, ["offers"])
    times = [AT - timedelta(hours=h) for h in (1, 5, 3)]
    for i, at in enumerate(times):
        await sent(sessions, 1, "campaign", f"c{i}", at)
    async with sessions() as session:
        await unordered(session)
        got = await scoped_sends(session, customer_ids=[1], since=AT - timedelta(days=1))
    assert got == {1: tuple(("offers", at) for at in sorted(times))}


async def test_scoped_sends_of_more_customers_than_one_query_takes(sessions):
    await customer(sessions, 1, ["offers"])
    await customer(sessions, 5001, ["offers"])  # the first of the second chunk of 5000
    await sent(sessions, 1, "campaign", "first", AT - timedelta(hours=1))
    await sent(sessions, 5001, "campaign", "last", AT - timedelta(hours=2))
    async with sessions() as session:
        got = await scoped_sends(session, customer_ids=list(range(1, 5002)), since=AT - timedelta(days=1))
    assert got == {1: (("offers", AT - timedelta(hours=1)),), 5001: (("offers", AT - timedelta(hours=2)),)}


async def test_birthday_candidates_leave_out_a_paused_customer_and_other_days(sessions):
    at = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    await customer(sessions, 1, ["birthday"], birthday_month=5, birthday_day=4)
    await customer(sessions, 2, ["birthday"], birthday_month=5, birthday_day=4)
    await customer(sessions, 3, ["birthday"], birthday_month=5, birthday_day=5)
    await customer(sessions, 4, ["birthday"])  # no birthday given
    ends = await pause(sessions, 2, at=at - timedelta(days=1))
    async with sessions() as session:
        assert sorted((await session.execute(birthday_candidates([(5, 4)], at))).all()) == [
            (1, 5, 4, None)
        ]  # neither the paused customer nor another day's
        assert sorted(r[0] for r in (await session.execute(birthday_candidates([(5, 4)], ends))).all()) == [1, 2]
        got = await birthday_targets(session, at=at, hour=9, default_tz="UTC")
    assert got == [BirthdayTarget(1, date(2027, 5, 4), datetime(2027, 5, 4, 9, 0, tzinfo=UTC))]


async def test_sample_audience_leaves_out_a_paused_customer_and_is_in_id_order(sessions):
    async with sessions() as session, session.begin():
        tea = (await session.execute(select(Category.id).order_by(Category.id).limit(1))).scalar_one()
    for uid in (3, 1, 2):  # granted and interested in an order other than the ids'
        await customer(sessions, uid, ["samples"])
    async with sessions() as session, session.begin():
        for uid in (3, 1, 2):
            session.add(CustomerInterest(customer_id=uid, category_id=tea))
    ends = await pause(sessions, 2, at=AT - timedelta(days=1))
    async with sessions() as session:
        await unordered(session)
        assert await sample_audience(session, category_id=tea, now=AT) == [1, 3]
        assert await sample_audience(session, category_id=tea, now=ends) == [1, 2, 3]
