"""/forget erases everything personal, keeps the ledger append-only.

A customer with every kind of data the bot stores (free-text withdrawal, purchase, rating and
comment, sample request, referrals both ways, responses with and without tracking, audit
entries naming them, a queued message, a dialogue in the database) presses "Yes" under /forget;
then every table is read and nothing personal is left, while the ledger rows are all still there.
"""

import csv
import io
import os
from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlmodel import SQLModel

from bot.consent.ledger import record_consent
from bot.measure import pseudonym, pseudonym_key
from bot.texts import t
from storage.models import (
    AuditLog,
    ConsentEvent,
    Customer,
    CustomerInterest,
    CustomerWording,
    Feedback,
    FsmRecord,
    Outbox,
    Purchase,
    Referral,
    ResponseEvent,
    SampleOffer,
    SampleRequest,
)
from storage.queries import ensure_ref_code
from storage.types import utcnow
from tests.delivery.test_delivery import deliver, make_customer

ANN, OWNER, FRIEND, REFERRER = 4242, 900, 7707, 7808
WORDS = "stop sending me samples, Ann Kowalska here"
# Strings that are Ann's alone: none may be left anywhere in the database after /forget.
PERSONAL = ("ann_k", "Kowalska", "stale", "Espresso", "Ann")


@pytest.fixture
async def owner_harness(harness):
    harness.services.settings = harness.settings = harness.settings.model_copy(update={"admin_ids": [OWNER]})
    await harness.restart()
    harness.user(OWNER, name="Olga")
    return harness


async def ref_code(h, user_id: int) -> str:
    async with h.services.sessions() as session, session.begin():
        return await ensure_ref_code(session, customer=await session.get(Customer, user_id))


async def rich_customer(h) -> None:
    """Ann, as a real customer would leave traces, mostly through the bot itself."""
    await make_customer(h, REFERRER, ["offers"], name="Rita")
    h.user(ANN, name="Ann", username="ann_k")
    await h.say(ANN, f"/start ref_{await ref_code(h, REFERRER)}")
    await h.press(ANN, t("scope.samples.button", "en"))
    await h.press(ANN, t("scope.feedback.button", "en"))
    async with h.services.sessions() as session, session.begin():
        session.add(CustomerInterest(customer_id=ANN, category_id=1))
        session.add(
            SampleOffer(product="Yirgacheffe 100 g", category_id=1, stock=5, expires_at=utcnow() + timedelta(days=7))
        )
    await deliver(h, "samples", utcnow())
    await h.press(ANN, t("sample.accept_button", "en"))  # a response without tracking: pseudonymous
    async with h.services.sessions() as session, session.begin():
        await record_consent(
            session,
            customer=await session.get(Customer, ANN),
            scope="tracking",
            grant=True,
            method="button",
            text_id="scope.tracking.desc@v1",
            wording="Personal tracking",
        )
    await h.say(OWNER, "/purchase @ann_k Espresso 12.50")
    await deliver(h, "feedback", utcnow() + timedelta(days=7, minutes=1))
    await h.press(ANN, "2 ⭐")  # a response with tracking: carries her id
    await h.say(ANN, "The beans were stale")
    h.user(FRIEND, name="Fred")
    await h.say(FRIEND, f"/start ref_{await ref_code(h, ANN)}")
    await h.say(OWNER, "/customer @ann_k")
    await h.say(OWNER, f"/customer {ANN}")
    async with h.services.sessions() as session, session.begin():
        offer = (await session.execute(select(SampleOffer))).scalars().first()
        session.add(
            Outbox(
                customer_id=ANN,
                kind="sample",
                idem_key=f"{ANN}:sample:queued",
                payload={"offer_id": offer.id, "product": "Espresso sampler", "expires": "1 May"},
                not_before=utcnow() + timedelta(days=2),
            )
        )
    await h.say(ANN, WORDS)  # withdraws samples by words: her own text is consent evidence


