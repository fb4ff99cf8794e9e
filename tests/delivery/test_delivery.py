"""Scheduled deliveries end to end: jobs -> outbox -> sender -> local Bot API."""

import asyncio
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from bot.consent.ledger import record_consent
from bot.delivery import jobs
from bot.delivery.audience import greeting_date
from bot.delivery.service import make_sender
from bot.texts import t
from storage.models import ConsentEvent, Customer, CustomerInterest, Outbox, SampleOffer, SampleRequest
from storage.queries import get_or_create_customer
from storage.types import utcnow

UTC = timezone.utc


async def make_customer(harness, user_id, scopes, *, lang="en", name="Ann", **fields):
    harness.user(user_id, lang=lang, name=name)
    async with harness.services.sessions() as session, session.begin():
        customer, _ = await get_or_create_customer(
            session, user_id=user_id, first_name=name, username=None, language=lang
        )
        for key, value in fields.items():
            setattr(customer, key, value)
        for scope in scopes:
            await record_consent(session, customer=customer, scope=scope, grant=True, method="button")
    return user_id


async def deliver(harness, job, at, **sender_options):
    started = utcnow()
    jobs.bind(harness.services)
    added = await jobs.JOBS[job](at.isoformat())
    sender_options.setdefault("rate", None)
    sender_options.setdefault("per_chat", None)
    # As `jobs run --at` does: the replayed moment moves on with real time while draining.
    sender = make_sender(harness.services, harness.bot, clock=lambda: at + (utcnow() - started), **sender_options)
    await sender.recover()
    stats = await sender.drain()
    return added, stats


async def outbox(harness, **where):
    async with harness.services.sessions() as session:
        query = select(Outbox).order_by(Outbox.id)
        for key, value in where.items():
            query = query.where(getattr(Outbox, key) == value)
        return list((await session.execute(query)).scalars())


def texts_to(harness, user_id):
    return [m.get("text", "") for m in harness.api.sent(user_id)]


@pytest.mark.parametrize(
    "month, day, year, expected",
    [
        (2, 29, 2027, (2, 28)),
        (2, 29, 2028, (2, 29)),
        (3, 1, 2027, (3, 1)),
        (12, 31, 2026, (12, 31)),
    ],
)
def test_leap_day_is_greeted_on_the_28th(month, day, year, expected):
    result = greeting_date(month, day, year)
    assert (result.month, result.day) == expected


async def test_birthdays_across_time_zones_and_leap_day(harness):
    at = datetime(2027, 2, 28, 9, 0, tzinfo=UTC)  # Kyiv 11:00 (28 Feb), New York 04:00, Auckland 22:00
    await make_customer(
        harness, 1, ["birthday"], timezone="Europe/Kyiv", birthday_month=2, birthday_day=28, name="Olena", lang="uk"
    )
    await make_customer(harness, 2, ["birthday"], timezone="America/New_York", birthday_month=2, birthday_day=28)
    await make_customer(
        harness, 3, ["birthday"], timezone="Europe/Warsaw", birthday_month=2, birthday_day=29, lang="pl", name="Ola"
    )
    await make_customer(harness, 4, ["birthday"], timezone="Pacific/Auckland", birthday_month=3, birthday_day=1)
    await make_customer(
        harness, 5, ["samples", "offers"], timezone="Europe/Kyiv", birthday_month=2, birthday_day=28
    )  # no birthday scope
    added, stats = await deliver(harness, "birthdays", at)
    assert added == 2 and stats.sent == 2
    assert texts_to(harness, 1)[-1].startswith(t("birthday.greeting", "uk", name="Olena"))
    assert texts_to(harness, 3)[-1].startswith(t("birthday.greeting", "pl", name="Ola"))  # leap-day birthday
    assert texts_to(harness, 2) == []  # 04:00 in New York: before the 10:00 local hour
    assert texts_to(harness, 4) == []  # 22:00 on 28 February in Auckland: their day is tomorrow
    assert texts_to(harness, 5) == []
    # Later that day New York reaches 10:00; running again greets only New York, nobody twice.
    added, stats = await deliver(harness, "birthdays", datetime(2027, 2, 28, 15, 0, tzinfo=UTC))
    assert added == 1 and stats.sent == 1 and len(texts_to(harness, 2)) == 1
    assert len(texts_to(harness, 1)) == 1 and len(texts_to(harness, 3)) == 1


