"""The print service's worker threads: one per printer role (jobs and drawer kicks) and one for a
drawer with its own serial trigger. They do the device I/O; the queue and its state stay in
:class:`pos_app.services.printing.PrintService`, which owns them (see its module docstring)."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import TYPE_CHECKING

from hardware.drawer import SerialDrawer
from hardware.errors import DeviceURLError, HardwareError, PrinterError, PrinterGone, PrinterUnavailable
from hardware.printer import PreviewPrinter, ReceiptPrinter, open_printer
from hardware.status import PrinterState as DeviceState
from hardware.status import PrinterStatus
from hardware.urls import PreviewURL, SerialURL, parse_device_url
from pos_app.services.print_types import DrawerOutcome
from sync.backoff import Backoff

if TYPE_CHECKING:
    from pos_app.services.printing import PrintService

log = logging.getLogger(__name__)


def _state_of(status: PrinterStatus) -> tuple[str, str]:
    """(code, message) for a DLE EOT status."""
    if status.state is DeviceState.ERROR:
        if status.paper_out:
            return "printer.paper_out", status.message
        if status.cover_open:
            return "printer.cover_open", status.message
        if status.online is False and not status.error:
            return "printer.offline", status.message
        return "printer.error", status.message
    if status.state is DeviceState.WARNING:
        return "printer.paper_low", status.message
    if status.state is DeviceState.UNKNOWN:
        return "printer.unknown", status.message
    return "printer.ok", status.message


def _error_code(exc: HardwareError) -> str:
    if isinstance(exc, DeviceURLError):
        return "printer.bad_url"
    if isinstance(exc, PrinterUnavailable):
        return "printer.unavailable"
    return "printer.offline"


class Worker(threading.Thread):
    """Waits for work on one device; `cycle()` does it and says whether to back off."""

    def __init__(self, service: PrintService, role: str) -> None:
        super().__init__(name=f"print-{role}", daemon=True)
        self.service, self.role = service, role
        self.wakeup = threading.Event()
        self.kicks: deque[float] = deque()  # monotonic deadlines of kicks still to deliver

    def run(self) -> None:
        failures, next_probe = 0, 0.0
        svc = self.service
        # sync's backoff without its jitter: one till and its own printer, nothing to spread out
        backoff = Backoff(base_s=svc.retry_initial, cap_s=svc.retry_max, rand=lambda: 1.0)
        while not svc._stopping.is_set():
            now = time.monotonic()
            if self.has_work() or now >= next_probe:
                try:
                    done = self.cycle()
                except Exception:  # a worker must outlive any bug in one job
                    log.exception("print worker %s failed", self.role)
                    done = False
                failures = 0 if done else failures + 1
                next_probe = time.monotonic() + svc.probe_interval
            wait = (backoff.delay_for(failures - 1) if failures
                    else max(0.0, min(svc.poll_interval, next_probe - time.monotonic())))
            self.wakeup.wait(wait)
            self.wakeup.clear()

    def has_work(self) -> bool:
        self.drop_expired_kicks()
        return bool(self.kicks) or self.service._pending_count(self.role) > 0

    def drop_expired_kicks(self) -> None:
        now = time.monotonic()
        while self.kicks and self.kicks[0] < now:
            self.kicks.popleft()
            log.warning("drawer kick on %s dropped: the device did not take it in time", self.role)
            self.service._drawer_done(DrawerOutcome(
                False, "drawer.too_late", "The drawer was not opened: the printer was busy for too long."))

    def settle_kicks(self, outcome: DrawerOutcome) -> None:
        """Every waiting kick gets this final outcome (a kick is tried once, never kept)."""
        while self.kicks:  # popleft, not clear(): a kick added meanwhile still gets its outcome
            try:
                self.kicks.popleft()
            except IndexError:
                return
            self.service._drawer_done(outcome)

    def cycle(self) -> bool:
        raise NotImplementedError


class PrinterWorker(Worker):
    def __init__(self, service: PrintService, role: str, url: str) -> None:
        super().__init__(service, role)
        self.url = url
        self.preview: PreviewPrinter | None = None

    def _open(self) -> ReceiptPrinter:
        parsed = parse_device_url(self.url)
        if isinstance(parsed, PreviewURL):
            if self.preview is None:
                directory = parsed.directory or self.service.data_dir / "previews"
                self.preview = PreviewPrinter(directory, self.url)
            return self.preview
        return open_printer(self.url, timeout=self.service.timeout)

    def cycle(self) -> bool:
        svc = self.service
        try:
            printer = self._open()
        except HardwareError as exc:
            self.settle_kicks(DrawerOutcome(False, "drawer.printer_offline", f"The drawer was not opened: {exc}"))
            svc._set_state(self.role, _error_code(exc), str(exc), head_failure=True)
            return False
        try:
            last = printer.status(svc.status_timeout)
            if last.lost:
                raise PrinterGone(last.message)
            self._send_kicks(printer, last)
            if last.state is DeviceState.ERROR:
                svc._set_state(self.role, *_state_of(last), head_failure=True)
                return False
            outcomes = set()
            for job_id in svc._pending_ids(self.role):
                if svc._stopping.is_set():
                    return True
                outcome, status = svc._print_job(self.role, job_id, printer)
                outcomes.add(outcome)
                last = status or last
                if outcome == "fault":
                    break  # the printer stopped: the job waits for it, as do the ones behind it
                if self.kicks:  # a kick queued while the job printed: the status just read is current
                    self._send_kicks(printer, last)
            code, message = _state_of(last)
            if outcome_fault := "fault" in outcomes:
                message += " The receipt will print again, marked REPRINT, once the printer is ready."
            if outcome_fault or "set_aside" not in outcomes:
                svc._set_state(self.role, code, message)  # else keep showing the set-aside job
            return not outcome_fault
        except PrinterError as exc:  # _print_job already counted the failure on its job
            self.settle_kicks(DrawerOutcome(False, "drawer.printer_offline", f"The drawer was not opened: {exc}"))
            svc._set_state(self.role, _error_code(exc), str(exc))
            return False
        finally:
            if printer is not self.preview:
                printer.close()

    def _send_kicks(self, printer: ReceiptPrinter, status: PrinterStatus) -> None:
        """Open the drawer now or tell why not: never put a kick where a fault could hold it."""
        self.drop_expired_kicks()
        if not self.kicks:
            return
        svc = self.service
        if status.state is DeviceState.ERROR:
            self.settle_kicks(DrawerOutcome(False, "drawer.printer_fault",
                                            f"The drawer was not opened: {status.message}"))
            return
        if svc.profile.realtime_pulse:
            command = svc.realtime_kick_bytes  # executed on arrival, never kept for later
        elif status.can_print:
            command = svc.kick_bytes
        else:
            self.settle_kicks(DrawerOutcome(
                False, "drawer.printer_silent",
                "The drawer was not opened: the printer did not report whether it is ready, and a "
                f"printer in fault would open it later. {status.message}"))
            return
        printer.write(command)  # a PrinterError settles the kicks in cycle()
        self.settle_kicks(DrawerOutcome(True, "drawer.opened", "Drawer opened."))


class SerialDrawerWorker(Worker):
    """A drawer with its own serial trigger; it has no jobs, only kicks."""

    def __init__(self, service: PrintService, url: SerialURL) -> None:
        super().__init__(service, "drawer")
        self.url = url

    def has_work(self) -> bool:
        self.drop_expired_kicks()
        return bool(self.kicks)

    def cycle(self) -> bool:
        self.drop_expired_kicks()
        if not self.kicks:
            return True
        try:
            drawer = SerialDrawer(self.url, self.service.kick_bytes, self.service.timeout)
            try:
                drawer.kick()
            finally:
                drawer.close()
        except HardwareError as exc:
            log.warning("serial drawer: %s", exc)
            self.settle_kicks(DrawerOutcome(False, "drawer.serial_failed", f"The drawer was not opened: {exc}"))
            return True
        self.settle_kicks(DrawerOutcome(True, "drawer.opened", "Drawer opened."))
        return True
