"""Everything Qt: the window and its rooms (see docs/ARCHITECTURE.md).

Importing this package does nothing else; `app.create_application()` runs the start-up
sequence (startup/early_init.py).
"""
