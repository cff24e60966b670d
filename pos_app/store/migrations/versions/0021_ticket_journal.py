"""ticket journal: the open ticket's changes appended, not the whole ticket rewritten per scan

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.String(length=32), nullable=False),
        sa.Column("entry", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_journal")),
    )
    with op.batch_alter_table("ticket_journal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_journal_ticket_id"), ["ticket_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ticket_journal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_journal_ticket_id"))
    op.drop_table("ticket_journal")
