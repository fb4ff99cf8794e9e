"""integration API: API keys, shop order ids on purchases, shop customer links, API calls in the audit log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 16:00:00

- `api_key`: keys of the shop's systems (name, public prefix, SHA-256 of the secret, scopes,
  revoked_at). The secret itself is never stored.
- `purchase.order_id` (unique: one purchase per shop order, so a repeated request or import adds
  nothing) and `purchase.source` (staff | api | csv).
- `shop_customer`: the shop's own customer id linked to a Telegram chat.
- `audit_log.api_key_id`: which key made an API call.
"""

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("prefix"),
    )
    op.create_table(
        "shop_customer",
        sa.Column("shop_customer_id", sa.String(length=128), nullable=False),
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("linked_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("shop_customer_id"),
    )
    op.create_index("ix_shop_customer_customer_id", "shop_customer", ["customer_id"], unique=False)
    # Plain ADD COLUMN on both engines; the unique index allows any number of NULLs (staff purchases).
    op.execute("ALTER TABLE purchase ADD COLUMN order_id VARCHAR(128)")
    op.execute("ALTER TABLE purchase ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'staff'")
    op.create_index("ix_purchase_order_id", "purchase", ["order_id"], unique=True)
    op.execute("ALTER TABLE audit_log ADD COLUMN api_key_id INTEGER")
    op.create_index("ix_audit_log_api_key_id", "audit_log", ["api_key_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_audit_log_api_key_id", table_name="audit_log")
    op.execute("ALTER TABLE audit_log DROP COLUMN api_key_id")
    op.drop_index("ix_purchase_order_id", table_name="purchase")
    op.execute("ALTER TABLE purchase DROP COLUMN source")
    op.execute("ALTER TABLE purchase DROP COLUMN order_id")
    op.drop_index("ix_shop_customer_customer_id", table_name="shop_customer")
    op.drop_table("shop_customer")
    op.drop_table("api_key")
