"""Generic retail peripherals for a point-of-sale till; knows nothing about sales.

Devices are addressed by URL (`hardware.urls`). Receipts are built as immutable documents
(`hardware.receipt.document`), rendered to ESC/POS bytes by a pure function
(`hardware.receipt.escpos_render`) or to an image and text (`hardware.receipt.preview`), and
sent through a printer transport (`hardware.printer`) that also reads real DLE EOT status.
Also here: cash drawer (`hardware.drawer`), serial barcode scanner (`hardware.scanner`),
customer pole display (`hardware.display`), Mettler Toledo 8217 scale (`hardware.scale`) and
non-raising device tests for the CLI and the manager screen (`hardware.diagnostics`).

Every failure is a `hardware.errors.HardwareError` subclass whose message tells a technician
what is wrong and what to check. This package never imports the application or Qt.
"""
