"""The perspective (利用者/開発者/両方) and setting (病院/診療所/薬局) filters, used by every view.

`GuidelineFilter` holds the rules (plain Python, one place); `FilterModel` carries the
current choice and tells the views when it changes; `FilterBar` is the row of buttons.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ...guideline import Countermeasure, Flow, Guideline, Risk, Setting, UseCase, UseScene
from ..widgets.flow_layout import FlowLayout

PERSPECTIVES = ("all", "user", "developer")


@dataclass(frozen=True)
class GuidelineFilter:
    perspective: str = "all"  # "all" | "user" | "developer"
    setting: Setting | None = None

    @property
    def is_active(self) -> bool:
        return self.perspective != "all" or self.setting is not None

    @property
    def shows_user(self) -> bool:
        return self.perspective in ("all", "user")

    @property
    def shows_developer(self) -> bool:
        return self.perspective in ("all", "developer")

    def flow_visible(self, flow: Flow) -> bool:
        return self.setting is None or self.setting in flow.settings

    def use_case_visible(self, use_case: UseCase) -> bool:
        return self.setting is None or self.setting in use_case.settings

    def countermeasure_visible(self, g: Guideline, cm: Countermeasure) -> bool:
        if not Guideline.matches_perspective(cm, self.perspective):
            return False
        if self.setting is None:
            return True
        return any(self.use_case_visible(g.use_case(uc)) for uc in cm.use_cases)

    def flows(self, g: Guideline) -> list[Flow]:
        return [f for f in g.flows if self.flow_visible(f)]

    def use_cases(self, g: Guideline) -> list[UseCase]:
        return [uc for uc in g.use_cases if self.use_case_visible(uc)]

    def use_cases_for_step(self, g: Guideline, step_id: str) -> list[UseCase]:
        return [uc for uc in g.use_cases_for_step(step_id) if self.use_case_visible(uc)]

    def scenes_for_step(self, g: Guideline, step_id: str) -> list[UseScene]:
        visible = {uc.id for uc in self.use_cases(g)}
        return [s for s in g.scenes_for_step(step_id) if visible.intersection(s.use_cases)]

    def risks_for_use_cases(self, g: Guideline, use_cases: list[UseCase]) -> list[Risk]:
        return [r for uc in use_cases for r in g.risks_for_use_case(uc.id)]

    def countermeasures_for_use_cases(
        self, g: Guideline, use_cases: list[UseCase]
    ) -> list[Countermeasure]:
        cms = g.countermeasures_for_use_cases(uc.id for uc in use_cases)
        return [cm for cm in cms if Guideline.matches_perspective(cm, self.perspective)]

    def step_in_setting(self, g: Guideline, step_id: str) -> bool:
        """Whether generative AI is used at this step in the chosen kind of facility (a use
        case of the step's scenes occurs there); always, without a setting."""
        return self.setting is None or bool(self.use_cases_for_step(g, step_id))

    def step_actions_for_step(self, g: Guideline, step_id: str) -> list[Countermeasure]:
        """What staff do at this step (the step-level countermeasures), as the filters allow:
        none where the chosen kind of facility has no generative-AI use at the step."""
        if not self.step_in_setting(g, step_id):
            return []
        return [
            cm
            for cm in g.countermeasures_for_step(step_id)
            if Guideline.matches_perspective(cm, self.perspective)
        ]

    def facility_countermeasures_for_step(self, g: Guideline, step_id: str) -> list[Countermeasure]:
        """The facility's prerequisites for this step, of the use cases the filters show."""
        return self._for_visible_use_cases(g, step_id, g.facility_countermeasures_for_step(step_id))

    def tool_countermeasures_for_step(self, g: Guideline, step_id: str) -> list[Countermeasure]:
        """What the AI tools used at this step must offer, of the use cases the filters show."""
        return self._for_visible_use_cases(g, step_id, g.tool_countermeasures_for_step(step_id))

    def _for_visible_use_cases(
        self, g: Guideline, step_id: str, cms: list[Countermeasure]
    ) -> list[Countermeasure]:
        visible = {uc.id for uc in self.use_cases_for_step(g, step_id)}
        return [
            cm
            for cm in cms
            if visible.intersection(cm.use_cases)
            and Guideline.matches_perspective(cm, self.perspective)
        ]

    def countermeasures_for_cell(
        self, g: Guideline, category_id: str, use_case_id: str
    ) -> list[Countermeasure]:
        return [
            cm
            for cm in g.countermeasures_for_cell(category_id, use_case_id)
            if Guideline.matches_perspective(cm, self.perspective)
        ]


class FilterModel(QObject):
    """The filter in force; views redraw on `changed`."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = GuidelineFilter()

    @property
    def current(self) -> GuidelineFilter:
        return self._filter

    def set_perspective(self, perspective: str) -> None:
        if perspective not in PERSPECTIVES:
            perspective = "all"
        self._set(GuidelineFilter(perspective, self._filter.setting))

    def set_setting(self, setting: Setting | None) -> None:
        self._set(GuidelineFilter(self._filter.perspective, setting))

    def _set(self, value: GuidelineFilter) -> None:
        if value != self._filter:
            self._filter = value
            self.changed.emit()


class FilterBar(QWidget):
    """Two rows of toggle buttons: 立場 and 施設. Keyboard: Tab to a group, Space to choose."""

    def __init__(self, model: FilterModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._model = model
        self.flow = FlowLayout(self, spacing=16)
        self.flow.setContentsMargins(12, 6, 12, 6)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

        perspective_group, layout = self._group()
        perspective_label = QLabel(self.tr("立場:"), perspective_group)
        layout.addWidget(perspective_label)
        self.perspective_group = QButtonGroup(self)
        self.perspective_buttons: dict[str, QToolButton] = {}
        for key, text, tip in [
            ("all", self.tr("両方"), self.tr("利用者と開発者の対策をすべて表示")),
            ("user", self.tr("利用者"), self.tr("利用者（個人・組織）の対策だけを表示")),
            ("developer", self.tr("開発者"), self.tr("開発者の対策だけを表示")),
        ]:
            button = self._toggle(
                perspective_group, text, tip, self.tr("立場: %1").replace("%1", text)
            )
            self.perspective_group.addButton(button)
            self.perspective_buttons[key] = button
            layout.addWidget(button)
            button.clicked.connect(lambda _=False, k=key: model.set_perspective(k))
        perspective_label.setBuddy(self.perspective_buttons["all"])
        self.flow.addWidget(perspective_group)

        setting_group, layout = self._group()
        setting_label = QLabel(self.tr("施設:"), setting_group)
        layout.addWidget(setting_label)
        self.setting_group = QButtonGroup(self)
        self.setting_buttons: dict[Setting | None, QToolButton] = {}
        choices: list[tuple[Setting | None, str]] = [
            (None, self.tr("すべて")),
            (Setting.HOSPITAL, self.tr("病院")),
            (Setting.CLINIC, self.tr("診療所")),
            (Setting.PHARMACY, self.tr("薬局")),
        ]
        for setting, text in choices:
            tip = (
                self.tr("すべての施設の業務とユースケースを表示")
                if setting is None
                else self.tr("%1に関係する業務とユースケースだけを表示").replace("%1", text)
            )
            button = self._toggle(setting_group, text, tip, self.tr("施設: %1").replace("%1", text))
            self.setting_group.addButton(button)
            self.setting_buttons[setting] = button
            layout.addWidget(button)
            button.clicked.connect(lambda _=False, s=setting: model.set_setting(s))
        setting_label.setBuddy(self.setting_buttons[None])
        self.flow.addWidget(setting_group)

        self.summary = QLabel(self)
        self.summary.setObjectName("filterSummary")
        self.flow.addWidget(self.summary)
        model.changed.connect(self.sync)
        self.sync()

    def add_trailing(self, widget: QWidget) -> None:
        """Put a widget (the search box) at the right end of the row; it wraps when narrow."""
        widget.setParent(self)
        self.flow.add_right_aligned(widget)

    def _group(self) -> tuple[QWidget, QHBoxLayout]:
        group = QWidget(self)
        layout = QHBoxLayout(group)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        return group, layout

    def _toggle(self, parent: QWidget, text: str, tip: str, accessible: str) -> QToolButton:
        button = QToolButton(parent)
        button.setText(text)
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setAccessibleName(accessible)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def sync(self) -> None:
        current = self._model.current
        self.perspective_buttons[current.perspective].setChecked(True)
        self.setting_buttons[current.setting].setChecked(True)
        self.summary.setText(self.tr("絞り込み中") if current.is_active else "")
        self.summary.setHidden(not current.is_active)
