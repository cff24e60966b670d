"""Errors meant for people: a stable ``code`` the UI translates, ``params`` and an English default.

Every domain rule that refuses input raises one of these, so a cashier always sees a specific
message and the services can map codes without parsing text.
"""

from __future__ import annotations

from typing import Any, ClassVar


class PosError(Exception):
    """Base of every user-facing error; ``message`` is ``template`` filled with ``params``."""

    code: ClassVar[str] = "pos.error"
    template: ClassVar[str] = "The operation was refused."

    def __init__(self, **params: Any) -> None:
        self.params: dict[str, Any] = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)


# --- money -------------------------------------------------------------------------------------


class FloatNotAllowed(PosError):
    code = "money.float_not_allowed"
    template = "Amount {value!r} is a binary float; pass a Decimal, an int or a string."


class InvalidAmount(PosError):
    code = "money.invalid_amount"
    template = "'{value}' is not a valid amount."


class NegativeAmount(PosError):
    code = "money.negative_amount"
    template = "Amount {value} must not be negative."


class TooManyDecimals(PosError):
    code = "money.too_many_decimals"
    template = "Amount {value} has more than {places} decimal places."


class AmountTooLarge(PosError):
    code = "money.amount_too_large"
    template = "Amount {value} is above the maximum of {maximum}."


class UnknownCurrency(PosError):
    code = "money.unknown_currency"
    template = "Currency '{currency}' is not supported."


# --- barcodes ----------------------------------------------------------------------------------


class EmptyCode(PosError):
    code = "barcode.empty"
    template = "The scanned code is empty."


class BadCheckDigit(PosError):
    code = "barcode.bad_check_digit"
    template = "Code {code} has a wrong check digit; rescan or key it in again."


class BadCodeLength(PosError):
    code = "barcode.bad_length"
    template = "Code {code} has {length} digits; no known barcode has that length."


class UnknownCodeFormat(PosError):
    code = "barcode.unknown_format"
    template = "Code '{code}' is not a barcode this till recognises."


class InvalidBarcodeLayout(PosError):
    code = "barcode.invalid_layout"
    template = "Barcode layout '{name}' is invalid: {reason}."


class DuplicateCodeKind(PosError):
    code = "barcode.duplicate_kind"
    template = "Code kind '{kind}' is already registered."


# --- tax ---------------------------------------------------------------------------------------


class InvalidTaxRate(PosError):
    code = "tax.invalid_rate"
    template = "Tax rate {rate} of class '{tax_code}' must be a Decimal from 0 up to (not including) 1."


class UnknownTaxClass(PosError):
    code = "tax.unknown_class"
    template = "Tax class '{tax_code}' is not configured."


# --- ticket ------------------------------------------------------------------------------------


class InvalidQuantity(PosError):
    code = "ticket.invalid_quantity"
    template = "'{value}' is not a valid quantity."


class QuantityNotPositive(PosError):
    code = "ticket.quantity_not_positive"
    template = "Quantity {value} must be greater than zero."


class QuantityNotWhole(PosError):
    code = "ticket.quantity_not_whole"
    template = "Quantity {value} of '{sku}' must be a whole number of pieces."


class QuantityTooPrecise(PosError):
    code = "ticket.quantity_too_precise"
    template = "Weight {value} of '{sku}' has more than 3 decimals (grams)."


class QuantityTooLarge(PosError):
    code = "ticket.quantity_too_large"
    template = "Quantity {value} is above the maximum of {maximum}."


class WeightRequired(PosError):
    code = "ticket.weight_required"
    template = "'{sku}' is sold by weight; weigh it or scan its scale label."


class NegativePrice(PosError):
    code = "ticket.negative_price"
    template = "Price {value} must not be below zero."


class ReasonRequired(PosError):
    code = "reason.required"
    template = "Give a reason for this."


class OverrideReasonRequired(PosError):
    code = "ticket.override_reason_required"
    template = "A price override needs a reason."


class InvalidDiscount(PosError):
    code = "ticket.invalid_discount"
    template = "Discount {value} is invalid: {reason}."


class DiscountExceedsAmount(PosError):
    code = "ticket.discount_exceeds_amount"
    template = "Discount {discount} is more than the amount {amount} it applies to."


