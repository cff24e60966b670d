"""Fixtures of the hardware tests; the fakes themselves live in hw_fakes.py."""

from __future__ import annotations

import pytest
from hw_fakes import FakeTcpPrinter, PtyDevice, sample_document

from hardware.receipt.document import Document


@pytest.fixture
def tcp_printer_factory():
    made: list[FakeTcpPrinter] = []

    def make(**kwargs) -> FakeTcpPrinter:
        made.append(FakeTcpPrinter(**kwargs))
        return made[-1]

    yield make
    for printer in made:
        printer.close()


@pytest.fixture
def pty_factory():
    made: list[PtyDevice] = []

    def make(respond=None) -> PtyDevice:
        made.append(PtyDevice(respond))
        return made[-1]

    yield make
    for device in made:
        device.close()


@pytest.fixture
def receipt() -> Document:
    return sample_document()
