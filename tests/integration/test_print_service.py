"""The print queue against printers on 127.0.0.1 raw ports: real sockets, real SQLite, real checkout."""

from __future__ import annotations

import re
import socket
import sqlite3
import time

import pytest
from hw_fakes import FakeTcpPrinter, wait_until

from pos_app.config import Config
from pos_app.domain.permissions import Permission
from pos_app.services.checkout import ApprovalRequired
from pos_app.services.demo_catalog import gtin13
from pos_app.services.printing import (
    JobNotPending,
    NothingToReprint,
    PrintService,
    UnknownPrinterRole,
)
from pos_app.services.shift import ShiftService

COLA = gtin13("690000000001")  # 可口可乐 330ml 3.00
OIL = gtin13("690000000023")  # 金龙鱼 大豆油 69.90
READY = {n: b"\x12" for n in (1, 2, 3, 4)}
PAPER_OUT = {**READY, 4: b"\x72"}
KICK = b"\x1bp\x00\x3c\x3c"  # pin 2, 120 ms on / off (config defaults)
QR_URL = "https://o2o.example/r/"


def PrinterServer(port: int = 0, status: dict[int, bytes] | None = None) -> FakeTcpPrinter:
    """A printer on a raw port that answers every status query with "ready" unless told otherwise."""
    return FakeTcpPrinter(status=READY if status is None else status, port=port)


def code128_data(data: bytes) -> list[str]:
    """Decode every GS k 73 (CODE128) command: {B starts ASCII, {C digit pairs, {{ a brace."""
    found = []
    for match in re.finditer(rb"\x1dkI(.)", data, re.DOTALL):
        body, out, mode, i = data[match.end():match.end() + match.group(1)[0]], [], "B", 0
        while i < len(body):
            if body[i:i + 1] == b"{" and body[i + 1:i + 2] in (b"A", b"B", b"C"):
                mode, i = body[i + 1:i + 2].decode(), i + 2
                continue
            out.append(f"{body[i]:02d}" if mode == "C" else chr(body[i]))
            i += 1
        found.append("".join(out))
    return found


def free_port() -> int:
    """A port nobody listens on: connecting to it is refused, as with a switched-off printer."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def config() -> Config:
    return Config(language="zh_CN")


@pytest.fixture
def servers():
    made: list[FakeTcpPrinter] = []

    def make(**kwargs) -> FakeTcpPrinter:
        made.append(PrinterServer(**kwargs))
        return made[-1]

    yield make
    for server in made:
        server.close()


@pytest.fixture
def printing(app):
    """A print service with short retry times in place of the app's default preview printer."""
    app.checkout.on_complete.remove(app.printing.queue_receipt)
    app.checkout.after_complete.remove(app.printing._after_sale)
    made: list[PrintService] = []

    def make(printers: dict[str, str], attach: bool = True) -> PrintService:
        service = PrintService(app.db, app.config, app.till_key, app.data_dir, printers=printers,
                               timeout=1.0, status_timeout=0.3, retry_initial=0.05, retry_max=0.2,
                               poll_interval=0.1, probe_interval=0.2)
        if attach:
            service.attach(app.checkout)
        service.start()
        made.append(service)
        return service

    yield make
    for service in made:
        service.stop()


def sell(checkout, tender: str = "cash", amount: str = "100"):
    checkout.scan(COLA)
    checkout.scan(OIL)
    checkout.total()
    checkout.add_tender(tender, amount, "CARD-REF-1" if tender == "card" else None)
    return checkout.complete()


def job_rows(app, where: str = "1"):
    con = sqlite3.connect(app.db.path)
    try:
        return con.execute(f"SELECT kind, status, ref_id, printer_role, attempts FROM print_jobs WHERE {where} "
                           "ORDER BY seq").fetchall()
    finally:
        con.close()


