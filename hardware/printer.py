"""Receipt printers: open by URL, send bytes or documents, read real status.

printer = open_printer("tcp://192.168.1.50:9100", timeout=5.0)
printer.print_document(document, PrinterProfile(columns=48, encoding="gb18030"))
printer.status()  # PrinterStatus; UNKNOWN unless the printer really answered
printer.close()
"""

from __future__ import annotations

import itertools
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from hardware import escpos_commands as cmd
from hardware.errors import PrinterError, PrinterUnavailable
from hardware.receipt.document import Document
from hardware.receipt.profile import PrinterProfile
from hardware.status import QUERIES, PrinterState, PrinterStatus, parse_status
from hardware.transports import FileTransport, SerialTransport, TcpTransport, UsbTransport, Win32RawTransport
from hardware.urls import FileURL, PreviewURL, SerialURL, TcpURL, UsbURL, Win32RawURL, parse_device_url

if TYPE_CHECKING:  # rendering (PIL, qrcode, barcode, escpos) loads with the first print, not at start-up
    import PIL.Image

DEFAULT_TIMEOUT = 5.0
DEFAULT_PREVIEW_DIR = Path(tempfile.gettempdir()) / "o2o-till-preview"
_TRANSPORTS = {
    TcpURL: TcpTransport,
    SerialURL: SerialTransport,
    FileURL: FileTransport,
    UsbURL: UsbTransport,
    Win32RawURL: Win32RawTransport,
}


class ReceiptPrinter(Protocol):
    """What `open_printer` returns, whatever the transport; the app codes against this.

    ``prepare`` does all the rendering (bytes, or the preview's picture) and ``send`` only
    delivers it, so a queue can record "this job is going out" between the two and the moment
    the printer takes a job is not stretched by rendering."""

    url: str

    def write(self, data: bytes) -> None: ...
    def prepare(self, document: Document, profile: PrinterProfile) -> Any: ...
    def send(self, prepared: Any) -> None: ...
    def print_document(self, document: Document, profile: PrinterProfile) -> None: ...
    def status(self, timeout: float | None = None) -> PrinterStatus: ...
    def close(self) -> None: ...
    def __enter__(self) -> ReceiptPrinter: ...
    def __exit__(self, *exc: object) -> None: ...


class Transport(Protocol):
    """What `Printer` needs of a connection (`hardware.transports`)."""

    def send(self, data: bytes) -> None: ...
    def receive(self, size: int, timeout: float) -> bytes: ...
    def discard_input(self) -> None: ...
    def close(self) -> None: ...


class Printer:
    """An ESC/POS printer on some transport. One job at a time (calls are serialised)."""

    def __init__(self, transport: Transport, url: str, timeout: float) -> None:
        self._transport = transport
        self._lock = threading.Lock()
        self.url = url
        self.timeout = timeout

    def write(self, data: bytes) -> None:
        """Send raw bytes; raises `PrinterTimeout` or `PrinterGone`."""
        with self._lock:
            self._transport.send(bytes(data))

    def prepare(self, document: Document, profile: PrinterProfile) -> bytes:
        """The job's ESC/POS bytes; raises `DocumentError` for a document no printer can print."""
        from hardware.receipt.escpos_render import render

        return render(document, profile)

    def send(self, prepared: bytes) -> None:
        self.write(prepared)

    def print_document(self, document: Document, profile: PrinterProfile) -> None:
        """Render first (so a bad document sends nothing), then send."""
        self.send(self.prepare(document, profile))

    def status(self, timeout: float | None = None) -> PrinterStatus:
        """Query DLE EOT 1..4; any missing, late or invalid answer gives UNKNOWN, never OK."""
        wait = self.timeout if timeout is None else timeout
        answers: dict[int, bytes] = {}
        with self._lock:
            try:
                self._transport.discard_input()
                for n in QUERIES:
                    self._transport.send(cmd.status_query(n))
                    answers[n] = self._transport.receive(1, wait)
                    if not answers[n]:
                        break
            except PrinterError as exc:  # a status probe reports, it does not raise
                return PrinterStatus.unknown(f"Printer status unknown: {exc}", lost=True)
            except Exception as exc:
                return PrinterStatus.unknown(f"Printer status unknown: {exc}")
        return parse_status(answers)

    def close(self) -> None:
        with self._lock:
            self._transport.close()

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PreviewPrinter:
    """The ``preview://`` printer: saves each document as PNG + TXT and keeps the last image.

    Raw bytes sent with `write` are saved as ``.bin`` files (they cannot be drawn).
    """

    def __init__(self, directory: Path, url: str = "preview://") -> None:
        self.url = url
        self.directory = directory
        self.last_image: PIL.Image.Image | None = None
        self.last_text: list[str] = []
        self.last_files: tuple[Path, ...] = ()
        self._counter = itertools.count(1)
        self._lock = threading.Lock()
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PrinterUnavailable(
                f"Cannot create the receipt preview directory {directory}: {exc}."
            ) from None

    def _stem(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        return self.directory / f"receipt-{stamp}-{next(self._counter):04d}"

    def write(self, data: bytes) -> None:
        with self._lock:
            path = self._stem().with_suffix(".bin")
            path.write_bytes(bytes(data))
            self.last_files = (path,)

    def prepare(self, document: Document, profile: PrinterProfile) -> tuple[PIL.Image.Image, list[str]]:
        """The picture and text lines (the slow part), after the same checks a real printer's job gets."""
        from hardware.receipt.escpos_render import render
        from hardware.receipt.preview import preview_image, preview_text

        render(document, profile)
        return preview_image(document, profile), preview_text(document, profile)

    def print_document(self, document: Document, profile: PrinterProfile) -> None:
        self.send(self.prepare(document, profile))

    def send(self, prepared: tuple[PIL.Image.Image, list[str]]) -> None:
        """Save what `prepare` drew; only file writes happen here."""
        image, text = prepared
        with self._lock:
            stem = self._stem()
            png, txt = stem.with_suffix(".png"), stem.with_suffix(".txt")
            image.save(png)
            txt.write_text("\n".join(text) + "\n", encoding="utf-8")
            self.last_image, self.last_text, self.last_files = image, text, (png, txt)

    def status(self, timeout: float | None = None) -> PrinterStatus:
        return PrinterStatus(
            PrinterState.OK, f"Preview printer ready (saving to {self.directory}).", online=True
        )

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> PreviewPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_printer(url: str, timeout: float = DEFAULT_TIMEOUT) -> ReceiptPrinter:
    """Connect to the printer at ``url`` (see `hardware.urls`); raises a `PrinterError` if it cannot."""
    parsed = parse_device_url(url)
    if isinstance(parsed, PreviewURL):
        return PreviewPrinter(parsed.directory or DEFAULT_PREVIEW_DIR, url)
    return Printer(_TRANSPORTS[type(parsed)](parsed, timeout), url, timeout)
