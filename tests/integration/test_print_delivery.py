"""What "printed" means, and when a drawer may open, against printers on 127.0.0.1 raw ports.

A job is printed only when every byte was accepted and the status read afterwards is not a
fault; a dropped connection is a failed attempt whose retry is marked REPRINT; a printer that
does not say is "uncertain" for the cashier to settle. A drawer opens now or never: a faulted
printer keeps ESC p and would open the drawer when the fault clears, so it never gets one.
"""

from __future__ import annotations

import sqlite3
import time

import pytest
from hw_fakes import FakeTcpPrinter, wait_until
from test_print_service import KICK, QR_URL, READY, job_rows, sell

from pos_app.config import Config
from pos_app.services.printing import NothingUncertain, PrintService
from pos_app.services.receipts import REPRINT_MARK

pytestmark = pytest.mark.timeout(60)
COVER_OPEN = {**READY, 1: b"\x1e", 2: b"\x16"}
PULSE = b"\x10\x14\x01\x00\x01"  # DLE DC4 1, pin 2, 100 ms (the 120 ms setting, rounded)


@pytest.fixture
def fakes():
    made: list[FakeTcpPrinter] = []

    def make(**kwargs) -> FakeTcpPrinter:
        made.append(FakeTcpPrinter(**kwargs))
        return made[-1]

    yield make
    for fake in made:
        fake.close()


@pytest.fixture
def config() -> Config:
    return Config(language="zh_CN")


@pytest.fixture
def printing(app):
    """`printing(printers, realtime=False)`: a started print service with short retry times, attached
    to the checkout in place of the app's preview printer."""
    app.checkout.on_complete.remove(app.printing.queue_receipt)
    app.checkout.after_complete.remove(app.printing._after_sale)
    made: list[PrintService] = []

    def make(printers: dict[str, str], realtime: bool = False) -> PrintService:
        devices = app.config.devices.model_copy(update={"drawer_realtime": realtime})
        service = PrintService(app.db, app.config.model_copy(update={"devices": devices}), app.till_key,
                               app.data_dir, printers=printers, timeout=1.0, status_timeout=0.3,
                               retry_initial=0.05, retry_max=0.2, poll_interval=0.1, probe_interval=0.2)
        service.attach(app.checkout)
        service.start()
        made.append(service)
        return service

    yield make
    for service in made:
        service.stop()


def sends(app, sale) -> tuple:
    con = sqlite3.connect(app.db.path)
    try:
        return con.execute("SELECT status, sends, attempts FROM print_jobs WHERE ref_id=?", (sale.sale_id,)).fetchone()
    finally:
        con.close()


def test_a_kick_is_never_sent_to_a_faulted_printer_and_the_cashier_is_told_now(app, cashier, fakes, printing):
    server = fakes(status=READY)
    server.fault(COVER_OPEN)
    service = printing({"receipt": server.url})
    told: list = []
    service.add_drawer_listener(told.append)
    sale = sell(cashier)
    assert wait_until(lambda: told)
    assert not told[0].opened and told[0].code == "drawer.printer_fault" and "cover open" in told[0].message
    assert KICK not in server.received and server.held_kicks == 0
    server.clear_fault(READY)  # someone closes the cover a minute later, nobody at the till
    assert wait_until(lambda: server.count(QR_URL + sale.receipt_no) == 1 and sends(app, sale)[0] == "printed")
    time.sleep(0.3)
    assert server.drawer_opens == [] and server.opened_after_clear == 0 and len(told) == 1


def test_a_ready_printer_opens_the_drawer_and_says_so(app, cashier, fakes, printing):
    server = fakes(status=READY)
    service = printing({"receipt": server.url})
    told: list = []
    service.add_drawer_listener(told.append)
    sell(cashier)
    assert wait_until(lambda: told and server.drawer_opens == ["ESC p"])
    assert told == [told[0]] and told[0].opened and told[0].code == "drawer.opened"


@pytest.mark.parametrize(("status", "opened"), [(READY, True), ({}, True), (COVER_OPEN, False)],
                         ids=["ready", "silent", "cover-open"])
