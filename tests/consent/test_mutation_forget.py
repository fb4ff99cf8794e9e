"""/forget's erasure function, exactly (kills mutants of bot.consent.erasure.forget_customer that the
conversation-level tests let live): what is emptied is None (not ""), only this customer's rows
are touched, the proof keeps the confirmation's message and text, queued messages are dropped."""

import re
from datetime import datetime, timezone

from sqlalchemy import select

from bot.consent.erasure import forget_customer
from bot.consent.ledger import record_consent
from storage.models import ConsentEvent, Customer, CustomerWording, Outbox, ResponseEvent, StageChange
from storage.queries import get_or_create_customer

AT = datetime(2027, 5, 4, 12, 0, tzinfo=timezone.utc)


async def setup(sessions):
    async with sessions() as session, session.begin():
        ann, _ = await get_or_create_customer(session, user_id=1, first_name="Ann", username="ann", language="uk")
        ann.name, ann.birthday_day, ann.birthday_month, ann.birthday_year = "Annie", 4, 5, 1990
        ann.timezone, ann.quiet_start, ann.quiet_end, ann.weekly_cap = "Europe/Kyiv", 1320, 480, 2
        ann.ref_code, ann.purchases_count = "annref", 3
        bob, _ = await get_or_create_customer(session, user_id=2, first_name="Bob", username="bob", language="en")
        await session.flush()
        ann.referrer_id = 2
        await record_consent(session, customer=ann, scope="offers", grant=True, method="button")
        await record_consent(session, customer=ann, scope="samples", grant=True, method="button")
        await record_consent(session, customer=ann, scope="samples", grant=False, method="words", wording="no samples")
        await record_consent(session, customer=bob, scope="offers", grant=True, method="button")
        await record_consent(session, customer=bob, scope="offers", grant=False, method="words", wording="stop it")
        for i, status in enumerate(("pending", "postponed", "claimed", "sent", "failed")):
            session.add(
                Outbox(
                    customer_id=1,
                    kind="campaign",
                    idem_key=f"a{i}",
                    payload={"text": "Hi Ann"},
                    status=status,
                    not_before=AT,
                    reason="x" if status == "failed" else None,
                )
            )
        session.add(Outbox(customer_id=2, kind="campaign", idem_key="b", payload={"text": "Hi Bob"}, not_before=AT))
        hour = datetime(2027, 5, 4, 12, 34, 56, 789, tzinfo=timezone.utc)
        session.add(
            ResponseEvent(pseudonym="p-ann", customer_id=1, message_kind="campaign", action="thanks", hour=hour)
        )
        session.add(
            ResponseEvent(pseudonym="p-bob", customer_id=2, message_kind="campaign", action="thanks", hour=hour)
        )


async def test_forget_empties_everything_personal_of_this_customer_only(sessions):
    await setup(sessions)
    async with sessions() as session, session.begin():
        ann = await session.get(Customer, 1)
        withdrawn = await forget_customer(session, customer=ann, message_id=55, wording="Erase all your data?")
    assert withdrawn == ["offers"]
    async with sessions() as session:
        ann = await session.get(Customer, 1)
        assert (
            ann.name,
            ann.first_name,
            ann.username,
            ann.birthday_day,
            ann.birthday_month,
            ann.birthday_year,
            ann.timezone,
            ann.quiet_start,
            ann.quiet_end,
            ann.weekly_cap,
            ann.ref_code,
            ann.referrer_id,
            ann.purchases_count,
        ) == (None,) * 12 + (0,)
        assert ann.forgotten_at is not None and ann.stage == "former"
        proof = (
            await session.execute(
                select(ConsentEvent).where(
                    ConsentEvent.customer_id == 1, ConsentEvent.scope == "offers", ConsentEvent.action == "withdraw"
                )
            )
        ).scalar_one()
        assert (proof.method, proof.message_id, proof.text_id, proof.wording) == (
            "button",
            55,
            "forget.confirm@v1",
            "Erase all your data?",
        )
        outbox = {r.idem_key: r for r in (await session.execute(select(Outbox))).scalars()}
        assert {k: (r.status, r.reason) for k, r in outbox.items() if k.startswith("a")} == {
            "a0": ("dropped", "forgotten"),
            "a1": ("dropped", "forgotten"),
            "a2": ("dropped", "forgotten"),
            "a3": ("sent", None),
            "a4": ("failed", None),
        }
        assert all(outbox[k].payload == {} for k in ("a0", "a1", "a2", "a3", "a4"))
        assert (outbox["b"].status, outbox["b"].payload) == ("pending", {"text": "Hi Bob"})  # Bob's untouched
        events = {e.action + str(e.customer_id): e for e in (await session.execute(select(ResponseEvent))).scalars()}
        bob_event = events["thanks2"]
        assert bob_event.pseudonym == "p-bob" and bob_event.hour.minute == 34
        (ann_event,) = [e for e in events.values() if e.customer_id is None]
        assert re.fullmatch(r"erased:[0-9a-f]{32}", ann_event.pseudonym)
        assert ann_event.hour == datetime(2027, 5, 4, 12, 0, tzinfo=timezone.utc)
        words = list((await session.execute(select(CustomerWording))).scalars())
        assert sorted((w.customer_id, w.text) for w in words) == [(1, None), (2, "stop it")]  # Bob's words stay


async def test_forget_of_someone_who_never_granted_moves_them_to_former(sessions):
    async with sessions() as session, session.begin():
        stranger, _ = await get_or_create_customer(session, user_id=3, first_name="S", username=None, language="en")
        assert await forget_customer(session, customer=stranger, message_id=None, wording=None) == []
        assert stranger.stage == "former"
    async with sessions() as session:
        rows = await session.execute(select(StageChange).where(StageChange.customer_id == 3).order_by(StageChange.id))
        assert [(r.from_stage, r.to_stage, r.reason) for r in rows.scalars()] == [
            (None, "stranger", "first_contact"),
            ("stranger", "former", "forgotten"),
        ]


async def test_a_second_forget_keeps_the_time_of_the_first_erasure(sessions):
    await setup(sessions)
    async with sessions() as session, session.begin():
        await forget_customer(session, customer=await session.get(Customer, 1), message_id=1, wording="Erase?")
    async with sessions() as session:
        (first,) = [w for w in (await session.execute(select(CustomerWording))).scalars() if w.customer_id == 1]
        assert first.text is None and first.erased_at is not None
    async with sessions() as session, session.begin():
        await forget_customer(session, customer=await session.get(Customer, 1), message_id=2, wording="Erase?")
    async with sessions() as session:
        (again,) = [w for w in (await session.execute(select(CustomerWording))).scalars() if w.customer_id == 1]
        assert again.erased_at == first.erased_at
