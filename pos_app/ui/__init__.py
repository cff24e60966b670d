"""PySide6 user interface of the till: windows, screens, widgets, item models and workers.

Only this package imports Qt. It calls `pos_app.services` and renders what they return.
The entry point for `bootstrap`/`cli` is `pos_app.ui.app.run(ctx)`.
"""
