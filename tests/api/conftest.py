"""Fixtures of the integration API tests: the app over a migrated database (SQLite, and
PostgreSQL when TEST_DATABASE_URL is set), an httpx client calling it in process, and keys."""

from __future__ import annotations

import httpx
import pytest

from bot.api.app import create_app
from bot.api.keys import create_key
from bot.app import make_services


@pytest.fixture
async def api_services(settings_factory):
    services = make_services(settings_factory())
    yield services
    await services.close()


@pytest.fixture
async def app(api_services):
    app = create_app(api_services)
    yield app
    await app.state.limiter.close()


@pytest.fixture
async def client(app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api.test") as c:
        yield c


@pytest.fixture
def make_key(api_services):
    """`await make_key("purchases:write", ...)`: a new key with these scopes; returns the auth headers."""

    async def make(*scopes: str, name: str = "test-shop", created_by: int | None = None) -> dict[str, str]:
        async with api_services.sessions() as session, session.begin():
            _row, key = await create_key(session, name=name, scopes=list(scopes), created_by=created_by)
        return {"Authorization": f"Bearer {key}"}

    return make


@pytest.fixture
def add_customer(api_services):
    """`await add_customer(id, grants=("feedback",), shop_id="C-1")`: a customer who started the bot,
    with these scopes granted by button and optionally linked to the shop's customer id."""
    from bot.consent.ledger import record_consent
    from storage.models import Customer, ShopCustomer

    async def add(customer_id: int, *, grants: tuple[str, ...] = (), shop_id: str | None = None, **fields):
        async with api_services.sessions() as session, session.begin():
            customer = Customer(id=customer_id, first_name="Ann", stage="friend", **fields)
            session.add(customer)
            await session.flush()
            for scope in grants:
                await record_consent(
                    session, customer=customer, scope=scope, grant=True, method="button", wording=f"Allow {scope}"
                )
            if shop_id is not None:
                session.add(ShopCustomer(shop_customer_id=shop_id, customer_id=customer_id))
        return customer_id

    return add
