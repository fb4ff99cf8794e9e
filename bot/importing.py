"""`python -m bot import purchases FILE.csv [--dry-run]`: purchases from a shop without the API.

The file is CSV (UTF-8, a BOM allowed; comma, semicolon or tab, recognised) with a header line:

| column | required | meaning |
| --- | --- | --- |
| `order_id` | yes | the shop's order id, at most 128 characters: importing it again adds nothing |
| `customer` | yes | the customer's Telegram id, or the shop's customer id linked with a deep link |
| `product` | yes | what was bought, at most 128 characters |
| `purchased_at` | no | ISO-8601 time (`2026-05-01T10:00:00+02:00`; UTC without an offset, a date alone at 00:00 UTC); default: now |
| `amount` | no | a number (a decimal point or comma) |

Each line is recorded like `/purchase` and `POST /v1/purchases` (bot/purchases.py): the stage
changes and the feedback request is scheduled only where `feedback` is granted.

**One transaction per line**, not all-or-nothing per file: a month of orders with one mistyped
line imports every good line, and the report lists the bad ones with their line numbers. After
fixing them the same file can simply be imported again: the lines already imported are known by
their order id and add nothing. (All-or-nothing would make one bad line block the whole month,
and a long transaction would hold locks on the customers' rows meanwhile.) `--dry-run` checks
every line the same way, in a transaction that is rolled back: the report is what a real run
would do, and nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.purchases import OrderConflict, record_purchase
from storage.models import Customer, ShopCustomer

COLUMNS = ("order_id", "customer", "product", "purchased_at", "amount")
REQUIRED = ("order_id", "customer", "product")
ORDER_ID = re.compile(r"[^\x00-\x1f\x7f]{1,128}")


class LineError(ValueError):
    """What is wrong with one line (shown with its line number)."""


@dataclass
class ImportReport:
    lines: int = 0
    added: int = 0
    already: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    feedback_scheduled: int = 0

    def summary(self, *, dry_run: bool) -> str:
        verb = "would be added" if dry_run else "added"
        text = (
            f"{self.lines} line(s): {self.added} purchase(s) {verb}, {self.already} already imported, "
            f"{len(self.errors)} with errors"
        )
        if self.feedback_scheduled:
            text += f"; {self.feedback_scheduled} feedback request(s) {'would be ' if dry_run else ''}scheduled"
        return text + (" (dry run: nothing was written)" if dry_run else "")


def parse_time(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        raise LineError(f"purchased_at: {value!r} is not an ISO-8601 time (e.g. 2026-05-01T10:00:00+02:00)") from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at


def parse_amount(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        amount = float(value.replace(",", "."))
    except ValueError:
        raise LineError(f"amount: {value!r} is not a number") from None
    if not amount >= 0 or amount == float("inf"):
        raise LineError(f"amount: {value!r} must be a number of 0 or more")
    return amount


async def find_customer(session: AsyncSession, ref: str) -> Customer:
    """A Telegram id of a customer who has talked to the bot, or a linked shop customer id."""
    by_telegram = await session.get(Customer, int(ref)) if ref.isdigit() and len(ref) <= 18 else None
    link = await session.get(ShopCustomer, ref)
    if by_telegram is not None and link is not None and link.customer_id != by_telegram.id:
        raise LineError(f"customer: {ref!r} is both a Telegram id and another customer's shop id")
    if by_telegram is not None:
        return by_telegram
    if link is not None:
        customer = await session.get(Customer, link.customer_id)
        if customer is not None:
            return customer
    raise LineError(f"customer: {ref!r} is neither the Telegram id of a customer of the bot nor a linked shop id")


def read_rows(text: str) -> tuple[list[str], Iterable[tuple[int, dict[str, str]]]]:
    """The header and (line number, row) of each data line."""
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    reader.fieldnames = header

    def rows() -> Iterable[tuple[int, dict[str, str]]]:
        for row in reader:
            if not any((v or "").strip() for k, v in row.items() if k is not None):
                continue  # an empty line
            yield reader.line_num, row

    return header, rows()


async def import_line(
    session: AsyncSession, settings: Settings, row: dict[str, str | None], *, line: int
) -> tuple[bool, bool]:
    """Record one line; returns (added, feedback scheduled). Raises LineError."""
    if row.get(None):  # type: ignore[call-overload]
        raise LineError(f"more cells than the header has columns ({len(row[None]) + len(row) - 1})")  # type: ignore[index]
    values = {k: (v or "").strip() for k, v in row.items() if k is not None}
    missing = [c for c in REQUIRED if not values.get(c)]
    if missing:
        raise LineError(f"{', '.join(missing)}: empty")
    order_id = values["order_id"]
    if not ORDER_ID.fullmatch(order_id):
        raise LineError("order_id: at most 128 characters, no control characters")
    if len(values["product"]) > 128:
        raise LineError("product: at most 128 characters")
    at = parse_time(values.get("purchased_at", ""))
    amount = parse_amount(values.get("amount", ""))
    customer = await find_customer(session, values["customer"])
    try:
        result = await record_purchase(
            session, settings, customer=customer, product=values["product"], amount=amount, order_id=order_id,
            source="csv", at=at,
        )  # fmt: skip
    except OrderConflict as exc:
        raise LineError(f"order_id: {exc}") from None
    except ValueError as exc:
        raise LineError(str(exc)) from None
    return result.created, result.created and result.feedback_scheduled


async def import_purchases(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> ImportReport:
    """Import a CSV file of purchases, one transaction per line (see the module's docstring)."""
    content = path.read_text(encoding="utf-8-sig")
    header, rows = read_rows(content)
    report = ImportReport()
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s) {', '.join(unknown)}")
        report.errors.append((1, f"header: {'; '.join(problems)}; the columns are {', '.join(COLUMNS)}"))
        return report
    items = list(rows)
    seen: set[str] = set()  # a dry run writes nothing: an order id twice in the file is counted once
    for line, row in progress(items) if progress else items:
        report.lines += 1
        order_id = (row.get("order_id") or "").strip()
        async with sessions() as session:
            # record_purchase's savepoint stays inside this transaction on SQLite too
            # (storage.db.savepoint), so a dry run or a bad line rolls back everything it wrote.
            transaction = await session.begin()
            try:
                added, scheduled = await import_line(session, settings, row, line=line)
            except LineError as exc:
                await transaction.rollback()
                report.errors.append((line, str(exc)))
                continue
            except Exception:
                await transaction.rollback()
                raise
            if dry_run:
                await transaction.rollback()
            else:
                await transaction.commit()
        if dry_run and added and order_id in seen:
            added = scheduled = False
        seen.add(order_id)
        report.added += added
        report.already += not added
        report.feedback_scheduled += scheduled
    return report


async def import_command(settings: Settings, args) -> int:
    """The CLI: prints a progress bar (stderr), the error report and the summary; exit 1 when a line failed."""
    from tqdm import tqdm

    from storage.db import create_engine, session_factory

    path = Path(args.file)
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    engine = create_engine(settings.database_url)
    try:

        def bar(items):
            return tqdm(items, desc="purchases", unit="line", file=sys.stderr, disable=None)

        try:
            report = await import_purchases(session_factory(engine), settings, path, dry_run=args.dry_run, progress=bar)
        except UnicodeDecodeError as exc:
            print(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})", file=sys.stderr)
            return 2
    finally:
        await engine.dispose()
    for line, problem in report.errors:
        print(f"line {line}: {problem}")
    print(report.summary(dry_run=args.dry_run))
    return 1 if report.errors else 0
