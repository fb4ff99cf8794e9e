"""Coordination between processes: the shared send-rate limit (Redis) and the single active
scheduler (a PostgreSQL advisory lock; a second scheduler waits as a standby)."""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
import time

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.supervision import DEFAULT_GIVE_UP_AFTER, Backoff

log = logging.getLogger(__name__)

# Reserve the next free slot atomically: slots are spaced `interval` apart overall and
# `chat_interval` apart per chat, on Redis' own clock so that all workers agree.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0'))
local pause = tonumber(redis.call('GET', KEYS[3]) or '0')
if pause > slot then slot = pause end
redis.call('SET', KEYS[1], tostring(slot + tonumber(ARGV[1])), 'EX', 60)
if tonumber(ARGV[2]) > 0 then
  redis.call('SET', KEYS[2], tostring(slot + tonumber(ARGV[2])), 'EX', 60)
end
return tostring(slot - now)
"""


# The calls actually made by all workers in the last second (a sorted set of call times on
# Redis' clock), checked just before each call: slots that a slow moment bunched together in
# one worker (a late event loop, a slow commit of its wave) still leave at most `cap` calls in
# any second overall. Returns how long to wait before asking again, or 0 with the call counted.
_WINDOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 1)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('EXPIRE', KEYS[1], 5)
  return '0'
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tostring(tonumber(oldest[2]) + 1 - now)
"""


class RedisRateLimiter:
    """The same contract as `RateLimiter`, shared by every worker through Redis."""

    def __init__(
        self,
        redis_url: str,
        rate: float | None,
        per_chat: float | None,
        *,
        margin: float = 1.02,
        prefix: str = "pmbot:send",
        max_connections: int = 32,
    ) -> None:
        from redis.asyncio import BlockingConnectionPool, Redis

        # The sender asks for up to `concurrency` (128) slots at once: they wait for one of the
        # pool's connections rather than fail with "Too many connections" (redis-py's default
        # pool raises beyond 100), which is no outage.
        self.redis = Redis.from_pool(
            BlockingConnectionPool.from_url(redis_url, max_connections=max_connections, timeout=10)
        )
        self.interval = 1.0 / rate if rate else 0.0
        self.chat_interval = margin / per_chat if per_chat else 0.0
        self.prefix = prefix
        self._script = self.redis.register_script(_RESERVE)
        self._window = self.redis.register_script(_WINDOW)
        self._calls = (f"{secrets.token_hex(4)}:{n}" for n in itertools.count())  # unique set members

    def pause(self, seconds: float) -> None:
        async def _set():
            await self.redis.set(f"{self.prefix}:pause", str(time.time() + seconds), ex=int(seconds) + 60)

        asyncio.get_running_loop().create_task(_set())

    async def acquire(self, chat_id: int) -> None:
        wait = float(
            await self._script(
                keys=[f"{self.prefix}:next", f"{self.prefix}:chat:{chat_id}", f"{self.prefix}:pause"],
                args=[self.interval, self.chat_interval],
            )
        )
        if wait > 0:
            await asyncio.sleep(wait)

    async def window_slot(self, cap: int) -> None:
        """Wait until fewer than `cap` calls were made in the last second by all workers; count this one."""
        while True:
            wait = float(await self._window(keys=[f"{self.prefix}:window"], args=[cap, next(self._calls)]))
            if wait <= 0:
                return
            await asyncio.sleep(wait + 0.002)

    async def close(self) -> None:
        await self.redis.aclose()


SCHEDULER_LOCK = 0x5EED_B07  # any constant shared by all scheduler processes of one deployment


class SchedulerLock:
    """Hold a PostgreSQL session-level advisory lock while this process runs the jobs.

    On SQLite (one process by design) the lock is always granted. A database that does not
    answer is retried with backoff (`wait`); after `give_up_after` seconds of failures `wait`
    raises `GiveUp`, and the runtime ends the process so that it is started afresh.
    """

    def __init__(
        self, engine: AsyncEngine, key: int = SCHEDULER_LOCK, *, give_up_after: float = DEFAULT_GIVE_UP_AFTER
    ) -> None:
        self.engine = engine
        self.key = key
        self.give_up_after = give_up_after
        self._conn = None

    async def try_acquire(self) -> bool:
        """True if the lock is ours now; raises if the database cannot be asked."""
        if self.engine.dialect.name != "postgresql":
            return True
        try:
            if self._conn is None:
                self._conn = await self.engine.connect()
            got = (await self._conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})).scalar_one()
            await self._conn.commit()
        except BaseException:
            await self._release_conn()  # a half-open connection is never reused
            raise
        if not got:
            await self._release_conn(failed=False)
        return bool(got)

    async def still_held(self) -> bool:
        if self.engine.dialect.name != "postgresql":
            return True
        if self._conn is None:
            return False
        try:
            await self._conn.execute(text("SELECT 1"))
            await self._conn.commit()
            return True
        except Exception:  # noqa: BLE001 - a lost connection means a lost lock
            await self._release_conn()
            return False

    async def wait(self, poll: float = 2.0, stop: asyncio.Event | None = None) -> bool:
        """Stand by until the lock is ours (returns False if asked to stop first)."""
        logged = False
        backoff = Backoff("scheduler lock", give_up_after=self.give_up_after)
        while not (stop and stop.is_set()):
            try:
                got = await self.try_acquire()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - retried with backoff, then GiveUp
                await backoff.failed(exc, sleep=lambda seconds: _sleep_unless(stop, seconds))
                continue
            backoff.ok()
            if got:
                if logged:
                    log.info("scheduler lock acquired: this process now runs the jobs")
                return True
            if not logged:
                log.info("another scheduler holds the lock; standing by")
                logged = True
            await _sleep_unless(stop, poll)
        return False

    async def _release_conn(self, *, failed: bool = True) -> None:
        """Let go of the lock's connection; one that failed (or may still hold the lock) is
        discarded, never given back to the pool."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            if failed:
                try:
                    await conn.invalidate()
                except Exception:  # noqa: BLE001
                    pass
            try:
                await conn.close()
            except Exception:  # noqa: BLE001
                pass

    async def release(self) -> None:
        unlocked = False
        if self._conn is not None and self.engine.dialect.name == "postgresql":
            try:
                await self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
                await self._conn.commit()
                unlocked = True
            except Exception:  # noqa: BLE001
                pass
        await self._release_conn(failed=not unlocked)


async def _sleep_unless(stop: asyncio.Event | None, seconds: float) -> None:
    if stop is None:
        await asyncio.sleep(seconds)
        return
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass
