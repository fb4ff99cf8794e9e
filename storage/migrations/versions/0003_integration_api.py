"""integration_api (placeholder: filled by the change that needs it)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 16:00:00
"""

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
