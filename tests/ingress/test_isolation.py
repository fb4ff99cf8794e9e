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


async def test_per_chat_locks_are_dropped_when_no_update_needs_them():
    """The in-process lock of a chat lives while an update holds or awaits it, not forever."""
    isolation = ChatIsolation()
    order = []

    async def update(chat: int, n: int):
        async with isolation.lock(StorageKey(bot_id=1, chat_id=chat, user_id=chat)):
            order.append((chat, n))
            await asyncio.sleep(0)

    await asyncio.gather(*(update(chat, n) for chat in range(3000) for n in range(2)))
    assert len(order) == 6000
    assert len(isolation.local._locks) == 0  # no lock kept per chat once it is free
    # Still one at a time per chat while they are in use.
    assert not await _overlap(isolation, isolation, KEY_A, KEY_A)
    assert len(isolation.local._locks) == 0


async def _redis_pair():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("Redis: TEST_REDIS_URL is not set")
    from redis.asyncio import Redis

    first, second = Redis.from_url(url), Redis.from_url(url)
    try:
        await first.ping()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"Redis at {url} does not answer: {exc}")
    return first, second


async def test_a_chat_held_long_by_another_replica_is_contention_not_an_outage(caplog):
    """Replica 2 waits in vain for a chat replica 1 holds: that is no Redis outage, so the
    cross-replica lock stays on for every other chat (not switched off for everyone)."""
    first, second = await _redis_pair()
    try:
        one, two = ChatIsolation(first), ChatIsolation(second)
        two.shared.lock_kwargs = {**two.shared.lock_kwargs, "blocking_timeout": 0.3}
        entered = asyncio.Event()

        async def long_update():
            async with one.lock(KEY_A):
                entered.set()
                await asyncio.sleep(1.0)

        holder = asyncio.create_task(long_update())
        await entered.wait()
        async with two.lock(KEY_A):  # gives up waiting after 0.3 s and goes on
            pass
        assert "Redis lock unavailable" not in caplog.text
        assert not await _overlap(one, two, KEY_B, KEY_B)  # other chats: still one replica at a time
        await holder
    finally:
        await first.aclose()
        await second.aclose()


async def test_while_redis_is_down_the_database_lock_keeps_a_chat_in_order(db_url, api, settings_factory):
    """REDIS_URL is set but Redis does not answer: on PostgreSQL each update then takes its
    chat's advisory lock, so another replica in the middle of that chat's update holds it up."""
    if not db_url.startswith("postgresql"):
        pytest.skip("the chat's advisory lock is PostgreSQL's; SQLite runs one process")
    from sqlalchemy import text

    from storage.db import create_engine
    from storage.queries import chat_lock_keys
    from tests.harness import Harness

    h = Harness.for_settings(api, settings_factory(redis_url="redis://127.0.0.1:9/0"))
    await h.start()
    other_replica = create_engine(db_url)
    try:
        h.user(1, name="Ann")
        await h.say(1, "/help")
        keys = chat_lock_keys(1)
        async with other_replica.connect() as conn:
            await conn.execute(text("SELECT pg_advisory_xact_lock(:h, :l)"), {"h": keys["high"], "l": keys["low"]})
            before = len(api.sent(1))
            update = await api.send_text(1, "/help")
            await asyncio.sleep(1.0)
            assert len(api.sent(1)) == before  # waits for the other replica's transaction
            await conn.commit()
        await h.processed(update["update_id"])
        assert len(api.sent(1)) == before + 1
    finally:
        await other_replica.dispose()
        await h.stop()


async def test_with_redis_up_the_database_lock_is_not_taken(db_url, api, settings_factory):
    """With Redis answering, the chat lock is Redis' alone: no advisory lock statement per update."""
    if not db_url.startswith("postgresql"):
        pytest.skip("the chat's advisory lock is PostgreSQL's")
    url = os.environ.get("TEST_REDIS_URL")
    first, second = await _redis_pair()
    await first.aclose()
    await second.aclose()
    from sqlalchemy import text

    from storage.db import create_engine
    from storage.queries import chat_lock_keys
    from tests.harness import Harness

    h = Harness.for_settings(api, settings_factory(redis_url=url))
    await h.start()
    other = create_engine(db_url)
    try:
        h.user(2, name="Bo")
        keys = chat_lock_keys(2)
        async with other.connect() as conn:
            await conn.execute(text("SELECT pg_advisory_xact_lock(:h, :l)"), {"h": keys["high"], "l": keys["low"]})
            replies = await h.say(2, "/help")  # not held up by the database lock
            assert replies
            await conn.rollback()
    finally:
        await other.dispose()
        await h.stop()
