"""The open ticket's JSON codec (what the till saves after every change, to survive a crash).

Speed: the checkout service saves the open ticket after each scan, so a 300-line ticket must not
cost 300 lines of ``json.dumps`` per scan. :func:`line_json` is cached per line object by the
aggregate (lines are frozen: an unchanged line keeps its text), and :func:`ticket_json` splices
those cached texts into the head's JSON as strings instead of re-encoding one big dict
(bench/ui_scan.py). The result is the same text ``json.dumps(ticket.to_dict())`` gives.

While a ticket is open a change is not saved whole: :func:`journal_entry` is the text of what
changed (the lines added or changed, the head if it changed), appended to the ticket's journal in
the change's transaction; :func:`replay_journal` applies the entries to the last whole save.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from .tax import TaxClass
from .tenders import Tender
from .text import fit_line
from .ticket_values import Discount, DiscountKind, Line, ProductRef

DATA_VERSION = 1


def line_json(line: Line) -> str:
    """One line's JSON text (the aggregate keeps it while the line object is unchanged)."""
    return json.dumps(line_to_dict(line))


def ticket_json(head: str, line_texts: Sequence[str]) -> str:
    """``json.dumps({**head, "lines": [...]})`` built by splicing the lines' ready texts into the
    head's text (``json.dumps`` of the head dict): the head is small, the lines are many and
    mostly unchanged since the last save."""
    return f'{head[:-1]}, "lines": [{", ".join(line_texts)}]}}'


def journal_entry(head: str | None, line_texts: Sequence[str]) -> str:
    """One journal entry's JSON text: the head's text when it changed and the ready texts of the
    lines added or changed (see :func:`replay_journal`)."""
    lines = f'"lines": [{", ".join(line_texts)}]'
    return f'{{"head": {head}, {lines}}}' if head is not None else f"{{{lines}}}"


def replay_journal(data: Mapping[str, Any], entries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A saved ticket (``Ticket.to_dict``) with journal entries applied in order: a head replaces
    the head's fields, a line replaces the line of its id or, new, goes at the end (lines are only
    ever added at the end; a change that takes one off is saved whole, not journaled)."""
    out = {k: v for k, v in data.items() if k != "lines"}
    lines = list(data["lines"])
    where = {line["line_id"]: i for i, line in enumerate(lines)}
    for entry in entries:
        out.update(entry.get("head") or {})
        for line in entry["lines"]:
            i = where.get(line["line_id"])
            if i is None:
                where[line["line_id"]] = len(lines)
                lines.append(line)
            else:
                lines[i] = line
    out["lines"] = lines
    return out


def _opt_str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _opt_dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def discount_to_dict(discount: Discount | None) -> dict[str, str] | None:
    return None if discount is None else {"kind": discount.kind.value, "value": str(discount.value)}


def discount_from_dict(data: Mapping[str, str] | None) -> Discount | None:
    return None if data is None else Discount(DiscountKind(data["kind"]), Decimal(data["value"]))


def line_to_dict(line: Line) -> dict[str, Any]:
    p = line.product
    return {
        "line_id": line.line_id,
        "product": {
            "sku": p.sku,
            "name": p.name,
            "name_en": p.name_en,
            "tax_code": p.tax_class.code,
            "tax_rate": str(p.tax_class.rate),
            "tax_name": p.tax_class.name,
            "sold_by_weight": p.sold_by_weight,
            "unit": p.unit,
            "category": p.category,
        },
        "quantity": str(line.quantity),
        "unit": line.unit,
        "by_weight": line.by_weight,
        "unit_price": str(line.unit_price),
        "original_price": str(line.original_price),
        "override_reason": line.override_reason,
        "label_price": _opt_str(line.label_price),
        "discount": discount_to_dict(line.discount),
        "voided": line.voided,
    }


def line_from_dict(data: Mapping[str, Any]) -> Line:
    p = data["product"]
    product = ProductRef(
        sku=str(p["sku"]),
        name=str(p["name"]),
        name_en=str(p["name_en"]),
        tax_class=TaxClass(str(p["tax_code"]), Decimal(p["tax_rate"]), str(p["tax_name"])),
        sold_by_weight=bool(p["sold_by_weight"]),
        unit=str(p["unit"]),
        category=p.get("category"),  # absent in tickets saved before promotions
    )
    return Line(
        line_id=int(data["line_id"]),
        product=product,
        quantity=Decimal(data["quantity"]),
        unit=str(data["unit"]),
        by_weight=bool(data["by_weight"]),
        unit_price=Decimal(data["unit_price"]),
        original_price=Decimal(data["original_price"]),
        override_reason=fit_line(data["override_reason"]) or None,
        label_price=_opt_dec(data["label_price"]),
        discount=discount_from_dict(data["discount"]),
        voided=bool(data["voided"]),
    )


def tender_to_dict(tender: Tender) -> dict[str, Any]:
    return {
        "tender_id": tender.tender_id,
        "kind": tender.kind,
        "amount": str(tender.amount),
        "tendered": str(tender.tendered),
        "change": str(tender.change),
        "rounding": str(tender.rounding),
        "reference": tender.reference,
    }


def tender_from_dict(data: Mapping[str, Any]) -> Tender:
    return Tender(
        tender_id=int(data["tender_id"]),
        kind=str(data["kind"]),
        amount=Decimal(data["amount"]),
        tendered=Decimal(data["tendered"]),
        change=Decimal(data["change"]),
        rounding=Decimal(data["rounding"]),
        reference=fit_line(data["reference"]) or None,  # a ticket saved before text was cleaned
    )
