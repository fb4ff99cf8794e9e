"""Engine and session factories. Nothing is created at import time."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

# Updates handled at once per process, each holding one database connection (bot/middlewares.py).
POOL_SIZE = 16
log = logging.getLogger(__name__)
ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg", "postgres": "postgresql+asyncpg"}


def async_url(url: str) -> str:
    """Turn a plain URL (`sqlite:///x.db`, `postgresql://u@h/db`) into its async-driver form."""
    parsed = make_url(url)
    backend = parsed.drivername.split("+", 1)[0]
    if backend not in ASYNC_DRIVERS:
        raise ValueError(f"unsupported database {backend!r}")
    return parsed.set(drivername=ASYNC_DRIVERS[backend]).render_as_string(hide_password=False)


def create_engine(url: str, **kwargs) -> AsyncEngine:
    full = async_url(url)
    parsed = make_url(full)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"timeout": 30})
        engine = create_async_engine(full, **kwargs)
        _sqlite_pragmas(engine)
        return engine
    # No pool_pre_ping: with asyncpg it costs three round trips per checkout (BEGIN, a ping,
    # ROLLBACK), on every update. A connection that died with a database restart fails its
    # first statement instead; SQLAlchemy then invalidates the pool, the update middleware
    # retries the update once, and the sender's and scheduler's loops retry their round.
    # As many pooled connections as updates may hold at once (bot/middlewares.py), plus a few
    # for the sender and the scheduler. A connection over pool_size is closed when returned, so
    # a pool smaller than the updates in flight would open and close connections on every burst
    # (each a server process start, asyncpg's setup and every statement prepared again), just
    # when the bot is busiest.
    kwargs.setdefault("pool_size", POOL_SIZE)
    kwargs.setdefault("max_overflow", 4)
    return create_async_engine(full, **kwargs)


async def warm_pool(engine: AsyncEngine, size: int = POOL_SIZE) -> None:
    """Open the pool's connections before the first update (PostgreSQL; SQLite has no server):
    the first burst then meets ready connections instead of opening them one by one."""
    if engine.dialect.name != "postgresql":
        return
    held = []
    try:
        for _ in range(size):
            held.append(await engine.connect())
            await held[-1].exec_driver_sql("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - not fatal: updates open connections as they need them
        log.warning("could not open the database pool ahead of the first update: %s", exc)
    finally:
        for conn in held:
            await conn.close()


def _sqlite_pragmas(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # aiosqlite opens transactions itself; make them BEGIN IMMEDIATE-free but
        # safe for concurrent readers (WAL) and enforce foreign keys.
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()


@asynccontextmanager
async def savepoint(session: AsyncSession) -> AsyncIterator[None]:
    """`session.begin_nested()` that stays inside the session's transaction on SQLite too.

    Python's sqlite3 opens its transaction only before the first INSERT/UPDATE/DELETE, so a
    SAVEPOINT issued before any write starts a transaction of its own, and its RELEASE commits
    it: a later rollback of the update (or of an import's dry run) would not undo what the
    savepoint wrote. A write that changes nothing first makes sqlite3 open the real transaction.
    (SQLAlchemy's documented fix, emitting BEGIN on every transaction, would also open one for
    every read and make concurrent writers fail at once instead of waiting.)
    """
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(text("DELETE FROM key_value WHERE 1 = 0"))
    async with session.begin_nested():
        yield


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
