"""Where the user has been: locations in the window and Back/Forward through them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ...guideline import (
    Countermeasure,
    Flow,
    Guideline,
    Reference,
    Risk,
    RiskCategory,
    Step,
    UseCase,
    UseScene,
)
from ...guideline.guideline import GuidelineItem


@dataclass(frozen=True)
class Location:
    """A place in the window: a page, optionally an item on it and a part of that item.

    Written as ``page/item#anchor`` (e.g. ``step/ST-IN-05#C-LEAK-03``) in settings and in the
    ``haip:`` links inside the views.
    """

    page: str
    item: str = ""
    anchor: str = ""

    def __str__(self) -> str:
        text = self.page
        if self.item:
            text += "/" + self.item
        if self.anchor:
            text += "#" + self.anchor
        return text

    @classmethod
    def parse(cls, text: str) -> Location | None:
        text = text.strip()
        if text.startswith("haip:"):
            text = text[len("haip:") :]
        if not text:
            return None
        rest, _, anchor = text.partition("#")
        page, _, item = rest.partition("/")
        if not page:
            return None
        return cls(page, item, anchor)

    def url(self) -> str:
        """The link to this location inside the views' HTML."""
        return "haip:" + str(self)


class BackForward(QObject):
    """Back and Forward like a browser: visiting drops everything after the current entry."""

    changed = Signal()

    MAX_ENTRIES = 200

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Location] = []
        self._index = -1

    @property
    def current(self) -> Location | None:
        return self._entries[self._index] if self._index >= 0 else None

    def visit(self, location: Location) -> None:
        if location == self.current:
            return
        del self._entries[self._index + 1 :]
        self._entries.append(location)
        if len(self._entries) > self.MAX_ENTRIES:
            del self._entries[0]
        self._index = len(self._entries) - 1
        self.changed.emit()

    def replace_current(self, location: Location) -> None:
        """Record a change within the current page (e.g. another tab) without a new entry."""
        if self._index < 0:
            self.visit(location)
            return
        if self._entries[self._index] != location:
            self._entries[self._index] = location
            self.changed.emit()

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def back(self) -> Location | None:
        if not self.can_go_back():
            return None
        self._index -= 1
        self.changed.emit()
        return self._entries[self._index]

    def forward(self) -> Location | None:
        if not self.can_go_forward():
            return None
        self._index += 1
        self.changed.emit()
        return self._entries[self._index]


def location_for_item(g: Guideline, item: GuidelineItem) -> Location:
    """Where a guideline item is shown in its context."""
    if isinstance(item, Step):
        return Location("step", item.id)
    if isinstance(item, Flow):
        return Location("workflow", item.id)
    if isinstance(item, UseScene):
        return Location("step", item.step, item.id)
    if isinstance(item, UseCase):
        return Location("use_case", item.id)
    if isinstance(item, Risk):
        return Location("use_case", item.use_case, item.id)
    if isinstance(item, Countermeasure):
        return Location("countermeasure", item.id)
    if isinstance(item, RiskCategory):
        return Location("risk_matrix", item.id)
    if isinstance(item, Reference):
        return Location("references", item.id)
    raise TypeError(f"no location for {type(item).__name__}")
