"""POST /v1/purchases: the same effects as /purchase, idempotent by order id, feedback queued only
where the customer allowed it, the customer named by Telegram id or by a linked shop id."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from storage.models import Customer, Outbox, Purchase, StageChange


async def _counts(services):
    async with services.sessions() as session:
        purchases = (await session.execute(select(func.count()).select_from(Purchase))).scalar_one()
        outbox = (await session.execute(select(func.count()).select_from(Outbox))).scalar_one()
        stages = (await session.execute(select(func.count()).select_from(StageChange))).scalar_one()
    return purchases, outbox, stages


async def test_purchase_moves_stage_and_queues_feedback_only_with_the_scope(
    client, make_key, add_customer, api_services
):
    headers = await make_key("purchases:write")
    await add_customer(501, grants=("feedback",))
    await add_customer(502, grants=("offers", "samples"))
    r = await client.post(
        "/v1/purchases",
        headers=headers,
        json={"order_id": "A-1", "telegram_id": 501, "product": "Espresso beans", "amount": 12.5},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["feedback_scheduled"] is True and body["created"] is True
    assert body["stage"] == "customer" and body["telegram_id"] == 501
    r = await client.post(
        "/v1/purchases", headers=headers, json={"order_id": "A-2", "telegram_id": 502, "product": "Green tea"}
    )
    assert r.status_code == 201 and r.json()["feedback_scheduled"] is False
    async with api_services.sessions() as session:
        outbox = list((await session.execute(select(Outbox))).scalars())
        purchases = {p.order_id: p for p in (await session.execute(select(Purchase))).scalars()}
        stages = {c.id: c.stage for c in (await session.execute(select(Customer))).scalars()}
    # One feedback request, for the customer who allowed feedback, FEEDBACK_DELAY_DAYS after the purchase.
    assert [(o.customer_id, o.kind, o.payload["product"]) for o in outbox] == [(501, "feedback", "Espresso beans")]
    delay = timedelta(days=api_services.settings.feedback_delay_days)
    assert outbox[0].not_before == purchases["A-1"].at + delay
    assert purchases["A-1"].source == "api" and purchases["A-1"].amount == 12.5
    assert stages == {501: "customer", 502: "customer"}


async def test_same_order_again_is_200_and_adds_nothing(client, make_key, add_customer, api_services):
    headers = await make_key("purchases:write")
    await add_customer(601, grants=("feedback",))
    order = {"order_id": "W-77", "telegram_id": 601, "product": "Cocoa", "amount": 3.0}
    first = await client.post("/v1/purchases", headers=headers, json=order)
    assert first.status_code == 201
    before = await _counts(api_services)
    again = await client.post("/v1/purchases", headers=headers, json=order)
    assert again.status_code == 200
    assert {**again.json(), "created": True} == first.json() and again.json()["created"] is False
    assert await _counts(api_services) == before
    async with api_services.sessions() as session:
        assert (await session.get(Customer, 601)).purchases_count == 1


async def test_same_order_other_content_is_409_and_changes_nothing(client, make_key, add_customer, api_services):
    headers = await make_key("purchases:write")
    await add_customer(701)
    await add_customer(702)
    await client.post("/v1/purchases", headers=headers, json={"order_id": "X", "telegram_id": 701, "product": "Tea"})
    before = await _counts(api_services)
    r = await client.post(
        "/v1/purchases", headers=headers, json={"order_id": "X", "telegram_id": 702, "product": "Coffee"}
    )
    assert r.status_code == 409 and r.json()["error"] == "order_conflict"
    assert "customer 701, not 702" in r.json()["detail"] and "product 'Tea', not 'Coffee'" in r.json()["detail"]
    assert await _counts(api_services) == before


async def test_third_purchase_makes_a_loyal_customer(client, make_key, add_customer, api_services):
    headers = await make_key("purchases:write")
    await add_customer(801)
    for n in range(api_services.settings.loyal_after_purchases):
        r = await client.post(
            "/v1/purchases", headers=headers, json={"order_id": f"L-{n}", "telegram_id": 801, "product": "Beans"}
        )
    assert r.json()["stage"] == "loyal"
    async with api_services.sessions() as session:
        history = list(
            (await session.execute(select(StageChange.to_stage).where(StageChange.customer_id == 801))).scalars()
        )
    assert history == ["customer", "loyal"]


async def test_customer_named_by_linked_shop_id(client, make_key, add_customer):
    headers = await make_key("purchases:write")
    await add_customer(901, grants=("feedback",), shop_id="C-1001")
    r = await client.post(
        "/v1/purchases", headers=headers, json={"order_id": "S-1", "shop_customer_id": "C-1001", "product": "Mug"}
    )
    assert r.status_code == 201 and r.json()["telegram_id"] == 901 and r.json()["feedback_scheduled"] is True
    r = await client.post(
        "/v1/purchases", headers=headers, json={"order_id": "S-2", "shop_customer_id": "C-404", "product": "Mug"}
    )
    assert r.status_code == 404 and "C-404" in r.json()["detail"] and "link" in r.json()["detail"]


async def test_bad_input_is_4xx_saying_what_is_wrong_and_writes_nothing(client, make_key, add_customer, api_services):
    headers = await make_key("purchases:write")
    await add_customer(1001)
    cases = [
        ({"order_id": "B1", "product": "Tea"}, 422, "exactly one of telegram_id and shop_customer_id"),
        ({"order_id": "B1", "telegram_id": 1001, "shop_customer_id": "C", "product": "Tea"}, 422, "exactly one"),
        ({"order_id": "B1", "telegram_id": 1001, "product": "   "}, 422, "blank"),
        ({"order_id": "B1", "telegram_id": 1001, "product": "Tea", "amount": -1}, 422, "greater than or equal to 0"),
        ({"order_id": "B1", "telegram_id": 1001, "product": "Tea", "at": "2026-01-01T10:00:00"}, 422, "timezone"),
        ({"order_id": "B1", "telegram_id": 1001, "product": "Tea", "colour": "red"}, 422, "Extra inputs"),
        ({"order_id": " B1", "telegram_id": 1001, "product": "Tea"}, 422, "white space"),
        ({"order_id": "B1", "telegram_id": 5555, "product": "Tea"}, 404, "no customer with Telegram id 5555"),
    ]
    for body, status, words in cases:
        r = await client.post("/v1/purchases", headers=headers, json=body)
        assert r.status_code == status, (body, r.text)
        assert words in r.text, (body, r.text)
    r = await client.post("/v1/purchases", headers=headers, content=b"{not json", params={})
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    assert await _counts(api_services) == (0, 0, 0)


async def test_purchase_at_a_given_time_schedules_feedback_from_then(client, make_key, add_customer, api_services):
    from datetime import timezone

    from storage.types import utcnow

    headers = await make_key("purchases:write")
    await add_customer(1101, grants=("feedback",))
    kyiv = timezone(timedelta(hours=2))
    bought = (utcnow() - timedelta(days=2)).replace(microsecond=0).astimezone(kyiv)
    r = await client.post(
        "/v1/purchases",
        headers=headers,
        json={"order_id": "T-1", "telegram_id": 1101, "product": "Tea", "at": bought.isoformat()},
    )
    assert r.status_code == 201, r.text
    assert r.json()["at"] == bought.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    async with api_services.sessions() as session:
        (row,) = (await session.execute(select(Outbox))).scalars()
    assert row.not_before == bought + timedelta(days=api_services.settings.feedback_delay_days)
    future = (utcnow() + timedelta(days=3)).isoformat()
    r = await client.post(
        "/v1/purchases", headers=headers, json={"order_id": "T-2", "telegram_id": 1101, "product": "Tea", "at": future}
    )
    assert r.status_code == 422 and "between 2000-01-01 and now" in r.text


async def test_staff_purchase_command_uses_the_same_function(api_services, add_customer):
    """/purchase and the API share bot/purchases.py: a staff purchase has no order id and source staff."""
    from bot.purchases import record_purchase

    await add_customer(1201, grants=("feedback",))
    async with api_services.sessions() as session, session.begin():
        customer = await session.get(Customer, 1201)
        one = await record_purchase(session, api_services.settings, customer=customer, product="Tea", staff_id=7)
        two = await record_purchase(session, api_services.settings, customer=customer, product="Tea", staff_id=7)
    assert one.created and two.created and one.purchase.id != two.purchase.id  # no order id: no idempotence
    assert one.purchase.source == "staff" and one.purchase.order_id is None and one.feedback_scheduled
