"""A/B tests that finish themselves, why people leave, win-back before `former`

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 16:00:00

- `ab_test`: a campaign's test on a share of its audience, its criterion, level, window end,
  and the decision taken once at the end (winner, outcome, figures, messages sent to the rest).
- `withdrawal_reason`: why each withdrawal happened (or a `former` by inactivity) and the
  delivery just before it.
- `win_back`: the one win-back message before `former`, its grace period and its outcome.
"""

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ab_test",
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("campaign.id"), primary_key=True),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("criterion", sa.String(length=16), nullable=False),
        sa.Column("purchase_days", sa.Integer(), nullable=False),
        sa.Column("level", sa.Float(), nullable=False),
        sa.Column("ends_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("tested", sa.Integer(), nullable=False),
        sa.Column("decided_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("winner", sa.String(length=8), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("rest", sa.Integer(), nullable=True),
        sa.Column("bot_username", sa.String(length=64), nullable=True),
    )
    op.create_table(
        "withdrawal_reason",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.BigInteger(), sa.ForeignKey("customer.id"), nullable=False),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("consent_event.id"), nullable=True),
        sa.Column("scope", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("at", storage.types.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_withdrawal_reason_customer_id", "withdrawal_reason", ["customer_id"])
    op.create_index("ix_withdrawal_reason_campaign_id", "withdrawal_reason", ["campaign_id"])
    op.create_table(
        "win_back",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.BigInteger(), sa.ForeignKey("customer.id"), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("grace_ends_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("resolved_at", storage.types.UTCDateTime(), nullable=True),
    )
    op.create_index("ix_win_back_customer_id", "win_back", ["customer_id"])


def downgrade() -> None:
    op.drop_index("ix_win_back_customer_id", table_name="win_back")
    op.drop_table("win_back")
    op.drop_index("ix_withdrawal_reason_campaign_id", table_name="withdrawal_reason")
    op.drop_index("ix_withdrawal_reason_customer_id", table_name="withdrawal_reason")
    op.drop_table("withdrawal_reason")
    op.drop_table("ab_test")
