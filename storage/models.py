"""SQLModel tables.

The consent ledger (`ConsentEvent`) is append-only: a mapper guard refuses
updates and deletes in the ORM and database triggers refuse them in SQL.
`ScopeState` is the current permission per scope, written in the same
transaction as each ledger row so that audience queries stay fast; a test
replays the ledger and proves the two never disagree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow

# The scopes and the languages are defined in bot/consent/scopes.py.
STAGES: tuple[str, ...] = ("stranger", "friend", "customer", "loyal", "former")
CONSENT_METHODS: tuple[str, ...] = ("button", "command", "words", "staff", "blocked")


def _ts(**kw) -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, **kw)


def _customer_fk(**kw) -> Any:
    return Field(sa_column=Column(BigInteger, ForeignKey("customer.id"), nullable=kw.pop("nullable", False), **kw))


class Customer(SQLModel, table=True):
    # The Telegram user id: one private chat per customer.
    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    username: str | None = Field(default=None, max_length=64)
    first_name: str | None = Field(default=None, max_length=128)
    name: str | None = Field(default=None, max_length=64)
    language: str = Field(default="en", max_length=2)
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None
    timezone: str | None = Field(default=None, max_length=64)
    # Quiet hours as minutes after local midnight; start > end wraps midnight.
    quiet_start: int | None = None
    quiet_end: int | None = None
    weekly_cap: int | None = None
    stage: str = Field(default="stranger", max_length=16, index=True)
    reachable: bool = True
    ref_code: str | None = Field(default=None, max_length=32, unique=True)
    referrer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    purchases_count: int = 0
    created_at: datetime = _ts()
    last_seen_at: datetime = _ts()
    forgotten_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    __table_args__ = (Index("ix_customer_birthday", "birthday_month", "birthday_day"),)


class ConsentEvent(SQLModel, table=True):
    """One grant or withdrawal. Rows are never updated or deleted."""

    __tablename__ = "consent_event"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk(index=True)
    scope: str = Field(max_length=16)
    action: str = Field(max_length=8)  # grant | withdraw
    at: datetime = _ts()
    method: str = Field(max_length=16)
    message_id: int | None = None
    text_id: str | None = Field(default=None, max_length=64)
    # The bot's own wording (a button, a scope description: not personal) or Telegram's
    # description of a block. What the customer wrote is never here: see `CustomerWording`.
    wording: str | None = Field(default=None, sa_type=Text)
    language: str = Field(max_length=2)
    # The customer's own words that made this decision (a withdrawal by free text, a typed
    # command), kept in an erasable row: /forget empties that row, this one stays as it is.
    customer_wording_id: int | None = Field(default=None, foreign_key="customer_wording.id")


class CustomerWording(SQLModel, table=True):
    """What a customer wrote that a ledger row refers to. Erasable: /forget sets `text` to
    NULL and `erased_at`; the ledger row keeps pointing here (the fact that words were
    written, and when, stays; the words go)."""

    __tablename__ = "customer_wording"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk(index=True)
    text: str | None = Field(default=None, sa_type=Text)
    at: datetime = _ts()
    erased_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ScopeState(SQLModel, table=True):
    """Current permission per scope, derived from the ledger in the same transaction."""

    __tablename__ = "scope_state"
    customer_id: int = Field(sa_column=Column(BigInteger, ForeignKey("customer.id"), primary_key=True))
    scope: str = Field(max_length=16, primary_key=True)
    granted: bool
    since: datetime = _ts()
    event_id: int = Field(foreign_key="consent_event.id")

    __table_args__ = (Index("ix_scope_state_scope_granted", "scope", "granted", "customer_id"),)


class StageChange(SQLModel, table=True):
    __tablename__ = "stage_change"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk(index=True)
    from_stage: str | None = Field(default=None, max_length=16)
    to_stage: str = Field(max_length=16)
    reason: str = Field(max_length=64)
    at: datetime = _ts()


class Referral(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    referrer_id: int = _customer_fk(index=True)
    friend_id: int = _customer_fk()
    payload: str = Field(max_length=64)
    campaign_id: int | None = None
    created_at: datetime = _ts()
    credited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    __table_args__ = (UniqueConstraint("friend_id", name="uq_referral_friend"),)


class Category(SQLModel, table=True):
    """The interests catalogue that staff configure."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=32, unique=True)
    names: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    active: bool = True