def test_cash_sale_prints_the_chinese_receipt_and_kicks_the_drawer(app, cashier, servers, printing):
    server = servers()
    service = printing({"receipt": server.url})
    states = []
    service.add_listener(states.append)
    sale = sell(cashier)
    assert wait_until(lambda: server.count(QR_URL + sale.receipt_no) == 1 and job_rows(app, "status='printed'")
                      and service.status().pending == 0)
    data, text = bytes(server.received), server.text()
    for line in ("O2O 鲜生 · 示范门店", "可口可乐 330ml", "金龙鱼 大豆油 5L", "合计", "现金", "找零",
                 "收银员", "李娜 Li Na", "谢谢惠顾，欢迎再次光临"):
        assert line in text, line
    assert re.search(r"合计 +￥72\.90", text)
    assert code128_data(data) == [sale.receipt_no]
    assert (b"1P0" + (QR_URL + sale.receipt_no).encode()) in data  # QR store-data command
    assert b"\x1dV" in data  # cut
    assert data.count(KICK) == 1 and data.index(KICK) < data.index(b"\x1dV")  # drawer first
    assert job_rows(app) == [("receipt", "printed", sale.sale_id, "receipt", 0)]
    assert service.status().code == "printer.ok" and service.status().ok
    assert states[-1].code == "printer.ok" and states[-1].pending == 0


def test_card_sale_does_not_open_the_drawer(app, cashier, servers, printing):
    server = servers()
    printing({"receipt": server.url})
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: server.count(QR_URL + sale.receipt_no) == 1)
    assert KICK not in server.received and server.count("CARD-REF-1") == 1


def test_offline_printer_never_blocks_the_sale_and_prints_once_when_it_comes_up(app, cashier, servers, printing):
    port = free_port()
    service = printing({"receipt": f"tcp://127.0.0.1:{port}"})
    drawer: list = []
    service.add_drawer_listener(drawer.append)
    started = time.monotonic()
    sale = sell(cashier)
    assert time.monotonic() - started < 1.0
    assert cashier.current().lines == ()  # the sale is done; the till moved on
    assert wait_until(lambda: service.status().code == "printer.offline")
    state = service.status()
    assert not state.ok and state.pending == 1 and "refused" in state.message and not state.online
    assert wait_until(lambda: drawer) and not drawer[0].opened and drawer[0].code == "drawer.printer_offline"
    pending = service.pending()
    assert [(j.kind, j.ref_id) for j in pending] == [("receipt", sale.sale_id)]
    assert wait_until(lambda: service.pending()[0].attempts >= 2)  # it keeps trying
    server = servers(port=port)
    assert wait_until(lambda: service.status().pending == 0 and service.status().code == "printer.ok")
    time.sleep(0.5)  # several more worker cycles: nothing prints again
    assert server.count(QR_URL + sale.receipt_no) == 1
    assert KICK not in server.received and len(drawer) == 1  # the cashier was told then; never opened later


def test_paper_out_holds_the_job_until_paper_is_loaded(app, cashier, servers, printing):
    server = servers(status=PAPER_OUT)
    service = printing({"receipt": server.url})
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: service.status().code == "printer.paper_out")
    state = service.status()
    assert not state.ok and state.paper_out and state.pending == 1 and "out of paper" in state.message
    time.sleep(0.3)
    assert server.count(sale.receipt_no) == 0  # status queries only, no receipt
    assert job_rows(app)[0][1] == "pending"
    server.status = dict(READY)
    assert wait_until(lambda: service.status().code == "printer.ok" and service.status().pending == 0)
    time.sleep(0.3)
    assert server.count(QR_URL + sale.receipt_no) == 1


def test_pending_jobs_survive_a_restart_and_print_exactly_once(app, cashier, servers, printing):
    port = free_port()
    first = printing({"receipt": f"tcp://127.0.0.1:{port}"})
    sales = [sell(cashier, "card", "72.90") for _ in range(3)]
    assert wait_until(lambda: first.status().code == "printer.offline")
    first.stop()
    assert [row[1] for row in job_rows(app)] == ["pending"] * 3
    server = servers(port=port)
    second = printing({"receipt": server.url}, attach=False)  # as after a restart: reads the queue
    assert wait_until(lambda: second.status().pending == 0 and len(job_rows(app, "status='printed'")) == 3)
    time.sleep(0.5)
    assert [server.count(QR_URL + s.receipt_no) for s in sales] == [1, 1, 1]
    text = server.text()
    assert [text.index(QR_URL + s.receipt_no) for s in sales] == sorted(
        text.index(QR_URL + s.receipt_no) for s in sales)  # in sale order


