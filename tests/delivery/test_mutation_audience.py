"""Audience selection, exactly (kills mutants of bot/delivery/audience.py): who is greeted when
in their own zone, who is offered a sample, and what the policy is told about each customer."""

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from bot.consent.ledger import record_consent
from bot.consent.policy import Recipient
from bot.delivery.audience import (
    BirthdayTarget,
    _candidate_days,
    birthday_audience,
    birthday_targets,
    count_granted,
    greeting_date,
    recent_sends,
    recipients,
    sample_audience,
)
from storage.models import Category, CustomerInterest, Outbox
from storage.queries import get_or_create_customer
from storage.types import utcnow

UTC = timezone.utc


async def person(sessions, uid, scopes=("birthday",), **fields):
    async with sessions() as session, session.begin():
        c, _ = await get_or_create_customer(session, user_id=uid, first_name="A", username=None, language="en")
        for key, value in fields.items():
            setattr(c, key, value)
        for scope in scopes:
            await record_consent(session, customer=c, scope=scope, grant=True, method="button")
    return uid


async def targets(sessions, at, hour=9, default_tz="UTC"):
    async with sessions() as session:
        return await birthday_targets(session, at=at, hour=hour, default_tz=default_tz)


def test_greeting_date():
    assert greeting_date(2, 29, 2027) == date(2027, 2, 28)
    assert greeting_date(2, 29, 2028) == date(2028, 2, 29)
    assert greeting_date(2, 28, 2027) == date(2027, 2, 28)
    assert greeting_date(3, 1, 2027) == date(2027, 3, 1)
    assert greeting_date(1, 29, 2027) == date(2027, 1, 29)


def test_candidate_days_cover_every_zone_on_earth():
    # 12:00 UTC: UTC-12 is at 00:00 the same day, UTC+14 at 02:00 the next.
    assert _candidate_days(datetime(2027, 6, 15, 12, 0, tzinfo=UTC)) == {(6, 15), (6, 16)}
    assert _candidate_days(datetime(2027, 6, 15, 11, 59, tzinfo=UTC)) == {(6, 14), (6, 15), (6, 16)}
    assert _candidate_days(datetime(2027, 6, 15, 9, 59, tzinfo=UTC)) == {(6, 14), (6, 15)}
    assert _candidate_days(datetime(2027, 6, 15, 10, 0, tzinfo=UTC)) == {(6, 14), (6, 15), (6, 16)}
    # 28 February brings 29 February along (greeted on the 28th in other years).
    assert _candidate_days(datetime(2027, 2, 28, 11, 0, tzinfo=UTC)) == {(2, 27), (2, 28), (2, 29), (3, 1)}
    assert _candidate_days(datetime(2027, 3, 1, 13, 0, tzinfo=UTC)) == {(3, 1), (3, 2)}


async def test_birthday_at_the_local_hour(sessions):
    await person(sessions, 1, birthday_month=5, birthday_day=4, timezone="Europe/Kyiv")  # UTC+3 in May
    await person(sessions, 2, birthday_month=5, birthday_day=4)  # no zone: the default
    await person(sessions, 3, birthday_month=5, birthday_day=5, timezone="Pacific/Kiritimati")  # UTC+14
    await person(sessions, 4, birthday_month=5, birthday_day=3, timezone="Pacific/Pago_Pago")  # UTC-11

    async def who(at):
        return sorted(await targets(sessions, at, default_tz="Europe/Warsaw"), key=lambda t: t.customer_id)

    kyiv = BirthdayTarget(1, date(2027, 5, 4), datetime(2027, 5, 4, 6, 0, tzinfo=UTC))  # 09:00 Kyiv
    warsaw = BirthdayTarget(2, date(2027, 5, 4), datetime(2027, 5, 4, 7, 0, tzinfo=UTC))  # 09:00 Warsaw
    kiritimati = BirthdayTarget(3, date(2027, 5, 5), datetime(2027, 5, 4, 19, 0, tzinfo=UTC))  # 09:00 on the 5th
    pago = BirthdayTarget(4, date(2027, 5, 3), datetime(2027, 5, 3, 20, 0, tzinfo=UTC))  # 09:00 on the 3rd
    assert await who(datetime(2027, 5, 3, 19, 59, tzinfo=UTC)) == []
    assert await who(datetime(2027, 5, 4, 5, 59, 59, tzinfo=UTC)) == [pago]
    assert await who(datetime(2027, 5, 4, 6, 0, tzinfo=UTC)) == [kyiv, pago]
    assert await who(datetime(2027, 5, 4, 7, 0, tzinfo=UTC)) == [kyiv, warsaw, pago]
    assert await who(datetime(2027, 5, 4, 10, 59, tzinfo=UTC)) == [kyiv, warsaw, pago]  # 23:59 on the 3rd there
    assert await who(datetime(2027, 5, 4, 11, 0, tzinfo=UTC)) == [kyiv, warsaw]
    assert await who(datetime(2027, 5, 4, 19, 0, tzinfo=UTC)) == [kyiv, warsaw, kiritimati]
    # Midnight in Kyiv (21:00 UTC) ends their birthday; Warsaw's ends an hour later.
    assert await who(datetime(2027, 5, 4, 20, 59, tzinfo=UTC)) == [kyiv, warsaw, kiritimati]
    assert await who(datetime(2027, 5, 4, 21, 0, tzinfo=UTC)) == [warsaw, kiritimati]
    assert await who(datetime(2027, 5, 4, 22, 0, tzinfo=UTC)) == [kiritimati]
    # The default zone applies to the customer without one.
    assert [
        t.customer_id
        for t in await targets(sessions, datetime(2027, 5, 4, 6, 30, tzinfo=UTC), default_tz="Europe/Kyiv")
    ] == [1, 2, 4]


