"""API keys: 401 without a valid key, 403 naming the missing scope, 429 with Retry-After over the
per-key rate, revocation at once, only a hash at rest, and every call in the audit log."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from bot.api.keys import KeyRequestError, create_key, list_keys, revoke_key
from storage.models import ApiKey, AuditLog


async def test_no_key_malformed_or_unknown_key_is_401(client, make_key):
    await make_key("consent:read")
    r = await client.get("/v1/categories")
    assert r.status_code == 401
    assert r.json()["error"] == "unauthorized" and "Authorization: Bearer" in r.json()["detail"]
    assert r.headers["WWW-Authenticate"] == "Bearer"
    r = await client.get("/v1/categories", headers={"Authorization": "Bearer nonsense"})
    assert r.status_code == 401 and "malformed" in r.json()["detail"]
    r = await client.get("/v1/categories", headers={"Authorization": "Bearer pbk_0123abcd_" + "x" * 43})
    assert r.status_code == 401 and r.json()["detail"] == "unknown API key"


async def test_right_prefix_wrong_secret_is_401(client, make_key):
    headers = await make_key("catalog:read")
    key = headers["Authorization"].removeprefix("Bearer ")
    forged = key[: len("pbk_12345678_")] + "A" * 43
    r = await client.get("/v1/categories", headers={"Authorization": f"Bearer {forged}"})
    assert r.status_code == 401 and r.json()["detail"] == "unknown API key"
    assert (await client.get("/v1/categories", headers=headers)).status_code == 200


async def test_missing_scope_is_403_naming_it(client, make_key):
    headers = await make_key("consent:read", name="crm")
    r = await client.get("/v1/categories", headers=headers)
    assert r.status_code == 403
    assert r.json() == {
        "error": "forbidden",
        "detail": "the API key 'crm' lacks the scope catalog:read this call needs",
    }


async def test_revoked_key_is_401_at_once(client, make_key, api_services):
    headers = await make_key("catalog:read", name="old-pos")
    assert (await client.get("/v1/categories", headers=headers)).status_code == 200
    async with api_services.sessions() as session, session.begin():
        (row,) = await list_keys(session)
        await revoke_key(session, key_id=row.id)
    r = await client.get("/v1/categories", headers=headers)
    assert r.status_code == 401 and "'old-pos' was revoked" in r.json()["detail"]


async def test_rate_limit_429_with_retry_after_per_key(settings_factory, make_key, api_services):
    import httpx

    from bot.api.app import create_app

    api_services.settings = settings_factory(api_rate_limit=2)
    app = create_app(api_services)
    busy, other = await make_key("catalog:read", name="busy"), await make_key("catalog:read", name="other")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api.test") as client:
        assert [(await client.get("/v1/categories", headers=busy)).status_code for _ in range(2)] == [200, 200]
        r = await client.get("/v1/categories", headers=busy)
        assert r.status_code == 429 and r.json()["error"] == "rate_limited"
        assert 1 <= int(r.headers["Retry-After"]) <= 60
        assert "'busy'" in r.json()["detail"]
        # Another key has its own count.
        assert (await client.get("/v1/categories", headers=other)).status_code == 200


async def test_rate_limit_shared_through_redis(settings_factory, make_key, api_services):
    import httpx

    from bot.api.app import create_app
    from bot.api.ratelimit import RedisRateLimiter
    from tests.harness import clean_redis_url

    url = await clean_redis_url()
    api_services.settings = settings_factory(api_rate_limit=3, redis_url=url)
    first, second = create_app(api_services), create_app(api_services)  # two processes serving the API
    assert isinstance(first.state.limiter, RedisRateLimiter)
    headers = await make_key("catalog:read")
    statuses = []
    try:
        for app in (first, second, first, second):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://a.test") as c:
                statuses.append((await c.get("/v1/categories", headers=headers)).status_code)
    finally:
        await first.state.limiter.close()
        await second.state.limiter.close()
    assert statuses == [200, 200, 200, 429]


async def test_key_is_stored_hashed_and_shown_once(api_services):
    async with api_services.sessions() as session, session.begin():
        row, key = await create_key(session, name="web-store", scopes=["purchases:write", "consent:read"])
    assert key.startswith(f"pbk_{row.prefix}_")
    secret = key.split("_", 2)[2]
    async with api_services.sessions() as session:
        stored = (await session.execute(select(ApiKey))).scalar_one()
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    # Nowhere in the row is the secret itself.
    assert all(secret not in str(getattr(stored, column)) for column in ApiKey.model_fields)
    assert stored.scopes == ["consent:read", "purchases:write"]


async def test_unknown_scope_or_bad_name_is_refused(api_services):
    async with api_services.sessions() as session, session.begin():
        with pytest.raises(KeyRequestError, match="unknown scope.*purchases:delete"):
            await create_key(session, name="x", scopes=["purchases:delete"])
        with pytest.raises(KeyRequestError, match="no scopes"):
            await create_key(session, name="x", scopes=[])
        with pytest.raises(KeyRequestError, match="name"):
            await create_key(session, name="<b>", scopes=["consent:read"])
    async with api_services.sessions() as session:
        assert await list_keys(session) == []


async def test_every_call_with_a_key_is_audited(client, make_key, api_services):
    headers = await make_key("catalog:read", name="pos", created_by=42)
    await client.get("/v1/categories", headers=headers)
    await client.get("/v1/offers?status=bogus", headers=headers)
    await client.post("/v1/categories", headers=headers, json={})
    await client.get("/v1/categories")  # no key: nobody to write down
    async with api_services.sessions() as session:
        rows = list((await session.execute(select(AuditLog).order_by(AuditLog.id))).scalars())
        key = (await session.execute(select(ApiKey))).scalar_one()
    assert [r.arguments for r in rows] == [
        "pos: GET /v1/categories -> 200",
        "pos: GET /v1/offers -> 422",
        "pos: POST /v1/categories -> 403",
    ]
    assert {(r.command, r.staff_id, r.api_key_id) for r in rows} == {("api", 42, key.id)}
    assert key.last_used_at is not None


def test_cli_create_list_revoke(db_url, capsys, monkeypatch, tmp_path):
    from bot.cli import main

    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.chdir(tmp_path)  # no .env from the checkout
    assert main(["apikey", "create", "web-store", "--scopes", "purchases:write,consent:read"]) == 0
    out = capsys.readouterr().out
    key = next(line for line in out.splitlines() if line.startswith("pbk_"))
    assert "shown only once" in out
    assert main(["apikey", "list"]) == 0
    listed = capsys.readouterr().out
    assert "web-store" in listed and "consent:read,purchases:write" in listed and key not in listed
    assert main(["apikey", "create", "bad", "--scopes", "everything"]) == 2
    assert "unknown scope" in capsys.readouterr().err
    assert main(["apikey", "revoke", "1"]) == 0
    assert "revoked" in capsys.readouterr().out
    assert main(["apikey", "revoke", "99"]) == 1
