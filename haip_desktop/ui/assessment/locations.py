"""The places of the 自己評価 page, written as locations (``assessment/…#…``).

- ``assessment``: the answers, in the part last shown (施設の体制 at first);
- ``assessment/part:facility``, ``assessment/part:tool``, ``assessment/part:step``: a part;
- ``assessment/part:tool/T-2``: the AI tool part at one tool of the register;
- ``assessment/part:step/ST-IN-04``: 現場の手順 at one workflow step;
- ``assessment/C-…``: one countermeasure's answer, in its part (a tool-level one: for the first
  tool that answers it); ``assessment/C-…@T-2``: a tool-level answer for that tool;
  ``assessment/C-…@ST-IN-04``: a step action under that step;
- ``assessment#gaps`` / ``#progress`` / ``#tools`` / ``#overview``: the other tabs.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...assessment.parts import PARTS, Part
from ..shell.navigation import Location

PAGE = "assessment"
PART_PREFIX = "part:"
PART_NAMES: dict[Part, str] = {Part.FACILITY: "facility", Part.TOOL: "tool", Part.STEP: "step"}
OTHER_TABS = ("gaps", "progress", "tools", "overview")
TABS: tuple[str, ...] = (*(PART_NAMES[p] for p in PARTS), *OTHER_TABS)


@dataclass(frozen=True)
class PartPlace:
    """A part, and optionally where in it: a tool's id (AIツール) or a step's id (現場の手順)."""

    part: Part
    where: str = ""


def part_location(part: Part, where: str = "") -> Location:
    item = PART_PREFIX + PART_NAMES[part] + (f"/{where}" if where else "")
    return Location(PAGE, item)


def parse_part(item: str) -> PartPlace | None:
    """``part:step/ST-IN-04`` → PartPlace(STEP, "ST-IN-04"); None when it names no part."""
    if not item.startswith(PART_PREFIX):
        return None
    name, _, where = item[len(PART_PREFIX) :].partition("/")
    for part, known in PART_NAMES.items():
        if name == known:
            return PartPlace(part, where)
    return None


def answer_key(countermeasure_id: str, where: str = "") -> str:
    """The location item of one answer: ``C-…``, or ``C-…@T-2`` / ``C-…@ST-IN-04``."""
    return f"{countermeasure_id}@{where}" if where else countermeasure_id


def split_answer_key(item: str) -> tuple[str, str]:
    """``C-…@T-2`` → ("C-…", "T-2"); ``C-…`` → ("C-…", "")."""
    countermeasure_id, _, where = item.partition("@")
    return countermeasure_id, where