async def test_the_local_hour_follows_summer_time(sessions):
    # Warsaw: 09:00 is 08:00 UTC in winter, 07:00 UTC in summer (not a fixed offset).
    await person(sessions, 1, birthday_month=1, birthday_day=15, timezone="Europe/Warsaw")
    await person(sessions, 2, birthday_month=7, birthday_day=15, timezone="Europe/Warsaw")
    winter = await targets(sessions, datetime(2027, 1, 15, 8, 0, tzinfo=UTC))
    assert winter == [BirthdayTarget(1, date(2027, 1, 15), datetime(2027, 1, 15, 8, 0, tzinfo=UTC))]
    assert await targets(sessions, datetime(2027, 1, 15, 7, 59, tzinfo=UTC)) == []
    summer = await targets(sessions, datetime(2027, 7, 15, 7, 0, tzinfo=UTC))
    assert summer == [BirthdayTarget(2, date(2027, 7, 15), datetime(2027, 7, 15, 7, 0, tzinfo=UTC))]
    assert summer[0].send_at.tzinfo is UTC  # stored as the outbox's not_before: UTC whatever the machine's zone


async def test_only_reachable_customers_with_the_scope(sessions):
    await person(sessions, 1, birthday_month=5, birthday_day=4)
    await person(sessions, 2, scopes=("offers",), birthday_month=5, birthday_day=4)
    await person(sessions, 3, birthday_month=5, birthday_day=4, reachable=False)
    await person(sessions, 4, birthday_month=5, birthday_day=4, forgotten_at=utcnow())
    await person(sessions, 5, birthday_month=5, birthday_day=5)
    await person(sessions, 6, birthday_month=4, birthday_day=5)  # day and month the other way round
    async with sessions() as session, session.begin():
        c, _ = await get_or_create_customer(session, user_id=7, first_name="A", username=None, language="en")
        c.birthday_month, c.birthday_day = 5, 4
        await record_consent(session, customer=c, scope="birthday", grant=True, method="button")
        await record_consent(session, customer=c, scope="birthday", grant=False, method="button")
    got = await targets(sessions, datetime(2027, 5, 4, 12, 0, tzinfo=UTC))
    assert [t.customer_id for t in got] == [1]


async def test_leap_day_birthdays(sessions):
    await person(sessions, 1, birthday_month=2, birthday_day=29)
    await person(sessions, 2, birthday_month=2, birthday_day=28)
    assert sorted(t.customer_id for t in await targets(sessions, datetime(2027, 2, 28, 12, tzinfo=UTC))) == [1, 2]
    assert [t.customer_id for t in await targets(sessions, datetime(2028, 2, 28, 12, tzinfo=UTC))] == [2]
    leap = await targets(sessions, datetime(2028, 2, 29, 12, tzinfo=UTC))
    assert leap == [BirthdayTarget(1, date(2028, 2, 29), datetime(2028, 2, 29, 9, tzinfo=UTC))]


