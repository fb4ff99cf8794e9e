"""Query functions: keyword-only arguments, take a session, never commit.

Consent writes (grants, withdrawals, stage changes) are in bot/consent/ledger.py, erasure in
bot/consent/erasure.py; here the reads they share and everything else.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import BigInteger, String, bindparam, event, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.sql.expression import CTE

from storage.models import (
    Category,
    ConsentEvent,
    Customer,
    CustomerInterest,
    FsmRecord,
    KeyValue,
    Outbox,
    Referral,
    ScopeState,
    Staff,
    StageChange,
)
from storage.types import utcnow


async def get_customer(session: AsyncSession, *, customer_id: int) -> Customer | None:
    return await session.get(Customer, customer_id)


# What a session remembers for the rest of an update (in `session.info`): staff roles by user
# id, and dialogue rows (or None) by FSM key (see storage/fsm.py).
_ROLES = "staff_roles"
FSM_ROWS = "fsm_rows"

# The statements run on every update are built once: building a select and its cache key
# costs more than running it through SQLAlchemy's compiled cache.
# They start from the user id itself, not from the customer row: on first contact (no customer
# yet) the one row still brings the staff role (staff may be added before they write) and the
# dialogue state, instead of two more queries.
# The customer's scope states come along too (one row per state, none: one row with NULLs):
# most updates read them (the consent buttons, /preferences, "stop"), and a statement of its
# own cost about as much CPU as the rest of the query.
_WHO = select(bindparam("user_id", type_=BigInteger).label("id")).subquery("who")
_CUSTOMER_AND_ROLE = (
    select(Customer, Staff.role, ScopeState)
    .select_from(_WHO)
    .outerjoin(Customer, Customer.id == _WHO.c.id)
    .outerjoin(Staff, Staff.user_id == _WHO.c.id)
    .outerjoin(ScopeState, ScopeState.customer_id == Customer.id)
)
_CUSTOMER_ROLE_DIALOGUE = _CUSTOMER_AND_ROLE.add_columns(FsmRecord).outerjoin(
    FsmRecord, FsmRecord.key == bindparam("key")
)
_SCOPE_STATES = select(ScopeState).where(ScopeState.customer_id == bindparam("customer_id"))

# Web replicas that share only the database handle one chat's updates one at a time through a
# transaction-level advisory lock: the commit or rollback releases it, and a connection that
# dies takes it along. The two-key form: its key space does not overlap the one-key form the
# scheduler's standby lock uses (bot/delivery/coordination.py).
# Sent as the driver's own SQL: nothing to compile or map, and this runs on every update.
_CHAT_LOCK = "SELECT pg_advisory_xact_lock($1, $2)"


def chat_lock_keys(chat_id: int) -> dict[str, int]:
    """A Telegram chat id (up to 52 bits, negative for groups) as two signed 32-bit lock keys."""
    low = chat_id & 0xFFFF_FFFF
    return {"high": chat_id >> 32, "low": low - (1 << 32) if low >= 1 << 31 else low}


async def lock_chat(session: AsyncSession, *, chat_id: int) -> None:
    """Wait until no other transaction holds this chat (PostgreSQL only); held until this one ends."""
    keys = chat_lock_keys(chat_id)
    await (await session.connection()).exec_driver_sql(_CHAT_LOCK, (keys["high"], keys["low"]))


# `last_seen_at` serves lifecycle rules counted in days and months: writing it on every
# update would add an UPDATE to most updates for nothing.
LAST_SEEN_RESOLUTION = timedelta(minutes=10)


async def get_or_create_customer(
    session: AsyncSession,
    *,
    user_id: int,
    first_name: str | None,
    username: str | None,
    language: str,
    dialogue_key: str | None = None,
) -> tuple[Customer, bool]:
    """The customer of an update (created on first contact), in one query with their staff role
    (remembered for `staff_role` for the rest of the session) and, given `dialogue_key`, their
    stored dialogue state (remembered for the database FSM storage), and their scope states
    (remembered for the rest of the transaction, see `scope_states`)."""
    if dialogue_key is None:
        rows = (await session.execute(_CUSTOMER_AND_ROLE, {"user_id": user_id})).all()
    else:
        rows = (await session.execute(_CUSTOMER_ROLE_DIALOGUE, {"user_id": user_id, "key": dialogue_key})).all()
    now = utcnow()
    row = rows[0]
    customer = row[0]
    session.info.setdefault(_ROLES, {})[user_id] = row[1]
    if dialogue_key is not None:
        session.info.setdefault(FSM_ROWS, {})[dialogue_key] = row[3]
    # A new customer has no states yet; the map then starts empty for the consent they give now.
    session.info.setdefault(_STATES, {})[user_id] = {
        state.scope: state for _, _, state, *_ in rows if state is not None
    }
    if customer is not None:
        if now - customer.last_seen_at >= LAST_SEEN_RESOLUTION:
            customer.last_seen_at = now
        # Set only what changed: an attribute set even to its own value makes the customer
        # dirty, and the commit's flush then compares every column for nothing (~0.15 ms).
        if customer.forgotten_at is None:
            if customer.username != username:
                customer.username = username
            if customer.first_name != first_name:
                customer.first_name = first_name
        return customer, False
    customer = Customer(
        id=user_id,
        first_name=first_name,
        username=username,
        language=language,
        stage="stranger",
        created_at=now,
        last_seen_at=now,
    )
    if session.get_bind().dialect.name == "postgresql":
        # The customer row and its first history row in one statement; the object is then held as loaded.
        await session.execute(
            _NEW_CUSTOMER,
            {name: getattr(customer, name) for name in _CUSTOMER_COLUMNS}
            | {"from_stage": None, "to_stage": "stranger", "reason": "first_contact", "at": now},
        )
        make_transient_to_detached(customer)
        session.add(customer)
        return customer, True
    session.add(customer)
    await session.flush()
    session.add(StageChange(customer_id=user_id, from_stage=None, to_stage="stranger", reason="first_contact"))
    return customer, True


def with_history(customer_row: CTE) -> Any:
    """One statement: `customer_row` (a CTE writing a customer row and returning its id), then the
    stage history row of that change (parameters from_stage, to_stage, reason, at)."""
    return insert(StageChange.__table__).from_select(
        ["customer_id", "from_stage", "to_stage", "reason", "at"],
        select(
            customer_row.c.id,
            bindparam("from_stage", type_=String),
            bindparam("to_stage", type_=String),
            bindparam("reason", type_=String),
            bindparam("at", type_=StageChange.__table__.c.at.type),
        ),
    )


_CUSTOMER_COLUMNS = tuple(column.name for column in Customer.__table__.columns)
_NEW_CUSTOMER = with_history(
    insert(Customer.__table__)
    .values({name: bindparam(name) for name in _CUSTOMER_COLUMNS})
    .returning(Customer.__table__.c.id)
    .cte("new_customer")
)


async def staff_role(session: AsyncSession, *, user_id: int) -> str | None:
    """The stored staff role of a user, once per session (the staff filters of several routers ask)."""
    roles = session.info.setdefault(_ROLES, {})
    if user_id not in roles:
        staff = await session.get(Staff, user_id)
        roles[user_id] = staff.role if staff else None
    return roles[user_id]


# A customer's scope states, read once per transaction (`session.info`): the consent buttons
# read them, change one, and show them all again in the same update. record_consent (bot/consent/ledger.py)
# keeps the map current; it is dropped when the transaction (or a savepoint) ends, so nothing read in
# one transaction is trusted in the next.
_STATES = "scope_states"


@event.listens_for(Session, "after_transaction_end")
def _forget_scope_states(session: Session, transaction) -> None:
    if transaction.parent is None or transaction.nested:  # not the inner transaction of each flush
        session.info.pop(_STATES, None)


async def scope_states(session: AsyncSession, *, customer_id: int) -> dict[str, ScopeState]:
    known = session.info.setdefault(_STATES, {})
    states = known.get(customer_id)
    if states is None:
        rows = await session.execute(_SCOPE_STATES, {"customer_id": customer_id})
        states = known[customer_id] = {state.scope: state for state in rows.scalars()}
    return states


async def granted_scopes(session: AsyncSession, *, customer_id: int) -> set[str]:
    states = await scope_states(session, customer_id=customer_id)
    return {scope for scope, state in states.items() if state.granted}


async def scopes_from_ledger(session: AsyncSession, *, customer_id: int) -> set[str]:
    """The permission state replayed from the append-only ledger (the source of truth)."""
    rows = await session.execute(
        select(ConsentEvent.scope, ConsentEvent.action)
        .where(ConsentEvent.customer_id == customer_id)
        .order_by(ConsentEvent.id)
    )
    state: dict[str, bool] = {}
    for scope, action in rows:
        state[scope] = action == "grant"
    return {scope for scope, on in state.items() if on}


async def record_referral(session: AsyncSession, *, friend: Customer, code: str) -> bool:
    """Store who referred a new customer (from a `ref_<code>` deep link)."""
    referrer = (await session.execute(select(Customer).where(Customer.ref_code == code))).scalar_one_or_none()
    if referrer is None or referrer.id == friend.id:
        return False
    if (await session.execute(select(Referral.id).where(Referral.friend_id == friend.id))).first():
        return False
    friend.referrer_id = referrer.id
    session.add(Referral(referrer_id=referrer.id, friend_id=friend.id, payload=f"ref_{code}"))
    return True


async def ensure_ref_code(session: AsyncSession, *, customer: Customer) -> str:
    if not customer.ref_code:
        customer.ref_code = secrets.token_urlsafe(8).replace("-", "x").replace("_", "y")
    return customer.ref_code


async def categories(session: AsyncSession, *, active_only: bool = True) -> list[Category]:
    query = select(Category).order_by(Category.id)
    if active_only:
        query = query.where(Category.active.is_(True))
    return list((await session.execute(query)).scalars())


_CATEGORIES_CHOSEN = (
    select(Category, CustomerInterest.category_id)
    .outerjoin(
        CustomerInterest,
        (CustomerInterest.category_id == Category.id) & (CustomerInterest.customer_id == bindparam("customer_id")),
    )
    .order_by(Category.id)
)
_ACTIVE_CATEGORIES_CHOSEN = _CATEGORIES_CHOSEN.where(Category.active.is_(True))


async def categories_chosen(
    session: AsyncSession, *, customer_id: int, active_only: bool = True
) -> tuple[list[Category], set[int]]:
    """The categories (as `categories`) and which of them the customer chose, in one query."""
    query = _ACTIVE_CATEGORIES_CHOSEN if active_only else _CATEGORIES_CHOSEN
    rows = (await session.execute(query, {"customer_id": customer_id})).all()
    return [category for category, _ in rows], {chosen for _, chosen in rows if chosen is not None}


async def interest_ids(session: AsyncSession, *, customer_id: int) -> set[int]:
    rows = await session.execute(
        select(CustomerInterest.category_id).where(CustomerInterest.customer_id == customer_id)
    )
    return {row[0] for row in rows}


async def toggle_interest(session: AsyncSession, *, customer_id: int, category_id: int) -> bool:
    """Flip one interest; returns whether it is now selected."""
    link = await session.get(CustomerInterest, (customer_id, category_id))
    if link is None:
        session.add(CustomerInterest(customer_id=customer_id, category_id=category_id))
        return True
    await session.delete(link)
    return False


async def consent_history(session: AsyncSession, *, customer_id: int) -> list[ConsentEvent]:
    rows = await session.execute(
        select(ConsentEvent).where(ConsentEvent.customer_id == customer_id).order_by(ConsentEvent.id)
    )
    return list(rows.scalars())


async def stage_history(session: AsyncSession, *, customer_id: int) -> list[StageChange]:
    rows = await session.execute(
        select(StageChange).where(StageChange.customer_id == customer_id).order_by(StageChange.id)
    )
    return list(rows.scalars())


async def sent_messages(session: AsyncSession, *, customer_id: int) -> list[Outbox]:
    rows = await session.execute(
        select(Outbox).where(Outbox.customer_id == customer_id, Outbox.sent_at.is_not(None)).order_by(Outbox.sent_at)
    )
    return list(rows.scalars())


async def get_value(session: AsyncSession, *, key: str) -> str | None:
    row = await session.get(KeyValue, key)
    return row.value if row else None


async def set_value(session: AsyncSession, *, key: str, value: str) -> None:
    row = await session.get(KeyValue, key)
    if row is None:
        session.add(KeyValue(key=key, value=value))
    else:
        row.value = value


async def count_customers(session: AsyncSession) -> int:
    return (await session.execute(select(func.count()).select_from(Customer))).scalar_one()
