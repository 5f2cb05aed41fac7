"""The updates part of the window (data-pack update, changes between data versions)."""

from __future__ import annotations

import pytest


@pytest.fixture
def actions(parts):  # type: ignore[no-untyped-def]
    return parts.updates
