"""wallet payments: payment intents and their refunds

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment_intents",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("till_id", sa.String(length=24), nullable=False),
        sa.Column("out_trade_no", sa.String(length=32), nullable=False),
        sa.Column("ticket_id", sa.String(length=32), nullable=False),
        sa.Column("wallet", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("code_masked", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("transaction_id", sa.String(length=64), nullable=False),
        sa.Column("payer", sa.String(length=64), nullable=False),
        sa.Column("last_code", sa.String(length=64), nullable=False),
        sa.Column("last_message", sa.Text(), nullable=False),
        sa.Column("reverse_attempts", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.String(length=32), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"], name=op.f("fk_payment_intents_till_id_tills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_intents")),
        sa.UniqueConstraint("out_trade_no", name=op.f("uq_payment_intents_out_trade_no")),
    )
    with op.batch_alter_table("payment_intents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_intents_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_intents_ticket_id"), ["ticket_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_intents_till_id"), ["till_id"], unique=False)
    op.create_table(
        "payment_refunds",
        sa.Column("refund_no", sa.String(length=32), nullable=False),
        sa.Column("intent_id", sa.String(length=32), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["intent_id"], ["payment_intents.id"],
                                name=op.f("fk_payment_refunds_intent_id_payment_intents")),
        sa.PrimaryKeyConstraint("refund_no", name=op.f("pk_payment_refunds")),
    )
    with op.batch_alter_table("payment_refunds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_refunds_intent_id"), ["intent_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("payment_refunds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_refunds_intent_id"))
    op.drop_table("payment_refunds")
    with op.batch_alter_table("payment_intents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_intents_till_id"))
        batch_op.drop_index(batch_op.f("ix_payment_intents_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_payment_intents_state"))
    op.drop_table("payment_intents")
