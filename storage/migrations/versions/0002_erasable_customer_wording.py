"""erasable customer wording, the text of every sent message, no TRUNCATE of the ledger

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 10:00:00

- `customer_wording`: what a customer wrote that a ledger row refers to (a withdrawal by words,
  a typed command). /forget empties it; the ledger row (append-only) keeps pointing at it.
- `consent_event.customer_wording_id`: the reference. Existing free text moves out of
  `consent_event.wording` into `customer_wording` (erased at once for customers who already
  used /forget). This is the one statement that changes ledger rows: the append-only triggers
  are switched off for it inside this migration's transaction and switched on again before it
  commits (PostgreSQL: ALTER TABLE ... DISABLE TRIGGER holds a SHARE ROW EXCLUSIVE lock on the
  table until the commit, so no other transaction writes the ledger meanwhile; SQLite: the
  trigger is dropped and created again in the same transaction).
- `outbox.sent_text`: the text as it was sent, for /mydata.
- PostgreSQL: a statement-level BEFORE TRUNCATE trigger refuses TRUNCATE of the ledger (row
  triggers do not fire on TRUNCATE).
- Data of customers who used /forget before this release that the old /forget kept (purchases,
  feedback, sample requests, referrals, interests, dialogues, tracked response events) is erased.
"""

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen copies (a migration must not change when the models do).
_SQLITE_NO_UPDATE = (
    "CREATE TRIGGER consent_event_no_update BEFORE UPDATE ON consent_event "
    "BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END"
)
_PG_NO_TRUNCATE = [
    "DROP TRIGGER IF EXISTS consent_event_no_truncate ON consent_event",
    "CREATE TRIGGER consent_event_no_truncate BEFORE TRUNCATE ON consent_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION consent_event_append_only()",
]
# The rows whose wording is someone's free text: every method but a pressed button (the bot's
# wording) and a block (Telegram's description); /forget's own rows carry the bot's question.
_FREE_TEXT = (
    "{e}wording IS NOT NULL AND {e}method NOT IN ('button', 'blocked') AND COALESCE({e}text_id, '') NOT LIKE 'forget.%'"
)


def _ledger_writable(enable: bool) -> None:
    """Switch the UPDATE guard of the ledger off (enable=True) or on again, in this transaction."""
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(f"ALTER TABLE consent_event {'DISABLE' if enable else 'ENABLE'} TRIGGER consent_event_no_change")
    elif dialect == "sqlite":
        op.execute("DROP TRIGGER consent_event_no_update" if enable else _SQLITE_NO_UPDATE)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "customer_wording",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("erased_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_customer_wording_customer_id", "customer_wording", ["customer_id"], unique=False)
    # Plain ADD COLUMN on both engines (no table copy: the ledger's rows and triggers stay as they are).
    op.execute("ALTER TABLE consent_event ADD COLUMN customer_wording_id INTEGER REFERENCES customer_wording (id)")
    op.execute("ALTER TABLE outbox ADD COLUMN sent_text TEXT")

    # Existing free text: one customer_wording row per ledger row, with the ledger row's id.
    op.execute(
        "INSERT INTO customer_wording (id, customer_id, text, at, erased_at) "
        "SELECT e.id, e.customer_id, CASE WHEN c.forgotten_at IS NULL THEN e.wording END, e.at, c.forgotten_at "
        "FROM consent_event e JOIN customer c ON c.id = e.customer_id WHERE " + _FREE_TEXT.format(e="e.")
    )
    if dialect == "postgresql":
        op.execute(
            "SELECT setval(pg_get_serial_sequence('customer_wording', 'id'), "
            "COALESCE((SELECT max(id) FROM customer_wording), 0) + 1, false)"
        )
    _ledger_writable(True)
    op.execute("UPDATE consent_event SET customer_wording_id = id, wording = NULL WHERE " + _FREE_TEXT.format(e=""))
    _ledger_writable(False)
    if dialect == "postgresql":
        for statement in _PG_NO_TRUNCATE:
            op.execute(statement)

    # What the old /forget kept of customers who already used it.
    forgotten = "(SELECT id FROM customer WHERE forgotten_at IS NOT NULL)"
    for table, column in (
        ("purchase", "customer_id"),
        ("feedback", "customer_id"),
        ("sample_request", "customer_id"),
        ("customer_interest", "customer_id"),
        ("referral", "friend_id"),
        ("referral", "referrer_id"),
    ):
        op.execute(f"DELETE FROM {table} WHERE {column} IN {forgotten}")
    op.execute(f"UPDATE customer SET referrer_id = NULL WHERE referrer_id IN {forgotten} OR forgotten_at IS NOT NULL")
    op.execute("UPDATE customer SET purchases_count = 0, last_seen_at = forgotten_at WHERE forgotten_at IS NOT NULL")
    op.execute(f"UPDATE response_event SET customer_id = NULL WHERE customer_id IN {forgotten}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS consent_event_no_truncate ON consent_event")
    # The words go back where 0001 kept them (erased words stay erased).
    _ledger_writable(True)
    op.execute(
        "UPDATE consent_event SET wording = (SELECT text FROM customer_wording w "
        "WHERE w.id = consent_event.customer_wording_id) WHERE customer_wording_id IS NOT NULL"
    )
    _ledger_writable(False)
    # SQLite 3.35+ and PostgreSQL drop a column in place (no copy of the ledger).
    op.execute("ALTER TABLE consent_event DROP COLUMN customer_wording_id")
    op.execute("ALTER TABLE outbox DROP COLUMN sent_text")
    op.drop_index("ix_customer_wording_customer_id", table_name="customer_wording")
    op.drop_table("customer_wording")
