"""Real-transport fakes for the hardware tests: a TCP printer on 127.0.0.1, pseudo-terminal devices."""

from __future__ import annotations

import os
import select
import socket
import struct
import termios
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from hardware.receipt.document import Barcode, Columns, Cut, Document, DrawerKick, Feed, QRCode, Rule, Text

GOLDEN = Path(__file__).parent / "golden"


def wait_until(predicate: Callable[[], bool], timeout: float = 8.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


class FakeTcpPrinter:
    """A raw-port printer on 127.0.0.1 that records bytes and answers DLE EOT n from ``status``
    (changeable while it runs; an n it lacks gets no answer, like a printer that ignores it).

    mode "record": read everything; "stall": accept then never read; "drop": read
    ``drop_after`` bytes then reset the connection; "http": a web server on the port, answering
    every request with an HTTP error (its first byte, ``H``, is 0x48). ``port`` lets a test bring a printer back
    on the port a till already uses.

    The drawer behaves like a real printer's: ``fault(status)`` puts the printer in a fault
    (cover open, paper out); an ESC p received while faulted is HELD and executed when
    ``clear_fault(status)`` is called, as real printers do. DLE DC4 1 (real-time pulse) is
    executed on arrival. ``drawer_opens`` lists each opening ("ESC p" or "DLE DC4") in order;
    ``opened_after_clear`` counts the held ones that opened late.
    """

    def __init__(
        self, mode: str = "record", status: dict[int, bytes] | None = None, drop_after: int = 0, port: int = 0,
        status_delay: float = 0.0,
    ) -> None:
        self.mode, self.status, self.drop_after = mode, dict(status or {}), drop_after
        self.status_delay = status_delay  # seconds before each status answer (a slow printer)
        self.received = bytearray()
        self.faulted = False
        self.held_kicks = 0
        self.opened_after_clear = 0
        self.drawer_opens: list[str] = []
        self.dropped = threading.Event()
        self._stop = threading.Event()
        self._server = socket.socket()
        if mode == "stall":
            self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", port))
        self._server.listen(4)
        self._server.settimeout(0.05)
        self.port = self._server.getsockname()[1]
        self.url = f"tcp://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            with conn:
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(0.05)
        scanned = len(self.received)  # queries of earlier connections were answered on those
        kicks_scanned = scanned
        while not self._stop.is_set():
            if self.mode == "stall":
                time.sleep(0.05)
                continue
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not chunk:
                return
            self.received += chunk
            if self.mode == "http":
                try:
                    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    return
                continue
            if self.mode == "drop" and len(self.received) >= self.drop_after:
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.dropped.set()
                return
            while (at := self.received.find(b"\x10\x04", scanned)) != -1 and at + 2 < len(self.received):
                answer = self.status.get(self.received[at + 2])
                if answer:
                    time.sleep(self.status_delay)
                    try:
                        conn.sendall(answer)
                    except OSError:  # the till hung up after asking, as a real one may
                        return
                scanned = at + 3
            kicks_scanned = self._drawer_commands(kicks_scanned)

    def _drawer_commands(self, start: int) -> int:
        """Act on complete ESC p m t1 t2 and DLE DC4 1 m t commands from ``start``; returns where to resume."""
        data = bytes(self.received)
        while True:
            kick, pulse = data.find(b"\x1bp", start), data.find(b"\x10\x14\x01", start)
            found = [at for at in (kick, pulse) if at != -1]
            if not found or min(found) + 5 > len(data):
                return start
            at = min(found)
            if at == pulse:
                self.drawer_opens.append("DLE DC4")
            elif self.faulted:
                self.held_kicks += 1
            else:
                self.drawer_opens.append("ESC p")
            start = at + 5

    def fault(self, status: dict[int, bytes]) -> None:
        self.status, self.faulted = dict(status), True

    def clear_fault(self, status: dict[int, bytes]) -> None:
        """The fault is cleared: the printer now executes the ESC p it kept."""
        self.status, self.faulted = dict(status), False
        self.opened_after_clear += self.held_kicks
        self.drawer_opens += ["ESC p"] * self.held_kicks
        self.held_kicks = 0

    def text(self) -> str:
        """What was printed as text: GB18030 with the Kanji-mode switches (FS & / FS .) taken out."""
        return bytes(self.received).replace(b"\x1c&", b"").replace(b"\x1c.", b"").decode(
            "gb18030", errors="replace")

    def count(self, text: str) -> int:
        return self.text().count(text)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._server.close()


class PtyDevice:
    """The device end of a pseudo-terminal; the code under test opens ``path``.

    ``respond`` (bytes received -> reply or None) runs in a thread to play a scale or printer.
    """

    def __init__(self, respond: Callable[[bytes], bytes | None] | None = None) -> None:
        self.master, self._slave = os.openpty()
        self.path = os.ttyname(self._slave)
        self.received = bytearray()
        self._respond = respond
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if not select.select([self.master], [], [], 0.05)[0]:
                    continue
                chunk = os.read(self.master, 4096)
            except (OSError, ValueError):  # closed under us (the device was unplugged)
                return
            self.received += chunk
            if self._respond and (reply := self._respond(chunk)):
                os.write(self.master, reply)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        for fd in (self.master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass


def refuse_seven_bit_even_parity(monkeypatch) -> None:
    """Play the OS driver of a USB-serial adapter that cannot do 7E1: setting CS7 with even parity
    on any port fails with EINVAL, as ``tcsetattr`` does on such an adapter. The pseudo-terminal
    itself accepts every setting, so the refusal has to come from here."""
    real = termios.tcsetattr

    def tcsetattr(fd, when, attributes):
        cflag = attributes[2]
        if cflag & termios.CSIZE == termios.CS7 and cflag & termios.PARENB and not cflag & termios.PARODD:
            raise termios.error(22, "Invalid argument")
        return real(fd, when, attributes)

    monkeypatch.setattr(termios, "tcsetattr", tcsetattr)


def sample_document() -> Document:
    """A typical Chinese receipt with every block kind except Image."""
    return Document(
        (
            Text("鲜果便利店 FRESH MART", align="center", bold=True, double_height=True),
            Text("上海市徐汇区漕溪北路 88 号", align="center"),
            Rule(),
            Columns("农夫山泉 550ml", "¥2.00"),
            Columns("有机富士苹果 特级 山东烟台产地直发 1.250kg x ¥12.80", "¥16.00"),
            Columns("Coca-Cola Zero 330ml can", "¥3.50"),
            Rule("="),
            Columns("合计 TOTAL", f"¥{Decimal('21.50')}", bold=True),
            Columns("现金 Cash", "¥50.00"),
            Columns("找零 Change", "¥28.50"),
            Barcode("S001-T01-000123"),
            Barcode("6901234567892", "EAN13"),
            QRCode("https://o2o.example.cn/r/S001-T01-000123"),
            Text("谢谢惠顾 欢迎再来", align="center"),
            Feed(2),
            Cut(partial=True),
            DrawerKick(pin=2, on_ms=100, off_ms=200),
        )
    )
