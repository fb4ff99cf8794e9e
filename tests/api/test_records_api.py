"""GET /v1/customers/{id}/consent-records: the ledger as ISO/IEC TS 27560 records (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from bot.consent.erasure import forget_customer
from bot.consent.ledger import record_consent
from bot.consent.records import SCHEMA_ID, Controller, customer_records
from bot.measure import pseudonym_key
from bot.texts import scope_wording, t
from storage.models import Customer
from tests.rights.test_consent_records import VALIDATOR, assert_valid

WORDS = "please no more offers, this is Ann"


@pytest.fixture
async def shop_services(api_services):
    api_services.settings = api_services.settings.model_copy(
        update={
            "controller_name": "Coffee Corner",
            "controller_contact": "privacy@coffee.example",
            "jurisdiction": "PL",
        }
    )
    return api_services


async def grant_by_button(services, customer_id: int, scope: str, lang: str = "pl") -> None:
    async with services.sessions() as session, session.begin():
        customer = await session.get(Customer, customer_id)
        await record_consent(
            session,
            customer=customer,
            scope=scope,
            grant=True,
            method="button",
            message_id=3,
            text_id=f"scope.{scope}.desc@v1",
            wording=scope_wording(scope, lang),
            language=lang,
        )


async def expected_records(services, customer_id: int) -> list[dict]:
    async with services.sessions() as session:
        key = await pseudonym_key(session, services.settings)
        return await customer_records(
            session, customer_id=customer_id, key=key, controller=Controller.from_settings(services.settings)
        )


def without_unset(record: dict) -> dict:
    """The API lists an event's customer_words keys also where the row has none (as null)."""
    evidence = record["event"]["evidence"]
    if "customer_words" not in evidence:
        record = {**record, "event": {**record["event"], "evidence": {**evidence}}}
        record["event"]["evidence"].update(customer_words=None, customer_words_erased_at=None)
    return record


async def test_records_by_telegram_id_and_by_shop_id(client, make_key, add_customer, shop_services):
    headers = await make_key("consent:read")
    await add_customer(401, shop_id="C-401", language="pl")
    await grant_by_button(shop_services, 401, "offers")
    await grant_by_button(shop_services, 401, "samples")
    async with shop_services.sessions() as session, session.begin():
        customer = await session.get(Customer, 401)
        await record_consent(
            session, customer=customer, scope="offers", grant=False, method="words", text_id="words", wording=WORDS
        )
    r = await client.get("/v1/customers/401/consent-records", headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["schema"] == SCHEMA_ID
    records = body["records"]
    assert_valid(records)
    assert records == [without_unset(e) for e in await expected_records(shop_services, 401)]
    assert [(x["purpose"]["purpose_id"], x["event"]["event_state"], x["collection_method"]) for x in records] == [
        ("offers", "given", "button"),
        ("samples", "given", "button"),
        ("offers", "withdrawn", "words"),
    ]
    withdrawn = records[-1]
    assert withdrawn["privacy_notice"] == {
        "text_id": "scope.offers.desc@v1",
        "version": 1,
        "wording": scope_wording("offers", "pl"),
        "language": "pl",
    }
    assert withdrawn["event"]["evidence"]["customer_words"] == WORDS
    assert [h["record_id"] for h in withdrawn["history"]] == [records[0]["record_id"]]
    assert withdrawn["withdrawal_method"] == t("record.withdrawal", "pl")
    assert withdrawn["jurisdiction"] == "PL" and withdrawn["pii_controllers"][0]["party_name"] == "Coffee Corner"
    assert withdrawn["pii_controllers"][0]["party_address"] is None  # not configured: null, still valid
    by_shop = await client.get("/v1/customers/shop:C-401/consent-records", headers=headers)
    assert by_shop.status_code == 200 and by_shop.json() == body


async def test_after_forget_the_records_stay_pseudonymous(client, make_key, add_customer, shop_services):
    headers = await make_key("consent:read")
    await add_customer(402, language="pl")
    await grant_by_button(shop_services, 402, "feedback")
    async with shop_services.sessions() as session, session.begin():
        customer = await session.get(Customer, 402)
        await record_consent(
            session, customer=customer, scope="feedback", grant=False, method="words", text_id="words", wording=WORDS
        )
        await record_consent(session, customer=customer, scope="feedback", grant=True, method="button")
        await forget_customer(session, customer=customer, message_id=9, wording=t("forget.confirm", "pl"))
    r = await client.get("/v1/customers/402/consent-records", headers=headers)
    assert r.status_code == 200, r.text
    records = r.json()["records"]
    assert_valid(records)
    assert [x["collection_method"] for x in records] == ["button", "words", "button", "erasure"]
    assert records[1]["event"]["evidence"]["customer_words"] is None
    assert records[1]["event"]["evidence"]["customer_words_erased_at"]
    assert "Ann" not in r.text and "402" not in "".join(x["pii_principal_id"] for x in records)


async def test_records_need_the_consent_read_scope_and_a_known_customer(client, make_key, add_customer):
    await add_customer(403)
    wrong = await make_key("purchases:write")
    r = await client.get("/v1/customers/403/consent-records", headers=wrong)
    assert r.status_code == 403 and "consent:read" in r.json()["detail"]
    r = await client.get("/v1/customers/403/consent-records")
    assert r.status_code == 401
    headers = await make_key("consent:read")
    r = await client.get("/v1/customers/403/consent-records", headers=headers)
    assert r.status_code == 200 and r.json()["records"] == []
    r = await client.get("/v1/customers/999/consent-records", headers=headers)
    assert r.status_code == 404


async def test_the_openapi_document_describes_the_records(client):
    document = (await client.get("/v1/openapi.json")).json()
    operation = document["paths"]["/v1/customers/{customer}/consent-records"]["get"]
    assert "200" in operation["responses"] and "404" in operation["responses"]
    record = document["components"]["schemas"]["ConsentRecord"]
    # every field the JSON Schema requires is described by the API's model too
    assert set(VALIDATOR.schema["required"]) <= set(record["properties"])
