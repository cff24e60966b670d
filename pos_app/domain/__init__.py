"""Pure checkout rules: money, barcodes, tax, tickets, tenders, permissions. No I/O."""
