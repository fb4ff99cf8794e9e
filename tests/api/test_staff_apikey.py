"""/apikey in the staff console: owners create (shown once), list and revoke keys; a key made in a
chat works against the API at once, and stops at once when revoked; other roles may not."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import select

from bot.api.app import create_app
from bot.app import make_services
from storage.models import ApiKey, AuditLog
from tests.staff.test_staff import MARKETER, OWNER, staffed  # noqa: F401 - the fixture


async def test_owner_creates_lists_and_revokes_a_key(staffed):  # noqa: F811
    h = staffed
    replies = await h.say(OWNER, "/apikey create web-store purchases:write consent:read")
    text = replies[-1]["text"]
    key = re.search(r"pbk_[0-9a-f]{8}_[A-Za-z0-9_-]+", text).group(0)
    assert "shown only now" in text and "consent:read, purchases:write" in text
    services = make_services(h.settings)
    app = create_app(services)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api.test") as client:
            headers = {"Authorization": f"Bearer {key}"}
            assert (await client.get("/v1/customers/1/consent", headers=headers)).status_code == 404  # key accepted
            listed = (await h.say(OWNER, "/apikey list"))[-1]["text"]
            assert "web-store" in listed and "active" in listed and key not in listed
            async with services.sessions() as session:
                row = (await session.execute(select(ApiKey))).scalar_one()
                assert row.created_by == OWNER and row.secret_hash not in text
            assert "revoked" in (await h.say(OWNER, f"/apikey revoke {row.id}"))[-1]["text"]
            r = await client.get("/v1/customers/1/consent", headers=headers)
            assert r.status_code == 401 and "revoked" in r.json()["detail"]
        assert "revoked" in (await h.say(OWNER, "/apikey list"))[-1]["text"]
        async with services.sessions() as session:
            audit = list((await session.execute(select(AuditLog).where(AuditLog.command == "apikey"))).scalars())
        # The staff audit has the commands, never the key.
        assert len(audit) == 4 and all(key not in (a.arguments or "") for a in audit)
    finally:
        await app.state.limiter.close()
        await services.close()


async def test_bad_requests_and_other_roles(staffed):  # noqa: F811
    h = staffed
    assert (
        "Not created: unknown scope(s): everything" in (await h.say(OWNER, "/apikey create x everything"))[-1]["text"]
    )
    assert "Usage: /apikey" in (await h.say(OWNER, "/apikey create onlyname"))[-1]["text"]
    assert "No API key 7" in (await h.say(OWNER, "/apikey revoke 7"))[-1]["text"]
    assert "No API keys yet" in (await h.say(OWNER, "/apikey"))[-1]["text"]
    replies = await h.say(MARKETER, "/apikey create x consent:read")
    assert "pbk_" not in replies[-1]["text"] and "owner" in replies[-1]["text"]
