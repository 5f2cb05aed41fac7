"""Risk categories × use cases: how many countermeasures each cell has; a cell opens its list.

Each cell is tinted by the severity of the use case's risk in that category (高・中・低) and
shows the number of countermeasures (after the perspective filter). Arrow keys move between
cells; Enter or a click shows the cell's risks and countermeasures below the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...guideline import Countermeasure, Guideline, Risk, RiskCategory, UseCase
from ..shell.navigation import Location
from ..widgets.level_text import level_counts_text
from ..widgets.style import INK, MUTED, NO_RISK_COUNTERMEASURES, PAGE, SEVERITY_COLOURS
from ..widgets.table_items import column_header
from ..widgets.text_wrap import widest_unit, wrap_lines
from .badges import badge_html, source_line_html
from .document_page import DocumentPage
from .guideline_html import (
    countermeasures_html,
    esc,
    filter_note,
    link,
    risks_html,
    use_case_label,
    use_case_link,
)

if TYPE_CHECKING:
    from ..shell.protocol import Shell


class WrappingHeader(QHeaderView):
    """A header whose labels wrap (long Japanese names) instead of being cut off."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.setSectionsClickable(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self._refitting = False
        if orientation == Qt.Orientation.Horizontal:
            # Wrapped labels need more height when the columns get narrower.
            self.sectionResized.connect(self._refit)

    def _refit(self, *_: object) -> None:
        if self._refitting:
            return
        self._refitting = True
        QTimer.singleShot(0, self._apply_refit)

    def _apply_refit(self) -> None:
        self._refitting = False
        table = self.parentWidget()
        if isinstance(table, QTableView):
            table.updateGeometries()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        if self.orientation() == Qt.Orientation.Horizontal and self.count():
            tallest = max(
                self.sectionSizeFromContents(i).height()
                for i in range(self.count())
                if not self.isSectionHidden(i)
            )
            hint.setHeight(tallest)
        return hint

    def _text(self, section: int) -> str:
        model = self.model()
        if model is None:
            return ""
        return str(model.headerData(section, self.orientation(), Qt.ItemDataRole.DisplayRole) or "")

    def _wrap_width(self, section: int) -> int:
        em = QFontMetrics(self.font()).horizontalAdvance("あ")
        if self.orientation() == Qt.Orientation.Horizontal:
            return max(em * 4, self.sectionSize(section) - (em // 4) * 2)
        # Row headings: wide enough that no word is cut (「医薬品医療機器等法」), within reason.
        metrics = QFontMetrics(self.font())
        widest = max((widest_unit(self._text(i), metrics) for i in range(self.count())), default=0)
        return max(em * 8, min(em * 11, widest))

    def _lines(self, section: int) -> list[str]:
        metrics = QFontMetrics(self.font())
        return wrap_lines(self._text(section), metrics, self._wrap_width(section))

    def sectionSizeFromContents(self, logical_index: int) -> QSize:  # noqa: N802 - Qt override
        metrics = QFontMetrics(self.font())
        lines = self._lines(logical_index)
        width = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        pad = metrics.height() // 2
        return QSize(width + pad * 2, metrics.lineSpacing() * len(lines) + pad)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:  # noqa: N802
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical_index
        option.text = ""
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.save()
        painter.setPen(QColor(INK))
        metrics = QFontMetrics(self.font())
        side = metrics.horizontalAdvance("あ") // 4  # as in _wrap_width: em/2 in all
        top = metrics.height() // 4
        align = (
            Qt.AlignmentFlag.AlignCenter
            if self.orientation() == Qt.Orientation.Horizontal
            else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        painter.drawText(
            rect.adjusted(side, top, -side, -top), int(align), "\n".join(self._lines(logical_index))
        )
        painter.restore()


class RiskCellDocument(DocumentPage):
    """What one cell, one row or the whole table holds, in words."""

    def title_for(self, location: Location) -> str:
        return self.tr("リスク表")

    def page_html(self, location: Location) -> str:
        g = self.shell.guideline
        if g is None:
            return ""
        f = self.shell.filters.current
        category = g.get(location.item) if location.item else None
        use_case = g.get(location.anchor) if location.anchor else None
        if isinstance(category, RiskCategory) and isinstance(use_case, UseCase):
            risks = [r for r in g.risks_for_use_case(use_case.id) if r.category == category.id]
            cms = f.countermeasures_for_cell(g, category.id, use_case.id)
            out = [
                f"<h2>{link(Location('risk_matrix', category.id), category.name)} × "
                f"{use_case_link(use_case)}</h2>",
                filter_note(f),
                "<h3>" + esc(self.tr("リスク")) + "</h3>",
                risks_html(g, risks, show_use_case=False)
                if risks
                else self._no_risk_html(category, use_case, cms),
                f"<h2>{esc(self.tr('対策'))}（{len(cms)}）</h2>",
                countermeasures_html(g, cms, f),
            ]
            return "".join(out)
        if isinstance(category, RiskCategory):
            out = [
                f"<h2>{esc(category.name)}</h2>",
                f"<p>{esc(category.description)}</p>",
                "<p>" + source_line_html(category.provenance) + "</p>",
                "<h3>" + esc(self.tr("ユースケースごとの件数")) + "</h3><ul>",
            ]
            for uc in f.use_cases(g):
                cell = Location("risk_matrix", category.id, uc.id)
                risk = next(
                    (r for r in g.risks_for_use_case(uc.id) if r.category == category.id), None
                )
                cms = f.countermeasures_for_cell(g, category.id, uc.id)
                out.append(
                    f"<li>{link(cell, use_case_label(uc))}: "
                    + esc(self.tr("対策 %1 件").replace("%1", str(len(cms))))
                    + esc(
                        self.tr("（重大度 %1）").replace("%1", risk.severity.label)
                        if risk is not None
                        else self.tr("（リスクの記載なし）")
                    )
                    + (f'　<span class="muted">{esc(level_counts_text(cms))}</span>' if cms else "")
                    + "</li>"
                )
            out.append("</ul>")
            refs = g.references_for_category(category.id)
            if refs:
                out.append("<h3>" + esc(self.tr("関係法令・参考資料")) + "</h3><ul>")
                out += [f"<li>{link(Location('references', r.id), r.title)}</li>" for r in refs]
                out.append("</ul>")
            return "".join(out)
        return (
            '<p class="muted">'
            + esc(
                self.tr(
                    "表のマスを選ぶ（クリック、または矢印キーで移動して Enter）と、"
                    "そのリスク区分とユースケースの組み合わせのリスクと対策がここに表示されます。"
                    "行の見出しを選ぶと、リスク区分の説明が表示されます。"
                )
            )
            + "</p>"
        )

    def _no_risk_html(
        self, category: RiskCategory, use_case: UseCase, cms: list[Countermeasure]
    ) -> str:
        """Why a cell without a risk can still count countermeasures: what they address here."""
        text = '<p class="muted">' + esc(
            self.tr("このユースケースには、この区分のリスクは挙げられていません。")
        )
        if not cms:
            return text + "</p>"
        g = self._guideline()
        addressed = [
            r
            for r in g.risks_for_use_case(use_case.id)
            if any(r in g.risks_addressed_by(cm) for cm in cms)
        ]
        text += esc(
            self.tr(
                "下の対策は「%1」にも分類されていて、このユースケースでは次のリスクへの対策として"
                "挙げられています。"
            ).replace("%1", category.name)
        )
        items = "".join(
            "<li>"
            + link(
                Location("risk_matrix", r.category, use_case.id), g.risk_category(r.category).name
            )
            + f"：{esc(r.title)}（{esc(self.tr('重大度 %1').replace('%1', r.severity.label))}）</li>"
            for r in addressed
        )
        return text + "</p>" + (f"<ul>{items}</ul>" if items else "")

    def _guideline(self) -> Guideline:
        g = self.shell.guideline
        assert g is not None
        return g


class RiskMatrixView(QSplitter):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("riskMatrixSplitter")
        self._shell = shell
        g = shell.guideline
        assert g is not None
        self.categories = list(g.risk_categories)
        self.use_cases = list(g.use_cases)

        top = QScrollArea(self)
        top.setObjectName("riskMatrixTop")
        top.setWidgetResizable(True)
        top.setFrameShape(QFrame.Shape.NoFrame)
        top.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.top = top
        content = QWidget(top)
        content.setObjectName("riskMatrixContent")
        content.setStyleSheet(f"QWidget#riskMatrixContent {{ background: {PAGE}; }}")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 8)
        heading = QLabel(content)
        heading.setWordWrap(True)
        heading.setText(
            '<span style="font-size:x-large; font-weight:bold;">'
            + esc(self.tr("リスク表（リスク区分 × ユースケース）"))
            + "</span>"
        )
        layout.addWidget(heading)
        self.legend = QLabel(content)
        self.legend.setObjectName("riskMatrixLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        swatches = "&nbsp;&nbsp; ".join(
            badge_html(label, colours)
            for colours, label in (
                (SEVERITY_COLOURS["high"], self.tr("重大度 高")),
                (SEVERITY_COLOURS["medium"], self.tr("重大度 中")),
                (SEVERITY_COLOURS["low"], self.tr("重大度 低")),
                (NO_RISK_COUNTERMEASURES, self.tr("リスクの記載はないが対策あり")),
            )
        )
        self.legend.setText(
            f'<span style="color:{MUTED};">'
            + esc(
                self.tr(
                    "数字はそのマスの対策の数、色はそのユースケースに挙げられたリスクの重大度です。"
                    "青灰色のマスにはこの区分のリスクの記載がなく、数字はほかのリスクへの対策を兼ねる"
                    "この区分の対策の数です。「—」はリスクも対策もないマスです。"
                )
            )
            + "</span><br>"
            + swatches
        )
        layout.addWidget(self.legend)

        self.table = QTableWidget(len(self.categories), len(self.use_cases), content)
        self.table.setObjectName("riskMatrix")
        self.table.setAccessibleName(self.tr("リスク区分とユースケースの表"))
        self.table.setHorizontalHeader(WrappingHeader(Qt.Orientation.Horizontal, self.table))
        self.table.setVerticalHeader(WrappingHeader(Qt.Orientation.Vertical, self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("UC%1\n%2").replace("%1", str(uc.number)).replace("%2", _short(uc.name))
                for uc in self.use_cases
            ]
        )
        self.table.setVerticalHeaderLabels([rc.name for rc in self.categories])
        for col, uc in enumerate(self.use_cases):
            column_header(self.table, col).setToolTip(uc.name)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        hh.setMinimumSectionSize(QFontMetrics(self.font()).horizontalAdvance("あ") * 4)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellClicked.connect(self._open_cell)
        self.table.cellActivated.connect(self._open_cell)
        self.table.verticalHeader().sectionClicked.connect(self._open_row)
        # Every row is always there: the table is as tall as its rows, the pane scrolls.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.currentCellChanged.connect(self._keep_current_cell_visible)
        layout.addWidget(self.table)
        layout.addStretch(1)
        top.setWidget(content)
        self.top_content = content

        self.document = RiskCellDocument(shell, self)
        self.document.setObjectName("riskCellDocument")
        self.addWidget(top)
        self.addWidget(self.document)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self._sized = shell.restore_splitter(self)  # the person sized it in an earlier session
        shell.filters.changed.connect(self.refresh)
        self.refresh()

    def risk(self, category_id: str, use_case_id: str) -> Risk | None:
        g = self._shell.guideline
        assert g is not None
        return next(
            (r for r in g.risks_for_use_case(use_case_id) if r.category == category_id), None
        )

    def fit_table_height(self) -> None:
        """The table is as tall as all its rows; the pane around it scrolls when it must."""
        table = self.table
        height = (
            table.horizontalHeader().sizeHint().height()
            + table.verticalHeader().length()
            + table.frameWidth() * 2
            + (
                table.horizontalScrollBar().sizeHint().height()
                if table.horizontalScrollBar().isVisible()
                else 0
            )
        )
        table.setFixedHeight(height)

    def _keep_current_cell_visible(self, row: int, col: int, *_: int) -> None:
        if row < 0 or col < 0:
            return
        rect = self.table.visualRect(self.table.model().index(row, col))
        centre = self.table.viewport().mapTo(self.top_content, rect.center())
        self.top.ensureVisible(centre.x(), centre.y(), rect.width(), rect.height())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.fit_table_height()
        if not self._sized:  # first time: the table as tall as it needs, within reason
            self._sized = True
            total = sum(self.sizes())
            wanted = self.top_content.sizeHint().height()
            top = min(wanted, total * 3 // 4)
            self.setSizes([top, total - top])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self.fit_table_height)

    def refresh(self) -> None:
        g = self._shell.guideline
        assert g is not None
        f = self._shell.filters.current
        for col, uc in enumerate(self.use_cases):
            self.table.setColumnHidden(col, not f.use_case_visible(uc))
            for row, rc in enumerate(self.categories):
                risk = self.risk(rc.id, uc.id)
                cms = f.countermeasures_for_cell(g, rc.id, uc.id)
                count = len(cms)
                item = self.table.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, col, item)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if risk is None and count == 0:
                    item.setText("—")
                    item.setForeground(QColor("#9aa5b1"))
                    item.setBackground(QColor(PAGE))
                    tip = self.tr("%1 × %2: 該当するリスクはありません")
                else:
                    item.setText(str(count))
                    item.setForeground(QColor(INK))
                    if risk is not None:
                        item.setBackground(QColor(SEVERITY_COLOURS[risk.severity.value][0]))
                        tip = (
                            self.tr("%1 × %2: ")
                            + risk.title
                            + self.tr("（重大度 ")
                            + risk.severity.label
                            + "）"
                        )
                    else:
                        item.setForeground(QColor(NO_RISK_COUNTERMEASURES[1]))
                        item.setBackground(QColor(NO_RISK_COUNTERMEASURES[0]))
                        tip = self.tr(
                            "%1 × %2: リスクの記載はありませんが、"
                            "この区分の対策がほかのリスクへの対策として当てはまります"
                        )
                tip = tip.replace("%1", rc.name).replace("%2", uc.name)
                if cms:  # who acts on them
                    tip += "\n" + self.tr("対策: %1").replace("%1", level_counts_text(cms))
                item.setToolTip(tip)
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole,
                    self.tr("%1、%2、%4、対策 %3 件")
                    .replace("%1", rc.name)
                    .replace("%2", uc.name)
                    .replace("%3", str(count) + (f"（{level_counts_text(cms)}）" if cms else ""))
                    .replace(
                        "%4",
                        self.tr("重大度 %1").replace("%1", risk.severity.label)
                        if risk is not None
                        else self.tr("リスクの記載なし"),
                    ),
                )

    def _open_cell(self, row: int, col: int) -> None:
        self._shell.navigate(
            Location("risk_matrix", self.categories[row].id, self.use_cases[col].id)
        )

    def _open_row(self, row: int) -> None:
        self._shell.navigate(Location("risk_matrix", self.categories[row].id))

    def show_location(self, location: Location) -> None:
        row = next((i for i, rc in enumerate(self.categories) if rc.id == location.item), -1)
        col = next((i for i, uc in enumerate(self.use_cases) if uc.id == location.anchor), -1)
        if row >= 0 and col >= 0:
            self.table.setCurrentCell(row, col)
        elif row >= 0:
            self.table.setCurrentIndex(QModelIndex())
            self.table.selectRow(row)
        # The document shows the cell or row; its anchor field carries the use case id.
        self.document.location = location
        self.document.set_document(self.document.page_html(location))
        self.document.verticalScrollBar().setValue(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        current = self.table.currentIndex()
        if current.isValid():
            QTimer.singleShot(
                0, lambda: self._keep_current_cell_visible(current.row(), current.column())
            )

    def location_title(self, location: Location) -> str:
        return self.tr("リスク表")


def _short(name: str) -> str:
    """A use case's name without its parenthesised examples, for the narrow column header."""
    return name.split("（")[0]