class CustomerInterest(SQLModel, table=True):
    __tablename__ = "customer_interest"
    customer_id: int = Field(sa_column=Column(BigInteger, ForeignKey("customer.id"), primary_key=True))
    category_id: int = Field(foreign_key="category.id", primary_key=True, index=True)


class Outbox(SQLModel, table=True):
    """A message a job wants sent. The sender re-checks consent at send time."""

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk()
    kind: str = Field(max_length=16)  # birthday | sample | feedback | campaign
    idem_key: str = Field(max_length=128, unique=True)
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="pending", max_length=16)
    not_before: datetime = _ts()
    attempts: int = 0
    reason: str | None = Field(default=None, max_length=255)
    created_at: datetime = _ts()
    # Which sender holds the row and since when: a crashed worker's rows are recovered
    # once the lease is stale, without touching the rows of live workers.
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    tg_message_id: int | None = None
    campaign_id: int | None = None
    variant: str | None = Field(default=None, max_length=8)
    # The text as it went out (rendered at send time), for /mydata; erased by /forget.
    sent_text: str | None = Field(default=None, sa_type=Text)

    __table_args__ = (
        Index("ix_outbox_due", "status", "not_before"),
        Index("ix_outbox_customer_sent", "customer_id", "sent_at"),
    )


class SampleOffer(SQLModel, table=True):
    __tablename__ = "sample_offer"
    id: int | None = Field(default=None, primary_key=True)
    product: str = Field(max_length=128)
    category_id: int = Field(foreign_key="category.id")
    stock: int = Field(ge=0)
    allocated: int = 0
    expires_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default="open", max_length=16)  # open | closed
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = _ts()


class SampleRequest(SQLModel, table=True):
    __tablename__ = "sample_request"
    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="sample_offer.id")
    customer_id: int = _customer_fk()
    status: str = Field(default="accepted", max_length=16)  # accepted | delivered
    created_at: datetime = _ts()
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    __table_args__ = (UniqueConstraint("offer_id", "customer_id", name="uq_sample_request"),)


class Purchase(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk(index=True)
    product: str = Field(max_length=128)
    amount: float | None = None
    recorded_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    at: datetime = _ts()
    # The shop's own order id (integration API, CSV import): one purchase per order id, so a
    # repeated request or import adds nothing. None for purchases typed with /purchase.
    order_id: str | None = Field(default=None, max_length=128, unique=True, index=True)
    source: str = Field(default="staff", max_length=16)  # staff | api | csv


class Feedback(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk(index=True)
    subject: str = Field(max_length=64)  # e.g. purchase:12, sample:3, free
    rating: int | None = None
    comment: str | None = Field(default=None, sa_type=Text)
    outbox_id: int | None = None
    at: datetime = _ts()


class Staff(SQLModel, table=True):
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    role: str = Field(max_length=16)  # owner | marketer | support
    added_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    added_at: datetime = _ts()


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    command: str = Field(max_length=32)
    arguments: str | None = Field(default=None, sa_type=Text)
    at: datetime = _ts()
    # A call to the integration API: the key that made it (staff_id is then the key's creator, or 0).
    api_key_id: int | None = Field(default=None, index=True)


class KeyValue(SQLModel, table=True):
    """Small persistent settings (never the pseudonym key: see bot/measure.py)."""

    __tablename__ = "key_value"
    key: str = Field(max_length=64, primary_key=True)
    value: str = Field(sa_type=Text)


class FsmRecord(SQLModel, table=True):
    """aiogram FSM state and data, so a conversation survives a restart."""

    __tablename__ = "fsm_record"
    key: str = Field(sa_column=Column(String(128), primary_key=True))
    state: str | None = Field(default=None, max_length=128)
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class AppendOnlyError(RuntimeError):
    pass


@event.listens_for(ConsentEvent, "before_update")
@event.listens_for(ConsentEvent, "before_delete")
def _ledger_is_append_only(mapper, connection, target):  # noqa: ARG001
    raise AppendOnlyError("the consent ledger is append-only")


# Used by the migration and by create_all in tests: the same SQL guard on both engines.
LEDGER_TRIGGERS = {
    "sqlite": [
        "CREATE TRIGGER IF NOT EXISTS consent_event_no_update BEFORE UPDATE ON consent_event "
        "BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS consent_event_no_delete BEFORE DELETE ON consent_event "
        "BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION consent_event_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'the consent ledger is append-only'; END; $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS consent_event_no_change ON consent_event",
        "CREATE TRIGGER consent_event_no_change BEFORE UPDATE OR DELETE ON consent_event "
        "FOR EACH ROW EXECUTE FUNCTION consent_event_append_only()",
    ],
}

# Row triggers do not fire on TRUNCATE: PostgreSQL has statement-level TRUNCATE triggers for
# that (migration 0002). SQLite has no TRUNCATE (its DELETE without WHERE fires the row trigger).
LEDGER_TRUNCATE_TRIGGER = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS consent_event_no_truncate ON consent_event",
        "CREATE TRIGGER consent_event_no_truncate BEFORE TRUNCATE ON consent_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION consent_event_append_only()",
    ],
}