async def everything(h) -> dict[str, list[dict]]:
    """Every row of every table, as text."""
    rows = {}
    async with h.services.sessions() as session:
        for table in SQLModel.metadata.sorted_tables:
            result = await session.execute(text(f"SELECT * FROM {table.name}"))
            rows[table.name] = [dict(r._mapping) for r in result]
    return rows


async def test_forget_leaves_nothing_personal_and_the_ledger_intact(owner_harness):
    h = owner_harness
    await rich_customer(h)
    async with h.services.sessions() as session:
        key = await pseudonym_key(session, h.settings)
        ledger_before = [
            (e.id, e.scope, e.action, e.at, e.method, e.text_id, e.wording, e.customer_wording_id)
            for e in (
                await session.execute(
                    select(ConsentEvent).where(ConsentEvent.customer_id == ANN).order_by(ConsentEvent.id)
                )
            ).scalars()
        ]
        # The free text lives outside the ledger row, which refers to it.
        words_row = (await session.execute(select(ConsentEvent).where(ConsentEvent.method == "words"))).scalar_one()
        assert words_row.wording is None
        assert (await session.get(CustomerWording, words_row.customer_wording_id)).text == WORDS
        assert (await session.execute(select(ResponseEvent))).scalars().all()
    dump = str(await everything(h))
    assert all(marker in dump for marker in PERSONAL)  # the scenario really stored each of them
    assert pseudonym(ANN, key) in dump

    await h.say(ANN, "/forget")
    replies = await h.press(ANN, "Yes")
    assert replies[-1]["text"] == t("forget.done", "en")

    tables = await everything(h)
    dump = str(tables)
    for marker in PERSONAL + (pseudonym(ANN, key),):
        assert marker not in dump, (marker, [name for name, rows in tables.items() if marker in str(rows)])
    async with h.services.sessions() as session:
        ledger_after = [
            (e.id, e.scope, e.action, e.at, e.method, e.text_id, e.wording, e.customer_wording_id)
            for e in (
                await session.execute(
                    select(ConsentEvent).where(ConsentEvent.customer_id == ANN).order_by(ConsentEvent.id)
                )
            ).scalars()
        ]
        for model, column in (
            (Purchase, Purchase.customer_id),
            (Feedback, Feedback.customer_id),
            (SampleRequest, SampleRequest.customer_id),
            (CustomerInterest, CustomerInterest.customer_id),
            (Referral, Referral.friend_id),
            (Referral, Referral.referrer_id),
            (ResponseEvent, ResponseEvent.customer_id),
        ):
            assert (await session.execute(select(model).where(column == ANN))).first() is None, model
        assert (await session.get(Customer, FRIEND)).referrer_id is None
        responses = (await session.execute(select(ResponseEvent))).scalars().all()
        audit = {
            r.command: r.arguments
            for r in (
                await session.execute(select(AuditLog).where(AuditLog.command.in_(("purchase", "customer"))))
            ).scalars()
        }
        outbox = (await session.execute(select(Outbox).where(Outbox.customer_id == ANN))).scalars().all()
        dialogues = (await session.execute(select(FsmRecord.key).where(FsmRecord.key.contains(f":{ANN}:")))).all()
        words = await session.get(CustomerWording, words_row.customer_wording_id)
    # The ledger: the same rows, untouched, plus the withdrawals of /forget itself.
    assert ledger_after[: len(ledger_before)] == ledger_before
    assert {(e[1], e[2], e[4]) for e in ledger_after[len(ledger_before) :]} == {
        ("feedback", "withdraw", "button"),
        ("tracking", "withdraw", "button"),
    }
    assert words.text is None and words.erased_at is not None
    # Responses stay for the campaign statistics, cut loose from her.
    assert len(responses) == 2 and all(r.customer_id is None and r.hour.minute == 0 for r in responses)
    assert audit == {"purchase": "[erased]", "customer": "[erased]"}
    assert outbox and all(r.payload == {} and r.sent_text is None for r in outbox)
    assert {r.status for r in outbox if r.sent_at is None} == {"dropped"}
    assert dialogues == []

    # The owner's ledger export: her rows are there, her words are not.
    replies = await h.say(OWNER, "/export")
    exported = list(csv.DictReader(io.StringIO(replies[-1]["file_bytes"].decode())))
    mine = [r for r in exported if r["customer_id"] == str(ANN)]
    assert len(mine) == len(ledger_after)
    assert "Kowalska" not in replies[-1]["file_bytes"].decode()
    assert [r["customer_words"] for r in mine if r["method"] == "words"][0].startswith("[erased ")


