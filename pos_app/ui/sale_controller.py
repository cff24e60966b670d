"""What the sale screen's keys do: the cashier's actions on the ticket, as a controller the screen calls.

The screen (``sale_screen``) is the view: widgets, layout, painting, selection and key dispatch.
Each action here asks what it needs in a dialog, runs the service call in the serial worker
(``TaskRunner``) and hands the resulting TicketSnapshot back to the screen to render; a refusal
goes to ``SaleScreen.show_error`` and leaves the ticket as it was. Actions that need a manager
ask for an approval and retry (``_with_approval``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QDialog

from pos_app.domain.errors import EmptyTicket, OverrideReasonRequired, PosError
from pos_app.domain.money import parse_amount
from pos_app.domain.permissions import Permission
from pos_app.ui.cart_model import format_money
from pos_app.ui.dialogs import ManagerOverrideDialog, RecallDialog, SearchDialog, ValueDialog
from pos_app.ui.member_dialogs import MemberActionsDialog, MemberIdentifyDialog
from pos_app.ui.payment_dialog import PaymentDialog
from pos_app.ui.promotion_why import PromotionWhyDialog
from pos_app.ui.return_dialog import ReturnDialog
from pos_app.ui.shift_dialogs import OpenShiftDialog
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext
    from pos_app.services.auth import StaffSession
    from pos_app.ui.sale_screen import SaleScreen

# Refusals that a manager's approval turns into a yes.
APPROVAL_CODES = ("auth.approval_required", "permission.denied")


def english_names() -> bool:
    """Product names in English when the UI is not Chinese (LanguageManager sets the locale)."""
    return QLocale().language() != QLocale.Language.Chinese


class SaleController(QObject):
    """The sale screen's actions; `session` is the signed-in cashier (set by ``SaleScreen.activate``)."""

    def __init__(self, view: SaleScreen, ctx: AppContext, runner: TaskRunner, background: TaskRunner) -> None:
        super().__init__(view)
        self.view = view
        self.ctx = ctx
        self._checkout = ctx.checkout
        self._printing = ctx.printing
        self._runner = runner
        self._background = background
        self.session: StaffSession | None = None

    # -- calls to the checkout service ---------------------------------------------------
    def call(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_error: Callable[[BaseException], None] | None = None,
        then: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Run a checkout call in the serial worker; render its snapshot, then run `then`."""

        def done(snap: Any) -> None:
            self.view.show_snapshot(snap)
            if then is not None:
                then()

        self._runner.submit(fn, *args, on_result=done, on_error=on_error or self.view.show_error, **kwargs)

    def _live_selected_line(self) -> Any:
        line = self.view.selected_line()
        if line is None or line.voided:
            self.view.notices.warning(self.tr("Select an item on the ticket first (↑ ↓)."))
            self.view.focus_scan()
            return None
        return line

    # -- actions -------------------------------------------------------------------------
    def scan(self, code: str) -> None:
        code = code.strip()
        if code:
            self.call(self._checkout.scan, code, then=self.refresh_member if self._member_like(code) else None)

    # -- members -------------------------------------------------------------------------
    def _member_like(self, code: str) -> bool:
        members = self.ctx.members
        return members is not None and (code.startswith("O2OMB:") or members.looks_like_card(code))

    def refresh_member(self) -> None:
        """The member panel from the service (in the serial worker, after the ticket's changes)."""
        if self.ctx.members is not None:
            self._runner.submit(self.ctx.members.current, on_result=self.view.member_panel.show_member,
                                on_error=self.view.show_error)

    def member(self) -> None:
        """Ctrl+M: identify a member for the ticket, or take the member off it."""
        members = self.ctx.members
        if members is None or self.session is None:
            return
        if self.view.member_panel.view is not None:
            actions = MemberActionsDialog(self.ctx.member_tenders, members, self._runner, self.view)
            actions.exec()
            if actions.topped_up is not None:
                self.view.notices.info(self.tr("Stored value topped up by {0}: cash in the drawer.").format(
                    format_money(actions.topped_up.amount)))
            self.call(self._checkout.current, then=self.refresh_member)
            self.view.focus_scan()
            return
        dialog = MemberIdentifyDialog(members, self._runner, self.session.user_id, self.view)
        dialog.exec()
        self.call(self._checkout.current, then=self.refresh_member)  # member prices at once
        self.view.focus_scan()

    def search(self) -> None:
        dialog = SearchDialog(self.ctx.catalog, self._background, self.view, english_names=english_names())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.hit is not None:
            hit = dialog.hit
            sku = hit.sku
            if hit.sold_by_weight and self.ctx.scale.url:
                # The scale answers within its timeout, off the UI thread; an unstable or zero
                # weight comes back as a refusal the cashier reads, and nothing is added.
                self._background.submit(
                    self.ctx.scale.read_weight,
                    on_result=lambda kg: self.call(self._checkout.add_product, sku, kg),
                    on_error=self.view.show_error,
                )
            elif hit.sold_by_weight:
                weight = self._ask(
                    "weight", self.tr("Weight"), self.tr("Weight of {0} in kg:").format(hit.name)
                )
                if weight is not None:
                    self.call(self._checkout.add_product, hit.sku, weight)
            else:
                self.call(self._checkout.add_product, hit.sku)
        self.view.focus_scan()

    def _ask(
        self, name: str, title: str, prompt: str, initial: str = "", reasons: list[str] | None = None,
        percent: bool = False,
    ) -> tuple[str, str] | str | None:
        dialog = ValueDialog(name, title, prompt, initial, self.view, reasons=reasons, percent=percent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.view.focus_scan()
        if not accepted:
            return None
        return (dialog.value(), dialog.reason_text()) if reasons is not None else dialog.value()

    def change_quantity(self) -> None:
        line = self._live_selected_line()
        if line is None:
            return
        typed = self.view.scan_input.text().strip()
        value = self._ask(
            "quantity",
            self.tr("Quantity"),
            self.tr("New quantity for {0}:").format(self.view.line_name(line)),
            typed or f"{line.quantity.normalize():f}",
        )
        if value is not None:
            self.call(self._checkout.set_quantity, line.line_id, value)

    def void_line(self) -> None:
        line = self._live_selected_line()
        if line is not None:
            self._with_approval(
                self._checkout.void_line,
                (line.line_id,),
                "void_after_total",
                self.tr("Void {0}").format(self.view.line_name(line)),
                "void",
            )

    def override_price(self) -> None:
        line = self._live_selected_line()
        if line is None:
            return
        reasons = [
            self.tr("Damaged packaging"),
            self.tr("Price label differs"),
            self.tr("Near expiry"),
            self.tr("Price match"),
        ]
        answer = self._ask(
            "price",
            self.tr("Change price"),
            self.tr("New unit price for {0} (now {1}):").format(
                self.view.line_name(line), format_money(line.unit_price)
            ),
            reasons=reasons,
        )
        if not isinstance(answer, tuple):  # cancelled (asked with reasons: a pair)
            return
        price, reason = answer
        try:  # the domain's own checks, before a manager walks over for a typo
            parse_amount(price, self.ctx.config.currency)
            if not reason:
                raise OverrideReasonRequired()
        except PosError as error:
            self.view.show_error(error)
            return
        self._with_approval(
            self._checkout.override_price,
            (line.line_id, price, reason),
            "price_override",
            self.tr("Change the price of {0} to {1}").format(self.view.line_name(line), price),
            reason,
            ask_first=True,
        )

    def ticket_discount(self) -> None:
        if self.view.snapshot is None or not self.view.snapshot.item_count:
            self.view.show_error(EmptyTicket())
            return
        text = self._ask(
            "discount",
            self.tr("Ticket discount"),
            self.tr("Discount on the whole ticket: an amount (5 or 5.00) or a percentage (10%)."),
            percent=True,
        )
        if text is not None:
            self._with_approval(
                self._checkout.set_ticket_discount,
                (text,),
                "discount_above_limit",
                self.tr("Ticket discount {0}").format(text),
                "ticket discount",
            )

    def _with_approval(
        self,
        fn: Callable[..., Any],
        args: tuple,
        permission: str,
        action_text: str,
        reason: str,
        *,
        ask_first: bool = False,
        on_done: Callable[[Any], object] | None = None,
    ) -> None:
        """Call `fn`; if a manager must approve (first, or when the service asks), ask and retry.

        The result is a ticket snapshot unless `on_done` takes it.
        """

        def run(on_error: Callable[[BaseException], None], **kwargs: Any) -> None:
            if on_done is None:
                self.call(fn, *args, on_error=on_error, **kwargs)
            else:
                self._runner.submit(fn, *args, on_result=on_done, on_error=on_error, **kwargs)

        def ask_and_retry() -> None:
            dialog = ManagerOverrideDialog(self.ctx.auth, self._runner, permission, action_text, reason, self.view)
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.approval is not None:
                run(self.view.show_error, approval=dialog.approval)
            self.view.focus_scan()

        def on_error(error: BaseException) -> None:
            if getattr(error, "code", "") in APPROVAL_CODES:
                ask_and_retry()
            else:
                self.view.show_error(error)

        has_permission = self.session is not None and self.session.can(permission)
        if ask_first and not has_permission:
            ask_and_retry()
        else:
            run(on_error)

    def undo(self) -> None:
        """Ctrl+Z: back to the ticket before the last line action (a quick void stays one key)."""
        self._with_approval(
            self._checkout.undo, (), "void_after_total", self.tr("Undo the last change on the ticket"), "undo",
            on_done=lambda snap: (self.view.show_snapshot(snap),
                                  self.view.notices.info(self.tr("Last change undone."))),
        )

    # -- why didn't a promotion apply (a manager's question from the line's menu) ---------------
    def explain_promotions(self, line_id: int) -> None:
        """The promotions that look at the line and why each gave it nothing; a manager's view."""
        approval = None
        if not (self.session is not None and self.session.can(Permission.PROMOTION_EXPLAIN)):
            dialog = ManagerOverrideDialog(self.ctx.auth, self._runner, Permission.PROMOTION_EXPLAIN,
                                           self.tr("See why a promotion did not apply"), "", self.view)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.approval is None:
                self.view.focus_scan()
                return
            approval = dialog.approval
        line = next((ln for ln in self.view.model.lines() if ln.line_id == line_id), None)
        name = "" if line is None else (line.name_en or line.name) if english_names() else line.name

        session = self.session
        assert session is not None  # the sale screen has a signed-in cashier

        def work() -> list[Any]:
            return self.ctx.promotions.why_not(session, self._checkout.promotion_lines(), line_id, approval)

        def show(entries: list[Any]) -> None:
            PromotionWhyDialog(name, entries, english_names(), self.view).exec()
            self.view.focus_scan()

        self._runner.submit(work, on_result=show, on_error=self.view.show_error)

    def hold(self) -> None:
        if self.view.snapshot is None or not self.view.snapshot.lines:
            self.view.show_error(EmptyTicket())
            return
        self.call(
            self._checkout.hold, then=lambda: self.view.notices.info(self.tr("Ticket held. Recall it with F8."))
        )

    def recall(self) -> None:
        self._runner.submit(self._checkout.held, on_result=self._choose_held, on_error=self.view.show_error)

    def _choose_held(self, held: list[Any]) -> None:
        if not held:
            self.view.notices.warning(self.tr("There are no held tickets."))
            self.view.focus_scan()
            return
        dialog = RecallDialog(held, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.selected_ticket_id() is not None:
            self.call(self._checkout.recall, dialog.selected_ticket_id())
        self.view.focus_scan()

    def no_sale(self) -> None:
        """Open the drawer without a sale: a reason, and a manager unless the user may; audited."""
        answer = self._ask(
            "noSale",
            self.tr("Open drawer"),
            self.tr("Why is the drawer opened without a sale?"),
            reasons=[self.tr("Change for a customer"), self.tr("Count the float"), self.tr("Cash pickup")],
        )
        if answer is None:
            return
        reason = answer[1] or answer[0]
        self._with_approval(
            self.ctx.shifts.no_sale,  # a drawer event of the shift: counted at close, audited, slipped
            (self.session, reason),
            "no_sale",
            self.tr("Open the cash drawer (no sale)"),
            reason,
            ask_first=True,
            on_done=lambda _job: self.view.notices.info(self.tr("Drawer opened.")),
        )

    def open_shift(self) -> None:
        """F10: the shift and manager menu (with no shift open: open one, reports, devices)."""
        self._runner.submit(self.ctx.shifts.current, on_result=self._shift_or_menu, on_error=self.view.show_error)

    def _shift_or_menu(self, shift: Any) -> None:
        if shift is not None:
            self.view.managerMenuRequested.emit()
        else:
            self.view.noShiftMenuRequested.emit()

    def count_float(self) -> None:
        """Open a shift: count the starting float."""
        assert self.session is not None  # the sale screen has a signed-in cashier
        dialog = OpenShiftDialog(self.ctx.shifts, self._runner, self.session, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.shift is not None:
            self.view.notices.info(
                self.tr("Shift opened with a float of {0}.").format(format_money(dialog.shift.float_amount))
            )
            self.view.shiftChanged.emit()
        self.view.focus_scan()

    def pay(self) -> None:
        """Total the ticket (the service refuses an empty one), then take the payment."""
        self.call(self._checkout.total, then=self._open_payment)

    def _open_payment(self) -> None:
        member = self.view.member_panel.view
        dialog = PaymentDialog(self._checkout, self._runner, self.view.snapshot, self.view,
                               payments=self.ctx.payments,
                               member_tenders=self.ctx.member_tenders if member is not None and member.member_id else None,
                               auth=self.ctx.auth)
        dialog.completed.connect(self._sale_completed)
        dialog.exec()
        self.view.activate()

    def _sale_completed(self, sale: Any) -> None:
        self.view.notices.info(
            self.tr("Sale {0} completed. Change {1}.").format(sale.receipt_no, format_money(sale.change))
        )
        self.show_last_receipt()

    def return_goods(self) -> None:
        """Ctrl+T: the return screen. An exchange puts the credit on this ticket, then the normal
        payment settles the difference either way."""
        snap = self.view.snapshot
        can_exchange = bool(snap is not None and any(not ln.voided for ln in snap.lines) and not snap.tenders)
        dialog = ReturnDialog(self.ctx, self._runner, self.view, can_exchange=can_exchange)
        dialog.exec()
        if dialog.exchanged is not None:
            self.view.show_snapshot(dialog.exchanged)
            self.pay()
            return
        if dialog.completed is not None:
            self.view.notices.info(self.tr("Return {0} saved.").format(dialog.completed.return_no))
        self.view.activate()

    def show_last_receipt(self) -> None:
        """The receipt as queued for the printer (read in a worker, rendered in a worker)."""
        self._background.submit(
            self._printing.last_receipt,
            on_result=lambda doc: doc is not None and self.view.preview.show_document(doc),
            on_error=self.view.show_error,
        )
