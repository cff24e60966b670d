"""The customer pole display, driven by the checkout from one worker thread.

The checkout's hooks only hand the newest ticket (or completed sale) to this service and
return; the worker turns it into the two display lines and writes them. Only the latest state
matters to the customer, so a newer update replaces one the worker has not shown yet, and a
slow or unplugged display never delays a scan. Write failures are logged once, kept as the
state for the status bar, and retried every `retry_interval` seconds with the newest state,
so the display catches up by itself when it is plugged back in.

What is shown: a welcome text while the ticket is empty, the last item touched with its line
total while ringing up, the total once payments start, after completion the change (if any)
and then thank-you, then welcome again. Chinese goes out only with `devices.display_encoding`
set (GB18030/GBK); otherwise the English name, or the SKU for a product without one.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from decimal import Decimal

from hardware.diagnostics import DiagnosticResult, check_display
from hardware.display import PoleDisplay
from hardware.errors import DeviceURLError, DisplayError, HardwareError
from pos_app.config import DevicesConfig
from pos_app.domain.ticket import TicketSnapshot
from pos_app.services.checkout import CheckoutService, CompletedSale

log = logging.getLogger(__name__)

#: Bilingual labels for displays that can show Chinese (each fits in 20 positions).
CHINESE_LABELS = {"welcome": "欢迎光临 WELCOME", "total": "合计 TOTAL", "change": "找零 CHANGE",
                  "thanks": "谢谢惠顾 THANK YOU"}


@dataclass(frozen=True)
class DisplayStatus:
    """What the status bar shows; `code` is stable for the UI to translate."""

    code: str  # display.not_configured | display.waiting | display.ok | display.offline | display.bad_config
    message: str

    @property
    def ok(self) -> bool:
        return self.code in ("display.not_configured", "display.waiting", "display.ok")


@dataclass(frozen=True)
class Frame:
    """One picture on the display: `kind` is welcome, item, total, change or thanks."""

    kind: str
    name: str = ""
    fallback: str | None = None
    amount: Decimal | None = None


def frame_for(snapshot: TicketSnapshot, previous: TicketSnapshot | None) -> Frame:
    """The picture for a ticket: the line that changed since `previous` (else the last live one);
    the total once payment started or right after a void."""
    live = [line for line in snapshot.lines if not line.voided]
    if not live:
        return Frame("welcome")
    if snapshot.tenders or snapshot.totalled:
        return Frame("total", amount=snapshot.total + snapshot.rounding)
    before = {line.line_id: line for line in previous.lines} if previous else {}
    if any(line.voided and line.line_id in before and not before[line.line_id].voided for line in snapshot.lines):
        return Frame("total", amount=snapshot.total + snapshot.rounding)  # a void: what is left to pay
    changed = [line for line in live if before.get(line.line_id) != line] or live
    line = max(changed, key=lambda ln: ln.line_id)
    return Frame("item", line.name, line.name_en or f"ITEM {line.sku}", line.total)


class CustomerDisplayService:
    """Attach to the checkout, `start()` with the till; `status()` for the status bar."""

    def __init__(self, devices: DevicesConfig, *, change_seconds: float = 15.0, thanks_seconds: float = 5.0,
                 retry_interval: float = 5.0, timeout: float = 1.0) -> None:
        self.url = devices.display.strip()
        self.command_set = devices.display_protocol
        self.encoding = devices.display_encoding or None
        self.change_seconds, self.thanks_seconds = change_seconds, thanks_seconds
        self.retry_interval, self.timeout = retry_interval, timeout
        self._cond = threading.Condition()
        self._wanted: Frame | None = None
        self._shown: Frame | None = None
        self._followups: list[tuple[float, Frame]] = []  # (monotonic time, frame), in order
        self._tests: list[tuple[Future[DiagnosticResult], str, str, str | None]] = []
        self._retry_at = 0.0
        self._previous: TicketSnapshot | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._display: PoleDisplay | None = None
        self._status = (DisplayStatus("display.waiting", f"Customer display on {self.url}: nothing shown yet.")
                        if self.url else
                        DisplayStatus("display.not_configured", "No customer display (devices.display is empty)."))

    # -- wiring --------------------------------------------------------------------------------
    def attach(self, checkout: CheckoutService) -> None:
        """Follow every ticket change and every completed sale; a no-op without a display."""
        if self.url:
            checkout.after_change.append(self.ticket_changed)
            checkout.after_complete.append(self.sale_completed)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("The customer display worker is already started.")
        self._thread = threading.Thread(target=self._run, name="customer-display", daemon=True)
        self._thread.start()
        if self.url:
            self._post([(Frame("welcome"), 0.0)])

    def stop(self, timeout: float = 2.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    # -- called on the checkout's thread: O(1), never touches the device -------------------------
    def ticket_changed(self, snapshot: TicketSnapshot) -> None:
        with self._cond:
            frame = frame_for(snapshot, self._previous)
            self._previous = snapshot
        self._post([(frame, 0.0)])

    def sale_completed(self, sale: CompletedSale) -> None:
        with self._cond:
            self._previous = None
        steps = [(Frame("change", amount=sale.change), self.change_seconds)] if sale.change > 0 else []
        self._post([*steps, (Frame("thanks"), self.thanks_seconds), (Frame("welcome"), 0.0)])

    def status(self) -> DisplayStatus:
        with self._cond:
            return self._status

    def test(self, url: str, command_set: str, encoding: str | None, timeout: float = 10.0) -> DiagnosticResult:
        """Show the sample text on `url` (the manager's hardware screen). It runs on the worker,
        which first lets go of its own port: a COM port can be opened by one program at a time.
        Blocks the caller up to `timeout` seconds; never raises."""
        if self._thread is None or not self._thread.is_alive():
            return check_display(url, command_set=command_set, encoding=encoding)
        future: Future[DiagnosticResult] = Future()
        with self._cond:
            self._tests.append((future, url, command_set, encoding))
            self._cond.notify_all()
        try:
            return future.result(timeout)
        except TimeoutError:
            return DiagnosticResult(False, f"The display test on {url} did not finish within {timeout:g} s.",
                                    {"error": "DisplayTimeout"})

    # -- worker ----------------------------------------------------------------------------------
    def _post(self, steps: list[tuple[Frame, float]]) -> None:
        """Replace whatever was waiting: the first frame now, the others after the holds before them."""
        at = time.monotonic()
        with self._cond:
            self._wanted = steps[0][0]
            self._followups = []
            for (_frame, hold), (following, _) in zip(steps, steps[1:], strict=False):
                at += hold
                self._followups.append((at, following))
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                job = self._next_job()
                if job is None:
                    return
            if isinstance(job, Frame):
                self._show(job)
            else:
                self._run_test(*job)

    def _next_job(self) -> Frame | tuple[Future[DiagnosticResult], str, str, str | None] | None:
        """Wait (holding the condition) for a test, a due follow-up or a frame to (re)send."""
        while not self._stopping:
            if self._tests:
                return self._tests.pop(0)
            now = time.monotonic()
            while self._followups and self._followups[0][0] <= now:
                self._wanted = self._followups.pop(0)[1]
            deadlines = [self._followups[0][0]] if self._followups else []
            if self._wanted is not None and self._wanted != self._shown:
                if now >= self._retry_at:
                    return self._wanted
                deadlines.append(self._retry_at)
            self._cond.wait(max(0.0, min(deadlines) - now) if deadlines else None)
        return None

    def _show(self, frame: Frame) -> None:
        try:
            if self._display is None:
                self._display = PoleDisplay(self.url, self.command_set, self.encoding, timeout=self.timeout,
                                            labels=CHINESE_LABELS if self.encoding else None)
            display = self._display
            if frame.kind == "item":
                display.item(frame.name, frame.amount or Decimal(0), fallback_name=frame.fallback)
            elif frame.kind == "total":
                display.total(frame.amount or Decimal(0))
            elif frame.kind == "change":
                display.change(frame.amount or Decimal(0))
            elif frame.kind == "thanks":
                display.thank_you()
            else:
                display.welcome()
        except Exception as exc:  # whatever goes wrong, the worker lives on and the sale goes on
            if not isinstance(exc, HardwareError):
                log.exception("customer display update failed")
            self._release()
            code = "display.bad_config" if isinstance(exc, (DeviceURLError, DisplayError)) else "display.offline"
            with self._cond:
                self._retry_at = time.monotonic() + self.retry_interval
                self._set_status(DisplayStatus(code, str(exc)))
            return
        with self._cond:
            self._shown = frame
            self._set_status(DisplayStatus("display.ok", f"Customer display on {self.url} is working."))

    def _run_test(self, future: Future[DiagnosticResult], url: str, command_set: str, encoding: str | None) -> None:
        self._release()
        result = check_display(url, command_set=command_set, encoding=encoding)
        with self._cond:
            self._shown = None  # the test text replaced the till's: send the current picture again
            self._retry_at = 0.0
        future.set_result(result)

    def _release(self) -> None:
        if self._display is not None:
            try:
                self._display.close()
            except Exception:  # closing a port that already vanished
                log.debug("closing the customer display failed", exc_info=True)
            self._display = None

    def _set_status(self, status: DisplayStatus) -> None:
        """Under the condition. Logs transitions only, so an unplugged display does not flood the log."""
        if status.code != self._status.code:
            if status.ok:
                log.info("customer display: %s", status.message)
            else:
                log.error("customer display: %s", status.message)
        self._status = status
