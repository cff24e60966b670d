"""Runnable reference implementation of the central platform API (needs the ``platform`` extra).

Entry point: ``python -m sync.reference_platform serve|pairing-code|openapi`` or ``main(argv)``.
"""

from sync.reference_platform.cli import main

__all__ = ["main"]
