"""The 自己評価 page: a start panel when nothing is open, else the header and the tabs.

Locations: ``assessment`` (the answers), ``assessment/C-…`` (one countermeasure's answer),
``assessment#progress`` / ``#gaps`` / ``#tools`` / ``#overview`` (the other tabs).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...assessment.scoring import overall
from ..shell.navigation import Location
from .answer_view import AnswerView
from .assessment_style import ASSESSMENT_STYLE
from .committee_comment import CommitteeCommentEditor
from .gap_list_view import GapListView
from .overview_view import OverviewView
from .progress_view import ProgressView, percent
from .tool_register_view import ToolRegisterView

if TYPE_CHECKING:
    from ..shell.protocol import Shell
    from .controller import AssessmentController

PAGE = "assessment"
TABS = ("answers", "progress", "gaps", "tools", "overview")


class AssessmentPage(QStackedWidget):
    def __init__(self, shell: Shell, controller: AssessmentController) -> None:
        super().__init__()  # the shell puts it into its stack of pages
        self.shell = shell
        self.controller = controller
        self.setStyleSheet(ASSESSMENT_STYLE)
        self._stale_tabs: set[str] = set()
        self._showing_location = False
        self.start_panel = self._build_start_panel()
        self.document = self._build_document()
        self.addWidget(self.start_panel)
        self.addWidget(self.document)

        controller.document_changed.connect(self.reload)
        controller.setup_changed.connect(self._setup_changed)
        controller.answer_changed.connect(self._answer_changed)
        controller.dirty_changed.connect(lambda _d: self._update_header())
        controller.saved.connect(lambda _p: self._update_header())
        controller.recent_changed.connect(self._fill_recent)
        shell.guideline_changed.connect(self.reload)
        self.reload()

    # -- building ----------------------------------------------------------------------------

    def _build_start_panel(self) -> QWidget:
        panel = QWidget(self)
        panel.setObjectName("assessmentStart")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        heading = QLabel(
            '<span style="font-size:x-large"><b>' + self.tr("施設の自己評価") + "</b></span>", panel
        )
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        text = QLabel(
            self.tr(
                "ガイドラインの対策のうち、施設で実施できているものを確かめます。"
                "評価は1つのファイルに保存され、いつでも続きから再開できます。"
            ),
            panel,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新しい評価を始める… (Ctrl+N)"), panel)
        self.new_button.setObjectName("startNew")
        self.open_button = QPushButton(self.tr("評価ファイルを開く… (Ctrl+O)"), panel)
        self.open_button.setObjectName("startOpen")
        row.addWidget(self.new_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        recent_label = QLabel(self.tr("最近使ったファイル(&R)"), panel)
        recent_label.setObjectName("sectionHeading")
        layout.addWidget(recent_label)
        self.recent_list = QListWidget(panel)
        self.recent_list.setObjectName("recentList")
        self.recent_list.setAccessibleName(self.tr("最近使ったファイル"))
        recent_label.setBuddy(self.recent_list)
        self.recent_list.itemActivated.connect(self._open_recent_item)
        self.recent_list.setMaximumHeight(10 * self.fontMetrics().height())
        layout.addWidget(self.recent_list)
        layout.addStretch(1)
        return panel

    def _build_document(self) -> QWidget:
        document = QWidget(self)
        document.setObjectName("assessmentDocument")
        layout = QVBoxLayout(document)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        header = QFrame(document)
        header.setObjectName("assessmentHeader")
        header_layout = QGridLayout(header)
        header_layout.setHorizontalSpacing(16)
        self.header_layout = header_layout
        self._space_header()
        self.facility_label = QLabel(header)
        self.facility_label.setObjectName("assessmentFacility")
        self.facility_label.setWordWrap(True)
        # The file's name and its folder on lines of their own, so that a long path wraps
        # at the folder line rather than in the middle of the name.
        self.file_label = QLabel(header)
        self.file_label.setObjectName("mutedText")
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label = QLabel(header)
        self.folder_label.setObjectName("mutedText")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header_layout.addWidget(self.facility_label, 0, 0)
        header_layout.addWidget(self.file_label, 1, 0)
        header_layout.addWidget(self.folder_label, 2, 0)
        self.progress_label = QLabel(header)
        self.progress_label.setObjectName("headerProgress")
        self.progress_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        header_layout.addWidget(self.progress_label, 0, 1)
        who_row = QHBoxLayout()
        who_row.addStretch(1)
        who_label = QLabel(self.tr("記入者(&Y):"), header)
        self.who = QComboBox(header)
        self.who.setObjectName("whoEdits")
        self.who.setEditable(True)
        self.who.setAccessibleName(self.tr("記入者（変更履歴に残る名前）"))
        self.who.setToolTip(self.tr("ここに入れた名前が、変更の履歴に記録されます。"))
        self.who.setMinimumContentsLength(8)
        who_label.setBuddy(self.who)
        self.who.currentTextChanged.connect(self._who_changed)
        who_row.addWidget(who_label)
        who_row.addWidget(self.who)
        header_layout.addLayout(who_row, 1, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
        header_layout.setColumnStretch(0, 1)
        layout.addWidget(header)

        self.banner = QFrame(document)
        self.banner.setObjectName("readOnlyBanner")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(16, 6, 16, 6)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setObjectName("readOnlyNotice")
        self.banner_text.setWordWrap(True)
        banner_layout.addWidget(self.banner_text, 1)
        self.take_over_button = QPushButton(self.tr("ロックを引き継ぐ…"), self.banner)
        self.take_over_button.setObjectName("takeOverLock")
        self.take_over_button.clicked.connect(
            lambda: self.controller.offer_take_over(ask_first=True)
        )
        banner_layout.addWidget(self.take_over_button, 0, Qt.AlignmentFlag.AlignTop)
        self.banner_save_as = QPushButton(self.tr("名前を付けて保存…"), self.banner)
        self.banner_save_as.clicked.connect(lambda: self.controller.save_as())
        banner_layout.addWidget(self.banner_save_as, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.banner)

        self.tabs = QTabWidget(document)
        self.tabs.setObjectName("assessmentTabs")
        self.tabs.setDocumentMode(True)
        self.answer_view = AnswerView(self.controller, self.shell, self.tabs)
        self.progress_view = ProgressView(self.tabs)
        self.gap_view = GapListView(self.tabs)
        self.tool_view = ToolRegisterView(self.controller, self.tabs)
        self.overview_view = OverviewView(self.tabs)
        self.overview_view.add_section(CommitteeCommentEditor(self.controller))
        self.tabs.addTab(self.answer_view, self.tr("回答"))
        self.tabs.addTab(self.progress_view, self.tr("進捗"))
        self.tabs.addTab(self.gap_view, self.tr("未実施・一部実施"))
        self.tabs.addTab(self.tool_view, self.tr("AIツール台帳"))
        self.tabs.addTab(self.overview_view, self.tr("評価の概要"))
        layout.addWidget(self.tabs, 1)

        self.tabs.currentChanged.connect(self._tab_changed)
        self.answer_view.countermeasure_changed.connect(self._countermeasure_changed)
        self.gap_view.open_countermeasure.connect(self.show_answer)
        self.overview_view.edit_requested.connect(self._edit_setup)
        return document

    # -- the window's page protocol ----------------------------------------------------------

    def show_location(self, location: Location) -> None:
        self._showing_location = True
        try:
            if self.controller.assessment is None:
                return
            tab = location.anchor if location.anchor in TABS else "answers"
            if location.item:
                tab = "answers" if not location.anchor else tab
                self.answer_view.select(location.item)
            self.tabs.setCurrentIndex(TABS.index(tab))
        finally:
            self._showing_location = False

    def location_title(self, _location: Location) -> str:
        assessment = self.controller.assessment
        if assessment is None:
            return self.tr("自己評価")
        return self.tr("自己評価: %1").replace("%1", assessment.facility.name)

    def current_location(self) -> Location:
        tab = TABS[self.tabs.currentIndex()]
        if tab == "answers":
            return Location(PAGE, self.answer_view.current_countermeasure())
        return Location(PAGE, "", tab)

    def _report_location(self) -> None:
        if self._showing_location:
            return
        current = self.shell.current_location
        if current is not None and current.page == PAGE:
            self.shell.update_location(self.current_location())

    # -- reacting ----------------------------------------------------------------------------

    def reload(self) -> None:
        assessment = self.controller.assessment
        if assessment is None or self.shell.guideline is None:
            self._fill_recent()
            self.setCurrentWidget(self.start_panel)
            return
        self.setCurrentWidget(self.document)
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItems(assessment.assessors)
        self.who.setEditText(self.controller.who)
        self.who.blockSignals(False)
        self.answer_view.reload()
        self._stale_tabs = {"progress", "gaps", "tools", "overview"}
        self._refresh_tab(TABS[self.tabs.currentIndex()])
        self._update_header()

    def _space_header(self) -> None:
        """Air between the header's lines that grows with the text size: the bundled font's
        descenders reach the bottom of its line box, so lines set edge to edge look cut."""
        height = self.fontMetrics().height()
        gap = max(3, round(height * 0.2))
        self.header_layout.setContentsMargins(16, max(8, gap), 16, max(8, gap + 2))
        self.header_layout.setVerticalSpacing(gap)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._space_header()
        if event.type() == QEvent.Type.FontChange and self.controller.assessment is not None:
            # Text size changed: tables with fitted heights are measured again, once every
            # widget below has its new font.
            self._stale_tabs.update({"progress", "gaps", "overview"})
            QTimer.singleShot(0, lambda: self._refresh_tab(TABS[self.tabs.currentIndex()]))

    def _setup_changed(self) -> None:
        self.answer_view.reload()
        self._stale_tabs.update({"progress", "gaps", "overview"})
        self._refresh_tab(TABS[self.tabs.currentIndex()])
        self._update_header()

    def _answer_changed(self, _cm_id: str) -> None:
        self._stale_tabs.update({"progress", "gaps", "overview"})
        self._update_header()

    def _tab_changed(self, index: int) -> None:
        self._refresh_tab(TABS[index])
        self._report_location()

    def _refresh_tab(self, tab: str) -> None:
        if tab not in self._stale_tabs:
            return
        self._stale_tabs.discard(tab)
        assessment = self.controller.assessment
        guideline = self.shell.guideline
        if tab == "progress":
            self.progress_view.show_assessment(assessment, guideline)
        elif tab == "gaps":
            self.gap_view.show_assessment(assessment, guideline)
        elif tab == "tools":
            self.tool_view.show_assessment(guideline)
        elif tab == "overview":
            self.overview_view.show_assessment(assessment, guideline, self.controller.can_edit)

    def _update_header(self) -> None:
        assessment = self.controller.assessment
        guideline = self.shell.guideline
        if assessment is None or guideline is None:
            return
        facility = assessment.facility
        self.facility_label.setText(
            f'<span style="font-size:large"><b>{_escape(facility.name)}</b></span>'
            + _escape(
                self.tr("　%1 ・ %2")
                .replace("%1", self.tr(facility.kind.label))
                .replace(
                    "%2",
                    _unbreakable(
                        self.tr("評価日 %1").replace("%1", assessment.assessment_date.isoformat())
                    ),
                )
            )
        )
        path = self.controller.path
        name = path.name if path is not None else self.tr("まだ保存していません")
        state = self.tr("（未保存の変更あり）") if self.controller.dirty else ""
        self.file_label.setText(self.tr("ファイル: %1%2").replace("%1", name).replace("%2", state))
        self.file_label.setToolTip(str(path) if path is not None else "")
        self.folder_label.setVisible(path is not None)
        if path is not None:
            self.folder_label.setText(self.tr("保存場所: %1").replace("%1", str(path.parent)))
        total = overall(assessment, guideline)
        self.progress_label.setText(
            self.tr("回答 %1 / %2（%3）・実施率 %4")
            .replace("%1", str(total.answered))
            .replace("%2", str(total.total))
            .replace("%3", percent(total.progress))
            .replace("%4", percent(total.coverage))
        )
        read_only = self.controller.read_only
        self.banner.setVisible(read_only)
        self.banner_text.setText(self.controller.lock_notice)
        self.take_over_button.setVisible(self.controller.can_take_over)
        self.who.setEnabled(not read_only)
        self.answer_view.editor.set_editable(self.controller.can_edit)

    def _who_changed(self, text: str) -> None:
        self.controller.who = text.strip()

    def _countermeasure_changed(self, _cm_id: str) -> None:
        self._report_location()

    def show_answer(self, cm_id: str) -> None:
        self.shell.navigate(Location(PAGE, cm_id))
        self.answer_view.focus_form()

    def _edit_setup(self) -> None:
        from .new_assessment_dialog import NewAssessmentDialog

        assessment = self.controller.assessment
        guideline = self.shell.guideline
        if assessment is None or guideline is None or not self.controller.can_edit:
            return
        dialog = NewAssessmentDialog(guideline, self, existing=assessment)
        self.setup_dialog = dialog
        if dialog.exec() != NewAssessmentDialog.DialogCode.Accepted or dialog.result_setup is None:
            return
        setup = dialog.result_setup
        self.controller.update_setup(
            facility={
                "name": setup.facility.name,
                "kind": setup.facility.kind,
                "beds": setup.facility.beds,
                "department": setup.facility.department,
            },
            details={
                "assessors": setup.assessors,
                "assessment_date": setup.assessment_date,
                "products": setup.products,
            },
            scope={
                "all": setup.scope.all,
                "use_cases": setup.scope.use_cases,
                "steps": setup.scope.steps,
            },
        )

    # -- recent files ------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_list.clear()
        files = self.controller.recent_files()
        for path in files:
            item = QListWidgetItem(f"{path.name}　—　{path.parent}", self.recent_list)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
        if not files:
            item = QListWidgetItem(self.tr("（まだありません）"), self.recent_list)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def _open_recent_item(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.controller.open_file(Path(path))


def _unbreakable(text: str) -> str:
    """Text that wraps as one piece (a word joiner between characters, no-break spaces)."""
    return "\u2060".join(text.replace(" ", "\u00a0"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
