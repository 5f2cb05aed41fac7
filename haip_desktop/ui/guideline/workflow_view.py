"""The start page: every workflow drawn as boxes and arrows; a step opens its detail.

Each step box shows how many use scenes and use cases apply there and how many things staff do
there (the step-level countermeasures), after the filters, and, when an assessment is open, how
far those are answered. A step the chosen kind of facility has no generative-AI use at is drawn
greyed out (still reachable, its accessible description says why).
Keyboard: the diagrams are one Tab stop (the step last focused); ← → move between steps,
↑ ↓ between flows, Home / End to a flow's first / last step, Enter opens.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...guideline import Flow, Step
from ..shell.navigation import Location
from ..widgets.style import MUTED
from .badges import provenance_badges_html
from .flow_diagram import FlowDiagram
from .step_box import StepBox

if TYPE_CHECKING:
    from ..shell.filters import GuidelineFilter
    from ..shell.protocol import Shell


class FlowSection(QFrame):
    """A flow's name, description and source, above its diagram."""

    def __init__(self, shell: Shell, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.setObjectName(f"flow_{flow.id}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(4)
        g = shell.guideline
        assert g is not None
        settings = "・".join(s.label for s in flow.settings)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setText(
            f'<span style="font-size:x-large; font-weight:bold;">{html.escape(flow.name)}</span>'
            f'&nbsp;&nbsp;<span style="color:{MUTED};">{html.escape(settings)}</span>'
            f"&nbsp;&nbsp;{provenance_badges_html(g.provenance_of(flow))}"
        )
        self.heading.setAccessibleName(flow.name)
        layout.addWidget(self.heading)
        self.description = QLabel(flow.description, self)
        self.description.setWordWrap(True)
        self.description.setObjectName("flowDescription")  # (its colour: widgets/style.py)
        layout.addWidget(self.description)
        self.diagram = FlowDiagram(flow, self)
        layout.addWidget(self.diagram)
        for box in self.diagram.boxes:
            box.clicked.connect(lambda _=False, s=box.step: open_step(shell, s))


def open_step(shell: Shell, step: Step) -> None:
    # Coming back (Alt+←) lands on the same box.
    shell.update_location(Location("workflow", "", step.id))
    shell.navigate(Location("step", step.id))


class WorkflowView(QScrollArea):
    """All flows, one under another, each as a flow diagram.

    The window's first screen is built before the first paint: when the page is first shown,
    the flows that fit in it; the other flows right after that paint (a zero-timer queued by
    it). Whatever needs a flow not built yet (`sections`, `boxes()`, `box()`, ↑ ↓, a
    location, a change of filters) builds the rest at once.
    """

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self._shell = shell
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("業務フロー"))
        g = shell.guideline
        assert g is not None
        self._sections: list[FlowSection] = []  # built so far, in the order of the flows
        self._unbuilt: list[Flow] = list(g.flows)
        self._content = QWidget()
        self._content.setObjectName("workflowContent")  # (its colours: widgets/style.py)
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(28, 20, 28, 28)
        self._layout.setSpacing(10)
        title = QLabel(self._content)
        title.setText(
            '<span style="font-size:xx-large; font-weight:bold;">'
            + self.tr("業務の流れから探す")
            + "</span>"
        )
        self._layout.addWidget(title)
        intro = QLabel(self._content)
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "ステップを選ぶと、その場面で職種ごとにすること（現場の手順）とリスクが"
                "表示されます。数字はいまの絞り込みでの件数です。灰色のステップは、選んだ施設の"
                "種類では生成AIの利用場面がありません。矢印キーで移り、Enter で開きます。"
            )
        )
        self._layout.addWidget(intro)
        self.hidden_note = QLabel(self._content)
        self.hidden_note.setObjectName("workflowHiddenNote")
        self._layout.addWidget(self.hidden_note)
        self._layout.addStretch(1)
        self.setWidget(self._content)
        self._content.installEventFilter(self)  # its first paint: build the other flows
        shell.filters.changed.connect(self.refresh)
        shell.assessment_context.changed.connect(self.refresh_progress)
        self._update_hidden_note()

    # -- building ---------------------------------------------------------------------------

    @property
    def sections(self) -> list[FlowSection]:
        """Every flow's section, in order."""
        self._build_rest()
        return self._sections

    def _add_section(self) -> FlowSection:
        section = FlowSection(self._shell, self._unbuilt.pop(0), self._content)
        for box in section.diagram.boxes:
            box.navigation = self
            box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._sections.append(section)
        self._layout.insertWidget(self._layout.count() - 1, section)  # before the stretch
        self._show_counts(section, self._shell.filters.current)
        if self.tab_stop() is None and not section.isHidden():
            self.set_tab_stop(section.diagram.boxes[0])
        return section

    def _build_first_screen(self) -> None:
        """The flows the page shows without scrolling (at least one shown flow)."""
        # (The page is in the window now: its widgets are measured in the window's style.)
        width, height = self.viewport().width(), self.viewport().height()
        while self._unbuilt and (
            self._layout.totalHeightForWidth(width) < height or self._first_visible_box() is None
        ):
            self._add_section()

    def _build_rest(self) -> None:
        while self._unbuilt:
            self._add_section()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._build_first_screen()
        super().showEvent(event)

    def _first_visible_box(self) -> StepBox | None:
        return next((s.diagram.boxes[0] for s in self._sections if not s.isHidden()), None)

    # -- what the page shows ----------------------------------------------------------------

    def boxes(self) -> list[StepBox]:
        return [box for section in self.sections for box in section.diagram.boxes]

    def box(self, step_id: str) -> StepBox | None:
        return next((b for b in self.boxes() if b.step.id == step_id), None)

    def visible_sections(self) -> list[FlowSection]:
        return [s for s in self.sections if not s.isHidden()]

    def _built_boxes(self) -> list[StepBox]:
        return [box for section in self._sections for box in section.diagram.boxes]

    def _show_counts(self, section: FlowSection, f: GuidelineFilter) -> None:
        """The section shown or hidden by the filters, its boxes' counts and progress; its
        diagram laid out again once."""
        g = self._shell.guideline
        assert g is not None
        section.setHidden(not f.flow_visible(section.flow))
        context = self._shell.assessment_context
        for box in section.diagram.boxes:
            step_id = box.step.id
            box.set_counts(
                len(f.scenes_for_step(g, step_id)),
                len(f.use_cases_for_step(g, step_id)),
                len(f.step_actions_for_step(g, step_id)),
                None if f.setting is None or f.step_in_setting(g, step_id) else f.setting.label,
            )
            box.set_progress(context.step_progress(step_id))
        section.diagram.relayout(contents_changed=True)

    def _update_hidden_note(self) -> None:
        g = self._shell.guideline
        assert g is not None
        f = self._shell.filters.current
        hidden = sum(1 for flow in g.flows if not f.flow_visible(flow))
        self.hidden_note.setText(
            self.tr("施設の絞り込みにより、%1 件の業務フローを表示していません。").replace(
                "%1", str(hidden)
            )
            if hidden
            else ""
        )
        self.hidden_note.setHidden(not hidden)

    def refresh(self) -> None:
        """The filters changed: every flow shown or hidden, every count anew."""
        self._build_rest()
        f = self._shell.filters.current
        for section in self._sections:
            self._show_counts(section, f)
        self._update_hidden_note()
        self._keep_tab_stop_visible()

    def refresh_progress(self) -> None:
        context = self._shell.assessment_context
        for section in self._sections:  # (a flow built later gets its progress then)
            for box in section.diagram.boxes:
                box.set_progress(context.step_progress(box.step.id))
            section.diagram.relayout(contents_changed=True)

    # -- keyboard -------------------------------------------------------------------------

    def tab_stop(self) -> StepBox | None:
        """The one box Tab lands on: the step focused last (at first, the first step)."""
        return next(
            (b for b in self._built_boxes() if b.focusPolicy() == Qt.FocusPolicy.StrongFocus),
            None,
        )

    def set_tab_stop(self, target: StepBox | None) -> None:
        """One Tab stop for all diagrams (a roving focus): arrows move inside them."""
        for box in self._built_boxes():
            box.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if box is target else Qt.FocusPolicy.ClickFocus
            )

    def _keep_tab_stop_visible(self) -> None:
        current = self.tab_stop()
        if current is None or not current.isVisibleTo(self):
            visible = [b for b in self._built_boxes() if b.isVisibleTo(self)]
            self.set_tab_stop(visible[0] if visible else None)

    def step_focused(self, box: StepBox) -> None:
        self.set_tab_stop(box)

    def step_for_key(self, box: StepBox, key: int) -> StepBox | None:
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._build_rest()
        sections = [s for s in self._sections if not s.isHidden()]
        for s_index, section in enumerate(sections):
            boxes = section.diagram.boxes
            if box not in boxes:
                continue
            i = boxes.index(box)
            if key == Qt.Key.Key_Right and i + 1 < len(boxes):
                return boxes[i + 1]
            if key == Qt.Key.Key_Left and i > 0:
                return boxes[i - 1]
            if key == Qt.Key.Key_Down and s_index + 1 < len(sections):
                nxt = sections[s_index + 1].diagram.boxes
                return nxt[min(i, len(nxt) - 1)]
            if key == Qt.Key.Key_Up and s_index > 0:
                prev = sections[s_index - 1].diagram.boxes
                return prev[min(i, len(prev) - 1)]
            if key == Qt.Key.Key_Home:
                return boxes[0]
            if key == Qt.Key.Key_End:
                return boxes[-1]
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._content and event.type() == QEvent.Type.Paint:
            self._content.removeEventFilter(self)
            QTimer.singleShot(0, self, self._build_rest)
        return super().eventFilter(watched, event)

    # -- page protocol --------------------------------------------------------------------

    def show_location(self, location: Location) -> None:
        target: QWidget | None = None
        if location.anchor:
            target = self.box(location.anchor)
        elif location.item:
            section = next((s for s in self.sections if s.flow.id == location.item), None)
            if section is not None:
                target = section.diagram.boxes[0]
                self.ensureWidgetVisible(section, 0, 0)
        if target is None or target.isHidden():
            # (The start page's first showing builds its first flow here, the rest of its
            # first screen when it is shown.)
            while self._unbuilt and self._first_visible_box() is None:
                self._add_section()
            target = self._first_visible_box()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def location_title(self, location: Location) -> str:
        return self.tr("業務フロー")
