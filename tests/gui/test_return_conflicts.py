"""Manager menu R lists the returns the platform answered with a conflict after the push (an
offline over-refund of this till's own sale), in both languages, fitting 1024x768."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import child, sign_in
from PySide6.QtWidgets import QTableWidget

from pos_app.services.demo_catalog import gtin13
from pos_app.store.sync_models import SyncConflict
from pos_app.ui.return_conflicts import ReturnConflictsDialog

COLA = gtin13("690000000001")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_manager_sees_the_returns_the_platform_reported_as_over_refunded(qtbot, till, type_keys, tmp_path,
                                                                            language):
    window = till(language)
    sign_in(qtbot, window, "李娜" if language == "zh_CN" else "Li Na", "1111", type_keys)
    ctx = window.ctx
    ctx.shifts.open_shift(window.session, {"note_100": 2})
    ctx.checkout.scan(COLA)
    ctx.checkout.add_tender("cash", str(ctx.checkout.current().total))
    receipt = ctx.checkout.complete().receipt_no
    line = ctx.returns.find(receipt).lines[0]
    done = ctx.returns.complete(window.session, receipt, [(line.line_id, 1, "changed_mind")])
    with ctx.db.uow() as uow:  # the platform's answer to the return's push, as the sync engine records it
        [event] = [e for e in uow.outbox.for_aggregate(done.return_id) if e.kind == "return"]
        uow.session.add(SyncConflict(event_id=event.id, kind="return", code="over_refunded",
                                     message=f"return {done.return_no} of {receipt} refunds more than is left"))
        uow.commit()

    dialog = ReturnConflictsDialog(ctx.returns, window.runner, window)
    qtbot.addWidget(dialog)
    table = child(dialog, QTableWidget, "returnConflictsTable")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    assert table.item(0, 0).text() == done.return_no and receipt in table.item(0, 2).text()
    dialog.show()
    dialog.resize(900, 480)
    assert dialog.width() <= 1024 and dialog.height() <= 768
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    dialog.grab().save(str(target / f"return_conflicts_{language}.png"))