async def test_rerunning_a_job_for_the_same_time_sends_nothing_twice(harness):
    at = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    await make_customer(harness, 1, ["birthday"], birthday_month=5, birthday_day=4)
    first = await deliver(harness, "birthdays", at)
    second = await deliver(harness, "birthdays", at)
    assert first[0] == 1 and second[0] == 0 and second[1].sent == 0
    assert len(texts_to(harness, 1)) == 1
    message = harness.api.sent(1)[0]
    labels = [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
    assert t("scope.birthday.stop_button", "en") in labels  # every delivered message carries its withdrawal


async def test_perk_and_quiet_hours(harness):
    at = datetime(2027, 5, 4, 20, 0, tzinfo=UTC)  # 23:00 in Kyiv (summer time +3)
    await make_customer(
        harness,
        1,
        ["birthday"],
        birthday_month=5,
        birthday_day=4,
        timezone="Europe/Kyiv",
        quiet_start=22 * 60,
        quiet_end=8 * 60,
    )
    harness.services.settings = harness.services.settings.model_copy(update={"birthday_perk": "HB-2027"})
    added, stats = await deliver(harness, "birthdays", at)
    assert added == 1 and stats.sent == 0 and stats.postponed == 1
    row = (await outbox(harness))[0]
    assert row.status == "pending" and row.reason == "quiet_hours"
    assert row.not_before == datetime(2027, 5, 5, 5, 0, tzinfo=UTC)  # 08:00 in Kyiv


async def test_withdrawal_between_enqueue_and_send_drops(harness):
    at = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    await make_customer(harness, 1, ["birthday"], birthday_month=5, birthday_day=4)
    jobs.bind(harness.services)
    assert await jobs.birthdays(at.isoformat()) == 1
    reply = await harness.say(1, "/stop")  # the customer withdraws before the sender runs
    assert reply
    sender = make_sender(harness.services, harness.bot, clock=lambda: at, rate=None, per_chat=None)
    stats = await sender.drain()
    assert stats.sent == 0 and stats.dropped == 1
    row = (await outbox(harness))[0]
    assert (row.status, row.reason) == ("dropped", "scope_not_granted")
    assert not any(text.startswith("Happy birthday") for text in texts_to(harness, 1))


async def test_blocked_user_becomes_former(harness):
    at = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    await make_customer(harness, 1, ["birthday", "offers"], birthday_month=5, birthday_day=4)
    harness.api.block(1)
    added, stats = await deliver(harness, "birthdays", at)
    assert stats.blocked == 1 and stats.sent == 0
    async with harness.services.sessions() as session:
        customer = await session.get(Customer, 1)
        assert customer.reachable is False and customer.stage == "former"
        methods = (
            await session.execute(
                select(ConsentEvent.method, ConsentEvent.action).where(ConsentEvent.action == "withdraw")
            )
        ).all()
        assert sorted(methods) == [("blocked", "withdraw"), ("blocked", "withdraw")]
    row = (await outbox(harness))[0]
    assert row.status == "failed" and row.reason.startswith("blocked")


async def test_429_storm_delivers_everything_once(harness):
    at = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    for uid in range(1, 11):
        await make_customer(harness, uid, ["birthday"], birthday_month=5, birthday_day=4)
    jobs.bind(harness.services)
    await jobs.birthdays(at.isoformat())
    # The storm runs on the stand-in's wall clock: started after the job (which took over a second
    # on a busy CI machine, so the storm had passed before the first send), long enough for the
    # first wave to meet it.
    harness.api.storm_429(2.0, retry_after=1)
    clock = {"now": at}
    sender = make_sender(harness.services, harness.bot, clock=lambda: clock["now"], rate=None, per_chat=None)
    for _ in range(60):
        await sender.drain()
        if len(await outbox(harness, status="sent")) == 10:
            break
        await asyncio.sleep(0.1)
        clock["now"] = at + timedelta(seconds=(_ + 1) * 0.5)
    assert len(await outbox(harness, status="sent")) == 10
    assert all(len(texts_to(harness, uid)) == 1 for uid in range(1, 11))
    assert sender.stats.retried >= 1


async def test_server_errors_retry_then_fail_with_reason(harness):
    at = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    await make_customer(harness, 1, ["birthday"], birthday_month=5, birthday_day=4)
    await make_customer(harness, 2, ["birthday"], birthday_month=5, birthday_day=4)
    harness.api.fail_next(1, status=502)
    clock = {"now": at}
    jobs.bind(harness.services)
    await jobs.birthdays(at.isoformat())
    sender = make_sender(
        harness.services, harness.bot, clock=lambda: clock["now"], rate=None, per_chat=None, max_attempts=3
    )
    await sender.drain()
    clock["now"] = at + timedelta(minutes=10)
    await sender.drain()
    assert len(await outbox(harness, status="sent")) == 2  # the failed one was retried after its backoff
    harness.api.fail_next(100, status=500)
    await make_customer(harness, 3, ["birthday"], birthday_month=5, birthday_day=4)
    await jobs.birthdays(at.isoformat())
    for minutes in (20, 40, 80, 160):
        clock["now"] = at + timedelta(minutes=minutes)
        await sender.drain()
    failed = await outbox(harness, status="failed")
    assert len(failed) == 1 and failed[0].attempts == 3
    assert "500" in failed[0].reason or "Server" in failed[0].reason


async def test_crash_recovery_marks_in_flight_uncertain_and_resends_the_rest(harness):
    at = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    for uid in (1, 2, 3):
        await make_customer(harness, uid, ["birthday"], birthday_month=5, birthday_day=4)
    jobs.bind(harness.services)
    await jobs.birthdays(at.isoformat())
    rows = await outbox(harness)
    # Simulate the instant of a crash: one row claimed but not tried, one in flight.
    from sqlalchemy import update

    async with harness.services.sessions() as session, session.begin():
        await session.execute(update(Outbox).where(Outbox.id == rows[0].id).values(status="claimed"))
        await session.execute(update(Outbox).where(Outbox.id == rows[1].id).values(status="sending"))
    sender = make_sender(harness.services, harness.bot, clock=lambda: at, rate=None, per_chat=None)
    recovered = await sender.recover()
    assert recovered == {"reclaimed": 1, "uncertain": 1}
    await sender.drain()
    statuses = {r.customer_id: r.status for r in await outbox(harness)}
    assert statuses == {1: "sent", 2: "uncertain", 3: "sent"}
    assert [len(texts_to(harness, uid)) for uid in (1, 2, 3)] == [1, 0, 1]


async def test_samples_offer_accept_and_stock_race(harness):
    for uid in range(1, 13):
        await make_customer(harness, uid, ["samples"])
    await make_customer(harness, 50, ["offers", "birthday", "feedback"])  # no samples scope
    async with harness.services.sessions() as session, session.begin():
        coffee = 1
        for uid in list(range(1, 13)) + [50]:
            session.add(CustomerInterest(customer_id=uid, category_id=coffee))
        session.add(
            SampleOffer(
                product="Yirgacheffe 100 g", category_id=coffee, stock=5, expires_at=utcnow() + timedelta(days=7)
            )
        )
    added, stats = await deliver(harness, "samples", utcnow())
    assert added == 12 and stats.sent == 12
    assert harness.api.sent(50) == []
    # Twelve customers press "accept" at once; five units of stock.
    offers = {uid: harness.api.sent(uid)[-1] for uid in range(1, 13)}
    updates = await asyncio.gather(*(harness.api.press(uid, t("sample.accept_button", "en")) for uid in offers))
    for update in updates:
        await harness.processed(update["update_id"])
    async with harness.services.sessions() as session:
        requests = (await session.execute(select(func.count()).select_from(SampleRequest))).scalar_one()
        offer = (await session.execute(select(SampleOffer))).scalar_one()
    assert requests == 5 and offer.allocated == 5
    replies = [texts_to(harness, uid)[-1] for uid in offers]
    assert sum(r.startswith("Great!") for r in replies) == 5
    assert sum(r == t("sample.gone", "en") for r in replies) == 7


async def test_feedback_after_purchase_and_low_rating_alerts_staff(harness):
    owner = 900
    harness.services.settings = harness.settings = harness.settings.model_copy(update={"admin_ids": [owner]})
    await harness.restart()
    harness.user(owner, name="Boss")
    await make_customer(harness, 1, ["feedback"], name="Ann")
    await make_customer(harness, 2, ["offers"])  # bought too, but no feedback scope
    reply = await harness.say(owner, "/purchase 1 Espresso beans 12.50")
    assert "Feedback request scheduled: yes" in reply[-1]["text"]
    reply = await harness.say(owner, "/purchase 2 Espresso beans")
    assert "Feedback request scheduled: no" in reply[-1]["text"]
    rows = await outbox(harness, kind="feedback")
    assert len(rows) == 1 and rows[0].customer_id == 1
    assert rows[0].not_before - rows[0].created_at >= timedelta(days=7) - timedelta(seconds=5)
    later = utcnow() + timedelta(days=7, minutes=1)
    added, stats = await deliver(harness, "feedback", later)
    assert added == 0 and stats.sent == 1  # already scheduled at purchase time; the job adds nothing twice
    assert texts_to(harness, 2) == [] or not any("rate" in x for x in texts_to(harness, 2))
    await harness.press(1, "2 ⭐")
    assert texts_to(harness, 1)[-1] == t("feedback.rated", "en", rating=2)
    assert any("Low rating 2/5 from customer 1" in x for x in texts_to(harness, owner))
    await harness.say(1, "The beans were stale")
    assert texts_to(harness, 1)[-1] == t("feedback.saved", "en")
    from storage.models import Feedback

    async with harness.services.sessions() as session:
        feedback = (await session.execute(select(Feedback))).scalar_one()
    assert (feedback.rating, feedback.comment, feedback.subject) == (2, "The beans were stale", "purchase:1")


@pytest.mark.parametrize(
    "kind, job, scopes_without",
    [
        ("birthday", "birthdays", ["samples", "feedback", "offers", "tracking"]),
        ("sample", "samples", ["birthday", "feedback", "offers", "tracking"]),
        ("feedback", "feedback", ["birthday", "samples", "offers", "tracking"]),
    ],
)
async def test_customer_without_the_scope_receives_nothing_of_that_kind(harness, kind, job, scopes_without):
    now = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    await make_customer(harness, 1, scopes_without, birthday_month=5, birthday_day=4)
    async with harness.services.sessions() as session, session.begin():
        session.add(CustomerInterest(customer_id=1, category_id=1))
        session.add(SampleOffer(product="Tea", category_id=1, stock=10, expires_at=now + timedelta(days=3)))
        from storage.models import Purchase

        session.add(Purchase(customer_id=1, product="Tea", at=now - timedelta(days=8)))
    added, stats = await deliver(harness, job, now)
    assert added == 0 and stats.sent == 0
    # Even a row forced into the outbox is dropped at send time.
    from bot.delivery.outbox import enqueue

    async with harness.services.sessions() as session, session.begin():
        await enqueue(
            session,
            customer_id=1,
            kind=kind,
            occasion="forced",
            payload={"product": "Tea", "offer_id": 1, "expires": "2027-05-07", "subject": "x"},
        )
    sender = make_sender(harness.services, harness.bot, clock=lambda: now, rate=None, per_chat=None)
    stats = await sender.drain()
    assert stats.sent == 0 and stats.dropped == 1
    assert harness.api.sent(1) == []


async def test_weekly_cap_drops_offers_postpones_feedback(harness):
    now = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    await make_customer(harness, 1, ["samples", "feedback"], weekly_cap=1)
    from bot.delivery.outbox import enqueue

    async with harness.services.sessions() as session, session.begin():
        await enqueue(
            session,
            customer_id=1,
            kind="sample",
            occasion="1",
            payload={"product": "Tea", "offer_id": 1, "expires": "2027-05-07"},
        )
        await enqueue(
            session,
            customer_id=1,
            kind="sample",
            occasion="2",
            payload={"product": "Coffee", "offer_id": 2, "expires": "2027-05-07"},
        )
        await enqueue(
            session, customer_id=1, kind="feedback", occasion="p1", payload={"product": "Tea", "subject": "purchase:1"}
        )
    sender = make_sender(harness.services, harness.bot, clock=lambda: now, rate=None, per_chat=None)
    stats = await sender.drain()
    assert stats.sent == 1 and len(harness.api.sent(1)) == 1
    rows = {r.idem_key: r for r in await outbox(harness)}
    assert rows["1:sample:2"].status == "dropped" and rows["1:sample:2"].reason == "weekly_cap"
    assert rows["1:feedback:p1"].status == "pending" and rows["1:feedback:p1"].reason == "weekly_cap"


async def test_stop_in_words_is_honoured_before_any_send(harness):
    # Withdrawal in words with NLU down: the keyword rules still catch it.
    await make_customer(harness, 1, ["birthday", "samples"])
    await harness.say(1, "stop")
    async with harness.services.sessions() as session:
        customer = await session.get(Customer, 1)
        assert customer.stage == "former"
        events = (await session.execute(select(ConsentEvent).where(ConsentEvent.action == "withdraw"))).scalars()
        assert {e.method for e in events} == {"words"}


async def test_blocked_while_the_customer_withdraws_the_same_scope_records_each_decision_once(harness, monkeypatch):
    """The sender records a block (no chat lock) just as the customer withdraws one scope: the
    sender's transaction read the scopes before that commit; it is redone from the new state,
    so the ledger never says "withdraw" twice in a row for a scope."""
    if harness.services.engine.dialect.name == "sqlite":
        pytest.skip(
            "SQLite serialises writers: the sender's transaction holds the write lock from its first "
            "statement, so no withdrawal can commit in between"
        )
    import bot.delivery.sender as sender_module
    from bot.consent.ledger import withdraw_all
    from storage.queries import granted_scopes

    at = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    await make_customer(harness, 1, ["birthday", "offers"], birthday_month=5, birthday_day=4)
    harness.api.block(1)
    calls = []

    async def meanwhile_the_customer_withdraws(session, *, customer, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            assert await granted_scopes(session, customer_id=1) == {"birthday", "offers"}
            async with harness.services.sessions() as other, other.begin():
                await record_consent(
                    other, customer=await other.get(Customer, 1), scope="offers", grant=False, method="button"
                )
        return await withdraw_all(session, customer=customer, **kwargs)

    monkeypatch.setattr(sender_module, "withdraw_all", meanwhile_the_customer_withdraws)
    added, stats = await deliver(harness, "birthdays", at)
    assert stats.blocked == 1 and stats.sent == 0
    async with harness.services.sessions() as session:
        customer = await session.get(Customer, 1)
        assert customer.reachable is False and customer.stage == "former"
        ledger = (
            await session.execute(
                select(ConsentEvent.scope, ConsentEvent.action, ConsentEvent.method).order_by(ConsentEvent.id)
            )
        ).all()
    assert sorted(ledger) == sorted(
        [
            ("birthday", "grant", "button"),
            ("offers", "grant", "button"),
            ("offers", "withdraw", "button"),
            ("birthday", "withdraw", "blocked"),
        ]
    )
    assert len(calls) == 2  # once more from the state the customer left
    row = (await outbox(harness))[0]
    assert row.status == "failed" and row.reason.startswith("blocked")
