"""Cashier-friendly, translated texts for `PosError` codes.

The services raise errors with a stable `code`, `params` and an English default message.
Here each known code maps to a translatable template with `{param}` placeholders; an
unknown code (or a template whose params do not fit) falls back to the error's English
message, so a new error is never shown as nothing.

A catalog, over 500 lines by nature: one translatable template per error code; there is no
logic to split.
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
    "ticket.nothing_to_undo": lambda: QCoreApplication.translate("messages", "There is nothing to undo."),
    "ticket.undo_with_payments": lambda: QCoreApplication.translate(
        "messages", "The ticket has payments. Remove them before undoing a change."
    ),
    "auth.pin_not_found": lambda: QCoreApplication.translate(
        "messages", "No staff member has this PIN. Check it, or choose your name first."
    ),
    "auth.pin_in_use": lambda: QCoreApplication.translate(
        "messages", "Another staff member already has this PIN. Choose a different one."
    ),
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
    "reason.required": lambda: QCoreApplication.translate("messages", "Please give a reason."),
    "drawer.not_configured": lambda: QCoreApplication.translate(
        "messages", "No cash drawer is set up on this till."
    ),
    "print.job_not_pending": lambda: QCoreApplication.translate(
        "messages", "That print job is no longer waiting (printed or set aside)."
    ),
    "print.job_printing": lambda: QCoreApplication.translate(
        "messages", "That receipt is printing right now; try again if it fails."
    ),
    "print.unknown_printer": lambda: QCoreApplication.translate(
        "messages", "There is no printer '{role}' on this till."
    ),
    "sync.dead_letter_not_found": lambda: QCoreApplication.translate(
        "messages", "That refused event is no longer waiting for a decision."
    ),
    "tax.unknown_class": lambda: QCoreApplication.translate(
        "messages", "This item's tax class {tax_code} is not set up on this till; call the manager."
    ),
    "ticket.invalid_data": lambda: QCoreApplication.translate(
        "messages", "The saved ticket cannot be read; call the manager."
    ),
    "shift.unknown_denomination": lambda: QCoreApplication.translate(
        "messages", "{value} is not a note or coin."
    ),
    "print.nothing_to_reprint": lambda: QCoreApplication.translate(
        "messages", "There is no receipt to print again yet."
    ),
    # receipts
    "receipt.invalid_number": lambda: QCoreApplication.translate(
        "messages", "“{value}” is not a receipt number."
    ),
    # pickup orders (clerk's pickup screen)
    "pickup.not_found": lambda: QCoreApplication.translate(
        "PickupScreen", "Order {order} is not at this till yet."
    ),
    "pickup.code_malformed": lambda: QCoreApplication.translate(
        "PickupScreen", "This pickup QR code is damaged; key in the 6-digit code."
    ),
    "pickup.code_unknown": lambda: QCoreApplication.translate(
        "PickupScreen", "Code {code} matches no order."
    ),
    "pickup.code_wrong": lambda: QCoreApplication.translate(
        "PickupScreen", "Wrong code for order {order_no}. {attempts_left} attempts left."
    ),
    "pickup.locked": lambda: QCoreApplication.translate(
        "PickupScreen", "Order {order_no} is locked after too many wrong codes. Call a manager."
    ),
    "pickup.code_used": lambda: QCoreApplication.translate(
        "PickupScreen", "This code was already used: order {order_no} is collected."
    ),
    "pickup.cancelled": lambda: QCoreApplication.translate(
        "PickupScreen", "Order {order_no} is cancelled. Do not hand anything over."
    ),
    "pickup.expired": lambda: QCoreApplication.translate(
        "PickupScreen", "Order {order_no} has expired. Do not hand anything over."
    ),
    "pickup.not_ready": lambda: QCoreApplication.translate(
        "PickupScreen", "Order {order_no} is not ready yet."
    ),
    "pickup.wrong_state": lambda: QCoreApplication.translate(
        "PickupScreen", "Not possible for order {order_no} now."
    ),
    "pickup.not_picking": lambda: QCoreApplication.translate(
        "PickupScreen", "Press Start picking for order {order_no} first."
    ),
    "pickup.no_order": lambda: QCoreApplication.translate("PickupScreen", "Select an order first."),
    "pickup.item_not_in_order": lambda: QCoreApplication.translate(
        "PickupScreen", "{name} is not in order {order_no}. Put it back."
    ),
    "pickup.too_many": lambda: QCoreApplication.translate(
        "PickupScreen", "Too many: the order has {ordered} of {name}, {picked} already picked."
    ),
    "pickup.code_not_item": lambda: QCoreApplication.translate(
        "PickupScreen", "Code {code} is not an item or a pickup code."
    ),
    "pickup.line_incomplete": lambda: QCoreApplication.translate(
        "PickupScreen", "{name} is not fully picked: pick it or short-pick it."
    ),
    "pickup.nothing_picked": lambda: QCoreApplication.translate("PickupScreen", "Nothing is picked yet."),
    "pickup.not_verified": lambda: QCoreApplication.translate(
        "PickupScreen", "Scan or key in the customer's pickup code first."
    ),
    "pickup.nothing_to_hand_over": lambda: QCoreApplication.translate(
        "PickupScreen", "Tick the lines to hand over."
    ),
    "pickup.hand_over_too_many": lambda: QCoreApplication.translate(
        "PickupScreen", "Only {outstanding} of {name} can be handed over."
    ),
    "pickup.invalid_bag_count": lambda: QCoreApplication.translate(
        "PickupScreen", "'{value}' is not a bag count from 1 to 99."
    ),
    "pickup.line_not_found": lambda: QCoreApplication.translate(
        "PickupScreen", "That line is no longer in order {order_no}; reload the order."
    ),
    "pickup.conflict_not_found": lambda: QCoreApplication.translate(
        "PickupScreen", "That conflict was already dealt with."
    ),
    "pickup.payment_not_started": lambda: QCoreApplication.translate(
        "PickupScreen", "Order {order_no} is not being paid on this ticket; press Take payment on the pickup screen."
    ),
    "pickup.payment_required": lambda: QCoreApplication.translate(
        "PickupScreen", "Order {order_no} is paid at the store: press Take payment."
    ),
    "pickup.paid_online": lambda: QCoreApplication.translate(
        "PickupScreen", "Order {order_no} is paid online: press Hand over."
    ),
    "pickup.ticket_not_empty": lambda: QCoreApplication.translate(
        "PickupScreen", "The checkout ticket is not empty. Finish or hold it first."
    ),
    "pickup.not_overdue": lambda: QCoreApplication.translate(
        "PickupScreen", "Order {order_no} is not past its deadline."
    ),
    "pickup.manager_required": lambda: QCoreApplication.translate(
        "PickupScreen", "A manager must approve this."
    ),
    # shifts, cash management and reports
    "shift.not_enough_cash": lambda: QCoreApplication.translate(
        "shift_messages", "¥{amount} is more than the cash in the drawer. Nothing was recorded."
    ),
    "shift.amount_not_positive": lambda: QCoreApplication.translate(
        "shift_messages", "Enter an amount greater than zero."
    ),
    "shift.unknown_reason": lambda: QCoreApplication.translate(
        "shift_messages", "“{reason}” is not a reason for this; pick one from the list."
    ),
    "shift.not_open": lambda: QCoreApplication.translate("shift_messages", "This shift is already closed."),
    "shift.tickets_open": lambda: QCoreApplication.translate(
        "shift_messages",
        "The shift cannot close yet: {open_count} open and {held_count} held tickets ({tickets}). "
        "Void them or keep the held ones for the next shift.",
    ),
    "shift.ticket_has_payments": lambda: QCoreApplication.translate(
        "shift_messages", "Ticket {label} has payments; complete it on the sale screen first."
    ),
    "shift.ticket_not_found": lambda: QCoreApplication.translate(
        "shift_messages", "That ticket is no longer there."
    ),
    "shift.count_not_found": lambda: QCoreApplication.translate(
        "shift_messages", "That count does not belong to the open shift."
    ),
    "shift.count_superseded": lambda: QCoreApplication.translate(
        "shift_messages", "Count {attempt_no} was replaced by count {latest}; confirm the latest."
    ),
    "shift.variance_needs_approval": lambda: QCoreApplication.translate(
        "shift_messages",
        "The count is off by more than ¥{tolerance}: give a reason and ask a manager to approve.",
    ),
    "report.z_exists": lambda: QCoreApplication.translate(
        "shift_messages",
        "Business day {business_date} is already closed (Z report No. {z_no}). Reprint it instead.",
    ),
    "report.shifts_open": lambda: QCoreApplication.translate(
        "shift_messages", "Business day {business_date} still has an open shift; close it with a count first."
    ),
    "report.no_shifts": lambda: QCoreApplication.translate(
        "shift_messages", "No shift was worked on business day {business_date}; there is nothing to close."
    ),
    "report.no_z": lambda: QCoreApplication.translate(
        "shift_messages", "There is no Z report for business day {business_date}."
    ),
    "report.bad_range": lambda: QCoreApplication.translate(
        "shift_messages", "The start date {start} is after the end date {end}."
    ),
    # the scale, when a weighed item is added
    "scale.motion": lambda: QCoreApplication.translate("messages", "The scale is still moving. Wait, then try again."),
    "scale.zero": lambda: QCoreApplication.translate("messages", "The scale reads zero. Put the item on the scale."),
    "scale.under_zero": lambda: QCoreApplication.translate(
        "messages", "The scale reads below zero. Empty it and press its zero key."
    ),
    "scale.over_capacity": lambda: QCoreApplication.translate("messages", "Too heavy for the scale."),
    "scale.no_answer": lambda: QCoreApplication.translate(
        "messages", "The scale does not answer. Check its cable and power."
    ),
    "scale.unavailable": lambda: QCoreApplication.translate(
        "messages", "The scale is not connected. Check its cable, or key in the weight."
    ),
    "scale.bad_url": lambda: QCoreApplication.translate(
        "messages", "The scale's address in the settings is wrong. Call the administrator."
    ),
    "scale.bad_reply": lambda: QCoreApplication.translate(
        "messages", "The scale sent an answer the till does not understand. Try again."
    ),
    "scale.not_configured": lambda: QCoreApplication.translate("messages", "No scale is set up at this till."),
    "scale.error": lambda: QCoreApplication.translate("messages", "The scale is not ready. Try again."),
    # pickup codes: typed without an order, signed QR codes
    "pickup.bare_code_wrong": lambda: QCoreApplication.translate(
        "PickupScreen", "Code {code} matches no order. {attempts_left} attempts left, then code entry locks."
    ),
    "pickup.bare_codes_locked": lambda: QCoreApplication.translate(
        "PickupScreen", "Too many wrong codes. Select the customer's order first, or call a manager to unlock."
    ),
    "pickup.qr_no_key": lambda: QCoreApplication.translate(
        "PickupScreen", "This till cannot check pickup QR codes yet. Sync, or key in the 6-digit code."
    ),
    "pickup.code_needs_platform": lambda: QCoreApplication.translate(
        "PickupScreen", "The code of order {order_no} can only be checked online now. Scan the customer's QR."
    ),
    "scale.bad_settings": lambda: QCoreApplication.translate(
        "messages", "The scale's port refused its settings (baud rate, data bits, parity). Call the administrator."
    ),
    # print queue: a receipt the printer did not confirm
    "print.nothing_uncertain": lambda: QCoreApplication.translate(
        "messages", "No receipt is waiting to be printed again."
    ),
    # first sign-in with a one-time PIN from the platform
    "auth.pin_change_required": lambda: QCoreApplication.translate(
        "messages", "This is a one-time PIN: choose your own PIN to sign in."
    ),
    "auth.same_pin": lambda: QCoreApplication.translate(
        "messages", "The new PIN must differ from the one-time PIN."
    ),
    # pairing with the platform (first run, re-pair)
    "pairing.bad_url": lambda: QCoreApplication.translate(
        "messages", "“{url}” is not a platform address: {detail}"
    ),
    "pairing.bad_code": lambda: QCoreApplication.translate(
        "messages", "“{code}” is not a pairing code: it has 6 to 16 letters and digits."
    ),
    "pairing.unreachable": lambda: QCoreApplication.translate(
        "messages", "Cannot reach {host}: check the address and the network."
    ),
    "pairing.tls": lambda: QCoreApplication.translate(
        "messages",
        "The secure connection to {host} failed: its certificate is not trusted or is for another name.",
    ),
    "pairing.code_invalid": lambda: QCoreApplication.translate(
        "messages",
        "The platform does not accept this code: it is wrong, already used or expired. Ask for a new one.",
    ),
    "pairing.mismatch": lambda: QCoreApplication.translate(
        "messages", "This code is for another store or till than {store_id}-{till_id}."
    ),
    "pairing.not_platform": lambda: QCoreApplication.translate(
        "messages", "{host} answers, but it is not an O2O platform. Check the address."
    ),
    "pairing.no_keyring": lambda: QCoreApplication.translate(
        "messages", "This computer has no key store for the platform token: {detail}"
    ),
    "pairing.platform_error": lambda: QCoreApplication.translate(
        "messages", "The platform has a problem right now ({detail}). Try again in a minute."
    ),
    "pairing.failed": lambda: QCoreApplication.translate("messages", "Pairing with the platform failed."),
    "pairing.not_paired": lambda: QCoreApplication.translate(
        "messages", "This till is not paired with a platform yet."
    ),
    # backups
    "backup.failed": lambda: QCoreApplication.translate(
        "messages", "The backup could not be made. Call the administrator. ({reason})"
    ),
    # wallet payments (payment codes, intents, refunds)
    "payment.code_empty": lambda: QCoreApplication.translate("messages", "Scan the customer's payment code first."),
    "payment.code_not_digits": lambda: QCoreApplication.translate(
        "messages", "Payment code {masked} must contain digits only. Scan the code on the customer's phone."
    ),
    "payment.code_unknown_wallet": lambda: QCoreApplication.translate(
        "messages", "Code {masked} ({length} digits) is not a WeChat Pay, Alipay or UnionPay payment code. "
        "Ask the customer to refresh the code and scan again."
    ),
    "payment.invalid_transition": lambda: QCoreApplication.translate(
        "messages", "A wallet payment that is {current} cannot become {target}."
    ),
    "payment.pending": lambda: QCoreApplication.translate(
        "messages", "A wallet payment of {amount} is still waiting for an answer; wait for it or cancel it "
        "before you {action}."
    ),
    "payment.failed": lambda: QCoreApplication.translate("messages", "The {wallet} payment failed: {reason}."),
    "payment.not_found": lambda: QCoreApplication.translate(
        "messages", "Wallet payment {out_trade_no} is not on this till."
    ),
    "payment.not_refundable": lambda: QCoreApplication.translate(
        "messages", "Wallet payment {out_trade_no} is {state}; only a paid payment can be refunded."
    ),
    "payment.refund_too_large": lambda: QCoreApplication.translate(
        "messages", "A refund of {amount} is more than the {refundable} left on payment {out_trade_no}."
    ),
    "payment.unavailable": lambda: QCoreApplication.translate(
        "messages", "Wallet payments are not available: {reason}."
    ),
    "payment.tender_needs_reverse": lambda: QCoreApplication.translate(
        "messages", "A {wallet} payment is removed by giving the money back: use Remove payment in the payment window."
    ),
    "payment.unresolved_at_close": lambda: QCoreApplication.translate(
        "messages", "{count} wallet payment(s) are not final. Resolve them (F10, Wallet payments) or have a "
        "manager accept them with a reason before closing."
    ),
    # promotions and coupons
    "promotion.invalid": lambda: QCoreApplication.translate(
        "messages", "Promotion {promotion_id} cannot be used at this till: {reason}. Call the administrator."
    ),
    "coupon.already_on_ticket": lambda: QCoreApplication.translate(
        "messages", "Coupon {code} is already on this ticket."
    ),
    "coupon.unknown": lambda: QCoreApplication.translate("messages", "Coupon {code} is not known or no longer valid."),
    "coupon.not_valid": lambda: QCoreApplication.translate(
        "messages", "Coupon {code} can only be used from {start} to {end}."
    ),
    "coupon.not_for_store": lambda: QCoreApplication.translate("messages", "Coupon {code} is not valid in this store."),
    "coupon.already_used": lambda: QCoreApplication.translate("messages", "Coupon {code} was already used."),
    "coupon.below_threshold": lambda: QCoreApplication.translate(
        "messages", "Coupon {code} needs a spend of ¥{threshold}: ¥{short} more."
    ),
    "coupon.needs_network": lambda: QCoreApplication.translate(
        "messages", "Coupon {code} needs the network, and the till is offline. Try again when online."
    ),
    "coupon.bad_code": lambda: QCoreApplication.translate(
        "messages", "“{code}” is not a coupon code: use letters, digits, “.”, “_” and “-” (up to 64)."
    ),
    "coupon.conflict_not_found": lambda: QCoreApplication.translate(
        "messages", "This coupon conflict is already settled."
    ),
    # text typed or scanned into a field (pos_app.domain.text)
    "text.required": lambda: QCoreApplication.translate("messages", "This field cannot be empty."),
    "text.too_long": lambda: QCoreApplication.translate(
        "messages", "This text is {length} characters long; at most {maximum} fit."
    ),
    # the till's own disk
    "storage.full": lambda: QCoreApplication.translate(
        "messages", "The till's disk is full, so this was not saved. Nothing saved before is lost. "
        "Ask the manager to free disk space, then try again."
    ),
    "storage.failed": lambda: QCoreApplication.translate(
        "messages", "The till could not write to its disk. Nothing saved before is lost. "
        "Try again; if it happens again, call support."
    ),
    # approvals and sessions issued by AuthService only
    "auth.badge_needs_pin": lambda: QCoreApplication.translate(
        "messages", "Badge scanned. Now key the PIN of the badge's holder."
    ),
    "auth.session_invalid": lambda: QCoreApplication.translate(
        "messages", "This sign-in is not valid here. Sign in again."
    ),
    # several tills in one store
    "pickup.claimed_elsewhere": lambda: QCoreApplication.translate(
        "PickupScreen", "Order {order_no} is being picked at till {till} ({name}). Leave it to them, or ask a "
        "manager to take it over."
    ),
    # returns and exchanges (services/returns.py)
    "return.exceeds_refundable": lambda: QCoreApplication.translate(
        "messages", "Only {refundable} of {name} can still be returned; {quantity} was asked."
    ),
    "return.invalid_quantity": lambda: QCoreApplication.translate(
        "messages", "{quantity} is not a quantity of {name} that can be returned."
    ),
    "return.nothing_selected": lambda: QCoreApplication.translate(
        "messages", "Pick at least one line and a quantity to return."
    ),
    "return.reason_required": lambda: QCoreApplication.translate("messages", "Choose a reason for each returned line."),
    "return.unknown_reason": lambda: QCoreApplication.translate(
        "messages", "'{reason}' is not a configured return reason."
    ),
    "return.line_not_on_sale": lambda: QCoreApplication.translate("messages", "That line is not on this receipt."),
    "return.sale_not_found": lambda: QCoreApplication.translate(
        "messages", "No sale with receipt number {receipt_no} was found."
    ),
    "return.needs_network": lambda: QCoreApplication.translate(
        "messages", "Receipt {receipt_no} is not from this till: returning it needs the network, and the till is "
        "offline. Try again when it is back online."
    ),
    "return.refund_pending": lambda: QCoreApplication.translate(
        "messages", "Return {return_no} is saved, but the {kind} refund of ¥{amount} is not confirmed yet; the till "
        "retries it. Do not give that money in cash."
    ),
    "return.exchange_changed": lambda: QCoreApplication.translate(
        "messages", "The exchange credit for receipt {receipt_no} no longer matches what can be returned. Remove the "
        "exchange credit and start the exchange again."
    ),
    "return.exchange_not_staged": lambda: QCoreApplication.translate(
        "messages", "Exchange credit comes only from returned goods: remove that payment and use Return, then Exchange."
    ),
    "return.taken_elsewhere": lambda: QCoreApplication.translate(
        "messages", "Those items of {receipt_no} were just returned or are being returned at another till. Look the "
        "receipt up again to see what is left."
    ),
    # members (identify, points, stored value, sign-up)
    "member.not_found": lambda: QCoreApplication.translate("messages", "No member matches {query}."),
    "member.code_invalid": lambda: QCoreApplication.translate(
        "messages", "This member code was not issued by the platform. Ask the member to refresh it in the app."
    ),
    "member.code_expired": lambda: QCoreApplication.translate(
        "messages", "This member code has expired. Ask the member to refresh it in the app."
    ),
    "member.phone_invalid": lambda: QCoreApplication.translate(
        "messages", "{phone} is not a mainland mobile number (11 digits starting with 13 to 19)."
    ),
    "member.last4_invalid": lambda: QCoreApplication.translate(
        "messages", "Type the full mobile number or exactly its last 4 digits."
    ),
    "member.consent_missing": lambda: QCoreApplication.translate(
        "messages", "The customer must agree to the membership terms before signing up."
    ),
    "member.name_invalid": lambda: QCoreApplication.translate(
        "messages", "The name may have at most {max} characters and no control characters."
    ),
    "member.already_exists": lambda: QCoreApplication.translate(
        "messages", "A member with this mobile number already exists: identify them instead."
    ),
    "member.none_on_ticket": lambda: QCoreApplication.translate("messages", "Identify a member first."),
    "member.pending": lambda: QCoreApplication.translate(
        "messages", "The new member is not confirmed by the platform yet; points and stored value wait for it."
    ),
    "member.points_below_minimum": lambda: QCoreApplication.translate(
        "messages", "At least {minimum} points must be redeemed at a time."
    ),
    "member.points_above_maximum": lambda: QCoreApplication.translate(
        "messages", "At most {maximum} points can be redeemed on one ticket."
    ),
    "member.points_amount_uneven": lambda: QCoreApplication.translate(
        "messages", "¥{amount} is not a whole number of points ({fen} fen per point)."
    ),
    "member.insufficient_points": lambda: QCoreApplication.translate(
        "messages", "The member has {available} points; {wanted} are needed."
    ),
    "member.insufficient_stored_value": lambda: QCoreApplication.translate(
        "messages", "The member's stored value is ¥{available}; ¥{wanted} is needed."
    ),
    "member.points_need_network": lambda: QCoreApplication.translate(
        "messages", "Redeeming {wanted} points needs the network: offline, this till may redeem {allowance} for this member."
    ),
    "member.stored_value_offline_cap": lambda: QCoreApplication.translate(
        "messages", "Offline, this member may spend ¥{cap} of stored value at this till (¥{left} left). "
        "A manager can override, or wait for the network."
    ),
    "member.stored_value_till_cap": lambda: QCoreApplication.translate(
        "messages", "Offline, this till may take ¥{cap} of stored value a day (¥{left} left). "
        "A manager can override, or wait for the network."
    ),
    "member.platform_refused": lambda: QCoreApplication.translate("messages", "The platform refused: {reason}."),
    "member.top_up_invalid": lambda: QCoreApplication.translate(
        "messages", "A top-up must be between ¥{minimum} and ¥{maximum}."
    ),
    "member.tenders_on_ticket": lambda: QCoreApplication.translate(
        "messages", "Remove the points or stored-value payment first."
    ),
    "member.tender_twice": lambda: QCoreApplication.translate(
        "messages", "This ticket already has a {kind} payment; remove it to change the amount."
    ),
    "member.hold_refused": lambda: QCoreApplication.translate(
        "messages", "The platform refused: the member does not have {wanted} free now (another till may be using it)."
    ),
    "member.top_up_not_paid": lambda: QCoreApplication.translate(
        "messages", "The top-up was not paid ({state}): nothing was credited and the customer was not charged."
    ),
    "member.top_up_pending": lambda: QCoreApplication.translate(
        "messages", "The wallet has not answered yet: the ¥{amount} top-up is credited only when the charge is "
        "known to have gone through, or given back (see Wallet payments)."
    ),
    "member.hold_expired": lambda: QCoreApplication.translate(
        "messages", "The platform's hold on the member's {kind} expired and the member no longer has {wanted} "
        "free: take that payment off and pay another way."
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
