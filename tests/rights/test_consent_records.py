"""Every ledger event as an ISO/IEC TS 27560 consent record (bot/consent/records.py), valid against
docs/schemas/consent-record.schema.json, in /mydata and the owner's /export."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import select

from bot.consent.ledger import record_consent
from bot.consent.records import (
    Controller,
    LedgerRow,
    build_records,
    customer_records,
    principal_id,
    record_id,
)
from bot.consent.scopes import LANGUAGES, SCOPES
from bot.measure import pseudonym, pseudonym_key
from bot.texts import scope_wording, t
from storage.models import CONSENT_METHODS, ConsentEvent, Customer
from tests.delivery.test_delivery import deliver

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "schemas" / "consent-record.schema.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
OKSANA, BOB, OWNER = 6161, 6262, 900
WORDS = "stop sending me samples, Oksana here"
CONTROLLER = {
    "controller_name": "Coffee Corner sp. z o.o.",
    "controller_contact": "privacy@coffee-corner.example",
    "controller_address": "ul. Przykładowa 1, 00-001 Warszawa",
    "jurisdiction": "PL",
}
NOTICE_UK = {
    "text_id": "scope.samples.desc@v1",
    "version": 1,
    "wording": scope_wording("samples", "uk"),
    "language": "uk",
}


def assert_valid(records: list[dict]) -> None:
    for record in records:
        errors = sorted(VALIDATOR.iter_errors(record), key=str)
        assert not errors, f"{record['record_id']}: {errors[0].message} at {list(errors[0].absolute_path)}"


@pytest.fixture
async def shop(harness):
    """The bot with an owner and the controller configured."""
    harness.services.settings = harness.settings = harness.settings.model_copy(
        update={"admin_ids": [OWNER], **CONTROLLER}
    )
    await harness.restart()
    harness.user(OWNER, name="Olga")
    return harness


async def ledger(h, customer_id: int) -> list[ConsentEvent]:
    async with h.services.sessions() as session:
        rows = await session.execute(
            select(ConsentEvent).where(ConsentEvent.customer_id == customer_id).order_by(ConsentEvent.id)
        )
        return list(rows.scalars())


async def records_of(h, customer_id: int) -> list[dict]:
    async with h.services.sessions() as session:
        key = await pseudonym_key(session, h.settings)
        return await customer_records(
            session, customer_id=customer_id, key=key, controller=Controller.from_settings(h.settings)
        )


async def every_kind(h) -> None:
    """Oksana (Ukrainian) goes through a grant by button, words, the undo, a staff decision, /stop,
    a grant in /preferences and /forget; Bob (English) blocks the bot."""
    h.user(OKSANA, lang="uk", name="Oksana")
    await h.say(OKSANA, "/start")
    for scope in ("samples", "feedback", "offers"):
        await h.press(OKSANA, t(f"scope.{scope}.button", "uk"))
    await h.say(OKSANA, WORDS)  # words: samples withdrawn
    await h.press(OKSANA, t("words.undo", "uk"))  # the undo: samples given again, by button
    async with h.services.sessions() as session, session.begin():  # a staff member, after a phone call
        customer = await session.get(Customer, OKSANA)
        await record_consent(
            session,
            customer=customer,
            scope="feedback",
            grant=False,
            method="staff",
            text_id="staff",
            wording="asked by phone to stop feedback requests",
        )
    await h.say(OKSANA, "/stop")  # command: samples and offers withdrawn
    await h.say(OKSANA, "/preferences")
    await h.press(OKSANA, t("prefs.btn.scopes", "uk"))
    await h.press(OKSANA, t("scope.offers.button", "uk"))  # offers given again
    await h.say(OKSANA, "/forget")
    await h.press(OKSANA, t("btn.yes", "uk"))  # erasure: offers withdrawn
    h.user(BOB, lang="en", name="Bob")
    await h.say(BOB, "/start")
    await h.press(BOB, t("scope.birthday.button", "en"))
    now = datetime.now(UTC)
    async with h.services.sessions() as session, session.begin():
        bob = await session.get(Customer, BOB)
        bob.birthday_month, bob.birthday_day = now.month, now.day
    h.api.block(BOB)
    await deliver(h, "birthdays", now.replace(hour=12, minute=0, second=0, microsecond=0))


def by_kind(records: list[dict]) -> dict[tuple[str, str, str], list[dict]]:
    kinds: dict[tuple[str, str, str], list[dict]] = {}
    for r in records:
        kinds.setdefault((r["purpose"]["purpose_id"], r["event"]["event_state"], r["collection_method"]), []).append(r)
    return kinds


async def test_every_event_kind_gives_a_valid_record_with_the_exact_notice(shop):
    h = shop
    await every_kind(h)
    rows = await ledger(h, OKSANA)
    records = await records_of(h, OKSANA)
    assert_valid(records)
    assert [r["ledger_event_id"] for r in records] == [e.id for e in rows]  # one record per ledger row
    assert len({r["record_id"] for r in records}) == len(records)
    kinds = by_kind(records)
    assert sorted(kinds) == sorted(
        [
            ("samples", "given", "button"),  # the button, and the undo
            ("feedback", "given", "button"),
            ("offers", "given", "button"),  # the button, and /preferences
            ("samples", "withdrawn", "words"),
            ("feedback", "withdrawn", "staff"),
            ("samples", "withdrawn", "command"),
            ("offers", "withdrawn", "command"),
            ("offers", "withdrawn", "erasure"),
        ]
    )
    first, undo = kinds["samples", "given", "button"]
    # The notice: the versioned wording she saw, exactly, in her language.
    assert first["privacy_notice"] == NOTICE_UK and first["language"] == "uk"
    assert first["event"]["evidence"]["wording"] == scope_wording("samples", "uk")
    assert first["purpose"]["description"] == t("scope.samples.desc.v1", "uk")
    assert first["withdrawal_method"] == t("record.withdrawal", "uk")
    assert first["event"]["entity_id"] == "pii_principal"
    # A withdrawal, the undo and /stop refer to the notice of the grant; their own words are evidence.
    (words,) = kinds["samples", "withdrawn", "words"]
    assert words["privacy_notice"] == NOTICE_UK
    assert words["event"]["evidence"]["text_id"] == "words" and words["event"]["evidence"]["wording"] is None
    assert undo["privacy_notice"] == NOTICE_UK and undo["event"]["evidence"]["text_id"] == "words.undo@v1"
    (command,) = kinds["samples", "withdrawn", "command"]
    assert command["privacy_notice"] == NOTICE_UK and command["event"]["evidence"]["text_id"] == "command./stop"
    (staff,) = kinds["feedback", "withdrawn", "staff"]
    assert staff["event"]["entity_id"] == "controller"
    assert staff["privacy_notice"]["text_id"] == "scope.feedback.desc@v1"
    assert staff["privacy_notice"]["wording"] == scope_wording("feedback", "uk")
    (erasure,) = kinds["offers", "withdrawn", "erasure"]
    assert erasure["event"]["evidence"]["text_id"] == "forget.confirm@v1"
    assert erasure["event"]["evidence"]["wording"] == t("forget.confirm", "uk")
    # The controller and the jurisdiction as configured; the person only by a pseudonym.
    assert erasure["pii_controllers"] == [
        {
            "party_role": "controller",
            "party_name": CONTROLLER["controller_name"],
            "party_contact": CONTROLLER["controller_contact"],
            "party_address": CONTROLLER["controller_address"],
        }
    ]
    assert {r["jurisdiction"] for r in records} == {"PL"}
    async with h.services.sessions() as session:
        key = await pseudonym_key(session, h.settings)
    assert {r["pii_principal_id"] for r in records} == {principal_id(OKSANA, key)}
    assert principal_id(OKSANA, key) != f"hmac-sha256:{pseudonym(OKSANA, key)}"  # not the response pseudonym
    # After /forget her words are gone from the records too; nothing of her name is left.
    assert words["event"]["evidence"]["customer_words"] is None
    assert words["event"]["evidence"]["customer_words_erased_at"] is not None
    assert staff["event"]["evidence"]["customer_words"] is None
    assert "Oksana" not in json.dumps(records, ensure_ascii=False) and str(OKSANA) not in json.dumps(records)
    # Bob blocked the bot: a withdrawal recorded from Telegram's answer, under his English notice.
    bob = await records_of(h, BOB)
    assert_valid(bob)
    assert [(r["collection_method"], r["event"]["event_state"]) for r in bob] == [
        ("button", "given"),
        ("blocked", "withdrawn"),
    ]
    blocked = bob[-1]
    assert blocked["event"]["evidence"]["text_id"] == "telegram.403"
    assert "blocked" in blocked["event"]["evidence"]["wording"]
    assert blocked["privacy_notice"]["wording"] == scope_wording("birthday", "en")
    assert blocked["language"] == "en" and blocked["withdrawal_method"] == t("record.withdrawal", "en")


async def test_history_holds_the_earlier_events_of_the_same_scope_oldest_first(shop):
    h = shop
    await every_kind(h)
    records = await records_of(h, OKSANA)
    for i, record in enumerate(records):
        scope = record["purpose"]["purpose_id"]
        earlier = [r for r in records[:i] if r["purpose"]["purpose_id"] == scope]
        assert [e["record_id"] for e in record["history"]] == [r["record_id"] for r in earlier]
        assert [(e["event_state"], e["collection_method"]) for e in record["history"]] == [
            (r["event"]["event_state"], r["collection_method"]) for r in earlier
        ]
        times = [e["event_time"] for e in record["history"]] + [record["event"]["event_time"]]
        assert times == sorted(times)
    last_samples = [r for r in records if r["purpose"]["purpose_id"] == "samples"][-1]
    assert [(e["event_state"], e["collection_method"]) for e in last_samples["history"]] == [
        ("given", "button"),
        ("withdrawn", "words"),
        ("given", "button"),
    ]


async def test_mydata_and_the_owners_export_carry_the_records(shop):
    h = shop
    await every_kind(h)
    expected = await records_of(h, OKSANA)
    document = (await h.say(OKSANA, "/mydata"))[-1]
    mine = json.loads(document["file_bytes"])["consent_records"]
    assert mine == expected
    assert_valid(mine)
    replies = await h.say(OWNER, "/export")
    jsonl = next(r for r in replies if r.get("file_name") == "consent-records.jsonl")
    lines = jsonl["file_bytes"].decode().splitlines()
    exported = [json.loads(line) for line in lines]
    assert_valid(exported)
    async with h.services.sessions() as session:
        ids = list((await session.execute(select(ConsentEvent.id).order_by(ConsentEvent.id))).scalars())
    assert sorted(r["ledger_event_id"] for r in exported) == ids
    assert jsonl["caption"] == t("console.export.records", "en", n=len(ids))
    assert [r for r in exported if r["pii_principal_id"] == expected[0]["pii_principal_id"]] == expected
    assert replies[-1]["file_name"] == "consent-ledger.csv"  # the CSV still comes last


async def test_mydata_before_forget_shows_her_own_words_in_the_record(shop):
    h = shop
    h.user(OKSANA, lang="uk", name="Oksana")
    await h.say(OKSANA, "/start")
    await h.press(OKSANA, t("scope.samples.button", "uk"))
    await h.say(OKSANA, WORDS)
    records = json.loads((await h.say(OKSANA, "/mydata"))[-1]["file_bytes"])["consent_records"]
    assert_valid(records)
    evidence = records[-1]["event"]["evidence"]
    assert (records[-1]["collection_method"], evidence["customer_words"], evidence["customer_words_erased_at"]) == (
        "words",
        WORDS,
        None,
    )


# ---- the pure part and the schema ------------------------------------------------------------------

AT = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)


def row(event_id: int, minutes: int, *, action: str = "grant", scope: str = "samples", **fields) -> LedgerRow:
    defaults = {
        "method": "button",
        "message_id": 7,
        "text_id": f"scope.{scope}.desc@v1",
        "wording": scope_wording(scope, "pl"),
        "language": "pl",
    }
    return LedgerRow(id=event_id, scope=scope, action=action, at=AT + timedelta(minutes=minutes), **defaults | fields)


def test_records_follow_the_time_of_the_events_and_keep_the_controller_unset_as_null():
    rows = [
        row(9, 10, action="withdraw", method="command", text_id="command./stop", wording=None),
        row(3, 0),
        row(12, 20),
    ]
    records = build_records(rows, principal="hmac-sha256:" + "a" * 64, controller=Controller())
    assert_valid(records)
    assert [r["ledger_event_id"] for r in records] == [3, 9, 12]
    assert [r["record_id"] for r in records[2]["history"]] == [record_id(3), record_id(9)]
    assert records[1]["privacy_notice"]["wording"] == scope_wording("samples", "pl")
    assert records[0]["pii_controllers"][0]["party_name"] is None and records[0]["jurisdiction"] is None
    assert records[0]["withdrawal_method"] == t("record.withdrawal", "pl")


def test_a_row_without_evidence_has_an_empty_notice_not_an_invented_one():
    (record,) = build_records(
        [row(1, 0, text_id=None, wording=None, language="ru")],
        principal="hmac-sha256:" + "b" * 64,
        controller=Controller(),
    )
    assert_valid([record])
    assert record["privacy_notice"] == {"text_id": None, "version": None, "wording": None, "language": "ru"}


def test_record_ids_are_stable_and_principal_ids_depend_on_the_key():
    assert record_id(5) == record_id(5) != record_id(6)
    assert principal_id(5, "k1") != principal_id(5, "k2") and principal_id(5, "k1") != principal_id(6, "k1")


def valid_record() -> dict:
    (record,) = build_records([row(1, 0)], principal="hmac-sha256:" + "c" * 64, controller=Controller(name="Shop"))
    return record


@pytest.mark.parametrize("field", SCHEMA["required"])
def test_the_schema_rejects_a_record_missing_a_required_field(field):
    record = valid_record()
    assert VALIDATOR.is_valid(record)
    del record[field]
    assert not VALIDATOR.is_valid(record)


@pytest.mark.parametrize(
    "path",
    [("privacy_notice", "wording"), ("event", "event_time"), ("event", "event_state"), ("purpose", "purpose_id")],
)
def test_the_schema_rejects_a_record_missing_a_nested_required_field(path):
    record = valid_record()
    del record[path[0]][path[1]]
    assert not VALIDATOR.is_valid(record)


def test_the_schema_rejects_a_principal_that_is_not_a_pseudonym_and_an_unknown_state():
    record = valid_record()
    record["pii_principal_id"] = "6161"
    assert not VALIDATOR.is_valid(record)
    record = valid_record()
    record["event"]["event_state"] = "maybe"
    assert not VALIDATOR.is_valid(record)


def test_the_schema_knows_every_scope_language_and_method():
    defs = SCHEMA["$defs"]
    assert defs["language"]["enum"] == list(LANGUAGES)
    assert SCHEMA["properties"]["purpose"]["properties"]["purpose_id"]["enum"] == list(SCOPES)
    assert set(defs["collection_method"]["enum"]) == set(CONSENT_METHODS) | {"erasure"}
    Draft202012Validator.check_schema(SCHEMA)
    assert "27560" in SCHEMA["description"] and "consent-27560" in SCHEMA["description"]
