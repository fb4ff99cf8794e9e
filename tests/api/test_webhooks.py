"""Outgoing webhooks: configured through the API and /webhook, written with the ledger change,
POSTed signed to a local receiver, retried after a 500, given up on a 410, logged for staff."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import timedelta

import pytest
from aiohttp import web
from sqlalchemy import select

from bot.consent.erasure import forget_customer
from bot.consent.ledger import record_consent
from bot.delivery.webhooks import WebhookDispatcher
from storage.models import Customer, ShopCustomer, WebhookDelivery
from storage.types import utcnow
from tests.harness import Harness


# The README's example, as a shop would write it.
def verify_signature(secret: str, header: str, body: bytes, tolerance: int = 300) -> bool:
    parts = dict(item.split("=", 1) for item in header.split(","))
    timestamp = int(parts["t"])
    if abs(time.time() - timestamp) > tolerance:
        return False  # an old request replayed
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


class Receiver:
    """A local HTTP endpoint: answers with the statuses queued, then 200; keeps every request."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict, bytes]] = []
        self.statuses: list[int] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append((dict(request.headers), await request.read()))
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/hook", self.handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/hook"


@pytest.fixture
async def receiver():
    r = Receiver()
    r.url = await r.start()
    yield r
    await r.runner.cleanup()


class Clock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self):
        return self.now


