"""frequency rules and pause: the shop's and each customer's frequency limits, pauses

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 16:00:00

- `frequency_limit`: at most N messages of a scope (or "all") per day, week or month; rows
  without a customer are the shop's defaults (/limits), the others a customer's own.
- `pause`: a customer's pause of every message (start, end, how it was set, how it ended).
"""

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frequency_limit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.BigInteger(), sa.ForeignKey("customer.id"), nullable=True),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("max_count", sa.Integer(), nullable=False),
        sa.Column("set_by", sa.BigInteger(), nullable=True),
        sa.Column("set_at", storage.types.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_frequency_limit_customer_id", "frequency_limit", ["customer_id"])
    op.create_table(
        "pause",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.BigInteger(), sa.ForeignKey("customer.id"), nullable=False),
        sa.Column("starts_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("ends_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("ended_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("end_reason", sa.String(length=16), nullable=True),
    )
    op.create_index("ix_pause_customer_id", "pause", ["customer_id"])


def downgrade() -> None:
    op.drop_index("ix_pause_customer_id", table_name="pause")
    op.drop_table("pause")
    op.drop_index("ix_frequency_limit_customer_id", table_name="frequency_limit")
    op.drop_table("frequency_limit")
