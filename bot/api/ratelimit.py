"""The per-key rate limit of the integration API: at most API_RATE_LIMIT calls per key in each
minute (a fixed window). Counted in Redis when REDIS_URL is set (every process serving the API
shares the count), else in this process."""

from __future__ import annotations

import math
import time


class RateLimiter:
    """In-process counts: one window per key."""

    def __init__(self, per_minute: int, *, window: float = 60.0, clock=time.time) -> None:
        self.per_minute, self.window, self.clock = per_minute, window, clock
        self._counts: dict[int, tuple[int, int]] = {}

    async def hit(self, key_id: int) -> int | None:
        """Count one call; None if allowed, else the seconds until the window ends (Retry-After)."""
        now = self.clock()
        slot = int(now // self.window)
        current_slot, count = self._counts.get(key_id, (slot, 0))
        if current_slot != slot:
            count = 0
        count += 1
        self._counts[key_id] = (slot, count)
        if count <= self.per_minute:
            return None
        return max(1, math.ceil((slot + 1) * self.window - now))

    async def close(self) -> None:
        pass


class RedisRateLimiter(RateLimiter):
    """The same count in Redis (INCR of a key that expires with its window)."""

    def __init__(self, url: str, per_minute: int, **kw) -> None:
        super().__init__(per_minute, **kw)
        from redis.asyncio import Redis

        self.redis = Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)

    async def hit(self, key_id: int) -> int | None:
        now = self.clock()
        slot = int(now // self.window)
        name = f"api:rate:{key_id}:{slot}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, int(self.window) + 1)
            count, _ = await pipe.execute()
        if count <= self.per_minute:
            return None
        return max(1, math.ceil((slot + 1) * self.window - now))

    async def close(self) -> None:
        await self.redis.aclose()


def make_limiter(settings) -> RateLimiter:
    if settings.redis_url:
        return RedisRateLimiter(settings.redis_url, settings.api_rate_limit)
    return RateLimiter(settings.api_rate_limit)