async def test_ledger_export_shows_the_customers_words_until_erased(owner_harness):
    h = owner_harness
    await make_customer(h, ANN, ["samples"])
    await h.say(ANN, WORDS)
    replies = await h.say(OWNER, "/export")
    rows = list(csv.DictReader(io.StringIO(replies[-1]["file_bytes"].decode())))
    assert [(r["method"], r["wording"], r["customer_words"]) for r in rows if r["action"] == "withdraw"] == [
        ("words", "", WORDS)
    ]


async def test_forget_deletes_a_dialogue_kept_in_the_database_beside_redis(api, settings_factory):
    """With Redis, a dialogue written to the database while Redis was down stays there; /forget
    deletes it, and the Redis keys of the dialogue are gone too."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("Redis: TEST_REDIS_URL is not set")
    from redis.asyncio import Redis

    from tests.harness import Harness

    redis = Redis.from_url(url)
    try:
        await redis.ping()
    except Exception as exc:  # noqa: BLE001
        await redis.aclose()
        pytest.skip(f"Redis at {url} does not answer: {exc}")
    h = Harness.for_settings(api, settings_factory(redis_url=url))
    await h.start()
    try:
        await make_customer(h, ANN, ["birthday"])
        async with h.services.sessions() as session, session.begin():
            session.add(
                FsmRecord(key=f"{h.bot.id}:{ANN}:{ANN}:0:default", state="Steps:name", data={"name": "Ann Kowalska"})
            )
        await h.say(ANN, "/preferences")  # a dialogue in Redis
        await h.say(ANN, "/forget")
        assert await redis.keys(f"*{ANN}*")
        await h.press(ANN, "Yes")
        assert h.texts(ANN)[-1] == t("forget.done", "en")
        assert await redis.keys(f"*:{ANN}:*") == []
        async with h.services.sessions() as session:
            assert (await session.execute(select(FsmRecord).where(FsmRecord.key.contains(str(ANN))))).first() is None
    finally:
        await h.stop()
        await redis.aclose()


# ---- every table that refers to a customer (bot/consent/personal_data.py) ---------------------

SHOP_ID = "C-7731"


async def customer_in_every_table(h) -> None:
    """Ann of `rich_customer`, also linked to the shop (through the deep link), told about by webhook,
    in an automated series, paused, with her own limit, a win-back, and API calls naming her."""
    from bot import linking
    from bot.delivery.webhooks import add_endpoint
    from storage.models import AuditLog, FrequencyLimit, Pause, Sequence, SequenceEnrollment, WinBack

    await rich_customer(h)
    async with h.services.sessions() as session, session.begin():
        await add_endpoint(session, url="https://shop.example/hooks", created_by=OWNER)
        link = await linking.issue_link(session, h.settings, shop_customer_id=SHOP_ID, username="shop_test_bot")
        await linking.issue_link(session, h.settings, shop_customer_id=SHOP_ID, username="shop_test_bot")  # unused
    await h.say(ANN, f"/start {link.token}")
    now = utcnow()
    async with h.services.sessions() as session, session.begin():
        ann = await session.get(Customer, ANN)
        assert ann.reachable
        await record_consent(
            session, customer=ann, scope="offers", grant=True, method="button", text_id="scope.offers.desc@v1"
        )  # the shop's systems are told (webhook), with the linked shop id
        sequence = Sequence(name="Welcome coffee", trigger="grant", status="active", active_since=now, created_by=OWNER)
        session.add(sequence)
        await session.flush()
        session.add(
            SequenceEnrollment(
                sequence_id=sequence.id,
                customer_id=ANN,
                event="grant:offers",
                entered_at=now,
                next_position=1,
                status="left",
                left_reason="withdrawn",
                finished_at=now,
            )
        )
        session.add(WinBack(customer_id=ANN, campaign_id=1, at=now, grace_ends_at=now + timedelta(days=14)))
        session.add(Pause(customer_id=ANN, ends_at=now + timedelta(days=7), method="command"))
        session.add(FrequencyLimit(customer_id=ANN, scope="all", period="week", max_count=2, set_by=ANN))
        for path in (f"/v1/customers/shop:{SHOP_ID}/consent", f"/v1/customers/{ANN}/consent-records"):
            session.add(AuditLog(staff_id=OWNER, api_key_id=1, command="api", arguments=f"crm: GET {path} -> 200"))


async def rows_of_the_customer(h) -> dict[str, int]:
    """Per declared table, how many rows hold Ann's id in a customer column."""
    from bot.consent.personal_data import PERSONAL_DATA

    counts = {}
    async with h.services.sessions() as session:
        for name, entry in PERSONAL_DATA.items():
            if entry.customer:
                table = SQLModel.metadata.tables[name]
                where = " OR ".join(f"{column} = :cid" for column in entry.customer)
                result = await session.execute(text(f"SELECT count(*) FROM {table.name} WHERE {where}"), {"cid": ANN})
                counts[name] = result.scalar_one()
    return counts


