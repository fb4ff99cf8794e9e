"""Web replicas that share only PostgreSQL (no Redis): one chat's updates are handled one at a
time across processes, through the database's advisory lock."""

import asyncio
import subprocess
import sys

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.texts import t
from storage.db import create_engine, session_factory
from storage.models import ConsentEvent, ScopeState
from storage.queries import chat_lock_keys
from tests.conftest import _truncate_pg
from tests.harness import load_bench
from tests.operations.test_processes import ROOT, env_for

SECRET = "replica-secret"
CUSTOMERS = range(301, 331)


@pytest.mark.parametrize(
    "chat_id", [0, 1, 2**31 - 1, 2**31, 2**32 - 1, 2**32 + 5, 2**52 - 1, -1, -(2**31), -1001234567890]
)
def test_chat_lock_keys_are_two_int4_and_distinct(chat_id):
    keys = chat_lock_keys(chat_id)
    assert all(-(2**31) <= v < 2**31 for v in keys.values())
    # The two keys give the chat id back: no two chats share a lock.
    assert (keys["high"] << 32) + (keys["low"] & 0xFFFF_FFFF) == chat_id


async def test_two_web_replicas_without_redis_grant_a_double_press_once(pg_migrated, api, tmp_path):
    """The same button pressed twice at once, each press reaching another replica (a load
    balancer's round robin): for every customer one ledger row, and the answers "on" and
    "already on" (without the lock, both would insert and one update would fail)."""
    await _truncate_pg(pg_migrated)
    bench = load_bench()
    hooks, procs, logs = [], [], [tmp_path / "web1.log", tmp_path / "web2.log"]
    try:
        for log in logs:
            port = bench.free_port()
            hooks.append(f"http://127.0.0.1:{port}/tg")
            env = env_for(
                pg_migrated,
                api.base_url,
                WEBHOOK_URL=hooks[-1],
                WEBHOOK_SECRET=SECRET,
                WEBHOOK_HOST="127.0.0.1",
                WEBHOOK_PORT=str(port),
            )
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "bot", "run", "--role", "web"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=log.open("w"),
                )
            )
            await bench.wait_port(port, procs[-1], "web replica")
        async with aiohttp.ClientSession() as http:

            async def post(hook: str, update: dict) -> None:
                async with http.post(hook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as resp:
                    assert resp.status == 200  # answered once handled and its replies sent

            for uid in CUSTOMERS:
                api.user(uid, first_name=f"C{uid}")
                await post(hooks[uid % 2], await api.send_text(uid, "/start", queue=False))
            presses = [
                (
                    uid,
                    await api.press(uid, "Free samples", queue=False),
                    await api.press(uid, "Free samples", queue=False),
                )
                for uid in CUSTOMERS
            ]
            await asyncio.wait_for(
                asyncio.gather(
                    *(post(hooks[0], first) for _, first, _ in presses),
                    *(post(hooks[1], second) for _, _, second in presses),
                ),
                60,
            )
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
    logged = "".join(log.read_text() for log in logs)
    assert "Traceback" not in logged, logged[-3000:]

    engine = create_engine(pg_migrated)
    try:
        async with session_factory(engine)() as session:
            grants = dict(
                (
                    await session.execute(
                        select(ConsentEvent.customer_id, func.count())
                        .where(ConsentEvent.scope == "samples")
                        .group_by(ConsentEvent.customer_id)
                    )
                ).all()
            )
            states = (await session.execute(select(ScopeState).where(ScopeState.scope == "samples"))).scalars().all()
    finally:
        await engine.dispose()
    assert grants == {uid: 1 for uid in CUSTOMERS}
    assert sorted(s.customer_id for s in states if s.granted) == list(CUSTOMERS)
    on, already = t("scope.granted", "en", scope="Free samples"), t("scope.already_on", "en", scope="Free samples")
    for uid in CUSTOMERS:
        answers = sorted(a["text"] for a in api.answered_callbacks if a["user_id"] == uid)
        assert answers == sorted([on, already]), uid
    nothing_changed = t("error.internal", "en")
    assert not any(m.get("text") == nothing_changed for uid in CUSTOMERS for m in api.sent(uid))
