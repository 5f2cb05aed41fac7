"""JSON as the store reads it: nothing that JSON allows may silently change or drop data.

- A key given twice in one object is refused: ``json`` (and pydantic) keep the last one, so
  a duplicated answer id would silently drop the first answer.
- ``true`` / ``false`` where the file has a number is refused: pydantic would read it as
  1 / 0 (``"schema_version": true`` loaded as version 1).
"""

from __future__ import annotations

import json
import json.scanner
from typing import Any

# Whole-number fields of the file, as paths of keys.
NUMBER_FIELDS: tuple[tuple[str, ...], ...] = (
    ("schema_version",),
    ("guideline", "edition"),
    ("facility", "beds"),
)


class DuplicateKeyError(ValueError):
    """A key appears twice in one JSON object; line and column of that object's ``{``."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key
        self.position: int | None = None
        self.line: int | None = None
        self.column: int | None = None


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return document


def loads(text: str | bytes) -> Any:
    """json.loads, refusing duplicate keys (DuplicateKeyError, located in the text)."""
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicates)
    except DuplicateKeyError as exc:
        _locate(text if isinstance(text, str) else text.decode("utf-8"), exc)
        raise


def _locate(text: str, error: DuplicateKeyError) -> None:
    """Find the object holding the duplicate by parsing again with the pure-Python scanner,
    whose objects are parsed through a method that can be wrapped (only on failure)."""
    decoder = json.JSONDecoder(object_pairs_hook=_refuse_duplicates)
    # parse_object and scan_once are attributes JSONDecoder.__init__ sets (json/decoder.py);
    # typeshed does not list them.
    parse_object = decoder.parse_object  # type: ignore[attr-defined]

    def located(s_and_end: tuple[str, int], *args: Any) -> Any:
        try:
            return parse_object(s_and_end, *args)
        except DuplicateKeyError as exc:
            if exc.position is None:  # the innermost object is the one
                exc.position = s_and_end[1] - 1
            raise

    decoder.parse_object = located  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except DuplicateKeyError as again:
        if again.position is not None:
            before = text[: again.position]
            error.position = again.position
            error.line = before.count("\n") + 1
            error.column = again.position - (before.rfind("\n") + 1) + 1
    except (ValueError, RecursionError):
        pass


def booleans_for_numbers(document: Any) -> list[tuple[tuple[str, ...], bool]]:
    """Number fields of an assessment document given as true or false."""
    found = []
    for path in NUMBER_FIELDS:
        value: Any = document
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, bool):
            found.append((path, value))
    return found
