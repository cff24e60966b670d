"""members: member on the ticket, ledger entries, online holds, sign-ups, member terms;
stored value on the synced member

Revision ID: 0014
Revises: 0016
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_members",
        sa.Column("ticket_id", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.String(length=64), nullable=True),
        sa.Column("signup_id", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_ticket_members")),
    )
    op.create_table(
        "member_entries",
        sa.Column("entry_id", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.String(length=64), nullable=True),
        sa.Column("signup_id", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("stored_value_fen", sa.Integer(), nullable=False),
        sa.Column("voids", sa.String(length=64), nullable=True),
        sa.Column("hold_id", sa.String(length=32), nullable=True),
        sa.Column("ref_id", sa.String(length=32), nullable=True),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.Column("override_by", sa.String(length=32), nullable=True),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_member_entries")),
    )
    with op.batch_alter_table("member_entries", schema=None) as batch_op:
        for column in ("member_id", "signup_id", "ref_id"):
            batch_op.create_index(batch_op.f(f"ix_member_entries_{column}"), [column], unique=False)
    op.create_table(
        "member_holds",
        sa.Column("hold_id", sa.String(length=32), nullable=False),
        sa.Column("ticket_id", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("hold_id", name=op.f("pk_member_holds")),
    )
    with op.batch_alter_table("member_holds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_holds_ticket_id"), ["ticket_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_holds_status"), ["status"], unique=False)
    op.create_table(
        "member_signups",
        sa.Column("signup_id", sa.String(length=32), nullable=False),
        sa.Column("phone", sa.String(length=24), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("consent_terms", sa.String(length=64), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=False),
        sa.Column("member_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("signup_id", name=op.f("pk_member_signups")),
    )
    with op.batch_alter_table("member_signups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_signups_phone"), ["phone"], unique=False)
    op.create_table(
        "member_terms",
        sa.Column("store_id", sa.String(length=24), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_member_terms")),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stored_value_fen", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("stored_value_fen")
    op.drop_table("member_terms")
    with op.batch_alter_table("member_signups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_signups_phone"))
    op.drop_table("member_signups")
    with op.batch_alter_table("member_holds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_holds_status"))
        batch_op.drop_index(batch_op.f("ix_member_holds_ticket_id"))
    op.drop_table("member_holds")
    with op.batch_alter_table("member_entries", schema=None) as batch_op:
        for column in ("ref_id", "signup_id", "member_id"):
            batch_op.drop_index(batch_op.f(f"ix_member_entries_{column}"))
    op.drop_table("member_entries")
