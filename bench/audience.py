"""Audience selection: today's birthday recipients among 1,000,000 customers.

Consent (the `birthday` scope), each customer's time zone, quiet hours and the weekly cap
are applied. Target: <= 2 s on SQLite and on PostgreSQL. Prints the figures.

    .venv/bin/python bench/audience.py [--customers 1000000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from bot.delivery.audience import birthday_audience  # noqa: E402
from storage.db import create_engine, session_factory  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

ZONES = [
    "UTC",
    "Europe/Kyiv",
    "Europe/Warsaw",
    "Europe/London",
    "America/New_York",
    "Asia/Tokyo",
    "Pacific/Auckland",
    "America/Los_Angeles",
]


def fill_sql(n: int, dialect: str) -> list[str]:
    if dialect == "sqlite":
        series = f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s"
        now = "CURRENT_TIMESTAMP"
    else:
        series = f"SELECT i FROM generate_series(1, {n}) AS i"
        now = "now()"
    zone = "CASE (i / 3 + i / 997) % {} {} END".format(
        len(ZONES), " ".join(f"WHEN {k} THEN '{z}'" for k, z in enumerate(ZONES))
    )
    return [
        f"INSERT INTO customer (id, language, stage, reachable, purchases_count, created_at, last_seen_at, "
        f"birthday_month, birthday_day, timezone, quiet_start, quiet_end) "
        f"SELECT i, 'en', 'friend', true, 0, {now}, {now}, 1 + (i / 56) % 12, 1 + (i / 2) % 28, {zone}, "
        f"CASE WHEN i % 5 = 0 THEN 1320 END, CASE WHEN i % 5 = 0 THEN 480 END FROM ({series}) AS g",
        f"INSERT INTO consent_event (id, customer_id, scope, action, at, method, language) "
        f"SELECT i, i, 'birthday', 'grant', {now}, 'button', 'en' FROM ({series}) AS g WHERE i % 2 = 0",
        "INSERT INTO scope_state (customer_id, scope, granted, since, event_id) "
        "SELECT customer_id, scope, true, at, id FROM consent_event",
    ]


async def run(url: str, n: int, label: str) -> None:
    engine = create_engine(url)
    dialect = engine.dialect.name
    started = time.perf_counter()
    async with engine.begin() as conn:
        for statement in fill_sql(n, dialect):
            await conn.execute(text(statement))
        await conn.execute(text("ANALYZE"))
    print(f"{label}: generated {n:,} customers in {time.perf_counter() - started:.1f} s")
    sessions = session_factory(engine)
    at = datetime(2027, 5, 4, 15, 0, tzinfo=timezone.utc)
    timings = []
    for _ in range(3):
        async with sessions() as session:
            t0 = time.perf_counter()
            result = await birthday_audience(session, at=at, hour=10, default_tz="UTC", default_cap=3)
            timings.append(time.perf_counter() - t0)
    sends = sum(1 for _, action in result if action == "send")
    postponed = sum(1 for _, action in result if action == "postpone")
    print(
        f"{label}: today's birthday recipients among {n:,}: {len(result):,} targets "
        f"({sends:,} send now, {postponed:,} postponed by quiet hours); "
        f"selection {min(timings):.3f} s best, {max(timings):.3f} s worst of 3 (target <= 2 s)"
    )
    await engine.dispose()


def reset_postgres(url: str) -> None:
    async def go():
        engine = create_engine(url)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()

    asyncio.run(go())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        asyncio.run(run(url, args.customers, "SQLite"))
    if args.postgres:
        try:
            reset_postgres(args.postgres)
        except OSError as exc:
            print(f"PostgreSQL: skipped, {args.postgres} does not answer ({exc})")
            return
        upgrade(args.postgres)
        asyncio.run(run(args.postgres, args.customers, "PostgreSQL"))
        reset_postgres(args.postgres)
    else:
        print("PostgreSQL: skipped (set BENCH_DATABASE_URL or --postgres to include it)")


if __name__ == "__main__":
    main()
