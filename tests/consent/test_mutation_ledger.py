"""Ledger writes, exactly (kills mutants of record_consent, withdraw_all, set_stage and the stage
that follows consent in bot/consent/ledger.py): every field of the ledger row, and the stage
history with its reasons."""

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from bot.consent.ledger import record_consent, set_stage, withdraw_all
from storage.models import ConsentEvent, CustomerWording, Referral, ScopeState, StageChange
from storage.queries import get_or_create_customer, scopes_from_ledger

AT = datetime(2027, 5, 4, 12, 0, tzinfo=timezone.utc)


async def new(session, uid, language="uk"):
    customer, _ = await get_or_create_customer(session, user_id=uid, first_name="A", username=None, language=language)
    return customer


async def history(sessions, uid):
    async with sessions() as session:
        rows = await session.execute(select(StageChange).where(StageChange.customer_id == uid).order_by(StageChange.id))
        return [(r.from_stage, r.to_stage, r.reason) for r in rows.scalars()]


async def test_the_ledger_row_holds_every_field(sessions):
    async with sessions() as session, session.begin():
        customer = await new(session, 1)
        event = await record_consent(
            session,
            customer=customer,
            scope="offers",
            grant=True,
            method="button",
            message_id=77,
            text_id="scope.offers.desc@v2",
            wording="Offers: ...",
            at=AT,
        )
        other = await record_consent(
            session, customer=customer, scope="samples", grant=True, method="button", wording="Próbki", language="pl"
        )
    async with sessions() as session:
        row = await session.get(ConsentEvent, event.id)
        assert (
            row.customer_id,
            row.scope,
            row.action,
            row.method,
            row.message_id,
            row.text_id,
            row.wording,
            row.language,
            row.at,
        ) == (1, "offers", "grant", "button", 77, "scope.offers.desc@v2", "Offers: ...", "uk", AT)
        assert (await session.get(ConsentEvent, other.id)).language == "pl"  # the language of the wording shown


async def test_stage_history_and_its_reasons(sessions):
    async with sessions() as session, session.begin():
        customer = await new(session, 1)
        await record_consent(session, customer=customer, scope="offers", grant=True, method="button")
        await record_consent(session, customer=customer, scope="samples", grant=True, method="button")
        await record_consent(session, customer=customer, scope="offers", grant=False, method="button")
        assert customer.stage == "friend"  # one scope still granted
        await record_consent(session, customer=customer, scope="samples", grant=False, method="words")
        assert customer.stage == "former"
        await record_consent(session, customer=customer, scope="birthday", grant=True, method="button")
        assert await withdraw_all(session, customer=customer, method="blocked") == ["birthday"]
    assert await history(sessions, 1) == [
        (None, "stranger", "first_contact"),
        ("stranger", "friend", "granted"),
        ("friend", "former", "withdrew_all"),
        ("former", "friend", "granted"),
        ("friend", "former", "blocked"),
    ]


async def test_a_customer_or_loyal_stage_also_ends_in_former(sessions):
    async with sessions() as session, session.begin():
        customer = await new(session, 1)
        await record_consent(session, customer=customer, scope="offers", grant=True, method="button")
        assert await set_stage(session, customer=customer, to_stage="loyal", reason="purchases") is True
        assert await set_stage(session, customer=customer, to_stage="loyal", reason="again") is False
        await record_consent(session, customer=customer, scope="offers", grant=False, method="command")
        assert customer.stage == "former"
        # A grant to a customer already active moves nothing.
        other = await new(session, 2)
        await record_consent(session, customer=other, scope="offers", grant=True, method="button")
        await set_stage(session, customer=other, to_stage="customer", reason="purchase")
        await record_consent(session, customer=other, scope="samples", grant=True, method="button")
        assert other.stage == "customer"
    assert await history(sessions, 1) == [
        (None, "stranger", "first_contact"),
        ("stranger", "friend", "granted"),
        ("friend", "loyal", "purchases"),
        ("loyal", "former", "withdrew_all"),
    ]


