"""The one check of text for what an assessment file can hold (UTF-8 JSON).

JSON may escape half of a UTF-16 surrogate pair on its own (``"\\ud800"``): valid JSON, but
not a character, and UTF-8 cannot write it. A file holding one would load and then never
save again, so the store refuses such text when a file is loaded and when one is saved,
naming each field, and the autosave writes the character as U+FFFD rather than lose the work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .models import Assessment
from .validation_text import describe_location

# A JSON escape in the surrogate range; only a file with one needs the full check on load.
SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"

PROBLEM = "保存できない文字（文字コードの壊れた部分）が含まれています"


def is_writable(text: str) -> bool:
    return _SURROGATE.search(text) is None


def unwritable_locations(document: Any) -> list[tuple[Any, ...]]:
    """Where (field paths as pydantic reports them) a JSON-like value holds unwritable text."""
    return list(_walk(document, ()))


def _walk(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, str):
        if not is_writable(value):
            yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and not is_writable(key):
                yield (*loc, key)
            yield from _walk(item, (*loc, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))


def describe_unwritable(locations: list[tuple[Any, ...]], limit: int = 5) -> list[str]:
    """One line per field (at most ``limit``, then how many more), for people."""
    lines = [f"・{describe_location(_shown(loc))}" for loc in locations[:limit]]
    if len(locations) > limit:
        lines.append(f"・ほか {len(locations) - limit} か所")
    return lines


def _shown(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # A broken id (a dict key) is shown with the broken part replaced, not as a surrogate.
    return tuple(replace_unwritable(p) if isinstance(p, str) else p for p in loc)


def replace_unwritable(text: str) -> str:
    return _SURROGATE.sub(REPLACEMENT, text)


def assessment_locations(assessment: Assessment) -> list[tuple[Any, ...]]:
    """Fields of an assessment in memory that no file could hold (normally none)."""
    return unwritable_locations(assessment.model_dump())


def writable_copy(assessment: Assessment) -> Assessment:
    """The assessment itself when every text can be written, else a copy with each broken
    part replaced by U+FFFD (for the autosave: losing one broken character beats losing
    the work)."""
    if not assessment_locations(assessment):
        return assessment
    return Assessment.model_validate(_repaired(assessment.model_dump()))


def _repaired(value: Any) -> Any:
    if isinstance(value, str):
        return replace_unwritable(value)
    if isinstance(value, dict):
        return {_repaired(k): _repaired(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_repaired(v) for v in value]
    return value
