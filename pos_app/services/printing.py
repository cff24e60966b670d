"""The durable print queue: receipts, slips and drawer kicks, one worker thread per printer.

A receipt job is written to `print_jobs` inside the sale's transaction (`attach` registers the
checkout hook), so a committed sale always has its receipt. The worker of each printer role
prints the role's pending jobs in order. A printer that is off, unplugged or out of paper never
blocks a sale: its jobs wait and the worker retries with exponential backoff. The worker reads the
printer's DLE EOT status before a batch (nothing is sent while it reports an error such as paper
out or cover open; an UNKNOWN status is tried, since many printers never answer).

What a job's status means:
- ``printed``: every byte was accepted by the printer AND its status read right afterwards was
  not a fault. Nothing less is called printed.
- ``uncertain``: every byte was accepted but the printer did not say afterwards whether it
  printed (no or garbled status). It is not retried by itself: the cashier is shown it and
  reprints it with one key (`reprint_uncertain`) or accepts it (`accept_uncertain`).
- ``failed``: the job can never print (its stored document is damaged or unprintable); it is
  set aside so the queue moves on.
- ``pending``: waiting. A failed ATTEMPT (connection dropped or stalled mid-job, a fault reported
  right after sending) leaves the job pending; it is retried once the printer is ready.

Delivery is at least once: before a job's bytes go out, `sends` is incremented and committed (the
document was rendered before that, so the commit sits right next to the send). A job sent before
a crash, a dropped connection or a fault is therefore resent with the "REPRINT / 重打" mark. The
only cost of that order: a crash between the commit and the first byte prints the receipt once,
marked REPRINT.

Drawer kicks are deliberately NOT durable and never wait for a printer to recover: a drawer opens
while the customer is there or not at all. A kick is tried once: the printer's status is read
first; a faulted printer (or one whose status is unknown) gets no ESC p, because a printer keeps
ESC p while faulted and opens the drawer when the fault clears, maybe minutes later. A printer
whose profile supports the real-time pulse (DLE DC4 1, never buffered) gets that instead, unless it
reports a fault. The outcome goes to the drawer listeners at once, so the cashier is told now.

Listeners get a `PrinterState` on every change, called from a worker thread (or the caller's
thread for `submit`/`reroute`); the UI must hop to its own thread, e.g. by emitting a signal.

The worker threads are in ``print_workers``; the state, outcome and error types in ``print_types``
(re-exported here, ``__all__``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hardware.errors import DeviceURLError, HardwareError, PrinterError, PrinterGone
from hardware.escpos_commands import drawer_kick, realtime_drawer_pulse
from hardware.printer import ReceiptPrinter
from hardware.receipt.document import Barcode, Columns, Cut, Document, Text
from hardware.status import PrinterState as DeviceState
from hardware.status import PrinterStatus
from hardware.urls import SerialURL, parse_device_url
from pos_app.config import Config
from pos_app.domain.tenders import TenderKindRegistry
from pos_app.domain.ticket import TicketSnapshot
from pos_app.services.auth import StaffSession, require_session
from pos_app.services.checkout import CheckoutService, CompletedSale
from pos_app.services.listeners import subscribe
from pos_app.services.print_types import (
    DrawerOutcome,
    JobNotPending,
    JobPrintingNow,
    NoDrawer,
    NothingToReprint,
    NothingUncertain,
    PendingJob,
    PrinterState,
    UnknownPrinterRole,
)
from pos_app.services.print_workers import PrinterWorker, SerialDrawerWorker, Worker
from pos_app.services.receipts import (
    BadPrintDocument,
    build_receipt,
    document_from_json,
    document_to_json,
    mark_copy,
    mark_reprint,
    profile_for,
)
from pos_app.services.sale_records import SaleContext
from pos_app.store.models import PrintJob
from pos_app.store.uow import Database, UnitOfWork

__all__ = [
    "DrawerOutcome",
    "JobNotPending",
    "JobPrintingNow",
    "NoDrawer",
    "NothingToReprint",
    "NothingUncertain",
    "PendingJob",
    "PrintService",
    "PrinterState",
    "UnknownPrinterRole",
]

log = logging.getLogger(__name__)

OK_CODES = ("printer.ok", "printer.paper_low", "printer.unknown")
#: How long a kick may wait for its worker (behind a job being sent) before the cashier is told.
DEFAULT_KICK_EXPIRY = 5.0



class PrintService:
    """Queue documents for the configured printers; see the module docstring for guarantees."""

    def __init__(self, db: Database, config: Config, till_key: str, data_dir: Path, *,
                 printers: dict[str, str] | None = None, tender_kinds: TenderKindRegistry | None = None,
                 timeout: float = 5.0, status_timeout: float = 1.0, retry_initial: float = 1.0,
                 retry_max: float = 30.0, poll_interval: float = 5.0, probe_interval: float = 30.0,
                 kick_expiry: float = DEFAULT_KICK_EXPIRY) -> None:
        self.db, self.config, self.till_key, self.data_dir = db, config, till_key, data_dir
        self.profile = profile_for(config)
        self.tender_kinds = tender_kinds or TenderKindRegistry()
        self.timeout, self.status_timeout = timeout, status_timeout
        self.retry_initial, self.retry_max = retry_initial, retry_max
        self.poll_interval, self.probe_interval, self.kick_expiry = poll_interval, probe_interval, kick_expiry
        devices = config.devices
        pulse = devices.drawer_pulse_ms
        self.kick_bytes = drawer_kick(devices.drawer_pin, pulse, pulse)
        self.realtime_kick_bytes = realtime_drawer_pulse(devices.drawer_pin, pulse)
        urls = printers if printers is not None else {"receipt": devices.receipt_printer}
        if "receipt" not in urls:
            raise UnknownPrinterRole(role="receipt", known=", ".join(urls) or "none")
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._inflight: set[str] = set()
        self._listeners: list[Callable[[PrinterState], None]] = []
        self._drawer_listeners: list[Callable[[DrawerOutcome], None]] = []
        self._workers: dict[str, Worker] = {role: PrinterWorker(self, role, url) for role, url in urls.items()}
        self._states = {role: PrinterState(role, True, "Printer not checked yet.", "printer.unknown", 0)
                        for role in urls}
        self._drawer: Worker | None = None
        self._drawer_problem = "devices.drawer is empty (no drawer configured)."
        try:
            self._drawer = self._drawer_worker(devices.drawer)
        except DeviceURLError as exc:  # the till still sells; selfcheck and no-sale report it
            self._drawer_problem = str(exc)
            log.error("cash drawer disabled: %s", exc)

    def _drawer_worker(self, setting: str) -> Worker | None:
        """`printer` kicks through the receipt printer, a serial URL uses a trigger box, "" none."""
        if not setting.strip():
            return None
        if setting.strip() == "printer":
            return self._workers["receipt"]
        parsed = parse_device_url(setting)
        if not isinstance(parsed, SerialURL):
            raise DeviceURLError(
                f"devices.drawer must be 'printer', a serial URL or empty, not {setting!r}.")
        worker = SerialDrawerWorker(self, parsed)
        self._workers["drawer"] = worker
        return worker

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self) -> None:
        for worker in self._workers.values():
            worker.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the workers; waiting jobs stay in the database and print after the next start."""
        self._stopping.set()
        for worker in self._workers.values():
            worker.wakeup.set()
        for worker in self._workers.values():
            if worker.is_alive():
                worker.join(timeout)

    def attach(self, checkout: CheckoutService) -> None:
        """Queue every sale's receipt inside its transaction; kick the drawer after cash sales."""
        checkout.on_complete.append(self.queue_receipt)
        checkout.after_complete.append(self._after_sale)

    # -- queueing -------------------------------------------------------------------------------
    def queue_receipt(self, uow: UnitOfWork, ctx: SaleContext, snap: TicketSnapshot) -> str:
        """The `on_complete` hook. It must not fail the sale, so a receipt that cannot be built
        is replaced by a minimal one (number, total, barcode) and the error is logged."""
        try:
            cashier = uow.users.get(ctx.cashier_id)
            names = {kind.code: kind.name for kind in self.tender_kinds
                     if kind.code not in ("cash", "card", "wechat_pay", "alipay", "unionpay_qr")}  # translated
            payers = {i.transaction_id: i.payer for i in uow.payments.for_ticket(snap.ticket_id)
                      if i.payer and i.transaction_id}  # wallet payments: the payer id, masked
            document = build_receipt(self.config, ctx, snap, cashier_name=cashier.name if cashier else
                                     ctx.cashier_id, tender_names=names, payers=payers)
        except Exception:
            log.exception("receipt for %s could not be built; printing a minimal one", ctx.receipt_no)
            document = Document((Text(ctx.receipt_no, align="center"),
                                 Columns("TOTAL", f"{snap.total + snap.rounding:.2f}"),
                                 Barcode(ctx.receipt_no), Cut()))
        return uow.print_jobs.add("receipt", document_to_json(document), ref_id=ctx.sale_id)

    def submit(self, document: Document, printer_role: str = "receipt", *, kind: str = "slip",
               ref_id: str | None = None) -> str:
        """Queue a document for a printer and return the job id."""
        self._require_role(printer_role)
        with self.db.uow() as uow:
            job_id = uow.print_jobs.add(kind, document_to_json(document), ref_id=ref_id,
                                        printer_role=printer_role)
            uow.commit()
        self._wake(printer_role)
        return job_id

    def reprint_last(self, kind: str = "receipt") -> str:
        """Queue a copy of the last document of `kind`, marked 重印 COPY, for the same sale."""
        with self.db.uow(read_only=True) as uow:
            last = self._last_sale_receipt(uow) if kind == "receipt" else uow.print_jobs.last(kind)
            if last is None:
                raise NothingToReprint(kind=kind)
            document, ref_id = document_from_json(last.document), last.ref_id
        return self.submit(mark_copy(document), "receipt", kind=kind, ref_id=ref_id)

    def reroute(self, job_id: str, printer_role: str) -> None:
        """Send a waiting job to another configured printer (e.g. the first is out of paper)."""
        self._require_role(printer_role)
        with self._lock:
            if job_id in self._inflight:
                raise JobPrintingNow(job_id=job_id)
            with self.db.uow() as uow:
                job = uow.print_jobs.get(job_id)
                if job is None or job.status != "pending":
                    raise JobNotPending(job_id=job_id)
                source = job.printer_role
                uow.print_jobs.reroute(job_id, printer_role)
                uow.commit()
        self._refresh_pending(source)
        self._wake(printer_role)

    def kick_drawer(self, session: StaffSession, reason: str) -> None:
        """Open the cash drawer for `session` (audited with `reason`) from the device's worker thread;
        returns at once. The outcome (opened, or why not) goes to the drawer listeners within
        `kick_expiry` seconds."""
        staff = require_session(session)
        if self._drawer is None:
            raise NoDrawer(problem=self._drawer_problem)
        with self.db.uow() as uow:
            uow.audit.add(self.till_key, "drawer.kicked", staff.user_id, details={"reason": reason})
            uow.commit()
        self._kick()

    def _kick(self) -> None:
        """Queue a kick for the drawer's worker thread (a cash sale's own record names the cashier)."""
        assert self._drawer is not None
        self._drawer.kicks.append(time.monotonic() + self.kick_expiry)
        self._drawer.wakeup.set()

    # -- state ----------------------------------------------------------------------------------
    def status(self, printer_role: str = "receipt") -> PrinterState:
        self._require_role(printer_role)
        with self._lock:
            return self._states[printer_role]

    def pending(self, printer_role: str | None = None) -> list[PendingJob]:
        with self.db.uow(read_only=True) as uow:
            return [PendingJob(j.id, j.kind, j.ref_id, j.printer_role, j.attempts, j.last_error, j.created_at)
                    for j in uow.print_jobs.pending(printer_role)]

    def add_listener(self, callback: Callable[[PrinterState], None]) -> Callable[[], None]:
        """Call `callback(state)` on every change; returns the function that unsubscribes."""
        return subscribe(self._lock, self._listeners, callback)

    def add_drawer_listener(self, callback: Callable[[DrawerOutcome], None]) -> Callable[[], None]:
        """Call `callback(outcome)` once per kick, from a worker thread; returns the unsubscriber."""
        return subscribe(self._lock, self._drawer_listeners, callback)

    def uncertain(self, printer_role: str | None = None) -> list[PendingJob]:
        """Jobs sent without a confirming status, newest last: the cashier reprints or accepts them."""
        with self.db.uow(read_only=True) as uow:
            return [PendingJob(j.id, j.kind, j.ref_id, j.printer_role, j.attempts, j.last_error, j.created_at)
                    for j in uow.print_jobs.uncertain(printer_role)]

    def reprint_uncertain(self, job_id: str | None = None) -> str:
        """Print an uncertain job (default: the newest) again, marked REPRINT; returns its id."""
        return self._settle_uncertain(job_id, reprint=True)

    def accept_uncertain(self, job_id: str | None = None) -> str:
        """The cashier saw it printed: take an uncertain job (default: the newest) as printed."""
        return self._settle_uncertain(job_id, reprint=False)

    def _settle_uncertain(self, job_id: str | None, reprint: bool) -> str:
        with self.db.uow() as uow:
            if job_id is None:
                waiting = uow.print_jobs.uncertain()
                job_id = waiting[-1].id if waiting else None
            job = uow.print_jobs.get(job_id) if job_id else None
            if job is None or not uow.print_jobs.settle_uncertain(job.id, reprint):
                raise NothingUncertain()
            role, job_id = job.printer_role, job.id
            uow.commit()
        self._wake(role)
        return job_id

    def last_preview(self, printer_role: str = "receipt") -> tuple[list[str], Path] | None:
        """Text lines and PNG of the last document the preview:// printer drew, if any."""
        worker = self._workers.get(printer_role)
        preview = getattr(worker, "preview", None)
        if preview is None or preview.last_image is None:
            return None
        png = next(p for p in preview.last_files if p.suffix == ".png")
        return list(preview.last_text), png

    def last_receipt(self) -> Document | None:
        """The receipt of this till's last sale, as queued for the printer (the preview pane; also
        right after a restart)."""
        with self.db.uow(read_only=True) as uow:
            last = self._last_sale_receipt(uow)
            return document_from_json(last.document) if last else None

    def _last_sale_receipt(self, uow: UnitOfWork) -> PrintJob | None:
        sale = uow.sales.last(self.till_key)
        return uow.print_jobs.first_for(sale.id, "receipt") if sale is not None else None

    # -- worker side ----------------------------------------------------------------------------
    def _require_role(self, role: str) -> None:
        if role not in self._states:
            raise UnknownPrinterRole(role=role, known=", ".join(self._states))

    def _wake(self, role: str) -> None:
        self._refresh_pending(role)
        self._workers[role].wakeup.set()

    def _after_sale(self, done: CompletedSale) -> None:
        if done.opens_drawer and self._drawer is not None:
            self._kick()
        self._wake("receipt")

    def _pending_count(self, role: str) -> int:
        with self.db.uow(read_only=True) as uow:
            return uow.print_jobs.count("pending", role)

    def _pending_ids(self, role: str) -> list[str]:
        with self.db.uow(read_only=True) as uow:
            return uow.print_jobs.pending_ids(role)

    def _print_job(self, role: str, job_id: str,
                   printer: ReceiptPrinter) -> tuple[str, PrinterStatus | None]:
        """Print one job if it is still ours and pending. Returns the outcome ("printed",
        "uncertain", "fault", "skipped" or "set_aside") and the status read after sending.
        A PrinterError propagates (connection dropped or stalled): the job stays pending."""
        with self._lock:
            with self.db.uow(read_only=True) as uow:
                job = uow.print_jobs.get(job_id)
                if job is None or job.status != "pending" or job.printer_role != role:
                    return "skipped", None
                text, resend = job.document, job.sends > 0
            self._inflight.add(job_id)
        try:
            try:  # everything slow happens before the job is marked as going out
                document = document_from_json(text)
                if resend:
                    document = mark_reprint(document, chinese=self.profile.double_byte)
                prepared = printer.prepare(document, self.profile)
            except (BadPrintDocument, HardwareError) as exc:  # this job can never print: set it aside
                self._set_aside(job_id, str(exc))
                self._set_state(role, "printer.bad_job", f"A print job was set aside: {exc}")
                return "set_aside", None
            with self.db.uow() as uow:  # from here on, a resend is a reprint
                uow.print_jobs.start_send(job_id)
                uow.commit()
            try:
                printer.send(prepared)
            except PrinterError as exc:
                self._record_failure(job_id, str(exc))
                raise
            after = printer.status(self.status_timeout)
            if after.lost:  # the connection went while we asked: the job may be cut off
                self._record_failure(job_id, after.message)
                raise PrinterGone(after.message)
            if after.state is DeviceState.ERROR:
                self._record_failure(job_id, f"Sent, then the printer reported: {after.message}")
                return "fault", after
            with self.db.uow() as uow:
                if after.state is DeviceState.UNKNOWN:
                    uow.print_jobs.mark_uncertain(job_id, after.message)
                    outcome = "uncertain"
                else:
                    uow.print_jobs.mark_printed(job_id)
                    outcome = "printed"
                uow.commit()
        finally:
            with self._lock:
                self._inflight.discard(job_id)
        self._refresh_pending(role)
        return outcome, after

    def _record_failure(self, job_id: str, error: str) -> None:
        with self.db.uow() as uow:
            uow.print_jobs.record_failure(job_id, error)
            uow.commit()

    def _set_aside(self, job_id: str, error: str) -> None:
        log.error("print job %s set aside: %s", job_id, error)
        with self.db.uow() as uow:
            uow.print_jobs.set_aside(job_id, error)
            uow.commit()

    def _uncertain_count(self, role: str) -> int:
        with self.db.uow(read_only=True) as uow:
            return uow.print_jobs.count("uncertain", role)

    def _set_state(self, role: str, code: str, message: str, head_failure: bool = False) -> None:
        if head_failure:
            ids = self._pending_ids(role)
            if ids:
                self._record_failure(ids[0], message)
        self._publish(role, code=code, message=message, pending=self._pending_count(role),
                      uncertain=self._uncertain_count(role))

    def _refresh_pending(self, role: str) -> None:
        self._publish(role, pending=self._pending_count(role), uncertain=self._uncertain_count(role))

    def _drawer_done(self, outcome: DrawerOutcome) -> None:
        (log.info if outcome.opened else log.warning)("drawer: %s", outcome.message)
        with self._lock:
            listeners = list(self._drawer_listeners)
        for listener in listeners:
            try:
                listener(outcome)
            except Exception:
                log.exception("drawer listener failed")

    def _publish(self, role: str, **changes: Any) -> None:
        with self._lock:
            old = self._states[role]
            code = changes.get("code", old.code)
            new = PrinterState(role, code in OK_CODES, changes.get("message", old.message), code,
                               changes.get("pending", old.pending), changes.get("uncertain", old.uncertain))
            if new == old:
                return
            self._states[role] = new
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(new)
            except Exception:
                log.exception("printer state listener failed")
