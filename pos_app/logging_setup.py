"""Rotating log file in the data dir, with phone numbers and tokens masked before they are written."""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from pos_app.domain.phone import mask_phone

_TOKEN = re.compile(r"(?i)(bearer\s+|token[\"'=:\s]+)([A-Za-z0-9._~+/=-]{8,})")


def redact(text: str) -> str:
    return _TOKEN.sub(lambda m: m.group(1) + "***", mask_phone(text))


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Log to `<data_dir>/logs/till.log` (5 x 2 MB); returns the file path."""
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "till.log"
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    return path
