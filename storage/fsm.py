"""aiogram FSM storage in the bot's own database, so a dialogue survives a restart.

Used when no `REDIS_URL` is set (with Redis, aiogram's RedisStorage is used).
"""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from contextvars import ContextVar
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, StorageKey
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import FsmRecord
from storage.queries import FSM_ROWS

# The session of the update being handled: FSM writes join its transaction, so a
# dialogue step and its data land together (and SQLite sees one writer, not two).
current_session: ContextVar[AsyncSession | None] = ContextVar("current_session", default=None)


def dialogue_key(key: StorageKey) -> str:
    """The `fsm_record` primary key of an aiogram storage key."""
    return f"{key.bot_id}:{key.chat_id}:{key.user_id}:{key.thread_id or 0}:{key.destiny}"


class SqlStorage(BaseStorage):
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        shared = current_session.get()
        if shared is not None:
            yield shared
            return
        async with self.sessions() as session, session.begin():
            yield session

    @staticmethod
    async def _row(session: AsyncSession, key: str) -> FsmRecord | None:
        # An update reads its dialogue several times (filters, handlers). The session's identity
        # map holds clean rows only weakly and never remembers a missing one, so the rows (or
        # None) are kept for the session's lifetime here: one SELECT per update, not one per read.
        rows = session.info.setdefault(FSM_ROWS, {})
        if key not in rows:
            rows[key] = await session.get(FsmRecord, key)
        return rows[key]

    async def _write(self, key: StorageKey, **values: Any) -> None:
        record_key = dialogue_key(key)
        async with self._session() as session:
            row = await self._row(session, record_key)
            if row is None:
                row = FsmRecord(key=record_key, state=None, data={})
                session.add(row)
                session.info[FSM_ROWS][record_key] = row
            for name, value in values.items():
                setattr(row, name, value)

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        await self._write(key, state=state.state if isinstance(state, State) else state)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._session() as session:
            row = await self._row(session, dialogue_key(key))
            return row.state if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # Deep copies both ways: the row's JSON value must share no list or dict with the caller.
        # With a shallow copy, a handler that changed a nested value in place (a ticked choice
        # appended to a list) changed the row's loaded value too; the new value then compared
        # equal to it and SQLAlchemy wrote nothing.
        await self._write(key, data=copy.deepcopy(dict(data)))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._session() as session:
            row = await self._row(session, dialogue_key(key))
            return copy.deepcopy(dict(row.data)) if row else {}

    async def close(self) -> None:
        return None


