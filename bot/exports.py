"""The owner's CSV exports (/export): the consent ledger and the customers of a segment.

Every cell that a spreadsheet program would read as a formula is neutralised (OWASP "CSV
Injection"): a text starting with `=`, `+`, `-`, `@`, TAB or CR (or the full-width `＝＋－＠`
some spreadsheets also accept) gets a leading single quote, and every cell is quoted. A first
name of `=HYPERLINK("http://x","y")` then arrives as the text `'=HYPERLINK(...)`, not a link.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ConsentEvent, Customer, CustomerWording, ScopeState

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet shows it as text (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue().encode()


async def ledger_csv(session: AsyncSession) -> bytes:
    """Every ledger row; `customer_words` is what the customer wrote (until they erased it)."""
    rows = await session.execute(
        select(ConsentEvent, CustomerWording)
        .outerjoin(CustomerWording, CustomerWording.id == ConsentEvent.customer_wording_id)
        .order_by(ConsentEvent.id)
    )
    columns = [
        "id",
        "customer_id",
        "scope",
        "action",
        "at",
        "method",
        "message_id",
        "text_id",
        "wording",
        "language",
        "customer_words",
    ]

    def words(w: CustomerWording | None) -> str:
        if w is None:
            return ""
        return w.text if w.erased_at is None else f"[erased {w.erased_at:%Y-%m-%d}]"

    return csv_bytes(
        columns,
        (
            [
                e.id,
                e.customer_id,
                e.scope,
                e.action,
                e.at.isoformat(),
                e.method,
                e.message_id or "",
                e.text_id or "",
                e.wording or "",
                e.language,
                words(w) or "",
            ]
            for e, w in rows
        ),
    )


async def customers_csv(session: AsyncSession, customer_ids: list[int]) -> bytes:
    scopes: dict[int, list[str]] = {}
    for cid, scope in await session.execute(
        select(ScopeState.customer_id, ScopeState.scope).where(ScopeState.granted.is_(True))
    ):
        scopes.setdefault(cid, []).append(scope)
    wanted = set(customer_ids)
    customers = (c for c in (await session.execute(select(Customer).order_by(Customer.id))).scalars() if c.id in wanted)
    return csv_bytes(
        ["id", "name", "language", "stage", "scopes", "purchases", "last_seen_at"],
        (
            [
                c.id,
                c.name or c.first_name or "",
                c.language,
                c.stage,
                " ".join(sorted(scopes.get(c.id, []))),
                c.purchases_count,
                c.last_seen_at.isoformat(),
            ]
            for c in customers
        ),
    )
