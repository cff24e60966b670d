"""The cart model signals only what a scan changed, so long tickets stay fast to repaint."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from pos_app.domain.tax import VAT_13
from pos_app.domain.ticket import ProductRef, Ticket
from pos_app.domain.ticket_values import PromotionShare
from pos_app.ui.cart_model import CartModel, fresh_rows

COLA = ProductRef("100001", "可口可乐 330ml", VAT_13, name_en="Coca-Cola 330ml")


def record(model: CartModel) -> list[str]:
    seen: list[str] = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.rowsInserted.connect(lambda _p, first, last: seen.append(f"insert {first}-{last}"))
    model.dataChanged.connect(lambda a, b: seen.append(f"changed {a.row()}"))
    return seen


def test_a_scan_inserts_one_row_and_moves_the_highlight(qtbot):
    ticket = Ticket()
    for _ in range(3):
        ticket.add_item(COLA, Decimal("3.00"))
    model = CartModel()
    model.set_lines(ticket.snapshot().lines, 3)
    seen = record(model)
    line = ticket.add_item(COLA, Decimal("3.00"))
    model.set_lines(ticket.snapshot().lines, line)
    assert seen == ["insert 3-3", "changed 2"]  # the new row, and the old highlight repainted
    assert model.rowCount() == 4 and model.last_line_id == line


def test_a_changed_line_is_one_data_change(qtbot):
    ticket = Ticket()
    first = ticket.add_item(COLA, Decimal("3.00"))
    ticket.add_item(COLA, Decimal("3.00"))
    model = CartModel()
    model.set_lines(ticket.snapshot().lines, None)
    seen = record(model)
    ticket.set_quantity(first, "5")
    model.set_lines(ticket.snapshot().lines, first)
    assert seen == ["changed 0"]
    assert model.data(model.index(0, CartModel.QUANTITY)) == "5"


def test_another_ticket_resets_the_model(qtbot):
    a, b = Ticket(), Ticket()
    a.add_item(COLA, Decimal("3.00"))
    a.add_item(COLA, Decimal("3.00"))
    b.add_item(COLA, Decimal("3.00"))
    model = CartModel()
    model.set_lines(a.snapshot().lines, None)
    seen = record(model)
    model.set_lines(b.snapshot().lines, None)  # recall: fewer lines
    model.set_lines((), None)  # a new empty ticket after completion
    assert seen == ["reset", "reset"] and model.rowCount() == 0


def test_only_the_rows_whose_line_object_changed_are_fresh():
    old = tuple(object() for _ in range(5))
    new = (old[0], object(), *old[2:4], object(), object())  # row 1 and 4 changed, row 5 appended
    assert fresh_rows(old, new) == [1, 4, 5]
    assert fresh_rows(old, old) == [] and fresh_rows((), old) == [0, 1, 2, 3, 4]


def test_a_line_changed_in_place_by_an_append_shows_its_new_promotion(qtbot):
    """A scan that appends a line can re-price an earlier one (a multi-buy): that row is signalled
    and shows the new text, whatever the diff skipped as the same object."""
    ticket = Ticket()
    first = ticket.add_item(COLA, Decimal("3.00"))
    model = CartModel()
    before = ticket.snapshot().lines
    model.set_lines(before, first)
    seen = record(model)
    line = ticket.add_item(COLA, Decimal("3.00"))
    deal = PromotionShare("P1", "第二件半价", "Second at half price", Decimal("1.50"))
    after = ticket.snapshot().lines
    after = (replace(after[0], promotions=(deal,), promotion_discount=deal.amount), after[1])
    model.set_lines(after, line, fresh_rows(before, after))
    assert seen == ["insert 1-1", "changed 0"]
    assert "第二件半价" in model.data(model.index(0, CartModel.NAME))
    assert model.data(model.index(0, CartModel.DISCOUNT)) == "-¥1.50"
