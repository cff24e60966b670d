"""Receipts: document blocks, printer profiles, ESC/POS rendering and preview."""
