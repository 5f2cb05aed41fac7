"""The 自己評価 page: a start panel when nothing is open, else the header and the tabs.

The tabs: the three parts people answer (施設の体制, AIツール, 現場の手順, each with its
progress in the tab), then 改善計画, 進捗, AIツール台帳, 評価の概要. Its locations are listed
in locations.py (``assessment/part:step/ST-IN-04``, ``assessment/C-…@T-2``, ``#gaps`` …).

On a short page (a laptop at a large text size) the header shrinks to one line; the tabs
scroll rather than vanish when they do not fit the width.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
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

from ...assessment.parts import PARTS, Part
from ...assessment.scoring import Tally, coverage_by_part, overall
from ...guideline import Countermeasure, Step
from ..shell.navigation import Location
from .answer_view import AnswerView
from .assessment_style import ASSESSMENT_STYLE
from .committee_comment import CommitteeCommentEditor
from .elided_label import ElidedLabel
from .gap_list_view import GapListView
from .locations import (
    OTHER_TABS,
    PAGE,
    PART_NAMES,
    TABS,
    parse_part,
    part_location,
    split_answer_key,
)
from .overview_view import OverviewView
from .progress_view import ProgressView, percent
from .tool_register_view import ToolRegisterView

if TYPE_CHECKING:
    from ..shell.protocol import Shell
    from .controller import AssessmentController

__all__ = ["PAGE", "TABS", "AssessmentPage"]

# The header takes one line when the page is shorter than this many lines of text.
ONE_LINE_HEADER_BELOW_LINES = 26
WHO_MAX_CHARS = 22  # the 記入者 box grows to show a name whole, up to this many characters


class AssessmentPage(QStackedWidget):
    def __init__(self, shell: Shell, controller: AssessmentController) -> None:
        super().__init__()  # the shell puts it into its stack of pages
        self.shell = shell
        self.controller = controller
        self.setStyleSheet(ASSESSMENT_STYLE)
        self._stale_tabs: set[str] = set()
        self._showing_location = False
        self._last_part = Part.FACILITY
        self._shown_assessment: object | None = None
        self._part_tallies: dict[Part, Tally] = {}
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
        layout.addWidget(self._build_header(document))

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
        # Tabs that do not fit scroll (arrows at the end of the bar); none is cut or dropped.
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.tabs.tabBar().setExpanding(False)
        self.part_views: dict[Part, AnswerView] = {}
        for part in PARTS:
            view = AnswerView(part, self.controller, self.shell, self.tabs)
            self.part_views[part] = view
            self.tabs.addTab(view, self.tr(part.part_label))
            view.location_changed.connect(self._report_location)
            view.part_done.connect(lambda p=part: self._next_part_with_unanswered(p))
            view.tool_register_requested.connect(lambda: self.show_tab("tools"))
            view.setup_requested.connect(self._edit_setup)
        self.gap_view = GapListView(self.tabs)
        self.progress_view = ProgressView(self.tabs)
        self.tool_view = ToolRegisterView(self.controller, self.tabs)
        self.overview_view = OverviewView(self.tabs)
        self.overview_view.add_section(CommitteeCommentEditor(self.controller))
        self.tabs.addTab(self.gap_view, self.tr("改善計画"))
        self.tabs.addTab(self.progress_view, self.tr("進捗"))
        self.tabs.addTab(self.tool_view, self.tr("AIツール台帳"))
        self.tabs.addTab(self.overview_view, self.tr("評価の概要"))
        tips = {
            "facility": self.tr("施設として1回答える対策（委員会・管理部門）"),
            "tool": self.tr("AIツール台帳のツールごとに答える対策（提供元・情報システム部門）"),
            "step": self.tr("評価範囲の業務ステップで、現場の職種が行うこと"),
            "gaps": self.tr("未実施・一部実施の対策: 重大度・期限の順に"),
            "progress": self.tr("区分・ツール・業務ステップごとの回答率と実施率"),
            "tools": self.tr("施設で使う生成AIツールの台帳"),
            "overview": self.tr("施設・評価者・評価範囲と変更の履歴"),
        }
        for index, tab in enumerate(TABS):
            self.tabs.setTabToolTip(index, tips[tab])
        layout.addWidget(self.tabs, 1)
        self.tabs.installEventFilter(self)  # its width decides how the part tabs are labelled

        self.tabs.currentChanged.connect(self._tab_changed)
        self.gap_view.open_item.connect(self.show_answer)
        self.overview_view.edit_requested.connect(self._edit_setup)
        return document

    def _build_header(self, document: QWidget) -> QFrame:
        header = QFrame(document)
        header.setObjectName("assessmentHeader")
        self.header = header
        self.header_layout = QGridLayout(header)
        self.header_layout.setHorizontalSpacing(16)
        self.facility_label = QLabel(header)
        self.facility_label.setObjectName("assessmentFacility")
        self.facility_label.setWordWrap(True)
        # The one-line header's facility: bold, cut with 「…」 (the whole in its tooltip).
        self.facility_line = ElidedLabel(header)
        self.facility_line.setObjectName("assessmentFacilityLine")
        font = self.facility_line.font()
        font.setBold(True)
        self.facility_line.setFont(font)
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
        self.progress_label = QLabel(header)
        self.progress_label.setObjectName("headerProgress")
        self.progress_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.who_box = QWidget(header)
        who_row = QHBoxLayout(self.who_box)
        who_row.setContentsMargins(0, 0, 0, 0)
        who_row.addStretch(1)
        who_label = QLabel(self.tr("記入者(&Y):"), self.who_box)
        self.who = QComboBox(self.who_box)
        self.who.setObjectName("whoEdits")
        self.who.setEditable(True)
        self.who.setAccessibleName(self.tr("記入者（変更履歴に残る名前）"))
        self.who.setMinimumContentsLength(8)
        self.who.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        who_label.setBuddy(self.who)
        self.who.currentTextChanged.connect(self._who_changed)
        who_row.addWidget(who_label)
        who_row.addWidget(self.who)
        self._one_line: bool | None = None
        self._space_header()
        self._arrange_header(False, refresh=False)
        return header

    def _arrange_header(self, one_line: bool, *, refresh: bool = True) -> None:
        """Three lines (facility, file, folder; progress and 記入者 on the right), or one:
        the facility (cut with 「…」 if need be), the progress and 記入者."""
        if one_line == self._one_line:
            return
        self._one_line = one_line
        grid = self.header_layout
        for widget in (
            self.facility_label,
            self.facility_line,
            self.file_label,
            self.folder_label,
            self.progress_label,
            self.who_box,
        ):
            grid.removeWidget(widget)
        for column in range(3):
            grid.setColumnStretch(column, 0)
        if one_line:
            grid.addWidget(self.facility_line, 0, 0)
            grid.addWidget(self.progress_label, 0, 1)
            grid.addWidget(self.who_box, 0, 2)
        else:
            grid.addWidget(self.facility_label, 0, 0)
            grid.addWidget(self.file_label, 1, 0)
            grid.addWidget(self.folder_label, 2, 0)
            grid.addWidget(self.progress_label, 0, 1)
            grid.addWidget(self.who_box, 1, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        self.facility_label.setVisible(not one_line)
        self.file_label.setVisible(not one_line)
        self.facility_line.setVisible(one_line)
        self._space_header()
        if refresh:
            self._update_header()

    @property
    def header_is_one_line(self) -> bool:
        return bool(self._one_line)

    # -- the window's page protocol ----------------------------------------------------------

    def show_location(self, location: Location) -> None:
        self._showing_location = True
        try:
            if self.controller.assessment is None:
                return
            self._show_place(location)
        finally:
            self._showing_location = False

    def _show_place(self, location: Location) -> None:
        place = parse_part(location.item)
        if place is not None:
            self.show_tab(PART_NAMES[place.part])
            if place.where and not self.part_views[place.part].select_group(place.where):
                self.shell.show_status(
                    self.tr("「%1」はこの評価の%2にありません。")
                    .replace("%1", self._place_name(place.where))
                    .replace("%2", self.tr(place.part.part_label)),
                    8000,
                )
            return
        if location.item:
            cm_id, where = split_answer_key(location.item)
            guideline = self.shell.guideline
            cm = guideline.get(cm_id) if guideline is not None else None
            part = cm.level if isinstance(cm, Countermeasure) else self._kept_part(cm_id, where)
            view = self.part_views[part]
            self.show_tab(PART_NAMES[part])
            if not view.select(cm_id, where):
                self.shell.show_status(
                    self.tr("「%1」はこの評価の範囲にありません。").replace("%1", cm_id), 8000
                )
            if location.anchor in OTHER_TABS:
                self.show_tab(location.anchor)
            return
        if location.anchor in OTHER_TABS:
            self.show_tab(location.anchor)
        else:  # the answers: the part last shown
            self.show_tab(PART_NAMES[self._last_part])

    def _place_name(self, where: str) -> str:
        """A tool's or a step's name for a message (its id when it is neither)."""
        assessment = self.controller.assessment
        tool = next((t for t in assessment.tools if t.id == where), None) if assessment else None
        if tool is not None:
            return tool.name
        guideline = self.shell.guideline
        step = guideline.get(where) if guideline is not None else None
        return step.name if isinstance(step, Step) else where

    def _kept_part(self, cm_id: str, where: str) -> Part:
        """The part whose list shows an answer kept for an id the guideline lacks."""
        return Part.TOOL if where else Part.FACILITY

    def show_tab(self, tab: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(tab))

    def location_title(self, location: Location) -> str:
        assessment = self.controller.assessment
        if assessment is None:
            return self.tr("自己評価")
        title = self.tr("自己評価: %1").replace("%1", assessment.facility.name)
        view = self.tabs.currentWidget()
        if isinstance(view, AnswerView) and location.page == PAGE:
            title += self.tr(" ・ %1").replace("%1", self.tr(view.part.part_label))
        return title

    def current_location(self) -> Location:
        view = self.tabs.currentWidget()
        if isinstance(view, AnswerView):
            return view.location()
        return Location(PAGE, "", TABS[self.tabs.currentIndex()])

    def _report_location(self) -> None:
        if self._showing_location:
            return
        current = self.shell.current_location
        if current is not None and current.page == PAGE:
            self.shell.update_location(self.current_location())

    @property
    def answer_view(self) -> AnswerView:
        """The part being answered (the one last shown when another tab is open)."""
        view = self.tabs.currentWidget()
        return view if isinstance(view, AnswerView) else self.part_views[self._last_part]

    def show_answers(self) -> None:
        """The answers, in the part last shown, the list ready for the keyboard."""
        self.shell.navigate(part_location(self._last_part))
        self.answer_view.list.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- reacting ----------------------------------------------------------------------------

    def reload(self) -> None:
        assessment = self.controller.assessment
        if assessment is None or self.shell.guideline is None:
            self._fill_recent()
            self.setCurrentWidget(self.start_panel)
            return
        self.setCurrentWidget(self.document)
        if assessment is not self._shown_assessment:  # another document: start at the top
            self._shown_assessment = assessment
            self._last_part = Part.FACILITY
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItems(assessment.assessors)
        self.who.setEditText(self.controller.who)
        self.who.blockSignals(False)
        self._fit_who()
        for view in self.part_views.values():
            view.reload()
        self._stale_tabs = set(OTHER_TABS)
        self._refresh_tab(TABS[self.tabs.currentIndex()])
        self._update_header()

    def _space_header(self) -> None:
        """Air between the header's lines that grows with the text size: the bundled font's
        descenders reach the bottom of its line box, so lines set edge to edge look cut."""
        height = self.fontMetrics().height()
        gap = max(3, round(height * 0.2))
        if self._one_line:
            self.header_layout.setContentsMargins(16, 2, 16, 2)
        else:
            self.header_layout.setContentsMargins(16, max(8, gap), 16, max(8, gap + 2))
        self.header_layout.setVerticalSpacing(gap)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_header_to_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.tabs and event.type() == QEvent.Type.Resize:
            self._fit_tab_labels()
        return super().eventFilter(watched, event)

    def _fit_header_to_height(self) -> None:
        lines = self.height() / max(1, self.fontMetrics().height())
        self._arrange_header(lines < ONE_LINE_HEADER_BELOW_LINES)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._space_header()
            self._fit_header_to_height()
            self._fit_who()
            QTimer.singleShot(0, self._fit_tab_labels)  # once the tab bar has the new font
        if event.type() == QEvent.Type.FontChange and self.controller.assessment is not None:
            # Text size changed: tables with fitted heights are measured again, once every
            # widget below has its new font.
            self._stale_tabs.update({"progress", "gaps", "overview"})
            QTimer.singleShot(0, lambda: self._refresh_tab(TABS[self.tabs.currentIndex()]))

    def _setup_changed(self) -> None:
        for view in self.part_views.values():
            view.reload()
        self._stale_tabs.update({"progress", "gaps", "overview"})
        self._refresh_tab(TABS[self.tabs.currentIndex()])
        self._update_header()

    def _answer_changed(self, _cm_id: str) -> None:
        self._stale_tabs.update({"progress", "gaps", "overview"})
        self._update_header()

    def _tab_changed(self, index: int) -> None:
        view = self.tabs.widget(index)
        if isinstance(view, AnswerView):
            self._last_part = view.part
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
        kind_and_date = (
            self.tr("%1 ・ %2")
            .replace("%1", self.tr(facility.kind.label))
            .replace(
                "%2", self.tr("評価日 %1").replace("%1", assessment.assessment_date.isoformat())
            )
        )
        self.facility_label.setText(
            f'<span style="font-size:large"><b>{_escape(facility.name)}</b></span>'
            + _escape(self.tr("　%1").replace("%1", _unbreakable(kind_and_date)))
        )
        path = self.controller.path
        name = path.name if path is not None else self.tr("まだ保存していません")
        state = self.tr("（未保存の変更あり）") if self.controller.dirty else ""
        self.file_label.setText(self.tr("ファイル: %1%2").replace("%1", name).replace("%2", state))
        self.file_label.setToolTip(str(path) if path is not None else "")
        self.folder_label.setVisible(path is not None and not self._one_line)
        if path is not None:
            self.folder_label.setText(self.tr("保存場所: %1").replace("%1", str(path.parent)))
        # One line: the name, the rest in the tooltip (the file is in the window's title too).
        self.facility_line.set_full_text(
            facility.name,
            "\n".join(
                [kind_and_date, self.file_label.text()]
                + ([self.folder_label.text()] if path is not None else [])
            ),
        )
        total = overall(assessment, guideline)
        template = (
            self.tr("回答 %1/%2・実施率 %4")
            if self._one_line
            else self.tr("回答 %1 / %2（%3）・実施率 %4")
        )
        self.progress_label.setText(
            template.replace("%1", str(total.answered))
            .replace("%2", str(total.total))
            .replace("%3", percent(total.progress))
            .replace("%4", percent(total.coverage))
        )
        self.progress_label.setToolTip(
            self.tr("評価対象 %1 項目のうち %2 項目に回答（%3）、実施率 %4")
            .replace("%1", str(total.total))
            .replace("%2", str(total.answered))
            .replace("%3", percent(total.progress))
            .replace("%4", percent(total.coverage))
        )
        self._update_part_tabs()
        read_only = self.controller.read_only
        self.banner.setVisible(read_only)
        self.banner_text.setText(self.controller.lock_notice)
        self.take_over_button.setVisible(self.controller.can_take_over)
        self.who.setEnabled(not read_only)
        for view in self.part_views.values():
            view.editor.set_editable(self.controller.can_edit)

    def _update_part_tabs(self) -> None:
        """Each part's tab says how far it is: 「施設の体制 32/53」, or 「施設の体制 60%」 when
        the tabs would not fit the width otherwise."""
        assessment = self.controller.assessment
        guideline = self.shell.guideline
        if assessment is None or guideline is None:
            return
        self._part_tallies = coverage_by_part(assessment, guideline)
        for part, tally in self._part_tallies.items():
            self.tabs.setTabToolTip(
                TABS.index(PART_NAMES[part]),
                self.tr("%1: 回答 %2 / %3 項目（%4）・実施率 %5")
                .replace("%1", self.tr(part.part_label))
                .replace("%2", str(tally.answered))
                .replace("%3", str(tally.total))
                .replace("%4", percent(tally.progress))
                .replace("%5", percent(tally.coverage)),
            )
        self._fit_tab_labels()

    def _fit_tab_labels(self) -> None:
        bar = self.tabs.tabBar()
        for short in (False, True):
            for part, tally in self._part_tallies.items():
                label = self.tr(part.part_label)
                if tally.total:
                    label += " " + (
                        percent(tally.progress) if short else f"{tally.answered}/{tally.total}"
                    )
                self.tabs.setTabText(TABS.index(PART_NAMES[part]), label)
            # The bar is only as wide as its tabs: the room is the tab widget's width.
            if sum(bar.tabSizeHint(i).width() for i in range(bar.count())) <= self.tabs.width():
                return  # (else the bar scrolls: its arrows reach the tabs at its end)

    def _who_changed(self, text: str) -> None:
        self.controller.who = text.strip()
        self._fit_who()

    def _fit_who(self) -> None:
        """The 記入者 box as wide as the name in it (up to WHO_MAX_CHARS), so that a name such
        as 「高橋 美紀（看護師長）」 shows whole; a longer one is in the tooltip."""
        metrics = self.who.fontMetrics()
        em = metrics.horizontalAdvance("あ")
        names = [self.who.currentText()] + [self.who.itemText(i) for i in range(self.who.count())]
        widest = max(metrics.horizontalAdvance(n) for n in names)
        chrome = self.who.sizeHint().width() - metrics.horizontalAdvance("x" * 8)
        self.who.setMinimumWidth(min(widest, WHO_MAX_CHARS * em) + max(chrome, 2 * em))
        self.who.setToolTip(
            self.tr("ここに入れた名前が、変更の履歴に記録されます。")
            + (f"\n{self.who.currentText()}" if self.who.currentText() else "")
        )
        line = self.who.lineEdit()
        if line is not None and not line.hasFocus():
            line.setCursorPosition(0)  # the start of a long name, not its end

    def show_answer(self, item: str) -> None:
        """Go to an answer (``C-…`` or ``C-…@T-2``) and put the cursor in its form."""
        self.shell.navigate(Location(PAGE, item))
        self.answer_view.focus_form()

    def _next_part_with_unanswered(self, done: Part) -> None:
        """F8 at the end of a part: on to the next part that has something unanswered."""
        order = list(PARTS)
        start = order.index(done)
        for part in order[start + 1 :] + order[:start]:
            view = self.part_views[part]
            if view.list.has_unanswered():
                self.show_tab(PART_NAMES[part])
                view.list.next_unanswered(from_start=True)
                view.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self.shell.show_status(
                    self.tr("%1の未回答はありません。%2の未回答へ移りました。")
                    .replace("%1", self.tr(done.part_label))
                    .replace("%2", self.tr(part.part_label)),
                    6000,
                )
                return
        self.shell.show_status(self.tr("未回答の対策はもうありません。"), 6000)

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
