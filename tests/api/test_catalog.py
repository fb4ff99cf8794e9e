"""The catalogue through the API: categories and sample offers, validated, with the effects of
the staff commands (a new offer is queued for interested customers who allow samples; closing
it withdraws what was not sent)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from storage.models import Category, CustomerInterest, Outbox, SampleOffer
from storage.types import utcnow

NAMES = {"en": "Honey", "uk": "Мед", "ru": "Мёд", "pl": "Miód"}


async def test_categories_create_list_update(client, make_key, api_services):
    headers = await make_key("catalog:read", "catalog:write")
    r = await client.post("/v1/categories", headers=headers, json={"slug": "honey", "names": NAMES})
    assert r.status_code == 201 and r.json() == {"slug": "honey", "names": NAMES, "active": True}
    again = await client.post("/v1/categories", headers=headers, json={"slug": "honey", "names": NAMES})
    assert again.status_code == 409 and "PATCH" in again.json()["detail"]
    r = await client.patch(
        "/v1/categories/honey", headers=headers, json={"names": {"pl": "Miód pitny"}, "active": False}
    )
    assert r.status_code == 200 and r.json()["names"]["pl"] == "Miód pitny" and r.json()["names"]["en"] == "Honey"
    assert r.json()["active"] is False
    listed = (await client.get("/v1/categories", headers=headers)).json()
    assert [c["slug"] for c in listed][-1] == "honey" and {"coffee", "tea"} <= {c["slug"] for c in listed}
    assert (await client.patch("/v1/categories/nothing", headers=headers, json={"active": True})).status_code == 404


async def test_category_validation_says_what_is_wrong(client, make_key, api_services):
    headers = await make_key("catalog:write")
    async with api_services.sessions() as session:
        before = (await session.execute(select(func.count()).select_from(Category))).scalar_one()
    cases = [
        ({"slug": "Honey!", "names": NAMES}, "slug"),
        ({"slug": "honey", "names": {"en": "Honey"}}, "missing: uk, ru, pl"),
        ({"slug": "honey", "names": {**NAMES, "de": "Honig"}}, "unknown language(s) de"),
        ({"slug": "honey", "names": {**NAMES, "uk": "  "}}, "the uk name is blank"),
    ]
    for body, words in cases:
        r = await client.post("/v1/categories", headers=headers, json=body)
        assert r.status_code == 422 and words in r.text, (body, r.text)
    async with api_services.sessions() as session:
        assert (await session.execute(select(func.count()).select_from(Category))).scalar_one() == before


async def test_offer_queued_for_interested_customers_who_allow_samples(client, make_key, add_customer, api_services):
    headers = await make_key("catalog:read", "catalog:write")
    await add_customer(41, grants=("samples",))
    await add_customer(42)  # interested, but no samples scope
    async with api_services.sessions() as session, session.begin():
        coffee = (await session.execute(select(Category).where(Category.slug == "coffee"))).scalar_one()
        session.add_all(
            [
                CustomerInterest(customer_id=41, category_id=coffee.id),
                CustomerInterest(customer_id=42, category_id=coffee.id),
            ]
        )
    expires = (utcnow() + timedelta(days=7)).isoformat()
    r = await client.post(
        "/v1/offers",
        headers=headers,
        json={"product": "Ethiopia 50 g", "category": "coffee", "stock": 10, "expires_at": expires},
    )
    assert r.status_code == 201, r.text
    offer = r.json()
    assert offer["offered_to"] == 1 and offer["status"] == "open" and offer["category"] == "coffee"
    async with api_services.sessions() as session:
        queued = [(o.customer_id, o.kind, o.status) for o in (await session.execute(select(Outbox))).scalars()]
    assert queued == [(41, "sample", "pending")]
    r = await client.patch(f"/v1/offers/{offer['id']}", headers=headers, json={"stock": 20, "product": "Ethiopia 60 g"})
    assert r.status_code == 200 and r.json()["stock"] == 20 and r.json()["product"] == "Ethiopia 60 g"
    r = await client.post(f"/v1/offers/{offer['id']}/close", headers=headers)
    assert r.status_code == 200 and r.json()["status"] == "closed" and r.json()["withdrawn"] == 1
    async with api_services.sessions() as session:
        assert [o.status for o in (await session.execute(select(Outbox))).scalars()] == ["dropped"]
    again = await client.post(f"/v1/offers/{offer['id']}/close", headers=headers)
    assert again.status_code == 200 and again.json()["withdrawn"] == 0
    r = await client.patch(f"/v1/offers/{offer['id']}", headers=headers, json={"stock": 5})
    assert r.status_code == 409 and "closed" in r.json()["detail"]
    listed = (await client.get("/v1/offers?status=closed", headers=headers)).json()
    assert [o["id"] for o in listed] == [offer["id"]]


async def test_offer_validation_writes_nothing(client, make_key, api_services):
    headers = await make_key("catalog:write")
    soon = (utcnow() + timedelta(days=3)).isoformat()
    cases = [
        ({"product": "X", "category": "coffee", "stock": 0, "expires_at": soon}, 422, "greater than or equal to 1"),
        ({"product": "X", "category": "nothing", "stock": 1, "expires_at": soon}, 404, "no category 'nothing'"),
        ({"product": "X", "category": "coffee", "stock": 1, "expires_at": "2020-01-01T00:00:00Z"}, 422, "in the past"),
        ({"product": "X", "category": "coffee", "stock": 1, "expires_at": "2026-01-01T00:00:00"}, 422, "timezone"),
        ({"product": " ", "category": "coffee", "stock": 1, "expires_at": soon}, 422, "blank"),
    ]
    for body, status, words in cases:
        r = await client.post("/v1/offers", headers=headers, json=body)
        assert r.status_code == status and words in r.text, (body, r.text)
    assert (await client.patch("/v1/offers/12345", headers=headers, json={"stock": 3})).status_code == 404
    async with api_services.sessions() as session:
        assert (await session.execute(select(func.count()).select_from(SampleOffer))).scalar_one() == 0
