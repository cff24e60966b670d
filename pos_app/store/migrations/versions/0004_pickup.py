"""pickup console: hand-over, reservation and payment columns

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pickup_orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notified", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("bag_count", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("ready_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("verified_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("verified_by", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("code_used_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("cancel_reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("payment_ticket_id", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("pending_handover", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("sale_id", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_pickup_orders_payment_ticket_id"), ["payment_ticket_id"],
                              unique=False)
    with op.batch_alter_table("pickup_order_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cancelled", sa.String(length=24), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("short_reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("cancel_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("pickup_order_lines", schema=None) as batch_op:
        batch_op.drop_column("cancel_reason")
        batch_op.drop_column("short_reason")
        batch_op.drop_column("cancelled")
    with op.batch_alter_table("pickup_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pickup_orders_payment_ticket_id"))
        for column in ("sale_id", "pending_handover", "payment_ticket_id", "cancel_reason", "code_used_at",
                       "verified_by", "verified_at", "ready_at", "bag_count", "notified"):
            batch_op.drop_column(column)
