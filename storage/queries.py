"""Query functions: keyword-only arguments, take a session, never commit."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, String, bindparam, delete, event, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from storage.models import (
    BOT_WORDING_METHODS,
    SCOPES,
    AuditLog,
    Category,
    ConsentEvent,
    Customer,
    CustomerInterest,
    CustomerWording,
    Feedback,
    FsmRecord,
    KeyValue,
    Outbox,
    Purchase,
    Referral,
    ResponseEvent,
    SampleRequest,
    ScopeState,
    StageChange,
    Staff,
)
from storage.types import utcnow

ACTIVE_STAGES = ("friend", "customer", "loyal")


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
_CUSTOMER_AND_ROLE = (select(Customer, Staff.role, ScopeState).select_from(_WHO)
                      .outerjoin(Customer, Customer.id == _WHO.c.id)
                      .outerjoin(Staff, Staff.user_id == _WHO.c.id)
                      .outerjoin(ScopeState, ScopeState.customer_id == Customer.id))
_CUSTOMER_ROLE_DIALOGUE = (_CUSTOMER_AND_ROLE.add_columns(FsmRecord)
                           .outerjoin(FsmRecord, FsmRecord.key == bindparam("key")))
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


async def get_or_create_customer(session: AsyncSession, *, user_id: int, first_name: str | None,
                                 username: str | None, language: str,
                                 dialogue_key: str | None = None) -> tuple[Customer, bool]:
    """The customer of an update (created on first contact), in one query with their staff role
    (remembered for `staff_role` for the rest of the session) and, given `dialogue_key`, their
    stored dialogue state (remembered for the database FSM storage), and their scope states
    (remembered for the rest of the transaction, see `_scope_states`)."""
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
    session.info.setdefault(_STATES, {})[user_id] = {state.scope: state for _, _, state, *_ in rows
                                                      if state is not None}
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
    customer = Customer(id=user_id, first_name=first_name, username=username, language=language,
                        stage="stranger", created_at=now, last_seen_at=now)
    if session.get_bind().dialect.name == "postgresql":
        # The customer row and its first history row in one statement; the object is then held as loaded.
        await session.execute(_NEW_CUSTOMER, {name: getattr(customer, name) for name in _CUSTOMER_COLUMNS}
                              | {"from_stage": None, "to_stage": "stranger", "reason": "first_contact", "at": now})
        make_transient_to_detached(customer)
        session.add(customer)
        return customer, True
    session.add(customer)
    await session.flush()
    session.add(StageChange(customer_id=user_id, from_stage=None, to_stage="stranger", reason="first_contact"))
    return customer, True


def _with_history(customer_row):
    """One statement: `customer_row` (a CTE writing a customer row and returning its id), then the
    stage history row of that change (parameters from_stage, to_stage, reason, at)."""
    return insert(StageChange.__table__).from_select(
        ["customer_id", "from_stage", "to_stage", "reason", "at"],
        select(customer_row.c.id, bindparam("from_stage", type_=String), bindparam("to_stage", type_=String),
               bindparam("reason", type_=String), bindparam("at", type_=StageChange.__table__.c.at.type)))


_CUSTOMER_COLUMNS = tuple(column.name for column in Customer.__table__.columns)
_NEW_CUSTOMER = _with_history(
    insert(Customer.__table__).values({name: bindparam(name) for name in _CUSTOMER_COLUMNS})
    .returning(Customer.__table__.c.id).cte("new_customer"))


async def staff_role(session: AsyncSession, *, user_id: int) -> str | None:
    """The stored staff role of a user, once per session (the staff filters of several routers ask)."""
    roles = session.info.setdefault(_ROLES, {})
    if user_id not in roles:
        staff = await session.get(Staff, user_id)
        roles[user_id] = staff.role if staff else None
    return roles[user_id]


# A customer's scope states, read once per transaction (`session.info`): the consent buttons
# read them, change one, and show them all again in the same update. record_consent keeps the
# map current; it is dropped when the transaction (or a savepoint) ends, so nothing read in
# one transaction is trusted in the next.
_STATES = "scope_states"


@event.listens_for(Session, "after_transaction_end")
def _forget_scope_states(session: Session, transaction) -> None:
    if transaction.parent is None or transaction.nested:  # not the inner transaction of each flush
        session.info.pop(_STATES, None)


async def _scope_states(session: AsyncSession, *, customer_id: int) -> dict[str, ScopeState]:
    known = session.info.setdefault(_STATES, {})
    states = known.get(customer_id)
    if states is None:
        rows = await session.execute(_SCOPE_STATES, {"customer_id": customer_id})
        states = known[customer_id] = {state.scope: state for state in rows.scalars()}
    return states


async def granted_scopes(session: AsyncSession, *, customer_id: int) -> set[str]:
    states = await _scope_states(session, customer_id=customer_id)
    return {scope for scope, state in states.items() if state.granted}


async def scopes_from_ledger(session: AsyncSession, *, customer_id: int) -> set[str]:
    """The permission state replayed from the append-only ledger (the source of truth)."""
    rows = await session.execute(
        select(ConsentEvent.scope, ConsentEvent.action)
        .where(ConsentEvent.customer_id == customer_id).order_by(ConsentEvent.id))
    state: dict[str, bool] = {}
    for scope, action in rows:
        state[scope] = action == "grant"
    return {scope for scope, on in state.items() if on}


# On PostgreSQL a stage change and its history row are one statement (instead of an UPDATE and
# an INSERT in the next flush): it comes with the first grant and the last withdrawal.
_STAGE_AND_HISTORY = _with_history(
    update(Customer.__table__).where(Customer.__table__.c.id == bindparam("customer_id"))
    .values(stage=bindparam("to_stage")).returning(Customer.__table__.c.id).cte("moved"))


async def set_stage(session: AsyncSession, *, customer: Customer, to_stage: str, reason: str) -> bool:
    if customer.stage == to_stage:
        return False
    if session.get_bind().dialect.name == "postgresql" and customer in session and customer not in session.new:
        await session.execute(_STAGE_AND_HISTORY, {"customer_id": customer.id, "from_stage": customer.stage,
                                                   "to_stage": to_stage, "reason": reason, "at": utcnow()})
        set_committed_value(customer, "stage", to_stage)  # the row has it: nothing left to flush
        return True
    session.add(StageChange(customer_id=customer.id, from_stage=customer.stage, to_stage=to_stage, reason=reason))
    customer.stage = to_stage
    return True


async def record_consent(session: AsyncSession, *, customer: Customer, scope: str, grant: bool, method: str,
                         message_id: int | None = None, text_id: str | None = None,
                         wording: str | None = None, at: datetime | None = None,
                         language: str | None = None) -> ConsentEvent | None:
    """Append a ledger row and update the derived state; None when nothing changes.
    `language`: the language of `wording` (of the message the customer saw); else theirs.

    Pressing the same button twice therefore writes one row, not two. `wording` is kept in the
    ledger when it is the bot's own (a button) or Telegram's (a block); anyone's free text (words,
    a typed command, staff) goes to an erasable `customer_wording` row the ledger row refers to.
    """
    return await _record_consent(session, customer=customer, scope=scope, grant=grant, method=method,
                                 message_id=message_id, text_id=text_id, wording=wording, at=at, words={},
                                 language=language)


async def _customer_words(session: AsyncSession, *, customer: Customer, method: str, wording: str | None,
                          at: datetime, words: dict) -> tuple[str | None, int | None]:
    """(ledger wording, customer_wording id): free text gets one erasable row, shared by the
    rows of one decision (`words` remembers it for withdraw_all)."""
    if wording is None or method in BOT_WORDING_METHODS:
        return wording, None
    if "id" not in words:
        row = CustomerWording(customer_id=customer.id, text=wording, at=at)
        session.add(row)
        await session.flush()
        words["id"] = row.id
    return None, words["id"]


async def _record_consent(session: AsyncSession, *, customer: Customer, scope: str, grant: bool, method: str,
                          message_id: int | None, text_id: str | None, wording: str | None,
                          at: datetime | None, words: dict, language: str | None = None) -> ConsentEvent | None:
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    states = await _scope_states(session, customer_id=customer.id)
    state = states.get(scope)
    if state is not None and state.granted == grant:
        return None
    if state is None and not grant:
        return None  # nothing was ever granted: nothing to withdraw
    at = at or utcnow()
    ledger_wording, words_id = await _customer_words(session, customer=customer, method=method, wording=wording,
                                                     at=at, words=words)
    event = ConsentEvent(customer_id=customer.id, scope=scope, action="grant" if grant else "withdraw", at=at,
                         method=method, message_id=message_id, text_id=text_id, wording=ledger_wording,
                         language=language or customer.language, customer_wording_id=words_id)
    if session.get_bind().dialect.name == "postgresql":
        await _write_ledger_at_once(session, event=event, state=state, states=states)
    else:
        session.add(event)
        await session.flush()
        if state is None:
            state = states[scope] = ScopeState(customer_id=customer.id, scope=scope, granted=grant, since=at,
                                               event_id=event.id)
            session.add(state)
        else:
            state.granted, state.since, state.event_id = grant, at, event.id
        await session.flush()
    await _stage_after_consent(session, customer=customer, granted=grant, method=method)
    return event


# On PostgreSQL the ledger row and the scope state it decides are written by one statement
# (one round trip instead of two ORM flushes): the inserted row's id goes to the state.
_LEDGER_COLUMNS = ("customer_id", "scope", "action", "at", "method", "message_id", "text_id", "wording", "language",
                   "customer_wording_id")
_LEDGER_ROW = (insert(ConsentEvent.__table__).values({name: bindparam(name) for name in _LEDGER_COLUMNS})
               .returning(ConsentEvent.__table__.c.id, ConsentEvent.__table__.c.customer_id,
                          ConsentEvent.__table__.c.scope, ConsentEvent.__table__.c.action,
                          ConsentEvent.__table__.c.at)
               .cte("ledger_row"))
_STATE_FROM_ROW = pg_insert(ScopeState.__table__).from_select(
    ["customer_id", "scope", "granted", "since", "event_id"],
    select(_LEDGER_ROW.c.customer_id, _LEDGER_ROW.c.scope, _LEDGER_ROW.c.action == "grant", _LEDGER_ROW.c.at,
           _LEDGER_ROW.c.id))
# The state changes only if it is not already what the row says: another transaction that
# wrote the same decision first (one that holds no chat lock: the sender recording a block, a
# staff action) leaves no row to return, and ConsentConflict rolls this one back, ledger row
# included, instead of writing the decision twice.
_LEDGER_AND_STATE = _STATE_FROM_ROW.on_conflict_do_update(
    index_elements=["customer_id", "scope"],
    set_={"granted": _STATE_FROM_ROW.excluded.granted, "since": _STATE_FROM_ROW.excluded.since,
          "event_id": _STATE_FROM_ROW.excluded.event_id},
    where=ScopeState.__table__.c.granted.is_distinct_from(_STATE_FROM_ROW.excluded.granted),
).returning(ScopeState.__table__.c.event_id)


class ConsentConflict(RuntimeError):
    """Another transaction recorded the same decision first; this transaction must roll back."""


async def _write_ledger_at_once(session: AsyncSession, *, event: ConsentEvent, state: ScopeState | None,
                                states: dict[str, ScopeState]) -> None:
    """Both rows in one statement; the session then holds them as loaded, with nothing left to flush."""
    await session.flush()  # the customer row first, on their first contact
    values = {name: getattr(event, name) for name in _LEDGER_COLUMNS}
    event_id = (await session.execute(_LEDGER_AND_STATE, values)).scalar_one_or_none()
    if event_id is None:
        raise ConsentConflict(f"{event.scope} of customer {event.customer_id} was already "
                              f"{'granted' if event.action == 'grant' else 'withdrawn'} by another transaction")
    event.id = event_id
    make_transient_to_detached(event)
    session.add(event)
    granted = event.action == "grant"
    if state is None:
        state = states[event.scope] = ScopeState(customer_id=event.customer_id, scope=event.scope, granted=granted,
                                                 since=event.at, event_id=event.id)
        make_transient_to_detached(state)
        session.add(state)
    else:
        set_committed_value(state, "granted", granted)
        set_committed_value(state, "since", event.at)
        set_committed_value(state, "event_id", event.id)


async def _stage_after_consent(session: AsyncSession, *, customer: Customer, granted: bool, method: str) -> None:
    if granted:
        if customer.stage in ("stranger", "former"):
            if customer.referrer_id is not None:  # set with the referral (record_referral)
                await _credit_referral(session, friend_id=customer.id)
            await set_stage(session, customer=customer, to_stage="friend", reason="granted")
        return
    if not await granted_scopes(session, customer_id=customer.id) and customer.stage in ACTIVE_STAGES:
        await set_stage(session, customer=customer, to_stage="former",
                        reason="blocked" if method == "blocked" else "withdrew_all")


async def withdraw_all(session: AsyncSession, *, customer: Customer, method: str, message_id: int | None = None,
                       text_id: str | None = None, wording: str | None = None) -> list[str]:
    withdrawn, words = [], {}
    for scope in SCOPES:
        if await _record_consent(session, customer=customer, scope=scope, grant=False, method=method,
                                 message_id=message_id, text_id=text_id, wording=wording, at=None, words=words):
            withdrawn.append(scope)
    return withdrawn


async def _credit_referral(session: AsyncSession, *, friend_id: int) -> None:
    referral = (await session.execute(
        select(Referral).where(Referral.friend_id == friend_id, Referral.credited_at.is_(None)))).scalar_one_or_none()
    if referral is not None:
        referral.credited_at = utcnow()


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


_CATEGORIES_CHOSEN = (select(Category, CustomerInterest.category_id)
                      .outerjoin(CustomerInterest, (CustomerInterest.category_id == Category.id)
                                 & (CustomerInterest.customer_id == bindparam("customer_id")))
                      .order_by(Category.id))
_ACTIVE_CATEGORIES_CHOSEN = _CATEGORIES_CHOSEN.where(Category.active.is_(True))


async def categories_chosen(session: AsyncSession, *, customer_id: int,
                            active_only: bool = True) -> tuple[list[Category], set[int]]:
    """The categories (as `categories`) and which of them the customer chose, in one query."""
    query = _ACTIVE_CATEGORIES_CHOSEN if active_only else _CATEGORIES_CHOSEN
    rows = (await session.execute(query, {"customer_id": customer_id})).all()
    return [category for category, _ in rows], {chosen for _, chosen in rows if chosen is not None}


async def interest_ids(session: AsyncSession, *, customer_id: int) -> set[int]:
    rows = await session.execute(select(CustomerInterest.category_id).where(CustomerInterest.customer_id == customer_id))
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
    rows = await session.execute(select(ConsentEvent).where(ConsentEvent.customer_id == customer_id)
                                 .order_by(ConsentEvent.id))
    return list(rows.scalars())


async def stage_history(session: AsyncSession, *, customer_id: int) -> list[StageChange]:
    rows = await session.execute(select(StageChange).where(StageChange.customer_id == customer_id)
                                 .order_by(StageChange.id))
    return list(rows.scalars())


async def sent_messages(session: AsyncSession, *, customer_id: int) -> list[Outbox]:
    rows = await session.execute(select(Outbox).where(Outbox.customer_id == customer_id, Outbox.sent_at.is_not(None))
                                 .order_by(Outbox.sent_at))
    return list(rows.scalars())


async def forget_customer(session: AsyncSession, *, customer: Customer, message_id: int | None,
                          wording: str | None, pseudonym: str | None = None) -> list[str]:
    """Erase personal data; keep the consent proof and the fact that this person must not be contacted.

    Kept: the ledger rows (scope, grant/withdraw, time, method, message id, the bot's text id and
    wording, language), the customer row's id, language, stage `former`, reachability, creation
    and erasure times, the stage history, and the delivery records of sent messages (kind, time,
    campaign and variant, without their text). Everything else that refers to the customer is
    deleted, emptied or made anonymous here; `pseudonym` is the customer's response pseudonym
    (bot/measure.py), so that pseudonymous response events are cut loose too.
    """
    # A confirmation pressed on a button: the bot's own question is the wording.
    withdrawn = await withdraw_all(session, customer=customer, method="button", message_id=message_id,
                                   text_id="forget.confirm@v1", wording=wording)
    now = utcnow()
    cid = customer.id
    # The customer's own words in the ledger live in erasable rows: emptied, the ledger untouched.
    await session.execute(update(CustomerWording).where(CustomerWording.customer_id == cid,
                                                        CustomerWording.erased_at.is_(None))
                          .values(text=None, erased_at=now))
    for table, column in ((CustomerInterest, CustomerInterest.customer_id), (Purchase, Purchase.customer_id),
                          (Feedback, Feedback.customer_id), (SampleRequest, SampleRequest.customer_id),
                          (Referral, Referral.friend_id), (Referral, Referral.referrer_id)):
        await session.execute(delete(table).where(column == cid), execution_options={"synchronize_session": False})
    # Friends this customer brought keep their own data, not who brought them.
    await session.execute(update(Customer).where(Customer.referrer_id == cid).values(referrer_id=None),
                          execution_options={"synchronize_session": False})
    # Response events: no customer id, no exact time, a pseudonym nobody can recompute.
    linked = ResponseEvent.customer_id == cid
    if pseudonym is not None:
        linked = linked | (ResponseEvent.pseudonym == pseudonym)
    for row in (await session.execute(select(ResponseEvent).where(linked))).scalars():
        row.customer_id = None
        row.pseudonym = "erased:" + secrets.token_hex(16)
        row.hour = row.hour.replace(minute=0, second=0, microsecond=0)
    # Staff commands that named the customer (`/customer @ann`, `/purchase 42 tea`): who ran
    # which command when stays; the arguments go.
    await _erase_audit_arguments(session, customer=customer)
    await _erase_dialogues(session, customer_id=cid)
    outbox = await session.execute(select(Outbox).where(Outbox.customer_id == cid))
    for row in outbox.scalars():
        row.payload, row.sent_text, row.reason = {}, None, None
        if row.status in ("pending", "postponed", "claimed"):
            row.status, row.reason = "dropped", "forgotten"
    customer.name = customer.first_name = customer.username = None
    customer.birthday_day = customer.birthday_month = customer.birthday_year = None
    customer.timezone = None
    customer.quiet_start = customer.quiet_end = customer.weekly_cap = None
    customer.ref_code = None
    customer.referrer_id = None
    customer.purchases_count = 0
    customer.forgotten_at = customer.last_seen_at = now
    if customer.stage != "former":
        await set_stage(session, customer=customer, to_stage="former", reason="forgotten")
    return withdrawn


def _names_customer(arguments: str, *, customer_id: int, username: str | None) -> bool:
    for token in arguments.replace('"', " ").replace("'", " ").split():
        if token == str(customer_id) or (username and token.lstrip("@").lower() == username.lower()):
            return True
    return False


async def _erase_audit_arguments(session: AsyncSession, *, customer: Customer) -> None:
    mentions = AuditLog.arguments.contains(str(customer.id))
    if customer.username:
        mentions = mentions | func.lower(AuditLog.arguments).contains(customer.username.lower())
    for row in (await session.execute(select(AuditLog).where(AuditLog.arguments.is_not(None), mentions))).scalars():
        if _names_customer(row.arguments, customer_id=customer.id, username=customer.username):
            row.arguments = "[erased]"


async def _erase_dialogues(session: AsyncSession, *, customer_id: int) -> None:
    """The customer's dialogue rows (FSM keys are bot:chat:user:thread:destiny)."""
    await session.flush()  # the dialogue the update itself wrote (cleared) goes first
    keys = [key for key in (await session.execute(
        select(FsmRecord.key).where(FsmRecord.key.contains(f":{customer_id}:")))).scalars()
        if str(customer_id) in key.split(":")[1:3]]
    if not keys:
        return
    await session.execute(delete(FsmRecord).where(FsmRecord.key.in_(keys)),
                          execution_options={"synchronize_session": "fetch"})
    cached = session.info.get(FSM_ROWS)
    if cached is not None:
        for key in keys:
            cached.pop(key, None)


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