async def add_webhook(client, make_key, url, **extra):
    headers = await make_key("webhooks:write")
    response = await client.post("/v1/webhooks", json={"url": url, **extra}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json(), headers


async def grant(sessions, customer_id, scope="offers", *, grant=True, link=None):
    async with sessions() as session, session.begin():
        customer = await session.get(Customer, customer_id)
        if customer is None:
            customer = Customer(id=customer_id, first_name="Ann")
            session.add(customer)
            await session.flush()
        if link:
            session.add(ShopCustomer(shop_customer_id=link, customer_id=customer_id))
        await record_consent(session, customer=customer, scope=scope, grant=grant, method="button", wording="w")


async def test_signed_delivery_of_a_withdrawal(client, make_key, receiver, api_services):
    created, _ = await add_webhook(client, make_key, receiver.url)
    assert created["secret"].startswith("whsec_") and created["events"] == [
        "consent.granted",
        "consent.withdrawn",
        "customer.forgotten",
    ]
    await grant(api_services.sessions, 42, link="C-42")
    await grant(api_services.sessions, 42, grant=False)
    dispatcher = WebhookDispatcher(api_services.sessions)
    await dispatcher.drain()
    await dispatcher.close()
    assert len(receiver.requests) == 2
    bodies = []
    for headers, body in receiver.requests:
        assert verify_signature(created["secret"], headers["X-PMBot-Signature"], body)
        assert not verify_signature("whsec_wrong", headers["X-PMBot-Signature"], body)
        assert not verify_signature(created["secret"], headers["X-PMBot-Signature"], body + b" ")
        bodies.append(json.loads(body))
    assert [b["type"] for b in bodies] == ["consent.granted", "consent.withdrawn"]
    data = bodies[1]["data"]
    assert data["customer"] == {"telegram_id": 42, "shop_customer_id": "C-42", "shop_customer_ids": ["C-42"]}
    assert data["scope"] == "offers" and data["method"] == "button"
    assert "Ann" not in json.dumps(bodies)  # no name, no words
    async with api_services.sessions() as session:
        rows = list((await session.execute(select(WebhookDelivery))).scalars())
    assert {r.status for r in rows} == {"delivered"} and all(r.body is None for r in rows)


async def test_an_event_is_written_only_with_its_ledger_change(client, make_key, receiver, api_services):
    await add_webhook(client, make_key, receiver.url, events=["consent.withdrawn"])
    await grant(api_services.sessions, 43)  # not subscribed
    with pytest.raises(RuntimeError):
        async with api_services.sessions() as session, session.begin():
            customer = await session.get(Customer, 43)
            await record_consent(session, customer=customer, scope="offers", grant=False, method="button")
            raise RuntimeError("the update fails after the withdrawal: it rolls back")
    async with api_services.sessions() as session:
        assert (await session.execute(select(WebhookDelivery))).first() is None
    await grant(api_services.sessions, 43, grant=False)
    async with api_services.sessions() as session:
        assert [r.event for r in (await session.execute(select(WebhookDelivery))).scalars()] == ["consent.withdrawn"]


async def test_retried_after_a_500_and_given_up_on_a_410(client, make_key, receiver, api_services):
    await add_webhook(client, make_key, receiver.url, events=["consent.granted"])
    receiver.statuses = [500]
    await grant(api_services.sessions, 44)
    clock = Clock()
    dispatcher = WebhookDispatcher(api_services.sessions, clock=clock)
    assert await dispatcher.drain_once() == 1
    async with api_services.sessions() as session:
        row = (await session.execute(select(WebhookDelivery))).scalar_one()
    assert (row.status, row.attempts, row.last_http_status) == ("pending", 1, 500)
    assert row.not_before > clock.now and row.body is not None
    assert await dispatcher.drain_once() == 0  # not before its backoff
    clock.now += timedelta(seconds=31)
    assert await dispatcher.drain_once() == 1
    async with api_services.sessions() as session:
        row = (await session.execute(select(WebhookDelivery))).scalar_one()
    assert (row.status, row.attempts, row.last_http_status) == ("delivered", 2, 200)
    first, second = receiver.requests
    assert first[1] == second[1]  # the same event, the same body

    receiver.statuses = [410]
    await grant(api_services.sessions, 45)
    assert await dispatcher.drain_once() == 1
    assert await dispatcher.drain_once() == 0
    clock.now += timedelta(days=1)
    assert await dispatcher.drain_once() == 0  # given up: never tried again
    await dispatcher.close()
    async with api_services.sessions() as session:
        row = (await session.execute(select(WebhookDelivery).where(WebhookDelivery.customer_id == 45))).scalar_one()
    assert (row.status, row.attempts, row.last_http_status, row.body) == ("failed", 1, 410, None)
    assert len(receiver.requests) == 3


async def test_forgotten_carries_only_what_the_erasure_keeps(client, make_key, receiver, api_services):
    created, headers = await add_webhook(client, make_key, receiver.url, events=["customer.forgotten"])
    await grant(api_services.sessions, 46, link="C-46")
    async with api_services.sessions() as session, session.begin():
        customer = await session.get(Customer, 46)
        await forget_customer(session, customer=customer, message_id=None, wording="forget?")
    async with api_services.sessions() as session:
        assert (await session.execute(select(ShopCustomer))).first() is None  # the link is erased
    dispatcher = WebhookDispatcher(api_services.sessions)
    await dispatcher.drain()
    await dispatcher.close()
    ((headers_sent, body),) = receiver.requests
    assert verify_signature(created["secret"], headers_sent["X-PMBot-Signature"], body)
    payload = json.loads(body)
    assert payload["type"] == "customer.forgotten"
    assert payload["data"]["customer"] == {"telegram_id": 46, "shop_customer_id": "C-46", "shop_customer_ids": ["C-46"]}
    log = await client.get(f"/v1/webhooks/{created['id']}/deliveries", headers=headers)
    assert log.status_code == 200
    assert [(d["event"], d["status"], d["last_http_status"]) for d in log.json()] == [
        ("customer.forgotten", "delivered", 200)
    ]


async def test_the_api_refuses_bad_webhooks(client, make_key):
    headers = await make_key("webhooks:write")
    for bad in ({"url": "ftp://example.org/x"}, {"url": "http://x.org/h", "events": ["consent.maybe"]}, {"url": "x"}):
        assert (await client.post("/v1/webhooks", json=bad, headers=headers)).status_code == 422, bad
    assert (await client.delete("/v1/webhooks/999", headers=headers)).status_code == 404
    no_scope = await make_key("consent:read")
    assert (await client.get("/v1/webhooks", headers=no_scope)).status_code == 403


OWNER = 900


async def test_staff_configure_webhooks_and_read_the_log(api, settings_factory, receiver):
    h = Harness.for_settings(api, settings_factory(admin_ids=[OWNER]))
    await h.start()
    try:
        h.user(OWNER, name="Olga")
        h.user(47, name="Ann")
        added = (await h.say(OWNER, f"/webhook add {receiver.url} consent.granted"))[-1]["text"]
        assert "whsec_" in added
        secret = added.split("whsec_")[1].split()[0]
        assert receiver.url in (await h.say(OWNER, "/webhook list"))[-1]["text"]
        receiver.statuses = [410]
        await h.say(47, "/start")
        await h.press(47, "Free samples")  # a scope button: the customer grants samples in the chat
        dispatcher = WebhookDispatcher(h.services.sessions)
        await dispatcher.drain()
        await dispatcher.close()
        ((sent_headers, body),) = receiver.requests
        assert verify_signature("whsec_" + secret, sent_headers["X-PMBot-Signature"], body)
        log = (await h.say(OWNER, "/webhook log"))[-1]["text"]
        assert "consent.granted" in log and "failed" in log and "HTTP 410" in log
        assert not [m for m in h.api.sent(47) if "consent.granted" in (m.get("text") or "")]  # never to Telegram
        assert "removed" in (await h.say(OWNER, "/webhook remove 1"))[-1]["text"]
        assert "/webhook add" in (await h.say(OWNER, "/webhook list"))[-1]["text"]
    finally:
        await h.stop()