class ResilientStorage(BaseStorage):
    """Redis first; while Redis is unreachable, the database keeps dialogues going (degraded:
    replicas may not share a step in progress), and Redis is used again once it answers.

    Within an update (its database session marks the scope; the chat lock keeps other replicas
    out meanwhile) a dialogue costs Redis two round trips, however often the filters and
    handlers read and write it: its state and data are read together (one MGET) when first
    needed, and what the handlers changed is written once, in one pipeline, when they have
    finished (`write_pending`, called by the update middleware just before the database
    commit). An update that fails writes nothing to Redis, as it writes nothing to the
    database. Outside an update (jobs, the shell) reads and writes go through at once.
    """

    def __init__(self, primary: BaseStorage, fallback: BaseStorage, *, retry_after: float = 5.0) -> None:
        self.primary = primary
        self.fallback = fallback
        self.retry_after = retry_after
        self._down_since: float | None = None

    async def _call(self, on_redis, on_database):
        """`on_redis()` unless Redis is known to be down; on an outage (then, or found now) `on_database()`."""
        log = logging.getLogger(__name__)
        if self._down_since is None or time.monotonic() - self._down_since > self.retry_after:
            try:
                result = await on_redis()
            except Exception as exc:  # redis-py raises its own ConnectionError subclasses
                if not redis_outage(exc):
                    raise
                if self._down_since is None:
                    log.warning("Redis FSM storage unavailable (%s); using the database until it returns", exc)
                self._down_since = time.monotonic()
            else:
                if self._down_since is not None:
                    log.info("Redis FSM storage is back")
                    self._down_since = None
                return result
        return await on_database()

    @staticmethod
    def _update_cache() -> dict | None:
        session = current_session.get()
        return None if session is None else session.info.setdefault("fsm_cache", {})

    async def _load_from_redis(self, key: StorageKey) -> tuple[str | None, dict[str, Any]]:
        redis, build = self.primary.redis, self.primary.key_builder.build
        state, data = await redis.mget(build(key, "state"), build(key, "data"))
        if isinstance(state, bytes):
            state = state.decode("utf-8")
        if isinstance(data, bytes):
            data = data.decode("utf-8")
        return state, (self.primary.json_loads(data) if data is not None else {})

    async def _load_from_database(self, key: StorageKey) -> tuple[str | None, dict[str, Any]]:
        return await self.fallback.get_state(key), await self.fallback.get_data(key)

    async def _dialogue(self, cache: dict, key: StorageKey) -> dict:
        """This update's copy of the dialogue: {"state", "data", "changed": fields to write}."""
        dialogue = cache.get(key)
        if dialogue is None:
            state, data = await self._call(lambda: self._load_from_redis(key), lambda: self._load_from_database(key))
            dialogue = cache[key] = {"state": state, "data": dict(data), "changed": set()}  # both loads are fresh
        return dialogue

    async def write_pending(self) -> None:
        """Write what this update's handlers changed (one pipeline; the database while Redis is down)."""
        cache = self._update_cache()
        changed = [(key, dialogue) for key, dialogue in (cache or {}).items() if dialogue["changed"]]
        if not changed:
            return

        async def to_redis() -> None:
            redis, build = self.primary.redis, self.primary.key_builder.build
            async with redis.pipeline(transaction=False) as pipe:
                for key, dialogue in changed:
                    if "state" in dialogue["changed"]:
                        if dialogue["state"] is None:
                            pipe.delete(build(key, "state"))
                        else:
                            pipe.set(build(key, "state"), dialogue["state"], ex=self.primary.state_ttl)
                    if "data" in dialogue["changed"]:
                        if dialogue["data"]:
                            pipe.set(
                                build(key, "data"), self.primary.json_dumps(dialogue["data"]), ex=self.primary.data_ttl
                            )
                        else:
                            pipe.delete(build(key, "data"))
                await pipe.execute()

        async def to_database() -> None:
            for key, dialogue in changed:
                if "state" in dialogue["changed"]:
                    await self.fallback.set_state(key, dialogue["state"])
                if "data" in dialogue["changed"]:
                    await self.fallback.set_data(key, dialogue["data"])

        await self._call(to_redis, to_database)
        for _, dialogue in changed:
            dialogue["changed"].clear()

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        value = state.state if isinstance(state, State) else state
        cache = self._update_cache()
        if cache is None:
            await self._call(lambda: self.primary.set_state(key, value), lambda: self.fallback.set_state(key, value))
            return
        dialogue = await self._dialogue(cache, key)
        dialogue["state"] = value
        dialogue["changed"].add("state")

    async def get_state(self, key: StorageKey) -> str | None:
        cache = self._update_cache()
        if cache is None:
            return await self._call(lambda: self.primary.get_state(key), lambda: self.fallback.get_state(key))
        return (await self._dialogue(cache, key))["state"]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        cache = self._update_cache()
        if cache is None:
            await self._call(lambda: self.primary.set_data(key, data), lambda: self.fallback.set_data(key, data))
            return
        dialogue = await self._dialogue(cache, key)
        dialogue["data"] = copy.deepcopy(dict(data))  # shares nothing with the caller (see SqlStorage.set_data)
        dialogue["changed"].add("data")

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        cache = self._update_cache()
        if cache is None:
            return await self._call(lambda: self.primary.get_data(key), lambda: self.fallback.get_data(key))
        return copy.deepcopy(dict((await self._dialogue(cache, key))["data"]))

    async def close(self) -> None:
        await self.primary.close()
        await self.fallback.close()


def redis_outage(exc: BaseException) -> bool:
    return isinstance(exc, (OSError, ConnectionError, TimeoutError)) or type(exc).__module__.startswith("redis")


# Whether the update being handled holds its chat's cross-replica (Redis) lock: None outside
# a ChatIsolation with Redis, False while Redis is unreachable. The update middleware then
# takes the chat's PostgreSQL advisory lock instead (`database_lock_needed`).
_shared_lock_held: ContextVar[bool | None] = ContextVar("shared_chat_lock_held", default=None)


def database_lock_needed() -> bool:
    """True inside `ChatIsolation.lock` when Redis is configured but unreachable: replicas must
    then keep the chat's updates apart through the database."""
    return _shared_lock_held.get() is False


