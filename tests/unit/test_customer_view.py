"""What the customer screen is given, from real ticket snapshots: the newest line, voided lines
left out, unchanged lines reused, the paying and thanks states, and no field for private text."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from pos_app.domain.customer_view import CustomerLine, CustomerViews, PayingView, SellingView
from pos_app.domain.ticket import Ticket

from .samples import BREAD, COLA


def test_the_newest_line_is_the_one_added_or_changed_and_unchanged_lines_are_reused():
    ticket, views = Ticket(), CustomerViews()
    cola = ticket.add_item(COLA, "3.00")
    first = views.for_ticket(ticket.snapshot())
    bread = ticket.add_item(BREAD, "6.50")
    second = views.for_ticket(ticket.snapshot())
    assert isinstance(second, SellingView) and second.newest == bread
    assert second.lines[0] is first.lines[0]  # the cola's view was not built again
    ticket.set_quantity(cola, 3)
    third = views.for_ticket(ticket.snapshot())
    assert third.newest == cola and third.lines[0].quantity == 3 and third.lines[1] is second.lines[1]
    assert third.due == Decimal("15.50") and third.item_count == 4


def test_a_voided_line_leaves_the_customer_screen_and_an_empty_ticket_is_idle():
    ticket, views = Ticket(), CustomerViews()
    cola = ticket.add_item(COLA, "3.00")
    ticket.void_line(cola)
    assert views.for_ticket(ticket.snapshot()) is None
    bread = ticket.add_item(BREAD, "6.50")
    view = views.for_ticket(ticket.snapshot())
    assert [line.line_id for line in view.lines] == [bread] and view.newest == bread


def test_paying_then_thanks():
    ticket, views = Ticket(), CustomerViews()
    ticket.add_item(COLA, "3.00")
    ticket.mark_totalled()
    ticket.add_tender("cash", "1.00")
    view = views.for_ticket(ticket.snapshot())
    assert isinstance(view, PayingView) and view.due == Decimal("2.00") and view.paid == Decimal("1.00")
    thanks = views.completed(ticket.snapshot(), Decimal("0.50"))
    assert thanks.change == Decimal("0.50") and thanks.total == Decimal("3.00")


def test_a_line_view_has_no_field_for_what_the_cashier_types():
    fields = {f.name for f in dataclasses.fields(CustomerLine)}
    assert fields.isdisjoint({"override_reason", "reference", "sku", "tax_code", "label_price"})
