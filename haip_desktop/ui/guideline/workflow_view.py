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

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...guideline import Flow, Step
from ..shell.navigation import Location
from ..widgets.style import ACCENT, MUTED, PAGE
from .badges import provenance_badges_html
from .flow_diagram import FlowDiagram
from .step_box import StepBox

if TYPE_CHECKING:
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
        self.description.setStyleSheet(f"color: {MUTED};")
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
    """All flows, one under another, each as a flow diagram."""

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self._shell = shell
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("業務フロー"))
        self.sections: list[FlowSection] = []
        self._content = QWidget()
        self._content.setObjectName("workflowContent")
        self._content.setStyleSheet(f"QWidget#workflowContent {{ background: {PAGE}; }}")
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
        self.hidden_note.setStyleSheet(f"color: {ACCENT};")
        self._layout.addWidget(self.hidden_note)
        g = shell.guideline
        assert g is not None
        for flow in g.flows:
            section = FlowSection(shell, flow, self._content)
            self.sections.append(section)
            self._layout.addWidget(section)
        self._layout.addStretch(1)
        self.setWidget(self._content)
        self._wire_keyboard()
        shell.filters.changed.connect(self.refresh)
        shell.assessment_context.changed.connect(self.refresh_progress)
        self.refresh()

    def boxes(self) -> list[StepBox]:
        return [box for section in self.sections for box in section.diagram.boxes]

    def box(self, step_id: str) -> StepBox | None:
        return next((b for b in self.boxes() if b.step.id == step_id), None)

    def visible_sections(self) -> list[FlowSection]:
        return [s for s in self.sections if not s.isHidden()]

    def refresh(self) -> None:
        g = self._shell.guideline
        assert g is not None
        f = self._shell.filters.current
        hidden = 0
        for section in self.sections:
            visible = f.flow_visible(section.flow)
            section.setHidden(not visible)
            hidden += 0 if visible else 1
            for box in section.diagram.boxes:
                step_id = box.step.id
                box.set_counts(
                    len(f.scenes_for_step(g, step_id)),
                    len(f.use_cases_for_step(g, step_id)),
                    len(f.step_actions_for_step(g, step_id)),
                    None if f.setting is None or f.step_in_setting(g, step_id) else f.setting.label,
                )
            section.diagram.relayout(contents_changed=True)
        self.hidden_note.setText(
            self.tr("施設の絞り込みにより、%1 件の業務フローを表示していません。").replace(
                "%1", str(hidden)
            )
            if hidden
            else ""
        )
        self.hidden_note.setHidden(not hidden)
        self._keep_tab_stop_visible()
        self.refresh_progress()

    def refresh_progress(self) -> None:
        context = self._shell.assessment_context
        for box in self.boxes():
            box.set_progress(context.step_progress(box.step.id))
        for section in self.sections:
            section.diagram.relayout(contents_changed=True)

    # -- keyboard -------------------------------------------------------------------------

    def _wire_keyboard(self) -> None:
        """One Tab stop for all diagrams (a roving focus): arrows move inside them."""
        for box in self.boxes():
            box.installEventFilter(self)
        self.set_tab_stop(self.boxes()[0] if self.boxes() else None)

    def tab_stop(self) -> StepBox | None:
        """The one box Tab lands on: the step focused last (at first, the first step)."""
        return next(
            (b for b in self.boxes() if b.focusPolicy() == Qt.FocusPolicy.StrongFocus), None
        )

    def set_tab_stop(self, target: StepBox | None) -> None:
        for box in self.boxes():
            box.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if box is target else Qt.FocusPolicy.ClickFocus
            )

    def _keep_tab_stop_visible(self) -> None:
        current = self.tab_stop()
        if current is None or not current.isVisibleTo(self):
            visible = [b for b in self.boxes() if b.isVisibleTo(self)]
            self.set_tab_stop(visible[0] if visible else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if isinstance(watched, StepBox):
            if event.type() == QEvent.Type.FocusIn:
                self.set_tab_stop(watched)
            elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
                target = self._neighbour(watched, event.key())
                if target is not None:
                    target.setFocus(Qt.FocusReason.OtherFocusReason)
                    return True
        return super().eventFilter(watched, event)

    def _neighbour(self, box: StepBox, key: int) -> StepBox | None:
        sections = self.visible_sections()
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
            visible = [b for b in self.boxes() if b.isVisibleTo(self)]
            target = visible[0] if visible else None
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def location_title(self, location: Location) -> str:
        return self.tr("業務フロー")
