"""The send window shared by workers through Redis: at most the rate in any second overall,
however the workers' slots were bunched; while Redis is unreachable, each worker's own window."""

import asyncio
import logging
import os
import time

import pytest

from bot.delivery.coordination import RedisRateLimiter
from bot.delivery.sender import Sender

PREFIX = "pmbot:test-window"


async def _redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("Redis: TEST_REDIS_URL is not set")
    from redis.asyncio import Redis

    client = Redis.from_url(url)
    try:
        await client.delete(f"{PREFIX}:window")
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"Redis at {url} does not answer: {exc}")
    finally:
        await client.aclose()
    return url


async def test_two_workers_share_one_window():
    """Two workers (two limiters) each try 15 calls at once with a cap of 5/s: their calls
    together never exceed 5 in a second (with a window per worker they would make 10)."""
    url = await _redis_url()
    workers = [RedisRateLimiter(url, 5, None, prefix=PREFIX) for _ in range(2)]
    stamps: list[float] = []

    async def call(limiter):
        await limiter.window_slot(5)
        stamps.append(time.monotonic())

    try:
        await asyncio.gather(*(call(limiter) for limiter in workers for _ in range(15)))
    finally:
        for limiter in workers:
            await limiter.close()
    stamps.sort()
    # Stamps are taken here, a few ms after Redis counted the call: 50 ms of slack on the second.
    busiest = max(sum(1 for s in stamps[i:] if s - stamps[i] < 0.95) for i in range(len(stamps)))
    assert len(stamps) == 30 and busiest <= 5
    assert stamps[-1] - stamps[0] >= 4.9  # 30 calls at 5/s: five full seconds after the first five


async def test_unreachable_redis_leaves_each_worker_its_own_window(caplog):
    sender = Sender(bot=None, sessions=None, rate=3)
    sender.limiter = RedisRateLimiter("redis://127.0.0.1:1", 3, None, prefix=PREFIX)  # nothing listens there
    try:
        with caplog.at_level(logging.WARNING):
            began = time.monotonic()
            for _ in range(4):
                await sender._window_slot()
            took = time.monotonic() - began
    finally:
        await sender.limiter.close()
    warnings = [r for r in caplog.records if "shared send window unavailable" in r.getMessage()]
    assert len(warnings) == 1  # once per outage, not once per message
    assert took >= 0.99  # the fourth call waited for this worker's own window (3/s)


async def test_many_slots_asked_at_once_wait_for_a_connection_instead_of_failing():
    """The sender asks for up to 128 slots at once: they share the limiter's few Redis
    connections: beyond redis-py's 100 a pool that fails ("Too many connections") would look like an
    outage and send the rows back to pending."""
    url = await _redis_url()
    limiter = RedisRateLimiter(url, None, None, prefix=PREFIX)
    try:
        results = await asyncio.gather(*(limiter.acquire(chat) for chat in range(300)), return_exceptions=True)
    finally:
        await limiter.close()
    assert [r for r in results if r is not None] == []
