"""変更点: what changed between two versions of the guideline data.

Items added, removed and changed, grouped by use case, by workflow step or by kind of item;
for a changed item its old and new text side by side with the changed characters marked
(struck out on red / underlined on green, as in the PDF). The comparison itself is the
core's (guideline.diff); this view only shows it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...guideline import Guideline, GuidelineDataError, load_guideline
from ...guideline.diff import (
    GENERAL,
    TYPE_LABELS,
    GuidelineDiff,
    ItemChange,
    diff_guidelines,
)
from ...guideline.packs import (
    PackError,
    installed_packs,
    load_guideline_from,
    packs_dir,
)
from ...paths import bundled_guideline_dir
from ..widgets import prompts
from ..widgets.busy import busy
from ..widgets.change_marks import KIND_COLOURS, esc, highlighted_html
from ..widgets.file_dialogs import (
    choose_open_file,
    choose_save_file,
    pack_filter,
    pdf_filter,
    start_folder,
    write_or_explain,
)
from ..widgets.labels import heading, note
from ..widgets.tree_rows import ROOMY_ROWS, group_row, grouped_items

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GuidelineUpdates", text)


CHANGE_ROLE = Qt.ItemDataRole.UserRole
KINDS = ("added", "removed", "changed")


@dataclass(frozen=True)
class DataSource:
    """A guideline data version the person can compare: bundled, installed, or a file."""

    label: str
    path: Path


def available_sources(current: Guideline | None = None) -> list[DataSource]:
    """The bundled data and every installed pack (newest last)."""
    sources = []
    try:
        bundled = load_guideline(bundled_guideline_dir())
        sources.append(
            DataSource(
                _tr("同梱のデータ（データ版 %1）").replace("%1", bundled.data_version),
                bundled_guideline_dir(),
            )
        )
    except GuidelineDataError:
        log.warning("Bundled guideline data cannot be loaded for the change view")
    for manifest in installed_packs():
        sources.append(
            DataSource(
                _tr("取り込んだデータ（データ版 %1・第%2版・%3）")
                .replace("%1", manifest.data_version)
                .replace("%2", str(manifest.edition))
                .replace("%3", manifest.data_date.isoformat()),
                packs_dir() / manifest.data_version,
            )
        )
    return sources


class ChangesView(QDialog):
    """Two data versions side by side: a tree of changes and the selected change's text."""

    def __init__(
        self,
        old: Guideline,
        new: Guideline,
        parent: QWidget | None = None,
        *,
        sources: list[DataSource] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changesView")
        self.setWindowTitle(self.tr("ガイドラインデータの変更点"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1180, 760)
        self.old, self.new = old, new
        self.diff: GuidelineDiff = diff_guidelines(old, new)
        self._loaded: dict[Path, Guideline] = {}
        for g in (old, new):
            if g.source_dir is not None:
                self._loaded[Path(g.source_dir)] = g

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading(self.tr("ガイドラインデータの変更点"), self))

        chooser = QHBoxLayout()
        old_label = QLabel(self.tr("旧(&O):"), self)
        self.old_combo = QComboBox(self)
        self.old_combo.setObjectName("oldData")
        self.old_combo.setAccessibleName(self.tr("比べる元のデータ（旧）"))
        old_label.setBuddy(self.old_combo)
        arrow = QLabel("→", self)
        new_label = QLabel(self.tr("新(&N):"), self)
        self.new_combo = QComboBox(self)
        self.new_combo.setObjectName("newData")
        self.new_combo.setAccessibleName(self.tr("比べる先のデータ（新）"))
        new_label.setBuddy(self.new_combo)
        self.add_source_button = QPushButton(self.tr("パックを追加(&A)…"), self)
        self.add_source_button.setAccessibleName(self.tr("比べるパックをファイルから追加"))
        self.add_source_button.clicked.connect(self.add_source_from_file)
        for widget in (old_label, self.old_combo, arrow, new_label, self.new_combo):
            chooser.addWidget(widget)
        chooser.addWidget(self.add_source_button)
        chooser.addStretch(1)
        layout.addLayout(chooser)

        self.summary = note("", self)
        self.summary.setObjectName("changesSummary")
        layout.addWidget(self.summary)

        bar = QHBoxLayout()
        group_label = QLabel(self.tr("まとめ方(&G):"), self)
        self.grouping = QComboBox(self)
        self.grouping.setObjectName("changesGrouping")
        self.grouping.setAccessibleName(self.tr("変更点のまとめ方"))
        self.grouping.addItem(self.tr("ユースケース別"), "use_case")
        self.grouping.addItem(self.tr("業務ステップ別"), "step")
        self.grouping.addItem(self.tr("項目の種類別"), "type")
        group_label.setBuddy(self.grouping)
        kind_label = QLabel(self.tr("表示(&K):"), self)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("changesKind")
        self.kind_filter.setAccessibleName(self.tr("表示する変更の種類"))
        self.kind_filter.addItem(self.tr("すべて"), "")
        self.kind_filter.addItem(self.tr("追加だけ"), "added")
        self.kind_filter.addItem(self.tr("削除だけ"), "removed")
        self.kind_filter.addItem(self.tr("変更だけ"), "changed")
        kind_label.setBuddy(self.kind_filter)
        for widget in (group_label, self.grouping, kind_label, self.kind_filter):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("changesSplitter")
        splitter.setChildrenCollapsible(False)
        self.tree = QTreeWidget(splitter)
        self.tree.setObjectName("changesTree")
        self.tree.setAccessibleName(self.tr("変更された項目の一覧"))
        self.tree.setHeaderLabels([self.tr("項目"), self.tr("変更"), self.tr("種類")])
        self.tree.setColumnCount(3)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        self.tree.setStyleSheet(ROOMY_ROWS)
        self.detail = QTextBrowser(splitter)
        self.detail.setObjectName("changeDetail")
        self.detail.setAccessibleName(self.tr("選んだ変更の旧と新の記載"))
        self.detail.setOpenLinks(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([520, 640])
        layout.addWidget(splitter, 1)

        buttons = QDialogButtonBox(self)
        self.pdf_button = buttons.addButton(
            self.tr("PDFとして保存(&P)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.pdf_button.setObjectName("savePdf")
        self.pdf_button.setAccessibleName(self.tr("変更点をPDFとして保存"))
        self.pdf_button.clicked.connect(self.save_pdf)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._fill_sources(sources if sources is not None else available_sources(new))
        self.old_combo.currentIndexChanged.connect(lambda _i: self._sources_changed())
        self.new_combo.currentIndexChanged.connect(lambda _i: self._sources_changed())
        self.grouping.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree.currentItemChanged.connect(lambda item, _prev: self._show(item))
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.save_pdf)
        self.refresh()
        self.tree.setFocus()

    # -- which data ------------------------------------------------------------------------

    def _fill_sources(self, sources: list[DataSource]) -> None:
        for combo, current in ((self.old_combo, self.old), (self.new_combo, self.new)):
            combo.blockSignals(True)
            combo.clear()
            known = False
            for source in sources:
                combo.addItem(source.label, str(source.path))
                if current.source_dir is not None and Path(current.source_dir) == source.path:
                    combo.setCurrentIndex(combo.count() - 1)
                    known = True
            if not known:
                label = self.tr("データ版 %1").replace("%1", current.data_version)
                combo.addItem(label, str(current.source_dir or ""))
                combo.setCurrentIndex(combo.count() - 1)
            combo.blockSignals(False)

    def add_source_from_file(self) -> None:
        path = choose_open_file(self, self.tr("比べるパックを選ぶ"), pack_filter())
        if path is None:
            return
        guideline = self._load(path)
        if guideline is None:
            return
        label = self.tr("ファイル %1（データ版 %2）").replace("%1", path.name)
        label = label.replace("%2", guideline.data_version)
        for combo in (self.old_combo, self.new_combo):
            combo.addItem(label, str(path))
        self.new_combo.setCurrentIndex(self.new_combo.count() - 1)

    def _load(self, path: Path) -> Guideline | None:
        if path in self._loaded:
            return self._loaded[path]
        try:
            with busy():
                guideline = load_guideline_from(path)
        except (PackError, GuidelineDataError) as exc:
            log.warning("Cannot load %s for comparison: %s", path, exc)
            problems = "\n".join(f"・{p}" for p in exc.problems[:12])
            prompts.show_error(
                self,
                self.tr("データを読み込めません"),
                self.tr("「%1」をガイドラインデータとして読み込めませんでした。\n%2")
                .replace("%1", str(path))
                .replace("%2", problems),
            )
            return None
        self._loaded[path] = guideline
        return guideline

    def _sources_changed(self) -> None:
        old = self._load(Path(self.old_combo.currentData() or ""))
        new = self._load(Path(self.new_combo.currentData() or ""))
        if old is None or new is None:
            return
        self.set_versions(old, new)

    def set_versions(self, old: Guideline, new: Guideline) -> None:
        self.old, self.new = old, new
        with busy():
            self.diff = diff_guidelines(old, new)
        self.refresh()

    def save_pdf(self) -> Path | None:
        path = save_diff_pdf(self, self.diff)
        if path is not None:
            self.last_pdf = path
        return path

    # -- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        diff = self.diff
        counts = diff.counts()
        old, new = diff.old, diff.new
        text = (
            self.tr("データ版 %1（第%2版・%3）→ データ版 %4（第%5版・%6）")
            .replace("%1", old.data_version)
            .replace("%2", str(old.edition))
            .replace("%3", old.data_date.isoformat())
            .replace("%4", new.data_version)
            .replace("%5", str(new.edition))
            .replace("%6", new.data_date.isoformat())
        )
        if diff.is_empty:
            text += "\n" + self.tr("二つのデータに違いはありません。")
        else:
            text += "\n" + self.tr("追加 %1 件・削除 %2 件・変更 %3 件").replace(
                "%1", str(counts["added"])
            ).replace("%2", str(counts["removed"])).replace("%3", str(counts["changed"]))
        self.summary.setText(text)
        self._fill_tree()

    def _groups(self) -> list[tuple[str, list[ItemChange]]]:
        diff = self.diff
        grouping = self.grouping.currentData()
        if grouping == "type":
            by_type: dict[str, list[ItemChange]] = {}
            for change in diff.changes:
                by_type.setdefault(change.item_type, []).append(change)
            return [(TYPE_LABELS[t], items) for t, items in by_type.items()]
        if grouping == "step":
            groups, names = diff.by_step(), diff.step_names
            general = self.tr("業務ステップに結び付かない変更")
        else:
            groups, names = diff.by_use_case(), diff.use_case_names
            general = self.tr("ユースケースに結び付かない変更")
        return [
            (general if key == GENERAL else names.get(key, key), items)
            for key, items in groups.items()
        ]

    def _fill_tree(self) -> None:
        current = self.tree.currentItem()
        current_id = current.data(0, CHANGE_ROLE) if current is not None else None
        kind = self.kind_filter.currentData()
        self.tree.blockSignals(True)
        self.tree.clear()
        select: QTreeWidgetItem | None = None
        for title, changes in self._groups():
            shown = [c for c in changes if not kind or c.kind == kind]
            if not shown:
                continue
            group = group_row(self.tree, title, len(shown))
            for change in shown:
                row = QTreeWidgetItem(
                    group, [f"{change.id}  {change.label}", change.kind_label, change.type_label]
                )
                row.setData(0, CHANGE_ROLE, change.id)
                back, ink = KIND_COLOURS[change.kind]
                row.setBackground(1, QBrush(QColor(back)))
                row.setForeground(1, QBrush(QColor(ink)))
                row.setToolTip(0, f"{change.id} {change.label}")
                row.setData(
                    0,
                    Qt.ItemDataRole.AccessibleTextRole,
                    f"{change.kind_label} {change.type_label} {change.id} {change.label}",
                )
                keep = select is not None and select.data(0, CHANGE_ROLE) == current_id
                if select is None or (change.id == current_id and not keep):
                    select = row
            group.setExpanded(True)
        self.tree.blockSignals(False)
        if select is not None:
            self.tree.setCurrentItem(select)
        self._show(self.tree.currentItem())

    def change_rows(self) -> list[tuple[str, str]]:
        """(kind, id) of every change row shown, for tests and accessibility checks."""
        return [(row.text(1), row.data(0, CHANGE_ROLE)) for row in grouped_items(self.tree)]

    def select_change(self, item_id: str) -> bool:
        for row in grouped_items(self.tree):
            if row.data(0, CHANGE_ROLE) == item_id:
                self.tree.setCurrentItem(row)
                return True
        return False

    def _show(self, item: QTreeWidgetItem | None) -> None:
        item_id = item.data(0, CHANGE_ROLE) if item is not None else None
        change = self.diff.get(item_id) if item_id else None
        if change is None:
            self.detail.setHtml(
                f"<p>{esc(self.tr('左の一覧から変更を選ぶと、旧と新の記載をここに並べて表示します。'))}</p>"
                if not self.diff.is_empty
                else f"<p>{esc(self.tr('二つのデータに違いはありません。'))}</p>"
            )
            return
        self.detail.setHtml(change_html(change, self.diff))


def change_html(change: ItemChange, diff: GuidelineDiff) -> str:
    """One change as HTML: what it is, and its old and new text side by side."""
    back, ink = KIND_COLOURS[change.kind]
    parts = [
        f'<h3><span style="background:{back}; color:{ink}">&nbsp;{esc(change.kind_label)}&nbsp;</span>'
        f"&nbsp;{esc(change.type_label)}　{esc(change.id)}<br>{esc(change.label)}</h3>"
    ]
    old_head = _tr("旧（データ版 %1）").replace("%1", diff.old.data_version)
    new_head = _tr("新（データ版 %1）").replace("%1", diff.new.data_version)
    if change.kind == "changed":
        parts.append(
            '<table width="100%" cellspacing="0" cellpadding="6" border="1" '
            'style="border-collapse:collapse; border-color:#c9d3de">'
            f'<tr style="background:#eef2f6"><th width="16%">{esc(_tr("項目"))}</th>'
            f'<th width="42%">{esc(old_head)}</th><th width="42%">{esc(new_head)}</th></tr>'
        )
        for f in change.fields:
            parts.append(
                f"<tr><td valign='top'><b>{esc(f.label)}</b></td>"
                f"<td valign='top'>{highlighted_html(f.old_spans(), removed=True)}</td>"
                f"<td valign='top'>{highlighted_html(f.new_spans(), removed=False)}</td></tr>"
            )
        parts.append("</table>")
        parts.append(
            f"<p style='color:#5a6675'>{esc(_tr('取り除かれた文字は赤地に取り消し線、加わった文字は緑地に下線で示します。'))}</p>"
        )
    else:
        where = new_head if change.kind == "added" else old_head
        verb = (
            _tr("新しいデータで加わった項目です。")
            if change.kind == "added"
            else _tr("新しいデータではなくなった項目です。")
        )
        parts.append(f"<p>{esc(verb)}</p>")
        if change.detail:
            parts.append(
                f"<p><b>{esc(where)}</b></p><p style='background:{back}; padding:6px'>"
                f"{esc(change.detail)}</p>"
            )
    related = []
    if change.use_cases:
        names = "、".join(diff.use_case_names.get(u, u) for u in change.use_cases)
        related.append(f"<b>{esc(_tr('関係するユースケース'))}:</b> {esc(names)}")
    if change.steps:
        names = "、".join(diff.step_names.get(s, s) for s in change.steps[:12])
        more = len(change.steps) - 12
        if more > 0:
            names += _tr(" ほか %1 件").replace("%1", str(more))
        related.append(f"<b>{esc(_tr('関係する業務ステップ'))}:</b> {esc(names)}")
    if related:
        parts.append("<p>" + "<br>".join(related) + "</p>")
    return "".join(parts)


def save_diff_pdf(parent: QWidget, diff: GuidelineDiff, folder: Path | None = None) -> Path | None:
    """Ask where, then write the change PDF; returns the file written."""
    name = (
        _tr("変更点_%1_%2.pdf")
        .replace("%1", diff.old.data_version)
        .replace("%2", diff.new.data_version)
    )
    path = choose_save_file(
        parent, _tr("変更点をPDFとして保存"), Path(start_folder(folder)) / name, pdf_filter()
    )
    if path is None:
        return None
    from ...report.guideline_diff_pdf import render_diff_pdf

    return path if write_or_explain(parent, path, lambda: render_diff_pdf(diff, path)) else None
