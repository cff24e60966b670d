"""Cashier-friendly, translated texts for `PosError` codes.

The services raise errors with a stable `code`, `params` and an English default message.
Here each known code maps to a translatable template with `{param}` placeholders; an
unknown code (or a template whose params do not fit) falls back to the error's English
message, so a new error is never shown as nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

# Each entry calls translate with a literal so pyside6-lupdate can extract the text.
_TEMPLATES: dict[str, Callable[[], str]] = {
    # money and amounts typed by the cashier
    "money.invalid_amount": lambda: QCoreApplication.translate(
        "messages", "“{value}” is not a valid amount."
    ),
    "money.negative_amount": lambda: QCoreApplication.translate(
        "messages", "The amount {value} must not be negative."
    ),
    "money.too_many_decimals": lambda: QCoreApplication.translate(
        "messages", "The amount {value} has more than {places} decimal places."
    ),
    "money.amount_too_large": lambda: QCoreApplication.translate(
        "messages", "The amount {value} is above the maximum of {maximum}."
    ),
    # barcodes
    "barcode.empty": lambda: QCoreApplication.translate("messages", "The scanned code is empty. Scan again."),
    "barcode.bad_check_digit": lambda: QCoreApplication.translate(
        "messages", "Code {code} has a wrong check digit. Scan it again or key it in."
    ),
    "barcode.bad_length": lambda: QCoreApplication.translate(
        "messages", "Code {code} has {length} digits; no barcode has that length."
    ),
    "barcode.unknown_format": lambda: QCoreApplication.translate(
        "messages", "Code “{code}” is not a barcode this till recognises."
    ),
    # catalog
    "catalog.not_found": lambda: QCoreApplication.translate(
        "messages", "No product with code {code}. Search with F2 or ask a manager."
    ),
    "catalog.inactive": lambda: QCoreApplication.translate("messages", "{name} is no longer sold."),
    "scan.not_for_sale": lambda: QCoreApplication.translate(
        "messages", "Code {code} is not an item ({kind}); it cannot be sold here."
    ),
    # sign-in and approvals
    "auth.wrong_pin": lambda: QCoreApplication.translate(
        "messages", "Wrong PIN. {attempts_left} attempts left."
    ),
    "auth.locked": lambda: QCoreApplication.translate(
        "messages", "Too many wrong PINs. Try again in {seconds_left} seconds."
    ),
    "auth.unknown_user": lambda: QCoreApplication.translate(
        "messages", "This staff member or badge is not known at this till."
    ),
    "auth.not_authorized": lambda: QCoreApplication.translate(
        "messages", "{name} may not approve this action."
    ),
    "auth.approval_refused": lambda: QCoreApplication.translate(
        "messages", "That PIN or badge is not a manager's."
    ),
    "auth.bad_pin": lambda: QCoreApplication.translate("messages", "A PIN is 4 to 8 digits."),
    "auth.no_user": lambda: QCoreApplication.translate("messages", "Please sign in first."),
    "auth.approval_required": lambda: QCoreApplication.translate("messages", "A manager must approve this."),
    "permission.denied": lambda: QCoreApplication.translate(
        "messages", "You may not do this; a manager must approve."
    ),
    "permission.invalid_approval": lambda: QCoreApplication.translate(
        "messages", "The manager approval is not valid: {reason}."
    ),
    # ticket
    "ticket.invalid_quantity": lambda: QCoreApplication.translate(
        "messages", "“{value}” is not a valid quantity."
    ),
    "ticket.quantity_not_positive": lambda: QCoreApplication.translate(
        "messages", "The quantity must be greater than zero."
    ),
    "ticket.quantity_not_whole": lambda: QCoreApplication.translate(
        "messages", "{value} is not a whole number of pieces."
    ),
    "ticket.quantity_too_precise": lambda: QCoreApplication.translate(
        "messages", "The weight {value} has more than 3 decimals."
    ),
    "ticket.quantity_too_large": lambda: QCoreApplication.translate(
        "messages", "The quantity {value} is above the maximum of {maximum}."
    ),
    "ticket.weight_required": lambda: QCoreApplication.translate(
        "messages", "This item is sold by weight: weigh it or scan its scale label."
    ),
    "ticket.negative_price": lambda: QCoreApplication.translate(
        "messages", "The price {value} must not be below zero."
    ),
    "ticket.override_reason_required": lambda: QCoreApplication.translate(
        "messages", "A price change needs a reason."
    ),
    "ticket.invalid_discount": lambda: QCoreApplication.translate(
        "messages", "The discount {value} is not valid: {reason}."
    ),
    "ticket.discount_exceeds_amount": lambda: QCoreApplication.translate(
        "messages", "The discount {discount} is more than the amount {amount}."
    ),
    "ticket.line_not_found": lambda: QCoreApplication.translate(
        "messages", "That line is no longer on the ticket."
    ),
    "ticket.line_voided": lambda: QCoreApplication.translate(
        "messages", "That line is voided and cannot be changed."
    ),
    "ticket.not_open": lambda: QCoreApplication.translate(
        "messages", "This ticket is closed and can no longer be changed."
    ),
    "ticket.locked_by_tenders": lambda: QCoreApplication.translate(
        "messages", "The ticket already has payments; remove them before changing items."
    ),
    "ticket.not_paid": lambda: QCoreApplication.translate("messages", "{remaining} is still due."),
    "ticket.hold_with_payments": lambda: QCoreApplication.translate(
        "messages", "A ticket with payments cannot be held; remove the payments first."
    ),
    "ticket.held_not_found": lambda: QCoreApplication.translate(
        "messages", "That held ticket is no longer available."
    ),
    "ticket.already_completed": lambda: QCoreApplication.translate(
        "messages", "This ticket was already completed as receipt {receipt_no}."
    ),
    # tenders
    "tender.unknown_kind": lambda: QCoreApplication.translate(
        "messages", "Payment method “{kind}” is not set up on this till."
    ),
    "tender.empty_ticket": lambda: QCoreApplication.translate(
        "messages", "The ticket has no items. Scan something before paying."
    ),
    "tender.invalid_amount": lambda: QCoreApplication.translate(
        "messages", "The payment amount {value} must be greater than zero."
    ),
    "tender.non_cash_overpay": lambda: QCoreApplication.translate(
        "messages", "{value} is more than the {remaining} still due; only cash gives change."
    ),
    "tender.reference_required": lambda: QCoreApplication.translate(
        "messages", "Enter the card slip reference number (1 to 64 characters)."
    ),
    "tender.already_paid": lambda: QCoreApplication.translate(
        "messages", "The ticket is already paid. Press Complete."
    ),
    "tender.not_found": lambda: QCoreApplication.translate(
        "messages", "That payment is no longer on the ticket."
    ),
    # shift, drawer and printer
    "shift.none_open": lambda: QCoreApplication.translate(
        "messages", "No shift is open. Open a shift (count the float) first."
    ),
    "shift.invalid_count": lambda: QCoreApplication.translate(
        "messages", "“{value}” is not a whole number of notes or coins."
    ),
    "shift.already_open": lambda: QCoreApplication.translate(
        "messages", "A shift is already open on this till (since {opened_at})."
    ),
    "shift.day_closed": lambda: QCoreApplication.translate(
        "messages", "Business day {business_date} is already closed; open the shift on a later day."
    ),
    "shift.reason_required": lambda: QCoreApplication.translate("messages", "Please give a reason."),
    "drawer.not_configured": lambda: QCoreApplication.translate(
        "messages", "No cash drawer is set up on this till."
    ),
    "print.nothing_to_reprint": lambda: QCoreApplication.translate(
        "messages", "There is no receipt to print again yet."
    ),
    # receipts
    "receipt.invalid_number": lambda: QCoreApplication.translate(
        "messages", "“{value}” is not a receipt number."
    ),
}


def _format_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Decimals as plain numbers ("12.50", never "1.25E+1")."""
    return {key: format(value, "f") if isinstance(value, Decimal) else value for key, value in params.items()}


def is_known(code: str) -> bool:
    return code in _TEMPLATES


def describe(error: BaseException) -> str:
    """The text the cashier sees for `error`: translated when the code is known."""
    code = getattr(error, "code", None)
    params = getattr(error, "params", None) or {}
    fallback = str(error) or type(error).__name__
    factory = _TEMPLATES.get(code) if isinstance(code, str) else None
    if factory is None:
        return fallback
    try:
        return factory().format_map(_format_params(params))
    except (KeyError, IndexError, ValueError):
        return fallback
