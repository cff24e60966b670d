"""Command groups of `pos-app` beyond the core ones in `pos_app.cli` (each has `register(sub)`)."""
