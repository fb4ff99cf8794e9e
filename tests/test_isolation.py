"""Updates of one chat are handled one at a time (within a process, and across replicas
through Redis when it answers); other chats are not held up; a Redis outage degrades to
per-process locks instead of failing updates."""
import asyncio
import os

import pytest
from aiogram.fsm.storage.base import StorageKey

from storage.fsm import ChatIsolation

KEY_A = StorageKey(bot_id=1, chat_id=10, user_id=10)
KEY_B = StorageKey(bot_id=1, chat_id=20, user_id=20)


async def _overlap(isolation_1, isolation_2, key_1, key_2) -> bool:
    inside = 0
    overlapped = False

    async def hold(isolation, key):
        nonlocal inside, overlapped
        async with isolation.lock(key):
            inside += 1
            overlapped |= inside > 1
            await asyncio.sleep(0.05)
            inside -= 1

    await asyncio.gather(hold(isolation_1, key_1), hold(isolation_2, key_2))
    return overlapped


async def test_same_chat_waits_other_chats_do_not():
    isolation = ChatIsolation()
    assert not await _overlap(isolation, isolation, KEY_A, KEY_A)
    assert await _overlap(isolation, isolation, KEY_A, KEY_B)


async def test_replicas_share_the_lock_through_redis():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("Redis: TEST_REDIS_URL is not set")
    from redis.asyncio import Redis
    first, second = Redis.from_url(url), Redis.from_url(url)
    try:
        await first.ping()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"Redis at {url} does not answer: {exc}")
    try:
        # Two processes = two isolations with their own local locks; only Redis joins them.
        assert not await _overlap(ChatIsolation(first), ChatIsolation(second), KEY_A, KEY_A)
        assert await _overlap(ChatIsolation(first), ChatIsolation(second), KEY_A, KEY_B)
    finally:
        await first.aclose()
        await second.aclose()


async def test_unreachable_redis_degrades_to_local_locks(caplog):
    from redis.asyncio import Redis
    dead = Redis.from_url("redis://127.0.0.1:9/0", socket_connect_timeout=0.2, socket_timeout=0.2)
    isolation = ChatIsolation(dead)
    async with isolation.lock(KEY_A):
        pass  # no exception: the update goes on
    assert "Redis lock unavailable" in caplog.text
    assert not await _overlap(isolation, isolation, KEY_A, KEY_A)
    await dead.aclose()