def test_the_real_time_pulse_opens_now_where_the_profile_supports_it(app, cashier, fakes, printing, status, opened):
    server = fakes(status=status)
    service = printing({"receipt": server.url}, realtime=True)
    told: list = []
    service.add_drawer_listener(told.append)
    sell(cashier)
    assert wait_until(lambda: told and len(server.drawer_opens) == int(opened))
    assert told[0].opened is opened
    assert KICK not in server.received  # never the ESC p a faulted printer would keep
    assert server.drawer_opens == (["DLE DC4"] if opened else []) and (PULSE in server.received) is opened


def test_a_printer_that_does_not_report_status_gets_no_queued_kick(app, cashier, fakes, printing):
    server = fakes()  # accepts bytes, never answers DLE EOT
    service = printing({"receipt": server.url})
    told: list = []
    service.add_drawer_listener(told.append)
    sell(cashier)
    assert wait_until(lambda: told)
    assert not told[0].opened and told[0].code == "drawer.printer_silent" and KICK not in server.received


def test_a_connection_dropped_mid_job_is_a_failed_attempt_and_the_retry_is_marked(app, cashier, fakes, printing):
    dropping = fakes(mode="drop", drop_after=700, status=READY)
    port = dropping.port
    service = printing({"receipt": dropping.url})
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: dropping.dropped.is_set() and sends(app, sale)[2] >= 1)
    status, sent, _ = sends(app, sale)
    assert status == "pending" and sent >= 1  # cut off after 700 bytes: not printed
    assert service.status().code == "printer.offline"
    dropping.close()
    server = fakes(status=READY, port=port)
    assert wait_until(lambda: sends(app, sale)[0] == "printed")
    text = server.text()
    assert text.count(QR_URL + sale.receipt_no) == 1 and REPRINT_MARK in text
    assert text.index(REPRINT_MARK) < text.index(sale.receipt_no)


def test_a_silent_printer_leaves_the_job_uncertain_until_the_cashier_reprints(app, cashier, fakes, printing):
    server = fakes()  # takes every byte, answers no status
    service = printing({"receipt": server.url})
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: sends(app, sale)[0] == "uncertain" and service.status().uncertain == 1)
    assert server.count(QR_URL + sale.receipt_no) == 1 and REPRINT_MARK not in server.text()
    assert [j.ref_id for j in service.uncertain()] == [sale.sale_id]
    time.sleep(0.3)
    assert server.count(QR_URL + sale.receipt_no) == 1  # never retried by itself
    server.status = dict(READY)  # the printer answers again
    job_id = service.reprint_uncertain()  # the cashier's one key
    assert wait_until(lambda: sends(app, sale)[0] == "printed" and service.status().uncertain == 0)
    assert server.count(QR_URL + sale.receipt_no) == 2 and server.count(REPRINT_MARK) == 1
    with pytest.raises(NothingUncertain):
        service.reprint_uncertain(job_id)
    assert job_rows(app)[0][1] == "printed"


def test_an_uncertain_receipt_the_cashier_saw_print_is_accepted(app, cashier, fakes, printing):
    server = fakes()
    service = printing({"receipt": server.url})
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: sends(app, sale)[0] == "uncertain")
    service.accept_uncertain()
    assert sends(app, sale)[0] == "printed" and service.uncertain() == []
    with pytest.raises(NothingUncertain):
        service.accept_uncertain()


def test_a_fault_reported_right_after_sending_is_a_failed_attempt(app, cashier, fakes, printing):
    server = fakes(status=READY)
    service = printing({"receipt": server.url})
    original, ran_out = server._drawer_commands, []

    def paper_runs_out_at_the_cut(start: int) -> int:
        if b"\x1dV" in server.received and not ran_out:  # the paper ends as the first receipt is cut
            ran_out.append(True)
            server.fault({**READY, 4: b"\x72"})
        return original(start)

    server._drawer_commands = paper_runs_out_at_the_cut
    sale = sell(cashier, "card", "72.90")
    assert wait_until(lambda: service.status().code == "printer.paper_out")
    assert sends(app, sale)[0] == "pending"  # the bytes went, but the printer then said paper out
    server.clear_fault(READY)
    assert wait_until(lambda: sends(app, sale)[0] == "printed")
    assert server.count(QR_URL + sale.receipt_no) == 2 and server.count(REPRINT_MARK) == 1