async def test_forget_treats_every_table_as_declared(owner_harness):
    """A row in every table that refers to her; after /forget the tables declared `deleted` or
    `anonymised` hold none of hers, the proof (`kept`) is all still there, and her shop id is left
    only in the bodies of webhooks not yet sent (the `customer.forgotten` event tells the shop)."""
    from bot.consent.personal_data import PERSONAL_DATA

    h = owner_harness
    await customer_in_every_table(h)
    before = await rows_of_the_customer(h)
    assert [name for name, n in before.items() if n == 0] == []  # she really is in every table
    assert SHOP_ID in str(await everything(h))

    await h.say(ANN, "/forget")
    assert (await h.press(ANN, "Yes"))[-1]["text"] == t("forget.done", "en")

    after = await rows_of_the_customer(h)
    for name, entry in PERSONAL_DATA.items():
        if not entry.customer:
            continue
        if entry.forget in ("deleted", "anonymised"):
            assert after[name] == 0, name
        else:  # kept and emptied rows stay (the ledger and its companions gain /forget's own rows)
            assert after[name] >= before[name] > 0, name
    tables = await everything(h)
    assert tables["link_token"] == []  # the one she used and the unused one for the same shop id
    left = {name for name, rows in tables.items() if SHOP_ID in str(rows)}
    assert left <= {"webhook_delivery"}, left
    deliveries = tables["webhook_delivery"]
    assert all(SHOP_ID not in str({k: v for k, v in row.items() if k != "body"}) for row in deliveries)
    forgotten = [row for row in deliveries if row["event"] == "customer.forgotten"]
    assert len(forgotten) == 1 and SHOP_ID in forgotten[0]["body"]
    api_calls = [row["arguments"] for row in tables["audit_log"] if row["command"] == "api"]
    assert api_calls == ["[erased]", "[erased]"]
    async with h.services.sessions() as session:
        from storage.models import WithdrawalReason

        reasons = (
            (await session.execute(select(WithdrawalReason).where(WithdrawalReason.customer_id == ANN))).scalars().all()
        )
    assert "erasure" in {r.reason for r in reasons} and "words" in {r.reason for r in reasons}
