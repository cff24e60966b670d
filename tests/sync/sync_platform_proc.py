"""Test helpers: the reference platform as a real process, a TCP proxy, payload factories."""

from __future__ import annotations

import datetime as dt
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

REPO = Path(__file__).resolve().parents[2]
ADMIN_TOKEN = "test-admin-token-0123456789"
STORE = "S001"
TILL = "T01"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PlatformProcess:
    """``python -m sync.reference_platform serve`` on 127.0.0.1, started and stopped with deadlines."""

    def __init__(self, db_path: Path, log_path: Path, extra_args: list[str] | None = None) -> None:
        self.db_path = db_path
        self.log_path = log_path
        self.extra_args = extra_args or []
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.stdout_lines: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> PlatformProcess:
        assert self.proc is None, "already running"
        cmd = [sys.executable, "-m", "sync.reference_platform", "serve", "--host", "127.0.0.1",
               "--port", str(self.port), "--db", str(self.db_path), "--admin-token", ADMIN_TOKEN,
               *self.extra_args]
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=log,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
        log.close()
        deadline = time.monotonic() + timeout
        buf = b""
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.2)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                buf += chunk
                while b"\n" in buf:
                    line, buf = buf.split(b"\n", 1)
                    text = line.decode()
                    self.stdout_lines.append(text)
                    if text.startswith("listening on http://"):
                        self.port = int(text.rsplit(":", 1)[1])
                        return self
            elif self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"platform did not start; log:\n{self.log_path.read_text(errors='replace')[-2000:]}")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash."""
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)
            self._close()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self._close()

    def _close(self) -> None:
        assert self.proc is not None
        if self.proc.stdout:
            self.proc.stdout.close()
        self.proc = None

    def admin(self, method: str, path: str, json: Any = None, expect: int = 200, **kw: Any) -> Any:
        resp = requests.request(method, self.url + path, json=json, timeout=30,
                                headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, **kw)
        assert resp.status_code == expect, (resp.status_code, resp.text[:500])
        return resp.json()

    def pairing_code(self, store: str = STORE, till: str = TILL) -> str:
        return self.admin("POST", "/admin/pairing-codes", {"store_id": store, "till_id": till})["code"]

    def sale_ids(self, store: str = STORE) -> list[str]:
        return [row["sale_id"] for row in self.admin("GET", f"/admin/stores/{store}/sales")["items"]]


def product(i: int, price_fen: int = 100) -> dict[str, Any]:
    return {
        "sku": f"SKU{i:06d}", "gtins": [f"{6900000000000 + i}"], "name": f"商品{i}", "name_en": f"Item {i}",
        "category_code": "GEN", "category_name": "百货", "category_name_en": "General", "unit": "pcs",
        "sold_by_weight": False, "tax_class": "VAT13", "price_fen": price_fen, "member_price_fen": None,
        "active": True,
    }


def sale(n: int, store: str = STORE, till: str = TILL, sku: str = "SKU000001") -> dict[str, Any]:
    """A valid sale payload: two pieces of ``sku`` at 1.50, paid cash."""
    now = dt.datetime.now(dt.UTC)
    return {
        "sale_id": uuid.uuid4().hex, "receipt_no": f"{store}-{till}-{n:06d}", "store_id": store, "till_id": till,
        "business_date": now.date().isoformat(), "completed_at": now.isoformat(), "cashier_id": "C01",
        "lines": [{"sku": sku, "name": "可乐", "quantity": "2", "unit_price_fen": 150, "discount_fen": 0,
                   "line_total_fen": 300, "tax_rate": "0.13", "tax_fen": 35}],
        "tenders": [{"kind": "cash", "amount_fen": 300, "reference": ""}],
        "total_fen": 300,
        "stock_movements": [{"movement_id": uuid.uuid4().hex, "sku": sku, "delta": "-2"}],
    }


class DroppingProxy:
    """TCP proxy on 127.0.0.1 that forwards requests and, while ``drop`` > 0, swallows the answer.

    The platform has committed by the time it answers, so a dropped answer is exactly the
    "committed but the till never heard back" case.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.drop = 0
        self.dropped = 0
        self._lock = threading.Lock()
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
        except OSError:
            client.close()
            return
        socks = [client, upstream]
        try:
            while not self._stop.is_set():
                ready, _, _ = select.select(socks, [], [], 0.2)
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        return
                    if s is upstream:
                        with self._lock:
                            swallow = self.drop > 0
                            if swallow:
                                self.drop -= 1
                                self.dropped += 1
                        if swallow:
                            return  # close both sides without passing the answer on
                        client.sendall(data)
                    else:
                        upstream.sendall(data)
        except OSError:
            return
        finally:
            client.close()
            upstream.close()
