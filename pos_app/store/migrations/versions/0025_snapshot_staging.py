"""sync: staging tables of a 410 snapshot applied page by page (progress and staged keys)

Revision ID: 0025
Revises: 0018
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshot_progress",
        sa.Column("resource", sa.String(length=24), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=False),
        sa.Column("next_token", sa.Text(), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("resource", name=op.f("pk_snapshot_progress")),
    )
    op.create_table(
        "snapshot_rows",
        sa.Column("resource", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("resource", "key", name=op.f("pk_snapshot_rows")),
    )


def downgrade() -> None:
    op.drop_table("snapshot_rows")
    op.drop_table("snapshot_progress")
