"""The consent ledger: append-only, and the derived state never disagrees with it."""

import random

import pytest
from sqlalchemy import delete, text, update

from bot.consent.ledger import ConsentConflict, record_consent, withdraw_all
from bot.consent.scopes import SCOPES
from storage.models import AppendOnlyError, ConsentEvent, Customer, ScopeState
from storage.queries import get_or_create_customer, granted_scopes, scopes_from_ledger, stage_history


async def new_customer(session, user_id=1):
    customer, _ = await get_or_create_customer(
        session, user_id=user_id, first_name="Ann", username="ann", language="uk"
    )
    return customer


async def test_grant_writes_evidence_and_moves_stage(sessions):
    async with sessions() as session, session.begin():
        customer = await new_customer(session)
        event = await record_consent(
            session,
            customer=customer,
            scope="samples",
            grant=True,
            method="button",
            message_id=42,
            text_id="scope.samples.desc@v1",
            wording="Free samples: ...",
        )
    assert event is not None
    async with sessions() as session:
        row = await session.get(ConsentEvent, event.id)
        assert (row.scope, row.action, row.method, row.message_id, row.language) == (
            "samples",
            "grant",
            "button",
            42,
            "uk",
        )
        assert row.at.tzinfo is not None and row.wording == "Free samples: ..."
        stages = [(s.from_stage, s.to_stage) for s in await stage_history(session, customer_id=1)]
        assert stages == [(None, "stranger"), ("stranger", "friend")]


async def test_same_button_twice_writes_one_row(sessions):
    async with sessions() as session, session.begin():
        customer = await new_customer(session)
        first = await record_consent(session, customer=customer, scope="offers", grant=True, method="button")
        second = await record_consent(session, customer=customer, scope="offers", grant=True, method="button")
        never_granted = await record_consent(session, customer=customer, scope="birthday", grant=False, method="button")
    assert first is not None and second is None and never_granted is None


async def test_withdraw_all_makes_former(sessions):
    async with sessions() as session, session.begin():
        customer = await new_customer(session)
        for scope in ("birthday", "feedback"):
            await record_consent(session, customer=customer, scope=scope, grant=True, method="button")
        withdrawn = await withdraw_all(session, customer=customer, method="command")
        assert sorted(withdrawn) == ["birthday", "feedback"]
        assert customer.stage == "former"
        assert await granted_scopes(session, customer_id=1) == set()
        # A former customer who grants again becomes a friend.
        await record_consent(session, customer=customer, scope="offers", grant=True, method="button")
        assert customer.stage == "friend"


async def test_ledger_rows_cannot_be_changed_or_deleted(sessions):
    async with sessions() as session, session.begin():
        customer = await new_customer(session)
        event = await record_consent(session, customer=customer, scope="samples", grant=True, method="button")
    async with sessions() as session:
        row = await session.get(ConsentEvent, event.id)
        row.method = "staff"
        with pytest.raises(AppendOnlyError):
            await session.flush()
        await session.rollback()
    for statement in (update(ConsentEvent).values(method="staff"), delete(ConsentEvent)):
        async with sessions() as session:
            with pytest.raises(Exception, match="append-only"):
                await session.execute(statement)
            await session.rollback()
    async with sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM consent_event"))).scalar_one() == 1


async def test_derived_state_never_disagrees_with_the_ledger(sessions):
    rng = random.Random(7)
    customers = list(range(1, 21))
    async with sessions() as session, session.begin():
        for cid in customers:
            await new_customer(session, cid)
    for step in range(300):
        cid, scope, grant = rng.choice(customers), rng.choice(SCOPES), rng.random() < 0.6
        async with sessions() as session, session.begin():
            customer = await session.get(type(await new_customer(session, cid)), cid)
            if rng.random() < 0.05:
                await withdraw_all(session, customer=customer, method="words")
            else:
                await record_consent(session, customer=customer, scope=scope, grant=grant, method="button")
        if step % 50 == 49:
            async with sessions() as session:
                for c in customers:
                    assert await granted_scopes(session, customer_id=c) == await scopes_from_ledger(
                        session, customer_id=c
                    )
    async with sessions() as session:
        states = (await session.execute(text("SELECT count(*) FROM scope_state"))).scalar_one()
        assert states > 0
        # Each derived row points at the ledger row that set it.
        rows = (await session.execute(ScopeState.__table__.select())).all()
        for row in rows:
            event = await session.get(ConsentEvent, row.event_id)
            assert (event.customer_id, event.scope, event.action == "grant") == (
                row.customer_id,
                row.scope,
                row.granted,
            )


async def test_scope_states_read_in_one_transaction_are_not_trusted_in_the_next(sessions):
    """The session remembers a customer's scope states within a transaction only: another
    session's change between two transactions of the same session is seen."""
    async with sessions() as session:
        async with session.begin():
            customer = await new_customer(session, user_id=71)
            await record_consent(session, customer=customer, scope="offers", grant=True, method="button")
            assert await granted_scopes(session, customer_id=71) == {"offers"}
        async with sessions() as other, other.begin():
            elsewhere = await other.get(Customer, 71)
            await record_consent(other, customer=elsewhere, scope="offers", grant=False, method="command")
            await record_consent(other, customer=elsewhere, scope="samples", grant=True, method="button")
        async with session.begin():
            assert await granted_scopes(session, customer_id=71) == {"samples"}
            # and a grant here builds on the state the other session left, not on the old one
            assert (
                await record_consent(session, customer=customer, scope="samples", grant=True, method="button") is None
            )
    async with sessions() as session:
        assert await scopes_from_ledger(session, customer_id=71) == {"samples"}


