"""Helpers for the packaging tests: the packaging/ scripts are imported from their folder."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"

if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))
