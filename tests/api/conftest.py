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