async def test_a_savepoint_rolled_back_takes_its_scope_change_along(sessions):
    async with sessions() as session, session.begin():
        customer = await new_customer(session, user_id=72)
        try:
            async with session.begin_nested():
                await record_consent(session, customer=customer, scope="feedback", grant=True, method="button")
                assert await granted_scopes(session, customer_id=72) == {"feedback"}
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        assert await granted_scopes(session, customer_id=72) == set()
        await session.refresh(customer)  # the rollback expired its stage change
        assert customer.stage == "stranger"
        assert await record_consent(session, customer=customer, scope="feedback", grant=True, method="button")
    async with sessions() as session:
        assert await granted_scopes(session, customer_id=72) == {"feedback"}
        assert await scopes_from_ledger(session, customer_id=72) == {"feedback"}


@pytest.mark.parametrize("first_grant", [True, False], ids=["new-state", "existing-state"])
async def test_the_same_decision_written_at_once_without_a_chat_lock_is_recorded_once(pg_migrated, first_grant):
    """Two transactions that hold no chat lock (the sender recording a block, a staff action)
    decide the same thing at the same moment: the second, having read the state before the
    first committed, rolls back instead of writing a second ledger row (PostgreSQL, where the
    ledger row and its state are one statement)."""
    import asyncio

    from storage.db import create_engine, session_factory
    from tests.conftest import _truncate_pg

    await _truncate_pg(pg_migrated)
    engine = create_engine(pg_migrated)
    sessions = session_factory(engine)
    try:
        async with sessions() as session, session.begin():
            customer = await new_customer(session, user_id=73)
            if not first_grant:
                await record_consent(session, customer=customer, scope="offers", grant=True, method="button")
        async with sessions() as first, sessions() as second:
            await first.begin()
            await second.begin()
            mine = await first.get(Customer, 73)
            theirs = await second.get(Customer, 73)
            decision = first_grant  # a grant of a new state, or a withdrawal of a granted one
            assert await granted_scopes(second, customer_id=73) == (set() if first_grant else {"offers"})
            assert await record_consent(first, customer=mine, scope="offers", grant=decision, method="button")
            racing = asyncio.create_task(
                record_consent(second, customer=theirs, scope="offers", grant=decision, method="blocked")
            )
            await asyncio.sleep(0.3)
            assert not racing.done()  # waits for the first transaction's row
            await first.commit()
            with pytest.raises(ConsentConflict):
                await racing
            await second.rollback()
        async with sessions() as session:
            rows = (
                (await session.execute(text("SELECT action FROM consent_event WHERE customer_id = 73 ORDER BY id")))
                .scalars()
                .all()
            )
            assert rows == (["grant"] if first_grant else ["grant", "withdraw"])
            assert await scopes_from_ledger(session, customer_id=73) == await granted_scopes(session, customer_id=73)
    finally:
        await engine.dispose()


async def test_truncate_of_the_ledger_is_refused_on_postgresql(pg_migrated):
    """Row triggers do not fire on TRUNCATE: a statement trigger refuses it (migration 0002).
    Only a superuser's session in the replica role (the tests' reset) gets past it."""
    from storage.db import create_engine
    from tests.conftest import _truncate_pg

    await _truncate_pg(pg_migrated)
    engine = create_engine(pg_migrated)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO customer (id, language, stage, reachable, purchases_count, "
                    "created_at, last_seen_at) VALUES (1, 'en', 'friend', true, 0, now(), now())"
                )
            )
            await conn.execute(
                text(
                    "INSERT INTO consent_event (customer_id, scope, action, at, method, language) "
                    "VALUES (1, 'offers', 'grant', now(), 'button', 'en')"
                )
            )
        for statement in ("TRUNCATE consent_event CASCADE", "TRUNCATE customer CASCADE"):
            with pytest.raises(Exception, match="append-only"):
                async with engine.begin() as conn:
                    await conn.execute(text(statement))
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM consent_event"))).scalar_one() == 1
    finally:
        await engine.dispose()
    await _truncate_pg(pg_migrated)  # the tests' reset still works
    engine = create_engine(pg_migrated)
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM consent_event"))).scalar_one() == 0
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    "method, kept_in_ledger",
    [("words", False), ("command", False), ("staff", False), ("button", True), ("blocked", True)],
)
async def test_only_the_bots_own_wording_stays_in_the_ledger_row(sessions, method, kept_in_ledger):
    """Free text (words, a typed command, staff) goes to an erasable row the ledger row refers
    to; a button's wording (the bot's) and a block's (Telegram's) stay in the ledger."""
    from storage.models import CustomerWording

    async with sessions() as session, session.begin():
        customer = await new_customer(session)
        for scope in ("offers", "samples"):
            await record_consent(session, customer=customer, scope=scope, grant=True, method="button")
        await withdraw_all(session, customer=customer, method=method, text_id="x", wording="my words, Ann K.")
    async with sessions() as session:
        rows = (
            await session.execute(
                text("SELECT wording, customer_wording_id FROM consent_event WHERE action = 'withdraw'")
            )
        ).all()
        words = (await session.execute(CustomerWording.__table__.select())).all()
    assert len(rows) == 2
    if kept_in_ledger:
        assert rows == [("my words, Ann K.", None)] * 2 and words == []
    else:
        # one erasable row for the one message, shared by both ledger rows
        assert len(words) == 1 and words[0].text == "my words, Ann K."
        assert rows == [(None, words[0].id)] * 2