# Methods whose `wording` is the bot's own text or Telegram's (kept in the ledger): a pressed
# button shows the bot's wording; a block carries Telegram's description. With any other method
# (words, a typed command, staff) the wording is someone's free text: it goes to CustomerWording.
BOT_WORDING_METHODS: tuple[str, ...] = ("button", "blocked")


class ResponseEvent(SQLModel, table=True):
    """A click, reply or rating on a delivered message.

    Without the `tracking` scope the row holds only a pseudonym (HMAC-SHA256 of the
    customer id with PSEUDONYM_SECRET) and the hour, nothing that joins to a customer.
    """

    __tablename__ = "response_event"
    id: int | None = Field(default=None, primary_key=True)
    pseudonym: str = Field(max_length=64, index=True)
    customer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    message_kind: str = Field(max_length=16)
    action: str = Field(max_length=16)
    value: int | None = None
    campaign_id: int | None = Field(default=None, index=True)
    variant: str | None = Field(default=None, max_length=8)
    hour: datetime = Field(sa_type=UTCDateTime)


class Campaign(SQLModel, table=True):
    """A targeted campaign as the source articles plan one: goal, segment, offer, message
    variants (A/B, one element varied), schedule, budget, success criterion."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=128)
    goal: str = Field(max_length=16)  # acquisition | development | retention | winback
    segment: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    offer: str = Field(default="", max_length=256)
    variants: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    scheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    budget: float | None = None
    target_rate: float = 0.3  # success criterion: response rate
    status: str = Field(default="draft", max_length=16)  # draft | scheduled | launched | cancelled
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = _ts()
    launched_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# ---- integration API (bot/api) --------------------------------------------------------------------


class ApiKey(SQLModel, table=True):
    """A key a shop's system calls the integration API with. Only a SHA-256 of the secret is
    stored; the key itself is shown once, when it is created."""

    __tablename__ = "api_key"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64)
    # The public part of the key (`pbk_<prefix>_<secret>`): finds the row; the secret proves it.
    prefix: str = Field(max_length=16, unique=True)
    secret_hash: str = Field(max_length=64)
    scopes: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = _ts()
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ShopCustomer(SQLModel, table=True):
    """The shop's own customer id linked to a Telegram chat (filled by the linking flow)."""

    __tablename__ = "shop_customer"
    shop_customer_id: str = Field(max_length=128, primary_key=True)
    customer_id: int = _customer_fk(index=True)
    linked_at: datetime = _ts()


# ---- shop links and webhooks
# (bot/linking.py, bot/delivery/webhooks.py; migration 0004)


