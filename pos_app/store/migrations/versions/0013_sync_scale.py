"""sync at scale: answered failures per outbox event (the retry cap); pickup claims of other tills

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failures", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("pickup_orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by_till", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("claimed_by_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("claim_expires_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("double_picked_at", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("double_pick_reported", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("pickup_orders", schema=None) as batch_op:
        batch_op.drop_column("double_pick_reported")
        batch_op.drop_column("double_picked_at")
        batch_op.drop_column("claim_expires_at")
        batch_op.drop_column("claimed_by_name")
        batch_op.drop_column("claimed_by_till")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("failures")