async def test_the_first_grant_credits_the_referral(sessions):
    async with sessions() as session, session.begin():
        referrer = await new(session, 1)
        friend = await new(session, 2)
        loner = await new(session, 3)
        await session.flush()
        friend.referrer_id = referrer.id
        session.add(Referral(referrer_id=1, friend_id=2, payload="ref_x"))
        session.add(Referral(referrer_id=1, friend_id=3, payload="ref_y"))  # not set on the customer: not credited
        await session.flush()
        await record_consent(session, customer=friend, scope="offers", grant=True, method="button")
        await record_consent(session, customer=loner, scope="offers", grant=True, method="button")
    async with sessions() as session:
        credited = {r.friend_id: r.credited_at for r in (await session.execute(select(Referral))).scalars()}
    assert credited[2] is not None and credited[3] is None


async def test_withdraw_all_returns_what_it_withdrew_in_scope_order(sessions):
    async with sessions() as session, session.begin():
        customer = await new(session, 1)
        for scope in ("tracking", "birthday", "offers"):
            await record_consent(session, customer=customer, scope=scope, grant=True, method="button")
        assert await withdraw_all(session, customer=customer, method="command", message_id=9, text_id="stop@v1") == [
            "birthday",
            "offers",
            "tracking",
        ]
        assert await withdraw_all(session, customer=customer, method="command") == []
        assert await scopes_from_ledger(session, customer_id=1) == set()
    async with sessions() as session:
        rows = list((await session.execute(select(ConsentEvent).where(ConsentEvent.action == "withdraw"))).scalars())
    assert {(r.method, r.message_id, r.text_id) for r in rows} == {("command", 9, "stop@v1")}


async def test_times_of_the_state_and_of_the_customers_words(sessions):
    async with sessions() as session, session.begin():
        customer = await new(session, 1)
        with pytest.raises(ValueError, match="unknown scope 'sms'"):
            await record_consent(session, customer=customer, scope="sms", grant=True, method="button")
        await record_consent(session, customer=customer, scope="offers", grant=True, method="button", at=AT)
        later = AT.replace(hour=13)
        await record_consent(
            session, customer=customer, scope="offers", grant=False, method="words", wording="enough offers", at=later
        )
    async with sessions() as session:
        state = (await session.execute(select(ScopeState))).scalar_one()
        assert (state.granted, state.since) == (False, later)
        words = (await session.execute(select(CustomerWording))).scalar_one()
        assert (words.customer_id, words.text, words.at) == (1, "enough offers", later)


async def test_a_new_state_starts_at_the_grant(sessions):
    async with sessions() as session, session.begin():
        customer = await new(session, 1)
        await record_consent(session, customer=customer, scope="samples", grant=True, method="button", at=AT)
    async with sessions() as session:
        assert (await session.execute(select(ScopeState.since))).scalar_one() == AT


async def test_withdraw_all_of_named_scopes_withdraws_only_those_as_one_decision(sessions):
    # A withdrawal by words of the scopes it names (bot/routers/words.py): only those, the ones
    # granted, in scope order, with one erasable wording row for all of them.
    async with sessions() as session, session.begin():
        customer = await new(session, 1)
        for scope in ("birthday", "samples", "offers"):
            await record_consent(session, customer=customer, scope=scope, grant=True, method="button")
        withdrawn = await withdraw_all(
            session, customer=customer, method="words", wording="no offers or samples", scopes=("offers", "samples")
        )
        assert withdrawn == ["samples", "offers"]
        assert await withdraw_all(session, customer=customer, method="words", scopes=("feedback",)) == []
    async with sessions() as session:
        states = {s.scope: s.granted for s in (await session.execute(select(ScopeState))).scalars()}
        assert states == {"birthday": True, "samples": False, "offers": False}
        rows = list((await session.execute(select(ConsentEvent).where(ConsentEvent.action == "withdraw"))).scalars())
        assert [(r.scope, r.method) for r in rows] == [("samples", "words"), ("offers", "words")]
        [words] = (await session.execute(select(CustomerWording))).scalars().all()
        assert words.text == "no offers or samples"
        assert {r.customer_wording_id for r in rows} == {words.id}
        assert (await session.get(type(customer), 1)).stage == "friend"  # birthday is still on