class LinkToken(SQLModel, table=True):
    """A one-time deep link (`/start link_<token>`) that links a Telegram chat to a shop's customer
    id. The token is this row's random id and an HMAC of it (bot/linking.py); the row says whether
    it was used, by whom, and until when it is valid."""

    __tablename__ = "link_token"
    id: str = Field(sa_column=Column(String(16), primary_key=True))
    shop_customer_id: str = Field(max_length=128)
    created_at: datetime = _ts()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    # The API key that asked for it (bot/api), when it came through the API.
    api_key_id: int | None = None
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class WebhookEndpoint(SQLModel, table=True):
    """A URL the owner configured for outgoing webhooks, the events it receives (",a,b," so that
    a LIKE '%,a,%' matches one event exactly) and the secret its deliveries are signed with."""

    __tablename__ = "webhook_endpoint"
    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_type=Text)
    events: str = Field(max_length=255)
    secret: str = Field(max_length=128)
    active: bool = True
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    api_key_id: int | None = None
    created_at: datetime = _ts()
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WebhookDelivery(SQLModel, table=True):
    """One event for one endpoint: the webhook's outbox row (written in the transaction of the
    ledger change) and, once tried, its delivery log. `body` is the JSON as it is sent; it is
    emptied once the delivery is final (delivered or given up), the log line stays."""

    __tablename__ = "webhook_delivery"
    id: int | None = Field(default=None, primary_key=True)
    endpoint_id: int = Field(foreign_key="webhook_endpoint.id", index=True)
    event_id: str = Field(max_length=40)
    event: str = Field(max_length=32)
    customer_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True, index=True))
    scope: str | None = Field(default=None, max_length=16)
    body: str | None = Field(default=None, sa_type=Text)
    status: str = Field(default="pending", max_length=16)  # pending | sending | delivered | failed
    attempts: int = 0
    not_before: datetime = _ts()
    last_http_status: int | None = None
    last_error: str | None = Field(default=None, max_length=255)
    created_at: datetime = _ts()
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    __table_args__ = (
        Index("ix_webhook_delivery_due", "status", "not_before"),
        UniqueConstraint("endpoint_id", "event_id", name="uq_webhook_delivery_event"),
    )


# ---- frequency rules and pause


class FrequencyLimit(SQLModel, table=True):
    """At most `max_count` messages of `scope` (a scope, or "all") per `period` (day | week | month):
    the shop's defaults (no customer, set by staff with /limits) and a customer's own (/preferences),
    which only add to the defaults (bot/consent/policy.py applies every limit)."""

    __tablename__ = "frequency_limit"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int | None = _customer_fk(nullable=True, index=True)
    scope: str = Field(max_length=16)
    period: str = Field(max_length=8)
    max_count: int
    set_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    set_at: datetime = _ts()


class Pause(SQLModel, table=True):
    """A pause of every message: not a withdrawal (the scopes stay granted). It ends by itself at
    `ends_at` (the `pause_end` job records it and queues one short note) or earlier by /resume."""

    __tablename__ = "pause"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk(index=True)
    starts_at: datetime = _ts()
    ends_at: datetime = Field(sa_type=UTCDateTime)
    method: str = Field(max_length=16)  # preferences | command | button
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    end_reason: str | None = Field(default=None, max_length=16)  # expired | resumed | replaced


# ---- sequences and gift window
# (bot/sequences.py, bot/gifts.py, bot/routers/staff/sequences.py; migration 0006)


class Sequence(SQLModel, table=True):
    """Messages with delays that a customer enters once, on an event (`trigger`: the first grant
    of a scope, or of any; a purchase; a delivered sample), when they fit `segment` (interests by
    category slug, stages). Events from `active_since` on count; `key` names a shipped example."""

    __tablename__ = "automation_sequence"
    id: int | None = Field(default=None, primary_key=True)
    key: str | None = Field(default=None, max_length=32, unique=True)
    name: str = Field(max_length=128)
    trigger: str = Field(max_length=16)  # grant | purchase | sample
    trigger_scope: str | None = Field(default=None, max_length=16)  # grant: this scope only (None: any)
    segment: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="draft", max_length=16)  # draft | active | paused | ended
    active_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = _ts()
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SequenceStep(SQLModel, table=True):
    """One message of a sequence: `delay_minutes` after the previous step (the first: after the
    event), sent only within `scope`; the text as staff typed it, or a catalog message (`text_id`,
    in the customer's language)."""

    __tablename__ = "sequence_step"
    id: int | None = Field(default=None, primary_key=True)
    sequence_id: int = Field(foreign_key="automation_sequence.id", index=True)
    position: int
    delay_minutes: int = 0
    scope: str = Field(max_length=16)
    text: str | None = Field(default=None, sa_type=Text)
    text_id: str | None = Field(default=None, max_length=64)

    __table_args__ = (UniqueConstraint("sequence_id", "position", name="uq_sequence_step"),)


