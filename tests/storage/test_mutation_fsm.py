"""Redis is used again after an outage (kills mutants of storage/fsm.py): the dialogue storage and
the chat lock fall back while Redis is down, retry it after `retry_after` seconds, and go back
to it as soon as it answers; an error that is not an outage is not hidden."""

import logging
from types import SimpleNamespace

import pytest

import storage.fsm as fsm
from storage.fsm import ChatIsolation, ResilientStorage


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(fsm, "time", SimpleNamespace(monotonic=lambda: now[0]))
    return now


class Redis:
    def __init__(self):
        self.up = True
        self.calls = 0

    async def __call__(self):
        self.calls += 1
        if not self.up:
            raise ConnectionError("Connection refused")
        return "from redis"


async def from_database():
    return "from database"


async def test_dialogues_go_back_to_redis_after_an_outage(clock, caplog):
    storage = ResilientStorage(primary=None, fallback=None, retry_after=5.0)
    redis = Redis()
    assert await storage._call(redis, from_database) == "from redis"
    redis.up = False
    with caplog.at_level(logging.WARNING, logger="storage.fsm"):
        assert await storage._call(redis, from_database) == "from database"
    (record,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert record.name == "storage.fsm"
    assert record.getMessage() == (
        "Redis FSM storage unavailable (Connection refused); using the database until it returns"
    )
    assert storage._down_since == 1000.0
    calls = redis.calls
    clock[0] += 5.0  # within retry_after: Redis is not even tried
    assert await storage._call(redis, from_database) == "from database" and redis.calls == calls
    clock[0] += 0.5  # past it: tried again, still down, and the wait starts again from now
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="storage.fsm"):
        assert await storage._call(redis, from_database) == "from database" and redis.calls == calls + 1
    assert caplog.text == ""  # one warning per outage, not one per try
    assert storage._down_since == 1005.5
    redis.up = True
    clock[0] += 3
    assert await storage._call(redis, from_database) == "from database"  # 3 s after the last try: not yet
    clock[0] += 3
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="storage.fsm"):
        assert await storage._call(redis, from_database) == "from redis"  # back
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("storage.fsm", logging.INFO, "Redis FSM storage is back")
    ]
    assert storage._down_since is None
    assert await storage._call(redis, from_database) == "from redis"


async def test_an_error_that_is_not_an_outage_is_raised(clock):
    storage = ResilientStorage(primary=None, fallback=None)

    async def broken():
        raise ValueError("a bug, not an outage")

    with pytest.raises(ValueError):
        await storage._call(broken, from_database)
    assert storage._down_since is None


def test_redis_outage_and_contention_are_told_apart():
    from redis.exceptions import ConnectionError as RedisConnectionError, LockError

    assert fsm.redis_outage(ConnectionRefusedError()) and fsm.redis_outage(TimeoutError())
    assert fsm.redis_outage(RedisConnectionError("down"))
    assert not fsm.redis_outage(ValueError("x"))
    assert fsm.lock_contention(LockError("held")) and not fsm.lock_contention(ConnectionError())


def test_the_chat_lock_uses_redis_again_after_an_outage(clock, caplog):
    isolation = ChatIsolation(redis=object(), retry_after=5.0)
    assert isolation._shared_usable()
    with caplog.at_level(logging.WARNING, logger="storage.fsm"):
        isolation._mark_down(ConnectionError("refused"))
    (record,) = caplog.records
    assert (record.name, record.getMessage()) == (
        "storage.fsm",
        "Redis lock unavailable (refused); per-process locks, and the database's chat lock on PostgreSQL",
    )
    assert isolation._down_since == 1000.0 and not isolation._shared_usable()
    clock[0] += 5.0
    assert not isolation._shared_usable()
    clock[0] += 0.1
    assert isolation._shared_usable()  # tried again
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="storage.fsm"):
        isolation._mark_down(ConnectionError("still refused"))
    assert caplog.text == "" and isolation._down_since == 1005.1  # one warning per outage; waits anew
    assert ChatIsolation(redis=None)._shared_usable() is False  # no Redis configured: never


async def test_a_lock_taken_ends_the_outage(clock):
    isolation = ChatIsolation(redis=object(), retry_after=5.0)
    isolation._mark_down(ConnectionError("refused"))
    clock[0] += 6

    class Lock:
        entered = exited = False

        async def __aenter__(self):
            Lock.entered = True

        async def __aexit__(self, *exc):
            Lock.exited = True

    async with isolation._quietly(Lock()):
        assert isolation._down_since is None
    assert Lock.entered and Lock.exited


async def test_a_release_lost_to_an_outage_marks_redis_down(clock):
    isolation = ChatIsolation(redis=object(), retry_after=5.0)

    class Lock:
        async def __aenter__(self):
            pass

        async def __aexit__(self, *exc):
            raise ConnectionError("gone")

    async with isolation._quietly(Lock()):
        pass
    assert isolation._down_since == 1000.0
