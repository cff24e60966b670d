"""What the print service tells its callers: printer state, drawer outcomes, waiting jobs, and its
errors (stable codes, translated in ``pos_app.ui.messages``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pos_app.domain.errors import PosError


class UnknownPrinterRole(PosError):
    code = "print.unknown_printer"
    template = "There is no printer '{role}'; configured printers: {known}."


class JobNotPending(PosError):
    code = "print.job_not_pending"
    template = "Print job {job_id} is not waiting (it was printed, set aside or does not exist)."


class JobPrintingNow(PosError):
    code = "print.job_printing"
    template = "Print job {job_id} is being printed right now; try again if it fails."


class NothingToReprint(PosError):
    code = "print.nothing_to_reprint"
    template = "There is no {kind} to print again yet."


class NoDrawer(PosError):
    code = "drawer.not_configured"
    template = "The cash drawer cannot be used: {problem}"


class NothingUncertain(PosError):
    code = "print.nothing_uncertain"
    template = "No receipt is waiting for a decision (it was reprinted or accepted already)."


@dataclass(frozen=True)
class DrawerOutcome:
    """What became of one drawer kick; `code` is stable for the UI: ``drawer.opened`` or why not
    (``drawer.printer_fault``, ``drawer.printer_silent``, ``drawer.printer_offline``,
    ``drawer.too_late``, ``drawer.serial_failed``). It is final: a kick is never retried."""

    opened: bool
    code: str
    message: str


@dataclass(frozen=True)
class PrinterState:
    """What the status bar shows for one printer; `code` is stable for the UI to translate.

    Not `hardware.status.PrinterState` (imported as `DeviceState` here): that is the device's own
    answer level (ok, warning, error, unknown), all the hardware layer knows. This one is the till's
    view of a printer role: the level reduced to `ok` and a stable `code`, plus what only the
    service knows (the role, jobs waiting, jobs sent unconfirmed). The hardware layer never imports
    pos_app, so the two cannot be one type without the device level growing till concepts."""

    role: str
    ok: bool
    message: str
    code: str
    pending: int
    uncertain: int = 0  # jobs sent without a confirming status, waiting for the cashier

    # What `pos_app.ui.status.printer_text` reads.
    @property
    def online(self) -> bool:
        return self.code not in ("printer.offline", "printer.unavailable", "printer.bad_url")

    @property
    def paper_out(self) -> bool:
        return self.code == "printer.paper_out"


@dataclass(frozen=True)
class PendingJob:
    job_id: str
    kind: str
    ref_id: str | None
    printer_role: str
    attempts: int
    last_error: str | None
    created_at: datetime
