"""The consent ledger's writes: a grant or a withdrawal, and the customer's stage that follows.

Every consent decision goes through `record_consent` (one scope) or `withdraw_all`: an
append-only `consent_event` row (who, which scope, grant or withdraw, when, how, the wording
shown) and, in the same transaction, the scope's current state (`scope_state`, which audience
queries read). Recording what is already the state writes nothing, so pressing a button twice
gives one row. The customer's own words go to an erasable `customer_wording` row the ledger row
refers to, so /forget (bot/consent/erasure.py) can empty them and leave the ledger whole.

The stage follows the scopes: the first grant makes a stranger (or a former customer) a friend
and credits their referral; withdrawing the last scope makes an active customer former.
Every stage change writes a `stage_change` history row (`set_stage`).
Functions take a session and never commit: the caller's transaction decides.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import SQLModel, col

from bot.consent.scopes import SCOPES
from bot.delivery.webhooks import enqueue_event
from storage.models import (
    BOT_WORDING_METHODS,
    ConsentEvent,
    Customer,
    CustomerWording,
    Outbox,
    Referral,
    ScopeState,
    StageChange,
    WithdrawalReason,
)
from storage.queries import granted_scopes, scope_states, with_history
from storage.types import utcnow

__all__ = [
    "ACTIVE_STAGES",
    "ATTRIBUTION_WINDOW",
    "ConsentConflict",
    "last_delivery",
    "record_consent",
    "set_stage",
    "withdraw_all",
    "withdrawal_reason",
]

# The stages of a customer who has granted something; withdrawing the last scope makes them `former`.
ACTIVE_STAGES = ("friend", "customer", "loyal")


def _table(model: type[SQLModel]) -> Table:
    """The Core table of a model (SQLModel's type hints do not declare `__table__`)."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


_CUSTOMERS, _EVENTS, _STATES = _table(Customer), _table(ConsentEvent), _table(ScopeState)

# On PostgreSQL a stage change and its history row are one statement (instead of an UPDATE and
# an INSERT in the next flush): it comes with the first grant and the last withdrawal.
_STAGE_AND_HISTORY = with_history(
    update(_CUSTOMERS)
    .where(_CUSTOMERS.c.id == bindparam("customer_id"))
    .values(stage=bindparam("to_stage"))
    .returning(_CUSTOMERS.c.id)
    .cte("moved")
)


async def set_stage(session: AsyncSession, *, customer: Customer, to_stage: str, reason: str) -> bool:
    if customer.stage == to_stage:
        return False
    if session.get_bind().dialect.name == "postgresql" and customer in session and customer not in session.new:
        await session.execute(
            _STAGE_AND_HISTORY,
            {
                "customer_id": customer.id,
                "from_stage": customer.stage,
                "to_stage": to_stage,
                "reason": reason,
                "at": utcnow(),
            },
        )
        set_committed_value(customer, "stage", to_stage)  # the row has it: nothing left to flush
        return True
    session.add(StageChange(customer_id=customer.id, from_stage=customer.stage, to_stage=to_stage, reason=reason))
    customer.stage = to_stage
    return True


async def record_consent(
    session: AsyncSession,
    *,
    customer: Customer,
    scope: str,
    grant: bool,
    method: str,
    message_id: int | None = None,
    text_id: str | None = None,
    wording: str | None = None,
    at: datetime | None = None,
    language: str | None = None,
    reason: str | None = None,
) -> ConsentEvent | None:
    """Append a ledger row and update the derived state; None when nothing changes.
    `language`: the language of `wording` (of the message the customer saw); else theirs.
    `reason`: why a withdrawal happened, when the method and text id do not say it
    (`withdrawal_reason`); a withdrawal also records the delivery that came just before it.

    Pressing the same button twice therefore writes one row, not two. `wording` is kept in the
    ledger when it is the bot's own (a button) or Telegram's (a block); anyone's free text (words,
    a typed command, staff) goes to an erasable `customer_wording` row the ledger row refers to.
    """
    return await _record_consent(
        session,
        customer=customer,
        scope=scope,
        grant=grant,
        method=method,
        message_id=message_id,
        text_id=text_id,
        wording=wording,
        at=at,
        words={},
        language=language,
        reason=reason,
    )


async def _customer_words(
    session: AsyncSession,
    *,
    customer: Customer,
    method: str,
    wording: str | None,
    at: datetime,
    words: dict[str, int | None],
) -> tuple[str | None, int | None]:
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


async def _record_consent(
    session: AsyncSession,
    *,
    customer: Customer,
    scope: str,
    grant: bool,
    method: str,
    message_id: int | None,
    text_id: str | None,
    wording: str | None,
    at: datetime | None,
    words: dict[str, int | None],
    language: str | None = None,
    reason: str | None = None,
) -> ConsentEvent | None:
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    states = await scope_states(session, customer_id=customer.id)
    state = states.get(scope)
    if state is not None and state.granted == grant:
        return None
    if state is None and not grant:
        return None  # nothing was ever granted: nothing to withdraw
    at = at or utcnow()
    ledger_wording, words_id = await _customer_words(
        session, customer=customer, method=method, wording=wording, at=at, words=words
    )
    event = ConsentEvent(
        customer_id=customer.id,
        scope=scope,
        action="grant" if grant else "withdraw",
        at=at,
        method=method,
        message_id=message_id,
        text_id=text_id,
        wording=ledger_wording,
        language=language or customer.language,
        customer_wording_id=words_id,
    )
    if session.get_bind().dialect.name == "postgresql":
        await _write_ledger_at_once(session, event=event, state=state, states=states)
    else:
        session.add(event)
        await session.flush()
        event_id = event.id
        assert event_id is not None  # the flush gave it
        if state is None:
            state = states[scope] = ScopeState(
                customer_id=customer.id, scope=scope, granted=grant, since=at, event_id=event_id
            )
            session.add(state)
        else:
            state.granted, state.since, state.event_id = grant, at, event_id
        await session.flush()
    if not grant:
        await _note_withdrawal(
            session,
            customer=customer,
            event=event,
            method=method,
            text_id=text_id,
            message_id=message_id,
            reason=reason,
        )
    await _stage_after_consent(session, customer=customer, granted=grant, method=method)
    # The outgoing webhook (bot/delivery/webhooks.py) in the same transaction as the ledger row.
    await enqueue_event(
        session,
        event="consent.granted" if grant else "consent.withdrawn",
        customer_id=customer.id,
        at=at,
        scope=scope,
        method=method,
        ledger_event_id=event.id,
    )
    return event


# On PostgreSQL the ledger row and the scope state it decides are written by one statement
# (one round trip instead of two ORM flushes): the inserted row's id goes to the state.
_LEDGER_COLUMNS = (
    "customer_id",
    "scope",
    "action",
    "at",
    "method",
    "message_id",
    "text_id",
    "wording",
    "language",
    "customer_wording_id",
)
_LEDGER_ROW = (
    insert(_EVENTS)
    .values({name: bindparam(name) for name in _LEDGER_COLUMNS})
    .returning(_EVENTS.c.id, _EVENTS.c.customer_id, _EVENTS.c.scope, _EVENTS.c.action, _EVENTS.c.at)
    .cte("ledger_row")
)
_STATE_FROM_ROW = pg_insert(_STATES).from_select(
    ["customer_id", "scope", "granted", "since", "event_id"],
    select(
        _LEDGER_ROW.c.customer_id,
        _LEDGER_ROW.c.scope,
        _LEDGER_ROW.c.action == "grant",
        _LEDGER_ROW.c.at,
        _LEDGER_ROW.c.id,
    ),
)
# The state changes only if it is not already what the row says: another transaction that
# wrote the same decision first (one that holds no chat lock: the sender recording a block, a
# staff action) leaves no row to return, and ConsentConflict rolls this one back, ledger row
# included, instead of writing the decision twice.
_LEDGER_AND_STATE = _STATE_FROM_ROW.on_conflict_do_update(
    index_elements=["customer_id", "scope"],
    set_={
        "granted": _STATE_FROM_ROW.excluded.granted,
        "since": _STATE_FROM_ROW.excluded.since,
        "event_id": _STATE_FROM_ROW.excluded.event_id,
    },
    where=_STATES.c.granted.is_distinct_from(_STATE_FROM_ROW.excluded.granted),
).returning(_STATES.c.event_id)


class ConsentConflict(RuntimeError):
    """Another transaction recorded the same decision first; this transaction must roll back."""


async def _write_ledger_at_once(
    session: AsyncSession, *, event: ConsentEvent, state: ScopeState | None, states: dict[str, ScopeState]
) -> None:
    """Both rows in one statement; the session then holds them as loaded, with nothing left to flush."""
    await session.flush()  # the customer row first, on their first contact
    values = {name: getattr(event, name) for name in _LEDGER_COLUMNS}
    event_id = (await session.execute(_LEDGER_AND_STATE, values)).scalar_one_or_none()
    if event_id is None:
        raise ConsentConflict(
            f"{event.scope} of customer {event.customer_id} was already "
            f"{'granted' if event.action == 'grant' else 'withdrawn'} by another transaction"
        )
    event.id = event_id
    make_transient_to_detached(event)
    session.add(event)
    granted = event.action == "grant"
    if state is None:
        state = states[event.scope] = ScopeState(
            customer_id=event.customer_id, scope=event.scope, granted=granted, since=event.at, event_id=event.id
        )
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
        await set_stage(
            session, customer=customer, to_stage="former", reason="blocked" if method == "blocked" else "withdrew_all"
        )


async def withdraw_all(
    session: AsyncSession,
    *,
    customer: Customer,
    method: str,
    message_id: int | None = None,
    text_id: str | None = None,
    wording: str | None = None,
    scopes: tuple[str, ...] = SCOPES,
    reason: str | None = None,
) -> list[str]:
    """Withdraw every scope (or only `scopes`) as one decision: one wording row for all of them.
    Returns the scopes switched off (those granted), in SCOPES order."""
    withdrawn: list[str] = []
    words: dict[str, int | None] = {}
    for scope in SCOPES:
        if scope in scopes and await _record_consent(
            session,
            customer=customer,
            scope=scope,
            grant=False,
            method=method,
            message_id=message_id,
            text_id=text_id,
            wording=wording,
            at=None,
            words=words,
            reason=reason,
        ):
            withdrawn.append(scope)
    return withdrawn


async def _credit_referral(session: AsyncSession, *, friend_id: int) -> None:
    referral = (
        await session.execute(
            select(Referral).where(col(Referral.friend_id) == friend_id, col(Referral.credited_at).is_(None))
        )
    ).scalar_one_or_none()
    if referral is not None:
        referral.credited_at = utcnow()


# ---- why people leave ---------------------------------------------------------------------------

# A withdrawal is attributed to the last message delivered to the customer within this window.
ATTRIBUTION_WINDOW = timedelta(days=7)


def withdrawal_reason(*, method: str, text_id: str | None, under_delivery: bool) -> str:
    """Why a withdrawal happened, from how it was made: the button under a delivered message
    (`message_button`), a scope switched off in /preferences or onboarding (`preferences`),
    /stop or its button (`stop`), words, a blocked chat, staff, /forget (`erasure`)."""
    if text_id == "forget.confirm@v1":
        return "erasure"
    if method == "command" or text_id == "btn.stop_all":
        return "stop"
    if method == "button":
        return "message_button" if under_delivery else "preferences"
    return method  # words | blocked | staff


async def last_delivery(
    session: AsyncSession, *, customer_id: int, at: datetime, message_id: int | None = None
) -> Outbox | None:
    """The delivery a withdrawal came after: the message whose button was pressed (`message_id`),
    else the last message sent to the customer within `ATTRIBUTION_WINDOW` before `at`."""
    sent = (
        select(Outbox)
        .where(col(Outbox.customer_id) == customer_id, col(Outbox.status) == "sent")
        .order_by(col(Outbox.sent_at).desc(), col(Outbox.id).desc())
        .limit(1)
    )
    if message_id is not None:
        pressed = (await session.execute(sent.where(col(Outbox.tg_message_id) == message_id))).scalars().first()
        if pressed is not None:
            return pressed
    recent = sent.where(col(Outbox.sent_at) <= at, col(Outbox.sent_at) > at - ATTRIBUTION_WINDOW)
    return (await session.execute(recent)).scalars().first()


async def _note_withdrawal(
    session: AsyncSession,
    *,
    customer: Customer,
    event: ConsentEvent,
    method: str,
    text_id: str | None,
    message_id: int | None,
    reason: str | None,
) -> None:
    """The reason row beside a withdrawal's ledger row, with the delivery that came just before."""
    pressed = await last_delivery(session, customer_id=customer.id, at=event.at, message_id=message_id)
    under_delivery = (
        pressed is not None and message_id is not None and pressed.tg_message_id == message_id and method == "button"
    )
    session.add(
        WithdrawalReason(
            customer_id=customer.id,
            event_id=event.id,
            scope=event.scope,
            reason=reason or withdrawal_reason(method=method, text_id=text_id, under_delivery=under_delivery),
            outbox_id=pressed.id if pressed is not None else None,
            campaign_id=pressed.campaign_id if pressed is not None else None,
            kind=pressed.kind if pressed is not None else None,
            at=event.at,
        )
    )
