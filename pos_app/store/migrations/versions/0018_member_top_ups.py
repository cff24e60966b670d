"""members: top-ups paid by payment code, and the per-member offline allowances of this till

Revision ID: 0018
Revises: 0021
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_top_ups",
        sa.Column("top_up_id", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.String(length=64), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("entry_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("top_up_id", name=op.f("pk_member_top_ups")),
    )
    with op.batch_alter_table("member_top_ups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_top_ups_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_top_ups_status"), ["status"], unique=False)
    op.create_table(
        "member_allowances",
        sa.Column("member_id", sa.String(length=64), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("stored_value_fen", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_member_allowances")),
    )


def downgrade() -> None:
    op.drop_table("member_allowances")
    with op.batch_alter_table("member_top_ups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_top_ups_status"))
        batch_op.drop_index(batch_op.f("ix_member_top_ups_member_id"))
    op.drop_table("member_top_ups")