class SequenceEnrollment(SQLModel, table=True):
    """A customer in a sequence (once: unique per sequence and customer). `next_position` is the
    step not yet queued; `status` active | done | left (a withdrawal of a scope its steps use) |
    ended (staff ended the sequence)."""

    __tablename__ = "sequence_enrollment"
    id: int | None = Field(default=None, primary_key=True)
    sequence_id: int = Field(foreign_key="automation_sequence.id", index=True)
    customer_id: int = _customer_fk(index=True)
    event: str = Field(max_length=32)  # grant:offers | purchase:12 | sample:3
    entered_at: datetime = Field(sa_type=UTCDateTime)
    next_position: int = 0
    status: str = Field(default="active", max_length=16)
    left_reason: str | None = Field(default=None, max_length=32)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    __table_args__ = (UniqueConstraint("sequence_id", "customer_id", name="uq_sequence_enrollment"),)


class GiftWindow(SQLModel, table=True):
    """The birthday perk as staff set it with /gift (the latest row counts; older rows are its
    history): valid `days` days before and after the birthday, announced `days` days before it,
    with one reminder `remind_days` days before it expires (None: no reminder)."""

    __tablename__ = "gift_window"
    id: int | None = Field(default=None, primary_key=True)
    perk: str | None = Field(default=None, max_length=256)
    days: int = 0
    remind_days: int | None = None
    active: bool = True
    set_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    set_at: datetime = _ts()


# ---- A/B tests, reasons, win-back
# (bot/abtest.py, bot/consent/ledger.py, bot/winback.py; migration 0007)


class AbTest(SQLModel, table=True):
    """A campaign's A/B test that finishes itself: the variants go to `share` of the audience; at
    `ends_at` the `ab_decide` job decides once, by `criterion` at significance `level`, and sends
    the winner (or the first variant) to the rest. `figures` keeps what the decision was taken on."""

    __tablename__ = "ab_test"
    campaign_id: int = Field(foreign_key="campaign.id", primary_key=True)
    share: float  # 0 < share < 1
    criterion: str = Field(max_length=16)  # press | purchase
    purchase_days: int = 7  # purchases within this many days of the delivery count (criterion purchase)
    level: float = 0.05
    ends_at: datetime = Field(sa_type=UTCDateTime)
    tested: int = 0  # messages queued for the test
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    winner: str | None = Field(default=None, max_length=8)
    outcome: str | None = Field(default=None, max_length=16)  # significant | not_significant | no_data
    figures: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    rest: int | None = None  # messages queued for the rest
    bot_username: str | None = Field(default=None, max_length=64)  # for the links of acquisition campaigns


class WithdrawalReason(SQLModel, table=True):
    """Why a customer left: one row per withdrawn scope (next to its ledger row), or per `former`
    by inactivity (no ledger row), with the delivery that came just before (within 7 days)."""

    __tablename__ = "withdrawal_reason"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk(index=True)
    event_id: int | None = Field(default=None, foreign_key="consent_event.id")
    scope: str | None = Field(default=None, max_length=16)
    # message_button | preferences | stop | words | blocked | staff | erasure | inactive
    reason: str = Field(max_length=16)
    outbox_id: int | None = None
    campaign_id: int | None = Field(default=None, index=True)
    kind: str | None = Field(default=None, max_length=16)
    at: datetime = _ts()


class WinBack(SQLModel, table=True):
    """One win-back message before an inactive customer with `offers` becomes `former`: a reply or
    a purchase before `grace_ends_at` keeps their stage (`outcome` kept), otherwise `former`."""

    __tablename__ = "win_back"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = _customer_fk(index=True)
    campaign_id: int
    at: datetime = _ts()
    grace_ends_at: datetime = Field(sa_type=UTCDateTime)
    outcome: str | None = Field(default=None, max_length=16)  # kept_reply | kept_purchase | former
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
