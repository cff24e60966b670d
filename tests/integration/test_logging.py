"""The log file never holds a full phone number or a token."""

from __future__ import annotations

import logging

from pos_app.logging_setup import mask_phone, setup_logging


def test_phone_numbers_and_tokens_are_masked_in_the_log_file(tmp_path):
    path = setup_logging(tmp_path)
    log = logging.getLogger("pos_app.test")
    log.warning("pickup for 13812345678, header Authorization: Bearer abcdef0123456789xyz")
    log.warning("pairing gave token=QWERTYUIOPasdfghjkl", extra={})
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    for handler in list(logging.getLogger().handlers):  # leave the root logger as it was
        if getattr(handler, "baseFilename", "") == str(path):
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert "138****5678" in text and "13812345678" not in text
    assert "abcdef0123456789xyz" not in text and "QWERTYUIOPasdfghjkl" not in text
    assert "Bearer ***" in text


def test_mask_phone_leaves_other_numbers_alone():
    assert mask_phone("receipt S001-T01-000123, 6900000000014, tel 13912345678") == \
        "receipt S001-T01-000123, 6900000000014, tel 139****5678"
