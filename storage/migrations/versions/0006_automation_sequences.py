"""sequences and gift window: staff-defined message sequences, their steps and entries; the birthday perk window

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 16:00:00

- `automation_sequence`: a sequence (trigger event, segment, status).
- `sequence_step`: its messages (delay after the previous one, scope, text or catalog text id).
- `sequence_enrollment`: a customer in a sequence, once (unique per sequence and customer).
- `gift_window`: the birthday perk set with /gift (latest row counts; the others are its history).
"""

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "automation_sequence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(length=32), nullable=True, unique=True),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("trigger_scope", sa.String(length=16), nullable=True),
        sa.Column("segment", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("active_since", storage.types.UTCDateTime(), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("ended_at", storage.types.UTCDateTime(), nullable=True),
    )
    op.create_table(
        "sequence_step",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sequence_id", sa.Integer(), sa.ForeignKey("automation_sequence.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("delay_minutes", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("text_id", sa.String(length=64), nullable=True),
        sa.UniqueConstraint("sequence_id", "position", name="uq_sequence_step"),
    )
    op.create_index("ix_sequence_step_sequence_id", "sequence_step", ["sequence_id"])
    op.create_table(
        "sequence_enrollment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sequence_id", sa.Integer(), sa.ForeignKey("automation_sequence.id"), nullable=False),
        sa.Column("customer_id", sa.BigInteger(), sa.ForeignKey("customer.id"), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("entered_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("next_position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("left_reason", sa.String(length=32), nullable=True),
        sa.Column("finished_at", storage.types.UTCDateTime(), nullable=True),
        sa.UniqueConstraint("sequence_id", "customer_id", name="uq_sequence_enrollment"),
    )
    op.create_index("ix_sequence_enrollment_sequence_id", "sequence_enrollment", ["sequence_id"])
    op.create_index("ix_sequence_enrollment_customer_id", "sequence_enrollment", ["customer_id"])
    op.create_table(
        "gift_window",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("perk", sa.String(length=256), nullable=True),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("remind_days", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("set_by", sa.BigInteger(), nullable=True),
        sa.Column("set_at", storage.types.UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("gift_window")
    op.drop_index("ix_sequence_enrollment_customer_id", table_name="sequence_enrollment")
    op.drop_index("ix_sequence_enrollment_sequence_id", table_name="sequence_enrollment")
    op.drop_table("sequence_enrollment")
    op.drop_index("ix_sequence_step_sequence_id", table_name="sequence_step")
    op.drop_table("sequence_step")
    op.drop_table("automation_sequence")