def test_reprint_is_a_marked_copy_of_the_same_sale(app, cashier, servers, printing):
    server = servers()
    service = printing({"receipt": server.url})
    with pytest.raises(NothingToReprint):
        service.reprint_last()
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: server.count(QR_URL + sale.receipt_no) == 1)
    assert server.count("重印 COPY") == 0
    job_id = service.reprint_last()
    assert wait_until(lambda: server.count(QR_URL + sale.receipt_no) == 2 and job_rows(app, f"id='{job_id}'")[0][1]
                      == "printed")
    assert server.count("重印 COPY") == 1
    assert job_rows(app, f"id='{job_id}'") == [("receipt", "printed", sale.sale_id, "receipt", 0)]
    assert KICK not in server.received  # a reprint never opens the drawer


def test_reroute_sends_a_waiting_job_to_another_printer(app, cashier, servers, printing):
    stuck, backup = servers(status=PAPER_OUT), servers()
    service = printing({"receipt": stuck.url, "backup": backup.url})
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: service.status().code == "printer.paper_out")
    job = service.pending()[0]
    with pytest.raises(UnknownPrinterRole) as unknown:
        service.reroute(job.job_id, "kitchen")
    assert "receipt, backup" in unknown.value.message
    assert service.pending()[0].printer_role == "receipt"
    service.reroute(job.job_id, "backup")
    assert wait_until(lambda: backup.count(QR_URL + sale.receipt_no) == 1)
    assert wait_until(lambda: service.status().pending == 0)
    time.sleep(0.3)
    assert stuck.count(sale.receipt_no) == 0 and backup.count(QR_URL + sale.receipt_no) == 1
    with pytest.raises(JobNotPending):
        service.reroute(job.job_id, "receipt")
    assert job_rows(app)[0][:4] == ("receipt", "printed", sale.sale_id, "backup")


def test_a_damaged_job_is_set_aside_and_does_not_block_the_queue(app, cashier, servers, printing):
    with app.db.uow() as uow:
        bad = uow.print_jobs.add("slip", '{"version": 1, "blocks": [{"type": "hologram"}]}')
        uow.commit()
    server = servers()
    service = printing({"receipt": server.url})
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: server.count(QR_URL + sale.receipt_no) == 1)
    con = sqlite3.connect(app.db.path)
    status, error = con.execute("SELECT status, last_error FROM print_jobs WHERE id=?", (bad,)).fetchone()
    con.close()
    assert status == "failed" and "unknown type 'hologram'" in error
    assert wait_until(lambda: service.status().pending == 0)  # marked printed after the status check


def test_no_sale_kicks_through_the_printer_and_prints_a_slip(app, cashier, servers, printing):
    """The drawer event itself is the shift service's (tests/integration/test_shift_rules.py);
    here: its slip and its kick reach a real printer, and a refused one sends nothing."""
    server = servers()
    service = printing({"receipt": server.url})
    shifts = ShiftService(app.db, app.config, app.till_key, print_document=lambda doc, kind: service.submit(
        doc, kind=kind), open_drawer=service.kick_drawer)
    with pytest.raises(ApprovalRequired):
        shifts.no_sale(cashier.user, "change for the float")
    time.sleep(0.3)
    assert KICK not in server.received
    approval = app.auth.approve("8888", Permission.NO_SALE, "customer needs change")
    shifts.no_sale(cashier.user, "换零钱", approval)
    assert wait_until(lambda: bytes(server.received).count(KICK) == 1 and server.count("换零钱") == 1)


def test_preview_printer_keeps_the_last_receipt_for_the_ui(app, cashier, printing):
    service = printing({"receipt": "preview://"})
    assert service.last_preview() is None
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: service.last_preview() is not None)
    lines, png = service.last_preview()
    assert png.parent == app.data_dir / "previews" and png.is_file() and png.with_suffix(".txt").is_file()
    assert any(sale.receipt_no in line for line in lines) and any("合计" in line for line in lines)
    assert service.last_receipt() is not None and service.status().code == "printer.ok"


def test_a_misspelt_printer_url_is_reported_and_the_sale_still_completes(app, cashier, printing):
    service = printing({"receipt": "tcp//192.168.1.50"})
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: service.status().code == "printer.bad_url")
    state = service.status()
    assert not state.ok and "Accepted forms" in state.message and state.pending == 1
    assert job_rows(app)[0][:3] == ("receipt", "pending", sale.sale_id)
    seen, kept = [], []
    unsubscribe = service.add_listener(seen.append)
    service.add_listener(kept.append)
    unsubscribe()
    unsubscribe()  # twice is harmless
    service.reprint_last()
    assert seen == [] and kept[-1].pending == 2
