"""The comparisons part of the window (group, year comparison, baseline, carry-over)."""

from __future__ import annotations

import pytest


@pytest.fixture
def actions(parts):  # type: ignore[no-untyped-def]
    return parts.comparisons
