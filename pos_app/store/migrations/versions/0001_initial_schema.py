"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

IMMUTABLE_TABLES = ("sales", "sale_lines", "sale_tenders", "audit_log")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("till_id", sa.String(length=24), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("approver_id", sa.String(length=32), nullable=True),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("ref_id", sa.String(length=40), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_ref_id"), ["ref_id"], unique=False)

    op.create_table(
        "categories",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("name_en", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_categories")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("aggregate_id", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("id", name=op.f("uq_outbox_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_aggregate_id"), ["aggregate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_status"), ["status"], unique=False)
        batch_op.create_index("ix_outbox_status_seq", ["status", "seq"], unique=False)

    op.create_table(
        "print_jobs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("printer_role", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref_id", sa.String(length=40), nullable=True),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_jobs")),
        sa.UniqueConstraint("seq", name=op.f("uq_print_jobs_seq")),
    )
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_print_jobs_ref_id"), ["ref_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_print_jobs_status"), ["status"], unique=False)

    op.create_table(
        "sync_cursors",
        sa.Column("resource", sa.String(length=24), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("resource", name=op.f("pk_sync_cursors")),
    )
    op.create_table(
        "tax_classes",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("rate", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_tax_classes")),
    )
    op.create_table(
        "tills",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("store_id", sa.String(length=12), nullable=False),
        sa.Column("till_id", sa.String(length=8), nullable=False),
        sa.Column("last_receipt_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tills")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.String(length=128), nullable=False),
        sa.Column("badge_code", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("badge_code", name=op.f("uq_users_badge_code")),
    )
    op.create_table(
        "open_tickets",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("till_id", sa.String(length=24), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"], name=op.f("fk_open_tickets_till_id_tills")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_open_tickets_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open_tickets")),
    )
    with op.batch_alter_table("open_tickets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_open_tickets_till_id"), ["till_id"], unique=False)

    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=32), nullable=False),
        sa.Column("plu", sa.String(length=8), nullable=True),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("name_en", sa.String(length=128), nullable=False),
        sa.Column("pinyin", sa.String(length=128), nullable=False),
        sa.Column("category_code", sa.String(length=32), nullable=True),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("sold_by_weight", sa.Boolean(), nullable=False),
        sa.Column("tax_class", sa.String(length=16), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
        sa.Column("member_price_fen", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_code"], ["categories.code"], name=op.f("fk_products_category_code_categories")
        ),
        sa.ForeignKeyConstraint(
            ["tax_class"], ["tax_classes.code"], name=op.f("fk_products_tax_class_tax_classes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("plu", name=op.f("uq_products_plu")),
        sa.UniqueConstraint("sku", name=op.f("uq_products_sku")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_products_pinyin"), ["pinyin"], unique=False)

    op.create_table(
        "sales",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("receipt_no", sa.String(length=40), nullable=False),
        sa.Column("till_id", sa.String(length=24), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.String(length=32), nullable=False),
        sa.Column("shift_id", sa.String(length=32), nullable=True),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("cashier_id", sa.String(length=32), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=False),
        sa.Column("subtotal_fen", sa.Integer(), nullable=False),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("tax_fen", sa.Integer(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("rounding_fen", sa.Integer(), nullable=False),
        sa.Column("change_fen", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=True),
        sa.Column("pickup_order_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["cashier_id"], ["users.id"], name=op.f("fk_sales_cashier_id_users")),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"], name=op.f("fk_sales_till_id_tills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales")),
        sa.UniqueConstraint("receipt_no", name=op.f("uq_sales_receipt_no")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_sales_ticket_id")),
        sa.UniqueConstraint("till_id", "seq", name=op.f("uq_sales_till_id")),
    )
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_business_date"), ["business_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_completed_at"), ["completed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_shift_id"), ["shift_id"], unique=False)
        batch_op.create_index("ix_sales_till_business_date", ["till_id", "business_date"], unique=False)

    op.create_table(
        "product_chars",
        sa.Column("ch", sa.String(length=1), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_chars_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ch", "product_id", name=op.f("pk_product_chars")),
    )
    op.create_table(
        "product_codes",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_codes_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_product_codes")),
    )
    with op.batch_alter_table("product_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_codes_product_id"), ["product_id"], unique=False)

    op.create_table(
        "sale_lines",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("sale_id", sa.String(length=32), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("quantity", sa.String(length=24), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("unit_price_fen", sa.Integer(), nullable=False),
        sa.Column("original_price_fen", sa.Integer(), nullable=True),
        sa.Column("override_reason", sa.String(length=128), nullable=True),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("tax_code", sa.String(length=16), nullable=False),
        sa.Column("tax_rate", sa.String(length=8), nullable=False),
        sa.Column("tax_fen", sa.Integer(), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_sale_lines_product_id_products")
        ),
        sa.ForeignKeyConstraint(["sale_id"], ["sales.id"], name=op.f("fk_sale_lines_sale_id_sales")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_lines")),
    )
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sale_lines_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sale_lines_sale_id"), ["sale_id"], unique=False)

    op.create_table(
        "sale_tenders",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("sale_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["sale_id"], ["sales.id"], name=op.f("fk_sale_tenders_sale_id_sales")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_tenders")),
    )
    with op.batch_alter_table("sale_tenders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sale_tenders_sale_id"), ["sale_id"], unique=False)

    op.create_table(
        "stock_levels",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.String(length=24), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_stock_levels_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_stock_levels")),
    )
    op.create_table(
        "stock_movements",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("delta", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("ref_id", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_stock_movements_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_movements")),
    )
    with op.batch_alter_table("stock_movements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_movements_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_movements_ref_id"), ["ref_id"], unique=False)

    op.create_table(
        "sale_line_refunds",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("sale_line_id", sa.String(length=32), nullable=False),
        sa.Column("return_id", sa.String(length=32), nullable=False),
        sa.Column("quantity", sa.String(length=24), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sale_line_id"], ["sale_lines.id"], name=op.f("fk_sale_line_refunds_sale_line_id_sale_lines")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_line_refunds")),
    )
    with op.batch_alter_table("sale_line_refunds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sale_line_refunds_sale_line_id"), ["sale_line_id"], unique=False)

    # Product search: FTS5 trigram over names, SKU and pinyin initials, kept in step by triggers.
    op.execute(
        "CREATE VIRTUAL TABLE product_fts USING fts5(name, name_en, sku, pinyin, "
        "content='products', content_rowid='id', tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER products_fts_ai AFTER INSERT ON products BEGIN "
        "INSERT INTO product_fts(rowid, name, name_en, sku, pinyin) "
        "VALUES (new.id, new.name, new.name_en, new.sku, new.pinyin); END"
    )
    op.execute(
        "CREATE TRIGGER products_fts_ad AFTER DELETE ON products BEGIN "
        "INSERT INTO product_fts(product_fts, rowid, name, name_en, sku, pinyin) "
        "VALUES ('delete', old.id, old.name, old.name_en, old.sku, old.pinyin); END"
    )
    op.execute(
        "CREATE TRIGGER products_fts_au AFTER UPDATE OF name, name_en, sku, pinyin ON products BEGIN "
        "INSERT INTO product_fts(product_fts, rowid, name, name_en, sku, pinyin) "
        "VALUES ('delete', old.id, old.name, old.name_en, old.sku, old.pinyin); "
        "INSERT INTO product_fts(rowid, name, name_en, sku, pinyin) "
        "VALUES (new.id, new.name, new.name_en, new.sku, new.pinyin); END"
    )
    # Completed sales and audit entries are immutable: corrections are new records.
    for table in IMMUTABLE_TABLES:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} BEGIN "
                f"SELECT RAISE(ABORT, '{table} rows are immutable'); END"
            )


def downgrade() -> None:
    for table in IMMUTABLE_TABLES:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    op.execute("DROP TABLE IF EXISTS product_fts")
    with op.batch_alter_table("sale_line_refunds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sale_line_refunds_sale_line_id"))

    op.drop_table("sale_line_refunds")
    with op.batch_alter_table("stock_movements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_movements_ref_id"))
        batch_op.drop_index(batch_op.f("ix_stock_movements_product_id"))

    op.drop_table("stock_movements")
    op.drop_table("stock_levels")
    with op.batch_alter_table("sale_tenders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sale_tenders_sale_id"))

    op.drop_table("sale_tenders")
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sale_lines_sale_id"))
        batch_op.drop_index(batch_op.f("ix_sale_lines_product_id"))

    op.drop_table("sale_lines")
    with op.batch_alter_table("product_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_codes_product_id"))

    op.drop_table("product_codes")
    op.drop_table("product_chars")
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_till_business_date")
        batch_op.drop_index(batch_op.f("ix_sales_shift_id"))
        batch_op.drop_index(batch_op.f("ix_sales_completed_at"))
        batch_op.drop_index(batch_op.f("ix_sales_business_date"))

    op.drop_table("sales")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_pinyin"))

    op.drop_table("products")
    with op.batch_alter_table("open_tickets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_open_tickets_till_id"))

    op.drop_table("open_tickets")
    op.drop_table("users")
    op.drop_table("tills")
    op.drop_table("tax_classes")
    op.drop_table("sync_cursors")
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_print_jobs_status"))
        batch_op.drop_index(batch_op.f("ix_print_jobs_ref_id"))

    op.drop_table("print_jobs")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_status_seq")
        batch_op.drop_index(batch_op.f("ix_outbox_status"))
        batch_op.drop_index(batch_op.f("ix_outbox_aggregate_id"))

    op.drop_table("outbox")
    op.drop_table("categories")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_ref_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
