"""Errors meant for people: a stable ``code`` the UI translates, ``params`` and an English default.

Every domain rule that refuses input raises one of these, so a cashier always sees a specific
message and the services can map codes without parsing text.

A catalog, over 500 lines by nature: one small class per refusal, so each code is defined once
and the UI (`ui/messages.py`) and the CLI can rely on it; there is no logic to split.
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


# --- the pickup console (moved from services/pickup.py) ----------------------------------------


class PickupOrderNotFound(PosError):
    code = "pickup.not_found"
    template = "Pickup order {order} is not known at this till (sync first?)."


class PickupCodeMalformed(PosError):
    code = "pickup.code_malformed"
    template = "'{code}' looks like a pickup QR code but is damaged; ask for the 6-digit code."


class PickupCodeUnknown(PosError):
    code = "pickup.code_unknown"
    template = "Pickup code {code} matches no order at this till."


class PickupCodeWrong(PosError):
    code = "pickup.code_wrong"
    template = "Wrong pickup code for order {order_no}; {attempts_left} attempts left."


class PickupOrderLocked(PosError):
    code = "pickup.locked"
    template = "Order {order_no} is locked after too many wrong codes; a manager must unlock it."


class PickupCodeUsed(PosError):
    code = "pickup.code_used"
    template = "The code of order {order_no} was already used: the order is collected."


class PickupOrderCancelled(PosError):
    code = "pickup.cancelled"
    template = "Order {order_no} is cancelled; do not hand anything over."


class PickupOrderExpired(PosError):
    code = "pickup.expired"
    template = "Order {order_no} expired; do not hand anything over."


class PickupOrderNotReady(PosError):
    code = "pickup.not_ready"
    template = "Order {order_no} is {status}, not ready for collection yet."


class PickupWrongState(PosError):
    code = "pickup.wrong_state"
    template = "Order {order_no} is {status}; {action} is not possible now."


class PickupNotPicking(PosError):
    code = "pickup.not_picking"
    template = "Order {order_no} is {status}; press Start picking before scanning items."


class PickupNoOrderSelected(PosError):
    code = "pickup.no_order"
    template = "Select an order before scanning items."


class PickupItemNotInOrder(PosError):
    code = "pickup.item_not_in_order"
    template = "{name} is not in order {order_no}; put it back."


class PickupTooMany(PosError):
    code = "pickup.too_many"
    template = "Order {order_no} has {ordered} of {name}; {picked} already picked."


class PickupCodeNotItem(PosError):
    code = "pickup.code_not_item"
    template = "Code {code} is a {kind}, not an item or a pickup code."


class PickupLineNotFound(PosError):
    code = "pickup.line_not_found"
    template = "Line {line_id} is not in order {order_no}."


class PickupLineIncomplete(PosError):
    code = "pickup.line_incomplete"
    template = "{name} is not fully picked; pick it or short-pick it with a reason."


class PickupNothingPicked(PosError):
    code = "pickup.nothing_picked"
    template = "Nothing of order {order_no} is picked; it cannot be ready."


class PickupNotVerified(PosError):
    code = "pickup.not_verified"
    template = "Check the customer's pickup code of order {order_no} first."


class PickupNothingToHandOver(PosError):
    code = "pickup.nothing_to_hand_over"
    template = "Nothing of order {order_no} is selected to hand over."


class PickupHandOverTooMany(PosError):
    code = "pickup.hand_over_too_many"
    template = "Only {outstanding} of {name} can be handed over."


class PickupPaymentRequired(PosError):
    code = "pickup.payment_required"
    template = "Order {order_no} is paid at the store: take the payment at the checkout."


class PickupPaidOnline(PosError):
    code = "pickup.paid_online"
    template = "Order {order_no} is already paid online; hand it over directly."


class PickupTicketNotEmpty(PosError):
    code = "pickup.ticket_not_empty"
    template = "The checkout ticket is not empty; finish or hold it first."


class PickupPaymentNotStarted(PosError):
    code = "pickup.payment_not_started"
    template = "Order {order_no} was not sent to this checkout ticket from the pickup screen."


class PickupNotOverdue(PosError):
    code = "pickup.not_overdue"
    template = "Order {order_no} can be collected until {deadline}; it cannot expire yet."


class PickupManagerRequired(PosError):
    code = "pickup.manager_required"
    template = "A manager must approve this."


class PickupConflictNotFound(PosError):
    code = "pickup.conflict_not_found"
    template = "Conflict {conflict_id} is not open."


class InvalidBagCount(PosError):
    code = "pickup.invalid_bag_count"
    template = "'{value}' is not a bag count from 1 to 99."


class PickupLineInvariant(PosError):
    code = "pickup.line_invariant"
    template = "Line {line_id}: picked {picked}, handed over {handed_over}, cancelled {cancelled} of {quantity}."


class PickupBareCodeWrong(PosError):
    code = "pickup.bare_code_wrong"
    template = "Pickup code {code} matches no order; {attempts_left} attempts left before code entry locks."


class PickupBareCodesLocked(PosError):
    code = "pickup.bare_codes_locked"
    template = ("Too many wrong pickup codes without an order: select the customer's order first, "
                "or a manager unlocks code entry.")


class PickupQrNoKey(PosError):
    code = "pickup.qr_no_key"
    template = "This till cannot check pickup QR codes yet (no platform key): sync, or key in the 6-digit code."


class PickupCodeNeedsPlatform(PosError):
    code = "pickup.code_needs_platform"
    template = "The code of order {order_no} can only be checked online now; sync, or scan the customer's QR."


# --- text typed or scanned at the till (pos_app.domain.text) -----------------------------------


class TextRequired(PosError):
    code = "text.required"
    template = "Enter the {field}."


class TextTooLong(PosError):
    code = "text.too_long"
    template = "The {field} is {length} characters long; at most {maximum} fit."


# --- pairing with the platform (first run, re-pair) --------------------------------------------


class PairingError(PosError):
    """Base of the reasons pairing failed; each has its own code and translated text."""

    code = "pairing.failed"
    template = "Pairing with the platform failed."


class PairingBadUrl(PairingError):
    code = "pairing.bad_url"
    template = "“{url}” is not a platform address: {detail}"


class PairingBadCode(PairingError):
    code = "pairing.bad_code"
    template = "“{code}” is not a pairing code: it has 6 to 16 letters and digits."


class PairingUnreachable(PairingError):
    code = "pairing.unreachable"
    template = "Cannot reach {host}: check the address and the network."


class PairingTls(PairingError):
    code = "pairing.tls"
    template = "The secure connection to {host} failed: its certificate is not trusted or is for another name."


class PairingCodeInvalid(PairingError):
    code = "pairing.code_invalid"
    template = "The platform does not accept this code: it is wrong, already used or expired. Ask for a new one."


class PairingMismatch(PairingError):
    code = "pairing.mismatch"
    template = "This code is for another store or till than {store_id}-{till_id}."


class PairingNotPlatform(PairingError):
    code = "pairing.not_platform"
    template = "{host} answers, but it is not an O2O platform. Check the address."


class PairingNoKeyring(PairingError):
    code = "pairing.no_keyring"
    template = "This computer has no key store for the platform token: {detail}"


class PlatformBusy(PairingError):
    code = "pairing.platform_error"
    template = "The platform has a problem right now ({detail}). Try again in a minute."


class NotPaired(PairingError):
    code = "pairing.not_paired"
    template = "This till is not paired with a platform yet."


# --- backups -----------------------------------------------------------------------------------


class BackupFailed(PosError):
    code = "backup.failed"
    template = "The backup could not be made: {reason}"


# --- payment codes and payment intents (issue 14) ------------------------------------------------


class PaymentCodeEmpty(PosError):
    code = "payment.code_empty"
    template = "Scan the customer's payment code first."


class PaymentCodeNotDigits(PosError):
    code = "payment.code_not_digits"
    template = "Payment code {masked} must contain digits only."


class PaymentCodeUnknownWallet(PosError):
    code = "payment.code_unknown_wallet"
    template = ("Payment code {masked} ({length} digits) is not a WeChat Pay, Alipay or UnionPay "
                "payment code. Ask the customer to refresh the code and scan again.")


class InvalidPaymentTransition(PosError):
    code = "payment.invalid_transition"
    template = "A payment that is {current} cannot become {target}."


class PaymentPending(PosError):
    code = "payment.pending"
    template = ("A wallet payment of {amount} is still waiting for an answer; wait for it or cancel it "
                "before you {action}.")


class PaymentFailed(PosError):
    code = "payment.failed"
    template = "The {wallet} payment failed: {reason}."


class PaymentNotFound(PosError):
    code = "payment.not_found"
    template = "Payment {out_trade_no} is not on this till."


class PaymentNotRefundable(PosError):
    code = "payment.not_refundable"
    template = "Payment {out_trade_no} is {state}; only a paid payment can be refunded."


class RefundTooLarge(PosError):
    code = "payment.refund_too_large"
    template = "A refund of {amount} is more than the {refundable} left on payment {out_trade_no}."


class PaymentsUnavailable(PosError):
    code = "payment.unavailable"
    template = "Wallet payments are not available: {reason}."


class UnresolvedPayments(PosError):
    code = "payment.unresolved_at_close"
    template = ("{count} wallet payment(s) are not final; resolve them (F10, Wallet payments) or have a "
                "manager accept them with a reason before closing.")


# --- promotions and coupons --------------------------------------------------------------------


class InvalidPromotion(PosError):
    code = "promotion.invalid"
    template = "Promotion '{promotion_id}' is refused: {reason}."


class CouponAlreadyOnTicket(PosError):
    code = "coupon.already_on_ticket"
    template = "Coupon {code} is already on this ticket."


class CouponUnknown(PosError):
    code = "coupon.unknown"
    template = "Coupon {code} is not known at this till."


class CouponNotValid(PosError):
    code = "coupon.not_valid"
    template = "Coupon {code} cannot be used now (valid {start} to {end})."


class CouponNotForStore(PosError):
    code = "coupon.not_for_store"
    template = "Coupon {code} is not valid in this store."


class CouponAlreadyUsed(PosError):
    code = "coupon.already_used"
    template = "Coupon {code} was already used."


class CouponBelowThreshold(PosError):
    code = "coupon.below_threshold"
    template = "Coupon {code} needs a spend of {threshold}; {short} more."


class CouponNeedsNetwork(PosError):
    code = "coupon.needs_network"
    template = "Coupon {code} needs the network: the till is offline."


# --- the till's own storage (raised by pos_app.store for database faults the cashier can act on) ---


class StorageFull(PosError):
    code = "storage.full"
    template = ("The till's disk is full, so this was not saved; nothing that was saved before is lost. "
                "Ask the manager to free disk space, then try again.")


class StorageFailed(PosError):
    code = "storage.failed"
    template = ("The till could not write to its disk ({detail}); nothing that was saved before is lost. "
                "Try again; if it happens again, call support.")


# --- several tills in one store ---


class PickupClaimedElsewhere(PosError):
    code = "pickup.claimed_elsewhere"
    template = ("Order {order_no} is being picked at till {till} ({name}). Leave it to them, or ask a manager "
                "to take it over.")


# --- coupons typed by the cashier and conflicts settled by the manager (issue 15) ---


class CouponCodeInvalid(PosError):
    code = "coupon.bad_code"
    template = "{code!r} is not a coupon code: letters, digits, '.', '_' and '-', up to 64."


class CouponConflictNotFound(PosError):
    code = "coupon.conflict_not_found"
    template = "Coupon conflict {conflict_id} is not open."


# --- returns -------------------------------------------------------------------------------------


class ReturnExceedsRefundable(PosError):
    code = "return.exceeds_refundable"
    template = "Only {refundable} of {name} can still be returned; {quantity} was asked."


class ReturnInvalidQuantity(PosError):
    code = "return.invalid_quantity"
    template = "{quantity} is not a quantity of {name} that can be returned."


class ReturnNothingSelected(PosError):
    code = "return.nothing_selected"
    template = "Pick at least one line and a quantity to return."


class ReturnReasonRequired(PosError):
    code = "return.reason_required"
    template = "Choose a reason for each returned line."


class ReturnUnknownReason(PosError):
    code = "return.unknown_reason"
    template = "'{reason}' is not a configured return reason."


class ReturnLineNotOnSale(PosError):
    code = "return.line_not_on_sale"
    template = "Line {line_id} is not on that receipt."


class ReturnSaleNotFound(PosError):
    code = "return.sale_not_found"
    template = "No sale with receipt number {receipt_no} was found."


class ReturnNeedsNetwork(PosError):
    code = "return.needs_network"
    template = ("Receipt {receipt_no} is not from this till: returning it needs the network, and the till "
                "is offline. Try again when it is back online.")


class ReturnRefundPending(PosError):
    code = "return.refund_pending"
    template = ("Return {return_no} is saved, but the {kind} refund of {amount} has not been confirmed yet; "
                "the till retries it. Do not give that money in cash.")


class ReturnExchangeChanged(PosError):
    code = "return.exchange_changed"
    template = ("The exchange credit for receipt {receipt_no} no longer matches what can be returned (another "
                "return was made meanwhile). Remove the exchange credit and start the exchange again.")


class ReturnExchangeNotStaged(PosError):
    code = "return.exchange_not_staged"
    template = "Exchange credit comes only from returned goods: remove that payment and use Return, then Exchange."


class ReturnTakenElsewhere(PosError):
    code = "return.taken_elsewhere"
    template = ("Those items of {receipt_no} were just returned or are being returned at another till; "
                "look the receipt up again to see what is left.")
# --- members (identify, points, stored value, sign-up) ---------------------------------------


class MemberNotFound(PosError):
    code = "member.not_found"
    template = "No member matches {query}."


class MemberCodeInvalid(PosError):
    code = "member.code_invalid"
    template = "This member code was not issued by the platform; ask the member to refresh it in the app."


class MemberCodeExpired(PosError):
    code = "member.code_expired"
    template = "This member code has expired; ask the member to refresh it in the app."


class MemberPhoneInvalid(PosError):
    code = "member.phone_invalid"
    template = "{phone} is not a Chinese mobile number (11 digits starting with 13-19)."


class MemberLast4Invalid(PosError):
    code = "member.last4_invalid"
    template = "Type the full mobile number or exactly its last 4 digits."


class MemberConsentMissing(PosError):
    code = "member.consent_missing"
    template = "The customer must agree to the membership terms before signing up."


class MemberNameInvalid(PosError):
    code = "member.name_invalid"
    template = "The name may have at most {max} characters and no control characters."


class MemberAlreadyExists(PosError):
    code = "member.already_exists"
    template = "A member with this mobile number already exists: identify them instead."


class NoMemberOnTicket(PosError):
    code = "member.none_on_ticket"
    template = "Identify a member first."


class MemberPending(PosError):
    code = "member.pending"
    template = "The new member is not confirmed by the platform yet; points and stored value wait for it."


class PointsBelowMinimum(PosError):
    code = "member.points_below_minimum"
    template = "At least {minimum} points must be redeemed at a time."


class PointsAboveMaximum(PosError):
    code = "member.points_above_maximum"
    template = "At most {maximum} points can be redeemed on one ticket."


class PointsAmountUneven(PosError):
    code = "member.points_amount_uneven"
    template = "{amount} is not a whole number of points ({fen} fen per point)."


class InsufficientPoints(PosError):
    code = "member.insufficient_points"
    template = "The member has {available} points; {wanted} are needed."


class InsufficientStoredValue(PosError):
    code = "member.insufficient_stored_value"
    template = "The member's stored value is {available}; {wanted} is needed."


class PointsNeedNetwork(PosError):
    code = "member.points_need_network"
    template = "Redeeming {wanted} points needs the network: offline this till may redeem {allowance} for this member."


class StoredValueOfflineCap(PosError):
    code = "member.stored_value_offline_cap"
    template = ("Offline, this member may spend {cap} of stored value at this till ({left} left); "
                "a manager can override, or wait for the network.")


class StoredValueTillCap(PosError):
    code = "member.stored_value_till_cap"
    template = ("Offline, this till may take {cap} of stored value a day ({left} left); "
                "a manager can override, or wait for the network.")


class MemberRefusedByPlatform(PosError):
    code = "member.platform_refused"
    template = "The platform refused: {reason}."


class TopUpInvalid(PosError):
    code = "member.top_up_invalid"
    template = "A top-up must be between {minimum} and {maximum}."


class MemberTendersOnTicket(PosError):
    code = "member.tenders_on_ticket"
    template = "Remove the points or stored-value payment first."


class MemberTenderTwice(PosError):
    code = "member.tender_twice"
    template = "This ticket already has a {kind} payment; remove it to change the amount."


class MemberHoldRefused(PosError):
    code = "member.hold_refused"
    template = "The platform refused: the member does not have {wanted} free now (another till may be using it)."


class TopUpNotPaid(PosError):
    code = "member.top_up_not_paid"
    template = "The top-up was not paid ({state}): nothing was credited and the customer was not charged."


class TopUpPending(PosError):
    code = "member.top_up_pending"
    template = ("The wallet has not answered yet: the {amount} top-up is credited only when the charge is known to "
                "have gone through, or given back (see Wallet payments).")


class MemberHoldExpired(PosError):
    code = "member.hold_expired"
    template = ("The platform's hold on the member's {kind} expired and the member no longer has {wanted} free: "
                "take that payment off and pay another way.")