class LineNotFound(PosError):
    code = "ticket.line_not_found"
    template = "Line {line_id} is not on this ticket."


class LineVoided(PosError):
    code = "ticket.line_voided"
    template = "Line {line_id} is voided and cannot be changed."


class TicketNotOpen(PosError):
    code = "ticket.not_open"
    template = "Ticket {ticket_id} is {status}; it can no longer be changed."


class TicketLockedByTenders(PosError):
    code = "ticket.locked_by_tenders"
    template = "Ticket {ticket_id} already has payments; remove them before changing items."


class TicketNotPaid(PosError):
    code = "ticket.not_paid"
    template = "Ticket {ticket_id} still has {remaining} to pay."


class InvalidTicketData(PosError):
    code = "ticket.invalid_data"
    template = "Saved ticket data is unreadable: {reason}."


# --- tenders -----------------------------------------------------------------------------------


class UnknownTenderKind(PosError):
    code = "tender.unknown_kind"
    template = "Payment method '{kind}' is not configured."


class DuplicateTenderKind(PosError):
    code = "tender.duplicate_kind"
    template = "Payment method '{kind}' is already registered."


class EmptyTicket(PosError):
    code = "tender.empty_ticket"
    template = "The ticket has no items."


class InvalidTenderAmount(PosError):
    code = "tender.invalid_amount"
    template = "Payment amount {value} must be greater than zero."


class NonCashOverpay(PosError):
    code = "tender.non_cash_overpay"
    template = "{kind} payment of {value} is more than the {remaining} still due; only cash gives change."


class ReferenceRequired(PosError):
    code = "tender.reference_required"
    template = "{kind} payment needs a reference number (1 to 64 characters)."


class TicketAlreadyPaid(PosError):
    code = "tender.already_paid"
    template = "Ticket {ticket_id} is already paid."


class TenderNotFound(PosError):
    code = "tender.not_found"
    template = "Payment {tender_id} is not on this ticket."


# --- permissions -------------------------------------------------------------------------------


class UnknownRole(PosError):
    code = "permission.unknown_role"
    template = "Role '{role}' does not exist."


class UnknownPermission(PosError):
    code = "permission.unknown_permission"
    template = "Permission '{permission}' does not exist."


class PermissionDenied(PosError):
    code = "permission.denied"
    template = "Role '{role}' may not {permission}; a manager must approve."


class InvalidApproval(PosError):
    code = "permission.invalid_approval"
    template = "Manager approval is invalid: {reason}."


# --- receipt numbers ---------------------------------------------------------------------------


class InvalidReceiptNumber(PosError):
    code = "receipt.invalid_number"
    template = "'{value}' is not a receipt number (expected STORE-TILL-000123)."


# --- pickup orders -----------------------------------------------------------------------------


class InvalidPickupTransition(PosError):
    code = "pickup.invalid_transition"
    template = "A pickup order that is {current} cannot become {target}."


class UnknownPickupStatus(PosError):
    code = "pickup.unknown_status"
    template = "Pickup status '{status}' does not exist."


# --- shifts ------------------------------------------------------------------------------------


class UnknownDenomination(PosError):
    code = "shift.unknown_denomination"
    template = "{value} is not a {currency} note or coin."


class InvalidCount(PosError):
    code = "shift.invalid_count"
    template = "Count '{value}' for {denomination} must be a whole number from 0."


# --- text typed or scanned at the till (pos_app.domain.text) -----------------------------------


class TextRequired(PosError):
    code = "text.required"
    template = "Enter the {field}."


class TextTooLong(PosError):
    code = "text.too_long"
    template = "The {field} is {length} characters long; at most {maximum} fit."


# --- the till's own storage (raised by pos_app.store for database faults the cashier can act on) ---


class StorageFull(PosError):
    code = "storage.full"
    template = ("The till's disk is full, so this was not saved; nothing that was saved before is lost. "
                "Ask the manager to free disk space, then try again.")


class StorageFailed(PosError):
    code = "storage.failed"
    template = ("The till could not write to its disk ({detail}); nothing that was saved before is lost. "
                "Try again; if it happens again, call support.")
