"""The application log: a rotating file under the platformdirs log folder.

It records errors and what was saved where; it never records note texts or other content
that people type into an assessment (that could be personal information).
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "haip-desktop.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Attach the rotating file handler once; returns the log file, or None if unwritable."""
    from .paths import user_log_dir

    root = logging.getLogger("haip_desktop")
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    try:
        target = (folder or user_log_dir()) / LOG_NAME
        handler = RotatingFileHandler(target, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None  # a read-only profile must not stop the app
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return target
