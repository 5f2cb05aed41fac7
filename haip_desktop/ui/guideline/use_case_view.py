"""The eight use cases: a list beside the chosen one's overview, actors, risks and countermeasures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QWidget

from ...guideline import UseCase
from ..shell.navigation import Location
from .badges import source_line_html
from .document_page import DocumentPage
from .guideline_html import (
    countermeasures_html,
    esc,
    filter_note,
    link,
    risks_html,
    use_case_label,
)

if TYPE_CHECKING:
    from ..shell.protocol import Shell


class UseCaseDocument(DocumentPage):
    def _use_case(self, location: Location) -> UseCase | None:
        g = self.shell.guideline
        item = g.get(location.item) if g is not None and location.item else None
        if isinstance(item, UseCase):
            return item
        return g.use_cases[0] if g is not None and g.use_cases else None

    def title_for(self, location: Location) -> str:
        uc = self._use_case(location)
        return use_case_label(uc) if uc is not None else self.tr("ユースケース")

    def page_html(self, location: Location) -> str:
        g = self.shell.guideline
        uc = self._use_case(location)
        if g is None or uc is None:
            return "<p>" + esc(self.tr("ユースケースが見つかりません。")) + "</p>"
        f = self.shell.filters.current
        out = [
            f"<h1>{esc(use_case_label(uc))}</h1>",
            "<p>" + source_line_html(uc.provenance) + "</p>",
        ]
        if uc.provenance.note:
            out.append(f'<p class="muted">{esc(uc.provenance.note)}</p>')
        if not f.use_case_visible(uc):
            out.append(
                '<p class="muted">'
                + esc(self.tr("このユースケースは、いま選んでいる施設の種類には含まれていません。"))
                + "</p>"
            )
        out.append(filter_note(f))
        out.append("<h2>" + esc(self.tr("概要")) + f"</h2><p>{esc(uc.summary)}</p>")
        settings = "・".join(s.label for s in uc.settings)
        out.append(
            "<p><b>"
            + esc(self.tr("施設: "))
            + f"</b>{esc(settings)}<br><b>"
            + esc(self.tr("主な利用者: "))
            + f"</b>{esc('、'.join(uc.actors))}</p>"
        )
        out.append("<h3>" + esc(self.tr("期待される効果")) + "</h3><ul>")
        out += [f"<li>{esc(b)}</li>" for b in uc.benefits]
        out.append("</ul>")

        steps = g.steps_for_use_case(uc.id)
        out.append(
            "<h2>" + esc(self.tr("このユースケースが現れる業務ステップ")) + f"（{len(steps)}）</h2>"
        )
        if steps:
            items = []
            for step in steps:
                flow = g.flow_of_step(step.id)
                items.append(
                    f"<li>{esc(flow.name)} › {link(Location('step', step.id), step.name)}</li>"
                )
            out.append("<ul>" + "".join(items) + "</ul>")
        else:
            out.append(
                '<p class="muted">'
                + esc(self.tr("対応付けられた業務ステップはありません。"))
                + "</p>"
            )

        risks = g.risks_for_use_case(uc.id)
        out.append("<h2>" + esc(self.tr("リスク（リスク区分別）")) + f"（{len(risks)}）</h2>")
        out.append(risks_html(g, risks, location.anchor, show_use_case=False))

        cms = f.countermeasures_for_use_cases(g, [uc])
        out.append("<h2>" + esc(self.tr("対策")) + f"（{len(cms)}）</h2>")
        out.append(countermeasures_html(g, cms, f, location.anchor))
        return "".join(out)


class UseCaseView(QSplitter):
    """The use-case list (↑↓ to choose) and the chosen use case."""

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("useCaseSplitter")
        self._shell = shell
        self.list = QListWidget(self)
        self.list.setObjectName("useCaseList")
        self.list.setAccessibleName(self.tr("ユースケースの一覧"))
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.document = UseCaseDocument(shell, self)
        self.addWidget(self.list)
        self.addWidget(self.document)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.setSizes([300, 900])
        g = shell.guideline
        assert g is not None
        for uc in g.use_cases:
            item = QListWidgetItem(use_case_label(uc))
            item.setData(Qt.ItemDataRole.UserRole, uc.id)
            item.setToolTip(uc.summary)
            self.list.addItem(item)
        shell.restore_splitter(self)
        self.list.currentItemChanged.connect(self._chosen)
        shell.filters.changed.connect(self._mark_filtered)
        self._mark_filtered()
        self._syncing = False

    def _mark_filtered(self) -> None:
        g = self._shell.guideline
        assert g is not None
        f = self._shell.filters.current
        for row in range(self.list.count()):
            item = self.list.item(row)
            uc = g.use_case(item.data(Qt.ItemDataRole.UserRole))
            visible = f.use_case_visible(uc)
            item.setForeground(Qt.GlobalColor.black if visible else Qt.GlobalColor.gray)

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is None or self._syncing:
            return
        self._shell.navigate(Location("use_case", item.data(Qt.ItemDataRole.UserRole)))

    def show_location(self, location: Location) -> None:
        self.document.show_location(location)
        uc = self.document._use_case(location)
        self._syncing = True
        for row in range(self.list.count()):
            if uc is not None and self.list.item(row).data(Qt.ItemDataRole.UserRole) == uc.id:
                self.list.setCurrentRow(row)
        self._syncing = False

    def location_title(self, location: Location) -> str:
        return self.document.title_for(location)
