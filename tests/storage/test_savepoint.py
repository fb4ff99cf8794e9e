"""A savepoint is part of the update's transaction on every database: rolled back with it."""

from __future__ import annotations

from sqlalchemy import select

from storage.db import savepoint
from storage.models import KeyValue


async def test_a_rollback_undoes_what_a_savepoint_wrote(sessions):
    async with sessions() as session:
        await session.execute(select(KeyValue))  # a read first: sqlite3 has opened no transaction yet
        async with savepoint(session):
            session.add(KeyValue(key="savepoint-test", value="written"))
            await session.flush()
        await session.rollback()
    async with sessions() as session:
        assert (await session.get(KeyValue, "savepoint-test")) is None


async def test_a_commit_keeps_what_a_savepoint_wrote(sessions):
    async with sessions() as session:
        async with savepoint(session):
            session.add(KeyValue(key="savepoint-kept", value="written"))
            await session.flush()
        await session.commit()
    async with sessions() as session:
        assert (await session.get(KeyValue, "savepoint-kept")).value == "written"
