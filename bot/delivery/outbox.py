"""Writing to the outbox. Jobs never call Telegram: they write rows with an idempotency key
(customer, kind, occasion), unique in the database, so re-running or overlapping jobs
cannot duplicate a message."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Outbox
from storage.types import utcnow


def idem_key(customer_id: int, kind: str, occasion: str) -> str:
    return f"{customer_id}:{kind}:{occasion}"


async def enqueue_many(session: AsyncSession, rows: list[dict]) -> int:
    """Insert outbox rows, skipping any whose idempotency key exists; returns how many were new."""
    if not rows:
        return 0
    now = utcnow()
    values = [
        {
            "customer_id": r["customer_id"],
            "kind": r["kind"],
            "idem_key": r["idem_key"],
            "payload": r.get("payload", {}),
            "status": "pending",
            "not_before": r.get("not_before") or now,
            "attempts": 0,
            "created_at": now,
            "campaign_id": r.get("campaign_id"),
            "variant": r.get("variant"),
        }
        for r in rows
    ]
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    added = 0
    for start in range(0, len(values), 1000):
        stmt = insert(Outbox).values(values[start : start + 1000]).on_conflict_do_nothing(index_elements=["idem_key"])
        result = await session.execute(stmt)
        added += result.rowcount or 0
    return added


async def enqueue(
    session: AsyncSession,
    *,
    customer_id: int,
    kind: str,
    occasion: str,
    payload: dict | None = None,
    not_before: datetime | None = None,
    campaign_id: int | None = None,
    variant: str | None = None,
) -> bool:
    return bool(
        await enqueue_many(
            session,
            [
                {
                    "customer_id": customer_id,
                    "kind": kind,
                    "idem_key": idem_key(customer_id, kind, occasion),
                    "payload": payload or {},
                    "not_before": not_before,
                    "campaign_id": campaign_id,
                    "variant": variant,
                }
            ],
        )
    )
