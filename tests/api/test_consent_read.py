"""GET /v1/customers/{id}/consent: current scopes and the last change, by Telegram id or shop id."""

from __future__ import annotations

from bot.consent.ledger import record_consent
from bot.consent.scopes import SCOPES
from storage.models import Customer


async def test_consent_by_telegram_id_and_by_shop_id(client, make_key, add_customer, api_services):
    headers = await make_key("consent:read")
    await add_customer(301, grants=("feedback", "offers"), shop_id="C-9")
    async with api_services.sessions() as session, session.begin():
        customer = await session.get(Customer, 301)
        await record_consent(session, customer=customer, scope="offers", grant=False, method="words")
    r = await client.get("/v1/customers/301/consent", headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["granted"] == ["feedback"]
    assert set(body["scopes"]) == set(SCOPES)
    assert body["scopes"]["offers"]["granted"] is False and body["scopes"]["offers"]["since"]
    assert body["scopes"]["birthday"] == {"granted": False, "since": None}
    assert body["last_change"]["scope"] == "offers" and body["last_change"]["action"] == "withdraw"
    assert body["last_change"]["method"] == "words"
    assert body["shop_customer_ids"] == ["C-9"] and body["reachable"] is True and body["forgotten"] is False
    by_shop = await client.get("/v1/customers/shop:C-9/consent", headers=headers)
    assert by_shop.status_code == 200 and by_shop.json() == body


async def test_consent_of_unknown_or_malformed_customer(client, make_key, add_customer):
    headers = await make_key("consent:read")
    await add_customer(302)
    r = await client.get("/v1/customers/302/consent", headers=headers)
    assert r.status_code == 200 and r.json()["granted"] == [] and r.json()["last_change"] is None
    r = await client.get("/v1/customers/999/consent", headers=headers)
    assert r.status_code == 404 and "999" in r.json()["detail"]
    r = await client.get("/v1/customers/shop:nobody/consent", headers=headers)
    assert r.status_code == 404 and "'nobody'" in r.json()["detail"]
    r = await client.get("/v1/customers/ann/consent", headers=headers)
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"


async def test_consent_needs_its_scope(client, make_key, add_customer):
    headers = await make_key("purchases:write")
    await add_customer(303)
    r = await client.get("/v1/customers/303/consent", headers=headers)
    assert r.status_code == 403 and "consent:read" in r.json()["detail"]