async def test_recent_sends_and_recipients(sessions):
    now = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)
    await person(
        sessions, 1, scopes=("offers", "samples"), timezone="Asia/Tokyo", quiet_start=60, quiet_end=120, weekly_cap=2
    )
    await person(sessions, 2, scopes=(), reachable=False)
    await person(sessions, 3, scopes=("offers",), forgotten_at=now)
    async with sessions() as session, session.begin():
        c, _ = await get_or_create_customer(session, user_id=2, first_name="A", username=None, language="en")
        await record_consent(session, customer=c, scope="feedback", grant=True, method="button")
        await record_consent(session, customer=c, scope="feedback", grant=False, method="button")
        for i, sent_at in enumerate(
            [now - timedelta(hours=1), now - timedelta(days=8), now - timedelta(days=7), now - timedelta(days=1), None]
        ):
            session.add(
                Outbox(
                    customer_id=1,
                    kind="campaign",
                    idem_key=f"k{i}",
                    payload={},
                    status="sent",
                    not_before=now,
                    sent_at=sent_at,
                )
            )
        session.add(
            Outbox(
                customer_id=3,
                kind="campaign",
                idem_key="k9",
                payload={},
                status="sent",
                not_before=now,
                sent_at=now - timedelta(days=2),
            )
        )
    async with sessions() as session:
        sends = await recent_sends(session, customer_ids=[1, 2, 3], since=now - timedelta(days=7))
        assert sends == {1: (now - timedelta(days=1), now - timedelta(hours=1)), 3: (now - timedelta(days=2),)}
        assert await recent_sends(session, customer_ids=[3], since=now - timedelta(days=7)) == {
            3: (now - timedelta(days=2),)
        }
        people = await recipients(session, customer_ids=[1, 2, 3], now=now)
    assert people == {
        1: Recipient(
            scopes=frozenset({"offers", "samples"}),
            reachable=True,
            timezone="Asia/Tokyo",
            quiet_start=60,
            quiet_end=120,
            weekly_cap=2,
            recent_sends=sends[1],
            forgotten=False,
            # the frequency limits count 30 days, per scope (the 8-day-old message too)
            scope_sends=(("offers", now - timedelta(days=8)), ("offers", now - timedelta(days=7)))
            + tuple(("offers", at) for at in sends[1]),
        ),
        2: Recipient(scopes=frozenset(), reachable=False),
        3: Recipient(
            scopes=frozenset({"offers"}), recent_sends=sends[3], forgotten=True, scope_sends=(("offers", sends[3][0]),)
        ),
    }


async def test_birthday_audience_carries_the_policys_verdict(sessions):
    at = datetime(2027, 5, 4, 20, 0, tzinfo=UTC)  # 23:00 in Kyiv
    await person(
        sessions, 1, birthday_month=5, birthday_day=4, timezone="Europe/Kyiv", quiet_start=22 * 60, quiet_end=8 * 60
    )
    await person(sessions, 2, birthday_month=5, birthday_day=4, timezone="Europe/Kyiv")
    await person(sessions, 3, birthday_month=5, birthday_day=4, timezone="Europe/Kyiv")
    async with sessions() as session, session.begin():
        session.add(
            Outbox(
                customer_id=3,
                kind="campaign",
                idem_key="x",
                payload={},
                status="sent",
                not_before=at,
                sent_at=at - timedelta(days=1),
            )
        )
    async with sessions() as session:
        got = await birthday_audience(session, at=at, hour=9, default_tz="UTC", default_cap=1)
    assert sorted((t.customer_id, action) for t, action in got) == [(1, "postpone"), (2, "send"), (3, "drop")]
    async with sessions() as session:
        got = await birthday_audience(session, at=at, hour=9, default_tz="Asia/Tokyo", default_cap=2)
    assert sorted((t.customer_id, action) for t, action in got) == [(1, "postpone"), (2, "send"), (3, "send")]


async def test_sample_audience_and_counts(sessions):
    async with sessions() as session, session.begin():
        tea, coffee = (await session.execute(select(Category.id).order_by(Category.id).limit(2))).scalars()
    await person(sessions, 3, scopes=("samples",))
    await person(sessions, 1, scopes=("samples", "offers"))
    await person(sessions, 2, scopes=("offers",))
    await person(sessions, 4, scopes=("samples",), reachable=False)
    await person(sessions, 5, scopes=("samples",), forgotten_at=utcnow())
    await person(sessions, 6, scopes=("samples",))
    await person(sessions, 7, scopes=("samples",))
    async with sessions() as session, session.begin():
        c, _ = await get_or_create_customer(session, user_id=7, first_name="A", username=None, language="en")
        await record_consent(session, customer=c, scope="samples", grant=False, method="button")
    async with sessions() as session, session.begin():
        for uid in (1, 2, 3, 4, 5, 7):
            session.add(CustomerInterest(customer_id=uid, category_id=tea))
        session.add(CustomerInterest(customer_id=6, category_id=coffee))
    async with sessions() as session:
        assert await sample_audience(session, category_id=tea) == [1, 3]
        assert await sample_audience(session, category_id=coffee) == [6]
        assert await count_granted(session, scope="samples") == 5
        assert await count_granted(session, scope="offers") == 2
        assert await count_granted(session, scope="tracking") == 0


async def test_birthday_audience_uses_the_default_zone(sessions):
    # No zone of their own; the shop is in Tokyo: 00:30 UTC is 09:30 there, their birthday, not quiet.
    await person(sessions, 1, birthday_month=5, birthday_day=4, quiet_start=22 * 60, quiet_end=8 * 60)
    at = datetime(2027, 5, 4, 0, 30, tzinfo=UTC)
    async with sessions() as session:
        got = await birthday_audience(session, at=at, hour=9, default_tz="Asia/Tokyo", default_cap=3)
    assert [(t.customer_id, t.local_date, action) for t, action in got] == [(1, date(2027, 5, 4), "send")]