def lock_contention(exc: BaseException) -> bool:
    """A lock held by another replica too long (or expired under us): Redis itself answers."""
    try:
        from redis.exceptions import LockError
    except ImportError:  # pragma: no cover - redis is a dependency
        return False
    return isinstance(exc, LockError)


class _LocalLocks:
    """One asyncio lock per chat in this process, kept only while an update holds or awaits it
    (aiogram's SimpleEventIsolation keeps a lock for every chat ever seen)."""

    def __init__(self) -> None:
        self._locks: dict[Any, list] = {}  # key -> [lock, updates holding or waiting]

    def __len__(self) -> int:
        return len(self._locks)

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncIterator[None]:
        entry = self._locks.get(key)
        if entry is None:
            entry = self._locks[key] = [asyncio.Lock(), 0]
        entry[1] += 1
        try:
            async with entry[0]:
                yield
        finally:
            entry[1] -= 1
            if entry[1] == 0 and self._locks.get(key) is entry:
                del self._locks[key]

    async def close(self) -> None:
        self._locks.clear()


class ChatIsolation(BaseEventIsolation):
    """Updates of one chat are handled one at a time: the next waits until the previous one
    committed, so a quick second tap never reads the dialogue step before the first one's.

    Within a process an asyncio lock per chat (dropped when no update holds or awaits it);
    across replicas also a Redis lock when Redis is configured. While Redis is unreachable
    the Redis lock is skipped (one warning; retried after `retry_after` seconds) and the
    update middleware takes the chat's PostgreSQL advisory lock instead (`database_lock_needed`).
    A lock that another replica holds longer than `blocking_timeout` is contention, not an
    outage: that one update goes on without it (a warning), Redis stays in use for all others.
    """

    def __init__(self, redis: Any | None = None, *, retry_after: float = 5.0, blocking_timeout: float = 30.0) -> None:
        from aiogram.fsm.storage.redis import RedisEventIsolation

        self.local = _LocalLocks()
        # sleep: how often a waiting update retries the lock (redis-py polls; its default is 0.1 s).
        lock_kwargs = {"timeout": 60, "blocking_timeout": blocking_timeout, "sleep": 0.005}
        self.shared = RedisEventIsolation(redis, lock_kwargs=lock_kwargs) if redis is not None else None
        self.retry_after = retry_after
        self._down_since: float | None = None

    def _shared_usable(self) -> bool:
        return self.shared is not None and (
            self._down_since is None or time.monotonic() - self._down_since > self.retry_after
        )

    def _mark_down(self, exc: BaseException) -> None:
        if self._down_since is None:
            logging.getLogger(__name__).warning(
                "Redis lock unavailable (%s); per-process locks, and the database's chat lock on PostgreSQL", exc
            )
        self._down_since = time.monotonic()

    @asynccontextmanager
    async def _quietly(self, lock):
        await lock.__aenter__()
        self._down_since = None
        try:
            yield
        finally:
            try:
                await lock.__aexit__(None, None, None)
            except Exception as exc:  # noqa: BLE001 - a lost Redis must not fail a committed update
                if lock_contention(exc):
                    logging.getLogger(__name__).warning("chat lock expired before the update ended (%s)", exc)
                elif redis_outage(exc):
                    self._mark_down(exc)
                else:
                    raise

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(self.local.lock(key))
            held: bool | None = None
            if self.shared is not None:
                held = False
                if self._shared_usable():
                    try:
                        await stack.enter_async_context(self._quietly(self.shared.lock(key)))
                        held = True
                    except Exception as exc:  # noqa: BLE001
                        if lock_contention(exc):
                            # Another replica has held this chat for `blocking_timeout` seconds:
                            # Redis answers, so this is no outage; the database lock would not
                            # help either (the other replica does not hold it).
                            logging.getLogger(__name__).warning(
                                "chat %s: lock still held by another replica after the wait (%s); "
                                "this update goes on without it",
                                key.chat_id,
                                exc,
                            )
                            held = None
                        elif redis_outage(exc):
                            self._mark_down(exc)
                        else:
                            raise
            token = _shared_lock_held.set(held)
            try:
                yield
            finally:
                _shared_lock_held.reset(token)

    async def close(self) -> None:
        await self.local.close()
