"""Linking a shop customer to a Telegram chat: the API issues a one-time deep link, the customer
opens it in the chat (the real bot over the local Bot API), the chat is linked and nothing is granted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot import linking
from bot.app import make_services
from bot.texts import t
from storage.models import LinkToken, ScopeState, ShopCustomer
from storage.types import utcnow
from tests.harness import Harness

LINK_SETTINGS = {"bot_username": "shop_test_bot", "link_secret": "a-test-link-key"}


@pytest.fixture
async def api_services(settings_factory):
    services = make_services(settings_factory(**LINK_SETTINGS))
    yield services
    await services.close()


@pytest.fixture
async def chat(api, settings_factory):
    h = Harness.for_settings(api, settings_factory(**LINK_SETTINGS))
    await h.start()
    yield h
    await h.stop()


async def issue(client, headers, shop_id="C-1001", **extra):
    response = await client.post("/v1/links", json={"shop_customer_id": shop_id, **extra}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_the_token_fits_telegrams_start_parameter():
    key = b"k"
    for _ in range(200):
        token_id, parameter = linking.make_token(key)
        assert linking.START_PARAMETER.fullmatch(parameter) and len(parameter) <= 64
        assert linking.parse(key, parameter) == token_id
        assert linking.parse(b"another key", parameter) is None


async def test_link_flow_in_the_chat(client, make_key, chat):
    headers = await make_key("customers:link")
    body = await issue(client, headers)
    assert body["url"] == f"https://t.me/shop_test_bot?start={body['start_parameter']}"
    start = body["start_parameter"]

    chat.user(1, name="Ann")
    replies = await chat.say(1, f"/start {start}")
    assert replies[0]["text"] == t("link.linked", "en")
    # Linking grants nothing: the permission buttons follow, every scope still off.
    assert replies[-1].get("reply_markup"), replies[-1]
    async with chat.services.sessions() as session:
        link = await session.get(ShopCustomer, "C-1001")
        assert link is not None and link.customer_id == 1
        assert (await session.execute(select(ScopeState).where(ScopeState.granted.is_(True)))).first() is None
        token = (await session.execute(select(LinkToken))).scalar_one()
        assert token.used_by == 1 and token.used_at is not None

    # Used once: the same chat is told it is linked already; another chat gets "foreign".
    assert (await chat.say(1, f"/start {start}"))[0]["text"] == t("link.already", "en")
    chat.user(2, name="Bob", lang="uk")
    assert (await chat.say(2, f"/start {start}"))[0]["text"] == t("link.foreign", "uk")
    async with chat.services.sessions() as session:
        assert (await session.get(ShopCustomer, "C-1001")).customer_id == 1

    # The link survives a restart of the bot (stored, not in memory).
    await chat.restart()
    assert (await chat.say(1, f"/start {start}"))[0]["text"] == t("link.already", "en")


async def test_forged_unknown_and_expired_links(client, make_key, chat, api_services):
    chat.user(3, name="Cy", lang="pl")
    body = await issue(client, await make_key("customers:link"), shop_id="C-7")
    start = body["start_parameter"]
    forged = start[:-1] + ("A" if start[-1] != "A" else "B")
    assert (await chat.say(3, f"/start {forged}"))[0]["text"] == t("link.invalid", "pl")
    other_key = linking.PREFIX + "x" * 38  # well formed, not signed with this key
    assert (await chat.say(3, f"/start {other_key}"))[0]["text"] == t("link.invalid", "pl")
    _id, unknown = linking.make_token(linking.link_key(api_services.settings))  # signed, never issued
    assert (await chat.say(3, f"/start {unknown}"))[0]["text"] == t("link.unknown", "pl")
    async with api_services.sessions() as session, session.begin():
        old = await linking.issue_link(
            session,
            api_services.settings,
            shop_customer_id="C-8",
            username="shop_test_bot",
            ttl=timedelta(hours=1),
            now=utcnow() - timedelta(hours=2),
        )
    assert (await chat.say(3, f"/start {old.token}"))[0]["text"] == t("link.expired", "pl")
    async with chat.services.sessions() as session:
        assert (await session.execute(select(ShopCustomer))).first() is None


async def test_the_api_needs_the_scope_and_checks_the_input(client, make_key):
    response = await client.post("/v1/links", json={"shop_customer_id": "C-1"})
    assert response.status_code == 401
    response = await client.post(
        "/v1/links", json={"shop_customer_id": "C-1"}, headers=await make_key("purchases:write")
    )
    assert response.status_code == 403 and "customers:link" in response.json()["detail"]
    headers = await make_key("customers:link")
    for bad in ({"shop_customer_id": ""}, {"shop_customer_id": "x" * 129}, {"shop_customer_id": "a\nb"}, {}):
        response = await client.post("/v1/links", json=bad, headers=headers)
        assert response.status_code == 422, bad
